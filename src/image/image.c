/* image.c — the picture loaders (see image.h).  Each format is read by the
 * library Debian ships for it; this file only sniffs the format, checks the
 * limits from the header before any decoding, reads what the decoders leave
 * to the caller (PNG pHYs; JPEG and its EXIF in jpeg.c) and hands Cairo a
 * surface. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gmodule.h>
#include <librsvg/rsvg.h>
#include <webp/decode.h>
#include <webp/demux.h>

#include "image/image.h"
#include "image/image_int.h"

static const cairo_user_data_key_t img_key;
static void set_ids(struct warta_image *img, cairo_surface_t *s);

static guint32
be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* ------------------------------------------------------------ PNG */

struct mem_reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t
mem_read(void *closure, unsigned char *data, unsigned int length)
{
	struct mem_reader *r = closure;

	if (length > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, length);
	r->p += length;
	r->left -= length;
	return CAIRO_STATUS_SUCCESS;
}

/* Whether every chunk up to IEND lies inside the file: libpng allocates a
 * chunk's stated length (up to 2 GB) before it finds the file too short (a
 * 574-byte PNG whose last chunk said 842 MB took 1.6 GB and 2 s). */
static int
png_chunks_whole(const unsigned char *d, size_t len)
{
	size_t p = 8;

	while (p + 12 <= len) {
		guint32 n = be32(d + p);

		if (n > len - p - 12)
			return 0;
		if (memcmp(d + p + 4, "IEND", 4) == 0)
			return 1;
		p += 12 + (size_t)n;
	}
	return 0;
}

static int
png_probe(struct warta_image *img, const struct warta_image_limits *lim, char **why)
{
	const unsigned char *d = img->data;
	size_t p = 8;
	struct mem_reader r = { img->data, img->len };
	cairo_surface_t *s;
	int type;

	if (img->len < 33 || memcmp(d + 12, "IHDR", 4) != 0) {
		*why = g_strdup("a truncated PNG (no header chunk)");
		return -1;
	}
	img->stored_width = (int)MIN(be32(d + 16), (guint32)G_MAXINT);
	img->stored_height = (int)MIN(be32(d + 20), (guint32)G_MAXINT);
	type = d[25];
	img->colour = type == 0 || type == 4 ? "grey" : type == 3 ? "palette" : "rgb";
	img->alpha = type == 4 || type == 6;
	if (!img_size_ok(be32(d + 16), be32(d + 20), lim, why))
		return -1;
	/* chunks up to the image data: tRNS (alpha), pHYs (resolution) */
	while (p + 12 <= img->len) {
		guint32 n = be32(d + p);
		const unsigned char *type4 = d + p + 4;

		if (n > img->len - p - 12)
			break;
		if (memcmp(type4, "IDAT", 4) == 0)
			break;
		if (memcmp(type4, "tRNS", 4) == 0)
			img->alpha = 1;
		if (memcmp(type4, "pHYs", 4) == 0 && n == 9 && d[p + 16] == 1) {
			/* pixels per metre */
			img->xdpi = be32(d + p + 8) * 0.0254;
			img->ydpi = be32(d + p + 12) * 0.0254;
		}
		p += 12 + n;
	}
	if (!png_chunks_whole(d, img->len)) {
		*why = g_strdup("a corrupt or truncated PNG (a chunk runs past the end of the file)");
		return -1;
	}
	s = cairo_image_surface_create_from_png_stream(mem_read, &r);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		*why = g_strdup("a corrupt or truncated PNG (libpng cannot read its image data)");
		cairo_surface_destroy(s);
		return -1;
	}
	img->surface = s;
	return 0;
}

/* ------------------------------------------------------------ GIF */

