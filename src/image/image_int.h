/* image_int.h — what the picture loaders share inside src/image/: image.c
 * (the formats but JPEG, the picture, drawing) and jpeg.c (JPEG and EXIF). */
#ifndef WARTA_IMAGE_INT_H
#define WARTA_IMAGE_INT_H

#include "image/image.h"

/* The most bytes a picture's file may have (the caller's limit or the
 * default). */
size_t img_lim_bytes(const struct warta_image_limits *lim);
/* The size a header states, w × h pixels, against the limits: 1, or 0 with
 * *why. */
int img_size_ok(guint64 w, guint64 h, const struct warta_image_limits *lim, char **why);
/* The JPEG's header (size, components, resolution, EXIF orientation),
 * checked against the limits; nothing decoded.  0, or -1 with *why. */
int img_jpeg_probe(struct warta_image *img, const struct warta_image_limits *lim, char **why);
/* The JPEG's pixels as stored (RGB24; CMYK converted), or NULL with *why. */
cairo_surface_t *img_jpeg_decode(struct warta_image *img, char **why);

#endif
