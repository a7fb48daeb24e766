/* words.c — each distinct word shaped once.  An item (Pango's itemization:
 * one font, script, language and direction) is cut at its spaces (U+0020);
 * each piece is looked up in a table kept on its PangoFont, keyed by
 * language, script, features and text, and shaped through HarfBuzz
 * (hb_shape on a buffer the paragraph reuses) only when it is not there.
 * The pieces' glyphs are put together as pango_shape_item would have
 * shaped the whole item: the same glyphs, advances, offsets and clusters.
 *
 * That holds when nothing in shaping reaches across a space, so the table
 * is used only where it does not:
 * - the font: no GSUB or GPOS lookup has the space glyph in its input,
 *   context or output (a kerning pair or a contextual rule with a space),
 *   no 'kern' table without GPOS (HarfBuzz's legacy kerning) and no AAT
 *   'morx', no colour glyphs (Pango marks them per glyph); checked once
 *   per face with hb_ot_layout_lookup_collect_glyphs;
 * - the item: left to right, horizontal, a script of HarfBuzz's default
 *   shaper (Latin, Greek, Cyrillic, common characters: no joining, no
 *   reordering, no use of the text around), no attribute that Pango's
 *   shaping reads besides font features (no letter spacing, text
 *   transform, shown invisibles, inserted hyphen), each feature covering
 *   a whole piece or none of it;
 * - the piece: it does not start with a mark (HarfBuzz would put it on a
 *   dotted circle at the start of a text) and the font has a glyph for
 *   each of its characters (Pango draws missing ones as boxes of its own).
 * Anything else is shaped by pango_shape_item as before, so the output is
 * the same byte for byte (tests/unit/test_words.c compares both ways). */
#include <stddef.h>
#include <string.h>

#include <hb-ot.h>
#include <pango/pangocairo.h>

#include "layout/para_int.h"
#include "util/clock.h"

#define WORDS_MAX 50000      /* words kept per font: a bound on memory, not on correctness */
#define FEATURES_MAX 32      /* as Pango's pango_hb_shape */

struct word {                /* one shaped piece */
	int n;                   /* glyphs */
	PangoGlyphInfo *glyphs;  /* n, then n clusters: bytes from the piece's start */
	int *clusters;
};

struct key {                 /* what a piece's glyphs depend on, besides the font */
	size_t len;              /* of bytes[] */
	guint hash;
	char bytes[];            /* language, script, features, then the text */
};

struct font_words {          /* a PangoFont's words */
	GHashTable *words;       /* struct key * → struct word * */
};

static GQuark words_quark;
static hb_user_data_key_t safe_key;

static guint
key_hash(gconstpointer k)
{
	return ((const struct key *)k)->hash;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
	const struct key *x = a, *y = b;

	return x->len == y->len && x->hash == y->hash && memcmp(x->bytes, y->bytes, x->len) == 0;
}

static void
word_free(gpointer w)
{
	g_free(((struct word *)w)->glyphs);
	g_free(w);
}

static void
font_words_free(gpointer f)
{
	g_hash_table_destroy(((struct font_words *)f)->words);
	g_free(f);
}

static struct font_words *
font_words(PangoFont *font)
{
	struct font_words *fw;

	if (G_UNLIKELY(words_quark == 0))
		words_quark = g_quark_from_static_string("warta-words");
	fw = g_object_get_qdata(G_OBJECT(font), words_quark);
	if (fw == NULL) {
		fw = g_new0(struct font_words, 1);
		fw->words = g_hash_table_new_full(key_hash, key_equal, g_free, word_free);
		g_object_set_qdata_full(G_OBJECT(font), words_quark, fw, font_words_free);
	}
	return fw;
}

/* ------------------------------------------------------------ the font */

/* What a face allows (kept on the face, hb_face_set_user_data). */
struct face_words {
	int safe;                /* 0: nothing of it from the table */
	int probe;               /* 1: each word is checked between spaces (alike_spaced) */
	hb_set_t *risky;         /* glyphs a rule may change for a space beside them */
};

