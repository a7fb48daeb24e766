/* test_util.c — util/date.c (YYYY-MM-DD and SOURCE_DATE_EPOCH, one parser for
 * every stage) and util/diag.c (the cap on recorded messages, counts). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/date.h"
#include "util/diag.h"

static void
dates(void)
{
	static const char *const good[] = { "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01" };
	static const char *const bad[] = { "+024-01-01", " 024-01-01", "-024-01-01", "2024-1-01",
		"2024-02-30", "2023-02-29", "0000-01-01", "2024-13-01", "2024-00-10", "2024-01-00",
		"2024-01-1 ", "2024/01/01", "20240101", "2024-01-011", "2024-0a-01", "", NULL };
	int y = 0, m = 0, d = 0;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(good); i++)
		OK(warta_date_valid(good[i]), "valid date %s", good[i]);
	for (i = 0; i < G_N_ELEMENTS(bad); i++)
		OK(!warta_date_valid(bad[i]), "not a date: '%s'", bad[i] ? bad[i] : "(null)");
	OK(warta_date_parse("2024-10-25", &y, &m, &d) && y == 2024 && m == 10 && d == 25,
	   "2024-10-25 parses to %d %d %d", y, m, d);
}

static void
epoch(void)
{
	static const char *const bad[] = { "abc", "12x", "-5", "+5", " 5", "5 ", "0x10",
		"253402300800", "99999999999999999999", "1e9" };
	gint64 t = -1;
	char *s;
	size_t i;

	g_unsetenv("SOURCE_DATE_EPOCH");
	INT_EQ(warta_source_date_epoch(&t), 0, "SOURCE_DATE_EPOCH unset: 0");
	g_setenv("SOURCE_DATE_EPOCH", "", TRUE);
	INT_EQ(warta_source_date_epoch(&t), 0, "SOURCE_DATE_EPOCH empty: 0");
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_setenv("SOURCE_DATE_EPOCH", bad[i], TRUE);
		INT_EQ(warta_source_date_epoch(&t), -1, bad[i]);
	}
	g_setenv("SOURCE_DATE_EPOCH", "1729814400", TRUE);
	OK(warta_source_date_epoch(&t) == 1 && t == 1729814400, "SOURCE_DATE_EPOCH=1729814400");
	g_setenv("SOURCE_DATE_EPOCH", "253402300799", TRUE);
	OK(warta_source_date_epoch(&t) == 1 && t == WARTA_EPOCH_MAX, "the last second of 9999 is accepted");
	g_unsetenv("SOURCE_DATE_EPOCH");
	s = warta_date_format_epoch(1729814400, 0);
	STR_EQ(s, "2024-10-25T00:00:00Z", "epoch as date and time");
	g_free(s);
	s = warta_date_format_epoch(WARTA_EPOCH_MAX, 1);
	STR_EQ(s, "9999-12-31", "the last day");
	g_free(s);
	OK(warta_date_format_epoch(WARTA_EPOCH_MAX + 1, 0) == NULL, "past 9999: NULL");
	OK(warta_date_format_epoch(-1, 0) == NULL, "before 1970: NULL");
}

static void
diag_cap(void)
{
	struct warta_diags d, e;
	int i, errors = 0, warnings = 0;
	guint k;

	warta_diags_init(&d);
	d.max = 3;
	for (i = 0; i < 5; i++)
		warta_diag(&d, WARTA_WARNING, "f", i + 1, 1, "warning %d", i);
	for (i = 0; i < 5; i++)
		warta_diag(&d, WARTA_ERROR, "f", i + 1, 1, "error %d", i);
	for (k = 0; k < d.items->len; k++) {
		const struct warta_diag *m = d.items->pdata[k];

		errors += m->severity == WARTA_ERROR;
		warnings += m->severity == WARTA_WARNING;
	}
	/* errors used to bypass the cap: a hostile input could record without end */
	INT_EQ(errors, 3, "errors recorded up to the cap");
	INT_EQ(warnings, 3, "warnings recorded up to the cap, without crowding out errors");
	INT_EQ(warta_diags_errors(&d), 5, "every error counted");
	INT_EQ(warta_diags_dropped(&d, WARTA_ERROR), 2, "2 errors dropped");
	INT_EQ(warta_diags_dropped(&d, WARTA_WARNING), 2, "2 warnings dropped");

	warta_diags_init(&e);
	e.max = 4;
	warta_diag(&e, WARTA_ERROR, "g", 1, 1, "first");
	warta_diags_move(&e, &d);
	INT_EQ(e.items->len, 7, "move: 4 errors (the cap) and 3 warnings kept");
	INT_EQ(warta_diags_errors(&e), 6, "move: every error counted");
	INT_EQ(warta_diags_dropped(&e, WARTA_ERROR), 2, "move: 2 errors dropped");
	INT_EQ(d.items->len, 0, "move empties the source");
	INT_EQ(warta_diags_errors(&d), 0, "move zeroes the source's counts");
	warta_diag(&d, WARTA_ERROR, "f", 1, 1, "again");
	INT_EQ(d.items->len, 1, "the source records again after a move");
	warta_diags_fini(&d);
	warta_diags_fini(&e);
}

/* Workers add while another thread asks for the count. */
static gpointer
adder(gpointer p)
{
	struct warta_diags *d = p;
	int i;

	for (i = 0; i < 2000; i++)
		warta_diag(d, WARTA_ERROR, "t", 1, 1, "e");
	return NULL;
}

static void
diag_threads(void)
{
	struct warta_diags d;
	GThread *t[2];
	int last = 0, monotone = 1, n;

	warta_diags_init(&d);
	t[0] = g_thread_new("a", adder, &d);
	t[1] = g_thread_new("b", adder, &d);
	while ((n = warta_diags_errors(&d)) < 4000) {
		monotone &= n >= last;
		last = n;
	}
	g_thread_join(t[0]);
	g_thread_join(t[1]);
	OK(monotone, "the error count, read while two threads add, only grows");
	INT_EQ(warta_diags_errors(&d), 4000, "4000 errors from two threads");
	INT_EQ(d.items->len, 1000, "1000 recorded (the default cap)");
	warta_diags_fini(&d);
}

int
main(void)
{
	dates();
	epoch();
	diag_cap();
	diag_threads();
	return harness_done();
}
