/* typeset.h — the typesetter: a document's tree → paragraphs set in lines
 * (layout/para.h) → a vertical list of lines, glue and penalties → pages
 * (the page builder, layout/page.h), each page handed to a callback as soon
 * as it is made.  What the pages hold (struct art and its rlines) is read by
 * the painter (paint.c) and the outputters (out.h).
 *
 *   fmt.c      style elements → text formats and leading
 *   typeset.c  the tree's blocks and inlines → paragraphs → the vertical list
 *   setpara.c  a paragraph's lines onto the list, with their penalties; rules
 *   table.c    tables: a row's cells set side by side, or a row a paragraph
 *   dropcap.c  the drop cap: measured, and its letter cut from the paragraph
 *   article.c  one article (head block, notes, body, source line); contents
 *   vlist.c    the vertical list's items, an article's life: pages made and
 *              streamed, what drawn pages used freed as it goes
 * Not used outside src/render/. */
#ifndef WARTA_RENDER_TYPESET_H
#define WARTA_RENDER_TYPESET_H

#include <glib.h>
#include <pango/pango.h>

#include "layout/page.h"
#include "layout/para.h"
#include "render/engine.h"
#include "render/render.h"

/* One warta_render call: what every article of it is set with.  Read-only
 * once made (render.c); what a pass or an article changes lives in the
 * driver's pass (render.c) and in struct art. */
struct rn {
	struct warta_engine *e;
	const struct warta_style *style;
	const struct warta_render_opts *opts;
	struct warta_doc *const *docs;
	size_t n_docs;
	const char *out_path;
	PangoContext *ctx;
	double textw, texth, colw;      /* text area, one column's width, pt */
	int cols;
	char *create_date;
	struct rn_scan *scan;           /* a PDF page range: its scanning pass (out.h), or NULL */
	int own_grid;                   /* 1: articles not on their own baseline grid (an
	                                   edition made up on its pages' grid) */
	char *ed_lang;                  /* an edition's language (opts->edition_lang, else the
	                                   articles' most common), never NULL */
	int ed_rtl;                     /* 1: the edition is right to left */
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
	const char *lang;               /* its own language when not its article's (an edition's
	                                   contents entry), else NULL: the PDF element's /Lang */
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

/* A figure (figure.c): a picture with its caption and credit. */
struct rfig {
	const struct warta_node *node;  /* the FIGURE */
	const struct warta_node *img_node;
	struct warta_image *img;        /* NULL: its description in a frame (alt) */
	double width;                   /* the measure it is set in, pt */
	double measure;                 /* its caption's: the picture's width when narrower */
	double w, h;                    /* the picture's box, pt */
	double gap, after;              /* picture to caption; below it all, pt */
	double height;                  /* all of it, pt */
	struct pa_para *alt, *cap, *credit;
	char *alt_text;
	int index;                      /* body figures: insert number for the page builder */
	int *calls;                     /* the calling line's notes and it, 0-terminated */
	int n_calls;                    /* the room in calls */
	size_t pending_at;              /* waiting for a line from item pending_at on (absolute) */
};

enum rl_kind { RL_TEXT, RL_RULE, RL_ROW, RL_FIGURE };

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
	struct rfig *fig;               /* RL_FIGURE: drawn with its bottom on the baseline */
	int grid;                       /* its baseline sits on the article's baseline grid */
};

struct art;
/* Called with each page of an article as soon as the page builder has made
 * it: the column ranges of pg index A->v, its notes A->ps.order;
 * A->pages_done is its index in the article. */
typedef void (*rn_page_fn)(void *data, struct art *A, const struct pb_page *pg);

