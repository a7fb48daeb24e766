/* figure.c — pictures in print.  A figure is measured once, before the body
 * is set: the picture at the measure (a column, or the text width for a
 * lead photo across the columns), or at its natural size (its pixels at the
 * style's dpi; an SVG's CSS pixels) when that is smaller, aspect kept,
 * scaled down so that picture, caption and credit take at most the style's
 * share of a column; the caption under it in the caption style, the credit
 * after it in the credit style at the end of the line (right in a
 * left-to-right article, left in a right-to-left one).  A body figure is a
 * top insert for the page builder (layout/page.h): it goes to the top of
 * the column of the line where it stands, else of the next, in order, as
 * TeX floats a figure; a wide one, where the style's [figure] span says,
 * is set at the text width across the columns at the top of the page of
 * its line, else of the next.  A picture that could not be had is its description
 * in a framed box of the same design. */
#include <string.h>

#include "lang/lang.h"
#include "image/image.h"
#include "render/typeset.h"
#include "util/clock.h"

#define PLACEHOLDER_PAD 6.0        /* pt inside the frame of a missing picture */

static struct pa_para *
set_text(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
         double width, enum warta_text_align align, int italic)
{
	const struct warta_elem_style *s = rn_el(R, e);
	struct pa_para *P = pa_new(n && n->lang ? n->lang : A->doc->meta.lang,
	                           n && n->lang ? warta_lang_is_rtl(n->lang) : A->doc->meta.rtl,
	                           A->doc->path);
	struct pa_fmt f = rn_fmt(R, e);
	struct pa_setup su;
	const struct warta_node *c;

	if (italic)
		f.italic = !f.italic;
	for (c = n ? n->first : NULL; c; c = c->next)
		rn_inlines(R, A, P, c, &f);
	if (pa_empty(P)) {
		pa_free(P);
		return NULL;
	}
	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.hyph = R->e->hyph;
	su.style = R->style;
	su.align = align;
	su.widths = &width;
	su.n_widths = 1;
	su.hyphenate = s->hyphenate;
	su.hyphen_left = s->hyphen_left > 0 ? s->hyphen_left : 2;
	su.hyphen_right = s->hyphen_right > 0 ? s->hyphen_right : 3;
	su.last_line_fill = 1;
	su.diags = A->d;
	if (pa_set(P, &su) < 0 || P->n_lines == 0) {
		pa_free(P);
		return NULL;
	}
	A->rep.lines += P->n_lines;
	return P;
}

/* The end of the line in the paragraph's direction, where a credit goes
 * (a right-to-left paragraph mirrors left and right itself). */
static enum warta_text_align
line_end(const struct art *A)
{
	(void)A;
	return WARTA_TA_RIGHT;
}

static enum warta_text_align
line_start(const struct art *A)
{
	(void)A;
	return WARTA_TA_LEFT;
}

