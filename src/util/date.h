/* date.h — dates shared by every stage: calendar dates written YYYY-MM-DD
 * (front matter, date lines, --edition-date) and SOURCE_DATE_EPOCH
 * (reproducible builds, https://reproducible-builds.org/specs/source-date-epoch/).
 * Reads strings and the environment; writes nothing. */
#ifndef WARTA_DATE_H
#define WARTA_DATE_H

#include <glib.h>

/* The latest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z. */
#define WARTA_EPOCH_MAX G_GINT64_CONSTANT(253402300799)

/* 1 when s is exactly "YYYY-MM-DD": ten characters, ASCII digits only (no
 * sign, no space), a day that exists, year 0001–9999. */
int warta_date_valid(const char *s);
/* Parses "YYYY-MM-DD" into *y, *m, *d (any may be NULL); 1, or 0 when not
 * warta_date_valid. */
int warta_date_parse(const char *s, int *y, int *m, int *d);
/* SOURCE_DATE_EPOCH: 0 when unset or empty; 1 with *t when it is a decimal
 * number of seconds from 0 to WARTA_EPOCH_MAX (digits only); -1 otherwise
 * (letters, a sign, spaces, out of range).  t may be NULL. */
int warta_source_date_epoch(gint64 *t);
/* t (0 … WARTA_EPOCH_MAX) as "YYYY-MM-DDTHH:MM:SSZ" or, with date_only,
 * "YYYY-MM-DD"; NULL when out of range.  g_free(). */
char *warta_date_format_epoch(gint64 t, int date_only);

#endif
