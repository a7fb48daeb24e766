/* read.c — the article reader's driver: raw bytes → hygiene → shape (date
 * line, YAML front matter, "# Title", plain) → body lines (boilerplate
 * dropped) → libcmark-gfm, a long body a chunk at a time → the document tree
 * of doc/doc.h with positions mapped back to the original file → language →
 * the article layer (sections, dateline, quotations and typography; layer.c, quotes.c). */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "article/reader.h"
#include "util/date.h"
#include "util/url.h"

/* ------------------------------------------------ text runs */

static void
run_free(gpointer p)
{
	ar_run_free(p);
}

struct ar_run *
ar_run_get(struct ar_ctx *cx, struct warta_node *n)
{
	return g_hash_table_lookup(cx->runs, n);
}

void
ar_run_set(struct ar_ctx *cx, struct warta_node *n, struct ar_run *r)
{
	g_hash_table_replace(cx->runs, n, r);
}

size_t
ar_text_off(struct ar_ctx *cx, struct warta_node *n, size_t i)
{
	return ar_run_off(ar_run_get(cx, n), i);
}

struct warta_node *
ar_text_slice(struct ar_ctx *cx, struct warta_node *n, size_t from, size_t to)
{
	struct warta_node *t = warta_node_new(WARTA_NODE_TEXT, n->line, n->col);
	struct ar_run *r = ar_run_get(cx, n);

	t->text = g_strndup(n->text + from, to - from);
	if (r && to <= r->len)
		ar_run_set(cx, t, ar_run_slice(r, from, to));
	return t;
}

void
ar_node_drop(struct ar_ctx *cx, struct warta_node *top)
{
	struct warta_node *n = top;

	warta_node_unlink(top);
	while (n) {
		g_hash_table_remove(cx->runs, n);
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n && n != top && !n->next)
			n = n->parent;
		if (!n || n == top)
			break;
		n = n->next;
	}
	warta_node_free(top);
}

void
ar_diag_at(struct ar_ctx *cx, enum warta_severity sev, size_t off, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int line = 0, col = 0;

	if (off != (size_t)-1)
		ar_clean_pos(cx->src, off, &line, &col);
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	warta_diag(cx->d, sev, cx->src->path, line, col, "%s", msg);
	g_free(msg);
}

/* Clean offset → node position: back to the start of the character. */
void
ar_set_pos(struct ar_ctx *cx, struct warta_node *n, size_t start, size_t end)
{
	const char *c = cx->src->clean;

	while (end > 0 && end < cx->src->clean_len && ((unsigned char)c[end] & 0xC0) == 0x80)
		end--;
	if (end < start)
		end = start;
	ar_clean_pos(cx->src, start, &n->line, &n->col);
	ar_clean_pos(cx->src, end, &n->end_line, &n->end_col);
}

/* ------------------------------------------------ body lines */

/* The body as given to cmark: kept lines of the clean text, each copied
 * whole; bstart[k] is where body line k starts in the body, cstart[k] where
 * it starts in the clean text.  A long body is parsed a chunk at a time
 * (see select_lines): then this holds the current chunk's lines only, and
 * cmark's line numbers count from the chunk's first line. */
struct body {
	GString *text;
	GArray *bstart, *cstart;   /* size_t */
	size_t cursor;             /* alignment cursor, body offset */
	int flattened;             /* containers flattened so far, all chunks */
};

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
	for (i = 0; i < llen; i++)
		ar_run_push(offs, body_to_clean(b, tmp[i], &h));
	g_free(tmp);
	return offs;
}

/* ------------------------------------------------ cmark → tree */

struct frame {
	struct warta_node *node;   /* NULL: a flattened container */
	cmark_node *cm;
	struct warta_node *owner;  /* node, or the nearest kept one below it on the stack */
};

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
	const char *p, *scheme, *why = NULL;
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
	scheme = g_uri_get_scheme(u);
	if (g_ascii_strcasecmp(scheme, "mailto") == 0) {
		const char *to = g_uri_get_path(u);

		if (!to || !*to || !strchr(to, '@') || *to == '@' || to[strlen(to) - 1] == '@')
			why = "is not a valid mailto address";
	} else if (g_ascii_strcasecmp(scheme, "http") == 0 || g_ascii_strcasecmp(scheme, "https") == 0) {
		const char *h = g_uri_get_host(u);
		size_t label = 0, len = h ? strlen(h) : 0;

		if (!h || !*h)
			why = "has no host";
		else if (strchr(h, ':'))
			;                       /* an IPv6 literal: GUri checked its brackets */
		else if (len > 253)
			why = "has a host name longer than 253 characters";
		else
			for (p = h; *p && !why; p++) {
				unsigned char c = (unsigned char)*p;

				if (c == '.') {
					if (label == 0 || p[-1] == '-')
						why = "has an empty or malformed host name label";
					label = 0;
				} else if (c == '-' && label == 0) {
					why = "has an empty or malformed host name label";
				} else if (g_ascii_isalnum(c) || c >= 0x80 || c == '_' || c == '-') {
					if (++label > 63)
						why = "has a host name label longer than 63 characters";
				} else {
					why = "has a character a host name cannot hold";
				}
			}
		/* "." alone, or a last label ending in '-' */
		if (!why && (strcmp(h, ".") == 0 || h[len - 1] == '-'))
			why = "has an empty or malformed host name label";
	} else {
		why = "is not an http, https or mailto URL";
	}
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

