/* fuzz_reader.c — libFuzzer harness: arbitrary bytes → the article reader →
 * the JSON writer.  Any crash, leak, UB or hang is a finding (make fuzz), and
 * so is a body read in chunks (cut at every chance) that gives another tree,
 * or another number of messages, than the body read whole.  Source positions
 * are left out of that comparison: where a text repeats and cmark's column
 * cannot be matched (invalid bytes, removed controls), the reader's search
 * for it may settle on another copy, and a chunk boundary changes which. */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/article.h"
#include "article/reader.h"
#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The JSON without its source positions (the lines holding "pos": or
 * "…_pos":). */
static void
drop_positions(GString *s)
{
	GString *o = g_string_sized_new(s->len);
	const char *p = s->str, *e;

	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		if (!g_strstr_len(p, e - p, "pos\": "))
			g_string_append_len(o, p, e - p + (*e ? 1 : 0));
	}
	g_string_assign(s, o->str);
	g_string_free(o, TRUE);
}

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
		/* a long body (over the 3000-byte language sample) is parsed in
		 * chunks: cut at every chance it must read as it reads whole */
		if (size > 3000 && (data[0] & 4)) {
			struct warta_diags d2;
			struct warta_doc *cut;
			GString *s2 = g_string_new(NULL);
			size_t saved = ar_chunk_bytes;

			warta_diags_init(&d2);
			ar_chunk_bytes = 1;
			cut = warta_article_read("fuzz.txt", (const char *)data, size, &opts, &d2);
			ar_chunk_bytes = saved;
			if (cut)
				warta_json_write(cut, s2);
			drop_positions(s);
			drop_positions(s2);
			if (!cut || strcmp(s->str, s2->str) != 0 || d.items->len != d2.items->len) {
				fprintf(stderr, "fuzz_reader: read in chunks, the tree or messages differ\n");
				abort();
			}
			warta_doc_free(cut);
			g_string_free(s2, TRUE);
			warta_diags_fini(&d2);
		}
		g_string_free(s, TRUE);
		warta_doc_free(doc);
	}
	warta_diags_fini(&d);
	return 0;
}
