/* node.c — building, walking and freeing the document tree (doc.h).
 * Reads nothing; writes nodes allocated with GLib, freed with warta_node_free(). */
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "doc/doc.h"
#include "image/image.h"

struct warta_node *
warta_node_new(enum warta_node_type type, int line, int col)
{
	struct warta_node *n = g_new0(struct warta_node, 1);

	n->type = type;
	n->line = n->end_line = line;
	n->col = n->end_col = col;
	return n;
}

void
warta_node_append(struct warta_node *parent, struct warta_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
warta_node_prepend(struct warta_node *parent, struct warta_node *child)
{
	child->parent = parent;
	child->prev = NULL;
	child->next = parent->first;
	if (parent->first)
		parent->first->prev = child;
	else
		parent->last = child;
	parent->first = child;
}

void
warta_node_insert_before(struct warta_node *sibling, struct warta_node *child)
{
	struct warta_node *parent = sibling->parent;

	child->parent = parent;
	child->next = sibling;
	child->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = child;
	else if (parent)
		parent->first = child;
	sibling->prev = child;
}

void
warta_node_unlink(struct warta_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (n->parent)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

static void
free_payload(struct warta_node *n)
{
	switch (n->type) {
	case WARTA_NODE_HEADING:
		g_free(n->as.heading.number);
		g_free(n->as.heading.id);
		break;
	case WARTA_NODE_CODE_BLOCK:
		g_free(n->as.code.info);
		break;
	case WARTA_NODE_LINK:
	case WARTA_NODE_IMAGE:
		g_free(n->as.link.url);
		g_free(n->as.link.title);
		if (n->type == WARTA_NODE_IMAGE) {
			g_free(n->as.link.path);
			warta_image_unref(n->as.link.image);
		}
		break;
	case WARTA_NODE_QUOTE:
		g_free(n->as.quote.open);
		g_free(n->as.quote.close);
		break;
	case WARTA_NODE_FOOTNOTE_REF:
	case WARTA_NODE_FOOTNOTE_DEF:
		g_free(n->as.footnote.label);
		break;
	case WARTA_NODE_DATELINE:
		g_free(n->as.dateline.place);
		g_free(n->as.dateline.agency);
		break;
	default:
		break;
	}
}

void
warta_node_free(struct warta_node *n)
{
	/* Recursive over depth: the reader caps nesting (article/limits). */
	struct warta_node *c = n->first;

	while (c) {
		struct warta_node *next = c->next;

		warta_node_free(c);
		c = next;
	}
	free_payload(n);
	g_free(n->text);
	g_free(n->lang);
	g_free(n);
}

int
warta_node_is_block(const struct warta_node *n)
{
	return n->type < WARTA_NODE_TEXT;
}

static const char *const type_names[WARTA_NODE_TYPE_COUNT] = {
	[WARTA_NODE_DOCUMENT] = "document",
	[WARTA_NODE_PARAGRAPH] = "paragraph",
	[WARTA_NODE_HEADING] = "heading",
	[WARTA_NODE_BLOCKQUOTE] = "blockquote",
	[WARTA_NODE_PULLQUOTE] = "pullquote",
	[WARTA_NODE_LIST] = "list",
	[WARTA_NODE_ITEM] = "item",
	[WARTA_NODE_CODE_BLOCK] = "code_block",
	[WARTA_NODE_HTML_BLOCK] = "html_block",
	[WARTA_NODE_THEMATIC_BREAK] = "thematic_break",
	[WARTA_NODE_TABLE] = "table",
	[WARTA_NODE_TABLE_ROW] = "table_row",
	[WARTA_NODE_TABLE_CELL] = "table_cell",
	[WARTA_NODE_FOOTNOTE_DEF] = "footnote_definition",
	[WARTA_NODE_FIGURE] = "figure",
	[WARTA_NODE_CAPTION] = "caption",
	[WARTA_NODE_CREDIT] = "credit",
	[WARTA_NODE_TEXT] = "text",
	[WARTA_NODE_SOFTBREAK] = "softbreak",
	[WARTA_NODE_LINEBREAK] = "linebreak",
	[WARTA_NODE_EMPH] = "emph",
	[WARTA_NODE_STRONG] = "strong",
	[WARTA_NODE_STRIKETHROUGH] = "strikethrough",
	[WARTA_NODE_CODE] = "code",
	[WARTA_NODE_HTML_INLINE] = "html_inline",
	[WARTA_NODE_LINK] = "link",
	[WARTA_NODE_IMAGE] = "image",
	[WARTA_NODE_QUOTE] = "quote",
	[WARTA_NODE_FOOTNOTE_REF] = "footnote_reference",
	[WARTA_NODE_DATELINE] = "dateline",
	[WARTA_NODE_ORPHAN_CAPTION] = "orphan_caption",
};

const char *
warta_node_type_name(enum warta_node_type type)
{
	if ((unsigned)type >= WARTA_NODE_TYPE_COUNT)
		return "unknown";
	return type_names[type];
}

static void
plain_text(const struct warta_node *n, GString *out)
{
	const struct warta_node *c;

	switch (n->type) {
	case WARTA_NODE_TEXT:
	case WARTA_NODE_CODE:
	case WARTA_NODE_HTML_INLINE:
		g_string_append(out, n->text ? n->text : "");
		return;
	case WARTA_NODE_SOFTBREAK:
	case WARTA_NODE_LINEBREAK:
		g_string_append_c(out, ' ');
		return;
	case WARTA_NODE_QUOTE:
		g_string_append(out, n->as.quote.open ? n->as.quote.open : "");
		for (c = n->first; c; c = c->next)
			plain_text(c, out);
		g_string_append(out, n->as.quote.close ? n->as.quote.close : "");
		return;
	case WARTA_NODE_DATELINE:
		g_string_append(out, n->as.dateline.place ? n->as.dateline.place : "");
		return;
	default:
		break;
	}
	for (c = n->first; c; c = c->next)
		plain_text(c, out);
}

char *
warta_node_plain_text(const struct warta_node *n)
{
	GString *s = g_string_new(NULL);

	plain_text(n, s);
	return g_string_free(s, FALSE);
}

struct warta_doc *
warta_doc_new(const char *path)
{
	struct warta_doc *d = g_new0(struct warta_doc, 1);
	char *base;
	char *dot;

	d->path = g_strdup(path ? path : "-");
	base = g_path_get_basename(d->path);
	if (strcmp(d->path, "-") == 0) {
		g_free(base);
		base = g_strdup("stdin");
	}
	dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	d->name = base;
	d->root = warta_node_new(WARTA_NODE_DOCUMENT, 1, 1);
	return d;
}

void
warta_doc_free(struct warta_doc *d)
{
	if (!d)
		return;
	g_free(d->path);
	g_free(d->name);
	g_free(d->meta.title);
	g_free(d->meta.subtitle);
	g_free(d->meta.author);
	g_free(d->meta.date);
	g_free(d->meta.source);
	g_free(d->meta.section);
	g_free(d->meta.dateline);
	g_free(d->meta.style);
	g_strfreev(d->meta.keywords);
	g_free(d->meta.lang);
	g_strfreev(d->meta.origin);
	g_free(d->meta.group);
	if (d->root)
		warta_node_free(d->root);
	if (d->meta.lead)
		warta_node_free(d->meta.lead);
	g_free(d);
}

struct warta_node *
warta_node_next(const struct warta_node *n, const struct warta_node *root)
{
	if (n->first)
		return n->first;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

char *
warta_text_capped(const char *s, size_t max)
{
	const char *p = s;
	size_t i;

	if (!s)
		return NULL;
	for (i = 0; i < max && *p; i++)
		p = g_utf8_next_char(p);
	if (!*p)
		return g_strdup(s);
	/* not inside a cluster: back off marks and joiners that belong to the
	 * character before them */
	while (p > s) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_ismark(c) && c != 0x200D && c != 0x034F && !(c >= 0xFE00 && c <= 0xFE0F))
			break;
		p = g_utf8_prev_char(p);
	}
	/* and not after a space: "word…", not "word …" */
	while (p > s) {
		const char *q = g_utf8_prev_char(p);

		if (!g_unichar_isspace(g_utf8_get_char(q)))
			break;
		p = q;
	}
	return g_strdup_printf("%.*s…", (int)(p - s), s);
}

static const struct {
	size_t off, cap;
} capped_fields[] = {
	{ offsetof(struct warta_meta, title), WARTA_CAP_TITLE },
	{ offsetof(struct warta_meta, subtitle), WARTA_CAP_SUBTITLE },
	{ offsetof(struct warta_meta, author), WARTA_CAP_AUTHOR },
	{ offsetof(struct warta_meta, section), WARTA_CAP_SECTION },
	{ offsetof(struct warta_meta, source), WARTA_CAP_SOURCE },
	{ offsetof(struct warta_meta, dateline), WARTA_CAP_DATELINE },
	{ offsetof(struct warta_meta, group), WARTA_CAP_GROUP },
};

struct warta_doc **
warta_docs_capped(struct warta_doc *const *docs, size_t n)
{
	struct warta_doc **c = g_new0(struct warta_doc *, n ? n : 1);
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (!docs[i])
			continue;
		c[i] = g_new(struct warta_doc, 1);
		*c[i] = *docs[i];
		for (k = 0; k < G_N_ELEMENTS(capped_fields); k++) {
			char **f = (char **)((char *)&c[i]->meta + capped_fields[k].off);

			*f = warta_text_capped(*f, capped_fields[k].cap);
		}
	}
	return c;
}

