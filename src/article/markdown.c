/* markdown.c — the body to the tree: libcmark-gfm's tree of the body lines
 * (struct body) converted to the document tree of doc/doc.h, each literal
 * aligned back to its bytes in the clean text for exact positions; links
 * kept active only from valid URLs; footnote labels, code, tables. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "article/reader.h"
#include "util/url.h"

/* ------------------------------------------------ body lines */

static size_t
body_to_clean(const struct body *b, size_t off, size_t *line_hint)
{
	size_t k = *line_hint, n = b->bstart->len;

	if (k >= n || g_array_index(b->bstart, size_t, k) > off ||
	    (k + 2 < n && g_array_index(b->bstart, size_t, k + 2) <= off)) {
		size_t lo = 0, hi = n;

		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;

			if (g_array_index(b->bstart, size_t, mid) <= off)
				lo = mid;
			else
				hi = mid;
		}
		k = lo;
	}
	while (k + 1 < n && g_array_index(b->bstart, size_t, k + 1) <= off)
		k++;
	*line_hint = k;
	return g_array_index(b->cstart, size_t, k) + (off - g_array_index(b->bstart, size_t, k));
}

/* cmark's 1-based line and byte column → body offset (clamped). */
static size_t
body_off(const struct body *b, int line, int col)
{
	size_t off;

	if (b->bstart->len == 0 || b->text->len == 0)
		return 0;
	if (line < 1)
		line = 1;
	if ((size_t)line > b->bstart->len)
		return b->text->len - 1;
	off = g_array_index(b->bstart, size_t, line - 1);
	if (col > 1)
		off += (size_t)col - 1;
	else if (col < 1 && off > 0) {
		off--;                    /* column 0: the end of the line before */
		if (off > 0 && b->text->str[off - 1] != '\n')
			off--;
	}
	if (off >= b->text->len)
		off = b->text->len - 1;
	return off;
}

static size_t
body_clean(const struct body *b, int line, int col)
{
	size_t h = 0;

	return body_to_clean(b, body_off(b, line, col), &h);
}

/* ------------------------------------------------ alignment of literals */

/* Matches a node's literal against the body from offset p, as cmark read it:
 * backslash escapes and entity references stand for one character; in code
 * spans a space may stand for a line end.  On success fills offs (body
 * offsets per literal byte) and returns the body offset after the match. */
static size_t
align_at(const char *src, size_t slen, size_t p, const char *lit, size_t llen, guint32 *offs,
         int code)
{
	size_t i = 0, j = p;

	/* the literal as it is in the body, byte for byte (most are): what
	 * the loop below finds, at once */
	if (llen > 0 && p < slen && llen <= slen - p && memcmp(src + p, lit, llen) == 0) {
		for (i = 0; i < llen; i++)
			offs[i] = (guint32)(p + i);
		return p + llen;
	}
	while (i < llen) {
		if (j >= slen)
			return 0;
		if (src[j] == lit[i] || (code && lit[i] == ' ' && src[j] == '\n')) {
			offs[i++] = (guint32)j++;
			continue;
		}
		if (i == 0 && j == p && src[j] != '\\' && src[j] != '&')
			return 0;
		if (src[j] == '\\' && j + 1 < slen && g_ascii_ispunct(src[j + 1]) && !code) {
			j++;
			continue;
		}
		if (src[j] == '&' && !code) {
			size_t k = j + 1, clen;

			while (k < slen && k - j < 40 && (g_ascii_isalnum(src[k]) || src[k] == '#'))
				k++;
			if (k < slen && src[k] == ';' && k > j + 1) {
				clen = (size_t)g_utf8_skip[(unsigned char)lit[i]];
				while (clen-- > 0 && i < llen)
					offs[i++] = (guint32)j;
				j = k + 1;
				continue;
			}
		}
		if (code && (src[j] == '\n' || src[j] == ' ' || src[j] == '>')) {
			j++;       /* line prefixes of a code span running over lines */
			continue;
		}
		return 0;
	}
	return j;
}

