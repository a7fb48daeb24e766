/* fuzz_pdf.c — libFuzzer harness: arbitrary bytes → the article reader → the
 * print engine (shaping, Knuth–Plass, pages) → a PDF in a temporary file. */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "article/article.h"
#include "render/render.h"
#include "style/style.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct warta_engine *engine;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warta_read_opts opts = { 0 };
	struct warta_render_opts ro = { 0 };
	struct warta_diags d;
	struct warta_doc *doc;
	const struct warta_style *style;
	const char *out_path = fuzz_out_path("pdf");

	warta_diags_init(&d);
	style = fuzz_style(&d);
	if (!engine && !(engine = warta_engine_new(&d)))
		__builtin_trap();
	/* Keep each run short: the print engine is linear, but libFuzzer's default
	 * max_len already bounds the input. */
	doc = warta_article_read("fuzz.txt", (const char *)data, size, &opts, &d);
	if (doc) {
		ro.format = WARTA_PRINT_PDF;
		warta_render(engine, style, &doc, 1, &ro, out_path, NULL, &d);
		unlink(out_path);
		warta_doc_free(doc);
	}
	warta_diags_fini(&d);
	return 0;
}