static void
convert(struct ar_ctx *cx, struct body *b, cmark_node *cmroot)
{
	cmark_iter *it = cmark_iter_new(cmroot);
	cmark_event_type ev;
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct frame));
	GHashTable *fn_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int depth = 0, cells = 0;
	struct frame top = { cx->doc->root, cmroot, cx->doc->root };

	g_array_append_val(stack, top);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cm = cmark_iter_get_node(it);
		struct frame *fr;
		struct warta_node *parent, *n;
		enum warta_node_type t;
		const char *ext, *lit;
		int line = cmark_node_get_start_line(cm), col = cmark_node_get_start_column(cm);

		if (cm == cmroot)
			continue;
		t = map_type(cm, &ext);
		if (ev == CMARK_EVENT_EXIT) {
			fr = &g_array_index(stack, struct frame, stack->len - 1);
			if (fr->cm != cm || stack->len <= 1)
				continue;   /* the exit of what we kept as a leaf */
			if (fr->node && !warta_node_is_block(fr->node))
				inline_pos(cx, b, fr->node, cm);
			g_array_set_size(stack, stack->len - 1);
			depth--;
			continue;
		}
		fr = &g_array_index(stack, struct frame, stack->len - 1);
		/* the owner is carried up the stack: looking down past flattened
		 * frames for every node made deep nesting quadratic */
		parent = fr->owner;
		if (t == WARTA_NODE_TYPE_COUNT)
			t = warta_node_is_block(parent) && parent->type != WARTA_NODE_PARAGRAPH
			    ? WARTA_NODE_PARAGRAPH : WARTA_NODE_EMPH;
		if (!is_leaf(t) && depth >= AR_MAX_DEPTH && t != WARTA_NODE_PARAGRAPH &&
		    t != WARTA_NODE_HEADING && t != WARTA_NODE_TABLE && t != WARTA_NODE_TABLE_ROW &&
		    t != WARTA_NODE_TABLE_CELL) {
			/* a paragraph keeps its place, so inlines stay inside one */
			struct frame f = { NULL, cm, parent };

			if (!b->flattened++)
				ar_diag_at(cx, WARTA_WARNING, body_clean(b, line, col),
				           "nesting deeper than %d levels: the inner levels are flattened",
				           AR_MAX_DEPTH);
			g_array_append_val(stack, f);
			depth++;
			continue;
		}
		n = warta_node_new(t, 1, 1);
		lit = cmark_node_get_literal(cm);
		switch (t) {
		case WARTA_NODE_TEXT:
		case WARTA_NODE_CODE:
		case WARTA_NODE_HTML_INLINE: {
			struct ar_run *offs = align_literal(cx, b, lit ? lit : "", line, col, t == WARTA_NODE_CODE,
			                                    block_end(b, cm));

			n->text = g_strdup(lit ? lit : "");
			if (offs->len > 0)
				ar_set_pos(cx, n, ar_run_off(offs, 0), ar_run_off(offs, offs->len - 1));
			else
				ar_set_pos(cx, n, body_clean(b, line, col), body_clean(b, line, col));
			if (t == WARTA_NODE_TEXT)
				ar_run_set(cx, n, offs);
			else
				ar_run_free(offs);
			break;
		}
		case WARTA_NODE_SOFTBREAK:
		case WARTA_NODE_LINEBREAK: {
			/* cmark gives no position: the line end after the cursor */
			size_t p = b->cursor, h = 0;

			while (p < b->text->len && b->text->str[p] != '\n')
				p++;
			if (p >= b->text->len && p > 0)
				p = b->text->len - 1;
			if (t == WARTA_NODE_LINEBREAK && p > b->cursor)
				p = b->cursor;
			b->cursor = p + 1;
			p = body_to_clean(b, p, &h);
			ar_set_pos(cx, n, p, p);
			break;
		}
		default: {
			size_t s0 = body_clean(b, line, t == WARTA_NODE_FOOTNOTE_DEF ? 1 : col);
			size_t e0 = body_clean(b, cmark_node_get_end_line(cm), cmark_node_get_end_column(cm));

			if (e0 < s0) {
				/* no usable end: the end of the start line */
				size_t q = body_off(b, line, col), h = 0;

				while (q + 1 < b->text->len && b->text->str[q + 1] != '\n')
					q++;
				e0 = body_to_clean(b, q, &h);
			}
			ar_set_pos(cx, n, s0, e0);
			break;
		}
		}
		switch (t) {
		case WARTA_NODE_HEADING:
			n->as.heading.level = cmark_node_get_heading_level(cm);
			break;
		case WARTA_NODE_LIST:
			n->as.list.ordered = cmark_node_get_list_type(cm) == CMARK_ORDERED_LIST;
			n->as.list.start = n->as.list.ordered ? cmark_node_get_list_start(cm) : 0;
			n->as.list.tight = cmark_node_get_list_tight(cm);
			n->as.list.delim = !n->as.list.ordered ? 0
			    : cmark_node_get_list_delim(cm) == CMARK_PAREN_DELIM ? ')' : '.';
			break;
		case WARTA_NODE_CODE_BLOCK:
		case WARTA_NODE_HTML_BLOCK:
			n->text = g_strdup(lit ? lit : "");
			if (t == WARTA_NODE_CODE_BLOCK) {
				const char *info = cmark_node_get_fence_info(cm);

				n->as.code.info = info && *info ? g_strdup(info) : NULL;
			}
			b->cursor = MAX(b->cursor, body_off(b, cmark_node_get_end_line(cm), 1));
			break;
		case WARTA_NODE_LINK:
		case WARTA_NODE_IMAGE: {
			const char *url = cmark_node_get_url(cm), *title = cmark_node_get_title(cm), *why;

			n->as.link.url = g_strdup(url ? url : "");
			n->as.link.title = title && *title ? g_strdup(title) : NULL;
			why = bad_url(url);
			n->as.link.active = !why;
			if (why && t == WARTA_NODE_LINK) {
				size_t ul = url ? strlen(url) : 0;
				const char *cut = url ? url + MIN(ul, 80) : NULL;

				while (cut && cut > url && ((unsigned char)*cut & 0xC0) == 0x80)
					cut--;   /* a whole character */
				ar_diag_at(cx, WARTA_WARNING, body_clean(b, line, col),
				           "link target \"%.*s%s\" %s: set as text, not followed",
				           url ? (int)(cut - url) : 0, url ? url : "", ul > 80 ? "…" : "", why);
			}
			break;
		}
		case WARTA_NODE_ITEM:
			if (parent->type == WARTA_NODE_LIST && parent->as.list.ordered) {
				size_t q = body_off(b, line, col);
				long v = 0;
				int digits = 0;

				while (q < b->text->len && b->text->str[q] == ' ')
					q++;
				while (q < b->text->len && g_ascii_isdigit(b->text->str[q]) && digits++ < 9)
					v = v * 10 + (b->text->str[q++] - '0');
				if (digits)
					g_hash_table_insert(cx->item_no, n, GINT_TO_POINTER((int)v));
			}
			break;
		case WARTA_NODE_TABLE:
			n->as.table.columns = cmark_gfm_extensions_get_table_columns(cm);
			break;
		case WARTA_NODE_TABLE_ROW:
			n->as.row.header = strcmp(ext, "table_header") == 0;
			cells = 0;
			break;
		case WARTA_NODE_TABLE_CELL: {
			cmark_node *table = cmark_node_parent(cmark_node_parent(cm));
			uint8_t *al = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
			int ncol = table ? cmark_gfm_extensions_get_table_columns(table) : 0;

			n->as.cell.align = WARTA_ALIGN_NONE;
			if (al && cells < ncol)
				n->as.cell.align = al[cells] == 'l' ? WARTA_ALIGN_LEFT
				    : al[cells] == 'c' ? WARTA_ALIGN_CENTER
				    : al[cells] == 'r' ? WARTA_ALIGN_RIGHT : WARTA_ALIGN_NONE;
			cells++;
			break;
		}
		case WARTA_NODE_FOOTNOTE_REF:
		case WARTA_NODE_FOOTNOTE_DEF: {
			char *label = footnote_label(b, line, col, t == WARTA_NODE_FOOTNOTE_DEF);
			gpointer idx;

			if (!label)
				label = g_strdup(lit ? lit : "");
			idx = g_hash_table_lookup(fn_index, label);
			if (!idx) {
				idx = GINT_TO_POINTER(g_hash_table_size(fn_index) + 1);
				g_hash_table_insert(fn_index, g_strdup(label), idx);
			}
			n->as.footnote.label = label;
			n->as.footnote.index = GPOINTER_TO_INT(idx);
			if (t == WARTA_NODE_FOOTNOTE_REF)
				b->cursor = MAX(b->cursor, body_off(b, line, col) + strlen(label) + 3);
			break;
		}
		default:
			break;
		}
		warta_node_append(parent, n);
		if (!is_leaf(t)) {
			struct frame f = { n, cm, n };

			g_array_append_val(stack, f);
			depth++;
		}
	}
	cmark_iter_free(it);
	g_array_free(stack, TRUE);
	g_hash_table_destroy(fn_index);
}

