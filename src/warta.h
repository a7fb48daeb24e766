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
#if defined(__GNUC__)
#define WARTA_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define WARTA_PRINTF(fmt, args)
#endif

typedef struct warta_messages warta_messages;
typedef struct warta_doc warta_doc;
typedef struct warta_style warta_style;
typedef struct warta_print warta_print;
typedef struct warta_epub warta_epub;
typedef struct warta_json warta_json;
typedef struct warta_reader warta_reader;

/* warta_version: the library's version, "0.1.0". */
WARTA_API const char *warta_version(void);

/* warta_free: frees a string the library returned as char *. */
WARTA_API void warta_free(void *p);

/* warta_edit_distance: the Levenshtein distance of the strings a and b
 * (insertions, deletions and substitutions of bytes), for a "did you
 * mean" among names: the library's own for metadata keys, the command
 * line's for its options. */
WARTA_API int warta_edit_distance(const char *a, const char *b);

/* warta_version_components: the libraries this build runs on, as one line
 * "GLib 2.74.6, Pango 1.50.12, cairo 1.16.0, libzip 1.7.3"; free with
 * warta_free. */
WARTA_API char *warta_version_components(void);

/* warta_cleanup_temporaries: unlinks the temporary file of every output
 * being written (renders not yet committed) in this process, so that a
 * program stopped by a signal leaves no half-written file; a finished
 * output is not touched.  Async-signal-safe (unlink only, no allocation,
 * no lock): call it from a handler of SIGINT, SIGTERM, SIGSEGV …, then end
 * the process.  It is for a process that is ending: the renders it cut
 * short fail when they go on, and every output begun after it fails. */
WARTA_API void warta_cleanup_temporaries(void);

/* warta_cleanup_dead: after process pid (a worker of the caller's, writing
 * with this library) died without undoing its files (SIGKILL, the OOM
 * killer), undoes the hidden names it left in dir: an output's temporary
 * file is removed; an earlier file it had set aside is removed when its
 * target is in place, else put back.  Most outputs have no name until they
 * are done (O_TMPFILE) and go with the process; these are the rest (an
 * output replacing a file, the pages of a PNG or SVG set).  Returns how many
 * were undone; *kept (kept may be NULL) gets a line, "warta: …\n", for each
 * that could not be, or NULL when none; free with warta_free. */
WARTA_API int warta_cleanup_dead(const char *dir, long pid, char **kept);

/* ---------------------------------------------------------------- dates and languages */

/* The largest SOURCE_DATE_EPOCH taken: 9999-12-31T23:59:59Z. */
#define WARTA_EPOCH_LIMIT 253402300799LL

/* warta_date_is_valid: 1 when s is a date of the calendar written
 * YYYY-MM-DD (year 0001 to 9999), else 0.
 * warta_date_source_epoch: the environment's SOURCE_DATE_EPOCH, the seconds
 * the outputs' dates come from: 1 with the value in *t (t may be NULL), 0
 * when it is not set, -1 when it is not a number from 0 to
 * WARTA_EPOCH_LIMIT.
 * warta_date_from_epoch: the day (UTC) of the seconds t as "YYYY-MM-DD";
 * free with warta_free; NULL out of range. */
WARTA_API int warta_date_is_valid(const char *s);
WARTA_API int warta_date_source_epoch(long long *t);
WARTA_API char *warta_date_from_epoch(long long t);

/* warta_lang_majority: of the BCP 47 tags tags[0..n) (NULL and empty ones
 * are not counted), the tag most of them are, compared without regard to
 * case ("en", "EN"; "en-GB" is another), a tie going to the one that comes
 * first; free with warta_free; NULL when none is given.  What an edition's
 * language defaults to. */
WARTA_API char *warta_lang_majority(const char *const *tags, size_t n);

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

/* warta_messages_add: appends a message of severity sev (WARTA_MSG_…) to m,
 * about file (NULL: about no file) at line and col (0: not known), the text
 * made from the printf format fmt.  For a program's own messages among the
 * library's (one list, one order, one format).
 * warta_messages_clear: removes every message of m, which stays usable. */
WARTA_API void warta_messages_add(warta_messages *m, int sev, const char *file, int line, int col,
                                  const char *fmt, ...) WARTA_PRINTF(6, 7);
WARTA_API void warta_messages_clear(warta_messages *m);

/* warta_messages_dropped: how many messages of severity sev m counted but
 * did not keep: a list keeps at most 1000 of each severity, so hostile input
 * cannot fill memory with them. */
WARTA_API size_t warta_messages_dropped(const warta_messages *m, int sev);

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

/* warta_doc_source, _path, _name, _style: the document's source
 * (publisher), the path it was read from as given ("-": standard input),
 * its name (the file name without directory and extension: what an output
 * of it is called) and the style its front matter asks for; NULL when it
 * has none.  They belong to doc.
 * warta_doc_title_line: the line of the input its headline is on (0: not
 * from the input), for messages about its front matter.
 * warta_doc_missing_pictures: how many pictures it names that could not be
 * had (missing, damaged, a URL …), each said in a warning: its outputs are
 * made without them, and a program may want to say something is missing. */
