/* byline.c — bylines and credits written in the body text.  Scraped
 * articles keep the byline as a line of the text ("Oleh: Rina Sari",
 * "By Jane Doe", "記者王小明／台北報導", "بقلم: …") and end with the
 * agency's code of reporter and editor ("(ant/rd)").  The reader moves them
 * to the metadata, so the byline is set once, where the design puts it:
 *
 *  - a paragraph of one line among the first three blocks of the body (or
 *    the last two), matching a pattern of the table below for the article's
 *    language, gives meta.author and leaves the body; a place in it
 *    ("台北報導") gives meta.dateline when there is none;
 *  - an agency code in parentheses at the very end of the body, alone or
 *    after the last sentence, moves to meta.source (appended to a source
 *    the front matter gave);
 *  - a byline the front matter already has (the same name) only leaves the
 *    body; a different one stays in the body (nothing is lost);
 *  - each move is a -v note.
 */
#include <string.h>

#include "article/reader.h"

struct byline_pat {
	const char *langs;     /* space-separated primary tags; "*": any */
	const char *re;        /* GRegex, anchored, case-insensitive; group "name", optional "place" */
};

/* README "Bylines" repeats this table. */
static const struct byline_pat byline_pats[] = {
	{ "id ms", "(?:Oleh|Penulis|Reporter|Pewarta|Laporan wartawan)\\s*:\\s*(?<name>\\p{Lu}.*)" },
	{ "id ms", "(?:Oleh|Laporan wartawan)\\s+(?<name>\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,4})" },
	{ "en", "By\\s+(?<name>\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:\\p{Lu}[\\p{L}.'’-]*|and|&|de|van|von|da|bin|binti),?){0,7})" },
	{ "en", "(?:Reporter|Written by|Words by|Story by)\\s*:?\\s*(?<name>\\p{Lu}.+)" },
	{ "zh", "[【\\[]?(?:記者|记者)(?<name>[^／/｜|]{1,20}?)\\s*[／/]\\s*(?<place>[^／/]{1,12}?)(?:報導|報道|报导|报道)[】\\]]?" },
	{ "zh", "[【\\[]?(?:記者|记者|作者|文)\\s*[：:／/]\\s*(?<name>[^：:]{1,20}?)[】\\]]?" },
	{ "ar", "بقلم\\s*:?\\s*(?<name>.+)" },
	{ "ar", "(?:كتب|كتبت)\\s*:\\s*(?<name>.+)" },
	{ NULL, NULL }
};

/* An agency code: "(ant/rd)", "(dtc/dnu)", "(rdp/imk)", "(ANT)"? no: lower
 * case letters, two to five, then one or more "/xx" parts. */
#define AGENCY_RE "\\((?:[a-z]{2,5})(?:/[a-z0-9]{1,5}){1,3}\\)"

#define AGENCY_TAIL 64
#define BYLINE_MAX_CHARS 100
#define BYLINE_HEAD 3      /* blocks at the start of the body looked at */
#define BYLINE_TAIL 2      /* … and at its end */

static int
lang_in(const char *langs, const char *lang)
{
	char **v;
	int i, r = 0;

	if (strcmp(langs, "*") == 0)
		return 1;
	v = g_strsplit(langs, " ", -1);
	for (i = 0; v[i] && !r; i++)
		r = warta_lang_is(lang, v[i]);
	g_strfreev(v);
	return r;
}

static int
single_line(const struct warta_node *p)
{
	const struct warta_node *c;

	if (!p || p->type != WARTA_NODE_PARAGRAPH || !p->first)
		return 0;
	for (c = p->first; c; c = c->next)
		if (c->type == WARTA_NODE_SOFTBREAK || c->type == WARTA_NODE_LINEBREAK ||
		    c->type == WARTA_NODE_IMAGE || c->type == WARTA_NODE_CODE)
			return 0;
	return 1;
}

/* The patterns compiled once per process (GRegex is safe to share between
 * threads; a match's GMatchInfo is each caller's): byline_pats' in its
 * order, then the agency code's. */
