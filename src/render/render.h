/* render.h — the print back end: documents + style → pages → PDF, PNG, SVG
 * or a layout trace, through Pango/HarfBuzz shaping, Knuth–Plass lines
 * (layout/), a page builder and an outputter (render/out.h).  The engine
 * (fonts, dictionaries) is made once and shared by threads; each render call
 * holds a Pango font map and context of its own (kept in the engine for the
 * next call). */
#ifndef WARTA_RENDER_H
#define WARTA_RENDER_H

#include <stddef.h>

#include "doc/doc.h"
#include "style/style.h"
#include "util/diag.h"

/* The formats: a PDF, PNG or SVG pages (Cairo), or WARTA_PRINT_TRACE, a text
 * trace of the layout (doc/trace.md: one line per set line with its
 * baseline, left edge, break kind and adjustment ratio; rules, drop caps;
 * the page, column and notes each belongs to), what golden tests compare. */
enum warta_print_format { WARTA_PRINT_PDF, WARTA_PRINT_PNG, WARTA_PRINT_SVG, WARTA_PRINT_TRACE };

struct warta_engine;

/* Loads the font set (fonts/fonts.list through its own fontconfig configuration)
 * and the hyphenation dictionaries.  NULL on error, with the reason in d.
 * That configuration becomes fontconfig's current (default) one for the
 * process, so that Pango's FcInit thread loads no system configuration. */
struct warta_engine *warta_engine_new(struct warta_diags *d);
void warta_engine_free(struct warta_engine *e);
/* The engine's fontconfig configuration: warta's font set, shared
 * read-only, kept by the engine (the EPUB writer lists and embeds faces
 * from it). */
struct _FcConfig *warta_engine_fc(const struct warta_engine *e);

/* A Pango context that sets text as the print engine does: warta's font set
 * fc (warta_fonts_config), 72 units a point, unhinted outlines and metrics,
 * glyph positions not rounded.  It holds a new font map of its own:
 * g_object_unref the context alone. */
struct _PangoContext *warta_print_context_new(struct _FcConfig *fc);

struct warta_render_opts {
	enum warta_print_format format;
	double dpi;                  /* PNG: 0 means 150 */
	int first_page, last_page;   /* PNG/SVG page range, 1-based; 0: all */
	const char *edition_title;   /* several docs: the edition's masthead; NULL for one article */
	const char *edition_date;    /* "YYYY-MM-DD" or NULL */
	const char *edition_number;  /* the nameplate's edition line ("12", "XII/345"), or NULL */
	const char *edition_lang;    /* the edition's language (BCP 47): its masthead, date,
	                              * labels and direction; NULL: the most common among docs
	                              * (a tie: the first); each article keeps its own */
	int by_group;                /* an edition's sections are the docs' meta.group (the
	                              * command line's grouping), not their meta.section */
	int threads;                 /* 2 or more: an edition of several docs lays its articles
	                              * out in a second thread while this one draws, and so
	                              * does one long article (render/article_mt.c; 64 KB of
	                              * text or more) its paragraphs and pages (the same
	                              * bytes); 0 or 1: one thread */
};

/* What --report prints (README, "The typesetting report"): lines of body
 * text set; of them the justified lines measured as the column bench's
 * pdf-spacing.py measures them (the mean gap between the words of a line
 * over the em, the em being the height of the line's text box, the fonts'
 * ascent plus descent: what a PDF's text extraction calls the line's
 * height), loose above 0.50 em, tight below 0.15 em. */
struct warta_report {
	int pages, lines, loose, tight, hyphenated, longest_hyphen_run, overfull, widows, orphans;
	int justified;               /* justified lines of three words or more: the measured ones */
	double gap_sum, gap_max;     /* their mean word gaps, em: the sum, the largest */
	int pages_written;           /* pages in the output (--pages), of pages */
	int grid;                    /* 1: set on a baseline grid (a multi-column style; an
	                                edition made up as flow or modular pages) */
	int off_grid;                /* then: body lines whose baseline is not on the grid */
	int kashidas;                /* Arabic joints drawn longer to justify lines (layout/kashida.c) */
};

/* Sets docs[0..n) (one article, or an edition) in style and writes out_path
 * atomically (util/output.h; "-" for stdout).  PNG/SVG with several pages in
 * the range write NAME-N.png / NAME-N.svg (N the page number; "-" then is an
 * error), one page writes out_path itself.  An edition (n > 1 or an
 * edition_title) starts with a masthead and contents, each article on a new
 * page, a new section whenever doc->meta.section (by_group: meta.group) changes.  The PDF's
 * CreationDate is SOURCE_DATE_EPOCH, else the edition's or first article's
 * date (UTC), so the same input gives the same bytes.  report may be NULL.
 * Thread-safe with one engine shared by all threads.
 * 0, or -1 with the reason in d and nothing left at out_path. */
int warta_render(struct warta_engine *e, const struct warta_style *style,
                 struct warta_doc *const *docs, size_t n, const struct warta_render_opts *opts,
                 const char *out_path, struct warta_report *report, struct warta_diags *d);

#endif
