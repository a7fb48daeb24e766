/* langid_model.h — reader stage: the layout of the n-gram language model
 * compiled into warta.  Written at build time by src/article/gen/langid_gen.c
 * (from libexttextcat-data's fingerprints) as $(BUILD)/gen/langid_model.c,
 * read-only tables that langid.c classifies with; both include this header,
 * the generator also for the hash and the limits of a fingerprint. */
#ifndef WARTA_ARTICLE_LANGID_MODEL_H
#define WARTA_ARTICLE_LANGID_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define LM_MAX_NGRAMS   400   /* ranked n-grams kept per fingerprint */
#define LM_MAX_SYMBOLS  5     /* characters per n-gram */

/* FNV-1a over the bytes of an n-gram: where the open-addressing table below
 * puts it (generator) and looks for it (classifier). */
static inline uint32_t
lm_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* One distinct n-gram of all the fingerprints.  ar_lm_keys has a sentinel
 * after the last key, so key k's bytes are ar_lm_bytes[off, next off) and
 * its postings ar_lm_posts[first, next first). */
struct lm_key {
	uint32_t off, first;
};

/* The n-gram in one language (an index into ar_lm_name_off), at a rank. */
struct lm_post {
	uint16_t cat, rank;
};

/* Open addressing: the n-gram hashing to h is in slot h & ar_lm_mask or
 * one of the slots after it (wrapping), before the first empty one.  A slot
 * holds a key index + 1, 0 when empty; at most half of them are full. */
extern const uint32_t       ar_lm_mask;
extern const uint16_t       ar_lm_slots[];
extern const struct lm_key  ar_lm_keys[];
extern const char           ar_lm_bytes[];
extern const struct lm_post ar_lm_posts[];

/* The categories ("id--utf8" …), in fpdb.conf's order: category c's name
 * is the NUL-terminated string at ar_lm_names + ar_lm_name_off[c]. */
extern const uint16_t       ar_lm_ncats;
extern const uint32_t       ar_lm_name_off[];
extern const char           ar_lm_names[];

#endif
