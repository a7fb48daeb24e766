/* test_langref.c — locks the reader's language decisions (article/langid.c,
 * article/lang.c) to those of the reference below: the classifier and the
 * detector as they were before session 8 made them cheaper (a profile
 * table sized for five n-grams per byte, every n-gram hashed from its
 * start, a sum with a product by the weight per posting, all 163
 * categories sorted; three passes of letters and scripts per detection).
 * The cheaper ones must give the same candidates in the same order, and
 * detect and choose the same language, on every sample: windows of 30 to
 * 3,000 bytes at every 101st byte of the project's own texts and of the
 * corpus (skipped when ../shared is absent), and short mixed texts.  The
 * reference is kept as it was, not tuned: it is the oracle. */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/langid_model.h"
#include "article/reader.h"
#include "harness.h"
#include "lang/lang.h"

/* ------------------------------------------------ the reference */

#define MAX_NGRAMS   LM_MAX_NGRAMS
#define MAX_SYMBOLS  LM_MAX_SYMBOLS
#define OUT_OF_PLACE 400      /* distance of an n-gram the language lacks */
#define THRESHOLD    1.03     /* candidates: distance < best × THRESHOLD */
#define MAX_CANDS    5        /* more candidates than this: unknown */

/* ------------------------------------------------ the model */

/* The key index of the n-gram s[0, len) of hash h in the compiled model,
 * or -1 when no fingerprint has it.  The keys keep no hash (a third less
 * to map): a probe compares the length, then the bytes. */
static long
model_find(const char *s, size_t len, uint32_t h)
{
	uint32_t i = h & ar_lm_mask;

	for (;;) {
		uint32_t k = ar_lm_slots[i];
		const struct lm_key *key;

		if (k == 0)
			return -1;
		key = &ar_lm_keys[k - 1];
		if (key[1].off - key->off == len &&
		    memcmp(ar_lm_bytes + key->off, s, len) == 0)
			return (long)k - 1;
		i = (i + 1) & ar_lm_mask;
	}
}

/* ------------------------------------------------ the text's profile */

/* A run of these bytes is one word border: isspace() and isdigit() in the
 * C locale, as libexttextcat's INVALID(). */
static int
is_border(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '0' && c <= '9');
}

struct prof_entry {
	const char *s;
	uint32_t len, hash, count;
	double rank, weight;      /* see profile_make */
};

