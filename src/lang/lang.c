/* lang.c — language facts, for the reader and every back end alike: BCP 47
 * tags kept whole and in their canonical case, the primary subtag, text
 * direction, the CJK region a tag names, Traditional or Simplified Chinese
 * from the characters, dates written out in the language from CLDR (ICU),
 * and the fixed labels of warta's pages in the language.  Reads tags and
 * strings only: no document, no style. */
#include <stdio.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "lang/lang.h"
#include "util/clock.h"
#include "util/date.h"

/* ------------------------------------------------ direction */

char *
warta_lang_primary(const char *tag)
{
	size_t n = strcspn(tag, "-_");

	if (n == 0 || n > 8)
		return NULL;
	return g_ascii_strdown(tag, (gssize)n);
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
	p = warta_lang_primary(lang);
	for (i = 0; p && rtl[i]; i++)
		if (strcmp(p, rtl[i]) == 0)
			r = 1;
	g_free(p);
	return r;
}

int
warta_text_dir(const char *text)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u;
	UBiDiDirection d;

	if (!text || !*text)
		return -1;
	u_strFromUTF8(NULL, 0, &n, text, -1, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return -1;
	u = g_new(UChar, n + 1);
	e = U_ZERO_ERROR;
	u_strFromUTF8(u, n + 1, NULL, text, -1, &e);
	d = U_FAILURE(e) ? UBIDI_NEUTRAL : ubidi_getBaseDirection(u, n);
	g_free(u);
	return d == UBIDI_RTL ? 1 : d == UBIDI_LTR ? 0 : -1;
}

/* ------------------------------------------------ tags */

const char *
warta_lang_most_common(const char *const *tags, size_t n)
{
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *best = NULL;
	size_t i, most = 0;

	/* counted by the lower-case tag; then the first tag with the
	 * largest count wins (a tie: the one that comes first) */
	for (i = 0; i < n; i++) {
		char *k;
		gpointer v;

		if (!tags[i] || !*tags[i])
			continue;
		k = g_ascii_strdown(tags[i], -1);
		v = g_hash_table_lookup(count, k);
		g_hash_table_replace(count, k, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(v) + 1));
	}
	for (i = 0; i < n; i++) {
		char *k;
		size_t c;

		if (!tags[i] || !*tags[i])
			continue;
		k = g_ascii_strdown(tags[i], -1);
		c = GPOINTER_TO_SIZE(g_hash_table_lookup(count, k));
		g_free(k);
		if (c > most) {
			most = c;
			best = tags[i];
		}
	}
	g_hash_table_destroy(count);
	return best;
}