/* ------------------------------------------------ shapes */

/* Line k of the clean text: [*s, *e) without the LF; returns the next line's start. */
static size_t
next_line(const char *t, size_t len, size_t p, size_t *e)
{
	const char *nl = memchr(t + p, '\n', len - p);

	*e = nl ? (size_t)(nl - t) : len;
	return nl ? *e + 1 : len;
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!g_ascii_isspace(s[i]))
			return 0;
	return 1;
}

/* Trims ASCII spaces, no-break spaces and bidi/zero-width marks at both ends. */
static char *
trim_title(const char *s, size_t n)
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
static int
date_line(struct ar_ctx *cx, size_t s, size_t e)
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
		cx->doc->meta.title = trim_title(t + ts, e - ts);
		if (*cx->doc->meta.title)   /* where the title's first letter is, past any marks */
			ts += (size_t)(strstr(t + ts, cx->doc->meta.title) - (t + ts));
		ar_clean_pos(cx->src, ts, &cx->doc->meta.title_line, &cx->doc->meta.title_col);
	}
	return 1;
}

/* ------------------------------------------------ YAML front matter */

static char *
yaml_scalar(yaml_document_t *doc, yaml_node_t *v)
{
	if (!v || v->type != YAML_SCALAR_NODE)
		return NULL;
	return g_strndup((const char *)v->data.scalar.value, v->data.scalar.length);
}