/* Length in bytes of the UTF-8 character at p (1 for a stray byte). */
static size_t
char_len(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i;

	if (n > (size_t)(end - p))
		return 1;
	for (i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

struct profile {
	char *buf;                    /* the text with its borders as '_' */
	struct prof_entry *ents;      /* distinct n-grams, then ranked */
	size_t n, cap;
	uint32_t *slots;
	size_t mask;
};

static void
profile_count(struct profile *p, const char *s, size_t len)
{
	uint32_t h = lm_hash(s, len);
	size_t i = h & p->mask;

	for (;;) {
		uint32_t k = p->slots[i];

		if (k == 0)
			break;
		if (p->ents[k - 1].hash == h && p->ents[k - 1].len == len &&
		    memcmp(p->ents[k - 1].s, s, len) == 0) {
			p->ents[k - 1].count++;
			return;
		}
		i = (i + 1) & p->mask;
	}
	p->ents[p->n] = (struct prof_entry){ s, (uint32_t)len, h, 1, 0, 0 };
	p->slots[i] = (uint32_t)++p->n;
}

/* The ranked profile of text[0, n): the n-grams most frequent first, at
 * most MAX_NGRAMS places.  n-grams counted equally often have no order of
 * their own (libexttextcat takes its hash table's), so each one of a tie
 * gets the mean rank of the places its group fills, and a group that
 * straddles the last place enters with the weight of its chance to be
 * among the kept: the distances are then those of a random order of ties,
 * on average.  Leaves the kept entries in p->ents; returns their number. */
static size_t
profile_make(struct profile *p, const char *text, size_t n)
{
	const char *s = text, *end = text + n;
	char *w;
	size_t total = 0, size;

	/* Borders: a run of spaces and digits becomes one '_'; the text opens
	 * with one; it closes with one only when it ends in a border run. */
	p->buf = w = g_malloc(n + 3);
	while (s < end && is_border((unsigned char)*s))
		s++;
	*w++ = '_';
	while (s < end) {
		if (is_border((unsigned char)*s)) {
			while (s < end && is_border((unsigned char)*s))
				s++;
			*w++ = '_';
			continue;
		}
		if (*s == '\0')
			break;
		*w++ = *s++;
	}
	*w = '\0';
	if (w - p->buf <= 1) {
		g_free(p->buf), p->buf = NULL;
		return 0;
	}
	/* Every n-gram of 1 to MAX_SYMBOLS characters, '_' only at the ends:
	 * from each position, extend until a '_' has been taken or the end of
	 * the text, which ends the whole count. */
	end = w;
	p->cap = (size_t)(end - p->buf) * MAX_SYMBOLS + 1;
	p->ents = g_new(struct prof_entry, p->cap);
	for (size = 64; size < p->cap * 2; size *= 2)
		;
	p->slots = g_new0(uint32_t, size);
	p->mask = size - 1;
	for (s = p->buf; s < end; s += char_len(s, end)) {
		const char *q = s + char_len(s, end);
		int k;

		profile_count(p, s, (size_t)(q - s));
		if (q >= end)
			break;
		for (k = 2; k <= MAX_SYMBOLS; k++) {
			int border = *q == '_';

			q += char_len(q, end);
			profile_count(p, s, (size_t)(q - s));
			if (border)
				break;
			if (q >= end)
				goto counted;
		}
	}
counted:
	total = p->n;
	{
		uint32_t maxc = 0, c, *start, *group;
		struct prof_entry *ranked;
		size_t i, kept = 0;

		for (i = 0; i < total; i++)
			maxc = MAX(maxc, p->ents[i].count);
		/* a counting sort, counts descending: start[c] is where the
		 * n-grams counted c times begin, group[c] how many they are */
		start = g_new0(uint32_t, (gsize)maxc + 2);
		group = g_new0(uint32_t, (gsize)maxc + 2);
		for (i = 0; i < total; i++)
			group[p->ents[i].count]++;
		for (c = maxc + 1, i = 0; c-- > 0;) {
			start[c] = (uint32_t)i;
			i += group[c];
		}
		ranked = g_new(struct prof_entry, total);
		for (i = 0; i < total; i++) {
			struct prof_entry *e = &p->ents[i];
			uint32_t first = start[e->count], len = group[e->count];
			uint32_t last = MIN(first + len, (uint32_t)MAX_NGRAMS);

			if (first >= MAX_NGRAMS)
				continue;
			/* the places first … last-1, shared by the group */
			e->rank = (first + last - 1) / 2.0;
			e->weight = (double)(last - first) / len;
			ranked[kept++] = *e;
		}
		g_free(start);
		g_free(group);
		g_free(p->ents);
		p->ents = ranked;
		return kept;
	}
}

static void
profile_free(struct profile *p)
{
	g_free(p->buf);
	g_free(p->ents);
	g_free(p->slots);
}

/* ------------------------------------------------ classification */

struct cand {
	double dist;
	unsigned cat;
};

static int
by_dist(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->cat < y->cat ? -1 : x->cat > y->cat;
}

static int
ref_classify(const char *text, size_t n, const char **cands, int max)
{
	struct profile prof = { 0 };
	struct cand *c;
	size_t nprof, i;
	unsigned ncat = ar_lm_ncats, k;
	double limit, *matched, all = 0;
	int nc = 0;

	nprof = profile_make(&prof, text, n);
	if (nprof == 0) {
		profile_free(&prof);
		return 0;
	}
	c = g_new0(struct cand, ncat);
	matched = g_new0(double, ncat);
	for (i = 0; i < nprof; i++) {
		const struct prof_entry *e = &prof.ents[i];
		long key = model_find(e->s, e->len, e->hash);
		uint32_t p;

		all += e->weight;
		if (key < 0)
			continue;
		for (p = ar_lm_keys[key].first; p < ar_lm_keys[key + 1].first; p++) {
			const struct lm_post *post = &ar_lm_posts[p];

			c[post->cat].dist += e->weight * fabs(post->rank - e->rank);
			matched[post->cat] += e->weight;
		}
	}
	for (k = 0; k < ncat; k++) {
		c[k].cat = k;
		c[k].dist += (all - matched[k]) * OUT_OF_PLACE;
	}
	qsort(c, ncat, sizeof *c, by_dist);
	limit = c[0].dist * THRESHOLD;
	for (k = 0; k < ncat && (k == 0 || c[k].dist < limit); k++)
		nc++;
	if (nc > MAX_CANDS)
		nc = 0;   /* too close to call */
	for (k = 0; k < (unsigned)nc && (int)k < max; k++)
		cands[k] = ar_lm_names + ar_lm_name_off[c[k].cat];
	g_free(matched);
	g_free(c);
	profile_free(&prof);
	return nc < max ? nc : max;
}

/* ---- the detector */

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

static char *
ref_choose(const char *const *cands, int nc, const char *text, size_t n, const char *script)
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

static char *
ref_detect(const char *text, size_t len)
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
	nc = ref_classify(text, n, cands, (int)G_N_ELEMENTS(cands));
	return ref_choose(cands, nc, text, n, script);
}

/* ------------------------------------------------ the comparison */

static int samples, differ;

static void
compare(const char *what, const char *text, size_t n)
{
	const char *mine[8], *ref[8];
	int nm, nr, i, same;
	char *dm, *dr, *cm, *cr;

	/* at a character boundary, as the reader's callers give them */
	{
		const char *end;

		if (!g_utf8_validate(text, (gssize)n, &end))
			n = (size_t)(end - text);
	}
	nm = ar_langid_classify(text, n, mine, 8);
	nr = ref_classify(text, n, ref, 8);
	same = nm == nr;
	for (i = 0; same && i < nm; i++)
		same = strcmp(mine[i], ref[i]) == 0;
	cm = ar_lang_choose(mine, nm, text, n, NULL);
	cr = ref_choose(ref, nr, text, n, NULL);
	dm = ar_lang_detect(text, n);
	dr = ref_detect(text, n);
	same = same && g_strcmp0(cm, cr) == 0 && g_strcmp0(dm, dr) == 0;
	samples++;
	if (!same && differ++ < 10)
		printf("# %s: %d candidates (%s) against %d (%s); chosen %s against %s; detected %s "
		       "against %s\n", what, nm, nm ? mine[0] : "-", nr, nr ? ref[0] : "-", cm ? cm : "-",
		       cr ? cr : "-", dm ? dm : "-", dr ? dr : "-");
	g_free(cm);
	g_free(cr);
	g_free(dm);
	g_free(dr);
}

static void
sample_file(const char *path)
{
	static const size_t sizes[] = { 30, 80, 200, 600, 1500, 3000 };
	char *text = NULL;
	gsize len;
	size_t i, off;

	if (!g_file_get_contents(path, &text, &len, NULL))
		return;
	compare(path, text, MIN(len, 3000));
	for (off = 0; off < len; off += 101) {
		const char *p = text + off;

		while (p < text + len && (unsigned char)*p >= 0x80 && (unsigned char)*p < 0xC0)
			p++;
		for (i = 0; i < G_N_ELEMENTS(sizes); i++) {
			char what[64];

			snprintf(what, sizeof what, "@%zu+%zu", off, sizes[i]);
			compare(what, p, MIN(sizes[i], (size_t)(text + len - p)));
		}
	}
	g_free(text);
}

static void
sample_dir(const char *root, const char *sub)
{
	char *dir = g_build_filename(root, sub, NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	guint i;

	while (d && (name = g_dir_read_name(d)))
		if (g_str_has_suffix(name, ".txt") || g_str_has_suffix(name, ".md"))
			g_ptr_array_add(names, g_build_filename(dir, name, NULL));
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	for (i = 0; i < names->len; i++) {
		printf("# %s\n", (const char *)g_ptr_array_index(names, i));
		sample_file(g_ptr_array_index(names, i));
	}
	g_ptr_array_free(names, TRUE);
	g_free(dir);
}

/* Short and mixed texts, where near ties and the rules for Malay, short
 * texts and scripts decide. */
static const char *const mixed[] = {
	"Presiden mengatakan \"we will not give up\" kepada wartawan di Jakarta kemarin.",
	"Menteri Keuangan bilang uang negara bisa cukup karena pajak naik saat ini.",
	"Kerajaan berkata wang negara boleh mencukupi kerana cukai naik ketika ini.",
	"The minister said \"kami tidak akan menyerah\" to reporters in Jakarta on Monday.",
	"Il a dit: « nous ne céderons pas » devant les journalistes, puis il est parti.",
	"Der Minister sagte, man werde nicht aufgeben, und verließ den Saal ohne Kommentar.",
	"قال الوزير إن الحكومة لن تستسلم، وأضاف أن the talks will continue next week.",
	"این کتاب را خواندم و خیلی دوست داشتم، چون داستانش زیبا بود.",
	"Wartawan Kompas 人民日报 melaporkan dari Beijing bahwa pertemuan ditunda.",
	"東京で会議が開かれ、首相は記者団に対して new policy を説明した。",
	"Hasta la vista, baby",
	"Liberté, égalité, fraternité",
	"Wir schaffen das",
	"Rp 5.000 per kilogram, naik 12 persen dari 2023; 1.250 ton.",
	"12 34 56 -- ... !!! ???",
	"ok",
	"Jakarta, Kompas - Pemerintah akan menaikkan harga BBM bulan depan, kata menteri.",
	"Kuala Lumpur - Kerajaan akan menaikkan harga minyak bulan hadapan, kata menteri.",
	"Selamat pagi semua, apa khabar? Saya sihat, terima kasih.",
	"Nggak bisa begitu, bro, sepak bola itu soal tim, bukan satu orang saja.",
};

int
main(void)
{
	const char *root = g_getenv("ROOT") ? g_getenv("ROOT") : ".";
	char *shared;
	size_t i;
	int own;

	for (i = 0; i < G_N_ELEMENTS(mixed); i++) {
		size_t n = strlen(mixed[i]), k;

		compare(mixed[i], mixed[i], n);
		/* and every prefix of it, at a character */
		for (k = 1; k < n; k++)
			if (((unsigned char)mixed[i][k] & 0xC0) != 0x80)
				compare(mixed[i], mixed[i], k);
	}
	sample_dir(root, "tests/data");
	sample_dir(root, "tests/reader");
	sample_dir(root, "tests/scripts/data");
	sample_dir(root, "tests/print/data");
	own = samples;
	shared = g_build_filename(root, "..", "shared", "corpus", "articles", NULL);
	if (g_file_test(shared, G_FILE_TEST_IS_DIR)) {
		sample_dir(shared, "");
		OK(samples - own > 5000, "more than 5,000 windows of the corpus compared (%d)", samples - own);
	} else {
		printf("ok - corpus articles # SKIP %s absent\n", shared);
	}
	g_free(shared);
	OK(own > 5000, "more than 5,000 samples of the project's own texts compared (%d)", own);
	INT_EQ(differ, 0, "candidates, chosen and detected language the same as the reference's on every sample");
	return harness_done();
}
