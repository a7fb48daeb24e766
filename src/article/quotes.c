/* quotes.c — quotations and smart typography of the article layer.
 * Reads the tree's text runs (read.c); writes WARTA_NODE_QUOTE nodes with the
 * marks as set, and has typography.c set each text with the language's
 * dashes, ellipses, apostrophes and no-break spaces.  Code spans and blocks are never touched (they are not
 * TEXT), nor URL-like words, nor the text of autolinks.
 *
 * Quotation marks.  Straight quotes are educated: " takes the language's
 * primary marks and ' its secondary ones (the author's choice of single
 * quotes for a term is kept), switching to the other pair when nested in a
 * quote that already uses them.  Curly, low-9, guillemet and CJK corner
 * marks already in the text are recognised and kept as written.  The marks
 * per language are in the table below.  A mark without its partner in the
 * same paragraph (or emphasis, link, cell) is left exactly as written and
 * reported as a warning.  Every pass is linear in the text. */
#include <string.h>

#include "article/reader.h"

#define NNBSP "\xE2\x80\xAF"   /* U+202F narrow no-break space */
#define NBSP "\xC2\xA0"

/* Nesting of quotations kept as nodes; deeper ones stay text (and warn). */
#define QUOTE_MAX_DEPTH 8

static const struct {
	const char *lang;
	struct ar_marks m;
} marks_table[] = {
	{ "de", { "\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9A", "\xE2\x80\x98" } },   /* „…“ ‚…‘ */
	{ "fr", { "\xC2\xAB" NNBSP, NNBSP "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D" } }, /* « … » “…” */
	{ "es", { "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D" } },            /* «…» “…” */
	{ "it", { "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D" } },
	{ "pt", { "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D" } },
	{ "ar", { "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x9C" } },            /* «…» ”…“ */
	{ "fa", { "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x9C" } },
	{ "zh", { "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E", "\xE3\x80\x8F" } },    /* 「…」 『…』 */
	{ "ja", { "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E", "\xE3\x80\x8F" } },
	/* id, en, ms, nl and every other language: “…” ‘…’ */
	{ NULL, { "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99" } },
};

const struct ar_marks *
ar_marks_for(const char *lang)
{
	size_t i;

	for (i = 0; marks_table[i].lang; i++)
		if (lang && warta_lang_is(lang, marks_table[i].lang))
			break;
	return &marks_table[i].m;
}

/* ------------------------------------------------ mark classes */

enum kind {
	K_NONE,
	K_D,      /* "…" */
	K_S,      /* '…' */
	K_CD,     /* “…” */
	K_CS,     /* ‘…’ */
	K_LD,     /* „…“ or „…” */
	K_LS,     /* ‚…‘ or ‚…’ */
	K_G,      /* «…» */
	K_RG,     /* »…« */
	K_CJ1,    /* 「…」 */
	K_CJ2,    /* 『…』 */
	K_COUNT
};

enum role { R_NONE, R_OPEN, R_CLOSE, R_APOS };

struct mark {
	struct warta_node *text;   /* the TEXT child holding it */
	size_t at, len;            /* bytes in text->text */
	enum role role;
	enum kind kind;
	int pair;                  /* index of the partner, -1 */
	int bad;                   /* unbalanced */
};

static int
is_open_punct(gunichar c)
{
	return c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 || c == '/' ||
	       c == 0x201C || c == 0x2018 || c == 0x201E || c == 0x00AB || c == '-' || c == 0x300C ||
	       c == 0x300E || c == '"' || c == '\'';
}

/* space-like: nothing, white space, and the start or end of the container */
static int
spacey(gunichar c)
{
	return c == 0 || g_unichar_isspace(c) || c == 0xA0 || c == 0x202F;
}

/* The character before byte `at` of child t, looking into the siblings. */
static gunichar
char_before(const struct warta_node *t, size_t at)
{
	const struct warta_node *p;

	if (at > 0)
		return g_utf8_get_char(g_utf8_find_prev_char(t->text, t->text + at));
	p = t->prev;
	if (!p)
		return 0;
	if (p->type == WARTA_NODE_TEXT && p->text && *p->text)
		return g_utf8_get_char(g_utf8_find_prev_char(p->text, p->text + strlen(p->text)));
	if (p->type == WARTA_NODE_SOFTBREAK || p->type == WARTA_NODE_LINEBREAK)
		return ' ';
	if (p->type == WARTA_NODE_DATELINE)
		return ' ';
	return 'x';      /* emphasis, code, a link: a word */
}

