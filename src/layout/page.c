/* page.c — the page builder (page.h): fills columns greedily with TeX's
 * least-cost rule (tex.web §1005: c = b + p, ties go to the later break,
 * a forced penalty ships at once), a ragged-bottom badness, footnotes on the
 * column of their call, then balances the last page's columns. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "layout/page.h"

#define INF_COST 1e30

/* Ragged-bottom badness: as tex.web §108 with 15% of the column as stretch. */
static double
badness(double gap, double h)
{
	double s = 0.15 * h, r;

	if (gap <= 0 || s <= 0)
		return 0;
	r = gap / s;
	return MIN(10000.0, 100.0 * r * r * r);
}

struct fill {
	size_t end;                 /* column holds [start, end) */
	int *fn;                    /* footnotes set here (the scan's buffer) */
	int n_fn;
	double height;
};

/* The items a page is built from: it[0..n).  Unless final, more items may
 * follow: whatever looks at it[n] sets more, and the page is built again
 * once they are there, so a page never depends on where the list was cut. */
struct scan {
	const struct pb_item *it;
	size_t n;
	int final;
	int more;
	const struct pb_params *p;
	int *fnbuf;                 /* n_fn + 1: the notes of the column being filled */
};

static int
has_fn(const int *placed, int f, const int *list, int n)
{
	int i;

	if (placed[f])
		return 1;
	for (i = 0; i < n; i++)
		if (list[i] == f)
			return 1;
	return 0;
}

/* Fills one column of height h from item i. */
static void
fill(struct scan *sc, size_t i, double h, const int *placed, struct fill *out)
{
	const struct pb_item *it = sc->it;
	const struct pb_params *p = sc->p;
	size_t n = sc->n;
	double t = 0, fnh = 0, best_c = INF_COST;
	size_t j, best = (size_t)-1, any = (size_t)-1;
	int first = 1, *fn = sc->fnbuf, nfn = 0, best_nfn = 0, any_nfn = 0;
	double best_t = 0, any_t = 0;

	out->fn = fn;   /* the notes of a column are a prefix of fn */
	for (j = i; j < n; j++) {
		const struct pb_item *x = &it[j];

		if (x->kind == PB_LINE) {
			double adv = first ? x->top : x->height, extra = 0;
			int k, before = nfn;

			/* every note called on the line and not set yet: the
			 * line and all of them go in this column, or none */
			for (k = 0; x->footnotes && x->footnotes[k]; k++) {
				int f = x->footnotes[k];

				if (f > 0 && f <= p->n_fn && !has_fn(placed, f, fn, nfn)) {
					extra += p->fn_height[f] + (nfn == 0 ? p->fn_separator : 0);
					fn[nfn++] = f;
				}
			}
			if (!first && t + adv + fnh + extra > h + 0.01) {
				nfn = before;
				if (best != (size_t)-1) {
					out->end = best;
					out->n_fn = best_nfn;
					out->height = best_t;
				} else if (any != (size_t)-1) {
					out->end = any;
					out->n_fn = any_nfn;
					out->height = any_t;
				} else {
					out->end = j;
					out->n_fn = nfn;
					out->height = t + fnh;
				}
				return;
			}
			t += adv;
			fnh += extra;
			first = 0;
			continue;
		}
		if (first)
			continue;               /* discarded at the top of a column */
		if (x->kind == PB_GLUE) {
			if (j > 0 && it[j - 1].kind == PB_LINE) {
				double c = badness(h - t - fnh, h);

				if (c <= best_c) {
					best_c = c, best = j, best_nfn = nfn, best_t = t + fnh;
				}
				any = j, any_nfn = nfn, any_t = t + fnh;
			}
			t += x->height;
			continue;
		}
		/* penalty */
		if (x->penalty <= -10000) {
			out->end = j;
			out->n_fn = nfn;
			out->height = t + fnh;
			return;
		}
		any = j, any_nfn = nfn, any_t = t + fnh;
		if (x->penalty < 10000) {
			double c = badness(h - t - fnh, h) + x->penalty;

			if (c <= best_c) {
				best_c = c, best = j, best_nfn = nfn, best_t = t + fnh;
			}
		}
	}
	if (!sc->final)
		sc->more = 1;
	out->end = n;
	out->n_fn = nfn;
	out->height = t + fnh;
}

/* First item of the next column after a break at b. */
static size_t
skip(struct scan *sc, size_t b)
{
	while (b < sc->n && sc->it[b].kind != PB_LINE)
		b++;
	if (b >= sc->n && !sc->final)
		sc->more = 1;
	return b;
}

static void
count_split(struct scan *sc, size_t brk, int *widows, int *orphans)
{
	const struct pb_item *it = sc->it;
	size_t a, b, n = sc->n;

	if (brk >= n || brk == 0)
		return;
	for (a = brk; a > 0 && it[a - 1].kind != PB_LINE; a--)
		;
	if (a == 0)
		return;
	a--;
	b = skip(sc, brk);
	if (b >= n)
		return;
	if (it[a].para_last || it[b].para_first)
		return;                         /* not inside one paragraph */
	if (it[a].para_first)
		(*orphans)++;
	if (it[b].para_last)
		(*widows)++;
}

