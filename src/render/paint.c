/* paint.c — one laid-out page → outputter operations (out.h): the running
 * head and folio, the head block on an article's first page, each column's
 * part of the vertical list at the baselines the page builder measured,
 * then each column's footnotes.  Knows where things go on the page, not
 * how they are drawn. */
#include <math.h>
#include <string.h>

#include "layout/fit.h"
#include "render/out.h"

static void
text_line(struct rn_out *o, const struct pa_para *P, int li, double x, double y)
{
	o->ops->text_line(o, P, li, x, y);
}

#define PLACEHOLDER_PAD 6.0

/* Figure F with its top at y, in the measure from x: the picture (centred
 * when narrower), its caption, the credit at the end of the line. */
static void
paint_figure(const struct rn *R, struct rn_out *o, const struct art *A, const struct rfig *F,
             double x, double y)
{
	const struct rn_out_ops *op = o->ops;
	double lead, yy;
	int i;

	op->structure(o, A, NULL, 0);
	op->elem_begin(o, "Figure", "");
	op->figure(o, A, F, x + (F->width - F->w) / 2, y);
	if (F->alt) {
		lead = rn_leading(R, WARTA_EL_CAPTION);
		yy = y + (F->h - F->alt->n_lines * lead) / 2;
		for (i = 0; i < F->alt->n_lines; i++) {
			yy += lead;
			text_line(o, F->alt, i, x + PLACEHOLDER_PAD, yy - lead * 0.25);
		}
	}
	op->elem_end(o, "Figure");
	if (!F->cap && !F->credit)
		return;
	yy = y + F->h + F->gap;
	x += (F->width - F->measure) / 2;
	op->elem_begin(o, "Caption", "");
	if (F->cap) {
		lead = rn_leading(R, WARTA_EL_CAPTION);
		for (i = 0; i < F->cap->n_lines; i++) {
			yy += lead;
			text_line(o, F->cap, i, x, yy - lead * 0.25);
		}
	}
	if (F->credit) {
		lead = rn_leading(R, WARTA_EL_CREDIT);
		for (i = 0; i < F->credit->n_lines; i++) {
			yy += lead;
			text_line(o, F->credit, i, x, yy - lead * 0.25);
		}
	}
	op->elem_end(o, "Caption");
}

/* One rline at baseline y, column left edge cx (out.h). */
void
rn_paint_rline(const struct rn *R, struct rn_out *o, const struct art *A, const struct rline *l,
            double cx, double y)
{
	const struct rn_out_ops *op = o->ops;

	if (l->kind == RL_FIGURE) {
		paint_figure(R, o, A, l->fig, cx + l->x, y - l->fig->height);
		return;
	}
	if (l->kind == RL_RULE) {
		op->structure(o, A, l->blk, 0);
		op->rule(o, RN_RULE_TEXT, cx + l->x, y - 3, l->width, l->thick > 0 ? l->thick : 0.5);
		return;
	}
	if (l->kind == RL_ROW) {
		guint i;

		op->structure(o, A, l->blk, 0);
		for (i = 0; i < l->cells->len; i++) {
			const struct rcell *c = g_ptr_array_index(l->cells, i);
			const char *tag = l->blk->header ? "TH" : "TD";
			int k;

			op->elem_begin(o, tag, "");
			for (k = 0; k < c->para->n_lines; k++)
				text_line(o, c->para, k, cx + l->x + c->x, y + k * l->lead);
			op->elem_end(o, tag);
		}
		return;
	}
	if (l->label && l->label->n_lines > 0) {
		op->structure(o, A, l->blk, 1);
		const struct pa_line *L = l->para && l->para->rtl && l->line < l->para->n_lines ?
		    &l->para->lines[l->line] : NULL;

		/* before the line's start: at its left, or at its right edge
		 * when the item is set right to left */
		text_line(o, l->label, 0, L ? cx + l->x + L->x0 + L->measure + l->label_gap
		    : cx + l->x - l->label_gap - l->label->lines[0].natural, y);
	}
	op->structure(o, A, l->blk, 0);
	if (l->rlabel && l->rlabel->n_lines > 0)
		text_line(o, l->rlabel, 0, cx + l->rlabel_x, y);
	if (l->cap) {
		double lead = rn_leading(R, WARTA_EL_BODY);

		op->drop_cap(o, l->cap, cx + l->x, y + (l->cap->lines - 1) * lead - l->cap->rise);
	}
	if (l->blk && l->blk->dest && l->line == 0) {
		char *a = g_strdup_printf("name='%s'", l->blk->dest);

		op->elem_begin(o, RN_ELEM_DEST, a);
		text_line(o, l->para, l->line, cx + l->x, y);
		op->elem_end(o, RN_ELEM_DEST);
		g_free(a);
	} else {
		text_line(o, l->para, l->line, cx + l->x, y);
	}
}

/* A vertical list range, as the page builder measured it; the lines
 * meant for the article's baseline grid (its first at gtop + grid_top)
 * that are not on it, counted. */
