/* output.c — atomic output files (output.h): an unnamed file in the
 * target's directory (Linux O_TMPFILE), written (buffered), fsync'd, then
 * given its name with linkat (straight as the target when there is none,
 * else a hidden name renamed over it at once), fsync of the directory; where
 * the file system has no O_TMPFILE, mkstemp beside the target as before.  An
 * unnamed file cannot outlive its writer, however it dies (SIGKILL, the OOM
 * killer).  Sets of files (PNG/SVG pages) put in place all together or not
 * at all.  Keeps a registry of what a signal would
 * have to undo (warta_output_unlink_all). */
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

#include "util/fsname.h"
#include "util/output.h"

/* What a file of ours is, for the signal handler's undoing:
 * R_TMP     only the temporary file exists: unlink it;
 * R_LINKED  bak is a second link of the target's previous file: unlink tmp
 *           and bak (the target is still the previous file);
 * R_MOVED   the previous file was renamed to bak: unlink tmp, rename bak back;
 * R_IN      tmp is now the target: while its set is not done, rename bak back
 *           over it (or unlink it if there was no previous file); once the
 *           set is done, unlink bak. */
enum { R_TMP, R_LINKED, R_MOVED, R_IN };

struct rec {
	struct rec *prev, *next;        /* the registry, while listed */
	char *tmp;                      /* the temporary file's name, once it has one */
	int named;                      /* 0: an unnamed O_TMPFILE, nothing on disk to undo */
	int fd;                         /* a set's unnamed file, kept open until the commit; -1 */
	char *target;
	char *bak;                      /* a set's previous target, put aside; NULL if none */
	int phase;                      /* R_* */
	struct warta_output_set *set;   /* NULL: a lone output */
};

struct warta_output {
	char *target;
	int fd;
	int own_fd;      /* fd is ours to close (a device or a pipe named as target) */
	int err;         /* first errno of a failed write, 0 if none */
	struct rec *rec; /* its temporary file; NULL: written directly (standard
	                  * output, a device, a pipe) */
	char *buf;       /* OUT_BUF bytes written and not yet passed to write(2) */
	size_t blen;
};

/* Cairo hands its PDF over in pieces of a few bytes: one write(2) each was
 * some 700 system calls an article.  Only temporary files are buffered. */
#define OUT_BUF 65536

struct warta_output_set {
	GPtrArray *recs;  /* struct rec *, in the order added */
	int done;         /* every file is in place: a signal keeps them */
	int failed;       /* a file could not be added */
	int open;         /* files kept open and unnamed (at most SET_OPEN) */
};

/* A set's files stay unnamed, their descriptors open, until the set is
 * committed: up to this many; later ones are named as they are added. */
#define SET_OPEN 128

/* The registry: a list of every file of ours a signal would have to undo,
 * however many (no descriptor stays open for a set's finished file).
 *
 * Every change to the files on disk that the registry describes, and every
 * change to the registry itself, happens in a "stretch": with the
 * termination signals blocked in its thread, counted in `busy`, under
 * reg_lock.  The signal handler (in another thread, or in this one once the
 * signals are unblocked) sets `dying`, waits for `busy` to drop to zero, then
 * walks the list and undoes what each record says; a stretch that starts
 * after `dying` is set does nothing (its caller leaves everything to the
 * handler, even its memory).  Both sides use sequentially consistent
 * atomics, so one of them always sees the other, and the handler never
 * reads a record that is being changed or freed. */
static struct rec *reg_head;
static int busy;                      /* __atomic: stretches in progress */
static int dying;                     /* __atomic: unlink_all has started */
static GMutex reg_lock;

struct stretch {
	sigset_t old;
};

/* Enters a stretch: 0, or -1 (nothing entered) once a signal is being handled. */
static int
stretch_enter(struct stretch *s)
{
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &block, &s->old);
	__atomic_add_fetch(&busy, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&dying, __ATOMIC_SEQ_CST)) {
		__atomic_sub_fetch(&busy, 1, __ATOMIC_SEQ_CST);
		pthread_sigmask(SIG_SETMASK, &s->old, NULL);
		return -1;
	}
	g_mutex_lock(&reg_lock);
	return 0;
}

static void
stretch_leave(struct stretch *s)
{
	g_mutex_unlock(&reg_lock);
	__atomic_sub_fetch(&busy, 1, __ATOMIC_SEQ_CST);
	pthread_sigmask(SIG_SETMASK, &s->old, NULL);
}

/* In a stretch. */
static void
reg_add(struct rec *r)
{
	r->prev = NULL;
	r->next = reg_head;
	if (reg_head)
		reg_head->prev = r;
	reg_head = r;
}

