/* patterns.c — layout stage: warta's own hyphenation engine.  Reads a
 * dictionary in libhyphen's .dic format (Debian's /usr/share/hyphen) in one
 * go into a pattern trie; writes, for a word, where it may break: the points
 * libhyphen 2.8.8 gives. */

/* It replaces libhyphen for every dictionary warta uses (id, en_US, de_DE,
 * fr, es_ES, pt_PT, nl_NL, it_IT), NEXTLEVEL (two-level compound) ones
 * included, and for non-standard patterns; libhyphen is linked only into
 * tests/unit/test_hyphenate, which uses it as the oracle.
 *
 * Sources.  The patterns are Liang's: F. M. Liang, "Word Hy-phen-a-tion by
 * Com-put-er", Stanford 1983 (a pattern is letters with digits between them;
 * the word, framed by '.', takes at each gap the highest digit of every
 * pattern found in it; an odd digit is a break).  TeX stores them in a packed
 * trie (tex.web §919–§965); here the trie is an open-addressing hash of
 * (node, byte) → child, filled in one pass over the file with no allocation
 * per pattern; the path a pattern shares with the previous one is reused
 * (the files are mostly sorted), so loading hashes little more than once per
 * trie node.  What the file
 * format means (charset line; LEFTHYPHENMIN, RIGHTHYPHENMIN,
 * COMPOUNDLEFTHYPHENMIN, COMPOUNDRIGHTHYPHENMIN; NOHYPHEN; NEXTLEVEL; '%'
 * comments; non-standard patterns "pat/repl,index,cut") and how libhyphen
 * applies it comes from libhyphen's README and its observed behaviour; the
 * unit test compares this engine with hnj_hyphen_hyphenate3 word by word.
 *
 * libhyphen's behaviour reproduced here (facts, not its code):
 * - the file is read line by line into a 100-byte buffer, so a line longer
 *   than 99 bytes is read as several (libhyphen 2.8.8 does not drop them as
 *   later versions do); the charset line is read into 20 bytes;
 * - every dictionary has two levels.  With NEXTLEVEL, the patterns before it
 *   find compound boundaries and those after it hyphenate each part; without
 *   it, a default first level breaks at hyphens and apostrophes (patterns
 *   1-1 and 1'1, plus en dash and ’ in UTF-8 dictionaries; NOHYPHEN of them);
 * - matching is an Aho–Corasick automaton over the pattern keys whose states
 *   carry only their own pattern: at each position only the longest key
 *   prefix ending there counts (libhyphen expects files whose patterns are
 *   merged beforehand so that this is Liang's union).  Here the same
 *   "longest suffix that is a trie
 *   node" is found by walking the trie from each start position, so no
 *   failure links need computing at load time;
 * - a compound part never breaks before its last byte (the first level's
 *   digit stays there), whatever the compound hyphenmins;
 * - digits in a word act as word boundaries; hyphenmins count characters;
 * - NOHYPHEN forbids the break before each listed string and the one at its
 *   last byte. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

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

/* ------------------------------------------------------------ the trie */

static guint32
slot_of(guint32 key, int bits)
{
	return (key * 0x9e3779b1u) >> (32 - bits);
}

static void
level_init(struct level *l, int utf8, gsize file_bytes)
{
	guint32 want = 1024;

	memset(l, 0, sizeof *l);
	l->utf8 = utf8;
	/* about one trie node per four file bytes: start near the final size */
	l->bits = 10;
	while (want < file_bytes / 4 && l->bits < 28) {
		want <<= 1;
		l->bits++;
	}
	l->mask = want - 1;
	l->slot = g_new0(struct slot, want);
	memset(l->root, 0xff, sizeof l->root);
	l->node_cap = want;
	l->node_pat = g_new0(guint32, l->node_cap);
	l->nodes = 1;
	l->pat_cap = 256;
	l->pat = g_new(struct pat, l->pat_cap);
	l->arena_cap = file_bytes / 2 + 256;
	l->arena = g_malloc(l->arena_cap);
	l->arena_len = 1;        /* offset 0 is never a string */
	l->arena[0] = '\0';
}

