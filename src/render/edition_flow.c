/* edition_flow.c — a run-on (flow) edition written as one PDF, drawn while
 * it is laid out (edition_pages.c makes the others: a newspaper, PNG, SVG
 * and trace outputs, a page range).
 *
 * The articles are laid out in order, each once: with two threads the
 * helper lays out the next ones, a few ahead (edition_threads.c), and this
 * thread takes one itself where it would wait.  Each, once laid out, is
 * measured into the flow make-up one article at a time (layout/makeup.h,
 * mk_flow_add), which says which pages are final: those are drawn at once,
 * and an article is freed once its last page is drawn, so an edition holds
 * a few articles at a time.  The masthead and contents come before the
 * articles but list their first pages: their number of pages is counted
 * first (the folios start after them), and they are drawn last, with the
 * page numbers, and put first in the PDF by the update after cairo's bytes
 * (out_cairo.c, pdf_alt.c: the page tree, the structure tree's order).
 * Their outline entry is given before the articles' (kept when counted),
 * the articles' as each is placed, in the order of the two-phase make-up.
 *
 * The PDF is the one the two-phase path (lay out and make up everything,
 * then draw) makes, page for page: tests/print/test-flow.sh compares them,
 * with WARTA_TEST_TWO_PHASE set in the environment forcing the two-phase
 * path.  The messages are those of the two-phase path, in its order: the
 * articles' (in order), the contents', then the drawing's. */
#include <string.h>

#include "layout/guard.h"
#include "render/edition.h"

struct flow_run {
	struct ed *E;
	struct rn_out *out;
	struct pa_guard *g;
	struct mk_flow F;
	int N;
	int drawn;                      /* pages drawn */
	const char *prev_sect;
};

int
ed_flow_drawn(const struct ed *E)
{
	const struct warta_render_opts *o = E->R->opts;

	return !E->modular && o->format == WARTA_PRINT_PDF && o->first_page <= 0 && o->last_page <= 0 &&
	       E->R->scan == NULL && E->n > 0 && g_getenv("WARTA_TEST_TWO_PHASE") == NULL;
}

/* Article i's outline entries (its section's first): in the order of the
 * two-phase path's outline (edition_pages.c). */
static void
outline_entries(struct flow_run *W, int i)
{
	ed_outline_section(W->out, &W->prev_sect, W->E->a[i].section_name, (size_t)i);
	W->out->ops->article(W->out, W->E->a[i].A);
}

/* The pages made up and final, up to page `upto`, drawn; every article
 * whose last page is drawn freed. */
static void
draw_pages(struct flow_run *W, int upto)
{
	struct ed *E = W->E;

	for (; W->drawn < upto; W->drawn++) {
		const struct mk_page *pg = &E->r.pages[W->drawn];

		if (!W->out->ops->failed(W->out)) {
			pa_guard_lock(W->g);    /* the helper thread may reach Cairo too */
			ed_paint_page(E, W->out, W->drawn);
			pa_guard_unlock(W->g);
		}
		for (int j = pg->first; j < pg->first + pg->n; j++)
			if (E->last_page[E->r.mod[j].art] == W->drawn)
				ed_mt_release(E->mt, &E->a[E->r.mod[j].art]);
	}
}

/* Every article laid out, placed and its final pages drawn.  0, or -1
 * when the make-up fails. */
static int
place_articles(struct flow_run *W)
{
	struct ed *E = W->E;
	int got;

	for (int i = 0; i < E->n; i++) {
		struct mk_article ma;

		ed_mt_flow_get(E->mt, E, i, W->N);
		pa_guard_lock(W->g);
		outline_entries(W, i);
		pa_guard_unlock(W->g);
		memset(&ma, 0, sizeof ma);
		ed_measure(E, i, &ma, W->N);
		got = mk_flow_add(&W->F, &ma);
		if (got < 0)
			return -1;
		E->last_page[i] = E->r.mod[E->r.n_mod - 1].page;
		draw_pages(W, got);
	}
	got = mk_flow_end(&W->F);
	if (got < 0)
		return -1;
	draw_pages(W, got);
	return 0;
}

/* The masthead and contents drawn with the articles' first pages, to be
 * put first. */
static void
draw_contents(struct flow_run *W)
{
	struct ed *E = W->E;
	int *first_page = g_new0(int, E->n);

	for (int j = E->r.n_mod - 1; j >= 0; j--)
		first_page[E->r.mod[j].art] = E->first_no + E->r.mod[j].page;
	pa_guard_lock(W->g);
	rn_out_cairo_front(W->out);
	ed_contents(E->R, W->out, first_page, E->d, NULL, 1);
	pa_guard_unlock(W->g);
	g_free(first_page);
}

int
ed_flow_pdf(struct ed *E, struct warta_report *rep)
{
	struct rn *R = E->R;
	struct flow_run W;
	struct warta_diags dd;          /* the drawing's messages, after the others */
	int rc = 0;

	memset(&W, 0, sizeof W);
	W.E = E;
	W.N = MIN(R->cols, MK_MAX_COLS);
	W.g = pa_guard_get(R->ctx);
	warta_diags_init(&dd);
	dd.max = E->d->max;
	ed_sections(E);
	E->sect_page = g_new0(int, E->n_sect);
	E->last_page = g_new0(int, E->n);
	ed_params(E, W.N);
	mk_flow_begin(&W.F, &E->p, &E->r);
	ed_mt_flow_start(E->mt, E);     /* the helper's first articles beside the counting */
	E->n_contents = ed_contents(R, NULL, NULL, E->d, &E->contents_title, 0);
	E->first_no = E->n_contents + 1;
	pa_guard_lock(W.g);
	W.out = rn_out_cairo_new(R, 0, &dd);
	if (W.out && E->contents_title) {
		struct art A;

		memset(&A, 0, sizeof A);
		A.doc = R->docs[0];
		A.contents = 1;
		A.outline = E->contents_title;
		W.out->ops->article(W.out, &A);
	}
	pa_guard_unlock(W.g);
	if (W.out == NULL)
		rc = -1;
	else if (place_articles(&W) < 0) {
		warta_diag(E->d, WARTA_ERROR, NULL, 0, 0, "the edition's pages could not be made up "
		    "(a head taller than a page, or out of memory)");
		rc = -1;
	}
	ed_mt_stop(E->mt);
	if (rc == 0) {
		draw_contents(&W);
		ed_report(E, rep);
		rep->pages = E->first_no - 1 + E->r.n_pages;
		rep->grid = 1;
		rep->off_grid = E->off_grid;
	}
	if (W.out)
		rc = W.out->ops->finish(W.out, rc < 0) < 0 ? -1 : rc;
	warta_diags_move(E->d, &dd);
	warta_diags_fini(&dd);
	return rc;
}
