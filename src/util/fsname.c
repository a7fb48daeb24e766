/* fsname.c — the file-system steps of atomic output (output.c) that hold
 * no state of a file of ours: naming an unnamed file, hidden names beside a
 * target, random letters for them, the umask, syncing a directory, and the
 * hidden names of a process that died without removing them. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsname.h"

/* Whether an unnamed file can be given a name later: linkat() through
 * /proc/self/fd (AT_EMPTY_PATH needs a capability warta does not ask for). */
int
fsn_proc_fd_usable(void)
{
	static gsize once;
	static int ok;

	if (g_once_init_enter(&once)) {
		ok = access("/proc/self/fd", X_OK) == 0;
		g_once_init_leave(&once, 1);
	}
	return ok;
}

/* Gives the unnamed file open as fd the name to: linkat() through
 * /proc/self/fd.  0, or -1 with errno set. */
int
fsn_link_unnamed(int fd, const char *to)
{
	char proc[64];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
}

/* The umask, read once: umask() can only be read by setting it, which must
 * not race with other threads creating files. */
mode_t
fsn_umask(void)
{
	static gsize once;
	static mode_t um;

	if (g_once_init_enter(&once)) {
		um = umask(022);
		umask(um);
		g_once_init_leave(&once, 1);
	}
	return um;
}

/* The longest NAME kept whole in a hidden name: ".NAME.PID-new.XXXXXX"
 * is then at most NAME_MAX (255) with a pid of up to 7 digits. */
#define HIDDEN_BASE 230

/* "DIR/.NAME.PID-new.XXXXXX" (a temporary file) or "DIR/.NAME.PID-old.XXXXXX"
 * (the target's previous file, set aside) beside path, PID the calling
 * process's: a name near NAME_MAX is shortened in the hidden name only, so
 * that it is itself a valid name. */
char *
fsn_hidden_name(const char *path, int old)
{
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	char *s = g_strdup_printf("%s/.%.*s.%ld-%s.XXXXXX", dir, HIDDEN_BASE, base,
	                          (long)getpid(), old ? "old" : "new");

	g_free(dir);
	g_free(base);
	return s;
}

/* Undoes one hidden name of the dead process in dir (open as dfd; see
 * fsn_clean_dead): 1 if it was, 0 if it is kept (said in msg).  Calls
 * relative to the directory (unlinkat, renameat): no path is built. */
static int
clean_one(int dfd, const char *dir, const char *name, size_t base_len, int old, GString *msg)
{
	char *target = g_strndup(name + 1, base_len);
	struct stat st;
	int done = 0;

	if (!old || fstatat(dfd, target, &st, AT_SYMLINK_NOFOLLOW) == 0)
		/* a temporary file; or a previous file whose target is in place
		 * (the same file, linked twice, or the finished new one) */
		done = unlinkat(dfd, name, 0) == 0 || errno == ENOENT;
	else if (errno == ENOENT && base_len < HIDDEN_BASE)
		/* the previous file, moved aside, and its target gone: put back */
		done = renameat(dfd, name, dfd, target) == 0;
	if (!done && old)
		g_string_append_printf(msg, "warta: %s/%s: error: kept: the previous file of %s%s, "
		    "set aside by a process that died\n", dir, name, target,
		    base_len < HIDDEN_BASE ? "" : "… (its name shortened)");
	else if (!done)
		g_string_append_printf(msg, "warta: %s/%s: error: cannot remove the temporary file "
		    "of a process that died: %s\n", dir, name, g_strerror(errno));
	g_free(target);
	return done;
}

int
fsn_clean_dead(const char *dir, pid_t pid, GString *msg)
{
	char tail_new[40], tail_old[40];
	size_t tlen;
	const char *name;
	GDir *d;
	int n = 0, dfd;

	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return 0;
	if (!(d = g_dir_open(dir, 0, NULL))) {
		close(dfd);
		return 0;
	}
	tlen = (size_t)snprintf(tail_new, sizeof tail_new, ".%ld-new.", (long)pid);
	snprintf(tail_old, sizeof tail_old, ".%ld-old.", (long)pid);
	while ((name = g_dir_read_name(d)) != NULL) {
		size_t len = strlen(name), at;

		if (name[0] != '.' || len < 2 + tlen + 6)
			continue;
		at = len - 6 - tlen;
		if (memcmp(name + at, tail_new, tlen) == 0)
			n += clean_one(dfd, dir, name, at - 1, 0, msg);
		else if (memcmp(name + at, tail_old, tlen) == 0)
			n += clean_one(dfd, dir, name, at - 1, 1, msg);
	}
	g_dir_close(d);
	close(dfd);
	return n;
}

/* fsync of the directory that holds path, so that a new name in it lasts
 * (errors ignored: the file itself was synced). */
void
fsn_sync_dir(const char *path)
{
	char *dir = g_path_get_dirname(path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	g_free(dir);
}

/* Random letters over the XXXXXX that ends name. */
void
fsn_fill_x(char *name)
{
	static const char az[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char *x = name + strlen(name) - 6;
	int i;

	for (i = 0; i < 6; i++)
		x[i] = az[g_random_int_range(0, (gint32)sizeof az - 1)];
}
