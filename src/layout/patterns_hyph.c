/* patterns_hyph.c — layout stage: hyphenating a word with a loaded
 * pattern dictionary (patterns.c loads it; patterns.c's first comment says
 * which of libhyphen 2.8.8's behaviours are reproduced and why).  For a word:
 * the longest trie node ending at each gap, the highest digit of the
 * patterns found, the non-standard breaks that won, then, in a two-level
 * dictionary, each compound part by the next level; the hyphenmins and
 * NOHYPHEN last. */
#include <glib.h>
#include <string.h>

#include "layout/patterns_int.h"

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

/* The scratch of one hyph() call: on the stack for words up to SMALL
 * bytes, else one heap block.  prep is the word framed by '.' (digits as
 * boundaries); best[e] the longest trie node ending at e; for non-standard
 * patterns, mrepl/mindex/mcut say which replacement covers which gap; h2
 * the digits of a compound's part. */
struct scratch {
	char prep_s[SMALL + 3 + PAD], h2_s[SMALL + 131];
	guint32 best_s[SMALL + 3];
	int mcut_s[SMALL + 3], mindex_s[SMALL + 3];
	const char *mrepl_s[SMALL + 3];
	char *prep, *h2;
	guint32 *best;
	int *mcut, *mindex;
	const char **mrepl;
	void *heap;
	int n, m, psize;         /* word bytes; n + 2 framed; n + 3 with NUL */
};

static void
scratch_init(struct scratch *s, int n)
{
	s->n = n;
	s->m = n + 2;
	s->psize = n + 3;
	s->prep = s->prep_s;
	s->h2 = s->h2_s;
	s->best = s->best_s;
	s->mcut = s->mcut_s;
	s->mindex = s->mindex_s;
	s->mrepl = s->mrepl_s;
	s->heap = NULL;
	if (n > SMALL) {
		int psize = s->psize;
		gsize sz = (gsize)psize * (1 + sizeof(guint32) + 2 * sizeof(int) + sizeof(char *)) +
		           PAD + (gsize)n + 131;
		char *p = s->heap = g_malloc(sz);

		s->mrepl = (const char **)p;
		p += sizeof(char *) * psize;
		s->best = (guint32 *)p;
		p += sizeof(guint32) * psize;
		s->mcut = (int *)p;
		p += sizeof(int) * psize;
		s->mindex = (int *)p;
		p += sizeof(int) * psize;
		s->prep = p;
		p += psize + PAD;
		s->h2 = p;
	}
}

/* The word framed by '.', digits as boundaries; h and the match arrays
 * cleared. */
static void
frame_word(const struct level *l, struct scratch *s, const char *w, char *h)
{
	int n = s->n, i;

	s->prep[0] = '.';
	for (i = 0; i < n; i++)
		s->prep[i + 1] = is_digit(w[i]) ? '.' : w[i];
	s->prep[n + 1] = '.';
	s->prep[n + 2] = '\0';
	if (l->repl)
		memset(s->prep + s->psize, 0, PAD);
	for (i = 0; i < s->m; i++) {
		h[i] = '0';
		s->best[i] = NONE;
		s->mindex[i] = -1;
		s->mrepl[i] = NULL;
		s->mcut[i] = 0;
	}
}

/* best[e]: the longest trie node that ends at e (nodes reached from a
 * smaller start are longer, so the first one found is kept). */
static void
longest_nodes(const struct level *l, struct scratch *s)
{
	int i, e;

	for (i = 0; i < s->m; i++) {
		guint32 node = 0;

		for (e = i; e < s->m; e++) {
			node = child(l, node, (unsigned char)s->prep[e]);
			if (node == NONE)
				break;
			if (s->best[e] == NONE)
				s->best[e] = node;
		}
	}
}

/* The digits of pattern p, which ends at e of prep, into h (the highest
 * wins); a non-standard pattern's replacement onto the gaps it covers.
 * Returns 1 when p is non-standard. */
static int
apply_pattern(const struct level *l, const struct pat *p, int e, struct scratch *s, char *h,
              int any_repl)
{
	const char *dig = l->arena + p->digits;
	const char *repl = p->repl ? l->arena + p->repl - 1 : NULL;
	int off = e + 1 - p->ndigits, psize = s->psize, i, k;

	if (repl) {
		if (!any_repl) {
			for (i = 0; i < s->n; i++) {
				s->mrepl[i] = NULL;
				s->mindex[i] = -1;
			}
		}
		if (off + p->replindex >= 0 && off + p->replindex < psize)
			s->mcut[off + p->replindex] = p->replcut;
	}
	for (k = off < 0 ? -off : 0; k < p->ndigits; k++) {
		if (h[off + k] >= dig[k])
			continue;
		h[off + k] = dig[k];
		if (!(dig[k] & 1))
			continue;
		s->mrepl[off + k] = repl;
		if (repl && k >= p->replindex && k <= p->replindex + p->replcut &&
		    off + p->replindex >= 0 && off + p->replindex < psize)
			s->mindex[off + p->replindex] = off + k;
	}
	return repl != NULL;
}

/* Every pattern found into h (still indexed by prep's bytes); 1 when a
 * non-standard one was among them. */
static int
apply_patterns(const struct level *l, struct scratch *s, char *h)
{
	int e, any_repl = 0;

	for (e = 0; e < s->m; e++) {
		if (s->best[e] == NONE || l->node_pat[s->best[e]] == 0)
			continue;
		if (apply_pattern(l, &l->pat[l->node_pat[s->best[e]] - 1], e, s, h, any_repl))
			any_repl = 1;
	}
	return any_repl;
}

