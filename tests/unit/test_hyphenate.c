/* test_hyphenate.c — unit tests of the hyphenator (src/layout/hyphenate): real
 * Indonesian and English words with their expected points, case folding, the
 * Latin-1 Indonesian dictionary, the words it must skip, and threads; and
 * warta's pattern engine (src/layout/patterns) against libhyphen 2.8.8 as the
 * oracle, on every dictionary warta uses and on made-up ones. */
#include <glib.h>
#include <glib/gstdio.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "layout/hyphenate.h"
#include "layout/patterns.h"

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

/* Each word's points are kept: asked again (with any max up to 64), the
 * same points without computing them; per language and minimums; at most
 * WARTA_HYPHEN_KEPT_MAX words, and the words past them still hyphenated. */
static void
kept(void)
{
	static const char *const w[] = { "pemerintahan", "internasional", "Presiden", "kebijakan",
		"hyphenation", "pemerintahan", "\u201cpemerintahan,\u201d", "negara-negara", "2024" };
	struct warta_hyphenator *h = warta_hyphenator_new();
	char *first[G_N_ELEMENTS(w)];
	int pts[64], n1, n, k, bad = 0;
	GString *s = g_string_new(NULL);

	INT_EQ(warta_hyphenator_kept(h), 0, "a new hyphenator keeps no words");
	for (k = 0; k < (int)G_N_ELEMENTS(w); k++)
		first[k] = marked(h, k == 4 ? "en" : "id", w[k], 2, 3);
	/* 8 distinct (language, word) pairs: the repeated one is found */
	INT_EQ(warta_hyphenator_kept(h), 8, "each distinct word kept once");
	for (k = 0; k < (int)G_N_ELEMENTS(w); k++) {
		char *again = marked(h, k == 4 ? "en" : "id", w[k], 2, 3);

		bad += strcmp(again, first[k]) != 0;
		g_free(again);
		g_free(first[k]);
	}
	INT_EQ(bad, 0, "asked again: the kept points are the computed ones");
	INT_EQ(warta_hyphenator_kept(h), 8, "asked again, nothing more is kept");
	first[0] = marked(h, "id", "pemerintahan", 3, 3);
	first[1] = marked(H, "id", "pemerintahan", 3, 3);
	STR_EQ(first[0], first[1], "other minimums: their own points");
	OK(strcmp(first[0], "pe-me-rin-ta-han") != 0, "other minimums: not the kept ones of 2, 3");
	g_free(first[0]);
	g_free(first[1]);
	INT_EQ(warta_hyphenator_kept(h), 9, "the same word with other minimums is kept apart");
	n = warta_hyphenate(h, "id", "pemerintahan", 12, 2, 3, pts, 2);
	OK(n == 2 && pts[0] == 2 && pts[1] == 4, "a smaller max: the first points of the kept ones");
	/* a key too long to keep: computed each time */
	for (k = 0; k < 20; k++)
		g_string_append(s, "kebijakan-");
	g_string_append(s, "kebijakan");
	n1 = warta_hyphenate(h, "id", s->str, (int)s->len, 2, 3, pts, 64);
	OK(n1 == 42 && warta_hyphenate(h, "id", s->str, (int)s->len, 2, 3, pts, 64) == n1 &&
	   warta_hyphenator_kept(h) == 9, "a word longer than a key: the same points, not kept");
	/* past the bound, words are hyphenated as before and not kept */
	for (k = 0; k < WARTA_HYPHEN_KEPT_MAX + 100; k++) {
		char word[32];
		int i, x = k;

		for (i = 0; i < 6; i++, x /= 20)
			word[2 * i] = "bcdfghjklmnprstvwyzq"[x % 20], word[2 * i + 1] = "aiueo"[i % 5];
		word[12] = '\0';
		if (k < WARTA_HYPHEN_KEPT_MAX) {
			warta_hyphenate(h, "id", word, 12, 2, 3, pts, 64);
		} else {
			char *a = marked(h, "id", word, 2, 3), *b = marked(H, "id", word, 2, 3);

			bad += strcmp(a, b) != 0 || strchr(a, '-') == NULL;
			g_free(a);
			g_free(b);
		}
	}
	INT_EQ(warta_hyphenator_kept(h), WARTA_HYPHEN_KEPT_MAX, "at most WARTA_HYPHEN_KEPT_MAX words kept");
	INT_EQ(bad, 0, "words past the bound hyphenated as by a fresh hyphenator");
	g_string_free(s, TRUE);
	warta_hyphenator_free(h);
}