static int
paint_list(const struct rn *R, struct rn_out *o, const struct art *A, const struct pb_item *v,
           size_t a, size_t b, double cx, double top, double gtop)
{
	double y = top;
	int first = 1, off = 0;
	size_t i;

	for (i = a; i < b; i++) {
		const struct pb_item *it = &v[i];

		if (it->kind == PB_LINE) {
			const struct rline *l = it->data;

			y += first ? it->top : it->height;
			first = 0;
			rn_paint_rline(R, o, A, l, cx, y);
			if (A->grid_step > 0 && l && l->grid && l->kind == RL_TEXT) {
				double q = (y - gtop - A->grid_top) / A->grid_step;

				off += fabs(q - floor(q + 0.5)) > 1e-3;
			}
		} else if (it->kind == PB_GLUE && !first) {
			y += it->height;
		}
	}
	return off;
}

static double
page_left(const struct rn *R, int page_no)
{
	return page_no % 2 ? R->style->margin_inner : R->style->margin_outer;
}

struct head_measure {
	const struct rn *R;
	const struct pa_fmt *f;
};

static double
head_width(const char *text, size_t n, void *data)
{
	const struct head_measure *hm = data;
	char *s = g_strndup(text, n);
	double w = pa_measure(hm->R->ctx, hm->R->style, s, hm->f);

	g_free(s);
	return w;
}

/* Running head and folio, from page 2 on; the folio in the digits of the
 * article's language lang under the style's [fonts] digits.  The folio on
 * the outer edge, the head beside it towards the spine: a left-to-right
 * book's odd pages are right-hand pages (folio at the right), a right-to-
 * left one's (rtl: bound at the right, as an Arabic paper) left-hand ones.
 * A head in a right-to-left script (text_rtl) is set right to left in its
 * language. */
