/* layer.c — the article layer over the Markdown tree (read.c): numbered
 * section headings ("1. Rusia" read as a one-item list, "## 1. Rusia") and
 * numbered runs read one way, unnumbered sub-headings, the standfirst,
 * runs of spaces, heading anchors ("sec-1") and pull quotes
 * ("> [!PULLQUOTE]" block quotes); the dateline is dateline.c's.
 * Reads and rewrites the tree in place; every pass is linear. */
#include <string.h>

#include "article/reader.h"
#include "util/clock.h"
#include "lang/lang.h"

/* ------------------------------------------------ numbered sections */

/* A section title is short and not a sentence. */
#define SECTION_MAX_CHARS 80
#define SECTION_MAX_WORDS 10

static int
short_title(const char *s)
{
	glong n = g_utf8_strlen(s, -1);
	int words = 0, in = 0;
	const char *p;
	gunichar last = 0;

	if (n == 0 || n > SECTION_MAX_CHARS)
		return 0;
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c))
			in = 0;
		else {
			if (!in)
				words++;
			in = 1;
			last = c;
		}
	}
	if (words > SECTION_MAX_WORDS)
		return 0;
	/* sentence or lead-in punctuation at the end: an item of a list */
	return !strchr(".!?:;,", (int)last) && last != 0x3002 && last != 0xFF1A && last != 0x061F;
}

static int
only_inline_text(const struct warta_node *para)
{
	const struct warta_node *c;

	for (c = para->first; c; c = c->next)
		if (c->type == WARTA_NODE_SOFTBREAK || c->type == WARTA_NODE_LINEBREAK)
			return 0;
	return para->first != NULL;
}

static int
ends_with_colon(const struct warta_node *n)
{
	char *s;
	int r = 0;
	size_t len;

	if (!n || n->type != WARTA_NODE_PARAGRAPH)
		return 0;
	s = warta_node_plain_text(n);
	g_strchomp(s);
	len = strlen(s);
	r = len > 0 && (s[len - 1] == ':' || g_str_has_suffix(s, "\xEF\xBC\x9A"));
	g_free(s);
	return r;
}

/* "1. Rusia" as a one-item ordered list whose item is one line. */
static int
step_list(const struct warta_node *l)
{
	const struct warta_node *item = l->first, *para;

	if (l->type != WARTA_NODE_LIST || !l->as.list.ordered || !item || item->next)
		return 0;
	para = item->first;
	return para && !para->next && para->type == WARTA_NODE_PARAGRAPH && only_inline_text(para);
}


/* A numbered line Markdown does not see as a list item (its items are ASCII
 * digits, a full stop or bracket and a space): "3.重點整理" (no space
 * before CJK), "３．重點整理" (full-width), "٣. عنوان" (Arabic-Indic
 * digits), "1、重点".  A paragraph of one line whose text starts with one
 * to three digits of one script (Unicode Nd), then . ． 、 ) ） or ۔, then a
 * space or a CJK character.  Returns the bytes of the number (0: none);
 * *skip the bytes up to the title, *no the number. */
static size_t
para_number(const struct warta_node *p, size_t *skip, int *no)
{
	const struct warta_node *t = p->first;
	const char *s, *q;
	int v = 0, digits = 0;
	size_t nb;
	gunichar c = 0;

	if (p->type != WARTA_NODE_PARAGRAPH || !only_inline_text(p) || !t || t->type != WARTA_NODE_TEXT ||
	    !t->text)
		return 0;
	s = q = t->text;
	for (; *q && digits <= 3; q = g_utf8_next_char(q), digits++) {
		int d = g_unichar_digit_value(c = g_utf8_get_char(q));

		if (d < 0)
			break;
		v = v * 10 + d;
	}
	if (digits == 0 || digits > 3 || !*q)
		return 0;
	nb = q - s;
	c = g_utf8_get_char(q);
	if (c != '.' && c != ')' && c != 0xFF0E && c != 0xFF09 && c != 0x3001 && c != 0x06D4)
		return 0;
	q = g_utf8_next_char(q);
	c = g_utf8_get_char(q);
	if (g_unichar_isspace(c)) {
		while (*q && g_unichar_isspace(g_utf8_get_char(q)))
			q = g_utf8_next_char(q);
	} else if (!warta_cjk_square(c)) {
		return 0;
	}
	if (!*q)
		return 0;
	*skip = q - s;
	*no = v;
	return nb;
}

