/* cover.c — EPUB back end: the cover image and the embedded fonts.  Reads the
 * book's headline, date and source, the style and warta's own font set
 * (warta_fonts_config); writes a 1600×2560 PNG drawn with Cairo and Pango, and
 * the list of font files (family → file) that --embed-fonts puts in the book. */
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#include "epub/epub_int.h"

#define COVER_W 1600
#define COVER_H 2560
#define MARGIN 130

/* ---------------------------------------------------------------- fonts */

/* 1 if family was already reported (then or now). */
static int
family_reported(struct ep_book *b, const char *family)
{
	if (!b->warned)
		b->warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (g_hash_table_contains(b->warned, family))
		return 1;
	g_hash_table_add(b->warned, g_strdup(family));
	return 0;
}

static const char *
font_media_type(const char *path)
{
	if (g_str_has_suffix(path, ".ttf") || g_str_has_suffix(path, ".TTF"))
		return "font/ttf";
	if (g_str_has_suffix(path, ".otf") || g_str_has_suffix(path, ".OTF"))
		return "font/otf";
	if (g_str_has_suffix(path, ".woff"))
		return "font/woff";
	if (g_str_has_suffix(path, ".woff2"))
		return "font/woff2";
	return NULL;
}

/* Embeds the face of family nearest to weight with the given slant (none if
 * the family has no face of that slant: readers slant it themselves). */
static void
want_face(struct ep_book *b, const char *family, int weight, int italic, struct warta_diags *d)
{
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *fs;
	const char *best = NULL;
	int best_dist = 10000, best_weight = 400, any = 0, collections = 0, i;
	struct ep_font *f;
	guint j;
	char *base;

	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, (const FcChar8 *)family, (char *)NULL);
	os = FcObjectSetBuild(FC_FILE, FC_WEIGHT, FC_SLANT, FC_INDEX, (char *)NULL);
	fs = FcFontList(b->fc, pat, os);
	for (i = 0; fs && i < fs->nfont; i++) {
		FcChar8 *file = NULL;
		int fw = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN, index = 0, ot, dist;

		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0, &fw);
		FcPatternGetInteger(fs->fonts[i], FC_SLANT, 0, &slant);
		FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index);
		if (!font_media_type((const char *)file) || index != 0) {
			/* font collections (.ttc) are not EPUB core media types */
			collections++;
			continue;
		}
		any++;
		if ((slant != FC_SLANT_ROMAN) != italic)
			continue;
		ot = (FcWeightToOpenType(fw) + 50) / 100 * 100;
		dist = abs(ot - weight);
		/* ties go to the smaller path: never fontconfig's order */
		if (dist < best_dist || (dist == best_dist && strcmp((const char *)file, best) < 0)) {
			best_dist = dist;
			best = (const char *)file;
			best_weight = ot;
		}
	}
	if (!best && !any && !family_reported(b, family)) {
		if (collections)
			warta_diag(d, WARTA_NOTE, NULL, 0, 0, "font \"%s\" not embedded: EPUB cannot hold "
			           "font collections (.ttc); readers use their own", family);
		else
			warta_diag(d, WARTA_WARNING, NULL, 0, 0,
			           "font \"%s\" not embedded: not in warta's font set", family);
	}
	for (j = 0; best && j < b->fonts->len; j++)
		if (strcmp(((struct ep_font *)b->fonts->pdata[j])->path, best) == 0)
			best = NULL;
	if (best) {
		f = g_new0(struct ep_font, 1);
		f->family = g_strdup(family);
		f->path = g_strdup(best);
		f->weight = best_weight;
		f->italic = italic;
		f->media_type = font_media_type(f->path);
		base = g_path_get_basename(f->path);
		/* only safe characters in the book's file names */
		g_strcanon(base, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", '_');
		f->name = base;
		g_ptr_array_add(b->fonts, f);
	}
	if (fs)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
}

