/* test_makeup.c — the page make-up (src/layout/makeup.c) on articles
 * measured in grid lines: legs and their breaks, modular pages (geometry
 * sound, pages tiled to the foot, the front page, jumps paired, section
 * order), run-on pages (fewer pages, run on, sections and article breaks),
 * and the same on a thousand random editions. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "layout/makeup.h"

static struct mk_params
newspaper(void)
{
	struct mk_params p;

	memset(&p, 0, sizeof p);
	p.cols = 4;
	p.lines = 96;
	p.alley = 1;
	p.jump_line = 1;
	p.min_before = 12;
	p.min_after = 8;
	p.max_pad = 2;
	p.window = 10;
	p.front = 1;
	p.front_band = 10;
	p.front_foot = 4;
	p.front_min = 3;
	p.front_max = 6;
	p.flag_band = 3;
	return p;
}

static void
article(struct mk_article *a, int section, int prio, int body, int cols)
{
	memset(a, 0, sizeof *a);
	a->section = section;
	a->priority = prio;
	a->body = body;
	for (int k = 1; k <= cols; k++) {
		a->head[k] = k >= 3 ? 5 : k == 2 ? 6 : 7;
		a->jhead[k] = 2;
	}
}

/* lines × columns of the page's module area */
static int
area(const struct mk_params *p, const struct mk_page *pg)
{
	return (p->lines - pg->band - pg->foot) * p->cols;
}

/* every column of the page reaches the foot within `tol` lines */
static int
tiled(const struct mk_params *p, const struct mk_result *r, int pi, int tol)
{
	const struct mk_page *pg = &r->pages[pi];

	for (int c = 0; c < p->cols; c++) {
		int bottom = pg->band;

		for (int j = pg->first; j < pg->first + pg->n; j++) {
			const struct mk_module *m = &r->mod[j];

			if (c >= m->col0 && c < m->col0 + m->k && m->line0 + m->h > bottom)
				bottom = m->line0 + m->h;
		}
		if (p->lines - pg->foot - bottom > tol)
			return 0;
	}
	return 1;
}

static void
test_legs(void)
{
	struct mk_article a;
	unsigned char nb[21];
	int legs[MK_MAX_COLS], t, h;

	article(&a, 0, 0, 20, 4);
	h = mk_balance(&a, 0, 20, 3, legs);
	INT_EQ(h, 7, "20 lines in 3 legs: 7 high");
	INT_EQ(legs[0] + legs[1] + legs[2], 20, "all lines set");
	INT_EQ(legs[2], 6, "the last leg the short one");
	memset(nb, 0, sizeof nb);
	nb[7] = 1;                      /* no leg may end after line 7 (an orphan) */
	a.nobreak = nb;
	h = mk_balance(&a, 0, 20, 3, legs);
	OK(legs[0] != 7, "a leg does not end where nobreak forbids (%d)", legs[0]);
	INT_EQ(legs[0] + legs[1] + legs[2], 20, "all lines set with a forbidden break");
	OK(h >= 7, "balanced height %d", h);
	t = mk_legs(&a, 0, 20, 2, 5, legs);
	INT_EQ(t, 10, "two legs of 5 take 10 lines");
	t = mk_legs(&a, 5, 15, 1, 3, legs);
	OK(t == 3 || t == 1, "a leg from line 5 stops before line 7 ends it (%d)", t);
	OK(t != 2, "never after line 7");
	/* a picture: lines 4..9 (no leg ends after lines 5..9), kept with line 10 */
	memset(nb, 0, sizeof nb);
	for (int i = 5; i <= 9; i++)
		nb[i] = MK_HARD;
	nb[10] = 1;
	a.nobreak = nb;
	t = mk_legs(&a, 0, 20, 2, 7, legs);
	INT_EQ(legs[0], 4, "a leg ends before a picture that does not fit in it");
	INT_EQ(legs[1], 7, "the picture and a line after it in the next leg");
	t = mk_legs(&a, 4, 16, 1, 3, legs);
	INT_EQ(t, 0, "a picture taller than the leg is not cut: the leg stays empty");
	t = mk_legs(&a, 0, 8, 1, 20, legs);
	INT_EQ(t, 4, "a range ending inside a picture ends before it");
	h = mk_balance(&a, 0, 20, 4, legs);
	OK(h >= 6, "balanced legs are at least as high as the picture (%d)", h);
	for (int j = 0, pos = 0; j < 4; j++) {
		pos += legs[j];
		OK(pos < 5 || pos > 9, "no leg ends inside the picture (%d)", pos);
	}
}

