/* article.c — one article laid out (the head block spanning the columns:
 * kicker, headline, deck, byline, date; the footnotes; the body; the
 * source line), and an edition's masthead with its contents.  Pages go to
 * the caller's callback as the page builder makes them. */
#include <string.h>

#include "lang/lang.h"
#include "render/typeset.h"


/* A footnote's paragraph set at the column width in the footnote style. */
static void
set_note(struct rn *R, struct art *A, struct pa_para *P, int i, int line, int col)
{
	struct pa_setup su;
	double w = A->colw;

	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.hyph = R->e->hyph;
	su.style = R->style;
	su.align = rn_el(R, WARTA_EL_FOOTNOTE)->align;
	su.widths = &w;
	su.n_widths = 1;
	su.hyphenate = 1;
	su.hyphen_left = 2;
	su.hyphen_right = 3;
	su.last_line_fill = 1;
	su.diags = A->d;
	pa_set(P, &su);
	A->fn[i] = P;
	A->fn_height[i] = P->n_lines * rn_leading(R, WARTA_EL_FOOTNOTE) +
	    MAX(rn_el(R, WARTA_EL_FOOTNOTE)->space_before, 2);
	/* the page builder carries notes that do not fit to the next
	 * column; one taller than a column is drawn cut at its foot */
	if (A->fn_height[i] + FN_SEPARATOR > R->texth + 0.01)
		warta_diag(A->d, WARTA_WARNING, A->doc->path, line, col,
		    "footnote %d is taller than a column (%.1f pt > %.1f pt): its lines past "
		    "the column's foot are not printed", i, A->fn_height[i] + FN_SEPARATOR, R->texth);
	A->rep.lines += P->n_lines;
}

/* Footnotes: each definition set at the column width in the footnote
 * style; then the notes of the links' URLs (links.c), numbered after them. */
static void
footnotes(struct rn *R, struct art *A)
{
	const struct warta_node *c;
	GPtrArray *urls;
	int maxi = 0, nurl;
	guint k;

	for (c = A->doc->root->first; c; c = c->next)
		if (c->type == WARTA_NODE_FOOTNOTE_DEF)
			maxi = MAX(maxi, c->as.footnote.index);
	urls = rn_link_notes(R, A, maxi);
	nurl = urls ? (int)urls->len : 0;
	A->n_fn = maxi + nurl;
	A->fn = g_new0(struct pa_para *, maxi + nurl + 1);
	A->fn_height = g_new0(double, maxi + nurl + 1);
	for (c = A->doc->root->first; c; c = c->next) {
		struct pa_para *P;
		struct pa_fmt f = rn_fmt(R, WARTA_EL_FOOTNOTE), nf;
		const struct warta_node *b, *x;
		char num[32];
		int i = c->as.footnote.index;

		if (c->type != WARTA_NODE_FOOTNOTE_DEF || i <= 0 || A->fn[i])
			continue;
		P = rn_new_para(R, A, c);
		nf = f;
		nf.size = f.size * 0.8;
		nf.rise = f.size * 0.3;
		g_snprintf(num, sizeof num, "%d\xc2\xa0", i);
		pa_add(P, num, -1, &nf, c->line, c->col);
		for (b = c->first; b; b = b->next) {
			if (b != c->first)
				pa_add(P, " ", 1, &f, b->line, b->col);
			if (b->type == WARTA_NODE_PARAGRAPH)
				for (x = b->first; x; x = x->next)
					rn_inlines(R, A, P, x, &f);
			else {
				char *t = warta_node_plain_text(b);

				pa_add(P, t, -1, &f, b->line, b->col);
				g_free(t);
			}
		}
		set_note(R, A, P, i, c->line, c->col);
	}
	for (k = 0; k < (guint)nurl; k++) {
		const char *u = urls->pdata[k];
		struct pa_fmt f = rn_fmt(R, WARTA_EL_FOOTNOTE), nf = f;
		struct pa_para *P = rn_new_para(R, A, NULL);
		char num[32];
		int i = maxi + 1 + (int)k;

		nf.size = f.size * 0.8;
		nf.rise = f.size * 0.3;
		g_snprintf(num, sizeof num, "%d\xc2\xa0", i);
		pa_add(P, num, -1, &nf, 0, 0);
		f.hyphenate = 0;
		if (strchr(u, ':'))
			f.link = pa_link(P, u);
		else {
			/* a mail address shown without its scheme links with it */
			char *m = g_strconcat("mailto:", u, NULL);

			f.link = pa_link(P, m);
			g_free(m);
		}
		pa_add(P, u, -1, &f, 0, 0);
		set_note(R, A, P, i, 0, 0);
	}
	if (urls)
		g_ptr_array_free(urls, TRUE);
}

