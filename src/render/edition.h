/* edition.h — what edition_pages.c (galleys, heads, the make-up's run)
 * and edition_paint.c (modules, jumps, nameplate, flags, index strip,
 * folios painted on the outputter) share.  Not used outside src/render/. */
#ifndef WARTA_RENDER_EDITION_H
#define WARTA_RENDER_EDITION_H

#include <math.h>

#include "layout/makeup.h"
#include "render/out.h"

/* Space above a picture in a leg, grid steps: clear of the descenders of
 * the line before it. */
#define FIG_AIR 0.4

/* Galley lines whose articles' layouts are kept from the measuring pass to
 * the drawing (the first articles: drawn first in a run-on edition; about
 * 80 of the corpus's, some 25 MB).  The others are measured, freed, and
 * laid out again (the same) when their first page is drawn, and every
 * article is freed after its last page: an edition holds about this many
 * lines at once, not the whole edition's (a corpus article's take 0.3 to
 * 0.45 MB).  Laying out again costs the articles past these their layout
 * time twice. */
#ifndef ED_KEEP_LINES
#define ED_KEEP_LINES 8000
#endif

/* With two threads (edition_threads.c): what each thread keeps.  The
 * helper lays the others out again while this thread draws, off the
 * critical path, so little is kept: the bench's 289-page edition peaks at
 * 39 MB with 500 (43 MB with 1,500, 38 MB with none); an article laid
 * out again costs the helper about 15 M instructions. */
#ifndef ED_KEEP_LINES_MT
#define ED_KEEP_LINES_MT 500
#endif

/* One slot of a galley: a grid line, holding a line of the body (or of a
 * footnote), or nothing. */
struct slot {
	const struct rline *l;          /* a body line (or a picture: RL_FIGURE), or NULL */
	const struct pa_para *P;        /* a footnote line (l NULL): its paragraph */
	int li;                         /* its line */
	int note;                       /* the footnote's number at its first line, 0: none */
	int fig;                        /* a picture's: its grid lines at its first slot, -1 at
	                                   the others */
};

/* A head block set across some width: its list and its grid lines. */
struct head {
	GArray *v;
	int lines;
};

struct ed_art {
	struct art *A;
	struct slot *slot;
	int n_slot;
	unsigned char *nobreak;
	struct head head[MK_MAX_COLS + 1], jhead[MK_MAX_COLS + 1];
	struct rfig *photo[MK_MAX_COLS + 1];    /* the lead photo across k columns, or NULL */
	struct rline *photo_l[MK_MAX_COLS + 1]; /* drawing it (A's) */
	int photo_lines[MK_MAX_COLS + 1];
	GPtrArray *figs;                /* struct rfig *: body pictures set here (smaller) */
	char prefix[32];                /* A's destination names' prefix (kept when A is freed) */
	GPtrArray *outline;             /* A's outline, kept when A was freed before drawing */
	struct warta_report rep;        /* its body's report */
	int helper;                     /* 1: A was laid out by the helper thread (its fonts) */
	int priority;                   /* front matter's, 0: none (1 is the most important) */
	int section;
	const char *section_name;
};

struct ed {
	struct rn *R;                   /* a copy of the call's: its style may be ours */
	struct warta_diags *d;
	double B;                       /* the grid step: the body's leading */
	double top, first_base;         /* the type area's top; baseline of grid line 0 below it */
	int L;                          /* grid lines in a column */
	int modular;
	struct ed_art *a;
	int n;
	int n_sect;
	struct mk_params p;
	struct mk_result r;
	int *sect_page;                 /* first page (1-based) of each section */
	/* front page */
	GPtrArray *paras;               /* furniture paragraphs set here, freed at the end */
	struct warta_style *head_style; /* the style with the headline size being set */
	struct rn Rh;
	int off_grid;
	int first_no;                   /* the page number of the first made-up page */
	/* a flow edition's contents pages, counted (without their page
	 * numbers) by this thread while the articles are measured */
	int (*count_contents)(struct ed *E);
	int n_contents;
	int lead;                       /* the lead story (modular), -1: none yet */
	int *last_page;                 /* per article: the page of its last module */
	int helper;                     /* 1: the helper thread's copy (edition_threads.c) */
	GPtrArray *contents_title;      /* struct routline *: the contents' title's outline
	                                   entries, kept when counted (edition_flow.c) */
	struct ed_mt *mt;               /* the helper thread, or NULL: one thread */
};

/* ------------------------------------------------------------ grid */

static inline int
grid_lines(const struct ed *E, double h)
{
	int n = (int)ceil(h / E->B - 0.02);

	return n < 0 ? 0 : n;
}

/* The baseline of grid line g (0-based from the type area's top). */
static inline double
grid_y(const struct ed *E, int g)
{
	return E->top + E->first_base + g * E->B;
}

static inline double
page_left(const struct rn *R, int page_no)
{
	return page_no % 2 ? R->style->margin_inner : R->style->margin_outer;
}

