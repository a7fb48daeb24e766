/* test_output.c — unit tests of the atomic outputs (src/util/output.c): commit
 * replaces the target whole, a failed write or an abort leaves the old target
 * and no temporary file, devices are written through and never replaced,
 * warta_output_unlink_all() removes every temporary file still open; sets
 * put all their files in place or none, with no limit on how many. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "util/fsname.h"
#include "util/output.h"

static char *dir;
static int unnamed;   /* dir's file system has O_TMPFILE: outputs have no name until done */

static int
has_tmpfile(void)
{
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_WRONLY, 0600);

	if (fd >= 0) {
		close(fd);
		return access("/proc/self/fd", X_OK) == 0;
	}
#endif
	return 0;
}

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
	INT_EQ(temp_files(), unnamed ? 0 : 1, unnamed ? "no named file while writing (O_TMPFILE)" :
	       "one temporary file while writing");
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

/* Hundreds of outputs at once (the registry once held 256), and a set of
 * more files than that: all in place, earlier targets replaced, nothing
 * else left. */
static void
many(void)
{
	enum { N = 300, M = 600 };
	struct warta_output *o[N];
	struct warta_output_set *set;
	struct warta_diags d;
	char name[64], *t, *s;
	int i, good = 0;

	warta_diags_init(&d);
	for (i = 0; i < N; i++) {
		g_snprintf(name, sizeof name, "lone%d.json", i);
		t = g_build_filename(dir, name, NULL);
		o[i] = warta_output_open(t, &d);
		if (o[i])
			good++;
		g_free(t);
	}
	INT_EQ(good, N, "300 outputs open at once");
	good = 0;
	for (i = 0; i < N; i++)
		if (o[i] && warta_output_write(o[i], "x", 1) == 0 && warta_output_commit(o[i], &d) == 0)
			good++;
	INT_EQ(good, N, "and all committed");

	set = warta_output_set_new();
	good = 0;
	for (i = 0; i < M; i++) {
		struct warta_output *p;

		g_snprintf(name, sizeof name, "page-%d.svg", i + 1);
		t = g_build_filename(dir, name, NULL);
		if (i % 2 == 0)
			g_file_set_contents(t, "old", -1, NULL);
		g_snprintf(name, sizeof name, "new %d", i + 1);
		p = warta_output_open(t, &d);
		if (p && warta_output_write(p, name, strlen(name)) == 0 && warta_output_set_add(set, p, &d) == 0)
			good++;
		g_free(t);
	}
	INT_EQ(good, M, "600 files added to a set");
	t = g_build_filename(dir, "page-1.svg", NULL);
	s = slurp(t);
	STR_EQ(s, "old", "no target replaced before the commit");
	g_free(s);
	g_free(t);
	/* with O_TMPFILE the first 128 wait unnamed (descriptors open), the
	 * others are named and closed */
	INT_EQ(temp_files(), unnamed ? M - 128 : M, "one temporary file each past those kept unnamed");
	INT_EQ(warta_output_set_commit(set, &d), 0, "commit of the set");
	good = 0;
	for (i = 0; i < M; i++) {
		g_snprintf(name, sizeof name, "page-%d.svg", i + 1);
		t = g_build_filename(dir, name, NULL);
		s = slurp(t);
		g_snprintf(name, sizeof name, "new %d", i + 1);
		if (s && strcmp(s, name) == 0)
			good++;
		g_free(s);
		g_unlink(t);
		g_free(t);
	}
	INT_EQ(good, M, "every file in place");
	INT_EQ(temp_files(), 0, "no temporary file, no earlier target left aside");
	INT_EQ(warta_diags_errors(&d), 0, "no errors");
	for (i = 0; i < N; i++) {
		g_snprintf(name, sizeof name, "lone%d.json", i);
		t = g_build_filename(dir, name, NULL);
		g_unlink(t);
		g_free(t);
	}
	warta_diags_fini(&d);
}

/* A set that fails at its commit (the third target has become a directory)
 * or is aborted: the earlier targets are as they were, nothing is added. */
