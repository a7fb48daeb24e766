/* article.h — the article reader: article text (date line, YAML front matter,
 * "# Title" or plain; CommonMark + GFM body) → the document tree (doc/doc.h),
 * with the article conventions (dateline, numbered sections, quotations, smart
 * typography, boilerplate, language) applied.  The JSON writer is
 * json/json.h's; the language facts lang/lang.h's (included here). */
#ifndef WARTA_ARTICLE_H
#define WARTA_ARTICLE_H

#include <glib.h>
#include <stddef.h>

#include "doc/doc.h"
#include "lang/lang.h"
#include "util/diag.h"

struct warta_read_opts {
	const char *lang;                 /* -l: BCP 47, overrides front matter and detection */
	int keep_boilerplate;             /* --keep-boilerplate */
	int repair;                       /* --repair: invalid UTF-8 → U+FFFD with a warning */
	const char *const *boilerplate;   /* extra line patterns (GRegex), from the style; may be NULL */
	size_t max_bytes;                 /* input size limit; 0: 64 MiB */
	size_t max_image_bytes;           /* --max-image-size: a picture's limit; 0: 64 MiB */
	const char *image_dir;            /* relative picture paths from here, instead of the
	                                   * article's directory (standard input: the working one) */
	const char *lead[4];              /* the lead photo's image, image-alt, image-caption and
	                                   * image-credit given outside the article (-M,
	                                   * --metadata-file), each overriding the front matter's;
	                                   * NULL: not given.  A relative image is read from the
	                                   * article's directory, as the front matter's */
};

/* Replaces each noncharacter of *s (a g_malloc'd string, or NULL) by
 * U+FFFD; returns how many, the first one's byte offset and code point
 * (nonchar.c: the reader's rule, for values given outside an article). */
int ar_fix_noncharacters(char **s, size_t *first, gunichar *c);

/* Reads one article held in memory.  path names it in messages ("-": stdin).
 * NULL when the input has an error (all of them are in d); warnings never stop it. */
struct warta_doc *warta_article_read(const char *path, const char *data, size_t len,
                                     const struct warta_read_opts *opts, struct warta_diags *d);
/* Reads a file ("-": standard input), then warta_article_read(). */
struct warta_doc *warta_article_read_file(const char *path, const struct warta_read_opts *opts,
                                          struct warta_diags *d);

/* Photo captions (caption.c): what kind of caption text[0, len) is, or
 * WARTA_CAPTION_NONE (0).  A caption is one paragraph (at most 600 bytes)
 * that opens with a caption mark ("▲ …"), opens with a label and a colon
 * ("Foto: …", "Photo: …", "Illustration: …", "圖／…"), or ends with a
 * credit in parentheses ("… (AP Photo/Jae C. Hong)", "…（圖／讀者提供）",
 * "… (Foto: Antara)").  The reader sets apart captions without a picture
 * (orphan_caption nodes); the picture code attaches the same to its picture. */
enum warta_caption_kind {
	WARTA_CAPTION_NONE,
	WARTA_CAPTION_MARK,       /* "▲ …" */
	WARTA_CAPTION_LABEL,      /* "Foto: …" */
	WARTA_CAPTION_CREDIT      /* "… (AP Photo/…)" */
};
int warta_caption_detect(const char *text, size_t len);

#endif
