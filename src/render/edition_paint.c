/* edition_paint.c — an edition's made-up pages painted on the outputter
 * (out.h): each module (its head, lead photo, legs on the grid with their
 * pictures, jump lines linked both ways), cutoff rules, the front page's
 * nameplate and index strip, section flags and folios.  Where things go
 * comes from the make-up (edition_pages.c, layout/makeup.h). */
#include <string.h>

#include "lang/lang.h"
#include "render/edition.h"
#include "util/date.h"

/* ------------------------------------------------------------ labels */

/* A fixed word of the pages in lang, from the shared table (warta_label),
 * its %s (a page number, the edition's number) filled with arg. */
static char *
label(const char *lang, enum warta_label_key k, const char *arg)
{
	const char *fmt = warta_label(lang, k), *at = strstr(fmt, "%s");

	if (at == NULL || arg == NULL)
		return g_strdup(fmt);
	return g_strdup_printf("%.*s%s%s", (int)(at - fmt), fmt, arg, at + 2);
}

/* ------------------------------------------------------------ furniture */

static struct pa_para *
furniture(struct ed *E, const char *text, const char *lang, int rtl, struct pa_fmt *f, double w,
          enum warta_text_align align)
{
	struct pa_para *P = pa_new(lang ? lang : "en", rtl, NULL);
	struct pa_setup su;

	g_ptr_array_add(E->paras, P);
	pa_add(P, text, -1, f, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = E->R->ctx;
	su.style = E->R->style;
	su.align = align;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(P, &su);
	return P;
}

/* Draws P's lines from baseline y, each aligned in [x, x + w). */
static void
furniture_draw(struct rn_out *o, const struct pa_para *P, double x, double y, double lead)
{
	for (int i = 0; i < P->n_lines; i++)
		o->ops->text_line(o, P, i, x, y + i * lead);
}

/* The edition's language (render.c: the caller's, else the articles' most
 * common) and direction. */
static const char *
ed_lang(const struct ed *E)
{
	return E->R->ed_lang;
}

static int
ed_rtl(const struct ed *E)
{
	return E->R->ed_rtl;
}

/* The alignment that sets a line of furniture flush at its start edge in
 * the edition's direction, so that its width measures it (a paragraph's
 * LEFT is its start: flush right when it runs right to left). */
static enum warta_text_align
flush_left(const struct ed *E)
{
	return ed_rtl(E) ? WARTA_TA_RIGHT : WARTA_TA_LEFT;
}

/* The edition's date: --edition-date, else its newest article's. */
static const char *
ed_date(const struct ed *E)
{
	const char *best = E->R->opts->edition_date;

	for (size_t i = 0; !E->R->opts->edition_date && i < E->R->n_docs; i++) {
		const char *d = E->R->docs[i]->meta.date;

		if (d && (best == NULL || strcmp(d, best) > 0))
			best = d;
	}
	return best;
}

/* ------------------------------------------------------------ painting */

static void
paint_slot(struct ed *E, struct rn_out *o, const struct ed_art *X, const struct slot *s, double x,
           double y)
{
	if (s->l) {
		rn_paint_rline(E->R, o, X->A, s->l, x, y);
	} else if (s->P) {
		if (s->note) {
			char *dest = g_strdup_printf("name='%sfn-%d'", X->A->prefix, s->note);

			o->ops->structure(o, X->A, NULL, 0);
			o->ops->elem_begin(o, RN_ELEM_DEST, dest);
			o->ops->text_line(o, s->P, s->li, x, y);
			o->ops->elem_end(o, RN_ELEM_DEST);
			g_free(dest);
		} else {
			o->ops->text_line(o, s->P, s->li, x, y);
		}
	}
}

static void
paint_list(struct ed *E, struct rn_out *o, const struct art *A, const GArray *v, double x, double top)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	double y = top;
	int first = 1;

	for (guint i = 0; i < v->len; i++) {
		if (it[i].kind == PB_LINE) {
			y += first ? it[i].top : it[i].height;
			first = 0;
			rn_paint_rline(E->R, o, A, it[i].data, x, y);
		} else if (it[i].kind == PB_GLUE && !first) {
			y += it[i].height;
		}
	}
}

/* A jump line: "Continued on page N" (on = 1, flush right, linked to the
 * continuation) or "Continued from page M" (flush left, linked back); each
 * is the other's link target. */
