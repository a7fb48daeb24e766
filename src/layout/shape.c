/* shape.c — a paragraph's text shaped once, with the whole paragraph as
 * context: styled runs → Pango attributes (fonts by script from the
 * style's fallbacks, size, weight, small caps, features) → items →
 * glyphs, letter spacing added, a warning for each character no font
 * has (left out, never silently). */
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "lang/lang.h"
#include "layout/guard.h"
#include "layout/para_int.h"
#include "util/clock.h"

/* ------------------------------------------------------------ attributes */

static void
insert(PangoAttrList *l, PangoAttribute *a, size_t s, size_t e)
{
	a->start_index = s;
	a->end_index = e;
	pango_attr_list_insert(l, a);
}

/* Script fallbacks: Arabic and CJK text gets the style's families, found by
 * script (common characters take the script around them), so no tofu.
 * Arabic is followed by Noto Serif, the Latin drawn with Noto Naskh: the
 * ( ) % - an Arabic face lacks come from it.  CJK takes the face of the
 * language's region (Noto Serif CJK TC for zh-Hant and zh-TW, HK, JP, KR;
 * SC otherwise) when the style's face is a Noto CJK one: the region's
 * glyph forms and its punctuation (centred in Taiwan and Hong Kong). */
static const char *
script_family(PangoScript sc, const struct warta_style *st, const char *lang)
{
	const char *f;

	switch (sc) {
	case PANGO_SCRIPT_ARABIC:
	case PANGO_SCRIPT_SYRIAC:
	case PANGO_SCRIPT_THAANA:
		f = st && st->fallback_arabic ? st->fallback_arabic : "Noto Naskh Arabic";
		if (strchr(f, ','))
			return f;
		{
			char *x = g_strconcat(f, ",Noto Serif", NULL);

			f = g_intern_string(x);
			g_free(x);
		}
		return f;
	case PANGO_SCRIPT_HAN:
	case PANGO_SCRIPT_HIRAGANA:
	case PANGO_SCRIPT_KATAKANA:
	case PANGO_SCRIPT_HANGUL:
	case PANGO_SCRIPT_BOPOMOFO:
		return warta_style_cjk_family(st, lang);
	default:
		return NULL;
	}
}

struct srange {
	size_t s, e;
	PangoScript sc;             /* the script its family was chosen for */
	const char *family;         /* NULL: the run's own */
	int untracked;              /* never letter-spaced (see trackable) */
	int uncased;                /* no capitals: no small caps, no caps' tracking (see cased) */
};

/* Scripts with capitals and small letters.  A style's small caps and the
 * letter spacing that goes with capitals are meant for these: Pango fakes
 * small caps in a face without them by setting every letter it does not
 * see as a capital smaller, so an Arabic or Hebrew dateline in small caps
 * came out shrunk, and tracking meant for capitals tore Arabic bylines
 * apart.  Digits and punctuation (Common) follow their neighbours. */
static int
cased(PangoScript sc)
{
	return sc == PANGO_SCRIPT_COMMON || sc == PANGO_SCRIPT_INHERITED || sc == PANGO_SCRIPT_LATIN ||
	    sc == PANGO_SCRIPT_GREEK || sc == PANGO_SCRIPT_CYRILLIC || sc == PANGO_SCRIPT_ARMENIAN;
}

/* Scripts whose letters may be spaced apart (a headline's tracking): those
 * of separate letters.  Joining scripts would be torn apart, and in the
 * Brahmic and Southeast Asian scripts HarfBuzz then sees each vowel sign
 * alone and draws it on a dotted circle (a Khmer headline did). */
static int
trackable(PangoScript sc)
{
	switch (sc) {
	case PANGO_SCRIPT_COMMON:
	case PANGO_SCRIPT_INHERITED:
	case PANGO_SCRIPT_LATIN:
	case PANGO_SCRIPT_GREEK:
	case PANGO_SCRIPT_CYRILLIC:
	case PANGO_SCRIPT_ARMENIAN:
	case PANGO_SCRIPT_GEORGIAN:
	case PANGO_SCRIPT_HEBREW:
	case PANGO_SCRIPT_ETHIOPIC:
	case PANGO_SCRIPT_CHEROKEE:
	case PANGO_SCRIPT_CANADIAN_ABORIGINAL:
	case PANGO_SCRIPT_HAN:
	case PANGO_SCRIPT_HIRAGANA:
	case PANGO_SCRIPT_KATAKANA:
	case PANGO_SCRIPT_HANGUL:
	case PANGO_SCRIPT_BOPOMOFO:
		return 1;
	default:
		return 0;
	}
}

