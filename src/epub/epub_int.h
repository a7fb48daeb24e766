/* epub_int.h — internals of the EPUB back end shared by its files: XML escaping
 * (escape.c), article and front-matter XHTML (xhtml.c), CSS from the style
 * (css.c), the cover drawing (cover.c), the package, nav and NCX (package.c)
 * and the container (epub.c). */
#ifndef WARTA_EPUB_INT_H
#define WARTA_EPUB_INT_H

#include <glib.h>

#include "doc/doc.h"
#include "epub/epub.h"
#include "style/style.h"
#include "util/diag.h"

/* A picture stored in the book (images.c). */
struct ep_image {
	struct warta_image *img;
	char *id;                 /* "img-<16 hex digits of its SHA-256>" */
	char *href;               /* "images/<digits>.jpg", from EPUB/ */
	const char *media_type;   /* as stored: WebP is converted to PNG */
	GBytes *bytes;            /* what is stored */
};

/* One heading of an article, for the nav and the NCX. */
struct ep_heading {
	char *id;                 /* "sec-1": the <section>'s id */
	char *label;              /* "1. Rusia", plain text */
	int level;                /* 2.. */
};

/* One article of the book. */
struct ep_article {
	const struct warta_doc *doc;
	char *id;                 /* manifest id and file stem: "a001" */
	char *file;               /* "a001.xhtml", under EPUB/text/ */
	char *lang;               /* well-formed BCP 47 */
	int rtl;
	char *title;              /* plain text, cleaned */
	GPtrArray *headings;      /* of struct ep_heading * */
	GString *xhtml;
};

/* A run of consecutive articles with the same doc->meta.section (editions). */
struct ep_group {
	char *name;               /* NULL: articles without a section (no section page) */
	char *id;                 /* "s01" when name is set */
	char *file;               /* "s01.xhtml" */
	guint first, count;       /* articles[first .. first+count) */
	GString *xhtml;
};

/* An embedded font file. */
struct ep_font {
	char *family;
	char *path;               /* on disk */
	char *name;               /* "CharisSIL-Regular.ttf", under EPUB/fonts/ */
	char *id;                 /* "font-1" */
	const char *media_type;   /* "font/ttf", "font/otf" */
	int weight;               /* 400, 700 */
	int italic;
	unsigned index;           /* the face's index in a collection (.ttc) */
	int fallback;             /* an Arabic or CJK fallback face */
	char *data;               /* the subset font (subset.c), len bytes */
	gsize len;
};

struct ep_book {
	const struct warta_style *style;
	const struct warta_epub_opts *opts;
	int edition;              /* more than one article, or an edition title */
	struct ep_article *articles;
	guint n;
	GPtrArray *groups;        /* of struct ep_group *; one group for a single article */
	char *title;              /* the book's title */
	char *lang;               /* the book's language: an article's, an edition's own
	                             (opts->edition_lang, else its articles' most common) */
	int rtl;
	char *date;               /* "YYYY-MM-DD" or NULL: dc:date */
	char *modified;           /* "YYYY-MM-DDThh:mm:ssZ" */
	char *uuid;               /* "urn:uuid:…" */
	GPtrArray *fonts;         /* of struct ep_font * (--embed-fonts) */
	struct warta_engine *engine; /* the font set: opts->engine, or own_engine */
	struct warta_engine *own_engine; /* made for this book when opts had none, or NULL */
	struct _FcConfig *fc;     /* the engine's font configuration, NULL without one */
	GHashTable *warned;       /* font families already reported */
	int need_arabic, need_cjk;
	GPtrArray *images;        /* of struct ep_image *, in the order of first use */
	GHashTable *image_index;  /* hash digits → struct ep_image * */
	struct warta_diags *d;    /* the write's messages */
	const struct ep_image *cover_photo; /* one article with a lead photo: the cover image */
	unsigned char *cover;     /* PNG, NULL: no cover */
	gsize cover_len;
	char *cover_alt;
};

/* escape.c */
/* Appends s as XML character data (attr: also for a quoted attribute value):
 * & < > " ' escaped, invalid UTF-8 replaced with U+FFFD, characters that XML
 * or HTML forbid (C0/C1 controls but tab/LF/CR, noncharacters) dropped. */
void ep_escape(GString *out, const char *s, int attr);
/* From now on ep_escape sets text (not attributes) in the digits of zero
 * (lang/lang.h warta_digits_zero; 0: as written), as print does: for the
 * article being written, or a quotation in another language, on this
 * thread.  Returns the zero it replaces. */
unsigned int ep_escape_digits(unsigned int zero);
/* s cleaned for XML as ep_escape does, but not escaped; caller g_free()s. */
char *ep_clean(const char *s);
/* Cleaned text with runs of white space folded to one space and trimmed. */
char *ep_clean_line(const char *s);
/* A well-formed BCP 47 tag for s (case kept), or NULL. */
char *ep_lang_tag(const char *s);
/* The CJK languages of the book's quotations and runs (node langs), each
 * once, in order (css.c); the strings are the trees'.  g_ptr_array_free. */
GPtrArray *ep_node_cjk_langs(const struct ep_book *b);
/* 1 when date is a valid "YYYY-MM-DD". */
int ep_date_valid(const char *date);
/* An http, https or mailto URL made into a valid IRI for href (spaces and
 * controls percent-encoded), or NULL when the scheme is not one of those or
 * the result is not a valid URI. Caller g_free()s. */