#define N_PATS (G_N_ELEMENTS(byline_pats) - 1)

static gpointer
compile_pats(gpointer unused)
{
	GRegex **re = g_new0(GRegex *, N_PATS + 1);
	size_t i;

	(void)unused;
	for (i = 0; i < N_PATS; i++) {
		char *full = g_strdup_printf("^(?:%s)$", byline_pats[i].re);

		re[i] = g_regex_new(full, G_REGEX_CASELESS, 0, NULL);
		g_free(full);
	}
	re[N_PATS] = g_regex_new("\\s{0,8}(" AGENCY_RE ")\\s{0,8}$", 0, 0, NULL);
	return re;
}

static GRegex *const *
pats(void)
{
	static GOnce once = G_ONCE_INIT;

	return g_once(&once, compile_pats, NULL);
}

/* The name (and place) of a byline, or 0. */
int
ar_byline_match(const char *text, const char *lang, char **name, char **place)
{
	int i, r = 0;
	char *s;

	*name = *place = NULL;
	s = g_strstrip(g_strdup(text));
	/* plain text: "**By Jane Doe**" reads as "By Jane Doe" */
	if (!*s || g_utf8_strlen(s, -1) > BYLINE_MAX_CHARS) {
		g_free(s);
		return 0;
	}
	for (i = 0; byline_pats[i].re && !r; i++) {
		GRegex *re = pats()[i];
		GMatchInfo *mi = NULL;

		if (!lang_in(byline_pats[i].langs, lang))
			continue;
		if (!re)
			continue;
		if (g_regex_match(re, s, 0, &mi)) {
			char *nm = g_match_info_fetch_named(mi, "name");
			char *pl = g_match_info_fetch_named(mi, "place");

			g_strstrip(nm);
			if (*nm) {
				*name = nm;
				if (pl && *g_strstrip(pl))
					*place = pl;
				else
					g_free(pl);
				r = 1;
			} else {
				g_free(nm);
				g_free(pl);
			}
		}
		g_match_info_free(mi);
	}
	g_free(s);
	return r;
}

/* The English "By" pattern is matched case-insensitively for "BY"/"by",
 * but every word of the name must start with a capital: checked here. */
static int
names_capitalised(const char *name, const char *lang)
{
	char **w;
	int i, ok = 1;
	static const char *const small[] = { "and", "de", "van", "von", "da", "bin", "binti", "&", NULL };

	if (!warta_lang_is(lang, "en"))
		return 1;
	w = g_strsplit_set(name, " \t,", -1);
	for (i = 0; w[i] && ok; i++) {
		if (!*w[i] || g_strv_contains(small, w[i]))
			continue;
		ok = g_unichar_isupper(g_utf8_get_char(w[i]));
	}
	g_strfreev(w);
	return ok;
}

static int
try_byline(struct ar_ctx *cx, struct warta_node *p)
{
	struct warta_meta *m = &cx->doc->meta;
	char *s, *name, *place, *note;
	int moved = 0;

	if (!single_line(p))
		return 0;
	s = warta_node_plain_text(p);
	if (!ar_byline_match(s, m->lang, &name, &place) || !names_capitalised(name, m->lang)) {
		g_free(s);
		g_free(name);
		g_free(place);
		return 0;
	}
	note = ar_note_text(s);
	if (!m->author || !*m->author) {
		g_free(m->author);
		m->author = g_strdup(name);
		cx->field_line[AR_F_AUTHOR] = p->line;
		cx->field_col[AR_F_AUTHOR] = p->col;
		ar_diag_node(cx, WARTA_NOTE, p, "byline moved to the article's author: %s", note);
		moved = 1;
	} else if (g_utf8_collate(m->author, name) == 0) {
		ar_diag_node(cx, WARTA_NOTE, p, "byline dropped, the author is already %s: %s",
		             m->author, note);
		moved = 1;
	}
	if (moved && place && !m->dateline)
		m->dateline = g_strdup(place);
	if (moved)
		ar_node_drop(cx, p);
	g_free(note);
	g_free(s);
	g_free(name);
	g_free(place);
	return moved;
}