static void
test_modular(void)
{
	struct mk_params p = newspaper();
	struct mk_article a[12];
	struct mk_result r;
	int bodies[12] = { 420, 60, 150, 35, 90, 200, 25, 70, 120, 300, 45, 80 };
	int jumps = 0, front_mods = 0;

	for (int i = 0; i < 12; i++)
		article(&a[i], i < 7 ? 0 : 1, i == 4 ? 1000 : bodies[i], bodies[i], p.cols);
	a[4].photo[4] = 20;
	a[4].photo[3] = 24;
	a[4].photo[2] = 16;
	INT_EQ(mk_modular(a, 12, &p, &r), 0, "modular make-up");
	const char *bad = mk_check(a, 12, &p, &r);
	OK(bad == NULL, "geometry sound: %s", bad ? bad : "yes");
	OK(r.n_pages >= 3, "%d pages", r.n_pages);
	OK(r.pages[0].front, "page 1 is the front page");
	/* the lead: the priority-1000 article across the top under the nameplate */
	OK(r.mod[r.pages[0].first].art == 4, "the lead is the most important article");
	INT_EQ(r.mod[r.pages[0].first].line0, p.front_band, "the lead right under the nameplate");
	INT_EQ(r.mod[r.pages[0].first].k, p.cols, "the lead spans every column");
	INT_EQ(r.mod[r.pages[0].first].photo, 20, "with its photo across them");
	front_mods = r.pages[0].n - 1;
	OK(front_mods >= 3 && front_mods <= 6, "3 to 6 more modules on the front (%d)", front_mods);
	for (int pi = 0; pi < r.n_pages; pi++) {
		const struct mk_page *pg = &r.pages[pi];

		if (!pg->last) {
			OK(pg->filled * 10 >= area(&p, pg) * 9, "page %d at least 90%% full (%d of %d)",
			    pi + 1, pg->filled, area(&p, pg));
			OK(tiled(&p, &r, pi, 1), "page %d tiled to the foot", pi + 1);
		}
		if (pi > 0 && pg->section != r.pages[pi - 1].section)
			OK(pg->flag && pg->band == p.flag_band, "page %d starts section %d with a flag",
			    pi + 1, pg->section);
		if (pi > 0)
			OK(pg->section >= r.pages[pi - 1].section || r.pages[pi - 1].front,
			    "sections in order at page %d", pi + 1);
		for (int j = pg->first; j < pg->first + pg->n; j++) {
			const struct mk_module *m = &r.mod[j];

			if (pi > 0)
				OK(a[m->art].section == pg->section, "page %d holds its section's articles",
				    pi + 1);
			if (m->jump_to >= 0) {
				jumps++;
				OK(m->jump_to > pi, "a jump goes to a later page");
				OK(m->jump_to_line == 1, "with its 'continued on' line");
				OK(m->to - m->from >= p.min_before, "runs %d lines before jumping",
				    m->to - m->from);
			}
			if (m->cont) {
				OK(m->jump_from >= 0 && m->jump_from < pi, "a continuation says where from");
				OK(m->jump_from_line == 1 && m->head == 2, "with a jump head and its line");
				OK(a[m->art].body - m->from >= p.min_after || m->jump_from_line,
				    "jumps at least %d lines", p.min_after);
			}
		}
	}
	OK(jumps >= 1, "the 420-line article jumps (%d jumps)", jumps);
	mk_result_free(&r);

	/* a short edition: one page, no jump */
	article(&a[0], 0, 10, 40, 4);
	article(&a[1], 0, 5, 30, 4);
	p.front = 0;
	INT_EQ(mk_modular(a, 2, &p, &r), 0, "two short articles");
	INT_EQ(r.n_pages, 1, "one page");
	INT_EQ(r.n_mod, 2, "two modules, no jump");
	OK(mk_check(a, 2, &p, &r) == NULL, "sound");
	mk_result_free(&r);

	p.cols = 0;
	INT_EQ(mk_modular(a, 2, &p, &r), -1, "bad parameters refused");
}

