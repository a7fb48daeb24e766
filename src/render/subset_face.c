/* subset_face.c — a PDF's big faces drawn from a subset made ahead
 * (subset_face.h). */
#include <string.h>

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include "lang/lang.h"
#include "render/subset_face.h"

/* A face of a font file: its subset, or none (drawn whole). */
struct face {
	guint32 *to;                    /* the full font's glyph id → the subset's + 1, 0: not
	                                   in it; NULL: no subset */
	unsigned int n;                 /* the full font's glyphs */
	cairo_font_face_t *cf;          /* the subset's face */
};

/* What a full scaled font is drawn with. */
struct scaled {
	cairo_scaled_font_t *full;      /* a reference: the key stays this font's */
	cairo_scaled_font_t *sub;       /* NULL: the full font */
	struct face *f;
};

/* A FreeType library of one rn_subsets and of the faces loaded by it:
 * cairo frees a face when it lets it go (its cache of recent scaled fonts
 * may keep one until after the document, and drop it in another thread);
 * the library goes with the last of them.  mu serializes its faces'
 * creation and destruction, as FreeType asks. */
struct lib {
	FT_Library ft;
	GMutex mu;
	int refs;                       /* under mu */
};

/* What a subset's Cairo face holds, freed with it. */
struct hold {
	struct lib *lib;
	FT_Face ft;
	hb_blob_t *blob;
};

struct rn_subsets {
	const struct rn *R;
	hb_set_t *chars;                /* what the documents can draw, once a big face needs it */
	hb_set_t *omit;                 /* WARTA_TEST_SUBSET_OMIT */
	struct lib *lib;                /* NULL until a subset is loaded */
	GHashTable *faces;              /* "INDEX:PATH" → struct face */
	GHashTable *scaled;             /* full cairo_scaled_font_t → struct scaled */
};

static const cairo_user_data_key_t hold_key;

/* ------------------------------------------------------------ characters */

static void
add_text(hb_set_t *set, const char *s)
{
	const char *p;

	if (!s || !g_utf8_validate(s, -1, NULL))
		return;
	for (p = s; *p; p = g_utf8_next_char(p))
		hb_set_add(set, g_utf8_get_char(p));
}

static void
add_tree(hb_set_t *set, const struct warta_node *root)
{
	const struct warta_node *n;

	for (n = root; n; n = warta_node_next(n, root)) {
		add_text(set, n->text);
		switch (n->type) {
		case WARTA_NODE_HEADING:
			add_text(set, n->as.heading.number);
			break;
		case WARTA_NODE_QUOTE:
			add_text(set, n->as.quote.open);
			add_text(set, n->as.quote.close);
			break;
		case WARTA_NODE_FOOTNOTE_DEF:
		case WARTA_NODE_FOOTNOTE_REF:
			add_text(set, n->as.footnote.label);
			break;
		case WARTA_NODE_DATELINE:
			add_text(set, n->as.dateline.place);
			add_text(set, n->as.dateline.agency);
			break;
		case WARTA_NODE_LINK:
		case WARTA_NODE_IMAGE:
			add_text(set, n->as.link.url);
			add_text(set, n->as.link.title);
			break;
		default:
			break;
		}
	}
}

/* warta's own words in language lang (labels, a date), each language once. */
static void
add_lang(hb_set_t *set, GHashTable *seen, const char *lang, const char *date)
{
	char *key = g_strdup_printf("%s %s", lang ? lang : "", date ? date : "");
	int k;

	if (g_hash_table_contains(seen, key)) {
		g_free(key);
		return;
	}
	g_hash_table_add(seen, key);
	if (date) {
		char *d = warta_date_format(date, lang);

		add_text(set, d);
		g_free(d);
		return;
	}
	for (k = 0; k < WARTA_LABEL_COUNT; k++)
		add_text(set, warta_label(lang, (enum warta_label_key)k));
}

