/* fit.h — fitting text and tables into a measure: a running head shortened
 * at a word boundary with an ellipsis, table column widths from content.
 * Pure functions (the caller measures text); used by the print back end. */
#ifndef WARTA_LAYOUT_FIT_H
#define WARTA_LAYOUT_FIT_H

#include <stddef.h>

/* Width of text[0, n) as set. */
typedef double (*warta_measure_fn)(const char *text, size_t n, void *data);

/* text when it fits width; else its longest start that ends at a word
 * boundary and fits with an ellipsis "…" after it (spaces and punctuation
 * before the cut dropped: "… AND SET OFF…" not "… AND SET OFF, …"); else
 * (a first word wider than the measure) its longest start of whole
 * characters that fits with the ellipsis; "…" alone at worst.  The result
 * is newly allocated (g_free). */
char *warta_fit_words(const char *text, double width, warta_measure_fn measure, void *data);

/* Widths of n table columns in avail: min[i] is column i's narrowest
 * width (its widest unbreakable word, padding included), nat[i] its width
 * set on one line.  When every column fits on one line each gets its
 * natural width and an equal share of what is left; else each gets its
 * minimum and the rest of the measure is shared in proportion to what each
 * lacks of its natural width (nat - min), so no column is squeezed under a
 * word while another has slack; when the minimums themselves do not fit,
 * the columns get avail in proportion to their minimums.  out[n]. */
void warta_col_widths(int n, const double *min, const double *nat, double avail, double *out);

#endif
