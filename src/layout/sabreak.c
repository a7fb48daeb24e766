/* sabreak.c — line breaks inside Lao, Khmer and Myanmar words.  These
 * scripts write no space between words (UAX #14 class SA): a line may break
 * only where a dictionary says a word ends.  Pango 1.50 has such a
 * dictionary for Thai only (libthai); for the others its analysis finds no
 * break at all, and a sentence becomes one unbreakable "word".  ICU's line
 * break iterator has the dictionaries (laodict, khmerdict, burmesedict in
 * Debian's libicudata): its boundaries inside each run of these scripts are
 * added to Pango's. */
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "layout/para.h"

static const char *
sa_locale(PangoScript sc)
{
	switch (sc) {
	case PANGO_SCRIPT_LAO: return "lo";
	case PANGO_SCRIPT_KHMER: return "km";
	case PANGO_SCRIPT_MYANMAR: return "my";
	default: return NULL;
	}
}

/* Marks ICU's line boundaries inside text[s, e) (first character: char
 * index c0) in la. */
static void
mark_run(const char *loc, const char *s, const char *e, int c0, PangoLogAttr *la, int n_la)
{
	long n = g_utf8_strlen(s, e - s), i;
	gunichar2 *u;
	int *ci;             /* ci[k]: the character of UTF-16 unit k */
	glong nu;
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi;
	const char *q;
	int32_t b;

	u = g_utf8_to_utf16(s, e - s, NULL, &nu, NULL);
	if (!u)
		return;
	ci = g_new(int, nu + 1);
	for (q = s, i = 0, b = 0; q < e; q = g_utf8_next_char(q), i++) {
		ci[b++] = (int)i;
		if (g_utf8_get_char(q) > 0xFFFF)
			ci[b++] = (int)i;
	}
	ci[nu] = (int)n;
	bi = ubrk_open(UBRK_LINE, loc, (const UChar *)u, (int32_t)nu, &err);
	if (U_SUCCESS(err)) {
		for (b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
			if (b > 0 && b < nu && c0 + ci[b] < n_la)
				la[c0 + ci[b]].is_line_break = TRUE;
		ubrk_close(bi);
	}
	g_free(ci);
	g_free(u);
}

void
pa_sa_breaks(const char *text, int len, PangoLogAttr *la, int n_la)
{
	PangoScriptIter *it;
	const char *s, *e, *p;
	PangoScript sc;
	int c = 0;

	for (p = text; p < text + len; p = g_utf8_next_char(p))
		if (sa_locale((PangoScript)g_unichar_get_script(g_utf8_get_char(p))))
			break;
	if (p >= text + len)
		return;     /* none of these scripts: nothing to do */
	it = pango_script_iter_new(text, len);
	do {
		const char *loc;

		pango_script_iter_get_range(it, &s, &e, &sc);
		if ((loc = sa_locale(sc)))
			mark_run(loc, s, e, c, la, n_la);
		c += (int)g_utf8_strlen(s, e - s);
	} while (pango_script_iter_next(it));
	pango_script_iter_free(it);
}