/* A candidate's number and title: a one-item list's, or a numbered
 * paragraph's (para_number). */
static int
cand_start(const struct warta_node *n)
{
	size_t skip;
	int no = 0;

	if (n->type == WARTA_NODE_LIST)
		return n->as.list.start;
	para_number(n, &skip, &no);
	return no;
}

static char *
cand_title(const struct warta_node *n)
{
	size_t skip = 0;
	int no;
	char *s, *t;

	if (n->type == WARTA_NODE_LIST)
		return warta_node_plain_text(n->first->first);
	s = warta_node_plain_text(n);
	para_number(n, &skip, &no);
	t = g_strdup(skip <= strlen(s) ? s + skip : "");
	g_free(s);
	return t;
}

static void
move_children(struct warta_node *from, struct warta_node *to)
{
	while (from->first) {
		struct warta_node *c = from->first;

		warta_node_unlink(c);
		warta_node_append(to, c);
	}
}

/* "1. " at the start of a heading's first text: the number, moved out. */
static void
heading_number(struct ar_ctx *cx, struct warta_node *h)
{
	struct warta_node *t = h->first, *rest;
	const char *s;
	size_t i = 0, k;

	if (!t || t->type != WARTA_NODE_TEXT || !t->text)
		return;
	s = t->text;
	while (i < 3 && g_ascii_isdigit(s[i]))
		i++;
	if (i == 0 || (s[i] != '.' && s[i] != ')') || (s[i + 1] != ' ' && s[i + 1] != '\t'))
		return;
	k = i + 1;
	while (s[k] == ' ' || s[k] == '\t')
		k++;
	if (!s[k])
		return;
	h->as.heading.number = g_strndup(s, i);
	rest = ar_text_slice(cx, t, k, strlen(s));
	warta_node_insert_before(t, rest);
	ar_node_drop(cx, t);
}

/* Markdown numbers the items of a list itself; an article that starts
 * again at a lower number ("1. … 6." then "1. … 4.") has two lists, or
 * more: each item numbered no higher than the one before starts a new
 * list after it.  One pass, each item moved at most once ("1." a thousand
 * times is a thousand lists; splitting off one at a time and walking the
 * rest again took the square of the items).  An item without a number as
 * written ends the splitting: it and the rest stay in the list they are
 * in. */
static void
split_list(struct ar_ctx *cx, struct warta_node *l)
{
	struct warta_node *it = l->first, *next, *cur = l, *last;
	int prev, no, end_line = l->end_line, end_col = l->end_col;

	if (!it || !g_hash_table_contains(cx->item_no, it))
		return;
	prev = GPOINTER_TO_INT(g_hash_table_lookup(cx->item_no, it));
	last = it;
	for (it = it->next; it; it = next) {
		next = it->next;
		if (!g_hash_table_contains(cx->item_no, it)) {
			if (cur == l)
				return;
			for (; it; it = next) {       /* the rest into the last list */
				next = it->next;
				warta_node_unlink(it);
				warta_node_append(cur, it);
				warta_count(WARTA_COUNT_ITEMS_MOVED, 1);
			}
			return;
		}
		no = GPOINTER_TO_INT(g_hash_table_lookup(cx->item_no, it));
		if (no <= prev) {
			struct warta_node *nl = warta_node_new(WARTA_NODE_LIST, it->line, it->col);

			nl->as.list = l->as.list;
			nl->as.list.start = no;
			nl->end_line = end_line;
			nl->end_col = end_col;
			cur->end_line = last->end_line;
			cur->end_col = last->end_col;
			if (cur->next)
				warta_node_insert_before(cur->next, nl);
			else
				warta_node_append(cur->parent, nl);
			cur = nl;
		}
		if (cur != l) {
			warta_node_unlink(it);
			warta_node_append(cur, it);
			warta_count(WARTA_COUNT_ITEMS_MOVED, 1);
		}
		prev = no;
		last = it;
	}
}

