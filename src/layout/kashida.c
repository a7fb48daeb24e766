/* kashida.c — justification of Arabic lines by kashida: the joint between
 * two joined letters drawn longer, as Arabic newspapers justify, the
 * spaces between the words taking what is left.
 *
 * Where (Paul Nelson, "Justifying Text using CSS in Internet Explorer
 * 5.5", Microsoft, the order Word uses; W3C ALREQ, "Kashida"): at most
 * one kashida a word, at its best joint in this order, a tie going to
 * the joint nearest the word's end:
 *   1 after a tatweel the author typed;  2 after Seen or Sad (س ش ص ض);
 *   3 before a final Teh Marbuta, Heh or Dal (ة ه د ذ);
 *   4 before a final Alef, Tah, Lam, Kaf or Gaf (ا أ إ آ ط ظ ل ك ک گ);
 *   5 before a medial Beh-like tooth (ب ت ث ن ي ى ئ پ) followed by Reh, Zain,
 *     Yeh or Alef Maksura;  6 before a final Waw, Ain, Qaf or Feh;
 *   7 before the final form of any other letter.
 * Only between two letters that join (the first dual-joining, the second
 * dual- or right-joining: Unicode's Joining_Type, from ICU), never inside
 * a ligature (the second letter starts a glyph cluster: no lam-alef), never
 * after a word's last letter, not in a word of two letters, never in
 * Hebrew, Latin or other scripts, and not in Nastaliq, whose joints are
 * not horizontal.
 *
 * How much: a line's stretch beyond its natural width goes to kashidas of
 * one to three tatweel widths each (ALREQ: not too many, not too long),
 * on as many words as that allows (the best joints first, spread along
 * the line when a class has more than the line needs); the spaces take
 * the rest.  The glyph before the joint is widened (the letters after it
 * move, the text stays as written); the renderer fills the gap with the
 * font's tatweel stroke stretched over it, drawn as a path and not as
 * text, so a PDF's text is the author's words with no U+0640 added. */
#include <math.h>
#include <string.h>

#include <hb.h>
#include <pango/pangocairo.h>
#include <unicode/uchar.h>

#include "layout/para_int.h"

#define KASHIDA_MIN 1.0             /* tatweel widths: a shorter one would look like a flaw */
#define KASHIDA_MAX 3.0             /* longer ones stretch a word out of shape */

struct cand {
	struct pa_piece *pc;
	int glyph;                  /* widened: the last glyph of the joint's second letter */
	int prio;                   /* 1 best … 7 */
	double tw;                  /* tatweel width of the piece's font, pt */
	int order;                  /* place in the line */
};

static int
one_of(gunichar c, const gunichar *set)
{
	for (; *set; set++)
		if (c == *set)
			return 1;
	return 0;
}

/* The class of the joint between letters a and b (b followed by letter
 * next, 0 at the word's end); 0: no kashida there. */
static int
joint_class(gunichar a, gunichar b, gunichar next)
{
	static const gunichar seen_sad[] = { 0x633, 0x634, 0x635, 0x636, 0 };
	static const gunichar c3[] = { 0x629, 0x647, 0x62F, 0x630, 0x6C1, 0x6D5, 0 };
	static const gunichar c4[] = { 0x627, 0x623, 0x625, 0x622, 0x637, 0x638, 0x644, 0x643, 0x6A9,
		0x6AF, 0 };
	static const gunichar teeth[] = { 0x628, 0x62A, 0x62B, 0x646, 0x64A, 0x649, 0x626, 0x67E, 0x6CC, 0 };
	static const gunichar reh_yeh[] = { 0x631, 0x632, 0x64A, 0x649, 0x6CC, 0x698, 0 };
	static const gunichar c6[] = { 0x648, 0x624, 0x639, 0x63A, 0x642, 0x641, 0 };
	int ja = u_getIntPropertyValue(a, UCHAR_JOINING_TYPE);
	int jb = u_getIntPropertyValue(b, UCHAR_JOINING_TYPE);

	if ((ja != U_JT_DUAL_JOINING && ja != U_JT_JOIN_CAUSING) ||
	    (jb != U_JT_DUAL_JOINING && jb != U_JT_RIGHT_JOINING))
		return 0;
	if (a == 0x644 && (b == 0x627 || b == 0x622 || b == 0x623 || b == 0x625))
		return 0;               /* lam-alef: one ligature */
	if (a == 0x640)
		return 1;
	if (one_of(a, seen_sad))
		return 2;
	if (next == 0)
		return one_of(b, c3) ? 3 : one_of(b, c4) ? 4 : one_of(b, c6) ? 6 : 7;
	if (one_of(b, teeth) && one_of(next, reh_yeh))
		return 5;
	return 0;
}

/* The tatweel of piece pc's font: its glyph and width (pt); 0: none. */
static hb_codepoint_t
tatweel(const struct pa_piece *pc, double *w)
{
	PangoFont *f = pc->gi.item->analysis.font;
	hb_font_t *hb;
	hb_codepoint_t g;
	PangoFontDescription *d;
	const char *fam;
	int nastaliq;

	if (!f || !(hb = pango_font_get_hb_font(f)) || !hb_font_get_nominal_glyph(hb, 0x640, &g))
		return 0;
	d = pango_font_describe(f);
	fam = pango_font_description_get_family(d);
	nastaliq = fam && strstr(fam, "Nastaliq") != NULL;
	pango_font_description_free(d);
	*w = PU(hb_font_get_glyph_h_advance(hb, g));
	return nastaliq || *w <= 0 ? 0 : g;
}

