/* runlang.c — the language of quotations and of runs in another script,
 * where the reader can tell (issue 17): a `lang` on the tree's node when it
 * is not its container's (the article's, or the quotation's around it), so
 * that the back ends set it in its own face, hyphenate and shape it as its
 * language, and tell e-readers and screen readers (JSON "lang", EPUB
 * lang/xml:lang/dir, PDF /Lang and the run's CJK face).
 *
 * What is tagged:
 * - A quotation (an inline QUOTE, a BLOCKQUOTE, a PULLQUOTE) whose letters
 *   are mostly (more than QUOTE_SHARE) of one script:
 *   - a script its container's language does not write: that script's
 *     language by its letters alone (lang/script.c: Arabic script ar, fa or
 *     ur; Han zh, with kana ja, with Hangul ko; Cyrillic ru, uk, sr …;
 *     Greek el, Hebrew he, Thai th, Devanagari hi …).  Chinese is zh-Hant
 *     or zh-Hans when the characters say so (lang/lang.c,
 *     warta_zh_script), else zh;
 *   - Latin script: the language model (langid.c) when the quotation has
 *     at least LATIN_LETTERS letters, and only when the container's
 *     language is not among the model's candidates; a shorter Latin
 *     quotation is never guessed at.
 *   A Chinese quotation in a Chinese article of the other form (zh-Hans in
 *   zh-Hant) is tagged too.
 * - A run of letters in a script the container's language does not write
 *   ("the daily 人民日报 wrote", an Arabic name in an English sentence):
 *   its TEXT node is cut around it and the run tagged as above (a name in
 *   Latin letters is never tagged: its language cannot be told).  A run
 *   takes in the spaces, digits and punctuation between its letters, not
 *   those around it.
 * Code, raw HTML, autolinks and datelines are left alone.  One pass over
 * the tree; each quotation reads at most SAMPLE bytes of its text, and the
 * Hant/Hans decision costs ICU's transliterators: it is made on at most
 * ZH_CALLS runs.  A Chinese run it cannot tell (a name of three
 * characters), and those beyond ZH_CALLS, take the decision made once on
 * all of the article's Chinese text in other-language containers (a
 * Taiwanese paper's name in an article that quotes Traditional Chinese is
 * zh-Hant), or stay zh. */
#include <string.h>

#include "article/reader.h"
#include "lang/lang.h"

#define SAMPLE 3000             /* bytes of a quotation read to decide */
#define QUOTE_SHARE 0.8         /* of its letters in its main script */
/* Latin letters a quotation needs before the language model is asked:
 * about ten words.  Below it the model's n-gram profiles guess: "Liberté,
 * égalité, fraternité" (25 letters) came out German, "Hasta la vista,
 * baby" Italian, "Wir schaffen das" Romansh; from about 30 letters on the
 * tests' German, Spanish, Italian, French and Dutch sentences came out
 * right, and 50 leaves a margin.  The model's first candidate must be the
 * answer (not a later one among warta's preferred languages). */
#define LATIN_LETTERS 50
#define ZH_CALLS 32

struct rl {
	struct ar_ctx *cx;
	GPtrArray *stack;          /* entered nodes with a lang and children */
	int zh_calls;
	GString *han;              /* foreign Han text, for the pooled decision */
	GPtrArray *untold;         /* nodes tagged "zh", their containers' languages after each */
	/* whether language wctx writes each script (warta_lang_writes asks
	 * ICU): 0 not known yet, 1 yes, 2 no; for the last container asked */
	const char *wctx;
	unsigned char writes[G_UNICODE_SCRIPT_SIGNWRITING + 1];
};

/* warta_lang_writes(ctx, sc), asked of ICU once per container language
 * and script: a Korean article alternating Hangul and Hanja, or an English
 * one of a thousand Chinese names, asks it once. */
static int
writes(struct rl *s, const char *ctx, int sc)
{
	if (sc < 0 || sc > G_UNICODE_SCRIPT_SIGNWRITING)
		return warta_lang_writes(ctx, sc);
	if (s->wctx != ctx) {
		s->wctx = ctx;
		memset(s->writes, 0, sizeof s->writes);
	}
	if (!s->writes[sc])
		s->writes[sc] = warta_lang_writes(ctx, sc) ? 1 : 2;
	return s->writes[sc] == 1;
}

