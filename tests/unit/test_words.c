/* test_words.c — the table of shaped words (src/layout/words.c) gives
 * what pango_shape_item gives for the whole item, glyph for glyph: ids,
 * advances, offsets, cluster starts, colour marks and clusters, for
 * made-up texts that probe its limits (ligatures, kerning, marks after a
 * space, tone letters, missing glyphs, features, small caps, letter
 * spacing, other scripts) in the style's faces, and for the corpus
 * articles when they are there; shaped twice, so that the second time
 * comes from the table.  And it is used: body text shaped again hands
 * nothing to HarfBuzz. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "harness.h"
#include "layout/para_int.h"
#include "render/render.h"
#include "util/clock.h"
#include "util/diag.h"

static PangoContext *ctx;

/* Texts of the cases: each is set in every family below. */
static const char *const texts[] = {
	"Kelanjutan pembangunan Ibu Kota Nusantara (IKN) masuk ke dalam salah satu prioritas.",
	"office affine ffl fi — “AVATAR” To Wa Ty. P.S. 1,234.56 % ‰ 1/2 ½",
	"a \xcc\x81" "b c\xcc\x81 e\xcc\x81\xcc\x82 x \xcd\x98y z\xcc\x95",       /* marks after spaces, stacked */
	"tone \xcb\xa5\xcb\xa9 \xcb\xa7\xcb\xa5 a\xcb\x9e x \xea\x9c\x92\xea\x9c\x96",  /* Chao tone letters, rhotic hook */
	"nbsp\xc2\xa0here soft\xc2\xadhy\xc2\xadphen zw\xe2\x80\x8dj thin\xe2\x80\x89space  two  spaces ",
	"missing \xf0\x9d\x95\xac\xf0\x9f\x82\xa1 \xe1\x9a\xa0 glyphs",
	"Ελληνικά κείμενα και Кириллица текст, mixed Latin",
	"عربي مع English داخل النص",
	"   leading and trailing   ",
	"x",
};

static const char *const families[] = {
	"Charis SIL", "Linux Libertine O", "Linux Libertine Display O", "Noto Sans", "Noto Serif",
};

enum variant { PLAIN, ITALIC, FEATURES, SMALLCAPS, TRACKED, PARTIAL_FEATURE, N_VARIANTS };

static PangoAttrList *
attrs(const char *family, enum variant v, size_t len)
{
	PangoAttrList *l = pango_attr_list_new();

	pango_attr_list_insert(l, pango_attr_family_new(family));
	pango_attr_list_insert(l, pango_attr_size_new(10 * PANGO_SCALE));
	pango_attr_list_insert(l, pango_attr_language_new(pango_language_from_string("id")));
	if (v == ITALIC)
		pango_attr_list_insert(l, pango_attr_style_new(PANGO_STYLE_ITALIC));
	if (v == FEATURES)
		pango_attr_list_insert(l, pango_attr_font_features_new("onum, liga=0, kern"));
	if (v == SMALLCAPS)
		pango_attr_list_insert(l, pango_attr_variant_new(PANGO_VARIANT_SMALL_CAPS));
	if (v == TRACKED)
		pango_attr_list_insert(l, pango_attr_letter_spacing_new(PANGO_SCALE));
	if (v == PARTIAL_FEATURE && len > 6) {
		PangoAttribute *a = pango_attr_font_features_new("smcp");

		a->start_index = 3;   /* inside the first word */
		a->end_index = (guint)len - 3;
		pango_attr_list_insert(l, a);
	}
	return l;
}

/* Whether a and b are the same glyphs. */
static int
same(const PangoGlyphString *a, const PangoGlyphString *b)
{
	int g;

	if (a->num_glyphs != b->num_glyphs)
		return 0;
	for (g = 0; g < a->num_glyphs; g++) {
		const PangoGlyphInfo *x = &a->glyphs[g], *y = &b->glyphs[g];

		if (x->glyph != y->glyph || x->geometry.width != y->geometry.width ||
		    x->geometry.x_offset != y->geometry.x_offset || x->geometry.y_offset != y->geometry.y_offset ||
		    x->attr.is_cluster_start != y->attr.is_cluster_start || x->attr.is_color != y->attr.is_color ||
		    a->log_clusters[g] != b->log_clusters[g])
			return 0;
	}
	return 1;
}