/* A step of a numbered run may end with a full stop ("1. Catat
 * pengeluaran."): a short line of one sentence, at most 10 words and 80
 * characters, not ending in ! ? : ; , (a question or a lead-in is an item). */
static int
short_step(const char *s)
{
	char *t = g_strdup(s);
	size_t n;
	int r;

	g_strchomp(t);
	n = strlen(t);
	if (n > 1 && t[n - 1] == '.' && t[n - 2] != '.') {
		t[n - 1] = '\0';
		/* one sentence: no full stop and space inside */
		r = !strstr(t, ". ") && short_title(t);
	} else
		r = short_title(t);
	g_free(t);
	return r;
}

/* Candidates are one-item ordered lists of one line.  Candidates whose
 * numbers follow each other (1, then 2 further on, …) form a run, and a
 * run is read one way: section headings when every step is a short line
 * (short_step), else list items.  A candidate alone is a heading when it is
 * a short title (short_title) and does not follow a paragraph ending in a
 * colon ("Berikut syaratnya:"), which introduces a list. */
static void
decide_runs(struct ar_ctx *cx, GPtrArray *cands, GHashTable *yes)
{
	guint i = 0, j, k;

	while (i < cands->len) {
		struct warta_node *a = cands->pdata[i];
		int ok = 1, bad = -1;

		for (j = i + 1; j < cands->len; j++) {
			struct warta_node *b = cands->pdata[j], *p = cands->pdata[j - 1];

			if (cand_start(b) != cand_start(p) + 1)
				break;
		}
		if (j - i == 1) {
			char *s = cand_title(a);

			if (short_title(s) && !ends_with_colon(ar_prev_block(a)))
				g_hash_table_add(yes, a);
			g_free(s);
			i = j;
			continue;
		}
		for (k = i; k < j && ok; k++) {
			char *s = cand_title(cands->pdata[k]);

			ok = short_step(s);
			if (!ok)
				bad = (int)k;
			g_free(s);
		}
		if (ok) {
			for (k = i; k < j; k++)
				g_hash_table_add(yes, cands->pdata[k]);
			ar_diag_node(cx, WARTA_NOTE, a,
			             "numbered run %d-%d (%u lines between paragraphs) read as section headings: every step is a short line",
			             cand_start(a), cand_start(cands->pdata[j - 1]), j - i);
		} else {
			struct warta_node *b = cands->pdata[bad];

			ar_diag_node(cx, WARTA_NOTE, a,
			             "numbered run %d-%d (%u lines between paragraphs) read as list items: step %d (line %d) is a sentence or longer than 10 words",
			             cand_start(a), cand_start(cands->pdata[j - 1]), j - i, cand_start(b), b->line);
		}
		i = j;
	}
}

/* The numbered paragraph n (para_number) as a section heading, the
 * number in the author's digits. */
static void
para_heading(struct ar_ctx *cx, struct warta_node *n)
{
	struct warta_node *h = warta_node_new(WARTA_NODE_HEADING, n->line, n->col), *t, *rest;
	size_t skip = 0, nb;
	int no;

	nb = para_number(n, &skip, &no);
	h->end_line = n->end_line;
	h->end_col = n->end_col;
	h->as.heading.level = 2;
	t = n->first;
	h->as.heading.number = g_strndup(t->text, nb);
	rest = ar_text_slice(cx, t, skip, strlen(t->text));
	warta_node_insert_before(t, rest);
	ar_node_drop(cx, t);
	move_children(n, h);
	warta_node_insert_before(n, h);
	ar_node_drop(cx, n);
}

