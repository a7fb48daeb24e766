/* makeup.c — page make-up on a baseline grid (makeup.h).
 *
 * Modular pages.  An edition is made up page by page.  The articles of a
 * section wait in a queue, continuations (the rest of a jumped article)
 * first, then by priority, then in input order.  For a page the first
 * `window` waiting articles are the candidates, and every layout of a
 * restricted guillotine shape is scored exactly (after Gange, Marriott &
 * Stuckey, "Optimal guillotine layout", DocEng 2012, which shows that such
 * shapes searched exactly give real modular pages):
 *
 *   - optionally a module of the first candidate spanning every column at
 *     the top (forced on the front page: the lead story), then
 *   - every composition of the columns into vertical strips (2^(cols-1) of
 *     them), each strip a stack of modules as wide as the strip.
 *
 * For each shape a dynamic programme over (strip, candidate, lines used in
 * the strip, modules in the strip) takes the candidates in order and, per
 * candidate, places it whole, places its start and jumps the rest to a
 * later page (closing the strip exactly at the foot), or defers it to a
 * later page.  A strip is closed with its slack absorbed as blank lines
 * under its modules' heads (at most max_pad each) or left as a hole.  The
 * score, lower is better (the weights below):
 *
 *   fill       HOLE per column-line left empty, PAD per blank line added
 *   jumps      JUMP per article split across pages
 *   hierarchy  an article deferred while a later one is placed costs
 *              DEFER (more when important); an important article placed
 *              low or narrow costs HIER_LOW · p · line0/lines and
 *              HIER_NARROW · p · (cols − k)/cols (p its priority in 0..1
 *              among the candidates)
 *   shape      a multi-column module whose legs are under SHORT_LEG lines,
 *              SHORT per missing line; a leg over LONG_LEG lines, LONG per line
 *
 * Section order is kept (a page holds one section's articles; the front
 * page shows the most important of all, and their jumps go to their own
 * sections).  Cost per page: shapes × windows × lines × 4 states, a few
 * transitions each: linear in the number of pages. */
#include "layout/makeup.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define HOLE 1000.0
#define PAD 6.0
#define JUMP 400.0
#define DEFER 80.0
#define DEFER_PRIO 200.0
#define HIER_LOW 60.0
#define HIER_NARROW 30.0
#define SHORT_LEG 6
#define SHORT 25.0
#define LONG_LEG 70
#define LONG 2.0
#define FRONT_COUNT 3000.0      /* per module short of front_min or over front_max */
#define NM_CAP 3                /* modules per strip counted for padding */
#define INF 1e300

/* ------------------------------------------------------------ legs */

static int
may_break(const struct mk_article *a, int after)
{
	if (after <= 0 || after >= a->body)
		return 1;
	return a->nobreak == NULL || a->nobreak[after] == 0;
}

/* Not even a forced break (inside a picture). */
static int
hard(const struct mk_article *a, int after)
{
	return after > 0 && after < a->body && a->nobreak && a->nobreak[after] >= MK_HARD;
}

int
mk_legs(const struct mk_article *a, int from, int n, int k, int height, int *legs)
{
	int pos = from, end = from + n, j;

	for (j = 0; j < k; j++) {
		int t, e;

		legs[j] = 0;
		if (pos >= end || height <= 0)
			continue;
		t = pos + height < end ? pos + height : end;
		e = t;
		if (t < end || hard(a, t)) {
			while (e > pos && !may_break(a, e))
				e--;
			if (e == pos) {
				/* no allowed break in reach: forced where not hard; a
				 * picture taller than the leg leaves it empty */
				e = t;
				while (e > pos && hard(a, e))
					e--;
			}
		}
		legs[j] = e - pos;
		pos = e;
	}
	return pos - from;
}

