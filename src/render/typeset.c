/* typeset.c — the tree's blocks → the vertical list: paragraphs (their
 * runs from inlines.c; layout/para.c sets their lines), headings, block
 * quotes, pull quotes, lists, tables, code and rules, each line an item of
 * the list with the penalties that keep headings with what follows and
 * forbid widows and orphans.  A huge paragraph is set in pieces.  Pages
 * are made between top-level blocks. */
#include <math.h>
#include <string.h>

#include "lang/lang.h"
#include "layout/fit.h"
#include "render/typeset.h"
#include "util/clock.h"

/* A huge paragraph (scraped text with no paragraph breaks) is set in pieces
 * of about CHUNK bytes cut at spaces, each piece's last line justified, so
 * that shaping and line breaking work on bounded lists. */
#define CHUNK 32768

static void
chunks(struct rn *R, struct art *A, struct pa_para *P, enum warta_element e, struct rblock *b,
       double left, double right, double indent, struct rdrop *cap)
{
	const char *t = P->text->str;
	size_t s = 0, len = P->text->len;
	guint r = 0;
	int first = 1;

	while (s < len) {
		size_t end = MIN(len, s + CHUNK);
		struct pa_para *Q;

		if (end < len) {
			while (end > s + CHUNK / 2 && t[end] != ' ')
				end--;
			if (t[end] != ' ')
				end = MIN(len, s + CHUNK);
			while (end < len && (t[end] & 0xC0) == 0x80)
				end++;                  /* never inside a character */
			if (end < len && t[end] == ' ')
				end++;
		}
		Q = pa_new(P->lang, P->rtl, P->file);
		g_ptr_array_add(A->paras, Q);
		for (; r < P->runs->len; r++) {
			const struct pa_run *run = &g_array_index(P->runs, struct pa_run, r);
			size_t a = MAX(run->start, s), z = MIN(run->end, end);

			if (a < z) {
				/* the piece's own links only (each piece had them
				 * all: pieces × links, the square of a paragraph
				 * of autolinks) */
				struct pa_fmt f = run->fmt;

				if (f.link)
					f.link = pa_link(Q, g_ptr_array_index(P->links, f.link - 1));
				pa_add(Q, t + a, z - a, &f, run->line, run->col);
			}
			if (run->end > end)
				break;          /* continues in the next piece */
		}
		A->justify_last = end < len;
		rn_para_lines(R, A, Q, e, b, left, right, first ? indent : 0, 0, first ? cap : NULL);
		A->justify_last = 0;
		/* cut inside a word (one longer than half a piece): its rest
		 * opens the next piece, and it was warned about here */
		A->continues_word = end < len && t[end - 1] != ' ';
		first = 0;
		s = end;
		if (A->depth == 1 && s < len) {
			/* the pages filled so far, drawn and freed; P and b
			 * are still needed for the next pieces */
			A->hold = P;
			A->hold_blk = b;
			rn_art_flush(A, 0);
			A->hold = NULL;
			A->hold_blk = NULL;
		}
	}
	A->continues_word = 0;
}

/* Headline and deck text: CJK glyphs fill the em where Latin capitals
 * take about 0.7 of it, so runs of them are set at 3/4 of the size to
 * look as big as the Latin headline (and not take a third of the page). */
void
rn_add_display(struct pa_para *P, const char *t, const struct pa_fmt *f, int line, int col)
{
	struct pa_fmt cf = *f;
	const char *p = t, *start = t;
	int wide = -1, c0 = col;

	cf.size = f->size * 0.75;
	for (; *p; p = g_utf8_next_char(p)) {
		int w = warta_cjk_wide(g_utf8_get_char(p));

		if (w != wide && p > start) {
			pa_add(P, start, p - start, wide ? &cf : f, line, c0);
			c0 = col;
			start = p;
		}
		wide = w;
		col++;
	}
	if (p > start)
		pa_add(P, start, p - start, wide == 1 ? &cf : f, line, c0);
}

/* Whether paragraph n is all its list item holds, with no picture in it:
 * its text is then the content of the item's LBody, with no P of its own
 * (PDF 1.7, 14.8.4.3.3: an LBody holds the item's content, or the blocks
 * it is made of).  Cairo 1.16 gives marked content to leaf elements only,
 * so an item with a second block (a nested list, another paragraph) or a
 * picture (its Figure under the LBody) keeps its P. */
