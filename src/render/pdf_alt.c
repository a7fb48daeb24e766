/* pdf_alt.c — /Alt for the figures of a PDF that cairo 1.16 wrote.
 *
 * Cairo 1.16 writes a structure element with /S, /P, /Pg and /K only: its
 * structure tags take no attributes (cairo-pdf-interchange.c,
 * write_node_object), so a Figure cannot carry its alternative description
 * (ISO 32000-1 §14.9.3).  This adds it as an incremental update (§7.5.6)
 * appended to cairo's bytes: each Figure element again, /Alt added, a
 * cross-reference section for those objects and a trailer whose /Prev is
 * cairo's table.  The elements are found through cairo's own
 * cross-reference table (each object at its offset), never by searching the
 * bytes; cairo writes the structure tree in preorder, children in the order
 * they were tagged (write_struct_tree, walk_struct_tree), so the Figure
 * elements by offset are the figures in drawing order.
 *
 * libqpdf reads and writes the same, but loading it (it brings GnuTLS and
 * p11-kit) costs 5-20 ms a run, more than a page of pictures may cost
 * (`make bench`: three photos at most 2 ms); the update is a few hundred
 * bytes a figure and costs a read of the cross-reference table.  qpdf is
 * the tests' judge (qpdf --check, --show-object). */
#include <stdlib.h>
#include <string.h>

#include "render/pdf_alt.h"

static const char FIGURE[] = "<< /Type /StructElem\n   /S /Figure\n";

struct fig {
	size_t off;                     /* "N 0 obj" of the element in cairo's bytes */
	size_t body;                    /* its dictionary */
	size_t num;                     /* N */
	size_t new_off;                 /* in the update */
};

static int
starts(const unsigned char *p, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);

	return i <= len && len - i >= n && memcmp(p + i, s, n) == 0;
}

static void
space(const unsigned char *p, size_t len, size_t *i)
{
	while (*i < len && (p[*i] == ' ' || p[*i] == '\r' || p[*i] == '\n'))
		(*i)++;
}

/* A decimal number at p[*i] (spaces before it skipped): 0, or -1. */
static int
number(const unsigned char *p, size_t len, size_t *i, size_t *v)
{
	size_t k, x = 0;

	space(p, len, i);
	for (k = *i; k < len && k - *i < 15 && p[k] >= '0' && p[k] <= '9'; k++)
		x = x * 10 + (size_t)(p[k] - '0');
	if (k == *i)
		return -1;
	*i = k;
	*v = x;
	return 0;
}

/* The first s in p[from, to), or (size_t)-1. */
static size_t
find(const unsigned char *p, size_t from, size_t to, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = from; i + n <= to; i++)
		if (p[i] == (unsigned char)s[0] && memcmp(p + i, s, n) == 0)
			return i;
	return (size_t)-1;
}

/* Object num is a Figure element at off: its dictionary's start, or 0. */
static size_t
figure_at(const unsigned char *p, size_t len, size_t off, size_t num)
{
	size_t i = off, v;

	if (number(p, len, &i, &v) < 0 || v != num || !starts(p, len, i, " 0 obj\n"))
		return 0;
	i += 7;
	return starts(p, len, i, FIGURE) ? i : 0;
}

/* The cross-reference table at x: its Figure elements into figs; the
 * offset of "trailer" after it, or 0. */
static size_t
xref_figures(const unsigned char *p, size_t len, size_t x, GArray *figs)
{
	size_t i = x + 4, first, count, k;

	if (!starts(p, len, x, "xref"))
		return 0;
	for (;;) {
		space(p, len, &i);
		if (starts(p, len, i, "trailer"))
			return i;
		if (number(p, len, &i, &first) < 0 || number(p, len, &i, &count) < 0)
			return 0;
		while (i < len && p[i] != '\n')
			i++;
		i++;
		if (i > len || count > (len - i) / 20)
			return 0;
		for (k = 0; k < count; k++, i += 20) {
			struct fig f;
			size_t j = i;

			if (p[i + 17] != 'n' || number(p, len, &j, &f.off) < 0 || f.off >= x)
				continue;
			f.num = first + k;
			if ((f.body = figure_at(p, len, f.off, f.num)) != 0)
				g_array_append_val(figs, f);
		}
	}
}

