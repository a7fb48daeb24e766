/* script.c — the CJK predicates every part of warta uses (lang.h); which
 * language a run of letters in a script other than its
 * surroundings' is written in, as far as the letters tell (the reader's
 * per-run and per-quotation lang, article/runlang.c), and which scripts a
 * language is written in (ICU's likely subtags, CLDR).  Reads strings only. */
#include <string.h>

#include <glib.h>
#include <unicode/uloc.h>

#include "lang/lang.h"

/* ------------------------------------------------ CJK (lang.h) */

int
warta_cjk_letter(unsigned int c)
{
	GUnicodeScript sc = g_unichar_get_script(c);

	return sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
	    sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_HANGUL ||
	    sc == G_UNICODE_SCRIPT_BOPOMOFO;
}

int
warta_cjk_punct(unsigned int c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60);
}

int
warta_cjk_unspaced(unsigned int c)
{
	return (warta_cjk_letter(c) && g_unichar_get_script(c) != G_UNICODE_SCRIPT_HANGUL) ||
	    warta_cjk_punct(c);
}

int
warta_cjk_square(unsigned int c)
{
	return warta_cjk_letter(c) || warta_cjk_punct(c);
}

int
warta_cjk_wide(unsigned int c)
{
	return warta_cjk_letter(c) || g_unichar_iswide(c);
}

/* ------------------------------------------------ runs in a script */

/* The CJK scripts count as one: a Japanese sentence is Han and kana, a
 * Korean one may hold Hanja. */
static GUnicodeScript
group(GUnicodeScript sc)
{
	switch (sc) {
	case G_UNICODE_SCRIPT_HIRAGANA:
	case G_UNICODE_SCRIPT_KATAKANA:
	case G_UNICODE_SCRIPT_HANGUL:
	case G_UNICODE_SCRIPT_BOPOMOFO:
		return G_UNICODE_SCRIPT_HAN;
	default:
		return sc;
	}
}

int
warta_script_group(unsigned int c)
{
	return (int)group(g_unichar_get_script(c));
}

int
warta_text_script(const char *text, size_t n, long *letters, long *in_script)
{
	const char *p, *end = text + n;
	long count[G_UNICODE_SCRIPT_SIGNWRITING + 1] = { 0 }, all = 0, best = 0;
	int sc = G_UNICODE_SCRIPT_COMMON, k;

	for (p = text; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		GUnicodeScript s;

		if (!g_unichar_isalpha(c))
			continue;
		s = group(g_unichar_get_script(c));
		all++;
		if (s >= 0 && s <= G_UNICODE_SCRIPT_SIGNWRITING)
			count[s]++;
	}
	for (k = 0; k <= G_UNICODE_SCRIPT_SIGNWRITING; k++)
		if (count[k] > best)
			best = count[k], sc = k;
	if (letters)
		*letters = all;
	if (in_script)
		*in_script = best;
	return sc;
}

/* 1 when text[0, n) holds a letter of one of the code points in set. */
static int
has_any(const char *text, size_t n, const gunichar *set)
{
	const char *p, *end = text + n;

	for (p = text; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		for (int i = 0; set[i]; i++)
			if (c == set[i])
				return 1;
	}
	return 0;
}

/* Arabic script: Urdu and Persian write letters Arabic does not (Urdu ٹ ڈ ڑ
 * ں ے ہ ھ; Persian پ چ ژ گ, and ک ی, which Urdu writes too). */
static const char *
arabic_lang(const char *text, size_t n)
{
	static const gunichar urdu[] = { 0x679, 0x688, 0x691, 0x6BA, 0x6D2, 0x6C1, 0x6BE, 0 };
	static const gunichar persian[] = { 0x67E, 0x686, 0x698, 0x6AF, 0x6A9, 0x6CC, 0 };

	if (has_any(text, n, urdu))
		return "ur";
	if (has_any(text, n, persian))
		return "fa";
	return "ar";
}

/* Cyrillic: the letters only one language writes (Ukrainian і ї є ґ,
 * Serbian ђ ћ џ љ њ ј, Macedonian ѓ ќ ѕ, Belarusian ў), else Russian. */
static const char *
cyrillic_lang(const char *text, size_t n)
{
	static const gunichar uk[] = { 0x456, 0x457, 0x454, 0x491, 0x406, 0x407, 0x404, 0x490, 0 };
	static const gunichar sr[] = { 0x452, 0x45B, 0x45F, 0x459, 0x45A, 0x458, 0x402, 0x40B, 0x40F,
	                               0x409, 0x40A, 0x408, 0 };
	static const gunichar mk[] = { 0x453, 0x45C, 0x455, 0x403, 0x40C, 0x405, 0 };
	static const gunichar be[] = { 0x45E, 0x40E, 0 };

	if (has_any(text, n, mk))
		return "mk";
	if (has_any(text, n, sr))
		return "sr";
	if (has_any(text, n, be))
		return "be";
	if (has_any(text, n, uk))
		return "uk";
	return "ru";
}

