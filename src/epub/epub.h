/* epub.h — the e-book back end: documents + style → an EPUB 3 book (with an
 * EPUB 2 toc.ncx) that epubcheck passes: XHTML per article, package document,
 * nav, CSS from the same style as the print, a cover drawn with Cairo, zipped
 * with libzip and written atomically. */
#ifndef WARTA_EPUB_H
#define WARTA_EPUB_H

#include <stddef.h>

#include "doc/doc.h"
#include "style/style.h"
#include "util/diag.h"

struct warta_epub_opts {
	int embed_fonts;             /* --embed-fonts */
	const char *edition_title;   /* several docs: the edition's title; NULL for one article */
	const char *edition_date;    /* "YYYY-MM-DD" or NULL */
};

/* Writes docs[0..n) as one book to out_path ("-": stdout), atomically.
 * 0, or -1 with the reason in d and nothing left at out_path. */
int warta_epub_write(struct warta_doc *const *docs, size_t n, const struct warta_style *style,
                     const struct warta_epub_opts *opts, const char *out_path,
                     struct warta_diags *d);

#endif
