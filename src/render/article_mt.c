/* article_mt.c — one long article on two cores (opts->threads > 1): a
 * helper thread lays it out (rn_art_layout: shaping, hyphenation, line
 * breaking, the page builder) with a font map of its own, and this thread
 * draws its pages as they come, at most AHEAD pages behind.
 *
 * A paragraph's setting depends on page state only through what the
 * layout itself computes in order (the measure of a drop cap, a figure's
 * column, the grid), never on drawing, so the whole layout moves to the
 * helper and drawing stays here (Cairo 1.16 and FreeType crashed when two
 * threads drew text; lines set with the helper's fonts draw here, as an
 * edition's do: edition_threads.c).
 *
 * What is shared, and how:
 * - A page is handed over as a snapshot made in the helper when the page
 *   builder makes it: a copy of the article's struct at that moment, with
 *   the items of the page's columns, the head block (first page) and the
 *   page's part of the notes' order copied (the helper goes on changing
 *   the list and the order); the lines, paragraphs, blocks, drop caps,
 *   notes and figures they point to stay the helper's, read here only.
 *   The helper keeps them (art_trim: A->trim_live) until this thread has
 *   drawn the page, and frees them itself, under the guard of the two
 *   font maps (layout/guard.h: cairo 1.16 destroys a scaled font unsafely
 *   beside another thread drawing), as it frees the article at the end.
 * - Messages: the layout's go to the helper's list; each snapshot takes
 *   those made before its page, moved to the caller's list here before
 *   the page is drawn: the order of one thread (drawing's own messages
 *   come after the layout's that came before the page).
 * - The report: the layout's, from the helper at the end, with what
 *   drawing adds (lines off the grid) summed here.
 * - Under the lock: the queue of snapshots, the counts made and drawn.
 * If this thread's output fails, drawing stops but the snapshots are still
 * taken (their messages: the same as one thread's, which lays out to the
 * end), so the helper never waits for nothing. */
#include <string.h>
#include <sys/resource.h>

#include "layout/guard.h"
#include "render/typeset.h"

/* Pages the helper may make before the one being drawn. */
#define AHEAD 4

struct snap {
	struct art A;                   /* the article when the page was made */
	struct pb_page pg;              /* columns and notes re-indexed into v, order */
	GArray *v, *head;               /* struct pb_item: copies */
	int *order;
	struct warta_diags d;           /* the layout's messages before the page */
	int last;                       /* 1: no page, the end (d: the last messages) */
};

struct mt {
	struct rn R;                    /* the call's, with the helper's font map */
	PangoContext *main_ctx;
	struct rn_fonts *fonts;
	struct warta_doc *doc;
	int index;
	const char *kicker;
	struct warta_diags hd;          /* the helper's layout messages */
	int max;                        /* the caller's cap of messages */
	/* the helper's own */
	GQueue mine;                    /* snapshots made and not freed, oldest first */
	int freed;                      /* of them, freed */
	struct warta_report rep;        /* the layout's report, at the end */
	/* under lock */
	GQueue ready;                   /* snapshots to draw, in order */
	int made, drawn;
	GMutex lock;
	GCond cond;
};

static void
snap_free(struct snap *S)
{
	if (S->v)
		g_array_free(S->v, TRUE);
	if (S->head)
		g_array_free(S->head, TRUE);
	g_free(S->order);
	warta_diags_fini(&S->d);
	g_free(S);
}

/* The helper: its snapshots drawn so far, freed. */
static void
reclaim(struct mt *M)
{
	int drawn;

	g_mutex_lock(&M->lock);
	drawn = M->drawn;
	g_mutex_unlock(&M->lock);
	while (M->freed < drawn) {
		snap_free(g_queue_pop_head(&M->mine));
		M->freed++;
	}
}

