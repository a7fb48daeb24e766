/* fuzz_epub.c — libFuzzer harness: arbitrary bytes → the article reader → the
 * EPUB writer (into a temporary file, removed after each run). */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "article/article.h"
#include "epub/epub.h"
#include "style/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Outputs go to memory-backed /dev/shm when there is one: every run commits
 * (fsync, rename) a real output file. */
static const char *
tmp_dir(void)
{
	return g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) && access("/dev/shm", W_OK) == 0
	    ? "/dev/shm" : g_get_tmp_dir();
}

static struct warta_style *style;
static char *out_path;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warta_read_opts opts = { 0 };
	struct warta_epub_opts eo = { 0 };
	struct warta_diags d;
	struct warta_doc *doc;

	warta_diags_init(&d);
	if (!style) {
		const char *dirs[] = { NULL, NULL };
		char *sd = g_build_filename(warta_data_dir(), "styles", NULL);

		dirs[0] = sd;
		style = warta_style_load("a4", dirs, &d);
		g_free(sd);
		out_path = g_strdup_printf("%s/warta-fuzz-%d.epub", tmp_dir(), (int)getpid());
		if (!style)
			__builtin_trap();
	}
	doc = warta_article_read("fuzz.txt", (const char *)data, size, &opts, &d);
	if (doc) {
		warta_epub_write(&doc, 1, style, &eo, out_path, &d);
		unlink(out_path);
		warta_doc_free(doc);
	}
	warta_diags_fini(&d);
	return 0;
}
