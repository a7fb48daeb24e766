/* edition_pages.c — an edition made up as pages holding several articles,
 * on a baseline grid: run on (a style's [edition] makeup = flow) or as a
 * newspaper (makeup = modular: a front page with nameplate, lead and index
 * strip, section fronts with flags, modules, jumps).
 *
 * Each article is laid out by the typesetter (typeset.h), its body as one
 * galley at the column measure (past the first ED_KEEP_LINES, measured,
 * freed and laid out again when drawn: the memory an edition holds; with
 * two threads, edition_threads.c, a helper lays out half of them and the
 * ones laid out again while this thread draws).  The
 * galley's lines are put on the grid (every advance rounded to whole grid
 * steps, so headings, quotes and spaces take whole steps and every body
 * line lands on a grid line), its head blocks are set for every module
 * width (a headline ladder: narrower modules, smaller heads), everything
 * measured in grid lines goes to the make-up (layout/makeup.h), and the
 * pages it returns are painted on the outputter (edition_paint.c). */
#include <string.h>

#include "lang/lang.h"
#include "layout/guard.h"
#include "render/edition.h"
#include "util/date.h"

/* ------------------------------------------------------------ galleys */

/* The lead photo's share of the type area's height at most. */
#define LEAD_SHARE 0.28

/* Insert f of X when it is a body picture (a top insert of the typesetter
 * other than the lead photo, which is set under the head here), else NULL. */
static struct rfig *
body_fig(const struct ed_art *X, int f)
{
	const struct art *A = X->A;

	if (f < 1 || f > A->n_fn || !A->fn_top || !A->fn_top[f] || !A->fig || !A->fig[f] ||
	    A->fig[f] == A->lead_fig)
		return NULL;
	return A->fig[f];
}

struct gal {
	GArray *slots, *nb;
	int pos;                        /* the last slot filled, -1: none */
	unsigned char *placed;          /* [1..n_fn]: a picture in the galley */
	int after_fig;                  /* the next line keeps with the picture before it */
};

static void
gal_put(struct gal *g, int s, struct slot sl, unsigned char nb)
{
	if ((guint)s + 1 > g->slots->len) {
		g_array_set_size(g->slots, s + 1);
		g_array_set_size(g->nb, s + 1);
	}
	g_array_index(g->slots, struct slot, s) = sl;
	g_array_index(g->nb, unsigned char, s) = nb;
}

/* Picture f of X in the galley after its last slot: whole grid lines, no
 * leg ends inside it (MK_HARD), the line after it kept with it (no picture
 * at a leg's foot).  A picture taller than most of a column is set again
 * smaller (a style may give figures its whole height). */
static void
gal_fig(struct ed *E, struct ed_art *X, struct gal *g, int f, unsigned char nb_before)
{
	struct rfig *F = body_fig(X, f);
	struct rline *l;
	int n;

	if (F == NULL || g->placed[f])
		return;
	g->placed[f] = 1;
	if (grid_lines(E, FIG_AIR * E->B + F->height) > E->L * 3 / 4) {
		struct warta_diags *saved = X->A->d, scratch;

		warta_diags_init(&scratch);     /* its caption was set (and reported) once */
		X->A->d = &scratch;
		F = rn_figure_new(E->R, X->A, F->node, F->width, (E->L * 3 / 4 - 1) * E->B);
		X->A->d = saved;
		warta_diags_fini(&scratch);
		g_ptr_array_add(X->A->head_figs, F);    /* freed with the article */
	}
	n = grid_lines(E, FIG_AIR * E->B + F->height);
	l = rn_new_rline(X->A, RL_FIGURE, NULL);
	l->fig = F;
	for (int i = 0; i < n; i++) {
		struct slot sl = { i == 0 ? l : NULL, NULL, 0, 0, i == 0 ? n : -1 };

		gal_put(g, g->pos + 1 + i, sl, i == 0 ? nb_before : MK_HARD);
	}
	g->pos += n;
	g->after_fig = 1;
}

/* The pictures called on line it (inserts in its notes). */
static void
gal_calls(struct ed *E, struct ed_art *X, struct gal *g, const struct pb_item *it, unsigned char nb)
{
	for (int j = 0; it->footnotes && it->footnotes[j]; j++)
		gal_fig(E, X, g, it->footnotes[j], nb);
}

