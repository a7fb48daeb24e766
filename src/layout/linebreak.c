/* linebreak.c — layout stage: Knuth–Plass total-fit line breaking, following
 * tex.web §813–§890 (section numbers in the comments).  Reads a box/glue/penalty
 * list and line widths (linebreak.h); writes the breaks and adjustment ratios.
 * Extra rule TeX lacks: at most max_hyphen_run hyphenated lines in a row, kept
 * as part of the dynamic programme's state (the run length of each active node). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/linebreak.h"

#define INF_BAD 10000.0          /* §108 */
#define EPS 1e-6                 /* pt: rounding slack of the width sums */
#define NONE ((size_t)-1)

/* §819 active node, without TeX's delta nodes: each node keeps the absolute
 * totals at the start of its next line (after the discardable items, §837),
 * so a line from it to the current break costs O(1) from the running totals. */
struct active {
	size_t pos;              /* break item, NONE for the paragraph start */
	size_t passive;          /* its break_node (§821), NONE for the start */
	size_t line;             /* number of the line that starts here (§819) */
	int fitness;             /* of the line ending here (LB_TIGHT…) */
	int run;                 /* hyphenated lines in a row ending here */
	double total;            /* total_demerits */
	double w, y, z, fil;     /* totals up to the next line's first item */
	size_t after;            /* that first item */
	int next;                /* next active node, -1: last_active */
};

/* §821 passive node: the chosen break and the one before it. */
struct passive {
	size_t pos;
	size_t prev;
};

struct totals {
	double w, y, z, fil;
};

struct breaker {
	const struct lb_item *items;
	size_t n;                /* items, plus a virtual forced break at n if needed */
	size_t final;            /* index of the final break */
	const double *widths;
	size_t n_widths;
	const struct lb_params *p;
	/* pass state */
	double threshold;
	int second_pass, final_pass;
	int artificial;          /* the pass used §854's last resort */
	double background_y;     /* §827 background stretch (+ emergency stretch, §863) */
	size_t easy_line;        /* §848 */
	int runs;                /* run-length states: max_hyphen_run + 1, or 2 (unlimited) */
	/* nodes */
	struct active *act;
	size_t n_act, cap_act;
	int free_act, head, count;
	struct passive *pas;
	size_t n_pas, cap_pas;
	/* §834 best candidates of the current break, per fitness × run */
	double *minimal;
	size_t *best_place, *best_line;
	double minimum;
	/* §837 break_width cache */
	size_t bw_at, bw_after;
	struct totals bw;
	int oom;
};

void
lb_params_default(struct lb_params *p)
{
	p->pretolerance = 100;
	p->tolerance = 200;
	p->emergency_stretch = 0;
	p->line_penalty = 10;
	p->adj_demerits = 10000;
	p->double_hyphen_demerits = 10000;
	p->final_hyphen_demerits = 5000;
	p->looseness = 0;
	p->max_hyphen_run = 0;
}

/* §108: badness(t, s) ≈ 100 (t/s)³, capped at inf_bad.  TeX approximates it in
 * integers; we keep the exact cubic in floating point. */
double
lb_badness(double t, double s)
{
	double r;

	if (t <= 0)
		return 0;
	if (s <= 0)
		return INF_BAD;
	r = t / s;
	if (r > 4.65)            /* 100 * 4.65³ > 10000 */
		return INF_BAD;
	r = 100 * r * r * r;
	return r > INF_BAD ? INF_BAD : r;
}

static int
is_forced(const struct breaker *b, size_t i)
{
	return i >= b->n || (b->items[i].type == LB_PENALTY && b->items[i].penalty <= -LB_INFINITY);
}

static double
line_width(const struct breaker *b, size_t l)
{
	return b->widths[(l < b->n_widths ? l : b->n_widths) - 1];
}

