/* pdf_alt.c — /Alt for the figures and /Lang for the structure elements
 * and the document of a PDF that cairo 1.16 wrote.
 *
 * Cairo 1.16 writes a structure element with /S, /P, /Pg and /K only: its
 * structure tags take no attributes (cairo-pdf-interchange.c,
 * write_node_object), so a Figure cannot carry its alternative description
 * (ISO 32000-1 §14.9.3) nor an article its language (§14.9.2), and the
 * catalog has no /Lang.  This adds them as an incremental update (§7.5.6)
 * appended to cairo's bytes: each such object again, /Alt or /Lang added, a
 * cross-reference section for those objects and a trailer whose /Prev is
 * cairo's table.  The elements are found through cairo's own
 * cross-reference table (each object at its offset), never by searching the
 * bytes; cairo writes the structure tree in preorder, children in the order
 * they were tagged (write_struct_tree, walk_struct_tree), so the Figure
 * elements by offset are the figures in drawing order.
 *
 * The same update puts pages drawn last first (a flow edition's contents,
 * drawn once every article's first page is known: edition_flow.c): the
 * page tree's /Kids and the structure tree root's children again, in the
 * reading order.  Nothing else cairo writes depends on the pages' order:
 * it refers to a page by its object (named destinations, the outline's and
 * the links' destinations, the elements' /Pg), the parent tree by each
 * page's own /StructParents, and page labels are written only for a page
 * range (out_cairo.c), which is drawn in order.
 *
 * libqpdf reads and writes the same, but loading it (it brings GnuTLS and
 * p11-kit) costs 5-20 ms a run, more than a page of pictures may cost
 * (`make bench`: three photos at most 2 ms); the update is a few hundred
 * bytes a figure and costs a read of the cross-reference table.  qpdf is
 * the tests' judge (qpdf --check, --show-object). */
#include <stdlib.h>
#include <string.h>

#include "render/pdf_alt.h"

static const char ELEM[] = "<< /Type /StructElem\n   /S /";
static const char CATALOG[] = "<< /Type /Catalog\n";
static const char PAGES[] = "<< /Type /Pages\n";
static const char ROOT[] = "<< /Type /StructTreeRoot\n";

enum kind { K_ELEM, K_CATALOG, K_PAGES, K_ROOT };

struct fig {
	size_t off;                     /* "N 0 obj" of the object in the bytes */
	size_t body;                    /* its dictionary */
	size_t rest;                    /* after its first lines: what is copied */
	size_t num;                     /* N */
	size_t new_off;                 /* in the update */
	char name[16];                  /* a structure element's type; "" the others */
	enum kind kind;
	const char *alt, *lang;         /* what it gets */
	GString *array;                 /* the page tree's /Kids or the root's /K, put in order */
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

/* Whether "N 0 obj" of object f->num is at f->off, as the cross-reference
 * table says; sets f->body after it. */
static int
object_head(const unsigned char *p, size_t len, struct fig *f)
{
	size_t i = f->off, v;

	if (number(p, len, &i, &v) < 0 || v != f->num || !starts(p, len, i, " 0 obj\n"))
		return 0;
	f->body = i + 7;
	return 1;
}

/* Object num at off: a structure element (its type in f->name), the
 * catalog, the page tree or the structure tree's root, as cairo writes
 * them; 1 when it is one. */
static int
object_at(const unsigned char *p, size_t len, struct fig *f)
{
	static const struct { const char *s; enum kind k; } other[] = {
		{ CATALOG, K_CATALOG }, { PAGES, K_PAGES }, { ROOT, K_ROOT },
	};
	size_t i, k;

	if (!object_head(p, len, f))
		return 0;
	for (k = 0; k < G_N_ELEMENTS(other); k++)
		if (starts(p, len, f->body, other[k].s)) {
			f->name[0] = '\0';
			f->kind = other[k].k;
			f->rest = f->body + strlen(other[k].s);
			return 1;
		}
	if (!starts(p, len, f->body, ELEM))
		return 0;
	i = f->body + strlen(ELEM);
	for (k = 0; i + k < len && k + 1 < sizeof f->name && g_ascii_isalnum(p[i + k]); k++)
		f->name[k] = (char)p[i + k];
	f->name[k] = '\0';
	if (k == 0 || i + k >= len || p[i + k] != '\n')
		return 0;
	f->kind = K_ELEM;
	f->rest = i + k + 1;
	return 1;
}

/* The cross-reference table at x: the structure elements and the catalog
 * written from base on into objs (offsets in p); the offset of "trailer"
 * after it, or 0.  *missing (when not NULL): the first object written from
 * base on that is not where the table says, or -1. */
static size_t
xref_objects(const unsigned char *p, size_t len, size_t base, size_t x, GArray *objs,
             long *missing)
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
			size_t j = i, at;

