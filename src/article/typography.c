/* typography.c — smart typography of the article layer: in a text, the
 * language's dashes (" - " between words, "--", "---", en dashes in number
 * ranges), ellipses and the no-break spaces French wants before ; : ! ? and
 * inside guillemets; URL-like words and spaced Indonesian reduplications
 * ("negara - negara") stay as written.  Keeps each text's source map
 * (ar_run) byte for byte.  quotes.c calls it for every text node after it
 * has set the quotation marks.  Linear in the text. */
#include <string.h>

#include "article/reader.h"

#define NNBSP "\xE2\x80\xAF"   /* U+202F narrow no-break space */
#define NBSP "\xC2\xA0"

/* "://" in s[0, n) (a word: no NUL in it). */
static int
scheme_sep(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while (p < end && (p = memchr(p, ':', (size_t)(end - p))) && end - p >= 3) {
		if (p[1] == '/' && p[2] == '/')
			return 1;
		p++;
	}
	return 0;
}

static int
url_like(const char *s, size_t n)
{
	const char *at;

	if (scheme_sep(s, n) ||
	    (n > 4 && (s[0] == 'w' || s[0] == 'W') && g_ascii_strncasecmp(s, "www.", 4) == 0))
		return 1;
	at = memchr(s, '@', n);
	return at && memchr(at, '.', n - (size_t)(at - s)) && at > s;
}

/* "1950-1953", "(10-12)": a range of two plain numbers. */
static int
number_range(const char *s, size_t n, size_t *hyph)
{
	size_t i = 0, a, b;

	while (i < n && (s[i] == '(' || s[i] == '['))
		i++;
	a = i;
	while (i < n && g_ascii_isdigit(s[i]))
		i++;
	if (i == a || i - a > 4 || i >= n || s[i] != '-')
		return 0;
	*hyph = i++;
	b = i;
	while (i < n && g_ascii_isdigit(s[i]))
		i++;
	if (i == b || i - b > 4)
		return 0;
	while (i < n && strchr(").],;:!?", s[i]))
		i++;
	return i == n;
}

/* The word before " - " at i equals the word after it. */
static int
reduplication(const char *s, size_t n, size_t i)
{
	size_t a = i - 1, b = i + 2, as, be;

	as = a;
	while (as > 0 && s[as - 1] != ' ' && s[as - 1] != '\t')
		as--;
	be = b;
	while (be < n && s[be] != ' ' && s[be] != '\t' && !strchr(",.;:!?)", s[be]))
		be++;
	return a > as && be > b && a - as == be - b && g_ascii_strncasecmp(s + as, s + b, a - as) == 0;
}

/* The output: bytes copied from the input wait as one range, grown while
 * the copies follow each other, and go out together (the text appended
 * and the source map extended once, not byte by byte) when something else
 * is written or the text ends. */
struct out {
	GString *s;
	struct ar_run *offs;       /* may be NULL */
	const struct ar_run *in;   /* the input's run; NULL when offs is */
	const char *src;           /* the input */
	size_t from, to;           /* the copy waiting: src[from, to) */
};

static void
flush(struct out *o)
{
	if (o->to > o->from) {
		g_string_append_len(o->s, o->src + o->from, (gssize)(o->to - o->from));
		if (o->offs)
			ar_run_append_part(o->offs, o->in, o->from, o->to);
	}
	o->from = o->to = 0;
}

static void
emit(struct out *o, const char *bytes, size_t n, size_t src_index)
{
	size_t k;

	flush(o);
	g_string_append_len(o->s, bytes, (gssize)n);
	if (o->offs) {
		size_t v = ar_run_off(o->in, src_index);

		for (k = 0; k < n; k++)
			ar_run_push(o->offs, v);
	}
}

/* Copies s[from, from + n) (s is o->src). */
static void
emit_copy(struct out *o, const char *s, size_t from, size_t n)
{
	(void)s;
	if (n == 0)
		return;
	if (o->to != from || o->to == o->from) {
		flush(o);
		o->from = from;
	}
	o->to = from + n;
}

static int
is_space_at(const char *s, size_t i, size_t n)
{
	return i < n && (s[i] == ' ' || s[i] == '\t');
}

/* A space at s[i]: French wants no-break spaces before ; ! ? : and inside
 * guillemets; any other is copied. */
static void
space_out(struct out *o, const char *s, size_t i, size_t n, int fr)
{
	if (fr && i + 1 < n && strchr(";!?", s[i + 1]))
		emit(o, NNBSP, 3, i);
	else if (fr && i + 1 < n && s[i + 1] == ':')
		emit(o, NBSP, 2, i);
	else if (fr && (g_str_has_prefix(s + i + 1, "\xC2\xBB") ||
	               (i >= 2 && s[i - 2] == '\xC2' && s[i - 1] == '\xAB')))
		emit(o, NNBSP, 3, i);
	else
		emit_copy(o, s, i, 1);
}

/* A dash written with hyphens at s[i] (the word ends at t): " - ", "---",
 * "--".  Returns the bytes read, 0 when there is none. */
static size_t
dash_at(struct out *o, const char *s, size_t i, size_t t, size_t n)
{
	if (s[i] != '-')
		return 0;
	if (t - i == 1 && i > 0 && is_space_at(s, i - 1, n) && is_space_at(s, i + 1, n) && i + 2 < n) {
		/* " - " between words: em dash; between numbers: en dash;
		 * between a word and itself ("negara - negara", a spaced
		 * Indonesian reduplication): the hyphen stays */
		int digits = i >= 2 && g_ascii_isdigit(s[i - 2]) && g_ascii_isdigit(s[i + 2]);

		if (reduplication(s, n, i))
			emit_copy(o, s, i, 1);
		else
			emit(o, digits ? "\xE2\x80\x93" : "\xE2\x80\x94", 3, i);
		return 1;
	}
	if (i + 2 < t && s[i + 1] == '-' && s[i + 2] == '-' && (i + 3 >= t || s[i + 3] != '-')) {
		emit(o, "\xE2\x80\x94", 3, i);
		return 3;
	}
	if (i + 1 < t && s[i + 1] == '-' && (i + 2 >= t || (s[i + 2] != '-' && s[i + 2] != '>')) &&
	    (i == 0 || s[i - 1] != '-')) {
		emit(o, "\xE2\x80\x94", 3, i);
		return 2;
	}
	return 0;
}

