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
/* What rn_pdf_update adds to a PDF cairo 1.16 wrote. */
struct rn_pdf_fix {
	char *const *alt;               /* the Figure elements' descriptions in tagging order */
	int n_alt;                      /* (0: none to add) */
	char *const *tags;              /* "NAME" or "NAME LANG": structure elements of these
	                                 * names in the order they were begun (elements of other
	                                 * names in between are skipped), LANG their /Lang */
	int n_tags;
	const char *lang;               /* the catalog's /Lang (the document's), or NULL */
	int front;                      /* the last `front` pages put first, with their structure
	                                 * elements (0: none) */
	size_t base;                    /* pdf[0] is byte base of the file: the bytes before it
	                                 * (the pages, written before cairo's finish) are not kept */
};

/* Appends to out the incremental update that adds fix to pdf[0..len) (the
 * file's bytes from fix->base to its end).  0 (nothing appended when there
 * is nothing to add), or -1 with *why (g_free) when the PDF is not as cairo
 * writes it or its elements are not those fix names. */
int rn_pdf_update(const unsigned char *pdf, size_t len, const struct rn_pdf_fix *fix, GString *out,
                  char **why);

/* Whether every object cairo wrote into pdf[0..len) (the file's bytes from
 * base to its end: what cairo_surface_finish writes, the fonts and the
 * structure among them) is where the cross-reference table says: cairo
 * 1.16 can leave an object out without an error when memory runs out (a
 * font subset).  0, or -1 with *why (g_free). */
int rn_pdf_check(const unsigned char *pdf, size_t len, size_t base, char **why);

int rn_pdf_alt(const unsigned char *pdf, size_t len, char *const *alt, int n, GString *out,
               char **why);

#endif