/* Can [i, n) go into cols columns of height h? */
static int
fits(struct scan *sc, size_t i, int cols, double h, const int *placed0)
{
	const struct pb_params *p = sc->p;
	int *placed = g_new0(int, p->n_fn + 1), c, k;
	struct fill f;

	memcpy(placed, placed0, sizeof(int) * (p->n_fn + 1));
	for (c = 0; c < cols && i < sc->n; c++) {
		fill(sc, i, h, placed, &f);
		for (k = 0; k < f.n_fn; k++)
			placed[f.fn[k]] = 1;
		i = skip(sc, f.end);
	}
	g_free(placed);
	return i >= sc->n;
}

static void
order_add(struct pb_stream *s, int f)
{
	if (s->n_order == s->order_cap) {
		s->order_cap = s->order_cap ? 2 * s->order_cap : 16;
		s->order = g_renew(int, s->order, s->order_cap);
	}
	s->order[s->n_order++] = f;
}

void
pb_stream_init(struct pb_stream *s, const struct pb_params *p)
{
	memset(s, 0, sizeof *s);
	s->p = *p;
	s->placed = g_new0(int, p->n_fn + 1);
	s->work = g_new0(int, p->n_fn + 1);
	s->fnbuf = g_new0(int, p->n_fn + 1);
}

int
pb_stream_next(struct pb_stream *s, const struct pb_item *it, size_t n, int final, struct pb_page *pg)
{
	const struct pb_params *p = &s->p;
	struct scan sc = { it, n, final, 0, p, s->fnbuf };
	int cols = MAX(1, MIN(p->columns, PB_MAX_COLUMNS)), k, c, widows = 0, orphans = 0;
	int *placed = s->work, n_order = s->n_order;
	size_t i = s->i;
	double h;

	if (s->done)
		return 0;
	if (!s->started) {
		i = skip(&sc, 0);
		if (sc.more)
			return 0;
		s->started = 1;
		s->i = i;
	}
	if (i >= n && s->n_pages > 0) {
		/* only reached when final: a page ends inside the list otherwise */
		s->done = 1;
		return 0;
	}
	memcpy(placed, s->placed, sizeof(int) * (p->n_fn + 1));
	h = s->n_pages == 0 ? p->first_height : p->height;
	memset(pg, 0, sizeof *pg);
	pg->col_height = h;
	/* the last page: balance its columns */
	if (p->balance && cols > 1 && i < n && fits(&sc, i, cols, h, placed) && !sc.more) {
		double total = 0, lo, step = 1.0, hh;
		size_t j;

		for (j = i; j < n; j++)
			total += it[j].kind == PB_LINE ? it[j].height : it[j].kind == PB_GLUE ? it[j].height : 0;
		lo = MAX(total / cols - 2 * step, 0);
		for (hh = lo; hh < h; hh += step)
			if (fits(&sc, i, cols, hh, placed))
				break;
		pg->col_height = h = MIN(hh, h);
	}
	for (c = 0; c < cols && i < n && !sc.more; c++) {
		struct fill f;

		fill(&sc, i, h, placed, &f);
		pg->col[c].start = i;
		pg->col[c].end = f.end;
		pg->col[c].height = f.height;
		pg->col[c].fn_first = s->n_order;
		pg->col[c].fn_count = f.n_fn;
		for (k = 0; k < f.n_fn; k++) {
			placed[f.fn[k]] = 1;
			order_add(s, f.fn[k]);
		}
		count_split(&sc, f.end, &widows, &orphans);
		i = skip(&sc, f.end);
		pg->n_cols = c + 1;
	}
	if (sc.more) {
		s->n_order = n_order;   /* built again with more items */
		return 0;
	}
	if (i >= n) {
		/* the last page: footnotes never called go at the end of its
		 * last column */
		struct pb_column *col = &pg->col[MAX(pg->n_cols, 1) - 1];

		for (k = 1; k <= p->n_fn; k++) {
			if (placed[k])
				continue;
			if (pg->n_cols == 0)
				pg->n_cols = 1;
			if (col->fn_count == 0)
				col->fn_first = s->n_order;
			if (col->fn_first + col->fn_count == s->n_order) {
				order_add(s, k);
				col->fn_count++;
			}
		}
		s->done = 1;
	}
	memcpy(s->placed, placed, sizeof(int) * (p->n_fn + 1));
	s->i = i;
	s->n_pages++;
	s->widows += widows;
	s->orphans += orphans;
	return 1;
}

void
pb_stream_shift(struct pb_stream *s, size_t k)
{
	s->i -= MIN(k, s->i);
}

void
pb_stream_fini(struct pb_stream *s)
{
	g_free(s->placed);
	g_free(s->work);
	g_free(s->fnbuf);
	g_free(s->order);
	memset(s, 0, sizeof *s);
}

int
pb_build(const struct pb_item *it, size_t n, const struct pb_params *p, struct pb_result *out)
{
	GArray *pages = g_array_new(FALSE, TRUE, sizeof(struct pb_page));
	struct pb_stream s;
	struct pb_page pg;

	memset(out, 0, sizeof *out);
	pb_stream_init(&s, p);
	while (pb_stream_next(&s, it, n, 1, &pg) == 1)
		g_array_append_val(pages, pg);
	out->n_pages = pages->len;
	out->pages = (struct pb_page *)g_array_free(pages, FALSE);
	out->n_fn_order = s.n_order;
	out->fn_order = s.order;
	out->widows = s.widows;
	out->orphans = s.orphans;
	s.order = NULL;
	pb_stream_fini(&s);
	return 0;
}

void
pb_result_free(struct pb_result *r)
{
	g_free(r->pages);
	g_free(r->fn_order);
	memset(r, 0, sizeof *r);
}