/* French ; : ! ? written against the word: the no-break space it wants
 * goes before it (not in "12:30", not before more punctuation). */
static int
french_punct_at(const char *s, size_t i, size_t n)
{
	return strchr(";:!?", s[i]) && i > 0 && s[i - 1] != ' ' && !strchr(";:!?", s[i - 1]) &&
	       !(s[i] == ':' && i + 1 < n && g_ascii_isdigit(s[i + 1])) &&
	       (i + 1 >= n || strchr(" \t;:!?.)", s[i + 1]) || (unsigned char)s[i + 1] >= 0x80);
}

/* s[i] inside a word that ends at t: a dash, an ellipsis, French
 * punctuation, or the byte as written.  Returns the bytes read. */
static size_t
word_char(struct out *o, const char *s, size_t i, size_t t, size_t n, int fr)
{
	size_t k = dash_at(o, s, i, t, n);

	if (k)
		return k;
	if (s[i] == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.' &&
	    (i + 3 >= n || s[i + 3] != '.') && (i == 0 || s[i - 1] != '.')) {
		emit(o, "\xE2\x80\xA6", 3, i);
		return 3;
	}
	if (fr && french_punct_at(s, i, n)) {
		/* French: the no-break space the punctuation wants, added */
		if (s[i] == ':')
			emit(o, NBSP, 2, i);
		else
			emit(o, NNBSP, 3, i);
	}
	emit_copy(o, s, i, 1);
	return 1;
}

/* What typeset looks for in a word, by byte. */
enum { C_SPACE = 1, C_COLON = 2, C_AT = 4, C_HYPHEN = 8, C_DOT = 16, C_FR = 32 };
static const unsigned char byte_class[256] = {
	[' '] = C_SPACE, ['\t'] = C_SPACE, [':'] = C_COLON | C_FR, ['@'] = C_AT,
	['-'] = C_HYPHEN, ['.'] = C_DOT, [';'] = C_FR, ['!'] = C_FR, ['?'] = C_FR,
};

/* Rewrites s (n bytes, source map o->in) into o with the typography of lang. */
static void
typeset(struct out *o, const char *s, size_t n, const char *lang)
{
	int fr = warta_lang_is(lang, "fr");
	size_t i = 0;

	o->src = s;
	o->from = o->to = 0;

	while (i < n) {
		size_t t = i, hyph;
		unsigned has = 0;

		if (s[i] == ' ' || s[i] == '\t') {
			space_out(o, s, i, n, fr);
			i++;
			continue;
		}
		/* a word: up to the next space, and which bytes that matter
		 * below it has */
		for (; t < n; t++) {
			unsigned k = byte_class[(unsigned char)s[t]];

			if (k & C_SPACE)
				break;
			has |= k;
		}
		/* a URL has "://", starts with "www." or has an '@' */
		if ((has & (C_COLON | C_AT) || s[i] == 'w' || s[i] == 'W') && url_like(s + i, t - i)) {
			emit_copy(o, s, i, t - i);
			i = t;
			continue;
		}
		if (!(has & (C_HYPHEN | C_DOT | (fr ? C_FR : 0)))) {
			emit_copy(o, s, i, t - i);   /* nothing to change */
			i = t;
			continue;
		}
		if ((has & C_HYPHEN) && number_range(s + i, t - i, &hyph)) {
			emit_copy(o, s, i, hyph);
			emit(o, "\xE2\x80\x93", 3, i + hyph);
			emit_copy(o, s, i + hyph + 1, t - i - hyph - 1);
			i = t;
			continue;
		}
		while (i < t) {
			size_t j = i;

			/* the bytes word_char would copy as they are, at once */
			while (j < t && s[j] != '-' && s[j] != '.' &&
			       !(fr && (s[j] == ';' || s[j] == ':' || s[j] == '!' || s[j] == '?')))
				j++;
			if (j > i) {
				emit_copy(o, s, i, j - i);
				i = j;
			} else {
				i += word_char(o, s, i, t, n, fr);
			}
		}
	}
	flush(o);
}

void
ar_typeset_node(struct ar_ctx *cx, struct warta_node *t)
{
	struct ar_run *r = ar_run_get(cx, t);
	size_t n = strlen(t->text);
	struct out o;

	if (!r || r->len != n)
		return;
	o.s = g_string_sized_new(n + 8);
	o.offs = ar_run_new();
	o.in = r;
	typeset(&o, t->text, n, cx->doc->meta.lang);
	g_free(t->text);
	/* exactly as long as the text: a GString's power-of-two room, kept
	 * for every text node of the article, was a third of its memory */
	t->text = g_realloc(o.s->str, o.s->len + 1);
	g_string_free(o.s, FALSE);
	ar_run_set(cx, t, o.offs);     /* frees r */
}

/* Frees s and returns its text with the typography of lang. */
char *
ar_typeset_string(GString *s, const char *lang)
{
	struct out o = { NULL, NULL, NULL, NULL, 0, 0 };

	o.s = g_string_new(NULL);
	typeset(&o, s->str, s->len, lang);
	g_string_free(s, TRUE);
	return g_string_free(o.s, FALSE);
}