/* The longest run of [from, from + n) that no break may cut (a picture). */
static int
longest_hard(const struct mk_article *a, int from, int n)
{
	int best = 0, run = 1;

	if (a->nobreak == NULL)
		return 1;
	for (int i = from + 1; i < from + n; i++) {
		run = hard(a, i) ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	return best > 1 ? best : 1;
}

int
mk_balance(const struct mk_article *a, int from, int n, int k, int *legs)
{
	int h = k > 0 ? (n + k - 1) / k : n, m;

	if (n <= 0) {
		for (int j = 0; j < k; j++)
			legs[j] = 0;
		return 0;
	}
	m = longest_hard(a, from, n);
	if (h < m)
		h = m;
	if (h < 1)
		h = 1;
	while (mk_legs(a, from, n, k, h, legs) < n)
		h++;
	return h;
}

static int
max_leg(const int *legs, int k)
{
	int m = 0;

	for (int j = 0; j < k; j++)
		if (legs[j] > m)
			m = legs[j];
	return m;
}

/* ------------------------------------------------------------ result */

struct mk_vec {
	struct mk_result *r;
	int cap_mod, cap_pages;
};

static struct mk_module *
add_module(struct mk_vec *v)
{
	struct mk_result *r = v->r;

	if (r->n_mod == v->cap_mod) {
		int c = v->cap_mod ? 2 * v->cap_mod : 32;
		struct mk_module *m = realloc(r->mod, (size_t)c * sizeof *m);

		if (m == NULL)
			return NULL;
		r->mod = m;
		v->cap_mod = c;
	}
	memset(&r->mod[r->n_mod], 0, sizeof r->mod[0]);
	r->mod[r->n_mod].jump_from = r->mod[r->n_mod].jump_to = -1;
	return &r->mod[r->n_mod++];
}

static struct mk_page *
add_page(struct mk_vec *v, int section)
{
	struct mk_result *r = v->r;

	if (r->n_pages == v->cap_pages) {
		int c = v->cap_pages ? 2 * v->cap_pages : 16;
		struct mk_page *p = realloc(r->pages, (size_t)c * sizeof *p);

		if (p == NULL)
			return NULL;
		r->pages = p;
		v->cap_pages = c;
	}
	memset(&r->pages[r->n_pages], 0, sizeof r->pages[0]);
	r->pages[r->n_pages].first = r->n_mod;
	r->pages[r->n_pages].section = section;
	return &r->pages[r->n_pages++];
}

void
mk_result_free(struct mk_result *r)
{
	free(r->mod);
	free(r->pages);
	memset(r, 0, sizeof *r);
}

static int
params_ok(const struct mk_article *a, int n, const struct mk_params *p)
{
	if (p->cols < 1 || p->cols > MK_MAX_COLS || p->lines < 4 || n < 0 || p->alley < 0 ||
	    p->jump_line < 0 || p->max_pad < 0 || p->front_band < 0 || p->front_foot < 0 ||
	    p->flag_band < 0 || p->front_band + p->front_foot + 4 > p->lines ||
	    p->flag_band + 4 > p->lines)
		return 0;
	for (int i = 0; i < n; i++) {
		if (a[i].body < 0 || (i > 0 && a[i].section < a[i - 1].section))
			return 0;
		for (int k = 1; k <= p->cols; k++)
			if (a[i].head[k] < 0 || a[i].jhead[k] < 0 || a[i].photo[k] < 0)
				return 0;
	}
	return 1;
}

/* ------------------------------------------------------------ flow */

int
mk_flow(const struct mk_article *a, int n, const struct mk_params *p, struct mk_result *r)
{
	struct mk_vec v = { r, 0, 0 };
	struct mk_page *pg = NULL;
	int N = p->cols, L = p->lines, u = 0, band = 0, keep = p->keep > 0 ? p->keep : 2;

	memset(r, 0, sizeof *r);
	if (!params_ok(a, n, p))
		return -1;
	for (int i = 0; i < n; i++) {
		int from = 0, cont = 0;

		if (pg == NULL || a[i].section != a[i - 1].section || (p->article_break && u > band)) {
			if (pg)
				pg->last = a[i].section != a[i - 1].section;
			pg = add_page(&v, a[i].section);
			if (pg == NULL)
				goto fail;
			pg->flag = pg == r->pages || a[i].section != a[i - 1].section;
			band = pg->band = pg->flag ? p->flag_band : 0;
			u = band;
		}
		for (;;) {
			int gap = u > band ? p->alley : 0;
			int hd = cont ? 0 : a[i].head[N] + a[i].photo[N];
			int avail = L - u - gap - hd, rem = a[i].body - from;
			int need = rem < keep ? rem : keep;
			int legs[MK_MAX_COLS], t, hb;
			struct mk_module *m;

			if (u > band && (avail < 1 || (need > 0 && mk_legs(&a[i], from, rem, N,
			    avail, legs) < need) || (rem == 0 && avail < 0))) {
				pg = add_page(&v, a[i].section);
				if (pg == NULL)
					goto fail;
				u = band = pg->band = 0;
				continue;
			}
			if (avail < 0)
				avail = 0;      /* a head taller than a page: drawn as far as it goes */
			hb = mk_balance(&a[i], from, rem, N, legs);
			t = rem;
			if (hb > avail) {
				t = mk_legs(&a[i], from, rem, N, avail, legs);
				hb = avail;
				if (t == 0 && avail == 0 && rem > 0 && hd == 0)
					goto fail;      /* cannot happen: a page holds a line */
				/* with every article on a new page, its last page holds
				 * only its tail: at least min_lines of it (the page
				 * before gives them up) */
				if (p->article_break && p->min_lines > 0 && rem - t < p->min_lines &&
				    rem - p->min_lines >= need && rem - p->min_lines > 0) {
					t = mk_legs(&a[i], from, rem - p->min_lines, N, avail, legs);
					if (t == 0)
						t = mk_legs(&a[i], from, rem, N, avail, legs);
				}
			}
			m = add_module(&v);
			if (m == NULL)
				goto fail;
			m->page = r->n_pages - 1;
			m->art = i;
			m->col0 = 0;
			m->k = N;
			m->line0 = u + gap;
			m->head = cont ? 0 : a[i].head[N];
			m->photo = cont ? 0 : a[i].photo[N];
			m->from = from;
			m->to = from + t;
			m->cont = cont;
			memcpy(m->legs, legs, sizeof legs);
			m->leg_h = max_leg(legs, N);
			m->h = hd + m->leg_h;
			if (m->line0 + m->h > L)
				m->h = L - m->line0;
			pg->n++;
			pg->filled += m->h * N;
			u = m->line0 + m->h;
			from += t;
			if (from >= a[i].body)
				break;
			cont = 1;
			pg = add_page(&v, a[i].section);
			if (pg == NULL)
				goto fail;
			u = band = pg->band = 0;
		}
	}
	if (pg)
		pg->last = 1;
	return 0;
fail:
	mk_result_free(r);
	return -1;
}

/* ------------------------------------------------------------ modular */

struct item {                   /* an article waiting for a page */
	int art, from;
	int prev;                       /* the module of its previous part, -1: none */
	int order;                      /* input order, for ties */
};

struct queue {
	struct item *it;
	int n, cap;
};

static int
q_push(struct queue *q, struct item x, int front)
{
	if (q->n == q->cap) {
		int c = q->cap ? 2 * q->cap : 16;
		struct item *t = realloc(q->it, (size_t)c * sizeof *t);

		if (t == NULL)
			return -1;
		q->it = t;
		q->cap = c;
	}
	if (front) {
		memmove(q->it + 1, q->it, (size_t)q->n * sizeof *q->it);
		q->it[0] = x;
	} else {
		q->it[q->n] = x;
	}
	q->n++;
	return 0;
}

/* A candidate as the page DP sees it. */
struct cand {
	struct item it;
	int rem;                        /* body lines left */
	int hd[MK_MAX_COLS + 1];        /* head (or jump head + "from" line) + photo lines at k */
	int bal[MK_MAX_COLS + 1];       /* balanced leg height of the whole rest at k */
	double p;                       /* priority among the candidates, 0..1 */
	int cont;
};

struct choice {                 /* one placement in a solution */
	int cand, k, col0, line0, h, jump, taken, strip;
};

struct pctx {                   /* one page being made up */
	const struct mk_article *a;
	const struct mk_params *p;
	struct cand *c;
	int nc;
	int H, base;                    /* module lines, first module line */
	/* DP arrays, sized for the largest shape */
	double *cost;
	int *back;                      /* previous state * 8 + action */
	size_t cap;
	long work;
};

enum { A_NONE, A_CLOSE, A_SKIP, A_FULL, A_JUMP };

/* The jump of candidate c in a module of k columns and R lines: the body
 * lines taken (legs set), or 0 when it may not jump there. */
static int
jump_fit(const struct pctx *X, const struct cand *c, int k, int R, int *legs)
{
	const struct mk_params *p = X->p;
	int bh = R - c->hd[k] - p->jump_line, t;

	if (bh < 1 || c->rem < p->min_before + p->min_after)
		return 0;
	t = mk_legs(&X->a[c->it.art], c->it.from, c->rem, k, bh, legs);
	if (t < p->min_before || c->rem - t < p->min_after || t >= c->rem)
		return 0;
	return t;
}

static double
hier(const struct pctx *X, const struct cand *c, int line0, int k)
{
	const struct mk_params *p = X->p;
	double cost = HIER_LOW * c->p * (double)line0 / p->lines +
	              HIER_NARROW * c->p * (double)(p->cols - k) / p->cols;

	return cost;
}

static double
shape(const struct pctx *X, int k, int leg_h)
{
	double cost = 0;

	(void)X;
	if (k > 1 && leg_h < SHORT_LEG)
		cost += SHORT * (SHORT_LEG - leg_h);
	if (leg_h > LONG_LEG)
		cost += LONG * (leg_h - LONG_LEG);
	return cost;
}

/* Strips of widths w[0..m) under line `base`, H lines high, candidates
 * from `c0`: the best score, and the placements (*out, *n_out). */
static double
strips(struct pctx *X, const int *w, int m, int c0, struct choice *out, int *n_out)
{
	const struct mk_params *p = X->p;
	int W = X->nc, H = X->H;
	size_t S1 = (size_t)(H + 1) * (NM_CAP + 1), S2 = (size_t)(W + 1) * S1;
	size_t total = (size_t)(m + 1) * S2, s, best_s = 0;
	double best = INF;
	int legs[MK_MAX_COLS];

#define IDX(s_, i_, u_, nm_) ((size_t)(s_) * S2 + (size_t)(i_) * S1 + (size_t)(u_) * (NM_CAP + 1) + (size_t)(nm_))
	if (total > X->cap) {
		double *c = realloc(X->cost, total * sizeof *c);
		int *b;

		if (c == NULL)
			return INF;
		X->cost = c;
		b = realloc(X->back, total * sizeof *b);
		if (b == NULL)
			return INF;
		X->back = b;
		X->cap = total;
	}
	for (s = 0; s < total; s++)
		X->cost[s] = INF;
	X->cost[IDX(0, c0, 0, 0)] = 0;
	X->back[IDX(0, c0, 0, 0)] = -1;
	for (int st = 0; st < m; st++) {
		int k = w[st];

		for (int i = c0; i <= W; i++) {
			for (int u = 0; u <= H; u++) {
				for (int nm = 0; nm <= NM_CAP; nm++) {
					size_t from = IDX(st, i, u, nm), to;
					double c = X->cost[from], nc;
					int slack, absorb, excess;

					if (c >= INF)
						continue;
					X->work++;
					/* close the strip */
					slack = H - u;
					absorb = nm * p->max_pad;
					excess = slack > absorb ? slack - absorb : 0;
					nc = c + HOLE * excess * k + PAD * (slack - excess) * k;
					to = IDX(st + 1, i, 0, 0);
					if (nc < X->cost[to]) {
						X->cost[to] = nc;
						X->back[to] = (int)(from * 8 + A_CLOSE);
					}
					if (i == W)
						continue;
					const struct cand *cd = &X->c[i];
					int gap = u > 0 ? p->alley : 0;
					/* defer it (a continuation only when it cannot go anywhere) */
					nc = c + DEFER + DEFER_PRIO * cd->p + (cd->cont ? HOLE * 4 : 0);
					to = IDX(st, i + 1, u, nm);
					if (nc < X->cost[to]) {
						X->cost[to] = nc;
						X->back[to] = (int)(from * 8 + A_SKIP);
					}
					/* whole */
					int mh = cd->hd[k] + cd->bal[k];
					if (u + gap + mh <= H) {
						nc = c + hier(X, cd, X->base + u + gap, k) + shape(X, k, cd->bal[k]);
						to = IDX(st, i + 1, u + gap + mh, nm < NM_CAP ? nm + 1 : NM_CAP);
						if (nc < X->cost[to]) {
							X->cost[to] = nc;
							X->back[to] = (int)(from * 8 + A_FULL);
						}
					}
					/* its start, jumping the rest: the strip ends with it */
					int t = jump_fit(X, cd, k, H - u - gap, legs);
					if (t > 0) {
						int lh = max_leg(legs, k);

						nc = c + JUMP + (cd->cont ? JUMP : 0) + hier(X, cd, X->base + u + gap, k) +
						     shape(X, k, lh) + HOLE * k * (H - u - gap - cd->hd[k] - p->jump_line - lh);
						to = IDX(st + 1, i + 1, 0, 0);
						if (nc < X->cost[to]) {
							X->cost[to] = nc;
							X->back[to] = (int)(from * 8 + A_JUMP);
						}
					}
				}
			}
		}
	}
	for (int i = c0; i <= W; i++) {
		s = IDX(m, i, 0, 0);
		if (X->cost[s] < best) {
			best = X->cost[s];
			best_s = s;
		}
	}
	*n_out = 0;
	if (best >= INF)
		return INF;
	/* walk back: the placements in reverse, then each strip's in order */
	{
		struct choice tmp[64];
		int nt = 0, strip_end_u[MK_MAX_COLS];
		size_t cur = best_s;

		memset(strip_end_u, 0, sizeof strip_end_u);
		while (X->back[cur] >= 0) {
			int act = X->back[cur] % 8;
			size_t prev = (size_t)(X->back[cur] / 8);
			int st = (int)(prev / S2), i = (int)(prev % S2 / S1), u = (int)(prev % S1 / (NM_CAP + 1));
			int k = w[st];

			if ((act == A_FULL || act == A_JUMP) && nt < 64) {
				struct choice *ch = &tmp[nt++];
				const struct cand *cd = &X->c[i];
				int gap = u > 0 ? p->alley : 0;

				ch->cand = i;
				ch->k = k;
				ch->strip = st;
				ch->line0 = u + gap;
				ch->jump = act == A_JUMP;
				if (ch->jump) {
					ch->taken = jump_fit(X, cd, k, H - u - gap, legs);
					ch->h = H - u - gap;
				} else {
					ch->taken = cd->rem;
					ch->h = cd->hd[k] + cd->bal[k];
				}
			}
			cur = prev;
		}
		for (int j = nt - 1; j >= 0; j--)
			out[(*n_out)++] = tmp[j];
	}
	{
		int col = 0;

		for (int st = 0; st < m; st++) {
			for (int j = 0; j < *n_out; j++)
				if (out[j].strip == st)
					out[j].col0 = col;
			col += w[st];
		}
	}
#undef IDX
	return best;
}

static int
cmp_item_prio(const void *x, const void *y, void *ctx)
{
	const struct mk_article *a = ctx;
	const struct item *p = x, *q = y;

	if ((p->prev >= 0) != (q->prev >= 0))
		return p->prev >= 0 ? -1 : 1;
	if (a[p->art].priority != a[q->art].priority)
		return a[p->art].priority > a[q->art].priority ? -1 : 1;
	return p->order - q->order;
}

/* insertion sort with a context (qsort_r is not portable everywhere) */
static void
sort_items(struct item *it, int n, const struct mk_article *a)
{
	for (int i = 1; i < n; i++) {
		struct item x = it[i];
		int j = i;

		while (j > 0 && cmp_item_prio(&x, &it[j - 1], (void *)a) < 0) {
			it[j] = it[j - 1];
			j--;
		}
		it[j] = x;
	}
}

static void
make_cand(const struct pctx *X, struct cand *c, struct item it)
{
	const struct mk_article *a = &X->a[it.art];
	const struct mk_params *p = X->p;
	int legs[MK_MAX_COLS];

	memset(c, 0, sizeof *c);
	c->it = it;
	c->rem = a->body - it.from;
	c->cont = it.prev >= 0;
	for (int k = 1; k <= p->cols; k++) {
		c->hd[k] = c->cont ? a->jhead[k] + p->jump_line : a->head[k] + a->photo[k];
		c->bal[k] = mk_balance(a, it.from, c->rem, k, legs);
	}
}

/* One page from the candidates: the placements, or -1. */
static int
page_solve(struct pctx *X, int front, int band, int foot, struct choice *best, int *n_best,
           double *best_cost)
{
	const struct mk_params *p = X->p;
	int N = p->cols, L = p->lines, legs[MK_MAX_COLS];
	int Hpage = L - band - foot;
	double bestc = INF;
	struct choice cur[80];
	int ncur;

	*n_best = 0;
	if (X->nc == 0)
		return 0;
	/* the priorities among the candidates, 0..1 */
	{
		int lo = INT_MAX, hi = INT_MIN;

		for (int i = 0; i < X->nc; i++) {
			int pr = X->a[X->c[i].it.art].priority;

			lo = pr < lo ? pr : lo;
			hi = pr > hi ? pr : hi;
		}
		for (int i = 0; i < X->nc; i++)
			X->c[i].p = hi > lo ? (double)(X->a[X->c[i].it.art].priority - lo) / (hi - lo) : 0.5;
	}
	/* top options: none, or candidate 0 across every column, whole or
	 * jumping at a few heights */
	int tops[12], ntop = 0;
	const struct cand *c0 = &X->c[0];
	if (!front)
		tops[ntop++] = -1;
	{
		int whole = c0->hd[N] + c0->bal[N];

		if (whole <= Hpage)
			tops[ntop++] = whole;
		/* the lead of the front page at every twelfth from a third to
		 * five sixths of the page (a picture in its text may not fit a
		 * short leg); elsewhere a sixth to two thirds */
		for (int f = front ? 4 : 2; f <= (front ? 10 : 8); f += front ? 1 : 2) {
			int h = Hpage * f / 12;

			if (h < whole && jump_fit(X, c0, N, h, legs) > 0)
				tops[ntop++] = -100 - h;
		}
		if (ntop == 0 || (front && ntop == 0))
			tops[ntop++] = -100 - Hpage;      /* a lead longer than the page: it jumps */
	}
	for (int ti = 0; ti < ntop; ti++) {
		int top = tops[ti], h0 = 0, jump0 = 0, taken0 = 0, c_start = 0;
		double base_cost = 0;

		if (top != -1) {
			if (top <= -100) {
				h0 = -100 - top;
				taken0 = jump_fit(X, c0, N, h0, legs);
				if (taken0 <= 0)
					continue;
				jump0 = 1;
				base_cost += JUMP + shape(X, N, max_leg(legs, N)) +
				    HOLE * N * (h0 - c0->hd[N] - p->jump_line - max_leg(legs, N));
			} else {
				h0 = top;
				taken0 = c0->rem;
				base_cost += shape(X, N, c0->bal[N]);
			}
			c_start = 1;
		}
		int below = Hpage - h0 - (h0 > 0 ? p->alley : 0);

		if (h0 > 0 && below < 6) {
			/* the top module takes the page: its slack is padding or a hole */
			if (below < 0 || Hpage - h0 > p->max_pad)
				base_cost += HOLE * N * (Hpage - h0 > p->max_pad ? Hpage - h0 - p->max_pad : 0);
			base_cost += PAD * N * (Hpage - h0 < p->max_pad ? Hpage - h0 : p->max_pad);
			for (int i = 1; i < X->nc; i++)
				if (X->c[i].cont)
					base_cost += HOLE * 4;
			if (front)
				base_cost += FRONT_COUNT * p->front_min;        /* the lead alone */
			if (base_cost < bestc) {
				bestc = base_cost;
				best[0] = (struct choice){ 0, N, 0, band, h0, jump0, taken0, -1 };
				*n_best = 1;
			}
			continue;
		}
		X->H = below;
		X->base = band + (h0 > 0 ? h0 + p->alley : 0);
		/* every composition of N into strips: bit b set = a strip ends after column b+1 */
		for (unsigned comp = 0; comp < (1u << (N - 1)); comp++) {
			int w[MK_MAX_COLS], m = 0, run = 1;
			double c;

			for (int b = 0; b < N - 1; b++) {
				if (comp & (1u << b)) {
					w[m++] = run;
					run = 1;
				} else {
					run++;
				}
			}
			w[m++] = run;
			c = strips(X, w, m, c_start, cur + (h0 > 0), &ncur);
			if (c >= INF)
				continue;
			c += base_cost;
			if (h0 > 0) {
				cur[0] = (struct choice){ 0, N, 0, band, h0, jump0, taken0, -1 };
				for (int j = 1; j <= ncur; j++)
					cur[j].line0 += X->base;
				ncur++;
			} else {
				for (int j = 0; j < ncur; j++)
					cur[j].line0 += X->base;
			}
			if (front) {
				int others = ncur - 1;

				if (others < p->front_min)
					c += FRONT_COUNT * (p->front_min - others);
				if (p->front_max > 0 && others > p->front_max)
					c += FRONT_COUNT * (others - p->front_max);
			}
			if (c < bestc) {
				bestc = c;
				memcpy(best, cur, (size_t)ncur * sizeof *cur);
				*n_best = ncur;
			}
		}
	}
	*best_cost = bestc;
	return bestc < INF ? 0 : -1;
}

/* Takes one page's placements: modules (padded so that every strip
 * reaches the foot where its slack allows), jumps linked, the rests of
 * jumped articles queued first in their sections. */
static int
commit_page(struct mk_vec *v, struct pctx *X, const struct choice *best, int n_best,
            struct queue *qs, int n_sect, int bottom)
{
	const struct mk_article *a = X->a;
	const struct mk_params *p = X->p;
	struct mk_result *r = v->r;
	struct mk_page *pg = &r->pages[r->n_pages - 1];

	for (int j = 0; j < n_best; j++) {
		const struct choice *ch = &best[j];
		const struct cand *cd = &X->c[ch->cand];
		const struct mk_article *art = &a[cd->it.art];
		struct mk_module *m = add_module(v);
		int legs[MK_MAX_COLS];

		if (m == NULL)
			return -1;
		pg = &r->pages[r->n_pages - 1];
		m->page = r->n_pages - 1;
		m->art = cd->it.art;
		m->col0 = ch->col0;
		m->k = ch->k;
		m->line0 = ch->line0;
		m->cont = cd->cont;
		m->head = cd->cont ? art->jhead[ch->k] : art->head[ch->k];
		m->photo = cd->cont ? 0 : art->photo[ch->k];
		m->jump_from_line = cd->cont ? p->jump_line : 0;
		m->from = cd->it.from;
		m->to = cd->it.from + ch->taken;
		if (ch->jump) {
			mk_legs(art, m->from, cd->rem, ch->k, ch->h - cd->hd[ch->k] - p->jump_line, legs);
			m->jump_to_line = p->jump_line;
		} else {
			mk_balance(art, m->from, cd->rem, ch->k, legs);
		}
		memcpy(m->legs, legs, sizeof legs);
		m->leg_h = max_leg(legs, ch->k);
		m->h = m->head + m->jump_from_line + m->photo + m->leg_h + m->jump_to_line;
		if (cd->it.prev >= 0) {
			m->jump_from = r->mod[cd->it.prev].page;
			r->mod[cd->it.prev].jump_to = m->page;
		}
		m->pad = ch->strip;     /* the strip, until padded below */
		pg->n++;
		if (ch->jump) {
			struct item rest = { cd->it.art, m->to, r->n_mod - 1, cd->it.order };

			if (q_push(&qs[art->section], rest, 1) < 0)
				return -1;
		}
	}
	/* padding, strip by strip (strip -1: the module across the top) */
	{
		struct mk_module *m = r->mod + pg->first;
		int n = pg->n, strip_of[80];

		for (int j = 0; j < n; j++) {
			strip_of[j] = m[j].pad;
			m[j].pad = 0;
		}
		for (int st = -1; st < MK_MAX_COLS; st++) {
			int lowest = -1, slack, nxt = 0;

			for (int j = 0; j < n; j++)
				if (strip_of[j] == st && (lowest < 0 || m[j].line0 > m[lowest].line0))
					lowest = j;
			if (lowest < 0)
				continue;
			if (st == -1) {
				/* the top module is padded only when it takes the page */
				int others = 0;

				for (int j = 0; j < n; j++)
					others += strip_of[j] != -1;
				if (others)
					continue;
			}
			slack = bottom - (m[lowest].line0 + m[lowest].h);
			while (slack > 0) {
				/* the next module of the strip, top to bottom, that may take a line */
				int pick = -1, tries = 0;

				while (pick < 0 && tries < n) {
					int j = (nxt + tries) % n;

					if (strip_of[j] == st && m[j].pad < p->max_pad)
						pick = j;
					tries++;
				}
				if (pick < 0)
					break;
				nxt = (pick + 1) % n;
				for (int j = 0; j < n; j++)
					if (strip_of[j] == st && m[j].line0 > m[pick].line0)
						m[j].line0++;
				m[pick].pad++;
				m[pick].h++;
				slack--;
			}
		}
		for (int j = 0; j < n; j++)
			pg->filled += m[j].h * m[j].k;
	}
	for (int s = 0; s < n_sect; s++)
		sort_items(qs[s].it, qs[s].n, a);
	return 0;
}

/* Takes the placed candidates (indexes into the first nc items) out of q. */
static void
dequeue(struct queue *q, const struct choice *best, int n_best, int nc)
{
	int keep = 0;

	for (int i = 0; i < q->n; i++) {
		int placed = 0;

		for (int j = 0; j < n_best && i < nc; j++)
			if (best[j].cand == i)
				placed = 1;
		if (!placed)
			q->it[keep++] = q->it[i];
	}
	q->n = keep;
}

/* When no layout is found (an article too big for the page and too short
 * to jump): the first candidate across the page, as much as fits. */
static int
fallback(struct pctx *X, int band, int foot, struct choice *best, int *n_best)
{
	const struct mk_params *p = X->p;
	const struct cand *c = &X->c[0];
	int N = p->cols, H = p->lines - band - foot, legs[MK_MAX_COLS], t, bh;

	bh = H - c->hd[N];
	if (c->hd[N] + c->bal[N] <= H) {
		best[0] = (struct choice){ 0, N, 0, band, c->hd[N] + c->bal[N], 0, c->rem, -1 };
		*n_best = 1;
		return 0;
	}
	bh -= p->jump_line;
	if (bh < 1)
		return -1;
	t = mk_legs(&X->a[c->it.art], c->it.from, c->rem, N, bh, legs);
	if (t <= 0 || t >= c->rem)
		return -1;
	best[0] = (struct choice){ 0, N, 0, band, H, 1, t, -1 };
	*n_best = 1;
	return 0;
}

int
mk_modular(const struct mk_article *a, int n, const struct mk_params *p, struct mk_result *r)
{
	struct mk_vec v = { r, 0, 0 };
	struct pctx X;
	struct queue *qs = NULL, front_q = { 0 };
	int n_sect = 0, W = p->window > 0 ? p->window : 10, rc = -1;
	struct choice best[80];
	int n_best;

	memset(r, 0, sizeof *r);
	memset(&X, 0, sizeof X);
	if (!params_ok(a, n, p) || W > 60)
		return -1;
	X.a = a;
	X.p = p;
	X.c = calloc((size_t)W, sizeof *X.c);
	if (n > 0)
		n_sect = a[n - 1].section + 1;
	qs = calloc((size_t)n_sect + 1, sizeof *qs);
	if (X.c == NULL || qs == NULL)
		goto out;
	for (int i = 0; i < n; i++) {
		struct item it = { i, 0, -1, i };

		if (q_push(&qs[a[i].section], it, 0) < 0 || (p->front && q_push(&front_q, it, 0) < 0))
			goto out;
	}
	for (int s = 0; s < n_sect; s++)
		sort_items(qs[s].it, qs[s].n, a);

	/* the front page: the most important articles of all */
	if (p->front && n > 0) {
		struct mk_page *pg;
		double cost = 0;

		sort_items(front_q.it, front_q.n, a);
		X.nc = front_q.n < W ? front_q.n : W;
		for (int i = 0; i < X.nc; i++)
			make_cand(&X, &X.c[i], front_q.it[i]);
		if ((page_solve(&X, 1, p->front_band, p->front_foot, best, &n_best, &cost) < 0 ||
		    n_best == 0) && fallback(&X, p->front_band, p->front_foot, best, &n_best) < 0)
			goto out;
		pg = add_page(&v, a[front_q.it[0].art].section);
		if (pg == NULL)
			goto out;
		pg->front = 1;
		pg->band = p->front_band;
		pg->foot = p->front_foot;
		r->cost += cost;
		for (int j = 0; j < n_best; j++) {
			struct queue *q = &qs[a[X.c[best[j].cand].it.art].section];
			int at;

			for (at = 0; at < q->n && q->it[at].art != X.c[best[j].cand].it.art; at++)
				;
			if (at < q->n) {
				memmove(q->it + at, q->it + at + 1, (size_t)(q->n - at - 1) * sizeof *q->it);
				q->n--;
			}
		}
		if (commit_page(&v, &X, best, n_best, qs, n_sect, p->lines - p->front_foot) < 0)
			goto out;
		for (int s = 0; s < n_sect; s++)
			sort_items(qs[s].it, qs[s].n, a);
	}
	for (int s = 0; s < n_sect; s++) {
		struct queue *q = &qs[s];
		int first = 1;

		while (q->n > 0) {
			struct mk_page *pg;
			int band = first ? p->flag_band : 0;
			double cost = 0;

			X.nc = q->n < W ? q->n : W;
			for (int i = 0; i < X.nc; i++)
				make_cand(&X, &X.c[i], q->it[i]);
			if ((page_solve(&X, 0, band, 0, best, &n_best, &cost) < 0 || n_best == 0) &&
			    fallback(&X, band, 0, best, &n_best) < 0)
				goto out;
			pg = add_page(&v, s);
			if (pg == NULL)
				goto out;
			pg->flag = first;
			pg->band = band;
			r->cost += cost;
			first = 0;
			dequeue(q, best, n_best, X.nc);
			if (commit_page(&v, &X, best, n_best, qs, n_sect, p->lines) < 0)
				goto out;
		}
		if (r->n_pages > 0 && r->pages[r->n_pages - 1].section == s)
			r->pages[r->n_pages - 1].last = 1;
	}
	if (r->n_pages > 0)
		r->pages[r->n_pages - 1].last = 1;
	r->work = X.work;
	rc = 0;
out:
	for (int s = 0; qs && s <= n_sect; s++)
		free(qs[s].it);
	free(qs);
	free(front_q.it);
	free(X.c);
	free(X.cost);
	free(X.back);
	if (rc < 0)
		mk_result_free(r);
	return rc;
}

/* ------------------------------------------------------------ check */

const char *
mk_check(const struct mk_article *a, int n, const struct mk_params *p, const struct mk_result *r)
{
	int *next = calloc((size_t)n + 1, sizeof *next), *last = malloc(((size_t)n + 1) * sizeof *last);
	unsigned char *cell = malloc((size_t)p->cols * (size_t)p->lines);
	const char *bad = NULL;

	if (next == NULL || last == NULL || cell == NULL) {
		bad = "out of memory";
		goto out;
	}
	for (int i = 0; i < n; i++)
		last[i] = -1;
	for (int pi = 0; pi < r->n_pages && !bad; pi++) {
		const struct mk_page *pg = &r->pages[pi];

		memset(cell, 0, (size_t)p->cols * (size_t)p->lines);
		for (int j = pg->first; j < pg->first + pg->n && !bad; j++) {
			const struct mk_module *m = &r->mod[j];
			int sum = 0;

			if (m->page != pi)
				bad = "a module on the wrong page";
			else if (m->art < 0 || m->art >= n)
				bad = "a module of no article";
			else if (m->col0 < 0 || m->k < 1 || m->col0 + m->k > p->cols)
				bad = "a module outside the columns";
			else if (m->line0 < pg->band || m->line0 + m->h > p->lines - pg->foot)
				bad = "a module outside the type area";
			else if (m->h != m->head + m->jump_from_line + m->photo + m->pad + m->leg_h +
			         m->jump_to_line)
				bad = "a module's height is not the sum of its parts";
			if (bad)
				break;
			for (int c = m->col0; c < m->col0 + m->k; c++)
				for (int l = m->line0; l < m->line0 + m->h; l++) {
					if (cell[c * p->lines + l])
						bad = "modules overlap";
					cell[c * p->lines + l] = 1;
				}
			for (int c = 0; c < m->k; c++) {
				if (m->legs[c] > m->leg_h)
					bad = "a leg longer than its module";
				sum += m->legs[c];
				if (m->legs[c] > 0 && hard(&a[m->art], m->from + sum))
					bad = "a picture cut between legs";
			}
			if (sum != m->to - m->from)
				bad = "legs do not hold the module's lines";
			if (m->from != next[m->art])
				bad = "an article's lines are not in order, or some twice";
			if (last[m->art] >= 0) {
				const struct mk_module *pm = &r->mod[last[m->art]];

				if (!m->cont)
					bad = "a continuation not marked as one";
				if (pm->jump_to >= 0 && (pm->jump_to != m->page || m->jump_from != pm->page))
					bad = "a jump not paired";
			}
			next[m->art] = m->to;
			last[m->art] = j;
		}
	}
	for (int i = 0; i < n && !bad; i++)
		if (next[i] != a[i].body || last[i] < 0)
			bad = "an article's lines are missing";
out:
	free(next);
	free(last);
	free(cell);
	return bad;
}