static void
level_clear(struct level *l)
{
	g_free(l->slot);
	g_free(l->node_pat);
	g_free(l->pat);
	g_free(l->arena);
	g_free(l->nohyphen);
}

static guint32
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

static void
grow_slots(struct level *l)
{
	struct slot *old = l->slot;
	guint32 n = l->mask + 1, k, i;

	l->bits++;
	l->mask = 2 * n - 1;
	l->slot = g_new0(struct slot, 2 * n);
	for (k = 0; k < n; k++) {
		if (old[k].key == 0)
			continue;
		for (i = slot_of(old[k].key, l->bits); l->slot[i].key != 0; i = (i + 1) & l->mask)
			;
		l->slot[i] = old[k];
	}
	g_free(old);
}

/* The child of node by c, made when missing; NONE when the trie is full. */
static guint32
add_child(struct level *l, guint32 node, unsigned char c)
{
	guint32 key = node << 8 | c, i = 0, made;

	if (node == 0 && l->root[c] != NONE)
		return l->root[c];
	if (node != 0) {
		for (i = slot_of(key, l->bits);; i = (i + 1) & l->mask) {
			if (l->slot[i].key == key)
				return l->slot[i].child;
			if (l->slot[i].key == 0)
				break;
		}
	}
	if (l->nodes >= (1u << 24))
		return NONE;
	if (l->nodes == l->node_cap) {
		l->node_pat = g_renew(guint32, l->node_pat, 2 * l->node_cap);
		memset(l->node_pat + l->node_cap, 0, sizeof(guint32) * l->node_cap);
		l->node_cap *= 2;
	}
	made = l->nodes++;
	if (node == 0) {
		l->root[c] = made;
		return made;
	}
	if (4 * (l->edges + 1) > 3 * (l->mask + 1)) {       /* 3/4 full */
		grow_slots(l);
		for (i = slot_of(key, l->bits); l->slot[i].key != 0; i = (i + 1) & l->mask)
			;
	}
	l->slot[i].key = key;
	l->slot[i].child = made;
	l->edges++;
	return made;
}

static guint32
arena_add(struct level *l, const char *s, gsize n)
{
	guint32 at;

	if (l->arena_len + n + 1 > l->arena_cap) {
		while (l->arena_len + n + 1 > l->arena_cap)
			l->arena_cap *= 2;
		l->arena = g_realloc(l->arena, l->arena_cap);
	}
	at = (guint32)l->arena_len;
	memcpy(l->arena + at, s, n);
	l->arena[at + n] = '\0';
	l->arena_len += n + 1;
	return at;
}

/* ------------------------------------------------------------ loading */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Removes a final "\n", "\r" or "\r\n". */
static void
chomp(char *s)
{
	size_t k = strlen(s);

	if (k > 0 && (s[k - 1] == '\r' || s[k - 1] == '\n'))
		s[k - 1] = '\0';
	if (k > 1 && s[k - 2] == '\r')
		s[k - 2] = '\0';
}

/* NOHYPHEN a,b,c: strings next to which no break may fall.  The last byte
 * of the line (its newline) is dropped, and commas split the rest. */
static void
load_nohyphen(struct level *l, const char *s)
{
	size_t n, k;

	while (*s == ' ' || *s == '\t')
		s++;
	g_free(l->nohyphen);
	l->nohyphen = NULL;
	l->nnohyphen = 0;
	if (*s == '\0')
		return;
	n = strlen(s) - 1;
	l->nohyphen = g_strndup(s, n);
	l->nnohyphen = 1;
	for (k = 1; k < n; k++) {
		if (l->nohyphen[k] == ',') {
			l->nohyphen[k] = '\0';
			l->nnohyphen++;
		}
	}
}

/* One line (NUL-terminated, at most LINE_BUF - 1 bytes, so the key and the
 * digits fit in their arrays): a setting or a
 * pattern such as "a1b2c" or "f1f/ff=f,1,2". */
