/* date.c — dates (date.h): validates YYYY-MM-DD strings and reads
 * SOURCE_DATE_EPOCH for every stage, so that the reader, the print engine,
 * the EPUB writer and the command line agree on what a date is. */
#include <string.h>

#include "util/date.h"

int
warta_date_parse(const char *s, int *y, int *m, int *d)
{
	int i, yy, mm, dd;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
			return 0;
	yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	mm = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < 1 || !g_date_valid_dmy((GDateDay)dd, (GDateMonth)mm, (GDateYear)yy))
		return 0;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return 1;
}

int
warta_date_valid(const char *s)
{
	return warta_date_parse(s, NULL, NULL, NULL);
}

int
warta_source_date_epoch(gint64 *t)
{
	const char *s = g_getenv("SOURCE_DATE_EPOCH");
	guint64 v;

	if (s == NULL || *s == '\0')
		return 0;
	/* digits only: g_ascii_string_to_unsigned also refuses signs, spaces
	 * and overflow */
	if (!g_ascii_isdigit(*s) ||
	    !g_ascii_string_to_unsigned(s, 10, 0, (guint64)WARTA_EPOCH_MAX, &v, NULL))
		return -1;
	if (t)
		*t = (gint64)v;
	return 1;
}

char *
warta_date_format_epoch(gint64 t, int date_only)
{
	GDateTime *dt;
	char *s;

	if (t < 0 || t > WARTA_EPOCH_MAX || (dt = g_date_time_new_from_unix_utc(t)) == NULL)
		return NULL;
	s = g_date_time_format(dt, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(dt);
	return s;
}
