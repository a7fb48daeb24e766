/* jpeg.c — JPEG pictures: libjpeg-turbo reads the header (size,
 * components, JFIF density) and, only for a raster preview, the pixels; the
 * EXIF block's orientation and resolution are read here, by a short
 * bounds-checked reader of TIFF's IFD0 (libexif would be a library for three
 * tags).  A PDF takes the file's bytes as they are (image.c). */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

#include "image/image_int.h"

static guint32
be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* ------------------------------------------------------------ EXIF */

/* Orientation and resolution from an EXIF block ("Exif\0\0" then TIFF):
 * IFD0's Orientation (0x0112), XResolution (0x011A), YResolution (0x011B)
 * and ResolutionUnit (0x0128).  Every offset is checked against the block. */
static void
exif_read(const unsigned char *p, size_t n, int *orient, double *xdpi, double *ydpi)
{
	const unsigned char *t;
	size_t tn, ifd, i, count;
	int le, unit = 2;
	double xr = 0, yr = 0;

	if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
		return;
	t = p + 6;
	tn = n - 6;
	if (memcmp(t, "II*\0", 4) == 0)
		le = 1;
	else if (memcmp(t, "MM\0*", 4) == 0)
		le = 0;
	else
		return;
#define U16(q) (le ? (unsigned)((q)[0] | (q)[1] << 8) : (unsigned)((q)[0] << 8 | (q)[1]))
#define U32(q) (le ? ((guint32)(q)[0] | (guint32)(q)[1] << 8 | (guint32)(q)[2] << 16 | (guint32)(q)[3] << 24) \
                   : be32(q))
	ifd = U32(t + 4);
	if (ifd > tn - 2 || ifd < 8)
		return;
	count = U16(t + ifd);
	for (i = 0; i < count; i++) {
		size_t e = ifd + 2 + 12 * i;
		unsigned tag, type;

		if (e + 12 > tn)
			break;
		tag = U16(t + e);
		type = U16(t + e + 2);
		if (tag == 0x0112 && type == 3) {
			unsigned v = U16(t + e + 8);

			if (v >= 1 && v <= 8)
				*orient = (int)v;
		} else if ((tag == 0x011A || tag == 0x011B) && type == 5) {
			size_t off = U32(t + e + 8);

			if (off <= tn - 8) {
				guint32 num = U32(t + off), den = U32(t + off + 4);

				if (den)
					*(tag == 0x011A ? &xr : &yr) = (double)num / den;
			}
		} else if (tag == 0x0128 && type == 3) {
			unit = (int)U16(t + e + 8);
		}
	}
#undef U16
#undef U32
	if (unit == 3) {           /* per centimetre */
		xr *= 2.54;
		yr *= 2.54;
	} else if (unit != 2) {
		return;
	}
	if (yr <= 0)
		yr = xr;
	if (xr > 0 && !*xdpi) {
		*xdpi = xr;
		*ydpi = yr;
	}
}

/* ------------------------------------------------------------ JPEG */

struct jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
	char msg[JMSG_LENGTH_MAX];
};

static void
jerr_exit(j_common_ptr ci)
{
	struct jerr *e = (struct jerr *)ci->err;

	e->pub.format_message(ci, e->msg);
	longjmp(e->jb, 1);
}

static void
jerr_quiet(j_common_ptr ci, int level)
{
	(void)ci;
	(void)level;            /* libjpeg's warnings (corrupt data it recovers from) */
}

static int
has_eoi(const unsigned char *d, size_t len, size_t from)
{
	for (size_t q = len; q >= from + 2; q--)
		if (d[q - 2] == 0xFF && d[q - 1] == 0xD9)
			return 1;
	return 0;
}

