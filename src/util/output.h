/* output.h — atomic output files: every back end writes through this.
 * Bytes go to a temporary file beside the target; commit fsyncs and renames it
 * over the target, abort unlinks it, so a target is never half-written.
 * A set (the pages of a PNG/SVG call) puts all its files in place or none. */
#ifndef WARTA_OUTPUT_H
#define WARTA_OUTPUT_H

#include <stddef.h>

#include "util/diag.h"

struct warta_output;

/* Opens a temporary file in target's directory ("-": standard output, written
 * directly).  NULL on error, with the reason in d. */
struct warta_output *warta_output_open(const char *target, struct warta_diags *d);
/* 0, or -1 on a write error (remembered; commit then fails and aborts). */
int warta_output_write(struct warta_output *o, const void *data, size_t len);
/* fsync + rename + fsync of the directory; frees o.  0, or -1 with the reason in d
 * (the temporary file is then removed and the target untouched). */
int warta_output_commit(struct warta_output *o, struct warta_diags *d);
/* Removes the temporary file; frees o.  NULL is ignored. */
void warta_output_abort(struct warta_output *o);
const char *warta_output_target(const struct warta_output *o);
/* For cairo_*_surface_create_for_stream: closure is a struct warta_output *.
 * Returns success even after a write error (cairo 1.16 crashes on one); the
 * error is kept and warta_output_commit() fails with it. */
unsigned int warta_output_cairo_write(void *closure, const unsigned char *data, unsigned int len);

/* A set of outputs put in place together: each is written and closed as
 * soon as it is added (no descriptor stays open, no limit on their number),
 * and none replaces its target before all are added and committed. */
struct warta_output_set;
struct warta_output_set *warta_output_set_new(void);
/* Finishes o (fsync, close) and adds it to the set; frees o.  0, or -1 with
 * the reason in d (a write error, a target that cannot be made): o is then
 * removed, and committing the set fails. */
int warta_output_set_add(struct warta_output_set *s, struct warta_output *o,
    struct warta_diags *d);
/* Renames every file over its target, each previous target set aside until
 * all are in place, then removed; frees s.  0, or -1 with the reason in d:
 * then no file of the set is left and every previous target is back (as
 * far as renames can: if one cannot be put back, d says where it is). */
int warta_output_set_commit(struct warta_output_set *s, struct warta_diags *d);
/* Removes every file of the set; frees s.  NULL is ignored. */
void warta_output_set_abort(struct warta_output_set *s);

/* From a signal handler: unlink every temporary file still open, and undo a
 * set caught half in place (its previous targets put back).  Async-signal-safe.
 * Once called, no output can be opened or committed. */
void warta_output_unlink_all(void);

#endif