static void
face_words_free(void *f)
{
	hb_set_destroy(((struct face_words *)f)->risky);
	g_free(f);
}

static unsigned
u16(const unsigned char *d, unsigned len, unsigned at)
{
	return at + 2 <= len ? (unsigned)d[at] << 8 | d[at + 1] : 0;
}

/* Lookup i of table (GSUB or GPOS) in the table's bytes d[0, len)
 * (OpenType, "Lookup table"): its type (an extension lookup's own type),
 * 0 when unreadable. */
static unsigned
lookup_type(const unsigned char *d, unsigned len, hb_tag_t table, unsigned i)
{
	unsigned list = u16(d, len, 8), at, type, sub;

	at = list ? list + u16(d, len, list + 2 + 2 * i) : 0;
	type = at ? u16(d, len, at) : 0;
	if ((table == HB_OT_TAG_GSUB && type == 7) || (table == HB_OT_TAG_GPOS && type == 9)) {
		sub = u16(d, len, at + 6);   /* the first subtable: format, type, offset */
		type = sub && u16(d, len, at + 4) ? u16(d, len, at + sub + 2) : 0;
	}
	return type;
}

static unsigned
u32(const unsigned char *d, unsigned len, unsigned at)
{
	return u16(d, len, at) << 16 | u16(d, len, at + 2);
}

/* The coverage index of glyph g in the Coverage table at d + at, -1 when
 * it is not covered (OpenType, "Coverage table", formats 1 and 2). */
static int
coverage_index(const unsigned char *d, unsigned len, unsigned at, hb_codepoint_t g)
{
	unsigned fmt = u16(d, len, at), n = u16(d, len, at + 2), i;

	for (i = 0; i < n; i++) {
		if (fmt == 1 && u16(d, len, at + 4 + 2 * i) == g)
			return (int)i;
		if (fmt == 2 && u16(d, len, at + 4 + 6 * i) <= g && g <= u16(d, len, at + 6 + 6 * i))
			return (int)(u16(d, len, at + 8 + 6 * i) + g - u16(d, len, at + 4 + 6 * i));
	}
	return -1;
}

/* The entry (which = 0) or exit (which = 1) anchor offset of coverage
 * index c in the cursive subtable at d + sub (0: none). */
static unsigned
anchor(const unsigned char *d, unsigned len, unsigned sub, unsigned c, int which)
{
	return u16(d, len, sub + 6 + 4 * c + 2 * which);
}

/* The GPOS cursive attachment lookup i (OpenType, "Cursive Attachment
 * Positioning Format 1"), which covers the space: a glyph is attached to
 * the space only when one has an exit anchor and the other an entry one,
 * so the glyphs with the anchor that meets one of the space's go into
 * risky; -1 when the lookup is not read (then every word is proved
 * between spaces). */
static int
cursive_risky(const unsigned char *d, unsigned len, unsigned i, hb_codepoint_t space, hb_set_t *risky)
{
	unsigned list = u16(d, len, 8), at, n, k, sub, cov, r, g, c;
	int ext, s, which;

	at = list ? list + u16(d, len, list + 2 + 2 * i) : 0;
	if (at == 0)
		return -1;
	ext = u16(d, len, at) == 9;
	n = u16(d, len, at + 4);
	for (k = 0; k < n; k++) {
		sub = at + u16(d, len, at + 6 + 2 * k);
		if (ext)
			sub += u32(d, len, sub + 4);
		cov = sub + u16(d, len, sub + 2);
		if (u16(d, len, sub) != 1 || u16(d, len, cov) != 2)
			return -1;
		s = coverage_index(d, len, cov, space);
		if (s < 0)
			continue;
		for (which = 0; which < 2; which++) {
			if (!anchor(d, len, sub, (unsigned)s, which))
				continue;   /* the space has no such anchor: nothing meets it */
			for (r = 0; r < u16(d, len, cov + 2); r++)
				for (g = u16(d, len, cov + 4 + 6 * r); g <= u16(d, len, cov + 6 + 6 * r); g++) {
					c = u16(d, len, cov + 8 + 6 * r) + g - u16(d, len, cov + 4 + 6 * r);
					if (anchor(d, len, sub, c, !which))
						hb_set_add(risky, g);
				}
		}
	}
	return 0;
}