/* In a stretch. */
static void
reg_remove(struct rec *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		reg_head = r->next;
	if (r->next)
		r->next->prev = r->prev;
	r->prev = r->next = NULL;
}

static void
rec_free(struct rec *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	g_free(r->tmp);
	g_free(r->target);
	g_free(r->bak);
	g_free(r);
}

/* r->tmp's file and its entry in the registry, safe from the termination
 * signals (see above): an unnamed O_TMPFILE in the target's directory
 * (r->named 0), else mkstemp() of r->tmp.  The fd, or -1 with errno set. */
static int
create_tmp(struct rec *r)
{
	struct stretch s;
	int fd = -1, err;

	if (stretch_enter(&s) < 0) {
		errno = EINTR;
		return -1;
	}
#ifdef O_TMPFILE
	if (fsn_proc_fd_usable()) {
		char *dir = g_path_get_dirname(r->target);

		fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
		g_free(dir);
		r->named = 0;
	}
#endif
	if (fd < 0) {
		/* no O_TMPFILE here (EOPNOTSUPP, EISDIR on old kernels), or
		 * another error mkstemp will report the same way */
		fd = g_mkstemp_full(r->tmp, O_WRONLY | O_CLOEXEC, 0644);
		r->named = fd >= 0;
	}
	err = errno;
	if (fd >= 0)
		reg_add(r);
	stretch_leave(&s);
	errno = err;
	return fd;
}

/* Names r's unnamed file (fd) with a fresh hidden name beside the target,
 * in a stretch the caller holds.  0, or -1 with errno set. */
