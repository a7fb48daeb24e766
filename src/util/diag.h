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
};

struct warta_diags {
	GPtrArray *items;        /* of struct warta_diag * */
	int counts[3];           /* per severity, recorded or not */
	int kept[3];             /* per severity, recorded */
	int max;                 /* record at most this many of each severity (but keep
	                          * counting): hostile input cannot fill memory with
	                          * messages, nor warnings crowd out an error; 0: 1000 */
	int missing_glyphs_warn; /* a character no font has is a warning, not an
	                          * error (--missing-glyphs=warn) */
	GMutex lock;
};

void warta_diags_init(struct warta_diags *d);
/* What warta_diags_init gives missing_glyphs_warn from now on, in this
 * process (the command line's --missing-glyphs). */
void warta_diags_missing_glyphs_default(int warn);
void warta_diags_clear(struct warta_diags *d);   /* frees the messages, keeps the list usable */
void warta_diags_fini(struct warta_diags *d);
void warta_diag(struct warta_diags *d, enum warta_severity sev, const char *file,
                int line, int col, const char *fmt, ...) G_GNUC_PRINTF(6, 7);
int warta_diags_errors(const struct warta_diags *d);
/* Messages of severity sev counted but not recorded (past the cap). */
int warta_diags_dropped(const struct warta_diags *d, enum warta_severity sev);
/* "warta: FILE:LINE:COL: warning: message" — caller g_free()s. */
char *warta_diag_format(const struct warta_diag *diag);
/* Moves every message of src to the end of dst (those past dst's cap are
 * counted, not kept). */
void warta_diags_move(struct warta_diags *dst, struct warta_diags *src);

#endif
