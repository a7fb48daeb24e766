/* reader.h — internals shared by the article reader's files (src/article/):
 * the source map (clean text ↔ original file positions), text hygiene,
 * the article layer passes, quotation and typography rules, language data.
 * Not installed and not used outside src/article/. */
#ifndef WARTA_ARTICLE_READER_H
#define WARTA_ARTICLE_READER_H

#include <cmark-gfm.h>
#include <glib.h>
#include <stddef.h>

#include "article/article.h"

#define AR_MAX_DEPTH 32           /* nesting cap of the tree; deeper containers are flattened */
#define AR_DEFAULT_MAX (64u << 20)
#define AR_MAX_MARKS 30           /* combining marks kept on one character (hygiene.c) */ /* default input size limit: 64 MiB */

/* ------------------------------------------------ source map (hygiene.c) */

/* One point where the clean text stops running parallel to the original:
 * from clean offset `clean` on, clean byte c is original byte orig + (c - clean). */
struct ar_edit {
	guint32 clean, orig;       /* 32-bit: inputs are smaller than 4 GiB (read.c) */
};

struct ar_src {
	const char *path;          /* for messages */
	const char *orig;          /* the input as given; not needed after ar_hygiene */
	size_t orig_len;
	GArray *lines;             /* guint32: offset of each original line start */
	guint32 *ck;               /* ck[k]: characters in orig[0, 64k) */
	guint64 *cs;               /* bit j of cs[k]: orig[64k + j] starts a character */
	char *clean;               /* after hygiene: valid UTF-8, LF line ends, no controls */
	size_t clean_len;
	GArray *edits;             /* struct ar_edit, increasing */
};

/* Checks and cleans src->orig into src->clean (see hygiene.c for the rules).
 * Returns -1 after an error (invalid UTF-8 without repair).  Positions are
 * computed without src->orig afterwards: the caller may free it. */
int ar_hygiene(struct ar_src *src, int repair, struct warta_diags *d);
void ar_src_free(struct ar_src *src);
/* Unicode noncharacters: U+FDD0–U+FDEF and U+nFFFE, U+nFFFF of every plane. */
static inline int
ar_is_noncharacter(gunichar c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}
/* Original offset of a clean offset. */
size_t ar_orig_off(const struct ar_src *src, size_t clean_off);
/* 1-based line and column (in characters) of an original offset. */
void ar_orig_pos(const struct ar_src *src, size_t orig_off, int *line, int *col);
/* Same for a clean offset. */
void ar_clean_pos(const struct ar_src *src, size_t clean_off, int *line, int *col);

/* ------------------------------------------------ text runs (run.c, read.c) */

/* Where each byte of a TEXT node's text came from (clean offsets), kept
 * while the article layer splits and rewrites text; positions are derived
 * from it at the end.  Stored run-length: anchor k says that text bytes
 * [at_k, at_k+1) came from clean offsets off_k, off_k + 1, … (the last
 * anchor runs to len).  A new anchor starts only where the mapping stops
 * being contiguous: an escape or an entity, a dropped boilerplate line, a
 * typographic replacement whose bytes all come from one source character.
 * Text copied straight from one source line has one anchor, kept inline. */
struct ar_anchor {
	guint32 at;                /* text byte */
	guint32 off;               /* its clean offset */
};

struct ar_run {
	guint32 len;               /* text bytes mapped */
	guint32 n, cap;            /* anchors used; allocated (≤ 1: the inline one) */
	struct ar_anchor one;      /* the anchor while cap ≤ 1 */
	struct ar_anchor *a;       /* the anchors, sorted by at, once cap > 1 */
};

struct ar_run *ar_run_new(void);
void ar_run_free(struct ar_run *r);
void ar_run_clear(struct ar_run *r);
/* Maps the next byte (n bytes) of the text to clean offset off (off, off + 1, …). */
void ar_run_push(struct ar_run *r, size_t off);
void ar_run_push_n(struct ar_run *r, size_t off, size_t n);
/* Clean offset of byte i (clamped to the last byte), or (size_t)-1 when empty. */
size_t ar_run_off(const struct ar_run *r, size_t i);
/* A new run of bytes [from, to); appends b to r; removes bytes [from, to) of r. */
struct ar_run *ar_run_slice(const struct ar_run *r, size_t from, size_t to);
void ar_run_append(struct ar_run *r, const struct ar_run *b);
/* Appends bytes [from, to) of src to r: the anchors ar_run_push would
 * make byte by byte from ar_run_off(src, from …), at once. */
