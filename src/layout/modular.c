/* modular.c — newspaper pages made up of rectangular modules (makeup.h:
 * mk_modular).
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
 *   front      FRONT_COUNT per module short of front_min or over front_max
 *              beside the lead
 *   tombstones TOMB per pair of modules side by side whose head blocks
 *              overlap in height ("bumping heads"): scored on each shape's
 *              best layout, so it chooses among the shapes and top options
 *              (a strip's DP does not see its neighbours' heads)
 *
 * A section's last page: when all its waiting articles are candidates, the
 * page is first tried with every one of them placed whole (no deferral, no
 * jump) and its columns allowed to end short (LAST_HOLE per column-line
 * left, a strip left empty still HOLE), so that short articles go side by
 * side on one page instead of across it on two; when they do not all fit,
 * the page is made up as any other.
 *
 * Section order is kept (a page holds one section's articles; the front
 * page shows the most important of all, and their jumps go to their own
 * sections).  Cost per page: shapes × windows × lines × 4 states, a few
 * transitions each: linear in the number of pages. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "layout/makeup_int.h"

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
#define TOMB 300.0              /* per pair of headlines side by side */
#define LAST_HOLE 2.0           /* per column-line left under a section's last page's modules */
#define NM_CAP 3                /* modules per strip counted for padding */
#define INF 1e300
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
	size_t S1, S2;                  /* strides of a candidate, of a strip */
	double *cost;
	int *back;                      /* previous state * 8 + action */
	size_t cap;
	long work;
	int last;                       /* a section's last page: every candidate placed whole,
	                                   its columns may end short */
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

/* The DP's state (strip, candidate, lines used, modules in the strip). */
static size_t
idx(const struct pctx *X, int st, int i, int u, int nm)
{
	return (size_t)st * X->S2 + (size_t)i * X->S1 + (size_t)u * (NM_CAP + 1) + (size_t)nm;
}

static void
relax(struct pctx *X, size_t from, size_t to, double cost, int act)
{
	if (cost < X->cost[to]) {
		X->cost[to] = cost;
		X->back[to] = (int)(from * 8 + act);
	}
}

/* Room for the DP of m strips over the candidates, every state unreached. */
static int
strips_alloc(struct pctx *X, int m)
{
	size_t total;

	X->S1 = (size_t)(X->H + 1) * (NM_CAP + 1);
	X->S2 = (size_t)(X->nc + 1) * X->S1;
	total = (size_t)(m + 1) * X->S2;
	if (total > X->cap) {
		double *c = realloc(X->cost, total * sizeof *c);
		int *b;

		if (c == NULL)
			return -1;
		X->cost = c;
		b = realloc(X->back, total * sizeof *b);
		if (b == NULL)
			return -1;
		X->back = b;
		X->cap = total;
	}
	for (size_t s = 0; s < total; s++)
		X->cost[s] = INF;
	return 0;
}

/* The moves from state (st, i, u, nm) of cost c in a strip k wide: close
 * the strip (its slack padding or a hole), defer candidate i, place it
 * whole, or place its start and jump the rest (the strip ends with it). */
static void
strip_moves(struct pctx *X, int st, int k, int i, int u, int nm, double c)
{
	const struct mk_params *p = X->p;
	size_t from = idx(X, st, i, u, nm);
	int H = X->H, slack = H - u, absorb = nm * p->max_pad, legs[MK_MAX_COLS];
	int excess = slack > absorb ? slack - absorb : 0;
	const struct cand *cd;
	int gap, mh, t;

	X->work++;
	relax(X, from, idx(X, st + 1, i, 0, 0),
	      c + (X->last && nm > 0 ? LAST_HOLE * slack * k : HOLE * excess * k + PAD * (slack - excess) * k),
	      A_CLOSE);
	if (i == X->nc)
		return;
	cd = &X->c[i];
	gap = u > 0 ? p->alley : 0;
	/* defer it (a continuation only when it cannot go anywhere) */
	if (!X->last)
		relax(X, from, idx(X, st, i + 1, u, nm),
		      c + DEFER + DEFER_PRIO * cd->p + (cd->cont ? HOLE * 4 : 0), A_SKIP);
	mh = cd->hd[k] + cd->bal[k];
	if (u + gap + mh <= H)
		relax(X, from, idx(X, st, i + 1, u + gap + mh, nm < NM_CAP ? nm + 1 : NM_CAP),
		      c + hier(X, cd, X->base + u + gap, k) + shape(X, k, cd->bal[k]), A_FULL);
	if (X->last)
		return;
	t = jump_fit(X, cd, k, H - u - gap, legs);
	if (t > 0) {
		int lh = mk_max_leg(legs, k);

		relax(X, from, idx(X, st + 1, i + 1, 0, 0),
		      c + JUMP + (cd->cont ? JUMP : 0) + hier(X, cd, X->base + u + gap, k) + shape(X, k, lh) +
		      HOLE * k * (H - u - gap - cd->hd[k] - p->jump_line - lh), A_JUMP);
	}
}

