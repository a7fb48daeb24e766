/* fuzz_reader.c — libFuzzer harness: arbitrary bytes → the article reader →
 * the JSON writer.  Any crash, leak, UB or hang is a finding (make fuzz). */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "article/article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warta_read_opts opts = { 0 };
	struct warta_diags d;
	struct warta_doc *doc;

	warta_diags_init(&d);
	/* the first byte also picks options: --repair, and -l en half the time
	 * (language detection dominates a run; the other half still detects) */
	opts.repair = size > 0 && (data[0] & 1);
	opts.lang = size > 0 && (data[0] & 2) ? "en" : NULL;
	doc = warta_article_read("fuzz.txt", (const char *)data, size, &opts, &d);
	if (doc) {
		GString *s = g_string_new(NULL);

		warta_json_write(doc, s);
		g_string_free(s, TRUE);
		warta_doc_free(doc);
	}
	warta_diags_fini(&d);
	return 0;
}