static int
new_active(struct breaker *b)
{
	int k;

	if (b->free_act >= 0) {
		k = b->free_act;
		b->free_act = b->act[k].next;
		return k;
	}
	if (b->n_act == b->cap_act) {
		size_t cap = b->cap_act ? 2 * b->cap_act : 64;
		struct active *a = realloc(b->act, cap * sizeof *a);

		if (a == NULL) {
			b->oom = 1;
			return -1;
		}
		b->act = a;
		b->cap_act = cap;
	}
	return (int)b->n_act++;
}

static void
free_active(struct breaker *b, int k)
{
	b->act[k].next = b->free_act;
	b->free_act = k;
	b->count--;
}

static size_t
new_passive(struct breaker *b, size_t pos, size_t prev)
{
	if (b->n_pas == b->cap_pas) {
		size_t cap = b->cap_pas ? 2 * b->cap_pas : 256;
		struct passive *q = realloc(b->pas, cap * sizeof *q);

		if (q == NULL) {
			b->oom = 1;
			return NONE;
		}
		b->pas = q;
		b->cap_pas = cap;
	}
	b->pas[b->n_pas].pos = pos;
	b->pas[b->n_pas].prev = prev;
	return b->n_pas++;
}

/* §837: the totals at the start of the line after a break at i: skip the break
 * item if it is glue, then discardable glue and penalties up to the next box or
 * forced penalty.  A later break inside the same discardable run reaches the
 * same place, so the result is cached (linear on any list). */
static void
break_width(struct breaker *b, size_t i, const struct totals *cur, size_t *after, struct totals *t)
{
	size_t j;

	if (b->bw_at != NONE && i < b->bw_after && i > b->bw_at) {
		*after = b->bw_after;
		*t = b->bw;
		return;
	}
	*t = *cur;
	for (j = i; j < b->n; j++) {
		const struct lb_item *it = &b->items[j];

		if (it->type == LB_BOX || (j > i && is_forced(b, j)))
			break;
		if (it->type == LB_GLUE) {
			t->w += it->width;
			t->y += it->stretch;
			t->z += it->shrink;
			t->fil += it->stretch_fil;
		}
	}
	*after = j;
	b->bw_at = i;
	b->bw_after = j;
	b->bw = *t;
}

static void
reset_candidates(struct breaker *b)
{
	size_t k;

	for (k = 0; k < (size_t)4 * b->runs; k++)
		b->minimal[k] = INFINITY;
	b->minimum = INFINITY;
}

/* §836: create new active nodes for the best feasible breaks just found,
 * inserted after prev (before r, keeping the list ordered by line number).
 * A candidate (fitness f, run k) is kept when no other candidate with a run
 * ≤ k beats it by more than adj_demerits (TeX's test, §836, extended to the run
 * state: a shorter run allows every continuation a longer one does). */
static int
create_nodes(struct breaker *b, size_t i, int *prev, const struct totals *cur)
{
	double adj = fabs((double)b->p->adj_demerits), upto = INFINITY;
	struct totals t;
	size_t after;
	int f, k;

	break_width(b, i, cur, &after, &t);
	for (k = 0; k < b->runs; k++) {
		for (f = 0; f < 4; f++)
			if (b->minimal[f * b->runs + k] < upto)
				upto = b->minimal[f * b->runs + k];
		for (f = 3; f >= 0; f--) {          /* very loose to tight, as §836 */
			double d = b->minimal[f * b->runs + k];
			int kk, dominated = 0, a;
			size_t q;

			if (d == INFINITY || d > upto + adj)
				continue;
			for (kk = 0; kk < k; kk++)
				if (b->minimal[f * b->runs + kk] <= d)
					dominated = 1;
			if (dominated)
				continue;
			q = new_passive(b, i, b->best_place[f * b->runs + k]);
			if (q == NONE)
				return -1;
			a = new_active(b);
			if (a < 0)
				return -1;
			b->act[a].pos = i;
			b->act[a].passive = q;
			b->act[a].line = b->best_line[f * b->runs + k] + 1;
			b->act[a].fitness = f;
			b->act[a].run = k;
			b->act[a].total = d;
			b->act[a].w = t.w;
			b->act[a].y = t.y;
			b->act[a].z = t.z;
			b->act[a].fil = t.fil;
			b->act[a].after = after;
			if (*prev < 0) {
				b->act[a].next = b->head;
				b->head = a;
			} else {
				b->act[a].next = b->act[*prev].next;
				b->act[*prev].next = a;
			}
			*prev = a;
			b->count++;
		}
	}
	reset_candidates(b);
	return 0;
}

