/* subset.c — EPUB back end: --embed-fonts subsets each embedded face to the
 * characters the book sets, with HarfBuzz's hb-subset (libharfbuzz-subset):
 * the glyphs of those characters and every glyph the font's layout features
 * reach from them (ligatures, small capitals, old-style figures, Arabic
 * joining forms), all layout features kept.  A face of a font collection
 * (.ttc: the Noto CJK faces) becomes a font file of its own.  A fallback face
 * (Arabic, CJK) keeps only the characters the body face lacks. */
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "epub/epub_int.h"

/* The characters of the documents' text (between tags; entities decoded),
 * with both cases of each (text-transform and small capitals change case)
 * and what a reading system adds itself: hyphens, list markers, digits. */
static hb_set_t *
book_chars(const char *const *docs)
{
	hb_set_t *set = hb_set_create();
	const char *extra = "0123456789.-\u2010\u00ad\u2022\u25e6\u25aa ()[]\u00a0";
	const char *p;
	int i;

	for (p = extra; *p; p = g_utf8_next_char(p))
		hb_set_add(set, g_utf8_get_char(p));
	for (i = 0; docs[i]; i++) {
		int in_tag = 0;

		for (p = docs[i]; *p; ) {
			gunichar c;

			if (*p == '<') {
				in_tag = 1;
				p++;
				continue;
			}
			if (*p == '>' && in_tag) {
				in_tag = 0;
				p++;
				continue;
			}
			if (in_tag) {
				p++;
				continue;
			}
			if (*p == '&') {
				const char *semi = strchr(p, ';');

				c = 0;
				if (semi && semi - p < 12) {
					if (p[1] == '#')
						c = (gunichar)(p[2] == 'x' ? g_ascii_strtoull(p + 3, NULL, 16) :
						                             g_ascii_strtoull(p + 2, NULL, 10));
					else if (strncmp(p, "&amp;", 5) == 0)
						c = '&';
					else if (strncmp(p, "&lt;", 4) == 0)
						c = '<';
					else if (strncmp(p, "&gt;", 4) == 0)
						c = '>';
					else if (strncmp(p, "&quot;", 6) == 0)
						c = '"';
					else if (strncmp(p, "&apos;", 6) == 0)
						c = '\'';
					p = semi + 1;
				} else {
					c = '&';
					p++;
				}
			} else {
				c = g_utf8_get_char_validated(p, -1);
				if (c == (gunichar)-1 || c == (gunichar)-2) {
					p++;
					continue;
				}
				p = g_utf8_next_char(p);
			}
			if (c < 0x20)
				continue;
			hb_set_add(set, c);
			hb_set_add(set, g_unichar_toupper(c));
			hb_set_add(set, g_unichar_tolower(c));
		}
	}
	return set;
}

static hb_face_t *
face_of(const char *path, unsigned index)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *face;

	if (!blob)
		return NULL;
	face = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	return face;
}

/* The characters of want that face has no glyph for, added to lacking. */
static void
add_lacking(hb_face_t *face, const hb_set_t *want, hb_set_t *lacking)
{
	hb_set_t *has = hb_set_create();
	hb_codepoint_t c = HB_SET_VALUE_INVALID;

	hb_face_collect_unicodes(face, has);
	while (hb_set_next(want, &c))
		if (!hb_set_has(has, c))
			hb_set_add(lacking, c);
	hb_set_destroy(has);
}

int
ep_fonts_subset(struct ep_book *b, const char *const *docs, struct warta_diags *d)
{
	hb_set_t *chars, *lacking;
	guint i;
	int rc = 0;

	if (!b->fonts || b->fonts->len == 0)
		return 0;
	chars = book_chars(docs);
	/* what the body face (the first, not a fallback) cannot set: all a
	 * fallback face is asked for */
	lacking = hb_set_create();
	for (i = 0; i < b->fonts->len; i++) {
		struct ep_font *f = b->fonts->pdata[i];
		hb_face_t *face;

		if (f->fallback)
			continue;
		if ((face = face_of(f->path, f->index))) {
			add_lacking(face, chars, lacking);
			hb_face_destroy(face);
		}
		break;
	}
	for (i = 0; i < b->fonts->len; i++) {
		struct ep_font *f = b->fonts->pdata[i];
		hb_face_t *face = face_of(f->path, f->index), *sub = NULL;
		hb_subset_input_t *in;
		hb_blob_t *blob, *cff;
		const char *data;
		unsigned len;

		if (!face) {
			warta_diag(d, WARTA_ERROR, f->path, 0, 0, "cannot read font");
			rc = -1;
			break;
		}
		in = hb_subset_input_create_or_fail();
		if (!in) {
			hb_face_destroy(face);
			warta_diag(d, WARTA_ERROR, f->path, 0, 0, "cannot subset font: out of memory");
			rc = -1;
			break;
		}
		hb_set_union(hb_subset_input_unicode_set(in), f->fallback ? lacking : chars);
		/* every layout feature (small caps, old-style figures, …), not
		 * only hb-subset's default list */
		hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
		hb_set_invert(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
		sub = hb_subset_or_fail(face, in);
		hb_subset_input_destroy(in);
		if (!sub) {
			hb_face_destroy(face);
			warta_diag(d, WARTA_ERROR, f->path, 0, 0, "cannot subset font (hb-subset failed)");
			rc = -1;
			break;
		}
		blob = hb_face_reference_blob(sub);
		data = hb_blob_get_data(blob, &len);
		g_free(f->data);
		f->data = g_memdup2(data, len);
		f->len = len;
		/* the file's kind from its outlines: CFF is OpenType (.otf) */
		cff = hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
		f->media_type = hb_blob_get_length(cff) > 0 ? "font/otf" : "font/ttf";
		hb_blob_destroy(cff);
		hb_blob_destroy(blob);
		hb_face_destroy(sub);
		hb_face_destroy(face);
		{
			/* NAME.otf or NAME.ttf, the name the file had without its extension */
			char *dot = strrchr(f->name, '.');
			char *stem = dot ? g_strndup(f->name, dot - f->name) : g_strdup(f->name);

			g_free(f->name);
			f->name = g_strdup_printf("%s.%s", stem,
			                          strcmp(f->media_type, "font/otf") == 0 ? "otf" : "ttf");
			g_free(stem);
		}
	}
	hb_set_destroy(lacking);
	hb_set_destroy(chars);
	return rc;
}
