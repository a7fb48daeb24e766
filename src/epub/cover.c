/* cover.c — EPUB back end: the cover image and the embedded fonts.  Reads the
 * book's headline, date and source, the style and warta's own font set
 * (warta_fonts_config); writes a 1600×2560 PNG drawn with Cairo and Pango (a
 * 16-colour palette, 4 bits a pixel: half the bytes libdeflate must hash of
 * an 8-bit image, and 10 % smaller; tests/bench/RESULTS.md), and the list of
 * font files (family → file) that --embed-fonts puts in the book. */
#include <fontconfig/fontconfig.h>
#include <libdeflate.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "epub/epub_int.h"
#include "render/engine.h"

#define COVER_W 1600
#define COVER_H 2560
#define MARGIN 130
G_STATIC_ASSERT(COVER_W % 8 == 0);   /* put_row reads 8 pixels at a time */

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
want_face(struct ep_book *b, const char *family, int weight, int italic, int fallback,
          struct warta_diags *d)
{
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *fs;
	const char *best = NULL;
	int best_dist = 10000, best_weight = 400, any = 0, collections = 0, i, best_index = 0;
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
		if (!font_media_type((const char *)file) &&
		    !g_str_has_suffix((const char *)file, ".ttc") &&
		    !g_str_has_suffix((const char *)file, ".otc")) {
			collections++;
			continue;
		}
		any++;
		if ((slant != FC_SLANT_ROMAN) != italic)
			continue;
		ot = (FcWeightToOpenType(fw) + 50) / 100 * 100;
		dist = abs(ot - weight);
		/* ties go to the smaller path: never fontconfig's order */
		if (dist < best_dist || (dist == best_dist && (strcmp((const char *)file, best) < 0 ||
		    (strcmp((const char *)file, best) == 0 && index < best_index)))) {
			best_dist = dist;
			best = (const char *)file;
			best_weight = ot;
			best_index = index;
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
		if (strcmp(((struct ep_font *)b->fonts->pdata[j])->path, best) == 0 &&
		    ((struct ep_font *)b->fonts->pdata[j])->index == (unsigned)best_index)
			best = NULL;
	if (best) {
		f = g_new0(struct ep_font, 1);
		f->family = g_strdup(family);
		f->path = g_strdup(best);
		f->weight = best_weight;
		f->italic = italic;
		f->media_type = font_media_type(f->path);
		f->index = (unsigned)best_index;
		f->fallback = fallback;
		/* a face of a collection: a file of its own once subset */
		if (g_str_has_suffix(best, ".ttc") || g_str_has_suffix(best, ".otc"))
			base = g_strdup_printf("%s-%d.otf", family, best_index);
		else
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

/* The selectors of each element's rule in the style sheet (css.c), to tell
 * which elements a book uses. */
static const char *const elem_selectors[WARTA_EL_COUNT] = {
	[WARTA_EL_BODY] = "p, li",
	[WARTA_EL_HEADLINE] = "h1.headline, h1.masthead, h1.section-title",
	[WARTA_EL_DECK] = "p.deck",
	[WARTA_EL_BYLINE] = "p.byline",
	[WARTA_EL_DATE] = "p.date, p.edition-date",
	[WARTA_EL_DATELINE] = "span.dateline",
	[WARTA_EL_HEADING] = "h2, h3, h4, h5, h6, p.subhead",
	[WARTA_EL_HEADING_NUMBER] = "span.num",
	[WARTA_EL_QUOTATION] = "span.q",
	[WARTA_EL_BLOCKQUOTE] = "blockquote",
	[WARTA_EL_PULLQUOTE] = "blockquote.pull",
	[WARTA_EL_FOOTNOTE] = "section.footnotes, aside.footnote",
	[WARTA_EL_CODE] = "code, pre",
	[WARTA_EL_LIST] = "li",
	[WARTA_EL_TABLE] = "table",
	[WARTA_EL_SOURCE] = "p.source, p.section, p.edition-section",
};

void
ep_fonts_find(struct ep_book *b, const char *const *docs, struct warta_diags *d)
{
	GHashTable *used;
	int emphasis, strong;
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
	used = ep_docs_used(docs);
	emphasis = g_hash_table_contains(used, "em") || g_hash_table_contains(used, "i") ||
	           g_hash_table_contains(used, "cite");
	strong = g_hash_table_contains(used, "strong") || g_hash_table_contains(used, "b") ||
	         g_hash_table_contains(used, "th");
	/* the faces the book uses: each element's own where the book has the
	 * element, and its emphasis (italic toggled) where it has emphasis;
	 * bold of the body face where it has strong text.  The body first:
	 * the fallbacks are subset to what it cannot set. */
	for (e = 0; e < WARTA_EL_COUNT; e++) {
		const struct warta_elem_style *el = &s->el[e];
		const char *fam = el->family && *el->family ? el->family : body;
		int w = ep_css_weight(el->weight);

		if (e == WARTA_EL_RUNNING_HEAD || e == WARTA_EL_FOLIO || !fam || !*fam ||
		    !elem_selectors[e] || (e != WARTA_EL_BODY && e != WARTA_EL_HEADLINE &&
		    !ep_selectors_used(used, elem_selectors[e])))
			continue;
		want_face(b, fam, w, el->italic, 0, d);
		if (emphasis)
			want_face(b, fam, w, !el->italic, 0, d);
	}
	if (body && *body && strong) {
		want_face(b, body, 700, 0, 0, d);
		if (emphasis)
			want_face(b, body, 700, 1, 0, d);
	}
	if (b->need_arabic && s->fallback_arabic && *s->fallback_arabic) {
		want_face(b, s->fallback_arabic, 400, 0, 1, d);
		if (strong || ep_selectors_used(used, "h2, h3, h4, h5, h6, p.subhead, p.byline"))
			want_face(b, s->fallback_arabic, 700, 0, 1, d);
	}
	if (b->need_cjk) {
		/* the face of each CJK region the book's articles are in */
		want_face(b, ep_cjk_family(b), 400, 0, 1, d);
		GPtrArray *tags = ep_node_cjk_langs(b);

		for (i = 0; i < b->n; i++)
			if (warta_lang_cjk_region(b->articles[i].lang))
				want_face(b, warta_style_cjk_family(s, b->articles[i].lang), 400, 0, 1, d);
		/* and of the quotations and names in a CJK language */
		for (i = 0; i < tags->len; i++)
			want_face(b, warta_style_cjk_family(s, g_ptr_array_index(tags, i)), 400, 0, 1, d);
		g_ptr_array_free(tags, TRUE);
	}
	g_hash_table_destroy(used);
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

/* The cover is drawn piece by piece: each text block and each rule into an
 * A8 surface of its own, as large as its ink, in the ink or the accent
 * colour.  The pieces are then put together one row at a time into 4-bit
 * palette indexes: paper, 11 steps from paper to ink and 4 from paper to
 * accent, plenty for anti-aliased type at this size: a quarter of the data
 * of two full-size 8-bit masks, and only the ink's rectangles are drawn,
 * cleared and read. */
#define INK_STEPS 11
#define ACCENT_STEPS (15 - INK_STEPS)

struct piece {
	cairo_surface_t *s;       /* A8 */
	const guint8 *data;
	int stride;
	int x, y, w, h;           /* on the cover */
	int accent;
};

struct cover {
	GArray *pieces;           /* of struct piece, in the order drawn */
	unsigned int paper_rgb, ink_rgb, accent_rgb;
	PangoContext *ctx;
	const struct warta_style *style;
	const char *lang;
	/* put_row's work space */
	guint8 qi[256], qa[256];  /* coverage → index */
	guint8 cov[COVER_W], sel[COVER_W];
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

/* A new piece of the cover for w × h pixels at (x, y): a cairo context whose
 * origin is (x, y), or NULL (nothing to draw: empty, or off the cover).  The
 * surface starts and ends on a multiple of 8 pixels (put_row). */
static cairo_t *
piece_new(struct cover *c, int x, int y, int w, int h, int accent)
{
	struct piece p;
	cairo_t *cr;

	if (w <= 0 || h <= 0 || x >= COVER_W || y >= COVER_H || x + w <= 0 || y + h <= 0)
		return NULL;
	memset(&p, 0, sizeof p);
	p.x = x - ((x % 8) + 8) % 8;
	p.w = (x + w - p.x + 7) / 8 * 8;
	p.y = y;
	p.h = h;
	p.accent = accent;
	p.s = cairo_image_surface_create(CAIRO_FORMAT_A8, p.w, p.h);
	g_array_append_val(c->pieces, p);
	cr = cairo_create(p.s);
	cairo_translate(cr, x - p.x, 0);
	return cr;
}

/* Shows l at y, in the box of width COVER_W - 2 MARGIN; returns its height. */
static int
show(struct cover *c, PangoLayout *l, double y, int accent)
{
	PangoRectangle ink, logical;
	cairo_t *cr;
	int x0, y0;

	pango_layout_get_pixel_extents(l, &ink, &logical);
	/* the ink box, and 2 pixels for the anti-aliasing around it; the layout
	 * keeps its place, fraction of a pixel included */
	x0 = MARGIN + ink.x - 2;
	y0 = (int)floor(y) + ink.y - 2;
	cr = piece_new(c, x0, y0, ink.width + 4, ink.height + 4, accent);
	if (cr) {
		/* coverage adds up where the ink of two glyphs meets (no seam),
		 * and pixman has a fast path for it that OVER onto A8 lacks */
		cairo_set_operator(cr, CAIRO_OPERATOR_ADD);
		cairo_move_to(cr, MARGIN - x0, y - y0);
		pango_cairo_show_layout(cr, l);
		cairo_destroy(cr);
	}
	return logical.height;
}

/* A rule, on whole pixels: crisp edges. */
static void
rect(struct cover *c, double x, double y, double w, double h, int accent)
{
	int x0 = (int)lround(x), y0 = (int)lround(y), w0 = (int)lround(x + w) - x0;
	int h0 = (int)lround(y + h) - y0;
	cairo_t *cr = piece_new(c, x0, y0, w0, h0, accent);

	if (cr) {
		cairo_rectangle(cr, 0, 0, w0, h0);
		cairo_fill(cr);
		cairo_destroy(cr);
	}
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
	if (l && (size < min || layout_height(l) > height)) {
		/* too long even at the smallest size: the cover shows what fits,
		 * ending in an ellipsis (the book's pages hold the whole text) */
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, height * PANGO_SCALE);
	}
	return l;
}

/* Row y of the cover as 4-bit indexes (ep_png4's callback).  Pieces start
 * and end on multiples of 8 pixels, and paper is skipped 8 pixels at a time.
 * Where pieces overlap (rarely: their boxes are those of the ink), the larger
 * coverage wins. */
static int
put_row(void *ctx, int y, guint8 *out)
{
	struct cover *c = ctx;
	const struct piece *on[8];
	int n = 0, overlap = 0, any = 0, x, k, j;
	guint64 word;
	guint i;

	for (i = 0; i < c->pieces->len; i++) {
		const struct piece *p = &g_array_index(c->pieces, struct piece, i);

		if (y < p->y || y >= p->y + p->h)
			continue;
		for (j = 0; j < n; j++)
			if (p->x < on[j]->x + on[j]->w && on[j]->x < p->x + p->w)
				overlap = 1;
		if (n == (int)G_N_ELEMENTS(on))
			overlap = 1;
		else
			on[n++] = p;
	}
	if (n == 0)
		return 0;
	memset(out, 0, COVER_W / 2);
	if (!overlap) {
		for (j = 0; j < n; j++) {
			const struct piece *p = on[j];
			const guint8 *q = p->accent ? c->qa : c->qi;
			const guint8 *src = p->data + (gsize)(y - p->y) * p->stride - p->x;
			int a = MAX(p->x, 0), e = MIN(p->x + p->w, COVER_W);

			for (x = a; x < e; x += 8) {
				memcpy(&word, src + x, 8);
				if (word == 0)
					continue;
				any = 1;
				for (k = x; k < x + 8; k += 2)
					out[k / 2] = (guint8)(q[src[k]] << 4 | q[src[k + 1]]);
			}
		}
		return any;
	}
	/* overlapping pieces: coverage and colour per pixel first */
	for (i = 0; i < c->pieces->len; i++) {
		const struct piece *p = &g_array_index(c->pieces, struct piece, i);
		const guint8 *src;
		int a, e;

		if (y < p->y || y >= p->y + p->h)
			continue;
		a = MAX(p->x, 0);
		e = MIN(p->x + p->w, COVER_W);
		src = p->data + (gsize)(y - p->y) * p->stride - p->x;
		for (x = a; x < e; x++) {
			if (src[x] > c->cov[x]) {
				c->cov[x] = src[x];
				c->sel[x] = (guint8)p->accent;
				any = 1;
			}
		}
	}
	for (x = 0; x < COVER_W; x += 2) {
		guint8 hi = c->sel[x] ? c->qa[c->cov[x]] : c->qi[c->cov[x]];
		guint8 lo = c->sel[x + 1] ? c->qa[c->cov[x + 1]] : c->qi[c->cov[x + 1]];

		out[x / 2] = (guint8)(hi << 4 | lo);
	}
	memset(c->cov, 0, sizeof c->cov);
	return any;
}

/* ---------------------------------------------------------------- PNG */

static void
be32(guint8 *p, guint32 v)
{
	p[0] = (guint8)(v >> 24);
	p[1] = (guint8)(v >> 16);
	p[2] = (guint8)(v >> 8);
	p[3] = (guint8)v;
}

/* Appends one PNG chunk (ISO/IEC 15948 §5.3) whose data, len bytes, are
 * already at out->data + at + 8: its length before, its CRC after. */
static void
png_chunk(GByteArray *out, gsize at, const char *type, gsize len)
{
	guint8 crc[4];

	be32(out->data + at, (guint32)len);
	memcpy(out->data + at + 4, type, 4);
	be32(crc, libdeflate_crc32(0, out->data + at + 4, len + 4));
	g_byte_array_set_size(out, (guint)(at + 8 + len));
	g_byte_array_append(out, crc, 4);
}

GByteArray *
ep_png4(int width, int height, const guint8 *palette, int ncolors,
        int (*row)(void *ctx, int y, guint8 *out), void *ctx)
{
	static const guint8 sig[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
	gsize rowlen = ((gsize)width + 1) / 2, rawlen, bound, at, zlen;
	struct libdeflate_compressor *z;
	GByteArray *out;
	guint8 *raw, *p;
	int y;

	if (width <= 0 || height <= 0 || ncolors < 1 || ncolors > 16 ||
	    (gsize)height > G_MAXUINT / 2 / (rowlen + 1) || !(z = libdeflate_alloc_compressor(1)))
		return NULL;
	/* the rows with filter type None (§9.2), paper rows left zero */
	rawlen = (rowlen + 1) * (gsize)height;
	raw = g_malloc0(rawlen);
	for (y = 0; y < height; y++)
		row(ctx, y, raw + (rowlen + 1) * (gsize)y + 1);
	bound = libdeflate_zlib_compress_bound(z, rawlen);
	out = g_byte_array_sized_new((guint)(8 + 25 + 12 + 48 + 12 + bound + 12));
	g_byte_array_append(out, sig, sizeof sig);
	g_byte_array_set_size(out, 8 + 8 + 13);
	p = out->data + 16;
	be32(p, (guint32)width);
	be32(p + 4, (guint32)height);
	p[8] = 4;       /* bit depth */
	p[9] = 3;       /* colour type: palette */
	p[10] = p[11] = p[12] = 0;     /* deflate, adaptive filters, no interlace */
	png_chunk(out, 8, "IHDR", 13);
	at = out->len;
	g_byte_array_set_size(out, (guint)(at + 8));
	g_byte_array_append(out, palette, (guint)ncolors * 3);
	png_chunk(out, at, "PLTE", (gsize)ncolors * 3);
	at = out->len;
	g_byte_array_set_size(out, (guint)(at + 8 + bound));
	zlen = libdeflate_zlib_compress(z, raw, rawlen, out->data + at + 8, bound);
	libdeflate_free_compressor(z);
	g_free(raw);
	if (zlen == 0) {
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	png_chunk(out, at, "IDAT", zlen);
	at = out->len;
	g_byte_array_set_size(out, (guint)(at + 8));
	png_chunk(out, at, "IEND", 0);
	return out;
}

/* The palette: paper, the ramp to the ink, the ramp to the accent. */
static void
palette(const struct cover *c, guint8 pal[16 * 3])
{
	unsigned int to[2] = { c->ink_rgb, c->accent_rgb };
	int steps[2] = { INK_STEPS, ACCENT_STEPS }, k, i, sh, n = 1;

	for (sh = 16; sh >= 0; sh -= 8)
		pal[(16 - sh) / 8] = (guint8)(c->paper_rgb >> sh);
	for (k = 0; k < 2; k++) {
		for (i = 1; i <= steps[k]; i++, n++) {
			for (sh = 16; sh >= 0; sh -= 8) {
				int a = (c->paper_rgb >> sh) & 0xff, b = (to[k] >> sh) & 0xff;

				pal[n * 3 + (16 - sh) / 8] =
					(guint8)((a * (steps[k] - i) + b * i + steps[k] / 2) / steps[k]);
			}
		}
	}
}

static GByteArray *
encode_png(struct cover *c)
{
	guint8 pal[16 * 3];
	guint i;
	int v;

	for (i = 0; i < c->pieces->len; i++) {
		struct piece *p = &g_array_index(c->pieces, struct piece, i);

		cairo_surface_flush(p->s);
		p->data = cairo_image_surface_get_data(p->s);
		p->stride = cairo_image_surface_get_stride(p->s);
		if (!p->data || cairo_surface_status(p->s) != CAIRO_STATUS_SUCCESS)
			return NULL;
	}
	for (v = 0; v < 256; v++) {
		c->qi[v] = (guint8)((v * INK_STEPS + 127) / 255);
		c->qa[v] = (guint8)((v * ACCENT_STEPS + 127) / 255);
		if (c->qa[v])
			c->qa[v] += INK_STEPS;
	}
	memset(c->cov, 0, sizeof c->cov);
	palette(c, pal);
	return ep_png4(COVER_W, COVER_H, pal, 16, put_row, c);
}

/* The cover's colours (the style's, on warm white) and its Pango context
 * over font map fm, set as an image surface sets it (glyph positions
 * rounded). */
static void
cover_init(struct cover *c, const struct ep_book *b, PangoFontMap *fm)
{
	cairo_surface_t *one;
	cairo_font_options_t *fo;
	cairo_t *cr;

	memset(c, 0, sizeof *c);
	c->style = b->style;
	c->lang = b->lang;
	c->paper_rgb = 0xfbf9f5;
	c->ink_rgb = el_color(c, WARTA_EL_HEADLINE) ? el_color(c, WARTA_EL_HEADLINE) : 0x111111;
	c->accent_rgb = el_color(c, WARTA_EL_HEADING_NUMBER);
	if (!c->accent_rgb)
		c->accent_rgb = el_color(c, WARTA_EL_SOURCE);
	if (!c->accent_rgb)
		c->accent_rgb = 0x8b1a1a;
	c->pieces = g_array_new(FALSE, FALSE, sizeof(struct piece));
	c->ctx = pango_font_map_create_context(fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(c->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(c->ctx, pango_language_from_string(b->lang));
	one = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cr = cairo_create(one);
	pango_cairo_update_context(cr, c->ctx);
	cairo_destroy(cr);
	cairo_surface_destroy(one);
}

/* The masthead: the source (or the edition's title), rules below.
 * Returns where the rest starts. */
static double
cover_masthead(struct cover *c, const struct ep_book *b)
{
	char *masthead = ep_clean_line(b->edition ? b->title : b->articles[0].doc->meta.source);
	double y = 170;

	if (*masthead) {
		char *up = g_utf8_strup(masthead, -1);
		PangoLayout *l = fit(c, WARTA_EL_SOURCE, up, b->edition ? 130 : 84, 40,
		                     b->edition ? 420 : 200);

		y += show(c, l, y, 0);
		g_object_unref(l);
		g_free(up);
	}
	g_free(masthead);
	y += 40;
	rect(c, MARGIN, y, COVER_W - 2 * MARGIN, 12, 0);
	y += 22;
	rect(c, MARGIN, y, COVER_W - 2 * MARGIN, 3, 0);
	return y + 120;
}

/* A line of metadata fitted into the cover (NULL when there is nothing to
 * show). */
static PangoLayout *
meta_fit(struct cover *c, enum warta_element el, const char *s, int size, int min, int height)
{
	char *clean = ep_clean_line(s);
	PangoLayout *l = *clean ? fit(c, el, clean, size, min, height) : NULL;

	g_free(clean);
	return l;
}

/* One article's cover from y: kicker (section), headline, accent rule,
 * deck, byline: one block, centred a little above the middle of the free
 * space. */
static void
cover_article(struct cover *c, const struct ep_book *b, double y)
{
	const struct warta_doc *doc = b->articles[0].doc;
	PangoLayout *kl = NULL, *hl, *dl, *bl;
	double top = y, bottom = COVER_H - 400, total;
	char *kicker = ep_clean_line(doc->meta.section);

	if (*kicker) {
		char *up = g_utf8_strup(kicker, -1);

		kl = layout(c, WARTA_EL_SOURCE, up, 52, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
		g_free(up);
	}
	g_free(kicker);
	dl = meta_fit(c, WARTA_EL_DECK, doc->meta.subtitle, 66, 30, 420);
	bl = meta_fit(c, WARTA_EL_BYLINE, doc->meta.author, 50, 24, 160);
	total = (kl ? layout_height(kl) + 60 : 0) + (dl ? layout_height(dl) + 70 : 0) +
	        (bl ? layout_height(bl) + 40 : 0) + 180;
	hl = fit(c, WARTA_EL_HEADLINE, b->title, 210, 50, (int)(bottom - top - total));
	total += layout_height(hl);
	y = top + MAX(0, (bottom - top - total) * 0.4);
	if (kl) {
		y += show(c, kl, y, 1) + 60;
		g_object_unref(kl);
	}
	y += show(c, hl, y, 0) + 80;
	g_object_unref(hl);
	rect(c, COVER_W / 2.0 - 80, y, 160, 8, 1);
	y += 100;
	if (dl) {
		y += show(c, dl, y, 0) + 70;
		g_object_unref(dl);
	}
	if (bl) {
		show(c, bl, y, 0);
		g_object_unref(bl);
	}
}

/* An edition's cover from y: its sections; without sections, its
 * headlines, as a front page's "in this issue", an accent rule between
 * them, as many as the cover holds. */
static void
cover_edition(struct cover *c, const struct ep_book *b, double y)
{
	PangoLayout *l;
	int named = 0;
	guint i;

	for (i = 0; i < b->groups->len && y < COVER_H - 600; i++) {
		struct ep_group *g = b->groups->pdata[i];
		char *name;

		if (!g->name)
			continue;
		named = 1;
		name = ep_clean_line(g->name);
		l = layout(c, WARTA_EL_HEADING, name, 72, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
		pango_layout_set_height(l, -1);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		y += show(c, l, y, 0) + 40;
		g_object_unref(l);
		g_free(name);
	}
	for (i = 0; !named && i < b->n; i++) {
		char *title = ep_clean_line(b->articles[i].title);

		l = layout(c, WARTA_EL_HEADLINE, title, 64, COVER_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
		pango_layout_set_height(l, -2);   /* two lines at most */
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		if (*title && y + layout_height(l) < COVER_H - 480) {
			if (i > 0) {
				rect(c, COVER_W / 2.0 - 40, y, 80, 5, 1);
				y += 45;
			}
			y += show(c, l, y, 0) + 40;
		} else if (*title)
			i = b->n;   /* the cover is full */
		g_object_unref(l);
		g_free(title);
	}
}

/* The foot: a rule and the (edition's) date. */
static void
cover_foot(struct cover *c, const struct ep_book *b)
{
	const char *date = b->opts && b->opts->edition_date && b->edition ? b->opts->edition_date
	                                                                  : b->date;
	char *shown = date && ep_date_valid(date) ? ep_date_display(date, b->lang) : NULL;

	rect(c, MARGIN, COVER_H - 330, COVER_W - 2 * MARGIN, 3, 0);
	if (shown) {
		PangoLayout *l = layout(c, WARTA_EL_DATE, shown, 60, COVER_W - 2 * MARGIN,
		                        PANGO_ALIGN_CENTER);

		show(c, l, COVER_H - 280, 0);
		g_object_unref(l);
	}
	g_free(shown);
}

int
ep_cover_draw(struct ep_book *b, struct warta_diags *d)
{
	struct rn_fonts *fonts;
	struct cover c;
	GByteArray *png;
	double y;
	guint i;

	if (!b->fc) {
		warta_diag(d, WARTA_WARNING, NULL, 0, 0, "no cover: warta's font set is not available");
		return -1;
	}
	/* a font map of the engine's, lent to this cover alone (a font map is
	 * not to be shared by threads; a new one per book matched and opened
	 * every font again) */
	fonts = rn_fonts_take(b->engine);
	cover_init(&c, b, fonts->fontmap);
	y = cover_masthead(&c, b);
	if (!b->edition)
		cover_article(&c, b, y);
	else
		cover_edition(&c, b, y);
	cover_foot(&c, b);
	if (!(png = encode_png(&c)))
		warta_diag(d, WARTA_WARNING, NULL, 0, 0, "no cover: cannot draw or encode it");
	for (i = 0; i < c.pieces->len; i++)
		cairo_surface_destroy(g_array_index(c.pieces, struct piece, i).s);
	g_array_free(c.pieces, TRUE);
	g_object_unref(c.ctx);
	rn_fonts_put(b->engine, fonts);
	if (!png)
		return -1;
	b->cover_len = png->len;
	b->cover = g_byte_array_free(png, FALSE);
	return 0;
}