/* A GdkPixbuf (RGB or RGBA, not premultiplied) → an ARGB32 surface. */
static cairo_surface_t *
pixbuf_surface(GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int n = gdk_pixbuf_get_n_channels(pb), rs = gdk_pixbuf_get_rowstride(pb);
	const guchar *src = gdk_pixbuf_read_pixels(pb);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	for (int y = 0; y < h; y++) {
		const guchar *sr = src + (size_t)y * (size_t)rs;
		guint32 *dr = (guint32 *)(void *)(px + (size_t)y * (size_t)stride);

		for (int x = 0; x < w; x++) {
			unsigned a = n == 4 ? sr[4 * x + 3] : 255;
			unsigned r = sr[n * x] * a / 255, g = sr[n * x + 1] * a / 255, b = sr[n * x + 2] * a / 255;

			dr[x] = (guint32)a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

static int
gif_probe(struct warta_image *img, const struct warta_image_limits *lim, char **why)
{
	const unsigned char *d = img->data;
	GdkPixbufLoader *ld;
	GdkPixbuf *pb;
	GError *err = NULL;

	if (img->len < 13) {
		*why = g_strdup("a truncated GIF (no screen descriptor)");
		return -1;
	}
	img->stored_width = d[6] | d[7] << 8;
	img->stored_height = d[8] | d[9] << 8;
	img->colour = "palette";
	if (!img_size_ok((guint64)img->stored_width, (guint64)img->stored_height, lim, why))
		return -1;
	ld = gdk_pixbuf_loader_new_with_type("gif", &err);
	if (!ld) {
		*why = g_strdup_printf("no GIF reader: %s", err->message);
		g_error_free(err);
		return -1;
	}
	if (!gdk_pixbuf_loader_write(ld, img->data, img->len, &err) ||
	    !gdk_pixbuf_loader_close(ld, &err)) {
		*why = g_strdup_printf("a corrupt or truncated GIF (%s)", err->message);
		g_error_free(err);
		gdk_pixbuf_loader_close(ld, NULL);
		g_object_unref(ld);
		return -1;
	}
	pb = gdk_pixbuf_loader_get_pixbuf(ld);     /* the first frame */
	if (!pb || !img_size_ok((guint64)gdk_pixbuf_get_width(pb), (guint64)gdk_pixbuf_get_height(pb), lim, why)) {
		if (!pb)
			*why = g_strdup("a GIF with no frame");
		g_object_unref(ld);
		return -1;
	}
	img->stored_width = gdk_pixbuf_get_width(pb);
	img->stored_height = gdk_pixbuf_get_height(pb);
	img->alpha = gdk_pixbuf_get_has_alpha(pb);
	img->surface = pixbuf_surface(pb);
	g_object_unref(ld);
	return 0;
}

/* ------------------------------------------------------------ WebP */

static int
webp_probe(struct warta_image *img, const struct warta_image_limits *lim, char **why)
{
	WebPBitstreamFeatures f;
	cairo_surface_t *s;
	int stride;

	if (WebPGetFeatures(img->data, img->len, &f) != VP8_STATUS_OK) {
		*why = g_strdup("not a readable WebP");
		return -1;
	}
	img->stored_width = f.width;
	img->stored_height = f.height;
	img->alpha = f.has_alpha;
	img->colour = "rgb";
	if (!img_size_ok((guint64)f.width, (guint64)f.height, lim, why))
		return -1;
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, f.width, f.height);
	stride = cairo_image_surface_get_stride(s);
	cairo_surface_flush(s);
	if (f.has_animation) {
		WebPData wd = { img->data, img->len };
		WebPAnimDecoderOptions o;
		WebPAnimDecoder *dec;
		uint8_t *buf;
		int ts;

		WebPAnimDecoderOptionsInit(&o);
		o.color_mode = MODE_bgrA;            /* premultiplied, Cairo's order */
		dec = WebPAnimDecoderNew(&wd, &o);
		if (!dec || !WebPAnimDecoderGetNext(dec, &buf, &ts)) {
			*why = g_strdup("a corrupt or truncated animated WebP");
			WebPAnimDecoderDelete(dec);
			cairo_surface_destroy(s);
			return -1;
		}
		for (int y = 0; y < f.height; y++)
			memcpy(cairo_image_surface_get_data(s) + (size_t)y * (size_t)stride,
			       buf + (size_t)y * (size_t)f.width * 4, (size_t)f.width * 4);
		WebPAnimDecoderDelete(dec);
	} else if (!WebPDecodeBGRAInto(img->data, img->len, cairo_image_surface_get_data(s),
	                               (size_t)stride * (size_t)f.height, stride)) {
		*why = g_strdup("a corrupt or truncated WebP");
		cairo_surface_destroy(s);
		return -1;
	} else {
		/* BGRA, straight alpha → premultiplied */
		for (int y = 0; y < f.height && f.has_alpha; y++) {
			unsigned char *r = cairo_image_surface_get_data(s) + (size_t)y * (size_t)stride;

			for (int x = 0; x < f.width; x++) {
				unsigned a = r[4 * x + 3];

				r[4 * x] = (unsigned char)(r[4 * x] * a / 255);
				r[4 * x + 1] = (unsigned char)(r[4 * x + 1] * a / 255);
				r[4 * x + 2] = (unsigned char)(r[4 * x + 2] * a / 255);
			}
		}
	}
	cairo_surface_mark_dirty(s);
	img->surface = s;
	return 0;
}

/* ------------------------------------------------------------ SVG */

/* librsvg is opened on the first SVG picture, not linked: with libxml2
 * and ICU it maps some 50 MB, which every run (and every batch worker
 * under a memory limit) would carry for a format most articles never use. */
static struct rsvg_api {
	RsvgHandle *(*new_from_data)(const guint8 *, gsize, GError **);
	void (*set_dpi)(RsvgHandle *, double);
	gboolean (*size_in_pixels)(RsvgHandle *, gdouble *, gdouble *);
	void (*dimensions)(RsvgHandle *, gboolean *, RsvgLength *, gboolean *, RsvgLength *,
	                   gboolean *, RsvgRectangle *);
	gboolean (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *, GError **);
	char *error;                /* why it could not be opened, or NULL */
} rsvg;

static gpointer
rsvg_open(gpointer unused)
{
	GModule *m = g_module_open("librsvg-2.so.2", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

	(void)unused;
	if (!m || !g_module_symbol(m, "rsvg_handle_new_from_data", (gpointer *)&rsvg.new_from_data) ||
	    !g_module_symbol(m, "rsvg_handle_set_dpi", (gpointer *)&rsvg.set_dpi) ||
	    !g_module_symbol(m, "rsvg_handle_get_intrinsic_size_in_pixels", (gpointer *)&rsvg.size_in_pixels) ||
	    !g_module_symbol(m, "rsvg_handle_get_intrinsic_dimensions", (gpointer *)&rsvg.dimensions) ||
	    !g_module_symbol(m, "rsvg_handle_render_document", (gpointer *)&rsvg.render_document)) {
		rsvg.error = g_strdup_printf("no SVG reader: %s (Debian package librsvg2-2)", g_module_error());
		return NULL;
	}
	g_module_make_resident(m);  /* its handles live as long as the pictures */
	return m;
}

static int
rsvg_ready(char **why)
{
	static GOnce once = G_ONCE_INIT;

	g_once(&once, rsvg_open, NULL);
	if (rsvg.error) {
		*why = g_strdup(rsvg.error);
		return 0;
	}
	return 1;
}

static int
svg_probe(struct warta_image *img, const struct warta_image_limits *lim, char **why)
{
	GError *err = NULL;
	RsvgHandle *h;
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	double w = 0, hh = 0;

	if (!rsvg_ready(why))
		return -1;
	/* from bytes, with no base file: an SVG cannot pull in other files */
	h = rsvg.new_from_data(img->data, img->len, &err);
	if (!h) {
		*why = g_strdup_printf("not a readable SVG (%s)", err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		return -1;
	}
	rsvg.set_dpi(h, 96);
	if (!rsvg.size_in_pixels(h, &w, &hh)) {
		rsvg.dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
		if (has_vb) {
			w = vb.width;
			hh = vb.height;
		}
	}
	if (!(w >= 0.5 && hh >= 0.5 && w < 1e6 && hh < 1e6)) {
		*why = g_strdup_printf("an SVG without a usable size (%g × %g)", w, hh);
		g_object_unref(h);
		return -1;
	}
	(void)lim;
	img->stored_width = (int)(w + 0.5);
	img->stored_height = (int)(hh + 0.5);
	if (img->stored_width > WARTA_IMAGE_MAX_SIDE || img->stored_height > WARTA_IMAGE_MAX_SIDE) {
		/* the size only gives the aspect: keep it, bounded */
		double k = (double)WARTA_IMAGE_MAX_SIDE / MAX(w, hh);

		img->stored_width = MAX(1, (int)(w * k));
		img->stored_height = MAX(1, (int)(hh * k));
	}
	img->colour = "rgb";
	img->alpha = 1;
	img->svg = h;
	return 0;
}

/* ------------------------------------------------------------ public */

static int
sniff_svg(const unsigned char *d, size_t n)
{
	size_t i = 0, lim = MIN(n, 4096);

	if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		i = 3;
	while (i < lim && g_ascii_isspace(d[i]))
		i++;
	if (i >= lim || d[i] != '<')
		return 0;
	/* an XML declaration, comments or a doctype may come first */
	return g_strstr_len((const char *)d + i, (gssize)(lim - i), "<svg") != NULL;
}

struct warta_image *
warta_image_load(const void *data, size_t len, const struct warta_image_limits *lim, char **why)
{
	const unsigned char *d = data;
	struct warta_image *img;
	int rc;

	*why = NULL;
	if (len > img_lim_bytes(lim)) {
		*why = g_strdup_printf("the picture is %zu bytes, more than the limit of %zu "
		                       "(--max-image-size raises it)", len, img_lim_bytes(lim));
		return NULL;
	}
	if (len == 0) {
		*why = g_strdup("the picture file is empty");
		return NULL;
	}
	img = g_new0(struct warta_image, 1);
	img->refs = 1;
	img->orientation = 1;
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		img->format = WARTA_IMAGE_JPEG, img->media_type = "image/jpeg";
	else if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		img->format = WARTA_IMAGE_PNG, img->media_type = "image/png";
	else if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		img->format = WARTA_IMAGE_GIF, img->media_type = "image/gif";
	else if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		img->format = WARTA_IMAGE_WEBP, img->media_type = "image/webp";
	else if (sniff_svg(d, len))
		img->format = WARTA_IMAGE_SVG, img->media_type = "image/svg+xml";
	else {
		*why = g_strdup("not a picture warta reads (JPEG, PNG, GIF, WebP or SVG)");
		g_free(img);
		return NULL;
	}
	img->bytes = g_bytes_new(data, len);
	img->data = (unsigned char *)g_bytes_get_data(img->bytes, NULL);
	img->len = len;
	switch (img->format) {
	case WARTA_IMAGE_JPEG: rc = img_jpeg_probe(img, lim, why); break;
	case WARTA_IMAGE_PNG:  rc = png_probe(img, lim, why); break;
	case WARTA_IMAGE_GIF:  rc = gif_probe(img, lim, why); break;
	case WARTA_IMAGE_WEBP: rc = webp_probe(img, lim, why); break;
	default:               rc = svg_probe(img, lim, why); break;
	}
	if (rc != 0) {
		warta_image_unref(img);
		return NULL;
	}
	if (img->surface)
		set_ids(img, img->surface);
	if (img->orientation >= 5) {
		img->width = img->stored_height;
		img->height = img->stored_width;
		double t = img->xdpi;

		img->xdpi = img->ydpi;
		img->ydpi = t;
	} else {
		img->width = img->stored_width;
		img->height = img->stored_height;
	}
	return img;
}

struct warta_image *
warta_image_load_file(const char *path, const struct warta_image_limits *lim, char **why)
{
	struct stat st;
	GString *s;
	char buf[65536];
	ssize_t n;
	int fd;
	struct warta_image *img;

	*why = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*why = g_strdup_printf("cannot read it: %s", g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = g_strdup_printf("not a regular file");
		close(fd);
		return NULL;
	}
	if ((guint64)st.st_size > img_lim_bytes(lim)) {
		*why = g_strdup_printf("the picture is %jd bytes, more than the limit of %zu "
		                       "(--max-image-size raises it)", (intmax_t)st.st_size,
		                       img_lim_bytes(lim));
		close(fd);
		return NULL;
	}
	s = g_string_sized_new((gsize)st.st_size);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = g_strdup_printf("cannot read it: %s", g_strerror(errno));
			close(fd);
			g_string_free(s, TRUE);
			return NULL;
		}
		g_string_append_len(s, buf, n);
		if (s->len > img_lim_bytes(lim))
			break;
	}
	close(fd);
	img = warta_image_load(s->str, s->len, lim, why);
	g_string_free(s, TRUE);
	return img;
}

struct warta_image *
warta_image_load_data_uri(const char *uri, const struct warta_image_limits *lim, char **why)
{
	const char *comma = strchr(uri, ',');
	guchar *raw;
	gsize n;
	struct warta_image *img;
	char *meta;

	*why = NULL;
	if (g_ascii_strncasecmp(uri, "data:", 5) != 0 || !comma) {
		*why = g_strdup("a data: URI without a comma");
		return NULL;
	}
	meta = g_ascii_strdown(uri + 5, comma - uri - 5);
	if (!g_str_has_suffix(meta, ";base64") ||
	    !(g_str_has_prefix(meta, "image/png") || g_str_has_prefix(meta, "image/jpeg") ||
	      g_str_has_prefix(meta, "image/jpg") || g_str_has_prefix(meta, "image/gif") ||
	      g_str_has_prefix(meta, "image/webp") || g_str_has_prefix(meta, "image/svg+xml"))) {
		*why = g_strdup_printf("a data: URI of \"%s\": warta reads base64 pictures "
		                       "(image/png, image/jpeg, image/gif, image/webp, image/svg+xml)", meta);
		g_free(meta);
		return NULL;
	}
	g_free(meta);
	if (strlen(comma + 1) / 4 * 3 > img_lim_bytes(lim) + 3) {
		*why = g_strdup_printf("the picture in the data: URI is more than the limit of %zu bytes "
		                       "(--max-image-size raises it)", img_lim_bytes(lim));
		return NULL;
	}
	{
		/* g_base64_decode ignores what is not base64; white space in a
		 * wrapped URI is normal, anything else is a broken payload */
		for (const char *p = comma + 1; *p; p++)
			if (!g_ascii_isalnum(*p) && *p != '+' && *p != '/' && *p != '=' && !g_ascii_isspace(*p)) {
				*why = g_strdup_printf("the data: URI's base64 has a '%c'", *p);
				return NULL;
			}
	}
	raw = g_base64_decode(comma + 1, &n);
	img = warta_image_load(raw, n, lim, why);
	g_free(raw);
	return img;
}

struct warta_image *
warta_image_ref(struct warta_image *img)
{
	if (img)
		g_atomic_int_inc(&img->refs);
	return img;
}

void
warta_image_unref(struct warta_image *img)
{
	if (!img || !g_atomic_int_dec_and_test(&img->refs))
		return;
	if (img->surface)
		cairo_surface_destroy(img->surface);
	if (img->pdf_surface)
		cairo_surface_destroy(img->pdf_surface);
	if (img->svg)
		g_object_unref(img->svg);
	if (img->bytes)
		g_bytes_unref(img->bytes);
	g_free(img->hash);
	g_free(img);
}

const char *
warta_image_hash(struct warta_image *img)
{
	if (!img->hash)
		img->hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, img->data, img->len);
	return img->hash;
}

const char *
warta_image_ext(const struct warta_image *img)
{
	static const char *const ext[] = { "jpg", "png", "gif", "webp", "svg" };

	return ext[img->format];
}

/* The bytes of the picture stay alive while a surface carries them (a
 * reference to the bytes, not to the picture: the picture holds the
 * surface). */
static void
bytes_unref_cb(void *p)
{
	g_bytes_unref(p);
}

static void
set_ids(struct warta_image *img, cairo_surface_t *s)
{
	static gint next_id;
	char *id = g_strdup_printf("warta-image-%d", g_atomic_int_add(&next_id, 1));

	/* one XObject per picture however often it is drawn */
	cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)id,
	                            strlen(id), g_free, id);
	if (img->format == WARTA_IMAGE_JPEG)
		cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, img->data, img->len, bytes_unref_cb,
		                            g_bytes_ref(img->bytes));
}