static gunichar
char_after(const struct warta_node *t, size_t at)
{
	const struct warta_node *n;

	if (t->text[at])
		return g_utf8_get_char(t->text + at);
	n = t->next;
	if (!n)
		return 0;
	if (n->type == WARTA_NODE_TEXT && n->text && *n->text)
		return g_utf8_get_char(n->text);
	if (n->type == WARTA_NODE_SOFTBREAK || n->type == WARTA_NODE_LINEBREAK)
		return ' ';
	return 'x';
}

static int
wordy(gunichar c)
{
	return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

static int
closing_punct(gunichar c)
{
	return spacey(c) || g_unichar_ispunct(c);
}

/* ------------------------------------------------ scanning one container */

struct scan {
	struct ar_ctx *cx;
	GArray *marks;             /* struct mark */
	GArray *stack;             /* int: indices of open marks */
	int open_count[K_COUNT];   /* open marks of each kind on the stack */
};

static void
push_open(struct scan *sc, int idx)
{
	struct mark *m = &g_array_index(sc->marks, struct mark, idx);

	if (sc->stack->len >= QUOTE_MAX_DEPTH)
		m->bad = 2;     /* paired as usual, then kept as text */
	g_array_append_val(sc->stack, idx);
	sc->open_count[m->kind]++;
}

/* Closes the nearest open mark of kind a or b; marks above it are unbalanced. */
static int
close_kind(struct scan *sc, int idx, enum kind a, enum kind b)
{
	if (sc->open_count[a] == 0 && (b == K_NONE || sc->open_count[b] == 0))
		return 0;
	while (sc->stack->len > 0) {
		int top = g_array_index(sc->stack, int, sc->stack->len - 1);
		struct mark *t = &g_array_index(sc->marks, struct mark, top);

		g_array_set_size(sc->stack, sc->stack->len - 1);
		sc->open_count[t->kind]--;
		if (t->kind == a || (b != K_NONE && t->kind == b)) {
			struct mark *m = &g_array_index(sc->marks, struct mark, idx);

			t->pair = idx;
			m->pair = top;
			m->kind = t->kind;
			if (t->bad == 2)
				m->bad = 3;
			return 1;
		}
		t->bad = 1;
		t->role = R_NONE;
	}
	return 0;
}

static int
is_quote_char(gunichar c)
{
	return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201E) || c == 0xAB || c == 0xBB ||
	       (c >= 0x300C && c <= 0x300F);
}

/* The neighbours of a quotation mark: prev, next, and whether it is left-
 * flanking (lf: opens a word) or right-flanking (rf: ends one). */
struct around {
	gunichar prev, next;
	int lf, rf;
};

static void
straight_double(const struct scan *sc, const struct around *a, struct mark *m)
{
	m->kind = K_D;
	if (a->lf && !a->rf)
		m->role = R_OPEN;
	else if (a->rf && !a->lf)
		m->role = R_CLOSE;
	else
		m->role = sc->open_count[K_D] ? R_CLOSE : R_OPEN;
}

/* ' at s[i]: an apostrophe (don't, Qur'an, '90s, the dogs' bones) or a
 * single quotation mark. */
static void
straight_single(const struct scan *sc, const char *s, size_t i, const struct around *a,
                struct mark *m)
{
	m->kind = K_S;
	if (wordy(a->prev) && wordy(a->next))
		m->role = R_APOS;                  /* don't, Qur'an */
	else if ((spacey(a->prev) || is_open_punct(a->prev)) && g_unichar_isdigit(a->next) &&
	         !sc->open_count[K_S]) {
		size_t k = i + 1;

		while (g_ascii_isdigit(s[k]))
			k++;
		m->role = wordy(g_utf8_get_char(s + k)) && s[k] != 's' ? R_OPEN : R_APOS; /* '90s */
	} else if (a->lf && !a->rf)
		m->role = R_OPEN;
	else if (a->rf && sc->open_count[K_S])
		m->role = R_CLOSE;
	else if (wordy(a->prev))
		m->role = R_APOS;                  /* the dogs' bones */
	else
		m->role = R_NONE;
}

static void
set_role(struct mark *m, enum role r, enum kind k)
{
	m->role = r;
	m->kind = k;
}

