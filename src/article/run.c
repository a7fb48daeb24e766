/* run.c — the reader's per-TEXT-node source map: which clean-text offset
 * each byte of a node's text came from, stored as run-length anchors (see
 * struct ar_run in reader.h), built while cmark's literals are aligned with
 * the body and kept up to date while the article layer slices and rewrites text. */
#include <string.h>

#include "article/reader.h"

/* The anchors: inline while there is one (the common case: a text node
 * copied straight from one source line), else the heap array. */
static struct ar_anchor *
anchors(struct ar_run *r)
{
	return r->cap > 1 ? r->a : &r->one;
}

static const struct ar_anchor *
canchors(const struct ar_run *r)
{
	return r->cap > 1 ? r->a : &r->one;
}

struct ar_run *
ar_run_new(void)
{
	return g_new0(struct ar_run, 1);
}

void
ar_run_free(struct ar_run *r)
{
	if (!r)
		return;
	if (r->cap > 1)
		g_free(r->a);
	g_free(r);
}

void
ar_run_clear(struct ar_run *r)
{
	if (r->cap > 1)
		g_free(r->a);
	memset(r, 0, sizeof(*r));
}

/* n more bytes from clean offsets off, off + 1, …: extends the last anchor
 * when they continue it, else adds one. */
void
ar_run_push_n(struct ar_run *r, size_t off, size_t n)
{
	struct ar_anchor *a = anchors(r);

	if (n == 0)
		return;
	if (r->n > 0 && (size_t)a[r->n - 1].off + (r->len - a[r->n - 1].at) == off) {
		r->len += (guint32)n;
		return;
	}
	if (r->n == 0)
		r->cap = r->cap ? r->cap : 1;
	else if (r->n == r->cap) {
		guint32 cap = r->cap * 2;
		struct ar_anchor *na = g_new(struct ar_anchor, cap);

		memcpy(na, a, r->n * sizeof(*na));
		if (r->cap > 1)
			g_free(r->a);
		r->a = na;
		r->cap = cap;
		a = na;
	}
	a[r->n].at = r->len;
	a[r->n].off = (guint32)off;
	r->n++;
	r->len += (guint32)n;
}

void
ar_run_push(struct ar_run *r, size_t off)
{
	ar_run_push_n(r, off, 1);
}

/* The anchor that covers byte i (< len): the last one at or before it. */
static guint32
find(const struct ar_run *r, size_t i)
{
	const struct ar_anchor *a = canchors(r);
	guint32 lo = 0, hi = r->n;

	while (hi - lo > 1) {
		guint32 mid = lo + (hi - lo) / 2;

		if (a[mid].at <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
ar_run_off(const struct ar_run *r, size_t i)
{
	const struct ar_anchor *a;
	guint32 k;

	if (!r || r->len == 0)
		return (size_t)-1;
	if (i >= r->len)
		i = r->len - 1;
	a = canchors(r);
	k = find(r, i);
	return (size_t)a[k].off + (i - a[k].at);
}

/* Appends bytes [from, to) of src to r (clamped to src's length). */
static void
append_range(struct ar_run *r, const struct ar_run *src, size_t from, size_t to)
{
	const struct ar_anchor *a = canchors(src);
	guint32 k;

	if (to > src->len)
		to = src->len;
	if (from >= to)
		return;
	for (k = find(src, from); k < src->n && a[k].at < to; k++) {
		size_t s = MAX(from, (size_t)a[k].at);
		size_t e = k + 1 < src->n ? MIN(to, (size_t)a[k + 1].at) : to;

		ar_run_push_n(r, (size_t)a[k].off + (s - a[k].at), e - s);
	}
}

struct ar_run *
ar_run_slice(const struct ar_run *r, size_t from, size_t to)
{
	struct ar_run *s = ar_run_new();

	append_range(s, r, from, to);
	return s;
}

void
ar_run_append_part(struct ar_run *r, const struct ar_run *src, size_t from, size_t to)
{
	append_range(r, src, from, to);
}

void
ar_run_append(struct ar_run *r, const struct ar_run *b)
{
	append_range(r, b, 0, b->len);
}

void
ar_run_cut(struct ar_run *r, size_t from, size_t to)
{
	struct ar_run *s;

	if (to > r->len)
		to = r->len;
	if (from >= to)
		return;
	s = ar_run_slice(r, 0, from);
	append_range(s, r, to, r->len);
	ar_run_clear(r);
	*r = *s;                     /* takes over s's anchors (inline or heap) */
	g_free(s);
}