static int
item_text_only(const struct warta_node *n)
{
	const struct warta_node *c;

	if (n->parent == NULL || n->parent->type != WARTA_NODE_ITEM || n->prev || n->next)
		return 0;
	for (c = n->first; c; c = warta_node_next(c, n))
		if (c->type == WARTA_NODE_IMAGE)
			return 0;
	return 1;
}

static void
paragraph(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
          double left, double right, int sect, int quote, int first_in_block)
{
	struct pa_para *P = rn_new_para(R, A, n);
	struct pa_fmt f = rn_fmt(R, e);
	const struct warta_elem_style *s = rn_el(R, e);
	struct rblock *b = rn_new_block(A, "P", sect, quote);
	struct rdrop *cap = NULL;
	const struct warta_node *c;
	double indent = s->indent;

	b->lang = rn_node_lang(n);      /* the element's /Lang when not the article's */
	if (A->cur_item && item_text_only(n))
		b->tag = NULL;          /* the list item's LBody holds its text (out_cairo.c) */

	for (c = n->first; c; c = c->next)
		rn_inlines(R, A, P, c, &f);
	if (pa_empty(P))
		return;
	if (e == WARTA_EL_BODY && !A->had_body) {
		indent = 0;
		/* a paragraph that opens with a dateline keeps it whole: no drop cap */
		if (R->style->drop_cap > 1 && !A->contents &&
		    !(n->first && n->first->type == WARTA_NODE_DATELINE))
			cap = rn_drop_cap(R, A, P);
	}
	if (first_in_block || A->after_heading || !A->after_para)
		indent = 0;
	/* Chinese paragraphs open with a two-em indent (two ideographic spaces) */
	if (indent > 0 && e == WARTA_EL_BODY && P->lang && g_str_has_prefix(P->lang, "zh"))
		indent = 2 * f.size;
	if (e == WARTA_EL_BODY)
		A->had_body = 1;
	A->after_heading = 0;
	if (P->text->len > CHUNK) {
		chunks(R, A, P, e, b, left, right, indent, cap);
	} else {
		rn_para_lines(R, A, P, e, b, left, right, indent, 0, cap);
		/* a paragraph shorter than its drop cap: what follows goes
		 * below the cap (no page break before it, the cap would be cut) */
		if (cap && (int)P->n_lines < cap->lines) {
			rn_vpenalty(A->v, 10000);
			rn_space(A, (cap->lines - P->n_lines) * rn_leading(R, WARTA_EL_BODY));
		}
	}
	A->after_para = 1;
}

/* A heading's text: its number, an en space, its inlines. */
static void
heading_text(struct rn *R, struct art *A, struct pa_para *P, const struct warta_node *n)
{
	struct pa_fmt f = rn_fmt(R, WARTA_EL_HEADING), nf = rn_fmt(R, WARTA_EL_HEADING_NUMBER);
	const struct warta_node *c;

	if (n->as.heading.number && *n->as.heading.number) {
		pa_add(P, n->as.heading.number, -1, &nf, n->line, n->col);
		pa_add(P, "\xe2\x80\x82", 3, &f, n->line, n->col);    /* en space */
	}
	f.hyphenate = 0;
	for (c = n->first; c; c = c->next)
		rn_inlines(R, A, P, c, &f);
}

static char *
heading_dest(struct rn *R, struct art *A, const struct warta_node *n)
{
	return rn_dest_name(A, n->as.heading.id ? n->as.heading.id : "sec");
}

void
rn_add_outline(struct art *A, char *text, char *dest, int h1)
{
	struct routline *o = g_new0(struct routline, 1);

	o->text = text;
	o->dest = dest;
	o->h1 = h1;
	g_ptr_array_add(A->outline, o);
}

/* The outline entries of the headings, in the order rn_blocks() sets them
 * (a heading with no text is not set): the PDF outline of an article is
 * written before its first page, while the later headings are not laid
 * out yet. */