/* The surface to draw: for a JPEG without pixels, an undecoded surface of
 * its size carrying its bytes (Cairo's PDF and SVG write the bytes; the
 * surface's pixels are never drawn), for a PDF one without pixels at all. */
static cairo_surface_t *
surface_for(struct warta_image *img, int pixels, int pdf, char **why)
{
	cairo_surface_t *s;
	int bare;

	if (img->format != WARTA_IMAGE_JPEG)
		return img->surface;
	if (pdf && !pixels) {
		/* no pixels at all: cairo's PDF takes the bytes and the size
		 * from the JPEG data before it looks at the surface's kind */
		if (!img->pdf_surface) {
			cairo_rectangle_t r = { 0, 0, img->stored_width, img->stored_height };

			img->pdf_surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &r);
			set_ids(img, img->pdf_surface);
		}
		return img->pdf_surface;
	}
	bare = img->surface && cairo_surface_get_user_data(img->surface, &img_key) != NULL;
	if (img->surface && (!pixels || !bare))
		return img->surface;
	if (!pixels) {
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->stored_width, img->stored_height);
		cairo_surface_set_user_data(s, &img_key, img, NULL);   /* marks: not decoded */
	} else if (!(s = img_jpeg_decode(img, why))) {
		return NULL;
	}
	set_ids(img, s);
	if (img->surface)
		cairo_surface_destroy(img->surface);
	img->surface = s;
	return s;
}