struct art {                            /* one document laid out */
	struct warta_doc *doc;
	int index;
	char prefix[32];                /* its destination names' prefix: "aN-" */
	const char *kicker;             /* section name over the headline (editions), or NULL */
	struct warta_diags *d;          /* what its layout reports */
	struct warta_report rep;        /* its lines, hyphens …, widows (pages: the driver's) */
	double colw;                    /* the measure being set: a column, or the text width */
	int continues_word;             /* pa_setup.continues_word */
	/* what the pages not yet drawn need: whatever only drawn pages used
	 * is freed as the article goes (vlist.c art_trim) */
	GPtrArray *rlines, *blocks, *paras, *drops;
	GHashTable *labels;             /* list labels, set once (typeset.c list_label), or NULL */
	GPtrArray *outline;             /* struct routline *, known before the first page */
	GHashTable *outline_dests;      /* their dests (a set, made at the first "#ID" link), or NULL */
	GArray *v;                      /* the body's vertical list (struct pb_item) from the
	                                   first item of the next page on */
	GArray *head;                   /* the headline block's list */
	double head_height;
	struct pa_para **fn;            /* footnotes by index */
	GHashTable *link_fn;            /* LINK node → the note of its URL (links.c), or NULL */
	double *fn_height;
	int n_fn;                       /* footnotes, then body figures (inserts 1..n_fn) */
	unsigned char *fn_top;          /* [1..n_fn]: a figure (top insert), or NULL: none */
	struct rfig **fig;              /* [1..n_fn]: the figure of a top insert, or NULL */
	int fig_next;                   /* the next body figure to meet */
	struct rfig *call_last;         /* the figure called on a line last (figure.c) */
	GPtrArray *fig_wait;            /* struct rfig *: waiting for a line to call them */
	GPtrArray *head_figs;           /* struct rfig *: in the head block */
	struct rfig *lead_fig;          /* the lead photo's, or NULL */
	size_t v_dropped;               /* items of v dropped so far (drawn pages') */
	struct pb_stream ps;            /* the page builder */
	int pages_done;                 /* pages handed to page() */
	rn_page_fn page;
	void *page_data;
	struct pa_para *hold;           /* being cut in pieces: kept by art_trim */
	struct rblock *hold_blk;
	int depth;                      /* rn_blocks() nesting: pages are made between top-level blocks */
	int keep;                       /* pages to keep whole (kept), 0: stream and free */
	GArray *kept;                   /* struct pb_page: its pages, while keep */
	int n_blocks;                   /* blocks made (their ids) */
	int sect, quote_id, keep_next, after_heading, after_para, had_body, hyph_run;
	int contents;                   /* an edition's masthead and contents */
	/* the baseline grid of a multi-column article (vlist.c): every line's
	 * advance a whole number of steps, but inside an unbreakable block of
	 * a larger leading (a pull quote), whose next line comes back to it */
	double grid_step;               /* the body's leading; 0: no grid */
	double grid_top;                /* a column's first baseline below its top, grid line 0 */
	double grid_d;                  /* from the last baseline on the grid to the last line's */
	double grid_glue;               /* glue since the last line */
	int grid_pen;                   /* the largest penalty since the last line */
	size_t grid_next;               /* the next item of the list to put on it (absolute) */
	int justify_last;               /* setting a piece of a huge paragraph */
	int list_id, item_id, table_id, row_id;  /* counters for the structure */
	int cur_list, cur_item;         /* the list item being set, 0: none */
	int cur_table;                  /* the table being set, 0: none */
	/* laid out by a helper thread while another draws (article_mt.c):
	 * what the pages handed on but not drawn yet use is kept by art_trim
	 * (trim_live marks it), and freeing takes trim_guard (layout/guard.h) */
	void (*trim_live)(void *data, GHashTable *live);
	void *trim_data;
	struct pa_guard *trim_guard;
	int trim_skipped;               /* trims put off: the guard was taken */
};

/* Space the footnote rule takes above a column's notes, pt. */
#define FN_SEPARATOR 10

/* fmt.c */
const struct warta_elem_style *rn_el(const struct rn *R, enum warta_element e);
struct pa_fmt rn_fmt(const struct rn *R, enum warta_element e);
/* Code's tabs as set (code blocks: stops of eight columns; inline: a
 * space); NULL when s has none. */
