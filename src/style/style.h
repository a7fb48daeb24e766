/* style.h — a resolved style: page geometry and per-element typography, loaded
 * from styles/NAME.style (GLib key files, with inheritance) by style.c.
 * Read by the print engine (src/layout, src/render) and the EPUB CSS writer
 * (src/epub), so the book and the print edition share one design. */
#ifndef WARTA_STYLE_H
#define WARTA_STYLE_H

#include "util/diag.h"

#include "warta.h"           /* the public names this header shares (warta_doc, …) */

enum warta_element {
	WARTA_EL_BODY,            /* [body] paragraphs */
	WARTA_EL_HEADLINE,        /* [headline] the title */
	WARTA_EL_DECK,            /* [deck] subtitle */
	WARTA_EL_BYLINE,          /* [byline] */
	WARTA_EL_DATE,            /* [date] */
	WARTA_EL_DATELINE,        /* [dateline] run-in place at the start of the first paragraph */
	WARTA_EL_HEADING,         /* [heading] section headings */
	WARTA_EL_HEADING_NUMBER,  /* [heading-number] the "1" of "1. Rusia" */
	WARTA_EL_QUOTATION,       /* [quotation] inline quotations */
	WARTA_EL_BLOCKQUOTE,      /* [blockquote] */
	WARTA_EL_PULLQUOTE,       /* [pullquote] */
	WARTA_EL_FOOTNOTE,        /* [footnote] */
	WARTA_EL_RUNNING_HEAD,    /* [running-head] from page 2 */
	WARTA_EL_FOLIO,           /* [folio] page number */
	WARTA_EL_CODE,            /* [code] code spans and blocks */
	WARTA_EL_LIST,            /* [list] list items */
	WARTA_EL_TABLE,           /* [table] table cells */
	WARTA_EL_SOURCE,          /* [source] publisher / source line */
	WARTA_EL_CAPTION,         /* [caption] under a picture */
	WARTA_EL_CREDIT,          /* [credit] who made the picture, at the caption's end */
	WARTA_EL_COUNT
};

enum warta_text_align { WARTA_TA_JUSTIFY, WARTA_TA_LEFT, WARTA_TA_CENTER, WARTA_TA_RIGHT };

struct warta_elem_style {
	char *family;             /* font family, exact fontconfig name */
	double size;              /* pt */
	double leading;           /* baseline to baseline, pt */
	double space_before;      /* pt */
	double space_after;       /* pt */
	double indent;            /* first-line indent, pt */
	double margin_left, margin_right; /* pt, for block quotes, lists */
	enum warta_text_align align;
	unsigned int color;       /* 0xRRGGBB */
	int weight;               /* 400 regular, 700 bold (CSS scale) */
	int italic;
	int small_caps;           /* real smcp where the font has it */
	int uppercase;
	double letter_spacing;    /* em */
	char *features;           /* OpenType features, "onum, pnum" */
	int hyphenate;
	int hyphen_left, hyphen_right; /* minimum characters before/after a hyphen */
};

/* How an edition's articles are made up into pages ([edition] makeup). */
enum warta_makeup {
	WARTA_MAKEUP_PAGES,       /* each article from a new page (a book of articles) */
	WARTA_MAKEUP_FLOW,        /* run on: each after the previous one */
	WARTA_MAKEUP_MODULAR      /* newspaper pages of rectangular modules, front page, jumps */
};

/* What separates run-on articles ([edition] article-break). */
enum warta_article_break {
	WARTA_BREAK_SPACE, WARTA_BREAK_RULE, WARTA_BREAK_PAGE
};

/* How print shows the URL of a link whose text is not the URL. */
enum warta_print_url {
	WARTA_PRINT_URL_FOOTNOTE,   /* a numbered note at the foot of the column */
	WARTA_PRINT_URL_INLINE,     /* " (URL)" after the link text */
	WARTA_PRINT_URL_NONE
};

