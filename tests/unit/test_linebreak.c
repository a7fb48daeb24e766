/* test_linebreak.c — unit tests of the Knuth–Plass line breaker (src/layout/linebreak):
 * hand-built box/glue/penalty lists with known breaks, and an exhaustive checker
 * that enumerates every feasible break sequence of many small random lists and
 * compares the optimum with lb_break's total demerits. */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "layout/linebreak.h"

/* ------------------------------------------------------------ list building */

struct list {
	struct lb_item *it;
	size_t n, cap;
};

static void
push(struct list *l, enum lb_type t, double w, double y, double z, int p, int flagged, int hyph)
{
	struct lb_item *it;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->it = g_realloc(l->it, l->cap * sizeof *l->it);
	}
	it = &l->it[l->n++];
	memset(it, 0, sizeof *it);
	it->type = t;
	it->width = w;
	it->stretch = y;
	it->shrink = z;
	it->penalty = p;
	it->flagged = flagged;
	it->hyphenation = hyph;
}

static void box(struct list *l, double w) { push(l, LB_BOX, w, 0, 0, 0, 0, 0); }
static void glue(struct list *l, double w, double y, double z) { push(l, LB_GLUE, w, y, z, 0, 0, 0); }
static void pen(struct list *l, double w, int p, int f, int h) { push(l, LB_PENALTY, w, 0, 0, p, f, h); }

static void
finish(struct list *l)
{
	glue(l, 0, 0, 0);
	l->it[l->n - 1].stretch_fil = 1;
	pen(l, 0, -LB_INFINITY, 0, 0);
}

/* WARTA_TEST_LIGHT=1 (make valgrind sets it): a tenth of the random cases
 * and of the big paragraph, since memcheck runs this 50 times slower. */
static int
light(void)
{
	const char *e = getenv("WARTA_TEST_LIGHT");

	return e && *e && strcmp(e, "0") != 0;
}

/* ------------------------------------------------------------ brute force */

/* The same cost model as linebreak.c (tex.web §851, §859), written directly:
 * each line's sums are taken item by item. */
struct brute {
	const struct lb_item *it;
	size_t n;
	const double *w;
	size_t nw;
	const struct lb_params *p;
	int hyph;               /* hyphenation penalties are breaks */
	double thr, bg;         /* threshold, background stretch */
	double best;
	size_t best_lines;
	double by_count[64];    /* best total per line count */
	size_t stack[64], best_path[64], depth, best_n;
};

static int
bf_forced(const struct brute *b, size_t i)
{
	return b->it[i].type == LB_PENALTY && b->it[i].penalty <= -LB_INFINITY;
}

static int
bf_legal(const struct brute *b, size_t i)
{
	const struct lb_item *it = &b->it[i];

	if (it->type == LB_GLUE)
		return i > 0 && b->it[i - 1].type == LB_BOX;
	if (it->type == LB_PENALTY)
		return it->penalty < LB_INFINITY && (b->hyph || !it->hyphenation);
	return 0;
}

static size_t
bf_after(const struct brute *b, size_t i)
{
	size_t j = i + 1;

	while (j < b->n && b->it[j].type != LB_BOX && !bf_forced(b, j))
		j++;
	return j;
}

static double
bf_bad(double t, double s)
{
	double r;

	if (t <= 0)
		return 0;
	if (s <= 0)
		return 10000;
	r = 100 * pow(t / s, 3);
	return r > 10000 ? 10000 : r;
}