/* The lookups of table that see space: a rule with the space in its
 * context may change the glyphs of its input (into risky); one that
 * changes or moves the space itself makes the face unsafe (returns -1),
 * except GPOS single adjustments (the space alone) and mark attachments
 * with the space as the base (only a piece starting with a mark would
 * see it, and such pieces are never from the table). */
static int
lookups_see_space(hb_face_t *face, hb_tag_t table, hb_codepoint_t space, hb_set_t *risky, int *probe)
{
	unsigned n = hb_ot_layout_table_get_lookup_count(face, table), i, k, type, len;
	hb_blob_t *blob = hb_face_reference_table(face, table);
	const unsigned char *d = (const unsigned char *)hb_blob_get_data(blob, &len);
	hb_set_t *set[4];
	int r = 0;

	for (k = 0; k < 4; k++)
		set[k] = hb_set_create();
	for (i = 0; i < n && r == 0; i++) {
		for (k = 0; k < 4; k++)
			hb_set_clear(set[k]);
		/* backtrack, input, lookahead, output */
		hb_ot_layout_lookup_collect_glyphs(face, table, i, set[0], set[1], set[2], set[3]);
		if (hb_set_has(set[1], space) || hb_set_has(set[3], space)) {
			type = table == HB_OT_TAG_GPOS ? lookup_type(d, len, table, i) : 0;
			if (type == 2 || (type == 3 && cursive_risky(d, len, i, space, risky) < 0))
				*probe = 1;
			else if (type != 1 && type != 3 && type != 4 && type != 5 && type != 6)
				r = -1;
		}
		if (hb_set_has(set[0], space) || hb_set_has(set[2], space))
			hb_set_union(risky, set[1]);
	}
	for (k = 0; k < 4; k++)
		hb_set_destroy(set[k]);
	hb_blob_destroy(blob);
	return r;
}

static int
has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	int has = hb_blob_get_length(b) > 0;

	hb_blob_destroy(b);
	return has;
}

/* Whether pieces between spaces shape in font as they do in a whole text,
 * and the glyphs for which they may not (the face's answer, kept on it). */
static const struct face_words *
face_words(hb_font_t *font)
{
	hb_face_t *face = hb_font_get_face(font);
	struct face_words *f = hb_face_get_user_data(face, &safe_key);
	hb_codepoint_t space;

	if (f)
		return f;
	f = g_new0(struct face_words, 1);
	f->risky = hb_set_create();
	f->safe = hb_font_get_nominal_glyph(font, ' ', &space) && !has_table(face, HB_TAG('m', 'o', 'r', 'x')) &&
	    !hb_ot_color_has_layers(face) && !hb_ot_color_has_png(face) && !hb_ot_color_has_svg(face) &&
	    !(has_table(face, HB_TAG('k', 'e', 'r', 'n')) && !hb_ot_layout_has_positioning(face)) &&
	    lookups_see_space(face, HB_OT_TAG_GSUB, space, f->risky, &f->probe) == 0 &&
	    lookups_see_space(face, HB_OT_TAG_GPOS, space, f->risky, &f->probe) == 0;
	if (!hb_face_set_user_data(face, &safe_key, f, face_words_free, TRUE)) {
		face_words_free(f);
		return NULL;
	}
	return f;
}

/* ------------------------------------------------------------ the item */