static const char *
container_lang(const struct rl *s)
{
	return s->stack->len ? ((struct warta_node *)g_ptr_array_index(s->stack, s->stack->len - 1))->lang
	    : s->cx->doc->meta.lang;
}

/* The text of n's subtree, at most SAMPLE bytes (cut at a character). */
static GString *
sample(struct warta_node *top)
{
	GString *g = g_string_new(NULL);
	struct warta_walk w;
	struct warta_node *n;

	warta_walk_init(&w, top);
	while (g->len < SAMPLE && warta_walk_next(&w, &n) != WARTA_WALK_DONE) {
		if (w.ev != WARTA_WALK_ENTER)
			continue;
		if (n->type == WARTA_NODE_TEXT && n->text)
			g_string_append(g, n->text);
		else if (n->type == WARTA_NODE_SOFTBREAK || n->type == WARTA_NODE_LINEBREAK ||
		         (warta_node_is_block(n) && n != top))
			g_string_append_c(g, ' ');
	}
	if (g->len > SAMPLE) {
		const char *end;

		g_string_truncate(g, SAMPLE);
		if (!g_utf8_validate(g->str, (gssize)g->len, &end))
			g_string_truncate(g, (gsize)(end - g->str));
	}
	return g;
}

/* Two tags name the same language: the same primary subtag (Indonesian and
 * Malay counted as one: the model cannot part them on a quotation), and
 * for Chinese not two different scripts. */
static int
id_or_ms(const char *p)
{
	return strcmp(p, "id") == 0 || strcmp(p, "ms") == 0;
}

static int
same_lang(const char *a, const char *b)
{
	char *pa = warta_lang_primary(a), *pb = warta_lang_primary(b);
	int same = pa && pb && (strcmp(pa, pb) == 0 || (id_or_ms(pa) && id_or_ms(pb)));

	/* Chinese: zh (the form not told) is either; Traditional (TC, HK)
	 * and Simplified (SC) differ */
	if (same && strcmp(pa, "zh") == 0 && strchr(a, '-') && strchr(b, '-'))
		same = (strcmp(warta_lang_cjk_region(a), "SC") == 0) ==
		    (strcmp(warta_lang_cjk_region(b), "SC") == 0);
	g_free(pa);
	g_free(pb);
	return same;
}

/* Chinese text: "zh-Hant", "zh-Hans" or "zh" (not told). */
static char *
zh_tag(struct rl *s, const char *text, size_t n)
{
	const char *sc = NULL;

	if (s->zh_calls < ZH_CALLS) {
		s->zh_calls++;
		sc = warta_zh_script(text, n);
	}
	return sc ? g_strconcat("zh-", sc, NULL) : g_strdup("zh");
}

/* n's new tag (not NULL) in container ctx, kept for the pooled decision
 * when it is Chinese not told. */
static void
set_tag(struct rl *s, struct warta_node *n, char *tag, const char *ctx)
{
	n->lang = tag;
	if (strcmp(tag, "zh") == 0) {
		g_ptr_array_add(s->untold, n);
		g_ptr_array_add(s->untold, (gpointer)ctx);
	}
}

/* The untold Chinese runs, by all the article's Chinese text in other
 * languages' containers. */
static void
pool_untold(struct rl *s)
{
	const char *sc;
	guint i;

	if (s->untold->len == 0 || !(sc = warta_zh_script(s->han->str, s->han->len)))
		return;
	for (i = 0; i + 1 < s->untold->len; i += 2) {
		struct warta_node *n = g_ptr_array_index(s->untold, i);
		const char *ctx = g_ptr_array_index(s->untold, i + 1);
		char *tag = g_strconcat("zh-", sc, NULL);

		g_free(n->lang);
		n->lang = NULL;
		if (same_lang(tag, ctx))
			g_free(tag);
		else
			n->lang = tag;
	}
}

/* The language of text[0, n), all of whose letters are in script sc, in a
 * container of language ctx: a new tag, or NULL when it is ctx's or not
 * told. */