/* Cost of the line [start, j) ending at break j; returns 0 if infeasible. */
static int
bf_line(const struct brute *b, size_t start, size_t j, size_t line, int prev_fit, int prev_run,
        double *dem, int *fit, int *run)
{
	double w = 0, y = b->bg, z = 0, fil = 0, lw, s, bad, d;
	const struct lb_item *e = &b->it[j];
	int pi = e->type == LB_PENALTY ? e->penalty : 0;
	size_t k;

	for (k = start; k < j; k++) {
		if (b->it[k].type == LB_PENALTY)
			continue;
		w += b->it[k].width;
		y += b->it[k].stretch;
		z += b->it[k].shrink;
		fil += b->it[k].stretch_fil;
	}
	if (e->type == LB_PENALTY)
		w += e->width;
	lw = b->w[(line < b->nw ? line : b->nw) - 1];
	s = lw - w;
	if (s > 1e-6) {
		bad = fil > 0 ? 0 : bf_bad(s, y);
		*fit = bad > 99 ? 3 : bad > 12 ? 2 : 1;
	} else {
		if (-s > z + 1e-6)
			return 0;
		bad = s < 0 ? bf_bad(-s, z) : 0;
		*fit = bad > 12 ? 0 : 1;
	}
	if (bad > b->thr)
		return 0;
	*run = e->type == LB_PENALTY && e->flagged ? prev_run + 1 : 0;
	if (b->p->max_hyphen_run > 0 && *run > b->p->max_hyphen_run)
		return 0;
	d = b->p->line_penalty + bad;
	d = fabs(d) >= 10000 ? 1e8 : d * d;
	if (bf_forced(b, j))
		pi = -LB_INFINITY;
	if (pi > 0)
		d += (double)pi * pi;
	else if (pi > -LB_INFINITY)
		d -= (double)pi * pi;
	if (prev_run > 0) {
		if (j == b->n - 1)
			d += b->p->final_hyphen_demerits;
		else if (*run > 0)
			d += b->p->double_hyphen_demerits;
	}
	if (abs(*fit - prev_fit) > 1)
		d += b->p->adj_demerits;
	*dem = d;
	return 1;
}

static void
bf_dfs(struct brute *b, size_t start, size_t line, int prev_fit, int prev_run, double total)
{
	size_t j;

	for (j = start; j < b->n; j++) {
		double d;
		int fit, run;

		if (!bf_legal(b, j))
			continue;
		if (bf_line(b, start, j, line, prev_fit, prev_run, &d, &fit, &run)) {
			if (b->depth < 64)
				b->stack[b->depth] = j;
			if (j == b->n - 1) {
				if (total + d < b->best) {
					b->best = total + d;
					b->best_lines = line;
					b->best_n = b->depth + 1;
					memcpy(b->best_path, b->stack, sizeof b->stack);
				}
				if (line < 64 && total + d < b->by_count[line])
					b->by_count[line] = total + d;
			} else {
				b->depth++;
				bf_dfs(b, bf_after(b, j), line + 1, fit, run, total + d);
				b->depth--;
			}
		}
		if (bf_forced(b, j))
			break;
	}
}

static double
brute(const struct list *l, const double *w, size_t nw, const struct lb_params *p,
      int hyph, double thr, double bg, struct brute *out)
{
	struct brute b;
	int k;

	memset(&b, 0, sizeof b);
	b.it = l->it;
	b.n = l->n;
	b.w = w;
	b.nw = nw;
	b.p = p;
	b.hyph = hyph;
	b.thr = thr > 10000 ? 10000 : thr;
	b.bg = bg;
	b.best = INFINITY;
	for (k = 0; k < 64; k++)
		b.by_count[k] = INFINITY;
	bf_dfs(&b, 0, 1, 1, 0, 0);
	if (out)
		*out = b;
	return b.best;
}

/* The demerits of lb_break's own lines, recomputed with the brute-force model. */
static double
path_demerits(const struct list *l, const double *w, size_t nw, const struct lb_params *p,
              const struct lb_result *r, double thr, double bg, int *valid)
{
	struct brute b;
	double total = 0, d;
	int fit = 1, run = 0, nf, nr;
	size_t k, start = 0;

	memset(&b, 0, sizeof b);
	b.it = l->it;
	b.n = l->n;
	b.w = w;
	b.nw = nw;
	b.p = p;
	b.hyph = 1;
	b.thr = thr;
	b.bg = bg;
	*valid = 1;
	for (k = 0; k < r->n_lines; k++) {
		if (r->lines[k].start != start ||
		    !bf_line(&b, start, r->lines[k].end, k + 1, fit, run, &d, &nf, &nr)) {
			*valid = 0;
			return 0;
		}
		total += d;
		fit = nf;
		run = nr;
		start = bf_after(&b, r->lines[k].end);
	}
	return total;
}

