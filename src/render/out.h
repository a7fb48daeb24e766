/* out.h — the outputter interface: what a laid-out page is drawn on.  The
 * painter (paint.c) walks a page (running head, head block, columns, notes)
 * and calls an outputter's operations; the driver (render.c) makes one
 * outputter per warta_render call, tells it of articles and edition
 * sections, and finishes it.  Two implementations:
 *   out_cairo.c  PDF (tagged structure, links, outline, metadata), PNG, SVG;
 *                its lines' text through out_text.c
 *   out_trace.c  the text trace of the layout (doc/trace.md)
 * A new kind of output (or of page element: figures, module frames) adds an
 * operation here and to both.  Not used outside src/render/. */
#ifndef WARTA_RENDER_OUT_H
#define WARTA_RENDER_OUT_H

#include "render/typeset.h"

/* Where the painter is on a page (the trace's section lines). */
enum rn_mark { RN_MARK_RUNNING_HEAD, RN_MARK_HEAD, RN_MARK_COLUMN, RN_MARK_FOOTNOTES, RN_MARK_JUMP,
	RN_MARK_FIGURE, RN_MARK_SPAN };

/* A rule drawn under the running head (a page furniture line), or one of
 * the text's (thematic breaks, the footnote rule, table rules). */
enum rn_rule { RN_RULE_TEXT, RN_RULE_RUNNING_HEAD };

struct rn_out;

struct rn_out_ops {
	/* Article A's first page comes next (PDF: its outline entries). */
	void (*article)(struct rn_out *o, const struct art *A);
	/* An edition's section starts at R->docs[i]; name NULL: articles
	 * with no section follow. */
	void (*section)(struct rn_out *o, const char *name, size_t i);
	/* Page page_no (1-based) begins: 1 to draw it, 0 to skip it. */
	int (*page_begin)(struct rn_out *o, int page_no);
	void (*page_end)(struct rn_out *o);
	void (*mark)(struct rn_out *o, enum rn_mark m, int column, double x, double y);
	/* The structure element the next lines belong to (PDF tags: Art ›
	 * Sect › BlockQuote › L › LI › Lbl/LBody, Table › TR, P/H); A NULL
	 * closes every open element. */
	void (*structure)(struct rn_out *o, const struct art *A, const struct rblock *b, int label);
	/* An element inside the structure: "TH", "TD", "Note", or a named
	 * destination (tag CAIRO_TAG_DEST, attr "name='…'"). */
	void (*elem_begin)(struct rn_out *o, const char *tag, const char *attr);
	void (*elem_end)(struct rn_out *o, const char *tag);
	/* Line li of P, its left edge (before the line's own x0) at x, its
	 * baseline at y, pt. */
	void (*text_line)(struct rn_out *o, const struct pa_para *P, int li, double x, double y);
	/* Drop cap d, its left edge at x, its baseline at y. */
	void (*drop_cap)(struct rn_out *o, const struct rdrop *d, double x, double y);
	void (*rule)(struct rn_out *o, enum rn_rule kind, double x, double y, double w, double thick);
	/* Figure F's picture (or, when it has none, the frame of its
	 * description) in the box at x, y (top left), F->w × F->h. */
	void (*figure)(struct rn_out *o, const struct art *A, const struct rfig *F, double x, double y);
	/* 1 once the output failed (the reason is in its diags). */
	int (*failed)(struct rn_out *o);
	/* Puts the output in place (failed: the caller's pass failed; then,
	 * or if the output failed, nothing is left at its path) and frees o.
	 * 0, or -1. */
	int (*finish)(struct rn_out *o, int failed);
	/* A module of a made-up page (edition_pages.c): article art (1-based)
	 * in columns col0 (0-based) .. col0 + k − 1, grid lines line0 ..
	 * line0 + h − 1; x, y, w, hgt its rectangle, pt.  Article 0 is the
	 * page's grid: every column, every grid line, the type area; -1 a band
	 * of furniture (nameplate, section flag, index strip). */
	void (*module)(struct rn_out *o, int art, int col0, int k, int line0, int h, double x, double y,
	               double w, double hgt);
};

/* elem_begin's tag of a named destination (a link target). */
#define RN_ELEM_DEST "dest"

struct rn_out {
	const struct rn_out_ops *ops;
};

/* out_cairo.c: PDF, PNG or SVG (R->opts->format) to R->out_path; pages the
 * number of pages (PNG/SVG: to check the range and name the files).  NULL
 * with the reason in d. */
struct rn_out *rn_out_cairo_new(const struct rn *R, int pages, struct warta_diags *d);
/* A PDF's pages drawn from now on are put before the others (their
 * structure elements first too), by the update after cairo's bytes
 * (pdf_alt.c); nothing for another outputter. */
void rn_out_cairo_front(struct rn_out *o);
/* A PDF page range (--pages): what the scanning pass found.  The drawing
 * pass leaves out a link or outline entry whose destination is not on a
 * page of the range. */
struct rn_scan {
	GHashTable *dests;              /* destination name → its page (first) */
	int pages;                      /* pages of the document */
	int scanning;                   /* 1 during the scanning pass */
};
/* out_scan.c: the scanning outputter, filling S. */
struct rn_out *rn_out_scan_new(struct rn_scan *S);
/* 1 when destination name is on a page the output has (always without a
 * scan), else 0. */
int rn_scan_kept(const struct rn *R, const char *name);
/* out_trace.c: the layout trace to R->out_path.  NULL with the reason in d. */
struct rn_out *rn_out_trace_new(const struct rn *R, struct warta_diags *d);

/* paint.c: draws page pg of article A on o as page page_no of the output,
 * running the head running (NULL: none). */
/* One line of the vertical list (text, rule or table row) at baseline y,
 * its column's left edge at cx. */
void rn_paint_rline(const struct rn *R, struct rn_out *o, const struct art *A, const struct rline *l,
                    double cx, double y);

/* edition_pages.c: an edition whose style makes it up as pages of several
 * articles ([edition] makeup = flow or modular): laid out, made up on the
 * baseline grid and drawn on the outputter R->opts->format asks for.
 * 0, or -1 with the reason in d. */
int rn_edition_pages(struct rn *R, struct warta_diags *d, struct warta_report *rep);

void rn_paint_page(const struct rn *R, struct rn_out *o, struct art *A, const struct pb_page *pg,
                   int page_no, const char *running);

#endif