/* Shapes text in family (variant v) both ways, twice; the items that
 * differ are counted in *bad, the items into *items. */
static void
compare(const char *text, const char *family, enum variant v, int *items, int *bad)
{
	size_t len = strlen(text);
	PangoAttrList *l = attrs(family, v, len);
	int n_chars = g_utf8_strlen(text, (gssize)len), round;
	PangoLogAttr *la = g_new0(PangoLogAttr, n_chars + 1);
	GList *its = pango_itemize(ctx, text, 0, (int)len, l, NULL), *it;
	struct pa_words *ws = pa_words_new();

	pango_get_log_attrs(text, (int)len, -1, pango_language_from_string("id"), la, n_chars + 1);
	for (round = 0; round < 2; round++)
		for (it = its; it; it = it->next) {
			PangoItem *item = it->data;
			PangoGlyphString *a = pango_glyph_string_new(), *b = pango_glyph_string_new();
			int c = (int)g_utf8_pointer_to_offset(text, text + item->offset);

			pa_shape_words(ws, item, text, (int)len, la + c, a);
			pango_shape_item(item, text, (int)len, la + c, b, PANGO_SHAPE_NONE);
			(*items)++;
			if (!same(a, b)) {
				(*bad)++;
				printf("# differs: %s, variant %d: '%.*s'\n", family, v, item->length, text + item->offset);
			}
			pango_glyph_string_free(a);
			pango_glyph_string_free(b);
		}
	g_list_free_full(its, (GDestroyNotify)pango_item_free);
	pa_words_free(ws);
	g_free(la);
	pango_attr_list_unref(l);
}

/* Distinct pieces of t between spaces. */
static int
distinct_words(const char *t)
{
	char **w = g_strsplit(t, " ", -1);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int n;

	for (int i = 0; w[i]; i++)
		if (*w[i])
			g_hash_table_add(seen, w[i]);
	n = (int)g_hash_table_size(seen);
	g_hash_table_destroy(seen);
	g_strfreev(w);
	return n;
}

/* A font's very first item comes from the table too (its words shaped
 * one by one through HarfBuzz, not the item handed to pango_shape_item):
 * 13 pt is a size no other case sets, so its PangoFont is new. */
static void
first_item(void)
{
	const char *t = texts[0];
	size_t len = strlen(t);
	PangoAttrList *l = pango_attr_list_new();
	int n_chars = g_utf8_strlen(t, (gssize)len), items = 0, bad = 0;
	PangoLogAttr *la = g_new0(PangoLogAttr, n_chars + 1);
	GList *its, *it;
	struct pa_words *ws = pa_words_new();

	pango_attr_list_insert(l, pango_attr_family_new("Charis SIL"));
	pango_attr_list_insert(l, pango_attr_size_new(13 * PANGO_SCALE));
	pango_attr_list_insert(l, pango_attr_language_new(pango_language_from_string("id")));
	its = pango_itemize(ctx, t, 0, (int)len, l, NULL);
	pango_get_log_attrs(t, (int)len, -1, pango_language_from_string("id"), la, n_chars + 1);
	warta_clock = (struct warta_clock){ 0 };
	warta_clock.on = 1;
	for (it = its; it; it = it->next) {
		PangoItem *item = it->data;
		PangoGlyphString *a = pango_glyph_string_new(), *b = pango_glyph_string_new();

		pa_shape_words(ws, item, t, (int)len, la + g_utf8_pointer_to_offset(t, t + item->offset), a);
		pango_shape_item(item, t, (int)len, la + g_utf8_pointer_to_offset(t, t + item->offset), b,
		    PANGO_SHAPE_NONE);
		bad += !same(a, b);
		items++;
		pango_glyph_string_free(a);
		pango_glyph_string_free(b);
	}
	warta_clock.on = 0;
	OK(items == 1 && bad == 0, "a new font's first item: the glyphs of pango_shape_item");
	/* each distinct word once, and the space */
	INT_EQ((int)warta_clock.count[WARTA_COUNT_SHAPES], distinct_words(t) + 1,
	       "a new font's first item: shaped word by word, not handed whole to pango_shape_item");
	g_list_free_full(its, (GDestroyNotify)pango_item_free);
	pa_words_free(ws);
	g_free(la);
	pango_attr_list_unref(l);
}

