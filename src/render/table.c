/* table.c — a table → the vertical list: column widths from the cells'
 * content (layout/fit.c), each row one item of the list holding its cells'
 * paragraphs.  A table with more columns than the measure holds at the
 * narrowest cell (TABLE_MIN_CELL pt of text and its padding) cannot be set
 * as a grid without its cells running into each other: each of its rows is
 * set as a paragraph instead, cells divided by a bar, with a warning (the
 * EPUB keeps the table). */
#include <string.h>

#include "layout/fit.h"
#include "render/typeset.h"

#define TABLE_PAD 4          /* pt each side of a cell's text */
#define TABLE_MIN_CELL 10    /* pt: the narrowest measure a cell's text is set in */

/* The word of s with the most characters (newly allocated), or NULL. */
static char *
longest_word(const char *s)
{
	const char *p = s, *best = NULL;
	glong bestn = 0;
	size_t bestlen = 0;

	while (*p) {
		const char *q;
		glong k = 0;

		while (*p && g_unichar_isspace(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		for (q = p; *q && !g_unichar_isspace(g_utf8_get_char(q)); q = g_utf8_next_char(q))
			k++;
		if (k > bestn) {
			bestn = k;
			best = p;
			bestlen = (size_t)(q - p);
		}
		p = q;
	}
	return best ? g_strndup(best, bestlen) : NULL;
}

/* Table n of ncol columns, too many for the measure avail: each row a
 * paragraph of its cells divided by " | " (no break before a bar) (header rows bold), between the
 * table's rules; one warning at the table. */
static void
table_rows(struct rn *R, struct art *A, const struct warta_node *n, int ncol, double left,
           double right, int sect, double avail)
{
	const struct warta_elem_style *s = rn_el(R, WARTA_EL_TABLE);
	const struct warta_node *row, *cell, *c;
	struct rblock *b = rn_new_block(A, "P", sect, 0);
	int r = 0;
	int most = (int)(avail / (TABLE_MIN_CELL + 2 * TABLE_PAD));

	warta_diag(A->d, WARTA_WARNING, A->doc->path, n->line, n->col,
	    "a table of %d columns is wider than the column (%d fit at %d pt): PDF, PNG and SVG set "
	    "each row as a line of text, its cells divided by \"|\" (the EPUB keeps the table)",
	    ncol, most, TABLE_MIN_CELL + 2 * TABLE_PAD);
	rn_space(A, s->space_before);
	rn_rule(R, A, avail, left, 2, 3, 0.8);
	for (row = n->first; row; row = row->next) {
		struct pa_para *P = rn_new_para(R, A, row);
		struct pa_fmt f = rn_fmt(R, WARTA_EL_TABLE), bar = f;

		P->coalesce = 1;

		if (row->as.row.header)
			f.weight = 700;
		/* the bar in the text's colour: a line of one colour and font is
		 * one drawing operation, and Cairo's PDF surface pays for each
		 * operation on a page with all the others on it */
		bar.hyphenate = 0;
		for (cell = row->first; cell; cell = cell->next) {
			if (cell != row->first)
				pa_add(P, "\xc2\xa0| ", -1, &bar, cell->line, cell->col);   /* no break before the bar */
			for (c = cell->first; c; c = c->next)
				rn_inlines(R, A, P, c, &f);
		}
		if (pa_empty(P))
			continue;
		rn_para_lines(R, A, P, WARTA_EL_TABLE, b, left, right, 0, 0, NULL);
		rn_art_flush_inside(A, b, ++r);
	}
	rn_rule(R, A, avail, left, 8, s->space_after, 0.8);
}

/* A text's natural width in the table's face (bold: header), measured
 * once a table: a table repeats its values ("0", "-", the same years). */
static double
measure(struct rn *R, GHashTable *seen, const char *t, int header)
{
	char *key = g_strdup_printf("%c%s", header ? 'h' : 'b', t);
	double *w = g_hash_table_lookup(seen, key);

	if (w == NULL) {
		struct pa_fmt f = rn_fmt(R, WARTA_EL_TABLE);

		if (header)
			f.weight = 700;
		w = g_new(double, 1);
		*w = pa_measure(R->ctx, R->style, t, &f);
		g_hash_table_insert(seen, key, w);
	} else
		g_free(key);
	return *w;
}

/* Each column's natural width (nat) and narrowest (minw: its longest
 * word), padding included.  A value measured once a table, and a cell of
 * one word measured once: each cell was shaped three times, its text, its
 * longest word and then set (a table of 100,000 numbers spent 57 % of its
 * instructions measuring). */
static void
measure_cells(struct rn *R, const struct warta_node *n, double pad, double *nat, double *minw)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	const struct warta_node *row, *cell;
	int i;

	for (row = n->first; row; row = row->next) {
		for (cell = row->first, i = 0; cell; cell = cell->next, i++) {
			char *t = warta_node_plain_text(cell), *w;
			double tw = measure(R, seen, t, row->as.row.header);

			nat[i] = MAX(nat[i], tw + 2 * pad);
			/* the cell's narrowest width: its longest word (one measure
			 * a cell, so a big table stays linear) */
			if ((w = longest_word(t)) != NULL) {
				minw[i] = MAX(minw[i], (strcmp(w, t) == 0 ? tw :
				    measure(R, seen, w, row->as.row.header)) + 2 * pad);
				g_free(w);
			}
			g_free(t);
		}
	}
	g_hash_table_destroy(seen);
}

void
rn_table(struct rn *R, struct art *A, const struct warta_node *n, double left, double right, int sect)
{
	const struct warta_node *row, *cell;
	int ncol = 0, i, r;
	double *nat, *minw, *cw, avail = A->colw - left - right, pad = TABLE_PAD, extra = 0;
	double lead = rn_leading(R, WARTA_EL_TABLE);
	const struct warta_elem_style *s = rn_el(R, WARTA_EL_TABLE);
	int tid = ++A->table_id;

	A->cur_table = tid;             /* its rules belong to it */

	for (row = n->first; row; row = row->next) {
		int k = 0;

		for (cell = row->first; cell; cell = cell->next)
			k++;
		ncol = MAX(ncol, k);
	}
	if (ncol == 0) {
		A->cur_table = 0;
		return;
	}
	if (ncol > 1 && ncol * (TABLE_MIN_CELL + 2 * TABLE_PAD) > avail) {
		A->cur_table = 0;
		table_rows(R, A, n, ncol, left, right, sect, avail);
		return;
	}
	nat = g_new0(double, ncol);
	minw = g_new0(double, ncol);
	cw = g_new0(double, ncol);
	measure_cells(R, n, pad, nat, minw);
	/* widths from content: no column squeezed under a word while another
	 * has slack (layout/fit.c) */
	warta_col_widths(ncol, minw, nat, avail, cw);
	rn_space(A, s->space_before);
	rn_rule(R, A, avail, left, 2, 3, 0.8);
	for (row = n->first, r = 0; row; row = row->next, r++) {
		struct rline *l = rn_new_rline(A, RL_ROW, rn_new_block(A, NULL, sect, 0));
		double x = left, h = 0;

		l->blk->table = tid;
		l->blk->row = ++A->row_id;
		l->blk->header = row->as.row.header;

		l->cells = g_ptr_array_new();
		for (cell = row->first, i = 0; cell; cell = cell->next, i++) {
			struct pa_para *P = rn_new_para(R, A, cell);
			struct pa_fmt f = rn_fmt(R, WARTA_EL_TABLE);
			const struct warta_node *c;
			double w = cw[i];
			double widths[1] = { MAX(w - 2 * pad, TABLE_MIN_CELL) };
			struct pa_setup su;
			struct rcell *rc = g_new0(struct rcell, 1);

			if (row->as.row.header)
				f.weight = 700;
			for (c = cell->first; c; c = c->next)
				rn_inlines(R, A, P, c, &f);
			memset(&su, 0, sizeof su);
			su.ctx = R->ctx;
			su.style = R->style;
			su.align = cell->as.cell.align == WARTA_ALIGN_RIGHT ? WARTA_TA_RIGHT :
			    cell->as.cell.align == WARTA_ALIGN_CENTER ? WARTA_TA_CENTER : WARTA_TA_LEFT;
			su.widths = widths;
			su.n_widths = 1;
			su.last_line_fill = 1;
			su.diags = A->d;
			if (P->text->len)
				pa_set(P, &su);
			rc->para = P;
			rc->x = x + pad - left;
			g_ptr_array_add(l->cells, rc);
			h = MAX(h, P->n_lines * lead);
			x += w;
		}
		l->x = left;
		l->width = avail;
		l->lead = lead;
		l->header = row->as.row.header;
		if (r > 0)
			rn_vpenalty(A->v, r == 1 ? 10000 : 0);
		rn_vline(A->v, l, extra + lead + (r == 0 ? 0 : 3), lead * 0.8);
		extra = MAX(h - lead, 0);
		if (row->as.row.header) {
			rn_vpenalty(A->v, 10000);
			rn_rule(R, A, avail, left, 4 + extra, 3, 0.4);
			extra = -lead * 0.6;
		}
		A->rep.lines++;
		rn_art_flush_inside(A, l->blk, r + 1);
	}
	rn_vpenalty(A->v, 10000);
	rn_rule(R, A, avail, left, 5 + extra, s->space_after, 0.8);
	A->cur_table = 0;
	g_free(nat);
	g_free(minw);
	g_free(cw);
}

