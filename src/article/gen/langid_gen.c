/* langid_gen.c — build tool for the reader's language classifier, not part
 * of warta: reads the fingerprints of Debian's libexttextcat-data (fpdb.conf
 * and one LANG.lm per language) and writes, on standard output, the C source
 * of the read-only tables langid.c classifies with (src/article/langid_model.h
 * says their layout).  The Makefile builds it as $(BUILD)/gen/langid_gen and
 * runs it into $(BUILD)/gen/langid_model.c; usage: langid_gen DIR > FILE. */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/langid_model.h"

/* ------------------------------------------------ the fingerprints */

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
	uint32_t h = lm_hash(s, len), *sl;
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
 * n-gram is its line's index.  Only the first LM_MAX_NGRAMS lines count. */
static void
model_read_fingerprint(struct lid_model *m, char *text, unsigned cat)
{
	char *p = text;
	unsigned rank = 0;

	while (*p && rank < LM_MAX_NGRAMS) {
		char *q = p;
		size_t len;

		while (*q && *q != '\t' && *q != ' ' && *q != '\r' && *q != '\n')
			q++;
		len = (size_t)(q - p);
		if (len > 0 && len <= LM_MAX_SYMBOLS * 4)
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

/* fpdb.conf: "FILE  CATEGORY" per line, '#' comments.  A file it names that
 * cannot be read is an error (warta would silently lose a language). */
static struct lid_model *
model_load(const char *dir, GError **err)
{
	struct lid_model *m = g_new0(struct lid_model, 1);
	char *conf_path = g_build_filename(dir, "fpdb.conf", NULL), *conf = NULL;
	char **lines, **l;

	m->files = g_ptr_array_new_with_free_func(g_free);
	m->names = g_ptr_array_new_with_free_func(g_free);
	if (!g_file_get_contents(conf_path, &conf, NULL, err)) {
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
			if (path && !g_file_get_contents(path, &text, NULL, err)) {
				g_free(path);
				g_strfreev(f);
				g_strfreev(lines);
				model_free(m);
				return NULL;
			}
			if (path) {
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
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s/fpdb.conf names no fingerprint", dir);
		model_free(m);
		return NULL;
	}
	return m;
}

/* ------------------------------------------------ the C source */

/* bytes as one string literal, a line every 64 bytes; octal escapes (always
 * three digits, so no following digit joins them) for all but plain ASCII,
 * and for '?' (no trigraphs) */
static void
emit_string(const char *name, const char *s, size_t n)
{
	size_t i;

	printf("const char %s[] =\n\t\"", name);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i > 0 && i % 64 == 0)
			printf("\"\n\t\"");
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?')
			putchar(c);
		else
			printf("\\%03o", c);
	}
	printf("\";\n\n");
}

static int
emit(const struct lid_model *m, const char *dir)
{
	GString *bytes = g_string_new(NULL), *names = g_string_new(NULL);
	uint16_t *slots;
	size_t size, i, nposts = 0;
	uint32_t h;

	if (m->nkeys >= UINT16_MAX) {
		fprintf(stderr, "langid_gen: %zu n-grams: more than a 16-bit slot can index\n", m->nkeys);
		return 1;
	}
	for (size = 1024; size < m->nkeys * 2; size *= 2)
		;
	slots = g_new0(uint16_t, size);
	for (i = 0; i < m->nkeys; i++) {
		size_t s = m->keys[i].hash & (size - 1);

		while (slots[s])
			s = (s + 1) & (size - 1);
		slots[s] = (uint16_t)(i + 1);
	}

	printf("/* langid_model.c — generated by src/article/gen/langid_gen.c from the\n"
	       " * fingerprints in %s (%u categories, %zu n-grams,\n"
	       " * %zu postings): do not edit.  Layout: src/article/langid_model.h. */\n"
	       "#include \"article/langid_model.h\"\n\n", dir, m->names->len, m->nkeys, m->nhits);
	printf("const uint32_t ar_lm_mask = %zu;\n\n", size - 1);
	printf("const uint16_t ar_lm_slots[%zu] = {", size);
	for (i = 0; i < size; i++)
		printf("%s%u,", i % 16 ? "" : "\n\t", slots[i]);
	printf("\n};\n\n");

	/* keys in the loader's order, each one's postings in its chain's order
	 * (the classifier adds distances in that order, as before) */
	printf("const struct lm_key ar_lm_keys[%zu] = {", m->nkeys + 1);
	for (i = 0; i <= m->nkeys; i++) {
		printf("%s{%zu,%zu},", i % 6 ? "" : "\n\t", bytes->len, nposts);
		if (i == m->nkeys)
			break;
		g_string_append_len(bytes, m->keys[i].s, m->keys[i].len);
		for (h = m->keys[i].first; h != UINT32_MAX; h = m->hits[h].next)
			nposts++;
	}
	printf("\n};\n\n");
	emit_string("ar_lm_bytes", bytes->str, bytes->len);

	printf("const struct lm_post ar_lm_posts[%zu] = {", nposts);
	nposts = 0;
	for (i = 0; i < m->nkeys; i++)
		for (h = m->keys[i].first; h != UINT32_MAX; h = m->hits[h].next)
			printf("%s{%u,%u},", nposts++ % 8 ? "" : "\n\t", m->hits[h].cat, m->hits[h].rank);
	printf("\n};\n\n");

	printf("const uint16_t ar_lm_ncats = %u;\n\n", m->names->len);
	printf("const uint32_t ar_lm_name_off[%u] = {", m->names->len);
	for (i = 0; i < m->names->len; i++) {
		printf("%s%zu,", i % 8 ? "" : "\n\t", names->len);
		g_string_append(names, g_ptr_array_index(m->names, i));
		g_string_append_c(names, '\0');
	}
	printf("\n};\n\n");
	emit_string("ar_lm_names", names->str, names->len);

	g_string_free(bytes, TRUE);
	g_string_free(names, TRUE);
	g_free(slots);
	return 0;
}

int
main(int argc, char **argv)
{
	struct lid_model *m;
	GError *err = NULL;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: langid_gen DIR > langid_model.c\n");
		return 2;
	}
	if (!(m = model_load(argv[1], &err))) {
		fprintf(stderr, "langid_gen: %s\n"
		        "langid_gen: warta compiles in the language fingerprints of Debian's "
		        "libexttextcat-data (%s); `make deps` installs it\n",
		        err->message, argv[1]);
		g_error_free(err);
		return 1;
	}
	rc = emit(m, argv[1]);
	model_free(m);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "langid_gen: writing the model: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