void
rn_outline_walk(struct rn *R, struct art *A, const struct warta_node *n)
{
	const struct warta_node *c;

	for (c = n->first; c; c = c->next) {
		switch (c->type) {
		case WARTA_NODE_HEADING: {
			struct pa_para *P = pa_new(A->doc->meta.lang, 0, A->doc->path);

			heading_text(R, A, P, c);
			if (!pa_empty(P)) {
				char *title = warta_node_plain_text(c);

				rn_add_outline(A, c->as.heading.number && *c->as.heading.number ?
				    g_strdup_printf("%s. %s", c->as.heading.number, title) : g_strdup(title),
				    heading_dest(R, A, c), 0);
				g_free(title);
			}
			pa_free(P);
			break;
		}
		case WARTA_NODE_BLOCKQUOTE:
		case WARTA_NODE_PULLQUOTE:
		case WARTA_NODE_LIST:
		case WARTA_NODE_ITEM:
			rn_outline_walk(R, A, c);
			break;
		default:
			break;
		}
	}
}

static void
heading(struct rn *R, struct art *A, const struct warta_node *n, int sect)
{
	struct pa_para *P = rn_new_para(R, A, n);
	struct rblock *b = rn_new_block(A, "H2", sect, 0);
	const struct warta_elem_style *s = rn_el(R, WARTA_EL_HEADING);

	heading_text(R, A, P, n);
	if (pa_empty(P))
		return;
	b->dest = heading_dest(R, A, n);
	if (A->v->len > 0)
		rn_vpenalty(A->v, -100);           /* a good place for a page break (LaTeX's \@secpenalty) */
	rn_space(A, s->space_before);
	rn_para_lines(R, A, P, WARTA_EL_HEADING, b, 0, 0, 0, 1, NULL);
	rn_vpenalty(A->v, 10000);
	rn_space(A, s->space_after);
	A->keep_next = 1;
	A->after_heading = 1;
}

static void
code_block(struct rn *R, struct art *A, const struct warta_node *n, double left, double right,
           int sect, int quote)
{
	struct pa_fmt f = rn_fmt(R, WARTA_EL_CODE);
	const struct warta_elem_style *s = rn_el(R, WARTA_EL_CODE);
	char **lines = g_strsplit(n->text ? n->text : "", "\n", -1);
	struct rblock *b = rn_new_block(A, "P", sect, quote);
	int i, nl = g_strv_length(lines);

	f.literal = 1;
	f.hyphenate = 0;
	while (nl > 0 && lines[nl - 1][0] == '\0')
		nl--;
	rn_space(A, MAX(s->space_before, 4));
	for (i = 0; i < nl; i++) {
		struct pa_para *P = rn_new_para(R, A, n);
		char *untab = rn_code_untab(lines[i], 1);

		pa_add(P, untab ? untab : *lines[i] ? lines[i] : "\xc2\xa0", -1, &f, n->line + 1 + i, 1);
		g_free(untab);
		rn_para_lines(R, A, P, WARTA_EL_CODE, b, left + 8, right, 0, nl <= 6, NULL);
		if (i + 1 < nl)
			rn_vpenalty(A->v, nl <= 6 ? 10000 : 0);
		rn_art_flush_inside(A, b, i + 1);
	}
	rn_space(A, MAX(s->space_after, 4));
	g_strfreev(lines);
}

/* The label of a list item whose first line is of paragraph first: "•",
 * "1." …, set on one line in the item's language and direction ("1)" of
 * an Arabic item reads from the right, its bracket mirrored) and its first
 * run's face.  A label is the same paragraph whenever its text, face and
 * language are: set once an article (A->labels owns it), as a list of
 * 10,000 bullets itemized and shaped 10,000 equal paragraphs.  At most
 * LABELS_KEPT labels are kept: past them (the numbers of a long ordered
 * list, each its own text) a label is the item's own paragraph, freed
 * with the article's other paragraphs once its page is drawn, as a table
 * of every number would hold 2 KB a number to the article's end. */
#define LABELS_KEPT 64