static void
made_up(void)
{
	int items = 0, bad = 0, round;
	size_t t, f;
	int v;

	/* three times: the second and third from the table */
	for (round = 0; round < 3; round++)
		for (t = 0; t < G_N_ELEMENTS(texts); t++)
			for (f = 0; f < G_N_ELEMENTS(families); f++)
				for (v = 0; v < N_VARIANTS; v++)
					compare(texts[t], families[f], (enum variant)v, &items, &bad);
	OK(items > 1500 && bad == 0, "made-up texts in 5 families, 6 variants: %d items shaped by word as "
	   "pango_shape_item shapes them (%d differ)", items, bad);
}

static void
corpus(void)
{
	const char *dir = g_getenv("CORPUS");
	GDir *d;
	const char *name;
	int items = 0, bad = 0, files = 0;

	if (dir == NULL || *dir == '\0')
		dir = "../shared/corpus/articles";
	d = g_dir_open(dir, 0, NULL);
	if (d == NULL) {
		printf("# corpus articles absent: made-up texts only\n");
		return;
	}
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL), *body = NULL, **paras, **p;

		if (g_str_has_suffix(name, ".txt") && g_file_get_contents(path, &body, NULL, NULL)) {
			files++;
			paras = g_strsplit(body, "\n\n", -1);
			for (p = paras; *p; p++)
				if (**p && g_utf8_validate(*p, -1, NULL)) {
					compare(*p, "Charis SIL", PLAIN, &items, &bad);
					compare(*p, "Linux Libertine O", PLAIN, &items, &bad);
				}
			g_strfreev(paras);
		}
		g_free(body);
		g_free(path);
	}
	g_dir_close(d);
	OK(bad == 0, "%d corpus articles' paragraphs in Charis SIL and Linux Libertine O: %d items, "
	   "%d differ", files, items, bad);
}

/* Body text shaped a second time comes from the table: HarfBuzz is not
 * called (without the table, each item is). */
static void
used(void)
{
	const char *text = "Pembangunan IKN masuk ke dalam salah satu prioritas pemerintah di tahun 2025.";
	size_t len = strlen(text);
	PangoAttrList *l = attrs("Charis SIL", PLAIN, len);
	int n_chars = g_utf8_strlen(text, (gssize)len), round;
	PangoLogAttr *la = g_new0(PangoLogAttr, n_chars + 1);
	GList *its = pango_itemize(ctx, text, 0, (int)len, l, NULL), *it;
	struct pa_words *ws = pa_words_new();
	long long shapes[2];

	pango_get_log_attrs(text, (int)len, -1, pango_language_from_string("id"), la, n_chars + 1);
	for (round = 0; round < 2; round++)     /* the words into the table */
		for (it = its; it; it = it->next) {
			PangoGlyphString *gs = pango_glyph_string_new();

			pa_shape_words(ws, it->data, text, (int)len, la, gs);
			pango_glyph_string_free(gs);
		}
	for (round = 0; round < 2; round++) {
		warta_clock = (struct warta_clock){ 0 };
		warta_clock.on = 1;
		for (it = its; it; it = it->next) {
			PangoGlyphString *gs = pango_glyph_string_new();

			pa_shape_words(ws, it->data, text, (int)len, la, gs);
			pango_glyph_string_free(gs);
		}
		warta_clock.on = 0;
		shapes[round] = warta_clock.count[WARTA_COUNT_SHAPES];
	}
	OK(shapes[0] == 0 && shapes[1] == 0, "a paragraph shaped again and again: HarfBuzz called %lld "
	   "times, then %lld", shapes[0], shapes[1]);
	g_list_free_full(its, (GDestroyNotify)pango_item_free);
	pa_words_free(ws);
	g_free(la);
	pango_attr_list_unref(l);
}

