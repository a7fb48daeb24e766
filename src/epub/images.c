/* images.c — EPUB back end: the pictures of the book.  Each is stored once
 * under EPUB/images/, named by its content (the first 16 hex digits of the
 * SHA-256 of its bytes), so an edition that repeats a photo carries it once;
 * the order is that of first use, so the bytes depend on the input alone.
 * JPEG, PNG, GIF and SVG are EPUB 3 core media types and go in as they are;
 * WebP is not a core type for epubcheck 4.2.6 and goes in as PNG. */
#include <string.h>

#include "epub/epub_int.h"
#include "image/image.h"

static void
ep_image_free(gpointer p)
{
	struct ep_image *e = p;

	warta_image_unref(e->img);
	g_free(e->id);
	g_free(e->href);
	if (e->bytes)
		g_bytes_unref(e->bytes);
	g_free(e);
}

const struct ep_image *
ep_image_add(struct ep_book *b, struct warta_image *img, struct warta_diags *d,
             const struct warta_doc *doc, const struct warta_node *at)
{
	struct ep_image *e;
	const char *hash = warta_image_hash(img);
	char key[17];

	if (!b->images) {
		b->images = g_ptr_array_new_with_free_func(ep_image_free);
		b->image_index = g_hash_table_new(g_str_hash, g_str_equal);
	}
	g_strlcpy(key, hash, sizeof key);
	if ((e = g_hash_table_lookup(b->image_index, key)) != NULL)
		return e;
	e = g_new0(struct ep_image, 1);
	e->img = warta_image_ref(img);
	e->id = g_strconcat("img-", key, NULL);
	if (img->format == WARTA_IMAGE_WEBP) {
		char *why = NULL;

		e->bytes = warta_image_to_png(img, &why);
		if (!e->bytes) {
			warta_diag(d, WARTA_WARNING, doc ? doc->path : NULL, at ? at->line : 0,
			           at ? at->col : 0, "picture: cannot convert the WebP to PNG for the EPUB (%s); "
			           "its description is set instead", why);
			g_free(why);
			ep_image_free(e);
			return NULL;
		}
		e->media_type = "image/png";
		e->href = g_strconcat("images/", key, ".png", NULL);
	} else {
		e->bytes = g_bytes_new_static(img->data, img->len);   /* img is kept alive by e */
		e->media_type = img->media_type;
		e->href = g_strconcat("images/", key, ".", warta_image_ext(img), NULL);
	}
	g_ptr_array_add(b->images, e);
	g_hash_table_insert(b->image_index, e->id + 4, e);
	return e;
}

void
ep_images_free(struct ep_book *b)
{
	if (b->image_index)
		g_hash_table_destroy(b->image_index);
	if (b->images)
		g_ptr_array_free(b->images, TRUE);
	b->images = NULL;
	b->image_index = NULL;
}