static GArray *
script_ranges(const char *text, size_t len, const struct warta_style *st, const char *lang)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct srange));
	/* text of one script in plain characters is the script iterator's
	 * one run, found without it (4,500 instructions a paragraph) */
	int one = pa_one_script(text, (int)len);
	PangoScriptIter *it = one < 0 ? pango_script_iter_new(text, len) : NULL;
	const char *s = text, *e = text + len;
	PangoScript sc = (PangoScript)one;

	do {
		struct srange r;
		const char *q, *from;

		if (it)
			pango_script_iter_get_range(it, &s, &e, &sc);
		r.sc = sc;
		r.family = script_family(sc, st, lang);
		r.untracked = !trackable(sc);
		r.uncased = !cased(sc);
		/* full-width punctuation after a Latin word ("Cook’s。") takes
		 * the Latin script, but no Latin font has it: it gets the CJK
		 * family too, not whichever CJK face the fallback finds first
		 * (a second CJK font in the PDF for one character) */
		from = s;
		for (q = s; q < e && r.family == NULL; q = g_utf8_next_char(q)) {
			gunichar c = g_utf8_get_char(q);
			struct srange w;

			if (!g_unichar_iswide(c) || c >= 0x1F000 ||
			    g_unichar_get_script(c) != G_UNICODE_SCRIPT_COMMON)
				continue;
			if (q > from) {
				w.s = from - text, w.e = q - text, w.family = NULL, w.untracked = 0;
				w.sc = sc;
				w.uncased = r.uncased;
				g_array_append_val(a, w);
			}
			w.s = q - text, w.e = g_utf8_next_char(q) - text;
			w.sc = PANGO_SCRIPT_HAN;
			w.family = script_family(PANGO_SCRIPT_HAN, st, lang);
			w.untracked = 0;
			w.uncased = 1;
			g_array_append_val(a, w);
			from = g_utf8_next_char(q);
		}
		r.s = from - text;
		r.e = e - text;
		if (r.e > r.s)
			g_array_append_val(a, r);
	} while (it && pango_script_iter_next(it));
	if (it)
		pango_script_iter_free(it);
	return a;
}

/* A run in a language of its own (fmt.lang): its language for shaping and
 * breaking, and the families of its scripts chosen by it (a Traditional
 * Chinese quotation in an Indonesian paragraph in the TC face). */
static void
fmt_attrs(PangoAttrList *l, const struct pa_fmt *f, size_t s, size_t e, const GArray *scripts,
          const struct warta_style *st)
{
	guint i;

	/* the family per script range, so one family attribute covers each byte */
	for (i = 0; i < scripts->len; i++) {
		const struct srange *r = &g_array_index(scripts, struct srange, i);
		size_t a = MAX(s, r->s), b = MIN(e, r->e);
		const char *fam = r->family && f->lang ? script_family(r->sc, st, f->lang) : r->family;

		if (a < b)
			insert(l, pango_attr_family_new(fam ? fam : f->family ? f->family : "Charis SIL"), a, b);
	}
	if (f->lang)
		insert(l, pango_attr_language_new(pango_language_from_string(f->lang)), s, e);
	insert(l, pango_attr_size_new((int)lround(f->size * PANGO_SCALE)), s, e);
	insert(l, pango_attr_weight_new(f->weight ? f->weight : 400), s, e);
	insert(l, pango_attr_style_new(f->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL), s, e);
	if (f->uppercase)
		insert(l, pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE), s, e);
	for (i = 0; i < scripts->len; i++) {
		const struct srange *r = &g_array_index(scripts, struct srange, i);
		size_t a = MAX(s, r->s), b = MIN(e, r->e);
		/* small caps, and the tracking of a run set in capitals, for
		 * scripts that have capitals only */
		int caps = f->small_caps || f->uppercase;

		if (a >= b)
			continue;
		if (f->small_caps && !r->uncased)
			insert(l, pango_attr_variant_new(f->small_caps == 2 ? PANGO_VARIANT_ALL_SMALL_CAPS
			    : PANGO_VARIANT_SMALL_CAPS), a, b);
		if (f->letter_spacing != 0 && !r->untracked && !(caps && r->uncased))
			insert(l, pango_attr_letter_spacing_new((int)lround(f->letter_spacing * f->size *
			    PANGO_SCALE)), a, b);
	}
	if (f->features && *f->features)
		insert(l, pango_attr_font_features_new(f->features), s, e);
}

