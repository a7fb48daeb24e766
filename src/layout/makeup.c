/* makeup.c — page make-up on a baseline grid (makeup.h): an article's
 * body in legs, the result's pages and modules, run-on (flow) pages, and
 * the check of a result's geometry.  The newspaper make-up is modular.c.
 *
 * Flow pages.  Each article is a module across every column after the one
 * before (an alley between them), its body balanced in the columns; at the
 * page's foot it runs on to the next page, its head keeping `keep` lines
 * with it; a section starts a new page (and, with article_break, every
 * article); with article_break an article's last page holds at least
 * min_lines of it, the page before giving them up. */
#include <stdlib.h>
#include <string.h>

#include "layout/makeup_int.h"

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

int
mk_max_leg(const int *legs, int k)
{
	int m = 0;

	for (int j = 0; j < k; j++)
		if (legs[j] > m)
			m = legs[j];
	return m;
}

/* ------------------------------------------------------------ result */

struct mk_module *
mk_add_module(struct mk_vec *v)
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

struct mk_page *
mk_add_page(struct mk_vec *v, int section)
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

int
mk_article_ok(const struct mk_article *a, int prev_section, const struct mk_params *p)
{
	if (a->body < 0 || a->section < prev_section)
		return 0;
	for (int k = 1; k <= p->cols; k++)
		if (a->head[k] < 0 || a->jhead[k] < 0 || a->photo[k] < 0)
			return 0;
	return 1;
}

int
mk_params_ok(const struct mk_article *a, int n, const struct mk_params *p)
{
	if (p->cols < 1 || p->cols > MK_MAX_COLS || p->lines < 4 || n < 0 || p->alley < 0 ||
	    p->jump_line < 0 || p->max_pad < 0 || p->front_band < 0 || p->front_foot < 0 ||
	    p->flag_band < 0 || p->front_band + p->front_foot + 4 > p->lines ||
	    p->flag_band + 4 > p->lines)
		return 0;
	for (int i = 0; i < n; i++)
		if (!mk_article_ok(&a[i], i > 0 ? a[i - 1].section : a[i].section, p))
			return 0;
	return 1;
}

/* ------------------------------------------------------------ flow */

/* A new page of section s: a section's first under its flag (flag), or a
 * page it runs on to.  -1 when out of memory. */
static int
flow_page(struct mk_flow *F, int s, int flag)
{
	F->pg = mk_add_page(&F->v, s);
	if (F->pg == NULL)
		return -1;
	F->pg->flag = flag;
	F->band = F->pg->band = flag ? F->p->flag_band : 0;
	F->u = F->band;
	return 0;
}

/* The lines of article a from `from` set in `avail` lines (legs set): all
 * of them balanced when they fit; else as many as fit, but with every
 * article on a new page, its last page holds at least min_lines of it (the
 * page before gives them up). */
static int
flow_take(const struct mk_flow *F, const struct mk_article *a, int from, int avail, int need, int *legs)
{
	const struct mk_params *p = F->p;
	int N = p->cols, rem = a->body - from, t = rem;

	if (mk_balance(a, from, rem, N, legs) <= avail)
		return t;
	t = mk_legs(a, from, rem, N, avail, legs);
	if (p->article_break && p->min_lines > 0 && rem - t < p->min_lines && rem - p->min_lines >= need &&
	    rem - p->min_lines > 0) {
		t = mk_legs(a, from, rem - p->min_lines, N, avail, legs);
		if (t == 0)
			t = mk_legs(a, from, rem, N, avail, legs);
	}
	return t;
}

/* Article a (number i)'s lines [from, from + t) in legs as a module at
 * line u + gap (its head and photo unless a continuation). */