/* §851–§853: the badness of the line from active node r to the break
 * whose totals are cur (pw: the break's own width, lw: the line's width)
 * and its fitness class in *fit. */
static double
line_badness(const struct breaker *b, int r, const struct totals *cur, double lw, double pw,
             int *fit)
{
	double shortfall = lw - (cur->w - b->act[r].w + pw);
	double stretch = cur->y - b->act[r].y + b->background_y, b_;

	if (shortfall > EPS) {
		if (cur->fil - b->act[r].fil > 0) {
			*fit = LB_DECENT;
			return 0;
		}
		b_ = lb_badness(shortfall, stretch);
		*fit = b_ > 99 ? LB_VERY_LOOSE : b_ > 12 ? LB_LOOSE : LB_DECENT;
	} else {
		double shrink = cur->z - b->act[r].z;

		if (-shortfall > shrink + EPS)
			b_ = INF_BAD + 1;
		else
			b_ = shortfall < 0 ? lb_badness(-shortfall, shrink) : 0;
		*fit = b_ > 12 ? LB_TIGHT : LB_DECENT;
	}
	return b_;
}

/* §859: the demerits of that line (badness b_, fitness fit) ending at item
 * i with penalty pi, without r's total. */
static double
line_demerits(const struct breaker *b, int r, size_t i, double b_, int pi, int fit, int flagged)
{
	double d = b->p->line_penalty + b_;

	d = fabs(d) >= 10000 ? 100000000.0 : d * d;
	if (pi > 0)
		d += (double)pi * pi;
	else if (pi > -LB_INFINITY)
		d -= (double)pi * pi;
	if (b->act[r].run > 0) {
		if (flagged && i != b->final)
			d += b->p->double_hyphen_demerits;
		else if (i == b->final)
			d += b->p->final_hyphen_demerits;
	}
	if (abs(fit - b->act[r].fitness) > 1)
		d += b->p->adj_demerits;
	return d;
}

/* §855: the best way found so far to a break of class (fit, run). */
static void
note_best(struct breaker *b, int fit, int run, int r, size_t l, double d)
{
	size_t k = (size_t)fit * b->runs + run;

	if (d <= b->minimal[k]) {
		b->minimal[k] = d;
		b->best_place[k] = b->act[r].passive;
		b->best_line[k] = l;
		if (d < b->minimum)
			b->minimum = d;
	}
}

/* §860: active node r (after prev) leaves the list. */
static void
deactivate(struct breaker *b, int prev, int r)
{
	if (prev < 0)
		b->head = b->act[r].next;
	else
		b->act[prev].next = b->act[r].next;
	free_active(b, r);
}

