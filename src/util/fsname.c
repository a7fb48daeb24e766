/* fsname.c — the file-system steps of atomic output (output.c) that hold
 * no state of a file of ours: naming an unnamed file, hidden names beside a
 * target, random letters for them, the umask, syncing a directory. */
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

/* "DIR/.NAME.XXXXXX" beside path: a name near NAME_MAX (255) is shortened
 * in the temporary name only, so that it is itself a valid name. */
char *
fsn_hidden_name(const char *path)
{
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	char *s = g_strdup_printf("%s/.%.200s.XXXXXX", dir, base);

	g_free(dir);
	g_free(base);
	return s;
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
