/* test_pdf_alt.c — unit tests of the figures' /Alt (src/render/pdf_alt.c):
 * on a PDF that cairo writes with Figure elements, the update holds each
 * Figure again with its description (UTF-16BE), a table for exactly those
 * objects and a trailer back to cairo's; a decorative picture gets none; a
 * count that differs, a truncated PDF or bytes that are no PDF are refused
 * with a reason and nothing appended; the last pages put first (the page
 * tree's kids, the structure root's children).  (qpdf reads the results in
 * tests/print/test-pictures.sh and test-flow.sh.) */
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "render/pdf_alt.h"

static cairo_status_t
keep(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A PDF of one page with n Figure elements (and a paragraph between). */
static GByteArray *
tagged_pdf(int n)
{
	GByteArray *b = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(keep, b, 200, 200);
	cairo_t *cr = cairo_create(s);

	cairo_tag_begin(cr, "Document", "");
	for (int k = 0; k < n; k++) {
		cairo_tag_begin(cr, "Figure", "");
		cairo_rectangle(cr, 10, 10 + 40 * k, 30, 30);
		cairo_fill(cr);
		cairo_tag_end(cr, "Figure");
		cairo_tag_begin(cr, "P", "");
		cairo_rectangle(cr, 50, 10 + 40 * k, 30, 5);
		cairo_fill(cr);
		cairo_tag_end(cr, "P");
	}
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return b;
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

/* A PDF of pages pages, each with an Art element (a P in it). */
static GByteArray *
paged_pdf(int pages)
{
	GByteArray *b = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(keep, b, 200, 200);
	cairo_t *cr = cairo_create(s);

	for (int k = 0; k < pages; k++) {
		cairo_tag_begin(cr, "Art", "");
		cairo_tag_begin(cr, "P", "");
		cairo_rectangle(cr, 10, 10 + 10 * k, 30, 5);
		cairo_fill(cr);
		cairo_tag_end(cr, "P");
		cairo_tag_end(cr, "Art");
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return b;
}

/* The references of the array after key, after the last `after` in
 * p[0..len) (an update's object comes after the one it replaces), as
 * "a b c". */
static char *
array_of(const void *p, size_t len, const char *after, const char *key)
{
	GString *r = g_string_new(NULL);
	const char *at = NULL, *q = p;
	char *buf;
	unsigned v;
	int n;

	for (const char *x; (x = memmem(q, len - (size_t)(q - (const char *)p), after, strlen(after))) != NULL;
	     q = x + 1)
		at = x;
	at = at ? memmem(at, len - (size_t)(at - (const char *)p), key, strlen(key)) : NULL;
	if (at == NULL)
		return g_string_free(r, FALSE);
	buf = g_strndup(at + strlen(key), MIN(4096, len - (size_t)(at - (const char *)p) - strlen(key)));
	for (const char *b = buf; sscanf(b, " %u 0 R%n", &v, &n) == 1; b += n)
		g_string_append_printf(r, "%s%u", r->len ? " " : "", v);
	g_free(buf);
	return g_string_free(r, FALSE);
}

/* The last pages put first: the page tree's /Kids and the structure
 * tree root's children (those begun on them) in the new order. */
static void
test_front(void)
{
	GByteArray *b = paged_pdf(4);
	char *kids = array_of(b->data, b->len, "/Type /Pages", "/Kids [");
	char **kv = g_strsplit(kids, " ", -1), *want, *got;
	struct rn_pdf_fix fix;
	GString *up = g_string_new(NULL);
	char *why = NULL, *rootk;
	int rc;

	memset(&fix, 0, sizeof fix);
	fix.front = 1;
	rc = rn_pdf_update(b->data, b->len, &fix, up, &why);
	OK(rc == 0 && g_strv_length(kv) == 4, "the last page put first: updated (%s)", why ? why : "");
	want = g_strv_length(kv) == 4 ? g_strdup_printf("%s %s %s %s", kv[3], kv[0], kv[1], kv[2]) : g_strdup("?");
	got = array_of(up->str, up->len, "/Type /Pages", "/Kids [");
	OK(strcmp(got, want) == 0, "the page tree's kids: %s (were %s)", got, kids);
	g_free(got);
	rootk = array_of(up->str, up->len, "/Type /StructTreeRoot", "/K [");
	{
		char *orig = array_of(b->data, b->len, "/Type /StructTreeRoot", "/K [");
		char **o = g_strsplit(orig, " ", -1);

		g_free(want);
		want = g_strv_length(o) == 4 ? g_strdup_printf("%s %s %s %s", o[3], o[0], o[1], o[2]) : g_strdup("?");
		OK(strcmp(rootk, want) == 0, "the structure root's children: %s (were %s)", rootk, orig);
		g_strfreev(o);
		g_free(orig);
	}
	g_string_truncate(up, 0);
	fix.front = 5;
	rc = rn_pdf_update(b->data, b->len, &fix, up, &why);
	OK(rc < 0 && why && strstr(why, "5 pages") && up->len == 0, "more pages than the PDF has: refused (%s)",
	   why ? why : "");
	g_free(why);
	g_free(rootk);
	g_free(want);
	g_strfreev(kv);
	g_free(kids);
	g_string_free(up, TRUE);
	g_byte_array_free(b, TRUE);
}

/* rn_pdf_check: cairo's PDF as written passes, from its start or from
 * any later base (the bytes from there on); with one object's "N 0 obj"
 * gone from where the table says it fails, naming the object; an object
 * before base is not looked at. */
static void
check(void)
{
	GByteArray *b = tagged_pdf(2);
	char *why = NULL, *p, *q, name[32];
	size_t at;
	int rc, num;

	rc = rn_pdf_check(b->data, b->len, 0, &why);
	OK(rc == 0 && why == NULL, "cairo's PDF: every object where its table says (%s)", why ? why : "");
	g_free(why);
	why = NULL;
	/* the last object in the file: "\nN 0 obj\n" before its table */
	p = g_strndup((const char *)b->data, b->len);
	q = g_strrstr(p, " 0 obj\n");
	while (q && q > p && g_ascii_isdigit(q[-1]))
		q--;
	num = q ? atoi(q) : 0;
	at = q ? (size_t)(q - p) : 0;
	g_snprintf(name, sizeof name, "object %d ", num);
	rc = rn_pdf_check(b->data + 100, b->len - 100, 100, &why);
	OK(rc == 0, "the same, its bytes from offset 100 on (%s)", why ? why : "");
	g_free(why);
	why = NULL;
	if (q && num > 0) {
		b->data[at] = 'X';      /* "X 0 obj": object num is not there */
		rc = rn_pdf_check(b->data, b->len, 0, &why);
		OK(rc < 0 && why && strstr(why, name) != NULL,
		   "an object missing where the table says: a damaged PDF (%s)", why ? why : "");
		g_free(why);
		why = NULL;
		rc = rn_pdf_check(b->data + at + 1, b->len - at - 1, at + 1, &why);
		OK(rc == 0, "the same object before base: not looked at (%s)", why ? why : "");
		g_free(why);
	} else {
		OK(0, "cairo's PDF has objects");
	}
	g_free(p);
	g_byte_array_free(b, TRUE);
}

int
main(void)
{
	GByteArray *b = tagged_pdf(3);
	char *alt[3] = { "Perahu", "", "زوار" };
	char *none[3] = { "", "", "" };
	GString *up = g_string_new(NULL);
	char *why = NULL;
	int rc;

	rc = rn_pdf_alt(b->data, b->len, alt, 3, up, &why);
	OK(rc == 0 && count(up->str, "/S /Figure") == 2 && count(up->str, "/Alt ") == 2,
	   "two described figures of three: each again with /Alt (%d, %s)", rc, why ? why : "");
	OK(strstr(up->str, "/Alt <FEFF005000650072006100680075>") != NULL,
	   "the description as a UTF-16BE text string with its byte order mark");
	OK(strstr(up->str, "/Alt <FEFF0632064806270631>") != NULL, "an Arabic one too");
	{
		const char *x = strstr(up->str, "xref\n"), *t = strstr(up->str, "trailer\n");
		char *sect = x && t && t > x ? g_strndup(x + 5, (gsize)(t - x - 5)) : g_strdup("");
		char **l = g_strsplit(sect, "\n", -1);

		OK(count(up->str, "\nxref\n") == 1 && g_strv_length(l) == 5 && g_str_has_suffix(l[0], " 1") &&
		   strlen(l[1]) == 19 && g_str_has_suffix(l[2], " 1") && strlen(l[3]) == 19 &&
		   strstr(up->str, "/Prev ") && g_str_has_suffix(up->str, "%%EOF\n"),
		   "a cross-reference section for the two objects (20-byte entries) and a trailer "
		   "with /Prev");
		g_strfreev(l);
		g_free(sect);
	}
	{
		/* the offsets in the new table point at the new objects */
		const char *x = strstr(up->str, "xref\n") + 5;
		unsigned num;
		size_t off;
		int ok = 1;

		for (int k = 0; k < 2; k++) {
			char head[32];

			ok &= sscanf(x, "%u 1\n%zu", &num, &off) == 2 && off >= b->len &&
			      off - b->len < up->len;
			g_snprintf(head, sizeof head, "%u 0 obj\n", num);
			ok &= ok && strncmp(up->str + (off - b->len), head, strlen(head)) == 0;
			x = strchr(x, '\n') + 1;
			x = strchr(x, '\n') + 1;
		}
		OK(ok, "each table entry is the offset of its object in the file with the update");
	}
	g_string_truncate(up, 0);
	rc = rn_pdf_alt(b->data, b->len, none, 3, up, &why);
	OK(rc == 0 && up->len == 0, "no description: nothing appended");
	rc = rn_pdf_alt(b->data, b->len, alt, 2, up, &why);
	OK(rc < 0 && why && strstr(why, "2 figures") && up->len == 0,
	   "a count that differs from the PDF's: refused (%s)", why ? why : "");
	g_free(why);
	why = NULL;
	rc = rn_pdf_alt(b->data, b->len / 2, alt, 3, up, &why);
	OK(rc < 0 && why && up->len == 0, "a truncated PDF: refused (%s)", why ? why : "");
	g_free(why);
	why = NULL;
	rc = rn_pdf_alt((const unsigned char *)"startxref\n12\n%%EOF\n", 19, alt, 3, up, &why);
	OK(rc < 0 && why && up->len == 0, "bytes that are no PDF: refused (%s)", why ? why : "");
	g_free(why);
	g_string_free(up, TRUE);
	g_byte_array_free(b, TRUE);
	test_front();
	check();
	return harness_done();
}
