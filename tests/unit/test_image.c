/* test_image.c — the picture loaders (src/image) on the test pictures in
 * tests/data/pictures (made by make-pictures.sh there): every format's size,
 * colour space, EXIF orientation and resolution; the pixels as drawn (the
 * EXIF-rotated arrow points up, CMYK comes out in the right colours, the
 * GIF's first frame); a JPEG's bytes unchanged in a PDF; the limits; broken
 * files; data: URIs. */
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <string.h>

#include "harness.h"
#include "image/image.h"

#define PICS "tests/data/pictures/"

static struct warta_image *
load(const char *name, char **why)
{
	char *p = g_strconcat(PICS, name, NULL);
	struct warta_image *img = warta_image_load_file(p, NULL, why);

	g_free(p);
	return img;
}

/* The colour of pixel (x, y) of the picture drawn at its size, decoded. */
static guint32
pixel(struct warta_image *img, int x, int y)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->width, img->height);
	cairo_t *cr = cairo_create(s);
	char *why = NULL;
	guint32 v;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	OK(warta_image_draw(img, cr, 0, 0, img->width, img->height, 1, &why) == 0, "draws (%s)",
	   why ? why : "");
	g_free(why);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	v = ((guint32 *)(void *)(cairo_image_surface_get_data(s) +
	                         (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x] & 0xffffff;
	cairo_surface_destroy(s);
	return v;
}

static int
near(guint32 c, guint32 want, int tol)
{
	for (int k = 0; k < 24; k += 8) {
		int a = (int)(c >> k & 255), b = (int)(want >> k & 255);

		if (a - b > tol || b - a > tol)
			return 0;
	}
	return 1;
}

static void
formats(void)
{
	static const struct { const char *file, *type, *colour; int w, h; } t[] = {
		{ "photo.jpg", "image/jpeg", "rgb", 480, 320 },
		{ "grey.jpg", "image/jpeg", "grey", 480, 320 },
		{ "cmyk.jpg", "image/jpeg", "cmyk", 480, 320 },
		{ "exif-rotated.jpg", "image/jpeg", "rgb", 240, 320 },
		{ "huge.jpg", "image/jpeg", "rgb", 3000, 4200 },
		{ "chart.png", "image/png", "palette", 300, 180 },
		{ "anim.gif", "image/gif", "palette", 200, 120 },
		{ "pic.webp", "image/webp", "rgb", 480, 320 },
		{ "chart.svg", "image/svg+xml", "rgb", 320, 200 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		char *why = NULL;
		struct warta_image *img = load(t[i].file, &why);

		OK(img != NULL, "%s loads (%s)", t[i].file, why ? why : "");
		g_free(why);
		if (!img)
			continue;
		STR_EQ(img->media_type, t[i].type, t[i].file);
		STR_EQ(img->colour, t[i].colour, t[i].file);
		OK(img->width == t[i].w && img->height == t[i].h, "%s is %d × %d (got %d × %d)", t[i].file,
		   t[i].w, t[i].h, img->width, img->height);
		warta_image_unref(img);
	}
}

static void
orientation_and_colour(void)
{
	char *why = NULL;
	struct warta_image *img = load("exif-rotated.jpg", &why);

	OK(img && img->orientation == 6 && img->stored_width == 320 && img->stored_height == 240,
	   "EXIF orientation 6 read; stored 320 × 240");
	DBL_NEAR(img ? img->xdpi : 0, 300, 0.01, "EXIF XResolution 300 dpi");
	/* stored with the arrow pointing left: shown, it points up */
	OK(img && near(pixel(img, 120, 30), 0xb03030, 40), "the rotated arrow's tip is at the top");
	OK(img && near(pixel(img, 20, 300), 0xe8e0d0, 30), "and the bottom-left corner is background");
	warta_image_unref(img);

	img = load("cmyk.jpg", &why);
	OK(img && img->components == 4 && img->adobe, "CMYK JPEG: 4 components, Adobe marker");
	/* the sun (#f2d15a) at (380, 80), the sky near the top */
	OK(img && near(pixel(img, 380, 80), 0xf2d15a, 40), "CMYK decoded: the sun is yellow (%06x)",
	   img ? pixel(img, 380, 80) : 0);
	warta_image_unref(img);

	img = load("anim.gif", &why);
	OK(img && near(pixel(img, 5, 5), 0xe67e22, 10), "GIF: the first frame (orange) is set");
	warta_image_unref(img);

	img = load("chart.png", &why);
	DBL_NEAR(img ? img->xdpi : 0, 150, 0.1, "PNG pHYs: 150 dpi");
	OK(img && img->alpha, "PNG palette with transparency has alpha");
	warta_image_unref(img);
}

static void
broken(void)
{
	static const struct { const char *file, *why; } t[] = {
		{ "truncated.jpg", "truncated" },
		{ "corrupt.png", "corrupt" },
		{ "bomb.png", "megapixels" },
		{ "zero.png", "0 × 10" },
		{ "make-pictures.sh", "not a picture" },
		{ "no-such-file.jpg", "No such file" },
	};
	struct warta_image_limits small = { 1000, 0 };
	char *why = NULL;
	struct warta_image *img;

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		img = load(t[i].file, &why);
		OK(img == NULL && why && strstr(why, t[i].why), "%s is refused: %s", t[i].file,
		   why ? why : "(no reason)");
		g_free(why);
		why = NULL;
	}
	img = warta_image_load_file(PICS "photo.jpg", &small, &why);
	OK(!img && why && strstr(why, "--max-image-size"), "over the byte limit: refused (%s)", why);
	g_free(why);
	img = warta_image_load_file("tests", NULL, &why);
	OK(!img && why && strstr(why, "not a regular file"), "a directory is refused");
	g_free(why);
}

static void
data_uri(void)
{
	char *data, *b64, *uri, *why = NULL;
	gsize len;
	struct warta_image *img;

	g_file_get_contents(PICS "chart.png", &data, &len, NULL);
	b64 = g_base64_encode((guchar *)data, len);
	uri = g_strconcat("data:image/png;base64,", b64, NULL);
	img = warta_image_load_data_uri(uri, NULL, &why);
	OK(img && img->width == 300 && img->len == len && memcmp(img->data, data, len) == 0,
	   "data: URI decoded to the PNG's bytes");
	warta_image_unref(img);
	g_free(uri);
	uri = g_strconcat("data:text/plain;base64,", b64, NULL);
	img = warta_image_load_data_uri(uri, NULL, &why);
	OK(!img && why && strstr(why, "text/plain"), "a data: URI of text is refused (%s)", why);
	g_free(why);
	g_free(uri);
	g_free(b64);
	g_free(data);
}

static cairo_status_t
collect(void *closure, const unsigned char *d, unsigned int n)
{
	g_byte_array_append(closure, d, n);
	return CAIRO_STATUS_SUCCESS;
}

/* In a PDF the JPEG is its own bytes, once however often it is drawn. */
static void
jpeg_in_pdf(void)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(collect, out, 400, 400);
	cairo_t *cr = cairo_create(pdf);
	char *why = NULL;
	struct warta_image *img = load("photo.jpg", &why);
	int count = 0;

	OK(img && warta_image_draw(img, cr, 10, 10, 240, 160, 0, &why) == 0, "drawn into a PDF");
	OK(img && warta_image_draw(img, cr, 10, 200, 120, 80, 0, &why) == 0, "drawn again, smaller");
	OK(img && img->pdf_surface && !img->surface &&
	   cairo_surface_get_type(img->pdf_surface) == CAIRO_SURFACE_TYPE_RECORDING,
	   "into a PDF: a surface without pixels (a recording surface carrying the bytes), nothing "
	   "decoded");
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	cairo_surface_destroy(pdf);
	for (size_t i = 0; img && i + img->len <= out->len; i++)
		if (memcmp(out->data + i, img->data, img->len) == 0)
			count++, i += img->len - 1;
	INT_EQ(count, 1, "the JPEG's bytes appear unchanged in the PDF, once");
	warta_image_unref(img);
	g_byte_array_free(out, TRUE);
}

static void
webp_to_png(void)
{
	char *why = NULL;
	struct warta_image *img = load("pic.webp", &why), *back;
	GBytes *png = img ? warta_image_to_png(img, &why) : NULL;

	OK(png != NULL, "WebP converted to PNG");
	back = png ? warta_image_load(g_bytes_get_data(png, NULL), g_bytes_get_size(png), NULL, &why) : NULL;
	OK(back && back->format == WARTA_IMAGE_PNG && back->width == 480 && back->height == 320,
	   "the PNG reads back at 480 × 320");
	OK(back && near(pixel(back, 380, 80), 0xf2d15a, 40), "with the same picture");
	warta_image_unref(back);
	if (png)
		g_bytes_unref(png);
	warta_image_unref(img);
	g_free(why);
}

int
main(void)
{
	formats();
	orientation_and_colour();
	broken();
	data_uri();
	jpeg_in_pdf();
	webp_to_png();
	return harness_done();
}