/* How far past the search start a literal is looked for: keeps the
 * alignment linear even when a literal cannot be found. */
#define ALIGN_WINDOW 4096

/* Body offset of the line after the block that holds inline node cm: an
 * inline's text is not looked for past it (another copy of the same words
 * further on belongs to another block).  cmark's block positions are exact;
 * its inline columns are not always. */
static size_t
block_end(const struct body *b, cmark_node *cm)
{
	cmark_node *p = cm;
	int el;

	while (p && (cmark_node_get_type(p) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE)
		p = cmark_node_parent(p);
	el = p ? cmark_node_get_end_line(p) : 0;
	if (el < 1 || (size_t)el >= b->bstart->len)
		return b->text->len;
	return g_array_index(b->bstart, size_t, el);
}

static struct ar_run *
align_literal(struct ar_ctx *cx, struct body *b, const char *lit, int line, int col, int code,
              size_t limit)
{
	size_t llen = strlen(lit), slen = b->text->len, hint, start, p, end = 0, h = 0, i;
	guint32 *tmp = g_new(guint32, llen + 1);
	struct ar_run *offs;

	hint = body_off(b, line, col);
	start = g_array_index(b->bstart, size_t, line >= 1 && (size_t)line <= b->bstart->len ? line - 1 : 0);
	if (b->cursor > start)
		start = b->cursor;
	if (hint >= b->cursor)
		end = align_at(b->text->str, slen, hint, lit, llen, tmp, code);
	for (p = start; !end && p < MIN(slen, limit) && p < start + ALIGN_WINDOW; p++)
		end = align_at(b->text->str, slen, p, lit, llen, tmp, code);
	if (end)
		b->cursor = end;
	else
		for (i = 0; i < llen; i++)   /* not found: cmark's column, byte by byte */
			tmp[i] = (guint32)MIN(hint + i, slen ? slen - 1 : 0);
	offs = ar_run_new();
	for (i = 0; i < llen;) {
		size_t c = body_to_clean(b, tmp[i], &h), j = i + 1;
		size_t next = h + 1 < b->bstart->len ? g_array_index(b->bstart, size_t, h + 1) : (size_t)-1;

		/* the bytes that follow in the body on the same line follow in
		 * the clean text: one push for them all */
		while (j < llen && tmp[j] == tmp[j - 1] + 1 && tmp[j] < next)
			j++;
		ar_run_push_n(offs, c, j - i);
		i = j;
	}
	g_free(tmp);
	return offs;
}

/* ------------------------------------------------ cmark → tree */

struct frame {
	struct warta_node *node;   /* NULL: a flattened container */
	cmark_node *cm;
	struct warta_node *owner;  /* node, or the nearest kept one below it on the stack */
};

/* An http(s) URL's host: NULL when good, else why not. */
static const char *
bad_host(const char *h)
{
	size_t label = 0, len = h ? strlen(h) : 0;
	const char *p;

	if (!h || !*h)
		return "has no host";
	if (strchr(h, ':'))     /* an IPv6 literal: GUri checked its brackets */
		return h[len - 1] == '-' ? "has an empty or malformed host name label" : NULL;
	if (len > 253)
		return "has a host name longer than 253 characters";
	for (p = h; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.') {
			if (label == 0 || p[-1] == '-')
				return "has an empty or malformed host name label";
			label = 0;
		} else if (c == '-' && label == 0) {
			return "has an empty or malformed host name label";
		} else if (g_ascii_isalnum(c) || c >= 0x80 || c == '_' || c == '-') {
			if (++label > 63)
				return "has a host name label longer than 63 characters";
		} else {
			return "has a character a host name cannot hold";
		}
	}
	/* "." alone, or a last label ending in '-' */
	if (strcmp(h, ".") == 0 || h[len - 1] == '-')
		return "has an empty or malformed host name label";
	return NULL;
}

