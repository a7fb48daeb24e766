/* lang.c — language facts for the reader: identification of the text's
 * language (its script, then the n-gram classifier of langid.c over
 * libexttextcat's fingerprints), BCP 47 tags, text direction, and dates
 * written out in the language (month and weekday names below). */
#include <stdio.h>
#include <string.h>

#include "article/reader.h"
#include "util/date.h"

/* ------------------------------------------------ identification */

char *
ar_lang_primary(const char *tag)
{
	size_t n = strcspn(tag, "-_");

	if (n == 0 || n > 8)
		return NULL;
	return g_ascii_strdown(tag, (gssize)n);
}

/* The sample of text given to the classifier: textcat reads a few hundred
 * bytes well; more costs time without changing the answer. */
#define DETECT_BYTES 3000

/* Scripts that name their language well enough on their own: textcat's
 * Chinese fingerprints know Simplified only, and short CJK texts come back
 * UNKNOWN.  Returns the tag when more than half the letters are of one such
 * script, else NULL. */
static const char *
by_script(const char *text, size_t n)
{
	const char *p, *end = text + n;
	long letters = 0, han = 0, kana = 0, hangul = 0, arabic = 0, hebrew = 0, thai = 0;

	for (p = text; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isalpha(c))
			continue;
		letters++;
		switch (g_unichar_get_script(c)) {
		case G_UNICODE_SCRIPT_HAN: han++; break;
		case G_UNICODE_SCRIPT_HIRAGANA:
		case G_UNICODE_SCRIPT_KATAKANA: kana++; break;
		case G_UNICODE_SCRIPT_HANGUL: hangul++; break;
		case G_UNICODE_SCRIPT_ARABIC: arabic++; break;
		case G_UNICODE_SCRIPT_HEBREW: hebrew++; break;
		case G_UNICODE_SCRIPT_THAI: thai++; break;
		default: break;
		}
	}
	if (letters == 0)
		return NULL;
	if (kana * 10 > letters && (han + kana) * 2 > letters)
		return "ja";
	if (hangul * 2 > letters)
		return "ko";
	if (han * 2 > letters)
		return "zh";
	if (hebrew * 2 > letters)
		return "he";
	if (thai * 2 > letters)
		return "th";
	if (arabic * 2 > letters)
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
	const char *p, *end = text + n;
	long k = 0;

	for (p = text; p < end; p = g_utf8_next_char(p))
		if (g_unichar_isalpha(g_utf8_get_char(p)))
			k++;
	return k;
}

char *
ar_lang_choose(const char *const *cands, int nc, const char *text, size_t n, const char *script)
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
		char *cat = ar_lang_primary(cands[0]);

		for (i = 0; i < nc; i++) {
			char *l2 = ar_lang_primary(cands[i]);

			if (l2 && preferred(l2)) {
				g_free(cat);
				cat = l2;
				break;
			}
			g_free(l2);
		}
		if (cat && !preferred(cat) && letters(text, n) < SHORT_TEXT)
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
			if (strcmp(lang, "ms") == 0 && letters(text, n) < SHORT_TEXT)
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

const char *
ar_lang_script(const char *text, size_t n)
{
	return by_script(text, n);
}

char *
ar_lang_detect(const char *text, size_t len)
{
	const char *end, *cands[8];
	size_t n = len < DETECT_BYTES ? len : DETECT_BYTES;
	const char *script;
	int nc;

	if (n == 0 || letters(text, n) < 12)
		return NULL;   /* nothing to go by */
	/* cut at a character boundary */
	if (!g_utf8_validate(text, (gssize)n, &end))
		n = (size_t)(end - text);
	script = by_script(text, n);
	if (script && strcmp(script, "ar") != 0)
		return g_strdup(script);
	nc = ar_langid_classify(text, n, cands, (int)G_N_ELEMENTS(cands));
	return ar_lang_choose(cands, nc, text, n, script);
}

int
warta_lang_is_rtl(const char *lang)
{
	static const char *const rtl[] = { "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku-arab",
	                                   "ps", "sd", "syr", "ug", "ur", "yi", NULL };
	char *p;
	int i, r = 0;

	if (!lang)
		return 0;
	p = ar_lang_primary(lang);
	for (i = 0; p && rtl[i]; i++)
		if (strcmp(p, rtl[i]) == 0)
			r = 1;
	g_free(p);
	return r;
}