void
ar_sections(struct ar_ctx *cx)
{
	struct warta_node *n, *next;
	GPtrArray *cands = g_ptr_array_new();
	GHashTable *yes = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (n = cx->doc->root->first; n; n = n->next) {
		size_t skip;
		int no;

		if (n->type == WARTA_NODE_LIST && n->as.list.ordered)
			split_list(cx, n);
		if (step_list(n) || para_number(n, &skip, &no))
			g_ptr_array_add(cands, n);
	}
	decide_runs(cx, cands, yes);
	for (n = cx->doc->root->first; n; n = next) {
		next = n->next;
		if (n->type == WARTA_NODE_HEADING) {
			if (n->as.heading.level < 2)
				n->as.heading.level = 2;
			heading_number(cx, n);
		} else if (g_hash_table_contains(yes, n) && n->type == WARTA_NODE_PARAGRAPH) {
			para_heading(cx, n);
		} else if (g_hash_table_contains(yes, n)) {
			struct warta_node *h = warta_node_new(WARTA_NODE_HEADING, n->line, n->col);

			h->end_line = n->end_line;
			h->end_col = n->end_col;
			h->as.heading.level = 2;
			h->as.heading.number = g_strdup_printf("%d", n->as.list.start);
			move_children(n->first->first, h);
			warta_node_insert_before(n, h);
			ar_node_drop(cx, n);
		}
	}
	g_ptr_array_free(cands, TRUE);
	g_hash_table_destroy(yes);
}

/* ------------------------------------------------ unnumbered sub-headings */

struct warta_node *
ar_prev_block(const struct warta_node *n)
{
	for (n = n->prev; n && n->type == WARTA_NODE_ORPHAN_CAPTION; n = n->prev)
		;
	return (struct warta_node *)n;
}

struct warta_node *
ar_next_block(const struct warta_node *n)
{
	for (n = n->next; n && n->type == WARTA_NODE_ORPHAN_CAPTION; n = n->next)
		;
	return (struct warta_node *)n;
}

/* A sub-heading line, in every language: one short line standing alone
 * ("Road closures", "What the vote means for the coalition", "المبيدات
 * الحشرية", "CP值高到令人害怕的餐廳"):
 *  - at most 8 words and 60 characters (text with Han: 24 characters);
 *  - no sentence punctuation at its end (a closing parenthesis is fine);
 *  - no colon, slash or bar in it (captions, credits, times, labels);
 *  - it starts with a letter, and in a script with case with a capital. */
#define SUBHEAD_MAX_WORDS 8
#define SUBHEAD_MAX_CHARS 60
#define SUBHEAD_MAX_CJK 24

static int
subheading_text(const char *s)
{
	const char *p;
	glong n = g_utf8_strlen(s, -1);
	int words = 0, in = 0, cjk = 0;
	gunichar first = g_utf8_get_char(s), last = 0;

	if (n == 0 || n > SUBHEAD_MAX_CHARS || g_unichar_isdigit(first) ||
	    (g_unichar_islower(first)) || !g_unichar_isalpha(first))
		return 0;
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == ':' || c == 0xFF1A || c == '|' || c == '/' || c == 0xFF0F || c == 0xFF5C)
			return 0;
		if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN)
			cjk++;
		if (g_unichar_isspace(c))
			in = 0;
		else {
			if (!in)
				words++;
			in = 1;
			last = c;
		}
	}
	if (words > SUBHEAD_MAX_WORDS || (cjk && n > SUBHEAD_MAX_CJK))
		return 0;
	return !g_unichar_ispunct(last) || last == ')' || last == 0xFF09;
}

/* Sentence punctuation ends the text (closing quotes and brackets aside). */
static int
ends_sentence(const char *s)
{
	const char *e = s + strlen(s);

	while (e > s) {
		const char *p = g_utf8_prev_char(e);
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c) || c == '"' || c == '\'' || c == 0x201D || c == 0x2019 ||
		    c == 0xBB || c == ')' || c == 0x300D || c == 0x300F || c == 0xFF09) {
			e = p;
			continue;
		}
		return c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026 || c == 0x3002 ||
		       c == 0xFF01 || c == 0xFF1F || c == 0xFF1A || c == 0x061F || c == 0x06D4;
	}
	return 0;
}

/* Its place: after a block of text (not at the start of the body, not
 * after a heading) and before a paragraph of sentences (ending in sentence
 * punctuation, or more than twice as long as the line), a list, a table or
 * a quotation. */