static int
name_unnamed(struct rec *r, int fd)
{
	int i;

	for (i = 0; i < 100; i++) {
		fsn_fill_x(r->tmp);
		if (fsn_link_unnamed(fd, r->tmp) == 0) {
			r->named = 1;
			return 0;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

struct warta_output *
warta_output_open(const char *target, struct warta_diags *d)
{
	struct warta_output *o;
	struct stat st;
	struct rec *r;

	o = g_new0(struct warta_output, 1);
	o->target = g_strdup(target);
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
	r = g_new0(struct rec, 1);
	r->fd = -1;
	r->tmp = fsn_hidden_name(target, 0);
	r->target = g_strdup(target);
	r->phase = R_TMP;
	o->fd = create_tmp(r);
	if (o->fd < 0) {
		warta_diag(d, WARTA_ERROR, target, 0, 0, "cannot create output: %s",
		           errno == EINTR ? "interrupted" : g_strerror(errno));
		rec_free(r);
		goto fail;
	}
	o->rec = r;
	/* give the file the usual 0666 & ~umask */
	if (fchmod(o->fd, 0666 & ~fsn_umask()) != 0)
		o->err = errno;
	return o;
fail:
	g_free(o->target);
	g_free(o);
	return NULL;
}

static int
write_all(struct warta_output *o, const char *p, size_t len)
{
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

/* What o's buffer holds, written out. */
static int
out_flush(struct warta_output *o)
{
	size_t n = o->blen;

	o->blen = 0;
	if (o->err)
		return -1;
	return n > 0 ? write_all(o, o->buf, n) : 0;
}

int
warta_output_write(struct warta_output *o, const void *data, size_t len)
{
	if (o->err)
		return -1;
	if (o->rec == NULL)       /* a pipe or a device: as it comes, errors at once */
		return write_all(o, data, len);
	if (o->blen + len > OUT_BUF && out_flush(o) < 0)
		return -1;
	if (len >= OUT_BUF)
		return write_all(o, data, len);
	if (o->buf == NULL)
		o->buf = g_malloc(OUT_BUF);
	memcpy(o->buf + o->blen, data, len);
	o->blen += len;
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

/* Unlinks r's temporary file and drops it from the registry, in a stretch;
 * frees r.  Once a signal is being handled, leaves both to the handler. */
static void
rec_discard(struct rec *r)
{
	struct stretch s;

	if (stretch_enter(&s) < 0)
		return;
	if (r->named)
		unlink(r->tmp);
	reg_remove(r);
	stretch_leave(&s);
	rec_free(r);
}

void
warta_output_abort(struct warta_output *o)
{
	if (!o)
		return;
	if (o->rec) {
		close(o->fd);
		rec_discard(o->rec);
	} else if (o->own_fd) {
		close(o->fd);
	}
	g_free(o->buf);
	g_free(o->target);
	g_free(o);
}

/* Standard output, a device, a pipe: closes what is ours, reports a write
 * error; frees o. */
static int
finish_direct(struct warta_output *o, struct warta_diags *d)
{
	int rc = 0;

	out_flush(o);
	if (o->own_fd && close(o->fd) != 0 && !o->err)
		o->err = errno;
	if (o->err) {
		if (o->own_fd)
			warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
			           g_strerror(o->err));
		else
			warta_diag(d, WARTA_ERROR, NULL, 0, 0,
			           "cannot write to standard output: %s", g_strerror(o->err));
		rc = -1;
	}
	g_free(o->buf);
	g_free(o->target);
	g_free(o);
	return rc;
}

/* fsync of o's temporary file: 0, or -1 with the reason in d (the file
 * then closed). */
static int
sync_tmp(struct warta_output *o, struct warta_diags *d)
{
	out_flush(o);
	g_free(o->buf);
	o->buf = NULL;
	if (!o->err && fsync(o->fd) != 0 && errno != EINVAL)
		o->err = errno;
	if (o->err) {
		close(o->fd);
		o->fd = -1;
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
		           g_strerror(o->err));
		return -1;
	}
	return 0;
}

/* fsync and close of o's temporary file, named first if it was unnamed
 * (a set's files wait for the others with their names, their descriptors
 * closed): 0, or -1 with the reason in d. */
static int
finish_tmp(struct warta_output *o, struct warta_diags *d)
{
	struct stretch s;
	int err = 0;

	if (sync_tmp(o, d) < 0)
		return -1;
	if (!o->rec->named) {
		if (stretch_enter(&s) < 0) {
			err = EINTR;
		} else {
			if (name_unnamed(o->rec, o->fd) < 0)
				err = errno;
			stretch_leave(&s);
		}
	}
	if (close(o->fd) != 0 && !err)
		err = errno;
	o->fd = -1;
	if (err) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
		           err == EINTR ? "interrupted" : g_strerror(err));
		return -1;
	}
	return 0;
}

/* Puts o's unnamed file in place as its target and closes it: linkat()
 * straight to the target when there is none (no name but the finished
 * file's ever exists), else to a hidden name renamed over the target within
 * the same stretch.  0, or -1 with the reason in d. */
static int
commit_unnamed(struct warta_output *o, struct warta_diags *d)
{
	struct rec *r = o->rec;
	struct stretch s;
	int err = 0, closed;

	if (sync_tmp(o, d) < 0) {
		rec_discard(r);
		return -1;
	}
	if (stretch_enter(&s) < 0) {
		close(o->fd);
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: interrupted");
		return -1;        /* the signal handler has nothing of it to remove */
	}
	if (fsn_link_unnamed(o->fd, r->target) != 0) {
		if (errno != EEXIST)
			err = errno;
		else if (name_unnamed(r, o->fd) != 0)
			err = errno;
		else if (rename(r->tmp, r->target) != 0) {
			err = errno;
			unlink(r->tmp);
		}
	}
	reg_remove(r);
	stretch_leave(&s);
	closed = close(o->fd);
	if (closed != 0 && !err)
		err = errno;   /* linked already: a late error still fails the output */
	rec_free(r);
	if (err) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
		           g_strerror(err));
		return -1;
	}
	fsn_sync_dir(o->target);
	return 0;
}

int
warta_output_commit(struct warta_output *o, struct warta_diags *d)
{
	struct rec *r = o->rec;
	struct stretch s;
	int rc = 0, err = 0;

	if (!r)                   /* standard output, a device, a pipe */
		return finish_direct(o, d);
	if (!r->named) {
		rc = commit_unnamed(o, d);
		g_free(o->target);
		g_free(o);
		return rc;
	}
	if (finish_tmp(o, d) < 0) {
		rc = -1;
		rec_discard(r);
	} else if (stretch_enter(&s) < 0) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: interrupted");
		rc = -1;          /* the signal handler removes the file */
	} else {
		if (rename(r->tmp, r->target) != 0) {
			err = errno;
			unlink(r->tmp);
		}
		reg_remove(r);
		stretch_leave(&s);
		rec_free(r);
		if (err) {
			warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
			           g_strerror(err));
			rc = -1;
		} else {
			fsn_sync_dir(o->target);
		}
	}
	g_free(o->target);
	g_free(o);
	return rc;
}

/* ------------------------------------------------------------ sets */

/* Undoes what r's phase says (see R_*): what the signal handler does, and
 * what a failed set does with each of its files.  Only unlink() and
 * rename(): async-signal-safe.  -1 if the previous target could not be
 * put back (it then stays at r->bak). */
