/* diag.h — diagnostics collected by every stage of the library and printed only
 * by the command line: "warta: FILE:LINE:COL: error: message" (mandoc's form).
 * Reads nothing; writes a list of messages, counted by severity. Thread-safe. */
#ifndef WARTA_DIAG_H
#define WARTA_DIAG_H

#include <glib.h>

enum warta_severity {
	WARTA_NOTE,     /* shown with -v only (a dropped boilerplate line, …) */
	WARTA_WARNING,  /* output is still made */
	WARTA_ERROR     /* this input makes no output */
};

struct warta_diag {
	enum warta_severity severity;
	char *file;     /* may be NULL: a message about no file */
	int line, col;  /* 1-based; 0 when unknown */
	char *message;
	int missing_glyph; /* an error about a character no font has
	                    * (warta_diag_missing_glyph): a caller may make it a
	                    * warning (warta_diags_glyphs_warn) */
};

struct warta_diags {
	GPtrArray *items;        /* of struct warta_diag * */
	int counts[3];           /* per severity, recorded or not */
	int kept[3];             /* per severity, recorded */
	int max;                 /* record at most this many of each severity (but keep
	                          * counting): hostile input cannot fill memory with
	                          * messages, nor warnings crowd out an error; 0: 1000 */
	int glyphs_dropped;      /* missing-glyph errors counted, not recorded */
	GMutex lock;
};

void warta_diags_init(struct warta_diags *d);
void warta_diags_clear(struct warta_diags *d);   /* frees the messages, keeps the list usable */
void warta_diags_fini(struct warta_diags *d);
void warta_diag(struct warta_diags *d, enum warta_severity sev, const char *file,
                int line, int col, const char *fmt, ...) G_GNUC_PRINTF(6, 7);
/* An error about characters no font has, marked as such: whether it stays
 * an error is the caller's policy (the print back end's
 * warta_print_set_missing_glyphs), decided after the stage has run. */
void warta_diag_missing_glyph(struct warta_diags *d, const char *file, int line, int col,
                              const char *fmt, ...) G_GNUC_PRINTF(5, 6);
/* Every missing-glyph error of d from message index from on (and of those
 * counted, not recorded, those past dropped_from) becomes a warning.  The
 * state to pass: d->items->len and d->glyphs_dropped before the stage ran. */
void warta_diags_glyphs_warn(struct warta_diags *d, guint from, int dropped_from);
int warta_diags_errors(const struct warta_diags *d);
/* Messages of severity sev counted but not recorded (past the cap). */
int warta_diags_dropped(const struct warta_diags *d, enum warta_severity sev);
/* "warta: FILE:LINE:COL: warning: message" — caller g_free()s. */
char *warta_diag_format(const struct warta_diag *diag);
/* Moves every message of src to the end of dst (those past dst's cap are
 * counted, not kept). */
void warta_diags_move(struct warta_diags *dst, struct warta_diags *src);

#endif