/* Words made of two letters whose UTF-8 pairs a multiplicative (x33) hash
 * could not tell apart ("ê" C3 AA and "ĉ" C4 89): every one of the 4,096
 * such words of 12 letters is kept apart and found again with its own
 * points (the words are in a tree, by their bytes: a crafted set costs a
 * lookup what any other set does; tests/bench "hyphflood" times it). */
static void
kept_alike(void)
{
	struct warta_hyphenator *h = warta_hyphenator_new();
	int k, bad = 0;

	for (int round = 0; round < 2; round++)
		for (k = 0; k < 4096; k++) {
			char word[32], *a, *b;
			int i;

			for (i = 0; i < 12; i++)
				memcpy(word + 2 * i, (k >> i) & 1 ? "\xc3\xaa" : "\xc4\x89", 2);
			word[24] = '\0';
			a = marked(h, "fr", word, 2, 3);
			b = marked(H, "fr", word, 2, 3);
			bad += strcmp(a, b) != 0;
			g_free(a);
			g_free(b);
		}
	INT_EQ(warta_hyphenator_kept(h), 4096, "4,096 words alike to a hash: each kept apart");
	INT_EQ(bad, 0, "each found again with its own points");
	warta_hyphenator_free(h);
}

/* ------------------------------------------------------------ oracle */

/* The dictionaries of hyphenate.c's dict_files[], with each language's
 * letters (lowercase; capitals are made from them). */
static const struct {
	const char *lang, *file, *letters;
} oracle_dicts[] = {
	{ "id", "hyph_id_ID.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa9" },
	{ "en", "hyph_en_US.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa9\xc3\xaf" },
	{ "de", "hyph_de_DE.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa4\xc3\xb6\xc3\xbc\xc3\x9f" },
	{ "fr", "hyph_fr.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa0\xc3\xa2\xc3\xa6\xc3\xa7\xc3\xa9"
	  "\xc3\xa8\xc3\xaa\xc3\xab\xc3\xae\xc3\xaf\xc3\xb4\xc5\x93\xc3\xb9\xc3\xbb\xc3\xbc\xc3\xbf" },
	{ "es", "hyph_es_ES.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa1\xc3\xa9\xc3\xad\xc3\xb1\xc3\xb3"
	  "\xc3\xba\xc3\xbc" },
	{ "pt", "hyph_pt_PT.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa1\xc3\xa0\xc3\xa2\xc3\xa3\xc3\xa7"
	  "\xc3\xa9\xc3\xaa\xc3\xad\xc3\xb3\xc3\xb4\xc3\xb5\xc3\xba" },
	{ "nl", "hyph_nl_NL.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xab\xc3\xaf\xc3\xa9\xc3\xa8" },
	{ "it", "hyph_it_IT.dic", "abcdefghijklmnopqrstuvwxyz\xc3\xa0\xc3\xa8\xc3\xa9\xc3\xac\xc3\xb2"
	  "\xc3\xb9" },
};

/* Made-up words per dictionary (fewer under make valgrind: memcheck is slow). */
static int made_count = 10000;

/* hyphenmin pairs: warta's default (2, 3) and others styles may set */
static const int oracle_mins[][2] = { { 2, 3 }, { 2, 2 }, { 1, 1 }, { 3, 4 } };

struct words {
	GHashTable *seen;
	GPtrArray *list;         /* UTF-8 strings, owned by seen */
};

static void
add_word(struct words *ws, const char *w, gssize len)
{
	char *s;

	if (len < 0)
		len = (gssize)strlen(w);
	if (len == 0 || len > 400 || !g_utf8_validate(w, len, NULL))
		return;
	s = g_strndup(w, len);
	if (g_hash_table_contains(ws->seen, s)) {
		g_free(s);
		return;
	}
	g_hash_table_add(ws->seen, s);
	g_ptr_array_add(ws->list, s);
}

/* Each whitespace-separated token of text as it stands, lowercased, and
 * each of its letter-only runs lowercased (what hyphenate.c passes on). */
static void
add_text(struct words *ws, const char *text)
{
	char **tok = g_strsplit_set(text, " \t\r\n", -1);
	int i;

	for (i = 0; tok[i]; i++) {
		const char *p = tok[i], *q;
		char *low;

		if (*p == '\0' || !g_utf8_validate(p, -1, NULL))
			continue;
		add_word(ws, p, -1);
		low = g_utf8_strdown(p, -1);
		add_word(ws, low, -1);
		g_free(low);
		while (*p) {
			while (*p && !g_unichar_isalpha(g_utf8_get_char(p)) && !g_unichar_ismark(g_utf8_get_char(p)))
				p = g_utf8_next_char(p);
			for (q = p; *q && (g_unichar_isalpha(g_utf8_get_char(q)) ||
			                   g_unichar_ismark(g_utf8_get_char(q))); q = g_utf8_next_char(q))
				;
			if (q > p) {
				low = g_utf8_strdown(p, q - p);
				add_word(ws, low, -1);
				g_free(low);
			}
			p = q;
		}
	}
	g_strfreev(tok);
}