static int
undo(const struct rec *r)
{
	switch (r->phase) {
	case R_TMP:
		if (r->named)
			unlink(r->tmp);
		break;
	case R_LINKED:
		unlink(r->tmp);
		unlink(r->bak);
		break;
	case R_MOVED:
		unlink(r->tmp);
		if (rename(r->bak, r->target) != 0)
			return -1;
		break;
	case R_IN:
		if (r->set && __atomic_load_n(&r->set->done, __ATOMIC_SEQ_CST)) {
			if (r->bak)
				unlink(r->bak);
		} else if (r->bak) {
			if (rename(r->bak, r->target) != 0)
				return -1;
		} else {
			unlink(r->target);
		}
		break;
	}
	return 0;
}

void
warta_output_unlink_all(void)
{
	struct timespec ms = { 0, 1000000 };
	struct rec *r;
	int i;

	__atomic_store_n(&dying, 1, __ATOMIC_SEQ_CST);
	/* stretches in progress run in other threads (their signals are
	 * blocked); each is a few system calls, but never wait more than two
	 * seconds */
	for (i = 0; i < 2000 && __atomic_load_n(&busy, __ATOMIC_SEQ_CST) > 0; i++)
		nanosleep(&ms, NULL);
	/* undo() is idempotent: a second handler (another signal, in another
	 * thread) may walk the list at the same time */
	for (r = reg_head; r; r = r->next)
		undo(r);
}

struct warta_output_set *
warta_output_set_new(void)
{
	struct warta_output_set *set = g_new0(struct warta_output_set, 1);

	set->recs = g_ptr_array_new();
	return set;
}

int
warta_output_set_add(struct warta_output_set *set, struct warta_output *o,
    struct warta_diags *d)
{
	struct rec *r = o->rec;
	struct stretch s;
	struct stat st;

	if (!r) {                 /* written directly: nothing to put in place */
		if (finish_direct(o, d) < 0)
			set->failed = 1;
		return set->failed ? -1 : 0;
	}
	/* a target that cannot be made (its name too long, a part of its path
	 * not a directory) fails now, before the other files are made */
	if (lstat(r->target, &st) != 0 && errno != ENOENT) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: %s",
		           g_strerror(errno));
		warta_output_abort(o);
		set->failed = 1;
		return -1;
	}
	if (!r->named && set->open < SET_OPEN) {
		/* kept open and unnamed until the commit */
		if (sync_tmp(o, d) < 0) {
			rec_discard(r);
			set->failed = 1;
		} else if (stretch_enter(&s) < 0) {
			close(o->fd);
			warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: interrupted");
			set->failed = 1;
		} else {
			r->fd = o->fd;
			r->set = set;
			set->open++;
			stretch_leave(&s);
			g_ptr_array_add(set->recs, r);
		}
	} else if (finish_tmp(o, d) < 0) {
		rec_discard(r);
		set->failed = 1;
	} else if (stretch_enter(&s) < 0) {
		warta_diag(d, WARTA_ERROR, o->target, 0, 0, "cannot write output: interrupted");
		set->failed = 1;  /* the signal handler removes the file */
	} else {
		r->set = set;
		stretch_leave(&s);
		g_ptr_array_add(set->recs, r);
	}
	g_free(o->target);
	g_free(o);
	return set->failed ? -1 : 0;
}

/* Puts r's existing target aside as r->bak, so that it can come back if
 * the set fails: a second hard link (the target stays in place until the
 * new file is renamed over it), or where hard links cannot be made (a file
 * system without them, another user's file under protected_hardlinks), a
 * rename to an empty file made for it.  0; -1 with the reason in d; -2 if a
 * signal is being handled. */
static int
put_aside(struct rec *r, struct warta_diags *d)
{
	char *bak = fsn_hidden_name(r->target, 1);
	struct stretch s;
	int i, fd, err = 0;

	for (i = 0; i < 100; i++) {
		fsn_fill_x(bak);
		if (stretch_enter(&s) < 0) {
			g_free(bak);
			return -2;
		}
		if (linkat(AT_FDCWD, r->target, AT_FDCWD, bak, 0) == 0) {
			r->bak = bak;
			r->phase = R_LINKED;
			stretch_leave(&s);
			return 0;
		}
		err = errno;
		stretch_leave(&s);
		if (err != EEXIST)
			break;
	}
	if (err != ENOENT) {
		memcpy(bak + strlen(bak) - 6, "XXXXXX", 6);
		if (stretch_enter(&s) < 0) {
			g_free(bak);
			return -2;
		}
		err = 0;
		if ((fd = g_mkstemp_full(bak, O_WRONLY | O_CLOEXEC, 0600)) < 0) {
			err = errno;
		} else {
			close(fd);
			if (rename(r->target, bak) == 0) {
				r->bak = bak;
				r->phase = R_MOVED;
			} else {
				err = errno;
				unlink(bak);
			}
		}
		stretch_leave(&s);
		if (r->bak)
			return 0;
	}
	g_free(bak);
	if (err == ENOENT)        /* gone meanwhile: nothing to keep */
		return 0;
	warta_diag(d, WARTA_ERROR, r->target, 0, 0, "cannot set the previous file aside: %s",
	           g_strerror(err));
	return -1;
}