char *rn_code_untab(const char *s, int block);
/* Element e's format inside text of format outer (its emphasis kept). */
struct pa_fmt rn_inline_fmt(const struct rn *R, enum warta_element e, const struct pa_fmt *outer);
double rn_leading(const struct rn *R, enum warta_element e);

/* vlist.c */
struct rline *rn_new_rline(struct art *A, enum rl_kind k, struct rblock *b);
struct rblock *rn_new_block(struct art *A, const char *tag, int sect, int quote);
void rn_vglue(GArray *v, double h);
void rn_vpenalty(GArray *v, int p);
void rn_vline(GArray *v, struct rline *l, double height, double top);
void rn_space(struct art *A, double h);
/* A new article of doc (index: 1-based in an edition, 0 alone; kicker may be
 * NULL); its layout reports to d. */
struct art *rn_art_new(struct rn *R, struct warta_doc *doc, int index, const char *kicker,
                       struct warta_diags *d);
/* The body's figures (top inserts) take whole grid steps. */
void rn_grid_figures(struct art *A);
/* Starts the page builder, once the head block and the notes are set. */
void rn_art_pages(struct rn *R, struct art *A);
/* Hands the pages that the list so far decides to A->page, then frees what
 * nothing ahead uses.  final: the list is complete. */
void rn_art_flush(struct art *A, int final);
/* rn_art_flush inside a long block at top level, every so many of its lines
 * (i: the line's number in the block), block b kept for the lines to come. */
void rn_art_flush_inside(struct art *A, struct rblock *b, int i);
/* The last pages, and the page builder's widows and orphans into A->rep. */
void rn_art_end(struct art *A);
void rn_art_free(struct art *A);
/* Marks in live what line l draws with (its line, paragraph, labels, drop
 * cap, block, cells): art_trim keeps those. */
void rn_mark_live(GHashTable *live, const struct rline *l);

/* dropcap.c: the drop cap of paragraph P (its first letter, taken out of
 * it), or NULL where the style or the letter has none. */
struct rdrop *rn_drop_cap(struct rn *R, struct art *A, struct pa_para *P);

/* setpara.c */
/* The language of node n when not its article's: its own or its nearest
 * ancestor's (a paragraph of a block quote in another language), else NULL. */
const char *rn_node_lang(const struct warta_node *n);
/* A new paragraph of node n (NULL: the document's language and direction),
 * freed with the article. */
struct pa_para *rn_new_para(struct rn *R, struct art *A, const struct warta_node *n);
/* Sets P in element e's style between left and right and puts its lines on
 * A's list (keep_whole: no page break inside; cap: a drop cap beside it). */
void rn_para_lines(struct rn *R, struct art *A, struct pa_para *P, enum warta_element e,
                   struct rblock *b, double left, double right, double indent, int keep_whole,
                   struct rdrop *cap);
/* A rule width wide at x, with space before and after it, thick pt. */
void rn_rule(struct rn *R, struct art *A, double width, double x, double before, double after,
             double thick);

/* links.c: the URL print shows for a link (newly allocated), or NULL (not
 * active, an anchor, the text is the URL); the URLs that get notes when the
 * style says footnote, numbered from first + 1, A->link_fn filled (NULL
 * for the other ways). */
char *rn_link_url_shown(const struct warta_node *n);
GPtrArray *rn_link_notes(struct rn *R, struct art *A, int first);

/* inlines.c: appends inline node n (and its children) to P in format f. */
void rn_inlines(struct rn *R, struct art *A, struct pa_para *P, const struct warta_node *n,
                const struct pa_fmt *f);
/* typeset.c */
/* Headline and deck text, CJK runs at 3/4 of the size. */
void rn_add_display(struct pa_para *P, const char *t, const struct pa_fmt *f, int line, int col);

/* table.c: table n between left and right, in section sect. */
void rn_table(struct rn *R, struct art *A, const struct warta_node *n, double left, double right,
              int sect);

