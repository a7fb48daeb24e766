/* fuzz.h — what the libFuzzer harnesses (fuzz_*.c) share: the style they set
 * with, loaded once, and the output path of each run. */
#ifndef WARTA_FUZZ_H
#define WARTA_FUZZ_H

#include <glib.h>
#include <unistd.h>

#include "style/style.h"

/* Outputs go to memory-backed /dev/shm when there is one: every run commits
 * (fsync, rename) a real output file. */
static inline const char *
fuzz_tmp_dir(void)
{
	return g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) && access("/dev/shm", W_OK) == 0
	    ? "/dev/shm" : g_get_tmp_dir();
}

/* The shipped a4 style, loaded on the first call; a harness that cannot load
 * it stops (a broken set-up, not a finding). */
static inline struct warta_style *
fuzz_style(struct warta_diags *d)
{
	static struct warta_style *style;

	if (!style) {
		const char *dirs[] = { NULL, NULL };
		char *sd = g_build_filename(warta_data_dir(), "styles", NULL);

		dirs[0] = sd;
		style = warta_style_load("a4", dirs, d);
		g_free(sd);
		if (!style)
			__builtin_trap();
	}
	return style;
}

/* This process's output file with extension ext ("pdf"), made once. */
static inline const char *
fuzz_out_path(const char *ext)
{
	static char *path;

	if (!path)
		path = g_strdup_printf("%s/warta-fuzz-%d.%s", fuzz_tmp_dir(), (int)getpid(), ext);
	return path;
}

#endif
