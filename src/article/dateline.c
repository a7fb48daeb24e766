/* dateline.c — the article layer: the dateline at the start of the first
 * paragraph ("JAKARTA - ", "jpnn.com, JAKARTA - ", "DUNNIGAN, Calif. — ",
 * "JAKARTA (ANTARA) - ") becomes a dateline node, its place the article's
 * dateline.  Looks at the first DATELINE_MAX bytes only. */
#include <string.h>

#include "article/reader.h"

/* A dateline is looked for in the first bytes only. */
#define DATELINE_MAX 80

static int
is_domain(const char *s)
{
	const char *dot = strrchr(s, '.');
	const char *p;

	if (!dot || !g_ascii_isalnum(s[0]) || strlen(dot + 1) < 2)
		return 0;
	for (p = s; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-')
			return 0;
	for (p = dot + 1; *p; p++)
		if (!g_ascii_isalpha(*p))
			return 0;
	return 1;
}

/* Words of letters (with . ' - inside); caps: 1 all upper case, 2 each
 * word capitalised; returns the word count, 0 when not a name. */
static int
name_words(const char *s, int *caps)
{
	int words = 0, in = 0, all_upper = 1, title = 1, letters = 0;
	const char *p;

	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == ' ') {
			in = 0;
			continue;
		}
		if (!g_unichar_isalpha(c) && c != '.' && c != '\'' && c != '-' && c != 0x2019)
			return 0;
		if (!in && !g_unichar_isalpha(c))
			return 0;   /* a word starts with a letter */
		if (g_unichar_isalpha(c)) {
			letters++;
			if (g_unichar_islower(c))
				all_upper = 0;
			if (!in && !g_unichar_isupper(c))
				title = 0;
		}
		if (!in)
			words++;
		in = 1;
	}
	if (letters < 2)
		return 0;
	*caps = all_upper ? 1 : title ? 2 : 0;
	return words;
}

/* "Calif.", "Minn.", "D.C.": an abbreviated region after a place. */
static int
is_abbrev(const char *s)
{
	size_t n = strlen(s);

	return n >= 2 && n <= 6 && s[n - 1] == '.' && g_ascii_isupper(s[0]) && !strchr(s, ' ');
}

/* The first dash of text: "-", "--", "–", "—", "―" followed by a space
 * (its length in *dlen); NULL when there is none in the first DATELINE_MAX
 * bytes, or a hyphenated word comes before it. */
static const char *
first_dash(const char *text, size_t *dlen)
{
	const char *p;

	for (p = text; *p && p - text < DATELINE_MAX; p = g_utf8_next_char(p)) {
		if (p[0] == '-' && p[1] == '-')
			*dlen = 2;
		else if (p[0] == '-')
			*dlen = 1;
		else if (g_str_has_prefix(p, "\xE2\x80\x93") || g_str_has_prefix(p, "\xE2\x80\x94") ||
		         g_str_has_prefix(p, "\xE2\x80\x95"))
			*dlen = 3;
		else
			continue;
		if (p[*dlen] != ' ' && p[*dlen] != '\t' && !g_str_has_prefix(p + *dlen, "\xC2\xA0")) {
			if (p[0] == '-' && p > text && p[-1] != ' ')
				return NULL;   /* a hyphenated word before any dash */
			continue;
		}
		return p;
	}
	return NULL;
}

/* "JAKARTA (ANTARA)": cuts the parenthesis off prefix and returns what is
 * in it (NULL when there is none); 0 when the parenthesis is not one. */
static int
cut_paren(char *prefix, char **paren)
{
	char *open;

	*paren = NULL;
	if (!g_str_has_suffix(prefix, ")") || !(open = strrchr(prefix, '(')))
		return 1;
	*paren = g_strstrip(g_strndup(open + 1, strlen(open + 1) - 1));
	*open = '\0';
	g_strstrip(prefix);
	if (!**paren || strchr(*paren, '(')) {
		g_free(*paren);
		*paren = NULL;
		return 0;
	}
	return 1;
}

/* "JAKARTA", "Jakarta" (then the text after must start a sentence: it
 * starts with c, or the dash is attached, or an agency is in parentheses). */
static void
one_part(const char *part, gunichar c, int attached, int paren, char **place)
{
	int caps = 0, w = name_words(part, &caps);

	if (w >= 1 && w <= 4 && caps == 1)
		*place = g_strdup(part);
	else if (w >= 1 && w <= 2 && caps == 2 &&
	         (g_unichar_isupper(c) || g_unichar_isdigit(c) || attached || paren || c == '"' ||
	          c == 0x201C))
		*place = g_strdup(part);
}

