/* logattrs.c — Pango's log attributes (UAX #14 line breaks, UAX #29 words
 * and graphemes) of a long paragraph, computed in windows.  Pango 1.50's
 * pango_get_log_attrs takes time that grows with the square of a run of
 * text in which a full stop is followed by no sentence break ("example.org
 * 1 example.org 2 …": 16 ms for 32 KB of URLs, 54 ms for 64 KB, against
 * 3–5 ms for words), so a paragraph of autolinks or web addresses spent a
 * quarter of its time there.  Long texts are done a window of about
 * LA_CORE characters at a time, cut after a space, with LA_MARGIN
 * characters of context on each side; where two windows meet, their
 * attributes must agree on LA_CHECK characters each side of the cut, or
 * the whole text is done at once as before. */
#include <string.h>

#include "layout/para_int.h"
#include "util/clock.h"

#define LA_CORE 4096
#define LA_MARGIN 256
#define LA_CHECK 32

/* The attributes warta and Pango's shaping read (not the sentence ones,
 * which a window's start sets). */
static int
same(const PangoLogAttr *a, const PangoLogAttr *b)
{
	return a->is_line_break == b->is_line_break && a->is_mandatory_break == b->is_mandatory_break &&
	       a->is_char_break == b->is_char_break && a->is_white == b->is_white &&
	       a->is_cursor_position == b->is_cursor_position && a->is_word_start == b->is_word_start &&
	       a->is_word_end == b->is_word_end && a->is_word_boundary == b->is_word_boundary &&
	       a->is_expandable_space == b->is_expandable_space &&
	       a->break_inserts_hyphen == b->break_inserts_hyphen &&
	       a->break_removes_preceding == b->break_removes_preceding;
}

/* The cuts: character indexes, each after an ASCII space and before a
 * character that is not one, about LA_CORE apart; 0 and n at the ends.
 * byte_at: each character's byte offset, [n] = len. */
static GArray *
cuts(const char *text, int len, int n, int **byte_at)
{
	GArray *c = g_array_new(FALSE, FALSE, sizeof(int));
	int *at = g_new(int, n + 1), i, zero = 0, last = 0;
	const char *p = text;

	for (i = 0; i < n; i++, p = g_utf8_next_char(p))
		at[i] = (int)(p - text);
	at[n] = len;
	g_array_append_val(c, zero);
	for (i = 1; i < n; i++)
		if (i - last >= LA_CORE && n - i > LA_CORE / 2 && text[at[i] - 1] == ' ' &&
		    text[at[i]] != ' ') {
			g_array_append_val(c, i);
			last = i;
		}
	g_array_append_val(c, n);
	*byte_at = at;
	return c;
}

void
pa_log_attrs(const char *text, int len, PangoLanguage *lang, PangoLogAttr *la, int n)
{
	GArray *c;
	int *at, k, ok = 1, prev_ws = 0;
	PangoLogAttr *prev = NULL, *w;

	if (n <= 2 * LA_CORE) {
		warta_count_max(WARTA_COUNT_LA_MAX, n);
		pango_get_log_attrs(text, len, -1, lang, la, n + 1);
		return;
	}
	c = cuts(text, len, n, &at);
	for (k = 0; ok && k + 1 < (int)c->len; k++) {
		int a = g_array_index(c, int, k), b = g_array_index(c, int, k + 1), i;
		int ws = MAX(0, a - LA_MARGIN), we = MIN(n, b + LA_MARGIN);

		w = g_new0(PangoLogAttr, we - ws + 1);
		warta_count_max(WARTA_COUNT_LA_MAX, we - ws);
		pango_get_log_attrs(text + at[ws], at[we] - at[ws], -1, lang, w, we - ws + 1);
		/* where the windows meet: the same on both sides of the cut */
		for (i = MAX(ws, a - LA_CHECK); prev && i < MIN(we, a + LA_CHECK); i++)
			if (!same(&prev[i - prev_ws], &w[i - ws]))
				ok = 0;
		memcpy(la + a, w + (a - ws), (size_t)(b - a + (b == n)) * sizeof *la);
		g_free(prev);
		prev = w;
		prev_ws = ws;
	}
	g_free(prev);
	g_free(at);
	g_array_free(c, TRUE);
	if (!ok) {
		memset(la, 0, (size_t)(n + 1) * sizeof *la);
		warta_count_max(WARTA_COUNT_LA_MAX, n);
		pango_get_log_attrs(text, len, -1, lang, la, n + 1);
	}
}
