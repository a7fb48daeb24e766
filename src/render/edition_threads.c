/* edition_threads.c — an edition made up as pages (edition_pages.c) on two
 * cores, when the call asks for more than one thread (opts->threads).
 *
 * A helper thread lays articles out with a font map of its own (a Pango
 * font map and its context serve one thread at a time), in its own copy of
 * the edition's state (its own headline style), and never draws: only this
 * thread draws on the outputter (Cairo 1.16 and FreeType crashed when two
 * threads drew text).
 * - Measuring: both threads take the next article not yet taken and set
 *   it; each keeps its own first ones (ED_KEEP_LINES_MT lines each) and
 *   frees the rest at once.  Each article reports to a list of its own,
 *   moved to the edition's in the articles' order afterwards.
 * - Drawing: the helper lays out again, in the order they are drawn and at
 *   most AHEAD articles before this thread, the articles nobody kept (its
 *   messages dropped: they came when measured); this thread waits for one
 *   only when it has not caught up.  An article the helper made is freed
 *   by the helper once drawn (freeing it drops references to the helper's
 *   fonts).
 * Layout does not depend on the thread or font map that sets it (the same
 * font files, the same shaping: tests/print/test-threads.sh compares the
 * bytes), so the output, messages and report are those of one thread. */
#include <string.h>

#include "layout/guard.h"
#include "render/edition.h"

/* Articles the helper lays out before the one this thread draws. */
#define AHEAD 3

struct ed_mt {
	struct ed E;                    /* the helper's copy of the edition */
	struct rn R;                    /* the call's, with the helper's font map */
	PangoContext *main_ctx;         /* this thread's, guarded with the helper's */
	struct rn_fonts *fonts;
	struct warta_style head_style;  /* the helper's headline ladder */
	int N;
	/* measuring */
	struct warta_diags *d;          /* [n]: each article's messages */
	gint next;                      /* the next article to take (atomic) */
	/* drawing (under lock but need and n_need, set before the thread) */
	int *need;                      /* articles laid out again, in the order drawn */
	int n_need;
	unsigned char *waits;           /* [n]: 1 while this thread has not taken it (this
	                                   thread's) */
	unsigned char *ready;           /* [n]: laid out again by the helper */
	int taken;                      /* of need, taken by this thread */
	GArray *release;                /* int: the helper's articles drawn, to free */
	int stop;
	GMutex lock;
	GCond cond;
	GThread *t;
};

struct ed_mt *
ed_mt_new(struct ed *E, int N)
{
	struct ed_mt *M;

	if (E->R->opts->threads < 2 || E->n < 2)
		return NULL;
	M = g_new0(struct ed_mt, 1);
	M->R = *E->R;
	M->fonts = rn_fonts_take(M->R.e);
	M->R.ctx = M->fonts->ctx;
	M->main_ctx = E->R->ctx;
	rn_guard_on(M->R.e, M->main_ctx, M->R.ctx);
	M->N = N;
	M->release = g_array_new(FALSE, FALSE, sizeof(int));
	M->ready = g_new0(unsigned char, E->n);
	M->waits = g_new0(unsigned char, E->n);
	g_mutex_init(&M->lock);
	g_cond_init(&M->cond);
	return M;
}

/* The helper's copy of E as it is now (its own font map and headline
 * style; furniture is set by this thread only). */
static void
copy_edition(struct ed_mt *M, const struct ed *E)
{
	M->E = *E;
	M->E.R = &M->R;
	M->head_style = *E->head_style;
	M->E.head_style = &M->head_style;
	M->E.Rh = M->R;
	M->E.Rh.style = &M->head_style;
	M->E.paras = NULL;
	M->E.helper = 1;
	M->E.mt = NULL;
}

/* Article i set by E's thread; kept while *keep_left allows. */
static void
set_one(struct ed *E, int i, int N, struct warta_diags *d, long *keep_left)
{
	struct ed_art *X = &E->a[i];

	ed_set_article(E, i, N, d);
	if (X->n_slot > *keep_left)
		ed_art_release(X);
	else
		*keep_left -= X->n_slot;
}

static gpointer
measure_helper(gpointer data)
{
	struct ed_mt *M = data;
	long keep_left = ED_KEEP_LINES_MT;
	int i;

	while ((i = g_atomic_int_add(&M->next, 1)) < M->E.n)
		set_one(&M->E, i, M->N, &M->d[i], &keep_left);
	return NULL;
}

