/* report.c — what a set line adds to its article's report (render.h,
 * struct warta_report; README, "The typesetting report"): every line, and
 * the justified lines measured as the column bench's pdf-spacing.py
 * measures them in the PDF. */
#include "render/typeset.h"

/* The mean gap between the words of line L over its em, as
 * pdf-spacing.py measures it from the PDF (README, "The typesetting
 * report"): from the right edge of a word's last glyph to the left edge of
 * the next word's first, a word being what U+0020 spaces separate; the em
 * the height of the line's text box (ascent + descent).  -1 for a line of
 * fewer than three words. */
static double
line_gap(const struct pa_para *P, const struct pa_line *L)
{
	double k = L->scale > 0 ? L->scale : 1, right = 0, sum = 0, em = L->ascent + L->descent;
	int i, g, gaps = 0, words = 0, space = 0;

	for (i = 0; i < L->n_pieces; i++) {
		const struct pa_piece *pc = &L->pieces[i];
		const PangoGlyphString *gs = pc->gi.glyphs;
		const char *text = pc->text ? pc->text : P->text->str;
		double x = pc->x;

		for (g = 0; g < gs->num_glyphs; g++) {
			double w = gs->glyphs[g].geometry.width * k / PANGO_SCALE;

			if (text[pc->gi.item->offset + gs->log_clusters[g]] == ' ') {
				space = words > 0;
			} else if (gs->glyphs[g].glyph != PANGO_GLYPH_EMPTY) {
				if (space) {
					sum += x - right;
					gaps++;
				}
				if (space || words == 0)
					words++;
				space = 0;
				right = x + w;
			}
			x += w;
		}
	}
	return gaps >= 2 && em > 0 ? sum / gaps / em : -1;
}

/* Line L of P counted in the article's report (README, "The typesetting
 * report"): every line; a justified one of three words or more measured
 * (loose, tight); overfull, hyphenated, the longest run of hyphens. */
void
rn_report_line(struct art *A, const struct pa_para *P, const struct pa_line *L)
{
	double gap = L->justified ? line_gap(P, L) : -1;

	A->rep.lines++;
	A->rep.kashidas += L->n_kashidas;
	if (gap >= 0) {
		A->rep.justified++;
		A->rep.gap_sum += gap;
		A->rep.gap_max = MAX(A->rep.gap_max, gap);
		if (gap > 0.5)
			A->rep.loose++;
		if (gap < 0.15)
			A->rep.tight++;
	}
	if (L->overfull)
		A->rep.overfull++;
	if (L->hyphenated || L->brk == PA_BREAK_EXPLICIT) {
		A->rep.hyphenated++;
		A->hyph_run++;
		A->rep.longest_hyphen_run = MAX(A->rep.longest_hyphen_run, A->hyph_run);
	} else {
		A->hyph_run = 0;
	}
}
