/* warta.h — libwarta, a typesetter for news articles: the one installed header.
 *
 * An article (plain text or Markdown with a date line or YAML front matter)
 * is read into a document; a style says how it looks; a back end sets one
 * document, or several as an edition, into a file: print (PDF, PNG, SVG, or
 * the layout trace), EPUB 3, or the document tree as JSON.  Every handle is
 * opaque.  Build with `pkg-config --cflags --libs warta`.
 *
 * Errors: the library never prints and never exits.  Every call that can
 * fail takes a warta_messages, to which it appends what it has to say
 * (notes, warnings, errors, each with FILE, LINE and COLUMN where the input
 * has them), and returns NULL or -1 when it failed; warnings never stop it.
 * Outputs are written atomically: on failure nothing is left at the path,
 * and an earlier file of that name is as it was.
 *
 * Ownership: what a _new or _open or _read call returns, the caller frees
 * with the matching _free or _close (NULL is allowed there).  Strings the
 * library returns as const belong to it and live as long as the handle they
 * came from; a char * it returns is the caller's, to free with warta_free.
 * Strings passed in are copied where they are kept.
 *
 * Threads: documents, styles and messages may be used by one thread at a
 * time each; a warta_print may be used by several threads at once (it holds
 * the font set, shared read-only); an epub or json writer by one.
 */
#ifndef WARTA_H
#define WARTA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(WARTA_STATIC)
#define WARTA_API __attribute__((visibility("default")))
#else
#define WARTA_API
#endif

typedef struct warta_messages warta_messages;
typedef struct warta_doc warta_doc;
typedef struct warta_style warta_style;
typedef struct warta_print warta_print;
typedef struct warta_epub warta_epub;
typedef struct warta_json warta_json;

/* warta_version: the library's version, "0.1.0". */
WARTA_API const char *warta_version(void);

/* warta_free: frees a string the library returned as char *. */
WARTA_API void warta_free(void *p);

/* ---------------------------------------------------------------- messages */

/* Severities of a message. */
#define WARTA_MSG_NOTE    0     /* shown by the command line with -v only */
#define WARTA_MSG_WARNING 1     /* the output is still made */
#define WARTA_MSG_ERROR   2     /* this input makes no output */

/* warta_messages_new: an empty list of messages; never NULL.
 * warta_messages_free: frees it and every message in it. */
WARTA_API warta_messages *warta_messages_new(void);
WARTA_API void warta_messages_free(warta_messages *m);

/* warta_messages_count: how many messages m holds, in the order they came.
 * warta_messages_errors: how many of them are errors. */
WARTA_API size_t warta_messages_count(const warta_messages *m);
WARTA_API size_t warta_messages_errors(const warta_messages *m);

/* warta_message_severity, _file, _line, _column, _text: message i (0 to
 * count - 1) of m.  file is NULL for a message about no file (an option,
 * the font set); line and column are 1-based, 0 when not known.  The
 * strings belong to m.  Out of range: -1, NULL or 0. */
WARTA_API int warta_message_severity(const warta_messages *m, size_t i);
WARTA_API const char *warta_message_file(const warta_messages *m, size_t i);
WARTA_API int warta_message_line(const warta_messages *m, size_t i);
WARTA_API int warta_message_column(const warta_messages *m, size_t i);
WARTA_API const char *warta_message_text(const warta_messages *m, size_t i);

/* warta_message_format: message i as the command line prints it,
 * "warta: FILE:LINE:COL: error: TEXT"; free with warta_free.  NULL out of
 * range. */
WARTA_API char *warta_message_format(const warta_messages *m, size_t i);

/* ---------------------------------------------------------------- reading */

/* Flags of warta_read_file and warta_read_buffer. */
#define WARTA_READ_KEEP_BOILERPLATE 1u  /* keep scraper lines ("Advertisement", "Baca juga: …") */
#define WARTA_READ_REPAIR           2u  /* invalid UTF-8 becomes U+FFFD with a warning, not an error */

/* warta_read_file: reads the article at path ("-": standard input) into a
 * document.  lang, a BCP 47 tag, overrides the front matter and the
 * detection; NULL to leave them.  Inputs over 64 MiB are refused.
 * warta_read_buffer: the same from len bytes at data, name naming it in
 * messages.  Both return NULL when the input has an error (in m). */
WARTA_API warta_doc *warta_read_file(const char *path, const char *lang, unsigned flags,
                                     warta_messages *m);
WARTA_API warta_doc *warta_read_buffer(const char *name, const char *data, size_t len,
                                       const char *lang, unsigned flags, warta_messages *m);

/* warta_doc_free: frees a document. */
WARTA_API void warta_doc_free(warta_doc *doc);

/* warta_doc_title, _language, _date, _section: the document's headline,
 * language (BCP 47), date ("YYYY-MM-DD") and section, or NULL when it has
 * none.  They belong to doc. */
WARTA_API const char *warta_doc_title(const warta_doc *doc);
WARTA_API const char *warta_doc_language(const warta_doc *doc);
WARTA_API const char *warta_doc_date(const warta_doc *doc);
WARTA_API const char *warta_doc_section(const warta_doc *doc);