void
ep_fonts_find(struct ep_book *b, struct warta_diags *d)
{
	const struct warta_style *s = b->style;
	const char *body;
	guint i, j;
	int e;

	if (!s)
		return;
	if (!b->fc) {
		warta_diag(d, WARTA_WARNING, NULL, 0, 0, "fonts not embedded: no font set");
		return;
	}
	body = s->el[WARTA_EL_BODY].family;
	/* the faces the style sheet asks for: each element's own, and its
	 * emphasis (italic toggled); bold and italic of the body face */
	for (e = 0; e < WARTA_EL_COUNT; e++) {
		const struct warta_elem_style *el = &s->el[e];
		const char *fam = el->family && *el->family ? el->family : body;
		int w = ep_css_weight(el->weight);

		if (e == WARTA_EL_RUNNING_HEAD || e == WARTA_EL_FOLIO || !fam || !*fam)
			continue;
		want_face(b, fam, w, el->italic, d);
		want_face(b, fam, w, !el->italic, d);
	}
	if (body && *body) {
		want_face(b, body, 700, 0, d);
		want_face(b, body, 700, 1, d);
	}
	if (b->need_arabic && s->fallback_arabic && *s->fallback_arabic) {
		want_face(b, s->fallback_arabic, 400, 0, d);
		want_face(b, s->fallback_arabic, 700, 0, d);
	}
	if (b->need_cjk && s->fallback_cjk && *s->fallback_cjk)
		want_face(b, s->fallback_cjk, 400, 0, d);
	/* unique file names and ids */
	for (i = 0; i < b->fonts->len; i++) {
		struct ep_font *f = b->fonts->pdata[i];

		f->id = g_strdup_printf("font-%u", i + 1);
		for (j = 0; j < i; j++) {
			struct ep_font *g = b->fonts->pdata[j];

			if (strcmp(g->name, f->name) == 0) {
				char *n = g_strdup_printf("%u-%s", i + 1, f->name);

				g_free(f->name);
				f->name = n;
			}
		}
	}
}

/* ---------------------------------------------------------------- cover */

/* The cover is drawn as two coverage masks, one for the ink and one for the
 * accent colour, and written as a 256-colour PNG whose palette holds the two
 * ramps from paper to ink and from paper to accent: exact, a third of the
 * data of RGB, and fast to compress. */
struct cover {
	cairo_t *ink, *accent;    /* A8 surfaces */
	unsigned int paper_rgb, ink_rgb, accent_rgb;
	PangoContext *ctx;
	const struct warta_style *style;
	const char *lang;
};

static unsigned int
el_color(const struct cover *c, enum warta_element el)
{
	return c->style ? c->style->el[el].color & 0xffffff : 0;
}

/* A layout of text in the element's face at size px, width px wide. */
static PangoLayout *
layout(const struct cover *c, enum warta_element el, const char *text, double size,
       int width, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(c->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	const struct warta_elem_style *e = c->style ? &c->style->el[el] : NULL;
	GString *fam = g_string_new(e && e->family ? e->family : "serif");

	if (c->style && c->style->fallback_arabic)
		g_string_append_printf(fam, ",%s", c->style->fallback_arabic);
	if (c->style && c->style->fallback_cjk)
		g_string_append_printf(fam, ",%s", c->style->fallback_cjk);
	pango_font_description_set_family(fd, fam->str);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, e ? (PangoWeight)e->weight : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, e && e->italic && el != WARTA_EL_SOURCE ?
	                                 PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	if (e && e->small_caps)
		pango_font_description_set_variant(fd, PANGO_VARIANT_SMALL_CAPS);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, width * PANGO_SCALE);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	if (e && e->uppercase) {
		char *up = g_utf8_strup(text, -1);

		pango_layout_set_text(l, up, -1);
		g_free(up);
	} else {
		pango_layout_set_text(l, text, -1);
	}
	if (e && e->letter_spacing > 0) {
		PangoAttrList *al = pango_attr_list_new();

		pango_attr_list_insert(al, pango_attr_letter_spacing_new(
			(int)(e->letter_spacing * size * PANGO_SCALE)));
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	}
	pango_font_description_free(fd);
	g_string_free(fam, TRUE);
	return l;
}

static int
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	return h;
}

/* Shows l at y, in the box of width COVER_W - 2 MARGIN; returns its height. */
static int
show(struct cover *c, PangoLayout *l, double y, int accent)
{
	cairo_t *cr = accent ? c->accent : c->ink;
	int h = layout_height(l);

	cairo_move_to(cr, MARGIN, y);
	pango_cairo_show_layout(cr, l);
	return h;
}