void ar_run_append_part(struct ar_run *r, const struct ar_run *src, size_t from, size_t to);
void ar_run_cut(struct ar_run *r, size_t from, size_t to);

/* The metadata fields whose position the reader keeps (ar_ctx.field_line). */
enum ar_field { AR_F_TITLE, AR_F_SUBTITLE, AR_F_AUTHOR, AR_F_SECTION, AR_F_SOURCE, AR_F_DATELINE,
	AR_F_DATE, AR_F_STYLE, AR_F_LANG, AR_F_N };

struct ar_ctx {
	struct ar_src *src;
	struct warta_doc *doc;
	struct warta_diags *d;
	const struct warta_read_opts *opts;
	GHashTable *runs;          /* struct warta_node * → struct ar_run * */
	GHashTable *item_no;       /* ordered list ITEM → its number as written (int) */
	int boiler_dropped;        /* boilerplate lines dropped */
	char *lead[4];             /* front matter image, image-alt, image-caption, image-credit */
	size_t lead_off;           /* clean offset of the image: value */
	/* where each metadata value was written (front matter value, byline),
	 * for the warnings about it; line 0: not known (the title line is used) */
	int field_line[AR_F_N], field_col[AR_F_N];
};

struct ar_run *ar_run_get(struct ar_ctx *cx, struct warta_node *n);
/* Body bytes cmark reads at a time (read.c, select_lines): 1 MiB; tests
 * lower it (never below 3000, the language sample) to cut a body wherever
 * it may be cut. */
extern size_t ar_chunk_bytes;

/* Gives node n the run r (freeing any it had). */
void ar_run_set(struct ar_ctx *cx, struct warta_node *n, struct ar_run *r);
/* A new TEXT node holding bytes [from, to) of text node n (with their offsets). */
struct warta_node *ar_text_slice(struct ar_ctx *cx, struct warta_node *n, size_t from, size_t to);
/* Position of byte i of text node n (clean offset), or (size_t)-1. */
size_t ar_text_off(struct ar_ctx *cx, struct warta_node *n, size_t i);
/* Sets a node's start and (inclusive) end from clean offsets. */
void ar_set_pos(struct ar_ctx *cx, struct warta_node *n, size_t start, size_t end);
/* figure.c: pictures alone in their paragraphs → figures with captions and
 * credits; every picture read (warnings for those that cannot be had). */
void ar_figures(struct ar_ctx *cx);
/* The lead photo from the front matter (doc->meta.lead). */
void ar_lead(struct ar_ctx *cx, const char *image, size_t image_off, const char *alt,
             const char *caption, const char *credit);
