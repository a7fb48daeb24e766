/* pdf_alt.h — the alternative descriptions (/Alt) of a PDF's figures, which
 * cairo 1.16 cannot write, as an incremental update of cairo's output. */
#ifndef WARTA_PDF_ALT_H
#define WARTA_PDF_ALT_H

#include <glib.h>
#include <stddef.h>

/* pdf[0..len) is a whole PDF that cairo 1.16 wrote, with n Figure structure
 * elements tagged in the order of alt[0..n) (UTF-8; an empty one is a
 * decorative picture: no /Alt).  Appends to out the incremental update
 * that gives each its /Alt.  0 (nothing appended when no alt is given), or
 * -1 with *why (g_free) when the PDF is not as cairo writes it or holds
 * another number of figures. */
int rn_pdf_alt(const unsigned char *pdf, size_t len, char *const *alt, int n, GString *out,
               char **why);

#endif
