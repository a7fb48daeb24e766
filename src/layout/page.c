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
	int fn[64];                 /* footnotes set here */
	int n_fn;
	double height;
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
fill(const struct pb_item *it, size_t n, size_t i, double h, const struct pb_params *p,
     const int *placed, struct fill *out)
{
	double t = 0, fnh = 0, best_c = INF_COST;
	size_t j, best = (size_t)-1, any = (size_t)-1;
	int first = 1, fn[64], nfn = 0, best_nfn = 0, any_nfn = 0;
	double best_t = 0, any_t = 0;

	for (j = i; j < n; j++) {
		const struct pb_item *x = &it[j];

		if (x->kind == PB_LINE) {
			double adv = first ? x->top : x->height, extra = 0;
			int f = x->footnote;

			if (f > 0 && f <= p->n_fn && !has_fn(placed, f, fn, nfn))
				extra = p->fn_height[f] + (nfn == 0 ? p->fn_separator : 0);
			else
				f = 0;
			if (!first && t + adv + fnh + extra > h + 0.01) {
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
				memcpy(out->fn, fn, sizeof(int) * out->n_fn);
				return;
			}
			t += adv;
			fnh += extra;
			if (f && nfn < 64)
				fn[nfn++] = f;
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
			memcpy(out->fn, fn, sizeof(int) * nfn);
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
	out->end = n;
	out->n_fn = nfn;
	out->height = t + fnh;
	memcpy(out->fn, fn, sizeof(int) * nfn);
}

/* First item of the next column after a break at b. */
static size_t
skip(const struct pb_item *it, size_t n, size_t b)
{
	while (b < n && it[b].kind != PB_LINE)
		b++;
	return b;
}

static void
count_split(const struct pb_item *it, size_t n, size_t brk, struct pb_result *r)
{
	size_t a, b;

	if (brk >= n || brk == 0)
		return;
	for (a = brk; a > 0 && it[a - 1].kind != PB_LINE; a--)
		;
	if (a == 0)
		return;
	a--;
	b = skip(it, n, brk);
	if (b >= n)
		return;
	if (it[a].para_last || it[b].para_first)
		return;                         /* not inside one paragraph */
	if (it[a].para_first)
		r->orphans++;
	if (it[b].para_last)
		r->widows++;
}

/* Can [i, n) go into cols columns of height h? */
static int
fits(const struct pb_item *it, size_t n, size_t i, int cols, double h, const struct pb_params *p,
     const int *placed0)
{
	int *placed = g_new0(int, p->n_fn + 1), c, k;
	struct fill f;

	memcpy(placed, placed0, sizeof(int) * (p->n_fn + 1));
	for (c = 0; c < cols && i < n; c++) {
		fill(it, n, i, h, p, placed, &f);
		for (k = 0; k < f.n_fn; k++)
			placed[f.fn[k]] = 1;
		i = skip(it, n, f.end);
	}
	g_free(placed);
	return i >= n;
}

int
pb_build(const struct pb_item *it, size_t n, const struct pb_params *p, struct pb_result *out)
{
	GArray *pages = g_array_new(FALSE, TRUE, sizeof(struct pb_page));
	GArray *order = g_array_new(FALSE, FALSE, sizeof(int));
	int *placed = g_new0(int, p->n_fn + 1);
	int cols = MAX(1, MIN(p->columns, PB_MAX_COLUMNS)), k;
	size_t i = skip(it, n, 0);

	memset(out, 0, sizeof *out);
	while (i < n || pages->len == 0) {
		struct pb_page pg;
		double h = pages->len == 0 ? p->first_height : p->height;
		int c;

		memset(&pg, 0, sizeof pg);
		pg.col_height = h;
		/* the last page: balance its columns */
		if (p->balance && cols > 1 && i < n && fits(it, n, i, cols, h, p, placed)) {
			double total = 0, lo, step = 1.0, hh;
			size_t j;

			for (j = i; j < n; j++)
				total += it[j].kind == PB_LINE ? it[j].height : it[j].kind == PB_GLUE ? it[j].height : 0;
			lo = MAX(total / cols - 2 * step, 0);
			for (hh = lo; hh < h; hh += step)
				if (fits(it, n, i, cols, hh, p, placed))
					break;
			pg.col_height = h = MIN(hh, h);
		}
		for (c = 0; c < cols && i < n; c++) {
			struct fill f;

			fill(it, n, i, h, p, placed, &f);
			pg.col[c].start = i;
			pg.col[c].end = f.end;
			pg.col[c].height = f.height;
			pg.col[c].fn_first = order->len;
			pg.col[c].fn_count = f.n_fn;
			for (k = 0; k < f.n_fn; k++) {
				placed[f.fn[k]] = 1;
				g_array_append_val(order, f.fn[k]);
			}
			count_split(it, n, f.end, out);
			i = skip(it, n, f.end);
			pg.n_cols = c + 1;
		}
		g_array_append_val(pages, pg);
		if (i >= n)
			break;
	}
	/* footnotes never called: at the end of the last column */
	for (k = 1; k <= p->n_fn; k++) {
		if (!placed[k]) {
			struct pb_page *last = &g_array_index(pages, struct pb_page, pages->len - 1);
			struct pb_column *col = &last->col[MAX(last->n_cols, 1) - 1];

			if (last->n_cols == 0)
				last->n_cols = 1;
			if (col->fn_count == 0)
				col->fn_first = order->len;
			if (col->fn_first + col->fn_count == (int)order->len) {
				g_array_append_val(order, k);
				col->fn_count++;
			}
		}
	}
	g_free(placed);
	out->n_pages = pages->len;
	out->pages = (struct pb_page *)g_array_free(pages, FALSE);
	out->n_fn_order = order->len;
	out->fn_order = (int *)g_array_free(order, FALSE);
	return 0;
}

void
pb_result_free(struct pb_result *r)
{
	g_free(r->pages);
	g_free(r->fn_order);
	memset(r, 0, sizeof *r);
}
