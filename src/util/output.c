/* output.c — atomic output files (output.h): mkstemp beside the target, write,
 * fsync, rename, fsync the directory.  Keeps a table of open temporary names so
 * a signal handler can remove them (warta_output_unlink_all). */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/output.h"

struct warta_output {
	char *target;
	char *tmp;       /* NULL for standard output */
	int fd;
	int err;         /* first errno of a failed write, 0 if none */
	int slot;        /* index in open_tmps, -1 for none */
};

/* Temporary names still open, for warta_output_unlink_all().  A fixed table of
 * fixed buffers so the signal handler reads no freed memory. */
#define MAX_OPEN 256
static char open_tmps[MAX_OPEN][4096];
static volatile sig_atomic_t open_used[MAX_OPEN];
static GMutex open_lock;

static int
register_tmp(const char *path)
{
	int i;

	if (strlen(path) >= sizeof open_tmps[0])
		return -1;
	g_mutex_lock(&open_lock);
	for (i = 0; i < MAX_OPEN; i++) {
		if (!open_used[i]) {
			strcpy(open_tmps[i], path);
			open_used[i] = 1;
			g_mutex_unlock(&open_lock);
			return i;
		}
	}
	g_mutex_unlock(&open_lock);
	return -1;
}

static void
unregister_tmp(int slot)
{
	if (slot < 0)
		return;
	g_mutex_lock(&open_lock);
	open_used[slot] = 0;
	g_mutex_unlock(&open_lock);
}

void
warta_output_unlink_all(void)
{
	int i;

	for (i = 0; i < MAX_OPEN; i++)
		if (open_used[i])
			unlink(open_tmps[i]);
}

struct warta_output *
warta_output_open(const char *target, struct warta_diags *d)
{
	struct warta_output *o;
	char *dir, *base;
	struct stat st;

	o = g_new0(struct warta_output, 1);
	o->target = g_strdup(target);
	o->slot = -1;
	if (strcmp(target, "-") == 0) {
		o->fd = STDOUT_FILENO;
		return o;
	}
	if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
		warta_diag(d, WARTA_ERROR, target, 0, 0, "output is a directory");
		goto fail;
	}
	dir = g_path_get_dirname(target);
	base = g_path_get_basename(target);
	o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	o->fd = g_mkstemp_full(o->tmp, O_WRONLY | O_CLOEXEC, 0644);
	if (o->fd < 0) {
		warta_diag(d, WARTA_ERROR, target, 0, 0, "cannot create output: %s",
		           g_strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; give the file the usual 0666 & ~umask. */
	{
		mode_t um = umask(0);

		umask(um);
		if (fchmod(o->fd, 0666 & ~um) != 0)
			o->err = errno;
	}
	o->slot = register_tmp(o->tmp);
	return o;
fail:
	g_free(o->tmp);
	g_free(o->target);
	g_free(o);
	return NULL;
}

int
warta_output_write(struct warta_output *o, const void *data, size_t len)
{
	const char *p = data;

	if (o->err)
		return -1;
	while (len > 0) {
		ssize_t n = write(o->fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			o->err = errno;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

unsigned int
warta_output_cairo_write(void *closure, const unsigned char *data, unsigned int len)
{
	/* CAIRO_STATUS_SUCCESS is 0, CAIRO_STATUS_WRITE_ERROR is 11 (cairo.h). */
	return warta_output_write(closure, data, len) == 0 ? 0 : 11;
}

const char *
warta_output_target(const struct warta_output *o)
{
	return o->target;
}

static void
output_free(struct warta_output *o)
{
	unregister_tmp(o->slot);
	g_free(o->tmp);
	g_free(o->target);
	g_free(o);
}

void
warta_output_abort(struct warta_output *o)
{
	if (!o)
		return;
	if (o->tmp) {
		close(o->fd);
		unlink(o->tmp);
	}
	output_free(o);
}

int
warta_output_commit(struct warta_output *o, struct warta_diags *d)
{
	char *dir;
	int dfd;

	if (!o->tmp) {            /* standard output */
		if (o->err) {
			warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot write to standard output: %s",
			           g_strerror(o->err));
			output_free(o);
			return -1;
		}
		output_free(o);
		return 0;
	}
	if (!o->err && fsync(o->fd) != 0 && errno != EINVAL)
		o->err = errno;
	if (close(o->fd) != 0 && !o->err)
		o->err = errno;
	o->fd = -1;
	if (o->err) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
		           g_strerror(o->err));
		goto fail;
	}
	if (rename(o->tmp, o->target) != 0) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
		           g_strerror(errno));
		goto fail;
	}
	unregister_tmp(o->slot);
	o->slot = -1;
	dir = g_path_get_dirname(o->target);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	g_free(dir);
	output_free(o);
	return 0;
fail:
	unlink(o->tmp);
	output_free(o);
	return -1;
}