/* ------------------------------------------------ dates */

struct date_names {
	const char *lang;
	const char *months[12];
	const char *days[7];      /* Monday first (ISO 8601) */
	const char *fmt;          /* %A weekday, %d day, %B month, %Y year */
};

static const struct date_names date_names[] = {
	{ "id", { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	          "September", "Oktober", "November", "Desember" },
	  { "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu" }, "%A, %d %B %Y" },
	{ "ms", { "Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos",
	          "September", "Oktober", "November", "Disember" },
	  { "Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu", "Ahad" }, "%A, %d %B %Y" },
	{ "en", { "January", "February", "March", "April", "May", "June", "July", "August",
	          "September", "October", "November", "December" },
	  { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
	  "%A, %d %B %Y" },
	{ "de", { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
	          "September", "Oktober", "November", "Dezember" },
	  { "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag" },
	  "%A, %d. %B %Y" },
	{ "fr", { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	          "septembre", "octobre", "novembre", "décembre" },
	  { "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche" },
	  "%A %d %B %Y" },
	{ "es", { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	          "septiembre", "octubre", "noviembre", "diciembre" },
	  { "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo" },
	  "%A, %d de %B de %Y" },
	{ "pt", { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
	          "setembro", "outubro", "novembro", "dezembro" },
	  { "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
	    "sábado", "domingo" }, "%A, %d de %B de %Y" },
	{ "nl", { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
	          "september", "oktober", "november", "december" },
	  { "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag" },
	  "%A %d %B %Y" },
	{ "it", { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
	          "settembre", "ottobre", "novembre", "dicembre" },
	  { "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica" },
	  "%A %d %B %Y" },
	/* Arabic: the month names used in Egypt and the Gulf press (يناير …),
	 * Western digits as the corpus writes them; "الجمعة، 25 أكتوبر 2024". */
	{ "ar", { "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
	          "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر" },
	  { "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد" },
	  "%A، %d %B %Y" },
	/* Chinese: "2024年10月25日 星期五", %m: month number. */
	{ "zh", { NULL }, { "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日" },
	  "%Y年%m月%d日 %A" },
};

char *
warta_date_format(const char *iso, const char *lang)
{
	const struct date_names *dn = NULL;
	GDate *date;
	GString *s;
	const char *f;
	unsigned y, m, dd;
	char *p = lang ? ar_lang_primary(lang) : NULL;
	size_t i;
	char tail;

	if (!warta_date_valid(iso) || sscanf(iso, "%4u-%2u-%2u%c", &y, &m, &dd, &tail) != 3)
		goto bad;
	for (i = 0; p && i < G_N_ELEMENTS(date_names); i++)
		if (strcmp(date_names[i].lang, p) == 0)
			dn = &date_names[i];
	if (!dn)
		dn = &date_names[2];   /* English for the others */
	date = g_date_new_dmy((GDateDay)dd, (GDateMonth)m, (GDateYear)y);
	s = g_string_new(NULL);
	for (f = dn->fmt; *f; f++) {
		if (*f != '%') {
			g_string_append_c(s, *f);
			continue;
		}
		switch (*++f) {
		case 'A':
			g_string_append(s, dn->days[g_date_get_weekday(date) - 1]);
			break;
		case 'd':
			/* French writes the first of the month as an ordinal: "1er" */
			g_string_append_printf(s, "%u%s", dd, dd == 1 && strcmp(dn->lang, "fr") == 0 ? "er" : "");
			break;
		case 'm':
			g_string_append_printf(s, "%u", m);
			break;
		case 'B':
			g_string_append(s, dn->months[m - 1]);
			break;
		case 'Y':
			g_string_append_printf(s, "%u", y);
			break;
		default:
			g_string_append_c(s, *f);
			break;
		}
	}
	g_date_free(date);
	g_free(p);
	return g_string_free(s, FALSE);
bad:
	g_free(p);
	return NULL;
}