static int
subheading_candidate(const struct warta_node *n)
{
	const struct warta_node *prev = ar_prev_block(n), *next = ar_next_block(n);
	char *s, *t;
	int r;

	if (n->type != WARTA_NODE_PARAGRAPH || !prev || !next || !only_inline_text(n))
		return 0;
	if (prev->type != WARTA_NODE_PARAGRAPH && prev->type != WARTA_NODE_LIST &&
	    prev->type != WARTA_NODE_BLOCKQUOTE && prev->type != WARTA_NODE_TABLE &&
	    prev->type != WARTA_NODE_PULLQUOTE)
		return 0;
	if (next->type != WARTA_NODE_PARAGRAPH && next->type != WARTA_NODE_LIST &&
	    next->type != WARTA_NODE_BLOCKQUOTE && next->type != WARTA_NODE_TABLE)
		return 0;
	s = warta_node_plain_text(n);
	r = subheading_text(s);
	if (r && next->type == WARTA_NODE_PARAGRAPH) {
		t = warta_node_plain_text(next);
		r = strlen(t) > 2 * strlen(s) || ends_sentence(t);
		g_free(t);
	}
	g_free(s);
	return r;
}

/* Only when the article has two or more: one short line alone may be
 * anything (a shout, a name, the end of a scrape). */
void
ar_subheadings(struct ar_ctx *cx)
{
	GPtrArray *c = g_ptr_array_new();
	struct warta_node *n;
	guint i;

	for (n = cx->doc->root->first; n; n = n->next)
		if (subheading_candidate(n))
			g_ptr_array_add(c, n);
	for (i = 0; c->len >= 2 && i < c->len; i++) {
		struct warta_node *p = c->pdata[i];
		struct warta_node *h = warta_node_new(WARTA_NODE_HEADING, p->line, p->col);

		h->end_line = p->end_line;
		h->end_col = p->end_col;
		h->as.heading.level = 2;
		move_children(p, h);
		warta_node_insert_before(p, h);
		ar_node_drop(cx, p);
	}
	g_ptr_array_free(c, TRUE);
}

/* ------------------------------------------------ standfirst */

/* The standfirst (the deck) some sites put first in the body: a one-item
 * bullet list ("- Harga beras naik 12 persen …") or a paragraph all in
 * bold, before the first paragraph.  It becomes the deck when the article
 * has none (a deck from the front matter leaves the body as it is). */
#define STANDFIRST_MAX_CHARS 400

void
ar_standfirst(struct ar_ctx *cx)
{
	struct warta_node *n = cx->doc->root->first, *text = NULL, *next;
	char *s, *note;

	while (n && n->type == WARTA_NODE_ORPHAN_CAPTION)
		n = n->next;
	if (!n || (cx->doc->meta.subtitle && *cx->doc->meta.subtitle))
		return;
	next = ar_next_block(n);
	if (!next || next->type != WARTA_NODE_PARAGRAPH)
		return;
	if (n->type == WARTA_NODE_LIST && !n->as.list.ordered && n->first && !n->first->next &&
	    n->first->first && !n->first->first->next && n->first->first->type == WARTA_NODE_PARAGRAPH)
		text = n->first->first;
	else if (n->type == WARTA_NODE_PARAGRAPH && n->first && n->first == n->last &&
	         n->first->type == WARTA_NODE_STRONG)
		text = n;
	if (!text)
		return;
	s = warta_node_plain_text(text);
	g_strstrip(s);
	if (!*s || g_utf8_strlen(s, -1) > STANDFIRST_MAX_CHARS) {
		g_free(s);
		return;
	}
	note = ar_note_text(s);
	ar_diag_node(cx, WARTA_NOTE, n, "standfirst moved to the deck: %s", note);
	g_free(note);
	/* one line: soft breaks read as spaces */
	g_strdelimit(s, "\n", ' ');
	cx->doc->meta.subtitle = s;
	ar_node_drop(cx, n);
}

/* ------------------------------------------------ spaces */

/* A run of spaces and tabs in a text node (a scrape's double spaces), or
 * one tab, is set as one space; no-break spaces (U+00A0, U+202F) and fixed-width spaces
 * (U+2000–U+200A, U+3000) are the author's and stay.  A space ending a
 * text node followed by one starting the next text in the same block goes
 * too.  Code is never touched. */