/* ------------------------------------------------------------ random lists */

static void
random_list(GRand *g, struct list *l, int words)
{
	int i, k;

	l->n = 0;
	if (g_rand_int_range(g, 0, 3) == 0)
		box(l, g_rand_int_range(g, 5, 15));          /* indent */
	for (i = 0; i < words; i++) {
		int syll = g_rand_int_range(g, 1, 4);

		for (k = 0; k < syll; k++) {
			box(l, g_rand_int_range(g, 3, 14));
			if (k + 1 < syll)
				pen(l, 2, g_rand_int_range(g, 0, 3) ? 50 : 100, 1, 1);
		}
		if (i + 1 == words)
			break;
		switch (g_rand_int_range(g, 0, 14)) {
		case 0:                                       /* explicit hyphen */
			box(l, 2);
			pen(l, 0, 50, 1, 0);
			break;
		case 1:                                       /* a bonus or malus */
			pen(l, 0, g_rand_int_range(g, -300, 301), 0, 0);
			glue(l, 4, g_rand_int_range(g, 0, 4), g_rand_int_range(g, 0, 3));
			break;
		case 2:                                       /* forced break */
			glue(l, 0, 0, 0);
			l->it[l->n - 1].stretch_fil = 1;
			pen(l, 0, -LB_INFINITY, 0, 0);
			break;
		case 3:                                       /* unbreakable space */
			pen(l, 0, LB_INFINITY, 0, 0);
			glue(l, 4, 2, 1);
			break;
		default:
			glue(l, 4, g_rand_int_range(g, 1, 4), g_rand_int_range(g, 0, 3));
		}
	}
	finish(l);
}