/* A libyaml mark (0-based line, column in characters) → clean offset. */
static size_t
yaml_off(struct ar_ctx *cx, size_t fs, size_t fe, yaml_mark_t mk)
{
	const char *t = cx->src->clean;
	size_t p = fs, line = 0, e;

	while (line < mk.line && p < fe) {
		p = next_line(t, fe, p, &e);
		line++;
	}
	next_line(t, fe, p, &e);
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

static void
front_matter(struct ar_ctx *cx, size_t fs, size_t fe)
{
	struct warta_meta *m = &cx->doc->meta;
	yaml_parser_t parser;
	yaml_document_t ydoc;
	yaml_node_t *root;
	yaml_node_pair_t *pair;

	size_t deep = yaml_too_deep(cx->src->clean + fs, fe - fs);

	if (deep != (size_t)-1) {
		ar_diag_at(cx, WARTA_ERROR, fs + deep, "front matter: collections nested deeper than %d "
		           "levels", AR_YAML_MAX_DEPTH);
		return;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)cx->src->clean + fs, fe - fs);
	if (!yaml_parser_load(&parser, &ydoc)) {
		size_t off = yaml_off(cx, fs, fe, parser.problem_mark);

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
	     root && pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&ydoc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&ydoc, pair->value);
		char *key = yaml_scalar(&ydoc, k), *val = yaml_scalar(&ydoc, v);
		size_t koff = k ? yaml_off(cx, fs, fe, k->start_mark) : fs;
		char **slot = NULL;

		if (!key)
			;
		else if (strcmp(key, "title") == 0)
			slot = &m->title;
		else if (strcmp(key, "subtitle") == 0 || strcmp(key, "deck") == 0)
			slot = &m->subtitle;
		else if (strcmp(key, "author") == 0 || strcmp(key, "byline") == 0)
			slot = &m->author;
		else if (strcmp(key, "source") == 0)
			slot = &m->source;
		else if (strcmp(key, "section") == 0)
			slot = &m->section;
		else if (strcmp(key, "dateline") == 0)
			slot = &m->dateline;
		else if (strcmp(key, "style") == 0)
			slot = &m->style;
		else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0)
			slot = &m->lang;
		else if (strcmp(key, "date") == 0) {
			if (val && warta_date_valid(val))
				slot = &m->date;
			else
				ar_diag_at(cx, WARTA_WARNING, v ? yaml_off(cx, fs, fe, v->start_mark) : fs,
				           "date is not YYYY-MM-DD: %s", val ? val : "(not a string)");
		} else if (strcmp(key, "priority") == 0) {
			/* a newspaper's make-up: 1 the most important (the lead) … 99 */
			char *end = NULL;
			long pr = val ? strtol(val, &end, 10) : 0;

			if (val && end != val && *end == '\0' && pr >= 1 && pr <= 99)
				m->priority = (int)pr;
			else
				ar_diag_at(cx, WARTA_WARNING, v ? yaml_off(cx, fs, fe, v->start_mark) : fs,
				           "priority is not a whole number from 1 (the most important) to 99: %s",
				           val ? val : "(not a string)");
		} else if (strcmp(key, "keywords") == 0 || strcmp(key, "tags") == 0) {
			GPtrArray *kw = g_ptr_array_new();

			if (v && v->type == YAML_SEQUENCE_NODE) {
				yaml_node_item_t *item;

				for (item = v->data.sequence.items.start; item < v->data.sequence.items.top; item++) {
					char *s = yaml_scalar(&ydoc, yaml_document_get_node(&ydoc, *item));

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
		} else
			ar_diag_at(cx, WARTA_WARNING, koff, "front matter: unknown key \"%s\" ignored", key);
		if (slot && !val)
			ar_diag_at(cx, WARTA_WARNING, koff, "front matter: %s is not a string", key);
		else if (slot) {
			char *trimmed = g_strstrip(g_strdup(val));

			g_free(*slot);
			*slot = *trimmed ? trimmed : (g_free(trimmed), NULL);
			if (slot == &m->title && v) {
				ar_clean_pos(cx->src, yaml_off(cx, fs, fe, v->start_mark), &m->title_line, &m->title_col);
			}
		}
		g_free(key);
		g_free(val);
	}
	yaml_document_delete(&ydoc);
	yaml_parser_delete(&parser);
}

/* ------------------------------------------------ driver */

