/* fuzz_epub.c — libFuzzer harness: arbitrary bytes → the article reader → the
 * EPUB writer (into a temporary file, removed after each run). */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "article/article.h"
#include "epub/epub.h"
#include "render/render.h"
#include "style/style.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The books' font set, made once for the run, as a batch makes it. */
static struct warta_engine *engine;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warta_read_opts opts = { 0 };
	struct warta_epub_opts eo = { 0 };
	struct warta_diags d;
	struct warta_doc *doc;
	const struct warta_style *style;
	const char *out_path = fuzz_out_path("epub");

	warta_diags_init(&d);
	style = fuzz_style(&d);
	if (!engine && !(engine = warta_engine_new(&d)))
		__builtin_trap();
	eo.engine = engine;
	doc = warta_article_read("fuzz.txt", (const char *)data, size, &opts, &d);
	if (doc) {
		warta_epub_write(&doc, 1, style, &eo, out_path, &d);
		unlink(out_path);
		warta_doc_free(doc);
	}
	warta_diags_fini(&d);
	return 0;
}