static void
rect(struct cover *c, double x, double y, double w, double h, int accent)
{
	cairo_t *cr = accent ? c->accent : c->ink;

	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
}

/* The headline at the largest size (≤ max) whose layout fits in height px
 * and breaks no word. */
static PangoLayout *
fit(struct cover *c, enum warta_element el, const char *text, double max, double min, int height)
{
	double size;
	PangoLayout *l = NULL;

	for (size = max; size >= min; size *= 0.92) {
		if (l)
			g_object_unref(l);
		l = layout(c, el, text, size, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
		if (layout_height(l) <= height && !pango_layout_is_wrapped(l))
			break;
		if (layout_height(l) <= height) {
			/* wrapped: fine unless a word is wider than the line */
			PangoRectangle ink, logical;

			pango_layout_get_pixel_extents(l, &ink, &logical);
			if (logical.width <= COVER_W - 2 * MARGIN)
				break;
		}
	}
	return l;
}

/* One PNG chunk (ISO/IEC 15948 §5.3): length, type, data, CRC of type + data. */
static void
png_chunk(GByteArray *out, const char *type, const unsigned char *data, size_t len)
{
	unsigned char b[4];
	guint32 crc;

	b[0] = (unsigned char)(len >> 24);
	b[1] = (unsigned char)(len >> 16);
	b[2] = (unsigned char)(len >> 8);
	b[3] = (unsigned char)len;
	g_byte_array_append(out, b, 4);
	g_byte_array_append(out, (const guint8 *)type, 4);
	if (len)
		g_byte_array_append(out, data, len);
	crc = libdeflate_crc32(0, type, 4);
	if (len)        /* libdeflate_crc32 of NULL is its initial value */
		crc = libdeflate_crc32(crc, data, len);
	b[0] = (unsigned char)(crc >> 24);
	b[1] = (unsigned char)(crc >> 16);
	b[2] = (unsigned char)(crc >> 8);
	b[3] = (unsigned char)crc;
	g_byte_array_append(out, b, 4);
}

/* The two masks as a paletted PNG (see struct cover): rows of palette
 * indexes (filter type 0), zlib-compressed in one call by libdeflate at its
 * fastest level (zlib's Z_RLE took 94 M instructions for the 4 MB of rows,
 * half the EPUB of an article; libdeflate 48 M, and a smaller file). */
static GByteArray *
encode_png(struct cover *c)
{
	static const unsigned char sig[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
	cairo_surface_t *si = cairo_get_target(c->ink), *sa = cairo_get_target(c->accent);
	unsigned char pal[256 * 3], ihdr[13], ti[256], ta[256], *di, *da, *raw, *z;
	struct libdeflate_compressor *zc;
	GByteArray *out;
	size_t rowlen = COVER_W + 1, rawlen = rowlen * COVER_H, zlen;
	int stride, x, y, i;

	cairo_surface_flush(si);
	cairo_surface_flush(sa);
	di = cairo_image_surface_get_data(si);
	da = cairo_image_surface_get_data(sa);
	stride = cairo_image_surface_get_stride(si);
	if (!di || !da || cairo_image_surface_get_stride(sa) != stride)
		return NULL;
	for (i = 0; i < 128; i++) {
		unsigned int to[2] = { c->ink_rgb, c->accent_rgb };
		int k;

		for (k = 0; k < 2; k++) {
			unsigned char *p = &pal[(k * 128 + i) * 3];
			int sh;

			for (sh = 16; sh >= 0; sh -= 8) {
				int a = (c->paper_rgb >> sh) & 0xff, b = (to[k] >> sh) & 0xff;

				p[(16 - sh) / 8] = (unsigned char)((a * (127 - i) + b * i + 63) / 127);
			}
		}
	}
	/* the two masks' coverage → palette index; most of a cover is paper,
	 * skipped eight pixels at a time */
	for (i = 0; i < 256; i++) {
		ti[i] = (unsigned char)((i * 127 + 127) / 255);
		ta[i] = (unsigned char)(128 + (i * 127 + 127) / 255);
	}
	raw = g_malloc(rawlen);
	for (y = 0; y < COVER_H; y++) {
		const unsigned char *pi = di + (gsize)y * stride, *pa = da + (gsize)y * stride;
		unsigned char *row = raw + (gsize)y * rowlen + 1;

		row[-1] = 0;    /* filter type None */
		for (x = 0; x < COVER_W; x++) {
			guint64 wi, wa;

			if (x % 8 == 0 && x + 8 <= COVER_W) {
				memcpy(&wi, pi + x, 8);
				memcpy(&wa, pa + x, 8);
				if ((wi | wa) == 0) {
					memset(row + x, 0, 8);
					x += 7;
					continue;
				}
			}
			row[x] = pa[x] > pi[x] ? ta[pa[x]] : ti[pi[x]];
		}
	}
	zc = libdeflate_alloc_compressor(1);
	if (!zc) {
		g_free(raw);
		return NULL;
	}
	zlen = libdeflate_zlib_compress_bound(zc, rawlen);
	z = g_malloc(zlen);
	zlen = libdeflate_zlib_compress(zc, raw, rawlen, z, zlen);
	libdeflate_free_compressor(zc);
	g_free(raw);
	if (zlen == 0) {
		g_free(z);
		return NULL;
	}
	memset(ihdr, 0, sizeof ihdr);
	ihdr[0] = (COVER_W >> 24) & 0xff;
	ihdr[1] = (COVER_W >> 16) & 0xff;
	ihdr[2] = (COVER_W >> 8) & 0xff;
	ihdr[3] = COVER_W & 0xff;
	ihdr[4] = (COVER_H >> 24) & 0xff;
	ihdr[5] = (COVER_H >> 16) & 0xff;
	ihdr[6] = (COVER_H >> 8) & 0xff;
	ihdr[7] = COVER_H & 0xff;
	ihdr[8] = 8;    /* bit depth */
	ihdr[9] = 3;    /* colour type: palette; compression, filter, interlace 0 */
	out = g_byte_array_sized_new(zlen + sizeof pal + 64);
	g_byte_array_append(out, sig, sizeof sig);
	png_chunk(out, "IHDR", ihdr, sizeof ihdr);
	png_chunk(out, "PLTE", pal, sizeof pal);
	png_chunk(out, "IDAT", z, zlen);
	png_chunk(out, "IEND", NULL, 0);
	g_free(z);
	return out;
}

int
ep_cover_draw(struct ep_book *b, struct warta_diags *d)
{
	const struct warta_doc *doc = b->articles[0].doc;
	cairo_surface_t *si, *sa;
	PangoFontMap *fm;
	cairo_font_options_t *fo;
	struct cover c;
	PangoLayout *l;
	GByteArray *png = NULL;
	char *masthead, *date_shown = NULL, *kicker, *deck, *byline;
	const char *date;
	double y;
	int h;

	if (!b->fc) {
		warta_diag(d, WARTA_WARNING, NULL, 0, 0, "no cover: warta's font set is not available");
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.style = b->style;
	c.lang = b->lang;
	c.paper_rgb = 0xfbf9f5;
	c.ink_rgb = el_color(&c, WARTA_EL_HEADLINE) ? el_color(&c, WARTA_EL_HEADLINE) : 0x111111;
	c.accent_rgb = el_color(&c, WARTA_EL_HEADING_NUMBER);
	if (!c.accent_rgb)
		c.accent_rgb = el_color(&c, WARTA_EL_SOURCE);
	if (!c.accent_rgb)
		c.accent_rgb = 0x8b1a1a;
	si = cairo_image_surface_create(CAIRO_FORMAT_A8, COVER_W, COVER_H);
	sa = cairo_image_surface_create(CAIRO_FORMAT_A8, COVER_W, COVER_H);
	c.ink = cairo_create(si);
	c.accent = cairo_create(sa);
	fm = pango_cairo_font_map_new();
	if (PANGO_IS_FC_FONT_MAP(fm))
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), b->fc);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72);
	c.ctx = pango_font_map_create_context(fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(c.ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(c.ctx, pango_language_from_string(b->lang));
	pango_cairo_update_context(c.ink, c.ctx);

	/* masthead: the source (or the edition's title), rules below */
	if (b->edition)
		masthead = ep_clean_line(b->title);
	else
		masthead = ep_clean_line(doc->meta.source);
	y = 170;
	if (*masthead) {
		char *up = g_utf8_strup(masthead, -1);

		l = fit(&c, WARTA_EL_SOURCE, up, b->edition ? 130 : 84, 40, b->edition ? 420 : 200);
		y += show(&c, l, y, 0);
		g_object_unref(l);
		g_free(up);
	}
	y += 40;
	rect(&c, MARGIN, y, COVER_W - 2 * MARGIN, 12, 0);
	y += 22;
	rect(&c, MARGIN, y, COVER_W - 2 * MARGIN, 3, 0);
	y += 120;

	date = b->opts && b->opts->edition_date && b->edition ? b->opts->edition_date : b->date;
	if (date && ep_date_valid(date))
		date_shown = ep_date_display(date, b->lang);

	if (!b->edition) {
		/* kicker (section), headline, accent rule, deck, byline: one
		 * block, centred a little above the middle of the free space */
		PangoLayout *kl = NULL, *hl, *dl = NULL, *bl = NULL;
		double top = y, bottom = COVER_H - 400, total;

		kicker = ep_clean_line(doc->meta.section);
		if (*kicker) {
			char *up = g_utf8_strup(kicker, -1);

			kl = layout(&c, WARTA_EL_SOURCE, up, 52, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
			g_free(up);
		}
		g_free(kicker);
		deck = ep_clean_line(doc->meta.subtitle);
		if (*deck)
			dl = fit(&c, WARTA_EL_DECK, deck, 66, 30, 420);
		g_free(deck);
		byline = ep_clean_line(doc->meta.author);
		if (*byline)
			bl = fit(&c, WARTA_EL_BYLINE, byline, 50, 24, 160);
		g_free(byline);
		total = (kl ? layout_height(kl) + 60 : 0) + (dl ? layout_height(dl) + 70 : 0) +
		        (bl ? layout_height(bl) + 40 : 0) + 180;
		hl = fit(&c, WARTA_EL_HEADLINE, b->title, 210, 50, (int)(bottom - top - total));
		total += layout_height(hl);
		y = top + MAX(0, (bottom - top - total) * 0.4);
		if (kl) {
			y += show(&c, kl, y, 1) + 60;
			g_object_unref(kl);
		}
		h = show(&c, hl, y, 0);
		g_object_unref(hl);
		y += h + 80;
		rect(&c, COVER_W / 2.0 - 80, y, 160, 8, 1);
		y += 100;
		if (dl) {
			y += show(&c, dl, y, 0) + 70;
			g_object_unref(dl);
		}
		if (bl) {
			show(&c, bl, y, 0);
			g_object_unref(bl);
		}
	} else {
		/* an edition: its sections */
		guint i;

		for (i = 0; i < b->groups->len && y < COVER_H - 600; i++) {
			struct ep_group *g = b->groups->pdata[i];
			char *name;

			if (!g->name)
				continue;
			name = ep_clean_line(g->name);
			l = layout(&c, WARTA_EL_HEADING, name, 72, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
			pango_layout_set_height(l, -1);
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
			y += show(&c, l, y, 0) + 40;
			g_object_unref(l);
			g_free(name);
		}
	}

	/* foot: rule and date */
	rect(&c, MARGIN, COVER_H - 330, COVER_W - 2 * MARGIN, 3, 0);
	if (date_shown) {
		l = layout(&c, WARTA_EL_DATE, date_shown, 60, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
		show(&c, l, COVER_H - 280, 0);
		g_object_unref(l);
	}
	g_free(date_shown);
	g_free(masthead);

	if (cairo_status(c.ink) != CAIRO_STATUS_SUCCESS || cairo_status(c.accent) != CAIRO_STATUS_SUCCESS)
		warta_diag(d, WARTA_WARNING, NULL, 0, 0, "no cover: cannot draw it: %s",
		           cairo_status_to_string(cairo_status(c.ink) ? cairo_status(c.ink) :
		                                  cairo_status(c.accent)));
	else if (!(png = encode_png(&c)))
		warta_diag(d, WARTA_WARNING, NULL, 0, 0, "no cover: PNG encoding failed");
	cairo_destroy(c.ink);
	cairo_destroy(c.accent);
	cairo_surface_destroy(si);
	cairo_surface_destroy(sa);
	g_object_unref(c.ctx);
	g_object_unref(fm);
	if (!png)
		return -1;
	b->cover_len = png->len;
	b->cover = g_byte_array_free(png, FALSE);
	return 0;
}