static void
set_text_positions(struct ar_ctx *cx, struct warta_node *root)
{
	struct warta_node *n = root;

	/* iterative pre-order walk */
	while (n) {
		if (n->type == WARTA_NODE_TEXT) {
			struct ar_run *r = ar_run_get(cx, n);

			if (r && r->len > 0)
				ar_set_pos(cx, n, ar_run_off(r, 0), ar_run_off(r, r->len - 1));
		}
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
}

/* cmark-gfm registers its extensions in a global list without a lock:
 * once per process, before any thread parses. */
static GOnce registered = G_ONCE_INIT;

static gpointer
register_extensions(gpointer unused)
{
	cmark_gfm_core_extensions_ensure_registered();
	return GINT_TO_POINTER(1);
}

static cmark_node *
parse_markdown(const char *text, size_t len)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink", NULL };
	cmark_parser *p;
	cmark_node *doc;
	int i;

	g_once(&registered, register_extensions, NULL);
	p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	for (i = 0; exts[i]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/* Fence lines ("```", "~~~") open and close code blocks, where no line is
 * boilerplate; *bare: nothing follows the fence (a closing fence). */
static int
fence(const char *s, size_t n, char *ch, size_t *len, int *bare)
{
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	for (k = i; k < n && s[k] == s[i]; k++)
		;
	if (k - i < 3)
		return 0;
	*ch = s[i];
	*len = k - i;
	*bare = blank(s + k, n - k);
	return 1;
}

/* Body bytes after which a long body is cut into a new chunk for cmark at
 * the next safe line: cmark's tree of the whole body (about four bytes per
 * byte of text) then never exists at once, only a chunk's. */
#define AR_CHUNK (1u << 20)
/* The language is guessed from the body's first bytes: no chunk is shorter. */
#define AR_LANG_SAMPLE 3000

size_t ar_chunk_bytes = AR_CHUNK;

/* Whether the body from clean offset p may be parsed in chunks: cmark
 * reads some things document-wide, and a body with any of them is parsed
 * whole.  Link reference definitions ("[label]: url") and footnotes ("[^")
 * resolve across the document; an HTML block (a line opening with "<")
 * may run on through blank lines. */
static int
chunkable(const char *t, size_t len, size_t p)
{
	size_t e, next;

	if (g_strstr_len(t + p, (gssize)(len - p), "]:") || g_strstr_len(t + p, (gssize)(len - p), "[^"))
		return 0;
	for (; p < len; p = next) {
		size_t i = p;

		next = next_line(t, len, p, &e);
		while (i < e && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (i < e && t[i] == '<')
			return 0;
	}
	return 1;
}

/* Picks the body's lines from clean offset p on: kept gets the clean
 * offset of each kept line's start (boilerplate lines are dropped, with a
 * note, except in code blocks), cuts the index in kept of each chunk's
 * first line.  A chunk ends, once ar_chunk_bytes long, before a line that
 * opens a paragraph at the left margin after a blank line outside a fenced
 * code block: there every container cmark has open (list, quotation,
 * indented code, table) has closed, so cmark reads the chunks as it would
 * read them together. */
static void
select_lines(struct ar_ctx *cx, size_t p, GArray *kept, GArray *cuts)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, e, size = 0;
	struct ar_boiler *bp = NULL;
	char fch = 0;
	size_t flen = 0;
	guint32 zero = 0;
	int chunks = chunkable(t, len, p), after_blank = 0;

	g_array_append_val(cuts, zero);
	if (!cx->opts->keep_boilerplate)
		bp = ar_boiler_new(cx->opts->boilerplate, cx->d, cx->src->path);
	while (p < len) {
		size_t next = next_line(t, len, p, &e);
		guint32 at = (guint32)p;
		char c;
		size_t l;
		int bare;

		if (fence(t + p, e - p, &c, &l, &bare)) {
			if (!fch)
				fch = c, flen = l;
			else if (c == fch && l >= flen && bare)
				fch = 0;
		} else if (bp && !fch && !(e - p >= 4 && strncmp(t + p, "    ", 4) == 0) &&
		           (e - p == 0 || t[p] != '\t') && ar_boiler_match(bp, t + p, e - p)) {
			char *line = trim_title(t + p, e - p);

			ar_diag_at(cx, WARTA_NOTE, p, "boilerplate line dropped: %s", line);
			cx->boiler_dropped++;
			g_free(line);
			p = next;
			continue;
		} else if (chunks && size >= MAX(ar_chunk_bytes, AR_LANG_SAMPLE) && after_blank && !fch &&
		           e > p && (g_ascii_isalpha(t[p]) || (unsigned char)t[p] >= 0x80)) {
			guint32 k = kept->len;

			g_array_append_val(cuts, k);
			size = 0;
		}
		after_blank = blank(t + p, e - p);
		g_array_append_val(kept, at);
		size += next - p;
		p = next;
	}
	ar_boiler_free(bp);
}

/* Makes b the body of kept lines [from, to). */
static void
fill_body(struct ar_ctx *cx, struct body *b, const GArray *kept, guint from, guint to)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, e;
	guint k;

	g_string_truncate(b->text, 0);
	g_array_set_size(b->bstart, 0);
	g_array_set_size(b->cstart, 0);
	b->cursor = 0;
	for (k = from; k < to; k++) {
		size_t p = g_array_index(kept, guint32, k), bpos = b->text->len;
		size_t next = next_line(t, len, p, &e);

		g_array_append_val(b->bstart, bpos);
		g_array_append_val(b->cstart, p);
		g_string_append_len(b->text, t + p, (gssize)(next - p));
		if (next == len && (e == len))
			g_string_append_c(b->text, '\n');   /* the last line ends too */
	}
	if (b->bstart->len == 0) {
		size_t z = 0, c0 = len;

		g_array_append_val(b->bstart, z);
		g_array_append_val(b->cstart, c0);
	}
}

static void
decide_lang(struct ar_ctx *cx, struct body *b)
{
	struct warta_meta *m = &cx->doc->meta;
	char *p = NULL;

	if (cx->opts->lang && *cx->opts->lang && (p = ar_lang_primary(cx->opts->lang))) {
		g_free(m->lang);
		m->lang = p;
		m->lang_origin = WARTA_LANG_OPTION;
	} else if (m->lang && (p = ar_lang_primary(m->lang))) {
		g_free(m->lang);
		m->lang = p;
		m->lang_origin = WARTA_LANG_FRONT_MATTER;
	} else {
		GString *sample = g_string_new(m->title);

		g_string_append_c(sample, '\n');
		g_string_append_len(sample, b->text->str, (gssize)MIN(b->text->len, AR_LANG_SAMPLE));
		g_free(m->lang);
		m->lang = ar_lang_detect(sample->str, sample->len);
		m->lang_origin = WARTA_LANG_DETECTED;
		if (!m->lang) {
			m->lang = g_strdup("en");
			m->lang_origin = WARTA_LANG_DEFAULT;
		}
		g_string_free(sample, TRUE);
	}
	m->rtl = warta_lang_is_rtl(m->lang);
}

/* Binary files handed over as articles (a PDF, an image, an archive, UTF-16,
 * random bytes) get one clear error, not a message per line: a known file
 * signature, or a start that is mostly NUL bytes, controls and invalid UTF-8.
 * A text with a few stray bytes is still text (hygiene reports each). */
static const char *
binary_kind(const char *data, size_t len)
{
	static const struct { const char *magic; size_t n; const char *what; } sigs[] = {
		{ "%PDF-", 5, "a PDF file" },
		{ "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
		{ "\xff\xd8\xff", 3, "a JPEG image" },
		{ "GIF87a", 6, "a GIF image" },
		{ "GIF89a", 6, "a GIF image" },
		{ "PK\x03\x04", 4, "a ZIP archive (EPUB, DOCX, ODT …)" },
		{ "\x1f\x8b", 2, "gzip-compressed data" },
		{ "BZh", 3, "bzip2-compressed data" },
		{ "\xfd" "7zXZ\0", 6, "xz-compressed data" },
		{ "\x7f" "ELF", 4, "an executable (ELF)" },
		{ "%!PS", 4, "a PostScript file" },
		{ "\xd0\xcf\x11\xe0", 4, "an MS Office (OLE) document" },
		{ "{\\rtf", 5, "an RTF document" },
	};
	const unsigned char *u = (const unsigned char *)data;
	size_t n = len < 4096 ? len : 4096, i, bad = 0, k;

	for (k = 0; k < G_N_ELEMENTS(sigs); k++)
		if (len >= sigs[k].n && memcmp(data, sigs[k].magic, sigs[k].n) == 0)
			return sigs[k].what;
	if (len >= 4 && ((u[0] == 0xff && u[1] == 0xfe && u[3] == 0) ||
	                 (u[0] == 0xfe && u[1] == 0xff && u[2] == 0)))
		return "UTF-16 text (convert it to UTF-8: iconv -f UTF-16 -t UTF-8)";
	if (n < 16)
		return NULL;
	for (i = 0; i < n;) {
		const char *end;
		gunichar c;

		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' && u[i] != '\f') {
			bad++;
			i++;
		} else if (u[i] < 0x80) {
			i++;
		} else if ((c = g_utf8_get_char_validated(data + i, (gssize)(n - i))) == (gunichar)-1 ||
		           c == (gunichar)-2) {
			if (c == (gunichar)-2 && n < len)
				break;              /* a character cut by the sample's end */
			bad++;
			i++;
		} else {
			end = g_utf8_next_char(data + i);
			i = (size_t)(end - data);
		}
	}
	/* a quarter: a text with a damaged stretch stays text, UTF-16 and
	 * compressed or random bytes are far beyond */
	if (bad * 4 > n)
		return "binary data (mostly NUL bytes, control characters and invalid UTF-8)";
	return NULL;
}

/* Lines longer than this are not article text (a minified page, a data
 * dump): no paragraph of an article is a megabyte without a line break. */
#define AR_MAX_LINE (1u << 20)

/* 1 after an error at the first line longer than AR_MAX_LINE. */
static int
long_line(const char *path, const char *data, size_t len, struct warta_diags *d)
{
	const char *p = data, *end = data + len, *nl;
	int line = 1;

	for (; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if ((size_t)(nl - p) > AR_MAX_LINE) {
			warta_diag(d, WARTA_ERROR, path, line, 1, "line is %zu bytes long, more than "
			           "the limit of %u: not article text", (size_t)(nl - p), AR_MAX_LINE);
			return 1;
		}
	}
	return 0;
}

/* Whether the body shows anything: a character that is neither white
 * space nor an invisible format character (ZWSP, bidi marks …) in its
 * text, or an image. */
static int
has_ink(const struct warta_node *root)
{
	const struct warta_node *n;

	for (n = root; n; n = warta_node_next(n, root)) {
		const char *p;

		if (n->type == WARTA_NODE_IMAGE)
			return 1;
		for (p = n->text; p && *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			if (!g_unichar_isspace(c) && g_unichar_type(c) != G_UNICODE_FORMAT &&
			    g_unichar_type(c) != G_UNICODE_SPACE_SEPARATOR)
				return 1;
		}
	}
	return 0;
}

/* own: the caller's buffer holding data, freed (and set to NULL) as soon
 * as the clean text is made, or NULL to leave data alone. */
static struct warta_doc *
article_read(const char *path, const char *data, size_t len, const struct warta_read_opts *opts,
             struct warta_diags *d, char **own)
{
	static const struct warta_read_opts defaults = { 0 };
	struct ar_src src = { 0 };
	struct ar_ctx cx = { 0 };
	struct body b = { 0 };
	struct warta_doc *doc;
	size_t max, p = 0, e, next;
	int errors = warta_diags_errors(d), no_title = 0;
	const char *t, *kind;
	cmark_node *cm;
	GArray *kept, *cuts;           /* guint32: body line starts, chunk starts */
	guint ci;

	if (!opts)
		opts = &defaults;
	max = opts->max_bytes ? opts->max_bytes : AR_DEFAULT_MAX;
	if (max > G_MAXUINT32 - 1)
		max = G_MAXUINT32 - 1;   /* source offsets are 32-bit */
	if (!path)
		path = "-";
	if (len > max) {
		warta_diag(d, WARTA_ERROR, path, 0, 0, "input is %zu bytes, more than the limit of %zu "
		           "(--max-size raises it)", len, max);
		return NULL;
	}
	if (data && (kind = binary_kind(data, len))) {
		warta_diag(d, WARTA_ERROR, path, 0, 0, "not article text: %s", kind);
		return NULL;
	}
	if (data && long_line(path, data, len, d))
		return NULL;
	src.path = path;
	src.orig = data ? data : "";
	src.orig_len = data ? len : 0;
	if (ar_hygiene(&src, opts->repair, d) < 0) {
		ar_src_free(&src);
		return NULL;
	}
	if (own) {
		/* positions need only the clean text and the source map now:
		 * the input need not stay beside the tree */
		g_free(*own);
		*own = NULL;
		src.orig = NULL;
	}
	/* nothing but white space: there is no article to make, and an empty
	 * PDF titled with the file name would only hide a failed scrape */
	for (p = 0; p < src.clean_len; p = next) {
		next = next_line(src.clean, src.clean_len, p, &e);
		if (!blank(src.clean + p, e - p))
			break;
	}
	if (p >= src.clean_len) {
		warta_diag(d, WARTA_ERROR, path, 1, 1,
		           src.orig_len ? "only white space: nothing to typeset" :
		                          "empty input: nothing to typeset");
		ar_src_free(&src);
		return NULL;
	}
	p = 0;
	doc = warta_doc_new(path);
	cx.src = &src;
	cx.doc = doc;
	cx.d = d;
	cx.opts = opts;
	cx.runs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, run_free);
	cx.item_no = g_hash_table_new(g_direct_hash, g_direct_equal);
	t = src.clean;

	/* shape: skip blank lines to the first line that says something */
	while (p < src.clean_len) {
		next = next_line(t, src.clean_len, p, &e);
		if (!blank(t + p, e - p))
			break;
		p = next;
	}
	next = p < src.clean_len ? next_line(t, src.clean_len, p, &e) : (e = p);
	if (p < src.clean_len && date_line(&cx, p, e)) {
		doc->meta.shape = WARTA_SHAPE_DATE_LINE;
		p = next;
	} else if (p < src.clean_len && e - p >= 3 && strncmp(t + p, "---", 3) == 0 &&
	           blank(t + p + 3, e - p - 3)) {
		size_t fs = next, q = next, qe = 0, found = 0;

		while (q < src.clean_len) {
			size_t qn = next_line(t, src.clean_len, q, &qe);

			if (qe - q >= 3 && (strncmp(t + q, "---", 3) == 0 || strncmp(t + q, "...", 3) == 0) &&
			    blank(t + q + 3, qe - q - 3)) {
				found = 1;
				front_matter(&cx, fs, q);
				p = qn;
				break;
			}
			q = qn;
		}
		if (found)
			doc->meta.shape = WARTA_SHAPE_YAML;
		else
			doc->meta.shape = WARTA_SHAPE_PLAIN;   /* a thematic break, then text */
	} else
		doc->meta.shape = WARTA_SHAPE_PLAIN;
	if (doc->meta.shape != WARTA_SHAPE_DATE_LINE && !doc->meta.title) {
		/* "# Title" as the first line (of the body, after front matter) */
		size_t q = p, qe = 0;

		while (q < src.clean_len) {
			size_t qn = next_line(t, src.clean_len, q, &qe);

			if (!blank(t + q, qe - q))
				break;
			q = qn;
		}
		if (q < src.clean_len && qe - q >= 2 && t[q] == '#' && (t[q + 1] == ' ' || t[q + 1] == '\t')) {
			size_t ts = q + 2, te = qe;

			while (ts < te && (t[ts] == ' ' || t[ts] == '\t'))
				ts++;
			/* a closing sequence of #s */
			while (te > ts && t[te - 1] == ' ')
				te--;
			if (te > ts && t[te - 1] == '#') {
				size_t h = te;

				while (h > ts && t[h - 1] == '#')
					h--;
				if (h == ts || t[h - 1] == ' ')
					te = h;
			}
			doc->meta.title = trim_title(t + ts, te - ts);
			ar_clean_pos(&src, ts, &doc->meta.title_line, &doc->meta.title_col);
			if (doc->meta.shape == WARTA_SHAPE_PLAIN)
				doc->meta.shape = WARTA_SHAPE_ATX_TITLE;
			p = next_line(t, src.clean_len, q, &qe);
		}
	}
	if (!doc->meta.title || !*doc->meta.title) {
		g_free(doc->meta.title);
		doc->meta.title = g_strdup(doc->name);
		doc->meta.title_line = doc->meta.title_col = 0;
		no_title = 1;   /* a warning, or an error when there is no text either */
	}

	kept = g_array_new(FALSE, FALSE, sizeof(guint32));
	cuts = g_array_new(FALSE, FALSE, sizeof(guint32));
	select_lines(&cx, p, kept, cuts);
	b.text = g_string_new(NULL);
	b.bstart = g_array_new(FALSE, FALSE, sizeof(size_t));
	b.cstart = g_array_new(FALSE, FALSE, sizeof(size_t));
	for (ci = 0; ci < cuts->len; ci++) {
		guint to = ci + 1 < cuts->len ? g_array_index(cuts, guint32, ci + 1) : kept->len;

		fill_body(&cx, &b, kept, g_array_index(cuts, guint32, ci), to);
		if (ci == 0)
			decide_lang(&cx, &b);   /* a chunk is longer than its sample */
		cm = parse_markdown(b.text->str, b.text->len);
		convert(&cx, &b, cm);
		cmark_node_free(cm);
	}
	g_array_free(kept, TRUE);
	g_array_free(cuts, TRUE);
	ar_pullquotes(&cx);
	if (doc->root->first) {
		doc->root->line = doc->root->first->line;
		doc->root->col = doc->root->first->col;
		doc->root->end_line = doc->root->last->end_line;
		doc->root->end_col = doc->root->last->end_col;
	}

	ar_captions(&cx);
	ar_bylines(&cx);
	ar_standfirst(&cx);
	ar_sections(&cx);
	ar_subheadings(&cx);
	ar_spaces(&cx);
	ar_dateline(&cx);
	ar_quotes(&cx);
	ar_heading_ids(&cx);
	set_text_positions(&cx, doc->root);
	ar_noncharacters(&cx);
	ar_meta_caps(&cx);

	g_hash_table_destroy(cx.runs);
	g_hash_table_destroy(cx.item_no);
	g_string_free(b.text, TRUE);
	g_array_free(b.bstart, TRUE);
	g_array_free(b.cstart, TRUE);
	ar_src_free(&src);
	if (no_title && !has_ink(doc->root))
		/* no title line and nothing visible in the body: white space of
		 * other kinds, dropped boilerplate (a failed scrape) … */
		warta_diag(d, WARTA_ERROR, path, 1, 1, cx.boiler_dropped ?
		           "nothing to typeset: no title and only boilerplate lines (--keep-boilerplate keeps them)" :
		           "nothing to typeset: no title and no visible text");
	else if (no_title)
		warta_diag(d, WARTA_WARNING, path, 1, 1, "no title line: the title is the file name \"%s\"",
		           doc->name);
	if (warta_diags_errors(d) > errors) {
		warta_doc_free(doc);
		return NULL;
	}
	return doc;
}