char *
warta_lang_normalize(const char *tag)
{
	char loc[ULOC_FULLNAME_CAPACITY], out[ULOC_FULLNAME_CAPACITY];
	UErrorCode e = U_ZERO_ERROR;
	int32_t parsed = 0;
	size_t n;

	if (!tag)
		return NULL;
	n = strlen(tag);
	if (n == 0 || n >= sizeof out || strspn(tag, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
		return warta_lang_primary(tag);
	{
		/* ICU reads hyphens; "zh_TW" (a POSIX locale) is the same tag */
		char *h = g_strdelimit(g_strdup(tag), "_", '-');

		uloc_forLanguageTag(h, loc, sizeof loc, &parsed, &e);
		g_free(h);
	}
	if (U_FAILURE(e) || parsed != (int32_t)n)
		return warta_lang_primary(tag);
	uloc_toLanguageTag(loc, out, sizeof out, TRUE, &e);
	if (U_FAILURE(e) || !out[0] || strcmp(out, "und") == 0)
		return warta_lang_primary(tag);
	return g_strdup(out);
}

int
warta_lang_is(const char *tag, const char *primary)
{
	size_t n;

	if (!tag || !primary)
		return 0;
	n = strlen(primary);
	return g_ascii_strncasecmp(tag, primary, n) == 0 && (tag[n] == '\0' || tag[n] == '-' ||
	                                                     tag[n] == '_');
}

/* The subtags of tag after the language, upper-cased, between '-': "-HANT-TW-". */
static int
has_subtag(const char *tag, const char *sub)
{
	char *up = g_ascii_strup(tag, -1), *want = g_ascii_strup(sub, -1);
	char *x = g_strdup_printf("-%s-", want), *t = g_strdup_printf("%s-", up);
	int yes = strstr(t, x) != NULL;

	g_free(up), g_free(want), g_free(x), g_free(t);
	return yes;
}

const char *
warta_lang_cjk_region(const char *tag)
{
	if (warta_lang_is(tag, "ja"))
		return "JP";
	if (warta_lang_is(tag, "ko"))
		return "KR";
	if (warta_lang_is(tag, "yue") || warta_lang_is(tag, "zh")) {
		if (has_subtag(tag, "HK") || has_subtag(tag, "MO") ||
		    (warta_lang_is(tag, "yue") && !has_subtag(tag, "Hans")))
			return "HK";
		if (has_subtag(tag, "Hant") || has_subtag(tag, "TW"))
			return "TC";
		return "SC";
	}
	return NULL;
}

/* --------------------------------- Traditional or Simplified Chinese */

/* The Han characters of text[0, n) that ICU's transliterator id changes
 * (Hant-Hans: the characters only Traditional writes; Hans-Hant: those only
 * Simplified writes), or -1 when ICU has no such transliterator. */
static long
han_changed(const char *id, const UChar *u, int32_t len)
{
	UChar uid[16], *buf;
	UErrorCode e = U_ZERO_ERROR;
	UTransliterator *t;
	int32_t n = len, lim = len, cap = len * 2 + 16, i, j;
	long k = 0;

	u_uastrcpy(uid, id);
	t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	if (U_FAILURE(e))
		return -1;
	buf = g_new(UChar, cap);
	u_memcpy(buf, u, len);
	utrans_transUChars(t, buf, &n, cap, 0, &lim, &e);
	utrans_close(t);
	if (U_FAILURE(e)) {
		g_free(buf);
		return -1;
	}
	/* the Han mappings are one code point for one: compare them in step */
	for (i = 0, j = 0; i < len && j < n;) {
		UChar32 a, b;

		U16_NEXT(u, i, len, a);
		U16_NEXT(buf, j, n, b);
		if (a != b && g_unichar_get_script((gunichar)a) == G_UNICODE_SCRIPT_HAN)
			k++;
	}
	g_free(buf);
	return k;
}

const char *
warta_zh_script(const char *text, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar *u;
	int32_t len = 0;
	long t, s;

	if (n > 6000)
		n = 6000;   /* a few thousand characters decide it */
	while (n > 0 && !g_utf8_validate(text, (gssize)n, NULL))
		n--;
	u_strFromUTF8(NULL, 0, &len, text, (int32_t)n, &e);
	if (len == 0)
		return NULL;
	e = U_ZERO_ERROR;
	u = g_new(UChar, len + 1);
	u_strFromUTF8(u, len + 1, NULL, text, (int32_t)n, &e);
	if (U_FAILURE(e)) {
		g_free(u);
		return NULL;
	}
	t = han_changed("Hant-Hans", u, len);
	s = han_changed("Hans-Hant", u, len);
	g_free(u);
	/* a character of both (后 台 干: a Simplified form that is also a
	 * Traditional word) counts on the Simplified side: the margin below
	 * absorbs them */
	if (t < 0 || s < 0 || t + s < 3)
		return NULL;
	if (t > 4 * s)
		return "Hant";
	if (s > 4 * t)
		return "Hans";
	return NULL;
}

/* ------------------------------------------------ dates (CLDR, ICU) */

/* The ICU locale of tag for dates: Gregorian always (a newspaper's date;
 * fa and th default to their own calendars), Arabic with the Western
 * digits the Arabic press of the corpus writes unless the tag asks
 * otherwise ("ar-u-nu-arab"). */
static int
icu_locale(const char *tag, char *loc, size_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	char *norm = warta_lang_normalize(tag ? tag : "en");
	int32_t parsed;
	char kw[32];

	uloc_forLanguageTag(norm, loc, (int32_t)cap, &parsed, &e);
	g_free(norm);
	if (U_FAILURE(e) || !loc[0])
		return -1;
	if (uloc_getKeywordValue(loc, "calendar", kw, sizeof kw, &e) <= 0) {
		e = U_ZERO_ERROR;
		uloc_setKeywordValue("calendar", "gregorian", loc, (int32_t)cap, &e);
	}
	e = U_ZERO_ERROR;
	if (warta_lang_is(tag, "ar") && uloc_getKeywordValue(loc, "numbers", kw, sizeof kw, &e) <= 0) {
		e = U_ZERO_ERROR;
		uloc_setKeywordValue("numbers", "latn", loc, (int32_t)cap, &e);
	}
	return U_FAILURE(e) ? -1 : 0;
}

/* Whether ICU has a locale of tag's language (not only its root). */
static int
icu_knows(const char *tag)
{
	static GHashTable *langs;
	static gsize once;
	char *p;
	int yes;

	if (g_once_init_enter(&once)) {
		int32_t i, n = uloc_countAvailable();

		langs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		for (i = 0; i < n; i++) {
			char l[ULOC_LANG_CAPACITY];
			UErrorCode e = U_ZERO_ERROR;

			uloc_getLanguage(uloc_getAvailable(i), l, sizeof l, &e);
			if (U_SUCCESS(e) && l[0])
				g_hash_table_add(langs, g_strdup(l));
		}
		g_once_init_leave(&once, 1);
	}
	if (!tag || !(p = warta_lang_primary(tag)))
		return 0;
	yes = g_hash_table_contains(langs, p);
	g_free(p);
	return yes;
}

static void
french_first(UDateFormat *f)
{
	UChar pat[128], out[160];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = udat_toPattern(f, FALSE, pat, G_N_ELEMENTS(pat), &e), i, k = 0;
	int quoted = 0, done = 0;

	if (U_FAILURE(e) || n >= (int32_t)G_N_ELEMENTS(pat))
		return;
	for (i = 0; i < n && k < (int32_t)G_N_ELEMENTS(out) - 5; i++) {
		out[k++] = pat[i];
		if (pat[i] == '\'')
			quoted = !quoted;
		else if (!quoted && !done && pat[i] == 'd' && (i + 1 >= n || pat[i + 1] != 'd') &&
		         (i == 0 || pat[i - 1] != 'd')) {
			out[k++] = '\'', out[k++] = 'e', out[k++] = 'r', out[k++] = '\'';
			done = 1;
		}
	}
	udat_applyPattern(f, FALSE, out, k);
}

/* The full date's pattern of ICU locale loc (weekday, day, month, year)
 * into pat (cap UChars); its length, 0 when none.  Kept per locale: the
 * pattern generator takes about 2 M instructions to open, and an edition
 * formats each of its articles' dates. */
#define PATTERNS_MAX 64
static GHashTable *patterns;    /* loc → GBytes of its pattern's UChars (empty: none) */
G_LOCK_DEFINE_STATIC(patterns);

static int32_t
full_pattern(const char *loc, UChar *pat, int32_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	UDateTimePatternGenerator *g;
	UChar skel[16];
	GBytes *kept;
	int32_t np = 0;
	gsize len;

	G_LOCK(patterns);
	kept = patterns ? g_hash_table_lookup(patterns, loc) : NULL;
	if (kept) {
		const UChar *p = g_bytes_get_data(kept, &len);

		np = (int32_t)(len / sizeof(UChar));
		if (np < cap && np > 0)
			memcpy(pat, p, len);
	}
	G_UNLOCK(patterns);
	if (kept)
		return np < cap ? np : 0;
	warta_count(WARTA_COUNT_DATE_PATTERNS, 1);
	g = udatpg_open(loc, &e);
	u_uastrcpy(skel, "yMMMMEEEEd");
	np = g ? udatpg_getBestPattern(g, skel, -1, pat, cap, &e) : 0;
	if (g)
		udatpg_close(g);
	if (U_FAILURE(e) || np <= 0 || np >= cap)
		return 0;       /* not kept: ICU may do better next time (memory) */
	G_LOCK(patterns);
	if (patterns == NULL)
		patterns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    (GDestroyNotify)g_bytes_unref);
	if (g_hash_table_size(patterns) < PATTERNS_MAX && !g_hash_table_contains(patterns, loc))
		g_hash_table_insert(patterns, g_strdup(loc), g_bytes_new(pat, (gsize)np * sizeof(UChar)));
	G_UNLOCK(patterns);
	return np;
}

/* ICU date formats kept, one per locale (and one more for French's first
 * of the month): udat_open takes about 2.6 M instructions, and an edition
 * formats a new date for each of its articles.  ICU's formats are not to
 * be used by two threads at once, and two threads lay out: each is used
 * under the lock.  At most FORMATS_MAX are kept; past that, one is made
 * for the call and closed. */
#define FORMATS_MAX 64
static GHashTable *formats;     /* "loc" or "loc\001er" → UDateFormat */
static GMutex formats_lock;

/* The full date of t (ms since 1970, UTC) in loc into out (cap UChars);
 * its length, or -1 when ICU failed. */
static int32_t
format_kept(const char *loc, int french_1er, UDate t, UChar *out, int32_t cap)
{
	char *key = g_strconcat(loc, french_1er ? "\001er" : "", NULL);
	UDateFormat *f;
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = -1, kept = 0;

	g_mutex_lock(&formats_lock);
	if (formats == NULL)
		formats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)udat_close);
	f = g_hash_table_lookup(formats, key);
	if (f == NULL) {
		UChar pat[128], tz[4];
		int32_t np = full_pattern(loc, pat, G_N_ELEMENTS(pat));

		u_uastrcpy(tz, "UTC");
		warta_count(WARTA_COUNT_DATE_FORMATS, 1);
		f = np > 0 ? udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, tz, -1, pat, np, &e) : NULL;
		if (f && U_FAILURE(e)) {
			udat_close(f);
			f = NULL;
		}
		/* French writes the first of the month as an ordinal, "1er",
		 * which CLDR's pattern has not: the day field followed by 'er' */
		if (f && french_1er)
			french_first(f);
		if (f && g_hash_table_size(formats) < FORMATS_MAX) {
			g_hash_table_insert(formats, key, f);
			key = NULL;
			kept = 1;
		}
	} else {
		kept = 1;
	}
	if (f) {
		e = U_ZERO_ERROR;
		n = udat_format(f, t, out, cap, NULL, &e);
		if (U_FAILURE(e) || n <= 0)
			n = -1;
		if (!kept)
			udat_close(f);
	}
	g_mutex_unlock(&formats_lock);
	g_free(key);
	return n;
}

