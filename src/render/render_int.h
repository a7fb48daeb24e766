/* render_int.h — internals shared by the print back end's files: render.c
 * (tree → vertical list → pages) and draw.c (pages → PDF/PNG/SVG/trace).
 * Not used outside src/render/. */
#ifndef WARTA_RENDER_INT_H
#define WARTA_RENDER_INT_H

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "layout/page.h"
#include "layout/para.h"
#include "render/render.h"

struct warta_engine {
	struct _FcConfig *fc;           /* only warta's fonts; shared read-only */
	struct warta_hyphenator *hyph;  /* shared read-only */
	GMutex lock;                    /* guards fonts */
	GPtrArray *fonts;               /* idle struct rn_fonts, kept for the next call */
};

/* A Pango font map and its context, used by one warta_render call at a time
 * and then kept in the engine for the next: a batch's articles share its
 * fonts, their metrics and coverage, instead of loading them per article. */
struct rn_fonts {
	PangoFontMap *fontmap;
	PangoContext *ctx;
};

/* Structure of the tagged PDF: which element a line belongs to. */
struct rblock {
	const char *tag;                /* "P", "H1", "H2" */
	int id;                         /* distinguishes consecutive blocks */
	int sect;                       /* section number (Sect), 0: before the first */
	int quote;                      /* block quote number (BlockQuote), 0: none */
	int list, item;                 /* list and item numbers (L › LI › LBody), 0: none */
	int table, row, header;         /* table and row numbers (Table › TR › TH/TD), 0: none */
	char *dest;                     /* named destination at its first line, or NULL */
};

struct routline {                       /* an entry of the PDF outline */
	char *text, *dest;
	int h1;                         /* the article's title; else a heading under it */
};

struct rdrop {                          /* a drop cap */
	char *text;                     /* the letter */
	char *family;
	double size, width;             /* pt; width includes the gap */
	double rise;                    /* pt its baseline sits above line N's (a descender) */
	int lines;                      /* lines it spans */
	int indent_lines;               /* lines set beside it (= lines) */
	unsigned int color;
};

struct rcell {
	struct pa_para *para;
	double x;                       /* from the row's left edge */
};

enum rl_kind { RL_TEXT, RL_RULE, RL_ROW };

struct rline {                          /* what one pb_item draws */
	enum rl_kind kind;
	struct rblock *blk;
	struct pa_para *para;           /* RL_TEXT */
	int line;
	double x;                       /* left edge inside the column, pt */
	double width, thick;            /* RL_RULE, RL_ROW */
	struct pa_para *label;          /* list label set before the line */
	double label_gap;
	struct rdrop *cap;              /* drop cap drawn with this (first) line */
	struct pa_para *rlabel;         /* set at rlabel_x on the same baseline (contents page numbers) */
	double rlabel_x;
	GPtrArray *cells;               /* RL_ROW: struct rcell * */
	double lead;                    /* RL_ROW: line advance in cells */
	int header;
};

struct art {                            /* one document laid out */
	struct warta_doc *doc;
	int index;
	int continues_word;             /* pa_setup.continues_word */
	/* what the pages not yet drawn need: whatever only drawn pages used
	 * is freed as the article goes (render.c art_trim) */
	GPtrArray *rlines, *blocks, *paras, *drops;
	GPtrArray *outline;             /* struct routline *, known before the first page */
	GArray *v;                      /* the body's vertical list (struct pb_item) from the
	                                   first item of the next page on */
	GArray *head;                   /* the headline block's list */
	double head_height;
	struct pa_para **fn;            /* footnotes by index */
	double *fn_height;
	int n_fn;
	struct pb_stream ps;            /* the page builder */
	int pages_done;                 /* pages drawn */
	/* draws (or counts) a page as soon as the page builder has made it:
	 * the column ranges of pg index v, its notes ps.order; pages_done is
	 * its index in the article */
	void (*page)(void *data, struct art *A, const struct pb_page *pg);
	void *page_data;
	struct pa_para *hold;           /* being cut in pieces: kept by art_trim */
	struct rblock *hold_blk;
	int depth;                      /* blocks() nesting: pages are made between top-level blocks */
	int keep;                       /* pages to keep whole (kept), 0: stream and free */
	GArray *kept;                   /* struct pb_page: its pages, while keep */
	int n_blocks;                   /* blocks made (their ids) */
	int sect, quote_id, keep_next, after_heading, after_para, had_body, hyph_run;
	int contents;                   /* an edition's masthead and contents */
	int justify_last;               /* setting a piece of a huge paragraph */
	int list_id, item_id, table_id, row_id;  /* counters for the structure */
	int cur_list, cur_item;         /* the list item being set, 0: none */
	int cur_table;                  /* the table being set, 0: none */
};

struct rn {                             /* one warta_render call */
	struct warta_engine *e;
	const struct warta_style *style;
	struct warta_diags *d;
	const struct warta_render_opts *opts;
	struct warta_doc *const *docs;
	size_t n_docs;
	const char *out_path;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	double textw, texth, colw;
	int cols;
	char prefix[32];                /* destination name prefix of the current article */
	char *create_date;
	struct warta_report rep;
	/* output state (draw.c) */
	int page_no;                    /* pages emitted so far */
	int counting;                   /* layout pass of an edition: draw nothing */
	const char *running;            /* running head text */
	const char *kicker;             /* section name over the next headline (editions) */
};

struct pa_fmt rn_fmt(const struct rn *R, enum warta_element e);
double rn_leading(const struct rn *R, enum warta_element e);

/* Space the footnote rule takes above a column's notes, pt. */
#define FN_SEPARATOR 10
/* Lay out a document and hand each page to page(data, …) as it is made;
 * the caller frees the result (rn_art_free) after the last page.  keep > 0:
 * if it has at most keep pages, everything is kept and A->kept lists the
 * pages (to draw them again without a second layout); else, and with
 * keep 0, what drawn pages used is freed as it goes. */
struct art *rn_art_layout(struct rn *R, struct warta_doc *doc, int index, int keep,
                          void (*page)(void *, struct art *, const struct pb_page *), void *data);
struct art *rn_contents_layout(struct rn *R, struct warta_doc *doc, const int *first_page,
                               void (*page)(void *, struct art *, const struct pb_page *), void *data);
void rn_art_free(struct art *A);
int rn_output(struct rn *R);          /* draw.c */

#endif
