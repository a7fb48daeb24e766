/* linebreak.h — Knuth–Plass total-fit line breaking over abstract items
 * (boxes, glue, penalties); no font calls here.  Knuth & Plass, "Breaking
 * Paragraphs into Lines", SP&E 11 (1981); tex.web §813–§890.  Reads an item
 * list and line widths; writes the chosen breaks with their adjustment ratios.
 *
 * Building the list (the caller's job; all widths in pt):
 * - Justified text: a word (or a fragment between hyphenation points) is a box;
 *   an interword space is glue(w, y, z), e.g. TeX's 1/3 em plus 1/6 minus 1/9;
 *   a hyphenation point is penalty(hyphen width, hyphen_penalty, flagged=1,
 *   hyphenation=1); an explicit hyphen or dash is box + penalty(0,
 *   ex_hyphen_penalty, flagged=1); a first-line indent is a leading box.  The
 *   paragraph ends with glue(0, 0, 0, stretch_fil=1) (TeX's \parfillskip) and
 *   penalty(-LB_INFINITY).  A forced line break inside the paragraph is
 *   glue(0, stretch_fil=1) + penalty(-LB_INFINITY).
 * - Ragged right (paper p.1134, TeX's \raggedright): every interword space is
 *   glue(0, 3em, 0) penalty(0) glue(space, -3em, 0): a break at the penalty
 *   leaves 3 em of stretch at the line end, inside the line the stretches cancel.
 *   Hyphenation points become penalty(hyphen, p) with glue(0,3em) before and
 *   glue(0,-3em) after them, the same trick.
 * - Centred: glue(0, 3em) penalty(0) glue(space, -6em) box(0) penalty(LB_INFINITY)
 *   glue(0, 3em) for each space; start the paragraph with glue(0, 3em) and end
 *   it with glue(0, 3em) penalty(-LB_INFINITY) (no fil glue).
 * - Ragged left: start with glue(0, 3em); every space is penalty(0)
 *   glue(space, -3em) box(0) penalty(LB_INFINITY) glue(0, 3em); end with
 *   penalty(-LB_INFINITY): each line starts with 3 em of stretch, ends with none.
 * - Glyph expansion (pdfTeX's font expansion, \pdfadjustspacing): a box may carry
 *   stretch/shrink too, the amount its glyph advances may grow or shrink (e.g.
 *   width * 0.02).  The breaker counts it with the glue; when a line is set with
 *   ratio r, every item grows by r*stretch (r > 0) or r*shrink (r < 0), boxes
 *   included: the print engine scales that box's glyph advances (or glyphs) by
 *   (width + r*stretch) / width.  Boxes with zero stretch/shrink are rigid.
 *
 * Parameters for narrow justified columns (measured on the column bench: 55 mm,
 * Charis SIL 10/12.5, Indonesian, tools/pdf-spacing.py; gaps in line heights):
 * TeX's recipe of a moderate tolerance plus emergency stretch sets a whole
 * paragraph loose once one line needs the emergency pass (tolerance 800 +
 * 1.5 em: p95 0.563, 21 % loose).  Better: tolerance 10000 and no emergency
 * stretch, so every line keeps its true cubic badness; a hyphen penalty of
 * 3000 (at that tolerance a loose line costs 10^6–10^8 demerits: TeX's 50 makes
 * hyphens free); max_hyphen_run 2; glyph expansion 2 %; hyphen minimums 2/3:
 * p95 0.489, 3.5 % loose, 3.5 % tight, 15 of 85 lines hyphenated, run 2.
 * Interword shrink of space/5 (80 % minimum spacing) instead of TeX's space/3
 * with expansion 2.5 %, hyphen penalty 2000, minimums 2/2: p95 0.451, 1.2 %
 * loose, 1.2 % tight, 16 hyphenated; it also keeps tight lines under 5 % on
 * the Indonesian corpus articles, where space/3 gives 7–14 %.
 *
 * Legal breakpoints (tex.web §866, §868): glue immediately after a box, and a
 * penalty below LB_INFINITY.  A line ends at its break item: at glue the glue
 * is dropped, at a penalty the penalty's width (a hyphen) is added.  Glue and
 * penalties after a break are discarded up to the next box (or forced penalty). */
#ifndef WARTA_LINEBREAK_H
#define WARTA_LINEBREAK_H

#include <stddef.h>

enum lb_type { LB_BOX, LB_GLUE, LB_PENALTY };

#define LB_INFINITY 10000        /* penalty ≥ this: no break; ≤ -this: forced break */

struct lb_item {
	enum lb_type type;
	double width;            /* pt; for a penalty, the width added if the line breaks here (a hyphen) */
	double stretch, shrink;  /* glue, pt; for a box, its glyph expansion limits (0: rigid) */
	int penalty;             /* penalty only */
	int flagged;             /* penalty: a hyphen (discretionary or explicit) */
	int hyphenation;         /* penalty: inserted by the hyphenator (ignored in the first pass) */
	double stretch_fil;      /* glue: infinite (fil) stretch, as \parfillskip's "plus 1fil"; 0: none */
};

struct lb_params {
	int pretolerance;        /* first pass, no hyphenation; < 0 skips it (TeX: 100) */
	int tolerance;           /* second pass (TeX: 200) */
	double emergency_stretch;/* third pass background stretch, pt; 0: no third pass */
	int line_penalty;        /* TeX: 10 */
	int adj_demerits;        /* TeX: 10000 */
	int double_hyphen_demerits; /* TeX: 10000 */
	int final_hyphen_demerits;  /* TeX: 5000 */
	int looseness;           /* TeX: 0 */
	int max_hyphen_run;      /* no more than this many hyphenated lines in a row; 0: no limit */
};

struct lb_line {
	size_t start, end;       /* items [start, end): end is the break item (or n) */
	double ratio;            /* adjustment ratio of the finite stretch/shrink: > 0 stretched,
	                          * < 0 shrunk; 0 when the line has fil stretch and is short, or
	                          * has nothing to stretch; -1 when overfull */
	int fitness;             /* 0 tight, 1 decent, 2 loose, 3 very loose (tex.web §817) */
	int hyphenated;          /* ends at a flagged penalty */
	int overfull;            /* could not be made to fit */
};

struct lb_result {
	struct lb_line *lines;
	size_t n_lines;
	int pass;                /* 1, 2 or 3: the pass that succeeded */
	double demerits;
};

/* Fitness classes of struct lb_line (tex.web §817 numbers them the other way). */
enum { LB_TIGHT, LB_DECENT, LB_LOOSE, LB_VERY_LOOSE };

/* At most this many active nodes: beyond it the worst (by total demerits) are
 * dropped.  Only a pathological list (huge looseness, thousands of distinct
 * line widths, a tolerance of 10000 with a very wide measure) gets there. */
#define LB_MAX_ACTIVE 1024

void lb_params_default(struct lb_params *p);  /* plain.tex's values */
/* TeX §108's badness of a line stretched (or shrunk) by t with stretchability s:
 * about 100 (t/s)³, at most 10000 (computed in floating point here). */
double lb_badness(double t, double s);
/* Breaks items[0..n) (which must end with glue + forced penalty, tex.web §816;
 * a list that does not end in a forced penalty gets one at n) into lines of
 * widths[i] (line i+1; the last width repeats).  Always succeeds: the final
 * pass accepts overfull lines and marks them.  0, or -1 on allocation failure
 * or when n_widths is 0. */
int lb_break(const struct lb_item *items, size_t n, const double *widths, size_t n_widths,
             const struct lb_params *p, struct lb_result *out);
void lb_result_free(struct lb_result *r);

#endif