/* Whether runs set as a and b look the same: the same attributes
 * (fmt_attrs), and the same colour, link, rise and note call, which the
 * pieces of a line take from the run where their item starts. */
static int
same_attrs(const struct pa_fmt *a, const struct pa_fmt *b)
{
	return a->color == b->color && a->link == b->link && a->rise == b->rise &&
	    a->footnote == b->footnote && a->literal == b->literal && a->hyphenate == b->hyphenate &&
	    g_strcmp0(a->family, b->family) == 0 && a->size == b->size && a->weight == b->weight &&
	    a->italic == b->italic && a->small_caps == b->small_caps && a->uppercase == b->uppercase &&
	    a->letter_spacing == b->letter_spacing && g_strcmp0(a->features, b->features) == 0 &&
	    g_strcmp0(a->lang, b->lang) == 0;
}

/* ------------------------------------------------------------ shaping */

/* Characters no font in warta's set has: one message per run of them, with
 * its place and its length; each is set as a box (Pango's hex box, which
 * names the code point) so that the loss shows on the page.  An error,
 * marked as a missing glyph: the caller may make it a warning
 * (--missing-glyphs=warn; diag.h, warta_diags_glyphs_warn). */
static void
report_missing(struct pa_para *p, struct warta_diags *d, GArray *miss)
{
	const char *text = p->text->str;
	guint i = 0, j;

	if (!d)
		return;
	while (i < miss->len) {
		size_t b = g_array_index(miss, size_t, i);
		const struct pa_run *r = pa_run_at(p, b);
		gunichar c = g_utf8_get_char(text + b), last;
		int col = r ? r->col + (int)g_utf8_strlen(text + r->start, b - r->start) : 0;
		char u[8] = { 0 }, v[8] = { 0 };
		size_t e = b;

		/* the run: the missing characters that follow one another,
		 * spaces and marks between them included */
		for (j = i + 1; j < miss->len; j++) {
			size_t nb = g_array_index(miss, size_t, j);
			const char *q = g_utf8_next_char(text + e);

			while (q < text + nb && (g_unichar_isspace(g_utf8_get_char(q)) ||
			    g_unichar_ismark(g_utf8_get_char(q))))
				q = g_utf8_next_char(q);
			if (q != text + nb)
				break;
			e = nb;
		}
		last = g_utf8_get_char(text + e);
		g_unichar_to_utf8(c, u);
		g_unichar_to_utf8(last, v);
		if (j - i == 1)
			warta_diag_missing_glyph(d, p->file,
			    r ? r->line : 0, col, "no font has a glyph for U+%04X '%s': set as a box", c, u);
		else
			warta_diag_missing_glyph(d, p->file,
			    r ? r->line : 0, col, "no font has a glyph for %u characters, U+%04X '%s' to "
			    "U+%04X '%s': set as boxes", j - i, c, u, last, v);
		i = j;
	}
}