static void
random_check(void)
{
	GRand *g = g_rand_new_with_seed(20261125);
	struct list l = { 0 };
	int t, bad = 0, bad_path = 0, cases = 0, feasible1 = 0, feasible2 = 0, feasible3 = 0;
	int infeasible = 0, bad_infeasible = 0, bad_loose = 0, loose_cases = 0;
	static const int tols[] = { 50, 100, 200, 1000, 10000 };
	int n_cases = light() ? 200 : 2000, f = 2000 / n_cases;

	for (t = 0; t < n_cases; t++) {
		struct lb_params p;
		struct lb_result r;
		double w[3], want = INFINITY, thr = 0, bg = 0, got_path;
		size_t nw = g_rand_int_range(g, 1, 4), k;
		int want_pass = 0, valid;

		random_list(g, &l, g_rand_int_range(g, 3, 10));
		for (k = 0; k < nw; k++)
			w[k] = g_rand_int_range(g, 30, 70);
		lb_params_default(&p);
		p.pretolerance = g_rand_int_range(g, 0, 3) ? tols[g_rand_int_range(g, 0, 3)] : -1;
		p.tolerance = tols[g_rand_int_range(g, 1, 5)];
		p.emergency_stretch = g_rand_int_range(g, 0, 2) ? g_rand_int_range(g, 5, 30) : 0;
		p.line_penalty = g_rand_int_range(g, 0, 3) ? 10 : g_rand_int_range(g, 0, 100);
		p.adj_demerits = g_rand_int_range(g, 0, 3) ? 10000 : g_rand_int_range(g, 0, 20000);
		p.double_hyphen_demerits = g_rand_int_range(g, 0, 20000);
		p.final_hyphen_demerits = g_rand_int_range(g, 0, 10000);
		p.max_hyphen_run = g_rand_int_range(g, 0, 3);
		if (p.pretolerance >= 0) {
			want = brute(&l, w, nw, &p, 0, p.pretolerance, 0, NULL);
			want_pass = 1;
			thr = p.pretolerance;
		}
		if (want == INFINITY) {
			want = brute(&l, w, nw, &p, 1, p.tolerance, 0, NULL);
			want_pass = 2;
			thr = p.tolerance;
		}
		if (want == INFINITY && p.emergency_stretch > 0) {
			want = brute(&l, w, nw, &p, 1, p.tolerance, p.emergency_stretch, NULL);
			want_pass = 3;
			bg = p.emergency_stretch;
		}
		if (lb_break(l.it, l.n, w, nw, &p, &r) != 0) {
			bad++;
			continue;
		}
		cases++;
		if (want == INFINITY) {
			/* no feasible sequence: the final pass must still give lines */
			infeasible++;
			if (r.n_lines == 0 || r.lines[r.n_lines - 1].end != l.n - 1)
				bad_infeasible++;
		} else {
			feasible1 += want_pass == 1;
			feasible2 += want_pass == 2;
			feasible3 += want_pass == 3;
			if (r.pass != want_pass || fabs(r.demerits - want) > 1e-6 * (1 + fabs(want))) {
				if (bad < 5)
					fprintf(stderr, "# case %d: pass %d/%d demerits %.3f, exhaustive %.3f\n",
					        t, r.pass, want_pass, r.demerits, want);
				if (bad < 1 && getenv("LB_DEBUG")) {
					for (k = 0; k < l.n; k++)
						fprintf(stderr, "#  %zu: %d w=%g y=%g z=%g fil=%g p=%d f=%d h=%d\n", k, l.it[k].type,
						        l.it[k].width, l.it[k].stretch, l.it[k].shrink, l.it[k].stretch_fil,
						        l.it[k].penalty, l.it[k].flagged, l.it[k].hyphenation);
					fprintf(stderr, "# widths %g %g %g (%zu) pre %d tol %d em %g lp %d adj %d dh %d fh %d run %d\n",
					        w[0], w[1], w[2], nw, p.pretolerance, p.tolerance, p.emergency_stretch,
					        p.line_penalty, p.adj_demerits, p.double_hyphen_demerits,
					        p.final_hyphen_demerits, p.max_hyphen_run);
					for (k = 0; k < r.n_lines; k++)
						fprintf(stderr, "# line %zu-%zu r=%g f=%d h=%d\n", r.lines[k].start, r.lines[k].end,
						        r.lines[k].ratio, r.lines[k].fitness, r.lines[k].hyphenated);
					{
						struct brute bb;
						int v;
						double pd = path_demerits(&l, w, nw, &p, &r, thr, bg, &v);

						brute(&l, w, nw, &p, want_pass > 1, thr, bg, &bb);
						fprintf(stderr, "# lb path by brute model: %g valid %d; brute path:", pd, v);
						for (k = 0; k < bb.best_n; k++)
							fprintf(stderr, " %zu", bb.best_path[k]);
						fprintf(stderr, "\n");
					}
				}
				bad++;
			}
			got_path = path_demerits(&l, w, nw, &p, &r, thr, bg, &valid);
			if (!valid || fabs(got_path - r.demerits) > 1e-6 * (1 + fabs(want)))
				bad_path++;
		}
		lb_result_free(&r);
		/* looseness on a single pass: the best sequence with best_lines + looseness lines */
		if (t % 3 == 0) {
			struct brute b;
			long target;
			double best_other = INFINITY;
			size_t c;

			p.pretolerance = -1;
			p.emergency_stretch = 0;
			p.looseness = g_rand_int_range(g, 0, 2) ? 1 : -1;
			brute(&l, w, nw, &p, 1, p.tolerance, 0, &b);
			if (b.best == INFINITY)
				continue;
			/* skip ties of the optimum between line counts (the choice is arbitrary) */
			for (c = 1; c < 64; c++)
				if (c != b.best_lines && b.by_count[c] == b.best)
					best_other = b.best;
			if (best_other != INFINITY)
				continue;
			target = (long)b.best_lines + p.looseness;
			if (target < 1 || target >= 64 || b.by_count[target] == INFINITY)
				target = (long)b.best_lines;
			if (lb_break(l.it, l.n, w, nw, &p, &r) != 0)
				continue;
			loose_cases++;
			if ((long)r.n_lines != target ||
			    fabs(r.demerits - b.by_count[target]) > 1e-6 * (1 + fabs(b.by_count[target])))
				bad_loose++;
			lb_result_free(&r);
		}
	}
	fprintf(stderr, "# %d cases: %d optimal in pass 1, %d in pass 2, %d in pass 3, %d infeasible; %d looseness\n",
	        cases, feasible1, feasible2, feasible3, infeasible, loose_cases);
	INT_EQ(bad, 0, "random lists: lb_break's demerits equal the exhaustive optimum, same pass");
	INT_EQ(bad_path, 0, "random lists: the returned breaks are feasible and add up to the demerits");
	INT_EQ(bad_infeasible, 0, "random lists without a feasible break sequence still give lines");
	INT_EQ(bad_loose, 0, "random lists: looseness ±1 gives the best sequence with that many lines");
	INT_EQ(cases, n_cases, "random lists: every case breaks");
	OK(feasible1 > 100 / f && feasible2 > 100 / f && feasible3 > 20 / f && infeasible > 20 / f &&
	   loose_cases > 100 / f, "the random lists exercise every pass (%d/%d/%d/%d/%d)", feasible1,
	   feasible2, feasible3, infeasible, loose_cases);
	g_free(l.it);
	g_rand_free(g);
}

