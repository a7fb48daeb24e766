/* para_int.h — what the files of paragraph setting share (para.h is their
 * face):
 *   shape.c  styled runs → Pango attributes → items shaped once with the
 *            whole paragraph as context (letter spacing, missing glyphs)
 *   itemize.c  the items: one made directly for a paragraph of one script,
 *            one face and one set of attributes, pango_itemize's otherwise
 *   items.c  shaped text → Knuth–Plass boxes, glue and penalties
 *            (linebreak.h): spaces, hyphenation points, CJK and dash
 *            breaks, emergency breaks in words wider than every line
 *   lines.c  one line from the breaker's choice: its glyph pieces (word
 *            edges reshaped at hyphens), ratio, glyph expansion, spaces,
 *            visual order and position
 *   para.c   the paragraph's life and pa_set, which runs the three
 * Not used outside src/layout/. */
#ifndef WARTA_PARA_INT_H
#define WARTA_PARA_INT_H

#include "layout/para.h"

#define PU(x) ((x) / (double)PANGO_SCALE)   /* Pango units → pt (72 dpi) */
#define RAG_EM 3.0                          /* stretch of ragged lines, em (Knuth–Plass 1981, §"ragged") */
#define KASHIDA_SPACES 0.5                  /* ratio of the spaces' stretch used before kashidas (kashida.c) */
#define EXPANSION_STEP 0.001                /* glyph expansion in steps of 0.1 % (pdfTeX: \pdffontexpand step) */

/* What an lb item stands for in the text. */
struct slot {
	size_t b0, b1;              /* bytes; for a penalty b0 == b1 is the break position */
	enum pa_break kind;         /* for penalties: hyphen, explicit, plain */
	int space;                  /* glue: b0 is a space character to set to the glue's width */
	int emergency;              /* penalty: a break inside a word wider than the measure:
	                             * 1 + its index in build.wide */
	int cjk;                    /* glue: between CJK characters (items.c, cjk_break) */
};

/* The breaker's list being built, and what it stands for. */
struct build {
	GArray *items;              /* struct lb_item */
	GArray *slots;              /* struct slot */
	double expansion;           /* glyph expansion limit of boxes, fraction of their width */
	double widest;              /* the widest line measure, pt */
	unsigned char *cluster;     /* cluster[b]: a glyph cluster starts at byte b */
	GArray *wide;               /* struct wide: boxes wider than every measure */
	int cjk_gaps;               /* glue between CJK characters was pushed */
};

/* A box (word, number, URL piece) wider than every line, given emergency breaks. */
struct wide {
	size_t b0, b1;
	double width;
	int broken;                 /* the breaker used one of its breaks (warned) */
};

/* The hyphen a line broken in a word of font ends with: U+2010 where the
 * font has it, else "-" (items.c). */
const char *pa_hyphen_char(PangoFont *font);

/* The run holding byte b (NULL: no runs): a binary search of p->runs, here
 * because every step of the paragraph (shape.c, cjk.c, items.c, lines.c)
 * asks it. */
static inline const struct pa_run *
pa_run_at(const struct pa_para *p, size_t b)
{
	guint lo = 0, hi = p->runs->len;

	while (hi - lo > 1) {
		guint mid = (lo + hi) / 2;

		if (g_array_index(p->runs, struct pa_run, mid).start <= b)
			lo = mid;
		else
			hi = mid;
	}
	return p->runs->len ? &g_array_index(p->runs, struct pa_run, lo) : NULL;
}

/* shape.c */
/* Attributes, items and glyphs of the whole paragraph (p->items, p->glyphs,
 * p->la, p->char_at); a warning for each character no font has. */
void pa_shape(struct pa_para *p, const struct pa_setup *s);
/* The letter spacing of item's run added to its glyphs gs. */
void pa_letter_space(const struct pa_para *p, PangoItem *item, PangoGlyphString *gs);

/* itemize.c: the items of text[0, len) with attrs and base direction dir:
 * made directly when pango_itemize would give one item an attribute range
 * (one script, left to right, every character of a range in the first
 * font of its set), pango_itemize's list otherwise. */
GList *pa_itemize(PangoContext *ctx, PangoDirection dir, const char *text, int len, PangoAttrList *attrs);
/* The one script of text (Common when it has none) when every character
 * is a plain one (left to right, no emoji, no tab) and the script iterator
 * gives one run; -1 otherwise. */
int pa_one_script(const char *text, int len);
/* Those items made directly, or NULL when pango_itemize is needed. */
GList *pa_itemize_direct(PangoContext *ctx, PangoDirection dir, const char *text, int len,
                         PangoAttrList *attrs);

/* words.c: items shaped a word at a time, each distinct word once per
 * font (a table on the PangoFont), where that gives what pango_shape_item
 * gives for the whole item; pango_shape_item otherwise.  One pa_words per
 * paragraph (its HarfBuzz buffer and scratch). */
struct pa_words;
struct pa_words *pa_words_new(void);
void pa_words_free(struct pa_words *ws);
/* The table's hash of a key's n bytes (every byte counts in it), under
 * the process's seed (drawn once) or under the seed given. */
guint pa_words_hash(const unsigned char *p, size_t n);
guint pa_words_hash_seeded(guint64 seed, const unsigned char *p, size_t n);
/* item of the paragraph text[0, len) (la: the item's log attrs) into gs. */
void pa_shape_words(struct pa_words *ws, PangoItem *item, const char *text, int len, PangoLogAttr *la,
                    PangoGlyphString *gs);

/* logattrs.c: pango_get_log_attrs of text (n characters) into la[0..n],
 * a long text in windows (Pango's time grows with the square of some). */
void pa_log_attrs(const char *text, int len, PangoLanguage *lang, PangoLogAttr *la, int n);

/* cjk.c */
/* Han, kana, Hangul, Bopomofo or a wide character. */
int pa_is_cjk(gunichar c);
/* Han, kana, Bopomofo, CJK punctuation or a full-width form: the
 * characters set on a square em (not Hangul, which Korean spaces). */
int pa_is_ideographic(gunichar c);
/* CJK punctuation compressed (halt) next to another mark, and in justified
 * text its blank at a break moved into p->cjk_gap (the breaker's glue). */
void pa_cjk_punct(struct pa_para *p, int justify);
/* words[c] = 1 where ICU's dictionary starts a word at character c
 * (n chars + 1; g_free); NULL if ICU fails. */
unsigned char *pa_cjk_words(const struct pa_para *p);

/* items.c: the breaker's list of p into bl (cw: each character's width,
 * item_of: each byte's item). */
void pa_build_items(struct pa_para *p, const struct pa_setup *s, struct build *bl, const double *cw,
                    const int *item_of);

/* kashida.c: up to extra pt (as drawn) of line L's justification as
 * kashidas in its Arabic words (pcs: its pieces, logical order, before
 * the spaces are set); what they took. */
double pa_kashida(const struct pa_para *p, GArray *pcs, struct pa_line *L, double extra);
/* lines.c: line L (number lineno) from items [first, brk] of bl as the
 * breaker chose them (lbl); prev_hyph_at: where the line before ended at
 * a hyphen, or -1; space_w: scratch of text length + 1, all -1; gap_w:
 * scratch of text length + 1, all 0, when bl->cjk_gaps (else NULL). */
void pa_make_line(struct pa_para *p, const struct pa_setup *s, const struct build *bl, size_t first,
                  size_t brk, const struct lb_line *lbl, int lineno, int prev_hyph_at, struct pa_line *L,
                  double *space_w, double *gap_w);

#endif