static char *
script_tag(struct rl *s, int sc, const char *text, size_t n, const char *ctx)
{
	const char *l;
	char *tag;

	if (writes(s, ctx, sc) && !(warta_lang_is(ctx, "zh") && sc == G_UNICODE_SCRIPT_HAN))
		return NULL;
	l = warta_script_lang(sc, text, n);
	if (!l)
		return NULL;
	if (strcmp(l, "zh") == 0) {
		if (s->han->len < SAMPLE * 2)
			g_string_append_len(s->han, text, (gssize)n);
		tag = zh_tag(s, text, n);
	} else {
		tag = g_strdup(l);
	}
	if (same_lang(tag, ctx)) {
		g_free(tag);
		return NULL;
	}
	return tag;
}

/* A Latin-script quotation: the language model's answer, or NULL. */
static char *
latin_tag(const char *text, size_t n, long letters, const char *ctx)
{
	const char *cands[8];
	int nc, i;
	char *l;

	if (letters < LATIN_LETTERS)
		return NULL;
	nc = ar_langid_classify(text, n, cands, (int)G_N_ELEMENTS(cands));
	for (i = 0; i < nc; i++) {
		char *p = warta_lang_primary(cands[i]);
		int same = p && same_lang(p, ctx);

		g_free(p);
		if (same)
			return NULL;    /* the container's language is a candidate */
	}
	l = ar_lang_choose(cands, nc, text, n, NULL);
	if (l && nc > 0) {
		char *first = warta_lang_primary(cands[0]);

		if (!first || !same_lang(first, l))
			g_free(l), l = NULL;
		g_free(first);
	}
	if (l && same_lang(l, ctx)) {
		g_free(l);
		return NULL;
	}
	return l;
}

static char *
quote_tag(struct rl *s, struct warta_node *q, const char *ctx)
{
	GString *g = sample(q);
	long letters, most;
	int sc = warta_text_script(g->str, g->len, &letters, &most);
	char *tag = NULL;

	if (letters > 0 && most >= QUOTE_SHARE * (double)letters) {
		if (sc == G_UNICODE_SCRIPT_LATIN)
			tag = latin_tag(g->str, g->len, letters, ctx);
		else
			tag = script_tag(s, sc, g->str, g->len, ctx);
	}
	g_string_free(g, TRUE);
	return tag;
}

/* --------------------------------------------------- runs in a script */

/* A letter of a script ctx's language does not write: its script, else -1. */
static int
foreign_letter(struct rl *s, gunichar c, const char *ctx)
{
	int sc;

	if (!g_unichar_isalpha(c))
		return -1;
	sc = warta_script_group(c);
	if (sc == G_UNICODE_SCRIPT_LATIN || sc == G_UNICODE_SCRIPT_COMMON ||
	    sc == G_UNICODE_SCRIPT_INHERITED || sc == G_UNICODE_SCRIPT_UNKNOWN)
		return -1;
	return writes(s, ctx, sc) ? -1 : sc;
}

static int
own_punct(gunichar c)
{
	return g_unichar_ispunct(c) && (g_unichar_iswide(c) || (c >= 0x600 && c <= 0x6FF));
}

/* The runs of text node t in scripts its container's language does not
 * write, each a TEXT node of its own with its lang; t keeps what follows
 * the last. */