/* The characters the documents can draw: their trees and front matter,
 * the edition's masthead, warta's words and dates in their languages,
 * both cases of each (a style may set capitals), and what the renderer
 * makes itself (digits, list marks, hyphens, the usual punctuation). */
static hb_set_t *
doc_chars(const struct rn *R)
{
	static const char extra[] = "0123456789.,:;-+/()[]#%*\u00a0\u00ad\u2010\u2011\u2012\u2013\u2014"
		"\u2018\u2019\u201c\u201d\u2022\u2026\u25e6\u25aa\u00b7\u3001\u3002\u300c\u300d\uff08\uff09"
		"\u5e74\u6708\u65e5\u661f\u671f\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341";
	hb_set_t *set = hb_set_create(), *cased;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	hb_codepoint_t c = HB_SET_VALUE_INVALID;
	size_t i;

	add_text(set, extra);
	for (c = 0x20; c < 0x7f; c++)
		hb_set_add(set, c);
	add_text(set, R->opts->edition_title);
	add_text(set, R->opts->edition_number);
	add_lang(set, seen, R->ed_lang, NULL);
	if (R->opts->edition_date)
		add_lang(set, seen, R->ed_lang, R->opts->edition_date);
	for (i = 0; i < R->n_docs; i++) {
		const struct warta_doc *D = R->docs[i];
		const struct warta_meta *m = &D->meta;
		char **k;

		add_text(set, m->title);
		add_text(set, m->subtitle);
		add_text(set, m->author);
		add_text(set, m->date);
		add_text(set, m->source);
		add_text(set, m->section);
		add_text(set, m->dateline);
		add_text(set, m->group);
		for (k = m->keywords; k && *k; k++)
			add_text(set, *k);
		if (m->lead)
			add_tree(set, m->lead);
		if (D->root)
			add_tree(set, D->root);
		add_lang(set, seen, m->lang, NULL);
		if (m->date)
			add_lang(set, seen, m->lang, m->date);
		if (R->opts->edition_date)
			add_lang(set, seen, m->lang, R->opts->edition_date);
	}
	g_hash_table_destroy(seen);
	cased = hb_set_create();
	for (c = HB_SET_VALUE_INVALID; hb_set_next(set, &c);) {
		hb_set_add(cased, g_unichar_toupper(c));
		hb_set_add(cased, g_unichar_tolower(c));
		hb_set_add(cased, g_unichar_totitle(c));
	}
	hb_set_union(set, cased);
	hb_set_destroy(cased);
	return set;
}

/* ------------------------------------------------------------ faces */

/* Drops a reference to L (and a face of it, or NULL). */
static void
lib_unref(struct lib *L, FT_Face ft)
{
	int last;

	g_mutex_lock(&L->mu);
	if (ft)
		FT_Done_Face(ft);
	last = --L->refs == 0;
	g_mutex_unlock(&L->mu);
	if (last) {
		FT_Done_FreeType(L->ft);
		g_mutex_clear(&L->mu);
		g_free(L);
	}
}

static void
hold_free(void *p)
{
	struct hold *h = p;

	lib_unref(h->lib, h->ft);
	hb_blob_destroy(h->blob);
	g_free(h);
}

static void
face_free(void *p)
{
	struct face *f = p;

	g_free(f->to);
	if (f->cf)
		cairo_font_face_destroy(f->cf);
	g_free(f);
}

static void
scaled_free(void *p)
{
	struct scaled *s = p;

	cairo_scaled_font_destroy(s->full);
	if (s->sub)
		cairo_scaled_font_destroy(s->sub);
	g_free(s);
}

/* The size of face's outline table. */
static unsigned int
outlines(hb_face_t *face)
{
	static const hb_tag_t tags[] = { HB_TAG('C', 'F', 'F', ' '), HB_TAG('C', 'F', 'F', '2'),
	                                 HB_TAG('g', 'l', 'y', 'f') };
	unsigned int len = 0, i;

	for (i = 0; i < G_N_ELEMENTS(tags); i++) {
		hb_blob_t *b = hb_face_reference_table(face, tags[i]);

		len = MAX(len, hb_blob_get_length(b));
		hb_blob_destroy(b);
	}
	return len;
}