/* ------------------------------------------------------------ hand-built lists */

/* Words of the given widths separated by glue(3, 1.5, 1). */
static void
words(struct list *l, const int *w, int n)
{
	int i;

	l->n = 0;
	for (i = 0; i < n; i++) {
		box(l, w[i]);
		if (i + 1 < n)
			glue(l, 3, 1.5, 1);
	}
	finish(l);
}

static void
known_breaks(void)
{
	/* Four words of 10 on a measure of 23: "a b / c d" (each line 10+3+10 = 23
	 * exactly, badness 0) beats first fit's "a b" too... and any other split. */
	static const int w4[] = { 10, 10, 10, 10 };
	static const int w6[] = { 20, 5, 5, 20, 5, 5 };
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r;
	double m = 23;

	lb_params_default(&p);
	words(&l, w4, 4);
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "breaks four words");
	INT_EQ(r.n_lines, 2, "four words of 10 on 23: two lines");
	INT_EQ(r.lines[0].end, 3, "the first line ends at the second space");
	INT_EQ(r.lines[1].start, 4, "the second line starts at the third word");
	DBL_NEAR(r.lines[0].ratio, 0, 1e-9, "the first line is set at its natural width");
	INT_EQ(r.pass, 1, "found in the first pass");
	DBL_NEAR(r.demerits, (10 + 0) * (10 + 0) * 2, 1e-9, "demerits: two perfect lines, (l+b)² each");
	lb_result_free(&r);

	/* Total fit against first fit: on 36, first fit takes "20 5 5" (36 natural:
	 * 20+3+5+3+5 = 36) then "20 5 5" — fine too; on 34 first fit puts "20 5"
	 * (28) and leaves a loose line; total fit prefers the balanced shrunk split. */
	m = 34;
	words(&l, w6, 6);
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "breaks six words");
	INT_EQ(r.n_lines, 2, "six words on 34: two lines");
	INT_EQ(r.lines[0].end, 5, "the first line takes three words, shrunk");
	DBL_NEAR(r.lines[0].ratio, -1, 1e-9, "shrunk by its full shrinkability");
	INT_EQ(r.lines[0].fitness, LB_TIGHT, "a tight line");
	lb_result_free(&r);
	g_free(l.it);
}

