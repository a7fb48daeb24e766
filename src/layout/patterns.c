/* patterns.c — layout stage: warta's own hyphenation engine, its loader.
 * Reads a dictionary in libhyphen's .dic format (Debian's /usr/share/hyphen)
 * in one go into a pattern trie (patterns_int.h); patterns_hyph.c writes,
 * for a word, where it may break: the points libhyphen 2.8.8 gives. */

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

#include "layout/patterns_int.h"

/* ------------------------------------------------------------ the trie */

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