static void
collapse(struct ar_ctx *cx, struct warta_node *t, int after_space)
{
	const char *s = t->text;
	size_t i = 0, n = strlen(s), seg = 0;
	struct ar_run *r = ar_run_get(cx, t), *nr = NULL, *piece;
	GString *g = NULL;

	/* one pass: the kept pieces copied once, text and source map alike */
	while (i < n) {
		size_t j, keep;

		if (s[i] != ' ' && s[i] != '\t') {
			for (i++; i < n && s[i] != ' ' && s[i] != '\t'; i++)
				;
			continue;
		}
		for (j = i; j < n && (s[j] == ' ' || s[j] == '\t'); j++)
			;
		/* one space stays (a single tab becomes one: no page sets a
		 * tab stop in prose, and a tab drawn as nothing joined the
		 * words it parted), none at the start of a text that follows a
		 * space (unless it is all spaces) */
		keep = (i == 0 && after_space && j < n) ? 0 : 1;
		if (!keep || j - i > 1 || s[i] == '\t') {
			if (!g) {
				g = g_string_sized_new(n);
				nr = r ? ar_run_new() : NULL;
			}
			g_string_append_len(g, s + seg, (gssize)(i + keep - seg));
			if (keep)
				g->str[g->len - 1] = ' ';
			if (nr) {
				piece = ar_run_slice(r, seg, i + keep);
				ar_run_append(nr, piece);
				ar_run_free(piece);
			}
			seg = j;
		}
		i = j;
	}
	if (!g)
		return;
	g_string_append_len(g, s + seg, (gssize)(n - seg));
	if (nr) {
		piece = ar_run_slice(r, seg, n);
		ar_run_append(nr, piece);
		ar_run_free(piece);
		ar_run_set(cx, t, nr);
	}
	g_free(t->text);
	t->text = g_string_free(g, FALSE);
}

void
ar_spaces(struct ar_ctx *cx)
{
	struct warta_node *n = cx->doc->root, *prev_text = NULL;

	while ((n = warta_node_next(n, cx->doc->root)) != NULL) {
		if (n->type == WARTA_NODE_CODE_BLOCK || n->type == WARTA_NODE_HTML_BLOCK) {
			prev_text = NULL;
			continue;
		}
		if (warta_node_is_block(n)) {
			prev_text = NULL;
			continue;
		}
		if (n->type == WARTA_NODE_TEXT && n->text) {
			int after = prev_text && prev_text->text && *prev_text->text &&
			            g_str_has_suffix(prev_text->text, " ");

			collapse(cx, n, after);
			prev_text = n;
		} else if (n->type == WARTA_NODE_SOFTBREAK || n->type == WARTA_NODE_LINEBREAK ||
		           n->type == WARTA_NODE_CODE || n->type == WARTA_NODE_HTML_INLINE ||
		           n->type == WARTA_NODE_IMAGE || n->type == WARTA_NODE_FOOTNOTE_REF)
			prev_text = NULL;
	}
}

static void
slug(GString *out, const char *s)
{
	int dash = 0;

	for (; *s; s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);

		if (g_unichar_isalnum(c)) {
			if (dash && out->len > 0)
				g_string_append_c(out, '-');
			dash = 0;
			if (c < 0x80)
				g_string_append_c(out, g_ascii_tolower((char)c));
			else
				g_string_append_unichar(out, g_unichar_tolower(c));
		} else
			dash = 1;
		if (out->len > 48)
			break;
	}
}