static struct pa_para *
list_label(struct rn *R, struct art *A, const struct pa_para *first, const char *lab,
           const struct warta_node *it)
{
	struct pa_fmt f = rn_fmt(R, WARTA_EL_BODY);
	const char *lang = first ? first->lang : "en";
	int rtl = first ? first->rtl : 0;
	struct pa_para *L;
	struct pa_setup su;
	double big = 200;
	char *key;

	if (first && first->runs->len)
		f = g_array_index(first->runs, struct pa_run, 0).fmt;
	f.link = 0;
	f.footnote = 0;
	f.rise = 0;
	f.small_caps = 0;
	key = g_strdup_printf("%s\n%s %d\n%s\n%s\n%s\n%.17g %d %d %d %.17g %06x %d %d", lab, lang, rtl,
	    f.family ? f.family : "", f.features ? f.features : "", f.lang ? f.lang : "", f.size,
	    f.weight, f.italic, f.uppercase, f.letter_spacing, f.color, f.hyphenate, f.literal);
	if (A->labels == NULL)
		A->labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    (GDestroyNotify)pa_free);
	if ((L = g_hash_table_lookup(A->labels, key)) != NULL) {
		g_free(key);
		return L;
	}
	L = pa_new(lang, rtl, A->doc->path);
	if (g_hash_table_size(A->labels) >= LABELS_KEPT) {
		g_free(key);
		key = NULL;
		g_ptr_array_add(A->paras, L);
	}
	pa_add(L, lab, -1, &f, it->line, it->col);
	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.style = R->style;
	/* from the left edge of the wide measure, whichever way it reads
	 * (pa_set mirrors "right" for right to left) */
	su.align = L->rtl ? WARTA_TA_RIGHT : WARTA_TA_LEFT;
	su.widths = &big;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(L, &su);
	if (key)
		g_hash_table_insert(A->labels, key, L);
	/* the labels kept are held as the article's paragraphs are */
	warta_count_max(WARTA_COUNT_HELD_MAX, A->paras->len + g_hash_table_size(A->labels));
	return L;
}

static void
list(struct rn *R, struct art *A, const struct warta_node *n, double left, double right, int sect,
     int quote)
{
	const struct warta_node *it;
	const struct warta_elem_style *s = rn_el(R, WARTA_EL_LIST);
	double indent = s->margin_left > 0 ? s->margin_left : 16;
	int k = n->as.list.start ? n->as.list.start : 1, lid = ++A->list_id, items = 0;
	/* right to left: the items are indented from the right, where their
	 * lines start, and the numbers and bullets stand there (paint.c) */
	const char *lang = rn_node_lang(n);
	int rtl = lang ? warta_lang_is_rtl(lang) : A->doc->meta.rtl;

	if (left + right + indent > A->colw * 0.4)
		indent = 0;             /* deeply nested lists stop indenting */

	rn_space(A, s->space_before);
	for (it = n->first; it; it = it->next, k++) {
		char lab[32];
		size_t mark = A->rlines->len;

		if (n->as.list.ordered)
			g_snprintf(lab, sizeof lab, "%d%c", k, n->as.list.delim ? n->as.list.delim : '.');
		else
			g_strlcpy(lab, "\xe2\x80\xa2", sizeof lab);
		{
			int save_list = A->cur_list, save_item = A->cur_item;

			A->cur_list = lid;
			A->cur_item = ++A->item_id;
			rn_blocks(R, A, it, WARTA_EL_LIST, rtl ? left : left + indent,
			    rtl ? right + indent : right, sect, quote);
			A->cur_list = save_list;
			A->cur_item = save_item;
		}
		if (A->rlines->len > mark) {
			struct rline *first = g_ptr_array_index(A->rlines, mark);

			first->label = list_label(R, A, first->para, lab, it);
			first->label_gap = indent * 0.35;
		}
		if (!n->as.list.tight && it->next)
			rn_space(A, s->space_after > 0 ? s->space_after : 3);
		/* a top-level list's filled pages drawn and freed between its
		 * items (each item's label is on its first line by now): a
		 * list held all its items to its end, 478 MB for 1 MB */
		if (it->next)
			rn_art_flush_inside(A, NULL, ++items);
	}
	rn_space(A, s->space_after);
}