/* art_trim's hook (the helper): what the pages not drawn yet use. */
static void
trim_live(void *data, GHashTable *live)
{
	struct mt *M = data;

	reclaim(M);
	for (GList *e = M->mine.head; e; e = e->next) {
		struct snap *S = e->data;
		GArray *lists[2] = { S->v, S->head };

		for (int k = 0; k < 2; k++)
			for (guint i = 0; lists[k] && i < lists[k]->len; i++) {
				const struct pb_item *it = &g_array_index(lists[k], struct pb_item, i);

				if (it->kind == PB_LINE && it->data)
					rn_mark_live(live, it->data);
			}
	}
}

/* Hands S to this thread, waiting while AHEAD are not drawn yet. */
static void
hand_over(struct mt *M, struct snap *S)
{
	g_queue_push_tail(&M->mine, S);
	g_mutex_lock(&M->lock);
	while (M->made - M->drawn >= AHEAD)
		g_cond_wait(&M->cond, &M->lock);
	g_queue_push_tail(&M->ready, S);
	M->made++;
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
}

static struct snap *
snap_new(struct mt *M)
{
	struct snap *S = g_new0(struct snap, 1);

	warta_diags_init(&S->d);
	S->d.max = M->max;
	warta_diags_move(&S->d, &M->hd);
	return S;
}

/* The helper's page callback: page pg of A, snapshot for this thread. */
static void
queue_page(void *data, struct art *A, const struct pb_page *pg)
{
	struct mt *M = data;
	struct snap *S = snap_new(M);
	size_t lo = (size_t)-1, hi = 0;
	int c, n = pg->span_count;

	S->A = *A;
	S->pg = *pg;
	memset(&S->A.rep, 0, sizeof S->A.rep);
	/* the columns' items */
	for (c = 0; c < pg->n_cols; c++)
		if (pg->col[c].start < pg->col[c].end) {
			lo = MIN(lo, pg->col[c].start);
			hi = MAX(hi, pg->col[c].end);
		}
	S->v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	if (lo < hi) {
		g_array_append_vals(S->v, &g_array_index(A->v, struct pb_item, lo), (guint)(hi - lo));
		for (c = 0; c < pg->n_cols; c++)
			if (pg->col[c].start < pg->col[c].end) {
				S->pg.col[c].start -= lo;
				S->pg.col[c].end -= lo;
			} else {
				S->pg.col[c].start = S->pg.col[c].end = 0;
			}
	}
	S->A.v = S->v;
	/* the head block, drawn on the first page */
	S->head = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	if (A->pages_done == 0)
		g_array_append_vals(S->head, A->head->data, A->head->len);
	S->A.head = S->head;
	/* the page's notes and spanning inserts, in their order */
	for (c = 0; c < pg->n_cols; c++)
		n += pg->col[c].fn_count;
	S->order = g_new(int, n + 1);
	n = 0;
	if (pg->span_count > 0)
		memcpy(S->order, A->ps.order + pg->span_first, sizeof(int) * (size_t)pg->span_count);
	S->pg.span_first = 0;
	n = pg->span_count;
	for (c = 0; c < pg->n_cols; c++) {
		if (pg->col[c].fn_count > 0)
			memcpy(S->order + n, A->ps.order + pg->col[c].fn_first,
			    sizeof(int) * (size_t)pg->col[c].fn_count);
		S->pg.col[c].fn_first = n;
		n += pg->col[c].fn_count;
	}
	S->A.ps.order = S->order;
	hand_over(M, S);
}

