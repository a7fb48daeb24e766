/* cjk.c — Chinese and Japanese punctuation as CLREQ and JLREQ set it
 * (../shared/design/script-notes.md §3), and the words of a CJK headline.
 *
 * A full-width punctuation mark takes a 1 em frame, about half of it blank.
 * Where the blank lies differs by region and mark: after 。，、」） in the
 * Mainland's and Japan's faces (the ink at the left), before 「（, on both
 * sides of the marks Taiwan and Hong Kong centre (，。：).  The font knows
 * it: its `halt` feature (GPOS, horizontal alternate half width) gives each
 * mark its half-width setting, and what halt removes says where the blank
 * was.  No Noto CJK face has `chws` (contextual half-width spacing), so the
 * context is applied here:
 *   - two adjacent marks are compressed (CLREQ #punctuation_width_adjustment,
 *     JLREQ "。」"): one of them is set half width, so that "。」", "，「",
 *     "」（" take 1.5 em, not 2: the first when its blank is after its ink
 *     or on both sides, else the second (「『: the blank before 『);
 *   - in justified text a blank that lies at a break opportunity (after a
 *     closing mark, before an opening one) becomes glue of the breaker: half
 *     an em that may shrink to a quarter (pushing a character in, 挤进) or
 *     stretch like the gaps between characters, and that vanishes at a line
 *     end or start, so that a mark ending a line is set solid against the
 *     measure (GB/T 15834 §5.1.10; JLREQ for 、 and closing brackets).
 * Centred marks keep both halves of their blank except next to another mark
 * (a blank on two sides cannot be moved to a break). */
#include <math.h>
#include <string.h>

#include <hb.h>
#include <unicode/ubrk.h>
#include <pango/pangocairo.h>

#include "lang/lang.h"
#include "layout/para_int.h"

enum blank { BLANK_NONE, BLANK_TRAIL, BLANK_LEAD, BLANK_CENTRE };

/* What halt does to one mark in one font: its advance and x offset
 * changes, Pango units of the glyph as shaped. */
struct halt {
	unsigned char blank;
	int dadv, doff;
};

int
pa_is_cjk(gunichar c)
{
	return warta_cjk_wide(c);
}

int
pa_is_ideographic(gunichar c)
{
	return warta_cjk_unspaced(c);
}

/* A punctuation mark that may be set full width in a CJK face: the CJK
 * symbols and punctuation block, the full-width forms, the curly quotes,
 * the middle dots. */
static int
cjk_mark(gunichar c)
{
	return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
	    (c >= 0x3014 && c <= 0x301F) || c == 0x30FB || (c >= 0xFF01 && c <= 0xFF0F && c != 0xFF04 &&
	    c != 0xFF05 && c != 0xFF06 && c != 0xFF0B && c != 0xFF0D) ||
	    (c >= 0xFF1A && c <= 0xFF1F && c != 0xFF1C && c != 0xFF1D && c != 0xFF1E) ||
	    c == 0xFF3B || c == 0xFF3D || c == 0xFF5B || c == 0xFF5D || c == 0xFF5F || c == 0xFF60 ||
	    c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x00B7;
}

/* The advance and x offset of c shaped alone in item's font, with halt on
 * or off (font units of HarfBuzz's font). */
static void
shape_one(PangoItem *item, gunichar c, int halt, int *adv, int *off)
{
	hb_font_t *hf = pango_font_get_hb_font(item->analysis.font);
	hb_buffer_t *buf = hb_buffer_create();
	hb_feature_t f = { HB_TAG('h', 'a', 'l', 't'), 1, 0, (unsigned)-1 };
	hb_glyph_position_t *pos;
	unsigned n = 0;

	hb_buffer_add_codepoints(buf, &c, 1, 0, 1);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, HB_SCRIPT_HAN);
	hb_buffer_set_language(buf, hb_language_from_string(
	    pango_language_to_string(item->analysis.language), -1));
	hb_shape(hf, buf, halt ? &f : NULL, halt ? 1 : 0);
	pos = hb_buffer_get_glyph_positions(buf, &n);
	*adv = n == 1 ? pos[0].x_advance : 0;
	*off = n == 1 ? pos[0].x_offset : 0;
	hb_buffer_destroy(buf);
}

