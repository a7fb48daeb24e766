/* hyphenate.c — layout stage: hyphenation points from the Debian hyphen-*
 * dictionaries in /usr/share/hyphen, applied by warta's own pattern engine
 * (patterns.c, which gives libhyphen 2.8.8's points; typesetting-notes §5).
 * Reads one word (UTF-8); writes byte offsets where a hyphen may go.
 * Dictionaries are loaded lazily, once per language, under a mutex, and then
 * shared read-only: the engine keeps no mutable state in them.
 *
 * Each word's points are kept (a word of news text comes back many times:
 * the 30 articles of the bench's small edition hyphenate 5,822 words, of
 * which about a third are distinct), keyed by language, minimums and the
 * word's bytes, up to WARTA_HYPHEN_KEPT_MAX words per hyphenator; a word looked up
 * again costs a tree lookup instead of about 8 k instructions. */
#include <glib.h>
#include <string.h>

#include "layout/hyphenate.h"
#include "layout/patterns.h"

#define HYPHEN_DIR "/usr/share/hyphen"
#define MAX_SEGMENT 96           /* characters: longer "words" are not words */
#define CACHE_KEY 160            /* bytes of a key kept: longer words are not kept */
#define CACHE_POINTS 64          /* points a kept word holds: asking for more skips the cache */

struct dict {
	struct pat_dict *hd;     /* NULL: no dictionary for this language */
	int utf8;
};

struct warta_hyphenator {
	GMutex lock;             /* over dicts and words */
	GHashTable *dicts;       /* primary language tag → struct dict * */
	GTree *words;            /* struct hword * (their first member is the key), by key */
};

/* A word's key: its language, minimums and bytes (bytes[len]).  The words
 * are kept in a balanced tree, not a hash table: a lookup costs log n
 * comparisons whatever the words are (a hash that crafted words share made
 * each lookup walk every word kept: 10 s for 600 KB of such words). */
struct hkey {
	int len;
	const char *bytes;
};

/* A word kept: its key, then its n points; the key's bytes follow them. */
struct hword {
	struct hkey k;
	int n;
	int points[];
};

/* BCP 47 primary tag → Debian dictionary file. */
static const struct {
	const char *lang, *file;
} dict_files[] = {
	{ "id", "hyph_id_ID.dic" },
	{ "en", "hyph_en_US.dic" },
	{ "de", "hyph_de_DE.dic" },
	{ "fr", "hyph_fr.dic" },
	{ "es", "hyph_es_ES.dic" },
	{ "pt", "hyph_pt_PT.dic" },
	{ "nl", "hyph_nl_NL.dic" },
	{ "it", "hyph_it_IT.dic" },
};

/* Words the Indonesian patterns get wrong, with their breaks (KBBI syllables). */
static const char *const id_exceptions[] = {
	"menyelenggarakan", "me-nye-leng-ga-ra-kan",
	"penyelenggaraan", "pe-nye-leng-ga-ra-an",
	"diselenggarakan", "di-se-leng-ga-ra-kan",
	"menyelenggarakannya", "me-nye-leng-ga-ra-kan-nya",
	"pembelajaran", "pem-be-la-jar-an",
	"naturalisasi", "na-tu-ra-li-sa-si",
	"menyukseskan", "me-nyuk-ses-kan",
	"berasrama", "ber-as-ra-ma",
	"keagamaan", "ke-aga-ma-an",
	"mengikuti", "me-ngi-ku-ti",
};

static void
dict_free(gpointer p)
{
	struct dict *d = p;

	pat_free(d->hd);
	g_free(d);
}

static gint
hkey_cmp(gconstpointer a, gconstpointer b, gpointer unused)
{
	const struct hkey *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->bytes, y->bytes, (size_t)x->len);
}

struct warta_hyphenator *
warta_hyphenator_new(void)
{
	struct warta_hyphenator *h = g_new0(struct warta_hyphenator, 1);

	g_mutex_init(&h->lock);
	h->dicts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, dict_free);
	h->words = g_tree_new_full(hkey_cmp, NULL, g_free, NULL);
	return h;
}