/* The table's keys hash apart: a key is the language, script and
 * features (13 bytes with none) and then the word, and a key that ended a
 * whole step of the hash (16 bytes: a word of three) lost its last four
 * bytes; every number of three digits had one hash, and a lookup compared
 * hundreds of them (4 % of a run of 3,000 pictures' descriptions). */
static void
hashes(void)
{
	GHashTable *seen = g_hash_table_new(NULL, NULL);
	unsigned char key[32];
	int len, i;

	memset(key, 7, 13);
	key[12] = 0;
	for (len = 3; len <= 12; len++)         /* 10,000 words: "000" … "000000000999" */
		for (i = 0; i < 1000; i++) {
			char w[16];

			g_snprintf(w, sizeof w, "%0*d", len, i);
			memcpy(key + 13, w, (size_t)len);
			g_hash_table_add(seen, GUINT_TO_POINTER(pa_words_hash(key, 13 + (size_t)len)));
		}
	OK(g_hash_table_size(seen) >= 9990, "10,000 keys of words of 3 to 12 digits: %u hashes",
	   g_hash_table_size(seen));
	g_hash_table_destroy(seen);
}

/* One whole step of the hash under seed 0, as words.c makes it. */
static guint64
fold(guint64 a, guint64 b)
{
	unsigned __int128 r = (unsigned __int128)a * b;

	return (guint64)r ^ (guint64)(r >> 64);
}

static guint64
step(guint64 h, guint64 w)
{
	return fold(h ^ w, 0xff51afd7ed558ccdu);
}

/* Keys crafted to collide under one seed spread under the process's.
 * Each key is 24 bytes: a first block fixed, a second that differs, and a
 * third chosen so that the state after it is the same for all of them
 * (what an input could hold to make every lookup walk one chain).  And a
 * pair that a multiply-and-shift step made collide under every seed (a
 * difference in the top bit of a block, and where the shift put it in the
 * next) collides under almost none. */
static void
seeded(void)
{
	GHashTable *fixed = g_hash_table_new(NULL, NULL), *own = g_hash_table_new(NULL, NULL);
	guint64 target = 0x0123456789abcdefu;
	unsigned char k1[16], k2[16];
	int same = 0;

	for (guint64 i = 0; i < 1000; i++) {
		unsigned char key[24];
		guint64 b1 = 0x2020202020202020u, b2 = 0x6161616161610000u | i, h, b3;

		h = step(step(fold(0x9e3779b97f4a7c15u, 25), b1), b2);
		b3 = target ^ h;
		memcpy(key, &b1, 8);
		memcpy(key + 8, &b2, 8);
		memcpy(key + 16, &b3, 8);
		g_hash_table_add(fixed, GUINT_TO_POINTER(pa_words_hash_seeded(0, key, 24)));
		g_hash_table_add(own, GUINT_TO_POINTER(pa_words_hash(key, 24)));
	}
	OK(g_hash_table_size(fixed) == 1, "1,000 keys crafted against seed 0: %u hash under it",
	   g_hash_table_size(fixed));
	OK(g_hash_table_size(own) >= 990, "the same keys under the process's seed: %u hashes",
	   g_hash_table_size(own));
	memcpy(k1, "abcdefghijklmnop", 16);
	memcpy(k2, k1, 16);
	k2[7] ^= 0x80;
	k2[11] ^= 0x80;
	k2[15] ^= 0x80;
	for (guint64 s = 1; s <= 1000; s++)
		same += pa_words_hash_seeded(s * 0x9e3779b97f4a7c15u, k1, 16) ==
		        pa_words_hash_seeded(s * 0x9e3779b97f4a7c15u, k2, 16);
	OK(same <= 2, "two keys differing in the top bits of their blocks: one hash under %d of 1,000 seeds",
	   same);
	g_hash_table_destroy(fixed);
	g_hash_table_destroy(own);
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
	hashes();
	seeded();
	used();
	first_item();
	made_up();
	corpus();
	g_object_unref(ctx);
	FcConfigDestroy(fc);
	warta_diags_fini(&d);
	return harness_done();
}