/* The head lines of A: its headline (the target of the links to the
 * article: "<prefix>top"), deck, byline and date, each in its element's
 * style, on A->v across A->colw.  An article's page sets them all, each
 * followed by its element's space; an edition's module head (edition_article.c)
 * passes deck 0 to leave the deck out (a narrow module), deck_max > 0 to
 * set it no bigger (pt), and spaced 0 for no space after the byline and the
 * date (the module puts its own grid line of air under the head).  Returns
 * the headline's block. */
struct rblock *
rn_head_lines(struct rn *R, struct art *A, int deck, double deck_max, int spaced)
{
	const struct warta_meta *m = &A->doc->meta;
	struct rblock *b;
	struct pa_para *P;
	struct pa_fmt f;

	P = rn_new_para(R, A, NULL);
	f = rn_fmt(R, WARTA_EL_HEADLINE);
	f.hyphenate = 0;
	rn_add_display(P, m->title ? m->title : A->doc->name, &f, m->title_line, m->title_col);
	b = rn_new_block(A, "H1", 0, 0);
	b->dest = g_strdup_printf("%stop", A->prefix);
	rn_para_lines(R, A, P, WARTA_EL_HEADLINE, b, 0, 0, 0, 1, NULL);
	rn_space(A, rn_el(R, WARTA_EL_HEADLINE)->space_after);
	if (deck && m->subtitle && *m->subtitle) {
		P = rn_new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_DECK);
		if (deck_max > 0)
			f.size = MIN(f.size, deck_max);
		rn_add_display(P, m->subtitle, &f, m->title_line + 1, 1);
		rn_para_lines(R, A, P, WARTA_EL_DECK, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		rn_space(A, rn_el(R, WARTA_EL_DECK)->space_after);
	}
	if (m->author && *m->author) {
		P = rn_new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_BYLINE);
		pa_add(P, m->author, -1, &f, m->title_line, 1);
		rn_para_lines(R, A, P, WARTA_EL_BYLINE, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		if (spaced)
			rn_space(A, rn_el(R, WARTA_EL_BYLINE)->space_after);
	}
	if (m->date && *m->date) {
		char *ds = warta_date_format(m->date, m->lang);

		P = rn_new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_DATE);
		pa_add(P, ds ? ds : m->date, -1, &f, m->title_line, 1);
		g_free(ds);
		rn_para_lines(R, A, P, WARTA_EL_DATE, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		if (spaced)
			rn_space(A, rn_el(R, WARTA_EL_DATE)->space_after);
	}
	return b;
}

