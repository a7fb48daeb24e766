/* inlines.c — the print back end's inline nodes → the formatted runs of a
 * paragraph (layout/para.h): text with its emphasis, code, links (a URL
 * breaks where a URL may, a link to a place in the article is an internal
 * destination, links.c), and footnote calls (their numbers and the notes
 * they call).  typeset.c, figure.c and article.c set paragraphs of these
 * runs. */
#include <string.h>

#include "render/typeset.h"

static int
looks_like_url(const char *s)
{
	return s && (strstr(s, "://") || strncmp(s, "www.", 4) == 0 || strchr(s, '@'));
}

/* The superior number calling note idx. */
static void
note_call(struct art *A, struct pa_para *P, const struct pa_fmt *f, int idx, int line, int col)
{
	struct pa_fmt g = *f;
	char buf[64];

	g.size = f->size * 0.62;
	g.rise = f->size * 0.36;
	g.footnote = idx;
	g.hyphenate = 0;
	g.small_caps = 0;
	g_snprintf(buf, sizeof buf, "#%sfn-%d", A->prefix, idx);
	g.link = pa_link(P, buf);
	g_snprintf(buf, sizeof buf, "%d", idx);
	pa_add(P, buf, -1, &g, line, col);
}


void
rn_inlines(struct rn *R, struct art *A, struct pa_para *P, const struct warta_node *n, const struct pa_fmt *f)
{
	const struct warta_node *c;
	struct pa_fmt h = *f, g;
	char *untab;

	/* a node in a language of its own (a quotation, a name in another
	 * script: article/runlang.c): its runs shaped and set in it */
	if (n->lang)
		h.lang = n->lang;
	f = &h;
	g = h;
	switch (n->type) {
	case WARTA_NODE_TEXT:
		pa_add(P, n->text ? n->text : "", -1, f, n->line, n->col);
		return;
	case WARTA_NODE_SOFTBREAK:
		pa_add(P, " ", 1, f, n->line, n->col);
		return;
	case WARTA_NODE_LINEBREAK:
		pa_add(P, "\xe2\x80\xa8", 3, f, n->line, n->col);
		return;
	case WARTA_NODE_HTML_INLINE:
		return;
	case WARTA_NODE_EMPH:
		g.italic = !f->italic;
		break;
	case WARTA_NODE_STRONG:
		g.weight = 700;
		break;
	case WARTA_NODE_CODE:
		g = rn_inline_fmt(R, WARTA_EL_CODE, f);
		g.literal = 1;
		g.hyphenate = 0;
		g.small_caps = 0;
		untab = rn_code_untab(n->text ? n->text : "", 0);
		pa_add(P, untab ? untab : n->text ? n->text : "", -1, &g, n->line, n->col);
		g_free(untab);
		return;
	case WARTA_NODE_LINK: {
		char *t = warta_node_plain_text(n), *url;
		int idx;

		if (n->as.link.url && n->as.link.active && n->as.link.url[0] == '#')
			g.link = rn_internal_link(A, P, n->as.link.url + 1);
		else if (n->as.link.url && n->as.link.active)
			g.link = pa_link(P, n->as.link.url);
		if (looks_like_url(t))
			g.hyphenate = 0;
		g_free(t);
		for (c = n->first; c; c = c->next)
			rn_inlines(R, A, P, c, &g);
		/* where it goes, for a reader of paper ([link] print-url) */
		if (R->style->print_url == WARTA_PRINT_URL_NONE || !(url = rn_link_url_shown(n)))
			return;
		idx = A->link_fn ? GPOINTER_TO_INT(g_hash_table_lookup(A->link_fn, n)) : 0;
		if (idx > 0)
			note_call(A, P, f, idx, n->end_line, n->end_col);
		else {
			g.hyphenate = 0;
			pa_add(P, " (", 2, f, n->end_line, n->end_col);
			pa_add(P, url, -1, &g, n->end_line, n->end_col);
			pa_add(P, ")", 1, f, n->end_line, n->end_col);
		}
		g_free(url);
		return;
	}
	case WARTA_NODE_IMAGE:
		g.italic = !f->italic;
		pa_add(P, "[", 1, &g, n->line, n->col);
		for (c = n->first; c; c = c->next)
			rn_inlines(R, A, P, c, &g);
		pa_add(P, "]", 1, &g, n->line, n->col);
		return;
	case WARTA_NODE_QUOTE:
		g = rn_inline_fmt(R, WARTA_EL_QUOTATION, f);
		if (n->as.quote.open)
			pa_add(P, n->as.quote.open, -1, &g, n->line, n->col);
		for (c = n->first; c; c = c->next)
			rn_inlines(R, A, P, c, &g);
		if (n->as.quote.close)
			pa_add(P, n->as.quote.close, -1, &g, n->end_line, n->end_col);
		return;
	case WARTA_NODE_FOOTNOTE_REF:
		note_call(A, P, f, n->as.footnote.index, n->line, n->col);
		return;
	case WARTA_NODE_DATELINE:
		g = rn_inline_fmt(R, WARTA_EL_DATELINE, f);
		g.small_caps = 2;           /* capitals become small caps too (c2sc) */
		g.hyphenate = 0;
		if (n->first) {
			for (c = n->first; c; c = c->next)
				rn_inlines(R, A, P, c, &g);
		} else if (n->as.dateline.place) {
			pa_add(P, n->as.dateline.place, -1, &g, n->line, n->col);
		}
		if (n->as.dateline.agency) {
			pa_add(P, " (", 2, &g, n->line, n->col);
			pa_add(P, n->as.dateline.agency, -1, &g, n->line, n->col);
			pa_add(P, ")", 1, &g, n->line, n->col);
		}
		pa_add(P, "\xc2\xa0\xe2\x80\x94 ", -1, f, n->line, n->col); /* NBSP em dash space */
		return;
	default:
		break;
	}
	for (c = n->first; c; c = c->next)
		rn_inlines(R, A, P, c, &g);
}
