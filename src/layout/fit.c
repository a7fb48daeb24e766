/* fit.c — a running head in its measure, table columns from content (fit.h). */
#include <glib.h>
#include <string.h>

#include "layout/fit.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define FIT_MAX_BYTES 1024

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

/* The last of the cut points cuts[0, n) whose start fits with an ellipsis
 * (widths grow with the start: a binary search), or -1. */
static int
last_fitting(const char *text, const GArray *cuts, double width, warta_measure_fn measure,
             void *data, GString *buf)
{
	int lo = 0, hi = (int)cuts->len - 1, best = -1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (with_ellipsis(text, g_array_index(cuts, size_t, mid), measure, data, buf) <= width) {
			best = mid;
			lo = mid + 1;
		} else
			hi = mid - 1;
	}
	return best;
}

char *
warta_fit_words(const char *text, double width, warta_measure_fn measure, void *data)
{
	size_t n = strlen(text), best = 0, p;
	char *head = NULL;
	GArray *cuts;
	GString *buf;
	const char *s;
	int k;

	/* no measure holds more than a few hundred characters: a longer text
	 * is looked at up to FIT_MAX_BYTES (and is cut, with the ellipsis) */
	if (n > FIT_MAX_BYTES) {
		n = FIT_MAX_BYTES;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		head = g_strndup(text, n);
		text = head;
	} else if (measure(text, n, data) <= width)
		return g_strdup(text);
	buf = g_string_new(NULL);
	cuts = g_array_new(FALSE, FALSE, sizeof(size_t));
	/* word boundaries: before each space, without what hangs before it */
	for (s = text; *s; s = g_utf8_next_char(s)) {
		if (s == text || !g_unichar_isspace(g_utf8_get_char(s)))
			continue;
		p = trim_end(text, (size_t)(s - text));
		if (p > 0 && (cuts->len == 0 || g_array_index(cuts, size_t, cuts->len - 1) < p))
			g_array_append_val(cuts, p);
	}
	k = last_fitting(text, cuts, width, measure, data, buf);
	if (k >= 0)
		best = g_array_index(cuts, size_t, k);
	else {
		/* one long first word: whole characters */
		g_array_set_size(cuts, 0);
		for (s = g_utf8_next_char(text); s <= text + n; s = g_utf8_next_char(s)) {
			p = (size_t)(s - text);
			g_array_append_val(cuts, p);
			if (!*s)
				break;
		}
		k = last_fitting(text, cuts, width, measure, data, buf);
		if (k >= 0)
			best = g_array_index(cuts, size_t, k);
	}
	g_array_free(cuts, TRUE);
	g_string_truncate(buf, 0);
	g_string_append_len(buf, text, (gssize)best);
	g_string_append(buf, ELLIPSIS);
	g_free(head);
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
