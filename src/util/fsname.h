/* fsname.h — file-system helpers of atomic output (output.c): no state of
 * the output registry, so none of them needs the signal handler's care
 * beyond what its comment says. */
#ifndef WARTA_UTIL_FSNAME_H
#define WARTA_UTIL_FSNAME_H

#include <glib.h>
#include <sys/types.h>

/* Can an unnamed (O_TMPFILE) file be named later through /proc/self/fd? */
int fsn_proc_fd_usable(void);
/* Names the unnamed file open as fd "to".  0, or -1 with errno set. */
int fsn_link_unnamed(int fd, const char *to);
/* The process's umask, read once. */
mode_t fsn_umask(void);
/* "DIR/.NAME.PID-new.XXXXXX" beside path, PID the caller's; with old,
 * "…-old.…", the name of a target's previous file set aside (newly
 * allocated, g_free). */
char *fsn_hidden_name(const char *path, int old);
/* After process pid died without undoing its files (SIGKILL, the OOM
 * killer; a batch's parent calls it for its worker): each hidden name pid
 * left in dir undone.  A temporary file ("-new") is removed; a previous
 * file set aside ("-old") is removed when its target is in place (the same
 * file linked twice, or the finished new one), else renamed back over it.
 * Returns how many were undone; one line in msg for each that is kept. */
int fsn_clean_dead(const char *dir, pid_t pid, GString *msg);
/* fsync of the directory that holds path (errors ignored). */
void fsn_sync_dir(const char *path);
/* Random letters over the XXXXXX that ends name. */
void fsn_fill_x(char *name);

#endif