void
warta_hyphenator_free(struct warta_hyphenator *h)
{
	if (h == NULL)
		return;
	g_hash_table_destroy(h->dicts);
	g_tree_destroy(h->words);
	g_mutex_clear(&h->lock);
	g_free(h);
}

/* "id-ID", "EN_us" → "id", "en" (at most 8 letters). */
static void
primary_tag(const char *lang, char *out)
{
	int i;

	for (i = 0; i < 8 && lang && g_ascii_isalpha(lang[i]); i++)
		out[i] = g_ascii_tolower(lang[i]);
	out[i] = '\0';
}

/* The shared dictionary of lang, loading it on first use; NULL if none. */
static const struct dict *
get_dict(struct warta_hyphenator *h, const char *lang)
{
	char tag[9];
	struct dict *d;
	size_t i;

	primary_tag(lang, tag);
	if (tag[0] == '\0')
		return NULL;
	g_mutex_lock(&h->lock);
	d = g_hash_table_lookup(h->dicts, tag);
	if (d == NULL) {
		d = g_new0(struct dict, 1);
		for (i = 0; i < G_N_ELEMENTS(dict_files); i++) {
			if (strcmp(dict_files[i].lang, tag) == 0) {
				char *path = g_build_filename(HYPHEN_DIR, dict_files[i].file, NULL);

				d->hd = pat_load(path, NULL);
				g_free(path);
				break;
			}
		}
		if (d->hd)
			d->utf8 = pat_utf8(d->hd) || g_ascii_strcasecmp(pat_charset(d->hd), "UTF-8") == 0;
		g_hash_table_insert(h->dicts, g_strdup(tag), d);
	}
	g_mutex_unlock(&h->lock);
	return d->hd ? d : NULL;
}

int
warta_hyphenator_has(struct warta_hyphenator *h, const char *lang)
{
	return get_dict(h, lang) != NULL;
}

