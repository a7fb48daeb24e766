/* lang.c — the reader's language identification: the text's language from
 * its script, then the n-gram classifier of langid.c over libexttextcat's
 * fingerprints.  The facts of a language once known (tags, direction, dates,
 * labels) are src/lang/'s, which the back ends use too. */
#include <stdio.h>
#include <string.h>

#include "article/reader.h"
#include "lang/lang.h"

/* ------------------------------------------------ identification */

/* The sample of text given to the classifier: textcat reads a few hundred
 * bytes well; more costs time without changing the answer. */
#define DETECT_BYTES 3000

/* The letters of a text, and how many of them are of each script that
 * names its language on its own. */
struct tally {
	long letters, han, kana, hangul, arabic, hebrew, thai;
};

/* Counts the letters of text[0, n) into t, one character at a time as
 * g_utf8_next_char steps (a character that runs past n counts, read whole
 * as g_utf8_get_char reads it).  ASCII, most of a Latin-script text, is
 * told without a table: its letters are A-Z and a-z, all Latin. */
static void
tally(const char *text, size_t n, struct tally *t)
{
	const char *p = text, *end = text + n;

	while (p < end) {
		unsigned char b = (unsigned char)*p;
		gunichar c;

		if (b < 0x80) {
			t->letters += g_ascii_isalpha(b) != 0;
			p++;
			continue;
		}
		c = g_utf8_get_char(p);
		p = g_utf8_next_char(p);
		if (!g_unichar_isalpha(c))
			continue;
		t->letters++;
		switch (g_unichar_get_script(c)) {
		case G_UNICODE_SCRIPT_HAN: t->han++; break;
		case G_UNICODE_SCRIPT_HIRAGANA:
		case G_UNICODE_SCRIPT_KATAKANA: t->kana++; break;
		case G_UNICODE_SCRIPT_HANGUL: t->hangul++; break;
		case G_UNICODE_SCRIPT_ARABIC: t->arabic++; break;
		case G_UNICODE_SCRIPT_HEBREW: t->hebrew++; break;
		case G_UNICODE_SCRIPT_THAI: t->thai++; break;
		default: break;
		}
	}
}

/* Scripts that name their language well enough on their own: textcat's
 * Chinese fingerprints know Simplified only, and short CJK texts come back
 * UNKNOWN.  Returns the tag when more than half the letters are of one such
 * script, else NULL. */
static const char *
by_script(const struct tally *t)
{
	long letters = t->letters;

	if (letters == 0)
		return NULL;
	if (t->kana * 10 > letters && (t->han + t->kana) * 2 > letters)
		return "ja";
	if (t->hangul * 2 > letters)
		return "ko";
	if (t->han * 2 > letters)
		return "zh";
	if (t->hebrew * 2 > letters)
		return "he";
	if (t->thai * 2 > letters)
		return "th";
	if (t->arabic * 2 > letters)
		return "ar";     /* textcat below may say fa or ur */
	return NULL;
}

/* Words that only Indonesian (not Malay) uses, and the reverse: the tie
 * breaker when textcat names Malay alone. */
static int
count_words(const char *text, const char *const *words)
{
	int n = 0, i;

	for (i = 0; words[i]; i++) {
		const char *p = text;

		while ((p = strstr(p, words[i]))) {
			n++;
			p += strlen(words[i]);
		}
	}
	return n;
}

/* The languages with quote marks, dates and hyphenation in warta. */
static int
preferred(const char *lang)
{
	static const char *const pref[] = { "id", "ms", "en", "de", "fr", "es", "pt", "nl", "it",
	                                    "ar", "zh", "ja", "ko", "fa", "ur", NULL };
	int i;

	for (i = 0; pref[i]; i++)
		if (strcmp(lang, pref[i]) == 0)
			return 1;
	return 0;
}

/* Fewer letters than this: a text too short to trust a rare language. */
#define SHORT_TEXT 400

static long
letters(const char *text, size_t n)
{
	struct tally t = { 0 };

	tally(text, n, &t);
	return t.letters;
}