void
rn_blocks(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
       double left, double right, int sect, int quote)
{
	const struct warta_node *c;
	int first = 1;

	A->depth++;
	for (c = n->first; c; c = c->next) {
		const struct warta_elem_style *s;

		if (c->type == WARTA_NODE_ORPHAN_CAPTION)
			continue;               /* a caption without its picture: not set */
		if (c->type != WARTA_NODE_PARAGRAPH && c->type != WARTA_NODE_FOOTNOTE_DEF)
			A->after_para = 0;      /* no indent after a display (also below) */
		/* the drop cap is the opening paragraph's: a body that opens
		 * with a heading, a list or another display has none */
		if (A->depth == 1 && e == WARTA_EL_BODY && c->type != WARTA_NODE_PARAGRAPH &&
		    c->type != WARTA_NODE_FOOTNOTE_DEF && c->type != WARTA_NODE_HTML_BLOCK)
			A->had_body = 1;

		switch (c->type) {
		case WARTA_NODE_PARAGRAPH:
			if (!first && e == WARTA_EL_BODY && rn_el(R, e)->space_before > 0)
				rn_space(A, rn_el(R, e)->space_before);
			paragraph(R, A, c, e, left, right, sect ? sect : A->sect, quote,
			    first && e != WARTA_EL_BODY);
			rn_figure_inline(R, A, c);      /* its pictures, floated */
			break;
		case WARTA_NODE_HEADING:
			A->sect++;
			heading(R, A, c, A->sect);
			break;
		case WARTA_NODE_BLOCKQUOTE:
			s = rn_el(R, WARTA_EL_BLOCKQUOTE);
			rn_space(A, s->space_before);
			A->quote_id++;
			/* nested quotations indent until the measure is down to 60% */
			if (left + right + s->margin_left + s->margin_right <= A->colw * 0.4)
				rn_blocks(R, A, c, WARTA_EL_BLOCKQUOTE, left + s->margin_left, right + s->margin_right,
				    A->sect, A->quote_id);
			else
				rn_blocks(R, A, c, WARTA_EL_BLOCKQUOTE, left, right, A->sect, A->quote_id);
			rn_space(A, s->space_after);
			break;
		case WARTA_NODE_PULLQUOTE: {
			double w;

			s = rn_el(R, WARTA_EL_PULLQUOTE);
			w = A->colw - left - right - s->margin_left - s->margin_right;
			rn_space(A, s->space_before);
			A->quote_id++;
			rn_rule(R, A, w * 0.3, left + s->margin_left + w * 0.35, 2, 6, 0.6);
			rn_blocks(R, A, c, WARTA_EL_PULLQUOTE, left + s->margin_left, right + s->margin_right,
			    A->sect, A->quote_id);
			rn_vpenalty(A->v, 10000);
			/* as far below the last baseline as the first is below the top rule */
			rn_rule(R, A, w * 0.3, left + s->margin_left + w * 0.35, MAX(8, s->leading * 0.75),
			    s->space_after, 0.6);
			break;
		}
		case WARTA_NODE_LIST:
			list(R, A, c, left, right, A->sect, quote);
			break;
		case WARTA_NODE_ITEM:
			rn_blocks(R, A, c, e, left, right, sect, quote);
			break;
		case WARTA_NODE_CODE_BLOCK:
			code_block(R, A, c, left, right, A->sect, quote);
			break;
		case WARTA_NODE_HTML_BLOCK:
			warta_diag(A->d, WARTA_NOTE, A->doc->path, c->line, c->col,
			    "raw HTML block left out of the print edition");
			break;
		case WARTA_NODE_THEMATIC_BREAK: {
			double w = A->colw - left - right;

			rn_rule(R, A, w * 0.2, left + w * 0.4, 10, 10, 0.5);
			break;
		}
		case WARTA_NODE_TABLE:
			rn_table(R, A, c, left, right, A->sect);
			break;
		case WARTA_NODE_FOOTNOTE_DEF:
			break;                  /* set at the foot of the column of the call */
		case WARTA_NODE_FIGURE:
			if (A->depth == 1)
				rn_figure_here(R, A, c);   /* floated (figure.c) */
			break;
		default:
			break;
		}
		if (c->type != WARTA_NODE_PARAGRAPH && c->type != WARTA_NODE_FOOTNOTE_DEF)
			A->after_para = 0;
		if (A->depth == 1) {
			rn_figure_pending(A);
			rn_art_flush(A, 0);        /* draw and free the pages filled so far */
		}
		first = 0;                      /* (an orphan caption, skipped, leaves it) */
	}
	A->depth--;
}
