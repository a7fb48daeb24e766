/* linebreak.h — Knuth–Plass total-fit line breaking over abstract items
 * (boxes, glue, penalties); no font calls here.  Knuth & Plass, "Breaking
 * Paragraphs into Lines", SP&E 11 (1981); tex.web §813–§890.  Reads an item
 * list and line widths; writes the chosen breaks with their adjustment ratios. */
#ifndef WARTA_LINEBREAK_H
#define WARTA_LINEBREAK_H

#include <stddef.h>

enum lb_type { LB_BOX, LB_GLUE, LB_PENALTY };

#define LB_INFINITY 10000        /* penalty ≥ this: no break; ≤ -this: forced break */

struct lb_item {
	enum lb_type type;
	double width;            /* pt; for a penalty, the width added if the line breaks here (a hyphen) */
	double stretch, shrink;  /* glue only, pt */
	int penalty;             /* penalty only */
	int flagged;             /* penalty: a hyphen (discretionary or explicit) */
	int hyphenation;         /* penalty: inserted by the hyphenator (ignored in the first pass) */
};

struct lb_params {
	int pretolerance;        /* first pass, no hyphenation; < 0 skips it (TeX: 100) */
	int tolerance;           /* second pass (TeX: 200) */
	double emergency_stretch;/* third pass background stretch, pt; 0: no third pass */
	int line_penalty;        /* TeX: 10 */
	int adj_demerits;        /* TeX: 10000 */
	int double_hyphen_demerits; /* TeX: 10000 */
	int final_hyphen_demerits;  /* TeX: 5000 */
	int looseness;           /* TeX: 0 */
	int max_hyphen_run;      /* no more than this many hyphenated lines in a row; 0: no limit */
};

struct lb_line {
	size_t start, end;       /* items [start, end): end is the break item (or n) */
	double ratio;            /* adjustment ratio: > 0 stretched, < 0 shrunk */
	int fitness;             /* 0 tight, 1 decent, 2 loose, 3 very loose (tex.web §817) */
	int hyphenated;          /* ends at a flagged penalty */
	int overfull;            /* could not be made to fit */
};

struct lb_result {
	struct lb_line *lines;
	size_t n_lines;
	int pass;                /* 1, 2 or 3: the pass that succeeded */
	double demerits;
};

void lb_params_default(struct lb_params *p);  /* plain.tex's values */
/* Breaks items[0..n) (which must end with glue + forced penalty, tex.web §816) into
 * lines of widths[i] (the last width repeats).  Always succeeds: the final pass
 * accepts overfull lines and marks them.  0, or -1 on allocation failure. */
int lb_break(const struct lb_item *items, size_t n, const double *widths, size_t n_widths,
             const struct lb_params *p, struct lb_result *out);
void lb_result_free(struct lb_result *r);

#endif
