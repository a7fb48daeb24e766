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

double
pb_separator(const struct pb_params *p, int f, const int *list, int n)
{
	int k;

	if (p->fn_top && p->fn_top[f])
		return 0;
	for (k = 0; k < n; k++)
		if (!p->fn_top || !p->fn_top[list[k]])
			return 0;
	return p->fn_separator;
}

/* Is f an insert set across the columns at the top of a page? */
static int
spanning(const struct pb_params *p, int f)
{
	return p->fn_top && f > 0 && f <= p->n_fn && p->fn_top[f] == 2;
}

struct fill {
	size_t end;                 /* column holds [start, end) */
	int *fn;                    /* footnotes set here (the scan's buffer) */
	int n_fn;
	double height;
};

/* The items a page is built from: it[0..n).  Unless final, more items may
 * follow: whatever looks at it[n] sets more, and the page is built again
 * once they are there, so a page never depends on where the list was cut.
 * A note is taken (set or carried) once: before this page when placed[f],
 * on the page being tried when mark[f] == gen, so no list is searched. */
struct scan {
	const struct pb_item *it;
	size_t n;
	int final;
	int more;
	const struct pb_params *p;
	int *fnbuf;                 /* n_fn + 1: the notes of the column being filled */
	const int *placed;          /* taken on an earlier page */
	unsigned *mark, gen;        /* taken on this try */
	int *pend, ph, pt;          /* notes carried to the next column: pend[ph..pt) */
	long work;                  /* notes looked at (tests count it) */
};

static int
taken(const struct scan *sc, int f)
{
	return sc->placed[f] || sc->mark[f] == sc->gen;
}

static void
untake(struct scan *sc, const int *list, int from, int to)
{
	for (; from < to; from++)
		sc->mark[list[from]] = 0;
}

/* A new try: whatever the last one marked counts no more. */
static void
new_try(struct scan *sc, struct pb_stream *s)
{
	if (++s->gen == 0) {
		memset(s->mark, 0, sizeof(unsigned) * (s->p.n_fn + 1));
		s->gen = 1;
	}
	sc->gen = s->gen;
}

/* Fills one column of height h from item i.  The notes carried from the
 * column before come first at its foot; a note called on a line goes in
 * the line's column with it.  When they cannot (the line opens the column,
 * or notes carried are still waiting), the notes that do not fit are
 * carried to the next column, in order, as TeX splits an insertion and
 * holds the rest over (tex.web §1008–§1010; here at whole notes). */