/* ---------------------------------------------------------------- styles */

/* warta_style_open: the style name_or_path: a name ("a4", "newspaper") from
 * the user's style folder ($XDG_DATA_HOME/warta/styles) or warta's, or a
 * path to a .style file.  NULL with FILE:LINE:COL errors in m when it is not
 * found or not valid.  warta_style_close: frees it. */
WARTA_API warta_style *warta_style_open(const char *name_or_path, warta_messages *m);
WARTA_API void warta_style_close(warta_style *style);

/* warta_style_reference: every key a style file may hold, with its type,
 * default and meaning; Markdown when markdown is not 0.  Free with
 * warta_free. */
WARTA_API char *warta_style_reference(int markdown);

/* ---------------------------------------------------------------- print */

/* What warta_print_render writes. */
enum warta_print_kind {
	WARTA_KIND_PDF,         /* tagged PDF: outline, links, metadata */
	WARTA_KIND_PNG,         /* a PNG per page */
	WARTA_KIND_SVG,         /* an SVG per page */
	WARTA_KIND_TRACE        /* the layout as text: each page, column and line (doc/trace.md) */
};

/* warta_print_new: the print back end for style (which must outlive it):
 * loads warta's font set and the hyphenation dictionaries.  NULL with the
 * reason in m (a font file missing).  One may serve every thread.
 * warta_print_free: frees it. */
WARTA_API warta_print *warta_print_new(const warta_style *style, warta_messages *m);
WARTA_API void warta_print_free(warta_print *p);

/* warta_print_set_edition: the next renders of several documents make an
 * edition titled title (masthead and contents first, each article on a new
 * page, a section heading where the section changes), dated date
 * ("YYYY-MM-DD", may be NULL).  title NULL: no edition.
 * warta_print_set_edition_lang: the edition's language (BCP 47), that of
 * its masthead, date, labels and direction; NULL (the default): the one most
 * of its documents are in, a tie going to the first.  Each article keeps
 * its own language and direction inside it.
 * warta_print_set_pages: PNG and SVG write only pages first to last
 * (1-based; 0: from the first, to the last).
 * warta_print_set_dpi: the PNG resolution; 0: 150.  These settings are not
 * for threads rendering at the same time. */
WARTA_API void warta_print_set_edition(warta_print *p, const char *title, const char *date);
WARTA_API void warta_print_set_edition_lang(warta_print *p, const char *lang);
WARTA_API void warta_print_set_pages(warta_print *p, int first, int last);
WARTA_API void warta_print_set_dpi(warta_print *p, double dpi);

/* warta_print_render: sets docs[0..n) (one article, or an edition) and
 * writes path ("-": standard output) as kind.  PNG or SVG of several pages
 * write NAME-1.png, NAME-2.png … beside path.  The same input gives the
 * same bytes (SOURCE_DATE_EPOCH, else the article's date, is the PDF's
 * date).  0, or -1 with the reason in m. */
WARTA_API int warta_print_render(warta_print *p, warta_doc *const *docs, size_t n,
                                 enum warta_print_kind kind, const char *path, warta_messages *m);

/* ---------------------------------------------------------------- EPUB */

/* warta_epub_new: the EPUB 3 back end for style (which must outlive it).
 * NULL with the reason in m.  warta_epub_free: frees it.
 * warta_epub_set_edition, warta_epub_set_edition_lang: as
 * warta_print_set_edition and warta_print_set_edition_lang (the nav, the
 * title page and dc:language first in the edition's language).
 * warta_epub_set_embed_fonts: 1 embeds the style's fonts, subset. */
WARTA_API warta_epub *warta_epub_new(const warta_style *style, warta_messages *m);
WARTA_API void warta_epub_free(warta_epub *e);
WARTA_API void warta_epub_set_edition(warta_epub *e, const char *title, const char *date);
WARTA_API void warta_epub_set_edition_lang(warta_epub *e, const char *lang);
WARTA_API void warta_epub_set_embed_fonts(warta_epub *e, int embed);

/* warta_epub_render: docs[0..n) as one book at path ("-": standard
 * output): cover, navigation, each article in its language and direction.
 * 0, or -1 with the reason in m. */
WARTA_API int warta_epub_render(warta_epub *e, warta_doc *const *docs, size_t n, const char *path,
                                warta_messages *m);

/* ---------------------------------------------------------------- JSON */

/* warta_json_new: the JSON back end: the document tree, stable and
 * documented (README "The article tree").  warta_json_free: frees it.
 * warta_json_render: docs[0] as a JSON object at path ("-": standard
 * output), several as an array.  0, or -1 with the reason in m. */
WARTA_API warta_json *warta_json_new(warta_messages *m);
WARTA_API void warta_json_free(warta_json *j);
WARTA_API int warta_json_render(warta_json *j, warta_doc *const *docs, size_t n, const char *path,
                                warta_messages *m);

#ifdef __cplusplus
}
#endif

#endif
