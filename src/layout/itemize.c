/* itemize.c — a paragraph's Pango items, made directly where they are
 * simple.
 *
 * pango_itemize costs about 12,500 instructions for a short paragraph
 * whatever its length (Pango 1.50: an attribute iterator, the bidi levels,
 * the script, emoji and width iterators, a font description copied and a
 * font set looked up), a fifth of a one-line paragraph's layout: a list
 * item, a table cell, a URL note.  A paragraph whose text is left-to-right
 * characters of one script (with common and inherited ones), each of
 * whose attribute ranges has its every visible character in the first
 * font of its font set, is one item an attribute range; Pango's itemize.c
 * then makes exactly these:
 *   - its bidi levels are all 0 (base direction LTR; no character of
 *     bidi class R, AL or AN, no embedding, override or isolate);
 *   - its script iterator gives one run (one real script, or none:
 *     Common), its emoji iterator none (no emoji presentation, no ZWJ,
 *     variation selector or keycap), no tab or line separator forces a
 *     break, and its width iterator matters only for vertical text; so
 *     its runs are the attribute ranges, each begun as a new item;
 *   - a range's font is the first font of the font set loaded for its
 *     description (context's, merged with the attributes; gravity set to
 *     the resolved one) and derived language, since each character takes
 *     the first font of the set that has it, spaces and format characters
 *     their neighbours' (a range of spaces alone: the first with a space);
 *   - its language is the derived one (the attribute's, or the script's
 *     sample language when the attribute's does not use the script), its
 *     extra attributes those of the iterator, and nothing is left for
 *     Pango's post-processing (no font scale, no small-caps variant).
 * Anything else goes through pango_itemize.  test_itemize compares the
 * two on a set of paragraphs; the PDFs are the same bytes. */
#include <string.h>

#include "layout/para_int.h"
#include "util/clock.h"

/* The first fonts of the last font sets looked up on a context (a
 * paragraph's emphasis runs go back and forth between a few faces).  The
 * fonts are held, not the sets: a font outlives its font map safely (it
 * holds the map weakly), and a context's data is freed after its map. */
#define LAST_SETS 8

struct last_set {
	PangoFontDescription *desc;
	PangoLanguage *lang;
	PangoFont *first;
};

struct last_sets {
	struct last_set s[LAST_SETS];
	unsigned next;              /* the entry to replace */
};

static void
last_sets_free(gpointer data)
{
	struct last_sets *c = data;
	int i;

	for (i = 0; i < LAST_SETS; i++) {
		if (c->s[i].desc)
			pango_font_description_free(c->s[i].desc);
		if (c->s[i].first)
			g_object_unref(c->s[i].first);
	}
	g_free(c);
}

static G_DEFINE_QUARK(warta-itemize-last-sets, last_sets)

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
 * context while it is among the last ones asked for). */
static PangoFont *
first_font(PangoContext *ctx, const PangoFontDescription *desc, PangoLanguage *lang)
{
	struct last_sets *c = g_object_get_qdata(G_OBJECT(ctx), last_sets_quark());
	struct last_set *e;
	PangoFontset *set;
	int i;

	if (!c) {
		c = g_new0(struct last_sets, 1);
		g_object_set_qdata_full(G_OBJECT(ctx), last_sets_quark(), c, last_sets_free);
	}
	for (i = 0; i < LAST_SETS; i++)
		if (c->s[i].first && c->s[i].lang == lang && pango_font_description_equal(c->s[i].desc, desc))
			return c->s[i].first;
	e = &c->s[c->next];
	c->next = (c->next + 1) % LAST_SETS;
	if (e->desc)
		pango_font_description_free(e->desc);
	if (e->first)
		g_object_unref(e->first);
	e->first = NULL;
	set = pango_font_map_load_fontset(pango_context_get_font_map(ctx), ctx, desc, lang);
	if (set) {
		pango_fontset_foreach(set, take_first, &e->first);
		g_object_unref(set);
	}
	e->desc = pango_font_description_copy(desc);
	e->lang = lang;
	return e->first;
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
 * neighbours' font (and a space, when text is only those). */
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
	/* a run of spaces alone takes the first font of the set with a space */
	return seen || has_char(font, &map, ' ');
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

/* Fills item, range [a, b) of text in script sc, from the attributes at
 * iterator it; 0 when Pango would not make it one item of that font. */
static int
range_item(PangoContext *ctx, PangoAttrIterator *it, const char *text, int a, int b, int sc,
           PangoItem *item)
{
	PangoFontDescription *desc = pango_font_description_copy_static(pango_context_get_font_description(ctx));
	PangoLanguage *lang = NULL, *derived;
	GSList *extra = NULL;
	PangoGravity gravity = pango_context_get_gravity(ctx);
	PangoFont *font;
	int ok = 0;

	pango_attr_iterator_get_font(it, desc, &lang, &extra);
	if (!lang)
		lang = pango_context_get_language(ctx);
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
	if (!font || !font_has_all(font, text + a, b - a))
		goto out;
	item->analysis.font = g_object_ref(font);
	item->analysis.level = 0;
	item->analysis.gravity = (guint8)gravity;
	item->analysis.script = (guint8)sc;
	item->analysis.language = derived;
	item->analysis.extra_attrs = extra;
	extra = NULL;
	ok = 1;
out:
	g_slist_free_full(extra, (GDestroyNotify)pango_attribute_destroy);
	pango_font_description_free(desc);
	return ok;
}

/* The items of text, one an attribute range, or NULL when Pango's would
 * be others (see above).  Each is split off the rest of the text by
 * pango_item_split, which keeps the character offset Pango's private part
 * of an item holds. */
static GList *
direct_items(PangoContext *ctx, const char *text, int len, PangoAttrList *attrs)
{
	int sc = pa_one_script(text, len), a, b, ok = 1;
	PangoAttrIterator *it;
	PangoItem *rest;
	GList *items = NULL;

	if (sc < 0 || PANGO_GRAVITY_IS_VERTICAL(pango_context_get_gravity(ctx)))
		return NULL;
	it = pango_attr_list_get_iterator(attrs);
	rest = pango_item_new();
	rest->offset = 0;
	rest->length = len;
	rest->num_chars = (int)g_utf8_strlen(text, len);
	do {
		PangoItem *item;

		pango_attr_iterator_range(it, &a, &b);
		b = MIN(b, len);
		if (a >= b)
			continue;
		if (b < len) {
			item = pango_item_split(rest, b - a, (int)g_utf8_strlen(text + a, b - a));
		} else {
			item = rest;
			rest = NULL;
		}
		items = g_list_prepend(items, item);
		ok = range_item(ctx, it, text, a, b, sc, item);
	} while (ok && rest && pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	if (!ok || rest) {
		g_list_free_full(items, (GDestroyNotify)pango_item_free);
		if (rest)
			pango_item_free(rest);
		return NULL;
	}
	return g_list_reverse(items);
}

GList *
pa_itemize_direct(PangoContext *ctx, PangoDirection dir, const char *text, int len, PangoAttrList *attrs)
{
	return dir == PANGO_DIRECTION_LTR && len > 0 ? direct_items(ctx, text, len, attrs) : NULL;
}

GList *
pa_itemize(PangoContext *ctx, PangoDirection dir, const char *text, int len, PangoAttrList *attrs)
{
	GList *items = pa_itemize_direct(ctx, dir, text, len, attrs);

	if (items)
		return items;
	warta_count(WARTA_COUNT_ITEMIZE, 1);
	return pango_itemize_with_base_dir(ctx, dir, text, 0, len, attrs, NULL);
}
