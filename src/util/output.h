/* output.h — atomic output files: every back end writes through this.
 * Bytes go to a temporary file beside the target; commit fsyncs and renames it
 * over the target, abort unlinks it, so a target is never half-written. */
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
/* From a signal handler: unlink every temporary file still open. Async-signal-safe. */
void warta_output_unlink_all(void);

#endif