static int
flow_module(struct mk_flow *F, const struct mk_article *a, int i, int from, int t, int cont, int gap,
            const int *legs)
{
	int N = F->p->cols, L = F->p->lines;
	struct mk_module *m = mk_add_module(&F->v);

	if (m == NULL)
		return -1;
	m->page = F->v.r->n_pages - 1;
	m->art = i;
	m->col0 = 0;
	m->k = N;
	m->line0 = F->u + gap;
	m->head = cont ? 0 : a->head[N];
	m->photo = cont ? 0 : a->photo[N];
	m->from = from;
	m->to = from + t;
	m->cont = cont;
	memcpy(m->legs, legs, sizeof m->legs);
	m->leg_h = mk_max_leg(legs, N);
	m->h = m->head + m->photo + m->leg_h;
	if (m->line0 + m->h > L)
		m->h = L - m->line0;
	F->pg->n++;
	F->pg->filled += m->h * N;
	F->u = m->line0 + m->h;
	return 0;
}

/* Article a (number i) from the page being filled on, running on to new
 * pages. */
static int
flow_article(struct mk_flow *F, const struct mk_article *a, int i)
{
	int N = F->p->cols, from = 0, cont = 0;

	for (;;) {
		int gap = F->u > F->band ? F->p->alley : 0;
		int hd = cont ? 0 : a->head[N] + a->photo[N];
		int avail = F->p->lines - F->u - gap - hd, rem = a->body - from;
		int need = rem < F->keep ? rem : F->keep;
		int legs[MK_MAX_COLS] = { 0 }, t;    /* (the legs past cols stay 0) */

		if (F->u > F->band && (avail < 1 || (need > 0 && mk_legs(a, from, rem, N, avail, legs) < need) ||
		    (rem == 0 && avail < 0))) {
			if (flow_page(F, a->section, 0) < 0)
				return -1;
			continue;
		}
		if (avail < 0)
			avail = 0;      /* a head taller than a page: drawn as far as it goes */
		t = flow_take(F, a, from, avail, need, legs);
		if (t == 0 && avail == 0 && rem > 0 && hd == 0)
			return -1;      /* cannot happen: a page holds a line */
		if (flow_module(F, a, i, from, t, cont, gap, legs) < 0)
			return -1;
		from += t;
		if (from >= a->body)
			return 0;
		cont = 1;
		if (flow_page(F, a->section, 0) < 0)
			return -1;
	}
}

int
mk_flow_begin(struct mk_flow *F, const struct mk_params *p, struct mk_result *r)
{
	memset(F, 0, sizeof *F);
	memset(r, 0, sizeof *r);
	F->v.r = r;
	F->p = p;
	F->keep = p->keep > 0 ? p->keep : 2;
	F->failed = !mk_params_ok(NULL, 0, p);
	return F->failed ? -1 : 0;
}

int
mk_flow_add(struct mk_flow *F, const struct mk_article *a)
{
	const struct mk_params *p = F->p;
	int i = F->n, new_sect = i > 0 && a->section != F->section;

	if (F->failed || !mk_article_ok(a, i > 0 ? F->section : a->section, p))
		goto fail;
	if (F->pg == NULL || new_sect || (p->article_break && F->u > F->band)) {
		if (F->pg)
			F->pg->last = new_sect;
		if (flow_page(F, a->section, F->pg == NULL || new_sect) < 0)
			goto fail;
	}
	if (flow_article(F, a, i) < 0)
		goto fail;
	F->n++;
	F->section = a->section;
	/* the page being filled may take the next article, and its `last`
	 * is set when the next starts a new section */
	return F->v.r->n_pages - 1;
fail:
	F->failed = 1;
	mk_result_free(F->v.r);
	F->pg = NULL;
	return -1;
}

int
mk_flow_end(struct mk_flow *F)
{
	if (F->failed)
		return -1;
	if (F->pg)
		F->pg->last = 1;
	F->pg = NULL;
	return F->v.r->n_pages;
}

int
mk_flow(const struct mk_article *a, int n, const struct mk_params *p, struct mk_result *r)
{
	struct mk_flow F;

	if (mk_flow_begin(&F, p, r) < 0 || !mk_params_ok(a, n, p))
		return -1;
	for (int i = 0; i < n; i++)
		if (mk_flow_add(&F, &a[i]) < 0)
			return -1;
	return mk_flow_end(&F) < 0 ? -1 : 0;
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

