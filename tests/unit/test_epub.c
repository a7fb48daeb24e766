/* test_epub.c — unit tests of the EPUB back end (src/epub) on document trees
 * built by hand: container layout, escaping of hostile text, languages and
 * direction, footnotes, editions, reproducible bytes, atomic output.
 * With a directory argument it also leaves the books there, for the suite
 * tests/epub/test-epub.sh (epubcheck, xmllint, pandoc). */
#include <dlfcn.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "doc/doc.h"
#include "epub/epub.h"
#include "epub/epub_int.h"
#include "harness.h"
#include "render/engine.h"
#include "style/style.h"

static struct warta_style *style;
static char *dir;

/* ---------------------------------------------------------------- trees */

static struct warta_node *
add(struct warta_node *parent, enum warta_node_type t, const char *text)
{
	struct warta_node *n = warta_node_new(t, 1, 1);

	n->text = g_strdup(text);
	warta_node_append(parent, n);
	return n;
}

static struct warta_node *
para(struct warta_doc *doc, const char *text)
{
	struct warta_node *p = add(doc->root, WARTA_NODE_PARAGRAPH, NULL);

	if (text)
		add(p, WARTA_NODE_TEXT, text);
	return p;
}

static struct warta_node *
quote(struct warta_node *parent, const char *open, const char *text, const char *close)
{
	struct warta_node *q = add(parent, WARTA_NODE_QUOTE, NULL);

	q->as.quote.open = g_strdup(open);
	q->as.quote.close = g_strdup(close);
	add(q, WARTA_NODE_TEXT, text);
	return q;
}

static struct warta_node *
heading(struct warta_doc *doc, int level, const char *number, const char *text)
{
	struct warta_node *h = add(doc->root, WARTA_NODE_HEADING, NULL);

	h->as.heading.level = level;
	h->as.heading.number = g_strdup(number);
	add(h, WARTA_NODE_TEXT, text);
	return h;
}

static struct warta_node *
mklink(struct warta_node *parent, const char *url, int active, const char *text)
{
	struct warta_node *l = add(parent, WARTA_NODE_LINK, NULL);

	l->as.link.url = g_strdup(url);
	l->as.link.active = active;
	add(l, WARTA_NODE_TEXT, text);
	return l;
}

static struct warta_doc *
doc_new(const char *name, const char *lang, const char *title, const char *date)
{
	struct warta_doc *doc = warta_doc_new(name);

	doc->meta.lang = g_strdup(lang);
	doc->meta.title = g_strdup(title);
	doc->meta.date = g_strdup(date);
	return doc;
}

/* The sample's shape: dateline, two numbered sections, Indonesian quotes. */
static struct warta_doc *
sample_doc(void)
{
	struct warta_doc *doc = doc_new("korea-utara.txt", "id", "5 Negara Sahabat Korea Utara",
	                                "2024-10-25");
	struct warta_node *p, *dl;

	doc->meta.source = g_strdup("Contoh Berita");
	doc->meta.dateline = g_strdup("JAKARTA");
	p = para(doc, NULL);
	dl = add(p, WARTA_NODE_DATELINE, NULL);
	dl->as.dateline.place = g_strdup("JAKARTA");
	add(p, WARTA_NODE_TEXT, "Korea Utara telah membangun berbagai aliansi strategis.");
	para(doc, "Kebijakan luar negeri Korea Utara berfokus pada ketahanan nasional.");
	heading(doc, 2, "1", "Rusia");
	p = para(doc, "Kedua negara menandatangani perjanjian ");
	quote(p, "\u201c", "Kemitraan Strategis Komprehensif", "\u201d");
	add(p, WARTA_NODE_TEXT, " pada Juni 2024.");
	heading(doc, 2, "2", "China");
	p = para(doc, "Xi Jinping menyatakan, ");
	quote(p, "\u201c", "Saya sangat menekankan pentingnya hubungan China-DPRK,", "\u201d");
	add(p, WARTA_NODE_TEXT, " dalam pesannya.");
	return doc;
}

static struct warta_doc *
hostile_doc(void)
{
	struct warta_doc *doc = doc_new("hostile.txt", "en\"><script>",
	                                "Quotes \"in\" <the> & 'title' ]]> \x01\x1f"
	                                "<script>alert(1)</script> \xff\xfe end", "2024-13-45");
	struct warta_node *p, *n, *def;

	doc->meta.author = g_strdup("A & B <b>bold</b> \"quoted\"");
	doc->meta.subtitle = g_strdup("]]> <![CDATA[ x ]]> &amp; &nbsp; \x0b\x0c");
	doc->meta.source = g_strdup("<Source & Co>");
	doc->meta.section = g_strdup("News & <Views>");
	doc->meta.keywords = g_strsplit("a&b,<c>", ",", -1);
	p = para(doc, "Text with <script>alert('x')</script> & ]]> and \x07 bell, \x1b escape, "
	         "\xc2\x85 NEL, \xef\xbf\xbe nonchar, \xed\xa0\x80 surrogate.");
	mklink(p, "javascript:alert(1)", 1, "js link");
	mklink(p, "file:///etc/passwd", 1, "file link");
	mklink(p, "data:text/html,<script>alert(1)</script>", 1, "data link");
	mklink(p, "http://example.com/a b\"<>{}|\\^`?q=1&r=2#x#y%zz", 1, "odd http link");
	mklink(p, "mailto:someone@example.com", 1, "mail");
	mklink(p, "https://example.com/ok", 0, "inactive");
	n = add(p, WARTA_NODE_HTML_INLINE, "<img src=x onerror=alert(1)>");
	n = add(p, WARTA_NODE_CODE, "a && b < c");
	n = add(p, WARTA_NODE_FOOTNOTE_REF, NULL);
	n->as.footnote.label = g_strdup("\"<x>\"");
	add(doc->root, WARTA_NODE_HTML_BLOCK, "<div onload=\"evil()\">]]></div>");
	n = heading(doc, 2, "1<", "Heading <b>with</b> & \"marks\"");
	n = add(n, WARTA_NODE_FOOTNOTE_REF, NULL);
	n->as.footnote.label = g_strdup("\"<x>\"");
	para(doc, "-- not a comment --> <!-- -->");
	def = add(doc->root, WARTA_NODE_FOOTNOTE_DEF, NULL);
	def->as.footnote.label = g_strdup("\"<x>\"");
	def->as.footnote.index = 1;
	add(add(def, WARTA_NODE_PARAGRAPH, NULL), WARTA_NODE_TEXT, "Note & <note>.");
	return doc;
}

static struct warta_doc *
arabic_doc(void)
{
	struct warta_doc *doc = doc_new("arabic.txt", "ar", "\u0643\u0648\u0631\u064a\u0627 "
	                                "\u0627\u0644\u0634\u0645\u0627\u0644\u064a\u0629", "2024-10-24");
	struct warta_node *p, *t;

	doc->meta.rtl = 1;
	doc->meta.section = g_strdup("\u0639\u0627\u0644\u0645");
	p = para(doc, "\u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 ");
	quote(p, "\u00ab", "\u0646\u062d\u0646 \u0645\u0633\u062a\u0639\u062f\u0648\u0646", "\u00bb");
	add(p, WARTA_NODE_TEXT, " \u0644\u0644\u062a\u0639\u0627\u0648\u0646 ");
	t = add(p, WARTA_NODE_TEXT, "United Nations");
	t->lang = g_strdup("en");
	heading(doc, 2, "\u0661", "\u0631\u0648\u0633\u064a\u0627");
	para(doc, "\u0646\u0635 \u0639\u0631\u0628\u064a.");
	return doc;
}