/* “ ” ‘ ’ „ ‚ */
static void
curly(const struct scan *sc, gunichar c, const struct around *a, struct mark *m)
{
	switch (c) {
	case 0x201C:   /* “ opens, or closes „ when that is the innermost open mark */
		if (sc->stack->len > 0 &&
		    g_array_index(sc->marks, struct mark,
		                  g_array_index(sc->stack, int, sc->stack->len - 1)).kind == K_LD)
			set_role(m, R_CLOSE, K_LD);
		else
			set_role(m, R_OPEN, K_CD);
		break;
	case 0x201D:
		set_role(m, R_CLOSE, K_CD);
		break;
	case 0x2018:
		if (sc->open_count[K_LS])
			set_role(m, R_CLOSE, K_LS);
		else
			set_role(m, R_OPEN, K_CS);
		break;
	case 0x2019:
		if (wordy(a->prev) && wordy(a->next))
			m->role = R_NONE;                  /* an apostrophe as written */
		else if ((sc->open_count[K_CS] || sc->open_count[K_LS]) && !(a->lf && !a->rf))
			set_role(m, R_CLOSE, K_CS);
		else
			m->role = R_NONE;
		break;
	case 0x201E:
		set_role(m, R_OPEN, K_LD);
		break;
	case 0x201A:
		if (a->lf && wordy(a->next))
			set_role(m, R_OPEN, K_LS);
		break;
	default:
		break;
	}
}

/* « » (either way round), 「」『』 */
static void
guillemet_or_corner(const struct scan *sc, gunichar c, const struct around *a, struct mark *m)
{
	switch (c) {
	case 0xAB:
		if (sc->open_count[K_RG])
			set_role(m, R_CLOSE, K_RG);
		else if (sc->open_count[K_G] && !a->lf)
			set_role(m, R_CLOSE, K_G);   /* «…« as some Arabic texts have it */
		else
			set_role(m, R_OPEN, K_G);
		break;
	case 0xBB:
		if (sc->open_count[K_G])
			set_role(m, R_CLOSE, K_G);
		else if (a->lf && !a->rf)
			set_role(m, R_OPEN, K_RG);
		else
			set_role(m, R_CLOSE, K_G);
		break;
	case 0x300C: set_role(m, R_OPEN, K_CJ1); break;
	case 0x300D: set_role(m, R_CLOSE, K_CJ1); break;
	case 0x300E: set_role(m, R_OPEN, K_CJ2); break;
	case 0x300F: set_role(m, R_CLOSE, K_CJ2); break;
	default:
		break;
	}
}

/* A mark with a role: kept, and an opening one pushed, a closing one
 * matched with the open mark it closes (or, with none, made no mark). */
static void
place_mark(struct scan *sc, const struct mark *m, gunichar c)
{
	int idx = (int)sc->marks->len;
	enum kind a = m->kind, b = K_NONE;

	g_array_append_val(sc->marks, *m);
	if (m->role == R_OPEN) {
		push_open(sc, idx);
		return;
	}
	if (m->role != R_CLOSE)
		return;
	if (c == 0x201D || c == 0x201C)
		a = K_CD, b = c == 0x201D && sc->open_count[K_D] &&
		    !sc->open_count[K_CD] && !sc->open_count[K_LD] ? K_D : K_LD;
	else if (c == '"' && !sc->open_count[K_D] && sc->open_count[K_CD])
		a = K_CD;   /* “…" mixed, as scrapers leave them */
	else if (c == 0x2019 || c == 0x2018)
		a = K_CS, b = K_LS;
	if (!close_kind(sc, idx, a, b)) {
		struct mark *mm = &g_array_index(sc->marks, struct mark, idx);

		mm->bad = 1;
		mm->role = R_NONE;
	}
}

static void
scan_text(struct scan *sc, struct warta_node *t)
{
	const char *s = t->text;
	size_t i = 0;

	while (s[i]) {
		gunichar c;
		size_t len;
		struct mark m;
		struct around a;

		/* ASCII other than the two straight quotes: no quote mark */
		if ((unsigned char)s[i] < 0x80 && s[i] != '"' && s[i] != '\'') {
			for (i++; s[i] && (unsigned char)s[i] < 0x80 && s[i] != '"' && s[i] != '\''; i++)
				;
			continue;
		}
		c = g_utf8_get_char(s + i);
		len = (size_t)g_utf8_skip[(unsigned char)s[i]];
		m = (struct mark){ t, i, len, R_NONE, K_NONE, -1, 0 };
		if (!is_quote_char(c)) {
			i += len;
			continue;
		}
		a.prev = char_before(t, i);
		a.next = char_after(t, i + len);
		a.lf = !spacey(a.next) && (spacey(a.prev) || is_open_punct(a.prev));
		a.rf = !spacey(a.prev) && !strchr("([{", (int)(a.prev < 0x80 ? a.prev : 'x')) &&
		       closing_punct(a.next);
		if (c == '"')
			straight_double(sc, &a, &m);
		else if (c == '\'')
			straight_single(sc, s, i, &a, &m);
		else if (c >= 0x2018 && c <= 0x201E)
			curly(sc, c, &a, &m);
		else
			guillemet_or_corner(sc, c, &a, &m);
		if (m.role != R_NONE)
			place_mark(sc, &m, c);
		i += len;
	}
}