void
ar_heading_ids(struct ar_ctx *cx)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	struct warta_node *n;
	int k = 0;

	for (n = cx->doc->root->first; n; n = n->next) {
		GString *id;
		char *text;
		int i;

		if (n->type != WARTA_NODE_HEADING)
			continue;
		k++;
		id = g_string_new("sec-");
		if (n->as.heading.number) {
			const char *q;

			/* in ASCII digits ("３", "٣" are the author's: sec-3) */
			for (q = n->as.heading.number; *q; q = g_utf8_next_char(q)) {
				gunichar c = g_utf8_get_char(q);

				if (g_unichar_digit_value(c) >= 0)
					g_string_append_c(id, '0' + g_unichar_digit_value(c));
				else
					g_string_append_unichar(id, c);
			}
		} else {
			text = warta_node_plain_text(n);
			slug(id, text);
			g_free(text);
			if (id->len == 4)
				g_string_append_printf(id, "%d", k);
		}
		if (g_hash_table_contains(seen, id->str)) {
			/* "sec-x-2", "sec-x-3" …: seen keeps the next suffix of each
			 * id, so many equal headings stay linear */
			char *base = g_strdup(id->str);

			i = GPOINTER_TO_INT(g_hash_table_lookup(seen, base));
			if (i < 2)
				i = 2;
			do
				g_string_printf(id, "%s-%d", base, i++);
			while (g_hash_table_contains(seen, id->str));
			g_hash_table_insert(seen, base, GINT_TO_POINTER(i));
		}
		g_hash_table_insert(seen, g_strdup(id->str), GINT_TO_POINTER(0));
		n->as.heading.id = g_string_free(id, FALSE);
	}
	g_hash_table_destroy(seen);
}

/* ------------------------------------------------ pull quotes */

#define PULL_MARKER "[!PULLQUOTE]"

/* The marker line: the first line of q's first paragraph is exactly
 * "[!PULLQUOTE]" (any case) both in the source and as text, so an escaped
 * "\[!PULLQUOTE\]" or one inside emphasis or code stays text.  Returns the
 * marker's line break in *brk (NULL when the paragraph ends there) and
 * where the marker is in *at (clean offset). */
static int
pull_marker(struct ar_ctx *cx, struct warta_node *q, struct warta_node **brk, size_t *at)
{
	struct warta_node *p = q->first, *c;
	GString *s;
	size_t off, e;
	const char *t = cx->src->clean;
	int ok;

	*brk = NULL;
	if (!p || p->type != WARTA_NODE_PARAGRAPH || !p->first || p->first->type != WARTA_NODE_TEXT)
		return 0;
	s = g_string_new(NULL);
	for (c = p->first; c; c = c->next) {
		if (c->type == WARTA_NODE_SOFTBREAK || c->type == WARTA_NODE_LINEBREAK) {
			*brk = c;
			break;
		}
		if (c->type != WARTA_NODE_TEXT)
			break;
		g_string_append(s, c->text);
	}
	ok = (c == NULL || *brk) && g_ascii_strcasecmp(g_strstrip(s->str), PULL_MARKER) == 0;
	g_string_free(s, TRUE);
	if (!ok || (off = ar_text_off(cx, p->first, 0)) == (size_t)-1 || (off > 0 && t[off - 1] == '\\'))
		return 0;
	*at = off;
	for (e = off; e < cx->src->clean_len && t[e] != '\n'; e++)
		;
	while (e > off && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	return e - off == strlen(PULL_MARKER) && g_ascii_strncasecmp(t + off, PULL_MARKER, e - off) == 0;
}

/* A block quote whose first line is "> [!PULLQUOTE]" (GitHub's alert form)
 * becomes a pull quote of the quote's other blocks; the marker line goes.
 * The pull quote keeps the block quote's extent, marker line included. */
void
ar_pullquotes(struct ar_ctx *cx)
{
	struct warta_walk w;
	struct warta_node *n;

	warta_walk_init(&w, cx->doc->root);
	while (warta_walk_next(&w, &n) != WARTA_WALK_DONE) {
		struct warta_node *brk, *p;
		size_t at;

		if (w.ev == WARTA_WALK_ENTER && n->type == WARTA_NODE_BLOCKQUOTE &&
		    pull_marker(cx, n, &brk, &at)) {
			p = n->first;
			while (p->first && p->first != brk)
				ar_node_drop(cx, p->first);
			if (brk)
				ar_node_drop(cx, brk);
			if (!p->first)
				ar_node_drop(cx, p);
			else {
				/* the paragraph now starts on the next line */
				p->line = p->first->line;
				p->col = p->first->col;
			}
			n->type = WARTA_NODE_PULLQUOTE;
			if (!n->first) {
				ar_diag_at(cx, WARTA_WARNING, at,
				           "pull quote with nothing in it: dropped");
				warta_walk_skip(&w);
				ar_node_drop(cx, n);
			}
		}
	}
}
