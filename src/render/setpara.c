/* setpara.c — a paragraph onto the vertical list: a new paragraph of a node
 * (its language and direction), its lines set by layout/para.c in the
 * element's style between the margins (beside a drop cap), each line an item
 * of the article's list with the page-break penalty before it (clubs, widows,
 * hyphenated lines, a heading kept with what follows); and a rule.  Used by
 * the block walker (typeset.c), tables (table.c), the contents and the head
 * block (article.c, edition_pages.c). */
#include <string.h>

#include "lang/lang.h"
#include "render/typeset.h"
#include "util/clock.h"

static double
first_advance(GArray *v, double lead, const struct pa_para *P, const struct pa_line *L)
{
	double glue = 0, size = 10;
	guint i = v->len;

	if (P->runs->len)
		size = g_array_index(P->runs, struct pa_run, 0).fmt.size;
	while (i-- > 0) {
		const struct pb_item *it = &g_array_index(v, struct pb_item, i);

		if (it->kind == PB_GLUE)
			glue += it->height;
		else if (it->kind == PB_LINE)
			return MAX(lead, it->depth + 0.72 * size + 1 + MIN(glue, 0));
	}
	(void)L;
	return lead;
}

/* Is the last item a heading that must stay with what follows? */
static int
keep_pending(const struct art *A)
{
	return A->keep_next;
}

/* How to set paragraph lines of element e between left and right (and
 * beside cap): su, with its widths and offsets in widths[8], offs[8]. */
static void
para_setup(struct rn *R, struct art *A, enum warta_element e, double left, double right,
           double indent, struct rdrop *cap, struct pa_setup *su, double *widths, double *offs)
{
	const struct warta_elem_style *s = rn_el(R, e);
	size_t nw = 1, i;

	memset(su, 0, sizeof *su);
	su->ctx = R->ctx;
	su->hyph = R->e->hyph;
	su->style = R->style;
	su->align = s->align;
	su->indent = indent;
	widths[0] = A->colw - left - right;
	offs[0] = 0;
	if (cap) {
		nw = MIN(cap->indent_lines + 1, 8);
		for (i = 0; i < nw; i++) {
			widths[i] = A->colw - left - right - ((int)i < cap->indent_lines ? cap->width : 0);
			offs[i] = (int)i < cap->indent_lines ? cap->width : 0;
		}
		su->indent = 0;
	}
	su->widths = widths;
	su->n_widths = nw;
	su->offsets = offs;
	su->n_offsets = nw;
	su->hyphenate = s->hyphenate;
	su->hyphen_left = s->hyphen_left > 0 ? s->hyphen_left : 2;
	su->hyphen_right = s->hyphen_right > 0 ? s->hyphen_right : 3;
	su->last_line_fill = e != WARTA_EL_HEADLINE && e != WARTA_EL_PULLQUOTE && e != WARTA_EL_DECK;
	su->justify_last = A->justify_last;
	su->diags = A->d;
	su->continues_word = A->continues_word;
}

/* The penalty of a page break before line i of n of P: none inside a
 * paragraph kept whole, beside a drop cap or after a heading's first line;
 * else the style's club, widow and broken-line penalties. */
static int
break_penalty(const struct warta_style *st, const struct pa_para *P, int i, int n, int keep_whole,
              int kp, const struct rdrop *cap)
{
	int pen = 0;

	if (keep_whole || (kp && i == 1))
		return 10000;
	if (i == 1)
		pen += st->club_penalty;
	if (i == n - 1)
		pen += st->widow_penalty;
	if (P->lines[i - 1].hyphenated)
		pen += st->broken_penalty;
	if (cap && i <= cap->indent_lines)
		pen = 10000;
	return MIN(pen, 10000);
}

/* Sets a paragraph in the column and puts its lines on the list. */
void
rn_para_lines(struct rn *R, struct art *A, struct pa_para *P, enum warta_element e,
           struct rblock *b, double left, double right, double indent, int keep_whole,
           struct rdrop *cap)
{
	double widths[8], offs[8], lead = rn_leading(R, e);
	struct pa_setup su;
	int i, n, kp = keep_pending(A);

	para_setup(R, A, e, left, right, indent, cap, &su, widths, offs);
	if (pa_set(P, &su) < 0) {
		warta_diag(A->d, WARTA_ERROR, A->doc->path, 0, 0, "out of memory setting a paragraph");
		return;
	}
	n = P->n_lines;
	if ((e == WARTA_EL_BLOCKQUOTE && n <= 4) || e == WARTA_EL_PULLQUOTE)
		keep_whole = 1;         /* short quotations and pull quotes stay in one piece */
	/* between two blocks with no space between them: a legal page break,
	 * except inside a pull quote */
	if (n > 0 && A->v->len > 0 && g_array_index(A->v, struct pb_item, A->v->len - 1).kind == PB_LINE)
		rn_vpenalty(A->v, kp || e == WARTA_EL_PULLQUOTE ? 10000 : 0);
	for (i = 0; i < n; i++) {
		struct rline *l = rn_new_rline(A, RL_TEXT, b);
		struct pa_line *L = &P->lines[i];
		struct pb_item *it;

		l->para = P;
		l->line = i;
		l->x = left;            /* right to left too: the line is set in the measure */
		if (i == 0 && cap)
			l->cap = cap;
		if (i > 0)
			rn_vpenalty(A->v, break_penalty(R->style, P, i, n, keep_whole, kp, cap));
		rn_vline(A->v, l, i == 0 ? first_advance(A->v, lead, P, L) : lead,
		    L->ascent > 0 ? MIN(L->ascent, lead) : lead * 0.8);
		it = &g_array_index(A->v, struct pb_item, A->v->len - 1);
		it->para_first = i == 0;
		it->para_last = i == n - 1;
		it->depth = L->descent;
		rn_report_line(A, P, L);
	}
	A->hyph_run = 0;
	A->keep_next = 0;
}

const char *
rn_node_lang(const struct warta_node *n)
{
	for (; n; n = n->parent)
		if (n->lang)
			return n->lang;
	return NULL;
}

struct pa_para *
rn_new_para(struct rn *R, struct art *A, const struct warta_node *n)
{
	const char *lang = rn_node_lang(n);
	struct pa_para *P = pa_new(lang ? lang : A->doc->meta.lang,
	    lang ? warta_lang_is_rtl(lang) : A->doc->meta.rtl, A->doc->path);

	g_ptr_array_add(A->paras, P);
	warta_count_max(WARTA_COUNT_HELD_MAX, A->paras->len);
	return P;
}

void
rn_rule(struct rn *R, struct art *A, double width, double x, double before, double after, double thick)
{
	struct rline *l = rn_new_rline(A, RL_RULE, rn_new_block(A, NULL, A->sect, 0));

	l->x = x;
	l->width = width;
	l->thick = thick;
	rn_vline(A->v, l, before, before);
	rn_vpenalty(A->v, 10000);
	rn_vglue(A->v, after);
}