/* ar_lang_choose, with the letters of text[0, n) when known (else -1). */
static char *
choose(const char *const *cands, int nc, const char *text, size_t n, const char *script, long nl)
{
	char *lang = NULL, *sample;
	int i;

	if (nc > 0) {
		/* Candidates, best first; a category is "LANG-COUNTRY-utf8".
		 * The fingerprints know ~160 languages, and on a short text a
		 * minor one (Scots for English) may come first: then the first
		 * candidate among the languages warta sets well is taken, and a
		 * short text with none of them among its candidates is not
		 * decided. */
		char *cat = warta_lang_primary(cands[0]);

		for (i = 0; i < nc; i++) {
			char *l2 = warta_lang_primary(cands[i]);

			if (l2 && preferred(l2)) {
				g_free(cat);
				cat = l2;
				break;
			}
			g_free(l2);
		}
		if (cat && !preferred(cat) && (nl < 0 ? (nl = letters(text, n)) : nl) < SHORT_TEXT)
			g_free(cat), cat = NULL;
		if (cat) {
			lang = cat;
			/* Indonesian and Malay share most words; the Malay
			 * fingerprint often wins on Indonesian news.  Malay in the
			 * second place, or Indonesian anywhere in the list, is
			 * Indonesian: a Malay text has to say so with -l or lang:. */
			for (i = 0; strcmp(lang, "ms") == 0 && i < nc; i++)
				if (strncmp(cands[i], "id-", 3) == 0)
					g_free(lang), lang = g_strdup("id");
			/* so is Malay alone on a short text, where the two are
			 * a near tie whichever comes out */
			if (strcmp(lang, "ms") == 0 && (nl < 0 ? (nl = letters(text, n)) : nl) < SHORT_TEXT)
				g_free(lang), lang = g_strdup("id");
		}
	}
	if (lang && strcmp(lang, "ms") == 0) {
		static const char *const id_words[] = { " karena ", " bisa ", " uang ", " Rp", " saat ",
		                                        " kemarin ", " nggak ", " sepak bola ", NULL };
		static const char *const ms_words[] = { " kerana ", " boleh ", " wang ", " RM", " ketika ",
		                                        " semalam ", " kerajaan ", " bola sepak ", NULL };

		sample = g_strndup(text, n);
		if (count_words(sample, id_words) > count_words(sample, ms_words))
			g_free(lang), lang = g_strdup("id");
		g_free(sample);
	}
	if (script && (!lang || (strcmp(lang, "fa") != 0 && strcmp(lang, "ur") != 0 &&
	                         strcmp(lang, "ps") != 0 && strcmp(lang, "ar") != 0)))
		g_free(lang), lang = g_strdup(script);
	return lang;
}

char *
ar_lang_choose(const char *const *cands, int nc, const char *text, size_t n, const char *script)
{
	return choose(cands, nc, text, n, script, -1);
}

const char *
ar_lang_script(const char *text, size_t n)
{
	struct tally t = { 0 };

	tally(text, n, &t);
	return by_script(&t);
}

char *
ar_lang_detect(const char *text, size_t len)
{
	const char *end, *cands[8], *p;
	size_t n = len < DETECT_BYTES ? len : DETECT_BYTES, cut;
	const char *script;
	struct tally t = { 0 };
	long all;
	int nc;

	if (n == 0)
		return NULL;
	/* cut at a character boundary; one count of the letters for all the
	 * steps below (the first on the uncut sample, as it always was: the
	 * character the cut takes off counts there) */
	cut = g_utf8_validate(text, (gssize)n, &end) ? n : (size_t)(end - text);
	tally(text, cut, &t);
	all = t.letters;
	for (p = text + cut; p < text + n; p = g_utf8_next_char(p))
		all += g_unichar_isalpha(g_utf8_get_char(p)) != 0;
	if (all < 12)
		return NULL;   /* nothing to go by */
	n = cut;
	script = by_script(&t);
	if (script && strcmp(script, "ar") != 0)
		return g_strdup(script);
	nc = ar_langid_classify(text, n, cands, (int)G_N_ELEMENTS(cands));
	return choose(cands, nc, text, n, script, t.letters);
}
