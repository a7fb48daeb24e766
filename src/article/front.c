/* front.c — an article's shape before its body: lines, blank lines, the
 * title line, the date line ("date 2024-10-25 Title") and YAML front
 * matter (libyaml) into the document's metadata, with positions. */
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <yaml.h>

#include "article/reader.h"
#include "util/clock.h"
#include "util/date.h"

/* ------------------------------------------------ shapes */

/* Line k of the clean text: [*s, *e) without the LF; returns the next line's start. */
size_t
ar_next_line(const char *t, size_t len, size_t p, size_t *e)
{
	const char *nl = memchr(t + p, '\n', len - p);

	*e = nl ? (size_t)(nl - t) : len;
	return nl ? *e + 1 : len;
}

int
ar_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!g_ascii_isspace(s[i]))
			return 0;
	return 1;
}

/* Trims ASCII spaces, no-break spaces and bidi/zero-width marks at both ends. */
char *
ar_trim_title(const char *s, size_t n)
{
	const char *e = s + n;

	for (;;) {
		gunichar c;

		if (s >= e)
			break;
		c = g_utf8_get_char(s);
		if (!(g_unichar_isspace(c) || c == 0x200E || c == 0x200F || c == 0x200B || c == 0xFEFF ||
		      c == 0x061C || c == 0x00A0))
			break;
		s = g_utf8_next_char(s);
	}
	while (e > s) {
		const char *p = g_utf8_find_prev_char(s, e);
		gunichar c = g_utf8_get_char(p);

		if (!(g_unichar_isspace(c) || c == 0x200E || c == 0x200F || c == 0x200B || c == 0xFEFF ||
		      c == 0x061C || c == 0x00A0))
			break;
		e = p;
	}
	return g_strndup(s, (gsize)(e - s));
}

/* " date YYYY-MM-DD Title": returns 1 and fills meta when line [s, e) is one. */
int
ar_date_line(struct ar_ctx *cx, size_t s, size_t e)
{
	const char *t = cx->src->clean;
	size_t p = s, ds, ts;
	char *date;

	while (p < e && (t[p] == ' ' || t[p] == '\t'))
		p++;
	if (e - p < 15 || strncmp(t + p, "date", 4) != 0 || (t[p + 4] != ' ' && t[p + 4] != '\t'))
		return 0;
	p += 4;
	while (p < e && (t[p] == ' ' || t[p] == '\t'))
		p++;
	ds = p;
	while (p < e && (g_ascii_isdigit(t[p]) || t[p] == '-'))
		p++;
	if (p - ds != 10 || (p < e && t[p] != ' ' && t[p] != '\t'))
		return 0;
	date = g_strndup(t + ds, 10);
	if (!warta_date_valid(date)) {
		ar_diag_at(cx, WARTA_WARNING, ds, "not a valid date: %s", date);
		g_free(date);
	} else
		cx->doc->meta.date = date;
	while (p < e && (t[p] == ' ' || t[p] == '\t'))
		p++;
	ts = p;
	if (ts < e) {
		cx->doc->meta.title = ar_trim_title(t + ts, e - ts);
		if (*cx->doc->meta.title)   /* where the title's first letter is, past any marks */
			ts += (size_t)(strstr(t + ts, cx->doc->meta.title) - (t + ts));
		ar_clean_pos(cx->src, ts, &cx->doc->meta.title_line, &cx->doc->meta.title_col);
	}
	return 1;
}

/* ------------------------------------------------ YAML front matter */

/* Scalar node v's bytes, all of them (a "\0" escape is a NUL in them:
 * g_strndup would stop there), or NULL. */
static char *
yaml_scalar(yaml_document_t *doc, yaml_node_t *v)
{
	char *s;

	(void)doc;
	if (!v || v->type != YAML_SCALAR_NODE)
		return NULL;
	s = g_malloc(v->data.scalar.length + 1);
	memcpy(s, v->data.scalar.value, v->data.scalar.length);
	s[v->data.scalar.length] = '\0';
	return s;
}

/* Where the last line yaml_off found starts: the next mark at or after
 * that line is found from there (the keys come in order; walking from the
 * front matter's start for each took the square of the keys: 50,000 keys,
 * 6.6 s). */
