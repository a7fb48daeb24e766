/* langid.c — reader stage: n-gram language identification.  Classifies a
 * sample of text into an ordered list of candidate categories ("id--utf8",
 * "en--utf8" …) with the fingerprints of Debian's libexttextcat-data
 * (/usr/share/libexttextcat: fpdb.conf and one LANG.lm per language),
 * compiled into warta at build time (see the end of this comment).
 *
 * The method is Cavnar and Trenkle's "N-Gram-Based Text Categorization"
 * (SDAIR 1994): the text's 1- to 5-grams of characters, ranked by frequency
 * (the 400 most frequent), are compared with each language's ranked list by
 * the "out-of-place" distance, the sum over the text's n-grams of the rank
 * difference, or 400 when the language lacks the n-gram.  The conventions
 * follow libexttextcat 3.4 as documented in its constants.h (runs of spaces
 * and digits are one word border '_', n-grams hold '_' only at their ends,
 * candidates within 3 % of the best distance, more than 5 candidates is
 * "unknown").  Where the text counts n-grams equally often, libexttextcat
 * ranks them in its hash table's order and this classifier gives each the
 * mean rank of its group, so near ties on short texts can fall the other
 * way: tests/unit/test_langid.c compares the two on some 400 samples and
 * allows 1 in 20 different choices (about 1 in 35 differ today).
 *
 * Why not libexttextcat's own classifier: it reads and sorts all 163
 * fingerprints in every process (60 M instructions, a quarter of a whole
 * one-article run).  Reading them into one hash table once per process
 * still cost 13 M instructions, so the build does it instead:
 * src/article/gen/langid_gen.c reads the files and writes the 28,000
 * distinct n-grams (65,000 postings: language, rank) as an open-addressing
 * table of constant arrays, $(BUILD)/gen/langid_model.c (layout in
 * langid_model.h).  They sit in the binary's read-only data: nothing to
 * load or lock at run time, shared by every thread and process, and warta
 * no longer reads /usr/share/libexttextcat at all.  Classifying allocates
 * only for its own sample. */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article/langid_model.h"
#include "article/reader.h"

#define MAX_NGRAMS   LM_MAX_NGRAMS
#define MAX_SYMBOLS  LM_MAX_SYMBOLS
#define OUT_OF_PLACE 400      /* distance of an n-gram the language lacks */
#define THRESHOLD    1.03     /* candidates: distance < best × THRESHOLD */
#define MAX_CANDS    5        /* more candidates than this: unknown */

/* ------------------------------------------------ the text's profile */

/* A run of these bytes is one word border: isspace() and isdigit() in the
 * C locale, as libexttextcat's INVALID(). */
static int
is_border(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '0' && c <= '9');
}

/* lm_hash continued over n more bytes: lm_hash(s, a + b) is
 * hash_more(lm_hash(s, a), s + a, b), so the n-grams from one position
 * are hashed as they grow, each byte once. */