/* halt's raw result for one mark in one font (HarfBuzz's units): the
 * advance and x offset without and with it. */
struct raw {
	int a0, o0, a1, o1;
};

/* Where the blank of a mark lies, from its raw halt result, and halt's
 * changes scaled to the glyph's width w less the letter spacing ls (Pango
 * units); BLANK_NONE when the glyph is not full width or halt leaves it
 * alone. */
static struct halt
measure(const struct raw *r, int w, double em, double ls)
{
	struct halt h = { BLANK_NONE, 0, 0 };
	double k, d;

	w -= (int)lround(ls);
	if (fabs(w - em) > 0.06 * em || r->a0 <= 0 || r->a1 >= r->a0)
		return h;
	k = (double)w / r->a0;
	h.dadv = (int)lround((r->a0 - r->a1) * k);
	h.doff = (int)lround((r->o1 - r->o0) * k);
	if (h.dadv < 0.3 * em)
		return h;
	d = (double)h.doff / h.dadv;
	h.blank = d > -0.2 ? BLANK_TRAIL : d < -0.8 ? BLANK_LEAD : BLANK_CENTRE;
	return h;
}

/* One mark of the paragraph: its glyph and what halt does to it. */
struct mark {
	int c;                      /* character index */
	PangoGlyphInfo *glyph;
	struct halt h;
	double half;                /* the blank, pt */
};

static void
apply_halt(struct mark *m)
{
	m->glyph->geometry.width -= m->h.dadv;
	m->glyph->geometry.x_offset += m->h.doff;
}

/* The marks of item i, appended to marks; cls[c] their blanks. */
static void
find_marks(struct pa_para *p, int i, GArray *marks, unsigned char *cls, GHashTable *cache)
{
	PangoItem *item = p->items[i];
	PangoGlyphString *gs = p->glyphs[i];
	const char *text = p->text->str;
	int g;

	if (item->analysis.level & 1)
		return;
	for (g = 0; g < gs->num_glyphs; g++) {
		size_t at = item->offset + gs->log_clusters[g];
		gunichar ch = g_utf8_get_char(text + at);
		const struct pa_run *r;
		struct mark m;
		char *key;
		struct raw *raw;

		if (!cjk_mark(ch) || (g + 1 < gs->num_glyphs && gs->log_clusters[g + 1] == gs->log_clusters[g]) ||
		    (g > 0 && gs->log_clusters[g - 1] == gs->log_clusters[g]))
			continue;
		r = pa_run_at(p, at);
		if (r == NULL || r->fmt.literal)
			continue;
		/* halt's result by font and character, shaped once */
		key = g_strdup_printf("%p %x", (void *)item->analysis.font, ch);
		raw = g_hash_table_lookup(cache, key);
		if (raw == NULL) {
			raw = g_new0(struct raw, 1);
			if (item->analysis.font) {
				shape_one(item, ch, 0, &raw->a0, &raw->o0);
				shape_one(item, ch, 1, &raw->a1, &raw->o1);
			}
			g_hash_table_insert(cache, key, raw);
		} else {
			g_free(key);
		}
		m.h = measure(raw, gs->glyphs[g].geometry.width, r->fmt.size * PANGO_SCALE,
		    r->fmt.letter_spacing * r->fmt.size * PANGO_SCALE);
		if (m.h.blank == BLANK_NONE)
			continue;
		m.c = p->char_at[at];
		m.glyph = &gs->glyphs[g];
		m.half = PU(m.h.dadv);
		cls[m.c] = m.h.blank;
		g_array_append_val(marks, m);
	}
}

/* Whether a break opportunity at character c has a letter on each side
 * (not a space, not the paragraph's edge). */
static int
inner_break(const struct pa_para *p, int c, size_t b)
{
	const char *text = p->text->str;

	return c > 0 && c < p->n_chars && p->la[c].is_line_break &&
	    !g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + b))) &&
	    !g_unichar_isspace(g_utf8_get_char(text + b));
}