static void
fill(struct scan *sc, size_t i, double h, struct fill *out)
{
	const struct pb_item *it = sc->it;
	const struct pb_params *p = sc->p;
	size_t n = sc->n;
	double t = 0, fnh = 0, best_c = INF_COST;
	size_t j, best = (size_t)-1, any = (size_t)-1;
	int first = 1, *fn = sc->fnbuf, nfn = 0, best_nfn = 0, any_nfn = 0;
	int pt0 = sc->pt, best_pt = 0, any_pt = 0, carry;
	double best_t = 0, any_t = 0, tops = 0;

	out->fn = fn;   /* the notes of a column are a prefix of fn */
	/* the notes carried come first, while they fit; one taller than
	 * any column goes alone at the top of the next (drawn cut to the
	 * column: render.c warns) */
	while (sc->ph < pt0) {
		int f = sc->pend[sc->ph];
		double e = p->fn_height[f] + pb_separator(p, f, fn, nfn);

		sc->work++;
		if (fnh + e > h + 0.01 && (nfn > 0 || e <= MAX(p->height, p->first_height) + 0.01))
			break;
		if (p->fn_top && p->fn_top[f] && p->top_max > 0 && nfn > 0 &&
		    tops + p->fn_height[f] > p->top_max + 0.01)
			break;
		if (p->fn_top && p->fn_top[f])
			tops += p->fn_height[f];
		fnh += e;
		fn[nfn++] = f;
		sc->ph++;
	}
	carry = sc->ph < pt0;
	for (j = i; j < n; j++) {
		const struct pb_item *x = &it[j];

		if (x->kind == PB_LINE) {
			double adv = first ? x->top : x->height, extra = 0;
			int k, before = nfn, pt1 = sc->pt;

			/* every note called on the line and not taken yet: the
			 * line and all of them go in this column, or none */
			for (k = 0; x->footnotes && x->footnotes[k]; k++) {
				int f = x->footnotes[k];

				sc->work++;
				if (f <= 0 || f > p->n_fn || taken(sc, f) || spanning(p, f))
					continue;  /* a spanning one is the page's (span_next) */
				sc->mark[f] = sc->gen;
				/* top inserts past the column's share wait, and
				 * what is called after them with them */
				if (p->fn_top && p->fn_top[f] && p->top_max > 0 &&
				    tops + p->fn_height[f] > p->top_max + 0.01)
					carry = 1;
				/* a top insert that does not fit with the text so far
				 * waits for the next column; the line stays (TeX's
				 * float: the text is not held back for it) */
				if (p->fn_top && p->fn_top[f] &&
				    t + adv + fnh + extra + p->fn_height[f] > h + 0.01)
					carry = 1;
				if (carry) {
					sc->pend[sc->pt++] = f;
					continue;
				}
				if (p->fn_top && p->fn_top[f])
					tops += p->fn_height[f];
				extra += p->fn_height[f] + pb_separator(p, f, fn, nfn);
				fn[nfn++] = f;
			}
			if (t + adv + fnh + extra > h + 0.01 && (!first ||
			    (before > 0 && t + adv + fnh > h + 0.01))) {
				/* the line goes to the next column; a column of
				 * carried notes alone when it would open this one */
				untake(sc, fn, before, nfn);
				untake(sc, sc->pend, pt1, sc->pt);
				nfn = before;
				sc->pt = pt1;
				if (best != (size_t)-1) {
					out->end = best;
					out->n_fn = best_nfn;
					out->height = best_t;
					untake(sc, fn, best_nfn, nfn);
					untake(sc, sc->pend, best_pt, sc->pt);
					sc->pt = best_pt;
				} else if (any != (size_t)-1) {
					out->end = any;
					out->n_fn = any_nfn;
					out->height = any_t;
					untake(sc, fn, any_nfn, nfn);
					untake(sc, sc->pend, any_pt, sc->pt);
					sc->pt = any_pt;
				} else {
					out->end = j;
					out->n_fn = nfn;
					out->height = t + fnh;
				}
				return;
			}
			if (t + adv + fnh + extra > h + 0.01) {
				/* it opens the column: it stays, with the notes
				 * that fit; the others and all after are carried */
				double e = fnh;
				int m = before, k2;

				for (k2 = before; k2 < nfn; k2++) {
					double a = p->fn_height[fn[k2]] + pb_separator(p, fn[k2], fn, m);

					if (t + adv + e + a > h + 0.01)
						break;
					e += a;
					fn[m++] = fn[k2];
				}
				for (; k2 < nfn; k2++)
					sc->pend[sc->pt++] = fn[k2];
				nfn = m;
				extra = e - fnh;
				carry = 1;
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
					best_pt = sc->pt;
				}
				any = j, any_nfn = nfn, any_t = t + fnh, any_pt = sc->pt;
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
		any = j, any_nfn = nfn, any_t = t + fnh, any_pt = sc->pt;
		if (x->penalty < 10000) {
			double c = badness(h - t - fnh, h) + x->penalty;

			if (c <= best_c) {
				best_c = c, best = j, best_nfn = nfn, best_t = t + fnh;
				best_pt = sc->pt;
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

/* Can [i, n) and the notes carried go into cols columns of height h?  A
 * try of its own: it leaves the carried notes and the marks as it found
 * them. */
static int
fits(struct scan *sc, struct pb_stream *s, size_t i, int cols, double h)
{
	struct fill f;
	int c, ph = sc->ph, pt = sc->pt, ok;

	new_try(sc, s);
	for (c = 0; c < cols && (i < sc->n || sc->ph < sc->pt); c++) {
		fill(sc, i, h, &f);
		i = skip(sc, f.end);
	}
	ok = i >= sc->n && sc->ph == sc->pt;
	sc->ph = ph;
	sc->pt = pt;
	new_try(sc, s);
	return ok;
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
	s->mark = g_new0(unsigned, p->n_fn + 1);
	s->pend = g_new0(int, p->n_fn + 1);
	s->fnbuf = g_new0(int, p->n_fn + 1);
	s->spend = g_new0(int, p->n_fn + 1);
	s->spage = g_new0(int, p->n_fn + 1);
}

/* The columns of a page, each of height h, from item i into pg: a try of
 * its own (the notes carried and the order as the page before left them;
 * the order from n_order on is this try's); none when spanning inserts
 * (spans) leave no room for the first line.  Returns the first item of
 * the next page; sc->more when the page needs more items. */
static size_t
columns(struct pb_stream *s, struct scan *sc, size_t i, double h, int spans, int n_order,
        struct pb_page *pg, int *widows, int *orphans)
{
	const struct pb_params *p = &s->p;
	const struct pb_item *it = sc->it;
	size_t n = sc->n;
	int cols = MAX(1, MIN(p->columns, PB_MAX_COLUMNS)), k, c;

	sc->ph = s->ph;
	sc->pt = s->pt;
	s->n_order = n_order;
	*widows = *orphans = 0;
	memset(pg->col, 0, sizeof pg->col);
	pg->n_cols = 0;
	pg->col_height = h;
	/* spanning inserts leave no room for a line: none this page */
	if (spans && i < n && it[i].kind == PB_LINE && it[i].top > h + 0.01) {
		sc->more = 0;
		new_try(sc, s);
		return i;
	}
	/* the last page: balance its columns.  Only once the list is final:
	 * before, a try that fits reaches the window's end and asks for more,
	 * so the try would be lost work on every block the caller adds */
	if (p->balance && cols > 1 && i < n && sc->final && fits(sc, s, i, cols, h)) {
		double total = 0, lo, step = 1.0, hh;
		size_t j;

		for (j = i; j < n; j++)
			total += it[j].kind == PB_LINE ? it[j].height : it[j].kind == PB_GLUE ? it[j].height : 0;
		lo = MAX(total / cols - 2 * step, 0);
		for (hh = lo; hh < h; hh += step)
			if (fits(sc, s, i, cols, hh))
				break;
		pg->col_height = h = MIN(hh, h);
	}
	sc->more = 0;
	new_try(sc, s);
	for (c = 0; c < cols && (i < n || sc->ph < sc->pt) && !sc->more; c++) {
		struct fill f;

		fill(sc, i, h, &f);
		pg->col[c].start = i;
		pg->col[c].end = f.end;
		pg->col[c].height = f.height;
		pg->col[c].fn_first = s->n_order;
		pg->col[c].fn_count = f.n_fn;
		for (k = 0; k < f.n_fn; k++)
			order_add(s, f.fn[k]);
		count_split(sc, f.end, widows, orphans);
		i = skip(sc, f.end);
		pg->n_cols = c + 1;
	}
	return i;
}

/* The spanning inserts called on the lines of pg's columns: with want, is
 * want among them; else the first one not taken yet (0: none).  With
 * queue, every one not taken is carried to the next page instead. */
static int
span_calls(struct pb_stream *s, struct scan *sc, const struct pb_page *pg, int want, int queue)
{
	int c, k;

	for (c = 0; c < pg->n_cols; c++)
		for (size_t j = pg->col[c].start; j < pg->col[c].end; j++) {
			const int *fl = sc->it[j].kind == PB_LINE ? sc->it[j].footnotes : NULL;

			for (k = 0; fl && fl[k]; k++) {
				int f = fl[k];

				sc->work++;
				if (!spanning(&s->p, f) || (want ? f != want : s->placed[f] != 0))
					continue;
				if (!queue)
					return f;
				s->placed[f] = 1;
				s->spend[s->st++] = f;
			}
		}
	return 0;
}

/* Are the spanning inserts taken on this page, spage[0..ns) with
 * placed 2, all still called on it? */
static int
spans_called(struct pb_stream *s, struct scan *sc, const struct pb_page *pg, int ns)
{
	for (int k = 0; k < ns; k++)
		if (s->placed[s->spage[k]] == 2 && span_calls(s, sc, pg, s->spage[k], 0) == 0)
			return 0;
	return 1;
}

/* Can insert f join the spanning ones of a page of height avail that
 * take sh so far (ns of them)? */
static int
span_room(const struct pb_params *p, int f, double sh, int ns, double avail)
{
	double e = p->fn_height[f];

	if (ns > 0 && p->top_max > 0 && sh + e > p->top_max + 0.01)
		return 0;
	return sh + e <= avail + 0.01;
}

/* The last page pg (its columns' height full): footnotes never called go
 * at the end of its last column while they fit, then on pages of their
 * own; spanning inserts never called to the next page. */
static void
uncalled(struct pb_stream *s, struct scan *sc, struct pb_page *pg, size_t i, double full)
{
	const struct pb_params *p = &s->p;
	struct pb_column *col = &pg->col[MAX(pg->n_cols, 1) - 1];
	double used = col->height;
	int k;

	for (k = 1; k <= p->n_fn; k++) {
		double e;

		if (taken(sc, k))
			continue;
		if (spanning(p, k)) {
			s->placed[k] = 1;
			s->spend[s->st++] = k;
			continue;
		}
		sc->mark[k] = sc->gen;
		e = p->fn_height[k] + pb_separator(p, k, s->order ? s->order + col->fn_first : NULL,
		                                      col->fn_count);
		if (sc->ph < sc->pt || (used + e > full + 0.01 && (pg->n_cols > 0 || col->fn_count > 0))) {
			sc->pend[sc->pt++] = k;
			continue;
		}
		if (pg->n_cols == 0) {
			pg->n_cols = 1;
			col->start = col->end = i;
		}
		if (col->fn_count == 0)
			col->fn_first = s->n_order;
		order_add(s, k);
		col->fn_count++;
		used += e;
	}
}

int
pb_stream_next(struct pb_stream *s, const struct pb_item *it, size_t n, int final, struct pb_page *pg)
{
	const struct pb_params *p = &s->p;
	struct scan sc;
	int k, widows = 0, orphans = 0, ns = 0, q, f;
	int n_order = s->n_order;
	size_t i = s->i;
	double avail, sh = 0;

	if (s->done)
		return 0;
	memset(&sc, 0, sizeof sc);
	sc.it = it;
	sc.n = n;
	sc.final = final;
	sc.p = p;
	sc.fnbuf = s->fnbuf;
	sc.placed = s->placed;
	sc.mark = s->mark;
	sc.pend = s->pend;
	sc.ph = s->ph;
	sc.pt = s->pt;
	if (!s->started) {
		i = skip(&sc, 0);
		if (sc.more)
			return 0;
		s->started = 1;
		s->i = i;
	}
	if (i >= n && s->n_pages > 0 && s->ph == s->pt && s->sh == s->st) {
		/* only reached when final: a page ends inside the list otherwise */
		s->done = 1;
		return 0;
	}
	avail = s->n_pages == 0 ? p->first_height : p->height;
	memset(pg, 0, sizeof *pg);
	/* the spanning inserts carried from the page before, in order, while
	 * they take at most the share of the page */
	for (q = s->sh; q < s->st && span_room(p, s->spend[q], sh, ns, avail); q++) {
		s->spage[ns++] = s->spend[q];
		sh += p->fn_height[s->spend[q]];
	}
	i = columns(s, &sc, s->i, avail - sh, ns > 0, n_order, pg, &widows, &orphans);
	/* one called on the page goes at its top when its call is still on
	 * the page with it; else it and those after it wait for the next */
	while (!sc.more && q == s->st && (f = span_calls(s, &sc, pg, 0, 0)) != 0 &&
	       span_room(p, f, sh, ns, avail)) {
		s->placed[f] = 2;
		s->spage[ns++] = f;
		sh += p->fn_height[f];
		i = columns(s, &sc, s->i, avail - sh, ns > 0, n_order, pg, &widows, &orphans);
		if (sc.more || spans_called(s, &sc, pg, ns))
			continue;
		s->placed[f] = 0;
		ns--;
		sh -= p->fn_height[f];
		i = columns(s, &sc, s->i, avail - sh, ns > 0, n_order, pg, &widows, &orphans);
		break;
	}
	if (sc.more) {
		s->work += sc.work;
		s->n_order = n_order;   /* built again with more items */
		for (k = 0; k < ns; k++)
			if (s->placed[s->spage[k]] == 2)
				s->placed[s->spage[k]] = 0;
		return 0;
	}
	span_calls(s, &sc, pg, 0, 1);
	if (i >= n && sc.ph == sc.pt)
		uncalled(s, &sc, pg, i, avail - sh);
	/* the page's spanning inserts, after its columns' notes in the order */
	pg->span_first = s->n_order;
	pg->span_count = ns;
	pg->span_height = sh;
	for (k = 0; k < ns; k++)
		order_add(s, s->spage[k]);
	s->sh = q;
	s->work += sc.work;
	/* commit the try: the notes set or carried are taken */
	for (k = n_order; k < s->n_order; k++)
		s->placed[s->order[k]] = 1;
	for (k = s->pt; k < sc.pt; k++)
		s->placed[s->pend[k]] = 1;
	s->ph = sc.ph;
	s->pt = sc.pt;
	if (i >= n && s->ph == s->pt && s->sh == s->st)
		s->done = 1;
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
	g_free(s->mark);
	g_free(s->pend);
	g_free(s->fnbuf);
	g_free(s->spend);
	g_free(s->spage);
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
	out->work = s.work;
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
