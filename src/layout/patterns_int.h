/* patterns_int.h — layout stage: the pattern trie shared by the loader
 * (patterns.c, which fills it from a .dic file) and the hyphenator
 * (patterns_hyph.c, which walks it for a word).  Private to those two. */
#ifndef WARTA_PATTERNS_INT_H
#define WARTA_PATTERNS_INT_H

#include <glib.h>

#include "layout/patterns.h"

#define LINE_BUF 100             /* libhyphen's MAX_CHARS: line buffer size */
#define CSET_BUF 20              /* its MAX_NAME: charset buffer size */
#define NONE 0xffffffffu
#define SMALL 160                /* words up to this many bytes use the stack */
#define PAD 256                  /* zeros after a word when replacements exist */

struct slot {                    /* trie edge: key = parent << 8 | byte, */
	guint32 key, child;      /* never 0 (the root's children are apart) */
};

struct pat {                     /* one pattern's values */
	guint32 digits;          /* arena offset: '0'..'9' string, leading zeros cut */
	guint32 repl;            /* arena offset + 1 of the replacement; 0: standard */
	guint8 ndigits;
	gint8 replindex, replcut;
};

struct level {
	int utf8;
	struct slot *slot;       /* power-of-two table, empty key = 0 */
	guint32 mask, edges;
	int bits;
	guint32 root[256];       /* children of the root, NONE when absent */
	guint32 *node_pat;       /* node → pattern index + 1, 0: none */
	guint32 nodes, node_cap;
	struct pat *pat;
	guint32 npat, pat_cap;
	char *arena;
	gsize arena_len, arena_cap;
	int lhmin, rhmin, clhmin, crhmin;
	int repl;                /* 1: the dictionary has non-standard patterns */
	char prev_key[LINE_BUF]; /* the last plain pattern's letters … */
	guint32 prev_node[LINE_BUF];     /* … and their trie nodes */
	int prev_len;
	char *nohyphen;          /* NOHYPHEN strings, each NUL-terminated */
	int nnohyphen;
	struct level *next;      /* the level that hyphenates parts, or NULL */
};

struct pat_dict {
	char cset[CSET_BUF];
	int utf8;
	struct level lev[2];
	struct level *top;
};

/* Non-standard breaks found so far (libhyphen's rep/pos/cut arrays). */
struct reps {
	const char **rep;        /* NULL: none allocated yet */
	int *pos, *cut;
	int size;
};

static inline guint32
slot_of(guint32 key, int bits)
{
	return (key * 0x9e3779b1u) >> (32 - bits);
}

static inline guint32
child(const struct level *l, guint32 node, unsigned char c)
{
	guint32 key, i;

	if (node == 0)
		return l->root[c];
	key = node << 8 | c;
	for (i = slot_of(key, l->bits);; i = (i + 1) & l->mask) {
		if (l->slot[i].key == key)
			return l->slot[i].child;
		if (l->slot[i].key == 0)
			return NONE;
	}
}

static inline int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

#endif