/* A lead story that nearly fills the front page by itself (a tall photo,
 * a long text) still leaves room for front_min more: it jumps. */
static void
test_front_lead(void)
{
	struct mk_params p = newspaper();
	struct mk_article a[8];
	struct mk_result r;
	int others = 0;

	for (int i = 0; i < 8; i++)
		article(&a[i], 0, i == 0 ? 100 : 10 - i, i == 0 ? 4 * 39 : 30 + 7 * i, p.cols);
	for (int k = 1; k <= p.cols; k++)
		a[0].photo[k] = 12 + 6 * k;     /* 36 lines across the page */
	INT_EQ(mk_modular(a, 8, &p, &r), 0, "front page with a lead nearly as tall as the page");
	OK(mk_check(a, 8, &p, &r) == NULL, "sound: %s", mk_check(a, 8, &p, &r) ?: "");
	for (int j = r.pages[0].first + 1; j < r.pages[0].first + r.pages[0].n; j++)
		others++;
	OK(r.mod[0].art == 0 && r.mod[0].k == p.cols && r.mod[0].photo == 36,
	   "the lead across the front page with its photo");
	OK(others >= p.front_min, "%d more modules on the front page (at least %d)", others, p.front_min);
	mk_result_free(&r);
}

static void
test_flow(void)
{
	struct mk_params p;
	struct mk_article a[30];
	struct mk_result r;
	int bodies[6] = { 6, 140, 22, 3, 70, 115 };

	memset(&p, 0, sizeof p);
	p.cols = 2;
	p.lines = 60;
	p.alley = 2;
	p.keep = 3;
	p.max_pad = 0;
	for (int i = 0; i < 30; i++) {
		article(&a[i], i < 20 ? 0 : 1, 0, bodies[i % 6], 2);
		a[i].head[2] = 4;
	}
	INT_EQ(mk_flow(a, 30, &p, &r), 0, "flow make-up");
	OK(mk_check(a, 30, &p, &r) == NULL, "flow geometry sound: %s", mk_check(a, 30, &p, &r) ?: "");
	OK(r.n_pages <= 20, "run on: %d pages for 30 articles (at most 20; 35 one article a page)", r.n_pages);
	for (int pi = 0; pi < r.n_pages; pi++) {
		const struct mk_page *pg = &r.pages[pi];

		if (!pg->last)
			OK(pg->filled >= (p.lines - 8) * p.cols, "page %d full (%d)", pi + 1, pg->filled);
		if (pi > 0 && pg->section != r.pages[pi - 1].section)
			OK(r.pages[pi - 1].last, "a section's last page is marked");
	}
	/* the article after a 6-line one starts on the same page */
	OK(r.mod[1].page == 0, "the second article runs on after the first");
	for (int j = 0; j < r.n_mod; j++)
		if (a[r.mod[j].art].section == 1 && !r.mod[j].cont && (j == 0 || a[r.mod[j - 1].art].section == 0))
			OK(r.mod[j].line0 == 0 && (j == 0 || r.mod[j].page > r.mod[j - 1].page),
			    "section 2 on a new page");
	mk_result_free(&r);
	p.article_break = 1;
	p.min_lines = 12;
	INT_EQ(mk_flow(a, 30, &p, &r), 0, "article-break = page");
	OK(mk_check(a, 30, &p, &r) == NULL, "sound");
	for (int pi = 0; pi < r.n_pages; pi++) {
		int lines = 0, body = 0;

		for (int j = r.pages[pi].first; j < r.pages[pi].first + r.pages[pi].n; j++) {
			lines += r.mod[j].to - r.mod[j].from;
			body = a[r.mod[j].art].body;
		}
		OK(lines >= 12 || lines == body, "page %d holds at least the minimum, 12 lines (%d)", pi + 1, lines);
	}
	OK(r.n_pages >= 30, "every article on a new page (%d pages)", r.n_pages);
	for (int j = 1; j < r.n_mod; j++)
		if (!r.mod[j].cont)
			OK(r.mod[j].page > r.mod[j - 1].page, "article %d on a new page", r.mod[j].art + 1);
	mk_result_free(&r);
}

