/* nonchar.c — hygiene's rule for Unicode noncharacters (hygiene.c) applied
 * to what the parsers decoded: entities such as &#xFFFF; and YAML escapes
 * such as "\uFFFF" become U+FFFD in every string of the tree and the
 * metadata, with a positioned warning, so every format shows the same
 * U+FFFD (Cairo refuses noncharacters).  A pass over the finished tree. */
#include <string.h>

#include "article/reader.h"

/* Replaces each noncharacter of *sp by U+FFFD; returns how many, and the
 * first one's byte offset and code point. */
int
ar_fix_noncharacters(char **sp, size_t *first, gunichar *first_c)
{
	const char *s = *sp, *q;
	GString *out = NULL;
	int count = 0;

	if (!s)
		return 0;
	for (q = s; *q;) {
		gunichar c;
		size_t len;

		/* nothing found yet: on to the next byte that may start one */
		while (!out && *q && (unsigned char)*q < 0xEF)
			q++;
		if (!*q)
			break;
		if ((unsigned char)*q < 0xEF) {   /* every noncharacter starts with EF or F0–F4 */
			if (out)
				g_string_append_c(out, *q);
			q++;
			continue;
		}
		c = g_utf8_get_char_validated(q, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			/* cmark encodes the entities &#xFFFE; and &#xFFFF; as the single
			 * bytes FE and FF (utf8proc's sentinels), never valid UTF-8 */
			c = (unsigned char)*q == 0xFF ? 0xFFFF : 0xFFFE;
			len = 1;
		} else {
			len = (size_t)g_utf8_skip[(unsigned char)*q];
			if (!ar_is_noncharacter(c)) {
				if (out)
					g_string_append_len(out, q, (gssize)len);
				q += len;
				continue;
			}
		}
		if (count++ == 0) {
			*first = (size_t)(q - s);
			*first_c = c;
			out = g_string_sized_new(strlen(s) + 2);
			g_string_append_len(out, s, q - s);
		}
		g_string_append(out, "\xEF\xBF\xBD");
		q += len;
	}
	if (!count)
		return 0;
	g_free(*sp);
	*sp = g_string_free(out, FALSE);
	return count;
}

static void
nonch_warn(struct warta_diags *d, const char *path, int line, int col, int count, gunichar c,
           const char *where)
{
	if (count == 1)
		warta_diag(d, WARTA_WARNING, path, line, col,
		           "noncharacter U+%04X in %s replaced by U+FFFD", c, where);
	else
		warta_diag(d, WARTA_WARNING, path, line, col,
		           "%d noncharacters in %s replaced by U+FFFD (first U+%04X)", count, where, c);
}

/* Where metadata field f was written: its front matter value or byline,
 * else the title's line and column, else 0 (the file). */
static void
field_pos(const struct ar_ctx *cx, enum ar_field f, int *line, int *col)
{
	const struct warta_meta *m = &cx->doc->meta;

	if (cx->field_line[f] > 0) {
		*line = cx->field_line[f];
		*col = cx->field_col[f];
	} else {
		*line = m->title_line;
		*col = m->title_line ? MAX(m->title_col, 1) : 0;
	}
}

/* The strings of node n, each noncharacter replaced (a warning each). */
static void
node_noncharacters(struct ar_ctx *cx, struct warta_node *n)
{
	size_t first, k;
	gunichar c;
	int count;
	char **strs[4] = { &n->text, NULL, NULL, NULL };

	switch (n->type) {
	case WARTA_NODE_HEADING:
		strs[1] = &n->as.heading.number;
		strs[2] = &n->as.heading.id;
		break;
	case WARTA_NODE_CODE_BLOCK:
		strs[1] = &n->as.code.info;
		break;
	case WARTA_NODE_LINK:
	case WARTA_NODE_IMAGE:
		strs[1] = &n->as.link.url;
		strs[2] = &n->as.link.title;
		break;
	case WARTA_NODE_FOOTNOTE_DEF:
	case WARTA_NODE_FOOTNOTE_REF:
		strs[1] = &n->as.footnote.label;
		break;
	case WARTA_NODE_DATELINE:
		strs[1] = &n->as.dateline.place;
		strs[2] = &n->as.dateline.agency;
		break;
	default:
		break;
	}
	for (k = 0; k < G_N_ELEMENTS(strs) && strs[k]; k++) {
		int nline = n->line, ncol = n->col;

		if (!(count = ar_fix_noncharacters(strs[k], &first, &c)))
			continue;
		if (k == 0 && n->type == WARTA_NODE_TEXT) {
			size_t off = ar_text_off(cx, n, first);

			if (off != (size_t)-1)
				ar_clean_pos(cx->src, off, &nline, &ncol);
		}
		nonch_warn(cx->d, cx->src->path, nline, ncol, count, c,
		           k == 0 ? "the text" : "a link, label or heading");
	}
}

