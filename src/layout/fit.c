/* fit.c — a running head in its measure, table columns from content (fit.h). */
#include <glib.h>
#include <string.h>

#include "layout/fit.h"

#define ELLIPSIS "\xE2\x80\xA6"

/* text[0, n) + "…", measured. */
static double
with_ellipsis(const char *text, size_t n, warta_measure_fn measure, void *data, GString *buf)
{
	g_string_truncate(buf, 0);
	g_string_append_len(buf, text, (gssize)n);
	g_string_append(buf, ELLIPSIS);
	return measure(buf->str, buf->len, data);
}

/* End of the text before a cut at p: spaces and the punctuation that would
 * hang before the ellipsis (, ; : - – —) dropped. */
static size_t
trim_end(const char *text, size_t p)
{
	while (p > 0) {
		const char *q = g_utf8_find_prev_char(text, text + p);
		gunichar c = g_utf8_get_char(q);

		if (!g_unichar_isspace(c) && c != ',' && c != ';' && c != ':' && c != '-' &&
		    c != 0x2013 && c != 0x2014 && c != 0x3001 && c != 0xFF0C && c != 0x060C)
			break;
		p = (size_t)(q - text);
	}
	return p;
}

char *
warta_fit_words(const char *text, double width, warta_measure_fn measure, void *data)
{
	size_t n = strlen(text), best = 0, p;
	GString *buf;
	const char *s;
	int found = 0;

	if (measure(text, n, data) <= width)
		return g_strdup(text);
	buf = g_string_new(NULL);
	/* word boundaries: before each space (the words before it fit or not:
	 * widths grow with the start, so the last that fits is the answer) */
	for (s = text; *s; s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);

		if (!g_unichar_isspace(c) || s == text)
			continue;
		p = trim_end(text, (size_t)(s - text));
		if (p == 0)
			continue;
		if (with_ellipsis(text, p, measure, data, buf) > width)
			break;
		best = p;
		found = 1;
	}
	if (!found) {
		/* one long word: whole characters */
		for (s = g_utf8_next_char(text); s <= text + n; s = g_utf8_next_char(s)) {
			if (with_ellipsis(text, (size_t)(s - text), measure, data, buf) > width)
				break;
			best = (size_t)(s - text);
			if (!*s)
				break;
		}
	}
	g_string_truncate(buf, 0);
	g_string_append_len(buf, text, (gssize)best);
	g_string_append(buf, ELLIPSIS);
	return g_string_free(buf, FALSE);
}

void
warta_col_widths(int n, const double *min, const double *nat, double avail, double *out)
{
	double smin = 0, snat = 0, lack = 0;
	int i;

	if (n <= 0)
		return;
	for (i = 0; i < n; i++) {
		double m = min[i] > 0 ? min[i] : 0, t = nat[i] > m ? nat[i] : m;

		smin += m;
		snat += t;
		lack += t - m;
	}
	for (i = 0; i < n; i++) {
		double m = min[i] > 0 ? min[i] : 0, t = nat[i] > m ? nat[i] : m;

		if (snat <= avail)
			out[i] = t + (avail - snat) / n;
		else if (smin >= avail)
			out[i] = smin > 0 ? avail * m / smin : avail / n;
		else
			out[i] = m + (lack > 0 ? (avail - smin) * (t - m) / lack : (avail - smin) / n);
	}
}
