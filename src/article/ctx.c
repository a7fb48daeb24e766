/* ctx.c — what the reader's passes share while they build the tree: each
 * text node's run of source offsets, text nodes cut with their offsets, a
 * node's position from clean offsets, nodes dropped with their runs, and
 * messages at a clean offset (positions through hygiene.c's source map). */
#include <stdarg.h>
#include <string.h>

#include "article/reader.h"

/* ------------------------------------------------ text runs */

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
	struct warta_walk w;
	struct warta_node *n;

	warta_node_unlink(top);
	warta_walk_init(&w, top);
	while (warta_walk_next(&w, &n) != WARTA_WALK_DONE)
		g_hash_table_remove(cx->runs, n);       /* at its enter (and exit: no more there) */
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

