/* test_hyphenate.c — unit tests of the hyphenator (src/layout/hyphenate): real
 * Indonesian and English words with their expected points, case folding, the
 * Latin-1 Indonesian dictionary, the words it must skip, and threads. */
#include <glib.h>
#include <string.h>

#include "harness.h"
#include "layout/hyphenate.h"

static struct warta_hyphenator *H;

/* The word with '-' at each point, e.g. "hy-phen-ation". */
static char *
marked(struct warta_hyphenator *h, const char *lang, const char *word, int lmin, int rmin)
{
	int pts[64], n, i, k = 0;
	GString *s = g_string_new(NULL);

	n = warta_hyphenate(h, lang, word, (int)strlen(word), lmin, rmin, pts, 64);
	for (i = 0; word[i]; i++) {
		if (k < n && pts[k] == i) {
			g_string_append_c(s, '-');
			k++;
		}
		g_string_append_c(s, word[i]);
	}
	return g_string_free(s, FALSE);
}

static void
expect(const char *lang, const char *word, int lmin, int rmin, const char *want, const char *msg)
{
	char *got = marked(H, lang, word, lmin, rmin);

	STR_EQ(got, want, msg);
	g_free(got);
}

static int
count(const char *lang, const char *word, int lmin, int rmin)
{
	int pts[64];

	return warta_hyphenate(H, lang, word, (int)strlen(word), lmin, rmin, pts, 64);
}

static void
languages(void)
{
	OK(warta_hyphenator_has(H, "id"), "an Indonesian dictionary");
	OK(warta_hyphenator_has(H, "en"), "an English dictionary");
	OK(warta_hyphenator_has(H, "id-ID") && warta_hyphenator_has(H, "EN_us"),
	   "region subtags and case are ignored");
	OK(warta_hyphenator_has(H, "de") && warta_hyphenator_has(H, "fr") && warta_hyphenator_has(H, "es") &&
	   warta_hyphenator_has(H, "pt") && warta_hyphenator_has(H, "nl") && warta_hyphenator_has(H, "it"),
	   "de, fr, es, pt, nl and it dictionaries");
	OK(!warta_hyphenator_has(H, "ar") && !warta_hyphenator_has(H, "zh") && !warta_hyphenator_has(H, ""),
	   "no dictionary for ar, zh or an empty tag");
	INT_EQ(count("zh", "typesetting", 2, 3), 0, "no points without a dictionary");
}

static void
words(void)
{
	expect("id", "pemberitahuan", 2, 3, "pem-be-ri-ta-huan", "id: pemberitahuan (rhmin 3 drops hu-an)");
	expect("id", "pemberitahuan", 2, 2, "pem-be-ri-ta-hu-an", "id: pemberitahuan at 2/2");
	expect("id", "menyelenggarakan", 2, 2, "me-nye-leng-ga-ra-kan",
	       "id: menyelenggarakan from the exceptions (libhyphen: …ra-k-an)");
	expect("id", "kebijakan", 2, 3, "ke-bi-jakan", "id: kebijakan");
	expect("id", "mengembangkan", 2, 3, "me-ngem-bang-kan", "id: mengembangkan");
	expect("id", "(strategis),", 2, 3, "(stra-te-gis),", "id: punctuation around a word is kept out");
	expect("id", "negara-negara", 2, 3, "ne-gara-ne-gara", "id: each part of a hyphenated word");
	expect("id", "pembelajaran", 2, 3, "pem-be-la-jaran", "id: an exception still obeys rhmin");
	/* the Indonesian patterns give de-ng-an, ko-r-ea, se-m-bi-lan, mi-l-i-ter,
	 * tran-s-for-ma-si: only syllable boundaries are kept */
	expect("id", "dengan", 2, 2, "de-ngan", "id: dengan (ng is one consonant)");
	expect("id", "korea", 2, 2, "ko-rea", "id: korea (no vowelless fragment)");
	expect("id", "sembilan", 2, 2, "sem-bi-lan", "id: sembilan (VC-CV)");
	expect("id", "militer", 2, 2, "mi-li-ter", "id: militer (V-CV)");
	expect("id", "transformasi", 2, 2, "trans-for-ma-si", "id: transformasi (a lone s joins the left)");
	expect("id", "masyarakat", 2, 2, "ma-sya-ra-kat", "id: masyarakat (sy is one consonant)");
	expect("id", "pemberitahuan", 4, 4, "pembe-ri-ta-huan", "id: lhmin 4, rhmin 4");
	expect("en", "hyphenation", 2, 3, "hy-phen-ation", "en: hyphenation");
	expect("en", "typesetting", 2, 3, "type-set-ting", "en: typesetting");
	expect("en", "relationship", 2, 3, "re-la-tion-ship", "en: relationship");
	expect("en", "children's", 2, 3, "chil-dren's", "en: the part before an apostrophe");
	expect("de", "Silbentrennung", 2, 2, "Sil-ben-tren-nung", "de: Silbentrennung");
	expect("fr", "hyph\xc3\xa9nation", 2, 3, "hy-ph\xc3\xa9-na-tion", "fr: a UTF-8 dictionary gives byte offsets");
}