WARTA_API const char *warta_doc_source(const warta_doc *doc);
WARTA_API const char *warta_doc_path(const warta_doc *doc);
WARTA_API const char *warta_doc_name(const warta_doc *doc);
WARTA_API const char *warta_doc_style(const warta_doc *doc);
WARTA_API int warta_doc_title_line(const warta_doc *doc);
WARTA_API int warta_doc_missing_pictures(const warta_doc *doc);

/* warta_doc_name_of: the name a document read from path gets (see
 * warta_doc_name), without reading it; free with warta_free. */
WARTA_API char *warta_doc_name_of(const char *path);

/* warta_doc_set_title: replaces the headline, as given (the back ends
 * refuse one that is not UTF-8).
 * warta_doc_set_group: the document's section in an edition: the print and
 * EPUB back ends set an edition's sections (a heading, a part of the
 * contents, where the group changes) from the documents' groups, not from
 * their own sections, which each article keeps; NULL: none (its articles
 * come in no section).  The JSON tree records it as meta.group. */
WARTA_API void warta_doc_set_title(warta_doc *doc, const char *title);
WARTA_API void warta_doc_set_group(warta_doc *doc, const char *group);

/* ---------------------------------------------------------------- reader */

/* Where a metadata value given outside the article came from; the JSON
 * tree's meta.origin says it per key ("option", "metadata-file", or
 * "input" for the article's own). */
#define WARTA_ORIGIN_OPTION 0   /* a program's option (the command line's -M) */
#define WARTA_ORIGIN_FILE   1   /* a metadata file (warta_reader_metadata_file) */

/* warta_reader_new: how to read articles, every setting at its default
 * (the detected language, 64 MiB inputs and pictures, boilerplate dropped,
 * no metadata given); never NULL.  warta_reader_free: frees it.  A reader is
 * set up by one thread, then may read in several at once.
 * warta_reader_set_lang: as warta_read_file's lang (NULL: detect).
 * warta_reader_set_flags: WARTA_READ_… flags.
 * warta_reader_set_limits: an input over max_bytes is refused (an error), a
 * picture over max_image_bytes is set as its description (a warning); 0:
 * 64 MiB.
 * warta_reader_set_style: the style's own boilerplate patterns are dropped
 * too (style must outlive r; NULL: none). */
WARTA_API warta_reader *warta_reader_new(void);
WARTA_API void warta_reader_free(warta_reader *r);
WARTA_API void warta_reader_set_lang(warta_reader *r, const char *lang);
WARTA_API void warta_reader_set_flags(warta_reader *r, unsigned flags);
WARTA_API void warta_reader_set_limits(warta_reader *r, size_t max_bytes, size_t max_image_bytes);
WARTA_API void warta_reader_set_style(warta_reader *r, const warta_style *style);

/* warta_reader_add_metadata: a metadata value every document read gets,
 * over the article's own (front matter, date line, title line); the later
 * given wins.  The keys: title, subtitle (deck), author (byline), date,
 * source, section, dateline, style, keywords (tags; comma-separated), lang
 * (language; read before the text, as warta_reader_set_lang, over it),
 * priority (1 to 99), image, image-alt, image-caption, image-credit (the
 * lead photo; a relative image is from the working directory, or from the
 * metadata file's).  origin is a WARTA_ORIGIN_…; where names the value in
 * messages ("-M title=…"; NULL: the key).  An unknown key (the nearest
 * named), a value that is not UTF-8 or not of its kind: 0 added, -1 with an
 * error in m.
 * warta_reader_metadata_file: adds the values of the YAML file at path (a
 * mapping of keys to text; keywords may be a list), WARTA_ORIGIN_FILE; a
 * regular file of at most 1 MB.  0, or -1 with FILE:LINE:COL errors in m.
 * warta_reader_metadata: the value last given for key (an alias counts as
 * its key), or NULL; it belongs to r. */
WARTA_API int warta_reader_add_metadata(warta_reader *r, const char *key, const char *value,
                                        int origin, const char *where, warta_messages *m);
WARTA_API int warta_reader_metadata_file(warta_reader *r, const char *path, warta_messages *m);
WARTA_API const char *warta_reader_metadata(const warta_reader *r, const char *key);

/* warta_reader_read: reads the article at path ("-": standard input) as r
 * says, the metadata given set over its own (meta.origin records where
 * each value came from).  NULL when the input has an error (in m). */
WARTA_API warta_doc *warta_reader_read(const warta_reader *r, const char *path, warta_messages *m);

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

/* warta_style_name, warta_style_description: the style's name ("a4") and
 * its one line of description (NULL: none); they belong to style. */
WARTA_API const char *warta_style_name(const warta_style *style);
WARTA_API const char *warta_style_description(const warta_style *style);