/* A section's last articles, short ones that stacked across the page would
 * not all fit, go on one page side by side (its columns may end short), not
 * on a page of wide modules and a last page of three (as they did). */
static void
test_last_page(void)
{
	struct mk_params p = newspaper();
	struct mk_article a[9];
	struct mk_result r;
	int bodies[9] = { 44, 30, 12, 20, 9, 16, 8, 10, 14 }, narrow = 0;

	p.front = 0;
	for (int i = 0; i < 9; i++) {
		article(&a[i], 0, 0, bodies[i], p.cols);
		a[i].head[4] = 8;       /* long headlines: three lines across the page */
		a[i].head[3] = 9;
		a[i].head[2] = 11;
		a[i].head[1] = 14;
	}
	INT_EQ(mk_modular(a, 9, &p, &r), 0, "a section of nine short articles");
	OK(mk_check(a, 9, &p, &r) == NULL, "sound: %s", mk_check(a, 9, &p, &r) ?: "");
	INT_EQ(r.n_pages, 1, "one page (nine modules across it take 123 lines of 93)");
	INT_EQ(r.n_mod, 9, "all nine on it, none jumping");
	OK(r.pages[0].last, "the section's last page");
	for (int j = 0; j < r.n_mod; j++)
		narrow += r.mod[j].k < p.cols;
	OK(narrow >= 4, "short articles set narrow, side by side (%d)", narrow);
	mk_result_free(&r);
}

/* Pairs of modules next to each other on page pi (not the front) whose
 * head blocks overlap in height: headlines side by side. */
static int
tombstones(const struct mk_result *r, int pi)
{
	const struct mk_page *pg = &r->pages[pi];
	int n = 0;

	for (int i = pg->first; i < pg->first + pg->n && !pg->front; i++)
		for (int j = pg->first; j < pg->first + pg->n; j++) {
			const struct mk_module *x = &r->mod[i], *y = &r->mod[j];

			if (x->col0 + x->k == y->col0 && x->line0 < y->line0 + y->head + y->jump_from_line &&
			    y->line0 < x->line0 + x->head + x->jump_from_line)
				n++;
		}
	return n;
}

static void
test_random(void)
{
	struct mk_params p = newspaper();
	struct mk_article a[40];
	unsigned char nb[40][700];
	unsigned seed = 12345;
	int fails = 0, underfull = 0, pages = 0, tombs = 0;

	for (int t = 0; t < 300; t++) {
		int n = 5 + t % 30, sect = 0;
		struct mk_result r;
		const char *bad;

		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			int body = 10 + (int)((seed >> 8) % 600);

			if (i > 0 && (seed >> 20) % 9 == 0)
				sect++;
			article(&a[i], sect, (int)((seed >> 4) % 50), body, p.cols);
			if ((seed >> 16) % 4 == 0)
				a[i].photo[4] = a[i].photo[3] = a[i].photo[2] = 14;
			for (int l = 0; l < 700; l++)
				nb[i][l] = (unsigned char)(((seed >> (l % 24)) & 7) == 0);
			/* a picture of 5 to 20 lines now and then */
			for (int l = 30 + (int)(seed % 97); l + 22 < body; l += 150) {
				int ph = 5 + (int)((seed >> 3) % 16);

				for (int q = l + 1; q < l + ph; q++)
					nb[i][q] = MK_HARD;
			}
			a[i].nobreak = nb[i];
		}
		p.front = t % 2;
		p.cols = t % 3 == 0 ? 5 : 4;
		for (int i = 0; i < n; i++)
			for (int k = 1; k <= p.cols; k++) {
				a[i].head[k] = 4 + (k < 3);
				a[i].jhead[k] = 2;
			}
		if (mk_modular(a, n, &p, &r) < 0) {
			fails++;
			continue;
		}
		bad = mk_check(a, n, &p, &r);
		if (bad) {
			fails++;
			OK(0, "random edition %d: %s", t, bad);
		}
		for (int pi = 0; pi < r.n_pages; pi++) {
			pages++;
			if (!r.pages[pi].last && r.pages[pi].filled * 10 < area(&p, &r.pages[pi]) * 9)
				underfull++;
			tombs += tombstones(&r, pi);
		}
		mk_result_free(&r);
		p.front = 0;
		if (mk_flow(a, n, &p, &r) < 0 || mk_check(a, n, &p, &r) != NULL)
			fails++;
		mk_result_free(&r);
	}
	INT_EQ(fails, 0, "300 random editions made up soundly, modular and flow");
	OK(underfull * 50 <= pages, "at most 2%% of pages not last in their section under 90%% full (%d of %d)",
	    underfull, pages);
	/* unscored, headlines side by side were on 1 page in 40 */
	OK(tombs * 80 <= pages, "headlines side by side on at most 1 page in 80 (%d pairs, %d pages)", tombs, pages);
}

