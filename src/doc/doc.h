/* doc.h — the document tree: what the article reader (src/article/) writes and
 * both back ends (src/layout + src/render for print, src/epub for e-books) read.
 * An article is metadata (headline, deck, byline, date, language, …) plus a tree
 * of block and inline nodes; every node carries its source position. */
#ifndef WARTA_DOC_H
#define WARTA_DOC_H

#include <stddef.h>

struct warta_image;
#include "warta.h"           /* the public names this header shares (warta_doc, …) */

enum warta_node_type {
	/* blocks */
	WARTA_NODE_DOCUMENT,       /* the body; children are blocks */
	WARTA_NODE_PARAGRAPH,
	WARTA_NODE_HEADING,        /* as.heading: level 2.., number ("1" for "1. Rusia") */
	WARTA_NODE_BLOCKQUOTE,
	WARTA_NODE_PULLQUOTE,      /* a quotation set off for display */
	WARTA_NODE_LIST,           /* as.list */
	WARTA_NODE_ITEM,
	WARTA_NODE_CODE_BLOCK,     /* text: literal; as.code.info */
	WARTA_NODE_HTML_BLOCK,     /* text: literal, never interpreted */
	WARTA_NODE_THEMATIC_BREAK,
	WARTA_NODE_TABLE,          /* as.table */
	WARTA_NODE_TABLE_ROW,      /* as.row.header */
	WARTA_NODE_TABLE_CELL,     /* as.cell.align */
	WARTA_NODE_FOOTNOTE_DEF,   /* as.footnote: label, index; children are blocks */
	WARTA_NODE_FIGURE,         /* a picture alone in its paragraph (or the lead photo):
	                            * children IMAGE, then CAPTION and CREDIT when given */
	WARTA_NODE_CAPTION,        /* inline children */
	WARTA_NODE_CREDIT,         /* inline children: who made the picture */
	WARTA_NODE_ORPHAN_CAPTION, /* a photo caption whose picture the scrape lost: not set; inline children */
	/* inlines */
	WARTA_NODE_TEXT,           /* text */
	WARTA_NODE_SOFTBREAK,
	WARTA_NODE_LINEBREAK,
	WARTA_NODE_EMPH,
	WARTA_NODE_STRONG,
	WARTA_NODE_STRIKETHROUGH,
	WARTA_NODE_CODE,           /* text: literal */
	WARTA_NODE_HTML_INLINE,    /* text: literal, never interpreted */
	WARTA_NODE_LINK,           /* as.link; children are the link text */
	WARTA_NODE_IMAGE,          /* as.link (url = src) and as.link.image; children are the alt text */
	WARTA_NODE_QUOTE,          /* inline quotation; as.quote; children inside the marks */
	WARTA_NODE_FOOTNOTE_REF,   /* as.footnote */
	WARTA_NODE_DATELINE,       /* first child of the first paragraph; as.dateline */
	WARTA_NODE_TYPE_COUNT
};

enum warta_align { WARTA_ALIGN_NONE, WARTA_ALIGN_LEFT, WARTA_ALIGN_CENTER, WARTA_ALIGN_RIGHT };

struct warta_node {
	enum warta_node_type type;
	struct warta_node *parent, *first, *last, *prev, *next;
	int line, col;              /* 1-based start in the input file */
	int end_line, end_col;      /* 1-based, inclusive end */
	char *text;                 /* literal UTF-8 for TEXT, CODE, CODE_BLOCK, HTML_* */
	char *lang;                 /* BCP 47 when it differs from the document's, else NULL */
	union {
		struct { int level; char *number; char *id; } heading; /* id: anchor, "sec-1" */
		struct { int ordered; int start; int tight; char delim; } list;
		struct { char *info; } code;
		struct {
			char *url, *title;
			int active;                 /* scheme is safe to follow */
			/* IMAGE only: */
			char *path;                 /* the file it was read from, NULL for data: and URLs */
			struct warta_image *image;  /* the picture (image/image.h), NULL when it could not
			                             * be had: the back ends set the alt text instead */
		} link;
		struct { char *open, *close; int level; } quote;     /* the marks as set, level 0 outer */
		struct { char *label; int index; } footnote;         /* index: 1-based order of first call */
		struct { char *place; char *agency; } dateline;
		struct { int columns; } table;
		struct { int header; } row;
		struct { enum warta_align align; } cell;
	} as;
};

/* How the language was decided. */
enum warta_lang_origin {
	WARTA_LANG_OPTION,        /* -l / --lang */
	WARTA_LANG_FRONT_MATTER,  /* lang: in YAML */
	WARTA_LANG_DETECTED,      /* language identification of the text */
	WARTA_LANG_DEFAULT        /* nothing better: "en" */
};

/* Which shape the input had. */
enum warta_shape {
	WARTA_SHAPE_DATE_LINE,    /* " date YYYY-MM-DD Title" first line */
	WARTA_SHAPE_YAML,         /* --- front matter --- */
	WARTA_SHAPE_ATX_TITLE,    /* "# Title" first line */
	WARTA_SHAPE_PLAIN         /* title from the file name */
};