static int
is_hyphen(gunichar c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static int
is_apostrophe(gunichar c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int
is_letter(gunichar c)
{
	return g_unichar_isalpha(c) || g_unichar_ismark(c);
}

static int
id_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Length of the consonant unit at w: the digraphs ng, ny, sy, kh are one. */
static int
id_unit(const char *w)
{
	if ((w[0] == 'n' && (w[1] == 'g' || w[1] == 'y')) || (w[0] == 's' && w[1] == 'y') ||
	    (w[0] == 'k' && w[1] == 'h'))
		return 2;
	return 1;
}

/* Indonesian syllable boundaries by the spelling rules (Pedoman Umum Ejaan
 * Bahasa Indonesia, pemenggalan kata): between two vowels that are not a
 * diphthong (ai, au, ei, oi); before a single consonant between vowels
 * (V-CV); between two consonants (VC-CV), or before both when the second is
 * r or l (loan clusters: me-tro); inside three or more consonants after the
 * first or before the last (in-stru-men, trans-for-ma-si).  ng, ny, sy, kh
 * count as one consonant.  ok[i] = 1 when a boundary may fall before i. */
static void
id_boundaries(const char *w, int n, char *ok)
{
	int i = 0, q, units[MAX_SEGMENT], nu, pos;

	memset(ok, 0, n + 1);
	while (i < n && !id_vowel(w[i]))
		i++;
	while (i < n) {
		int p = i + 1;                  /* after the nucleus' first vowel */

		if (p < n && id_vowel(w[p])) {
			char a = w[i], b = w[p];

			if (!((b == 'i' && (a == 'a' || a == 'e' || a == 'o')) || (a == 'a' && b == 'u')))
				ok[p] = 1;
			i = p;
			continue;
		}
		for (q = p; q < n && !id_vowel(w[q]); q += id_unit(w + q))
			;
		if (q >= n)
			break;                  /* final consonants: no boundary */
		for (nu = 0, pos = p; pos < q && nu < MAX_SEGMENT; pos += id_unit(w + pos))
			units[nu++] = pos;
		if (nu == 1)
			ok[units[0]] = 1;
		else if (nu == 2) {
			ok[units[1]] = 1;
			if (w[units[1]] == 'r' || w[units[1]] == 'l')
				ok[units[0]] = 1;
		} else if (nu >= 3) {
			ok[units[1]] = 1;
			ok[units[nu - 1]] = 1;
		}
		i = q;
	}
}

/* Every fragment must hold a vowel (a syllable has one).  A fragment without
 * one joins the previous fragment when a consonant follows it (tran|s|for →
 * trans-for), else the next (de|ng|an → de-ngan); at the end, the previous. */
static int
id_vowel_rule(const char *lower, int n, int *brk, int nb)
{
	int k, i, out = 0, start = 0;

	for (k = 0; k <= nb; k++) {
		int end = k < nb ? brk[k] : n, vowel = 0;

		for (i = start; i < end; i++)
			vowel |= id_vowel(lower[i]);
		if (!vowel) {
			if (k == nb && out > 0)
				out--;
			else if (k < nb && out > 0 && !id_vowel(lower[end])) {
				brk[out - 1] = end;
				start = end;
			}
			continue;
		}
		if (k < nb)
			brk[out++] = end;
		start = end;
	}
	return out;
}

/* Indonesian: keep only the patterns' points that fall on a syllable boundary
 * (the patterns give de-ng-an, ko-r-ea, mi-l-i-ter, se-m-bi-lan). */
static int
id_filter(const char *lower, int n, int *brk, int nb)
{
	char ok[MAX_SEGMENT + 1];
	int k, out = 0;

	if (n > MAX_SEGMENT)
		return 0;
	id_boundaries(lower, n, ok);
	for (k = 0; k < nb; k++)
		if (brk[k] > 0 && brk[k] < n && ok[brk[k]])
			brk[out++] = brk[k];
	return id_vowel_rule(lower, n, brk, out);
}

/* Exceptions: breaks of a known word, as character counts. */
static int
exception(const char *const *table, size_t n, const char *lower, int *brk, int max)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		if (strcmp(table[i], lower) == 0) {
			const char *s;
			int nb = 0, chars = 0;

			for (s = table[i + 1]; *s; s = g_utf8_next_char(s)) {
				if (*s == '-') {
					if (nb < max)
						brk[nb++] = chars;
				} else
					chars++;
			}
			return nb;
		}
	}
	return -1;
}

/* ISO 8859-1 dictionaries (14 of Debian's, Indonesian among them): the word
 * converted by hand, as g_convert opens an iconv converter per call (a third
 * of the time of hyphenating a word). */
static int
latin1(const char *cset)
{
	return g_ascii_strcasecmp(cset, "ISO8859-1") == 0 || g_ascii_strcasecmp(cset, "ISO-8859-1") == 0;
}

/* cnt characters of UTF-8 as ISO 8859-1, NUL-terminated; NULL when one is not in it. */
static char *
to_latin1(const char *s, int cnt)
{
	char *out = g_malloc(cnt + 1);
	int i;

	for (i = 0; i < cnt; i++, s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);

		if (c == 0 || c > 0xff) {
			g_free(out);
			return NULL;
		}
		out[i] = (char)c;
	}
	out[cnt] = '\0';
	return out;
}

/* Breaks inside one letter-only segment of cnt characters: character counts
 * from its start, written to brk; returns how many. */