void rn_add_outline(struct art *A, char *text, char *dest, int h1);
/* The PDF destination name of place id of A: its prefix, then id in ASCII
 * (other bytes as _XX: cairo 1.16 writes a name's non-ASCII bytes into the
 * name tree as they are but into links and the outline as UTF-16, so such
 * names never matched). */
char *rn_dest_name(const struct art *A, const char *id);
/* links.c: an author's link "#ID" in P: to A's heading of that id, its
 * link number in P; 0 when no heading has it (no link). */
int rn_internal_link(struct art *A, struct pa_para *P, const char *id);
/* report.c: line L of P counted in A's report. */
void rn_report_line(struct art *A, const struct pa_para *P, const struct pa_line *L);
/* The outline entries of n's headings, in the order they are set. */
void rn_outline_walk(struct rn *R, struct art *A, const struct warta_node *n);
/* Sets the blocks under n in element e's style. */
void rn_blocks(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
               double left, double right, int sect, int quote);

/* figure.c */
/* A figure set in measure width, all of it at most max_h tall. */
struct rfig *rn_figure_new(struct rn *R, struct art *A, const struct warta_node *fig, double width,
                           double max_h);
void rn_figure_free(struct rfig *F);
/* The body's figures as top inserts after the footnotes (before the page
 * builder starts), and the lead photo's when it floats in the first column. */
void rn_figures(struct rn *R, struct art *A);
/* Body figure fig is met: it is called on the line before it, or waits. */
void rn_figure_here(struct rn *R, struct art *A, const struct warta_node *fig);
/* The pictures in paragraph p's running text, floated (p just set). */
void rn_figure_inline(struct rn *R, struct art *A, const struct warta_node *p);
/* Waiting figures called on the first line after them. */
void rn_figure_pending(struct art *A);
/* The lead photo as a line of the head block (A->v is the head's list). */
void rn_figure_head(struct rn *R, struct art *A);

/* article.c */
/* The head lines (headline, deck, byline, date) of A on A->v across
 * A->colw: deck 0 leaves the deck out, deck_max > 0 caps its size (pt),
 * spaced 0 leaves out the space after the byline and the date; returns the
 * headline's block (its dest the article's "<prefix>top"). */
struct rblock *rn_head_lines(struct rn *R, struct art *A, int deck, double deck_max, int spaced);
/* Lays out one document (index and kicker as rn_art_new, d its reports)
 * and hands each page to page(data, …) as it is made; the caller frees the
 * result (rn_art_free) after the last page.  keep > 0: if it has at most
 * keep pages, everything is kept and A->kept lists the pages (to draw them
 * again without a second layout); else, and with keep 0, what drawn pages
 * used is freed as it goes. */
struct art *rn_art_layout(struct rn *R, struct warta_doc *doc, int index, const char *kicker,
                          int keep, struct warta_diags *d, rn_page_fn page, void *data);
/* rn_art_layout of A, made by rn_art_new (its hooks set). */
void rn_art_layout_in(struct rn *R, struct art *A, int keep, rn_page_fn page, void *data);

/* article_mt.c: rn_art_layout (keep 0) in a helper thread with a font map
 * of its own, each page handed to page(data, …) in this thread as the
 * helper makes it, and freed by the helper (d and rep: as rn_art_layout's
 * caller has them, the same as one thread's).  -1: no thread could be
 * made (nothing done). */
int rn_art_draw_mt(struct rn *R, struct warta_doc *doc, int index, const char *kicker,
                   struct warta_diags *d, rn_page_fn page, void *data, struct warta_report *rep);
/* Whether doc is long enough for rn_art_draw_mt to pay. */
int rn_art_mt_pays(const struct warta_doc *doc);

/* An edition's masthead and contents: doc a pseudo-document (title, date,
 * language); first_page[i] the page of R->docs[i] (NULL: all 0). */
struct art *rn_contents_layout(struct rn *R, struct warta_doc *doc, const int *first_page,
                               struct warta_diags *d, rn_page_fn page, void *data);

#endif