static void
hyphen_run(void)
{
	/* Lines that fit exactly only when every one ends hyphenated: an indent of
	 * 19, then words box(15) hyphen box(15) with glue(4, 2, 1), measure 70:
	 * 19+15+15+4+15+2 = 70 and 15+4+30+4+15+2 = 70. */
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r, r2;
	double m = 70, want;
	int i, run, maxrun, ok = 1;
	size_t k;

	box(&l, 19);
	for (i = 0; i < 12; i++) {
		box(&l, 15);
		pen(&l, 2, 50, 1, 1);
		box(&l, 15);
		if (i < 11)
			glue(&l, 4, 2, 1);
	}
	finish(&l);
	lb_params_default(&p);
	p.pretolerance = -1;
	p.tolerance = 10000;
	p.double_hyphen_demerits = 0;
	p.adj_demerits = 0;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "hyphen list breaks");
	for (k = 0, run = 0, maxrun = 0; k < r.n_lines; k++) {
		run = r.lines[k].hyphenated ? run + 1 : 0;
		maxrun = run > maxrun ? run : maxrun;
	}
	OK(maxrun >= 3, "without a limit the optimum has %d hyphenated lines in a row", maxrun);
	p.max_hyphen_run = 2;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r2) == 0, "hyphen list breaks with max_hyphen_run 2");
	for (k = 0, run = 0, maxrun = 0; k < r2.n_lines; k++) {
		run = r2.lines[k].hyphenated ? run + 1 : 0;
		maxrun = run > maxrun ? run : maxrun;
		if (r2.lines[k].overfull)
			ok = 0;
	}
	INT_EQ(maxrun, 2, "max_hyphen_run 2: at most two hyphenated lines in a row");
	OK(ok, "and no overfull line");
	want = brute(&l, &m, 1, &p, 1, p.tolerance, 0, NULL);
	DBL_NEAR(r2.demerits, want, 1e-6, "the constrained optimum equals the exhaustive one");
	OK(r2.demerits > r.demerits, "the constraint costs demerits (%.0f > %.0f)", r2.demerits, r.demerits);
	p.max_hyphen_run = 1;
	lb_result_free(&r2);
	OK(lb_break(l.it, l.n, &m, 1, &p, &r2) == 0, "hyphen list breaks with max_hyphen_run 1");
	for (k = 1, ok = 1; k < r2.n_lines; k++)
		if (r2.lines[k].hyphenated && r2.lines[k - 1].hyphenated)
			ok = 0;
	OK(ok, "max_hyphen_run 1: never two hyphenated lines in a row");
	lb_result_free(&r);
	lb_result_free(&r2);
	g_free(l.it);
}