/* Every text file under dir (recursively when deep): words of its text. */
static int
add_dir(struct words *ws, const char *dir, int deep)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int files = 0;

	if (d == NULL)
		return 0;
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL), *text;
		gsize len;

		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			if (deep)
				files += add_dir(ws, path, deep);
		} else if ((deep || g_str_has_suffix(name, ".txt")) &&
		           g_file_get_contents(path, &text, &len, NULL)) {
			if (len < 4 * 1024 * 1024 && g_utf8_validate(text, len, NULL)) {
				add_text(ws, text);
				files++;
			}
			g_free(text);
		}
		g_free(path);
	}
	g_dir_close(d);
	return files;
}

/* A random string of letters (some capitals), apostrophes and hyphens:
 * mostly 1–12 characters, some up to 40, a few up to 200. */
static char *
random_word(GRand *rnd, const gunichar *alpha, int nalpha)
{
	static const gunichar joins[] = { '\'', 0x2019, '-', 0x2013 };
	GString *s = g_string_new(NULL);
	int r = g_rand_int_range(rnd, 0, 100), n, i;

	n = r < 70 ? g_rand_int_range(rnd, 1, 13) : r < 95 ? g_rand_int_range(rnd, 13, 41) :
	    g_rand_int_range(rnd, 41, 201);
	for (i = 0; i < n; i++) {
		int k = g_rand_int_range(rnd, 0, 100);
		gunichar c = alpha[g_rand_int_range(rnd, 0, nalpha)];

		if (k < 4)
			c = joins[g_rand_int_range(rnd, 0, 4)];
		else if (k < 9)
			c = g_unichar_toupper(c);
		g_string_append_unichar(s, c);
	}
	return g_string_free(s, FALSE);
}

/* w in the dictionary's encoding (UTF-8 or ISO 8859-1); NULL if it has no
 * such form. */
static char *
in_charset(const char *w, int utf8)
{
	GString *s;
	const char *p;

	if (utf8)
		return g_strdup(w);
	s = g_string_new(NULL);
	for (p = w; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == 0 || c > 0xff) {
			g_string_free(s, TRUE);
			return NULL;
		}
		g_string_append_c(s, (char)c);
	}
	return g_string_free(s, FALSE);
}

/* The word with '=' at each break ('~' when non-standard) and "(err)". */
static char *
show(const char *w, int n, int utf8, int ret, const char *brk, const char *ns)
{
	GString *s = g_string_new(NULL);
	int i, c = -1;

	if (ret)
		return g_strdup("(error)");
	for (i = 0; i < n; i++) {
		g_string_append_c(s, w[i]);
		if (!utf8 || ((unsigned char)w[i + 1] >> 6) != 2) {
			c++;
			if (i + 1 < n && brk[c])
				g_string_append_c(s, ns[c] ? '~' : '=');
		}
	}
	return g_string_free(s, FALSE);
}