/* The body's list on the grid: each line's advance from the line before
 * (with the glue between) rounded to whole grid steps, a shortfall of a
 * quarter step forgiven (a 2 pt space under a heading does not cost a
 * line); its pictures where they stand (after the paragraph that calls
 * them; before the first line of one that calls them on it: they waited for
 * a line), and any never called at the end; the footnotes after the body,
 * a line apart. */
static void
make_galley(struct ed *E, struct ed_art *X)
{
	struct art *A = X->A;
	const struct pb_item *v = (const struct pb_item *)A->v->data;
	size_t n = A->v->len, i;
	struct gal g = { g_array_new(FALSE, TRUE, sizeof(struct slot)), g_array_new(FALSE, TRUE, 1), -1,
	                 g_new0(unsigned char, A->n_fn + 1), 0 };
	double acc = 0;
	int pen = 0, prev_first = 0, prev_last = 1, unbreakable = 0;

	for (i = 0; i < n; i++) {
		const struct pb_item *it = &v[i];

		if (it->kind == PB_GLUE) {
			if (g.pos >= 0)
				acc += it->height;
		} else if (it->kind == PB_PENALTY) {
			if (it->penalty > pen)
				pen = it->penalty;
		} else if (it->kind == PB_LINE) {
			int steps = 0, s, before = it->para_first && !it->para_last;
			struct slot sl = { it->data, NULL, 0, 0, 0 };

			if (before)
				gal_calls(E, X, &g, it, (unsigned char)(g.pos >= 0 && prev_first && !prev_last));
			if (g.pos >= 0) {
				steps = (int)ceil((it->height + acc) / E->B - 0.25);
				if (steps < 1)
					steps = 1;
			}
			s = g.pos + (g.pos >= 0 ? steps : 1);
			/* a leg may end before this line (after the first s slots)? */
			unbreakable = g.pos < 0 || pen >= 10000 || (prev_first && !prev_last) ||
			    (it->para_last && !it->para_first) || g.after_fig;
			gal_put(&g, s, sl, unbreakable ? 1 : 0);
			for (int b = g.pos + 1; b < s; b++)
				g_array_index(g.nb, unsigned char, b) = 1;     /* a leg never starts blank */
			g.pos = s;
			g.after_fig = 0;
			acc = 0;
			pen = 0;
			prev_first = it->para_first;
			prev_last = it->para_last;
			if (!before)
				gal_calls(E, X, &g, it, (unsigned char)(prev_first && !prev_last));
		}
	}
	for (int f = 1; f <= A->n_fn; f++)
		gal_fig(E, X, &g, f, 0);
	/* footnotes: a blank line, then each note's lines */
	for (int f = 1; f <= A->n_fn; f++) {
		struct pa_para *P = A->fn[f];

		if (P == NULL)
			continue;
		g.pos += f == 1 || g.pos < 0 ? 2 : 1;
		for (int k = 0; k < P->n_lines; k++, g.pos++) {
			struct slot sl = { NULL, P, k, k == 0 ? f : 0, 0 };

			gal_put(&g, g.pos, sl, k > 0 && (k == 1 || k == P->n_lines - 1));
		}
		g.pos--;
	}
	X->n_slot = g.pos + 1;
	g_array_set_size(g.slots, X->n_slot + 1);
	g_array_set_size(g.nb, X->n_slot + 1);
	for (int s = 1; s < X->n_slot; s++) {
		const struct slot *sl = &g_array_index(g.slots, struct slot, s);

		if (sl->l == NULL && sl->P == NULL && sl->fig == 0)
			g_array_index(g.nb, unsigned char, s) = 1;      /* no leg starts blank */
	}
	X->slot = (struct slot *)g_array_free(g.slots, FALSE);
	X->nobreak = (unsigned char *)g_array_free(g.nb, FALSE);
	g_free(g.placed);
}

/* ------------------------------------------------------------ heads */

/* The headline size of a module k columns wide: a ladder from the notes'
 * 14–96 pt series, never over the style's own headline; the lead a step up. */
static double
head_size(const struct ed *E, int k, int lead)
{
	static const double ladder[] = { 0, 20, 28, 36, 42, 48, 54, 60, 72 };
	/* run on, a head is smaller than an article's own page's: 3/5 of it */
	double s = E->modular ? ladder[k] + (lead ? 8 : 0) : E->R->style->el[WARTA_EL_HEADLINE].size * 0.6;
	double max = E->R->style->el[WARTA_EL_HEADLINE].size;

	return s < max ? s : max;
}