/* A parsed URL's scheme and what it needs: NULL when good. */
static const char *
bad_parts(GUri *u)
{
	const char *scheme = g_uri_get_scheme(u);

	if (g_ascii_strcasecmp(scheme, "mailto") == 0) {
		const char *to = g_uri_get_path(u);

		if (!to || !*to || !strchr(to, '@') || *to == '@' || to[strlen(to) - 1] == '@')
			return "is not a valid mailto address";
		return NULL;
	}
	if (g_ascii_strcasecmp(scheme, "http") == 0 || g_ascii_strcasecmp(scheme, "https") == 0)
		return bad_host(g_uri_get_host(u));
	return "is not an http, https or mailto URL";
}

/* A link is made active (followed in the PDF and the EPUB) only from a
 * valid absolute http, https or mailto URL (RFC 3986, parsed by GLib's
 * GUri), or a place in the article ("#id"); everything else (javascript:,
 * file:, data:, "\\host\share", relative paths that mean nothing outside
 * the site, "http://", "https://%zz", "http:x", a host with spaces) stays
 * text, with a warning.  An allowlist: a blocklist always misses one.
 * Characters an author may write but a URI may not hold (non-ASCII, spaces,
 * "<>^`{|}") are percent-encoded before parsing, as the EPUB writer encodes
 * them in its hrefs (ep_safe_href); a '%' must start a valid escape.
 * Returns NULL when the link is good, else why not (static text). */
static const char *
bad_url(const char *url)
{
	GString *enc;
	GUri *u;
	const char *p, *why = NULL;
	char *ascii;

	if (!url || !*url)
		return "is empty";
	if (!(ascii = warta_url_ascii_host(url)))
		return "has a host name that cannot be written in ASCII (IDNA)";
	g_free(ascii);
	for (p = url; *p == ' '; p++)
		;
	if (p[0] == '#')
		return p[1] ? NULL : "is an empty place";
	enc = g_string_sized_new(strlen(p) + 8);
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c))
			g_string_append_printf(enc, "%%%02X", c);
		else
			g_string_append_c(enc, (char)c);
	}
	u = g_uri_parse(enc->str, G_URI_FLAGS_NONE, NULL);
	if (!u) {
		char *sch = g_uri_parse_scheme(enc->str);

		why = sch ? "is not a valid URL" : "is a relative address, not a URL";
		g_free(sch);
	}
	g_string_free(enc, TRUE);
	if (!u)
		return why;
	why = bad_parts(u);
	g_uri_unref(u);
	return why;
}

/* "[^label]" in the source at a footnote reference; label of a definition
 * from its "[^label]:" line. */
static char *
footnote_label(struct body *b, int line, int col, int def)
{
	const char *s = b->text->str;
	size_t p, e;

	if (def) {
		p = body_off(b, line, 1);
		while (p < b->text->len && s[p] != '\n' && !(s[p] == '[' && s[p + 1] == '^'))
			p++;
	} else
		p = body_off(b, line, col);
	if (p + 2 >= b->text->len || s[p] != '[' || s[p + 1] != '^')
		return NULL;
	for (e = p + 2; e < b->text->len && s[e] != ']' && s[e] != '\n'; e++)
		;
	if (e >= b->text->len || s[e] != ']')
		return NULL;
	return g_strndup(s + p + 2, e - p - 2);
}