static struct warta_doc *
chinese_doc(void)
{
	struct warta_doc *doc = doc_new("zh.txt", "zh", "\u83f24\u8266\u786c\u95d6\u4ec1\u611b\u7901"
	                                "\u88dc\u7d66", "2023-08-22");
	struct warta_node *p;

	doc->meta.section = g_strdup("\u4e9e\u6d32");
	p = para(doc, "\u4e2d\u570b\u6d77\u8b66\u5c40\u4e0b\u5348\u767c\u4f48\u6d88\u606f\uff0c");
	quote(p, "\u300c", "\u672a\u7d93\u5141\u8a31", "\u300d");
	add(p, WARTA_NODE_TEXT, "\u4fb5\u95d6\u4ec1\u611b\u7901\u3002");
	return doc;
}

/* Footnotes, tables, lists, quotations, code. */
static struct warta_doc *
blocks_doc(void)
{
	struct warta_doc *doc = doc_new("blocks.txt", "en", "Budget tables and notes", "2024-10-20");
	struct warta_node *p, *n, *t, *row, *cell, *list, *item, *bq, *def;
	int r, c;

	doc->meta.author = g_strdup("Jane Doe");
	doc->meta.subtitle = g_strdup("What the figures say");
	doc->meta.section = g_strdup("Asia");
	p = para(doc, "The budget grew");
	n = add(p, WARTA_NODE_FOOTNOTE_REF, NULL);
	n->as.footnote.label = g_strdup("1");
	add(p, WARTA_NODE_TEXT, " and grew again");
	n = add(p, WARTA_NODE_FOOTNOTE_REF, NULL);
	n->as.footnote.label = g_strdup("1");
	add(p, WARTA_NODE_TEXT, ", see also");
	n = add(p, WARTA_NODE_FOOTNOTE_REF, NULL);
	n->as.footnote.label = g_strdup("missing");
	add(p, WARTA_NODE_TEXT, ".");
	heading(doc, 2, "1", "Figures");
	t = add(doc->root, WARTA_NODE_TABLE, NULL);
	t->as.table.columns = 2;
	for (r = 0; r < 3; r++) {
		row = add(t, WARTA_NODE_TABLE_ROW, NULL);
		row->as.row.header = r == 0;
		for (c = 0; c < 2; c++) {
			cell = add(row, WARTA_NODE_TABLE_CELL, NULL);
			cell->as.cell.align = c ? WARTA_ALIGN_RIGHT : WARTA_ALIGN_NONE;
			add(cell, WARTA_NODE_TEXT, r == 0 ? (c ? "Amount" : "Item") : (c ? "1,000" : "Roads"));
		}
	}
	heading(doc, 3, "1.1", "Lists");
	list = add(doc->root, WARTA_NODE_LIST, NULL);
	list->as.list.ordered = 1;
	list->as.list.start = 3;
	list->as.list.tight = 1;
	for (r = 0; r < 2; r++) {
		item = add(list, WARTA_NODE_ITEM, NULL);
		add(add(item, WARTA_NODE_PARAGRAPH, NULL), WARTA_NODE_TEXT, r ? "Second item" : "First item");
	}
	heading(doc, 2, "2", "Quotations");
	bq = add(doc->root, WARTA_NODE_BLOCKQUOTE, NULL);
	add(add(bq, WARTA_NODE_PARAGRAPH, NULL), WARTA_NODE_TEXT, "A block quotation.");
	bq = add(doc->root, WARTA_NODE_PULLQUOTE, NULL);
	add(add(bq, WARTA_NODE_PARAGRAPH, NULL), WARTA_NODE_TEXT, "A pull quote.");
	add(doc->root, WARTA_NODE_CODE_BLOCK, "int main(void) { return a < b && c; }\n");
	add(doc->root, WARTA_NODE_THEMATIC_BREAK, NULL);
	p = para(doc, "Image: ");
	n = add(p, WARTA_NODE_IMAGE, NULL);
	n->as.link.url = g_strdup("http://example.com/x.png");
	add(n, WARTA_NODE_TEXT, "a chart");
	n = add(p, WARTA_NODE_EMPH, NULL);
	add(n, WARTA_NODE_TEXT, " emphasis");
	add(p, WARTA_NODE_LINEBREAK, NULL);
	n = add(p, WARTA_NODE_STRONG, NULL);
	add(n, WARTA_NODE_TEXT, "strong");
	n = mklink(p, "https://example.com/in", 1, "a link with a note");
	n = add(n, WARTA_NODE_FOOTNOTE_REF, NULL);
	n->as.footnote.label = g_strdup("1");
	n = mklink(p, "https://example.com/outer", 1, "outer ");
	mklink(n, "https://example.com/inner", 1, "inner");
	def = add(doc->root, WARTA_NODE_FOOTNOTE_DEF, NULL);
	def->as.footnote.label = g_strdup("1");
	def->as.footnote.index = 1;
	add(add(def, WARTA_NODE_PARAGRAPH, NULL), WARTA_NODE_TEXT, "Source: the ministry.");
	def = add(doc->root, WARTA_NODE_FOOTNOTE_DEF, NULL);
	def->as.footnote.label = g_strdup("unused");
	add(add(def, WARTA_NODE_PARAGRAPH, NULL), WARTA_NODE_TEXT, "Never called.");
	return doc;
}

/* ---------------------------------------------------------------- helpers */

static char *
write_book(const char *name, struct warta_doc **docs, size_t n, const struct warta_epub_opts *opts,
           int *rc, struct warta_diags *d)
{
	char *path = g_build_filename(dir, name, NULL);

	*rc = warta_epub_write(docs, n, style, opts, path, d);
	return path;
}

static char *
member(const char *path, const char *name)
{
	zip_t *za = zip_open(path, ZIP_RDONLY, NULL);
	zip_stat_t st;
	zip_file_t *f;
	char *buf = NULL;

	if (!za)
		return NULL;
	if (zip_stat(za, name, 0, &st) == 0 && (f = zip_fopen(za, name, 0))) {
		buf = g_malloc0(st.size + 1);
		zip_fread(f, buf, st.size);
		zip_fclose(f);
	}
	zip_close(za);
	return buf;
}

static GPtrArray *
members(const char *path)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	zip_t *za = zip_open(path, ZIP_RDONLY, NULL);
	zip_int64_t i, n;

	if (!za)
		return names;
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++)
		g_ptr_array_add(names, g_strdup(zip_get_name(za, i, 0)));
	zip_close(za);
	return names;
}

static int
well_formed(const char *xml, char **why)
{
	GMarkupParser parser = { 0 };
	GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, NULL, NULL);
	GError *err = NULL;
	int ok = g_markup_parse_context_parse(ctx, xml, -1, &err) &&
	         g_markup_parse_context_end_parse(ctx, &err);

	if (!ok && why)
		*why = g_strdup(err ? err->message : "?");
	if (err)
		g_error_free(err);
	g_markup_parse_context_free(ctx);
	return ok;
}

/* Every XML member of the book is well-formed (GMarkup); returns the count. */
static int
all_well_formed(const char *path)
{
	GPtrArray *names = members(path);
	guint i;
	int good = 0;

	for (i = 0; i < names->len; i++) {
		const char *nm = names->pdata[i];
		char *x, *why = NULL;

		if (!g_str_has_suffix(nm, ".xhtml") && !g_str_has_suffix(nm, ".opf") &&
		    !g_str_has_suffix(nm, ".ncx") && !g_str_has_suffix(nm, ".xml"))
			continue;
		x = member(path, nm);
		if (x && well_formed(x, &why))
			good++;
		else
			OK(0, "%s: %s is well-formed: %s", path, nm, why ? why : "missing");
		g_free(why);
		g_free(x);
	}
	g_ptr_array_free(names, TRUE);
	return good;
}

static gboolean
file_bytes(const char *path, char **data, gsize *len)
{
	return g_file_get_contents(path, data, len, NULL);
}