static void
load_line(struct level *l, char *buf)
{
	char key[LINE_BUF + 1], dig[LINE_BUF + 2], *slash;
	const char *repl = NULL;
	gint8 rindex = 0, rcut = 0;
	int i, j = 0, skip = 0;
	guint32 node = 0;
	struct pat *p;

	if (strncmp(buf, "LEFTHYPHENMIN", 13) == 0) {
		l->lhmin = atoi(buf + 13);
		return;
	}
	if (strncmp(buf, "RIGHTHYPHENMIN", 14) == 0) {
		l->rhmin = atoi(buf + 14);
		return;
	}
	if (strncmp(buf, "COMPOUNDLEFTHYPHENMIN", 21) == 0) {
		l->clhmin = atoi(buf + 21);
		return;
	}
	if (strncmp(buf, "COMPOUNDRIGHTHYPHENMIN", 22) == 0) {
		l->crhmin = atoi(buf + 22);
		return;
	}
	if (strncmp(buf, "NOHYPHEN", 8) == 0) {
		load_nohyphen(l, buf + 8);
		return;
	}
	/* "pattern/replacement,index,cut": index counts from 1, cut is how
	 * many characters the replacement stands for; without them the whole
	 * pattern is replaced */
	if ((slash = strchr(buf, '/')) != NULL) {
		char *c1 = strchr(slash + 1, ',');

		*slash = '\0';
		if (c1 != NULL) {
			char *c2 = strchr(c1 + 1, ',');

			*c1 = '\0';
			if (c2 != NULL) {
				*c2 = '\0';
				rindex = (gint8)((gint8)atoi(c1 + 1) - 1);
				rcut = (gint8)atoi(c2 + 1);
			}
		} else {
			chomp(slash + 1);
			rcut = (gint8)strlen(buf);
		}
		repl = slash + 1;
		l->repl = 1;
	}
	/* letters into key, the digit before letter j into dig[j] */
	dig[0] = '0';
	for (i = 0; (unsigned char)buf[i] > ' '; i++) {
		if (is_digit(buf[i]))
			dig[j] = buf[i];
		else {
			key[j] = buf[i];
			dig[++j] = '0';
		}
	}
	key[j] = '\0';
	dig[j + 1] = '\0';
	if (repl == NULL) {
		while (dig[skip] == '0')
			skip++;
	} else {
		if (key[0] == '.')
			skip = 1;
		if (l->utf8) {
			/* index and cut count characters: make them bytes */
			int chars = -1, first = -1;
			size_t b = key[0] == '.' ? 1 : 0, klen = strlen(key);

			for (; b < klen + 1; b++) {
				if (((unsigned char)key[b] >> 6) != 2)
					chars++;
				if (first < 0 && rindex == chars) {
					first = rindex;
					rindex = (gint8)b;
				}
				if (first >= 0 && chars - first == rcut) {
					rcut = (gint8)(b - rindex);
					break;
				}
			}
			if (key[0] == '.')
				rindex--;
		}
	}
	for (i = 0; i < j && node != NONE; i++)
		node = add_child(l, node, (unsigned char)key[i]);
	if (node == NONE)
		return;
	if (l->npat == l->pat_cap) {
		l->pat_cap *= 2;
		l->pat = g_renew(struct pat, l->pat, l->pat_cap);
	}
	p = &l->pat[l->npat++];
	p->ndigits = (guint8)strlen(dig + skip);
	p->digits = arena_add(l, dig + skip, p->ndigits);
	p->repl = repl ? arena_add(l, repl, strlen(repl)) + 1 : 0;
	p->replindex = rindex;
	p->replcut = rcut ? rcut : (gint8)j;
	l->node_pat[node] = l->npat;     /* a repeated key: the last one counts */
}