/* ------------------------------------------------ rebuilding */

static char *
mark_text(const struct mark *m)
{
	return g_strndup(m->text->text + m->at, m->len);
}

static void
append_piece(struct ar_ctx *cx, struct warta_node *to, struct warta_node *t, size_t from, size_t end)
{
	if (end > from)
		warta_node_append(to, ar_text_slice(cx, t, from, end));
}

/* The marks an educated straight quote gets inside quote `outer` (or none). */
static void
educate(const struct ar_marks *mk, const struct mark *m, const struct warta_node *outer,
        char **open, char **close)
{
	int primary = m->kind == K_D;

	if (outer && outer->as.quote.open) {
		if (primary && strcmp(outer->as.quote.open, mk->open1) == 0)
			primary = 0;
		else if (!primary && strcmp(outer->as.quote.open, mk->open2) == 0)
			primary = 1;
	}
	*open = g_strdup(primary ? mk->open1 : mk->open2);
	*close = g_strdup(primary ? mk->close1 : mk->close2);
}

static void
merge_texts(struct ar_ctx *cx, struct warta_node *parent)
{
	struct warta_node *c = parent->first, *next;

	while (c && (next = c->next)) {
		if (c->type == WARTA_NODE_TEXT && next->type == WARTA_NODE_TEXT) {
			struct ar_run *a = ar_run_get(cx, c), *b = ar_run_get(cx, next);
			char *s = g_strconcat(c->text, next->text, NULL);

			if (a && b)
				ar_run_append(a, b);
			g_free(c->text);
			c->text = s;
			if (next->end_line) {
				c->end_line = next->end_line;
				c->end_col = next->end_col;
			}
			ar_node_drop(cx, next);
			continue;
		}
		c = next;
	}
}

static void
rebuild(struct ar_ctx *cx, struct warta_node *parent, GArray *marks)
{
	const struct ar_marks *mk = ar_marks_for(cx->doc->meta.lang);
	GPtrArray *kids = g_ptr_array_new();
	GPtrArray *qs = g_ptr_array_new();      /* open quote nodes */
	struct warta_node *c, *cur = parent;
	guint i, mi = 0;

	while ((c = parent->first)) {
		warta_node_unlink(c);
		g_ptr_array_add(kids, c);
	}
	for (i = 0; i < kids->len; i++) {
		size_t from = 0;

		c = kids->pdata[i];
		if (mi >= marks->len || g_array_index(marks, struct mark, mi).text != c) {
			warta_node_append(cur, c);
			continue;
		}
		for (; mi < marks->len && g_array_index(marks, struct mark, mi).text == c; mi++) {
			struct mark *m = &g_array_index(marks, struct mark, mi);

			if (m->role == R_NONE)
				continue;
			append_piece(cx, cur, c, from, m->at);
			from = m->at + m->len;
			if (m->role == R_APOS) {
				struct warta_node *ap = ar_text_slice(cx, c, m->at, m->at + m->len);

				if (m->kind == K_S) {
					struct ar_run *r = ar_run_get(cx, ap);
					size_t o = r ? ar_run_off(r, 0) : 0;

					g_free(ap->text);
					ap->text = g_strdup("\xE2\x80\x99");
					if (r) {
						ar_run_clear(r);
						for (int k = 0; k < 3; k++)
							ar_run_push(r, o);
					}
				}
				warta_node_append(cur, ap);
			} else if (m->role == R_OPEN) {
				struct warta_node *q = warta_node_new(WARTA_NODE_QUOTE, c->line, c->col);
				struct warta_node *outer = qs->len ? qs->pdata[qs->len - 1] : NULL;
				struct mark *pm = &g_array_index(marks, struct mark, m->pair);

				if (m->kind == K_D || m->kind == K_S)
					educate(mk, m, outer, &q->as.quote.open, &q->as.quote.close);
				else {
					q->as.quote.open = mark_text(m);
					q->as.quote.close = mark_text(pm);
					if (strcmp(q->as.quote.close, "\"") == 0) {
						/* “…" : the straight close educated to match */
						g_free(q->as.quote.close);
						q->as.quote.close = g_strdup(m->kind == K_CD ? "\xE2\x80\x9D" : mk->close1);
					}
				}
				q->as.quote.level = (int)qs->len;
				ar_set_pos(cx, q, ar_text_off(cx, c, m->at),
				           ar_text_off(cx, pm->text, pm->at + pm->len - 1));
				warta_node_append(cur, q);
				g_ptr_array_add(qs, q);
				cur = q;
			} else if (m->role == R_CLOSE && qs->len > 0) {
				merge_texts(cx, cur);
				g_ptr_array_set_size(qs, qs->len - 1);
				cur = qs->len ? qs->pdata[qs->len - 1] : parent;
			}
		}
		append_piece(cx, cur, c, from, strlen(c->text));
		ar_node_drop(cx, c);
	}
	merge_texts(cx, parent);
	g_ptr_array_free(kids, TRUE);
	g_ptr_array_free(qs, TRUE);
}