int
warta_image_draw(struct warta_image *img, cairo_t *cr, double x, double y, double w, double h,
                 int pixels, char **why)
{
	double W = img->width, H = img->height;
	cairo_matrix_t m;
	cairo_surface_t *s;

	*why = NULL;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / W, h / H);
	if (img->format == WARTA_IMAGE_SVG) {
		RsvgRectangle vp = { 0, 0, W, H };
		GError *err = NULL;
		int ok;

		cairo_rectangle(cr, 0, 0, W, H);
		cairo_clip(cr);
		ok = rsvg.render_document(img->svg, cr, &vp, &err);
		cairo_restore(cr);
		if (!ok) {
			*why = g_strdup_printf("SVG: %s", err ? err->message : "cannot draw");
			if (err)
				g_error_free(err);
			return -1;
		}
		return 0;
	}
	if (!(s = surface_for(img, pixels,
	                      cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF, why))) {
		cairo_restore(cr);
		return -1;
	}
	/* stored pixel (u, v) → shown (X, Y), EXIF's eight orientations */
	switch (img->orientation) {
	case 2: cairo_matrix_init(&m, -1, 0, 0, 1, W, 0); break;
	case 3: cairo_matrix_init(&m, -1, 0, 0, -1, W, H); break;
	case 4: cairo_matrix_init(&m, 1, 0, 0, -1, 0, H); break;
	case 5: cairo_matrix_init(&m, 0, 1, 1, 0, 0, 0); break;
	case 6: cairo_matrix_init(&m, 0, 1, -1, 0, W, 0); break;
	case 7: cairo_matrix_init(&m, 0, -1, -1, 0, W, H); break;
	case 8: cairo_matrix_init(&m, 0, -1, 1, 0, 0, H); break;
	default: cairo_matrix_init_identity(&m); break;
	}
	cairo_transform(cr, &m);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_rectangle(cr, 0, 0, img->stored_width, img->stored_height);
	cairo_fill(cr);
	cairo_restore(cr);
	return 0;
}

static cairo_status_t
bytes_write(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

GBytes *
warta_image_to_png(struct warta_image *img, char **why)
{
	cairo_surface_t *shown;
	GByteArray *out;
	cairo_t *cr;
	cairo_status_t st;

	*why = NULL;
	shown = cairo_image_surface_create(img->alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
	                                   img->width, img->height);
	cr = cairo_create(shown);
	if (warta_image_draw(img, cr, 0, 0, img->width, img->height, 1, why) != 0) {
		cairo_destroy(cr);
		cairo_surface_destroy(shown);
		return NULL;
	}
	cairo_destroy(cr);
	out = g_byte_array_new();
	st = cairo_surface_write_to_png_stream(shown, bytes_write, out);
	cairo_surface_destroy(shown);
	if (st != CAIRO_STATUS_SUCCESS) {
		*why = g_strdup(cairo_status_to_string(st));
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	return g_byte_array_free_to_bytes(out);
}
