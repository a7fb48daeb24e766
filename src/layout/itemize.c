/* itemize.c — a paragraph's Pango items, made directly when it is one.
 *
 * pango_itemize costs about 42,000 instructions for a short paragraph
 * whatever its length (Pango 1.50: an attribute iterator, the bidi levels,
 * the script, emoji and width iterators, a font description copied and a
 * font set looked up), most of a one-line paragraph's layout: a list item,
 * a table cell, a URL note.  A paragraph whose text is left-to-right
 * characters of one script (with common and inherited ones), whose
 * attributes are the same over all of it, and whose every visible
 * character the first font of its font set has, is one item; Pango's
 * itemize.c then makes exactly this one:
 *   - its bidi levels are all 0 (base direction LTR; no character of
 *     bidi class R, AL or AN, no embedding, override or isolate);
 *   - its script iterator gives one run (one real script, or none:
 *     Common), its emoji iterator none (no emoji presentation, no ZWJ,
 *     variation selector or keycap), no tab or line separator forces a
 *     break, and its width iterator matters only for vertical text;
 *   - its font is the first font of the font set loaded for the
 *     description (context's, merged with the attributes; gravity set to
 *     the resolved one) and the derived language, since each character
 *     takes the first font of the set that has it, and spaces and format
 *     characters take their neighbours';
 *   - its language is the derived one (the attribute's, or the script's
 *     sample language when the attribute's does not use the script), its
 *     extra attributes those of the iterator, and nothing is left for
 *     Pango's post-processing (no font scale, no small-caps variant).
 * Anything else goes through pango_itemize.  test_layout compares the two
 * on a set of paragraphs; the PDFs are the same bytes. */
#include <string.h>

#include "layout/para_int.h"
#include "util/clock.h"

/* The first font of the last font set looked up on a context.  The font
 * is held, not the set: a font outlives its font map safely (it holds the
 * map weakly), and the context's data is freed after its font map. */
struct last_set {
	PangoFontDescription *desc;
	PangoLanguage *lang;
	PangoFont *first;
};

static void
last_set_clear(struct last_set *c)
{
	if (c->desc)
		pango_font_description_free(c->desc);
	if (c->first)
		g_object_unref(c->first);
	c->desc = NULL;
	c->first = NULL;
}

static void
last_set_free(gpointer data)
{
	last_set_clear(data);
	g_free(data);
}

static G_DEFINE_QUARK(warta-itemize-last-set, last_set)

static gboolean
take_first(PangoFontset *set, PangoFont *font, gpointer data)
{
	(void)set;
	if (!font)
		return FALSE;
	*(PangoFont **)data = g_object_ref(font);
	return TRUE;
}

/* The first font of the font set for desc and lang on ctx (held by the
 * context while it is the last one asked for). */
static PangoFont *
first_font(PangoContext *ctx, const PangoFontDescription *desc, PangoLanguage *lang)
{
	struct last_set *c = g_object_get_qdata(G_OBJECT(ctx), last_set_quark());
	PangoFontset *set;

	if (!c) {
		c = g_new0(struct last_set, 1);
		g_object_set_qdata_full(G_OBJECT(ctx), last_set_quark(), c, last_set_free);
	}
	if (c->first && c->lang == lang && pango_font_description_equal(c->desc, desc))
		return c->first;
	last_set_clear(c);
	set = pango_font_map_load_fontset(pango_context_get_font_map(ctx), ctx, desc, lang);
	if (set) {
		pango_fontset_foreach(set, take_first, &c->first);
		g_object_unref(set);
	}
	c->desc = pango_font_description_copy(desc);
	c->lang = lang;
	return c->first;
}

/* Characters whose bidi class is L, EN, ES, ET, CS, NSM, BN, B, S, WS or
 * ON, that no emoji sequence is made of alone, and that force no break:
 * Latin, Greek, Cyrillic and Armenian, general punctuation and spaces but
 * the bidi controls, currency and letterlike signs, and CJK. */
static int
plain_char(gunichar c)
{
	if (c < 0x590)
		return c >= 0x20 && (c < 0x7f || c >= 0xa0);
	if (c < 0x1e00)
		return 0;
	if (c < 0x2000)
		return 1;
	if (c < 0x2070)
		return c <= 0x200a || (c >= 0x2010 && c <= 0x2027) || (c >= 0x202f && c <= 0x205e) ||
		    c == 0x2060;
	if (c < 0x3000)
		return (c >= 0x20a0 && c <= 0x20cf) || (c >= 0x2100 && c <= 0x214f);
	return c <= 0x303c || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff60);
}

/* Pango's consider_as_space (itemize.c): characters that take the font of
 * their neighbours. */
static int
space_like(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT || t == G_UNICODE_LINE_SEPARATOR ||
	    t == G_UNICODE_PARAGRAPH_SEPARATOR || t == G_UNICODE_SPACE_SEPARATOR;
}

int
pa_one_script(const char *text, int len)
{
	const char *p = text, *end = text + len;
	int sc = G_UNICODE_SCRIPT_COMMON;

	while (p < end) {
		gunichar c = g_utf8_get_char(p);
		GUnicodeScript s;

		if (!plain_char(c))
			return -1;
		s = g_unichar_get_script(c);
		if (s != G_UNICODE_SCRIPT_COMMON && s != G_UNICODE_SCRIPT_INHERITED) {
			if (sc != G_UNICODE_SCRIPT_COMMON && (int)s != sc)
				return -1;
			sc = s;
		}
		p = g_utf8_next_char(p);
	}
	return sc;
}