void
ed_set_articles(struct ed *E, int N)
{
	struct ed_mt *M = E->mt;
	long keep_left = M ? ED_KEEP_LINES_MT : ED_KEEP_LINES;
	GThread *t = NULL;
	int i, next = 0;

	if (M) {
		copy_edition(M, E);
		M->d = g_new0(struct warta_diags, E->n);
		for (i = 0; i < E->n; i++) {
			warta_diags_init(&M->d[i]);
			M->d[i].max = E->d->max;
		}
		t = g_thread_try_new("warta-layout", measure_helper, M, NULL);
	}
	if (E->count_contents)          /* beside the helper's first articles */
		E->n_contents = E->count_contents(E);
	while ((i = t ? g_atomic_int_add(&M->next, 1) : next++) < E->n)
		set_one(E, i, N, M ? &M->d[i] : E->d, &keep_left);
	if (t)
		g_thread_join(t);
	for (i = 0; M && i < E->n; i++) {
		warta_diags_move(E->d, &M->d[i]);
		warta_diags_fini(&M->d[i]);
	}
	if (M) {
		g_free(M->d);
		M->d = NULL;
	}
}

/* The helper's articles drawn so far, freed (outside the lock). */
static void
free_released(struct ed_mt *M, GArray *got)
{
	struct pa_guard *g = got->len ? pa_guard_get(M->R.ctx) : NULL;

	/* their fonts' last references may go: cairo 1.16 destroys a scaled
	 * font unsafely beside another thread drawing (layout/guard.h) */
	pa_guard_lock(g);
	for (guint k = 0; k < got->len; k++)
		ed_art_release(&M->E.a[g_array_index(got, int, k)]);
	pa_guard_unlock(g);
	g_array_set_size(got, 0);
}

/* Waits for something to do: the articles drawn since, to free, into
 * got; *go: 1 when the next to lay out (need[q]) may be.  1 to stop. */
static int
helper_wait(struct ed_mt *M, int q, GArray *got, int *go)
{
	int stop;

	g_mutex_lock(&M->lock);
	while (!M->stop && M->release->len == 0 && (q >= M->n_need || q >= M->taken + AHEAD))
		g_cond_wait(&M->cond, &M->lock);
	g_array_append_vals(got, M->release->data, M->release->len);
	g_array_set_size(M->release, 0);
	stop = M->stop;
	*go = q < M->n_need && q < M->taken + AHEAD;
	g_mutex_unlock(&M->lock);
	return stop;
}

static gpointer
draw_helper(gpointer data)
{
	struct ed_mt *M = data;
	GArray *got = g_array_new(FALSE, FALSE, sizeof(int));
	int q = 0, go;

	while (!helper_wait(M, q, got, &go)) {
		free_released(M, got);
		if (go) {
			struct warta_diags scratch;
			int i = M->need[q++];

			warta_diags_init(&scratch);     /* it was set (and reported) once */
			ed_set_article(&M->E, i, M->N, &scratch);
			warta_diags_fini(&scratch);
			g_mutex_lock(&M->lock);
			M->ready[i] = 1;
			g_cond_broadcast(&M->cond);
			g_mutex_unlock(&M->lock);
		}
	}
	free_released(M, got);
	g_array_free(got, TRUE);
	return NULL;
}

/* ------------------------------------------------------------ a flow edition drawn while laid out */

/* Waits for something to do: the articles drawn since, to free, into got;
 * the next article to lay out (-1: none yet).  1 to stop. */
static int
flow_wait(struct ed_mt *M, GArray *got, int *take)
{
	int stop;

	g_mutex_lock(&M->lock);
	while (!M->stop && M->release->len == 0 && !(M->next < M->E.n && M->next < M->taken + AHEAD))
		g_cond_wait(&M->cond, &M->lock);
	g_array_append_vals(got, M->release->data, M->release->len);
	g_array_set_size(M->release, 0);
	stop = M->stop;
	*take = !stop && M->next < M->E.n && M->next < M->taken + AHEAD ? M->next++ : -1;
	g_mutex_unlock(&M->lock);
	return stop;
}