static int
default_shaper(PangoScript sc)
{
	return sc == PANGO_SCRIPT_LATIN || sc == PANGO_SCRIPT_COMMON || sc == PANGO_SCRIPT_GREEK ||
	    sc == PANGO_SCRIPT_CYRILLIC;
}

/* The font features of item as Pango's shaping gathers them (the font's,
 * then the attributes', ranges in bytes of the paragraph) into f; -1 when
 * item has an attribute its shaping reads that the table does not handle. */
static int
item_features(const PangoItem *item, hb_feature_t *f, unsigned *n)
{
	GSList *l;

	*n = 0;
	pango_font_get_features(item->analysis.font, f, FEATURES_MAX, n);
	for (l = item->analysis.extra_attrs; l; l = l->next) {
		const PangoAttribute *a = l->data;
		const char *s, *e;

		if (a->klass->type != PANGO_ATTR_FONT_FEATURES)
			return -1;
		for (s = ((const PangoAttrFontFeatures *)a)->features; s && *n < FEATURES_MAX; s = e ? e + 1 : NULL) {
			e = strchr(s, ',');
			if (hb_feature_from_string(s, e ? (int)(e - s) : -1, &f[*n])) {
				f[*n].start = a->start_index;
				f[*n].end = a->end_index;
				(*n)++;
			}
		}
	}
	return 0;
}

static int
item_cacheable(const PangoItem *item)
{
	const PangoAnalysis *an = &item->analysis;

	return an->font && !(an->level & 1) && an->gravity == PANGO_GRAVITY_SOUTH &&
	    !(an->flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN) && default_shaper(an->script);
}

/* ------------------------------------------------------------ a piece */

struct shaper {
	hb_font_t *font;
	hb_buffer_t *buf;
	hb_language_t lang;
	hb_script_t script;
	struct font_words *fw;
	const struct face_words *face;
	hb_shape_plan_t *plan;       /* for the features plan_fs (NULL: none yet) */
	hb_feature_t plan_fs[FEATURES_MAX];
	unsigned plan_nfs;
	const hb_feature_t *feat;    /* the item's, paragraph ranges */
	unsigned n_feat;
	GByteArray *key;             /* scratch: a struct key being made */
	GByteArray *spaced;          /* scratch: a word between spaces */
	GPtrArray *loose;            /* words shaped but not kept (the table is full) */
	size_t *most;                /* the longest text shaped in buf, bytes */
};

/* The key of the piece text[a, b) (paragraph bytes) into sh->key, with its
 * features as they apply to it (in fs, global); -1 when a feature covers
 * part of it. */
static int
make_key(struct shaper *sh, const char *text, size_t a, size_t b, hb_feature_t *fs, unsigned *nfs)
{
	unsigned i;
	guint8 *p;

	*nfs = 0;
	for (i = 0; i < sh->n_feat; i++) {
		const hb_feature_t *f = &sh->feat[i];

		if (f->end <= a || f->start >= b)
			continue;
		if (f->start > a || f->end < b)
			return -1;
		fs[*nfs] = *f;
		fs[*nfs].start = HB_FEATURE_GLOBAL_START;
		fs[*nfs].end = HB_FEATURE_GLOBAL_END;
		(*nfs)++;
	}
	/* the header (filled by piece()), language, script, each feature's tag
	 * and value, a 0 (features end), the text: sized once, copied whole */
	g_byte_array_set_size(sh->key, offsetof(struct key, bytes) + sizeof sh->lang + sizeof sh->script +
	    *nfs * (sizeof fs->tag + sizeof fs->value) + 1 + (b - a));
	p = sh->key->data + offsetof(struct key, bytes);
	memcpy(p, &sh->lang, sizeof sh->lang);
	p += sizeof sh->lang;
	memcpy(p, &sh->script, sizeof sh->script);
	p += sizeof sh->script;
	for (i = 0; i < *nfs; i++) {
		memcpy(p, &fs[i].tag, sizeof fs->tag);
		p += sizeof fs->tag;
		memcpy(p, &fs[i].value, sizeof fs->value);
		p += sizeof fs->value;
	}
	*p++ = 0;
	memcpy(p, text + a, b - a);
	return 0;
}