struct yaml_cursor {
	size_t fs, line, p;
};

/* A libyaml mark (0-based line, column in characters) → clean offset;
 * cur (or NULL) remembers the line for the next call. */
static size_t
yaml_off(struct ar_ctx *cx, size_t fs, size_t fe, yaml_mark_t mk, struct yaml_cursor *cur)
{
	const char *t = cx->src->clean;
	size_t p = fs, line = 0, e;

	if (cur && cur->fs == fs && cur->line <= mk.line) {
		p = cur->p;
		line = cur->line;
	}
	while (line < mk.line && p < fe) {
		p = ar_next_line(t, fe, p, &e);
		line++;
		warta_count(WARTA_COUNT_YAML_LINES, 1);
	}
	if (cur) {
		cur->fs = fs;
		cur->line = line;
		cur->p = p;
	}
	ar_next_line(t, fe, p, &e);
	for (size_t c = 0; c < mk.column && p < e; c++)
		p = (size_t)(g_utf8_next_char(t + p) - t);
	return p < fe ? p : (fe > fs ? fe - 1 : fs);
}

/* Front matter deeper than this many flow collections ("[[[…]]]",
 * "{a: {b: …}}") is refused before libyaml sees it: libyaml's time grows with
 * the square of the depth (40,000 levels took 16 s). */
#define AR_YAML_MAX_DEPTH 64

/* Where the front matter t[0, n) opens its (AR_YAML_MAX_DEPTH + 1)th nested
 * flow collection, or (size_t)-1.  One pass: quoted scalars and comments
 * are skipped; a '[' or '{' counts only where a flow collection can start
 * (spaces between): outside one after ':', '-', '?' or at a line's start,
 * inside one after ':', ',', '?', '[' or '{'; so brackets inside a plain
 * scalar ("a [b] c") do not. */
static size_t
yaml_too_deep(const char *t, size_t n)
{
	size_t i, depth = 0;
	char prev = '\n';          /* the last character that was not a space */

	for (i = 0; i < n; i++) {
		char c = t[i];

		if (c == ' ' || c == '\t')
			continue;
		if (c == '#' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n')) {
			while (i < n && t[i] != '\n')
				i++;
			prev = '\n';
			continue;
		}
		if ((c == '"' || c == '\'') && strchr("\n:-,?[{", prev)) {
			for (i++; i < n; i++) {
				if (c == '"' && t[i] == '\\')
					i++;
				else if (t[i] == c) {
					if (c == '\'' && i + 1 < n && t[i + 1] == '\'')
						i++;   /* '' inside single quotes */
					else
						break;
				}
			}
			prev = c;
			continue;
		}
		if ((c == '[' || c == '{') && strchr(depth ? ":,?[{" : "\n:-?", prev)) {
			if (++depth > AR_YAML_MAX_DEPTH)
				return i;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		} else if (c == '[' || c == '{' || c == ',') {
			c = 'a';           /* inside a plain scalar: just a character */
		}
		prev = c;
	}
	return (size_t)-1;
}

/* The front matter being read: its document and where it is in the clean
 * text. */
struct fm {
	struct ar_ctx *cx;
	yaml_document_t *ydoc;
	size_t fs, fe;
	struct yaml_cursor *cur;        /* yaml_off's last line */
};

/* Where in the clean text node v starts (the front matter's start when
 * there is no node). */
static size_t
node_off(const struct fm *f, const yaml_node_t *v)
{
	return v ? yaml_off(f->cx, f->fs, f->fe, v->start_mark, f->cur) : f->fs;
}

/* Scalar node v's text, each control character the hygiene removes from
 * an article's text (NUL, C0 other than TAB, LF and CR, DEL, C1: a
 * "\0", "\x01" or "\e" escape) removed with a warning at the value:
 * a NUL cut the value short without a word. */