static int
segment(const struct dict *d, const char *lang, const char *seg, int bytes, int cnt,
        int left_min, int right_min, int *brk, int max)
{
	char *lower, *conv = NULL, *odd, *nonstd;
	gsize conv_len = 0;
	int nb = 0, i, from_table = 0, is_id = strncmp(lang, "id", 2) == 0 && !g_ascii_isalpha(lang[2]);

	if (cnt < left_min + right_min || cnt > MAX_SEGMENT)
		return 0;
	lower = g_utf8_strdown(seg, bytes);
	if ((int)g_utf8_strlen(lower, -1) != cnt) {
		g_free(lower);
		return 0;
	}
	if (is_id) {
		nb = exception(id_exceptions, G_N_ELEMENTS(id_exceptions), lower, brk, max);
		if (nb >= 0) {
			from_table = 1;
			goto filter;
		}
		nb = 0;
	}
	if (d->utf8) {
		conv = g_strdup(lower);
		conv_len = strlen(conv);
	} else if (latin1(pat_charset(d->hd))) {
		if (!(conv = to_latin1(lower, cnt))) {
			g_free(lower);
			return 0;
		}
		conv_len = cnt;
	} else {
		conv = g_convert(lower, -1, pat_charset(d->hd), "UTF-8", NULL, &conv_len, NULL);
		if (conv == NULL || (int)conv_len != cnt) {
			g_free(conv);
			g_free(lower);
			return 0;
		}
	}
	odd = g_malloc(2 * conv_len);
	nonstd = odd + conv_len;
	if (pat_hyphenate(d->hd, conv, (int)conv_len, left_min, right_min, odd, nonstd) == 0) {
		/* odd[i]: a break after character i (characters for UTF-8
		 * dictionaries, bytes = characters for 8-bit ones) */
		for (i = 0; i + 1 < cnt && nb < max; i++) {
			if (!odd[i])
				continue;
			if (nonstd[i])
				continue;        /* a spelling change (Schiff-fahrt): not a plain break */
			brk[nb++] = i + 1;
		}
	}
	g_free(odd);
filter:
	/* the minimums, whatever the dictionary declares */
	{
		int k, out = 0;

		for (k = 0; k < nb; k++)
			if (brk[k] >= left_min && cnt - brk[k] >= right_min)
				brk[out++] = brk[k];
		nb = out;
	}
	if (is_id && !from_table && g_str_is_ascii(lower))
		nb = id_filter(lower, cnt, brk, nb);
	g_free(conv);
	g_free(lower);
	return nb;
}

/* Not a plain word: digits, URLs, e-mail addresses, paths. */
static int
not_a_word(const char *word, int len)
{
	const char *p, *end = word + len;

	for (p = word; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isdigit(c) || c == '@' || c == '/' || c == '\\' || c == '_' ||
		    c == '=' || c == '&' || c == '#' || c == '%' || c == '~')
			return 1;
	}
	return g_strstr_len(word, len, "www.") || g_strstr_len(word, len, "://");
}

/* The alphabetic core of word, without surrounding punctuation, in
 * [*core, *core_end); 0 when it is empty, holds other than letters,
 * hyphens and apostrophes ("example.com", "a+b"), or is an acronym (NATO,
 * PBB). */
static int
word_core(const char *word, int len, const char **core, const char **core_end)
{
	const char *p, *end = word + len, *c0 = word, *c1 = end;
	int letters = 0, upper = 0;

	while (c0 < end && !is_letter(g_utf8_get_char(c0)))
		c0 = g_utf8_next_char(c0);
	while (c1 > c0) {
		const char *q = g_utf8_find_prev_char(c0, c1);

		if (q == NULL)
			q = c0;
		if (is_letter(g_utf8_get_char(q)))
			break;
		c1 = q;
	}
	if (c0 >= c1)
		return 0;
	for (p = c0; p < c1; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (is_letter(c)) {
			letters++;
			upper += g_unichar_isupper(c) != 0;
		} else if (!is_hyphen(c) && !is_apostrophe(c))
			return 0;
	}
	if (letters >= 2 && upper == letters)
		return 0;
	*core = c0;
	*core_end = c1;
	return 1;
}