static void
set_fails(void)
{
	struct warta_output_set *set;
	struct warta_diags d;
	char *t[3], *s;
	int i, round;

	warta_diags_init(&d);
	for (i = 0; i < 3; i++) {
		char name[32];

		g_snprintf(name, sizeof name, "f-%d.png", i + 1);
		t[i] = g_build_filename(dir, name, NULL);
	}
	g_file_set_contents(t[0], "old 1", -1, NULL);
	g_file_set_contents(t[1], "old 2", -1, NULL);
	for (round = 0; round < 2; round++) {
		set = warta_output_set_new();
		for (i = 0; i < 3; i++) {
			struct warta_output *o = warta_output_open(t[i], &d);

			warta_output_write(o, "new", 3);
			warta_output_set_add(set, o, &d);
		}
		if (round == 0) {
			g_mkdir(t[2], 0755);
			OK(warta_output_set_commit(set, &d) < 0, "a set whose last target is a directory fails");
			INT_EQ(warta_diags_errors(&d), 1, "with an error");
			g_rmdir(t[2]);
		} else {
			warta_output_set_abort(set);
		}
		s = slurp(t[0]);
		STR_EQ(s, "old 1", round ? "abort: the first target untouched" : "the first target is put back");
		g_free(s);
		s = slurp(t[1]);
		STR_EQ(s, "old 2", round ? "abort: the second target untouched" : "the second target is put back");
		g_free(s);
		OK(!g_file_test(t[2], G_FILE_TEST_EXISTS), "no new target");
		INT_EQ(temp_files(), 0, "no temporary file");
	}
	for (i = 0; i < 3; i++) {
		g_unlink(t[i]);
		g_free(t[i]);
	}
	warta_diags_fini(&d);
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
	INT_EQ(temp_files(), unnamed ? 0 : 3, "three temporary files open (unnamed with O_TMPFILE)");
	{
		struct warta_output_set *set = warta_output_set_new();
		struct warta_output *p;
		char *pt = g_build_filename(dir, "sig-1.png", NULL);

		p = warta_output_open(pt, &d);
		warta_output_write(p, "page", 4);
		OK(warta_output_set_add(set, p, &d) == 0, "a set's file, closed");
		INT_EQ(temp_files(), unnamed ? 0 : 4, "a set's file: unnamed with O_TMPFILE, else a temporary file");
		g_free(pt);
	}
	warta_output_unlink_all();
	INT_EQ(temp_files(), 0, "unlink_all removes them all, a set's closed file too");
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

/* A writer killed with SIGKILL (the OOM killer) in the middle of its
 * outputs, lone and a set's: no file of its survives it but those it had put
 * in place (issue 15: O_TMPFILE). */
static void
killed(void)
{
	int fds[2], status;
	char c;
	pid_t pid;

	if (!unnamed) {
		printf("ok - SIGKILL leaves no temporary file # SKIP no O_TMPFILE on this file system\n");
		return;
	}
	if (pipe(fds) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		struct warta_diags d;
		struct warta_output *o[3];
		int i;

		warta_diags_init(&d);
		for (i = 0; i < 3; i++) {
			char *t = g_strdup_printf("%s/killed%d.pdf", dir, i);

			o[i] = warta_output_open(t, &d);
			warta_output_write(o[i], "partial", 7);
		}
		{
			char *t = g_strdup_printf("%s/done.json", dir);
			struct warta_output *q = warta_output_open(t, &d);

			warta_output_write(q, "{}", 2);
			warta_output_commit(q, &d);
		}
		{
			struct warta_output_set *set = warta_output_set_new();

			for (i = 0; i < 2; i++) {
				char *t = g_strdup_printf("%s/killed-%d.png", dir, i + 1);
				struct warta_output *q = warta_output_open(t, &d);

				warta_output_write(q, "page", 4);
				warta_output_set_add(set, q, &d);
			}
		}
		(void)!write(fds[1], "x", 1);
		for (;;)
			pause();
	}
	close(fds[1]);
	OK(read(fds[0], &c, 1) == 1, "the writer is writing");
	close(fds[0]);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	OK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer died of SIGKILL");
	INT_EQ(temp_files(), 0, "no temporary file after SIGKILL");
	{
		char *t = g_strdup_printf("%s/done.json", dir), *s = slurp(t);

		STR_EQ(s, "{}", "the output it committed is in place");
		OK(!g_file_test(t, G_FILE_TEST_IS_SYMLINK), "as a file");
		g_unlink(t);
		g_free(s);
		g_free(t);
	}
}

/* What a process that died of SIGKILL left (fsname.h): its hidden names
 * undone by pid, another process's untouched, a previous file whose target
 * is gone put back, one whose target is in place removed. */
static void
dead_names(void)
{
	static const char *const names[] = {
		".a.pdf.4242-new.abcdef",   /* a temporary file: removed */
		".b.png.4242-old.abcdef",   /* b.png gone: put back */
		".c.png.4242-old.abcdef",   /* c.png in place: removed */
		".a.pdf.4243-new.abcdef",   /* another process's: kept */
		".a.pdf.42424-new.abcdef",  /* another pid that starts the same: kept */
		"a.pdf.4242-new.abcdef",    /* not hidden: kept */
	};
	char *sub = g_build_filename(dir, "dead", NULL), *p, *s;
	GString *msg = g_string_new(NULL);
	size_t i;

	g_mkdir(sub, 0755);
	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		p = g_build_filename(sub, names[i], NULL);
		g_file_set_contents(p, names[i], -1, NULL);
		g_free(p);
	}
	p = g_build_filename(sub, "c.png", NULL);
	g_file_set_contents(p, "new c", -1, NULL);
	g_free(p);
	INT_EQ(fsn_clean_dead(sub, 4242, msg), 3, "three names of pid 4242 undone");
	STR_EQ(msg->str, "", "nothing kept");
	p = g_build_filename(sub, "b.png", NULL);
	s = slurp(p);
	STR_EQ(s, ".b.png.4242-old.abcdef", "a previous file moved aside is put back");
	g_free(s);
	g_free(p);
	p = g_build_filename(sub, "c.png", NULL);
	s = slurp(p);
	STR_EQ(s, "new c", "a finished target stays");
	g_free(s);
	g_free(p);
	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		p = g_build_filename(sub, names[i], NULL);
		INT_EQ(g_file_test(p, G_FILE_TEST_EXISTS), i >= 3, names[i]);
		g_free(p);
	}
	p = fsn_hidden_name("d/x.pdf", 1);
	s = g_strdup_printf("d/.x.pdf.%ld-old.XXXXXX", (long)getpid());
	STR_EQ(p, s, "a previous file's hidden name carries the pid");
	g_free(s);
	g_free(p);
	g_string_free(msg, TRUE);
	g_free(sub);
}

int
main(void)
{
	dir = g_dir_make_tmp("warta-output-XXXXXX", NULL);
	unnamed = has_tmpfile();
	killed();
	commit_and_abort();
	failures();
	many();
	set_fails();
	unlink_all();
	dead_names();
	{
		char *cmd = g_strdup_printf("rm -rf '%s'", dir);

		(void)!system(cmd);
		g_free(cmd);
	}
	g_free(dir);
	return harness_done();
}
