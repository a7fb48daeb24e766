/* langid.c — reader stage: n-gram language identification.  Reads the
 * fingerprints of Debian's libexttextcat-data (/usr/share/libexttextcat:
 * fpdb.conf and one LANG.lm per language); classifies a sample of text into
 * an ordered list of candidate categories ("id--utf8", "en--utf8" …).
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
 * one-article run).  Here the 65,000 n-grams go into one open-addressing
 * table, read once per process in about a tenth of that, shared read-only by
 * every thread; classifying allocates only for its own sample. */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article/reader.h"

#ifndef WARTA_TEXTCAT_DIR
#define WARTA_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

#define MAX_NGRAMS   400      /* ranked n-grams kept per profile */
#define MAX_SYMBOLS  5        /* characters per n-gram */
#define OUT_OF_PLACE 400      /* distance of an n-gram the language lacks */
#define THRESHOLD    1.03     /* candidates: distance < best × THRESHOLD */
#define MAX_CANDS    5        /* more candidates than this: unknown */

/* ------------------------------------------------ hashing */

/* FNV-1a over the bytes of an n-gram. */
static uint32_t
ngram_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* ------------------------------------------------ the model */

struct lid_key {          /* one distinct n-gram of all the fingerprints */
	const char *s;
	uint32_t len, hash;
	uint32_t first;   /* index of its first hit, chained through hit.next */
};

struct lid_hit {          /* the n-gram in one language, at a rank */
	uint32_t next;    /* next hit of the same n-gram, or UINT32_MAX */
	uint16_t cat, rank;
};

struct lid_model {
	GPtrArray *files;         /* the file contents the keys point into */
	GPtrArray *names;         /* category names, in fpdb.conf order */
	struct lid_key *keys;
	size_t nkeys, keys_cap;
	struct lid_hit *hits;
	size_t nhits, hits_cap;
	uint32_t *slots;          /* key index + 1, 0 = empty */
	size_t mask;
};

static struct lid_model *model;

static uint32_t *
slot_of(uint32_t *slots, size_t mask, const struct lid_key *keys,
        const char *s, size_t len, uint32_t h)
{
	size_t i = h & mask;

	for (;;) {
		uint32_t k = slots[i];

		if (k == 0)
			return &slots[i];
		k--;
		if (keys[k].hash == h && keys[k].len == len && memcmp(keys[k].s, s, len) == 0)
			return &slots[i];
		i = (i + 1) & mask;
	}
}

static void
model_grow(struct lid_model *m)
{
	size_t size = m->mask ? (m->mask + 1) * 2 : 1 << 17, i;
	uint32_t *slots = g_new0(uint32_t, size);

	for (i = 0; i < m->nkeys; i++) {
		uint32_t *sl = slot_of(slots, size - 1, m->keys, m->keys[i].s,
		                       m->keys[i].len, m->keys[i].hash);
		*sl = (uint32_t)i + 1;
	}
	g_free(m->slots);
	m->slots = slots;
	m->mask = size - 1;
}

static void
model_add(struct lid_model *m, const char *s, size_t len, unsigned cat, unsigned rank)
{
	uint32_t h = ngram_hash(s, len), *sl;
	struct lid_hit *hit;

	if ((m->nkeys + 1) * 2 > m->mask + 1)
		model_grow(m);
	sl = slot_of(m->slots, m->mask, m->keys, s, len, h);
	if (*sl == 0) {
		if (m->nkeys == m->keys_cap) {
			m->keys_cap = m->keys_cap ? m->keys_cap * 2 : 1 << 15;
			m->keys = g_renew(struct lid_key, m->keys, m->keys_cap);
		}
		m->keys[m->nkeys] = (struct lid_key){ s, (uint32_t)len, h, UINT32_MAX };
		*sl = (uint32_t)++m->nkeys;
	}
	if (m->nhits == m->hits_cap) {
		m->hits_cap = m->hits_cap ? m->hits_cap * 2 : 1 << 16;
		m->hits = g_renew(struct lid_hit, m->hits, m->hits_cap);
	}
	hit = &m->hits[m->nhits];
	hit->cat = (uint16_t)cat;
	hit->rank = (uint16_t)rank;
	hit->next = m->keys[*sl - 1].first;
	m->keys[*sl - 1].first = (uint32_t)m->nhits++;
}

