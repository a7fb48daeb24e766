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
	int footnote;               /* line: a footnote called on it (1-based), 0: none */
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
};

struct pb_params {
	int columns;
	double height;              /* column height of a full page */
	double first_height;        /* column height of the first page (below the headline) */
	double fn_separator;        /* space taken by the footnote rule, once per column with notes */
	const double *fn_height;    /* height of footnote i (1-based index), [0] unused */
	int n_fn;
	int balance;                /* balance the columns of the last page */
};

struct pb_result {
	struct pb_page *pages;
	int n_pages;
	int *fn_order;              /* footnote numbers in the order they are set */
	int n_fn_order;
	int widows, orphans;        /* paragraphs split leaving one line */
};

/* 0, or -1 on allocation failure. */
int pb_build(const struct pb_item *items, size_t n, const struct pb_params *p, struct pb_result *out);
void pb_result_free(struct pb_result *r);

#endif