/* fsync of each directory the set's files are in (once for a run of
 * files in the same one). */
static void
sync_dirs(struct warta_output_set *set)
{
	char *dir, *last = NULL;
	guint k;

	for (k = 0; k < set->recs->len; k++) {
		struct rec *r = g_ptr_array_index(set->recs, k);

		dir = g_path_get_dirname(r->target);
		if (!last || strcmp(dir, last) != 0)
			fsn_sync_dir(r->target);
		g_free(last);
		last = dir;
	}
	g_free(last);
}

/* Undoes every file of the set (see undo()), drops them from the registry
 * and frees the set; the directories are synced.  -1 with the reason in d
 * if a previous target could not be put back (it then keeps its other
 * name, said in d). */
static int
set_undo(struct warta_output_set *set, struct warta_diags *d)
{
	struct stretch s;
	int rc = 0, bad, err;
	guint k;

	for (k = 0; k < set->recs->len; k++) {
		struct rec *r = g_ptr_array_index(set->recs, k);

		if (stretch_enter(&s) < 0)
			return -1;        /* the signal handler undoes the rest */
		bad = undo(r);
		err = errno;
		reg_remove(r);
		stretch_leave(&s);
		if (bad) {
			warta_diag(d, WARTA_ERROR, r->target, 0, 0,
			    "cannot put the previous file back: %s; it is kept as %s",
			    g_strerror(err), r->bak);
			rc = -1;
		}
	}
	sync_dirs(set);
	for (k = 0; k < set->recs->len; k++)
		rec_free(g_ptr_array_index(set->recs, k));
	g_ptr_array_free(set->recs, TRUE);
	g_free(set);
	return rc;
}

void
warta_output_set_abort(struct warta_output_set *set)
{
	if (set)
		set_undo(set, NULL);
}

int
warta_output_set_commit(struct warta_output_set *set, struct warta_diags *d)
{
	struct stretch s;
	struct stat st;
	int rc = 0, err;
	guint k;

	if (set->failed) {
		set_undo(set, d);
		return -1;
	}
	/* each file in place, its previous target set aside */
	for (k = 0; k < set->recs->len && rc == 0; k++) {
		struct rec *r = g_ptr_array_index(set->recs, k);

		if (lstat(r->target, &st) == 0 && S_ISDIR(st.st_mode)) {
			warta_diag(d, WARTA_ERROR, r->target, 0, 0, "output is a directory");
			rc = -1;
			break;
		}
		if (r->fd >= 0) {
			/* an unnamed file: named now, beside its target */
			if (stretch_enter(&s) < 0) {
				rc = -2;
				break;
			}
			err = name_unnamed(r, r->fd) < 0 ? errno : 0;
			stretch_leave(&s);
			close(r->fd);
			r->fd = -1;
			if (err) {
				warta_diag(d, WARTA_ERROR, r->target, 0, 0, "cannot write output: %s",
				           g_strerror(err));
				rc = -1;
				break;
			}
		}
		if ((rc = put_aside(r, d)) != 0)
			break;
		if (stretch_enter(&s) < 0) {
			rc = -2;
			break;
		}
		err = 0;
		if (rename(r->tmp, r->target) == 0)
			r->phase = R_IN;
		else
			err = errno;
		stretch_leave(&s);
		if (err) {
			warta_diag(d, WARTA_ERROR, r->target, 0, 0, "cannot write output: %s",
			           g_strerror(err));
			rc = -1;
		}
	}
	if (rc == -2) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot write output: interrupted");
		return -1;        /* the signal handler undoes the set */
	}
	if (rc < 0) {
		set_undo(set, d);
		return -1;
	}
	/* all in place: made durable, then the set is done, then the previous
	 * files go */
	sync_dirs(set);
	if (stretch_enter(&s) < 0) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot write output: interrupted");
		return -1;
	}
	__atomic_store_n(&set->done, 1, __ATOMIC_SEQ_CST);
	stretch_leave(&s);
	set_undo(set, d);     /* R_IN of a done set: unlinks the previous files */
	return 0;
}
