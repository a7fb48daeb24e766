/* lines.c — one line of a paragraph from the breaker's choice, in steps:
 * its text range and sums (line_range), its glyph pieces with the word
 * edges reshaped at hyphens (line_pieces), natural width (line_natural),
 * adjustment ratio (line_ratio), glyph expansion (line_expansion), the
 * spaces' widths (line_spaces), visual order and position (line_place),
 * and the footnote calls on it (line_footnotes). */
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "layout/guard.h"
#include "layout/para_int.h"

/* Index of the item holding byte b (items are in logical order). */
static int
item_at(const struct pa_para *p, size_t b)
{
	int lo = 0, hi = p->n_items;

	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;

		if ((size_t)p->items[mid]->offset <= b)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Left to right: the first glyph whose cluster is at or after byte b.
 * Right to left: the first glyph (visual order) whose cluster is before b. */
static int
first_glyph(const PangoGlyphString *gs, size_t off, size_t b, int rtl)
{
	int lo = 0, hi = gs->num_glyphs;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		size_t at = off + gs->log_clusters[mid];

		if (rtl ? at >= b : at < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Glyphs of item i whose clusters lie in bytes [a, b), as a new glyph item. */
static PangoGlyphItem
slice(const struct pa_para *p, int i, size_t a, size_t b)
{
	PangoItem *src = p->items[i];
	PangoGlyphString *gs = p->glyphs[i], *ns = pango_glyph_string_new();
	PangoGlyphItem gi;
	int g, n = 0, g0, g1, rtl = src->analysis.level & 1;

	/* clusters run forwards (left to right) or backwards (right to left):
	 * find the glyphs of [a, b) by bisection, not by a scan per line */
	g0 = first_glyph(gs, src->offset, a, rtl);
	g1 = first_glyph(gs, src->offset, b, rtl);
	if (rtl) {
		int t = g0;

		g0 = g1;
		g1 = t;
	}
	for (g = g0; g < g1; g++) {
		size_t at = src->offset + gs->log_clusters[g];

		if (at >= a && at < b)
			n++;
	}
	pango_glyph_string_set_size(ns, n);
	for (g = g0, n = 0; g < g1; g++) {
		size_t at = src->offset + gs->log_clusters[g];

		if (at >= a && at < b) {
			ns->glyphs[n] = gs->glyphs[g];
			ns->log_clusters[n] = at - a;
			n++;
		}
	}
	gi.item = pango_item_copy(src);
	gi.item->offset = a;
	gi.item->length = b - a;
	gi.item->num_chars = g_utf8_strlen(p->text->str + a, b - a);
	gi.glyphs = ns;
	return gi;
}

/* Item i's bytes [a, b) shaped afresh (with a hyphen when hyphen is set). */
static PangoGlyphItem
reshape(const struct pa_para *p, int i, size_t a, size_t b, int hyphen)
{
	PangoGlyphItem gi;

	gi.item = pango_item_copy(p->items[i]);
	gi.item->offset = a;
	gi.item->length = b - a;
	gi.item->num_chars = g_utf8_strlen(p->text->str + a, b - a);
	if (hyphen)
		gi.item->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	gi.glyphs = pango_glyph_string_new();
	pa_guard_lock(p->guard);
	pango_shape_item(gi.item, p->text->str, p->text->len, p->la + p->char_at[a], gi.glyphs,
	    PANGO_SHAPE_NONE);
	pa_guard_unlock(p->guard);
	pa_letter_space(p, gi.item, gi.glyphs);
	return gi;
}

static void
add_piece(GArray *pcs, PangoGlyphItem gi, const struct pa_para *p)
{
	struct pa_piece pc;

	if (gi.glyphs->num_glyphs == 0 && !(gi.item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)) {
		pango_item_free(gi.item);
		pango_glyph_string_free(gi.glyphs);
		return;
	}
	memset(&pc, 0, sizeof pc);
	pc.gi = gi;
	pc.run = pa_run_at(p, gi.item->offset);
	g_array_append_val(pcs, pc);
}

/* The hyphen at the end of a hyphenated line: a glyph item of its own over
 * the text "‐" (U+2010, or "-" when the font lacks it), so that text
 * extraction and copying see it, as with TeX's discretionary hyphens.  Its
 * width is the one the breaker used (hyphen_width). */
static void
hyphen_piece(GArray *pcs, const struct pa_para *p, int i, size_t le)
{
	const char *h = pa_hyphen_char(p->items[i]->analysis.font);
	struct pa_piece pc;
	PangoGlyphItem gi;

	gi.item = pango_item_copy(p->items[i]);
	gi.item->analysis.flags &= ~PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	gi.item->offset = 0;
	gi.item->length = (int)strlen(h);
	gi.item->num_chars = 1;
	gi.glyphs = pango_glyph_string_new();
	pango_shape_with_flags(h, gi.item->length, h, gi.item->length, &gi.item->analysis, gi.glyphs,
	    PANGO_SHAPE_NONE);
	memset(&pc, 0, sizeof pc);
	pc.text = h;
	pc.gi = gi;
	pc.run = pa_run_at(p, le > 0 ? le - 1 : 0);
	g_array_append_val(pcs, pc);
}

/* Byte where the word around byte b starts (previous break opportunity), not before lo. */
static size_t
word_start(const struct pa_para *p, size_t b, size_t lo)
{
	const char *t = p->text->str;

	while (b > lo) {
		size_t pb = g_utf8_prev_char(t + b) - t;
		gunichar ch = g_utf8_get_char(t + pb);

		if (p->la[p->char_at[b]].is_line_break || g_unichar_isspace(ch))
			break;
		b = pb;
	}
	return b;
}

static size_t
word_end(const struct pa_para *p, size_t b, size_t hi)
{
	const char *t = p->text->str;

	while (b < hi) {
		gunichar ch = g_utf8_get_char(t + b);

		if (g_unichar_isspace(ch))
			break;
		b = g_utf8_next_char(t + b) - t;
		if (b < hi && p->la[p->char_at[b]].is_line_break)
			break;
	}
	return b;
}

/* Unicode bidi rule L2 over the pieces' embedding levels. */
static void
reorder(struct pa_piece *pc, int n)
{
	int hi = 0, lo_odd = 255, i, j, k;

	for (i = 0; i < n; i++) {
		int lv = pc[i].gi.item->analysis.level;

		hi = MAX(hi, lv);
		if (lv & 1)
			lo_odd = MIN(lo_odd, lv);
	}
	for (k = hi; k >= lo_odd && k > 0; k--) {
		for (i = 0; i < n; i++) {
			if (pc[i].gi.item->analysis.level < k)
				continue;
			for (j = i; j < n && pc[j].gi.item->analysis.level >= k; j++)
				;
			for (int a = i, b = j - 1; a < b; a++, b--) {
				struct pa_piece t = pc[a];

				pc[a] = pc[b];
				pc[b] = t;
			}
			i = j;
		}
	}
}

static double
glyphs_width(PangoGlyphString *gs)
{
	return PU(pango_glyph_string_get_width(gs));
}

/* What the items of a line add up to (tex.web §658's sums). */
struct sums {
	double indent;                  /* the paragraph's indent box, on its first line */
	double stretch, shrink;         /* of the glue */
	double glue_w;                  /* natural width of the glue set on space characters */
	double gap_w;                   /* natural width of the glue between CJK characters */
	int gaps;                       /* how many such glues */
	double bstretch, bshrink;       /* of the boxes: glyph expansion */
};

/* Step 1: the line's text range, from its first box (what precedes it is
 * discarded at a line start, tex.web §879) to the break, without trailing
 * spaces; the break's kind; the sums of items [first, brk). */
static void
line_range(const struct pa_para *p, const struct build *bl, size_t first, size_t brk, struct pa_line *L,
           struct sums *S)
{
	const struct lb_item *it = (const struct lb_item *)bl->items->data;
	const struct slot *sl = (const struct slot *)bl->slots->data;
	size_t nitems = bl->items->len, k, ls = (size_t)-1, le;

	memset(S, 0, sizeof *S);
	for (k = first; k < brk && k < nitems; k++) {
		if (it[k].type == LB_BOX && sl[k].b1 == sl[k].b0 && k == 0)
			S->indent = it[k].width;
		if (ls == (size_t)-1 && (it[k].type == LB_BOX && sl[k].b1 > sl[k].b0))
			ls = sl[k].b0;
		if (ls == (size_t)-1)
			continue;
		if (it[k].type == LB_GLUE) {
			S->stretch += it[k].stretch;
			S->shrink += it[k].shrink;
			if (sl[k].space)
				S->glue_w += it[k].width;
			else if (sl[k].cjk)
				S->gap_w += it[k].width, S->gaps++;
		} else if (it[k].type == LB_BOX) {
			S->bstretch += it[k].stretch;
			S->bshrink += it[k].shrink;
		}
	}
	le = brk < nitems ? sl[brk].b0 : p->text->len;
	if (brk < nitems && it[brk].type == LB_PENALTY && sl[brk].kind == PA_BREAK_FORCED)
		le = sl[brk].b0 > 0 ? (size_t)(g_utf8_prev_char(p->text->str + sl[brk].b0) - p->text->str) : 0;
	if (ls == (size_t)-1 || ls > le)
		ls = le;
	/* trailing spaces are not shown */
	while (le > ls && g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(p->text->str + le))))
		le = g_utf8_prev_char(p->text->str + le) - p->text->str;
	L->start = ls;
	L->end = le;
	L->brk = brk < nitems ? (it[brk].type == LB_GLUE ? PA_BREAK_GLUE : sl[brk].kind) : PA_BREAK_FINAL;
	L->hyphenated = brk < nitems && it[brk].type == LB_PENALTY && it[brk].width > 0 &&
	    (it[brk].flagged || sl[brk].emergency);
}

/* Step 2: the line's glyph pieces in logical order, the word edges
 * reshaped at hyphen breaks (the line's end at hy_at, the start after the
 * previous line's hyphen at prev_hyph_at). */
static GArray *
line_pieces(const struct pa_para *p, size_t ls, size_t le, size_t hy_at, int prev_hyph_at)
{
	GArray *pcs = g_array_new(FALSE, FALSE, sizeof(struct pa_piece));
	int i;

	for (i = item_at(p, ls); i < p->n_items && (size_t)p->items[i]->offset < MAX(le, ls + 1); i++) {
		size_t a = MAX(ls, (size_t)p->items[i]->offset);
		size_t b = MIN(le, (size_t)(p->items[i]->offset + p->items[i]->length));
		size_t cut0 = a, cut1 = b;
		int hy_end = hy_at == le && b == le;

		if (a >= b)
			continue;
		if (prev_hyph_at >= 0 && a == ls && (size_t)prev_hyph_at == ls)
			cut0 = word_end(p, a, b);
		if (hy_end) {
			cut1 = word_start(p, b, a);
			if (cut1 < cut0)        /* one fragment: reshape it whole */
				cut0 = cut1 = a;
		}
		if (cut0 > a)
			add_piece(pcs, reshape(p, i, a, cut0, 0), p);
		if (cut1 > cut0)
			add_piece(pcs, slice(p, i, cut0, cut1), p);
		if (b > cut1)
			add_piece(pcs, hy_end ? reshape(p, i, cut1, b, 0) : slice(p, i, cut1, b), p);
		if (hy_end)
			hyphen_piece(pcs, p, i, le);
	}
	return pcs;
}

/* Step 3: the pieces' natural width; the line's ascent and descent. */
static double
line_natural(const GArray *pcs, struct pa_line *L)
{
	double natural = 0;
	guint i;

	for (i = 0; i < pcs->len; i++) {
		const struct pa_piece *pc = &g_array_index(pcs, struct pa_piece, i);

		natural += glyphs_width(pc->gi.glyphs);
		if (pc->gi.item->analysis.font) {
			/* the font's ascent and descent as pango_font_get_metrics gives
			 * them for unhinted metrics (Pango 1.50's FcFont takes HarfBuzz's
			 * extents), without its first call per font shaping a sample
			 * text for the average character width */
			hb_font_extents_t ext;

			hb_font_get_extents_for_direction(pango_font_get_hb_font(pc->gi.item->analysis.font),
			    HB_DIRECTION_LTR, &ext);
			L->ascent = MAX(L->ascent, PU(ext.ascender));
			L->descent = MAX(L->descent, PU(-ext.descender));
		}
	}
	return natural;
}

/* Step 4: the adjustment ratio of the line as shaped (tex.web §658), the
 * boxes' glyph expansion counted with the glue; L->justified.  A line
 * ending inside a word wider than the measure is set ragged. */
static double
line_ratio(const struct pa_setup *s, struct pa_line *L, const struct sums *S, double natural,
           int emergency)
{
	double r = 0, stretch = S->stretch + S->bstretch, shrink = S->shrink + S->bshrink;
	int justify = s->align == WARTA_TA_JUSTIFY;

	if (justify && !emergency &&
	    ((L->brk != PA_BREAK_FINAL && L->brk != PA_BREAK_FORCED) ||
	    (L->brk == PA_BREAK_FINAL && s->justify_last))) {
		if (natural < L->measure && stretch > 0)
			r = (L->measure - natural) / stretch;
		else if (natural > L->measure && shrink > 0)
			r = (L->measure - natural) / shrink;
		if (r < -1)
			r = -1;
		L->justified = 1;
	} else if (justify && natural > L->measure && shrink > 0) {
		r = MAX(-1, (L->measure - natural) / shrink);
	}
	return r;
}

/* Step 5: glyph expansion up to its limit (pdfTeX's font expansion), into
 * L->scale; returns the ratio left to the spaces. */
static double
line_expansion(struct pa_line *L, const struct sums *S, double natural, double r)
{
	double k_exp = 1, rg = r;

	if (S->bstretch > 0 || S->bshrink > 0) {
		double boxes = natural - S->indent - S->glue_w - S->gap_w, kr = MAX(-1, MIN(1, r)), rest;

		k_exp = 1 + kr * (kr > 0 ? S->bstretch : S->bshrink) / MAX(boxes, 1);
		rest = L->measure - S->indent - boxes * k_exp - S->glue_w - S->gap_w;
		if (!L->justified && rest > 0)
			rest = 0;
		/* in steps of EXPANSION_STEP, as pdfTeX's \pdffontexpand step does, the
		 * difference left to the spaces: each distinct expansion is a scaled
		 * font of its own in Cairo with its own glyph cache (a continuous value
		 * made one per line and loaded every glyph again) */
		if (L->justified && k_exp != 1) {
			double kq = 1 + round((k_exp - 1) / EXPANSION_STEP) * EXPANSION_STEP;
			double rq = L->measure - S->indent - boxes * kq - S->glue_w - S->gap_w;

			if ((rq >= 0 && (rq == 0 || S->stretch > 0)) || (rq < 0 && S->shrink > 0 && rq >= -S->shrink)) {
				k_exp = kq;
				rest = rq;
			}
		}
		rg = rest > 0 ? (S->stretch > 0 ? rest / S->stretch : 0) :
		    (S->shrink > 0 ? MAX(-1, rest / S->shrink) : 0);
	}
	L->scale = k_exp;
	return rg;
}

/* The glue between CJK characters (items.c, cjk_break) as set on line L
 * with ratio rg: gap_w[b] is what the glyph ending at byte b widens by. */
static void
line_gaps(const struct build *bl, size_t first, size_t brk, double rg, const struct pa_line *L,
          double *gap_w)
{
	const struct lb_item *it = (const struct lb_item *)bl->items->data;
	const struct slot *sl = (const struct slot *)bl->slots->data;
	size_t k;

	for (k = first; k < brk && k < bl->items->len; k++)
		if (it[k].type == LB_GLUE && sl[k].cjk && sl[k].b0 > L->start && sl[k].b0 < L->end)
			gap_w[sl[k].b0] += (it[k].width + (rg > 0 ? rg * it[k].stretch : rg * it[k].shrink)) /
			    L->scale;
}

/* The CJK gap after glyph g of piece pc (the last glyph of its cluster),
 * taken from gap_w. */
static void
glyph_gap(struct pa_piece *pc, int g, double *gap_w)
{
	PangoGlyphString *gs = pc->gi.glyphs;
	size_t end;

	if (g + 1 < gs->num_glyphs && gs->log_clusters[g + 1] == gs->log_clusters[g])
		return;
	end = pc->gi.item->offset + (g + 1 < gs->num_glyphs ? (size_t)gs->log_clusters[g + 1] :
	    (size_t)pc->gi.item->length);
	if (gap_w[end] != 0) {
		gs->glyphs[g].geometry.width += (int)lround(gap_w[end] * PANGO_SCALE);
		gap_w[end] = 0;
	}
}

/* Step 6: the glue's widths onto the space glyphs (drawn scaled by the
 * line's expansion with the rest: space_w[b] is the width of the space at
 * byte b, -1 once used) and the CJK gaps onto the glyphs before them;
 * each piece's width as drawn, L->natural. */
static void
line_spaces(const struct pa_setup *s, const struct build *bl, size_t first, size_t brk, double rg,
            GArray *pcs, struct pa_line *L, double indent, double *space_w, double *gap_w)
{
	const struct lb_item *it = (const struct lb_item *)bl->items->data;
	const struct slot *sl = (const struct slot *)bl->slots->data;
	size_t nitems = bl->items->len, k;
	guint i;
	int g;

	for (k = first; k < brk && k < nitems; k++) {
		double w;

		if (it[k].type != LB_GLUE || !sl[k].space)
			continue;
		w = it[k].width;
		if (s->align == WARTA_TA_JUSTIFY)
			w += rg > 0 ? rg * it[k].stretch : rg * it[k].shrink;
		space_w[sl[k].b0] = w / L->scale;
	}
	if (gap_w && s->align == WARTA_TA_JUSTIFY)
		line_gaps(bl, first, brk, rg, L, gap_w);
	else
		gap_w = NULL;
	L->natural = 0;
	for (i = 0; i < pcs->len; i++) {
		struct pa_piece *pc = &g_array_index(pcs, struct pa_piece, i);
		PangoGlyphString *gs = pc->gi.glyphs;

		for (g = 0; g < gs->num_glyphs && pc->text == NULL; g++) {
			size_t at = pc->gi.item->offset + gs->log_clusters[g];

			if (space_w[at] >= 0 && gs->glyphs[g].attr.is_cluster_start) {
				gs->glyphs[g].geometry.width = (int)lround(space_w[at] * PANGO_SCALE);
				space_w[at] = -1;
			}
			if (gap_w && !(pc->gi.item->analysis.level & 1))
				glyph_gap(pc, g, gap_w);
		}
		pc->width = glyphs_width(gs) * L->scale;
		L->natural += pc->width;
	}
	L->natural += indent;
	L->overfull = L->natural > L->measure + 0.5;
}

/* Step 7: the pieces in visual order, placed by the alignment (mirrored
 * right to left), the indent at the start. */
static void
line_place(const struct pa_para *p, const struct pa_setup *s, GArray *pcs, struct pa_line *L,
           double indent)
{
	double x, avail = L->measure - L->natural;
	enum warta_text_align al = s->align;
	guint i;

	reorder((struct pa_piece *)pcs->data, pcs->len);
	if (al == WARTA_TA_JUSTIFY)
		al = WARTA_TA_LEFT;
	if (p->rtl && al == WARTA_TA_LEFT)
		al = WARTA_TA_RIGHT;
	else if (p->rtl && al == WARTA_TA_RIGHT)
		al = WARTA_TA_LEFT;
	x = al == WARTA_TA_CENTER ? avail / 2 : al == WARTA_TA_RIGHT ? avail : 0;
	if (!p->rtl)
		x += indent;
	for (i = 0; i < pcs->len; i++) {
		struct pa_piece *pc = &g_array_index(pcs, struct pa_piece, i);

		pc->x = x;
		x += pc->width;
	}
}

/* Step 8: the footnote calls on the line, all of them (0-terminated). */
static int *
line_footnotes(const struct pa_para *p, size_t ls, size_t le)
{
	const struct pa_run *r0 = pa_run_at(p, ls);
	GArray *fn = NULL;
	guint ri;
	int zero = 0;

	for (ri = r0 ? (guint)(r0 - (const struct pa_run *)p->runs->data) : 0; ri < p->runs->len; ri++) {
		const struct pa_run *run = &g_array_index(p->runs, struct pa_run, ri);

		if (run->start >= MAX(le, ls + 1))
			break;
		if (run->fmt.footnote && run->start >= ls) {
			if (fn == NULL)
				fn = g_array_new(FALSE, FALSE, sizeof(int));
			g_array_append_val(fn, run->fmt.footnote);
		}
	}
	if (fn == NULL)
		return NULL;
	g_array_append_val(fn, zero);
	return (int *)g_array_free(fn, FALSE);
}

void
pa_make_line(struct pa_para *p, const struct pa_setup *s, const struct build *bl, size_t first,
             size_t brk, const struct lb_line *lbl, int lineno, int prev_hyph_at, struct pa_line *L,
             double *space_w, double *gap_w)
{
	const struct slot *sl = (const struct slot *)bl->slots->data;
	int emergency = brk < bl->items->len && sl[brk].emergency;
	struct sums S;
	GArray *pcs;
	double natural, r, rg;

	line_range(p, bl, first, brk, L, &S);
	pcs = line_pieces(p, L->start, L->end, L->hyphenated ? sl[brk].b0 : (size_t)-1, prev_hyph_at);
	natural = line_natural(pcs, L) + S.indent + S.gap_w;
	L->measure = s->widths[MIN((size_t)lineno, s->n_widths - 1)];
	L->x0 = s->offsets ? s->offsets[MIN((size_t)lineno, s->n_offsets - 1)] : 0;
	r = line_ratio(s, L, &S, natural, emergency);
	L->cjk = S.gaps > 0;
	L->ratio = r;
	L->fitness = lbl->fitness;
	rg = line_expansion(L, &S, natural, r);
	/* a justified line's stretch: the spaces to KASHIDA_SPACES of theirs,
	 * kashidas in its Arabic words beyond, the spaces what they leave */
	if (L->justified && rg > KASHIDA_SPACES && S.stretch > 0)
		rg -= pa_kashida(p, pcs, L, (rg - KASHIDA_SPACES) * S.stretch) / S.stretch;
	line_spaces(s, bl, first, brk, rg, pcs, L, S.indent, space_w, gap_w);
	line_place(p, s, pcs, L, S.indent);
	L->n_pieces = pcs->len;
	L->pieces = (struct pa_piece *)g_array_free(pcs, FALSE);
	L->footnotes = line_footnotes(p, L->start, L->end);
}