/* The last glyph (visual order, right to left) of the cluster starting at
 * byte rel of the item, when the glyph after it starts another cluster
 * (the joint's first letter): -1 if the joint is inside a glyph. */
static int
joint_glyph(const PangoGlyphString *gs, int rel)
{
	int g, last = -1;

	for (g = 0; g < gs->num_glyphs; g++)
		if (gs->log_clusters[g] == rel)
			last = g;
	if (last < 0 || last + 1 >= gs->num_glyphs || gs->log_clusters[last + 1] >= rel)
		return -1;
	return last;
}

/* The best joint of the word of letters at[0..n) (byte offsets into the
 * text) of piece pc, as a candidate; 0 if it has none. */
static int
word_joint(const char *text, struct pa_piece *pc, const size_t *at, int n, struct cand *c)
{
	int i, best = 0, g = -1;

	for (i = 1; i < n; i++) {
		gunichar a = g_utf8_get_char(text + at[i - 1]), b = g_utf8_get_char(text + at[i]);
		int k = joint_class(a, b, i + 1 < n ? g_utf8_get_char(text + at[i + 1]) : 0), gb;

		if (k == 0 || (best && k > best))
			continue;
		gb = joint_glyph(pc->gi.glyphs, (int)(at[i] - pc->gi.item->offset));
		if (gb < 0)
			continue;
		best = k;               /* a tie: the later joint, nearer the end */
		g = gb;
	}
	if (!best)
		return 0;
	c->pc = pc;
	c->glyph = g;
	c->prio = best;
	return 1;
}

/* Every word's best joint in piece pc, appended to cands. */
static void
piece_joints(const struct pa_para *p, struct pa_piece *pc, GArray *cands)
{
	const char *text = p->text->str, *s, *e;
	size_t at[64];
	int n = 0;
	double tw;

	if (pc->text || !(pc->gi.item->analysis.level & 1) ||
	    pc->gi.item->analysis.script != PANGO_SCRIPT_ARABIC || !tatweel(pc, &tw))
		return;
	s = text + pc->gi.item->offset;
	e = s + pc->gi.item->length;
	for (; s <= e; s = g_utf8_next_char(s)) {
		gunichar c = s < e ? g_utf8_get_char(s) : 0;
		int jt = c ? u_getIntPropertyValue(c, UCHAR_JOINING_TYPE) : U_JT_NON_JOINING;
		GUnicodeScript sc = c ? g_unichar_get_script(c) : G_UNICODE_SCRIPT_COMMON;

		if (c && jt == U_JT_TRANSPARENT)
			continue;       /* marks belong to the letter before */
		if (c && sc == G_UNICODE_SCRIPT_ARABIC) {
			if (n < (int)G_N_ELEMENTS(at))
				at[n++] = s - text;
			continue;
		}
		if (n > 2) {            /* not in a word of two letters (بر، پل) */
			struct cand cd;

			if (word_joint(text, pc, at, n, &cd)) {
				cd.tw = tw;
				cd.order = cands->len;
				g_array_append_val(cands, cd);
			}
		}
		n = 0;
		if (s == e)
			break;
	}
}

static gint
by_class(gconstpointer a, gconstpointer b)
{
	const struct cand *x = a, *y = b;

	return x->prio != y->prio ? x->prio - y->prio : x->order - y->order;
}

double
pa_kashida(const struct pa_para *p, GArray *pcs, struct pa_line *L, double extra)
{
	GArray *c = g_array_new(FALSE, FALSE, sizeof(struct cand));
	double used = 0, tw_min = 0, share;
	guint i, n, take, in_cut, rest;
	int cut;

	for (i = 0; i < pcs->len; i++)
		piece_joints(p, &g_array_index(pcs, struct pa_piece, i), c);
	for (i = 0; i < c->len; i++) {
		double tw = g_array_index(c, struct cand, i).tw * L->scale;

		tw_min = i == 0 ? tw : MIN(tw_min, tw);
	}
	n = c->len && tw_min > 0 ? (guint)MIN((double)c->len, floor(extra / (KASHIDA_MIN * tw_min))) : 0;
	if (n == 0) {
		g_array_free(c, TRUE);
		return 0;
	}
	g_array_sort(c, by_class);
	/* the classes better than the n-th candidate's whole; of its own,
	 * as many as are left, spread along the line */
	cut = g_array_index(c, struct cand, n - 1).prio;
	for (take = 0; take < c->len && g_array_index(c, struct cand, take).prio < cut; take++)
		;
	for (in_cut = 0; take + in_cut < c->len && g_array_index(c, struct cand, take + in_cut).prio == cut; in_cut++)
		;
	rest = n - take;
	L->kashidas = g_new(struct pa_kashida, n);
	share = extra / n;
	for (i = 0; i < n; i++) {
		const struct cand *cd = &g_array_index(c, struct cand, i < take ? i :
		    take + (guint)(((i - take) + 0.5) * in_cut / rest));
		double w = MIN(share, KASHIDA_MAX * cd->tw * L->scale);
		struct pa_kashida *k = &L->kashidas[L->n_kashidas++];
		int units = (int)lround(w / L->scale * PANGO_SCALE);

		k->gs = cd->pc->gi.glyphs;
		k->glyph = cd->glyph;
		k->width = units;
		cd->pc->gi.glyphs->glyphs[cd->glyph].geometry.width += units;
		used += PU(units) * L->scale;
	}
	g_array_free(c, TRUE);
	return used;
}