static void
paint_jump(struct ed *E, struct rn_out *o, const struct ed_art *X, int part, int on, int page,
           double x, double w, double y)
{
	const struct warta_meta *m = &X->A->doc->meta;
	struct pa_fmt f = rn_fmt(E->R, WARTA_EL_BYLINE);
	char num[16];
	char *text;
	char *here = g_strdup_printf("%sjump-%d-%s", X->A->prefix, part, on ? "on" : "from");
	char *there = g_strdup_printf("#%sjump-%d-%s", X->A->prefix, on ? part + 1 : part - 1,
	    on ? "from" : "on");
	char *dest = g_strdup_printf("name='%s'", here);
	struct pa_para *P = pa_new(m->lang, m->rtl, NULL);
	struct pa_setup su;

	g_snprintf(num, sizeof num, "%d", page);
	text = label(m->lang, on ? WARTA_LABEL_CONTINUED_ON : WARTA_LABEL_CONTINUED_FROM, num);
	g_ptr_array_add(E->paras, P);
	f.italic = 1;
	f.link = pa_link(P, there);
	pa_add(P, text, -1, &f, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = E->R->ctx;
	su.style = E->R->style;
	su.align = on != m->rtl ? WARTA_TA_RIGHT : WARTA_TA_LEFT;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(P, &su);
	o->ops->mark(o, RN_MARK_JUMP, 0, x, y);
	o->ops->structure(o, X->A, NULL, 0);
	o->ops->elem_begin(o, RN_ELEM_DEST, dest);
	if (P->n_lines)
		o->ops->text_line(o, P, 0, x, y);
	o->ops->elem_end(o, RN_ELEM_DEST);
	g_free(text);
	g_free(here);
	g_free(there);
	g_free(dest);
}

static void
paint_module(struct ed *E, struct rn_out *o, const struct mk_module *m, int part, int page_no)
{
	const struct rn *R = E->R;
	struct ed_art *X = &E->a[m->art];
	int rtl = X->A->doc->meta.rtl, g, pos;
	double left = page_left(R, page_no), x = mod_left(E, left, m->col0, m->k);
	double w = m->k * R->colw + (m->k - 1) * R->style->gutter;
	int p0 = ed_rtl(E) ? E->p.cols - m->col0 - m->k : m->col0;
	const struct head *h = m->cont ? &X->jhead[m->k] : &X->head[m->k];

	o->ops->module(o, m->art + 1, m->col0, m->k, m->line0, m->h, x, E->top + m->line0 * E->B, w,
	    m->h * E->B);
	g = m->line0;
	/* the head: its last baseline on a grid line */
	if (m->head > 0) {
		double ytop = E->top + g * E->B;

		o->ops->mark(o, RN_MARK_HEAD, 0, x, ytop);
		paint_list(E, o, X->A, h->v, x, ytop);
	}
	g += m->head;
	if (m->jump_from_line) {
		paint_jump(E, o, X, part, 0, m->jump_from + 1, x, w, grid_y(E, g));
		g += m->jump_from_line;
	}
	/* the lead photo across the module under its head */
	if (m->photo && X->photo_l[m->k]) {
		o->ops->mark(o, RN_MARK_FIGURE, 0, x, E->top + g * E->B);
		rn_paint_rline(R, o, X->A, X->photo_l[m->k], x, E->top + g * E->B + X->photo[m->k]->height);
	}
	g += m->photo + m->pad;
	pos = m->from;
	for (int j = 0; j < m->k; j++) {
		/* the legs in the article's direction, in the module where
		 * the edition's direction put it */
		int c = rtl ? p0 + m->k - 1 - j : p0 + j;
		double cx = col_left(E, left, c);

		o->ops->mark(o, RN_MARK_COLUMN, c + 1, cx, grid_y(E, g));
		for (int s = 0; s < m->legs[j]; s++, pos++) {
			const struct slot *sl = &X->slot[pos];
			double y = grid_y(E, g + s), q = (y - E->top - E->first_base) / E->B;

			if (sl->fig > 0) {
				/* a picture: its lines' top, a little air, then it */
				double top = E->top + (g + s) * E->B + FIG_AIR * E->B;

				o->ops->mark(o, RN_MARK_FIGURE, c + 1, cx, top);
				rn_paint_rline(R, o, X->A, sl->l, cx, top + sl->l->fig->height);
				o->ops->mark(o, RN_MARK_COLUMN, c + 1, cx, grid_y(E, g + s + sl->fig));
				continue;
			}
			if (sl->fig < 0)
				continue;
			if (fabs(q - floor(q + 0.5)) > 1e-6 && (sl->l || sl->P))
				E->off_grid++;
			paint_slot(E, o, X, sl, cx, y);
		}
	}
	if (m->jump_to_line)
		paint_jump(E, o, X, part, 1, m->jump_to + 1, x, w, grid_y(E, m->line0 + m->h - 1));
	o->ops->structure(o, NULL, NULL, 0);
}

/* The nameplate: the edition's title large, a rule, the date in the
 * edition's language at the left, the edition line at the right. */
int
ed_nameplate(struct ed *E, struct rn_out *o, int page_no)
{
	const struct rn *R = E->R;
	const struct warta_render_opts *op = R->opts;
	struct pa_fmt tf = rn_fmt(R, WARTA_EL_HEADLINE), lf = rn_fmt(R, WARTA_EL_BYLINE);
	const char *lang = ed_lang(E);
	double left = page_left(R, page_no), size = MIN(96, R->textw / 9);
	struct pa_para *T, *D = NULL, *N = NULL;
	char *ds = NULL;
	int lines;

	tf.size = size;
	tf.hyphenate = 0;
	tf.weight = 700;
	T = furniture(E, op->edition_title ? op->edition_title : "Edition", lang, ed_rtl(E), &tf,
	    R->textw, WARTA_TA_CENTER);
	/* the date at the start (LEFT: the left, or the right when the
	 * edition runs right to left), the edition line at the end */
	if (ed_date(E) && (ds = warta_date_format(ed_date(E), lang)) != NULL)
		D = furniture(E, ds, lang, ed_rtl(E), &lf, R->textw / 2, WARTA_TA_LEFT);
	if (op->edition_number && *op->edition_number) {
		char *t = label(lang, WARTA_LABEL_ISSUE, op->edition_number);

		N = furniture(E, t, lang, ed_rtl(E), &lf, R->textw / 2, WARTA_TA_RIGHT);
		g_free(t);
	}
	g_free(ds);
	/* the title's baseline at its size below the top, a rule, the date line, a rule */
	lines = grid_lines(E, size * 1.0 + 4 + E->B + 6) + 1;
	if (o) {
		double y = E->top + size * 0.8;

		o->ops->mark(o, RN_MARK_HEAD, 0, left, E->top);
		if (T->n_lines)
			furniture_draw(o, T, left, y, size);
		y += size * 0.25 + 4;
		o->ops->rule(o, RN_RULE_TEXT, left, y, R->textw, 1.2);
		if (D)
			furniture_draw(o, D, left + (ed_rtl(E) ? R->textw / 2 : 0), y + E->B, E->B);
		if (N)
			furniture_draw(o, N, left + (ed_rtl(E) ? 0 : R->textw / 2), y + E->B, E->B);
		o->ops->rule(o, RN_RULE_TEXT, left, grid_y(E, lines - 1) - E->B * 0.25, R->textw, 2);
	}
	return lines;
}

/* A section's flag: its name over a heavy rule, across the page. */
int
ed_flag(struct ed *E, struct rn_out *o, int page_no, const char *name)
{
	const struct rn *R = E->R;
	struct pa_fmt f = rn_fmt(R, WARTA_EL_RUNNING_HEAD);
	double left = page_left(R, page_no), size = 2.2 * E->B;
	int lines = 4;
	struct pa_para *P;

	if (!o)
		return lines;
	f.size = size;
	f.weight = 700;
	f.uppercase = 1;
	P = furniture(E, name && *name ? name : (R->opts->edition_title ? R->opts->edition_title : ""),
	    ed_lang(E), ed_rtl(E), &f, R->textw, WARTA_TA_LEFT);
	o->ops->mark(o, RN_MARK_HEAD, 0, left, E->top);
	if (P->n_lines)
		o->ops->text_line(o, P, 0, left, grid_y(E, 1));
	o->ops->rule(o, RN_RULE_TEXT, left, grid_y(E, 2), R->textw, 3);
	return lines;
}

/* One entry of the index strip: TEXT linked to URL, at most two lines of
 * a column (a teaser, not the whole headline when long), at X from grid
 * line Y0 + 2. */
static void
index_entry(struct ed *E, struct rn_out *o, const struct pa_fmt *tf, const char *lang, int rtl,
            const char *text, const char *url, double x, int y0)
{
	const struct rn *R = E->R;
	struct pa_fmt f = *tf;
	struct pa_para *P = pa_new(lang, rtl, NULL);
	struct pa_setup su;
	double w = R->colw;

	g_ptr_array_add(E->paras, P);
	f.link = pa_link(P, url);
	pa_add(P, text, -1, &f, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.style = R->style;
	su.align = WARTA_TA_LEFT;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(P, &su);
	for (int k = 0; k < P->n_lines && k < 2; k++)
		o->ops->text_line(o, P, k, x, grid_y(E, y0 + 2 + k));
}

/* The index strip's entries, one a column: the section fronts inside (a
 * named section whose first page is not the front), or (one section) the
 * stories that start inside, each with its page, linked; drawn on o from
 * grid line y0, or with o NULL counted.  Their number. */
static int
index_entries(struct ed *E, struct rn_out *o, double left, int y0)
{
	const struct rn *R = E->R;
	int n = 0;
	struct pa_fmt tf = rn_fmt(R, WARTA_EL_BYLINE);

	for (int s = 0; s < E->n_sect && E->n_sect > 1 && n < R->cols; s++) {
		const struct ed_art *X = NULL;

		for (int i = 0; i < E->n; i++)
			if (E->a[i].section == s) {
				X = &E->a[i];
				break;
			}
		/* (articles with no section have no front to point to) */
		if (X == NULL || E->sect_page[s] <= 1 || !X->section_name || !*X->section_name)
			continue;
		if (o) {
			char *t = g_strdup_printf("%s \xe2\x80\x94 %d", X->section_name, E->sect_page[s]);
			char *url = g_strdup_printf("#page-%d", E->sect_page[s]);

			index_entry(E, o, &tf, ed_lang(E), ed_rtl(E), t, url, col_left(E, left, ed_col(E, n)), y0);
			g_free(t);
			g_free(url);
		}
		n++;
	}
	for (int j = 0; j < E->r.n_mod && n < R->cols; j++) {
		const struct mk_module *m = &E->r.mod[j];
		const struct ed_art *X = &E->a[m->art];
		const struct warta_doc *doc = E->R->docs[m->art];     /* (X->A is laid out when drawn) */
		const struct warta_meta *mt = &doc->meta;

		if (m->page == 0 || m->cont || E->n_sect > 1)
			continue;
		if (o) {
			char *t = g_strdup_printf("%s \xe2\x80\x94 %d", mt->title ? mt->title : doc->name,
			    m->page + 1);
			char *url = g_strdup_printf("#%stop", X->prefix);

			index_entry(E, o, &tf, mt->lang, mt->rtl, t, url, col_left(E, left, ed_col(E, n)), y0);
			g_free(t);
			g_free(url);
		}
		n++;
	}
	return n;
}

int
ed_index_count(struct ed *E)
{
	return index_entries(E, NULL, 0, 0);
}

/* The front page's index strip: its label ("Inside") over its entries;
 * nothing where it has none (the whole edition on the front page). */
int
ed_index_strip(struct ed *E, struct rn_out *o, int page_no, int lines)
{
	const struct rn *R = E->R;
	double left = page_left(R, page_no);
	int y0 = E->L - lines;
	struct pa_fmt lf = rn_fmt(R, WARTA_EL_RUNNING_HEAD);

	if (!o)
		return 4;
	if (ed_index_count(E) == 0)
		return lines;
	lf.weight = 700;
	o->ops->rule(o, RN_RULE_TEXT, left, grid_y(E, y0) - E->B * 0.25 + 3, R->textw, 1.2);
	{
		char *t = label(ed_lang(E), WARTA_LABEL_INSIDE, NULL);
		struct pa_para *P = furniture(E, t, ed_lang(E), ed_rtl(E), &lf, R->textw, WARTA_TA_LEFT);

		g_free(t);
		o->ops->mark(o, RN_MARK_HEAD, 0, left, grid_y(E, y0));
		if (P->n_lines)
			o->ops->text_line(o, P, 0, left, grid_y(E, y0 + 1));
	}
	index_entries(E, o, left, y0);
	return lines;
}

/* Folio: edition and date left, page number right, above the type area. */
static void
folio(struct ed *E, struct rn_out *o, int page_no)
{
	const struct rn *R = E->R;
	double left = page_left(R, page_no), y = E->top - 2 * rn_leading(R, WARTA_EL_RUNNING_HEAD);
	struct pa_fmt rf = rn_fmt(R, WARTA_EL_RUNNING_HEAD), ff = rn_fmt(R, WARTA_EL_FOLIO);
	char num[16];
	char *ds = ed_date(E) ? warta_date_format(ed_date(E), ed_lang(E)) : NULL;
	char *t = g_strdup_printf("%s%s%s", R->opts->edition_title ? R->opts->edition_title : "",
	    ds ? " \xc2\xb7 " : "", ds ? ds : "");
	struct pa_para *H, *F;

	g_snprintf(num, sizeof num, "%d", page_no);
	H = furniture(E, t, ed_lang(E), ed_rtl(E), &rf, R->textw * 0.75, flush_left(E));
	if (R->style->digits)
		ff.lang = ed_lang(E);   /* the number in the edition's digits ([fonts] digits) */
	F = furniture(E, num, "en", 0, &ff, R->textw, WARTA_TA_LEFT);
	o->ops->structure(o, NULL, NULL, 0);
	o->ops->mark(o, RN_MARK_RUNNING_HEAD, 0, left, y);
	if (F->n_lines && H->n_lines) {
		double fw = F->lines[0].natural, hw = H->lines[0].natural;

		o->ops->text_line(o, F, 0, page_no % 2 ? left + R->textw - fw : left, y);
		o->ops->text_line(o, H, 0, page_no % 2 ? left + R->textw - fw - 12 - hw : left + fw + 12, y);
	}
	o->ops->rule(o, RN_RULE_RUNNING_HEAD, left, y + 5, R->textw, 0.4);
	g_free(ds);
	g_free(t);
}

/* Cutoff rules: in the alley above every module that has another above it
 * (a thin rule across the module, centred in the alley). */
static void
cutoffs(struct ed *E, struct rn_out *o, const struct mk_page *pg, int page_no)
{
	double left = page_left(E->R, page_no);

	for (int j = pg->first; j < pg->first + pg->n; j++) {
		const struct mk_module *m = &E->r.mod[j];
		double x = mod_left(E, left, m->col0, m->k);
		double w = m->k * E->R->colw + (m->k - 1) * E->R->style->gutter;

		if (m->line0 <= pg->band || E->p.alley == 0)
			continue;
		if (!E->modular && E->R->style->article_break != WARTA_BREAK_RULE)
			continue;
		o->ops->rule(o, RN_RULE_TEXT, x, E->top + (m->line0 - E->p.alley * 0.5) * E->B, w, 0.5);
	}
}

void
ed_paint_page(struct ed *E, struct rn_out *o, int pi)
{
	const struct mk_page *pg = &E->r.pages[pi];
	int page_no = E->first_no + pi;
	char *dest = g_strdup_printf("name='page-%d' x=0 y=0", page_no);

	if (!o->ops->page_begin(o, page_no)) {
		g_free(dest);
		return;
	}
	/* the page's grid: "module" 0, the type area */
	o->ops->module(o, 0, 0, E->p.cols, 0, E->L, page_left(E->R, page_no), E->top, E->R->textw,
	    E->L * E->B);
	/* its bands (-1): nameplate or section flag at the top, index strip at the foot */
	if (pg->front || pg->flag)
		o->ops->module(o, -1, 0, E->p.cols, 0, pg->band, page_left(E->R, page_no), E->top,
		    E->R->textw, pg->band * E->B);
	if (pg->foot)
		o->ops->module(o, -1, 0, E->p.cols, E->L - pg->foot, pg->foot, page_left(E->R, page_no),
		    E->top + (E->L - pg->foot) * E->B, E->R->textw, pg->foot * E->B);
	if (page_no > 1 || !pg->front)
		folio(E, o, page_no);
	o->ops->elem_begin(o, RN_ELEM_DEST, dest);
	o->ops->elem_end(o, RN_ELEM_DEST);
	if (pg->front)
		ed_nameplate(E, o, page_no);
	else if (pg->flag && E->modular)
		ed_flag(E, o, page_no, E->a[E->r.mod[pg->first].art].section_name);
	for (int j = pg->first; j < pg->first + pg->n; j++) {
		const struct mk_module *m = &E->r.mod[j];
		int part = 0;

		for (int q = 0; q < j; q++)
			part += E->r.mod[q].art == m->art;
		paint_module(E, o, m, part, page_no);
	}
	cutoffs(E, o, pg, page_no);
	if (pg->front && pg->foot)
		ed_index_strip(E, o, page_no, pg->foot);
	o->ops->structure(o, NULL, NULL, 0);
	o->ops->page_end(o);
	g_free(dest);
}

