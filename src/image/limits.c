/* limits.c — what a picture may be: the bytes of its file and the pixels
 * its header states, against the limits the caller gives (--max-image-size)
 * or the defaults of image.h.  Shared by the loaders of image.c and jpeg.c. */
#include <glib.h>

#include "image/image_int.h"

/* The largest file (or data: URI's decoded bytes) taken. */
size_t
img_lim_bytes(const struct warta_image_limits *lim)
{
	return lim && lim->max_bytes ? lim->max_bytes : WARTA_IMAGE_MAX_BYTES;
}

static guint64
lim_pixels(const struct warta_image_limits *lim)
{
	return lim && lim->max_pixels ? lim->max_pixels : WARTA_IMAGE_MAX_PIXELS;
}

/* The size a header states, against the limits (image_int.h). */
int
img_size_ok(guint64 w, guint64 h, const struct warta_image_limits *lim, char **why)
{
	if (w == 0 || h == 0) {
		*why = g_strdup_printf("the picture says it is %" G_GUINT64_FORMAT " × %" G_GUINT64_FORMAT
		                       " pixels", w, h);
		return 0;
	}
	if (w > WARTA_IMAGE_MAX_SIDE || h > WARTA_IMAGE_MAX_SIDE || w * h > lim_pixels(lim)) {
		*why = g_strdup_printf("the picture is %" G_GUINT64_FORMAT " × %" G_GUINT64_FORMAT
		                       " pixels, more than the limit of %" G_GUINT64_FORMAT
		                       " megapixels (a side at most %d)", w, h,
		                       lim_pixels(lim) / 1000000, WARTA_IMAGE_MAX_SIDE);
		return 0;
	}
	return 1;
}