static gint
by_offset(gconstpointer a, gconstpointer b)
{
	const struct fig *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

static gint
by_number(gconstpointer a, gconstpointer b)
{
	const struct fig *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num;
}

/* A PDF text string: UTF-16BE with its byte order mark, in hex. */
static void
text_string(GString *out, const char *utf8)
{
	char *valid = g_utf8_make_valid(utf8, -1);
	gunichar2 *u = g_utf8_to_utf16(valid, -1, NULL, NULL, NULL);

	g_string_append(out, "<FEFF");
	for (size_t k = 0; u && u[k]; k++)
		g_string_append_printf(out, "%04X", (unsigned)u[k]);
	g_string_append_c(out, '>');
	g_free(u);
	g_free(valid);
}

/* Each figure's element again, its /Alt after /S; then the table and the
 * trailer (cairo's, with /Prev: its table at prev), the update starting
 * at offset len. */
static int
write_update(const unsigned char *p, size_t len, size_t prev, size_t t0, size_t t1, GArray *figs,
             char *const *alt, GString *out, char **why)
{
	size_t o0 = out->len, n = 0, x;
	guint k;

	for (k = 0; k < figs->len; k++) {
		struct fig *f = &g_array_index(figs, struct fig, k);
		size_t rest = f->body + strlen(FIGURE), end = find(p, rest, len, "endobj");

		if (end == (size_t)-1) {
			*why = g_strdup_printf("object %zu has no end", f->num);
			return -1;
		}
		f->new_off = 0;
		if (!alt[k] || !*alt[k])
			continue;       /* decorative: no description */
		f->new_off = len + (out->len - o0);
		g_string_append_printf(out, "%zu 0 obj\n%s   /Alt ", f->num, FIGURE);
		text_string(out, alt[k]);
		g_string_append_c(out, '\n');
		g_string_append_len(out, (const char *)p + rest, (gssize)(end - rest));
		g_string_append(out, "endobj\n");
		n++;
	}
	if (n == 0)
		return 0;
	g_array_sort(figs, by_number);
	x = len + (out->len - o0);
	g_string_append(out, "xref\n");
	for (k = 0; k < figs->len; k++) {
		const struct fig *f = &g_array_index(figs, struct fig, k);

		if (f->new_off)
			g_string_append_printf(out, "%zu 1\n%010zu 00000 n \n", f->num, f->new_off);
	}
	g_string_append(out, "trailer\n");
	g_string_append_len(out, (const char *)p + t0, (gssize)(t1 - t0));
	g_string_append_printf(out, "   /Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, x);
	return 0;
}

int
rn_pdf_alt(const unsigned char *pdf, size_t len, char *const *alt, int n, GString *out, char **why)
{
	size_t sx = (size_t)-1, i, x, tr, t0, t1;
	GArray *figs;
	int k, any = 0, rc;

	*why = NULL;
	for (k = 0; k < n; k++)
		any |= alt[k] && *alt[k];
	if (!any)
		return 0;
	/* startxref and its offset, in the file's last bytes */
	for (i = len >= 9 ? len - 9 : 0; len >= 9 && len - i <= 1024; i--) {
		if (starts(pdf, len, i, "startxref")) {
			sx = i;
			break;
		}
		if (i == 0)
			break;
	}
	i = sx + 9;
	if (sx == (size_t)-1 || number(pdf, len, &i, &x) < 0 || x >= sx) {
		*why = g_strdup("no cross-reference table at its end");
		return -1;
	}
	figs = g_array_new(FALSE, FALSE, sizeof(struct fig));
	tr = xref_figures(pdf, len, x, figs);
	t0 = tr ? find(pdf, tr, sx, "<<") : (size_t)-1;
	for (t1 = sx; t0 != (size_t)-1 && t1 > t0 && !starts(pdf, len, t1, ">>"); t1--)
		;
	if (!tr || t0 == (size_t)-1 || t1 <= t0) {
		*why = g_strdup("its cross-reference table or trailer is not as cairo writes them");
		g_array_free(figs, TRUE);
		return -1;
	}
	if ((int)figs->len != n) {
		*why = g_strdup_printf("%d figures were tagged, the PDF has %u", n, figs->len);
		g_array_free(figs, TRUE);
		return -1;
	}
	g_array_sort(figs, by_offset);
	rc = write_update(pdf, len, x, t0, t1, figs, alt, out, why);
	g_array_free(figs, TRUE);
	return rc;
}