/* The common line, a plain pattern such as "a1b2c" (not a setting) at s,
 * of at most max bytes: its letters go straight into the trie.  The
 * dictionaries are mostly sorted, so the path shared with the previous
 * pattern is taken from it and only new nodes are hashed.  Returns the
 * line's length (with its newline), or 0, having stored no pattern, when the
 * line holds a '/' (a non-standard pattern: load_line's). */
static gsize
load_plain(struct level *l, const char *s, gsize max)
{
	char *dig;
	guint32 node = 0, at;
	int j = 0, skip = 0, plen = l->prev_len;
	gsize i, n;
	struct pat *p;

	/* the digits go straight into the arena: room for a whole line */
	if (l->arena_len + LINE_BUF + 2 > l->arena_cap) {
		while (l->arena_len + LINE_BUF + 2 > l->arena_cap)
			l->arena_cap *= 2;
		l->arena = g_realloc(l->arena, l->arena_cap);
	}
	at = (guint32)l->arena_len;
	dig = l->arena + at;
	dig[0] = '0';
	for (i = 0; i < max && (unsigned char)s[i] > ' '; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((unsigned)(c - '0') < 10u) {
			dig[j] = (char)c;
			continue;
		}
		if (c == '/') {
			l->prev_len = MIN(plen, j);
			return 0;
		}
		if (j < plen && l->prev_key[j] == (char)c)
			node = l->prev_node[j];
		else {
			plen = 0;        /* off the previous path from here */
			if (node != NONE)
				node = add_child(l, node, c);
			l->prev_key[j] = (char)c;
			l->prev_node[j] = node;
		}
		dig[++j] = '0';
	}
	l->prev_len = node == NONE ? 0 : j;
	if (i < max && s[i] == '\n')
		n = i + 1;
	else {
		const char *nl = memchr(s + i, '\n', max - i);

		n = nl ? (gsize)(nl - s) + 1 : max;
		if (memchr(s + i, '/', n - i))
			return 0;
	}
	if (node == NONE)
		return n;
	dig[j + 1] = '\0';
	while (dig[skip] == '0')
		skip++;
	l->arena_len += j + 2;
	if (l->npat == l->pat_cap) {
		l->pat_cap *= 2;
		l->pat = g_renew(struct pat, l->pat, l->pat_cap);
	}
	p = &l->pat[l->npat++];
	p->ndigits = (guint8)(j + 1 - skip);
	p->digits = at + skip;
	p->repl = 0;
	p->replindex = 0;
	p->replcut = (gint8)j;
	l->node_pat[node] = l->npat;
	return n;
}

/* Bytes that fgets(buf, size) would read at data[pos]: up to and with the
 * newline, at most size - 1. */
static gsize
line_at(const char *data, gsize len, gsize pos, gsize size)
{
	gsize max = MIN(len - pos, size - 1);
	const char *nl = memchr(data + pos, '\n', max);

	return nl ? (gsize)(nl - (data + pos)) + 1 : max;
}

/* Reads lines into l from *pos until NEXTLEVEL (returns 1) or the end;
 * over-long lines come in pieces of LINE_BUF - 1 bytes. */
static int
load_level(struct level *l, const char *data, gsize len, gsize *pos)
{
	char buf[LINE_BUF];

	while (*pos < len) {
		const char *s = data + *pos;
		gsize n;

		if (s[0] != '%' && s[0] != 'L' && s[0] != 'R' && s[0] != 'C' && s[0] != 'N' &&
		    (n = load_plain(l, s, MIN(len - *pos, LINE_BUF - 1))) != 0) {
			*pos += n;
			continue;
		}
		n = line_at(data, len, *pos, LINE_BUF);
		*pos += n;
		if (s[0] == '%')
			continue;
		memcpy(buf, s, n);
		buf[n] = '\0';
		if (strncmp(buf, "NEXTLEVEL", 9) == 0)
			return 1;
		if (buf[0] != '%')
			load_line(l, buf);
	}
	return 0;
}

static void
load_string(struct level *l, const char *s)
{
	char buf[LINE_BUF];

	g_strlcpy(buf, s, sizeof buf);
	load_line(l, buf);
}