static void
text_runs(struct rl *s, struct warta_node *t, const char *ctx)
{
	const char *text = t->text, *p, *q;
	size_t from = 0, len;
	int sc;

	if (!text || t->lang)
		return;
	len = strlen(text);
	for (p = text; *p; p = q) {
		const char *end;
		char *tag;

		/* ASCII: a Latin letter or no letter, never foreign */
		if ((unsigned char)*p < 0x80) {
			q = p + 1;
			continue;
		}
		q = g_utf8_next_char(p);
		if ((sc = foreign_letter(s, g_utf8_get_char(p), ctx)) < 0)
			continue;
		/* the run: letters of sc, and what is neither a letter nor
		 * a mark between them */
		for (end = q; *q; q = g_utf8_next_char(q)) {
			gunichar c = g_utf8_get_char(q);

			if (g_unichar_isalpha(c) || g_unichar_ismark(c)) {
				if (warta_script_group(c) != sc && !g_unichar_ismark(c))
					break;
				end = g_utf8_next_char(q);
			} else if (!(g_unichar_isspace(c) || g_unichar_ispunct(c) || g_unichar_isdigit(c))) {
				break;
			}
		}
		/* with the script's own punctuation around it: full-width
		 * (CJK) and Arabic signs, never Latin ones ("（圖／讀者提供）" is
		 * one run, the "." after an Arabic name the sentence's) */
		while (*end && own_punct(g_utf8_get_char(end)))
			end = g_utf8_next_char(end);
		while (p > text + from && own_punct(g_utf8_get_char(g_utf8_prev_char(p))))
			p = g_utf8_prev_char(p);
		q = end;
		tag = script_tag(s, sc, p, (size_t)(end - p), ctx);
		if (!tag)
			continue;
		if (p == text + from && from == 0 && end == text + len) {
			set_tag(s, t, tag, ctx);        /* the whole text */
			return;
		}
		if ((size_t)(p - text) > from)
			warta_node_insert_before(t, ar_text_slice(s->cx, t, from, (size_t)(p - text)));
		{
			struct warta_node *r = ar_text_slice(s->cx, t, (size_t)(p - text), (size_t)(end - text));

			set_tag(s, r, tag, ctx);
			warta_node_insert_before(t, r);
		}
		from = (size_t)(end - text);
	}
	if (from > 0) {
		struct ar_run *r = ar_run_get(s->cx, t);

		if (from == len) {
			ar_node_drop(s->cx, t);
			return;
		}
		memmove(t->text, t->text + from, len - from + 1);
		if (r && r->len == len)
			ar_run_cut(r, 0, from);
	}
}

/* --------------------------------------------------- the pass */

static int
quotation(const struct warta_node *n)
{
	return n->type == WARTA_NODE_QUOTE || n->type == WARTA_NODE_BLOCKQUOTE ||
	    n->type == WARTA_NODE_PULLQUOTE;
}

void
ar_run_langs(struct ar_ctx *cx)
{
	struct rl s = { cx, g_ptr_array_new(), 0, g_string_new(NULL), g_ptr_array_new(), NULL, { 0 } };
	struct warta_walk w;
	struct warta_node *n;
	enum warta_walk_event ev;

	warta_walk_init(&w, cx->doc->root);
	while ((ev = warta_walk_next(&w, &n)) != WARTA_WALK_DONE) {
		if (ev == WARTA_WALK_EXIT) {
			if (s.stack->len && g_ptr_array_index(s.stack, s.stack->len - 1) == n)
				g_ptr_array_set_size(s.stack, s.stack->len - 1);
			continue;
		}
		switch (n->type) {
		case WARTA_NODE_CODE:
		case WARTA_NODE_CODE_BLOCK:
		case WARTA_NODE_HTML_INLINE:
		case WARTA_NODE_HTML_BLOCK:
		case WARTA_NODE_DATELINE:
			warta_walk_skip(&w);
			continue;
		case WARTA_NODE_LINK:
			if (n->first && n->first == n->last && n->first->type == WARTA_NODE_TEXT &&
			    n->as.link.url && n->first->text && strstr(n->as.link.url, n->first->text))
				warta_walk_skip(&w);    /* an autolink: a URL */
			continue;
		case WARTA_NODE_TEXT:
			/* skipped first: the walk goes on after n, which the
			 * runs cut from it go before (and which may be dropped) */
			warta_walk_skip(&w);
			text_runs(&s, n, container_lang(&s));
			continue;
		default:
			break;
		}
		if (quotation(n) && !n->lang) {
			const char *ctx = container_lang(&s);
			char *tag = quote_tag(&s, n, ctx);

			if (tag)
				set_tag(&s, n, tag, ctx);
		}
		if (n->lang && n->first)
			g_ptr_array_add(s.stack, n);
	}
	pool_untold(&s);
	g_ptr_array_free(s.stack, TRUE);
	g_ptr_array_free(s.untold, TRUE);
	g_string_free(s.han, TRUE);
}