/* The placements of the best final state s, each strip's in order, their
 * columns from the strips' widths. */
static void
strips_walk(struct pctx *X, const int *w, int m, size_t s, struct choice *out, int *n_out)
{
	const struct mk_params *p = X->p;
	struct choice tmp[64];
	int nt = 0, legs[MK_MAX_COLS];

	while (X->back[s] >= 0) {
		int act = X->back[s] % 8;
		size_t prev = (size_t)(X->back[s] / 8);
		int st = (int)(prev / X->S2), i = (int)(prev % X->S2 / X->S1);
		int u = (int)(prev % X->S1 / (NM_CAP + 1)), k = w[st];

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
				ch->taken = jump_fit(X, cd, k, X->H - u - gap, legs);
				ch->h = X->H - u - gap;
			} else {
				ch->taken = cd->rem;
				ch->h = cd->hd[k] + cd->bal[k];
			}
		}
		s = prev;
	}
	for (int j = nt - 1; j >= 0; j--)
		out[(*n_out)++] = tmp[j];
	for (int st = 0, col = 0; st < m; col += w[st], st++)
		for (int j = 0; j < *n_out; j++)
			if (out[j].strip == st)
				out[j].col0 = col;
}

/* Strips of widths w[0..m) under line `base`, H lines high, candidates
 * from `c0`: the best score, and the placements (*out, *n_out). */