/* "jpnn.com, JAKARTA", "JAKARTA, kompas.com", "DUNNIGAN, Calif.",
 * "Jakarta, Antara". */
static void
two_parts(char **parts, char **place, char **agency)
{
	int caps = 0, caps2 = 0;
	int w = name_words(parts[0], &caps), w2 = name_words(parts[1], &caps2);

	if (is_domain(parts[0]) && w2 >= 1 && w2 <= 4 && caps2) {
		*agency = g_strdup(parts[0]);
		*place = g_strdup(parts[1]);
	} else if (is_domain(parts[1]) && w >= 1 && w <= 4 && caps) {
		*place = g_strdup(parts[0]);
		*agency = g_strdup(parts[1]);
	} else if (w >= 1 && w <= 4 && caps == 1 && w2 >= 1 && w2 <= 2 &&
	           (is_abbrev(parts[1]) || caps2)) {
		*place = g_strdup_printf("%s, %s", parts[0], parts[1]);
	} else if (w >= 1 && w <= 2 && caps == 2 && w2 >= 1 && w2 <= 3 && caps2) {
		*place = g_strdup(parts[0]);
		*agency = g_strdup(parts[1]);
	}
}

size_t
ar_dateline_match(const char *text, char **place, char **agency)
{
	const char *dash, *after;
	size_t dlen = 0;
	char *prefix, **parts;
	int n, attached;
	char *paren = NULL;

	*place = *agency = NULL;
	dash = first_dash(text, &dlen);
	if (!dash || dash == text)
		return 0;
	attached = dash[-1] != ' ' && dash[-1] != '\t';
	after = dash + dlen;
	while (*after == ' ' || *after == '\t' || g_str_has_prefix(after, "\xC2\xA0"))
		after += *after == ' ' || *after == '\t' ? 1 : 2;
	if (!*after)
		return 0;
	prefix = g_strstrip(g_strndup(text, (size_t)(dash - text)));
	if (!cut_paren(prefix, &paren)) {
		g_free(prefix);
		return 0;
	}
	parts = g_strsplit(prefix, ",", 3);
	for (n = 0; parts[n]; n++)
		g_strstrip(parts[n]);
	if (n == 1)
		one_part(parts[0], g_utf8_get_char(after), attached, paren != NULL, place);
	else if (n == 2 && *parts[0] && *parts[1])
		two_parts(parts, place, agency);
	if (*place && paren) {
		if (*agency) {
			char *a = g_strdup_printf("%s (%s)", *agency, paren);

			g_free(*agency);
			*agency = a;
		} else
			*agency = g_strdup(paren);
	}
	g_free(paren);
	g_strfreev(parts);
	g_free(prefix);
	if (!*place) {
		g_free(*agency);
		*agency = NULL;
		return 0;
	}
	return (size_t)(after - text);
}

void
ar_dateline(struct ar_ctx *cx)
{
	struct warta_node *para, *t, *dl, *rest;
	char *place, *agency;
	size_t n, dend;

	for (para = cx->doc->root->first; para && para->type != WARTA_NODE_PARAGRAPH; para = para->next)
		if (para->type != WARTA_NODE_HEADING && para->type != WARTA_NODE_THEMATIC_BREAK &&
		    para->type != WARTA_NODE_HTML_BLOCK)
			return;   /* the article does not open with a paragraph */
	if (!para || !(t = para->first) || t->type != WARTA_NODE_TEXT || !t->text)
		return;
	n = ar_dateline_match(t->text, &place, &agency);
	if (n == 0)
		return;
	dl = warta_node_new(WARTA_NODE_DATELINE, t->line, t->col);
	dl->as.dateline.place = place;
	dl->as.dateline.agency = agency;
	/* the dateline as written, without the spaces after the dash */
	dend = n;
	while (dend > 0 && (t->text[dend - 1] == ' ' || t->text[dend - 1] == '\t' ||
	                    (unsigned char)t->text[dend - 1] == 0xA0))
		dend -= (unsigned char)t->text[dend - 1] == 0xA0 ? 2 : 1;
	dl->text = g_strndup(t->text, dend);
	if (ar_text_off(cx, t, 0) != (size_t)-1)
		ar_set_pos(cx, dl, ar_text_off(cx, t, 0), ar_text_off(cx, t, dend > 0 ? dend - 1 : 0));
	warta_node_insert_before(t, dl);
	if (n < strlen(t->text)) {
		rest = ar_text_slice(cx, t, n, strlen(t->text));
		warta_node_insert_before(t, rest);
	}
	ar_node_drop(cx, t);
	if (!cx->doc->meta.dateline)
		cx->doc->meta.dateline = g_strdup(place);
}