static int
contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while (hay && (hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* ---------------------------------------------------------------- tests */

static void
sample_book(void)
{
	struct warta_doc *doc = sample_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *path, *opf, *nav, *ncx, *art, *css, *data = NULL;
	GPtrArray *names;
	gsize len = 0;
	int rc;

	warta_diags_init(&d);
	g_unsetenv("SOURCE_DATE_EPOCH");
	path = write_book("sample.epub", &doc, 1, &opts, &rc, &d);
	INT_EQ(rc, 0, "sample: written");
	INT_EQ(warta_diags_errors(&d), 0, "sample: no errors");
	OK(file_bytes(path, &data, &len) && len > 58, "sample: file exists");
	OK(data && memcmp(data, "PK\003\004", 4) == 0 && data[8] == 0 && data[26] == 8 && data[28] == 0 &&
	   data[29] == 0 && memcmp(data + 30, "mimetypeapplication/epub+zip", 28) == 0,
	   "sample: mimetype first, stored, no extra field (bytes 0-57)");
	g_free(data);
	names = members(path);
	OK(names->len >= 9, "sample: members");
	if (names->len >= 9) {
		STR_EQ(names->pdata[0], "mimetype", "order: mimetype");
		STR_EQ(names->pdata[1], "META-INF/container.xml", "order: container");
		STR_EQ(names->pdata[2], "EPUB/package.opf", "order: package");
		STR_EQ(names->pdata[3], "EPUB/nav.xhtml", "order: nav");
		STR_EQ(names->pdata[4], "EPUB/toc.ncx", "order: ncx");
		STR_EQ(names->pdata[5], "EPUB/css/news.css", "order: css");
		STR_EQ(names->pdata[6], "EPUB/images/cover.png", "order: cover image");
		STR_EQ(names->pdata[7], "EPUB/text/cover.xhtml", "order: cover page");
		STR_EQ(names->pdata[8], "EPUB/text/a001.xhtml", "order: article");
	}
	g_ptr_array_free(names, TRUE);
	OK(all_well_formed(path) == 6, "sample: 6 XML members, all well-formed");

	opf = member(path, "EPUB/package.opf");
	OK(contains(opf, "<meta property=\"dcterms:modified\">2024-10-25T00:00:00Z</meta>"),
	   "modified: the article's date without SOURCE_DATE_EPOCH");
	OK(contains(opf, "<dc:language>id</dc:language>") && contains(opf, "xml:lang=\"id\""),
	   "package language");
	OK(contains(opf, "<dc:title id=\"pub-title\">5 Negara Sahabat Korea Utara</dc:title>"), "dc:title");
	OK(contains(opf, "<dc:date>2024-10-25</dc:date>"), "dc:date");
	OK(contains(opf, "<dc:publisher>Contoh Berita</dc:publisher>"), "dc:publisher");
	OK(contains(opf, "<dc:identifier id=\"pub-id\">urn:uuid:"), "identifier is a urn:uuid");
	{
		const char *u = opf ? strstr(opf, "urn:uuid:") : NULL;
		GRegex *re = g_regex_new("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
		                         "[0-9a-f]{12}<", 0, 0, NULL);

		OK(u && g_regex_match(re, u, 0, NULL), "identifier is a version 5 UUID");
		g_regex_unref(re);
	}
	OK(contains(opf, "<meta property=\"schema:accessMode\">textual</meta>") &&
	   contains(opf, "<meta property=\"schema:accessMode\">visual</meta>") &&
	   contains(opf, "<meta property=\"schema:accessModeSufficient\">textual</meta>") &&
	   contains(opf, "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>") &&
	   contains(opf, "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>") &&
	   contains(opf, "<meta property=\"schema:accessibilityFeature\">readingOrder</meta>") &&
	   contains(opf, "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>") &&
	   contains(opf, "<meta property=\"schema:accessibilityHazard\">none</meta>") &&
	   contains(opf, "<meta property=\"schema:accessibilitySummary\">"),
	   "accessibility metadata (EPUB Accessibility 1.1)");
	OK(contains(opf, "properties=\"cover-image\"") && contains(opf, "<meta name=\"cover\" content=\"cover-img\"/>"),
	   "cover image marked both ways");
	OK(contains(opf, "<spine toc=\"ncx\">\n<itemref idref=\"cover\"/>\n<itemref idref=\"nav\" linear=\"no\"/>\n"
	            "<itemref idref=\"a001\"/>"), "spine: cover first, nav out of the reading order");
	OK(!contains(opf, "page-progression-direction"), "no rtl progression for Indonesian");

	nav = member(path, "EPUB/nav.xhtml");
	OK(contains(nav, "<a href=\"text/a001.xhtml#sec-1\">1. Rusia</a>") &&
	   contains(nav, "<a href=\"text/a001.xhtml#sec-2\">2. China</a>"), "nav lists the numbered sections");
	OK(contains(nav, "<h1>Daftar Isi</h1>"), "nav heading in Indonesian");
	OK(contains(nav, "epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\""), "hidden landmarks");
	ncx = member(path, "EPUB/toc.ncx");
	OK(ncx && !contains(ncx, "DOCTYPE") && contains(ncx, "<meta name=\"dtb:depth\" content=\"2\"/>"),
	   "NCX: no DOCTYPE, two levels");
	OK(contains(ncx, "<content src=\"text/a001.xhtml#sec-2\"/>"), "NCX points at the sections");
	{
		const char *u = strstr(opf, "urn:uuid:");
		char *uid = u ? g_strndup(u, 45) : NULL;
		char *want = g_strdup_printf("<meta name=\"dtb:uid\" content=\"%s\"/>", uid ? uid : "?");

		OK(contains(ncx, want), "NCX uid = dc:identifier");
		g_free(want);
		g_free(uid);
	}
	art = member(path, "EPUB/text/a001.xhtml");
	OK(contains(art, "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
	            "lang=\"id\" xml:lang=\"id\">"), "article: lang and xml:lang");
	OK(g_str_has_prefix(art ? art : "", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"),
	   "article: XML declaration and HTML5 DOCTYPE");
	OK(contains(art, "<p class=\"first lede\"><span class=\"dateline uc\">JAKARTA</span> \u2014 Korea"),
	   "dateline in its span with an em dash");
	OK(contains(art, "<section id=\"sec-1\">\n<h2><span class=\"num\">1.</span> Rusia</h2>"),
	   "numbered section, the number in its own span");
	OK(contains(art, "<span class=\"q\">\u201cKemitraan Strategis Komprehensif\u201d</span>"),
	   "quotation keeps its marks");
	OK(contains(art, "<time datetime=\"2024-10-25\">"), "time element");
	OK(contains(art, "<h1 class=\"headline\">5 Negara Sahabat Korea Utara</h1>"), "headline");
	css = member(path, "EPUB/css/news.css");
	OK(contains(css, "-webkit-hyphens:auto;-epub-hyphens:auto;-moz-hyphens:auto;adobe-hyphenate:auto;hyphens:auto;"),
	   "CSS: hyphenation with prefixed forms first");
	OK(contains(css, "font-variant:small-caps") && contains(css, "span.uc {text-transform:lowercase;}"),
	   "CSS: small-caps dateline");
	OK(contains(css, "page-break-after:avoid"), "CSS: headings kept with what follows");
	OK(!contains(css, "flex") && !contains(css, "direction") && !contains(css, "min(") &&
	   !contains(css, "calc(") && !contains(css, "var(") && !contains(css, "@supports") &&
	   !contains(css, "px;") && !contains(css, "pt;"), "CSS: nothing RMSDK or Kindle reject, no absolute units");
	OK(contains(css, "\"Charis SIL\""), "CSS: the style's body face");
	{
		/* side margins: proportions of one print column (a4 has two) */
		const struct warta_elem_style *bq = &style->el[WARTA_EL_BLOCKQUOTE];
		double col = (style->page_width - style->margin_inner - style->margin_outer -
		              (style->columns - 1) * style->gutter) / style->columns;
		/* the sample has no block quote, so its style sheet has no rule
		 * for one (only the rules its documents use): a book that has */
		struct warta_doc *bd = blocks_doc();
		char *bp = write_book("blockquote.epub", &bd, 1, &opts, &rc, &d);
		char *bcss = member(bp, "EPUB/css/news.css");
		const char *r = bcss ? strstr(bcss, "\nblockquote {") : NULL;
		const char *ml = r ? strstr(r, "margin-left:") : NULL;

		OK(!contains(css, "\nblockquote {"), "CSS: no block quote rule in a book without one (CSS-024)");
		OK(style->columns == 2 && bq->margin_left > 0, "a4: two columns, a blockquote indent");
		DBL_NEAR(ml ? g_ascii_strtod(ml + 12, NULL) : -1, 100 * bq->margin_left / col, 0.01,
		         "CSS: a blockquote's side margin is its indent as a share of one column");
		g_free(bcss);
		g_free(bp);
		warta_doc_free(bd);
	}
	OK(!contains(css, "@font-face"), "no fonts embedded by default");
	g_free(opf);
	g_free(nav);
	g_free(ncx);
	g_free(art);
	g_free(css);
	g_free(path);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

static void
reproducible(void)
{
	struct warta_doc *doc = sample_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *p1, *p2, *p3, *b1 = NULL, *b2 = NULL, *b3 = NULL, *opf;
	gsize l1 = 0, l2 = 0, l3 = 0;
	const char *tz = g_getenv("TZ");
	char *oldtz = g_strdup(tz);
	int rc1, rc2, rc3;

	warta_diags_init(&d);
	/* a date before SOURCE_DATE_EPOCH's day: modified is the epoch's time */
	g_free(doc->meta.date);
	doc->meta.date = g_strdup("2023-11-01");
	g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
	g_setenv("TZ", "UTC", TRUE);
	tzset();
	p1 = write_book("tz-utc.epub", &doc, 1, &opts, &rc1, &d);
	g_setenv("TZ", "Asia/Jakarta", TRUE);
	tzset();
	p2 = write_book("tz-jakarta.epub", &doc, 1, &opts, &rc2, &d);
	g_setenv("TZ", "America/St_Johns", TRUE);
	tzset();
	p3 = write_book("tz-stjohns.epub", &doc, 1, &opts, &rc3, &d);
	if (oldtz)
		g_setenv("TZ", oldtz, TRUE);
	else
		g_unsetenv("TZ");
	tzset();
	OK(rc1 == 0 && rc2 == 0 && rc3 == 0, "three time zones: written");
	file_bytes(p1, &b1, &l1);
	file_bytes(p2, &b2, &l2);
	file_bytes(p3, &b3, &l3);
	OK(l1 > 0 && l1 == l2 && l2 == l3 && memcmp(b1, b2, l1) == 0 && memcmp(b2, b3, l1) == 0,
	   "same bytes under UTC, Asia/Jakarta and America/St_Johns");
	opf = member(p1, "EPUB/package.opf");
	OK(contains(opf, "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"),
	   "modified from SOURCE_DATE_EPOCH");
	g_free(opf);
	/* an article dated after SOURCE_DATE_EPOCH: modified is never earlier
	 * than dc:date (issue 14) */
	g_free(doc->meta.date);
	doc->meta.date = g_strdup("2024-10-25");
	g_free(p2);
	p2 = write_book("tz-later.epub", &doc, 1, &opts, &rc2, &d);
	opf = member(p2, "EPUB/package.opf");
	OK(contains(opf, "<dc:date>2024-10-25</dc:date>") &&
	   contains(opf, "<meta property=\"dcterms:modified\">2024-10-25T00:00:00Z</meta>"),
	   "dcterms:modified is never earlier than dc:date");
	g_free(opf);
	g_setenv("SOURCE_DATE_EPOCH", "yesterday", TRUE);
	g_free(p3);
	p3 = write_book("bad-epoch.epub", &doc, 1, &opts, &rc3, &d);
	opf = member(p3, "EPUB/package.opf");
	OK(rc3 == 0 && contains(opf, "2024-10-25T00:00:00Z") && d.counts[WARTA_WARNING] == 1,
	   "a bad SOURCE_DATE_EPOCH is a warning, the article's date is used");
	g_unsetenv("SOURCE_DATE_EPOCH");
	g_free(opf);
	g_free(b1);
	g_free(b2);
	g_free(b3);
	g_free(p1);
	g_free(p2);
	g_free(p3);
	g_free(oldtz);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

static void
identifiers(void)
{
	char *a = ep_uuid5("abc", 3), *b = ep_uuid5("abc", 3), *c = ep_uuid5("abd", 3);

	STR_EQ(a, b, "uuid: same content, same identifier");
	OK(strcmp(a, c) != 0, "uuid: other content, other identifier");
	g_free(a);
	g_free(b);
	g_free(c);
}

static void
escaping(void)
{
	GString *s = g_string_new(NULL);
	char *h;

	ep_escape(s, "a<b>&\"'\x01\x0b\x7f\xc2\x80 ]]>", 1);
	STR_EQ(s->str, "a&lt;b&gt;&amp;&quot;&#39; ]]&gt;", "escape: attribute, controls dropped");
	g_string_truncate(s, 0);
	ep_escape(s, "\xff ok \xef\xbf\xbf", 0);
	STR_EQ(s->str, "\xef\xbf\xbd ok ", "escape: invalid UTF-8 replaced, noncharacter dropped");
	g_string_free(s, TRUE);
	OK(ep_safe_href("javascript:alert(1)") == NULL, "href: javascript refused");
	OK(ep_safe_href("JavaScript:alert(1)") == NULL, "href: any case");
	OK(ep_safe_href("file:///etc/passwd") == NULL, "href: file refused");
	OK(ep_safe_href("data:text/html,x") == NULL, "href: data refused");
	OK(ep_safe_href("/relative") == NULL, "href: relative refused");
	h = ep_safe_href("http://e.com/a b?x=\"y\"#f#g");
	STR_EQ(h, "http://e.com/a%20b?x=%22y%22#f%23g", "href: percent-encoded");
	g_free(h);
	h = ep_safe_href("mailto:x@e.com");
	STR_EQ(h, "mailto:x@e.com", "href: mailto kept");
	g_free(h);
	h = ep_lang_tag("zh-Hant");
	STR_EQ(h, "zh-Hant", "lang: well-formed tag kept");
	g_free(h);
	OK(ep_lang_tag("en\"><x") == NULL && ep_lang_tag("") == NULL, "lang: malformed refused");
	OK(ep_date_valid("2024-02-29") && !ep_date_valid("2023-02-29") && !ep_date_valid("2024-1-01") &&
	   !ep_date_valid("2024-01-01x"), "date validation");
}

static void
hostile(void)
{
	struct warta_doc *doc = hostile_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *path, *art, *opf, *nav;
	int rc;

	warta_diags_init(&d);
	path = write_book("hostile.epub", &doc, 1, &opts, &rc, &d);
	INT_EQ(rc, 0, "hostile: written");
	OK(all_well_formed(path) == 6, "hostile: every XML member well-formed");
	art = member(path, "EPUB/text/a001.xhtml");
	opf = member(path, "EPUB/package.opf");
	nav = member(path, "EPUB/nav.xhtml");
	OK(art && !contains(art, "<script") && !contains(art, "<img") && !contains(art, "<div"),
	   "hostile: no element from the text");
	OK(!contains(art, "href=\"javascript") && !contains(art, "href=\"file") && !contains(art, "href=\"data"),
	   "hostile: unsafe links not made links");
	OK(contains(art, "<span class=\"link\">js link</span>"), "hostile: unsafe link keeps its text");
	OK(contains(art, "href=\"http://example.com/a%20b%22%3C%3E%7B%7D%7C%5C%5E%60?q=1&amp;r=2#x%23y%25zz\""),
	   "hostile: odd http link percent-encoded");
	OK(contains(art, "href=\"mailto:someone@example.com\""), "hostile: mailto active");
	OK(contains(art, "<span class=\"link\">inactive</span>"), "hostile: a link the reader made inactive");
	OK(contains(art, "lang=\"und\" xml:lang=\"und\""), "hostile: malformed language → und");
	OK(contains(art, "Quotes \"in\" &lt;the&gt; &amp; 'title' ]]&gt; &lt;script&gt;"),
	   "hostile: title escaped, controls dropped");
	OK(!contains(art, "\x01") && !contains(art, "\x07") && !contains(art, "\x1b") &&
	   !contains(art, "\xc2\x85") && !contains(art, "\xef\xbf\xbe"), "hostile: control characters dropped");
	OK(!contains(art, "<!--") && !contains(opf, "<!--"), "hostile: no comments at all");
	OK(contains(art, "href=\"#fn-1\"") && contains(art, "id=\"fn-1\"") && contains(art, "id=\"fnref-1-2\""),
	   "hostile: note with an odd label gets a plain id; second call its own id");
	OK(!contains(opf, "<dc:date>"), "hostile: invalid date not in dc:date");
	OK(contains(nav, "1&lt;. Heading with &amp; \"marks\"") || contains(nav, "1&lt; Heading"),
	   "hostile: nav label escaped");
	OK(!contains(nav, "<a href=\"#fn"), "hostile: no link inside a nav label");
	g_free(art);
	g_free(opf);
	g_free(nav);
	g_free(path);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

static void
languages(void)
{
	struct warta_doc *ar = arabic_doc(), *zh = chinese_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *path, *art, *opf;
	int rc;

	warta_diags_init(&d);
	path = write_book("arabic.epub", &ar, 1, &opts, &rc, &d);
	INT_EQ(rc, 0, "arabic: written");
	art = member(path, "EPUB/text/a001.xhtml");
	opf = member(path, "EPUB/package.opf");
	OK(contains(art, "lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">"), "arabic: html dir=rtl");
	OK(contains(art, "<span lang=\"en\" xml:lang=\"en\" dir=\"ltr\">United Nations</span>"),
	   "arabic: an English phrase keeps its language and direction");
	OK(contains(art, "<body epub:type=\"bodymatter\" class=\"rtl\">"), "arabic: body class for the CSS");
	OK(contains(opf, "page-progression-direction=\"rtl\""), "arabic: right-to-left page progression");
	g_free(art);
	g_free(opf);
	g_free(path);
	path = write_book("chinese.epub", &zh, 1, &opts, &rc, &d);
	INT_EQ(rc, 0, "chinese: written");
	art = member(path, "EPUB/text/a001.xhtml");
	OK(contains(art, "<span class=\"q\">\u300c\u672a\u7d93\u5141\u8a31\u300d</span>"), "chinese: corner brackets kept");
	opf = member(path, "EPUB/package.opf");
	OK(contains(opf, "<dc:language>zh</dc:language>"), "chinese: language");
	g_free(opf);
	opf = member(path, "EPUB/css/news.css");
	OK(contains(opf, "\"Noto Serif CJK SC\""), "chinese: the CJK fallback face in the CSS");
	g_free(opf);
	g_free(art);
	g_free(path);
	INT_EQ(warta_diags_errors(&d), 0, "languages: no errors");
	warta_doc_free(ar);
	warta_doc_free(zh);
	warta_diags_fini(&d);
}

static void
structure(void)
{
	struct warta_doc *doc = blocks_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *path, *art, *nav;
	int rc;

	warta_diags_init(&d);
	path = write_book("blocks.epub", &doc, 1, &opts, &rc, &d);
	INT_EQ(rc, 0, "blocks: written");
	OK(all_well_formed(path) == 6, "blocks: well-formed");
	art = member(path, "EPUB/text/a001.xhtml");
	nav = member(path, "EPUB/nav.xhtml");
	OK(contains(art, "<a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\" href=\"#fn-1\" id=\"fnref-1\">1</a>") &&
	   contains(art, "id=\"fnref-1-2\""), "footnote calls: noterefs, second call its own id");
	OK(contains(art, "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"fn-1\">\n<p class=\"first\">"
	            "<a class=\"note-number\" href=\"#fnref-1\">1.</a> Source: the ministry.</p>"),
	   "footnote: an EPUB 3 footnote aside with a way back");
	OK(contains(art, "Never called."), "footnote never called still set");
	OK(contains(art, "<span class=\"noteref missing\">[missing]</span>"), "a call without a note is text");
	OK(contains(art, "<thead>\n<tr><th scope=\"col\">Item</th><th scope=\"col\" class=\"right\">Amount</th></tr>"),
	   "table head");
	OK(contains(art, "<td class=\"right\">1,000</td>"), "table cell alignment");
	OK(contains(art, "<ol start=\"3\">\n<li>First item</li>"), "tight ordered list");
	OK(contains(art, "<blockquote class=\"pull\">"), "pull quote");
	OK(contains(art, "<pre><code>int main(void) { return a &lt; b &amp;&amp; c; }"), "code block");
	OK(contains(art, "<span class=\"image\">a chart</span>"), "remote image: its description");
	OK(contains(art, "<section id=\"sec-2\">\n<h3>"), "level-3 heading nested");
	OK(contains(art, "<a href=\"https://example.com/in\">a link with a note<span class=\"noteref\" id=\"fnref-1-3\">1</span></a>"),
	   "a note called inside a link is not a link");
	OK(contains(art, "<a href=\"https://example.com/outer\">outer <span class=\"link\">inner</span></a>"),
	   "no link inside a link");
	OK(contains(nav, "1. Figures</a>\n<ol>\n<li><a href=\"text/a001.xhtml#sec-2\">1.1. Lists</a></li>"),
	   "nav nests level 3 under level 2");
	g_free(art);
	g_free(nav);
	g_free(path);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

static guint32 get32(const guint8 *p);

/* Rows y0 … y1-1 of a book's cover PNG (4-bit palette, filters None or Up)
 * that hold ink (an index other than the paper's, the first pixel's). */
static int
cover_ink_rows(const char *path, int y0, int y1)
{
	zip_t *za = zip_open(path, ZIP_RDONLY, NULL);
	zip_stat_t st;
	zip_file_t *f;
	guint8 *p = NULL, *raw = NULL, *prev = NULL, paper = 0;
	GByteArray *idat = g_byte_array_new();
	struct libdeflate_decompressor *dz = libdeflate_alloc_decompressor();
	gsize at = 8, rowlen = 0, got = 0, rawlen = 0;
	guint32 w = 0, h = 0;
	int y, ink = -1;

	if (za && zip_stat(za, "EPUB/images/cover.png", 0, &st) == 0 &&
	    (f = zip_fopen(za, "EPUB/images/cover.png", 0))) {
		p = g_malloc(st.size);
		if (zip_fread(f, p, st.size) != (zip_int64_t)st.size)
			g_clear_pointer(&p, g_free);
		zip_fclose(f);
	}
	if (za)
		zip_close(za);
	while (p && at + 12 <= st.size) {
		guint32 len = get32(p + at);

		if (at + 12 + len > st.size)
			break;
		if (memcmp(p + at + 4, "IHDR", 4) == 0)
			w = get32(p + at + 8), h = get32(p + at + 12);
		if (memcmp(p + at + 4, "IDAT", 4) == 0)
			g_byte_array_append(idat, p + at + 8, len);
		at += 12 + len;
	}
	rowlen = (w + 1) / 2;
	rawlen = (rowlen + 1) * h;
	if (p && w && h && dz && (raw = g_malloc(rawlen)) &&
	    libdeflate_zlib_decompress(dz, idat->data, idat->len, raw, rawlen, &got) == LIBDEFLATE_SUCCESS &&
	    got == rawlen) {
		prev = g_malloc0(rowlen);
		paper = raw[1] >> 4;
		ink = 0;
		for (y = 0; y < (int)h && y < y1; y++) {
			guint8 *r = raw + (rowlen + 1) * (gsize)y;
			gsize i;
			int any = 0;

			for (i = 0; i < rowlen; i++) {
				if (r[0] == 2)
					r[1 + i] = (guint8)(r[1 + i] + prev[i]);
				if ((r[1 + i] >> 4) != paper || (r[1 + i] & 15) != paper)
					any = 1;
			}
			memcpy(prev, r + 1, rowlen);
			if (y >= y0 && any)
				ink++;
		}
	}
	if (dz)
		libdeflate_free_decompressor(dz);
	g_free(prev);
	g_free(raw);
	g_free(p);
	g_byte_array_free(idat, TRUE);
	return ink;
}

static void
edition(void)
{
	struct warta_doc *docs[4] = { sample_doc(), arabic_doc(), chinese_doc(), blocks_doc() };
	struct warta_diags d;
	struct warta_epub_opts opts = { 0, "Edisi Pagi", "2024-10-26", NULL, NULL };
	char *path, *opf, *nav, *ncx;
	int rc;

	g_free(docs[0]->meta.section);
	docs[0]->meta.section = g_strdup("\u0639\u0627\u0644\u0645");
	g_free(docs[3]->meta.section);
	docs[3]->meta.section = g_strdup("\u4e9e\u6d32");
	/* an edition's sections are the groups the caller made (meta.group) */
	for (rc = 0; rc < 4; rc++)
		docs[rc]->meta.group = g_strdup(docs[rc]->meta.section);
	warta_diags_init(&d);
	path = write_book("edition.epub", docs, 4, &opts, &rc, &d);
	INT_EQ(rc, 0, "edition: written");
	OK(all_well_formed(path) == 12, "edition: 12 XML members, well-formed");
	opf = member(path, "EPUB/package.opf");
	nav = member(path, "EPUB/nav.xhtml");
	ncx = member(path, "EPUB/toc.ncx");
	OK(contains(opf, "<dc:title id=\"pub-title\">Edisi Pagi</dc:title>"), "edition: title");
	OK(contains(opf, "<dc:date>2024-10-26</dc:date>"), "edition: date");
	OK(contains(opf, "<dc:language>id</dc:language>\n<dc:language>ar</dc:language>\n"
	            "<dc:language>zh</dc:language>\n<dc:language>en</dc:language>"), "edition: every language");
	OK(contains(opf, "<itemref idref=\"cover\"/>\n<itemref idref=\"title\"/>\n<itemref idref=\"nav\" linear=\"no\"/>\n"
	            "<itemref idref=\"s01\"/>\n<itemref idref=\"a001\"/>\n<itemref idref=\"a002\"/>\n"
	            "<itemref idref=\"s02\"/>\n<itemref idref=\"a003\"/>\n<itemref idref=\"a004\"/>"),
	   "edition: spine cover, title, then each section page and its articles");
	/* the first section's name is Arabic in an Indonesian book: it says
	 * its direction (its article, Indonesian, does not give its language) */
	OK(contains(nav, "<li dir=\"rtl\"><a href=\"text/s01.xhtml\">") &&
	   contains(nav, "<li lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"><a href=\"text/a002.xhtml\">"),
	   "edition nav: section, then articles with their language");
	OK(contains(nav, "<a href=\"text/a001.xhtml#sec-1\">1. Rusia</a>"), "edition nav: article sections");
	/* the NCX as deep as the nav: section, article, the article's sections */
	OK(!contains(ncx, "<meta name=\"dtb:depth\" content=\"2\"/>") &&
	   !contains(ncx, "<meta name=\"dtb:depth\" content=\"1\"/>") &&
	   contains(ncx, "<content src=\"text/a001.xhtml#sec-1\"/>"),
	   "edition NCX: as deep as the nav (section, article, the article's sections)");
	{
		char *toc = g_strndup(nav, strstr(nav, "</nav>") - nav);

		OK(count(toc, "<li>") + count(toc, "<li ") == count(ncx, "<navPoint "),
		   "edition NCX: one navPoint for every entry of the nav's table of contents (%d)",
		   count(ncx, "<navPoint "));
		g_free(toc);
	}
	OK(contains(nav, "<nav epub:type=\"toc\" role=\"doc-toc\""), "nav: role doc-toc");
	OK(contains(opf, "<dc:creator") == 0 && !contains(opf, "<dc:publisher>"),
	   "edition: no reporter as the book's creator, no publisher of several sources");
	OK(contains(opf, "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>"),
	   "edition: conforms to EPUB Accessibility 1.1, WCAG 2.2 AA");
	OK(contains(opf, "the cover image shows the edition's title, date and sections"),
	   "edition: the accessibility summary describes an edition's cover");
	{
		struct warta_epub_opts po = { 0, "Edisi Pagi", "2024-10-26", "Harian Contoh", NULL };
		char *pp;

		g_free(docs[0]->meta.author);
		docs[0]->meta.author = g_strdup("Reporter Satu");
		pp = write_book("edition-pub.epub", docs, 4, &po, &rc, &d);
		char *popf = member(pp, "EPUB/package.opf"), *part = member(pp, "EPUB/text/a001.xhtml");


		OK(count(popf, "<dc:creator") == 1 &&
		   contains(popf, "<dc:creator id=\"creator-1\">Harian Contoh</dc:creator>") &&
		   count(popf, "<dc:publisher>") == 1 && contains(popf, "<dc:publisher>Harian Contoh</dc:publisher>"),
		   "edition: --edition-publisher is the book's one creator and publisher");
		OK(contains(part, "<meta name=\"author\" content=\"Reporter Satu\"/>"),
		   "edition: each article names its reporters in its own head");
		g_free(popf);
		g_free(part);
		g_free(pp);
	}
	OK(contains(nav, "epub:type=\"titlepage\""), "edition: title page landmark");
	OK(!contains(opf, "page-progression-direction"), "edition: mixed directions turn pages left to right");
	g_free(opf);
	g_free(nav);
	g_free(ncx);
	INT_EQ(warta_diags_errors(&d), 0, "edition: no errors");
	/* without sections the cover lists the headlines instead: ink in the
	 * middle of the page, between the masthead's rules and the date's */
	for (rc = 0; rc < 4; rc++) {
		g_free(docs[rc]->meta.section);
		docs[rc]->meta.section = NULL;
		g_clear_pointer(&docs[rc]->meta.group, g_free);
	}
	OK(cover_ink_rows(path, 800, 1600) == 0, "edition with two sections: the cover's middle is paper");
	g_free(path);
	path = write_book("edition-plain.epub", docs, 4, &opts, &rc, &d);
	INT_EQ(rc, 0, "edition without sections: written");
	OK(cover_ink_rows(path, 800, 1600) > 60, "edition without sections: the cover shows its headlines (%d rows of ink mid-page)",
	   cover_ink_rows(path, 800, 1600));
	g_free(path);
	warta_doc_free(docs[0]);
	warta_doc_free(docs[1]);
	warta_doc_free(docs[2]);
	warta_doc_free(docs[3]);
	warta_diags_fini(&d);
}

static void
fonts(void)
{
	struct warta_doc *docs[2] = { sample_doc(), arabic_doc() };
	struct warta_diags d;
	struct warta_epub_opts opts = { 1, "Fonts", NULL, NULL, NULL };
	char *path, *opf, *css, *disp;
	GPtrArray *names;
	guint i, nfonts = 0;
	int rc;

	warta_diags_init(&d);
	path = write_book("fonts.epub", docs, 2, &opts, &rc, &d);
	INT_EQ(rc, 0, "fonts: written");
	names = members(path);
	for (i = 0; i < names->len; i++)
		nfonts += g_str_has_prefix(names->pdata[i], "EPUB/fonts/");
	OK(nfonts >= 4, "fonts: font files embedded");
	OK(names->len > 2 && strcmp(names->pdata[2], "META-INF/com.apple.ibooks.display-options.xml") == 0,
	   "fonts: Apple display options third");
	g_ptr_array_free(names, TRUE);
	opf = member(path, "EPUB/package.opf");
	css = member(path, "EPUB/css/news.css");
	disp = member(path, "META-INF/com.apple.ibooks.display-options.xml");
	OK(contains(opf, "href=\"fonts/CharisSIL-Regular.ttf\" media-type=\"font/ttf\""), "fonts: body face, font/ttf");
	OK(contains(opf, "media-type=\"font/otf\""), "fonts: OpenType CFF as font/otf");
	OK(contains(opf, "fonts/NotoNaskhArabic-Regular.ttf"), "fonts: Arabic face for the Arabic article");
	OK(contains(css, "@font-face {font-family:\"Charis SIL\";font-weight:400;font-style:normal;"
	            "src:url(../fonts/CharisSIL-Regular.ttf);}"), "fonts: @font-face relative to the CSS");
	OK(contains(disp, "<option name=\"specified-fonts\">true</option>"), "fonts: specified-fonts");
	g_free(opf);
	g_free(css);
	g_free(disp);
	g_free(path);
	warta_doc_free(docs[0]);
	warta_doc_free(docs[1]);
	warta_diags_fini(&d);
}

static int
count_entries(const char *path)
{
	GDir *dd = g_dir_open(path, 0, NULL);
	int n = 0;

	while (dd && g_dir_read_name(dd))
		n++;
	if (dd)
		g_dir_close(dd);
	return n;
}

static void
atomic(void)
{
	struct warta_doc *doc = sample_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *sub = g_build_filename(dir, "atomic", NULL);
	char *file = g_build_filename(sub, "plain-file", NULL);
	char *bad = g_build_filename(file, "x.epub", NULL);
	char *missing = g_build_filename(sub, "no-such-dir", "x.epub", NULL);
	char *old = g_build_filename(sub, "old.epub", NULL);
	char *content = NULL;
	int before;

	g_mkdir_with_parents(sub, 0755);
	g_file_set_contents(file, "x", 1, NULL);
	g_file_set_contents(old, "previous", 8, NULL);
	warta_diags_init(&d);
	before = count_entries(sub);
	INT_EQ(warta_epub_write(&doc, 1, style, &opts, bad, &d), -1, "output under a file: fails");
	INT_EQ(warta_epub_write(&doc, 1, style, &opts, missing, &d), -1, "output in a missing dir: fails");
	INT_EQ(warta_epub_write(&doc, 1, style, &opts, sub, &d), -1, "output is a directory: fails");
	INT_EQ(count_entries(sub), before, "nothing left behind");
	OK(warta_diags_errors(&d) == 3, "each failure is an error");
	OK(warta_epub_write(NULL, 0, style, &opts, old, &d) == -1 &&
	   g_file_get_contents(old, &content, NULL, NULL) && strcmp(content, "previous") == 0,
	   "no articles: fails, the old file untouched");
	g_free(content);
	g_free(sub);
	g_free(file);
	g_free(bad);
	g_free(missing);
	g_free(old);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* Without a style the book still has a sensible style sheet. */
static void
no_style(void)
{
	struct warta_doc *doc = sample_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	const struct warta_style *keep = style;
	char *path, *css;
	int rc;

	warta_diags_init(&d);
	style = NULL;
	path = write_book("nostyle.epub", &doc, 1, &opts, &rc, &d);
	style = (struct warta_style *)keep;
	INT_EQ(rc, 0, "no style: written");
	css = member(path, "EPUB/css/news.css");
	OK(contains(css, "hyphens:auto") && contains(css, "font-family:serif"), "no style: default CSS");
	g_free(css);
	g_free(path);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* ---------------------------------------------------------------- PNG */

/* A test image for ep_png4: in each row band [from, to), pixels of
 * pattern kind; elsewhere index 0. */
struct png_case {
	int w, h;
	struct { int from, to, kind; } bands[4];
};

static int
png_kind(const struct png_case *pc, int y)
{
	int i;

	for (i = 0; i < 4; i++)
		if (y >= pc->bands[i].from && y < pc->bands[i].to)
			return pc->bands[i].kind;
	return 0;
}

/* The index of pixel x of row y: kind 1 noise, 2 the same row repeated, 3
 * sparse, 4 rows like the row above but for a few pixels (strokes). */
static int
png_pixel(const struct png_case *pc, int x, int y)
{
	guint32 r;

	switch (png_kind(pc, y)) {
	case 1:
		r = (guint32)(x * 7919 + y * 104729) * 2654435761u;
		return (int)(r >> 28);
	case 2:
		return x % 5 == 0 ? 11 : x % 5 == 1 ? 3 : 0;
	case 3:
		return x == y % pc->w ? 15 : 0;
	case 4:
		return (x / 9 + y / 7) % 13 == 0 ? 11 : (x / 9 + y / 7) % 13 == 1 ? (x + y) % 16 : 0;
	default:
		return 0;
	}
}

static int
png_row(void *ctx, int y, guint8 *out)
{
	const struct png_case *pc = ctx;
	int x;

	if (!png_kind(pc, y))
		return 0;
	memset(out, 0, (gsize)(pc->w + 1) / 2);
	for (x = 0; x < pc->w; x++)
		out[x / 2] |= (guint8)(png_pixel(pc, x, y) << (x % 2 ? 0 : 4));
	return 1;
}

static guint32
get32(const guint8 *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* Decodes png (chunks, CRCs, zlib stream with its Adler-32, filters None
 * and Up) and compares every pixel with the case. */
static int
png_check(const struct png_case *pc, const GByteArray *png, const char *name)
{
	const guint8 *p = png->data;
	gsize at = 8, rowlen = (gsize)(pc->w + 1) / 2;
	GByteArray *idat = g_byte_array_new();
	guint8 *raw, *prev;
	gsize rawlen = (rowlen + 1) * (gsize)pc->h, got = 0;
	struct libdeflate_decompressor *dz = libdeflate_alloc_decompressor();
	int good = 1, x, y, chunks = 0;

	good = png->len > 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0;
	while (good && at + 12 <= png->len) {
		guint32 len = get32(p + at);

		if (at + 12 + len > png->len ||
		    libdeflate_crc32(0, p + at + 4, len + 4) != get32(p + at + 8 + len)) {
			good = 0;
			break;
		}
		if (memcmp(p + at + 4, "IHDR", 4) == 0)
			good = len == 13 && get32(p + at + 8) == (guint32)pc->w &&
			       get32(p + at + 12) == (guint32)pc->h && p[at + 16] == 4 && p[at + 17] == 3;
		if (memcmp(p + at + 4, "IDAT", 4) == 0)
			g_byte_array_append(idat, p + at + 8, len);
		chunks++;
		at += 12 + len;
	}
	OK(good && at == png->len && chunks == 4, "%s: signature, IHDR, chunks and CRCs", name);
	raw = g_malloc(rawlen + 1);
	/* libdeflate checks the Adler-32 too */
	good = dz && libdeflate_zlib_decompress(dz, idat->data, idat->len, raw, rawlen + 1, &got) ==
	       LIBDEFLATE_SUCCESS && got == rawlen;
	if (dz)
		libdeflate_free_decompressor(dz);
	OK(good, "%s: the zlib stream inflates, Adler-32 right, to %d rows", name, pc->h);
	prev = g_malloc0(rowlen);
	for (y = 0; good && y < pc->h; y++) {
		guint8 *r = raw + (rowlen + 1) * (gsize)y;
		gsize i;

		if (r[0] == 2)
			for (i = 0; i < rowlen; i++)
				r[1 + i] = (guint8)(r[1 + i] + prev[i]);
		else if (r[0] != 0)
			good = 0;
		for (x = 0; good && x < pc->w; x++)
			if (((r[1 + x / 2] >> (x % 2 ? 0 : 4)) & 15) != png_pixel(pc, x, y))
				good = 0;
		memcpy(prev, r + 1, rowlen);
	}
	OK(good, "%s: every pixel as drawn", name);
	g_free(prev);
	g_free(raw);
	g_byte_array_free(idat, TRUE);
	return good;
}

static void
png_encoder(void)
{
	static const struct png_case cases[] = {
		/* blank, noise, repeats, blank, sparse, blank */
		{ 1600, 2560, { { 10, 300, 1 }, { 300, 340, 2 }, { 1000, 1003, 3 }, { 1500, 1900, 4 } } },
		/* ink first and last (the last band is the final block); odd width */
		{ 37, 900, { { 0, 5, 3 }, { 5, 20, 2 }, { 800, 900, 1 }, { 0, 0, 0 } } },
		/* one row, blank; and a blank run of one row between bands */
		{ 8, 1, { { 0, 0, 0 } } },
		{ 1601, 5, { { 0, 2, 1 }, { 3, 5, 3 }, { 0, 0, 0 } } },
		/* strokes, odd width, to the last row */
		{ 999, 300, { { 1, 300, 4 }, { 0, 0, 0 } } },
	};
	guint8 pal[48];
	unsigned int i;

	for (i = 0; i < sizeof pal; i++)
		pal[i] = (guint8)(i * 5);
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		char name[32];
		GByteArray *png = ep_png4(cases[i].w, cases[i].h, pal, 16, png_row, (void *)&cases[i]);

		g_snprintf(name, sizeof name, "png case %u", i + 1);
		OK(png != NULL, "%s: encoded", name);
		if (png) {
			png_check(&cases[i], png, name);
			g_byte_array_free(png, TRUE);
		}
	}
	/* blank rows cost a few bits each */
	{
		static const struct png_case paper = { 1600, 2560, { { 0, 0, 0 } } };
		GByteArray *png = ep_png4(1600, 2560, pal, 16, png_row, (void *)&paper);

		OK(png && png->len < 3500, "an all-paper 1600x2560 cover is %u bytes (< 3500: a few bits "
		   "a 258-byte match)", png ? png->len : 0);
		if (png)
			g_byte_array_free(png, TRUE);
	}
}

/* ---------------------------------------------------------------- libzip failures */

/* zip_open_from_source made to fail, and the references to the in-memory
 * archive's source counted: none may be left after the failed book. */
static int zip_open_fails;
static zip_source_t *zip_mem;
static int zip_mem_refs;

zip_source_t *
zip_source_buffer_create(const void *data, zip_uint64_t len, int freep, zip_error_t *error)
{
	zip_source_t *(*real)(const void *, zip_uint64_t, int, zip_error_t *) =
		(zip_source_t *(*)(const void *, zip_uint64_t, int, zip_error_t *))dlsym(RTLD_NEXT, "zip_source_buffer_create");
	zip_source_t *s = real(data, len, freep, error);

	if (zip_open_fails && s) {
		zip_mem = s;
		zip_mem_refs = 1;
	}
	return s;
}

zip_t *
zip_open_from_source(zip_source_t *src, int flags, zip_error_t *error)
{
	zip_t *(*real)(zip_source_t *, int, zip_error_t *) =
		(zip_t *(*)(zip_source_t *, int, zip_error_t *))dlsym(RTLD_NEXT, "zip_open_from_source");

	if (zip_open_fails) {
		zip_error_set(error, ZIP_ER_MEMORY, 0);
		return NULL;
	}
	return real(src, flags, error);
}

void
zip_source_keep(zip_source_t *src)
{
	void (*real)(zip_source_t *) = (void (*)(zip_source_t *))dlsym(RTLD_NEXT, "zip_source_keep");

	if (src && src == zip_mem)
		zip_mem_refs++;
	real(src);
}

void
zip_source_free(zip_source_t *src)
{
	void (*real)(zip_source_t *) = (void (*)(zip_source_t *))dlsym(RTLD_NEXT, "zip_source_free");

	if (src && src == zip_mem && --zip_mem_refs == 0)
		zip_mem = NULL;
	real(src);
}

static void
zip_open_failure(void)
{
	struct warta_doc *doc = sample_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	char *path = g_build_filename(dir, "zip-open-fails.epub", NULL);

	warta_diags_init(&d);
	zip_open_fails = 1;
	INT_EQ(warta_epub_write(&doc, 1, style, &opts, path, &d), -1, "zip_open_from_source fails: no book");
	zip_open_fails = 0;
	OK(warta_diags_errors(&d) == 1, "zip_open_from_source fails: one error");
	INT_EQ(zip_mem_refs, 0, "zip_open_from_source fails: the archive's source is freed");
	OK(!g_file_test(path, G_FILE_TEST_EXISTS), "zip_open_from_source fails: no file");
	zip_mem = NULL;
	g_free(path);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* The book's font set is the engine the caller gives (the print's): the
 * cover borrows its font map from that engine and gives it back, nothing is
 * kept in the process between books, and the bytes are those of a book
 * whose writer made its own engine. */
static void
engines(void)
{
	struct warta_doc *doc = sample_doc();
	struct warta_diags d;
	struct warta_epub_opts opts = { 0 };
	struct warta_engine *e;
	char *p1, *p2, *p3, *b1 = NULL, *b2 = NULL, *b3 = NULL;
	gsize l1 = 0, l2 = 0, l3 = 0;
	int rc1, rc2, rc3;

	warta_diags_init(&d);
	e = warta_engine_new(&d);
	OK(e != NULL, "engine: made");
	if (!e) {
		warta_doc_free(doc);
		warta_diags_fini(&d);
		return;
	}
	p1 = write_book("engine-none.epub", &doc, 1, &opts, &rc1, &d);
	opts.engine = e;
	p2 = write_book("engine-1.epub", &doc, 1, &opts, &rc2, &d);
	p3 = write_book("engine-2.epub", &doc, 1, &opts, &rc3, &d);
	OK(rc1 == 0 && rc2 == 0 && rc3 == 0, "engine: three books written");
	INT_EQ((int)e->fonts->len, 1, "engine: the covers borrowed one font map of the engine's and gave it back");
	file_bytes(p1, &b1, &l1);
	file_bytes(p2, &b2, &l2);
	file_bytes(p3, &b3, &l3);
	OK(l1 > 0 && l1 == l2 && l2 == l3 && memcmp(b1, b2, l1) == 0 && memcmp(b2, b3, l1) == 0,
	   "engine: the same bytes with the caller's engine, twice, and with the writer's own");
	warta_engine_free(e);
	g_free(b1);
	g_free(b2);
	g_free(b3);
	g_free(p1);
	g_free(p2);
	g_free(p3);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

int
main(int argc, char **argv)
{
	struct warta_diags d;
	char *styles = g_build_filename(warta_data_dir(), "styles", NULL);
	const char *dirs[] = { styles, NULL };
	char *tmp = NULL;

	warta_diags_init(&d);
	style = warta_style_load("a4", dirs, &d);
	OK(style != NULL, "a4 style loads");
	if (argc > 1) {
		dir = g_strdup(argv[1]);
		g_mkdir_with_parents(dir, 0755);
	} else {
		dir = tmp = g_dir_make_tmp("test_epub.XXXXXX", NULL);
	}
	escaping();
	identifiers();
	sample_book();
	reproducible();
	engines();
	hostile();
	languages();
	structure();
	edition();
	fonts();
	atomic();
	no_style();
	png_encoder();
	zip_open_failure();
	if (tmp) {
		char *cmd = g_strdup_printf("rm -rf '%s'", tmp);

		if (system(cmd) != 0)
			OK(0, "remove %s", tmp);
		g_free(cmd);
	}
	if (style)
		warta_style_free(style);
	warta_diags_fini(&d);
	g_free(styles);
	g_free(dir);
	return harness_done();
}