/* What pango_font_has_char said of a font's characters of the Basic
 * Multilingual Plane (it costs about 1,500 instructions a call: Pango 1.50
 * looks the font's coverage up each time), on the font. */
struct has_map {
	guint8 known[0x10000 / 8], has[0x10000 / 8];
};

static G_DEFINE_QUARK(warta-itemize-has-char, has_map)

static int
has_char(PangoFont *font, struct has_map **map, gunichar c)
{
	guint8 bit = (guint8)(1u << (c & 7));

	if (c > 0xffff)
		return pango_font_has_char(font, c);
	if (!*map) {
		*map = g_object_get_qdata(G_OBJECT(font), has_map_quark());
		if (!*map) {
			*map = g_new0(struct has_map, 1);
			g_object_set_qdata_full(G_OBJECT(font), has_map_quark(), *map, g_free);
		}
	}
	if (!((*map)->known[c >> 3] & bit)) {
		(*map)->known[c >> 3] |= bit;
		if (pango_font_has_char(font, c))
			(*map)->has[c >> 3] |= bit;
	}
	return ((*map)->has[c >> 3] & bit) != 0;
}

/* 1 when font has every character of text but those that take their
 * neighbours' font, and text has one of those. */
static int
font_has_all(PangoFont *font, const char *text, int len)
{
	const char *p = text, *end = text + len;
	struct has_map *map = NULL;
	int seen = 0;

	while (p < end) {
		gunichar c = g_utf8_get_char(p);

		if (!space_like(c)) {
			if (!has_char(font, &map, c))
				return 0;
			seen = 1;
		}
		p = g_utf8_next_char(p);
	}
	return seen;
}

/* Attributes that make Pango's itemizer or its post-processing do more. */
static int
extra_blocks(GSList *extra)
{
	for (; extra; extra = extra->next) {
		PangoAttrType t = ((PangoAttribute *)extra->data)->klass->type;

		if (t == PANGO_ATTR_FALLBACK || t == PANGO_ATTR_GRAVITY || t == PANGO_ATTR_GRAVITY_HINT ||
		    t == PANGO_ATTR_FONT_SCALE)
			return 1;
	}
	return 0;
}

/* The one item of text, or NULL when it is not one (see above). */
static PangoItem *
one_item(PangoContext *ctx, const char *text, int len, PangoAttrList *attrs)
{
	PangoAttrIterator *it;
	PangoFontDescription *desc;
	PangoLanguage *lang = NULL, *derived;
	GSList *extra = NULL;
	PangoGravity gravity = pango_context_get_gravity(ctx);
	PangoFont *font = NULL;
	PangoItem *item = NULL;
	int start, end, sc = pa_one_script(text, len);

	if (sc < 0 || PANGO_GRAVITY_IS_VERTICAL(gravity))
		return NULL;
	it = pango_attr_list_get_iterator(attrs);
	pango_attr_iterator_range(it, &start, &end);
	desc = pango_font_description_copy_static(pango_context_get_font_description(ctx));
	if (start == 0 && end >= len) {
		pango_attr_iterator_get_font(it, desc, &lang, &extra);
		if (!lang)
			lang = pango_context_get_language(ctx);
	}
	pango_attr_iterator_destroy(it);
	if (!lang || extra_blocks(extra) || pango_font_description_get_variant(desc) != PANGO_VARIANT_NORMAL ||
	    (pango_font_description_get_set_fields(desc) & PANGO_FONT_MASK_GRAVITY))
		goto out;
	gravity = pango_gravity_get_for_script_and_width((PangoScript)sc, FALSE, gravity,
	    pango_context_get_gravity_hint(ctx));
	pango_font_description_set_gravity(desc, gravity);
	derived = lang;
	if (!pango_language_includes_script(lang, (PangoScript)sc)) {
		derived = pango_script_get_sample_language((PangoScript)sc);
		if (!derived)
			derived = pango_language_from_string("xx");
	}
	font = first_font(ctx, desc, derived);
	if (!font || !font_has_all(font, text, len))
		goto out;
	item = pango_item_new();
	item->offset = 0;
	item->length = len;
	item->num_chars = (int)g_utf8_strlen(text, len);
	item->analysis.font = g_object_ref(font);
	item->analysis.level = 0;
	item->analysis.gravity = (guint8)gravity;
	item->analysis.script = (guint8)sc;
	item->analysis.language = derived;
	item->analysis.extra_attrs = extra;
	extra = NULL;
out:
	g_slist_free_full(extra, (GDestroyNotify)pango_attribute_destroy);
	pango_font_description_free(desc);
	return item;
}

PangoItem *
pa_itemize_one(PangoContext *ctx, PangoDirection dir, const char *text, int len, PangoAttrList *attrs)
{
	return dir == PANGO_DIRECTION_LTR && len > 0 ? one_item(ctx, text, len, attrs) : NULL;
}

GList *
pa_itemize(PangoContext *ctx, PangoDirection dir, const char *text, int len, PangoAttrList *attrs)
{
	PangoItem *item = pa_itemize_one(ctx, dir, text, len, attrs);

	if (item)
		return g_list_prepend(NULL, item);
	warta_count(WARTA_COUNT_ITEMIZE, 1);
	return pango_itemize_with_base_dir(ctx, dir, text, 0, len, attrs, NULL);
}