/* §829 try_break: consider a break at item i with penalty pi. */
static int
try_break(struct breaker *b, size_t i, const struct totals *cur)
{
	const struct lb_item *it = i < b->n ? &b->items[i] : NULL;
	int pi = it && it->type == LB_PENALTY ? it->penalty : 0;
	int flagged = it && it->type == LB_PENALTY && it->flagged;
	double pw = it && it->type == LB_PENALTY ? it->width : 0;
	int forced = is_forced(b, i), prev = -1, r;
	size_t old_l = 0, l;
	double lw = 0;

	if (pi >= LB_INFINITY)                  /* §831 */
		return 0;
	if (forced)
		pi = -LB_INFINITY;
	for (;;) {
		double b_, d;
		int fit, artificial = 0, stays, run;

		r = prev < 0 ? b->head : b->act[prev].next;
		/* §835: a line number class has ended */
		l = r >= 0 ? b->act[r].line : NONE;
		if (r < 0 || l > old_l) {
			if (b->minimum < INFINITY && (old_l != b->easy_line || r < 0))
				if (create_nodes(b, i, &prev, cur) < 0)
					return -1;
			if (r < 0)
				return 0;
			/* §850 */
			if (l > b->easy_line) {
				lw = line_width(b, b->n_widths);
				old_l = NONE - 1;
			} else {
				old_l = l;
				lw = line_width(b, l);
			}
		}
		/* §851: the line from r to i */
		if (i < b->act[r].after) {
			/* i lies among the items discarded after r's break: no line */
			prev = r;
			continue;
		}
		b_ = line_badness(b, r, cur, lw, pw, &fit);
		if (b_ > INF_BAD || forced) {
			/* §854; TeX also zeroes the demerits of a feasible forced
			 * line from the last node, which shifts the reported total:
			 * here only an infeasible line gets artificial demerits */
			if (b_ > b->threshold) {
				if (!(b->final_pass && b->minimum == INFINITY && b->act[r].next < 0 && prev < 0)) {
					deactivate(b, prev, r);
					continue;
				}
				artificial = b->artificial = 1;
			}
			stays = 0;
		} else {
			prev = r;
			if (b_ > b->threshold)
				continue;
			stays = 1;
		}
		/* the hyphen run, a state of the DP */
		run = flagged ? b->act[r].run + 1 : 0;
		if (run >= b->runs) {
			if (b->p->max_hyphen_run > 0 && !artificial) {
				if (!stays)
					deactivate(b, prev, r);
				continue;
			}
			run = b->runs - 1;
		}
		d = artificial ? 0 : line_demerits(b, r, i, b_, pi, fit, flagged);
		d += b->act[r].total;
		note_best(b, fit, run, r, l, d);
		if (!stays)
			deactivate(b, prev, r);
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The guard against blow-ups: keep the LB_MAX_ACTIVE * 3/4 best nodes. */
static int
prune(struct breaker *b)
{
	double *d, cut;
	size_t k = 0, keep = LB_MAX_ACTIVE * 3 / 4, kept = 0;
	int r, prev = -1, next;

	d = malloc(b->count * sizeof *d);
	if (d == NULL)
		return -1;
	for (r = b->head; r >= 0; r = b->act[r].next)
		d[k++] = b->act[r].total;
	qsort(d, k, sizeof *d, cmp_double);
	cut = d[keep - 1];
	free(d);
	for (r = b->head; r >= 0; r = next) {
		next = b->act[r].next;
		if (b->act[r].total > cut || kept >= keep) {
			if (prev < 0)
				b->head = next;
			else
				b->act[prev].next = next;
			free_active(b, r);
		} else {
			kept++;
			prev = r;
		}
	}
	return 0;
}

/* One pass over the paragraph (§863's loop body).  Returns the best final
 * active node, -1 when no node survived, -2 on allocation failure. */
static int
run_pass(struct breaker *b)
{
	struct totals cur = { 0, 0, 0, 0 };
	size_t i;
	int a, r, best;

	/* reset the nodes */
	b->n_act = 0;
	b->n_pas = 0;
	b->free_act = -1;
	b->count = 0;
	b->bw_at = NONE;
	reset_candidates(b);
	a = new_active(b);                      /* §864 */
	if (a < 0)
		return -2;
	memset(&b->act[a], 0, sizeof b->act[a]);
	b->act[a].pos = NONE;
	b->act[a].passive = NONE;
	b->act[a].line = 1;
	b->act[a].fitness = LB_DECENT;
	b->act[a].next = -1;
	b->head = a;
	b->count = 1;
	for (i = 0; i <= b->final && b->head >= 0; i++) {
		const struct lb_item *it = i < b->n ? &b->items[i] : NULL;
		int legal = 0;

		/* §866: legal breakpoints */
		if (it == NULL)
			legal = 1;
		else if (it->type == LB_GLUE)
			legal = i > 0 && b->items[i - 1].type == LB_BOX;
		else if (it->type == LB_PENALTY)
			legal = it->penalty < LB_INFINITY && (b->second_pass || !it->hyphenation);
		if (legal) {
			if (try_break(b, i, &cur) < 0 || b->oom)
				return -2;
			if (b->count > LB_MAX_ACTIVE && prune(b) < 0)
				return -2;
		}
		if (it && it->type != LB_PENALTY) {
			cur.w += it->width;
			cur.y += it->stretch;
			cur.z += it->shrink;
			if (it->type == LB_GLUE)
				cur.fil += it->stretch_fil;
		}
	}
	if (b->head < 0)
		return -1;
	/* §874: the best active node */
	best = b->head;
	for (r = b->head; r >= 0; r = b->act[r].next)
		if (b->act[r].total < b->act[best].total)
			best = r;
	if (b->p->looseness != 0) {
		/* §875 */
		size_t best_line = b->act[best].line;
		long actual = 0;
		double fewest = b->act[best].total;

		for (r = b->head; r >= 0; r = b->act[r].next) {
			long diff = (long)b->act[r].line - (long)best_line;

			if ((diff < actual && b->p->looseness <= diff) ||
			    (diff > actual && b->p->looseness >= diff)) {
				best = r;
				actual = diff;
				fewest = b->act[r].total;
			} else if (diff == actual && b->act[r].total < fewest) {
				best = r;
				fewest = b->act[r].total;
			}
		}
		/* §873: try the next pass when the looseness was not reached */
		if (actual != b->p->looseness && !b->final_pass)
			return -1;
	}
	return best;
}

/* §877–§881 in spirit: turn the chain of breaks into lines with their ratios. */
static int
make_lines(struct breaker *b, int best, struct lb_result *out)
{
	size_t n = 0, q, k, start = 0;
	size_t *pos;

	for (q = b->act[best].passive; q != NONE; q = b->pas[q].prev)
		n++;
	pos = malloc((n ? n : 1) * sizeof *pos);
	out->lines = calloc(n ? n : 1, sizeof *out->lines);
	if (pos == NULL || out->lines == NULL) {
		free(pos);
		free(out->lines);
		out->lines = NULL;
		return -1;
	}
	k = n;
	for (q = b->act[best].passive; q != NONE; q = b->pas[q].prev)
		pos[--k] = b->pas[q].pos;
	for (k = 0; k < n; k++) {
		struct lb_line *ln = &out->lines[k];
		struct totals t = { 0, 0, 0, 0 };
		size_t j, end = pos[k], next;
		double lw = line_width(b, k + 1), shortfall;
		const struct lb_item *e = end < b->n ? &b->items[end] : NULL;

		for (j = start; j < end && j < b->n; j++) {
			const struct lb_item *it = &b->items[j];

			if (it->type == LB_PENALTY)
				continue;
			t.w += it->width;
			t.y += it->stretch;
			t.z += it->shrink;
			if (it->type == LB_GLUE)
				t.fil += it->stretch_fil;
		}
		if (e && e->type == LB_PENALTY)
			t.w += e->width;
		ln->start = start < end ? start : end;
		ln->end = end;
		ln->hyphenated = e && e->type == LB_PENALTY && e->flagged;
		shortfall = lw - t.w;
		if (shortfall > EPS) {
			double bad;

			if (t.fil > 0) {
				ln->ratio = 0;
				bad = 0;
			} else if (t.y > 0) {
				ln->ratio = shortfall / t.y;
				bad = lb_badness(shortfall, t.y);
			} else {
				ln->ratio = 0;
				bad = INF_BAD;
			}
			ln->fitness = bad > 99 ? LB_VERY_LOOSE : bad > 12 ? LB_LOOSE : LB_DECENT;
		} else if (shortfall < -EPS) {
			if (-shortfall > t.z + EPS) {
				ln->overfull = 1;
				ln->ratio = t.z > 0 ? -1 : 0;
				ln->fitness = LB_TIGHT;
			} else {
				ln->ratio = shortfall / t.z;
				ln->fitness = lb_badness(-shortfall, t.z) > 12 ? LB_TIGHT : LB_DECENT;
			}
		} else {
			ln->ratio = 0;
			ln->fitness = LB_DECENT;
		}
		/* the next line starts after the discardables (§879) */
		next = end + 1;
		while (next < b->n && b->items[next].type != LB_BOX && !is_forced(b, next))
			next++;
		start = next;
	}
	free(pos);
	out->n_lines = n;
	out->demerits = b->act[best].total;
	return 0;
}

int
lb_break(const struct lb_item *items, size_t n, const double *widths, size_t n_widths,
         const struct lb_params *p, struct lb_result *out)
{
	struct breaker b;
	int pass, best = -1, rc = -1;

	memset(out, 0, sizeof *out);
	if (n_widths == 0 || widths == NULL)
		return -1;
	if (n == 0)
		return 0;
	memset(&b, 0, sizeof b);
	b.items = items;
	b.n = n;
	b.final = is_forced(&b, n - 1) ? n - 1 : n;
	b.widths = widths;
	b.n_widths = n_widths;
	b.p = p;
	b.runs = p->max_hyphen_run > 0 ? p->max_hyphen_run + 1 : 2;
	b.minimal = malloc(4 * b.runs * sizeof *b.minimal);
	b.best_place = malloc(4 * b.runs * sizeof *b.best_place);
	b.best_line = malloc(4 * b.runs * sizeof *b.best_line);
	if (b.minimal == NULL || b.best_place == NULL || b.best_line == NULL)
		goto done;
	/* §848; thresholds are capped at inf_bad below, so that an overfull line
	 * (badness inf_bad + 1, §851) is never a candidate except in §854's last resort */
	b.easy_line = p->looseness == 0 ? n_widths - 1 : NONE;
	/* §863: the passes */
	for (pass = p->pretolerance >= 0 ? 1 : 2; pass <= 3; pass++) {
		if (pass == 1) {
			b.threshold = p->pretolerance > INF_BAD ? INF_BAD : p->pretolerance;
			b.second_pass = 0;
			b.final_pass = 0;
			b.background_y = 0;
		} else if (pass == 2) {
			b.threshold = p->tolerance > INF_BAD ? INF_BAD : p->tolerance;
			b.second_pass = 1;
			b.final_pass = p->emergency_stretch <= 0;
			b.background_y = 0;
		} else {
			if (p->emergency_stretch <= 0)
				break;
			b.threshold = p->tolerance > INF_BAD ? INF_BAD : p->tolerance;
			b.second_pass = 1;
			b.final_pass = 1;
			b.background_y = p->emergency_stretch;
		}
		b.artificial = 0;
		best = run_pass(&b);
		if (best >= 0 && b.artificial && b.threshold < INF_BAD) {
			/* Something is overfull (a box wider than the measure): accept
			 * any underfull line, so that only that box's line is overfull
			 * rather than the words §854 drags along with it. */
			b.threshold = INF_BAD;
			best = run_pass(&b);
		}
		if (best == -2)
			goto done;
		if (best >= 0) {
			out->pass = pass;
			break;
		}
	}
	if (best >= 0 && make_lines(&b, best, out) == 0)
		rc = 0;
done:
	free(b.act);
	free(b.pas);
	free(b.minimal);
	free(b.best_place);
	free(b.best_line);
	return rc;
}

void
lb_result_free(struct lb_result *r)
{
	free(r->lines);
	r->lines = NULL;
	r->n_lines = 0;
}