/* iso's full date in lang, or NULL: *transient set when ICU failed (a
 * call may do better later), not when iso is no date. */
static char *
date_format(const char *iso, const char *lang, int *transient)
{
	char loc[ULOC_FULLNAME_CAPACITY + 64], tail;
	unsigned y, m, dd;
	UChar out[256];
	UDate t;
	int32_t n;
	GDate *date;

	*transient = 0;
	if (!warta_date_valid(iso) || sscanf(iso, "%4u-%2u-%2u%c", &y, &m, &dd, &tail) != 3)
		return NULL;
	/* a language ICU has no data for: English (ICU would give its root
	 * locale's "2024 Oct 25, Fri") */
	if (icu_locale(icu_knows(lang) ? lang : "en", loc, sizeof loc) != 0)
		return NULL;
	date = g_date_new_dmy((GDateDay)dd, (GDateMonth)m, (GDateYear)y);
	t = ((double)g_date_get_julian(date) - 719163.0) * 86400000.0;   /* 1970-01-01 is day 719163 */
	g_date_free(date);
	/* the full date: weekday, day, month, year in the language's order,
	 * from the skeleton (CLDR's FULL pattern writes "01 Maret" in
	 * Indonesian, where papers write "1 Maret") */
	n = format_kept(loc, dd == 1 && warta_lang_is(lang, "fr"), t, out, G_N_ELEMENTS(out));
	if (n <= 0) {
		*transient = 1;
		return NULL;
	}
	return g_utf16_to_utf8((const gunichar2 *)out, n, NULL, NULL, NULL);
}