/* Face (of a big outline table) subset to S's characters into f: every
 * layout feature's closure of them (what shaping can reach), the
 * charstrings without subroutines (hb-subset's closure over them cost a
 * tenth of a Chinese article's instructions, and the PDF is smaller), new
 * glyph ids (kept ids cost a quarter more instructions and 10 MB: every
 * table then spans the font's 65,535 glyphs); loaded by FreeType from
 * memory.  f untouched when anything fails (the face is drawn whole). */
static void
make_subset(struct rn_subsets *S, hb_face_t *face, struct face *f)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	hb_set_t *feat;
	const hb_map_t *map;
	struct hold *h;
	const char *data;
	unsigned int len;
	hb_codepoint_t g;
	FT_Face ft = NULL;

	if (!in)
		return;
	if (!S->chars) {
		S->chars = doc_chars(S->R);
		if (S->omit)
			hb_set_subtract(S->chars, S->omit);
	}
	hb_set_union(hb_subset_input_unicode_set(in), S->chars);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
	feat = hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
	hb_set_clear(feat);
	hb_set_invert(feat);
	plan = hb_subset_plan_create_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (plan)
		sub = hb_subset_plan_execute_or_fail(plan);
	if (sub)
		blob = hb_face_reference_blob(sub);
	data = blob ? hb_blob_get_data(blob, &len) : NULL;
	if (data && len > 0 && !S->lib) {
		S->lib = g_new0(struct lib, 1);
		g_mutex_init(&S->lib->mu);
		S->lib->refs = 1;
		if (FT_Init_FreeType(&S->lib->ft) != 0) {
			g_mutex_clear(&S->lib->mu);
			g_free(S->lib);
			S->lib = NULL;
		}
	}
	if (data && len > 0 && S->lib) {
		g_mutex_lock(&S->lib->mu);
		if (FT_New_Memory_Face(S->lib->ft, (const FT_Byte *)data, (FT_Long)len, 0, &ft) != 0)
			ft = NULL;
		else
			S->lib->refs++;
		g_mutex_unlock(&S->lib->mu);
	}
	if (!ft) {
		if (blob)
			hb_blob_destroy(blob);
		if (sub)
			hb_face_destroy(sub);
		if (plan)
			hb_subset_plan_destroy(plan);
		return;
	}
	h = g_new0(struct hold, 1);
	h->lib = S->lib;
	h->ft = ft;
	h->blob = blob;
	f->cf = cairo_ft_font_face_create_for_ft_face(ft, 0);
	if (cairo_font_face_set_user_data(f->cf, &hold_key, h, hold_free) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(f->cf);
		hold_free(h);
		f->cf = NULL;
	} else {
		/* the full font's glyph id → the subset's + 1 (0: not in it) */
		f->n = hb_face_get_glyph_count(face);
		f->to = g_new0(guint32, f->n);
		map = hb_subset_plan_old_to_new_glyph_mapping(plan);
		for (g = 0; g < f->n; g++) {
			hb_codepoint_t to = hb_map_get(map, g);

			if (to != HB_MAP_VALUE_INVALID)
				f->to[g] = to + 1;
		}
	}
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
}

/* The face entry of font: subset when its outlines are big, it is one
 * face of a font file, and Cairo draws it without synthesis or variations. */