/* 1 when both engines agree on w (n bytes, in the dictionary's encoding). */
static int
agree(HyphenDict *hd, const struct pat_dict *pd, const char *w, int lmin, int rmin, GString *why)
{
	int n = (int)strlen(w), r1, r2, i, chars = 0, same;
	char *hy = g_malloc0(n + 5), *b1 = g_malloc0(n + 1), *n1 = g_malloc0(n + 1);
	char *b2 = g_malloc0(n + 1), *n2 = g_malloc0(n + 1), *wz;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	/* zeros after the word: libhyphen reads past its end when a
	 * non-standard pattern matches there */
	wz = g_malloc0(n + 256);
	memcpy(wz, w, n);
	r1 = hnj_hyphen_hyphenate3(hd, wz, n, hy, NULL, &rep, &pos, &cut, lmin, rmin, 0, 0);
	g_free(wz);
	r2 = pat_hyphenate(pd, w, n, lmin, rmin, b2, n2);
	for (i = 0; i < n; i++)
		if (!hd->utf8 || ((unsigned char)w[i] >> 6) != 2)
			chars++;
	for (i = 0; i < chars && r1 == 0; i++) {
		b1[i] = hy[i] & 1;
		n1[i] = rep && rep[i];
	}
	same = r1 == r2 && (r1 != 0 || (memcmp(b1, b2, chars) == 0 && memcmp(n1, n2, chars) == 0));
	if (!same && why) {
		char *a = show(w, n, hd->utf8, r1, b1, n1), *b = show(w, n, hd->utf8, r2, b2, n2);

		g_string_append_printf(why, "#   %d/%d: libhyphen %s, warta %s\n", lmin, rmin, a, b);
		g_free(a);
		g_free(b);
	}
	if (rep) {
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	g_free(hy);
	g_free(b1);
	g_free(n1);
	g_free(b2);
	g_free(n2);
	return same;
}

/* Compares the engines on every word of list (UTF-8) for every hyphenmin
 * pair; returns how many words differ, printing the first few. */
static int
compare_list(const char *name, HyphenDict *hd, const struct pat_dict *pd, GPtrArray *list, int *tried)
{
	GString *why = g_string_new(NULL);
	int bad = 0, shown = 0;
	guint i;
	size_t k;

	*tried = 0;
	for (i = 0; i < list->len; i++) {
		char *w = in_charset(list->pdata[i], hd->utf8);
		int ok = 1;

		if (w == NULL)
			continue;
		(*tried)++;
		for (k = 0; k < G_N_ELEMENTS(oracle_mins); k++)
			ok &= agree(hd, pd, w, oracle_mins[k][0], oracle_mins[k][1], shown < 8 ? why : NULL);
		if (!ok) {
			bad++;
			shown++;
		}
		g_free(w);
	}
	if (bad)
		printf("# %s: %d words differ, e.g.\n%s", name, bad, why->str);
	g_string_free(why, TRUE);
	return bad;
}

static void
oracle_languages(void)
{
	struct words real = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
	                      g_ptr_array_new() };
	const char *corpus = g_getenv("CORPUS");
	int files;
	size_t d;

	files = add_dir(&real, corpus && *corpus ? corpus : "../shared/corpus/articles", 0);
	if (files == 0)
		printf("# corpus articles absent: the oracle uses tests/ and made-up words only\n");
	files += add_dir(&real, "tests", 1);
	OK(real.list->len > 5000, "oracle: %u distinct words from %d files (corpus and tests/)",
	   real.list->len, files);
	for (d = 0; d < G_N_ELEMENTS(oracle_dicts); d++) {
		char *path = g_build_filename("/usr/share/hyphen", oracle_dicts[d].file, NULL);
		HyphenDict *hd = hnj_hyphen_load(path);
		struct pat_dict *pd = pat_load(path, NULL);
		struct words made = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		                      g_ptr_array_new() };
		GRand *rnd = g_rand_new_with_seed(7 + (guint32)d);
		gunichar *alpha = g_utf8_to_ucs4_fast(oracle_dicts[d].letters, -1, NULL);
		int nalpha = (int)g_utf8_strlen(oracle_dicts[d].letters, -1), bad, tried, k;
		char name[64], msg[160];

		if (hd == NULL || pd == NULL) {
			OK(0, "oracle %s: %s loads in both engines", oracle_dicts[d].lang, path);
			goto next;
		}
		OK(hd->utf8 == pat_utf8(pd) && strcmp(hd->cset, pat_charset(pd)) == 0,
		   "oracle %s: charset %s", oracle_dicts[d].lang, pat_charset(pd));
		snprintf(name, sizeof name, "%s real words", oracle_dicts[d].lang);
		bad = compare_list(name, hd, pd, real.list, &tried);
		snprintf(msg, sizeof msg, "oracle %s: %d real words × 4 hyphenmin pairs as libhyphen",
		         oracle_dicts[d].lang, tried);
		INT_EQ(bad, 0, msg);
		/* made-up words: random strings, and two real words joined
		 * (compounds, with or without a hyphen) */
		for (k = 0; k < made_count; k++) {
			char *w = random_word(rnd, alpha, nalpha);

			add_word(&made, w, -1);
			g_free(w);
		}
		for (k = 0; k < made_count && real.list->len > 1; k++) {
			const char *a = real.list->pdata[g_rand_int_range(rnd, 0, real.list->len)];
			const char *b = real.list->pdata[g_rand_int_range(rnd, 0, real.list->len)];
			char *w = g_strconcat(a, k % 3 == 0 ? "-" : "", b, NULL);

			add_word(&made, w, -1);
			g_free(w);
		}
		snprintf(name, sizeof name, "%s made-up words", oracle_dicts[d].lang);
		bad = compare_list(name, hd, pd, made.list, &tried);
		snprintf(msg, sizeof msg, "oracle %s: %d made-up words × 4 hyphenmin pairs as libhyphen",
		         oracle_dicts[d].lang, tried);
		INT_EQ(bad, 0, msg);
next:
		g_free(alpha);
		g_rand_free(rnd);
		g_ptr_array_free(made.list, TRUE);
		g_hash_table_destroy(made.seen);
		if (hd)
			hnj_hyphen_free(hd);
		pat_free(pd);
		g_free(path);
	}
	g_ptr_array_free(real.list, TRUE);
	g_hash_table_destroy(real.seen);
}