static inline uint32_t
hash_more(uint32_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The n bytes at a and b are the same (n is at most a few dozen: a loop
 * the compiler keeps inline beats a call to memcmp). */
static inline int
same_bytes(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* The n bytes at a and b, both in a profile's buffer (which has 8 bytes
 * of room after its text), are the same: the n-grams of most texts are at
 * most 8 bytes long, and two of those compare in one word. */
static inline int
same_ngram(const char *a, const char *b, size_t n)
{
	uint64_t x, y, mask;

	if (n > 8)
		return same_bytes(a, b, n);
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	mask = n == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
	if (G_BYTE_ORDER == G_BIG_ENDIAN)
		mask = n == 8 ? ~(uint64_t)0 : ~(~(uint64_t)0 >> (8 * n));
	return ((x ^ y) & mask) == 0;
}

/* The index key of the n-gram s[0, len) of hash h in the compiled model,
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
		if (key[1].off - key->off == len && same_bytes(ar_lm_bytes + key->off, s, len))
			return (long)k - 1;
		i = (i + 1) & ar_lm_mask;
	}
}

/* A distinct n-gram of the text: buf[off, off + len), counted count
 * times; and one of those kept, ranked (see profile_rank). */
struct prof_entry {
	uint32_t off, len, hash, count;
};

struct ranked {
	const char *s;
	uint32_t len, hash;
	double rank, weight;
};

/* Length in bytes of the UTF-8 character at p (1 for a stray byte). */
static inline size_t
char_len(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t n, i;

	if (c < 0xC0)
		return 1;
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	if (n > (size_t)(end - p))
		return 1;
	for (i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* The distinct n-grams of the text in the order they first occur, and an
 * open-addressing index of them that grows with them (at most half full):
 * a window of 3,000 bytes has about 1,500 distinct n-grams, where a table
 * sized for every position's five would be 15,000. */
struct profile {
	char *buf;                    /* the text with its borders as '_' */
	struct prof_entry *ents;      /* distinct n-grams */
	struct ranked *ranked;        /* those kept, ranked */
	size_t n, cap;
	uint32_t maxc;                /* the highest count */
	uint32_t uni[256];            /* the one-byte n-grams' entries + 1, not in slots */
	uint32_t *slots;
	size_t mask;
};

#define PROFILE_START 256     /* entries at least; slots twice as many */

static void
profile_grow(struct profile *p)
{
	size_t i;

	p->cap *= 2;
	p->ents = g_renew(struct prof_entry, p->ents, p->cap);
	g_free(p->slots);
	p->slots = g_new0(uint32_t, p->cap * 2);
	p->mask = p->cap * 2 - 1;
	for (i = 0; i < p->n; i++) {
		size_t j = p->ents[i].hash & p->mask;

		if (p->ents[i].len == 1)
			continue;     /* in uni */
		while (p->slots[j])
			j = (j + 1) & p->mask;
		p->slots[j] = (uint32_t)i + 1;
	}
}

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* Counts the n-gram s[0, len) of hash h (inline: it runs five times per
 * byte of the text). */
static ALWAYS_INLINE void
profile_count(struct profile *p, const char *s, uint32_t len, uint32_t h, uint32_t times)
{
	size_t i = h & p->mask;

	for (;;) {
		uint32_t k = p->slots[i];
		struct prof_entry *e;

		if (k == 0)
			break;
		e = &p->ents[k - 1];
		if (e->hash == h && e->len == len && same_ngram(p->buf + e->off, s, len)) {
			e->count += times;
			if (e->count > p->maxc)
				p->maxc = e->count;
			return;
		}
		i = (i + 1) & p->mask;
	}
	p->ents[p->n] = (struct prof_entry){ (uint32_t)(s - p->buf), len, h, times };
	if (times > p->maxc)
		p->maxc = times;
	p->slots[i] = (uint32_t)++p->n;
	if (p->n == p->cap)
		profile_grow(p);
}

/* profile_count for an n-gram of one byte, whose entry index + 1 is at
 * *u, p->uni[byte] (0: none yet). */
static ALWAYS_INLINE void
count_direct(struct profile *p, uint32_t *u, const char *s, uint32_t len, uint32_t h, uint32_t times)
{
	uint32_t c;

	if (*u) {
		c = p->ents[*u - 1].count += times;
	} else {
		p->ents[p->n] = (struct prof_entry){ (uint32_t)(s - p->buf), len, h, times };
		c = times;
		*u = (uint32_t)++p->n;
		if (p->n == p->cap)
			profile_grow(p);
	}
	if (c > p->maxc)
		p->maxc = c;
}

/* Counts, times over, the n-grams that start at s (of the text that ends
 * at end): 1 to MAX_SYMBOLS characters, extended until a '_' has been
 * taken.  Returns 0 when one reached the end of the text, which ends the
 * whole count (libexttextcat's rule). */
static ALWAYS_INLINE int
count_at(struct profile *p, const char *s, const char *end, uint32_t times)
{
	size_t l1 = char_len(s, end);
	const char *q = s + l1;
	uint32_t h = hash_more(2166136261u, s, l1);   /* lm_hash(s, l1) */
	int k;

	if (l1 == 1)
		count_direct(p, &p->uni[(unsigned char)*s], s, 1, h, times);
	else
		profile_count(p, s, (uint32_t)l1, h, times);
	if (q >= end)
		return 0;
	for (k = 2; k <= MAX_SYMBOLS; k++) {
		int border = *q == '_';
		size_t l = char_len(q, end);

		h = hash_more(h, q, l);
		q += l;
		profile_count(p, s, (uint32_t)(q - s), h, times);
		if (border)
			break;
		if (q >= end)
			return 0;
	}
	return 1;
}

/* A word of the text: buf[off, off + len), between two '_' (the one
 * before it at off - 1); said times times, first in the order of the
 * words' list. */
struct word {
	uint32_t off, len, hash, times;
};

/* The distinct words of the text: the list in the order they first come,
 * and an open-addressing index of it. */
struct words {
	struct word *list;
	size_t n;
	uint32_t *slots;
	size_t mask;
};

static void
word_add(struct words *ws, const char *buf, const char *w, size_t len)
{
	uint32_t h = hash_more(2166136261u, w, len);
	size_t i = h & ws->mask;

	for (;;) {
		uint32_t k = ws->slots[i];
		struct word *x;

		if (k == 0)
			break;
		x = &ws->list[k - 1];
		if (x->hash == h && x->len == len && same_ngram(buf + x->off, w, len)) {
			x->times++;
			return;
		}
		i = (i + 1) & ws->mask;
	}
	ws->list[ws->n] = (struct word){ (uint32_t)(w - buf), (uint32_t)len, h, 1 };
	ws->slots[i] = (uint32_t)++ws->n;
}

/* Counts the n-grams of buf[0, end - buf): what counting them from every
 * position in turn counts (libexttextcat's way), a word at a time.  Every
 * n-gram that starts before the last '_' lies in one word and the '_'
 * around it ("_word_": from the '_' before the word to the one after), so
 * the n-grams of a word said again are those it gave the first time: each
 * distinct word is counted once, times the times it is said, in the order
 * the words first come, which is the order their n-grams first came.  What
 * follows the last '_' is counted as before, where the end of the text
 * ends the count. */
static void
count_words(struct profile *p, const char *end)
{
	const char *buf = p->buf, *last = end - 1, *a, *b, *s;
	struct words ws = { 0 };
	size_t borders = 0, size, i;

	while (*last != '_')
		last--;           /* buf opens with '_' */
	for (a = buf; a < last; a++)
		borders += *a == '_';
	for (size = 16; size < borders * 2; size *= 2)
		;
	ws.list = g_new(struct word, MAX(borders, 1));
	ws.slots = g_new0(uint32_t, size);
	ws.mask = size - 1;
	for (a = buf; a < last; a = b) {
		b = memchr(a + 1, '_', (size_t)(last - a));
		word_add(&ws, buf, a + 1, (size_t)(b - a - 1));
	}
	for (i = 0; i < ws.n; i++) {
		const struct word *x = &ws.list[i];

		/* from the '_' before the word to its last character */
		for (s = buf + x->off - 1; s < buf + x->off + x->len; s += char_len(s, end))
			count_at(p, s, end, x->times);
	}
	g_free(ws.list);
	g_free(ws.slots);
	for (s = last; s < end && count_at(p, s, end, 1); s += char_len(s, end))
		;
}

/* The ranks of the counted n-grams: a counting sort, counts descending.
 * n-grams counted equally often have no order of their own (libexttextcat
 * takes its hash table's), so each one of a tie gets the mean rank of the
 * places its group fills, and a group that straddles the last place enters
 * with the weight of its chance to be among the kept: the distances are
 * then those of a random order of ties, on average.  Keeps the ranked
 * entries in p->ranked, in the order they were first counted; returns
 * their number. */
static size_t
profile_rank(struct profile *p)
{
	uint32_t maxc = p->maxc, c, *start, *group;
	struct ranked *ranked;
	size_t i, kept = 0, total = p->n;
	/* start[c] is where the n-grams counted c times begin, group[c] how
	 * many they are */
	start = g_new0(uint32_t, (gsize)maxc + 2);
	group = g_new0(uint32_t, (gsize)maxc + 2);
	for (i = 0; i < total; i++)
		group[p->ents[i].count]++;
	for (c = maxc + 1, i = 0; c-- > 0;) {
		start[c] = (uint32_t)i;
		i += group[c];
	}
	for (c = 0; c <= maxc; c++)
		if (start[c] < MAX_NGRAMS)
			kept += group[c];
	ranked = g_new(struct ranked, MAX(kept, 1));
	kept = 0;
	for (i = 0; i < total; i++) {
		const struct prof_entry *e = &p->ents[i];
		uint32_t first = start[e->count], len = group[e->count];
		uint32_t last = MIN(first + len, (uint32_t)MAX_NGRAMS);

		if (first >= MAX_NGRAMS)
			continue;
		/* the places first … last-1, shared by the group */
		ranked[kept++] = (struct ranked){ p->buf + e->off, e->len, e->hash, (first + last - 1) / 2.0,
		                                  (double)(last - first) / len };
	}
	g_free(start);
	g_free(group);
	p->ranked = ranked;
	return kept;
}

/* The ranked profile of text[0, n): the n-grams most frequent first, at
 * most MAX_NGRAMS places (see profile_rank).  Leaves the kept entries in
 * p->ranked; returns their number. */
static size_t
profile_make(struct profile *p, const char *text, size_t n)
{
	const char *s = text, *end = text + n;
	char *w;

	/* Borders: a run of spaces and digits becomes one '_'; the text opens
	 * with one; it closes with one only when it ends in a border run. */
	p->buf = w = g_malloc(n + 3 + 8);
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
	memset(w, 0, 9);     /* the end, and room to compare words (same_ngram) */
	if (w - p->buf <= 1) {
		g_free(p->buf), p->buf = NULL;
		return 0;
	}
	/* Every n-gram of 1 to MAX_SYMBOLS characters, '_' only at the ends
	 * (count_words) */
	end = w;
	/* room for as many distinct n-grams as bytes (a long text of words
	 * has about that many), twice as many for a short one, which repeats
	 * fewer (more grow the table) */
	for (p->cap = PROFILE_START; p->cap < (size_t)(end - p->buf) * (end - p->buf < 1024 ? 2 : 1);
	     p->cap *= 2)
		;
	p->maxc = 1;
	p->ents = g_new(struct prof_entry, p->cap);
	p->slots = g_new0(uint32_t, p->cap * 2);
	p->mask = p->cap * 2 - 1;
	count_words(p, end);
	return profile_rank(p);
}

static void
profile_free(struct profile *p)
{
	g_free(p->buf);
	g_free(p->ents);
	g_free(p->ranked);
	g_free(p->slots);
}

/* ------------------------------------------------ classification */

/* A category's distance to the profile, and the weight of the profile's
 * n-grams it has (side by side: one line of the cache for both). */
struct acc {
	double dist, matched;
};

/* Category a before category b: the nearer, or of two as near the first in
 * fpdb.conf's order. */
static int
before(const struct acc *c, unsigned a, unsigned b)
{
	if (c[a].dist != c[b].dist)
		return c[a].dist < c[b].dist;
	return a < b;
}

/* The distance of the profile to every category, c[ncat].  Each one's
 * sum is taken in the profile's order, whatever the weights: the same
 * doubles, rounded the same, as ever. */
static void
distances(const struct profile *prof, size_t nprof, struct acc *c, unsigned ncat)
{
	double all = 0;
	size_t i;
	unsigned k;

	for (i = 0; i < nprof; i++) {
		const struct ranked *e = &prof->ranked[i];
		long key = model_find(e->s, e->len, e->hash);
		const struct lm_post *post, *last;
		double r = e->rank, w = e->weight;

		all += w;
		if (key < 0)
			continue;
		post = &ar_lm_posts[ar_lm_keys[key].first];
		last = &ar_lm_posts[ar_lm_keys[key + 1].first];
		if (w == 1.0) {
			/* the common case, without the product by 1 (x × 1
			 * is x exactly) */
			for (; post < last; post++) {
				struct acc *a = &c[post->cat];

				a->dist += fabs(post->rank - r);
				a->matched += 1.0;
			}
		} else {
			for (; post < last; post++) {
				struct acc *a = &c[post->cat];

				a->dist += w * fabs(post->rank - r);
				a->matched += w;
			}
		}
	}
	for (k = 0; k < ncat; k++)
		c[k].dist += (all - c[k].matched) * OUT_OF_PLACE;
}

int
ar_langid_classify(const char *text, size_t n, const char **cands, int max)
{
	struct profile prof = { 0 };
	size_t nprof;
	unsigned ncat = ar_lm_ncats, k, best = 0, sel[MAX_CANDS + 1];
	double limit;
	struct acc *c;
	int nc = 0, i;

	nprof = profile_make(&prof, text, n);
	if (nprof == 0) {
		profile_free(&prof);
		return 0;
	}
	c = g_new0(struct acc, ncat);
	distances(&prof, nprof, c, ncat);
	profile_free(&prof);
	/* The candidates: the nearest category and every other one nearer
	 * than THRESHOLD × its distance, nearest first (the first ones of
	 * all the categories sorted by distance, without sorting them all);
	 * more than MAX_CANDS is too close to call. */
	for (k = 1; k < ncat; k++)
		if (before(c, k, best))
			best = k;
	limit = c[best].dist * THRESHOLD;
	sel[nc++] = best;
	for (k = 0; k < ncat && nc <= MAX_CANDS; k++)
		if (k != best && c[k].dist < limit)
			sel[nc++] = k;
	if (nc > MAX_CANDS)
		nc = 0;
	/* insertion sort of the few */
	for (i = 1; i < nc; i++) {
		unsigned x = sel[i];
		int j = i;

		for (; j > 0 && before(c, x, sel[j - 1]); j--)
			sel[j] = sel[j - 1];
		sel[j] = x;
	}
	for (i = 0; i < nc && i < max; i++)
		cands[i] = ar_lm_names + ar_lm_name_off[sel[i]];
	g_free(c);
	return nc < max ? nc : max;
}