/* Warns of each metadata field longer than its display cap (WARTA_CAP_*,
 * doc.h): the print and EPUB back ends set its first characters and an
 * ellipsis (warta_docs_capped); the JSON keeps it whole. */
void
ar_meta_caps(struct ar_ctx *cx)
{
	struct warta_meta *m = &cx->doc->meta;
	const struct { const char *v, *name; size_t cap; enum ar_field at; } f[] = {
		{ m->title, "title", WARTA_CAP_TITLE, AR_F_TITLE },
		{ m->subtitle, "subtitle", WARTA_CAP_SUBTITLE, AR_F_SUBTITLE },
		{ m->author, "author", WARTA_CAP_AUTHOR, AR_F_AUTHOR },
		{ m->section, "section", WARTA_CAP_SECTION, AR_F_SECTION },
		{ m->source, "source", WARTA_CAP_SOURCE, AR_F_SOURCE },
		{ m->dateline, "dateline", WARTA_CAP_DATELINE, AR_F_DATELINE },
	};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(f); i++) {
		glong len = f[i].v ? g_utf8_strlen(f[i].v, -1) : 0;
		int line, col;

		if ((size_t)len <= f[i].cap)
			continue;
		field_pos(cx, f[i].at, &line, &col);
		warta_diag(cx->d, WARTA_WARNING, cx->src->path, line, col,
		           "the %s is %ld characters: PDF, PNG, SVG and EPUB set its first %zu and "
		           "an ellipsis (the JSON keeps it whole)", f[i].name, len, f[i].cap);
	}
}

void
ar_noncharacters(struct ar_ctx *cx)
{
	struct warta_meta *m = &cx->doc->meta;
	struct warta_node *n;
	char **fields[] = { &m->title, &m->subtitle, &m->author, &m->date, &m->source,
	                    &m->section, &m->dateline, &m->style, &m->lang };
	const char *names[] = { "the title", "the subtitle", "the author", "the date",
	                        "the source", "the section", "the dateline", "the style",
	                        "the language" };
	size_t i, first;
	gunichar c;
	int count;

	const enum ar_field at[] = { AR_F_TITLE, AR_F_SUBTITLE, AR_F_AUTHOR, AR_F_DATE, AR_F_SOURCE,
	                             AR_F_SECTION, AR_F_DATELINE, AR_F_STYLE, AR_F_LANG };
	int line, col;

	for (i = 0; i < G_N_ELEMENTS(fields); i++)
		if ((count = ar_fix_noncharacters(fields[i], &first, &c))) {
			field_pos(cx, at[i], &line, &col);
			nonch_warn(cx->d, cx->src->path, line, col, count, c, names[i]);
		}
	for (i = 0; m->keywords && m->keywords[i]; i++)
		if ((count = ar_fix_noncharacters(&m->keywords[i], &first, &c)))
			nonch_warn(cx->d, cx->src->path, m->title_line, m->title_line ? 1 : 0, count, c,
			           "the keywords");
	/* the body, then the lead photo (its caption, credit and alt text from
	 * the front matter) */
	for (n = cx->doc->root; n; n = warta_node_next(n, cx->doc->root))
		node_noncharacters(cx, n);
	for (n = m->lead; n; n = warta_node_next(n, m->lead))
		node_noncharacters(cx, n);
}