char *ep_safe_href(const char *url);
/* Appends ` lang="x" xml:lang="x"` (and ` dir="rtl"` if rtl). */
void ep_lang_attrs(GString *out, const char *lang, int rtl);
/* As ep_lang_attrs, inside an element whose direction is outer_rtl: an
 * element running the other way says so (dir="rtl", or dir="ltr"). */
void ep_lang_attrs_in(GString *out, const char *lang, int rtl, int outer_rtl);
/* The lang and dir attributes of a section's name, which came from its
 * first article a: a's language when its letters run as a's do (or have no
 * direction); else the edition's, with dir when that is not the book's. */
void ep_name_attrs(GString *out, const struct ep_book *b, const struct ep_article *a,
                   const char *name);
/* 1 when lang is written right to left. */
int ep_lang_rtl(const char *lang);
/* The date as shown to readers in lang ("Jumat, 25 Oktober 2024"); caller g_free()s. */
char *ep_date_display(const char *date, const char *lang);
/* Localised label ("Daftar Isi" for "id") of one of the fixed strings. */
enum ep_label { EP_CONTENTS, EP_COVER, EP_START, EP_NOTES, EP_LABEL_COUNT };
const char *ep_label(enum ep_label l, const char *lang);

/* xhtml.c */
/* Fills a->xhtml and a->headings from a->doc. */
void ep_article_xhtml(struct ep_book *b, struct ep_article *a);
/* The XML declaration, DOCTYPE, <html> with languages, <head> with title and CSS. */
/* "tag", "tag.class" and ".class" of every element of the documents
 * (NULL-terminated).  g_hash_table_destroy() it. */
GHashTable *ep_docs_used(const char *const *docs);
/* 1 when every compound of a CSS selector list is used somewhere. */
int ep_selectors_used(GHashTable *used, const char *selectors);
/* subset.c: each of b->fonts subset to the characters of the documents
 * (f->data, f->len).  0, or -1 with the reason in d. */
int ep_fonts_subset(struct ep_book *b, const char *const *docs, struct warta_diags *d);
/* 1 when the style sheet lowers an all-capitals dateline (span.uc) for small caps. */
int ep_css_lowers_uc(const struct ep_book *b);
/* The rules of css whose selectors the documents (NULL-terminated) use; the
 * others dropped, @font-face kept.  Caller g_free()s. */
char *ep_css_prune(const char *css, const char *const *docs);
/* pages.c: a content document's start (author: the <meta name="author">
 * of its head, NULL for none) and end; a line of metadata, a date line. */
void ep_xhtml_open(GString *out, const char *title, const char *author, const char *lang, int rtl,
                   const char *css_href, const char *body_type, const char *body_class);
void ep_xhtml_close(GString *out);
void ep_meta_line(GString *out, const char *cls, const char *s);
void ep_time_line(GString *out, const char *cls, const char *date, const char *lang);
void ep_cover_xhtml(struct ep_book *b, GString *out);
void ep_title_xhtml(struct ep_book *b, GString *out);
void ep_group_xhtml(struct ep_book *b, struct ep_group *g);

/* css.c */
/* The stylesheet for the book, from the style (NULL: built-in defaults). */
char *ep_css(const struct ep_book *b);
/* A style weight as CSS would name it: 400, 600, 700 … (multiple of 100). */
int ep_css_weight(int weight);
/* The CJK face of the book: that of its first article in a CJK language
 * (Noto Serif CJK TC for zh-Hant …, warta_style_cjk_family), else the
 * style's. */
const char *ep_cjk_family(const struct ep_book *b);

/* cover.c */
/* Draws the cover PNG into b->cover; 0, or -1 with a warning in d. */
int ep_cover_draw(struct ep_book *b, struct warta_diags *d);
/* Finds the font files for the style's families; warnings in d for any missing. */
/* The faces the documents' elements use (NULL-terminated XHTML), into b->fonts. */
void ep_fonts_find(struct ep_book *b, const char *const *docs, struct warta_diags *d);

/* images.c */
/* The book's copy of img (added on first use; identical bytes are stored
 * once), or NULL with a warning at node at of doc when it cannot be stored. */
const struct ep_image *ep_image_add(struct ep_book *b, struct warta_image *img, struct warta_diags *d,
                                    const struct warta_doc *doc, const struct warta_node *at);
void ep_images_free(struct ep_book *b);

/* cover.c */
/* A PNG of width × height pixels with 4 bits of palette index each (palette:
 * ncolors ≤ 16 RGB triples), deflated by libdeflate at level 1, every row
 * with filter type None.  row(ctx, y, out) fills out with row y, two pixels
 * a byte, the first in the high half, and returns 1; or returns 0, leaving
 * out alone, for a row of index 0 only.  NULL on failure. */
GByteArray *ep_png4(int width, int height, const guint8 *palette, int ncolors,
                    int (*row)(void *ctx, int y, guint8 *out), void *ctx);

/* package.c */
char *ep_container_xml(void);
char *ep_display_options_xml(void);
char *ep_package_opf(const struct ep_book *b);
char *ep_nav_xhtml(const struct ep_book *b);
char *ep_toc_ncx(const struct ep_book *b);
/* "urn:uuid:…": a name-based UUID (RFC 4122 §4.3, version 5: SHA-1) of data. */
char *ep_uuid5(const char *data, gsize len);
/* dcterms:modified: SOURCE_DATE_EPOCH if set and valid, else the newest
 * article date at midnight UTC, else 1980-01-01T00:00:00Z. */
char *ep_modified(const struct ep_book *b, struct warta_diags *d);

#endif