int
img_jpeg_probe(struct warta_image *img, const struct warta_image_limits *lim, char **why)
{
	struct jpeg_decompress_struct ci;
	struct jerr je;
	jpeg_saved_marker_ptr m;
	size_t sos;

	ci.err = jpeg_std_error(&je.pub);
	je.pub.error_exit = jerr_exit;
	je.pub.emit_message = jerr_quiet;
	if (setjmp(je.jb)) {
		*why = g_strdup_printf("not a readable JPEG: %s", je.msg);
		jpeg_destroy_decompress(&ci);
		return -1;
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, img->data, (unsigned long)img->len);
	jpeg_save_markers(&ci, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(&ci, TRUE);
	sos = img->len - ci.src->bytes_in_buffer;
	img->stored_width = (int)ci.image_width;
	img->stored_height = (int)ci.image_height;
	img->components = ci.num_components;
	img->adobe = ci.saw_Adobe_marker;
	img->colour = ci.jpeg_color_space == JCS_GRAYSCALE ? "grey" :
	              ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK ? "cmyk" : "rgb";
	if (ci.saw_JFIF_marker && ci.X_density && ci.Y_density &&
	    (ci.density_unit == 1 || ci.density_unit == 2)) {
		double k = ci.density_unit == 2 ? 2.54 : 1;

		img->xdpi = ci.X_density * k;
		img->ydpi = ci.Y_density * k;
	}
	for (m = ci.marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1)
			exif_read(m->data, m->data_length, &img->orientation, &img->xdpi, &img->ydpi);
	jpeg_destroy_decompress(&ci);
	if (img->components != 1 && img->components != 3 && img->components != 4) {
		*why = g_strdup_printf("a JPEG with %d colour components", img->components);
		return -1;
	}
	/* The entropy-coded data cannot hold FF D9 (an FF there is followed by
	 * 00): the end-of-image marker after the scan tells a whole file from a
	 * truncated one without decoding it. */
	if (!has_eoi(img->data, img->len, sos)) {
		*why = g_strdup("a truncated JPEG (no end-of-image marker after its data)");
		return -1;
	}
	return img_size_ok((guint64)img->stored_width, (guint64)img->stored_height, lim, why) ? 0 : -1;
}

/* The JPEG's pixels as an RGB24 surface (CMYK converted, the Adobe
 * marker's inverted storage undone). */
cairo_surface_t *
img_jpeg_decode(struct warta_image *img, char **why)
{
	struct jpeg_decompress_struct ci;
	struct jerr je;
	cairo_surface_t *volatile s = NULL;
	unsigned char *volatile row = NULL;
	unsigned char *px;
	int stride, cmyk;

	ci.err = jpeg_std_error(&je.pub);
	je.pub.error_exit = jerr_exit;
	je.pub.emit_message = jerr_quiet;
	if (setjmp(je.jb)) {
		*why = g_strdup_printf("JPEG data: %s", je.msg);
		jpeg_destroy_decompress(&ci);
		if (s)
			cairo_surface_destroy(s);
		g_free(row);
		return NULL;
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, img->data, (unsigned long)img->len);
	jpeg_read_header(&ci, TRUE);
	cmyk = ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK;
	ci.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGRX;
	jpeg_start_decompress(&ci);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ci.output_width, (int)ci.output_height);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	if (cmyk)
		row = g_malloc((size_t)ci.output_width * 4);
	while (ci.output_scanline < ci.output_height) {
		unsigned char *dst = px + (size_t)ci.output_scanline * (size_t)stride;
		JSAMPROW r = cmyk ? row : dst;

		jpeg_read_scanlines(&ci, &r, 1);
		if (cmyk) {
			for (JDIMENSION x = 0; x < ci.output_width; x++) {
				unsigned c = row[4 * x], m = row[4 * x + 1], y = row[4 * x + 2], k = row[4 * x + 3];

				if (!img->adobe) {
					c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
				}
				/* what remains of white after the inks: (1 - C)(1 - K) */
				dst[4 * x + 0] = (unsigned char)((y * k + 127) / 255);
				dst[4 * x + 1] = (unsigned char)((m * k + 127) / 255);
				dst[4 * x + 2] = (unsigned char)((c * k + 127) / 255);
				dst[4 * x + 3] = 255;
			}
		}
	}
	jpeg_finish_decompress(&ci);
	jpeg_destroy_decompress(&ci);
	g_free(row);
	cairo_surface_mark_dirty(s);
	return s;
}