struct rfig *
rn_figure_new(struct rn *R, struct art *A, const struct warta_node *fig, double width, double max_h)
{
	struct rfig *F = g_new0(struct rfig, 1);
	const struct warta_node *c, *cap = NULL, *credit = NULL;
	const struct warta_elem_style *cs = rn_el(R, WARTA_EL_CAPTION);
	double text_h = 0, dpi = R->style->figure_dpi > 0 ? R->style->figure_dpi : 150;

	F->node = fig;
	F->width = width;
	if (fig->type == WARTA_NODE_IMAGE)
		F->img_node = fig;      /* a picture in running text: floated, no caption */
	for (c = fig->type == WARTA_NODE_FIGURE ? fig->first : NULL; c; c = c->next) {
		if (c->type == WARTA_NODE_IMAGE && !F->img_node)
			F->img_node = c;
		else if (c->type == WARTA_NODE_CAPTION)
			cap = c;
		else if (c->type == WARTA_NODE_CREDIT)
			credit = c;
	}
	F->img = F->img_node ? warta_image_ref(F->img_node->as.link.image) : NULL;
	F->alt_text = F->img_node ? warta_node_plain_text(F->img_node) : g_strdup("");
	F->measure = width;
	F->after = MAX(cs->space_after, rn_leading(R, WARTA_EL_BODY) * 0.5);
	for (int pass = 0; pass < 2; pass++) {
		if (F->cap)
			pa_free(F->cap);
		if (F->credit)
			pa_free(F->credit);
		F->cap = set_text(R, A, cap, WARTA_EL_CAPTION, F->measure, line_start(A), 0);
		F->credit = set_text(R, A, credit, WARTA_EL_CREDIT, F->measure, line_end(A), 0);
		text_h = 0;
		if (F->cap)
			text_h += F->cap->n_lines * rn_leading(R, WARTA_EL_CAPTION);
		if (F->credit)
			text_h += F->credit->n_lines * rn_leading(R, WARTA_EL_CREDIT);
		F->gap = text_h > 0 ? MAX(cs->space_before, 2) : 0;
		if (!F->img)
			break;
		{
			/* natural size: pixels at the style's dpi; SVG's are CSS pixels */
			double k = F->img->format == WARTA_IMAGE_SVG ? 0.75 : 72.0 / dpi;
			double nw = F->img->width * k, nh = F->img->height * k;
			double room = MAX(max_h - text_h - F->gap - F->after, 24);

			F->w = MIN(width, nw);
			F->h = F->w * nh / nw;
			if (F->h > room) {
				/* too tall for the share of a column: smaller, never cut */
				F->h = room;
				F->w = F->h * nw / nh;
			}
		}
		/* a narrower picture: its caption as wide as it (within reason) */
		if (pass == 0 && F->w < width - 0.5 && (cap || credit))
			F->measure = MAX(F->w, MIN(width, 144));
		else
			break;
	}
	if (!F->img) {
		/* the description in a frame: the picture's place kept */
		F->alt = set_text(R, A, F->img_node, WARTA_EL_CAPTION, width - 2 * PLACEHOLDER_PAD,
		                  WARTA_TA_CENTER, 1);
		F->w = width;
		F->h = (F->alt ? F->alt->n_lines * rn_leading(R, WARTA_EL_CAPTION) : 0) +
		       2 * PLACEHOLDER_PAD + rn_leading(R, WARTA_EL_CAPTION);
	}
	F->height = F->h + F->gap + text_h + F->after;
	return F;
}

/* Is n a picture in running text that print floats: an image the reader
 * had, in a paragraph. */
static int
inline_picture(const struct warta_node *n)
{
	const struct warta_node *p;

	if (n->type != WARTA_NODE_IMAGE || !n->as.link.image)
		return 0;
	for (p = n->parent; p && !warta_node_is_block(p); p = p->parent)
		;
	return p && p->type == WARTA_NODE_PARAGRAPH;
}

/* The body's figures in document order: top-level FIGURE nodes, and the
 * pictures of running text (each floated as a figure of its own, its
 * description kept in the text).  Returns how many; with out, fills it. */
static int
body_figures(const struct warta_node *root, const struct warta_node **out)
{
	const struct warta_node *n;
	int k = 0;

	for (n = root->first; n; ) {
		if (n->type == WARTA_NODE_FIGURE || inline_picture(n)) {
			if (out)
				out[k] = n;
			k++;
		}
		/* a figure's own picture is not another one */
		if (n->type != WARTA_NODE_FIGURE && n->first)
			n = n->first;
		else {
			while (n && n != root && !n->next)
				n = n->parent;
			n = n && n != root ? n->next : NULL;
		}
	}
	return k;
}

/* Does figure node n span the columns: the style says so for a wide one
 * (its natural size at least three quarters of the text width), there are
 * columns, and n is a picture that could be had. */
