/* para.h — paragraph assembly for the print engine: styled UTF-8 runs →
 * Pango items shaped once against the whole paragraph → Knuth–Plass
 * box/glue/penalty items (linebreak.h) → lines of positioned glyph pieces,
 * bidi-reordered, with reshaped hyphens.  Read by the page builder and render. */
#ifndef WARTA_PARA_H
#define WARTA_PARA_H

#include <pango/pango.h>
#include <stddef.h>

#include "layout/hyphenate.h"
#include "layout/linebreak.h"
#include "style/style.h"
#include "util/diag.h"

/* How one run of text looks. */
struct pa_fmt {
	const char *family;         /* exact family name */
	double size;                /* pt */
	int weight;                 /* CSS scale */
	int italic;
	int small_caps;             /* 1: smcp, 2: all small caps (c2sc + smcp) */
	int uppercase;
	double letter_spacing;      /* em */
	const char *features;       /* OpenType features, "onum, pnum" */
	unsigned int color;         /* 0xRRGGBB */
	int hyphenate;              /* hyphenation allowed in this run */
	int link;                   /* 1-based index into pa_para.links, 0: none */
	double rise;                /* pt, baseline shift (superscripts) */
	int footnote;               /* footnote call: its index (1-based), 0: none */
	int literal;                /* code: no hyphens, no stretch beyond spaces */
	const char *lang;           /* BCP 47 of the run when not its paragraph's (a quotation,
	                             * a name in another script): its shaping and its CJK
	                             * region's face; NULL: the paragraph's */
};

struct pa_run {
	size_t start, end;          /* bytes of pa_para.text */
	struct pa_fmt fmt;
	int line, col;              /* source position of the run's first character */
};

/* One glyph run of a line, in visual order. */
struct pa_piece {
	PangoGlyphItem gi;          /* owned item + glyphs; item offsets index pa_para.text */
	double x;                   /* pt from the line's left edge */
	double width;               /* pt, as drawn (scaled by the line's scale) */
	const struct pa_run *run;   /* colour, link, rise */
	const char *text;           /* the text gi.item indexes: NULL for pa_para.text (a hyphen's own text) */
};

enum pa_break { PA_BREAK_GLUE, PA_BREAK_HYPHEN, PA_BREAK_EXPLICIT, PA_BREAK_PENALTY,
	PA_BREAK_FORCED, PA_BREAK_FINAL };

/* A kashida (kashida.c): the joint after glyph `glyph` of a piece's glyphs
 * drawn `width` longer (that glyph's width includes it). */
struct pa_kashida {
	const PangoGlyphString *gs; /* the piece's (pa_piece.gi.glyphs) */
	int glyph;
	int width;                  /* Pango units, before the line's scale */
};

struct pa_line {
	size_t start, end;          /* bytes of text shown on the line */
	double x0;                  /* left edge offset inside the measure, pt */
	double measure;             /* available width, pt */
	double natural;             /* width as set, pt */
	double ascent, descent;     /* pt, from the fonts used */
	double ratio;               /* adjustment ratio from the line breaker (after reshaping) */
	double scale;               /* horizontal glyph expansion of the line's pieces, 1: none */
	int fitness, hyphenated, overfull, justified;
	int cjk;                    /* justified between CJK characters (items.c) */
	enum pa_break brk;
	struct pa_piece *pieces;
	int n_pieces;
	int *footnotes;             /* footnote calls on this line (indexes), 0-terminated; NULL: none */
	struct pa_kashida *kashidas; /* Arabic joints drawn longer to justify the line */
	int n_kashidas;
};

struct pa_para {
	GString *text;
	GArray *runs;               /* struct pa_run */
	GPtrArray *links;           /* char * URLs or "#dest", owned */
	GHashTable *link_no;        /* URL (in links) → its 1-based index: a paragraph of
	                             * 100,000 links looked each one up among the others */
	const char *file;           /* for diagnostics */
	char *lang;                 /* language of the paragraph (hyphenation, shaping) */
	int rtl;                    /* base direction right to left */
	int coalesce;               /* 1: runs that differ only in their source positions are
	                             * shaped as one (a table row set as a line: hundreds of
	                             * runs, each an attribute range for Pango's itemizer) */
	/* after pa_set: */
	struct pa_line *lines;
	int n_lines;
	int pass;                   /* line breaker pass that succeeded */
	/* private to para.c */
	PangoAttrList *attrs;
	PangoItem **items;
	PangoGlyphString **glyphs;
	int n_items;
	PangoLogAttr *la;
	int n_chars;
	int *char_at;               /* byte → char index (n bytes + 1) */
	double *cjk_gap;            /* CJK punctuation's blank before char c as glue, pt
	                             * (n chars + 1; NULL: none; cjk.c) */
	struct pa_guard *guard;     /* held while shaping it: a character no font has (guard.h) */
};

/* How to set a paragraph. */
struct pa_setup {
	PangoContext *ctx;
	struct warta_hyphenator *hyph; /* NULL: no hyphenation */
	const struct warta_style *style; /* fallback families, line breaking parameters */
	enum warta_text_align align;
	double indent;              /* first line, pt */
	const double *widths;       /* line measures, pt; the last repeats */
	size_t n_widths;
	const double *offsets;      /* left offsets per line (drop caps, lists), pt; NULL: 0 */
	size_t n_offsets;
	int hyphenate;              /* 0: never (headlines, headings) */
	int hyphen_left, hyphen_right;
	int last_line_fill;         /* 1: last line ragged (parfillskip); 0: balanced (headlines) */
	int justify_last;           /* the last line justified too (a piece of a huge paragraph) */
	struct warta_diags *diags;
	/* 1: the paragraph is a piece of a huge one cut inside a word that
	 * was warned about in the piece before: its first word is not warned
	 * again */
	int continues_word;
};

struct pa_para *pa_new(const char *lang, int rtl, const char *file);
/* Adds the line breaks inside Lao, Khmer and Myanmar words (ICU's
 * dictionaries; sabreak.c) to Pango's analysis la of text (n_la entries). */
void pa_sa_breaks(const char *text, int len, PangoLogAttr *la, int n_la);
void pa_free(struct pa_para *p);
/* Frees the line breaker's lists this thread keeps from one paragraph to
 * the next (up to 2^18 items, 20-40 MB after a long paragraph): at the end
 * of a render, so that a long-lived engine or batch worker does not hold
 * them (a thread that ends frees its own). */
void pa_spare_release(void);
/* Appends len bytes of UTF-8 (-1: up to NUL) set as fmt. */
void pa_add(struct pa_para *p, const char *utf8, int len, const struct pa_fmt *fmt, int line, int col);
/* 1-based index of url in p->links (added if new). */
int pa_link(struct pa_para *p, const char *url);
int pa_empty(const struct pa_para *p);
/* Shapes and breaks the paragraph into lines.  0, or -1 on allocation failure. */
int pa_set(struct pa_para *p, const struct pa_setup *s);
/* The text of a line as set, with a trailing hyphen when broken at one.  g_free(). */
char *pa_line_text(const struct pa_para *p, const struct pa_line *l);
/* Natural width of a single line of text set as fmt, pt (for labels, folios). */
double pa_measure(PangoContext *ctx, const struct warta_style *style, const char *utf8,
                  const struct pa_fmt *fmt);

#endif
