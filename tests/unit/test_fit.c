/* test_fit.c — src/layout/fit.c: running heads shortened at a word
 * boundary with an ellipsis inside their measure, table column widths
 * from content. */
#include <glib.h>
#include <string.h>

#include "layout/fit.h"
#include "harness.h"

/* one unit a character */
static double
chars(const char *s, size_t n, void *data)
{
	(void)data;
	return (double)g_utf8_strlen(s, (gssize)n);
}

static int calls;

static double
counted(const char *s, size_t n, void *data)
{
	calls++;
	return chars(s, n, data);
}

static void
fit(void)
{
	const char *t = "NORTH KOREA'S FRIENDS ABROAD, AND SET OFF A DEBATE";
	char *s;

	s = warta_fit_words(t, 100, chars, NULL);
	STR_EQ(s, t, "a head that fits is kept whole");
	g_free(s);
	s = warta_fit_words(t, 36, chars, NULL);
	STR_EQ(s, "NORTH KOREA'S FRIENDS ABROAD, AND…", "cut at a word, ellipsis, within 36");
	OK(g_utf8_strlen(s, -1) <= 36, "kept within the measure");
	g_free(s);
	s = warta_fit_words(t, 30, chars, NULL);
	STR_EQ(s, "NORTH KOREA'S FRIENDS ABROAD…", "the comma before the cut goes");
	g_free(s);
	s = warta_fit_words("Supercalifragilistic", 8, chars, NULL);
	STR_EQ(s, "Superca…", "one long word: cut at a character");
	g_free(s);
	s = warta_fit_words("朝鮮的五個友好國家與其歷史", 6, chars, NULL);
	STR_EQ(s, "朝鮮的五個…", "Han: cut between characters");
	g_free(s);
	s = warta_fit_words("Abc", 0.5, chars, NULL);
	STR_EQ(s, "…", "nothing fits: the ellipsis");
	g_free(s);
	{
		/* a huge headline: a few measures of its first kilobyte */
		GString *big = g_string_new(NULL);
		int i;

		for (i = 0; i < 20000; i++)
			g_string_append(big, "word ");
		calls = 0;
		s = warta_fit_words(big->str, 40, counted, NULL);
		OK(g_str_has_suffix(s, "word…") && g_utf8_strlen(s, -1) <= 40, "huge text cut: %s", s);
		OK(calls <= 16, "huge text: %d measures", calls);
		g_free(s);
		g_string_free(big, TRUE);
	}
}

static void
cols(void)
{
	double min[3], nat[3], w[3];

	/* all fit on one line: natural widths and equal shares */
	min[0] = 10, nat[0] = 20, min[1] = 10, nat[1] = 40;
	warta_col_widths(2, min, nat, 100, w);
	DBL_NEAR(w[0], 40, 1e-9, "slack shared equally (1)");
	DBL_NEAR(w[1], 60, 1e-9, "slack shared equally (2)");
	/* the table: a narrow first column of short words ("Negara")
	 * beside a long text column; proportional widths squeezed it under
	 * its word, now it keeps its minimum and the text column gives way */
	min[0] = 40, nat[0] = 50, min[1] = 30, nat[1] = 400;
	warta_col_widths(2, min, nat, 150, w);
	OK(w[0] >= 40, "narrow column not under its widest word (%.1f)", w[0]);
	DBL_NEAR(w[0] + w[1], 150, 1e-9, "widths fill the measure");
	DBL_NEAR(w[0], 40 + 80.0 * 10 / 380, 1e-9, "the rest shared by what each lacks");
	/* minimums do not fit: in proportion to them */
	min[0] = 100, nat[0] = 100, min[1] = 300, nat[1] = 300, min[2] = 100, nat[2] = 200;
	warta_col_widths(3, min, nat, 250, w);
	DBL_NEAR(w[0], 50, 1e-9, "over-full: proportional (1)");
	DBL_NEAR(w[1], 150, 1e-9, "over-full: proportional (2)");
}

int
main(void)
{
	fit();
	cols();
	return harness_done();
}
