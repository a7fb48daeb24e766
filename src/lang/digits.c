/* digits.c — the digits an article is set in (a style's [fonts] digits):
 * as written, European (0–9), or the Arabic-Indic digits of the Arabic
 * press (٠–٩ in Arabic; the Extended ۰–۹ in Persian, Urdu, Pashto …), for
 * the language by CLDR's numbering systems (ICU).  Print and EPUB apply
 * the same function, so both show the same digits; the JSON tree keeps
 * the author's. */
#include <string.h>

#include <glib.h>
#include <unicode/uloc.h>
#include <unicode/unumsys.h>

#include "lang/lang.h"

/* ICU's numbering system of locale loc ("arab", "arabext", "latn" …) into
 * name; 0, or -1 when ICU has none. */
static int
numbering(const char *loc, char *name, size_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	UNumberingSystem *ns = unumsys_open(loc, &e);
	const char *n;

	if (U_FAILURE(e) || !ns)
		return -1;
	n = unumsys_getName(ns);
	g_strlcpy(name, n ? n : "", cap);
	unumsys_close(ns);
	return 0;
}

/* 1 when tag's language is written in Arabic script (ICU's likely script). */
static int
arabic_script(const char *loc)
{
	UErrorCode e = U_ZERO_ERROR;
	char full[ULOC_FULLNAME_CAPACITY], script[16];

	uloc_addLikelySubtags(loc, full, sizeof full, &e);
	if (U_FAILURE(e))
		return 0;
	uloc_getScript(full, script, sizeof script, &e);
	return U_SUCCESS(e) && strcmp(script, "Arab") == 0;
}

unsigned int
warta_digits_zero(const char *tag, int mode)
{
	UErrorCode e = U_ZERO_ERROR;
	char *norm, loc[ULOC_FULLNAME_CAPACITY], nu[32];
	int32_t parsed;

	if (mode == WARTA_DIGITS_LATIN)
		return '0';
	if (mode != WARTA_DIGITS_ARABIC_INDIC && mode != WARTA_DIGITS_AUTO)
		return 0;
	norm = warta_lang_normalize(tag ? tag : "en");
	uloc_forLanguageTag(norm, loc, sizeof loc - 16, &parsed, &e);
	g_free(norm);
	if (U_FAILURE(e) || !loc[0] || !arabic_script(loc))
		return 0;
	if (mode == WARTA_DIGITS_ARABIC_INDIC) {
		/* the language's own digits even where CLDR's default is Latin
		 * (Urdu: Extended) */
		e = U_ZERO_ERROR;
		uloc_setKeywordValue("numbers", "native", loc, sizeof loc, &e);
		if (U_FAILURE(e) || numbering(loc, nu, sizeof nu) < 0)
			return 0x660;
		return strcmp(nu, "arabext") == 0 ? 0x6F0 : 0x660;
	}
	if (numbering(loc, nu, sizeof nu) < 0)
		return 0;
	return strcmp(nu, "arabext") == 0 ? 0x6F0 : strcmp(nu, "arab") == 0 ? 0x660 : 0;
}

/* The value of digit c (ASCII, Arabic-Indic or Extended), -1 otherwise. */
static int
digit(gunichar c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 0x660 && c <= 0x669)
		return c - 0x660;
	if (c >= 0x6F0 && c <= 0x6F9)
		return c - 0x6F0;
	return -1;
}

/* Whether the number [a, b) of text[0, n) belongs to Latin letters: the
 * word before it is Latin ("COVID-19", "iPhone 15"), or a Latin letter
 * follows it at once ("4K"). */
static int
latin_bound(const char *text, size_t n, size_t a, size_t b)
{
	const char *p = text + a;
	gunichar c;

	while (p > text) {
		p = g_utf8_prev_char(p);
		c = g_utf8_get_char(p);
		if (c == 0 || c > 127 || !strchr("-./:_ ", (int)c))
			break;
	}
	if (p < text + a && g_unichar_isalpha(c = g_utf8_get_char(p)) &&
	    g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN)
		return 1;
	for (p = text + b; p < text + n; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (g_unichar_isalpha(c))
			return g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
		if (c == 0 || c > 127 || !strchr("-./:_", (int)c))
			break;
	}
	return 0;
}

/* The end of the number whose first digit is at i: digits, and a '.' or
 * ',' between two digits. */
static size_t
number_end(const char *text, size_t n, size_t i)
{
	while (i < n) {
		if (digit(g_utf8_get_char(text + i)) >= 0)
			i = g_utf8_next_char(text + i) - text;
		else if ((text[i] == '.' || text[i] == ',') && i + 1 < n && digit(g_utf8_get_char(text + i + 1)) >= 0)
			i++;
		else
			break;
	}
	return i;
}

/* What c becomes inside a number converted to the digits of zero. */
static gunichar
convert(gunichar c, unsigned int zero)
{
	int d = digit(c);

	if (d >= 0)
		return zero + (gunichar)d;
	if (zero != '0' && c == '.')
		return 0x66B;           /* ARABIC DECIMAL SEPARATOR */
	if (zero != '0' && c == ',')
		return 0x66C;           /* ARABIC THOUSANDS SEPARATOR */
	return c;
}

char *
warta_digits_apply(const char *text, size_t n, unsigned int zero, size_t *map)
{
	GString *o;
	size_t i = 0, conv_end = 0, keep_end = 0, k;
	int changed = 0, after_number = 0;

	if (!zero)
		return NULL;
	o = g_string_sized_new(n + n / 2 + 1);
	while (i < n) {
		size_t l = MIN((size_t)(g_utf8_next_char(text + i) - text), n) - i;
		gunichar c = g_utf8_get_char(text + i), out = c;

		/* a number is converted whole, or kept whole when Latin
		 * letters hold it ("A4", "COVID-19") */
		if (i >= conv_end && i >= keep_end && digit(c) >= 0) {
			size_t e = number_end(text, n, i);

			if (zero != '0' && latin_bound(text, n, i, e))
				keep_end = e;
			else
				conv_end = e;
		}
		if (i < conv_end)
			out = convert(c, zero);
		else if (after_number && c == '%' && zero != '0')
			out = 0x66A;    /* ARABIC PERCENT SIGN after Arabic-Indic digits */
		after_number = i < conv_end && i + l == conv_end;
		for (k = 0; map && k < l; k++)
			map[i + k] = o->len;
		if (out != c) {
			g_string_append_unichar(o, out);
			changed = 1;
		} else {
			g_string_append_len(o, text + i, (gssize)l);
		}
		i += l;
	}
	if (map)
		map[n] = o->len;
	if (!changed) {
		g_string_free(o, TRUE);
		return NULL;
	}
	return g_string_free(o, FALSE);
}
