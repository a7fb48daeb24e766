/* links.c — where a link goes, in print ([link] print-url): a reader of
 * paper cannot follow a link, so the URL of an active link whose text is
 * not the URL itself is printed, as a numbered note at the foot of the
 * column (footnote: numbered after the article's own notes, one note for a
 * URL linked twice) or after the link text (inline).  Never for a link to
 * a place in the article (#…), never when the text is the URL.  Links to a
 * place in the article: to its heading, by the PDF destination names. */
#include <string.h>

#include "render/typeset.h"

/* The URL without what readers leave out when they write it: the scheme,
 * "www.", a final "/". */
static char *
bare(const char *s)
{
	static const char *const pre[] = { "https://", "http://", "mailto:", "www.", NULL };
	char *r;
	size_t n;
	int i;

	while (*s == ' ')
		s++;
	for (i = 0; pre[i]; i++)
		if (g_ascii_strncasecmp(s, pre[i], strlen(pre[i])) == 0)
			s += strlen(pre[i]);
	if (g_ascii_strncasecmp(s, "www.", 4) == 0)
		s += 4;
	r = g_ascii_strdown(s, -1);
	g_strstrip(r);
	n = strlen(r);
	while (n > 0 && r[n - 1] == '/')
		r[--n] = '\0';
	return r;
}

char *
rn_link_url_shown(const struct warta_node *n)
{
	const char *url = n->as.link.url;
	char *text, *a, *b;
	int same;

	if (n->type != WARTA_NODE_LINK || !n->as.link.active || !url || !*url || url[0] == '#')
		return NULL;
	text = warta_node_plain_text(n);
	a = bare(text);
	b = bare(url);
	same = !*a || strcmp(a, b) == 0;
	g_free(text);
	g_free(a);
	g_free(b);
	if (same)
		return NULL;
	/* a mail address reads without its scheme */
	if (g_ascii_strncasecmp(url, "mailto:", 7) == 0)
		return g_strdup(url + 7);
	return g_strdup(url);
}

/* Links that get a note: not in a table (rows carry no notes) nor in a
 * note.  Numbers from first + 1 on, in reading order; one a URL. */
static void
walk(const struct warta_node *n, GHashTable *by_node, GHashTable *by_url, GPtrArray *urls, int first)
{
	const struct warta_node *c;

	if (n->type == WARTA_NODE_TABLE || n->type == WARTA_NODE_FOOTNOTE_DEF ||
	    n->type == WARTA_NODE_ORPHAN_CAPTION || n->type == WARTA_NODE_CODE_BLOCK ||
	    n->type == WARTA_NODE_HTML_BLOCK)
		return;
	if (n->type == WARTA_NODE_LINK) {
		char *u = rn_link_url_shown(n);

		if (u) {
			int idx = GPOINTER_TO_INT(g_hash_table_lookup(by_url, u));

			if (!idx) {
				g_ptr_array_add(urls, u);
				idx = first + (int)urls->len;
				g_hash_table_insert(by_url, u, GINT_TO_POINTER(idx));
			} else
				g_free(u);
			g_hash_table_insert(by_node, (gpointer)n, GINT_TO_POINTER(idx));
		}
	}
	for (c = n->first; c; c = c->next)
		walk(c, by_node, by_url, urls, first);
}

GPtrArray *
rn_link_notes(struct rn *R, struct art *A, int first)
{
	GHashTable *by_url;
	GPtrArray *urls;

	if (R->style->print_url != WARTA_PRINT_URL_FOOTNOTE)
		return NULL;
	by_url = g_hash_table_new(g_str_hash, g_str_equal);
	urls = g_ptr_array_new_with_free_func(g_free);
	A->link_fn = g_hash_table_new(g_direct_hash, g_direct_equal);
	walk(A->doc->root, A->link_fn, by_url, urls, first);
	g_hash_table_destroy(by_url);
	return urls;
}

/* An author's link to a place in the article, "#ID": to the heading of
 * that id, whose destination is "aN-ID" (heading_dest); 0 (no link, the
 * text kept) when no heading has it, rather than a link that leads
 * nowhere. */
int
rn_internal_link(struct art *A, struct pa_para *P, const char *id)
{
	char *dest;
	int k = 0;

	if (A->outline_dests == NULL) {
		guint i;

		A->outline_dests = g_hash_table_new(g_str_hash, g_str_equal);
		for (i = 0; i < A->outline->len; i++)
			g_hash_table_add(A->outline_dests,
			    ((struct routline *)g_ptr_array_index(A->outline, i))->dest);
	}
	dest = rn_dest_name(A, id);
	if (g_hash_table_contains(A->outline_dests, dest)) {
		char *url = g_strconcat("#", dest, NULL);

		k = pa_link(P, url);
		g_free(url);
	}
	g_free(dest);
	return k;
}

char *
rn_dest_name(const struct art *A, const char *id)
{
	GString *s = g_string_new(A->prefix);
	const char *p;

	for (p = id; *p; p++) {
		if (g_ascii_isalnum(*p) || *p == '-' || *p == '.')
			g_string_append_c(s, *p);
		else
			g_string_append_printf(s, "_%02X", (unsigned char)*p);
	}
	return g_string_free(s, FALSE);
}