struct pat_dict *
pat_load(const char *path, char **why)
{
	struct pat_dict *d;
	GError *err = NULL;
	gchar *data;
	gsize len, pos = 0, n;
	int i;

	if (!g_file_get_contents(path, &data, &len, &err)) {
		if (why)
			*why = g_strdup(err->message);
		g_error_free(err);
		return NULL;
	}
	d = g_new0(struct pat_dict, 1);
	if (len > 0) {
		n = line_at(data, len, 0, CSET_BUF);
		memcpy(d->cset, data, n);
		for (i = 0; i < CSET_BUF; i++)
			if (d->cset[i] == '\r' || d->cset[i] == '\n')
				d->cset[i] = '\0';
		pos = n;
	}
	d->utf8 = strcmp(d->cset, "UTF-8") == 0;
	level_init(&d->lev[0], d->utf8, len);
	if (load_level(&d->lev[0], data, len, &pos)) {
		level_init(&d->lev[1], d->utf8, len - pos);
		load_level(&d->lev[1], data, len, &pos);
		d->lev[0].next = &d->lev[1];
		d->top = &d->lev[0];
		d->lev[0].repl = d->lev[1].repl = d->lev[0].repl | d->lev[1].repl;
	} else {
		/* the default first level: parts joined by hyphens, apostrophes */
		struct level *t = &d->lev[1], *p = &d->lev[0];

		level_init(t, d->utf8, 0);
		if (d->utf8) {
			load_string(t, "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n");
		} else
			load_string(t, "NOHYPHEN ',-\n");
		load_string(t, "1-1\n");
		load_string(t, "1'1\n");
		if (d->utf8) {
			load_string(t, "1\xe2\x80\x93" "1\n");
			load_string(t, "1\xe2\x80\x99" "1\n");
		}
		t->next = p;
		t->repl = p->repl;
		t->lhmin = p->lhmin;
		t->rhmin = p->rhmin;
		t->clhmin = p->clhmin ? p->clhmin : p->lhmin ? p->lhmin : 3;
		t->crhmin = p->crhmin ? p->crhmin : p->rhmin ? p->rhmin : 3;
		d->top = t;
	}
	g_free(data);
	return d;
}

void
pat_free(struct pat_dict *d)
{
	if (d == NULL)
		return;
	level_clear(&d->lev[0]);
	level_clear(&d->lev[1]);
	g_free(d);
}

const char *
pat_charset(const struct pat_dict *d)
{
	return d->cset;
}

int
pat_utf8(const struct pat_dict *d)
{
	return d->utf8;
}

/* ------------------------------------------------------------ hyphenating */

static int
ligature(unsigned char c)        /* extra characters of U+FB00…U+FB06 */
{
	return c == 0x83 || c == 0x84;
}