static enum warta_node_type
map_type(cmark_node *cm, const char **ext)
{
	const char *ts;

	*ext = NULL;
	switch (cmark_node_get_type(cm)) {
	case CMARK_NODE_DOCUMENT: return WARTA_NODE_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE: return WARTA_NODE_BLOCKQUOTE;
	case CMARK_NODE_LIST: return WARTA_NODE_LIST;
	case CMARK_NODE_ITEM: return WARTA_NODE_ITEM;
	case CMARK_NODE_CODE_BLOCK: return WARTA_NODE_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK: return WARTA_NODE_HTML_BLOCK;
	case CMARK_NODE_PARAGRAPH: return WARTA_NODE_PARAGRAPH;
	case CMARK_NODE_HEADING: return WARTA_NODE_HEADING;
	case CMARK_NODE_THEMATIC_BREAK: return WARTA_NODE_THEMATIC_BREAK;
	case CMARK_NODE_FOOTNOTE_DEFINITION: return WARTA_NODE_FOOTNOTE_DEF;
	case CMARK_NODE_TEXT: return WARTA_NODE_TEXT;
	case CMARK_NODE_SOFTBREAK: return WARTA_NODE_SOFTBREAK;
	case CMARK_NODE_LINEBREAK: return WARTA_NODE_LINEBREAK;
	case CMARK_NODE_CODE: return WARTA_NODE_CODE;
	case CMARK_NODE_HTML_INLINE: return WARTA_NODE_HTML_INLINE;
	case CMARK_NODE_EMPH: return WARTA_NODE_EMPH;
	case CMARK_NODE_STRONG: return WARTA_NODE_STRONG;
	case CMARK_NODE_LINK: return WARTA_NODE_LINK;
	case CMARK_NODE_IMAGE: return WARTA_NODE_IMAGE;
	case CMARK_NODE_FOOTNOTE_REFERENCE: return WARTA_NODE_FOOTNOTE_REF;
	default:
		break;
	}
	ts = cmark_node_get_type_string(cm);
	*ext = ts;
	if (strcmp(ts, "table") == 0)
		return WARTA_NODE_TABLE;
	if (strcmp(ts, "table_header") == 0 || strcmp(ts, "table_row") == 0)
		return WARTA_NODE_TABLE_ROW;
	if (strcmp(ts, "table_cell") == 0)
		return WARTA_NODE_TABLE_CELL;
	if (strcmp(ts, "strikethrough") == 0)
		return WARTA_NODE_STRIKETHROUGH;
	return WARTA_NODE_TYPE_COUNT;
}

static int
is_leaf(enum warta_node_type t)
{
	switch (t) {
	case WARTA_NODE_TEXT:
	case WARTA_NODE_SOFTBREAK:
	case WARTA_NODE_LINEBREAK:
	case WARTA_NODE_CODE:
	case WARTA_NODE_HTML_INLINE:
	case WARTA_NODE_CODE_BLOCK:
	case WARTA_NODE_HTML_BLOCK:
	case WARTA_NODE_THEMATIC_BREAK:
	case WARTA_NODE_FOOTNOTE_REF:
		return 1;
	default:
		return 0;
	}
}

/* Position of an inline container: cmark's columns are off on continuation
 * lines, so shift them by what its first text child was off by. */
static void
inline_pos(struct ar_ctx *cx, struct body *b, struct warta_node *n, cmark_node *cm)
{
	size_t s = body_clean(b, cmark_node_get_start_line(cm), cmark_node_get_start_column(cm));
	size_t e = body_clean(b, cmark_node_get_end_line(cm), cmark_node_get_end_column(cm));
	cmark_node *fc = cmark_node_first_child(cm);

	if (fc && n->first && ar_run_get(cx, n->first) &&
	    cmark_node_get_start_line(fc) == cmark_node_get_start_line(cm)) {
		size_t hint = body_clean(b, cmark_node_get_start_line(fc), cmark_node_get_start_column(fc));
		size_t act = ar_text_off(cx, n->first, 0);
		long delta = (long)act - (long)hint;

		if ((long)s + delta >= 0)
			s = (size_t)((long)s + delta);
		if (cmark_node_get_end_line(cm) == cmark_node_get_start_line(cm) && (long)e + delta >= 0)
			e = (size_t)((long)e + delta);
	}
	if (e < s)
		e = s;
	ar_set_pos(cx, n, s, e);
}

/* The conversion's state beside its stack. */
struct conv {
	struct ar_ctx *cx;
	struct body *b;
	GHashTable *fn_index;    /* footnote label → number */
	int cells;               /* cells so far in the current table row */
};