static struct face *
face_of(struct rn_subsets *S, PangoFont *font, cairo_scaled_font_t *full)
{
	FcPattern *pat = PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
	FcChar8 *file = NULL;
	int index = 0;
	char *key;
	struct face *f;
	hb_font_t *hb;
	hb_face_t *face;

	if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	if (FcPatternGetInteger(pat, FC_INDEX, 0, &index) != FcResultMatch)
		index = 0;
	key = g_strdup_printf("%d:%s", index, (const char *)file);
	if ((f = g_hash_table_lookup(S->faces, key))) {
		g_free(key);
		return f;
	}
	f = g_new0(struct face, 1);
	g_hash_table_insert(S->faces, key, f);
	hb = pango_font_get_hb_font(font);
	face = hb ? hb_font_get_face(hb) : NULL;
	if (face && index >> 16 == 0 && outlines(face) > RN_SUBSET_BIG &&
	    !hb_ot_var_has_data(face) &&
	    cairo_font_face_get_type(cairo_scaled_font_get_font_face(full)) == CAIRO_FONT_TYPE_FT) {
		/* the file mapped again for hb-subset: the pages it reads (the
		 * kept glyphs' charstrings, and the kernel maps 64 kB around
		 * each) are let go with it, 12 MB per face of Noto Serif CJK */
		hb_blob_t *blob = hb_blob_create_from_file_or_fail((const char *)file);
		hb_face_t *own = blob ? hb_face_create(blob, (unsigned int)index) : NULL;

		if (own && hb_face_get_glyph_count(own) == hb_face_get_glyph_count(face))
			make_subset(S, own, f);
		if (own)
			hb_face_destroy(own);
		if (blob)
			hb_blob_destroy(blob);
	}
	return f;
}

struct rn_subsets *
rn_subsets_new(const struct rn *R)
{
	struct rn_subsets *S;
	const char *omit = g_getenv("WARTA_TEST_SUBSET_OMIT");

	if (g_getenv("WARTA_TEST_NO_SUBSET"))
		return NULL;
	S = g_new0(struct rn_subsets, 1);
	S->R = R;
	S->faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, face_free);
	S->scaled = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, scaled_free);
	if (omit) {
		S->omit = hb_set_create();
		add_text(S->omit, omit);
	}
	return S;
}

cairo_scaled_font_t *
rn_subsets_font(struct rn_subsets *S, PangoFont *font, cairo_scaled_font_t *full, cairo_glyph_t *gl, int n)
{
	struct scaled *s;
	int i;

	if (!S || !full)
		return full;
	if (!(s = g_hash_table_lookup(S->scaled, full))) {
		s = g_new0(struct scaled, 1);
		s->full = cairo_scaled_font_reference(full);
		s->f = face_of(S, font, full);
		if (s->f && s->f->cf &&
		    cairo_ft_font_face_get_synthesize(cairo_scaled_font_get_font_face(full)) == 0) {
			cairo_matrix_t fm, ctm;
			cairo_font_options_t *fo = cairo_font_options_create();

			cairo_scaled_font_get_font_matrix(full, &fm);
			cairo_scaled_font_get_ctm(full, &ctm);
			cairo_scaled_font_get_font_options(full, fo);
			s->sub = cairo_scaled_font_create(s->f->cf, &fm, &ctm, fo);
			cairo_font_options_destroy(fo);
			if (cairo_scaled_font_status(s->sub) != CAIRO_STATUS_SUCCESS) {
				cairo_scaled_font_destroy(s->sub);
				s->sub = NULL;
			}
		}
		g_hash_table_insert(S->scaled, full, s);
	}
	if (!s->sub)
		return full;
	for (i = 0; i < n; i++)
		if (gl[i].index >= s->f->n || s->f->to[gl[i].index] == 0)
			return full;        /* drawn with the whole face */
	for (i = 0; i < n; i++)
		gl[i].index = s->f->to[gl[i].index] - 1;
	return s->sub;
}

void
rn_subsets_free(struct rn_subsets *S)
{
	if (!S)
		return;
	g_hash_table_destroy(S->scaled);
	g_hash_table_destroy(S->faces);
	if (S->chars)
		hb_set_destroy(S->chars);
	if (S->omit)
		hb_set_destroy(S->omit);
	if (S->lib)
		lib_unref(S->lib, NULL);
	g_free(S);
}