/* "(ant/rd)" ending the last paragraph, or being all of it. */
static void
agency_code(struct ar_ctx *cx)
{
	struct warta_node *p = cx->doc->root->last, *t;
	struct warta_meta *m = &cx->doc->meta;
	GRegex *re;
	GMatchInfo *mi = NULL;
	int start, end;
	size_t tail;
	char *code;

	while (p && p->type == WARTA_NODE_ORPHAN_CAPTION)
		p = p->prev;
	if (!p || p->type != WARTA_NODE_PARAGRAPH || !(t = p->last) || t->type != WARTA_NODE_TEXT ||
	    !t->text)
		return;
	/* the code is short: only the text's last bytes are looked at, so a
	 * huge paragraph costs nothing here */
	tail = strlen(t->text);
	tail = tail > AGENCY_TAIL ? tail - AGENCY_TAIL : 0;
	while (tail > 0 && ((unsigned char)t->text[tail] & 0xC0) == 0x80)
		tail--;
	re = pats()[N_PATS];
	if (!g_regex_match_full(re, t->text, -1, (gint)tail, 0, &mi, NULL) ||
	    !g_match_info_fetch_pos(mi, 1, &start, &end)) {
		g_match_info_free(mi);
		return;
	}
	g_match_info_fetch_pos(mi, 0, &start, NULL);
	code = g_match_info_fetch(mi, 1);
	g_match_info_free(mi);
	if (m->source && *m->source) {
		char *s = g_strdup_printf("%s %s", m->source, code);

		g_free(m->source);
		m->source = s;
	} else {
		g_free(m->source);
		m->source = g_strdup(code);
	}
	if (start == 0 && t == p->first) {
		ar_diag_node(cx, WARTA_NOTE, p, "agency code moved to the source line: %s", code);
		ar_node_drop(cx, p);
	} else {
		size_t off = ar_text_off(cx, t, (size_t)start + (t->text[start] == ' ' ? 1 : 0));
		int line = 0, col = 0;

		if (off != (size_t)-1)
			ar_clean_pos(cx->src, off, &line, &col);
		else
			line = p->line, col = p->col;
		warta_diag(cx->d, WARTA_NOTE, cx->src->path, line, col,
		           "agency code moved to the source line: %s", code);
		if (start == 0) {
			ar_node_drop(cx, t);
		} else {
			struct warta_node *keep = ar_text_slice(cx, t, 0, (size_t)start);

			warta_node_insert_before(t, keep);
			ar_node_drop(cx, t);
		}
		/* the paragraph ends where its text now ends */
		for (t = p->last; t && t->type == WARTA_NODE_SOFTBREAK; t = p->last)
			ar_node_drop(cx, t);
		if ((t = p->last) && t->type == WARTA_NODE_TEXT && t->text && *t->text &&
		    (off = ar_text_off(cx, t, strlen(t->text) - 1)) != (size_t)-1) {
			struct warta_node tmp = { 0 };

			ar_set_pos(cx, &tmp, off, off);
			p->end_line = tmp.end_line;
			p->end_col = tmp.end_col;
		}
	}
	g_free(code);
}

void
ar_bylines(struct ar_ctx *cx)
{
	struct warta_node *n, *next;
	int k;

	for (n = cx->doc->root->first, k = 0; n && k < BYLINE_HEAD; n = next, k++) {
		next = n->next;
		if (n->type == WARTA_NODE_PARAGRAPH && try_byline(cx, n))
			break;   /* one byline */
	}
	agency_code(cx);
	for (n = cx->doc->root->last, k = 0; n && k < BYLINE_TAIL; n = next, k++) {
		next = n->prev;
		if (n->type == WARTA_NODE_PARAGRAPH && try_byline(cx, n))
			break;
	}
}