/* Article i laid out by E's thread (its messages to M->d[i]), and ready. */
static void
flow_set(struct ed_mt *M, struct ed *E, int i)
{
	ed_set_article(E, i, M->N, &M->d[i]);
	g_mutex_lock(&M->lock);
	M->ready[i] = 1;
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
}

static gpointer
flow_helper(gpointer data)
{
	struct ed_mt *M = data;
	GArray *got = g_array_new(FALSE, FALSE, sizeof(int));
	int i;

	while (!flow_wait(M, got, &i)) {
		free_released(M, got);
		if (i >= 0)
			flow_set(M, &M->E, i);
	}
	free_released(M, got);
	g_array_free(got, TRUE);
	return NULL;
}

void
ed_mt_flow_start(struct ed_mt *M, struct ed *E)
{
	if (M == NULL)
		return;
	copy_edition(M, E);
	M->d = g_new0(struct warta_diags, E->n);
	for (int i = 0; i < E->n; i++) {
		warta_diags_init(&M->d[i]);
		M->d[i].max = E->d->max;
	}
	M->t = g_thread_try_new("warta-layout", flow_helper, M, NULL);
}

void
ed_mt_flow_get(struct ed_mt *M, struct ed *E, int i, int N)
{
	int j;

	if (M == NULL) {
		ed_set_article(E, i, N, E->d);
		return;
	}
	g_mutex_lock(&M->lock);
	while (!M->ready[i]) {
		/* not ready: this thread takes the next one not taken (the
		 * helper may be laying out i), or waits */
		j = M->next < E->n && M->next <= i + AHEAD ? M->next++ : -1;
		if (j < 0) {
			g_cond_wait(&M->cond, &M->lock);
			continue;
		}
		g_mutex_unlock(&M->lock);
		flow_set(M, E, j);
		g_mutex_lock(&M->lock);
	}
	M->taken = i + 1;
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
	warta_diags_move(E->d, &M->d[i]);
	warta_diags_fini(&M->d[i]);
}

void
ed_mt_draw_start(struct ed_mt *M, struct ed *E, int N)
{
	if (M == NULL)
		return;
	copy_edition(M, E);             /* its lead, as the make-up settled it */
	M->need = g_new(int, E->n);
	for (int j = 0; j < E->r.n_mod; j++) {
		int i = E->r.mod[j].art;

		if (E->a[i].A == NULL && !M->waits[i]) {
			M->waits[i] = 1;
			M->need[M->n_need++] = i;
		}
	}
	M->t = g_thread_try_new("warta-layout", draw_helper, M, NULL);
	if (M->t == NULL)               /* this thread lays them out */
		memset(M->waits, 0, (size_t)E->n);
	(void)N;
}

int
ed_mt_pending(const struct ed_mt *M, int i)
{
	return M && M->waits[i];
}

int
ed_mt_wait(struct ed_mt *M, int i)
{
	if (M == NULL || !M->waits[i])
		return 0;
	M->waits[i] = 0;
	g_mutex_lock(&M->lock);
	while (!M->ready[i])
		g_cond_wait(&M->cond, &M->lock);
	M->taken++;
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
	return 1;
}

void
ed_mt_release(struct ed_mt *M, struct ed_art *X)
{
	if (M == NULL || M->t == NULL || !X->helper) {
		ed_art_release(X);
		return;
	}
	g_mutex_lock(&M->lock);
	g_array_append_val(M->release, (int){ (int)(X - M->E.a) });
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
}

void
ed_mt_stop(struct ed_mt *M)
{
	if (M == NULL || M->t == NULL)
		return;
	g_mutex_lock(&M->lock);
	M->stop = 1;
	g_cond_broadcast(&M->cond);
	g_mutex_unlock(&M->lock);
	g_thread_join(M->t);
	M->t = NULL;
}

void
ed_mt_free(struct ed_mt *M)
{
	if (M == NULL)
		return;
	rn_guard_off(M->main_ctx, M->R.ctx);
	rn_fonts_put(M->R.e, M->fonts);
	g_array_free(M->release, TRUE);
	if (M->d) {                     /* a flow edition's: the articles not placed */
		for (int i = 0; i < M->E.n; i++)
			if (i >= M->taken)
				warta_diags_fini(&M->d[i]);
		g_free(M->d);
	}
	g_free(M->ready);
	g_free(M->waits);
	g_free(M->need);
	g_mutex_clear(&M->lock);
	g_cond_clear(&M->cond);
	g_free(M);
}
