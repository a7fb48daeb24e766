/* fuzz_image.c — libFuzzer harness: arbitrary bytes → the picture loader
 * (src/image: format sniffing, limits, JPEG header and EXIF, PNG chunks,
 * GIF, WebP, SVG) → drawn decoded into a small surface and undecoded into a
 * PDF stream, as the print back end draws it; also as a data: URI. */
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "image/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cairo_status_t
discard(void *closure, const unsigned char *d, unsigned int n)
{
	(void)closure, (void)d, (void)n;
	return CAIRO_STATUS_SUCCESS;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* small limits: a fuzzer's bytes claim huge sizes cheaply */
	struct warta_image_limits lim = { 1 << 20, 4000000 };
	struct warta_image *img;
	char *why = NULL;

	img = warta_image_load(data, size, &lim, &why);
	g_free(why);
	if (img) {
		cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
		cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(discard, NULL, 200, 200);
		cairo_t *cr = cairo_create(s);
		GBytes *png;

		warta_image_draw(img, cr, 0, 0, 64, 64, 1, &why);
		g_free(why);
		cairo_destroy(cr);
		cr = cairo_create(pdf);
		warta_image_draw(img, cr, 10, 10, 100, 80, 0, &why);
		g_free(why);
		cairo_destroy(cr);
		cairo_surface_finish(pdf);
		cairo_surface_destroy(pdf);
		cairo_surface_destroy(s);
		if (img->width * img->height <= 250000 && (png = warta_image_to_png(img, &why)))
			g_bytes_unref(png);
		g_free(why);
		warta_image_unref(img);
	}
	if (size < 65536) {
		char *b64 = g_base64_encode(data, size);
		char *uri = g_strconcat("data:image/png;base64,", b64, NULL);

		img = warta_image_load_data_uri(uri, &lim, &why);
		g_free(why);
		warta_image_unref(img);
		g_free(uri);
		g_free(b64);
	}
	return 0;
}