static gint
cmp_size(gconstpointer a, gconstpointer b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Letter spacing: pango_shape_item leaves it to the caller (as PangoLayout's
 * shape_run does), so add it between the graphemes here. */
void
pa_letter_space(const struct pa_para *p, PangoItem *item, PangoGlyphString *gs)
{
	const struct pa_run *r = pa_run_at(p, item->offset);
	PangoGlyphItem gi;

	if (r == NULL || r->fmt.letter_spacing == 0)
		return;
	/* joining and Brahmic scripts are never letter-spaced (trackable) */
	if (!trackable(item->analysis.script))
		return;
	/* the tracking of capitals, for scripts with capitals (cased) */
	if ((r->fmt.small_caps || r->fmt.uppercase) && !cased(item->analysis.script))
		return;
	gi.item = item;
	gi.glyphs = gs;
	pango_glyph_item_letter_space(&gi, p->text->str, p->la + p->char_at[item->offset],
	    (int)lround(r->fmt.letter_spacing * r->fmt.size * PANGO_SCALE));
}

void
pa_shape(struct pa_para *p, const struct pa_setup *s)
{
	const char *text = p->text->str;
	int len = p->text->len, i, g;
	GList *items, *it;
	PangoDirection dir = p->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
	guint r;
	size_t b;
	int c;
	GArray *scripts, *miss = g_array_new(FALSE, FALSE, sizeof(size_t));
	struct pa_words *ws = pa_words_new();

	p->attrs = pango_attr_list_new();
	insert(p->attrs, pango_attr_language_new(pango_language_from_string(p->lang)), 0, len);
	scripts = script_ranges(text, len, s->style, p->lang);
	for (i = 0; i < (int)scripts->len; i++) {
		/* a script range that starts in a run of its own language takes
		 * its family from it, the spaces and signs after it as well */
		struct srange *sr = &g_array_index(scripts, struct srange, i);
		const struct pa_run *at = sr->family ? pa_run_at(p, sr->s) : NULL;

		if (at && at->fmt.lang)
			sr->family = script_family(sr->sc, s->style, at->fmt.lang);
	}
	for (r = 0; r < p->runs->len;) {
		const struct pa_run *run = &g_array_index(p->runs, struct pa_run, r);
		size_t end = run->end;

		/* with p->coalesce, runs that differ only in their source
		 * positions share one set of attributes (para.h) */
		for (r++; p->coalesce && r < p->runs->len && same_attrs(&run->fmt,
		     &g_array_index(p->runs, struct pa_run, r).fmt) &&
		     g_array_index(p->runs, struct pa_run, r).start == end; r++)
			end = g_array_index(p->runs, struct pa_run, r).end;
		fmt_attrs(p->attrs, &run->fmt, run->start, end, scripts, s->style);
	}
	g_array_free(scripts, TRUE);

	p->n_chars = g_utf8_strlen(text, len);
	p->la = g_new0(PangoLogAttr, p->n_chars + 1);
	pa_log_attrs(text, len, pango_language_from_string(p->lang), p->la, p->n_chars);
	pa_sa_breaks(text, len, p->la, p->n_chars + 1);
	p->char_at = g_new(int, len + 1);
	for (b = 0, c = 0; b < (size_t)len; c++) {
		size_t n = g_utf8_next_char(text + b) - (text + b);

		while (n-- > 0 && b < (size_t)len)
			p->char_at[b++] = c;
	}
	p->char_at[len] = p->n_chars;

	p->guard = pa_guard_get(s->ctx);
	if (p->guard && !pa_guard_uncovered(p->guard, text, (size_t)len))
		p->guard = NULL;
	pa_guard_lock(p->guard);
	items = pa_itemize(s->ctx, dir, text, len, p->attrs);
	p->n_items = g_list_length(items);
	p->items = g_new(PangoItem *, p->n_items);
	p->glyphs = g_new(PangoGlyphString *, p->n_items);
	for (it = items, i = 0; it; it = it->next, i++) {
		PangoItem *item = it->data;
		PangoGlyphString *gs = pango_glyph_string_new();

		pa_shape_words(ws, item, text, len, p->la + p->char_at[item->offset], gs);
		pa_letter_space(p, item, gs);
		p->items[i] = item;
		p->glyphs[i] = gs;
		for (g = 0; g < gs->num_glyphs; g++) {
			if (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
				size_t at = item->offset + gs->log_clusters[g];
				gunichar ch = g_utf8_get_char(text + at);

				if (!g_unichar_iscntrl(ch) && !g_unichar_isspace(ch) &&
				    (g == 0 || gs->log_clusters[g - 1] != gs->log_clusters[g]))
					g_array_append_val(miss, at);
				else {
					/* a control or space character: nothing to see */
					gs->glyphs[g].glyph = PANGO_GLYPH_EMPTY;
					gs->glyphs[g].geometry.width = 0;
				}
			}
		}
	}
	pa_guard_unlock(p->guard);
	g_list_free(items);
	pa_words_free(ws);
	pa_cjk_punct(p, s->align == WARTA_TA_JUSTIFY);
	g_array_sort(miss, cmp_size);
	report_missing(p, s->diags, miss);
	g_array_free(miss, TRUE);
}

