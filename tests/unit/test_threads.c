/* test_threads.c — an edition on two threads (render.c, edition_threads.c):
 * warta_render with opts.threads = 2 gives the bytes of threads = 1 in each
 * make-up, and it did use a second thread: the helper's font map (its own,
 * taken from the engine) is back in the engine's pool afterwards, beside
 * the call's, where one thread leaves one. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "render/engine.h"
#include "style/style.h"

static struct warta_node *
text(const char *t, int line)
{
	struct warta_node *n = warta_node_new(WARTA_NODE_TEXT, line, 1);

	n->text = g_strdup(t);
	return n;
}

/* Article k: a title, a section, paras paragraphs. */
static struct warta_doc *
article(int k, int paras)
{
	char name[32];
	struct warta_doc *doc;

	g_snprintf(name, sizeof name, "a%d.txt", k);
	doc = warta_doc_new(name);
	doc->meta.title = g_strdup_printf("Harbour report number %d", k);
	doc->meta.section = g_strdup(k < 4 ? "City" : "Region");
	doc->meta.lang = g_strdup("en");
	doc->meta.date = g_strdup("2024-10-25");
	for (int i = 0; i < paras; i++) {
		struct warta_node *p = warta_node_new(WARTA_NODE_PARAGRAPH, 10 + i, 1);
		char *t = g_strdup_printf("Paragraph %d of report %d: the harbour authority opened the "
		    "restored night market pier on Thursday, ending a renovation that began in the spring "
		    "and ran well over budget, the council said.", i, k);

		warta_node_append(p, text(t, 10 + i));
		g_free(t);
		warta_node_append(doc->root, p);
	}
	return doc;
}

/* The edition docs set in style with threads, to a file; its bytes, and
 * the engine's idle font maps afterwards in *maps. */
static char *
render(struct warta_doc **docs, size_t n, const struct warta_style *style, enum warta_print_format f,
       int threads, gsize *len, guint *maps)
{
	struct warta_diags d;
	struct warta_engine *e;
	struct warta_render_opts o;
	char *path = g_build_filename(g_get_tmp_dir(), "warta-test-threads.out", NULL), *bytes = NULL;

	warta_diags_init(&d);
	e = warta_engine_new(&d);
	memset(&o, 0, sizeof o);
	o.format = f;
	o.edition_title = "Test edition";
	o.edition_date = "2024-10-25";
	o.threads = threads;
	*len = 0;
	if (e && warta_render(e, style, docs, n, &o, path, NULL, &d) == 0)
		g_file_get_contents(path, &bytes, len, NULL);
	*maps = e ? e->fonts->len : 0;
	remove(path);
	g_free(path);
	warta_engine_free(e);
	warta_diags_fini(&d);
	return bytes;
}

static void
same(struct warta_doc **docs, size_t n, const struct warta_style *style, enum warta_print_format f,
     const char *what)
{
	gsize l1, l2;
	guint m1, m2;
	char *b1 = render(docs, n, style, f, 1, &l1, &m1);
	char *b2 = render(docs, n, style, f, 2, &l2, &m2);

	OK(b1 && b2 && l1 > 0 && l1 == l2 && memcmp(b1, b2, l1) == 0, "%s: threads 2 gives the bytes of 1 "
	    "(%zu and %zu bytes)", what, (size_t)l1, (size_t)l2);
	INT_EQ(m1, 1, "one thread: one font map used");
	INT_EQ(m2, 2, "two threads: the helper's font map used too");
	g_free(b1);
	g_free(b2);
}

int
main(void)
{
	struct warta_diags d;
	char *dir;
	const char *dirs[2];
	struct warta_style *a4, pages;
	struct warta_doc *docs[8];

	warta_diags_init(&d);
	dir = g_build_filename(warta_data_dir(), "styles", NULL);
	dirs[0] = dir;
	dirs[1] = NULL;
	a4 = warta_style_load("a4", dirs, &d);
	OK(a4 != NULL, "the a4 style loads");
	if (a4 == NULL)
		return harness_done();
	for (int k = 0; k < 8; k++)
		docs[k] = article(k, 6 + (k * 5) % 17);
	same(docs, 8, a4, WARTA_PRINT_PDF, "a flow edition (a4), PDF");
	same(docs, 8, a4, WARTA_PRINT_TRACE, "a flow edition (a4), layout trace");
	pages = *a4;
	pages.makeup = WARTA_MAKEUP_PAGES;
	same(docs, 8, &pages, WARTA_PRINT_PDF, "an edition made up as pages, PDF");
	same(docs, 8, &pages, WARTA_PRINT_TRACE, "an edition made up as pages, layout trace");
	for (int k = 0; k < 8; k++)
		warta_doc_free(docs[k]);
	warta_style_free(a4);
	g_free(dir);
	warta_diags_fini(&d);
	return harness_done();
}