static void
forced_and_overfull(void)
{
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r;
	double m = 50;

	/* "aa bb \\ cc": the forced break ends line 1 even though all fits on one */
	box(&l, 10);
	glue(&l, 3, 1.5, 1);
	box(&l, 10);
	glue(&l, 0, 0, 0);
	l.it[l.n - 1].stretch_fil = 1;
	pen(&l, 0, -LB_INFINITY, 0, 0);
	box(&l, 10);
	finish(&l);
	lb_params_default(&p);
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "forced break list");
	INT_EQ(r.n_lines, 2, "a forced break makes two lines");
	INT_EQ(r.lines[0].end, 4, "line 1 ends at the forced penalty");
	INT_EQ(r.lines[1].start, 5, "line 2 starts at the box after it");
	INT_EQ(r.lines[1].end, l.n - 1, "line 2 ends at the final penalty");
	lb_result_free(&r);

	/* one box wider than the measure, between normal words */
	l.n = 0;
	box(&l, 10);
	glue(&l, 3, 1.5, 1);
	box(&l, 80);
	glue(&l, 3, 1.5, 1);
	box(&l, 10);
	finish(&l);
	p.emergency_stretch = 10;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "an overfull box still gives a result");
	OK(r.n_lines == 3 && r.lines[1].overfull && !r.lines[0].overfull && !r.lines[2].overfull,
	   "the box wider than the measure is alone on an overfull line (%zu lines)", r.n_lines);
	INT_EQ(r.pass, 3, "found by the final pass");
	DBL_NEAR(r.lines[1].ratio, 0, 1e-9, "an overfull line without shrink has ratio 0");
	lb_result_free(&r);

	/* no list at all, and widths missing */
	OK(lb_break(l.it, 0, &m, 1, &p, &r) == 0 && r.n_lines == 0, "an empty list gives no lines");
	OK(lb_break(l.it, l.n, &m, 0, &p, &r) == -1, "no widths is an error");
	g_free(l.it);
}

static void
emergency(void)
{
	/* Two words of 10 with glue(3, 1, 0) on 30: line 1 stretched by 7 with
	 * stretch 1: badness 10000 > tolerance; only emergency stretch saves it. */
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r;
	double m = 30;
	int i;

	for (i = 0; i < 6; i++) {
		box(&l, 10);
		if (i < 5)
			glue(&l, 3, 1, 0);
	}
	finish(&l);
	lb_params_default(&p);
	p.emergency_stretch = 20;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "emergency list");
	INT_EQ(r.pass, 3, "a list that needs it is set by the emergency pass");
	OK(r.n_lines == 3 && !r.lines[0].overfull, "three lines, none overfull");
	DBL_NEAR(r.lines[0].ratio, 7.0 / 1.0 - 0 + 0 * 0, 1e-9,
	         "the reported ratio is the real glue's, without the emergency stretch");
	lb_result_free(&r);

	/* the same words on 23 fit exactly: pass 1, emergency stretch unused */
	m = 23;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0 && r.pass == 1, "a good list never reaches the emergency pass");
	lb_result_free(&r);
	g_free(l.it);
}

static void
widths_per_line(void)
{
	/* a drop cap: the first two lines are 20 shorter */
	static const int w[] = { 10, 10, 10, 10, 10, 10, 10, 10 };
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r;
	double m[3] = { 23, 23, 49 };

	words(&l, w, 8);
	lb_params_default(&p);
	OK(lb_break(l.it, l.n, m, 3, &p, &r) == 0, "parshape list");
	OK(r.n_lines == 3 && r.lines[0].end == 3 && r.lines[1].end == 7,
	   "two words on each short line, four on the last (%zu lines)", r.n_lines);
	lb_result_free(&r);
	g_free(l.it);
}

