/* test_itemize.c — layout/itemize.c: the items made directly for a
 * paragraph of one script, one an attribute range in the first font of
 * its set, are the items pango_itemize makes (offsets, character offsets,
 * font, level, gravity, flags, script, language, extra attributes), with
 * warta's font set and the attributes its paragraphs carry, with and
 * without an emphasis run; other paragraphs are left to pango_itemize. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "harness.h"
#include "layout/para_int.h"
#include "render/render.h"
#include "style/style.h"

static PangoContext *ctx;

struct attrs {
	const char *lang, *family, *features;
	int weight, italic, tracking, upper;
};

static PangoAttrList *
attrs_for(const struct attrs *a, int len)
{
	PangoAttrList *l = pango_attr_list_new();
	PangoAttribute *at[8];
	int n = 0, i;

	at[n++] = pango_attr_language_new(pango_language_from_string(a->lang));
	at[n++] = pango_attr_family_new(a->family);
	at[n++] = pango_attr_size_new(10 * PANGO_SCALE);
	at[n++] = pango_attr_weight_new(a->weight);
	at[n++] = pango_attr_style_new(a->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	if (a->features)
		at[n++] = pango_attr_font_features_new(a->features);
	if (a->tracking)
		at[n++] = pango_attr_letter_spacing_new(a->tracking);
	if (a->upper)
		at[n++] = pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE);
	for (i = 0; i < n; i++) {
		at[i]->start_index = 0;
		at[i]->end_index = (guint)len;
		pango_attr_list_insert(l, at[i]);
	}
	return l;
}

static int
same_extra(GSList *a, GSList *b)
{
	for (; a && b; a = a->next, b = b->next)
		if (!pango_attribute_equal(a->data, b->data) ||
		    ((PangoAttribute *)a->data)->start_index != ((PangoAttribute *)b->data)->start_index ||
		    ((PangoAttribute *)a->data)->end_index != ((PangoAttribute *)b->data)->end_index)
			return 0;
	return a == NULL && b == NULL;
}

static int
same_item(const PangoItem *p, const PangoItem *one)
{
	return p->offset == one->offset && p->length == one->length && p->num_chars == one->num_chars &&
	    p->analysis.font == one->analysis.font && p->analysis.level == one->analysis.level &&
	    p->analysis.gravity == one->analysis.gravity && p->analysis.flags == one->analysis.flags &&
	    p->analysis.script == one->analysis.script && p->analysis.language == one->analysis.language &&
	    same_extra(p->analysis.extra_attrs, one->analysis.extra_attrs);
}

/* text with a (and, when e > s, bold italic over bytes [s, e)): 1 when
 * its items are made directly (and then the same as Pango's, with the
 * same character offsets: split items in two again). */
static int
compare(const char *text, const struct attrs *a, int s, int e)
{
	int len = (int)strlen(text), same = 1;
	PangoAttrList *l = attrs_for(a, len);
	GList *items, *direct, *p, *q;

	if (e > s) {
		PangoAttribute *w = pango_attr_weight_new(PANGO_WEIGHT_BOLD), *i = pango_attr_style_new(PANGO_STYLE_ITALIC);

		w->start_index = i->start_index = (guint)s;
		w->end_index = i->end_index = (guint)e;
		pango_attr_list_insert(l, w);
		pango_attr_list_insert(l, i);
	}
	items = pango_itemize_with_base_dir(ctx, PANGO_DIRECTION_LTR, text, 0, len, l, NULL);
	direct = pa_itemize_direct(ctx, PANGO_DIRECTION_LTR, text, len, l);
	if (direct) {
		for (p = items, q = direct; p && q && same; p = p->next, q = q->next) {
			same = same_item(p->data, q->data);
			/* the character offset Pango keeps in an item's private
			 * part (pango-item-private.h: on x86-64 in the padding
			 * after num_chars), which its layout code reads */
#if defined(__x86_64__) && !defined(__ILP32__)
			if (same)
				same = ((const int *)p->data)[3] == ((const int *)q->data)[3];
#endif
		}
		OK(same && p == NULL && q == NULL, "\"%s\" (%s, %s %d%s, bold italic [%d, %d)): the items made "
		    "directly are pango_itemize's (%u and %u items)", text, a->lang, a->family, a->weight,
		    a->italic ? " italic" : "", s, e, g_list_length(items), g_list_length(direct));
		g_list_free_full(direct, (GDestroyNotify)pango_item_free);
	}
	g_list_free_full(items, (GDestroyNotify)pango_item_free);
	pango_attr_list_unref(l);
	return direct != NULL;
}