/* Dates formatted, by language and date: ICU's pattern generator and date
 * format take about 3 M instructions to open, and an edition formats its
 * date on every page's running head (a 300-page edition spent a fifth of
 * its time there).  At most DATES_MAX are kept; past that, each is made
 * anew. */
#define DATES_MAX 4096
static GHashTable *dates;    /* "lang\001iso" → its text ("" when none) */
G_LOCK_DEFINE_STATIC(dates);

char *
warta_date_format(const char *iso, const char *lang)
{
	char *key = g_strconcat(lang ? lang : "", "\001", iso ? iso : "", NULL);
	const char *hit;
	char *res;
	int transient = 0;

	G_LOCK(dates);
	if (dates == NULL)
		dates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	hit = g_hash_table_lookup(dates, key);
	if (hit) {
		res = *hit ? g_strdup(hit) : NULL;
		G_UNLOCK(dates);
		g_free(key);
		return res;
	}
	G_UNLOCK(dates);
	res = iso ? date_format(iso, lang, &transient) : NULL;
	G_LOCK(dates);
	if (!transient && g_hash_table_size(dates) < DATES_MAX && !g_hash_table_contains(dates, key)) {
		g_hash_table_insert(dates, key, g_strdup(res ? res : ""));
		key = NULL;
	}
	G_UNLOCK(dates);
	g_free(key);
	return res;
}