/* The non-standard breaks that won their gaps, into r. */
static void
keep_nonstandard(const struct scratch *s, struct reps *r)
{
	int n = s->n, i;

	for (i = 0; i < n; i++) {
		int at = s->mindex[i];

		if (at < 0 || s->mrepl[at] == NULL)
			continue;
		if (at - 1 >= 0 && at - 1 < n) {
			if (r->rep == NULL)
				reps_alloc(r, n);
			r->rep[at - 1] = s->mrepl[at];
			r->pos[at - 1] = at - i;
			r->cut[at - 1] = s->mcut[i];
		}
		i += MAX(s->mcut[i], 1) - 1;
	}
}

static void hyph(const struct level *l, const char *w, int n, char *h, struct reps *r, int clh,
                 int crh, int lend, int rend);

/* A non-standard break at the joint after byte i (Schiff-fahrt): the part
 * in prep ends with the new spelling.  Returns how many bytes longer the
 * part became. */
static int
respell_joint(struct scratch *s, const struct reps *r, int i)
{
	const char *eq = strchr(r->rep[i], '=');
	int at = 2 + i - r->pos[i], psize = s->psize, grow = 0;

	if (at >= 0 && at < psize) {
		strncpy(s->prep + at, r->rep[i], psize - at - 1);
		s->prep[psize - 1] = '\0';
		if (eq) {
			grow = (int)(eq - r->rep[i]) - r->pos[i];
			if (2 + i + grow >= 0 && 2 + i + grow < psize)
				s->prep[2 + i + grow] = '\0';
		}
	}
	return grow;
}

/* The part of w from begin to i (a compound's part: the first level breaks
 * after i, or i ends the word) hyphenated by the next level, into h and r.
 * r2 is the part's scratch for non-standard breaks. */
static void
hyph_part(const struct level *l, const char *w, char *h, struct reps *r, struct scratch *s,
          struct reps *r2, int begin, int i, int clh, int crh, int lend, int rend)
{
	int n = s->n, grow = 0, k;

	s->prep[i + 2] = '\0';
	if (r->rep && r->rep[i])
		grow = respell_joint(s, r, i);
	/* a replacement that would leave no part, or a part longer than the
	 * word (only a malformed dictionary can say so): the part as written */
	if (i - begin + 1 + grow < 1 || i - begin + 1 + grow >= n)
		grow = 0;
	hyph(l, s->prep + begin + 1, i - begin + 1 + grow, s->h2, r2, clh, crh,
	     begin > 0 ? 0 : lend, (h[i] & 1) ? 0 : rend);
	/* the part's last gap but one keeps the first level's (even) digit:
	 * libhyphen 2.8.8 never breaks a compound part before its last byte */
	for (k = 0; k < i - begin - 1; k++) {
		h[begin + k] = s->h2[k];
		if (r2->rep[k]) {
			if (r->rep == NULL)
				reps_alloc(r, n);
			r->rep[begin + k] = r2->rep[k];
			r->pos[begin + k] = r2->pos[k];
			r->cut[begin + k] = r2->cut[k];
		}
	}
	s->prep[i + 2] = w[i + 1];
	if (r->rep && r->rep[i]) {
		strncpy(s->prep + 1, w, s->psize - 2);
		s->prep[s->psize - 1] = '\0';
	}
}

/* A compound level's second step: each part between the first level's
 * breaks is hyphenated by the next level; a word with no such break, whole,
 * with the compound minimums where it is itself a part. */
static void
hyph_compound(const struct level *l, const char *w, char *h, struct reps *r, struct scratch *s,
              int clh, int crh, int lend, int rend)
{
	const char *rep2_s[SMALL + 131];
	int pos2_s[SMALL + 131], cut2_s[SMALL + 131];
	struct reps r2 = { rep2_s, pos2_s, cut2_s, SMALL + 131 };
	int n = s->n, begin = 0, i;

	if (n > SMALL)
		reps_alloc(&r2, n);
	memset(r2.rep, 0, sizeof(char *) * r2.size);
	memset(r2.pos, 0, sizeof(int) * r2.size);
	memset(r2.cut, 0, sizeof(int) * r2.size);
	for (i = 0; i < n; i++) {
		if (!((h[i] & 1) || (begin > 0 && i + 1 == n)))
			continue;
		if (i - begin > 0)
			hyph_part(l, w, h, r, s, &r2, begin, i, clh, crh, lend, rend);
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

/* The patterns of l on word w (n bytes, NUL after them) into h[0..n]:
 * h[i] is the digit after byte i ('0'..'9'; h[n - 1] = '0', h[n] = NUL).
 * Then, in a compound level, each part is hyphenated by the next level
 * (lend/rend: 1 when the part begins/ends the whole word, else the
 * compound minimums clh/crh apply there). */
static void
hyph(const struct level *l, const char *w, int n, char *h, struct reps *r, int clh, int crh,
     int lend, int rend)
{
	struct scratch s;
	int any_repl, i;

	scratch_init(&s, n);
	frame_word(l, &s, w, h);
	longest_nodes(l, &s);
	any_repl = apply_patterns(l, &s, h);
	/* h[i]: after byte i of the word, not of prep */
	for (i = 0; i < n - 1; i++)
		h[i] = h[i + 1];
	for (; i < n; i++)
		h[i] = '0';
	h[n] = '\0';
	if (any_repl)
		keep_nonstandard(&s, r);
	if (l->next)
		hyph_compound(l, w, h, r, &s, clh, crh, lend, rend);
	g_free(s.heap);
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
