/* page.h — the page builder: a vertical list of lines, blocks, glue and
 * penalties → columns and pages, with TeX's page-break costs (tex.web
 * §980–§1028) over a ragged bottom, footnotes on the column of their call,
 * and the last page's columns balanced.  No font or drawing calls here. */
#ifndef WARTA_PAGE_H
#define WARTA_PAGE_H

#include <stddef.h>

enum pb_kind { PB_LINE, PB_GLUE, PB_PENALTY };

struct pb_item {
	enum pb_kind kind;
	double height;              /* line: advance from the previous baseline; glue: natural size */
	double top;                 /* line: height above its baseline when first in a column */
	double depth;               /* line: its descenders below the baseline */
	double stretch, shrink;     /* glue */
	int penalty;                /* penalty */
	const int *footnotes;       /* line: the footnotes called on it (1-based), 0-terminated;
	                               NULL: none.  The caller's, alive as long as the item */
	int para_first, para_last;  /* line: first / last line of a paragraph (widow/orphan count) */
	void *data;                 /* the caller's: what to draw */
};

struct pb_column {
	size_t start, end;          /* items [start, end) */
	int fn_first, fn_count;     /* footnotes set at its foot: indexes into the caller's order */
	double height;              /* used height, pt */
};

#define PB_MAX_COLUMNS 8

struct pb_page {
	struct pb_column col[PB_MAX_COLUMNS];
	int n_cols;                 /* columns used */
	double col_height;          /* the column height it was built for (balanced: shorter) */
	int span_first, span_count; /* the spanning inserts across its top: indexes into the
	                               caller's order, as a column's notes */
	double span_height;         /* the height they take: the columns start below it */
};

struct pb_params {
	int columns;
	double height;              /* column height of a full page */
	double first_height;        /* column height of the first page (below the headline) */
	double fn_separator;        /* space taken by the footnote rule, once per column with notes */
	const double *fn_height;    /* height of footnote i (1-based index), [0] unused */
	int n_fn;
	const unsigned char *fn_top; /* [1..n_fn]: 1 for an insert set at the column's top (a
	                               figure floated as TeX floats it: the column of its call,
	                               else carried in order to the next), with no separator;
	                               2 for one set across all the columns at the top of a page
	                               (TeX's figure* in two columns, but on the page of its call
	                               when it still is there with the insert: else carried in
	                               order to the next page); NULL: all are footnotes */
	double top_max;             /* top inserts of a column take at most this much (pt; the
	                               style's share of a column); more wait for the next; the
	                               spanning inserts of a page the same.  0: no limit */
	int balance;                /* balance the columns of the last page */
};

struct pb_result {
	struct pb_page *pages;
	int n_pages;
	int *fn_order;              /* footnote numbers in the order they are set */
	int n_fn_order;
	int widows, orphans;        /* paragraphs split leaving one line */
	long work;                  /* notes looked at (pb_stream's work) */
};

/* The separator a note f adds to a column whose notes are list[0..n): the
 * footnote rule, once, above the first footnote; none for a top insert. */
double pb_separator(const struct pb_params *p, int f, const int *list, int n);

/* The page builder fed as the list grows (a long article is drawn and
 * freed page by page): the same pages as pb_build on the whole list.
 * it[0..n) is the caller's window of the list: it may drop the items
 * before s->i (pb_stream_shift) and append more between calls. */
struct pb_stream {
	struct pb_params p;
	int *placed;                /* footnotes set or carried, [1..n_fn] */
	unsigned *mark, gen;        /* taken on the page being tried: mark[f] == gen */
	int *pend, ph, pt;          /* notes carried to the next column: pend[ph..pt) */
	int *spend, sh, st;         /* spanning inserts carried to the next page: spend[sh..st) */
	int *spage;                 /* the spanning inserts of the page being built */
	long work;                  /* notes looked at, all tries (linear in the calls) */
	int *fnbuf;                 /* the notes of a column being filled */
	int *order;                 /* footnote numbers in the order they are set */
	int n_order, order_cap;
	int n_pages;                /* pages made */
	size_t i;                   /* first item of the next page, in the window */
	int widows, orphans;
	int started, done;
};

void pb_stream_init(struct pb_stream *s, const struct pb_params *p);
/* The next page of it[0..n) into *pg (column ranges index it; their notes
 * index s->order): 1.  0 when more items are needed to know it (never when
 * final: no more items will come), or when every page is made. */
int pb_stream_next(struct pb_stream *s, const struct pb_item *it, size_t n, int final,
                   struct pb_page *pg);
/* The caller dropped the first k items of its window (k <= s->i). */
void pb_stream_shift(struct pb_stream *s, size_t k);
void pb_stream_fini(struct pb_stream *s);

/* The whole list at once.  0, or -1 on allocation failure. */
int pb_build(const struct pb_item *items, size_t n, const struct pb_params *p, struct pb_result *out);
void pb_result_free(struct pb_result *r);

#endif