static double
strips(struct pctx *X, const int *w, int m, int c0, struct choice *out, int *n_out)
{
	double best = INF;
	size_t best_s = 0;

	*n_out = 0;
	if (strips_alloc(X, m) < 0)
		return INF;
	X->cost[idx(X, 0, c0, 0, 0)] = 0;
	X->back[idx(X, 0, c0, 0, 0)] = -1;
	for (int st = 0; st < m; st++)
		for (int i = c0; i <= X->nc; i++)
			for (int u = 0; u <= X->H; u++)
				for (int nm = 0; nm <= NM_CAP; nm++) {
					double c = X->cost[idx(X, st, i, u, nm)];

					if (c < INF)
						strip_moves(X, st, w[st], i, u, nm, c);
				}
	for (int i = X->last ? X->nc : c0; i <= X->nc; i++) {
		size_t s = idx(X, m, i, 0, 0);

		if (X->cost[s] < best) {
			best = X->cost[s];
			best_s = s;
		}
	}
	if (best >= INF)
		return INF;
	strips_walk(X, w, m, best_s, out, n_out);
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

/* The priorities among the candidates, 0..1. */
static void
cand_prios(struct pctx *X)
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

/* The options for the top of a page Hpage lines high: none (-1; never on
 * the front page), candidate 0 across every column whole (its height), or
 * jumping at a height h (-100 - h): on the front page at every twelfth
 * from a third to five sixths of the page (a picture in its text may not
 * fit a short leg), elsewhere from a sixth to two thirds. */
static int
top_options(const struct pctx *X, int front, int Hpage, int *tops)
{
	const struct cand *c0 = &X->c[0];
	int N = X->p->cols, whole = c0->hd[N] + c0->bal[N], ntop = 0, legs[MK_MAX_COLS];

	if (!front)
		tops[ntop++] = -1;
	if (whole <= Hpage)
		tops[ntop++] = whole;
	for (int f = front ? 4 : 2; f <= (front ? 10 : 8); f += front ? 1 : 2) {
		int h = Hpage * f / 12;

		if (h < whole && jump_fit(X, c0, N, h, legs) > 0)
			tops[ntop++] = -100 - h;
	}
	if (ntop == 0)
		tops[ntop++] = -100 - Hpage;      /* a lead longer than the page: it jumps */
	return ntop;
}

/* Lines of a choice's head block (a jump head with its "from" line). */
static int
head_lines(const struct pctx *X, const struct choice *ch)
{
	const struct cand *cd = &X->c[ch->cand];
	const struct mk_article *a = &X->a[cd->it.art];

	return cd->cont ? a->jhead[ch->k] + X->p->jump_line : a->head[ch->k];
}

/* Headlines side by side ("tombstones"): pairs of modules next to each
 * other whose head blocks overlap in height. */
static int
tombstones(const struct pctx *X, const struct choice *ch, int n)
{
	int count = 0;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (ch[i].col0 + ch[i].k == ch[j].col0 && ch[i].line0 < ch[j].line0 + head_lines(X, &ch[j]) &&
			    ch[j].line0 < ch[i].line0 + head_lines(X, &ch[i]))
				count++;
	return count;
}

/* The best page under a top module (h0 lines, 0: none; jump0, taken0 its
 * jump and lines) of cost base_cost: every composition of the columns into
 * strips (bit b set = a strip ends after column b + 1) solved by strips(),
 * scored with the front page's count and the tombstones; *bestc and best[]
 * improved. */
static void
solve_shape(struct pctx *X, int front, int band, int h0, int jump0, int taken0, double base_cost,
            struct choice *best, int *n_best, double *bestc)
{
	const struct mk_params *p = X->p;
	int N = p->cols;
	struct choice cur[80];

	for (unsigned comp = 0; comp < (1u << (N - 1)); comp++) {
		int w[MK_MAX_COLS], m = 0, run = 1, ncur;
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
		c = strips(X, w, m, h0 > 0, cur + (h0 > 0), &ncur);
		if (c >= INF)
			continue;
		c += base_cost;
		for (int j = h0 > 0; j < ncur + (h0 > 0); j++)
			cur[j].line0 += X->base;
		if (h0 > 0) {
			cur[0] = (struct choice){ 0, N, 0, band, h0, jump0, taken0, -1 };
			ncur++;
		}
		if (front && ncur - 1 < p->front_min)
			c += FRONT_COUNT * (p->front_min - (ncur - 1));
		if (front && p->front_max > 0 && ncur - 1 > p->front_max)
			c += FRONT_COUNT * (ncur - 1 - p->front_max);
		c += TOMB * tombstones(X, cur, ncur);
		if (c < *bestc) {
			*bestc = c;
			memcpy(best, cur, (size_t)ncur * sizeof *cur);
			*n_best = ncur;
		}
	}
}

/* The cost of a top module h0 lines high that takes the page alone (what
 * is left under it too short for another): its slack padding or a hole,
 * continuations waiting, and on the front page the lead alone. */
static double
alone_cost(const struct pctx *X, int front, int Hpage, int h0)
{
	const struct mk_params *p = X->p;
	int slack = Hpage - h0;
	double c = PAD * p->cols * (slack < p->max_pad ? slack : p->max_pad);

	if (slack > p->max_pad)
		c += HOLE * p->cols * (slack - p->max_pad);
	for (int i = 1; i < X->nc; i++)
		if (X->c[i].cont)
			c += HOLE * 4;
	if (front)
		c += FRONT_COUNT * p->front_min;
	return c;
}

/* One page from the candidates: the placements, or -1. */
static int
page_solve(struct pctx *X, int front, int band, int foot, struct choice *best, int *n_best,
           double *best_cost)
{
	const struct mk_params *p = X->p;
	int N = p->cols, Hpage = p->lines - band - foot, legs[MK_MAX_COLS], tops[12], ntop;
	const struct cand *c0 = &X->c[0];
	double bestc = INF;

	*n_best = 0;
	if (X->nc == 0)
		return 0;
	cand_prios(X);
	ntop = top_options(X, front, Hpage, tops);
	for (int ti = 0; ti < ntop; ti++) {
		int top = tops[ti], h0 = 0, jump0 = 0, taken0 = 0, below;
		double base_cost = 0;

		if (top <= -100) {
			if (X->last)
				continue;
			h0 = -100 - top;
			taken0 = jump_fit(X, c0, N, h0, legs);
			if (taken0 <= 0)
				continue;
			jump0 = 1;
			base_cost += JUMP + shape(X, N, mk_max_leg(legs, N)) +
			    HOLE * N * (h0 - c0->hd[N] - p->jump_line - mk_max_leg(legs, N));
		} else if (top > 0) {
			h0 = top;
			taken0 = c0->rem;
			base_cost += shape(X, N, c0->bal[N]);
		}
		below = Hpage - h0 - (h0 > 0 ? p->alley : 0);
		if (h0 > 0 && below < 6) {
			/* the top module takes the page */
			if (X->last && X->nc > 1)
				continue;
			base_cost += alone_cost(X, front, Hpage, h0);
			if (base_cost < bestc) {
				bestc = base_cost;
				best[0] = (struct choice){ 0, N, 0, band, h0, jump0, taken0, -1 };
				*n_best = 1;
			}
			continue;
		}
		X->H = below;
		X->base = band + (h0 > 0 ? h0 + p->alley : 0);
		solve_shape(X, front, band, h0, jump0, taken0, base_cost, best, n_best, &bestc);
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
		struct mk_module *m = mk_add_module(v);
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
		m->leg_h = mk_max_leg(legs, ch->k);
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
			if (X->last) {
				/* a last page's strip is padded only to reach the foot */
				int room = 0;

				for (int j = 0; j < n; j++)
					room += strip_of[j] == st ? p->max_pad : 0;
				if (slack > room)
					continue;
			}
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

/* The front page: the most important articles of all, whatever their
 * section (each leaves its section's queue). */
static int
front_page(struct mk_vec *v, struct pctx *X, struct queue *front_q, struct queue *qs, int n_sect, int W)
{
	const struct mk_article *a = X->a;
	const struct mk_params *p = X->p;
	struct choice best[80];
	struct mk_page *pg;
	double cost = 0;
	int n_best;

	sort_items(front_q->it, front_q->n, a);
	X->nc = front_q->n < W ? front_q->n : W;
	for (int i = 0; i < X->nc; i++)
		make_cand(X, &X->c[i], front_q->it[i]);
	if ((page_solve(X, 1, p->front_band, p->front_foot, best, &n_best, &cost) < 0 || n_best == 0) &&
	    fallback(X, p->front_band, p->front_foot, best, &n_best) < 0)
		return -1;
	pg = mk_add_page(v, a[front_q->it[0].art].section);
	if (pg == NULL)
		return -1;
	pg->front = 1;
	pg->band = p->front_band;
	pg->foot = p->front_foot;
	v->r->cost += cost;
	for (int j = 0; j < n_best; j++) {
		int art = X->c[best[j].cand].it.art, at;
		struct queue *q = &qs[a[art].section];

		for (at = 0; at < q->n && q->it[at].art != art; at++)
			;
		if (at < q->n) {
			memmove(q->it + at, q->it + at + 1, (size_t)(q->n - at - 1) * sizeof *q->it);
			q->n--;
		}
	}
	if (commit_page(v, X, best, n_best, qs, n_sect, p->lines - p->front_foot) < 0)
		return -1;
	for (int s = 0; s < n_sect; s++)
		sort_items(qs[s].it, qs[s].n, a);
	return 0;
}

/* Section s's pages, the first under its flag, until its queue is empty
 * (the rests of its jumped articles join it as they are made). */
static int
section_pages(struct mk_vec *v, struct pctx *X, struct queue *qs, int n_sect, int s, int W)
{
	const struct mk_params *p = X->p;
	struct queue *q = &qs[s];
	struct mk_result *r = v->r;
	struct choice best[80];
	int first = 1, n_best;

	while (q->n > 0) {
		struct mk_page *pg;
		int band = first ? p->flag_band : 0;
		double cost = 0;

		X->nc = q->n < W ? q->n : W;
		for (int i = 0; i < X->nc; i++)
			make_cand(X, &X->c[i], q->it[i]);
		/* the section's last page when what waits goes on it whole */
		X->last = q->n <= W;
		if (X->last && (page_solve(X, 0, band, 0, best, &n_best, &cost) < 0 || n_best < X->nc))
			X->last = 0;
		if (!X->last && (page_solve(X, 0, band, 0, best, &n_best, &cost) < 0 || n_best == 0) &&
		    fallback(X, band, 0, best, &n_best) < 0)
			return -1;
		pg = mk_add_page(v, s);
		if (pg == NULL)
			return -1;
		pg->flag = first;
		pg->band = band;
		r->cost += cost;
		first = 0;
		dequeue(q, best, n_best, X->nc);
		if (commit_page(v, X, best, n_best, qs, n_sect, p->lines) < 0)
			return -1;
		X->last = 0;
	}
	if (r->n_pages > 0 && r->pages[r->n_pages - 1].section == s)
		r->pages[r->n_pages - 1].last = 1;
	return 0;
}

int
mk_modular(const struct mk_article *a, int n, const struct mk_params *p, struct mk_result *r)
{
	struct mk_vec v = { r, 0, 0 };
	struct pctx X;
	struct queue *qs = NULL, front_q = { 0 };
	int n_sect = 0, W = p->window > 0 ? p->window : 10, rc = -1;

	memset(r, 0, sizeof *r);
	memset(&X, 0, sizeof X);
	if (!mk_params_ok(a, n, p) || W > 60)
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
	if (p->front && n > 0 && front_page(&v, &X, &front_q, qs, n_sect, W) < 0)
		goto out;
	for (int s = 0; s < n_sect; s++)
		if (section_pages(&v, &X, qs, n_sect, s, W) < 0)
			goto out;
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

