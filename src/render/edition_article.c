/* edition_article.c — one article of an edition made up as pages
 * (edition_pages.c), set by the calling thread or by the helper thread
 * (edition_threads.c): laid out by the typesetter, its body as one galley
 * of grid lines at the column measure, its head blocks set for every module
 * width (the headline ladder), its lead photo; and freed again. */
#include <string.h>

#include "lang/lang.h"
#include "render/edition.h"
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
double
ed_head_size(const struct ed *E, int k, int lead)
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
	if (jump) {
		/* the keyword: the headline's first words */
		const char *t = m->title ? m->title : A->doc->name;
		char **words = g_strsplit(t, " ", 5);
		char *kw;
		struct pa_para *P = rn_new_para(R, A, NULL);
		struct pa_fmt f = rn_fmt(R, WARTA_EL_HEADLINE);

		f.hyphenate = 0;
		if (g_strv_length(words) > 4)
			g_free(words[4]), words[4] = NULL;
		kw = g_strjoinv(" ", words);
		g_strfreev(words);
		rn_add_display(P, kw, &f, m->title_line, m->title_col);
		g_free(kw);
		rn_para_lines(R, A, P, WARTA_EL_HEADLINE, rn_new_block(A, "H2", 0, 0), 0, 0, 0, 1, NULL);
	} else {
		/* the deck only in a module wider than a column and a half, and
		 * at most half the headline's size, in a modular edition */
		rn_head_lines(R, A, w > E->R->colw * 1.5 || !E->modular, E->modular ? size * 0.5 : 0, 0);
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
struct head
ed_fitting_head(struct ed *E, struct ed_art *X, double w, double size)
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

/* ------------------------------------------------------------ the article */

int
ed_priority(const struct ed_art *X)
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
			X->head[k] = k == N && i == E->lead ? ed_fitting_head(E, X, R->textw, ed_head_size(E, k, 1)) :
			             ed_fitting_head(E, X, w, ed_head_size(E, k, 0));
			X->jhead[k] = make_head(E, X, w, MIN(ed_head_size(E, 1, 0), 16), 1);
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