struct warta_doc *
warta_article_read(const char *path, const char *data, size_t len,
                   const struct warta_read_opts *opts, struct warta_diags *d)
{
	return article_read(path, data, len, opts, d, NULL);
}

struct warta_doc *
warta_article_read_file(const char *path, const struct warta_read_opts *opts, struct warta_diags *d)
{
	GError *err = NULL;
	char *data = NULL;
	gsize len = 0;
	struct warta_doc *doc;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : AR_DEFAULT_MAX;
	/* one byte past the limit tells that an input is over it (SIZE_MAX: no
	 * byte past, max + 1 would be 0 and read every input as empty) */
	size_t over = max < SIZE_MAX ? max + 1 : max;

	if (!path || strcmp(path, "-") == 0) {
		GString *s = g_string_new(NULL);
		char buf[65536];
		size_t n;

		while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
			if (n > over - s->len) {
				n = over - s->len;      /* enough to say it is too big */
				g_string_append_len(s, buf, (gssize)n);
				break;
			}
			g_string_append_len(s, buf, (gssize)n);
		}
		if (ferror(stdin)) {
			warta_diag(d, WARTA_ERROR, "-", 0, 0, "cannot read standard input: %s", g_strerror(errno));
			g_string_free(s, TRUE);
			return NULL;
		}
		len = s->len;
		data = g_string_free(s, FALSE);
	} else {
		GStatBuf st;

		if (g_stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			warta_diag(d, WARTA_ERROR, path, 0, 0, "is a directory, not an article");
			return NULL;
		}
		if (g_stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
			warta_diag(d, WARTA_ERROR, path, 0, 0, "input is %zu bytes, more than the limit of %zu "
			           "(--max-size raises it)", (size_t)st.st_size, max);
			return NULL;
		}
		if (g_stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			/* a FIFO or a device (/dev/zero): read no more than the limit */
			FILE *f = fopen(path, "rb");
			GString *s;
			char buf[65536];
			size_t n;

			if (!f) {
				warta_diag(d, WARTA_ERROR, path, 0, 0, "cannot read: %s", g_strerror(errno));
				return NULL;
			}
			s = g_string_new(NULL);
			while (s->len < over && (n = fread(buf, 1, sizeof buf, f)) > 0)
				g_string_append_len(s, buf, (gssize)MIN(n, over - s->len));
			if (ferror(f)) {
				warta_diag(d, WARTA_ERROR, path, 0, 0, "cannot read: %s", g_strerror(errno));
				fclose(f);
				g_string_free(s, TRUE);
				return NULL;
			}
			fclose(f);
			len = s->len;
			data = g_string_free(s, FALSE);
		} else if (!g_file_get_contents(path, &data, &len, &err)) {
			warta_diag(d, WARTA_ERROR, path, 0, 0, "cannot read: %s", err->message);
			g_error_free(err);
			return NULL;
		}
	}
	doc = article_read(path, data, len, opts, d, &data);
	g_free(data);
	return doc;
}