/* Whether the glyphs gi[0, n) of text[0, len) are those the whole text
 * would have: every character has a glyph (Pango draws missing ones its
 * own way), no advance is negative, and no glyph, nor a character's own, is one a rule with a
 * space in its context may change. */
static int
usable(const struct shaper *sh, const char *text, size_t len, const hb_glyph_info_t *gi,
       const hb_glyph_position_t *gp, unsigned n)
{
	const char *q;
	hb_codepoint_t g;
	unsigned i;

	for (i = 0; i < n; i++)
		if (gi[i].codepoint == 0 || hb_set_has(sh->face->risky, gi[i].codepoint) ||
		    gp[i].x_advance < 0)   /* Pango turns those round; no horizontal face has them */
			return 0;
	if (hb_set_is_empty(sh->face->risky))
		return 1;
	for (q = text; q < text + len; q = g_utf8_next_char(q))
		if (hb_font_get_nominal_glyph(sh->font, g_utf8_get_char(q), &g) && hb_set_has(sh->face->risky, g))
			return 0;
	return 1;
}

/* Shapes text[0, len) in sh->buf with HarfBuzz as Pango's pango_hb_shape
 * would (clusters from the piece's start). */
static void
shape_buf(struct shaper *sh, const char *text, size_t len, const hb_feature_t *fs, unsigned nfs)
{
	if (len > *sh->most)
		*sh->most = len;
	hb_buffer_clear_contents(sh->buf);
	hb_buffer_set_direction(sh->buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(sh->buf, sh->script);
	hb_buffer_set_language(sh->buf, sh->lang);
	hb_buffer_set_cluster_level(sh->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_buffer_set_flags(sh->buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
	hb_buffer_set_invisible_glyph(sh->buf, PANGO_GLYPH_EMPTY);
	hb_buffer_add_utf8(sh->buf, text, (int)len, 0, (int)len);
	if (sh->plan == NULL || nfs != sh->plan_nfs || memcmp(fs, sh->plan_fs, nfs * sizeof *fs) != 0) {
		hb_segment_properties_t props;
		unsigned nc;
		const int *coords = hb_font_get_var_coords_normalized(sh->font, &nc);

		hb_shape_plan_destroy(sh->plan);
		hb_buffer_get_segment_properties(sh->buf, &props);
		sh->plan = hb_shape_plan_create_cached2(hb_font_get_face(sh->font), &props, fs, nfs, coords, nc, NULL);
		memcpy(sh->plan_fs, fs, nfs * sizeof *fs);
		sh->plan_nfs = nfs;
	}
	/* hb_shape's work without looking up the plan again for each word:
	 * the buffer starts as hb_shape's would (hb_buffer_clear_contents
	 * resets what its enter() does but the limits on operations, which
	 * no word reaches) */
	hb_shape_plan_execute(sh->plan, sh->font, sh->buf, fs, nfs);
	warta_count(WARTA_COUNT_SHAPES, 1);
	warta_count(WARTA_COUNT_SHAPED, (long long)len);
}

/* Whether w is what text[0, len) is between two spaces too: where a rule
 * joins the space to a glyph (a kerning pair, a cursive attachment) the
 * face asks for this proof (face_words.probe). */
static int
alike_spaced(struct shaper *sh, const struct word *w, const char *text, size_t len, const hb_feature_t *fs,
             unsigned nfs)
{
	hb_glyph_info_t *gi;
	hb_glyph_position_t *gp;
	hb_codepoint_t space;
	hb_position_t adv;
	unsigned n, i;

	g_byte_array_set_size(sh->spaced, 0);
	g_byte_array_append(sh->spaced, (const guint8 *)" ", 1);
	g_byte_array_append(sh->spaced, (const guint8 *)text, len);
	g_byte_array_append(sh->spaced, (const guint8 *)" ", 1);
	shape_buf(sh, (const char *)sh->spaced->data, len + 2, fs, nfs);
	gi = hb_buffer_get_glyph_infos(sh->buf, &n);
	gp = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (n != (unsigned)w->n + 2 || !hb_font_get_nominal_glyph(sh->font, ' ', &space))
		return 0;
	adv = hb_font_get_glyph_h_advance(sh->font, space);
	for (i = 0; i < n; i += n - 1)
		if (gi[i].codepoint != space || gp[i].x_advance != adv || gp[i].x_offset || gp[i].y_offset)
			return 0;
	for (i = 1; i + 1 < n; i++) {
		const PangoGlyphInfo *g = &w->glyphs[i - 1];

		if (gi[i].codepoint != g->glyph || (int)gi[i].cluster - 1 != w->clusters[i - 1] ||
		    gp[i].x_advance != g->geometry.width || gp[i].x_offset != g->geometry.x_offset ||
		    -gp[i].y_offset != g->geometry.y_offset)
			return 0;
	}
	return 1;
}

/* The glyphs of text[0, len) (a struct word); n == -1 when they are not
 * the glyphs it has in a whole text (usable(), alike_spaced()). */
static struct word *
shape_piece(struct shaper *sh, const char *text, size_t len, const hb_feature_t *fs, unsigned nfs)
{
	hb_glyph_info_t *gi;
	hb_glyph_position_t *gp;
	unsigned n, i;
	struct word *w = g_new0(struct word, 1);
	int last = -1;

	shape_buf(sh, text, len, fs, nfs);
	gi = hb_buffer_get_glyph_infos(sh->buf, &n);
	gp = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (!usable(sh, text, len, gi, gp, n)) {
		w->n = -1;
		return w;
	}
	w->n = (int)n;
	w->glyphs = g_malloc(n * (sizeof *w->glyphs + sizeof *w->clusters) + 1);
	w->clusters = (int *)(void *)(w->glyphs + n);
	for (i = 0; i < n; i++) {
		PangoGlyphInfo *g = &w->glyphs[i];

		memset(g, 0, sizeof *g);
		g->glyph = gi[i].codepoint;
		w->clusters[i] = (int)gi[i].cluster;
		g->attr.is_cluster_start = w->clusters[i] != last;
		last = w->clusters[i];
		g->geometry.width = gp[i].x_advance;
		g->geometry.x_offset = gp[i].x_offset;
		g->geometry.y_offset = -gp[i].y_offset;
	}
	if (sh->face->probe && !(len == 1 && *text == ' ') && !alike_spaced(sh, w, text, len, fs, nfs)) {
		g_free(w->glyphs);
		w->glyphs = NULL;
		w->n = -1;
	}
	return w;
}

/* The process's seed of the table's hash: drawn once, so that words
 * crafted to collide under one seed (an input can hold thousands: each
 * lookup of one would walk them all) spread under another.  It moves only
 * where a word sits in the table, never what is set. */
static guint64
words_seed(void)
{
	static gsize seed;

	if (g_once_init_enter(&seed)) {
		guint64 s = ((guint64)g_random_int() << 32 | g_random_int()) | 1;

		g_once_init_leave(&seed, (gsize)s);
	}
	return (guint64)seed;
}

guint
pa_words_hash(const unsigned char *p, size_t n)
{
	return pa_words_hash_seeded(words_seed(), p, n);
}

/* The 128-bit product of a and b folded to 64 bits (high half ^ low
 * half): a difference in any bit of a reaches bits all over the result, in
 * a way that depends on b.  A plain 64-bit multiply carries a difference
 * in the top bit through unchanged (2^63 * b is 2^63 for every odd b), so
 * two words differing there, and in the next step where the shift put it,
 * collided under every seed. */
static inline guint64
fold(guint64 a, guint64 b)
{
	/* the product from four 32-bit ones, so that it is the same code on
	 * machines without a 128-bit type */
	guint64 al = a & 0xffffffffu, ah = a >> 32, bl = b & 0xffffffffu, bh = b >> 32;
	guint64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	guint64 mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
	guint64 lo = (mid << 32) | (ll & 0xffffffffu);
	guint64 hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

	return lo ^ hi;
}

guint
pa_words_hash_seeded(guint64 seed, const unsigned char *p, size_t n)
{
	guint64 k = seed ^ 0xff51afd7ed558ccdu, h = fold(seed ^ 0x9e3779b97f4a7c15u, n + 1), w;

	/* eight bytes at a time, each folded with the seeded key: how a
	 * difference in one block comes out of it depends on the seed, so no
	 * next block can be chosen to cancel it without knowing the seed */
	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = fold(h ^ w, k);
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, p, n);
		h = fold(h ^ w, k ^ 0xc4ceb9fe1a85ec53u);
	}
	/* a last fold, so that every byte reaches the low 32 bits (a key that
	 * ended a whole step once hashed by its first bytes only: the 900
	 * numbers of three digits of a font had one hash) */
	h = fold(h, k);
	return (guint)(h ^ (h >> 32));
}

/* The glyphs of the piece text[a, b): from the font's table, or shaped and
 * put there; NULL when the table cannot give them as Pango would. */
static const struct word *
piece(struct shaper *sh, const char *text, size_t a, size_t b)
{
	hb_feature_t fs[FEATURES_MAX];
	unsigned nfs;
	struct key *k;
	struct word *w;

	if (g_unichar_ismark(g_utf8_get_char(text + a)) || make_key(sh, text, a, b, fs, &nfs) < 0)
		return NULL;
	k = (struct key *)(void *)sh->key->data;
	k->len = sh->key->len - offsetof(struct key, bytes);
	k->hash = pa_words_hash((const unsigned char *)k->bytes, k->len);
	w = g_hash_table_lookup(sh->fw->words, k);
	if (w == NULL) {
		w = shape_piece(sh, text + a, b - a, fs, nfs);
		if (g_hash_table_size(sh->fw->words) >= WORDS_MAX)
			g_ptr_array_add(sh->loose, w);
		else
			g_hash_table_insert(sh->fw->words, g_memdup2(k, sh->key->len), w);
	}
	return w->n >= 0 ? w : NULL;
}

/* ------------------------------------------------------------ items */

struct pa_words {
	hb_buffer_t *buf;
	GByteArray *key, *spaced;
	GPtrArray *loose;
	GArray *pieces;              /* struct placed, of the item being shaped */
	size_t most;                 /* the longest text shaped in buf, bytes */
};

struct placed {
	const struct word *w;
	size_t at;                   /* bytes from the item's start */
};

/* A paragraph's scratch (a HarfBuzz buffer and four arrays) is kept from
 * one paragraph to the next in each thread: made and freed for each, it
 * was about 2,900 instructions a paragraph, 2.5 % of a table of short
 * cells.  One that shaped a text longer than WORDS_KEEP bytes is freed (its
 * buffer holds that much). */
#define WORDS_KEEP 4096

static void
words_destroy(gpointer data)
{
	struct pa_words *ws = data;

	hb_buffer_destroy(ws->buf);
	g_byte_array_free(ws->key, TRUE);
	g_byte_array_free(ws->spaced, TRUE);
	g_ptr_array_free(ws->loose, TRUE);
	g_array_free(ws->pieces, TRUE);
	g_free(ws);
}

static GPrivate spare_words = G_PRIVATE_INIT(words_destroy);

struct pa_words *
pa_words_new(void)
{
	struct pa_words *ws = g_private_get(&spare_words);

	if (ws) {
		g_private_set(&spare_words, NULL);      /* no destroy: it is ours now */
		return ws;
	}
	warta_count(WARTA_COUNT_WORDS_NEW, 1);
	ws = g_new(struct pa_words, 1);
	ws->buf = hb_buffer_create();
	ws->key = g_byte_array_new();
	ws->spaced = g_byte_array_new();
	ws->loose = g_ptr_array_new_with_free_func(word_free);
	ws->pieces = g_array_new(FALSE, FALSE, sizeof(struct placed));
	ws->most = 0;
	return ws;
}

void
pa_words_free(struct pa_words *ws)
{
	if (ws == NULL)
		return;
	g_ptr_array_set_size(ws->loose, 0);
	if (ws->most > WORDS_KEEP || g_private_get(&spare_words))
		words_destroy(ws);
	else
		g_private_set(&spare_words, ws);
}

/* The pieces of item (text: the paragraph's) into ws->pieces; -1 when
 * one of them cannot come from the table. */
static guint
cut(struct pa_words *ws, struct shaper *sh, const PangoItem *item, const char *text)
{
	size_t a = item->offset, end = item->offset + item->length, b;

	g_array_set_size(ws->pieces, 0);
	while (a < end) {
		struct placed pl;

		if (text[a] == ' ')
			b = a + 1;
		else
			for (b = a + 1; b < end && text[b] != ' '; b++)
				;
		pl.w = piece(sh, text, a, b);
		if (pl.w == NULL)
			return 1;
		pl.at = a - item->offset;
		g_array_append_val(ws->pieces, pl);
		a = b;
	}
	return 0;
}

void
pa_shape_words(struct pa_words *ws, PangoItem *item, const char *text, int len, PangoLogAttr *la,
               PangoGlyphString *gs)
{
	hb_feature_t feat[FEATURES_MAX];
	struct shaper sh;
	guint i;
	int n = 0, g;

	if (!item_cacheable(item) || item_features(item, feat, &sh.n_feat) < 0)
		goto whole;
	sh.fw = font_words(item->analysis.font);
	sh.font = pango_font_get_hb_font(item->analysis.font);
	sh.face = sh.font ? face_words(sh.font) : NULL;
	if (sh.face == NULL || !sh.face->safe)
		goto whole;
	sh.buf = ws->buf;
	sh.key = ws->key;
	sh.spaced = ws->spaced;
	sh.loose = ws->loose;
	sh.most = &ws->most;
	sh.feat = feat;
	sh.lang = hb_language_from_string(pango_language_to_string(item->analysis.language), -1);
	sh.script = (hb_script_t)g_unicode_script_to_iso15924((GUnicodeScript)item->analysis.script);
	sh.plan = NULL;
	i = cut(ws, &sh, item, text);
	hb_shape_plan_destroy(sh.plan);
	if (i != 0)
		goto whole;
	for (i = 0; i < ws->pieces->len; i++)
		n += g_array_index(ws->pieces, struct placed, i).w->n;
	pango_glyph_string_set_size(gs, n);
	for (i = 0, n = 0; i < ws->pieces->len; i++) {
		const struct placed *pl = &g_array_index(ws->pieces, struct placed, i);

		memcpy(gs->glyphs + n, pl->w->glyphs, pl->w->n * sizeof *gs->glyphs);
		for (g = 0; g < pl->w->n; g++)
			gs->log_clusters[n + g] = (int)pl->at + pl->w->clusters[g];
		n += pl->w->n;
	}
	g_ptr_array_set_size(ws->loose, 0);
	return;
whole:
	g_ptr_array_set_size(ws->loose, 0);
	pango_shape_item(item, text, len, la, gs, PANGO_SHAPE_NONE);
	warta_count(WARTA_COUNT_SHAPES, 1);
	warta_count(WARTA_COUNT_SHAPED, item->length);
}