/* Dictionaries made up to use what the eight above do not: non-standard
 * patterns (with and without index and cut, in 8-bit and UTF-8), NOHYPHEN
 * lists, hyphenmin lines, comments, over-long lines, a CRLF line, digits. */
static const struct {
	const char *name, *text, *letters;
} made_dicts[] = {
	{ "8-bit NEXTLEVEL with replacements",
	  "ISO8859-1\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 2\nCOMPOUNDLEFTHYPHENMIN 2\n"
	  "COMPOUNDRIGHTHYPHENMIN 3\nNOHYPHEN ab,zz,s\n% a comment / with, commas\nx1\nfahrt1\n"
	  "1-1\n1'1\nNEXTLEVEL\n1b\na1\nc1k/k=k,1,2\nf1f/ff=f,1,2\ns1sz/sz=sz,2,3\n.e2\n"
	  "o1o\nk1\n2kk\n1zo\r\n"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1b\n"
	  "ab1ababababababababababababababababababababababababababababababababababababababababababababababa\n"
	  "ee1e\n",
	  "abcefkosxz" },
	{ "UTF-8 with replacements and defaults",
	  "UTF-8\nRIGHTHYPHENMIN 1\n1\xc3\xa9\n\xc3\xb6" "1\nb1b/bb=b,1,2\n\xc3\xa9" "1\xc3\xa9/\xc3\xa9=\xc3\xa9,1,2\n"
	  "a1a\n.o2\n2n.\nn1o\n",
	  "abnoz\xc3\xa9\xc3\xb6" },
	{ "8-bit without a final newline",
	  "ISO8859-1\nNOHYPHEN q\n1a1\nb1c\n2cb", "abcq" },
};

static void
oracle_made_up(void)
{
	size_t d;

	for (d = 0; d < G_N_ELEMENTS(made_dicts); d++) {
		char *path = NULL;
		int fd = g_file_open_tmp("warta-hyph-XXXXXX.dic", &path, NULL), k, bad, tried;
		HyphenDict *hd;
		struct pat_dict *pd;
		struct words made = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		                      g_ptr_array_new() };
		GRand *rnd = g_rand_new_with_seed(99 + (guint32)d);
		gunichar *alpha = g_utf8_to_ucs4_fast(made_dicts[d].letters, -1, NULL);
		int nalpha = (int)g_utf8_strlen(made_dicts[d].letters, -1);
		char msg[160];
		static const char *const fixed[] = { "schiffahrt", "backen", "Zucker", "essz", "abba",
		                                     "ko-ok", "k2k", "o'zz" };

		if (fd >= 0)
			close(fd);
		OK(fd >= 0 && g_file_set_contents(path, made_dicts[d].text, -1, NULL),
		   "made-up dictionary written");
		hd = hnj_hyphen_load(path);
		pd = pat_load(path, NULL);
		OK(hd && pd, "made-up dictionary: %s loads", made_dicts[d].name);
		for (k = 0; k < (int)G_N_ELEMENTS(fixed); k++)
			add_word(&made, fixed[k], -1);
		for (k = 0; k < made_count; k++) {
			char *w = random_word(rnd, alpha, nalpha);

			add_word(&made, w, -1);
			g_free(w);
		}
		if (hd && pd) {
			bad = compare_list(made_dicts[d].name, hd, pd, made.list, &tried);
			snprintf(msg, sizeof msg, "made-up dictionary, %s: %d words as libhyphen",
			         made_dicts[d].name, tried);
			INT_EQ(bad, 0, msg);
		}
		if (hd)
			hnj_hyphen_free(hd);
		pat_free(pd);
		g_free(alpha);
		g_rand_free(rnd);
		g_ptr_array_free(made.list, TRUE);
		g_hash_table_destroy(made.seen);
		g_unlink(path);
		g_free(path);
	}
	OK(pat_load("/nonexistent/hyph_xx.dic", NULL) == NULL, "a missing dictionary loads as NULL");
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
	kept();
	kept_alike();
	if (g_getenv("VALGRIND") && *g_getenv("VALGRIND"))
		made_count = 500;
	oracle_languages();
	oracle_made_up();
	warta_hyphenator_free(H);
	return harness_done();
}