/* Unlinks and frees a node, forgetting the runs of its text. */
void ar_node_drop(struct ar_ctx *cx, struct warta_node *n);
/* Diagnostic at a clean offset. */
void ar_diag_at(struct ar_ctx *cx, enum warta_severity sev, size_t clean_off,
                const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* The hygiene rule for noncharacters applied to what the parsers decoded
 * (entities such as &#xFFFF;, YAML escapes such as "\uFFFF"): every string
 * of the tree and of the metadata, each noncharacter replaced by U+FFFD with
 * a warning at its node (nonchar.c).  Call while the text runs still exist. */
void ar_noncharacters(struct ar_ctx *cx);
/* A warning for each metadata value longer than its display cap (doc.h). */
void ar_meta_caps(struct ar_ctx *cx);

/* ------------------------------------------------ article layer (layer.c) */

void ar_sections(struct ar_ctx *cx);
void ar_subheadings(struct ar_ctx *cx);
void ar_heading_ids(struct ar_ctx *cx);
void ar_dateline(struct ar_ctx *cx);
/* "> [!PULLQUOTE]" block quotes become pull quotes. */
void ar_pullquotes(struct ar_ctx *cx);
/* Finds a dateline at the start of text: length of "PLACE - " matched, or 0;
 * place and agency (may be NULL) newly allocated. */
size_t ar_dateline_match(const char *text, char **place, char **agency);

/* ------------------------------------------------ structure (caption.c, byline.c, layer.c) */

/* A note or warning at a node's start. */
void ar_diag_node(struct ar_ctx *cx, enum warta_severity sev, const struct warta_node *n,
                  const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* s cut after 60 characters with an ellipsis, for notes. */
char *ar_note_text(const char *s);
/* Paragraphs that are a photo caption only → orphan_caption (kept with --keep-boilerplate). */
void ar_captions(struct ar_ctx *cx);
/* Bylines written in the body ("Oleh: …", "By …", "記者…／…報導") → meta.author;
 * an agency code ending the body ("(ant/rd)") → meta.source. */
void ar_bylines(struct ar_ctx *cx);
/* The byline pattern table on one line of text in language lang: 1 with
 * the name (and a place, or NULL) newly allocated. */
int ar_byline_match(const char *text, const char *lang, char **name, char **place);
/* A leading one-item bullet list, or a bold first paragraph → the deck. */
void ar_standfirst(struct ar_ctx *cx);
/* Runs of spaces and tabs in text → one space (no-break and fixed spaces kept). */
void ar_spaces(struct ar_ctx *cx);
/* The previous or next block sibling that is set (orphan captions skipped). */
struct warta_node *ar_prev_block(const struct warta_node *n);
struct warta_node *ar_next_block(const struct warta_node *n);

/* ------------------------------------------------ boilerplate (boiler.c) */

struct ar_boiler;
struct ar_boiler *ar_boiler_new(const char *const *extra, struct warta_diags *d, const char *path);
int ar_boiler_match(const struct ar_boiler *b, const char *line, size_t len);
void ar_boiler_free(struct ar_boiler *b);
/* The built-in patterns, NULL-terminated (documented in boiler.c and README). */
extern const char *const ar_boiler_builtin[];

/* ------------------------------------------------ quotations (quotes.c), typography (typography.c) */

struct ar_marks {
	const char *open1, *close1;    /* primary (outer) quotation marks */
	const char *open2, *close2;    /* secondary (inner) */
};
const struct ar_marks *ar_marks_for(const char *lang);
void ar_quotes(struct ar_ctx *cx);
/* runlang.c: a lang on each quotation and run in another script whose
 * language differs from its container's and can be told. */
void ar_run_langs(struct ar_ctx *cx);
/* Smart typography of a plain string (no quotes): dashes, ellipsis, apostrophes,
 * spaces.  For tests; the tree pass uses the same rules. */
char *ar_smarten(const char *text, const char *lang);
/* typography.c: text node t set with the document language's dashes,
 * ellipses and no-break spaces, its source map kept; a string likewise
 * (frees s, returns a new string). */
void ar_typeset_node(struct ar_ctx *cx, struct warta_node *t);
char *ar_typeset_string(GString *s, const char *lang);

/* ------------------------------------------------ language (lang.c) */

/* BCP 47 primary tag of the text's language, or NULL when unsure. */
char *ar_lang_detect(const char *text, size_t len);
/* The steps of ar_lang_detect, for tests: the script that names the
 * language on its own (or NULL), and the choice among the classifier's
 * candidates (see ar_langid_classify) of text[0, n). */
const char *ar_lang_script(const char *text, size_t n);
char *ar_lang_choose(const char *const *cands, int nc, const char *text, size_t n,
                     const char *script);

/* ------------------------------------------------ n-gram classifier (langid.c) */

/* The language categories of text[0, n) ("id--utf8" …), best first, into
 * cands[0, max): returns their number, 0 when too close to call or nothing
 * to go by.  The names are the compiled model's (static storage). */
int ar_langid_classify(const char *text, size_t n, const char **cands, int max);


/* read.c's parts: the body cmark reads (markdown.c), the article's shape
 * (front.c). */
/* The body as given to cmark: kept lines of the clean text, each copied
 * whole; bstart[k] is where body line k starts in the body, cstart[k] where
 * it starts in the clean text.  A long body is parsed a chunk at a time
 * (see select_lines): then this holds the current chunk's lines only, and
 * cmark's line numbers count from the chunk's first line. */
struct body {
	GString *text;
	GArray *bstart, *cstart;   /* size_t */
	size_t cursor;             /* alignment cursor, body offset */
	int flattened;             /* containers flattened so far, all chunks */
};

/* markdown.c: cmark's tree of body b → children of the document root. */
void ar_convert(struct ar_ctx *cx, struct body *b, cmark_node *cmroot);
/* front.c: the line at p of t (len bytes): returns where the next starts, *e
 * where this one ends (before its newline). */
size_t ar_next_line(const char *t, size_t len, size_t p, size_t *e);
/* 1 when s[0..n) is only spaces and tabs. */
int ar_blank(const char *s, size_t n);
/* A title line without its markup ("# ", trailing "#"s, spaces).  g_free(). */
char *ar_trim_title(const char *s, size_t n);
/* The date line "date YYYY-MM-DD Title" at clean bytes [s, e): into the
 * document's metadata; 1 when it was one. */
int ar_date_line(struct ar_ctx *cx, size_t s, size_t e);
/* YAML front matter at clean bytes [fs, fe) into the document's metadata. */
void ar_front_matter(struct ar_ctx *cx, size_t fs, size_t fe);

#endif