/* One LANG.lm: lines "NGRAM<TAB> COUNT", most frequent first; the rank of an
 * n-gram is its line's index.  Only the first MAX_NGRAMS lines count. */
static void
model_read_fingerprint(struct lid_model *m, char *text, unsigned cat)
{
	char *p = text;
	unsigned rank = 0;

	while (*p && rank < MAX_NGRAMS) {
		char *q = p;
		size_t len;

		while (*q && *q != '\t' && *q != ' ' && *q != '\r' && *q != '\n')
			q++;
		len = (size_t)(q - p);
		if (len > 0 && len <= MAX_SYMBOLS * 4)
			model_add(m, p, len, cat, rank++);
		if (*q != '\n' && !(q = strchr(q, '\n')))
			break;
		p = q + 1;
	}
}

static void
model_free(struct lid_model *m)
{
	if (!m)
		return;
	g_ptr_array_free(m->files, TRUE);
	g_ptr_array_free(m->names, TRUE);
	g_free(m->keys);
	g_free(m->hits);
	g_free(m->slots);
	g_free(m);
}

/* fpdb.conf: "FILE  CATEGORY" per line, '#' comments. */
static struct lid_model *
model_load(const char *dir)
{
	struct lid_model *m = g_new0(struct lid_model, 1);
	char *conf_path = g_build_filename(dir, "fpdb.conf", NULL), *conf = NULL;
	char **lines, **l;

	m->files = g_ptr_array_new_with_free_func(g_free);
	m->names = g_ptr_array_new_with_free_func(g_free);
	if (!g_file_get_contents(conf_path, &conf, NULL, NULL)) {
		g_free(conf_path);
		model_free(m);
		return NULL;
	}
	g_free(conf_path);
	lines = g_strsplit(conf, "\n", -1);
	g_free(conf);
	for (l = lines; *l && m->names->len < UINT16_MAX; l++) {
		char *line = g_strstrip(*l), *text, *path;
		char **f;

		if (*line == '\0' || *line == '#')
			continue;
		f = g_strsplit_set(line, " \t", -1);
		{
			char *file = NULL, *name = NULL;
			char **w;

			for (w = f; *w; w++) {
				if (**w == '\0')
					continue;
				if (!file)
					file = *w;
				else if (!name)
					name = *w;
			}
			path = file && name ? g_build_filename(dir, file, NULL) : NULL;
			if (path && g_file_get_contents(path, &text, NULL, NULL)) {
				g_ptr_array_add(m->files, text);
				model_read_fingerprint(m, text, m->names->len);
				g_ptr_array_add(m->names, g_strdup(name));
			}
			g_free(path);
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	if (m->names->len == 0) {
		model_free(m);
		return NULL;
	}
	return m;
}

static gpointer
model_once(gpointer dir)
{
	model = model_load(dir);
	return model;
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
	uint32_t h = ngram_hash(s, len);
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

int
ar_langid_classify(const char *text, size_t n, const char **cands, int max)
{
	static GOnce once = G_ONCE_INIT;
	const struct lid_model *m;
	struct profile prof = { 0 };
	struct cand *c;
	size_t nprof, i;
	unsigned ncat, k;
	double limit, *matched, all = 0;
	int nc = 0;

	g_once(&once, model_once, (gpointer)WARTA_TEXTCAT_DIR);
	m = model;
	if (!m)
		return -1;
	nprof = profile_make(&prof, text, n);
	if (nprof == 0) {
		profile_free(&prof);
		return 0;
	}
	ncat = m->names->len;
	c = g_new0(struct cand, ncat);
	matched = g_new0(double, ncat);
	for (i = 0; i < nprof; i++) {
		const struct prof_entry *e = &prof.ents[i];
		uint32_t sl = *slot_of(m->slots, m->mask, m->keys, e->s, e->len, e->hash);
		uint32_t h;

		all += e->weight;
		if (sl == 0)
			continue;
		for (h = m->keys[sl - 1].first; h != UINT32_MAX; h = m->hits[h].next) {
			const struct lid_hit *hit = &m->hits[h];

			c[hit->cat].dist += e->weight * fabs(hit->rank - e->rank);
			matched[hit->cat] += e->weight;
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
		cands[k] = g_ptr_array_index(m->names, c[k].cat);
	g_free(matched);
	g_free(c);
	profile_free(&prof);
	return nc < max ? nc : max;
}
