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

struct warta_engine;

struct warta_epub_opts {
	int embed_fonts;             /* --embed-fonts */
	const char *edition_title;   /* several docs: the edition's title; NULL for one article */
	const char *edition_date;    /* "YYYY-MM-DD" or NULL */
	const char *edition_publisher; /* an edition's publisher and creator, or NULL */
	const char *edition_lang;    /* an edition's language (BCP 47): its pages' and nav's,
	                              * dc:language first; NULL: the most common among docs
	                              * (a tie: the first); each article keeps its own */
	struct warta_engine *engine; /* warta's font set (render.h's warta_engine_new), the
	                              * print's: the cover's fonts and font maps and the
	                              * embedded faces come from it; NULL: the write makes
	                              * one for itself, and frees it */
};

/* Writes docs[0..n) as one book to out_path ("-": stdout), atomically.
 * One article (n == 1, no edition_title): cover, nav, the article.  An edition
 * (n > 1 or edition_title): cover, title page, then a section page whenever
 * docs[i]->meta.group changes (the caller groups), each followed by its articles (in the order
 * given); each article keeps its language and direction.  The bytes depend on
 * the input alone: dcterms:modified comes from SOURCE_DATE_EPOCH, else the
 * newest article date.  Problems that still give a valid book (no font set:
 * no cover; a font that cannot be embedded) are warnings.  Safe to call from
 * several threads at once (with one engine: it lends each call its own font
 * map).  Keeps no state between calls.
 * 0, or -1 with the reason in d and nothing left at out_path. */
int warta_epub_write(struct warta_doc *const *docs, size_t n, const struct warta_style *style,
                     const struct warta_epub_opts *opts, const char *out_path,
                     struct warta_diags *d);

#endif