/* ------------------------------------------------ labels */

/* warta's own words for its pages: no CLDR data holds them.  Looked up
 * along ICU's fallback of the tag (zh-TW → zh_Hant_TW → zh_Hant → zh), so
 * a Traditional Chinese book reads 目錄, a Simplified one 目录.  The
 * continuation lines take the page number as %s, the issue line the
 * edition's number; "Inside" heads a front page's index strip. */
static const struct {
	const char *loc;
	const char *s[WARTA_LABEL_COUNT];
} labels[] = {
	{ "en", { "Contents", "Page", "Continued on page %s", "Continued from page %s", "Cover", "Start", "Notes",
	          "Inside", "No. %s" } },
	{ "id", { "Daftar Isi", "Halaman", "Bersambung ke halaman %s", "Sambungan dari halaman %s", "Sampul", "Mulai", "Catatan",
	          "Halaman dalam", "No. %s" } },
	{ "ms", { "Kandungan", "Halaman", "Bersambung ke halaman %s", "Sambungan dari halaman %s", "Kulit", "Mula", "Nota",
	          "Di dalam", "Bil. %s" } },
	{ "de", { "Inhalt", "Seite", "Fortsetzung auf Seite %s", "Fortsetzung von Seite %s", "Titelbild", "Beginn", "Anmerkungen",
	          "Im Innern", "Nr. %s" } },
	{ "fr", { "Sommaire", "Page", "Suite en page %s", "Suite de la page %s", "Couverture", "Début", "Notes",
	          "À l’intérieur", "N° %s" } },
	{ "es", { "Índice", "Página", "Continúa en la página %s", "Viene de la página %s", "Cubierta", "Inicio", "Notas",
	          "En el interior", "N.º %s" } },
	{ "pt", { "Índice", "Página", "Continua na página %s", "Continuação da página %s", "Capa", "Início", "Notas",
	          "Nesta edição", "N.º %s" } },
	{ "nl", { "Inhoud", "Pagina", "Vervolg op pagina %s", "Vervolg van pagina %s", "Omslag", "Begin", "Noten",
	          "Binnenin", "Nr. %s" } },
	{ "it", { "Indice", "Pagina", "Continua a pagina %s", "Segue da pagina %s", "Copertina", "Inizio", "Note",
	          "All’interno", "N. %s" } },
	{ "sv", { "Innehåll", "Sida", "Fortsättning på sidan %s", "Fortsättning från sidan %s", "Omslag", "Början", "Noter",
	          "Inne i tidningen", "Nr %s" } },
	{ "pl", { "Spis treści", "Strona", "Ciąg dalszy na stronie %s", "Ciąg dalszy ze strony %s", "Okładka", "Początek", "Przypisy",
	          "W numerze", "Nr %s" } },
	{ "tr", { "İçindekiler", "Sayfa", "Devamı sayfa %s", "Baştarafı sayfa %s", "Kapak", "Başlangıç", "Notlar",
	          "Bu sayıda", "Sayı %s" } },
	{ "ru", { "Содержание", "Страница", "Продолжение на странице %s", "Начало на странице %s", "Обложка", "Начало", "Примечания",
	          "В номере", "№ %s" } },
	{ "uk", { "Зміст", "Сторінка", "Продовження на сторінці %s", "Початок на сторінці %s", "Обкладинка", "Початок", "Примітки",
	          "У номері", "№ %s" } },
	{ "el", { "Περιεχόμενα", "Σελίδα", "Συνέχεια στη σελίδα %s", "Συνέχεια από τη σελίδα %s", "Εξώφυλλο", "Αρχή", "Σημειώσεις",
	          "Σε αυτό το φύλλο", "Αρ. %s" } },
	{ "vi", { "Mục lục", "Trang", "Xem tiếp trang %s", "Tiếp theo trang %s", "Bìa", "Bắt đầu", "Chú thích",
	          "Trong số này", "Số %s" } },
	{ "th", { "สารบัญ", "หน้า", "อ่านต่อหน้า %s", "ต่อจากหน้า %s", "ปก", "เริ่ม", "หมายเหตุ",
	          "ในฉบับ", "ฉบับที่ %s" } },
	{ "hi", { "विषय-सूची", "पृष्ठ", "शेष पृष्ठ %s पर", "पृष्ठ %s से आगे", "आवरण", "आरंभ", "टिप्पणियाँ",
	          "इस अंक में", "अंक %s" } },
	{ "he", { "תוכן העניינים", "עמוד", "המשך בעמוד %s", "המשך מעמוד %s", "כריכה", "התחלה", "הערות",
	          "בגיליון", "גיליון %s" } },
	{ "ar", { "المحتويات", "صفحة", "التتمة في الصفحة %s", "تتمة من الصفحة %s", "الغلاف", "البداية", "الحواشي",
	          "في هذا العدد", "العدد %s" } },
	{ "fa", { "فهرست", "صفحه", "ادامه در صفحهٔ %s", "ادامه از صفحهٔ %s", "جلد", "آغاز", "یادداشت‌ها",
	          "در این شماره", "شمارهٔ %s" } },
	{ "ur", { "فہرست", "صفحہ", "بقیہ صفحہ %s پر", "صفحہ %s سے آگے", "سرورق", "آغاز", "حواشی",
	          "اس شمارے میں", "شمارہ %s" } },
	{ "zh", { "目录", "页", "接第%s版", "上接第%s版", "封面", "开始", "注释",
	          "本期导读", "第%s期" } },
	{ "zh_Hant", { "目錄", "頁", "接第%s版", "上接第%s版", "封面", "開始", "註釋",
	          "本期導讀", "第%s期" } },
	{ "ja", { "目次", "ページ", "%sページに続く", "%sページから続く", "表紙", "本文", "注",
	          "中面", "第%s号" } },
	{ "ko", { "차례", "쪽", "%s쪽에 계속", "%s쪽에서 계속", "표지", "시작", "주석",
	          "이번 호", "제%s호" } },
};

