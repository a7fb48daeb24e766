/* image.h — pictures: a file's bytes → what the back ends need of it.
 * JPEG: libjpeg-turbo reads the header (size, components: grey, YCbCr,
 * CMYK; JFIF/EXIF resolution; EXIF orientation) and the bytes go to the PDF
 * unchanged (CAIRO_MIME_TYPE_JPEG); pixels are decoded only for a raster or
 * SVG preview.  PNG: Cairo's libpng loader.  GIF (first frame): gdk-pixbuf.
 * WebP (first frame): libwebp.  SVG: librsvg, drawn as vectors.
 * Every loader checks the size against the limits before it decodes, so a
 * decompression bomb costs a header read.  Reads no file but the one named,
 * prints nothing; reasons come back as strings for the caller's diagnostics. */
#ifndef WARTA_IMAGE_H
#define WARTA_IMAGE_H

#include <cairo.h>
#include <glib.h>
#include <stddef.h>

#define WARTA_IMAGE_MAX_PIXELS 100000000ull     /* 100 megapixels */
#define WARTA_IMAGE_MAX_BYTES  (64u << 20)      /* default --max-image-size */
#define WARTA_IMAGE_MAX_SIDE   32767            /* pixels: Cairo's largest image surface; beyond, a size is absurd */

enum warta_image_format {
	WARTA_IMAGE_JPEG, WARTA_IMAGE_PNG, WARTA_IMAGE_GIF, WARTA_IMAGE_WEBP, WARTA_IMAGE_SVG
};

struct warta_image_limits {
	size_t max_bytes;           /* 0: WARTA_IMAGE_MAX_BYTES */
	guint64 max_pixels;         /* 0: WARTA_IMAGE_MAX_PIXELS */
};

struct warta_image {
	int refs;
	enum warta_image_format format;
	const char *media_type;     /* "image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml" */
	unsigned char *data;        /* the file's bytes, as read (held by bytes) */
	size_t len;
	GBytes *bytes;              /* owns data; a PDF surface's JPEG data holds a reference */
	int width, height;          /* pixels as shown: EXIF orientation applied; SVG: CSS px */
	int stored_width, stored_height; /* pixels as stored */
	int orientation;            /* EXIF 1–8 (1: as stored) */
	double xdpi, ydpi;          /* resolution the file states, 0 when it states none */
	const char *colour;         /* "grey", "rgb", "cmyk", "palette" */
	int alpha;                  /* has an alpha channel */
	int components;             /* JPEG: 1, 3 or 4 */
	int adobe;                  /* JPEG: has an Adobe APP14 marker (CMYK stored inverted) */
	char *hash;                 /* SHA-256 of the bytes, hex; made on first use */
	cairo_surface_t *surface;   /* decoded pixels as stored (PNG, GIF, WebP at load; JPEG on demand) */
	cairo_surface_t *pdf_surface; /* JPEG into a PDF: a recording surface of its size that
	                               carries its bytes and has no pixels (an image surface's
	                               would be copied whole when it is freed: cairo 1.16 keeps
	                               a snapshot of it after the PDF is finished) */
	void *svg;                  /* RsvgHandle for SVG */
};

/* Loads an image from bytes (copied).  NULL with *why (g_free) when the
 * bytes are no picture warta reads, are corrupt or truncated, or exceed the
 * limits. */
struct warta_image *warta_image_load(const void *data, size_t len,
                                     const struct warta_image_limits *lim, char **why);
/* Reads a regular file (no more than the byte limit), then warta_image_load. */
struct warta_image *warta_image_load_file(const char *path, const struct warta_image_limits *lim,
                                          char **why);
/* Decodes a data: URI's base64 payload (image/png, image/jpeg, image/gif,
 * image/webp, image/svg+xml), then warta_image_load. */
struct warta_image *warta_image_load_data_uri(const char *uri, const struct warta_image_limits *lim,
                                              char **why);
struct warta_image *warta_image_ref(struct warta_image *img);
void warta_image_unref(struct warta_image *img);

/* The SHA-256 of the bytes (hex, owned by img). */
const char *warta_image_hash(struct warta_image *img);
/* The file name extension of its media type: "jpg", "png", "gif", "webp", "svg". */
const char *warta_image_ext(const struct warta_image *img);

/* Draws the picture into the rectangle x, y, w × h of cr (user space),
 * orientation applied.  pixels = 0 (a PDF, an SVG page): a JPEG goes in as
 * its own bytes and is not decoded; pixels = 1: decoded (PNG previews).  Each
 * raster picture is one surface with a unique id, so Cairo's PDF writes it
 * once however often it is drawn.  SVG is drawn as vectors.
 * 0, or -1 with *why when the pixels cannot be decoded after all. */
int warta_image_draw(struct warta_image *img, cairo_t *cr, double x, double y, double w, double h,
                     int pixels, char **why);
/* The picture as PNG bytes (the first frame; for formats a reader may not
 * take).  NULL with *why on failure. */
GBytes *warta_image_to_png(struct warta_image *img, char **why);

#endif