static int
spans(const struct rn *R, const struct art *A, const struct warta_node *n)
{
	const struct warta_node *c = n;
	const struct warta_image *img;
	double dpi = R->style->figure_dpi > 0 ? R->style->figure_dpi : 150, w;

	if (R->style->figure_span == WARTA_SPAN_COLUMN || R->cols < 2 || A->contents)
		return 0;
	if (n->type == WARTA_NODE_FIGURE)
		for (c = n->first; c && c->type != WARTA_NODE_IMAGE; c = c->next)
			;
	img = c ? c->as.link.image : NULL;
	if (!img || img->width <= 0)
		return 0;
	/* across the columns it fills three quarters of the measure at least:
	 * never a small picture alone in a wide white band */
	w = img->width * (img->format == WARTA_IMAGE_SVG ? 0.75 : 72.0 / dpi);
	return w >= 0.75 * R->textw && w > A->colw + 0.5;
}

/* The body's figures: a top insert each, numbered after the footnotes
 * (A->n_fn of them so far).  Called before the page builder starts. */
void
rn_figures(struct rn *R, struct art *A)
{
	const struct warta_node **list;
	int n = 0, k, base = A->n_fn, nb, i;
	double share = R->style->figure_share > 0 ? R->style->figure_share : 0.7;

	nb = body_figures(A->doc->root, NULL);
	n = nb;
	if (A->doc->meta.lead && R->style->lead_span == WARTA_SPAN_COLUMN)
		n++;
	if (n == 0)
		return;
	A->n_fn = base + n;
	A->fn = g_renew(struct pa_para *, A->fn, A->n_fn + 1);
	A->fn_height = g_renew(double, A->fn_height, A->n_fn + 1);
	A->fn_top = g_new0(unsigned char, A->n_fn + 1);
	A->fig = g_new0(struct rfig *, A->n_fn + 1);
	k = base;
	if (A->doc->meta.lead && R->style->lead_span == WARTA_SPAN_COLUMN) {
		k++;
		A->fig[k] = rn_figure_new(R, A, A->doc->meta.lead, A->colw, R->texth * share);
		A->fig[k]->index = k;
		A->lead_fig = A->fig[k];
	}
	list = g_new(const struct warta_node *, nb + 1);
	body_figures(A->doc->root, list);
	for (i = 0; i < nb; i++) {
		int wide = spans(R, A, list[i]);
		int lines = A->rep.lines;

		k++;
		A->fig[k] = rn_figure_new(R, A, list[i], wide ? R->textw : A->colw, R->texth * share);
		if (wide && A->fig[k]->w < 0.75 * R->textw) {
			/* a tall one, narrow at the share's height: its column's */
			rn_figure_free(A->fig[k]);
			A->rep.lines = lines;   /* its caption's lines not counted twice */
			A->fig[k] = rn_figure_new(R, A, list[i], A->colw, R->texth * share);
			wide = 0;
		}
		A->fig[k]->index = k;
		A->fn_top[k] = wide ? 2 : 1;
	}
	g_free(list);
	for (k = base + 1; k <= A->n_fn; k++) {
		A->fn[k] = NULL;
		A->fn_height[k] = A->fig[k]->height;
		A->fn_top[k] = MAX(A->fn_top[k], 1);
	}
	A->fig_next = base + 1 + (A->lead_fig != NULL && A->lead_fig->index != 0);
}

/* Makes the pb_item at index j of A->v call figure F (its notes kept).
 * When the line's calls are the last figure's (pictures that follow one
 * another with no line between are all called on the line before them),
 * F takes that array over and grows it by doubling: a copy for each was
 * the square of their number (30,000 pictures, 1.9 GB). */