			memset(&f, 0, sizeof f);
			if (p[i + 17] != 'n' || number(p, len, &j, &at) < 0 || at < base)
				continue;
			if (at - base >= x) {
				if (missing && *missing < 0)
					*missing = (long)(first + k);
				continue;
			}
			f.off = at - base;
			f.num = first + k;
			if (object_at(p, len, &f))
				g_array_append_val(objs, f);
			else if (missing && *missing < 0 && !object_head(p, len, &f))
				*missing = (long)f.num;
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

/* A language tag fit for a PDF string as it is: letters, digits, '-'. */
static int
plain_tag(const char *t)
{
	if (!t || !*t || strlen(t) > 35)
		return 0;
	for (; *t; t++)
		if (!g_ascii_isalnum(*t) && *t != '-')
			return 0;
	return 1;
}

/* Each object that gets something again, /Alt and /Lang after its first
 * lines; then the table and the trailer (cairo's, with /Prev: its table at
 * prev), the update starting at offset end of the file. */
static int
write_update(const unsigned char *p, size_t len, size_t end, size_t prev, size_t t0, size_t t1,
             GArray *objs, GString *out, char **why)
{
	size_t o0 = out->len, n = 0, x;
	guint k;

	for (k = 0; k < objs->len; k++) {
		struct fig *f = &g_array_index(objs, struct fig, k);
		size_t stop = find(p, f->rest, len, "endobj");

		f->new_off = 0;
		if (!f->alt && !f->lang && !f->array)
			continue;
		if (stop == (size_t)-1) {
			*why = g_strdup_printf("object %zu has no end", f->num);
			g_string_truncate(out, o0);
			return -1;
		}
		f->new_off = end + (out->len - o0);
		g_string_append_printf(out, "%zu 0 obj\n", f->num);
		if (f->array) {         /* the whole object again, its array put in order */
			g_string_append_len(out, f->array->str, (gssize)f->array->len);
			g_string_append(out, "endobj\n");
			n++;
			continue;
		}
		g_string_append_len(out, (const char *)p + f->body, (gssize)(f->rest - f->body));
		if (f->alt) {
			g_string_append(out, "   /Alt ");
			text_string(out, f->alt);
			g_string_append_c(out, '\n');
		}
		if (f->lang)
			g_string_append_printf(out, "   /Lang (%s)\n", f->lang);
		g_string_append_len(out, (const char *)p + f->rest, (gssize)(stop - f->rest));
		g_string_append(out, "endobj\n");
		n++;
	}
	if (n == 0)
		return 0;
	g_array_sort(objs, by_number);
	x = end + (out->len - o0);
	g_string_append(out, "xref\n");
	for (k = 0; k < objs->len; k++) {
		const struct fig *f = &g_array_index(objs, struct fig, k);

		if (f->new_off)
			g_string_append_printf(out, "%zu 1\n%010zu 00000 n \n", f->num, f->new_off);
	}
	g_string_append(out, "trailer\n");
	g_string_append_len(out, (const char *)p + t0, (gssize)(t1 - t0));
	g_string_append_printf(out, "   /Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, x);
	return 0;
}

/* What each object gets: the figures' descriptions in order (an empty one:
 * decorative, none), the languages of the elements fix->tags names in the
 * order they were begun (the others of the tree skipped), the document's
 * on the catalog.  0, or -1 with *why when the PDF's elements are not
 * those. */
static int
assign(GArray *objs, const struct rn_pdf_fix *fix, char **why)
{
	int nfig = 0, t = 0;

	for (guint k = 0; k < objs->len; k++) {
		struct fig *f = &g_array_index(objs, struct fig, k);

		if (f->kind != K_ELEM) {
			if (f->kind == K_CATALOG)
				f->lang = plain_tag(fix->lang) ? fix->lang : NULL;
			continue;
		}
		if (strcmp(f->name, "Figure") == 0 && nfig++ < fix->n_alt && fix->alt[nfig - 1] &&
		    fix->alt[nfig - 1][0])
			f->alt = fix->alt[nfig - 1];
		if (t < fix->n_tags) {
			const char *tag = fix->tags[t], *sp = strchr(tag, ' ');
			size_t n = sp ? (size_t)(sp - tag) : strlen(tag);

			if (strlen(f->name) == n && memcmp(f->name, tag, n) == 0) {
				f->lang = sp && plain_tag(sp + 1) ? sp + 1 : NULL;
				t++;
			}
		}
	}
	if (fix->n_alt > 0 && nfig != fix->n_alt) {
		*why = g_strdup_printf("%d figures were tagged, the PDF has %d", fix->n_alt, nfig);
		return -1;
	}
	if (t != fix->n_tags) {
		*why = g_strdup_printf("%d structure elements were tagged, the PDF has %d of them",
		                       fix->n_tags, t);
		return -1;
	}
	return 0;
}

/* The references "N 0 R" of the array at p[*i] ('[') into refs; *i after
 * its ']'.  0, or -1 when it holds something else. */
static int
refs_of(const unsigned char *p, size_t len, size_t *i, GArray *refs)
{
	size_t v, g;

	if (*i >= len || p[*i] != '[')
		return -1;
	for ((*i)++;;) {
		space(p, len, i);
		if (*i < len && p[*i] == ']') {
			(*i)++;
			return 0;
		}
		if (number(p, len, i, &v) < 0 || number(p, len, i, &g) < 0 || g != 0)
			return -1;
		space(p, len, i);
		if (*i >= len || p[*i] != 'R')
			return -1;
		(*i)++;
		g_array_append_val(refs, v);
	}
}

/* Object f again (in f->array) with the array after key rearranged: its
 * references from `from` on first.  For the page tree (pages > 0) from is
 * its count less pages, and *moved the first page moved; for the
 * structure tree's root, from is its first child numbered after *moved,
 * and every child after it must be too.  0 (nothing to do when f has no
 * such array), or -1 with *why. */
static int
put_first(const unsigned char *p, size_t len, struct fig *f, const char *key, int pages, size_t *moved,
          char **why)
{
	size_t stop = find(p, f->rest, len, "endobj"), a, e;
	GArray *refs = g_array_new(FALSE, FALSE, sizeof(size_t));
	guint from = 0, k;

	a = stop == (size_t)-1 ? stop : find(p, f->rest, stop, key);
	if (a == (size_t)-1 && pages == 0) {    /* a root of one child (or none) */
		g_array_free(refs, TRUE);
		return 0;
	}
	e = a == (size_t)-1 ? a : a + strlen(key) - 1;
	if (a == (size_t)-1 || refs_of(p, len, &e, refs) < 0) {
		*why = g_strdup_printf("object %zu has no array %s as cairo writes it", f->num, key);
		g_array_free(refs, TRUE);
		return -1;
	}
	if (pages > 0) {
		from = refs->len >= (guint)pages ? refs->len - (guint)pages : 0;
		if (refs->len < (guint)pages)
			*why = g_strdup_printf("%d pages to put first, the PDF has %u", pages, refs->len);
		else
			*moved = g_array_index(refs, size_t, from);
	} else {
		while (from < refs->len && g_array_index(refs, size_t, from) < *moved)
			from++;
		for (k = from; k < refs->len && !*why; k++)
			if (g_array_index(refs, size_t, k) < *moved)
				*why = g_strdup("the structure elements of the pages put first are not the last ones");
	}
	if (*why == NULL) {
		f->array = g_string_new(NULL);
		g_string_append_len(f->array, (const char *)p + f->body, (gssize)(a + strlen(key) - f->body));
		for (k = 0; k < refs->len; k++)
			g_string_append_printf(f->array, " %zu 0 R", g_array_index(refs, size_t, (from + k) % refs->len));
		g_string_append(f->array, " ]");
		g_string_append_len(f->array, (const char *)p + e, (gssize)(stop - e));
	}
	g_array_free(refs, TRUE);
	return *why ? -1 : 0;
}

/* The last `pages` pages put first: the page tree's /Kids, and the
 * structure tree root's children begun on those pages (cairo numbers a
 * page's object when the page starts and a structure element when it is
 * begun: the elements begun on the pages drawn last are numbered after
 * the first of them, and are the root's last children, as cairo writes
 * them in the order they were begun).  0, or -1 with *why. */
static int
front_pages(const unsigned char *p, size_t len, GArray *objs, int pages, char **why)
{
	struct fig *tree = NULL, *root = NULL;
	size_t moved = 0;

	for (guint k = 0; k < objs->len; k++) {
		struct fig *f = &g_array_index(objs, struct fig, k);

		if ((f->kind == K_PAGES && tree) || (f->kind == K_ROOT && root)) {
			*why = g_strdup("two page trees or structure trees");
			return -1;
		}
		if (f->kind == K_PAGES)
			tree = f;
		else if (f->kind == K_ROOT)
			root = f;
	}
	if (tree == NULL) {
		*why = g_strdup("no page tree");
		return -1;
	}
	if (put_first(p, len, tree, "/Kids [", pages, &moved, why) < 0)
		return -1;
	return root ? put_first(p, len, root, "/K [", 0, &moved, why) : 0;
}

/* "startxref" in the file's last bytes (at *sx) and the table's offset
 * in the file (*xa); 0, or -1 with *why. */
static int
find_xref(const unsigned char *pdf, size_t len, size_t base, size_t *sx, size_t *xa, char **why)
{
	size_t i;

	*sx = (size_t)-1;
	for (i = len >= 9 ? len - 9 : 0; len >= 9 && len - i <= 1024; i--) {
		if (starts(pdf, len, i, "startxref")) {
			*sx = i;
			break;
		}
		if (i == 0)
			break;
	}
	i = *sx + 9;
	if (*sx == (size_t)-1 || number(pdf, len, &i, xa) < 0 || *xa < base || *xa - base >= *sx) {
		*why = g_strdup("no cross-reference table at its end");
		return -1;
	}
	return 0;
}

int
rn_pdf_check(const unsigned char *pdf, size_t len, size_t base, char **why)
{
	size_t sx, xa;
	long missing = -1;
	GArray *objs;

	*why = NULL;
	if (find_xref(pdf, len, base, &sx, &xa, why) < 0)
		return -1;
	objs = g_array_new(FALSE, FALSE, sizeof(struct fig));
	if (!xref_objects(pdf, len, base, xa - base, objs, &missing))
		*why = g_strdup("its cross-reference table is not as cairo writes it");
	else if (missing >= 0)
		*why = g_strdup_printf("object %ld is not where its cross-reference table says", missing);
	g_array_free(objs, TRUE);
	return *why ? -1 : 0;
}

int
rn_pdf_update(const unsigned char *pdf, size_t len, const struct rn_pdf_fix *fix, GString *out,
              char **why)
{
	size_t sx, xa, x, tr, t0, t1, base = fix->base;
	GArray *objs;
	int rc;

	*why = NULL;
	if (find_xref(pdf, len, base, &sx, &xa, why) < 0)
		return -1;
	x = xa - base;
	objs = g_array_new(FALSE, FALSE, sizeof(struct fig));
	tr = xref_objects(pdf, len, base, x, objs, NULL);
	t0 = tr ? find(pdf, tr, sx, "<<") : (size_t)-1;
	for (t1 = sx; t0 != (size_t)-1 && t1 > t0 && !starts(pdf, len, t1, ">>"); t1--)
		;
	if (!tr || t0 == (size_t)-1 || t1 <= t0) {
		*why = g_strdup("its cross-reference table or trailer is not as cairo writes them");
		g_array_free(objs, TRUE);
		return -1;
	}
	g_array_sort(objs, by_offset);
	rc = assign(objs, fix, why);
	if (rc == 0 && fix->front > 0)
		rc = front_pages(pdf, len, objs, fix->front, why);
	if (rc == 0)
		rc = write_update(pdf, len, base + len, xa, t0, t1, objs, out, why);
	for (guint k = 0; k < objs->len; k++)
		if (g_array_index(objs, struct fig, k).array)
			g_string_free(g_array_index(objs, struct fig, k).array, TRUE);
	g_array_free(objs, TRUE);
	return rc;
}

int
rn_pdf_alt(const unsigned char *pdf, size_t len, char *const *alt, int n, GString *out, char **why)
{
	struct rn_pdf_fix fix;
	int k, any = 0;

	*why = NULL;
	for (k = 0; k < n; k++)
		any |= alt[k] && *alt[k];
	if (!any)
		return 0;
	memset(&fix, 0, sizeof fix);
	fix.alt = alt;
	fix.n_alt = n;
	return rn_pdf_update(pdf, len, &fix, out, why);
}
