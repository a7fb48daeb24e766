/* subset_face.h — a PDF's big faces drawn from a subset made ahead
 * (subset_face.c).  Cairo 1.16's PDF surface copies a face's whole outline
 * table twice (when it first maps a glyph of it, and again in its CFF
 * subsetter at the surface's finish): 26 MB for Noto Serif CJK, the most of
 * a Chinese article's time and memory.  A face whose outlines are bigger
 * than RN_SUBSET_BIG is therefore subset ahead with hb-subset to the
 * characters the documents can draw (every layout feature's closure), and
 * its runs are drawn with a scaled font of that subset (their glyph ids
 * renumbered to the subset's), made
 * with the full font's matrix, CTM and options.  Shaping and line breaking
 * stay on the full font.  A run with a glyph the subset lacks is drawn with
 * the full font: never a missing glyph.  Only the PDF outputter uses it,
 * from the thread that draws.  Test switches (nothing else reads them):
 * WARTA_TEST_NO_SUBSET=1 draws every face whole; WARTA_TEST_SUBSET_OMIT=
 * "字…" leaves those characters out of the subsets (their runs fall back).
 * Not used outside src/render/. */
#ifndef WARTA_RENDER_SUBSET_FACE_H
#define WARTA_RENDER_SUBSET_FACE_H

#include <cairo.h>
#include <pango/pango.h>

#include "render/typeset.h"

/* An outline table (CFF, CFF2, glyf) this big makes a face subset ahead. */
#define RN_SUBSET_BIG (2u << 20)

struct rn_subsets;

/* The subsets of R's documents' faces (made when a big face is first
 * drawn); NULL when WARTA_TEST_NO_SUBSET is set. */
struct rn_subsets *rn_subsets_new(const struct rn *R);
/* The scaled font to draw glyphs gl[0, n) of font with, full its own
 * (pango_cairo_font_get_scaled_font): a subset's, gl's ids then renumbered
 * to it; or full (gl untouched) when font's face is not subset or the
 * subset lacks one of the glyphs. */
cairo_scaled_font_t *rn_subsets_font(struct rn_subsets *S, PangoFont *font, cairo_scaled_font_t *full,
                                     cairo_glyph_t *gl, int n);
/* Frees S (after the surface is finished: cairo keeps its own references). */
void rn_subsets_free(struct rn_subsets *S);

#endif