static char *
fm_scalar(const struct fm *f, yaml_node_t *v)
{
	char *s = yaml_scalar(f->ydoc, v);
	size_t len = s ? v->data.scalar.length : 0, i, o = 0;
	gunichar first = 0;
	int count = 0;

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		gunichar c = b < 0x80 ? b : 0x100;   /* 0x100: a byte of another character */

		if (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F)
			c = (unsigned char)s[i + 1];        /* a C1 control, U+0080..U+009F */
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
			if (!count++)
				first = c;
			i += c >= 0x80;
			continue;
		}
		s[o++] = s[i];
	}
	if (count == 1)
		ar_diag_at(f->cx, WARTA_WARNING, node_off(f, v),
		           "control character U+%04X in a front matter value removed", (unsigned)first);
	else if (count > 1)
		ar_diag_at(f->cx, WARTA_WARNING, node_off(f, v),
		           "%d control characters in a front matter value removed (first U+%04X)", count,
		           (unsigned)first);
	if (count)
		s[o] = '\0';
	return s;
}

/* The string a key sets (NULL: not a plain string key).  The lead
 * picture's keys go to cx->lead: image, image-alt, image-caption,
 * image-credit. */
static char **
string_slot(struct ar_ctx *cx, const char *key)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "title", offsetof(struct warta_meta, title) },
		{ "subtitle", offsetof(struct warta_meta, subtitle) },
		{ "deck", offsetof(struct warta_meta, subtitle) },
		{ "author", offsetof(struct warta_meta, author) },
		{ "byline", offsetof(struct warta_meta, author) },
		{ "source", offsetof(struct warta_meta, source) },
		{ "section", offsetof(struct warta_meta, section) },
		{ "dateline", offsetof(struct warta_meta, dateline) },
		{ "style", offsetof(struct warta_meta, style) },
		{ "lang", offsetof(struct warta_meta, lang) },
		{ "language", offsetof(struct warta_meta, lang) },
	};
	static const char *const lead[] = { "image", "image-alt", "image-caption", "image-credit" };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(keys); i++)
		if (strcmp(key, keys[i].key) == 0)
			return (char **)((char *)&cx->doc->meta + keys[i].off);
	for (i = 0; i < G_N_ELEMENTS(lead); i++)
		if (strcmp(key, lead[i]) == 0)
			return &cx->lead[i];
	return NULL;
}

/* priority: a newspaper's make-up, 1 the most important (the lead) … 99. */
static void
read_priority(const struct fm *f, const yaml_node_t *v, const char *val)
{
	char *end = NULL;
	long pr = val ? strtol(val, &end, 10) : 0;

	if (val && end != val && *end == '\0' && pr >= 1 && pr <= 99)
		f->cx->doc->meta.priority = (int)pr;
	else
		ar_diag_at(f->cx, WARTA_WARNING, node_off(f, v),
		           "priority is not a whole number from 1 (the most important) to 99: %s",
		           val ? val : "(not a string)");
}

/* keywords, tags: a YAML sequence, or one string of comma-separated words. */
static void
read_keywords(const struct fm *f, yaml_node_t *v, const char *val)
{
	struct warta_meta *m = &f->cx->doc->meta;
	GPtrArray *kw = g_ptr_array_new();

	if (v && v->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *item;

		for (item = v->data.sequence.items.start; item < v->data.sequence.items.top; item++) {
			char *s = fm_scalar(f, yaml_document_get_node(f->ydoc, *item));

			if (s)
				g_ptr_array_add(kw, s);
		}
	} else if (val) {
		char **parts = g_strsplit(val, ",", -1);

		for (int i = 0; parts[i]; i++) {
			char *s = g_strstrip(g_strdup(parts[i]));

			if (*s)
				g_ptr_array_add(kw, s);
			else
				g_free(s);
		}
		g_strfreev(parts);
	}
	g_ptr_array_add(kw, NULL);
	g_strfreev(m->keywords);
	m->keywords = (char **)g_ptr_array_free(kw, FALSE);
}

/* The string val (trimmed; NULL when empty) into slot; the title's place,
 * and each metadata value's, are kept for messages. */