void
warta_docs_capped_free(struct warta_doc **c, size_t n)
{
	size_t i, k;

	if (!c)
		return;
	for (i = 0; i < n; i++) {
		if (!c[i])
			continue;
		for (k = 0; k < G_N_ELEMENTS(capped_fields); k++)
			g_free(*(char **)((char *)&c[i]->meta + capped_fields[k].off));
		g_free(c[i]);
	}
	g_free(c);
}

void
warta_walk_init(struct warta_walk *w, struct warta_node *root)
{
	memset(w, 0, sizeof *w);
	w->root = root;
}

/* The step after cur's subtree: its next sibling entered, else its parent
 * exited; nothing past the root. */
static enum warta_walk_event
walk_after(const struct warta_walk *w, struct warta_node *cur, struct warta_node **to)
{
	if (cur == w->root || cur == NULL) {
		*to = NULL;
		return WARTA_WALK_DONE;
	}
	if (cur->next) {
		*to = cur->next;
		return WARTA_WALK_ENTER;
	}
	*to = cur->parent;
	return *to ? WARTA_WALK_EXIT : WARTA_WALK_DONE;
}

enum warta_walk_event
warta_walk_next(struct warta_walk *w, struct warta_node **n)
{
	if (w->skipped) {
		w->skipped = 0;
		w->cur = w->pend;
		w->ev = w->pend_ev;
	} else if (!w->started) {
		w->started = 1;
		w->cur = w->root;
		w->ev = w->root ? WARTA_WALK_ENTER : WARTA_WALK_DONE;
	} else if (w->ev == WARTA_WALK_ENTER && w->cur->first) {
		w->cur = w->cur->first;
		w->ev = WARTA_WALK_ENTER;
	} else if (w->ev != WARTA_WALK_DONE) {
		w->ev = walk_after(w, w->cur, &w->cur);
	}
	if (w->ev == WARTA_WALK_DONE)
		w->cur = NULL;
	*n = w->cur;
	return w->ev;
}

void
warta_walk_skip(struct warta_walk *w)
{
	if (w->cur == NULL || w->ev != WARTA_WALK_ENTER)
		return;
	w->pend_ev = walk_after(w, w->cur, &w->pend);
	w->skipped = 1;
}