/* Height of a list set straight down, pt. */
static double
list_height(const GArray *v)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	double h = 0, depth = 0;
	int first = 1;

	for (guint i = 0; i < v->len; i++) {
		if (it[i].kind == PB_LINE) {
			h += first ? it[i].top : it[i].height;
			depth = it[i].depth;
			first = 0;
		} else if (it[i].kind == PB_GLUE && !first) {
			h += it[i].height;
			depth = 0;
		}
	}
	return h + depth;
}

/* The head block of X across width w: headline (at size), deck, byline,
 * date; or, for a jump head, the headline's first words, small. */
static struct head
make_head(struct ed *E, struct ed_art *X, double w, double size, int jump)
{
	struct art *A = X->A;
	const struct warta_meta *m = &A->doc->meta;
	struct rn *R = &E->Rh;
	GArray *save = A->v;
	double savew = A->colw;
	struct warta_diags *saved = A->d, scratch;
	struct head h;
	struct pa_para *P;
	struct pa_fmt f;
	struct rblock *b;

	*E->head_style = *E->R->style;
	E->head_style->el[WARTA_EL_HEADLINE].size = size;
	E->head_style->el[WARTA_EL_HEADLINE].leading = size * 1.04;
	E->head_style->el[WARTA_EL_HEADLINE].space_after = MIN(E->R->style->el[WARTA_EL_HEADLINE].space_after,
	    size * 0.3);
	h.v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	A->v = h.v;
	/* the head was set (and its problems reported) once by the typesetter */
	warta_diags_init(&scratch);
	A->d = &scratch;
	A->colw = w;
	P = rn_new_para(R, A, NULL);
	f = rn_fmt(R, WARTA_EL_HEADLINE);
	f.hyphenate = 0;
	if (jump) {
		/* the keyword: the headline's first words */
		const char *t = m->title ? m->title : A->doc->name;
		char **words = g_strsplit(t, " ", 5);
		char *kw;

		if (g_strv_length(words) > 4)
			g_free(words[4]), words[4] = NULL;
		kw = g_strjoinv(" ", words);
		g_strfreev(words);
		rn_add_display(P, kw, &f, m->title_line, m->title_col);
		g_free(kw);
		b = rn_new_block(A, "H2", 0, 0);
		rn_para_lines(R, A, P, WARTA_EL_HEADLINE, b, 0, 0, 0, 1, NULL);
	} else {
		rn_add_display(P, m->title ? m->title : A->doc->name, &f, m->title_line, m->title_col);
		b = rn_new_block(A, "H1", 0, 0);
		/* the target of the contents', the index strip's and the
		 * outline's links to the article (as article.c's head) */
		b->dest = g_strdup_printf("%stop", A->prefix);
		rn_para_lines(R, A, P, WARTA_EL_HEADLINE, b, 0, 0, 0, 1, NULL);
		rn_space(A, rn_el(R, WARTA_EL_HEADLINE)->space_after);
		if (m->subtitle && *m->subtitle && (w > E->R->colw * 1.5 || !E->modular)) {
			struct pa_fmt df;

			P = rn_new_para(R, A, NULL);
			df = rn_fmt(R, WARTA_EL_DECK);
			if (E->modular) {
				df.size = MIN(df.size, size * 0.5);
			}
			rn_add_display(P, m->subtitle, &df, m->title_line + 1, 1);
			rn_para_lines(R, A, P, WARTA_EL_DECK, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
			rn_space(A, rn_el(R, WARTA_EL_DECK)->space_after);
		}
		if (m->author && *m->author) {
			P = rn_new_para(R, A, NULL);
			f = rn_fmt(R, WARTA_EL_BYLINE);
			pa_add(P, m->author, -1, &f, m->title_line, 1);
			rn_para_lines(R, A, P, WARTA_EL_BYLINE, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		}
		if (m->date && *m->date) {
			char *ds = warta_date_format(m->date, m->lang);

			P = rn_new_para(R, A, NULL);
			f = rn_fmt(R, WARTA_EL_DATE);
			pa_add(P, ds ? ds : m->date, -1, &f, m->title_line, 1);
			g_free(ds);
			rn_para_lines(R, A, P, WARTA_EL_DATE, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		}
	}
	A->v = save;
	A->colw = savew;
	A->d = saved;
	warta_diags_fini(&scratch);
	A->keep_next = 0;
	/* and a grid line of air under it before the body */
	h.lines = grid_lines(E, list_height(h.v)) + 1;
	return h;
}

/* The head across w at size, or smaller while it would take more than half
 * the page (a headline of hundreds of words still fits, whole). */
static struct head
fitting_head(struct ed *E, struct ed_art *X, double w, double size)
{
	struct head h = make_head(E, X, w, size, 0);
	double body = E->R->style->el[WARTA_EL_BODY].size;

	while (h.lines > E->L / 2 && size > body) {
		g_array_free(h.v, TRUE);
		size = MAX(body, size * 0.75);
		h = make_head(E, X, w, size, 0);
	}
	return h;
}

/* The lead photo of X across k columns (w pt), under the head: at most
 * LEAD_SHARE of the type area's height, its caption and credit at its
 * width; whole grid lines. */
static void
lead_photo(struct ed *E, struct ed_art *X, int k, double w)
{
	struct art *A = X->A;
	struct warta_diags *saved = A->d, scratch;
	struct rfig *F;

	if (!A->doc->meta.lead)
		return;
	warta_diags_init(&scratch);     /* its caption was set (and reported) once */
	A->d = &scratch;
	F = rn_figure_new(E->R, A, A->doc->meta.lead, w, E->R->texth * LEAD_SHARE);
	A->d = saved;
	warta_diags_fini(&scratch);
	g_ptr_array_add(A->head_figs, F);       /* freed with the article */
	X->photo[k] = F;
	X->photo_l[k] = rn_new_rline(A, RL_FIGURE, NULL);
	X->photo_l[k]->fig = F;
	X->photo_lines[k] = grid_lines(E, F->height);
}

/* ------------------------------------------------------------ the run */

static int
priority_of(const struct ed_art *X)
{
	/* front matter's priority (1 the most important) over length */
	int base = X->priority > 0 ? (100 - MIN(X->priority, 99)) * 100000 : 0;

	return base + X->n_slot;
}

static void
noop_page(void *data, struct art *A, const struct pb_page *pg)
{
	(void)data, (void)A, (void)pg;
}

/* A flow edition's masthead and contents, before the run-on pages (the
 * typesetter's, article.c): counted first (o NULL), then drawn with the
 * articles' first pages. */
struct contents_pass {
	const struct rn *R;
	struct rn_out *out;
	int pages;
};

static void
contents_page(void *data, struct art *A, const struct pb_page *pg)
{
	struct contents_pass *c = data;

	c->pages++;
	if (c->out == NULL || c->out->ops->failed(c->out))
		return;
	if (A->pages_done == 0)
		c->out->ops->article(c->out, A);
	if (c->out->ops->page_begin(c->out, c->pages)) {
		rn_paint_page(c->R, c->out, A, pg, c->pages, A->doc->meta.title);
		c->out->ops->page_end(c->out);
	}
}

static int
contents(struct rn *R, struct rn_out *out, const int *first_page, struct warta_diags *d)
{
	struct warta_doc *doc = warta_doc_new("contents");
	struct contents_pass c = { R, out, 0 };
	struct warta_diags scratch;
	struct art *A;

	warta_diags_init(&scratch);     /* the drawing run reports the same */
	doc->meta.title = g_strdup(R->opts->edition_title ? R->opts->edition_title : "Edition");
	doc->meta.date = R->opts->edition_date ? g_strdup(R->opts->edition_date) : NULL;
	doc->meta.lang = g_strdup(R->ed_lang);
	doc->meta.rtl = R->ed_rtl;
	A = rn_contents_layout(R, doc, first_page, out ? d : &scratch, contents_page, &c);
	rn_art_free(A);
	warta_doc_free(doc);
	warta_diags_fini(&scratch);
	return c.pages;
}


/* Article i laid out (its problems to d): its body galley on the grid, its
 * heads (and lead photo) at every module width (the lead's across the page
 * a step bigger). */
void
ed_set_article(struct ed *E, int i, int N, struct warta_diags *d)
{
	struct rn *R = E->R;
	struct ed_art *X = &E->a[i];
	struct warta_report body_rep;

	X->A = rn_art_layout(R, R->docs[i], i + 1, NULL, G_MAXINT, d, noop_page, NULL);
	X->helper = E->helper;
	if (X->prefix[0] == '\0')      /* laid out again (the helper), the same: the front
	                                   page's index strip may be reading it */
		g_strlcpy(X->prefix, X->A->prefix, sizeof X->prefix);
	g_free(X->nobreak);             /* laid out again: the same */
	make_galley(E, X);
	body_rep = X->A->rep;
	for (int k = 1; k <= N; k++) {
		double w = k * R->colw + (k - 1) * R->style->gutter;

		if (E->modular || k == N) {
			X->head[k] = k == N && i == E->lead ? fitting_head(E, X, R->textw, head_size(E, k, 1)) :
			             fitting_head(E, X, w, head_size(E, k, 0));
			X->jhead[k] = make_head(E, X, w, MIN(head_size(E, 1, 0), 16), 1);
			lead_photo(E, X, k, w);
		}
	}
	/* the report counts the body's lines: the heads set at every width
	 * are candidates, one of which is drawn (its lines are few) */
	X->A->rep = body_rep;
	X->rep = body_rep;
}

/* Article X's layout freed; what the make-up and the outline need kept
 * (its galley's length and breaks, its heads' lines, its outline). */
void
ed_art_release(struct ed_art *X)
{
	for (int k = 0; k <= MK_MAX_COLS; k++) {
		if (X->head[k].v)
			g_array_free(X->head[k].v, TRUE);
		if (X->jhead[k].v)
			g_array_free(X->jhead[k].v, TRUE);
		X->head[k].v = X->jhead[k].v = NULL;
		X->photo[k] = NULL;
		X->photo_l[k] = NULL;
	}
	if (X->A && X->outline == NULL) {
		X->outline = X->A->outline;
		X->A->outline = g_ptr_array_new();
	}
	rn_art_free(X->A);
	X->A = NULL;
	g_free(X->slot);
	X->slot = NULL;
}

/* Every article laid out and measured (the first ED_KEEP_LINES' kept); its
 * section; the lead. */
static void
layout_articles(struct ed *E, int N)
{
	const char *prev_sect = NULL;

	E->lead = -1;
	for (int i = 0; i < E->n; i++) {
		struct ed_art *X = &E->a[i];
		const char *s = E->R->docs[i]->meta.section;

		X->priority = E->R->docs[i]->meta.priority;
		if (i > 0 && !((s == NULL && prev_sect == NULL) || (s && prev_sect && strcmp(s, prev_sect) == 0)))
			E->n_sect++;
		X->section = E->n_sect;
		X->section_name = s;
		prev_sect = s;
	}
	ed_set_articles(E, N);
	E->n_sect++;
	/* the lead: its head a step bigger across the page */
	if (E->modular && E->n > 0) {
		struct warta_diags scratch;
		struct ed_art *X;

		E->lead = 0;
		for (int i = 1; i < E->n; i++)
			if (priority_of(&E->a[i]) > priority_of(&E->a[E->lead]))
				E->lead = i;
		X = &E->a[E->lead];
		if (X->A && X->helper)
			ed_art_release(X);      /* set again here: its head is set with this thread's fonts */
		if (X->A) {
			g_array_free(X->head[N].v, TRUE);
			X->head[N] = fitting_head(E, X, E->R->textw, head_size(E, N, 1));
		} else {
			warta_diags_init(&scratch);     /* it was set (and reported) once */
			ed_set_article(E, E->lead, N, &scratch);
			warta_diags_fini(&scratch);
		}
	}
}

/* The articles on page pi laid out (again). */
static void
page_articles(struct ed *E, int pi, int N)
{
	const struct mk_page *pg = &E->r.pages[pi];

	for (int j = pg->first; j < pg->first + pg->n; j++) {
		int i = E->r.mod[j].art;

		if (ed_mt_wait(E->mt, i))
			continue;               /* laid out by the helper */
		if (E->a[i].A == NULL) {
			struct warta_diags scratch;

			warta_diags_init(&scratch);     /* it was set (and reported) once */
			ed_set_article(E, i, N, &scratch);
			warta_diags_fini(&scratch);
		}
	}
}

/* The articles whose last module is on page pi freed. */
static void
page_done(struct ed *E, int pi)
{
	const struct mk_page *pg = &E->r.pages[pi];

	for (int j = pg->first; j < pg->first + pg->n; j++)
		if (E->last_page[E->r.mod[j].art] == pi)
			ed_mt_release(E->mt, &E->a[E->r.mod[j].art]);
}

/* The articles as the make-up sees them (grid lines), and its parameters. */
static void
measure(struct ed *E, struct mk_article *ma, int N)
{
	const struct warta_style *st = E->R->style;

	for (int i = 0; i < E->n; i++) {
		struct ed_art *X = &E->a[i];

		ma[i].section = X->section;
		ma[i].priority = priority_of(X);
		ma[i].body = X->n_slot;
		ma[i].nobreak = X->nobreak;
		for (int k = 1; k <= N; k++) {
			ma[i].head[k] = X->head[k].lines > 0 ? X->head[k].lines : E->L;
			ma[i].jhead[k] = X->jhead[k].lines > 0 ? X->jhead[k].lines : E->L;
			ma[i].photo[k] = X->photo_lines[k];
		}
	}
	E->p.cols = N;
	E->p.lines = E->L;
	/* modules: a line between stacked ones, a cutoff rule in it; run-on
	 * articles: two (a rule between them with article-break = rule) */
	E->p.alley = E->modular ? 1 : 2;
	E->p.jump_line = 1;
	E->p.min_before = (int)ceil(4 * 72 / E->B);     /* run at least 4 in before a jump */
	E->p.min_after = (int)ceil(4 * 72 / E->B);      /* and jump at least as much */
	E->p.max_pad = 2;
	E->p.window = 10;
	E->p.front = E->modular;
	if (E->modular) {
		E->p.front_band = ed_nameplate(E, NULL, 1);
		E->p.front_foot = ed_index_strip(E, NULL, 1, 0);
		E->p.front_min = 3;
		E->p.front_max = 6;
		E->p.flag_band = ed_flag(E, NULL, 1, NULL);
	}
	E->p.article_break = st->article_break == WARTA_BREAK_PAGE;
	E->p.keep = 3;
	E->p.min_lines = st->min_lines;
}

/* The articles' reports summed into rep. */
static void
report(const struct ed *E, struct warta_report *rep)
{
	for (int i = 0; i < E->n; i++) {
		const struct warta_report *a = &E->a[i].rep;

		rep->lines += a->lines;
		rep->loose += a->loose;
		rep->tight += a->tight;
		rep->hyphenated += a->hyphenated;
		rep->longest_hyphen_run = MAX(rep->longest_hyphen_run, a->longest_hyphen_run);
		rep->overfull += a->overfull;
		rep->justified += a->justified;
		rep->gap_sum += a->gap_sum;
		rep->gap_max = MAX(rep->gap_max, a->gap_max);
		rep->kashidas += a->kashidas;
	}
}

/* The outline: sections and articles in the edition's order. */
static void
outline(const struct ed *E, struct rn_out *out)
{
	const char *prev_sect = NULL;

	for (int i = 0; i < E->n; i++) {
		const char *s = E->a[i].section_name;

		if (!s && prev_sect)
			out->ops->section(out, NULL, (size_t)i);
		if (s && (prev_sect == NULL || strcmp(prev_sect, s) != 0))
			out->ops->section(out, s, (size_t)i);
		prev_sect = s;
		if (E->a[i].A) {
			out->ops->article(out, E->a[i].A);
		} else {
			/* laid out again when drawn: its outline was kept */
			struct art A;

			memset(&A, 0, sizeof A);
			A.doc = E->R->docs[i];
			A.outline = E->a[i].outline;
			g_strlcpy(A.prefix, E->a[i].prefix, sizeof A.prefix);
			out->ops->article(out, &A);
		}
	}
}

/* The pages drawn: a flow edition's masthead and contents first, then the
 * made-up pages.  0, or -1. */
static int
draw(struct ed *E, struct warta_report *rep)
{
	struct rn *R = E->R;
	struct rn_out *out;
	int *first_page = NULL;

	for (int pi = 0; pi < E->r.n_pages; pi++) {
		int s = E->r.pages[pi].section;

		if (!E->r.pages[pi].front && E->sect_page[s] == 0)
			E->sect_page[s] = pi + 1;
	}
	E->first_no = 1;
	if (!E->modular) {
		first_page = g_new0(int, E->n);
		E->first_no = contents(R, NULL, NULL, E->d) + 1;
		for (int j = E->r.n_mod - 1; j >= 0; j--)
			first_page[E->r.mod[j].art] = E->first_no + E->r.mod[j].page;
		for (int s = 0; s < E->n_sect; s++)
			if (E->sect_page[s])
				E->sect_page[s] += E->first_no - 1;
	}
	rep->pages = E->first_no - 1 + E->r.n_pages;
	out = R->opts->format == WARTA_PRINT_TRACE ? rn_out_trace_new(R, E->d) : rn_out_cairo_new(R, rep->pages, E->d);
	if (out == NULL) {
		g_free(first_page);
		return -1;
	}
	if (!E->modular)
		contents(R, out, first_page, E->d);
	g_free(first_page);
	outline(E, out);
	E->last_page = g_new0(int, E->n);
	for (int j = 0; j < E->r.n_mod; j++)
		E->last_page[E->r.mod[j].art] = E->r.mod[j].page;
	ed_mt_draw_start(E->mt, E, MIN(R->cols, MK_MAX_COLS));
	for (int pi = 0; pi < E->r.n_pages && !out->ops->failed(out); pi++) {
		struct pa_guard *g = pa_guard_get(R->ctx);

		page_articles(E, pi, MIN(R->cols, MK_MAX_COLS));
		pa_guard_lock(g);       /* drawing: the helper thread may reach Cairo too */
		ed_paint_page(E, out, pi);
		pa_guard_unlock(g);
		page_done(E, pi);
	}
	ed_mt_stop(E->mt);
	rep->grid = 1;
	rep->off_grid = E->off_grid;
	return out->ops->finish(out, 0);
}

static void
ed_free(struct ed *E)
{
	for (int i = 0; i < E->n; i++) {
		struct ed_art *X = &E->a[i];

		ed_art_release(X);
		for (guint j = 0; X->outline && j < X->outline->len; j++) {
			struct routline *o = g_ptr_array_index(X->outline, j);

			g_free(o->text);
			g_free(o->dest);
			g_free(o);
		}
		if (X->outline)
			g_ptr_array_free(X->outline, TRUE);
		g_free(X->nobreak);
	}
	g_free(E->last_page);
	mk_result_free(&E->r);
	g_free(E->a);
	g_free(E->sect_page);
	g_free(E->head_style);
	g_ptr_array_free(E->paras, TRUE);
}

int
rn_edition_pages(struct rn *Rcall, struct warta_diags *d, struct warta_report *rep)
{
	struct ed E;
	struct rn R = *Rcall;
	struct mk_article *ma;
	int rc = -1, N = MIN(R.cols, MK_MAX_COLS);

	memset(&E, 0, sizeof E);
	R.own_grid = 1;                 /* the galleys are put on the pages' grid here */
	E.R = &R;
	E.d = d;
	E.modular = R.style->makeup == WARTA_MAKEUP_MODULAR;
	E.B = rn_leading(&R, WARTA_EL_BODY);
	E.top = R.style->margin_top;
	E.L = (int)floor(R.texth / E.B + 0.01);
	E.first_base = E.B * 0.78;
	E.paras = g_ptr_array_new_with_free_func((GDestroyNotify)pa_free);
	E.head_style = g_new(struct warta_style, 1);
	*E.head_style = *R.style;
	E.Rh = R;
	E.Rh.style = E.head_style;
	E.n = (int)R.n_docs;
	E.a = g_new0(struct ed_art, E.n);
	ma = g_new0(struct mk_article, E.n);
	E.mt = ed_mt_new(&E, N);
	layout_articles(&E, N);
	E.sect_page = g_new0(int, E.n_sect);
	measure(&E, ma, N);
	if ((E.modular ? mk_modular(ma, E.n, &E.p, &E.r) : mk_flow(ma, E.n, &E.p, &E.r)) < 0)
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "the edition's pages could not be made up "
		    "(a head taller than a page, or out of memory)");
	else {
		report(&E, rep);
		rc = draw(&E, rep);
	}
	g_free(ma);
	ed_mt_stop(E.mt);
	ed_free(&E);
	ed_mt_free(E.mt);
	return rc;
}