static void
set_string(const struct fm *f, char **slot, const yaml_node_t *v, const char *val)
{
	struct warta_meta *m = &f->cx->doc->meta;
	char *trimmed = g_strstrip(g_strdup(val));

	int field = slot == &m->title ? AR_F_TITLE : slot == &m->subtitle ? AR_F_SUBTITLE :
	    slot == &m->author ? AR_F_AUTHOR : slot == &m->section ? AR_F_SECTION :
	    slot == &m->source ? AR_F_SOURCE : slot == &m->dateline ? AR_F_DATELINE :
	    slot == &m->date ? AR_F_DATE : slot == &m->style ? AR_F_STYLE :
	    slot == &m->lang ? AR_F_LANG : -1;

	g_free(*slot);
	*slot = *trimmed ? trimmed : (g_free(trimmed), NULL);
	if (slot == &m->title && v)
		ar_clean_pos(f->cx->src, node_off(f, v), &m->title_line, &m->title_col);
	/* where the value is, for the warnings about it (nonchar.c) */
	if (field >= 0 && v)
		ar_clean_pos(f->cx->src, node_off(f, v), &f->cx->field_line[field], &f->cx->field_col[field]);
}

/* One key and its value. */
static void
read_pair(const struct fm *f, const yaml_node_pair_t *pair)
{
	struct ar_ctx *cx = f->cx;
	yaml_node_t *k = yaml_document_get_node(f->ydoc, pair->key);
	yaml_node_t *v = yaml_document_get_node(f->ydoc, pair->value);
	char *key = fm_scalar(f, k), *val = fm_scalar(f, v);
	size_t koff = k ? yaml_off(cx, f->fs, f->fe, k->start_mark, f->cur) : f->fs;
	char **slot = NULL;

	if (!key)
		;
	else if ((slot = string_slot(cx, key))) {
		if (slot == &cx->lead[0])
			cx->lead_off = v ? node_off(f, v) : koff;
	} else if (strcmp(key, "date") == 0) {
		if (val && warta_date_valid(val))
			slot = &cx->doc->meta.date;
		else
			ar_diag_at(cx, WARTA_WARNING, node_off(f, v), "date is not YYYY-MM-DD: %s",
			           val ? val : "(not a string)");
	} else if (strcmp(key, "priority") == 0)
		read_priority(f, v, val);
	else if (strcmp(key, "keywords") == 0 || strcmp(key, "tags") == 0)
		read_keywords(f, v, val);
	else
		ar_diag_at(cx, WARTA_WARNING, koff, "front matter: unknown key \"%s\" ignored", key);
	if (slot && !val)
		ar_diag_at(cx, WARTA_WARNING, koff, "front matter: %s is not a string", key);
	else if (slot)
		set_string(f, slot, v, val);
	g_free(key);
	g_free(val);
}

void
ar_front_matter(struct ar_ctx *cx, size_t fs, size_t fe)
{
	yaml_parser_t parser;
	yaml_document_t ydoc;
	yaml_node_t *root;
	yaml_node_pair_t *pair;
	struct yaml_cursor cur = { (size_t)-1, 0, 0 };
	struct fm f = { cx, &ydoc, fs, fe, &cur };
	size_t deep = yaml_too_deep(cx->src->clean + fs, fe - fs);

	if (deep != (size_t)-1) {
		ar_diag_at(cx, WARTA_ERROR, fs + deep, "front matter: collections nested deeper than %d "
		           "levels", AR_YAML_MAX_DEPTH);
		return;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)cx->src->clean + fs, fe - fs);
	if (!yaml_parser_load(&parser, &ydoc)) {
		size_t off = yaml_off(cx, fs, fe, parser.problem_mark, NULL);

		ar_diag_at(cx, WARTA_ERROR, off, "front matter: %s%s%s",
		           parser.problem ? parser.problem : "not valid YAML",
		           parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return;
	}
	root = yaml_document_get_root_node(&ydoc);
	if (root && root->type != YAML_MAPPING_NODE) {
		ar_diag_at(cx, WARTA_ERROR, fs, "front matter is not a mapping of keys to values");
		root = NULL;
	}
	for (pair = root ? root->data.mapping.pairs.start : NULL;
	     root && pair < root->data.mapping.pairs.top; pair++)
		read_pair(&f, pair);
	yaml_document_delete(&ydoc);
	yaml_parser_delete(&parser);
}