/* A text, code span or inline HTML: its literal aligned with the source. */
static void
literal_pos(struct conv *c, struct warta_node *n, cmark_node *cm, const char *lit, int line, int col)
{
	struct ar_ctx *cx = c->cx;
	struct body *b = c->b;
	struct ar_run *offs = align_literal(cx, b, lit ? lit : "", line, col, n->type == WARTA_NODE_CODE,
	                                    block_end(b, cm));

	n->text = g_strdup(lit ? lit : "");
	if (offs->len > 0)
		ar_set_pos(cx, n, ar_run_off(offs, 0), ar_run_off(offs, offs->len - 1));
	else
		ar_set_pos(cx, n, body_clean(b, line, col), body_clean(b, line, col));
	if (n->type == WARTA_NODE_TEXT)
		ar_run_set(cx, n, offs);
	else
		ar_run_free(offs);
}

/* A soft or hard line break: cmark gives no position, so the line end
 * after the cursor. */
static void
break_pos(struct conv *c, struct warta_node *n)
{
	struct body *b = c->b;
	size_t p = b->cursor, h = 0;

	while (p < b->text->len && b->text->str[p] != '\n')
		p++;
	if (p >= b->text->len && p > 0)
		p = b->text->len - 1;
	if (n->type == WARTA_NODE_LINEBREAK && p > b->cursor)
		p = b->cursor;
	b->cursor = p + 1;
	p = body_to_clean(b, p, &h);
	ar_set_pos(c->cx, n, p, p);
}

/* Any other node: cmark's start and end (a footnote definition from its
 * line's start). */
static void
span_pos(struct conv *c, struct warta_node *n, cmark_node *cm, int line, int col)
{
	struct body *b = c->b;
	size_t s0 = body_clean(b, line, n->type == WARTA_NODE_FOOTNOTE_DEF ? 1 : col);
	size_t e0 = body_clean(b, cmark_node_get_end_line(cm), cmark_node_get_end_column(cm));

	if (e0 < s0) {
		/* no usable end: the end of the start line */
		size_t q = body_off(b, line, col), h = 0;

		while (q + 1 < b->text->len && b->text->str[q + 1] != '\n')
			q++;
		e0 = body_to_clean(b, q, &h);
	}
	ar_set_pos(c->cx, n, s0, e0);
}

static void
list_fields(struct warta_node *n, cmark_node *cm)
{
	n->as.list.ordered = cmark_node_get_list_type(cm) == CMARK_ORDERED_LIST;
	n->as.list.start = n->as.list.ordered ? cmark_node_get_list_start(cm) : 0;
	n->as.list.tight = cmark_node_get_list_tight(cm);
	n->as.list.delim = !n->as.list.ordered ? 0
	    : cmark_node_get_list_delim(cm) == CMARK_PAREN_DELIM ? ')' : '.';
}

static void
block_literal(struct conv *c, struct warta_node *n, cmark_node *cm, const char *lit)
{
	n->text = g_strdup(lit ? lit : "");
	if (n->type == WARTA_NODE_CODE_BLOCK) {
		const char *info = cmark_node_get_fence_info(cm);

		n->as.code.info = info && *info ? g_strdup(info) : NULL;
	}
	c->b->cursor = MAX(c->b->cursor, body_off(c->b, cmark_node_get_end_line(cm), 1));
}

/* A link or picture: its target, active only when bad_url passes it (a
 * link that does not is warned of). */