struct warta_meta {
	char *title;              /* headline; never NULL after a successful read */
	char *subtitle;           /* deck */
	char *author;             /* byline */
	char *date;               /* "YYYY-MM-DD", or NULL */
	char *source;             /* publisher or agency */
	char *section;
	int priority;             /* front matter priority: 1 the most important, 0: none */
	char *dateline;           /* place, from front matter or detected */
	char *style;              /* style name asked for by the front matter */
	char **keywords;          /* NULL-terminated (GStrv), may be NULL */
	char *lang;               /* BCP 47 primary tag, never NULL ("id", "en", "ar", "zh") */
	enum warta_lang_origin lang_origin;
	int rtl;                  /* 1 when the language is written right to left */
	enum warta_shape shape;
	int title_line, title_col;
	/* The lead photo (front matter image:, image-caption:, image-credit:,
	 * image-alt:): a FIGURE node outside the body, or NULL. */
	struct warta_node *lead;
	/* where the values came from, when the command line set some (-M,
	 * --metadata-file): "key", "origin", … pairs (GStrv), else NULL */
	char **origin;
	char *group;              /* an edition's section this article is set in, or NULL */
};

struct warta_doc {
	char *path;               /* as given, for messages ("-" for stdin) */
	char *name;               /* file name without directory and extension: output stem */
	struct warta_meta meta;
	struct warta_node *root;  /* WARTA_NODE_DOCUMENT */
	int broken_images;        /* pictures named but not had (missing, corrupt, a URL …):
	                           * the output is made, the exit status is 1 */
};

/* node.c */
/* The node after n in document order (preorder: first child, else next
 * sibling, else the next sibling of the nearest ancestor below root), or
 * NULL once the walk leaves root's subtree. */
struct warta_node *warta_node_next(const struct warta_node *n, const struct warta_node *root);
/* A walk of a subtree in document order, as an iterator: each node is
 * entered (WARTA_WALK_ENTER), and a node with children is exited
 * (WARTA_WALK_EXIT) after them.  After entering a node the caller may
 * skip its children (warta_walk_skip: no EXIT for it either); after a
 * skip the node may be unlinked and freed, the walk goes on after it.
 * Children added to or removed from an entered node before the next step
 * are seen.
 *   struct warta_walk w;  struct warta_node *n;  enum warta_walk_event ev;
 *   warta_walk_init(&w, root);
 *   while ((ev = warta_walk_next(&w, &n)) != WARTA_WALK_DONE) …        */
enum warta_walk_event { WARTA_WALK_DONE, WARTA_WALK_ENTER, WARTA_WALK_EXIT };
struct warta_walk {
	struct warta_node *root, *cur;
	enum warta_walk_event ev;       /* of cur; DONE before the first step */
	struct warta_node *pend;        /* after a skip: the next step, computed */
	enum warta_walk_event pend_ev;
	int skipped, started;
};
void warta_walk_init(struct warta_walk *w, struct warta_node *root);
enum warta_walk_event warta_walk_next(struct warta_walk *w, struct warta_node **n);
void warta_walk_skip(struct warta_walk *w);
struct warta_node *warta_node_new(enum warta_node_type type, int line, int col);
void warta_node_append(struct warta_node *parent, struct warta_node *child);
void warta_node_prepend(struct warta_node *parent, struct warta_node *child);
void warta_node_insert_before(struct warta_node *sibling, struct warta_node *child);
void warta_node_unlink(struct warta_node *node);
void warta_node_free(struct warta_node *node);      /* and its children */
int warta_node_is_block(const struct warta_node *node);
const char *warta_node_type_name(enum warta_node_type type); /* "paragraph", "quote", … */
/* The concatenated text of a node's inline content (quotes with their marks). Caller g_free()s. */
char *warta_node_plain_text(const struct warta_node *node);

/* Display caps: the most characters of each metadata value the print
 * back end and the EPUB set (on the page, the running head, the outline,
 * the cover, the book's pages); a longer value is cut at a character
 * boundary (never inside a cluster of combining marks) and ends with "…".
 * The reader warns about a value over its cap; the JSON keeps it whole.
 * Shaping and breaking a headline is not linear in its length (a 200,000-
 * character section took 37 s on the EPUB cover): the caps bound it. */
#define WARTA_CAP_TITLE     3000
#define WARTA_CAP_SUBTITLE  1000
#define WARTA_CAP_AUTHOR    200
#define WARTA_CAP_SECTION   100
#define WARTA_CAP_SOURCE    120
#define WARTA_CAP_DATELINE  100
#define WARTA_CAP_GROUP     100
/* s cut to max characters and "…", or a copy of s (NULL: NULL).  Caller g_free()s. */
char *warta_text_capped(const char *s, size_t max);
/* For a back end: copies of the n documents (their trees shared, not
 * copied) whose metadata values are cut to the caps above.  Free with
 * warta_docs_capped_free (the originals are untouched). */
struct warta_doc **warta_docs_capped(struct warta_doc *const *docs, size_t n);
void warta_docs_capped_free(struct warta_doc **capped, size_t n);

struct warta_doc *warta_doc_new(const char *path);
void warta_doc_free(struct warta_doc *doc);

#endif
