/* edition_pages.c — an edition made up as pages holding several articles,
 * on a baseline grid: run on (a style's [edition] makeup = flow) or as a
 * newspaper (makeup = modular: a front page with nameplate, lead and index
 * strip, section fronts with flags, modules, jumps).
 *
 * Each article is laid out by the typesetter (typeset.h; edition_article.c), its body as one
 * galley at the column measure (past the first ED_KEEP_LINES, measured,
 * freed and laid out again when drawn: the memory an edition holds; with
 * two threads, edition_threads.c, a helper lays out half of them and the
 * ones laid out again while this thread draws).  The
 * galley's lines are put on the grid (every advance rounded to whole grid
 * steps, so headings, quotes and spaces take whole steps and every body
 * line lands on a grid line), its head blocks are set for every module
 * width (a headline ladder: narrower modules, smaller heads), everything
 * measured in grid lines goes to the make-up (layout/makeup.h), and the
 * pages it returns are painted on the outputter (edition_paint.c).  A flow
 * edition written as one PDF is drawn while it is laid out instead
 * (edition_flow.c); the parts both ways use are in edition_parts.c. */
#include <string.h>

#include "layout/guard.h"
#include "render/edition.h"

/* The contents' pages of E (its page numbers not yet known). */
static int
count_contents(struct ed *E)
{
	return ed_contents(E->R, NULL, NULL, E->d, NULL, 0);
}

/* Every article laid out and measured (the first ED_KEEP_LINES' kept); its
 * section; the lead. */
static void
layout_articles(struct ed *E, int N)
{
	ed_sections(E);
	ed_set_articles(E, N);
	/* the lead: its head a step bigger across the page */
	if (E->modular && E->n > 0) {
		struct warta_diags scratch;
		struct ed_art *X;

		E->lead = 0;
		for (int i = 1; i < E->n; i++)
			if (ed_priority(&E->a[i]) > ed_priority(&E->a[E->lead]))
				E->lead = i;
		X = &E->a[E->lead];
		if (X->A && X->helper)
			ed_art_release(X);      /* set again here: its head is set with this thread's fonts */
		if (X->A) {
			g_array_free(X->head[N].v, TRUE);
			X->head[N] = ed_fitting_head(E, X, E->R->textw, ed_head_size(E, N, 1));
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

/* The outline: sections and articles in the edition's order. */
static void
outline(const struct ed *E, struct rn_out *out)
{
	const char *prev_sect = NULL;

	for (int i = 0; i < E->n; i++) {
		ed_outline_section(out, &prev_sect, E->a[i].section_name, (size_t)i);
		/* one the helper lays out again is not read: it may be writing it */
		if (!ed_mt_pending(E->mt, i) && E->a[i].A) {
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

/* Each section's first page in the make-up (1-based; the front page is
 * no section's first). */
static void
sect_pages(struct ed *E)
{
	for (int s = 0; s < E->n_sect; s++)
		E->sect_page[s] = 0;
	for (int pi = 0; pi < E->r.n_pages; pi++) {
		int s = E->r.pages[pi].section;

		if (!E->r.pages[pi].front && E->sect_page[s] == 0)
			E->sect_page[s] = pi + 1;
	}
}

/* A front page whose index strip would list nothing (the whole edition on
 * it) made up again without the strip: no empty "Inside" at its foot, the
 * modules down to it.  Kept as it was if the new make-up fails or puts a
 * story inside after all. */
static void
no_empty_strip(struct ed *E, const struct mk_article *ma)
{
	struct mk_result first = E->r, again;
	int foot = E->p.front_foot;

	if (!E->modular || foot == 0 || ed_index_count(E) > 0)
		return;
	E->p.front_foot = 0;
	if (mk_modular(ma, E->n, &E->p, &again) == 0) {
		E->r = again;
		sect_pages(E);
		if (ed_index_count(E) == 0) {
			mk_result_free(&first);
			return;
		}
		mk_result_free(&again);
		E->r = first;
	}
	E->p.front_foot = foot;
	sect_pages(E);
}

/* The pages drawn: a flow edition's masthead and contents first, then the
 * made-up pages.  0, or -1. */
static int
draw(struct ed *E, struct warta_report *rep)
{
	struct rn *R = E->R;
	struct rn_out *out;
	int *first_page = NULL;
	struct pa_guard *g = pa_guard_get(R->ctx);

	/* the helper starts laying out again while this thread sets and
	 * draws the contents: from here on, this thread reaches Cairo under
	 * the guard */
	ed_mt_draw_start(E->mt, E, MIN(R->cols, MK_MAX_COLS));
	E->first_no = 1;
	if (!E->modular) {
		first_page = g_new0(int, E->n);
		E->first_no = E->n_contents + 1;
		for (int j = E->r.n_mod - 1; j >= 0; j--)
			first_page[E->r.mod[j].art] = E->first_no + E->r.mod[j].page;
		for (int s = 0; s < E->n_sect; s++)
			if (E->sect_page[s])
				E->sect_page[s] += E->first_no - 1;
	}
	rep->pages = E->first_no - 1 + E->r.n_pages;
	pa_guard_lock(g);
	out = R->opts->format == WARTA_PRINT_TRACE ? rn_out_trace_new(R, E->d) : rn_out_cairo_new(R, rep->pages, E->d);
	if (out && !E->modular)
		ed_contents(R, out, first_page, E->d, NULL, 0);
	if (out)
		outline(E, out);
	pa_guard_unlock(g);
	g_free(first_page);
	if (out == NULL)
		return -1;
	E->last_page = g_new0(int, E->n);
	for (int j = 0; j < E->r.n_mod; j++)
		E->last_page[E->r.mod[j].art] = E->r.mod[j].page;
	for (int pi = 0; pi < E->r.n_pages && !out->ops->failed(out); pi++) {
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
	if (E->contents_title)
		g_ptr_array_free(E->contents_title, TRUE);
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
	E.count_contents = E.modular ? NULL : count_contents;
	E.mt = ed_mt_new(&E, N);
	if (ed_flow_drawn(&E)) {
		rc = ed_flow_pdf(&E, rep);
		goto out;
	}
	layout_articles(&E, N);
	E.sect_page = g_new0(int, E.n_sect);
	for (int i = 0; i < E.n; i++)
		ed_measure(&E, i, &ma[i], N);
	ed_params(&E, N);
	if ((E.modular ? mk_modular(ma, E.n, &E.p, &E.r) : mk_flow(ma, E.n, &E.p, &E.r)) < 0)
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "the edition's pages could not be made up "
		    "(a head taller than a page, or out of memory)");
	else {
		sect_pages(&E);
		no_empty_strip(&E, ma);
		ed_report(&E, rep);
		rc = draw(&E, rep);
	}
out:
	g_free(ma);
	ed_mt_stop(E.mt);
	ed_free(&E);
	ed_mt_free(E.mt);
	return rc;
}