/* warta_styles_list: every style of the user's style folder and warta's,
 * by name, a name in the user's hiding warta's, as a NULL-terminated array;
 * a style file that is not valid is left out with its errors in m.  Close
 * each with warta_style_close, free the array with warta_free. */
WARTA_API warta_style **warta_styles_list(warta_messages *m);

/* warta_style_check_fonts_set: checks style's fonts against warta's font
 * set: a family not in it is an error, a feature it lacks (small capitals,
 * old-style figures) a warning, each at the style file's line.  The number
 * of errors; -1 when the font set cannot be loaded (then nothing is said:
 * the back ends say why). */
WARTA_API int warta_style_check_fonts_set(const warta_style *style, warta_messages *m);

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
 * page, a section heading where the documents' group changes: see
 * warta_doc_set_group), dated date ("YYYY-MM-DD", may be NULL).  title
 * NULL: no edition.
 * warta_print_set_edition_number: the edition line of a newspaper style's
 * nameplate ("12", "XII/345"); NULL: none.
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
WARTA_API void warta_print_set_edition_number(warta_print *p, const char *number);
WARTA_API void warta_print_set_pages(warta_print *p, int first, int last);
WARTA_API void warta_print_set_dpi(warta_print *p, double dpi);

/* warta_print_set_style: the next renders use style (which must outlive
 * p) instead of the one p was made with: one article in the style its
 * front matter names, say.  NULL: back to p's own.
 * warta_print_set_missing_glyphs: a character no font of the set has is set
 * as a box either way; it is an error (the default: the render succeeds,
 * with the error in m) or, warn not 0, a warning.  Per p, not per process.
 * warta_print_set_report: report not 0: each render measures what it set,
 * for warta_print_report.
 * warta_print_set_threads: with threads 2 or more an edition of several
 * documents lays its articles out in a second thread while the calling one
 * draws, and one long article (64 KB of text or more) its paragraphs and
 * pages (the same bytes as in one); 0 or 1 (the default): one thread.  A
 * caller running several renders at once on the cores (a batch's worker
 * processes) leaves it at 1. */
WARTA_API void warta_print_set_style(warta_print *p, const warta_style *style);
WARTA_API void warta_print_set_missing_glyphs(warta_print *p, int warn);
WARTA_API void warta_print_set_report(warta_print *p, int report);
WARTA_API void warta_print_set_threads(warta_print *p, int threads);

/* warta_print_render: sets docs[0..n) (one article, or an edition) and
 * writes path ("-": standard output) as kind.  PNG or SVG of several pages
 * write NAME-1.png, NAME-2.png … beside path.  The same input gives the
 * same bytes (SOURCE_DATE_EPOCH, else the article's date, is the PDF's
 * date).  0, or -1 with the reason in m. */
WARTA_API int warta_print_render(warta_print *p, warta_doc *const *docs, size_t n,
                                 enum warta_print_kind kind, const char *path, warta_messages *m);

/* warta_print_report: the typesetting report of p's last successful render
 * (with warta_print_set_report): pages, lines set, justified lines and
 * their word gaps, loose, tight, hyphenated and overfull lines, widows,
 * orphans, kashidas, lines off the baseline grid (README, "The typesetting
 * report").  One line of text, "warta: PATH: 3 pages, …", or, json not 0,
 * one JSON object on a line; path names the output in it.  Free with
 * warta_free; NULL when there is no report. */
WARTA_API char *warta_print_report(const warta_print *p, const char *path, int json);

/* ---------------------------------------------------------------- EPUB */

/* warta_epub_new: the EPUB 3 back end for style (which must outlive it).
 * NULL with the reason in m.  warta_epub_free: frees it.
 * warta_epub_set_edition, warta_epub_set_edition_lang: as
 * warta_print_set_edition and warta_print_set_edition_lang (the nav, the
 * title page and dc:language first in the edition's language).
 * warta_epub_set_edition_publisher: an edition's publisher and creator in
 * its metadata; NULL: none.
 * warta_epub_set_embed_fonts: 1 embeds the style's fonts, subset.
 * warta_epub_set_style: as warta_print_set_style.
 * warta_epub_share_fonts: the books take their font set (the cover's
 * fonts, the embedded faces) from p, which must outlive e, instead of
 * loading their own. */
WARTA_API warta_epub *warta_epub_new(const warta_style *style, warta_messages *m);
WARTA_API void warta_epub_free(warta_epub *e);
WARTA_API void warta_epub_set_edition(warta_epub *e, const char *title, const char *date);
WARTA_API void warta_epub_set_edition_lang(warta_epub *e, const char *lang);
WARTA_API void warta_epub_set_edition_publisher(warta_epub *e, const char *publisher);
WARTA_API void warta_epub_set_embed_fonts(warta_epub *e, int embed);
WARTA_API void warta_epub_set_style(warta_epub *e, const warta_style *style);
WARTA_API void warta_epub_share_fonts(warta_epub *e, const warta_print *p);

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