static void
link_fields(struct conv *c, struct warta_node *n, cmark_node *cm, int line, int col)
{
	const char *url = cmark_node_get_url(cm), *title = cmark_node_get_title(cm), *why;

	n->as.link.url = g_strdup(url ? url : "");
	n->as.link.title = title && *title ? g_strdup(title) : NULL;
	why = bad_url(url);
	n->as.link.active = !why;
	if (why && n->type == WARTA_NODE_LINK) {
		size_t ul = url ? strlen(url) : 0;
		const char *cut = url ? url + MIN(ul, 80) : NULL;

		while (cut && cut > url && ((unsigned char)*cut & 0xC0) == 0x80)
			cut--;   /* a whole character */
		ar_diag_at(c->cx, WARTA_WARNING, body_clean(c->b, line, col),
		           "link target \"%.*s%s\" %s: set as text, not followed",
		           url ? (int)(cut - url) : 0, url ? url : "", ul > 80 ? "…" : "", why);
	}
}

/* An ordered list's item: the number as written. */
static void
item_number(struct conv *c, struct warta_node *n, const struct warta_node *parent, int line, int col)
{
	struct body *b = c->b;
	size_t q;
	long v = 0;
	int digits = 0;

	if (parent->type != WARTA_NODE_LIST || !parent->as.list.ordered)
		return;
	q = body_off(b, line, col);
	while (q < b->text->len && b->text->str[q] == ' ')
		q++;
	while (q < b->text->len && g_ascii_isdigit(b->text->str[q]) && digits++ < 9)
		v = v * 10 + (b->text->str[q++] - '0');
	if (digits)
		g_hash_table_insert(c->cx->item_no, n, GINT_TO_POINTER((int)v));
}

static void
cell_align(struct conv *c, struct warta_node *n, cmark_node *cm)
{
	cmark_node *table = cmark_node_parent(cmark_node_parent(cm));
	uint8_t *al = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
	int ncol = table ? cmark_gfm_extensions_get_table_columns(table) : 0;

	n->as.cell.align = WARTA_ALIGN_NONE;
	if (al && c->cells < ncol)
		n->as.cell.align = al[c->cells] == 'l' ? WARTA_ALIGN_LEFT
		    : al[c->cells] == 'c' ? WARTA_ALIGN_CENTER
		    : al[c->cells] == 'r' ? WARTA_ALIGN_RIGHT : WARTA_ALIGN_NONE;
	c->cells++;
}

/* A footnote reference or definition: its label as written and its
 * number (by first appearance). */
static void
footnote_fields(struct conv *c, struct warta_node *n, const char *lit, int line, int col)
{
	char *label = footnote_label(c->b, line, col, n->type == WARTA_NODE_FOOTNOTE_DEF);
	gpointer idx;

	if (!label)
		label = g_strdup(lit ? lit : "");
	idx = g_hash_table_lookup(c->fn_index, label);
	if (!idx) {
		idx = GINT_TO_POINTER(g_hash_table_size(c->fn_index) + 1);
		g_hash_table_insert(c->fn_index, g_strdup(label), idx);
	}
	n->as.footnote.label = label;
	n->as.footnote.index = GPOINTER_TO_INT(idx);
	if (n->type == WARTA_NODE_FOOTNOTE_REF)
		c->b->cursor = MAX(c->b->cursor, body_off(c->b, line, col) + strlen(label) + 3);
}

/* A new node for cm under parent: its place in the clean text, then what
 * its type holds. */