struct warta_style {
	char *name;               /* "a4" */
	char *description;        /* one line, for --list-styles */
	char *path;               /* the file it came from */
	double page_width, page_height;          /* pt */
	double margin_top, margin_bottom, margin_inner, margin_outer; /* pt */
	int columns;
	double gutter;            /* pt */
	int drop_cap;             /* lines of a drop cap on the first paragraph, 0: none */
	enum warta_print_url print_url; /* [link] print-url: where print shows a link's URL */
	char *fallback_arabic;    /* family for Arabic script */
	char *fallback_cjk;       /* family for Han, Kana, Hangul */
	char *fallback_greek;     /* family for Greek script runs: Charis SIL has only
	                           * the few Greek letters IPA uses */
	int digits;               /* [fonts] digits: enum warta_digits (lang/lang.h) */
	/* line breaking (Knuth–Plass; TeX's names and meanings) */
	int pretolerance, tolerance;
	double emergency_stretch; /* em of body */
	int line_penalty, hyphen_penalty, ex_hyphen_penalty;
	int adj_demerits, double_hyphen_demerits, final_hyphen_demerits;
	int max_hyphen_run;       /* at most this many hyphenated lines in a row */
	double expansion;         /* allowed glyph expansion, fraction (0.02 = 2%), 0 = none */
	/* page breaking */
	int club_penalty, widow_penalty, broken_penalty;
	/* pictures ([figure]) */
	double figure_share;      /* top floats take at most this share of a column (TeX's
	                           * \topfraction), and a figure is scaled down to fit it */
	double figure_dpi;        /* a picture's natural size: its pixels at this resolution */
	enum { WARTA_SPAN_COLUMN, WARTA_SPAN_COLUMNS, WARTA_SPAN_PAGE } lead_span;
	                          /* the lead photo: floated in the first column; across the
	                           * columns under the headline; across the page above it */
	int figure_span;          /* a wide body figure (WARTA_SPAN_*): floated in its column;
	                           * across the columns at the top of a page (the first page:
	                           * under the headline, or above it for PAGE) */
	/* an edition's make-up ([edition]) */
	enum warta_makeup makeup;
	enum warta_article_break article_break;
	int min_lines;            /* no page of a flow edition with fewer body lines, but
	                           * a section's last */
	struct warta_elem_style el[WARTA_EL_COUNT];
	char **boilerplate;       /* extra boilerplate line patterns (GRegex), NULL-terminated */
	GHashTable *where;        /* "group\nkey" → struct warta_style_where: the line
	                           * that set each value, for later checks */
};

/* Where a style value was set: FILE:LINE:COL of the value. */
struct warta_style_where {
	char *file;
	int line, col;
};

/* Loads a style by name (from dirs, first match wins; NULL: the user's
 * $XDG_DATA_HOME/warta/styles, then warta's) or by path (contains '/' or
 * ends in ".style").  NULL on error, with file:line in d. */
struct warta_style *warta_style_load(const char *name_or_path, const char *const *dirs,
                                     struct warta_diags *d);
void warta_style_free(struct warta_style *s);
/* Styles found in dirs (NULL: as warta_style_load's): a NULL-terminated array of loaded styles, sorted by name,
 * for --list-styles (name + description).  Free each with warta_style_free, then g_free. */
struct warta_style **warta_style_list(const char *const *dirs, struct warta_diags *d);

/* The directory holding styles/ and fonts/: $WARTA_DATADIR if set, else the
 * source tree when the binary runs from it (build/warta), else WARTA_DATADIR
 * (the install prefix's share/warta).  Found once per process (g_once) and
 * never changed: where the program's own data is, a fact of the process
 * like its executable, not a setting of any handle. */
const char *warta_data_dir(void);
/* A fontconfig configuration holding only warta's own font set (fonts/fonts.list:
 * files from Debian font packages), with no system fonts and no rules, so output
 * never depends on the machine.  NULL on error (a listed file missing: run
 * "make deps").  The caller owns one reference (FcConfigDestroy).  Built
 * once a process: every call while the list file is unchanged gives the
 * same configuration, which nothing may change (fontconfig reads it from
 * any thread). */
struct _FcConfig *warta_fonts_config(struct warta_diags *d);
/* The same from another font list (tests; a user's own font set). */
struct _FcConfig *warta_fonts_config_from(const char *list, struct warta_diags *d);
/* The CJK family of style s for text in language lang: the style's
 * fallback-cjk, with its region changed to lang's when it is a Noto CJK
 * family ("Noto Serif CJK SC" → "Noto Serif CJK TC" for zh-Hant, zh-TW;
 * HK for zh-HK, yue; JP for ja; KR for ko).  An interned string. */
const char *warta_style_cjk_family(const struct warta_style *s, const char *lang);
/* Makes cfg fontconfig's default configuration for the process, so that
 * Pango's first font map does not load the system's (fonts.c says why).
 * 0, or -1 when fontconfig refuses. */
int warta_fonts_make_default(struct _FcConfig *cfg);
/* Checks the style's fonts against cfg (warta_fonts_config): a family that is
 * not in the font set is an error; small-caps or an OpenType feature (onum, …)
 * asked of a family that lacks it is a warning (Pango would fake small caps);
 * each at the line that set it.  Returns the number of errors. */
int warta_style_check_fonts(const struct warta_style *s, struct _FcConfig *cfg,
                            struct warta_diags *d);
/* Where group/key of s was set, or NULL (a built-in default). */
const struct warta_style_where *warta_style_where(const struct warta_style *s,
                                                  const char *group, const char *key);
const char *warta_element_name(enum warta_element el); /* "headline", "heading-number", … */
/* The reference of every group and key a style file may hold, with its type,
 * built-in default and meaning, made from the key table (keys.c): plain text
 * (warta --list-style-keys), or Markdown (doc/styles.md).  g_free() it. */
char *warta_style_reference(int markdown);

#endif