/* Han, kana and Hangul: kana make it Japanese, Hangul Korean, Han alone
 * Chinese (Traditional or Simplified when the caller can tell). */
static const char *
cjk_lang(const char *text, size_t n)
{
	const char *p, *end = text + n;
	long kana = 0, hangul = 0;

	for (p = text; p < end; p = g_utf8_next_char(p)) {
		GUnicodeScript s = g_unichar_get_script(g_utf8_get_char(p));

		kana += s == G_UNICODE_SCRIPT_HIRAGANA || s == G_UNICODE_SCRIPT_KATAKANA;
		hangul += s == G_UNICODE_SCRIPT_HANGUL;
	}
	if (hangul > 0 && hangul >= kana)
		return "ko";
	if (kana > 0)
		return "ja";
	return "zh";
}

const char *
warta_script_lang(int script, const char *text, size_t n)
{
	static const struct {
		GUnicodeScript sc;
		const char *lang;
	} one[] = {
		/* the language most of a script's newspaper readers read it in */
		{ G_UNICODE_SCRIPT_GREEK, "el" }, { G_UNICODE_SCRIPT_HEBREW, "he" },
		{ G_UNICODE_SCRIPT_THAI, "th" }, { G_UNICODE_SCRIPT_LAO, "lo" },
		{ G_UNICODE_SCRIPT_KHMER, "km" }, { G_UNICODE_SCRIPT_MYANMAR, "my" },
		{ G_UNICODE_SCRIPT_DEVANAGARI, "hi" }, { G_UNICODE_SCRIPT_BENGALI, "bn" },
		{ G_UNICODE_SCRIPT_GURMUKHI, "pa" }, { G_UNICODE_SCRIPT_GUJARATI, "gu" },
		{ G_UNICODE_SCRIPT_ORIYA, "or" }, { G_UNICODE_SCRIPT_TAMIL, "ta" },
		{ G_UNICODE_SCRIPT_TELUGU, "te" }, { G_UNICODE_SCRIPT_KANNADA, "kn" },
		{ G_UNICODE_SCRIPT_MALAYALAM, "ml" }, { G_UNICODE_SCRIPT_SINHALA, "si" },
		{ G_UNICODE_SCRIPT_ARMENIAN, "hy" }, { G_UNICODE_SCRIPT_GEORGIAN, "ka" },
		{ G_UNICODE_SCRIPT_ETHIOPIC, "am" }, { G_UNICODE_SCRIPT_TIBETAN, "bo" },
		{ G_UNICODE_SCRIPT_THAANA, "dv" }, { G_UNICODE_SCRIPT_SYRIAC, "syr" },
	};
	size_t i;

	switch (script) {
	case G_UNICODE_SCRIPT_ARABIC:
		return arabic_lang(text, n);
	case G_UNICODE_SCRIPT_CYRILLIC:
		return cyrillic_lang(text, n);
	case G_UNICODE_SCRIPT_HAN:
		return cjk_lang(text, n);
	default:
		break;
	}
	for (i = 0; i < G_N_ELEMENTS(one); i++)
		if ((int)one[i].sc == script)
			return one[i].lang;
	return NULL;
}

int
warta_lang_writes(const char *tag, int script)
{
	char full[ULOC_FULLNAME_CAPACITY], code[ULOC_SCRIPT_CAPACITY];
	UErrorCode e = U_ZERO_ERROR;
	GUnicodeScript sc = (GUnicodeScript)script;

	if (sc == G_UNICODE_SCRIPT_COMMON || sc == G_UNICODE_SCRIPT_INHERITED)
		return 1;
	if (!tag || !*tag)
		return 0;
	uloc_addLikelySubtags(tag, full, (int32_t)sizeof full, &e);
	if (U_FAILURE(e))
		return 0;
	e = U_ZERO_ERROR;
	uloc_getScript(full, code, (int32_t)sizeof code, &e);
	if (U_FAILURE(e) || !code[0])
		return 0;
	/* the CJK writing systems: Han with kana (Jpan), with Hangul (Kore),
	 * with bopomofo (Hans, Hant) */
	if (strcmp(code, "Jpan") == 0 || strcmp(code, "Kore") == 0 || strcmp(code, "Hans") == 0 ||
	    strcmp(code, "Hant") == 0) {
		if (sc == G_UNICODE_SCRIPT_HAN)
			return 1;
		if (code[0] == 'J')
			return sc == G_UNICODE_SCRIPT_HIRAGANA || sc == G_UNICODE_SCRIPT_KATAKANA;
		if (code[0] == 'K')
			return sc == G_UNICODE_SCRIPT_HANGUL;
		return sc == G_UNICODE_SCRIPT_BOPOMOFO;
	}
	if (strlen(code) != 4)
		return 0;
	return g_unicode_script_from_iso15924((guint32)(guchar)code[0] << 24 | (guint32)(guchar)code[1] << 16 |
	    (guint32)(guchar)code[2] << 8 | (guint32)(guchar)code[3]) == sc;
}
