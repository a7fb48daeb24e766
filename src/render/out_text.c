/* out_text.c — a line's text on a Cairo context (out_text.h). */
#include <string.h>

#include <pango/pangocairo.h>

#include "render/out_text.h"

void
rn_color(cairo_t *cr, unsigned int c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

static void
run_buf_grow(struct rn_run_buf *rb, int glyphs, size_t bytes)
{
	if (rb->n_gl + glyphs > rb->cap_gl) {
		rb->cap_gl = MAX(rb->n_gl + glyphs, 2 * rb->cap_gl);
		rb->gl = g_renew(cairo_glyph_t, rb->gl, rb->cap_gl);
	}
	if (rb->n_cl + glyphs > rb->cap_cl) {
		rb->cap_cl = MAX(rb->n_cl + glyphs, 2 * rb->cap_cl);
		rb->cl = g_renew(cairo_text_cluster_t, rb->cl, rb->cap_cl);
	}
	if (rb->n_txt + bytes + 1 > rb->cap_txt) {
		rb->cap_txt = MAX(rb->n_txt + bytes + 1, 2 * rb->cap_txt);
		rb->txt = g_realloc(rb->txt, rb->cap_txt);
	}
}

void
rn_run_buf_free(struct rn_run_buf *rb)
{
	g_free(rb->gl);
	g_free(rb->cl);
	g_free(rb->txt);
}

/* Piece pc (left to right) into rb, its left edge at px, its baseline at
 * y0: the glyphs, clusters and text pango_cairo_show_glyph_item gives
 * cairo_show_text_glyphs (Pango 1.50, pangocairo-render.c: empty glyphs
 * left out, a glyph at px + (advances before it + its x offset) / SCALE),
 * the clusters as pango_glyph_item_iter_next_cluster cuts them left to
 * right (a glyph whose log cluster is past the cluster's first glyph's
 * starts the next; the last ends at the item's end), without the
 * iterator's character counts. */
static void
add_piece(struct rn_run_buf *rb, const char *text, const struct pa_piece *pc, double px, double y0)
{
	const PangoGlyphString *gs = pc->gi.glyphs;
	const PangoItem *item = pc->gi.item;
	const int *lc = gs->log_clusters;
	int xpos = 0, g = 0, n = gs->num_glyphs;

	if (n == 0)     /* no cluster, so none of its text (as Pango's iterator) */
		return;
	run_buf_grow(rb, n, (size_t)item->length);
	memcpy(rb->txt + rb->n_txt, text + item->offset, (size_t)item->length);
	rb->n_txt += (size_t)item->length;
	while (g < n) {
		int cluster = lc[g], from = g == 0 ? 0 : lc[g], to;
		cairo_text_cluster_t *c = &rb->cl[rb->n_cl++];

		c->num_glyphs = 0;
		do {
			const PangoGlyphInfo *gi1 = &gs->glyphs[g];

			if (gi1->glyph != PANGO_GLYPH_EMPTY && !(gi1->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				cairo_glyph_t *cg = &rb->gl[rb->n_gl++];

				cg->index = gi1->glyph;
				cg->x = px + (double)(xpos + gi1->geometry.x_offset) / PANGO_SCALE;
				cg->y = y0 + (double)gi1->geometry.y_offset / PANGO_SCALE;
				c->num_glyphs++;
			}
			xpos += gi1->geometry.width;
			g++;
		} while (g < n && lc[g] <= cluster);
		to = g < n ? lc[g] : item->length;
		c->num_bytes = to - from;
	}
}

/* A right-to-left piece pc into rb, as add_piece: its glyphs left to right
 * (visual order), its clusters in the text's order from its last glyph
 * back (pango_glyph_item_iter_next_cluster's right-to-left cut; the caller
 * draws with CAIRO_TEXT_CLUSTER_FLAG_BACKWARD, as Pango does). */
static void
add_piece_rtl(struct rn_run_buf *rb, const char *text, const struct pa_piece *pc, double px, double y0)
{
	const PangoGlyphString *gs = pc->gi.glyphs;
	const PangoItem *item = pc->gi.item;
	const int *lc = gs->log_clusters;
	int xpos = 0, g, n = gs->num_glyphs;

	if (n == 0)
		return;
	run_buf_grow(rb, n, (size_t)item->length);
	memcpy(rb->txt + rb->n_txt, text + item->offset, (size_t)item->length);
	rb->n_txt += (size_t)item->length;
	for (g = 0; g < n; g++) {
		const PangoGlyphInfo *gi1 = &gs->glyphs[g];

		if (gi1->glyph != PANGO_GLYPH_EMPTY && !(gi1->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
			cairo_glyph_t *cg = &rb->gl[rb->n_gl++];

			cg->index = gi1->glyph;
			cg->x = px + (double)(xpos + gi1->geometry.x_offset) / PANGO_SCALE;
			cg->y = y0 + (double)gi1->geometry.y_offset / PANGO_SCALE;
		}
		xpos += gi1->geometry.width;
	}
	for (g = n - 1; g >= 0;) {
		int cluster = lc[g], from = g == n - 1 ? 0 : lc[g], to;
		cairo_text_cluster_t *c = &rb->cl[rb->n_cl++];

		c->num_glyphs = 0;
		do {
			if (gs->glyphs[g].glyph != PANGO_GLYPH_EMPTY &&
			    !(gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
				c->num_glyphs++;
			g--;
		} while (g >= 0 && lc[g] <= cluster);
		to = g >= 0 ? lc[g] : item->length;
		c->num_bytes = to - from;
	}
}

/* Pieces a..b-1 of line L (same_run: left to right; or one piece right to
 * left) drawn as ONE
 * cairo_show_text_glyphs at the current point, what
 * pango_cairo_show_glyph_item does for each piece, so that a line is one
 * operation instead of one per piece: Cairo's PDF surface pays per
 * operation (its analysis region, text matrix and font set again).  x: the
 * pieces' left edges are offset from piece a's by (x - x_a) / k in the
 * current frame (k: the line's glyph expansion). */
int
rn_show_pieces(struct rn_run_buf *rb, cairo_t *cr, const struct pa_para *P, const struct pa_line *L,
               int a, int b, double k)
{
	const struct pa_piece *p0 = &L->pieces[a];
	cairo_scaled_font_t *sf;
	double x0, y0;
	int i, backward = (p0->gi.item->analysis.level & 1) != 0;

	cairo_get_current_point(cr, &x0, &y0);
	rb->n_gl = rb->n_cl = 0;
	rb->n_txt = 0;
	run_buf_grow(rb, 0, 0);
	for (i = a; i < b; i++) {
		const struct pa_piece *pc = &L->pieces[i];

		if (backward)
			add_piece_rtl(rb, pc->text ? pc->text : P->text->str, pc, x0 + (pc->x - p0->x) / k, y0);
		else
			add_piece(rb, pc->text ? pc->text : P->text->str, pc, x0 + (pc->x - p0->x) / k, y0);
	}
	rb->txt[rb->n_txt] = 0;
	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(p0->gi.item->analysis.font));
	if (sf && cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS) {
		/* a big face's subset when it has every glyph (subset_face.h) */
		if (rb->subsets)
			sf = rn_subsets_font(rb->subsets, p0->gi.item->analysis.font, sf, rb->gl, rb->n_gl);
		/* the caller's cairo_restore gives the font back */
		cairo_set_scaled_font(cr, sf);
		cairo_show_text_glyphs(cr, rb->txt, (int)rb->n_txt, rb->gl, rb->n_gl, rb->cl, rb->n_cl,
		    backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
		return 0;
	}
	/* no usable Cairo font (Pango warned "failed to create cairo scaled
	 * font"): Pango would skip what it cannot draw, so the text would be
	 * lost without a word; the caller fails the output instead */
	return -1;
}

/* The kashidas of line L (layout/kashida.c), its pieces drawn from x, y:
 * each gap the font's tatweel stroke stretched over it, a path and not
 * text (the PDF's text stays as the author wrote it), a hair wider than
 * the gap so that no seam shows where it meets the letters. */
void
rn_kashidas(cairo_t *cr, const struct pa_line *L, double x, double y)
{
	double k = L->scale != 1 && L->scale > 0 ? L->scale : 1;
	int i, j, g;

	for (i = 0; i < L->n_kashidas; i++) {
		const struct pa_kashida *ks = &L->kashidas[i];
		const struct pa_piece *pc = NULL;
		cairo_scaled_font_t *sf;
		hb_codepoint_t tg;
		hb_font_t *hb;
		double end = 0, adv, w = ks->width / (double)PANGO_SCALE, hair = 0.15;
		cairo_glyph_t cg = { 0, 0, 0 };

		for (j = 0; j < L->n_pieces && !pc; j++)
			if (L->pieces[j].gi.glyphs == ks->gs)
				pc = &L->pieces[j];
		if (!pc || !pc->gi.item->analysis.font ||
		    !(hb = pango_font_get_hb_font(pc->gi.item->analysis.font)) ||
		    !hb_font_get_nominal_glyph(hb, 0x640, &tg) ||
		    (adv = hb_font_get_glyph_h_advance(hb, tg) / (double)PANGO_SCALE) <= 0)
			continue;
		sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pc->gi.item->analysis.font));
		if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
			continue;
		for (g = 0; g <= ks->glyph && g < ks->gs->num_glyphs; g++)
			end += ks->gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
		rn_color(cr, pc->run ? pc->run->fmt.color : 0);
		cairo_save(cr);
		cairo_translate(cr, x + L->x0 + pc->x, y - (pc->run ? pc->run->fmt.rise : 0));
		cairo_scale(cr, k, 1);
		cairo_translate(cr, end - w - hair, 0);
		cairo_scale(cr, (w + 2 * hair) / adv, 1);
		cairo_set_scaled_font(cr, sf);
		cg.index = tg;
		cairo_new_path(cr);
		cairo_glyph_path(cr, &cg, 1);
		cairo_restore(cr);
		cairo_fill(cr);
	}
}