/* The headline block, spanning the columns of the first page. */
static void
head_block(struct rn *R, struct art *A)
{
	const struct warta_meta *m = &A->doc->meta;
	GArray *save = A->v;
	double savew = A->colw;
	struct rblock *b;
	struct pa_para *P;
	struct pa_fmt f;

	A->v = A->head;
	A->colw = R->textw;
	/* the lead photo across the page, above the headline */
	if (!A->contents && m->lead && R->style->lead_span == WARTA_SPAN_PAGE) {
		rn_figure_head(R, A);
		rn_space(A, 6);
	}
	/* an edition's section name over the first article of the section */
	if (A->kicker && !A->contents) {
		P = rn_new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_RUNNING_HEAD);
		f.color = rn_el(R, WARTA_EL_HEADING_NUMBER)->color;
		f.weight = 700;
		pa_add(P, A->kicker, -1, &f, 0, 0);
		rn_para_lines(R, A, P, WARTA_EL_RUNNING_HEAD, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		rn_space(A, 4);
	}
	b = rn_head_lines(R, A, 1, 0, 1);
	rn_add_outline(A, g_strdup(m->title ? m->title : A->doc->name), g_strdup(b->dest), 1);
	/* the lead photo across the columns, under the headline */
	if (!A->contents && m->lead && R->style->lead_span == WARTA_SPAN_COLUMNS) {
		/* clear of the descenders of the line above (a headline's are deep) */
		rn_space(A, 4 + 0.22 * rn_el(R, m->date && *m->date ? WARTA_EL_DATE : m->author && *m->author ?
		    WARTA_EL_BYLINE : m->subtitle && *m->subtitle ? WARTA_EL_DECK : WARTA_EL_HEADLINE)->size);
		rn_figure_head(R, A);
	}
	A->v = save;
	A->colw = savew;
	A->keep_next = 0;
}

static void
source_line(struct rn *R, struct art *A)
{
	const struct warta_meta *m = &A->doc->meta;
	struct pa_para *P;
	struct pa_fmt f;

	if (!m->source || !*m->source)
		return;
	P = rn_new_para(R, A, NULL);
	f = rn_fmt(R, WARTA_EL_SOURCE);
	pa_add(P, m->source, -1, &f, 0, 0);
	/* kept with the end of the article: never alone on a last page */
	rn_vpenalty(A->v, 10000);
	rn_space(A, rn_el(R, WARTA_EL_SOURCE)->space_before);
	rn_para_lines(R, A, P, WARTA_EL_SOURCE, rn_new_block(A, "P", A->sect, 0), 0, 0, 0, 1, NULL);
}

struct art *
rn_art_layout(struct rn *R, struct warta_doc *doc, int index, const char *kicker, int keep,
              struct warta_diags *d, rn_page_fn page, void *data)
{
	struct art *A = rn_art_new(R, doc, index, kicker, d);

	rn_art_layout_in(R, A, keep, page, data);
	return A;
}

void
rn_art_layout_in(struct rn *R, struct art *A, int keep, rn_page_fn page, void *data)
{
	struct warta_doc *doc = A->doc;

	A->page = page;
	A->page_data = data;
	A->keep = keep;
	head_block(R, A);
	rn_outline_walk(R, A, doc->root);
	footnotes(R, A);
	rn_figures(R, A);
	rn_grid_figures(A);
	rn_art_pages(R, A);
	if (A->lead_fig && A->lead_fig->index)
		rn_figure_here(R, A, doc->meta.lead);   /* floated: waits for the first line */
	rn_blocks(R, A, doc->root, WARTA_EL_BODY, 0, 0, 0, 0);
	source_line(R, A);
	rn_art_end(A);
}

/* A section's name in an edition's contents: in the edition's language and
 * direction (doc's), unless its letters run the other way (a name an
 * article gave in its own language): then in that article's (m's). */
static struct pa_para *
section_para(const struct warta_doc *doc, const struct warta_meta *m)
{
	int d = warta_text_dir(m->section), rtl = d < 0 ? doc->meta.rtl : d;

	return rtl == doc->meta.rtl ? pa_new(doc->meta.lang, rtl, doc->path) : pa_new(m->lang, rtl, doc->path);
}

/* An edition's masthead and contents: a pseudo-document (doc: title, date,
 * language and direction: the edition's) whose body lists the articles, a
 * new heading at each change of section, each title linked to its article
 * and set in the article's language and direction, aligned by its own
 * direction; the page numbers on the edition's side (the right, or the left
 * in a right-to-left edition), the titles in the rest of the measure. */
struct art *
rn_contents_layout(struct rn *R, struct warta_doc *doc, const int *first_page,
                   struct warta_diags *d, rn_page_fn page, void *data)
{
	struct art *A = rn_art_new(R, doc, 0, NULL, d);
	const char *sect = NULL;
	double numw = 28;
	size_t i;