/* Drops byte range [from, to) of text node t. */
static void
cut_text(struct ar_ctx *cx, struct warta_node *t, size_t from, size_t to)
{
	struct ar_run *r = ar_run_get(cx, t);
	size_t n = strlen(t->text);

	memmove(t->text + from, t->text + to, n - to + 1);
	if (r && r->len == n)
		ar_run_cut(r, from, to);
}

static int
space_at(const char *s, size_t i, size_t *len)
{
	if (s[i] == ' ' || s[i] == '\t')
		return *len = 1, 1;
	if (g_str_has_prefix(s + i, NBSP))
		return *len = 2, 1;
	if (g_str_has_prefix(s + i, NNBSP))
		return *len = 3, 1;
	return 0;
}

/* French guillemets take a narrow no-break space inside; one written as a
 * plain space becomes part of the mark. */
static void
french_guillemets(struct ar_ctx *cx, struct warta_node *q)
{
	struct warta_node *f = q->first, *l = q->last;
	size_t len, n;

	if (strcmp(q->as.quote.open, "\xC2\xAB") == 0) {
		g_free(q->as.quote.open);
		q->as.quote.open = g_strdup("\xC2\xAB" NNBSP);
		if (f && f->type == WARTA_NODE_TEXT && space_at(f->text, 0, &len))
			cut_text(cx, f, 0, len);
	}
	if (strcmp(q->as.quote.close, "\xC2\xBB") == 0) {
		g_free(q->as.quote.close);
		q->as.quote.close = g_strdup(NNBSP "\xC2\xBB");
		if (l && l->type == WARTA_NODE_TEXT && (n = strlen(l->text)) > 0) {
			size_t k = n - 1;

			while (k > 0 && ((unsigned char)l->text[k] & 0xC0) == 0x80)
				k--;
			if (space_at(l->text, k, &len) && k + len == n)
				cut_text(cx, l, k, n);
		}
	}
}

static int
autolink(const struct warta_node *link)
{
	char *t;
	int r;

	if (link->type != WARTA_NODE_LINK || !link->as.link.url)
		return 0;
	t = warta_node_plain_text(link);
	r = *t && g_str_has_suffix(link->as.link.url, t);
	g_free(t);
	return r;
}

/* ------------------------------------------------ the pass */

static int
inline_container(const struct warta_node *n)
{
	switch (n->type) {
	case WARTA_NODE_PARAGRAPH:
	case WARTA_NODE_HEADING:
	case WARTA_NODE_TABLE_CELL:
	case WARTA_NODE_CAPTION:
	case WARTA_NODE_CREDIT:
	case WARTA_NODE_EMPH:
	case WARTA_NODE_STRONG:
	case WARTA_NODE_STRIKETHROUGH:
	case WARTA_NODE_IMAGE:
		return 1;
	case WARTA_NODE_LINK:
		return !autolink(n);
	default:
		return 0;
	}
}