static void
case_and_encoding(void)
{
	/* libhyphen does not fold case: "Hyphenation" would give Hyphen-ation */
	expect("en", "Hyphenation", 2, 3, "Hy-phen-ation", "en: a capitalised word is folded first");
	expect("en", "HyPhenation", 2, 3, "Hy-Phen-ation", "en: mixed case too");
	expect("id", "Pemerintah", 2, 3, "Pe-me-rin-tah", "id: a capitalised word");
	/* the Indonesian dictionary is ISO8859-1: é is converted, offsets stay UTF-8 bytes */
	expect("id", "r\xc3\xa9" "formasi", 2, 3, "r\xc3\xa9" "for-masi", "id: Latin-1 letter converted; byte offsets");
	INT_EQ(count("id", "strategi\xc5\x9f", 2, 3), 0, "id: a letter outside Latin-1 (ş) skips the word");
	/* İ lowercases to i + combining dot: the character count changes */
	INT_EQ(count("en", "\xc4\xb0stanbulization", 2, 3), 0, "a word whose lowercase changes length is skipped");
	INT_EQ(count("id", "pem\xff" "beritahuan", 2, 3), 0, "invalid UTF-8 is skipped");
}

static void
skips(void)
{
	INT_EQ(count("id", "covid19pandemi", 2, 3), 0, "digits");
	INT_EQ(count("id", "2024", 2, 3), 0, "a number");
	INT_EQ(count("en", "https://example.org/hyphenation", 2, 3), 0, "a URL");
	INT_EQ(count("en", "www.hyphenation.org", 2, 3), 0, "a bare www address");
	INT_EQ(count("en", "typesetting@example.com", 2, 3), 0, "an e-mail address");
	INT_EQ(count("en", "hyphenation.org", 2, 3), 0, "a domain");
	INT_EQ(count("id", "KEMENTERIAN", 2, 3), 0, "an all-caps word (acronym)");
	INT_EQ(count("id", "DPRD", 2, 3), 0, "an acronym");
	INT_EQ(count("id", "rumah", 3, 3), 0, "a word shorter than lhmin + rhmin");
	expect("id", "sebagai", 3, 3, "seba-gai", "sebagai at 3/3: only the point leaving 3 on each side");
	INT_EQ(count("id", "\xe2\x80\x9c\xe2\x80\x9d", 2, 3), 0, "punctuation only");
	INT_EQ(count("id", "", 2, 3), 0, "an empty word");
	{
		int pts[2];

		INT_EQ(warta_hyphenate(H, "id", "pemberitahuan", 13, 2, 3, pts, 2), 2, "at most max points");
		OK(pts[0] == 3 && pts[1] == 5, "the first ones");
	}
}

/* ------------------------------------------------------------ threads */

static const char *const thread_words[] = {
	"pemberitahuan", "menyelenggarakan", "kebijakan", "pemerintahan", "perjanjian",
	"hyphenation", "typesetting", "relationship", "international", "announcement",
};
static char *single[G_N_ELEMENTS(thread_words)];
static struct warta_hyphenator *shared;
static int thread_bad;
static GMutex thread_lock;

static gpointer
worker(gpointer arg)
{
	int round, k, bad = 0;

	for (round = 0; round < 300; round++) {
		for (k = 0; k < (int)G_N_ELEMENTS(thread_words); k++) {
			const char *lang = k < 5 ? "id" : "en";
			char *got = marked(shared, lang, thread_words[k], 2, 3);

			if (strcmp(got, single[k]) != 0)
				bad++;
			g_free(got);
		}
	}
	g_mutex_lock(&thread_lock);
	thread_bad += bad;
	g_mutex_unlock(&thread_lock);
	return arg;
}

static void
threads(void)
{
	GThread *t[4];
	int k;

	for (k = 0; k < (int)G_N_ELEMENTS(thread_words); k++)
		single[k] = marked(H, k < 5 ? "id" : "en", thread_words[k], 2, 3);
	/* a fresh hyphenator: the threads race to load the dictionaries */
	shared = warta_hyphenator_new();
	for (k = 0; k < 4; k++)
		t[k] = g_thread_new("hyph", worker, NULL);
	for (k = 0; k < 4; k++)
		g_thread_join(t[k]);
	INT_EQ(thread_bad, 0, "4 threads sharing one hyphenator give the single-threaded points");
	warta_hyphenator_free(shared);
	for (k = 0; k < (int)G_N_ELEMENTS(thread_words); k++)
		g_free(single[k]);
}

int
main(void)
{
	H = warta_hyphenator_new();
	languages();
	words();
	case_and_encoding();
	skips();
	threads();
	warta_hyphenator_free(H);
	return harness_done();
}