/* warta_hyphenate's points, computed (left_min, right_min ≥ 1). */
static int
compute(struct warta_hyphenator *h, const char *lang, const char *word, int len, int left_min,
        int right_min, int *points, int max)
{
	const struct dict *d;
	const char *p, *core, *core_end;
	int n = 0;

	if (not_a_word(word, len) || !word_core(word, len, &core, &core_end))
		return 0;
	d = get_dict(h, lang);
	if (d == NULL)
		return 0;
	/* each letter-only segment between hyphens and apostrophes */
	for (p = core; p < core_end && n < max;) {
		const char *s = p;
		int cnt = 0, brk[MAX_SEGMENT], nb, k;

		while (p < core_end && is_letter(g_utf8_get_char(p))) {
			p = g_utf8_next_char(p);
			cnt++;
		}
		nb = segment(d, lang, s, (int)(p - s), cnt, left_min, right_min, brk,
		             MAX_SEGMENT);
		for (k = 0; k < nb && n < max; k++)
			points[n++] = (int)(g_utf8_offset_to_pointer(s, brk[k]) - word);
		while (p < core_end && !is_letter(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
	}
	return n;
}

/* The key of (lang, left_min, right_min, word) into buf (CACHE_KEY bytes);
 * 0 when it does not fit. */
static int
make_key(struct hkey *k, char *buf, const char *lang, int left_min, int right_min, const char *word,
         int len)
{
	size_t ll = strlen(lang);

	if (ll + 3 + (size_t)len > CACHE_KEY || left_min > 255 || right_min > 255)
		return 0;
	memcpy(buf, lang, ll + 1);
	buf[ll + 1] = (char)left_min;
	buf[ll + 2] = (char)right_min;
	memcpy(buf + ll + 3, word, (size_t)len);
	k->len = (int)ll + 3 + len;
	k->bytes = buf;
	return 1;
}

/* Keeps k's n points (while there is room; another thread may have kept it). */
static void
keep(struct warta_hyphenator *h, const struct hkey *k, const int *points, int n)
{
	struct hword *w;

	g_mutex_lock(&h->lock);
	if (g_tree_nnodes(h->words) < WARTA_HYPHEN_KEPT_MAX && g_tree_lookup(h->words, k) == NULL) {
		w = g_malloc(sizeof *w + (size_t)n * sizeof(int) + (size_t)k->len);
		w->k = *k;
		w->n = n;
		memcpy(w->points, points, (size_t)n * sizeof(int));
		memcpy((char *)(w->points + n), k->bytes, (size_t)k->len);
		w->k.bytes = (const char *)(w->points + n);
		g_tree_insert(h->words, w, w);
	}
	g_mutex_unlock(&h->lock);
}

int
warta_hyphenate(struct warta_hyphenator *h, const char *lang, const char *word, int len,
                int left_min, int right_min, int *points, int max)
{
	char buf[CACHE_KEY];
	struct hkey k;
	const struct hword *w;
	int all[CACHE_POINTS], n;

	if (word == NULL || len <= 0 || max <= 0 || !g_utf8_validate(word, len, NULL))
		return 0;
	if (left_min < 1)
		left_min = 1;
	if (right_min < 1)
		right_min = 1;
	if (lang == NULL || max > CACHE_POINTS ||
	    !make_key(&k, buf, lang, left_min, right_min, word, len))
		return compute(h, lang, word, len, left_min, right_min, points, max);
	g_mutex_lock(&h->lock);
	w = g_tree_lookup(h->words, &k);
	n = w ? MIN(w->n, max) : -1;
	if (w)
		memcpy(points, w->points, (size_t)n * sizeof(int));
	g_mutex_unlock(&h->lock);
	if (n >= 0)
		return n;
	/* the first max of a word's points are the same whatever max is */
	n = compute(h, lang, word, len, left_min, right_min, all, CACHE_POINTS);
	keep(h, &k, all, n);
	n = MIN(n, max);
	memcpy(points, all, (size_t)n * sizeof(int));
	return n;
}

int
warta_hyphenator_kept(struct warta_hyphenator *h)
{
	int n;

	g_mutex_lock(&h->lock);
	n = g_tree_nnodes(h->words);
	g_mutex_unlock(&h->lock);
	return n;
}
