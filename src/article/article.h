/* article.h — the article reader: article text (date line, YAML front matter,
 * "# Title" or plain; CommonMark + GFM body) → the document tree (doc/doc.h),
 * with the article conventions (dateline, numbered sections, quotations, smart
 * typography, boilerplate, language) applied.  Also the tree → JSON writer. */
#ifndef WARTA_ARTICLE_H
#define WARTA_ARTICLE_H

#include <glib.h>
#include <stddef.h>

#include "doc/doc.h"
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
};

/* Reads one article held in memory.  path names it in messages ("-": stdin).
 * NULL when the input has an error (all of them are in d); warnings never stop it. */
struct warta_doc *warta_article_read(const char *path, const char *data, size_t len,
                                     const struct warta_read_opts *opts, struct warta_diags *d);
/* Reads a file ("-": standard input), then warta_article_read(). */
struct warta_doc *warta_article_read_file(const char *path, const struct warta_read_opts *opts,
                                          struct warta_diags *d);

/* The tree as stable, documented JSON (see README "The article tree"), appended to out. */
void warta_json_write(const struct warta_doc *doc, GString *out);
/* The same, handing the JSON on as it is written: flush(out, data) is called
 * whenever out has grown long and must empty it (write it out, truncate). */
void warta_json_write_flushed(const struct warta_doc *doc, GString *out,
                              void (*flush)(GString *out, void *data), void *data);

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

/* "2024-10-25" in the language, CLDR's full date form (ICU), Gregorian:
 * "Jumat, 25 Oktober 2024" (id), "Friday, October 25, 2024" (en),
 * "2024年10月25日星期五" (zh) …  NULL if the date does not parse.  Caller g_free()s. */
char *warta_date_format(const char *iso_date, const char *lang);
/* 1 when the language is written right to left (ar, fa, he, ur …). */
int warta_lang_is_rtl(const char *lang);
/* The BCP 47 tag in its canonical form ("zh-hant-tw" → "zh-Hant-TW", "zh_TW"
 * → "zh-TW"); a tag ICU cannot read gives its primary language.  NULL for
 * NULL.  Caller g_free()s. */
char *warta_lang_normalize(const char *tag);
/* 1 when tag's primary language is primary ("zh-Hant-TW" is "zh"). */
int warta_lang_is(const char *tag, const char *primary);
/* The Noto CJK region of tag: "SC" "TC" "HK" "JP" "KR", NULL for a
 * language not written in Han, kana or Hangul. */
const char *warta_lang_cjk_region(const char *tag);
/* "Hant" or "Hans" when text[0, n) is clearly Traditional or Simplified
 * Chinese (the characters only one of them writes, ICU's Hant-Hans and
 * Hans-Hant mappings), NULL when it cannot tell. */
const char *warta_zh_script(const char *text, size_t n);

/* The fixed words of warta's pages, in a language (CLDR has none of them):
 * warta_label(lang, key), English for a language warta does not know. */
enum warta_label_key {
	WARTA_LABEL_CONTENTS,
	WARTA_LABEL_PAGE,
	WARTA_LABEL_CONTINUED_ON,    /* "Continued on page %s" */
	WARTA_LABEL_CONTINUED_FROM,  /* "Continued from page %s" */
	WARTA_LABEL_COVER,
	WARTA_LABEL_START,
	WARTA_LABEL_NOTES,
	WARTA_LABEL_INSIDE,          /* heads a newspaper front page's index strip */
	WARTA_LABEL_ISSUE,           /* "No. %s": the edition's number */
	WARTA_LABEL_COUNT
};
const char *warta_label(const char *lang, enum warta_label_key key);

#endif