static void
same_items(void)
{
	static const char *const direct[] = {
		"w1", "Title", "item 7000012", "Jakarta, 25 Oktober 2024 \xe2\x80\x94 Presiden berkata: "
		"\xe2\x80\x9cKita siap.\xe2\x80\x9d", "(a) [b] {c} \"q\" 'r' \xc2\xab\xc2\xbb 1.5% $3 \xe2\x82\xac" "4",
		"na\xc3\xafve caf\xc3\xa9 \xc3\x85ngstr\xc3\xb6m stra\xc3\x9f" "e", "e\xcc\x81t\xcc\x83 combining",
		"hy\xc2\xadphen soft, no\xc2\xa0" "break, thin\xe2\x80\x89space", "1234 5678", "\xc2\xa9 2024 \xe2\x84\xa2",
		"  leading and trailing spaces  ", "   ", "1 http://x/0", "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 (Greek)",
		"\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0, 2024", "http://x/1 https://example.org/p?q=1&r=2#s",
		"\xe5\x8c\x97\xe4\xba\xac\xe5\xb8\x82\xe3\x80\x82\xe4\xb8\xad\xe6\x96\x87",
	};
	static const char *const pango[] = {
		"", "tab\there", "Latin and \xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 mixed",
		"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 Arabic", "Hebrew \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
		"emoji \xf0\x9f\x98\x80", "keycap 1\xef\xb8\x8f\xe2\x83\xa3", "line\xe2\x80\xa8sep",
		"rlm\xe2\x80\x8f mark", "zwj a\xe2\x80\x8d" "b", "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80",
	};
	static const struct attrs as[] = {
		{ "id", "Charis SIL", NULL, 400, 0, 0, 0 },
		{ "en", "Charis SIL", NULL, 700, 1, 0, 0 },
		{ "id", "Source Sans 3", "tnum=1", 600, 0, 512, 1 },
		{ "de", "Noto Serif", "smcp=1", 400, 0, 0, 0 },
		{ "zh-cn", "Noto Serif CJK SC", NULL, 400, 0, 0, 0 },
		{ "ar", "Charis SIL", NULL, 400, 0, 0, 0 },
	};
	guint i, j;
	int made = 0, declined = 0;

	for (j = 0; j < G_N_ELEMENTS(as); j++) {
		for (i = 0; i < G_N_ELEMENTS(direct); i++) {
			const char *t = direct[i];
			int len = (int)strlen(t), first = (int)(g_utf8_next_char(t) - t);
			int last = (int)(g_utf8_find_prev_char(t, t + len) - t);

			made += compare(t, &as[j], 0, 0);
			/* an emphasis run at the start, inside and at the end */
			compare(t, &as[j], 0, first);
			compare(t, &as[j], first, last);
			compare(t, &as[j], last, len);
		}
		for (i = 0; i < G_N_ELEMENTS(pango); i++)
			declined += !compare(pango[i], &as[j], 0, 0);
	}
	/* Charis has neither Han nor (as the first font of its set) every
	 * sign: some plain paragraphs are left to Pango with some faces */
	OK(made >= (int)(G_N_ELEMENTS(direct) * G_N_ELEMENTS(as)) / 2, "most plain paragraphs are made "
	    "directly (%d of %u)", made, (unsigned)(G_N_ELEMENTS(direct) * G_N_ELEMENTS(as)));
	OK(declined == (int)(G_N_ELEMENTS(pango) * G_N_ELEMENTS(as)), "paragraphs of two scripts, right to "
	    "left, with emoji, tabs, bidi marks or none of the first font's characters go to Pango (%d of %u)",
	    declined, (unsigned)(G_N_ELEMENTS(pango) * G_N_ELEMENTS(as)));
}

/* Right-to-left paragraphs and vertical text are Pango's. */
static void
declined_dir(void)
{
	struct attrs a = { "id", "Charis SIL", NULL, 400, 0, 0, 0 };
	PangoAttrList *l = attrs_for(&a, 5);
	GList *one = pa_itemize_direct(ctx, PANGO_DIRECTION_RTL, "hello", 5, l);

	OK(one == NULL, "a right-to-left paragraph goes to pango_itemize");
	g_list_free_full(one, (GDestroyNotify)pango_item_free);
	pango_attr_list_unref(l);
}

/* A paragraph set holds no attribute list: its items hold copies of
 * theirs, and 28,000 URL notes held to an article's end kept 23 MB of
 * lists nothing read again. */
static void
attrs_freed(void)
{
	struct pa_para *p = pa_new("id", 0, "test.txt");
	struct pa_fmt f;
	struct pa_setup su;
	double w = 200;
	int rc;

	memset(&f, 0, sizeof f);
	f.family = "Charis SIL";
	f.size = 10;
	f.weight = 400;
	pa_add(p, "1\xc2\xa0", -1, &f, 1, 1);
	f.link = pa_link(p, "http://x/1");
	pa_add(p, "http://x/1", -1, &f, 1, 3);
	memset(&su, 0, sizeof su);
	su.ctx = ctx;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	rc = pa_set(p, &su);
	OK(rc == 0 && p->n_lines == 1 && p->n_items == 2 && p->attrs == NULL,
	    "a URL note set: one line, two items, no attribute list kept (%d lines, %d items)", p->n_lines,
	    p->n_items);
	pa_free(p);
}

int
main(void)
{
	struct warta_diags d;
	FcConfig *fc;

	warta_diags_init(&d);
	fc = warta_fonts_config(&d);
	OK(fc != NULL, "the font set loads");
	if (fc == NULL)
		return harness_done();
	ctx = warta_print_context_new(fc);
	same_items();
	declined_dir();
	attrs_freed();
	g_object_unref(ctx);
	FcConfigDestroy(fc);
	warta_diags_fini(&d);
	return harness_done();
}
