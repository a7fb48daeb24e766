/* test_doc.c — unit tests of the document tree (src/doc) and diagnostics (src/util/diag). */
#include <glib.h>
#include <string.h>

#include "doc/doc.h"
#include "harness.h"
#include "util/diag.h"

static void
tree(void)
{
	struct warta_doc *d = warta_doc_new("dir/korea-utara.txt");
	struct warta_node *p = warta_node_new(WARTA_NODE_PARAGRAPH, 3, 1);
	struct warta_node *q = warta_node_new(WARTA_NODE_QUOTE, 3, 5);
	struct warta_node *t1 = warta_node_new(WARTA_NODE_TEXT, 3, 1);
	struct warta_node *t2 = warta_node_new(WARTA_NODE_TEXT, 3, 6);
	char *s;

	STR_EQ(d->name, "korea-utara", "doc name is the file stem");
	t1->text = g_strdup("Kata ");
	t2->text = g_strdup("kutipan");
	q->as.quote.open = g_strdup("\u201c");
	q->as.quote.close = g_strdup("\u201d");
	warta_node_append(d->root, p);
	warta_node_append(p, q);
	warta_node_append(q, t2);
	warta_node_prepend(p, t1);
	OK(p->first == t1 && t1->next == q && q->prev == t1 && p->last == q, "prepend and append link siblings");
	s = warta_node_plain_text(p);
	STR_EQ(s, "Kata \u201ckutipan\u201d", "plain text includes quote marks");
	g_free(s);
	warta_node_unlink(t1);
	OK(p->first == q && q->prev == NULL, "unlink relinks the first child");
	warta_node_free(t1);
	OK(warta_node_is_block(p) && !warta_node_is_block(q), "blocks and inlines");
	STR_EQ(warta_node_type_name(WARTA_NODE_FOOTNOTE_REF), "footnote_reference", "type names");
	warta_doc_free(d);
}

static void
diags(void)
{
	struct warta_diags d;
	char *s;

	warta_diags_init(&d);
	warta_diag(&d, WARTA_WARNING, "a.txt", 3, 7, "unbalanced quote %s", "\u201c");
	warta_diag(&d, WARTA_ERROR, NULL, 0, 0, "no input");
	INT_EQ(d.items->len, 2, "two messages recorded");
	INT_EQ(warta_diags_errors(&d), 1, "one error counted");
	s = warta_diag_format(d.items->pdata[0]);
	STR_EQ(s, "warta: a.txt:3:7: warning: unbalanced quote \u201c", "file:line:col format");
	g_free(s);
	s = warta_diag_format(d.items->pdata[1]);
	STR_EQ(s, "warta: error: no input", "message without a file");
	g_free(s);
	warta_diags_fini(&d);
}

/* warta_node_next: document order, and the walk stays inside its root. */
static void
walk(void)
{
	struct warta_node *doc = warta_node_new(WARTA_NODE_DOCUMENT, 1, 1);
	struct warta_node *p1 = warta_node_new(WARTA_NODE_PARAGRAPH, 1, 1);
	struct warta_node *em = warta_node_new(WARTA_NODE_EMPH, 1, 1);
	struct warta_node *t1 = warta_node_new(WARTA_NODE_TEXT, 1, 2);
	struct warta_node *t2 = warta_node_new(WARTA_NODE_TEXT, 1, 5);
	struct warta_node *p2 = warta_node_new(WARTA_NODE_PARAGRAPH, 3, 1);
	struct warta_node *n;
	GString *order = g_string_new(NULL);

	warta_node_append(doc, p1);
	warta_node_append(p1, em);
	warta_node_append(em, t1);
	warta_node_append(p1, t2);
	warta_node_append(doc, p2);
	for (n = doc; n; n = warta_node_next(n, doc))
		g_string_append_printf(order, "%d:%d ", n->line, n->col);
	STR_EQ(order->str, "1:1 1:1 1:1 1:2 1:5 3:1 ", "preorder over the whole document");
	g_string_truncate(order, 0);
	for (n = em; n; n = warta_node_next(n, em))
		g_string_append_printf(order, "%d:%d ", n->line, n->col);
	STR_EQ(order->str, "1:1 1:2 ", "a subtree's walk ends at its root (not at its next sibling)");
	OK(warta_node_next(p2, doc) == NULL, "the last node of the document is the end");
	g_string_free(order, TRUE);
	warta_node_free(doc);
}