/* The flow make-up one article at a time: every page it calls final is
 * already what the whole make-up gives (its modules and its `last`), the
 * pages and modules at the end are mk_flow's, and a bad article fails. */
static void
test_flow_incremental(void)
{
	struct mk_params p;
	struct mk_article a[40];
	unsigned seed = 4242;
	int wrong = 0, early = 0, finals = 0;
	struct mk_flow F_bad;
	struct mk_result r_bad;

	memset(&p, 0, sizeof p);
	p.cols = 3;
	p.lines = 50;
	p.alley = 2;
	p.keep = 3;
	for (int t = 0; t < 200; t++) {
		int n = 1 + t % 40, sect = 0, got, prev = 0;
		struct mk_result whole, r;
		struct mk_flow F;

		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			if (i > 0 && (seed >> 20) % 5 == 0)
				sect++;
			article(&a[i], sect, 0, (int)((seed >> 8) % 160), p.cols);
			a[i].photo[3] = (seed >> 16) % 4 == 0 ? 9 : 0;
		}
		p.article_break = t % 3 == 0;
		p.min_lines = p.article_break ? 6 : 0;
		if (mk_flow(a, n, &p, &whole) < 0) {
			wrong++;
			continue;
		}
		mk_flow_begin(&F, &p, &r);
		for (int i = 0; i < n; i++) {
			got = mk_flow_add(&F, &a[i]);
			if (got < prev || got > whole.n_pages)
				wrong++;
			/* the pages called final, as they end up */
			for (int pi = prev; pi < got && pi < whole.n_pages; pi++, finals++) {
				const struct mk_page *x = &r.pages[pi], *y = &whole.pages[pi];

				if (memcmp(x, y, sizeof *x) != 0 ||
				    memcmp(&r.mod[x->first], &whole.mod[y->first], (size_t)x->n * sizeof r.mod[0]) != 0)
					early++;
			}
			prev = got < 0 ? prev : got;
		}
		got = mk_flow_end(&F);
		if (got != whole.n_pages || r.n_mod != whole.n_mod ||
		    memcmp(r.pages, whole.pages, (size_t)got * sizeof r.pages[0]) != 0 ||
		    memcmp(r.mod, whole.mod, (size_t)r.n_mod * sizeof r.mod[0]) != 0)
			wrong++;
		mk_result_free(&r);
		mk_result_free(&whole);
	}
	INT_EQ(wrong, 0, "200 flow editions made up one article at a time as mk_flow makes them");
	OK(early == 0, "no page called final changes afterwards (%d of %d pages called final)", early, finals);
	OK(finals > 1000, "pages called final before the end: %d", finals);
	/* a bad article (sections out of order) fails, and so does the rest */
	mk_flow_begin(&F_bad, &p, &r_bad);
	article(&a[0], 1, 0, 10, p.cols);
	article(&a[1], 0, 0, 10, p.cols);
	OK(mk_flow_add(&F_bad, &a[0]) == 0, "a first article: no page final yet");
	INT_EQ(mk_flow_add(&F_bad, &a[1]), -1, "an article of an earlier section refused");
	INT_EQ(mk_flow_end(&F_bad), -1, "and the make-up failed");
	OK(r_bad.pages == NULL && r_bad.mod == NULL, "its result freed");
}

int
main(void)
{
	test_legs();
	test_modular();
	test_front_lead();
	test_flow();
	test_flow_incremental();
	test_last_page();
	test_random();
	return harness_done();
}