void
pa_cjk_punct(struct pa_para *p, int justify)
{
	const char *text = p->text->str;
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(struct mark));
	unsigned char *cls;
	GHashTable *cache;
	size_t *at;
	guint k;
	int i;

	p->cjk_gap = NULL;
	for (i = 0; i < p->n_items; i++)
		if (p->items[i]->analysis.script == PANGO_SCRIPT_HAN ||
		    p->items[i]->analysis.script == PANGO_SCRIPT_HIRAGANA ||
		    p->items[i]->analysis.script == PANGO_SCRIPT_KATAKANA ||
		    p->items[i]->analysis.script == PANGO_SCRIPT_COMMON)
			break;
	if (i == p->n_items) {
		g_array_free(marks, TRUE);
		return;
	}
	cls = g_malloc0(p->n_chars + 2);
	cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (i = 0; i < p->n_items; i++)
		find_marks(p, i, marks, cls + 1, cache);
	g_hash_table_destroy(cache);
	at = marks->len ? g_new(size_t, p->n_chars + 1) : NULL;
	if (at) {
		size_t b;
		int c;

		for (b = 0, c = 0; c < p->n_chars; c++, b = g_utf8_next_char(text + b) - text)
			at[c] = b;
		at[p->n_chars] = p->text->len;
	}
	/* cls[c + 1] is character c's blank; cls[0] and cls[n + 1] are 0 */
	for (k = 0; k < marks->len; k++) {
		struct mark *m = &g_array_index(marks, struct mark, k);
		int c = m->c, prev = cls[c], next = cls[c + 2];

		switch (m->h.blank) {
		case BLANK_TRAIL:       /* 。，」）: the blank after the ink */
			if (next) {
				apply_halt(m);
			} else if (justify && inner_break(p, c + 1, at[c + 1])) {
				apply_halt(m);
				if (!p->cjk_gap)
					p->cjk_gap = g_new0(double, p->n_chars + 1);
				p->cjk_gap[c + 1] = m->half;
			}
			break;
		case BLANK_LEAD:        /* 「（: the blank before the ink */
			if (prev == BLANK_LEAD) {
				apply_halt(m);
			} else if (justify && inner_break(p, c, at[c])) {
				apply_halt(m);
				if (!p->cjk_gap)
					p->cjk_gap = g_new0(double, p->n_chars + 1);
				p->cjk_gap[c] = m->half;
			}
			break;
		case BLANK_CENTRE:      /* Taiwan's ，。：: a blank on each side */
			if (next)
				apply_halt(m);
			break;
		}
	}
	g_free(at);
	g_free(cls);
	g_array_free(marks, TRUE);
}

/* ------------------------------------------------------------ headlines */

/* ICU's word boundaries (its dictionary of Chinese and Japanese words,
 * cjdict) inside the paragraph: words[c] = 1 where a word starts at
 * character c.  NULL when ICU fails. */
unsigned char *
pa_cjk_words(const struct pa_para *p)
{
	const char *text = p->text->str;
	gunichar2 *u;
	glong nu;
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi;
	unsigned char *words;
	int *ci, c;
	int32_t b;
	const char *q;
	long k;

	u = g_utf8_to_utf16(text, p->text->len, NULL, &nu, NULL);
	if (!u)
		return NULL;
	bi = ubrk_open(UBRK_WORD, p->lang, (const UChar *)u, (int32_t)nu, &err);
	if (U_FAILURE(err)) {
		g_free(u);
		return NULL;
	}
	/* ci[k]: the character of UTF-16 unit k */
	ci = g_new(int, nu + 1);
	for (q = text, c = 0, k = 0; k < nu; q = g_utf8_next_char(q), c++) {
		ci[k++] = c;
		if (g_utf8_get_char(q) > 0xFFFF)
			ci[k++] = c;
	}
	ci[nu] = c;
	words = g_malloc0(p->n_chars + 1);
	for (b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
		if (b >= 0 && b <= nu)
			words[ci[b]] = 1;
	ubrk_close(bi);
	g_free(ci);
	g_free(u);
	return words;
}