static int
is_ligature(const char *s)
{
	return (unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xac;
}

/* Characters in the first n bytes of s (a ligature counts as its letters). */
static int
chars_in(const char *s, int n, int utf8)
{
	int c = 0, j = 0;

	while (j < n && s[j] != '\0') {
		c++;
		if (utf8 && is_ligature(s + j))
			c += ligature(s[j + 2]);
		for (j++; utf8 && (s[j] & 0xc0) == 0x80; j++)
			;
	}
	return c;
}

static void
reps_alloc(struct reps *r, int n)
{
	r->size = n + 128;
	r->rep = g_new0(const char *, r->size);
	r->pos = g_new0(int, r->size);
	r->cut = g_new0(int, r->size);
}

static void
reps_free(struct reps *r)
{
	g_free(r->rep);
	g_free(r->pos);
	g_free(r->cut);
}

/* No break in the first min characters (a non-standard break stays when
 * its new spelling is long enough). */
static void
cut_left(int utf8, const char *w, char *h, struct reps *r, int min)
{
	int count = 1, j;

	if (utf8 && is_ligature(w))
		count += ligature(w[2]);
	for (j = 0; is_digit(w[j]); j++)
		count--;
	for (j = 0; count < min && w[j] != '\0'; count++) {
		do {
			if (r->rep && r->rep[j]) {
				const char *eq = strchr(r->rep[j], '=');

				if (eq && chars_in(w, j - r->pos[j] + 1, utf8) +
				          chars_in(r->rep[j], (int)(eq - r->rep[j]), utf8) < min) {
					r->rep[j] = NULL;
					h[j] = '0';
				}
			} else
				h[j] = '0';
			j++;
			if (utf8 && is_ligature(w + j))
				count += ligature(w[j + 2]);
		} while (utf8 && (w[j] & 0xc0) == 0x80);
	}
}

/* No break in the last min characters. */
static void
cut_right(int utf8, const char *w, int n, char *h, struct reps *r, int min)
{
	int count = 0, j;

	for (j = n - 1; j > 0 && is_digit(w[j]); j--)
		count--;
	for (j = n - 1; count < min && j > 0; j--) {
		if (r->rep && r->rep[j]) {
			const char *eq = strchr(r->rep[j], '=');

			/* what follows the replaced part: libhyphen reads on
			 * past the word's end when the part reaches it (into
			 * the whole word for a compound part), so w is
			 * followed by the rest of its buffer and PAD zeros */
			int after = j - r->pos[j] + r->cut[j] + 1;

			if (eq && (after >= 0 && after < n + PAD / 2 ? chars_in(w + after, 100, utf8) : 0) +
			          chars_in(eq + 1, (int)strlen(eq + 1), utf8) < min) {
				r->rep[j] = NULL;
				h[j] = '0';
			}
		} else
			h[j] = '0';
		if (!utf8 || (w[j] & 0xc0) == 0xc0 || (w[j] & 0x80) != 0x80)
			count++;
	}
}

/* The patterns of l on word w (n bytes, NUL after them) into h[0..n]:
 * h[i] is the digit after byte i ('0'..'9'; h[n - 1] = '0', h[n] = NUL).
 * Then, in a compound level, each part is hyphenated by the next level
 * (lend/rend: 1 when the part begins/ends the whole word, else the
 * compound minimums clh/crh apply there). */
static void
hyph(const struct level *l, const char *w, int n, char *h, struct reps *r, int clh, int crh,
     int lend, int rend)
{
	char prep_s[SMALL + 3 + PAD], h2_s[SMALL + 131];
	guint32 best_s[SMALL + 3];
	int mcut_s[SMALL + 3], mindex_s[SMALL + 3];
	const char *mrepl_s[SMALL + 3];
	char *prep = prep_s, *h2 = h2_s;
	guint32 *best = best_s;
	int *mcut = mcut_s, *mindex = mindex_s;
	const char **mrepl = mrepl_s;
	void *heap = NULL;
	int m = n + 2, psize = n + 3, i, k, e, any_repl = 0;

	if (n > SMALL) {
		gsize sz = (gsize)psize * (1 + sizeof(guint32) + 2 * sizeof(int) + sizeof(char *)) +
		           PAD + (gsize)n + 131;
		char *p = heap = g_malloc(sz);

		mrepl = (const char **)p;
		p += sizeof(char *) * psize;
		best = (guint32 *)p;
		p += sizeof(guint32) * psize;
		mcut = (int *)p;
		p += sizeof(int) * psize;
		mindex = (int *)p;
		p += sizeof(int) * psize;
		prep = p;
		p += psize + PAD;
		h2 = p;
	}
	/* the word framed by '.', digits as boundaries */
	prep[0] = '.';
	for (i = 0; i < n; i++)
		prep[i + 1] = is_digit(w[i]) ? '.' : w[i];
	prep[n + 1] = '.';
	prep[n + 2] = '\0';
	if (l->repl)
		memset(prep + psize, 0, PAD);
	for (i = 0; i < m; i++) {
		h[i] = '0';
		best[i] = NONE;
		mindex[i] = -1;
		mrepl[i] = NULL;
		mcut[i] = 0;
	}
	/* best[e]: the longest trie node that ends at e (nodes reached from a
	 * smaller start are longer, so the first one found is kept) */
	for (i = 0; i < m; i++) {
		guint32 node = 0;

		for (e = i; e < m; e++) {
			node = child(l, node, (unsigned char)prep[e]);
			if (node == NONE)
				break;
			if (best[e] == NONE)
				best[e] = node;
		}
	}
	for (e = 0; e < m; e++) {
		const struct pat *p;
		const char *dig, *repl;
		int off;

		if (best[e] == NONE || l->node_pat[best[e]] == 0)
			continue;
		p = &l->pat[l->node_pat[best[e]] - 1];
		dig = l->arena + p->digits;
		repl = p->repl ? l->arena + p->repl - 1 : NULL;
		off = e + 1 - p->ndigits;
		if (repl) {
			if (!any_repl) {
				for (i = 0; i < n; i++) {
					mrepl[i] = NULL;
					mindex[i] = -1;
				}
				any_repl = n;
			}
			if (off + p->replindex >= 0 && off + p->replindex < psize)
				mcut[off + p->replindex] = p->replcut;
		}
		for (k = off < 0 ? -off : 0; k < p->ndigits; k++) {
			if (h[off + k] >= dig[k])
				continue;
			h[off + k] = dig[k];
			if (!(dig[k] & 1))
				continue;
			mrepl[off + k] = repl;
			if (repl && k >= p->replindex && k <= p->replindex + p->replcut &&
			    off + p->replindex >= 0 && off + p->replindex < psize)
				mindex[off + p->replindex] = off + k;
		}
	}
	/* h[i]: after byte i of the word, not of prep */
	for (i = 0; i < n - 1; i++)
		h[i] = h[i + 1];
	for (; i < n; i++)
		h[i] = '0';
	h[n] = '\0';
	if (any_repl) {
		for (i = 0; i < n; i++) {
			int at = mindex[i];

			if (at < 0 || mrepl[at] == NULL)
				continue;
			if (at - 1 >= 0 && at - 1 < n) {
				if (r->rep == NULL)
					reps_alloc(r, n);
				r->rep[at - 1] = mrepl[at];
				r->pos[at - 1] = at - i;
				r->cut[at - 1] = mcut[i];
			}
			i += MAX(mcut[i], 1) - 1;
		}
	}
	if (l->next) {
		const char *rep2_s[SMALL + 131];
		int pos2_s[SMALL + 131], cut2_s[SMALL + 131];
		struct reps r2 = { rep2_s, pos2_s, cut2_s, SMALL + 131 };
		int begin = 0;

		if (n > SMALL)
			reps_alloc(&r2, n);
		memset(r2.rep, 0, sizeof(char *) * r2.size);
		memset(r2.pos, 0, sizeof(int) * r2.size);
		memset(r2.cut, 0, sizeof(int) * r2.size);
		for (i = 0; i < n; i++) {
			int grow = 0;

			if (!((h[i] & 1) || (begin > 0 && i + 1 == n)))
				continue;
			if (i - begin > 0) {
				prep[i + 2] = '\0';
				/* a non-standard break at the joint (Schiff-fahrt):
				 * the part ends with the new spelling */
				if (r->rep && r->rep[i]) {
					const char *eq = strchr(r->rep[i], '=');
					int at = 2 + i - r->pos[i];

					if (at >= 0 && at < psize) {
						strncpy(prep + at, r->rep[i], psize - at - 1);
						prep[psize - 1] = '\0';
						if (eq) {
							grow = (int)(eq - r->rep[i]) - r->pos[i];
							if (2 + i + grow >= 0 && 2 + i + grow < psize)
								prep[2 + i + grow] = '\0';
						}
					}
				}
				/* a replacement that would leave no part, or a part
				 * longer than the word (only a malformed dictionary
				 * can say so): the part as written */
				if (i - begin + 1 + grow < 1 || i - begin + 1 + grow >= n)
					grow = 0;
				hyph(l, prep + begin + 1, i - begin + 1 + grow, h2, &r2, clh, crh,
				     begin > 0 ? 0 : lend, (h[i] & 1) ? 0 : rend);
				/* the part's last gap but one keeps the first
				 * level's (even) digit: libhyphen 2.8.8 never
				 * breaks a compound part before its last byte */
				for (k = 0; k < i - begin - 1; k++) {
					h[begin + k] = h2[k];
					if (r2.rep[k]) {
						if (r->rep == NULL)
							reps_alloc(r, n);
						r->rep[begin + k] = r2.rep[k];
						r->pos[begin + k] = r2.pos[k];
						r->cut[begin + k] = r2.cut[k];
					}
				}
				prep[i + 2] = w[i + 1];
				if (r->rep && r->rep[i]) {
					strncpy(prep + 1, w, psize - 2);
					prep[psize - 1] = '\0';
				}
			}
			begin = i + 1;
			memset(r2.rep, 0, sizeof(char *) * r2.size);
		}
		if (n > SMALL)
			reps_free(&r2);
		if (begin == 0) {
			/* not a compound: the next level hyphenates the whole */
			hyph(l->next, w, n, h, r, clh, crh, lend, rend);
			if (!lend)
				cut_left(l->utf8, w, h, r, clh);
			if (!rend)
				cut_right(l->utf8, w, n, h, r, crh);
		}
	}
	g_free(heap);
}

int
pat_hyphenate(const struct pat_dict *d, const char *word, int len, int lhmin, int rhmin,
              char *brk, char *nonstd)
{
	const struct level *t = d->top;
	struct reps r = { NULL, NULL, NULL, 0 };
	char w_s[SMALL + 1 + PAD], h_s[SMALL + 5], *w = w_s, *h = h_s;
	int lh = MAX(lhmin, t->lhmin), rh = MAX(rhmin, t->rhmin), i, j, k, ret = 0;

	if (len > SMALL) {
		w = g_malloc(len + 1 + PAD);
		h = g_malloc(len + 5);
	}
	memcpy(w, word, len);
	w[len] = '\0';
	if (t->repl)
		memset(w + len + 1, 0, PAD);
	hyph(t, w, len, h, &r, MAX(0, t->clhmin), MAX(0, t->crhmin), 1, 1);
	cut_left(d->utf8, w, h, &r, lh > 0 ? lh : 2);
	cut_right(d->utf8, w, len, h, &r, rh > 0 ? rh : 2);
	/* NOHYPHEN: no break just before or at the end of these strings */
	{
		const char *s = t->nohyphen;

		for (k = 0; k < t->nnohyphen; k++, s += strlen(s) + 1) {
			const char *at;
			size_t sl = strlen(s);

			if (sl == 0)
				continue;
			for (at = strstr(w, s); at; at = strstr(at + 1, s)) {
				h[at - w + sl - 1] = '\0';
				if (at - w - 1 >= 0)
					h[at - w - 1] = '\0';
			}
		}
	}
	memset(brk, 0, len);
	memset(nonstd, 0, len);
	if (d->utf8) {
		/* byte positions → character positions: a character's value is
		 * that of its last byte */
		if (len > 0 && ((unsigned char)w[0] >> 6) == 2) {
			ret = 1;
			goto out;
		}
		for (i = 0, j = -1; i < len; i++) {
			if (((unsigned char)w[i] >> 6) != 2)
				j++;
			h[j] = h[i];
			if (r.rep) {
				r.rep[j] = r.rep[i];
				if (j < i)
					r.rep[i] = NULL;
			}
		}
		len = j + 1;
	}
	for (i = 0; i < len; i++) {
		brk[i] = h[i] & 1;
		nonstd[i] = r.rep && r.rep[i] != NULL;
	}
out:
	reps_free(&r);
	if (w != w_s) {
		g_free(w);
		g_free(h);
	}
	return ret;
}