const char *
warta_label(const char *lang, enum warta_label_key key)
{
	char loc[ULOC_FULLNAME_CAPACITY], full[ULOC_FULLNAME_CAPACITY], parent[ULOC_FULLNAME_CAPACITY];
	UErrorCode e = U_ZERO_ERROR;
	char *norm;
	int32_t parsed;
	size_t i;

	if ((unsigned)key >= WARTA_LABEL_COUNT)
		return "";
	norm = lang ? warta_lang_normalize(lang) : NULL;
	if (!norm)
		return labels[0].s[key];
	uloc_forLanguageTag(norm, loc, sizeof loc, &parsed, &e);
	g_free(norm);
	if (U_FAILURE(e))
		return labels[0].s[key];
	/* zh-TW → zh_Hant_TW: the script the region writes */
	uloc_addLikelySubtags(loc, full, sizeof full, &e);
	if (U_FAILURE(e)) {
		e = U_ZERO_ERROR;
		g_strlcpy(full, loc, sizeof full);
	}
	while (full[0]) {
		for (i = 0; i < G_N_ELEMENTS(labels); i++)
			if (strcmp(labels[i].loc, full) == 0)
				return labels[i].s[key];
		uloc_getParent(full, parent, sizeof parent, &e);
		if (U_FAILURE(e) || strcmp(parent, full) == 0)
			break;
		g_strlcpy(full, parent, sizeof full);
	}
	return labels[0].s[key];
}