static struct warta_node *
make_node(struct conv *c, cmark_node *cm, enum warta_node_type t, const char *ext,
          const struct warta_node *parent)
{
	struct warta_node *n = warta_node_new(t, 1, 1);
	const char *lit = cmark_node_get_literal(cm);
	int line = cmark_node_get_start_line(cm), col = cmark_node_get_start_column(cm);

	if (t == WARTA_NODE_TEXT || t == WARTA_NODE_CODE || t == WARTA_NODE_HTML_INLINE)
		literal_pos(c, n, cm, lit, line, col);
	else if (t == WARTA_NODE_SOFTBREAK || t == WARTA_NODE_LINEBREAK)
		break_pos(c, n);
	else
		span_pos(c, n, cm, line, col);
	switch (t) {
	case WARTA_NODE_HEADING:
		n->as.heading.level = cmark_node_get_heading_level(cm);
		break;
	case WARTA_NODE_LIST:
		list_fields(n, cm);
		break;
	case WARTA_NODE_CODE_BLOCK:
	case WARTA_NODE_HTML_BLOCK:
		block_literal(c, n, cm, lit);
		break;
	case WARTA_NODE_LINK:
	case WARTA_NODE_IMAGE:
		link_fields(c, n, cm, line, col);
		break;
	case WARTA_NODE_ITEM:
		item_number(c, n, parent, line, col);
		break;
	case WARTA_NODE_TABLE:
		n->as.table.columns = cmark_gfm_extensions_get_table_columns(cm);
		break;
	case WARTA_NODE_TABLE_ROW:
		n->as.row.header = strcmp(ext, "table_header") == 0;
		c->cells = 0;
		break;
	case WARTA_NODE_TABLE_CELL:
		cell_align(c, n, cm);
		break;
	case WARTA_NODE_FOOTNOTE_REF:
	case WARTA_NODE_FOOTNOTE_DEF:
		footnote_fields(c, n, lit, line, col);
		break;
	default:
		break;
	}
	return n;
}

/* Too deep to keep (a paragraph keeps its place, so inlines stay inside
 * one). */
static int
too_deep(enum warta_node_type t, int depth)
{
	return !is_leaf(t) && depth >= AR_MAX_DEPTH && t != WARTA_NODE_PARAGRAPH &&
	       t != WARTA_NODE_HEADING && t != WARTA_NODE_TABLE && t != WARTA_NODE_TABLE_ROW &&
	       t != WARTA_NODE_TABLE_CELL;
}

void
ar_convert(struct ar_ctx *cx, struct body *b, cmark_node *cmroot)
{
	cmark_iter *it = cmark_iter_new(cmroot);
	cmark_event_type ev;
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct frame));
	struct conv c = { cx, b, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0 };
	int depth = 0;
	struct frame top = { cx->doc->root, cmroot, cx->doc->root };

	g_array_append_val(stack, top);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cm = cmark_iter_get_node(it);
		struct frame *fr;
		struct warta_node *parent, *n;
		enum warta_node_type t;
		const char *ext;

		if (cm == cmroot)
			continue;
		t = map_type(cm, &ext);
		fr = &g_array_index(stack, struct frame, stack->len - 1);
		if (ev == CMARK_EVENT_EXIT) {
			if (fr->cm != cm || stack->len <= 1)
				continue;   /* the exit of what we kept as a leaf */
			if (fr->node && !warta_node_is_block(fr->node))
				inline_pos(cx, b, fr->node, cm);
			g_array_set_size(stack, stack->len - 1);
			depth--;
			continue;
		}
		/* the owner is carried up the stack: looking down past flattened
		 * frames for every node made deep nesting quadratic */
		parent = fr->owner;
		if (t == WARTA_NODE_TYPE_COUNT)
			t = warta_node_is_block(parent) && parent->type != WARTA_NODE_PARAGRAPH
			    ? WARTA_NODE_PARAGRAPH : WARTA_NODE_EMPH;
		if (too_deep(t, depth)) {
			struct frame f = { NULL, cm, parent };

			if (!b->flattened++)
				ar_diag_at(cx, WARTA_WARNING,
				           body_clean(b, cmark_node_get_start_line(cm),
				                      cmark_node_get_start_column(cm)),
				           "nesting deeper than %d levels: the inner levels are flattened",
				           AR_MAX_DEPTH);
			g_array_append_val(stack, f);
			depth++;
			continue;
		}
		n = make_node(&c, cm, t, ext, parent);
		warta_node_append(parent, n);
		if (!is_leaf(t)) {
			struct frame f = { n, cm, n };

			g_array_append_val(stack, f);
			depth++;
		}
	}
	cmark_iter_free(it);
	g_array_free(stack, TRUE);
	g_hash_table_destroy(c.fn_index);
}