static void
ragged(void)
{
	/* linebreak.h's ragged-right recipe: glue(0,S) penalty(0) glue(w,-S);
	 * every line ends with S of stretch, inside a line the stretches cancel */
	static const int w[] = { 12, 7, 20, 9, 15, 11, 6, 18, 10, 14, 8, 16 };
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r;
	double m = 50, S = 30, want;
	int i, ok = 1;
	size_t k;

	for (i = 0; i < 12; i++) {
		box(&l, w[i]);
		if (i < 11) {
			glue(&l, 0, S, 0);
			pen(&l, 0, 0, 0, 0);
			glue(&l, 4, -S, 0);
		}
	}
	finish(&l);
	lb_params_default(&p);
	p.pretolerance = -1;
	p.tolerance = 1000;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0 && r.n_lines > 1, "ragged-right list breaks");
	for (k = 0; k < r.n_lines; k++) {
		if (r.lines[k].overfull || (k + 1 < r.n_lines && l.it[r.lines[k].end].type != LB_PENALTY))
			ok = 0;
	}
	OK(ok, "every ragged line ends at a space's penalty, none overfull");
	want = brute(&l, &m, 1, &p, 1, p.tolerance, 0, NULL);
	DBL_NEAR(r.demerits, want, 1e-6, "the ragged optimum equals the exhaustive one");
	lb_result_free(&r);

	/* centred: glue(0,S) penalty(0) glue(w,-2S) box(0) penalty(inf) glue(0,S) */
	l.n = 0;
	glue(&l, 0, S, 0);
	for (i = 0; i < 12; i++) {
		box(&l, w[i]);
		if (i < 11) {
			glue(&l, 0, S, 0);
			pen(&l, 0, 0, 0, 0);
			glue(&l, 4, -2 * S, 0);
			box(&l, 0);
			pen(&l, 0, LB_INFINITY, 0, 0);
			glue(&l, 0, S, 0);
		}
	}
	glue(&l, 0, S, 0);
	pen(&l, 0, -LB_INFINITY, 0, 0);
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0 && r.n_lines > 1, "centred list breaks");
	want = brute(&l, &m, 1, &p, 1, p.tolerance, 0, NULL);
	DBL_NEAR(r.demerits, want, 1e-6, "the centred optimum equals the exhaustive one");
	for (k = 0, ok = 1; k + 1 < r.n_lines; k++)
		if (r.lines[k].ratio < 0 || r.lines[k].overfull)
			ok = 0;
	OK(ok, "centred lines are only stretched (%zu lines)", r.n_lines);
	lb_result_free(&r);
	g_free(l.it);
}

static void
big_paragraph(void)
{
	/* A 10 MB paragraph (about 1.7 million words) breaks in linear time with a
	 * bounded number of active nodes (measured: 0.6 s at tolerance 10000, 33 s
	 * with looseness 1 as well); here 300 000 words keep the test lean. */
	GRand *g = g_rand_new_with_seed(7);
	struct list l = { 0 };
	struct lb_params p;
	struct lb_result r;
	double m = 156;                         /* 55 mm */
	int i, over = 0, f = light() ? 10 : 1;
	size_t k;

	for (i = 0; i < 300000 / f; i++) {
		box(&l, g_rand_int_range(g, 5, 40));
		if (g_rand_int_range(g, 0, 3) == 0) {
			pen(&l, 3.3, 50, 1, 1);
			box(&l, g_rand_int_range(g, 5, 20));
		}
		glue(&l, 2.5, 1.25, 0.8);
	}
	l.n--;
	finish(&l);
	lb_params_default(&p);
	p.tolerance = 10000;
	p.max_hyphen_run = 2;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "%d words with tolerance 10000", 300000 / f);
	for (k = 0; k < r.n_lines; k++)
		over += r.lines[k].overfull;
	OK(r.n_lines > (size_t)(50000 / f) && over == 0, "%zu lines, %d overfull", r.n_lines, over);
	lb_result_free(&r);
	/* the worst case: looseness keeps every line number apart (no §848 merging),
	 * so the active list would grow with the paragraph; LB_MAX_ACTIVE bounds it */
	l.n = 40000 / f;
	while (l.it[l.n - 1].type != LB_BOX)
		l.n--;
	finish(&l);
	p.looseness = 1;
	OK(lb_break(l.it, l.n, &m, 1, &p, &r) == 0, "%zu items with looseness 1 and tolerance 10000", l.n);
	for (k = 0, over = 0; k < r.n_lines; k++)
		over += r.lines[k].overfull;
	OK(r.n_lines > (size_t)(2000 / f) && over == 0, "%zu lines, %d overfull", r.n_lines, over);
	lb_result_free(&r);
	g_free(l.it);
	g_rand_free(g);
}

int
main(void)
{
	known_breaks();
	forced_and_overfull();
	emergency();
	widths_per_line();
	hyphen_run();
	ragged();
	random_check();
	if (!getenv("LB_DEBUG")) big_paragraph();
	return harness_done();
}