static void
quote_container(struct ar_ctx *cx, struct warta_node *parent)
{
	struct scan sc = { cx, NULL, NULL, { 0 } };
	struct warta_node *c;
	struct mark *first_deep = NULL;
	guint i;
	int any = 0, deep = 0;

	for (c = parent->first; c; c = c->next)
		if (c->type == WARTA_NODE_TEXT && c->text)
			any = 1;
	if (!any)
		return;
	sc.marks = g_array_new(FALSE, FALSE, sizeof(struct mark));
	sc.stack = g_array_new(FALSE, FALSE, sizeof(int));
	for (c = parent->first; c; c = c->next)
		if (c->type == WARTA_NODE_TEXT && c->text)
			scan_text(&sc, c);
	for (i = 0; i < sc.stack->len; i++) {
		struct mark *m = &g_array_index(sc.marks, struct mark, g_array_index(sc.stack, int, i));

		m->bad = 1;
		m->role = R_NONE;
	}
	for (i = 0; i < sc.marks->len; i++) {
		struct mark *m = &g_array_index(sc.marks, struct mark, i);
		char *s;

		if (m->bad >= 2) {
			/* one message for all the marks too deep in this paragraph */
			m->role = R_NONE;
			if (deep++ == 0)
				first_deep = m;
			continue;
		}
		if (!m->bad)
			continue;
		s = mark_text(m);
		ar_diag_at(cx, WARTA_WARNING, ar_text_off(cx, m->text, m->at),
		           "unbalanced quotation mark %s", s);
		g_free(s);
	}
	if (deep)
		ar_diag_at(cx, WARTA_WARNING, ar_text_off(cx, first_deep->text, first_deep->at),
		           "quotations nested more than %d deep: %d marks kept as text",
		           QUOTE_MAX_DEPTH, deep);
	if (sc.marks->len > 0)
		rebuild(cx, parent, sc.marks);
	g_array_free(sc.marks, TRUE);
	g_array_free(sc.stack, TRUE);
}

void
ar_quotes(struct ar_ctx *cx)
{
	struct warta_walk w;
	struct warta_node *n;

	/* pre-order; a container's quotes are rebuilt before its children are
	 * visited; an autolink's text is left as written */
	warta_walk_init(&w, cx->doc->root);
	while (warta_walk_next(&w, &n) != WARTA_WALK_DONE) {
		if (w.ev != WARTA_WALK_ENTER)
			continue;
		if (inline_container(n))
			quote_container(cx, n);
		if (n->type == WARTA_NODE_TEXT)
			ar_typeset_node(cx, n);
		if (n->type == WARTA_NODE_QUOTE && warta_lang_is(cx->doc->meta.lang, "fr"))
			french_guillemets(cx, n);
		if (n->type == WARTA_NODE_LINK && autolink(n))
			warta_walk_skip(&w);
	}
	{
		struct warta_meta *m = &cx->doc->meta;
		char *s;

		if (m->title) {
			s = ar_smarten(m->title, m->lang);
			g_free(m->title);
			m->title = s;
		}
		if (m->subtitle) {
			s = ar_smarten(m->subtitle, m->lang);
			g_free(m->subtitle);
			m->subtitle = s;
		}
	}
}

/* ------------------------------------------------ strings */

char *
ar_smarten(const char *text, const char *lang)
{
	const struct ar_marks *mk = ar_marks_for(lang);
	GString *q = g_string_new(NULL);
	const char *p;
	int open_d = 0, open_s = 0;

	/* quotes by context alone: a string has no tree to pair them in */
	for (p = text; *p; p++) {
		gunichar prev = p > text ? g_utf8_get_char(g_utf8_find_prev_char(text, p)) : 0;
		gunichar next = p[1] ? g_utf8_get_char(p + 1) : 0;
		int lf = !spacey(next) && (spacey(prev) || is_open_punct(prev));

		if (*p == '"') {
			if (lf && !open_d)
				g_string_append(q, mk->open1), open_d = 1;
			else if (open_d)
				g_string_append(q, mk->close1), open_d = 0;
			else
				g_string_append_c(q, '"');
		} else if (*p == '\'') {
			if (wordy(prev) && wordy(next))
				g_string_append(q, "\xE2\x80\x99");
			else if (lf && !open_s && !g_unichar_isdigit(next))
				g_string_append(q, mk->open2), open_s = 1;
			else if (open_s)
				g_string_append(q, mk->close2), open_s = 0;
			else
				g_string_append(q, "\xE2\x80\x99");
		} else
			g_string_append_c(q, *p);
	}
	return ar_typeset_string(q, lang);
}