	A->page = page;
	A->page_data = data;

	A->contents = 1;
	A->grid_step = 0;               /* one column across the page */
	A->colw = R->textw;
	head_block(R, A);
	A->fn = g_new0(struct pa_para *, 1);
	A->fn_height = g_new0(double, 1);
	for (i = 0; i < R->n_docs; i++) {
		const struct warta_meta *m = &R->docs[i]->meta;
		struct pa_para *P, *N;
		struct pa_fmt f = rn_fmt(R, WARTA_EL_BODY), nf;
		struct rblock *b;
		struct rline *l;
		char buf[64];
		double w = A->colw - numw, big = 100;
		struct pa_setup su;

		if (m->section && (sect == NULL || strcmp(sect, m->section) != 0)) {
			struct pa_fmt hf = rn_fmt(R, WARTA_EL_HEADING);

			P = section_para(doc, m);
			g_ptr_array_add(A->paras, P);
			pa_add(P, m->section, -1, &hf, 0, 0);
			b = rn_new_block(A, "H2", 0, 0);
			b->lang = strcmp(P->lang, doc->meta.lang) != 0 ? m->lang : NULL;
			rn_space(A, rn_el(R, WARTA_EL_HEADING)->space_before);
			rn_para_lines(R, A, P, WARTA_EL_HEADING, b, 0, 0, 0, 1, NULL);
			rn_vpenalty(A->v, 10000);
			rn_space(A, rn_el(R, WARTA_EL_HEADING)->space_after);
			A->keep_next = 1;
			sect = m->section;
		} else if (sect && !m->section) {
			sect = NULL;
			rn_space(A, rn_el(R, WARTA_EL_HEADING)->space_before);
		}
		P = pa_new(m->lang, m->rtl, doc->path);
		g_ptr_array_add(A->paras, P);
		g_snprintf(buf, sizeof buf, "#a%zu-top", i + 2);
		f.link = pa_link(P, buf);
		f.hyphenate = 0;
		pa_add(P, m->title ? m->title : R->docs[i]->name, -1, &f, 0, 0);
		b = rn_new_block(A, "P", 0, 0);
		b->lang = strcmp(m->lang, doc->meta.lang) != 0 ? m->lang : NULL;
		memset(&su, 0, sizeof su);
		su.ctx = R->ctx;
		su.style = R->style;
		su.align = WARTA_TA_LEFT;
		su.widths = &w;
		su.n_widths = 1;
		su.last_line_fill = 1;
		su.diags = A->d;
		pa_set(P, &su);
		N = pa_new("en", 0, doc->path);
		g_ptr_array_add(A->paras, N);
		nf = rn_fmt(R, WARTA_EL_BODY);
		nf.link = pa_link(N, buf);
		if (R->style->digits)
			nf.lang = doc->meta.lang;       /* in the edition's digits, as its folios */
		g_snprintf(buf, sizeof buf, "%d", first_page ? first_page[i] : 0);
		pa_add(N, buf, -1, &nf, 0, 0);
		su.widths = &big;
		pa_set(N, &su);
		for (int k = 0; k < P->n_lines; k++) {
			l = rn_new_rline(A, RL_TEXT, b);
			l->para = P;
			l->line = k;
			l->x = doc->meta.rtl ? numw : 0;
			if (k == P->n_lines - 1) {
				l->rlabel = N;
				l->rlabel_x = doc->meta.rtl ? 0 : A->colw - (N->n_lines ? N->lines[0].natural : 0);
			}
			if (k > 0 || A->keep_next)
				rn_vpenalty(A->v, 10000);
			rn_vline(A->v, l, rn_leading(R, WARTA_EL_BODY), rn_leading(R, WARTA_EL_BODY) * 0.8);
			A->keep_next = 0;
		}
		rn_space(A, 3);
	}
	rn_art_pages(R, A);
	rn_art_end(A);
	return A;
}