static gpointer
helper(gpointer data)
{
	struct mt *M = data;
	struct art *A;
	struct snap *S;
	struct pa_guard *g = pa_guard_get(M->R.ctx);

	/* rn_art_layout with the hooks set before its first page */
	A = rn_art_new(&M->R, M->doc, M->index, M->kicker, &M->hd);
	A->trim_live = trim_live;
	A->trim_data = M;
	A->trim_guard = g;
	rn_art_layout_in(&M->R, A, 0, queue_page, M);
	M->rep = A->rep;
	S = snap_new(M);
	S->last = 1;
	hand_over(M, S);
	/* once everything is drawn: the article and the snapshots freed */
	g_mutex_lock(&M->lock);
	while (M->drawn < M->made)
		g_cond_wait(&M->cond, &M->lock);
	g_mutex_unlock(&M->lock);
	reclaim(M);
	pa_guard_lock(g);
	rn_art_free(A);
	pa_guard_unlock(g);
	return NULL;
}

/* The next snapshot, waiting for it. */
static struct snap *
next_snap(struct mt *M)
{
	struct snap *S;

	g_mutex_lock(&M->lock);
	while ((S = g_queue_pop_head(&M->ready)) == NULL)
		g_cond_wait(&M->cond, &M->lock);
	g_mutex_unlock(&M->lock);
	return S;
}

static void
snap_drawn(struct mt *M)
{
	g_mutex_lock(&M->lock);
	M->drawn++;
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
}

int
rn_art_draw_mt(struct rn *R, struct warta_doc *doc, int index, const char *kicker,
               struct warta_diags *d, rn_page_fn page, void *data, struct warta_report *rep)
{
	struct mt *M = g_new0(struct mt, 1);
	struct warta_report drawn;
	GThread *t;
	struct snap *S;

	M->R = *R;
	M->fonts = rn_fonts_take(R->e);
	M->R.ctx = M->fonts->ctx;
	M->main_ctx = R->ctx;
	M->doc = doc;
	M->index = index;
	M->kicker = kicker;
	M->max = d->max;
	warta_diags_init(&M->hd);
	M->hd.max = d->max;
	g_queue_init(&M->mine);
	g_queue_init(&M->ready);
	g_mutex_init(&M->lock);
	g_cond_init(&M->cond);
	rn_guard_on(R->e, M->main_ctx, M->R.ctx);
	t = g_thread_try_new("warta-layout", helper, M, NULL);
	if (t) {
		memset(&drawn, 0, sizeof drawn);
		while (!(S = next_snap(M))->last) {
			warta_diags_move(d, &S->d);
			page(data, &S->A, &S->pg);
			drawn.off_grid += S->A.rep.off_grid;
			drawn.grid |= S->A.rep.grid;
			snap_drawn(M);
		}
		warta_diags_move(d, &S->d);
		snap_drawn(M);
		g_thread_join(t);
		*rep = M->rep;
		rep->off_grid += drawn.off_grid;
		rep->grid |= drawn.grid;
	}
	rn_guard_off(M->main_ctx, M->R.ctx);
	rn_fonts_put(R->e, M->fonts);
	warta_diags_fini(&M->hd);
	g_mutex_clear(&M->lock);
	g_cond_clear(&M->cond);
	g_free(M);
	return t ? 0 : -1;
}

/* Text below which the thread does not pay: starting it and a second
 * font map cost 0-12 ms (tests/bench/RESULTS.md, session 10); the sample
 * (16 KB) takes 27 ms in all. */
#define MT_MIN_BYTES 65536

int
rn_art_mt_pays(const struct warta_doc *doc)
{
	const struct warta_node *n;
	struct rlimit rl;
	size_t bytes = 0;

	if (g_getenv("WARTA_TEST_ARTICLE_THREAD"))
		return 1;               /* tests: every article, however short */
	/* under a limit on the address space (ulimit -v) one thread: the
	 * helper's malloc arena reserves 64-128 MB of it and its font map
	 * starts Pango's own threads, so a limit -j 1 keeps to ended in
	 * fontconfig's unchecked allocations (a crash) at -j 2 */
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return 0;
	for (n = doc->root; n && bytes < MT_MIN_BYTES; n = warta_node_next(n, doc->root))
		if (n->text)
			bytes += strlen(n->text);
	return bytes >= MT_MIN_BYTES;
}
