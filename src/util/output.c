/* output.c — atomic output files (output.h): mkstemp beside the target, write,
 * fsync, rename, fsync the directory.  Keeps a table of open temporary names so
 * a signal handler can remove them (warta_output_unlink_all). */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/output.h"

struct warta_output {
	char *target;
	char *tmp;       /* NULL: written directly (standard output, a device, a pipe) */
	int fd;
	int own_fd;      /* fd is ours to close (a device or a pipe named as target) */
	int err;         /* first errno of a failed write, 0 if none */
	int slot;        /* index in open_tmps, -1 for none */
};

/* Temporary names still open, for warta_output_unlink_all().  A fixed table of
 * fixed buffers so the signal handler reads no freed memory.
 *
 * A signal must not land between mkstemp() and the name's entry in the table
 * (the file would be left behind), so that stretch runs with the termination
 * signals blocked in its thread and counted in `creating`.  The handler (in
 * another thread, or in this one once the signals are unblocked) sets `dying`,
 * waits for `creating` to drop to zero, then unlinks every entry; an open that
 * starts after `dying` is set creates nothing.  Both sides use sequentially
 * consistent atomics, so one of them always sees the other. */
#define MAX_OPEN 256
static char open_tmps[MAX_OPEN][4096];
static int open_used[MAX_OPEN];       /* __atomic */
static int creating;                  /* __atomic: opens between mkstemp and the table */
static int dying;                     /* __atomic: unlink_all has started */
static GMutex open_lock;

static int
register_tmp(const char *path)
{
	int i;

	if (strlen(path) >= sizeof open_tmps[0])
		return -1;
	g_mutex_lock(&open_lock);
	for (i = 0; i < MAX_OPEN; i++) {
		if (!__atomic_load_n(&open_used[i], __ATOMIC_SEQ_CST)) {
			strcpy(open_tmps[i], path);
			__atomic_store_n(&open_used[i], 1, __ATOMIC_SEQ_CST);
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
	__atomic_store_n(&open_used[slot], 0, __ATOMIC_SEQ_CST);
	g_mutex_unlock(&open_lock);
}

void
warta_output_unlink_all(void)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	__atomic_store_n(&dying, 1, __ATOMIC_SEQ_CST);
	/* opens in progress run in other threads (their signals are blocked);
	 * they take microseconds, but never wait more than two seconds */
	for (i = 0; i < 2000 && __atomic_load_n(&creating, __ATOMIC_SEQ_CST) > 0; i++)
		nanosleep(&ms, NULL);
	for (i = 0; i < MAX_OPEN; i++)
		if (__atomic_load_n(&open_used[i], __ATOMIC_SEQ_CST))
			unlink(open_tmps[i]);
}

/* mkstemp() of o->tmp and its entry in the table, safe from the termination
 * signals (see above).  The fd, or -1 with errno set. */
static int
create_tmp(struct warta_output *o)
{
	sigset_t block, old;
	int fd = -1, err = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	__atomic_add_fetch(&creating, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&dying, __ATOMIC_SEQ_CST)) {
		err = EINTR;
	} else if ((fd = g_mkstemp_full(o->tmp, O_WRONLY | O_CLOEXEC, 0644)) < 0) {
		err = errno;
	} else if ((o->slot = register_tmp(o->tmp)) < 0) {
		err = strlen(o->tmp) >= sizeof open_tmps[0] ? ENAMETOOLONG : EMFILE;
		unlink(o->tmp);
		close(fd);
		fd = -1;
	}
	__atomic_sub_fetch(&creating, 1, __ATOMIC_SEQ_CST);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return fd;
}

/* The umask, read once: umask() can only be read by setting it, which must
 * not race with other threads creating files. */
static mode_t
process_umask(void)
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
	if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* /dev/null, /dev/stdout, a FIFO: cannot be replaced by a rename (and
		 * must not be: renaming over /dev/null would destroy the device), so
		 * they are written directly, like standard output */
		o->fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (o->fd < 0) {
			warta_diag(d, WARTA_ERROR, target, 0, 0, "cannot open output: %s",
			           g_strerror(errno));
			goto fail;
		}
		o->own_fd = 1;
		return o;
	}
	dir = g_path_get_dirname(target);
	base = g_path_get_basename(target);
	/* ".NAME.XXXXXX" must itself be a valid name: a target name near
	 * NAME_MAX (255) is shortened in the temporary name only */
	o->tmp = g_strdup_printf("%s/.%.200s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	o->fd = create_tmp(o);
	if (o->fd < 0) {
		warta_diag(d, WARTA_ERROR, target, 0, 0, "cannot create output: %s",
		           errno == EINTR ? "interrupted" : g_strerror(errno));
		goto fail;
	}
	/* give the file the usual 0666 & ~umask */
	if (fchmod(o->fd, 0666 & ~process_umask()) != 0)
		o->err = errno;
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
	/* Always CAIRO_STATUS_SUCCESS (0): cairo 1.16 crashes in
	 * cairo_surface_finish() once a PDF stream's write function has failed
	 * (a full disk, a file-size limit).  The error is kept in the output
	 * (later writes are dropped) and warta_output_commit() reports it. */
	warta_output_write(closure, data, len);
	return 0;
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
	} else if (o->own_fd)
		close(o->fd);
	output_free(o);
}

int
warta_output_commit(struct warta_output *o, struct warta_diags *d)
{
	char *dir;
	int dfd;

	if (!o->tmp) {            /* standard output, a device, a pipe */
		if (o->own_fd && close(o->fd) != 0 && !o->err)
			o->err = errno;
		if (o->err) {
			if (o->own_fd)
				warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
				           g_strerror(o->err));
			else
				warta_diag(d, WARTA_ERROR, NULL, 0, 0,
				           "cannot write to standard output: %s", g_strerror(o->err));
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
