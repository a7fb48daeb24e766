/* test_output.c — unit tests of the atomic outputs (src/util/output.c): commit
 * replaces the target whole, a failed write or an abort leaves the old target
 * and no temporary file, devices are written through and never replaced,
 * warta_output_unlink_all() removes every temporary file still open. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "util/output.h"

static char *dir;

/* Names in dir that start with '.' (temporary files). */
static int
temp_files(void)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int n = 0;

	while (d && (name = g_dir_read_name(d)))
		if (name[0] == '.')
			n++;
	if (d)
		g_dir_close(d);
	return n;
}

static char *
slurp(const char *path)
{
	char *s = NULL;

	if (!g_file_get_contents(path, &s, NULL, NULL))
		return NULL;
	return s;
}

static void
commit_and_abort(void)
{
	char *target = g_build_filename(dir, "out.json", NULL);
	struct warta_diags d;
	struct warta_output *o;
	char *s;

	warta_diags_init(&d);
	g_file_set_contents(target, "old", -1, NULL);

	o = warta_output_open(target, &d);
	OK(o != NULL, "open beside an existing target");
	INT_EQ(temp_files(), 1, "one temporary file while writing");
	warta_output_write(o, "new ", 4);
	s = slurp(target);
	STR_EQ(s, "old", "the target is untouched until commit");
	g_free(s);
	warta_output_write(o, "text", 4);
	INT_EQ(warta_output_commit(o, &d), 0, "commit");
	s = slurp(target);
	STR_EQ(s, "new text", "commit replaces the target whole");
	g_free(s);
	INT_EQ(temp_files(), 0, "no temporary file after commit");

	o = warta_output_open(target, &d);
	warta_output_write(o, "half", 4);
	warta_output_abort(o);
	s = slurp(target);
	STR_EQ(s, "new text", "abort keeps the old target");
	g_free(s);
	INT_EQ(temp_files(), 0, "no temporary file after abort");
	INT_EQ(warta_diags_errors(&d), 0, "no errors so far");
	warta_diags_fini(&d);
	g_free(target);
}

static void
failures(void)
{
	char *target = g_build_filename(dir, "full.json", NULL);
	char *missing = g_build_filename(dir, "no", "such", "dir", "x.json", NULL);
	struct warta_diags d;
	struct warta_output *o;
	struct stat st;

	warta_diags_init(&d);
	g_file_set_contents(target, "old", -1, NULL);
	OK(warta_output_open(missing, &d) == NULL, "a missing directory fails at open");
	OK(warta_output_open(dir, &d) == NULL, "a directory as target fails at open");
	INT_EQ(warta_diags_errors(&d), 2, "each with an error");

	/* a FIFO of our own first: if non-regular targets were ever renamed
	 * over again, this fails and the real devices below are not tried
	 * (as root that would replace /dev/full with a file) */
	{
		char *fifo = g_build_filename(dir, "pipe.json", NULL);
		int rd, safe;
		char buf[8] = "";

		OK(mkfifo(fifo, 0644) == 0, "mkfifo");
		rd = open(fifo, O_RDONLY | O_NONBLOCK);
		o = warta_output_open(fifo, &d);
		OK(o != NULL && warta_output_write(o, "abc", 3) == 0 && warta_output_commit(o, &d) == 0,
		   "a FIFO is written through");
		OK(read(rd, buf, sizeof buf - 1) == 3 && strcmp(buf, "abc") == 0, "the bytes went down the FIFO");
		close(rd);
		safe = stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode);
		OK(safe, "the FIFO is still a FIFO");
		g_free(fifo);
		if (!safe)
			return;
	}
	o = warta_output_open("/dev/full", &d);
	OK(o != NULL, "/dev/full opens as a device target");
	OK(warta_output_write(o, "x", 1) != 0, "a write to /dev/full fails");
	OK(warta_output_write(o, "y", 1) != 0, "and keeps failing");
	OK(warta_output_commit(o, &d) != 0, "commit reports it");
	OK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode), "/dev/full is still a device");
	INT_EQ(temp_files(), 0, "no temporary file after the failures");
	warta_diags_fini(&d);
	g_free(target);
	g_free(missing);
}

static void
unlink_all(void)
{
	struct warta_diags d;
	struct warta_output *o[3];
	char *t[3];
	int i;

	warta_diags_init(&d);
	for (i = 0; i < 3; i++) {
		char name[32];

		g_snprintf(name, sizeof name, "sig%d.epub", i);
		t[i] = g_build_filename(dir, name, NULL);
		o[i] = warta_output_open(t[i], &d);
		warta_output_write(o[i], "partial", 7);
	}
	INT_EQ(temp_files(), 3, "three temporary files open");
	warta_output_unlink_all();
	INT_EQ(temp_files(), 0, "unlink_all removes them all");
	/* what a signal handler leaves behind: the process would die here; the
	 * outputs fail to commit and leave no target */
	for (i = 0; i < 3; i++) {
		OK(warta_output_commit(o[i], &d) != 0, "a commit after unlink_all fails");
		OK(!g_file_test(t[i], G_FILE_TEST_EXISTS), "and makes no target");
		g_free(t[i]);
	}
	{
		char *late = g_build_filename(dir, "late.json", NULL);

		OK(warta_output_open(late, &d) == NULL, "once unlink_all has run, no new temporary file is made");
		INT_EQ(temp_files(), 0, "none");
		g_free(late);
	}
	warta_diags_fini(&d);
}

int
main(void)
{
	dir = g_dir_make_tmp("warta-output-XXXXXX", NULL);
	commit_and_abort();
	failures();
	unlink_all();
	{
		char *cmd = g_strdup_printf("rm -rf '%s'", dir);

		(void)!system(cmd);
		g_free(cmd);
	}
	g_free(dir);
	return harness_done();
}