/* The iterator: enter and exit events, a skipped subtree, a node freed
 * after its skip, and the walk of a subtree staying inside it. */
static void
iterator(void)
{
	struct warta_node *doc = warta_node_new(WARTA_NODE_DOCUMENT, 1, 1);
	struct warta_node *p1 = warta_node_new(WARTA_NODE_PARAGRAPH, 2, 1);
	struct warta_node *em = warta_node_new(WARTA_NODE_EMPH, 2, 2);
	struct warta_node *t1 = warta_node_new(WARTA_NODE_TEXT, 2, 3);
	struct warta_node *t2 = warta_node_new(WARTA_NODE_TEXT, 2, 4);
	struct warta_node *p2 = warta_node_new(WARTA_NODE_PARAGRAPH, 3, 1);
	struct warta_node *t3 = warta_node_new(WARTA_NODE_TEXT, 3, 2);
	struct warta_node *n;
	struct warta_walk w;
	enum warta_walk_event ev;
	GString *order = g_string_new(NULL);

	warta_node_append(doc, p1);
	warta_node_append(p1, em);
	warta_node_append(em, t1);
	warta_node_append(p1, t2);
	warta_node_append(doc, p2);
	warta_node_append(p2, t3);
	warta_walk_init(&w, doc);
	while ((ev = warta_walk_next(&w, &n)) != WARTA_WALK_DONE)
		g_string_append_printf(order, "%s%d:%d ", ev == WARTA_WALK_ENTER ? "+" : "-", n->line, n->col);
	STR_EQ(order->str, "+1:1 +2:1 +2:2 +2:3 -2:2 +2:4 -2:1 +3:1 +3:2 -3:1 -1:1 ",
	       "enter every node, exit every node with children, in document order");
	OK(warta_walk_next(&w, &n) == WARTA_WALK_DONE && n == NULL, "done stays done");
	g_string_truncate(order, 0);
	warta_walk_init(&w, doc);
	while ((ev = warta_walk_next(&w, &n)) != WARTA_WALK_DONE) {
		if (ev != WARTA_WALK_ENTER)
			continue;
		g_string_append_printf(order, "%d:%d ", n->line, n->col);
		if (n == em) {
			warta_walk_skip(&w);
			warta_node_unlink(em);
			warta_node_free(em);
		}
	}
	STR_EQ(order->str, "1:1 2:1 2:2 2:4 3:1 3:2 ", "a skipped node's children are not entered; it may be freed");
	OK(p1->first == t2, "the freed node is gone from the tree");
	g_string_truncate(order, 0);
	warta_walk_init(&w, p1);
	while ((ev = warta_walk_next(&w, &n)) != WARTA_WALK_DONE)
		g_string_append_printf(order, "%s%d:%d ", ev == WARTA_WALK_ENTER ? "+" : "-", n->line, n->col);
	STR_EQ(order->str, "+2:1 +2:4 -2:1 ", "a subtree's walk ends at its root");
	warta_walk_init(&w, t3);
	OK(warta_walk_next(&w, &n) == WARTA_WALK_ENTER && n == t3 && warta_walk_next(&w, &n) == WARTA_WALK_DONE,
	   "a leaf's walk: the leaf, then done");
	g_string_free(order, TRUE);
	warta_node_free(doc);
}

int
main(void)
{
	tree();
	diags();
	walk();
	iterator();
	return harness_done();
}
