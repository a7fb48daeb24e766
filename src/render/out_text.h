/* out_text.h — the text of a line drawn on a Cairo context
 * (out_cairo.c's text_line): a left-to-right run of one font as one
 * cairo_show_text_glyphs, the glyphs, clusters and text built from the
 * line's pieces as Pango would give them; the kashidas of a justified
 * Arabic line.  Not used outside src/render/. */
#ifndef WARTA_RENDER_OUT_TEXT_H
#define WARTA_RENDER_OUT_TEXT_H

#include <cairo.h>

#include "layout/para.h"
#include "render/subset_face.h"

/* The glyphs, clusters and text of one drawing operation, kept from line
 * to line (grown, never shrunk): a line used to cost a GArray append per
 * glyph and a GString append per cluster. */
struct rn_run_buf {
	cairo_glyph_t *gl;
	cairo_text_cluster_t *cl;
	char *txt;
	int n_gl, n_cl, cap_gl, cap_cl;
	size_t n_txt, cap_txt;
	struct rn_subsets *subsets;     /* PDF: the big faces' subsets (subset_face.h), or NULL */
};

/* The source colour 0xRRGGBB. */
void rn_color(cairo_t *cr, unsigned int c);

void rn_run_buf_free(struct rn_run_buf *rb);

/* Pieces a..b-1 of line L of P (one font, colour and rise, left to right;
 * or a single piece right to left; none with a hex box) drawn at the current point (with
 * rb->subsets' subset of a big face when it has every glyph); k the line's glyph
 * expansion (the current frame is scaled by it).  Sets the context's
 * font: the caller saves and restores the state around it.  -1 when Cairo
 * has no font for them (it could not make one: out of memory): their
 * glyphs are not all drawn, and the caller fails the output. */
int rn_show_pieces(struct rn_run_buf *rb, cairo_t *cr, const struct pa_para *P,
                   const struct pa_line *L, int a, int b, double k);

/* The kashidas of line L, its pieces drawn from x, y. */
void rn_kashidas(cairo_t *cr, const struct pa_line *L, double x, double y);

#endif