static void
running_head(const struct rn *R, struct rn_out *o, int pno, const char *text, const char *lang,
             int text_rtl, int rtl)
{
	const struct warta_style *st = R->style;
	double left = page_left(R, pno), y = st->margin_top - 2 * rn_leading(R, WARTA_EL_RUNNING_HEAD);
	struct pa_fmt rf = rn_fmt(R, WARTA_EL_RUNNING_HEAD), ff = rn_fmt(R, WARTA_EL_FOLIO);
	struct pa_para *H, *F;
	struct pa_setup su;
	char num[16];
	double wh = R->textw * 0.75, wf = R->textw;

	if (pno < 2)
		return;
	H = text_rtl ? pa_new(lang, 1, NULL) : pa_new("en", 0, NULL);
	F = pa_new("en", 0, NULL);
	o->ops->structure(o, NULL, NULL, 0);
	g_snprintf(num, sizeof num, "%d", pno);
	if (st->digits)
		ff.lang = lang;
	pa_add(F, num, -1, &ff, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.style = st;
	su.align = WARTA_TA_LEFT;
	su.last_line_fill = 1;
	su.widths = &wf;
	su.n_widths = 1;
	pa_set(F, &su);
	/* the head in its measure, beside the folio: shortened at a word
	 * with an ellipsis rather than cut after any word */
	if (F->n_lines)
		wh = MIN(wh, R->textw - F->lines[0].natural - 12);
	{
		struct head_measure hm = { R, &rf };
		char *fit = warta_fit_words(text ? text : "", MAX(wh, 0), head_width, &hm);

		pa_add(H, fit, -1, &rf, 0, 0);
		g_free(fit);
	}
	wh += 1;        /* what fits is set on one line: no rounding may break it */
	su.widths = &wh;
	if (text_rtl)
		su.align = WARTA_TA_RIGHT;      /* from its start: the line's left edge, as the LTR head's */
	pa_set(H, &su);
	o->ops->mark(o, RN_MARK_RUNNING_HEAD, 0, left, y);
	if (F->n_lines) {
		int outer_right = (pno % 2) != (rtl != 0);
		double fw = F->lines[0].natural;
		double fx = outer_right ? left + R->textw - fw : left;

		text_line(o, F, 0, fx, y);
		if (H->n_lines) {
			double hw = H->lines[0].natural;
			double hx = outer_right ? left + R->textw - fw - 12 - hw : left + fw + 12;

			text_line(o, H, 0, hx, y);
		}
	}
	o->ops->rule(o, RN_RULE_RUNNING_HEAD, left, y + 5, R->textw, 0.4);
	pa_free(H);
	pa_free(F);
}

static void
paint_footnotes(const struct rn *R, struct rn_out *o, const struct art *A, const struct pb_column *col,
                double cx, double top, double coltop)
{
	double total = FN_SEPARATOR, y, lead = rn_leading(R, WARTA_EL_FOOTNOTE);
	int k;

	int bottom = 0;

	for (k = 0; k < col->fn_count; k++)
		if (!A->fn_top || !A->fn_top[A->ps.order[col->fn_first + k]]) {
			total += A->fn_height[A->ps.order[col->fn_first + k]];
			bottom++;
		}
	if (bottom == 0)
		return;
	/* the page builder fills a column with notes only up to its height,
	 * bar one note taller than a column, alone there (article.c warns):
	 * it starts at the column's top (coltop: below the headline) and
	 * stops at its foot */
	y = MAX(top + R->texth - total, coltop);
	o->ops->mark(o, RN_MARK_FOOTNOTES, 0, cx, y);
	/* the short rule starts where the lines do: at the right when RTL */
	o->ops->rule(o, RN_RULE_TEXT, A->doc->meta.rtl ? cx + R->colw * 0.7 : cx, y + 3, R->colw * 0.3, 0.4);
	y += FN_SEPARATOR;
	for (k = 0; k < col->fn_count; k++) {
		int f = A->ps.order[col->fn_first + k], i;
		struct pa_para *P = A->fn[f];
		char *dest;

		if (P == NULL || (A->fn_top && A->fn_top[f]))
			continue;
		y += A->fn_height[f] - P->n_lines * lead;
		dest = g_strdup_printf("name='%sfn-%d'", A->prefix, f);
		o->ops->structure(o, A, NULL, 0);
		o->ops->elem_begin(o, "Note", "");
		o->ops->elem_begin(o, RN_ELEM_DEST, dest);
		for (i = 0; i < P->n_lines && (i == 0 || y + lead <= top + R->texth + 0.01); i++) {
			y += lead;
			text_line(o, P, i, cx, y - lead * 0.25);
			if (i == 0)
				o->ops->elem_end(o, RN_ELEM_DEST);
		}
		o->ops->elem_end(o, "Note");
		g_free(dest);
	}
}

/* The left edge of column c (0-based); right to left, the first column is
 * the rightmost, and its footnotes go with it.  An edition's contents is
 * one column across the page, whatever its direction. */
static double
col_x(const struct rn *R, const struct art *A, double left, int c)
{
	int k = A->doc->meta.rtl && !A->contents ? R->cols - 1 - c : c;

	return left + k * (R->colw + R->style->gutter);
}

/* The figures across the columns of page pg from top; returns where the
 * columns start. */
static double
paint_spans(const struct rn *R, struct rn_out *o, const struct art *A, const struct pb_page *pg,
            double left, double top)
{
	for (int k = 0; k < pg->span_count; k++) {
		const struct rfig *F = A->fig ? A->fig[A->ps.order[pg->span_first + k]] : NULL;

		if (F) {
			o->ops->mark(o, RN_MARK_SPAN, k + 1, left, top);
			paint_figure(R, o, A, F, left, top);
			top += F->height;
		}
	}
	return top;
}

void
rn_paint_page(const struct rn *R, struct rn_out *o, struct art *A, const struct pb_page *pg,
              int page_no, const char *running)
{
	const struct warta_style *st = R->style;
	double left = page_left(R, page_no), top = st->margin_top;
	int c;

	/* the book's direction: an edition's, else the article's */
	running_head(R, o, page_no, running, A->doc->meta.lang, A->doc->meta.rtl,
	    R->n_docs > 1 || R->opts->edition_title ? R->ed_rtl : A->doc->meta.rtl);
	/* the figures across the columns: at the top of the page, or under
	 * the headline on an article's first page unless the style says above */
	if (A->pages_done != 0 || st->figure_span == WARTA_SPAN_PAGE)
		top = paint_spans(R, o, A, pg, left, top);
	if (A->pages_done == 0) {
		o->ops->mark(o, RN_MARK_HEAD, 0, left, top);
		paint_list(R, o, A, (struct pb_item *)A->head->data, 0, A->head->len, left, top, top);
		top += A->head_height;
		if (st->figure_span != WARTA_SPAN_PAGE)
			top = paint_spans(R, o, A, pg, left, top);
	}
	for (c = 0; c < pg->n_cols; c++) {
		double cx = col_x(R, A, left, c), y = top;
		int k;

		o->ops->mark(o, RN_MARK_COLUMN, c + 1, cx, top);
		/* the column's figures at its top, in order, then its text */
		for (k = 0; A->fn_top && k < pg->col[c].fn_count; k++) {
			int f = A->ps.order[pg->col[c].fn_first + k];

			if (A->fn_top[f] && A->fig[f]) {
				o->ops->mark(o, RN_MARK_FIGURE, c + 1, cx, y);
				paint_figure(R, o, A, A->fig[f], cx, y);
				y += A->fig[f]->height;
			}
		}
		if (y > top)    /* the column's text goes on under its figures */
			o->ops->mark(o, RN_MARK_COLUMN, c + 1, cx, top);
		A->rep.off_grid += paint_list(R, o, A, (struct pb_item *)A->v->data, pg->col[c].start,
		    pg->col[c].end, cx, y, top);
	}
	A->rep.grid = A->grid_step > 0;
	/* the notes after all the columns: reading order, and the text's
	 * structure elements are not cut by them */
	for (c = 0; c < pg->n_cols; c++)
		paint_footnotes(R, o, A, &pg->col[c], col_x(R, A, left, c), st->margin_top, top);
	o->ops->structure(o, NULL, NULL, 0);
}