static void
call_on(struct art *A, size_t j, struct rfig *F)
{
	struct pb_item *it = &g_array_index(A->v, struct pb_item, j);
	struct rfig *G = A->call_last;
	int n = 0, k;

	while (it->footnotes && it->footnotes[n])
		n++;
	g_free(F->calls);
	if (G && G != F && G->calls && it->footnotes == G->calls) {
		F->calls = G->calls;
		F->n_calls = G->n_calls;
		G->calls = NULL;
		G->n_calls = 0;
		if (n + 2 > F->n_calls) {
			F->n_calls = MAX(2 * F->n_calls, n + 2);
			F->calls = g_renew(int, F->calls, F->n_calls);
			warta_count(WARTA_COUNT_CALLS, n);
		}
	} else {
		F->n_calls = n + 2;
		F->calls = g_new(int, n + 2);
		for (k = 0; k < n; k++)
			F->calls[k] = it->footnotes[k];
		warta_count(WARTA_COUNT_CALLS, n);
	}
	F->calls[n] = F->index;
	F->calls[n + 1] = 0;
	warta_count(WARTA_COUNT_CALLS, 1);
	it->footnotes = F->calls;
	A->call_last = F;
}

/* The first line from index from of A->v on, or (size_t)-1. */
static size_t
line_from(const struct art *A, size_t from)
{
	for (size_t j = from; j < A->v->len; j++)
		if (g_array_index(A->v, struct pb_item, j).kind == PB_LINE)
			return j;
	return (size_t)-1;
}

/* Figure node fig stands here in the body: it is called on the last line
 * set before it, when that line is not on a page made already; else on the
 * next line set (rn_figure_pending). */
void
rn_figure_here(struct rn *R, struct art *A, const struct warta_node *fig)
{
	struct rfig *F;
	size_t j;

	(void)R;
	if (A->lead_fig && A->lead_fig->index && fig == A->doc->meta.lead) {
		F = A->lead_fig;
	} else {
		int k;

		/* in order; one never met (a picture in a heading) is set at
		 * the end, where the page builder puts inserts never called */
		for (k = A->fig_next; A->fig && k <= A->n_fn; k++)
			if (A->fig[k] && A->fig[k]->node == fig)
				break;
		if (!A->fig || k > A->n_fn)
			return;
		F = A->fig[k];
		A->fig_next = k + 1;
	}
	for (j = A->v->len; j > A->ps.i; j--)
		if (g_array_index(A->v, struct pb_item, j - 1).kind == PB_LINE) {
			call_on(A, j - 1, F);
			return;
		}
	F->pending_at = A->v_dropped + A->v->len;
	g_ptr_array_add(A->fig_wait, F);
}

/* The pictures in the running text of paragraph p, just set: each called
 * on its last line. */
void
rn_figure_inline(struct rn *R, struct art *A, const struct warta_node *p)
{
	const struct warta_node *n;

	if (!A->fig)
		return;
	for (n = p->first; n; n = warta_node_next(n, p))
		if (inline_picture(n))
			rn_figure_here(R, A, n);
}

/* Figures waiting for a line: each called on the first line set after it. */
void
rn_figure_pending(struct art *A)
{
	guint i, w = 0;

	for (i = 0; A->fig_wait && i < A->fig_wait->len; i++) {
		struct rfig *F = A->fig_wait->pdata[i];
		size_t at = F->pending_at > A->v_dropped ? F->pending_at - A->v_dropped : 0;
		size_t j = line_from(A, at);

		if (j != (size_t)-1)
			call_on(A, j, F);
		else
			A->fig_wait->pdata[w++] = F;
	}
	if (A->fig_wait)
		g_ptr_array_set_size(A->fig_wait, w);
}

/* The lead photo as a line of the head block (lead-span columns or page):
 * the text width, at most 45% of the page's text height. */
void
rn_figure_head(struct rn *R, struct art *A)
{
	struct rfig *F;
	struct rline *l;

	if (!A->doc->meta.lead || R->style->lead_span == WARTA_SPAN_COLUMN || A->lead_fig)
		return;
	F = rn_figure_new(R, A, A->doc->meta.lead, A->colw, R->texth * 0.45);
	A->lead_fig = F;
	g_ptr_array_add(A->head_figs, F);
	l = rn_new_rline(A, RL_FIGURE, NULL);
	l->fig = F;
	rn_vline(A->v, l, F->height, F->height);
}