static inline double
col_left(const struct ed *E, double left, int c)
{
	return left + c * (E->R->colw + E->R->style->gutter);
}
/* The column a make-up's column c (0-based, counted from the page's start
 * side) is on the page, from the left: a right-to-left edition starts at
 * the right (its lead story at the top right). */
static inline int
ed_col(const struct ed *E, int c)
{
	return E->R->ed_rtl ? E->p.cols - 1 - c : c;
}

/* The left edge of a module of k columns from make-up column col0. */
static inline double
mod_left(const struct ed *E, double left, int col0, int k)
{
	return col_left(E, left, E->R->ed_rtl ? E->p.cols - col0 - k : col0);
}

/* edition_pages.c: the articles' sections (E->n_sect; no lead yet); article
 * i as the make-up sees it (grid lines); the make-up's parameters; the
 * articles' reports summed into rep.  ed_contents: a flow edition's
 * masthead and contents laid out (its article's first pages, or NULL:
 * counted), drawn on out (or NULL); its title's outline entries given to
 * out unless outlined, kept in *title (when title is not NULL); its pages. */
void ed_sections(struct ed *E);
void ed_measure(const struct ed *E, int i, struct mk_article *ma, int N);
void ed_params(struct ed *E, int N);
void ed_report(const struct ed *E, struct warta_report *rep);
/* The outline's section entry before article i when its section s is not
 * the one before (*prev; NULL: none), given to out; *prev becomes s. */
void ed_outline_section(struct rn_out *out, const char **prev, const char *s, size_t i);
int ed_contents(struct rn *R, struct rn_out *out, const int *first_page, struct warta_diags *d,
                GPtrArray **title, int outlined);

/* edition_flow.c: 1 when E is drawn while it is laid out (a flow edition
 * written as one PDF); then ed_flow_pdf makes it (0, or -1). */
int ed_flow_drawn(const struct ed *E);
int ed_flow_pdf(struct ed *E, struct warta_report *rep);

/* (edition_article.c) Article i laid out (its problems to d) and measured at every module
 * width; and its layout freed, what the make-up needs kept. */
/* (edition_article.c) The headline size of a module k columns wide (a
 * ladder, never over the style's own headline; lead: a step up); X's head
 * across w at size, or smaller while it would take more than half the
 * page; X's claim to be the lead (its front matter's priority over its
 * length). */
double ed_head_size(const struct ed *E, int k, int lead);
struct head ed_fitting_head(struct ed *E, struct ed_art *X, double w, double size);
int ed_priority(const struct ed_art *X);
void ed_set_article(struct ed *E, int i, int N, struct warta_diags *d);
void ed_art_release(struct ed_art *X);

/* edition_threads.c: an edition on two cores.  ed_mt_new: the helper, or
 * NULL when E's call asks for one thread (every function below then does
 * it all in this one).  ed_set_articles: every article laid out and
 * measured (the first ones kept).  ed_mt_draw_start: the helper lays out
 * ahead, in the order drawn, the articles not kept; ed_mt_wait: 1 once it
 * has laid out article i (when it is one of them), else 0;
 * ed_mt_release: X drawn, its layout freed (by the thread that made it);
 * ed_mt_stop: the helper's thread ended; ed_mt_free after ed_free. */
struct ed_mt *ed_mt_new(struct ed *E, int N);
void ed_set_articles(struct ed *E, int N);
void ed_mt_draw_start(struct ed_mt *M, struct ed *E, int N);
int ed_mt_wait(struct ed_mt *M, int i);
/* 1 while article i is the helper's to lay out again and not yet waited for. */
/* A flow edition drawn while laid out (edition_flow.c): ed_mt_flow_start:
 * the helper lays the articles out in order, a few ahead of the one this
 * thread places; ed_mt_flow_get: article i laid out (by the helper, or by
 * this thread when it is not yet taken), its messages to E->d, in the
 * articles' order; with M NULL this thread lays it out. */
void ed_mt_flow_start(struct ed_mt *M, struct ed *E);
void ed_mt_flow_get(struct ed_mt *M, struct ed *E, int i, int N);
int ed_mt_pending(const struct ed_mt *M, int i);
void ed_mt_release(struct ed_mt *M, struct ed_art *X);
void ed_mt_stop(struct ed_mt *M);
void ed_mt_free(struct ed_mt *M);

/* edition_paint.c */
/* The nameplate, a section's flag (name), the front page's index strip
 * (lines of it): drawn on o, or with o NULL measured; their grid lines. */
int ed_nameplate(struct ed *E, struct rn_out *o, int page_no);
int ed_flag(struct ed *E, struct rn_out *o, int page_no, const char *name);
int ed_index_strip(struct ed *E, struct rn_out *o, int page_no, int lines);
/* The entries the front page's index strip would list (E->sect_page set). */
int ed_index_count(struct ed *E);
/* Page pi of the make-up on o. */
void ed_paint_page(struct ed *E, struct rn_out *o, int pi);

#endif
