/* package.c — EPUB back end: the package document (package.opf), the EPUB 3
 * navigation document (nav.xhtml), the EPUB 2 toc.ncx, container.xml and
 * Apple's display options.  Reads the assembled book (articles, groups,
 * headings, fonts, cover); writes XML text.  Rules: epub-notes.md §1.2–1.4. */
#include <stdlib.h>
#include <string.h>

#include "epub/epub_int.h"
#include "util/date.h"

char *
ep_container_xml(void)
{
	return g_strdup("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	                "<rootfiles>\n"
	                "<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	                "</rootfiles>\n"
	                "</container>\n");
}

char *
ep_display_options_xml(void)
{
	return g_strdup("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                "<display_options>\n"
	                "<platform name=\"*\">\n"
	                "<option name=\"specified-fonts\">true</option>\n"
	                "</platform>\n"
	                "</display_options>\n");
}

char *
ep_uuid5(const char *data, gsize len)
{
	/* RFC 4122 appendix C: the URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8 */
	static const guint8 ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
	                               0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
	static const char name[] = "https://warta.invalid/epub/";
	GChecksum *cs = g_checksum_new(G_CHECKSUM_SHA1);
	guint8 h[20];
	gsize hl = sizeof h;

	g_checksum_update(cs, ns, sizeof ns);
	g_checksum_update(cs, (const guchar *)name, sizeof name - 1);
	g_checksum_update(cs, (const guchar *)data, len);
	g_checksum_get_digest(cs, h, &hl);
	g_checksum_free(cs);
	h[6] = (h[6] & 0x0f) | 0x50;   /* version 5 */
	h[8] = (h[8] & 0x3f) | 0x80;   /* variant RFC 4122 */
	return g_strdup_printf("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	                       "%02x%02x%02x%02x%02x%02x",
	                       h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
	                       h[10], h[11], h[12], h[13], h[14], h[15]);
}

char *
ep_modified(const struct ep_book *b, struct warta_diags *d)
{
	const char *newest = NULL;
	guint i;
	gint64 t;

	switch (warta_source_date_epoch(&t)) {
	case 1:
		return warta_date_format_epoch(t, 0);
	case -1:
		warta_diag(d, WARTA_WARNING, NULL, 0, 0,
		           "SOURCE_DATE_EPOCH \"%s\" is not a number of seconds; ignored",
		           g_getenv("SOURCE_DATE_EPOCH"));
		break;
	}
	for (i = 0; i < b->n; i++) {
		const char *date = b->articles[i].doc->meta.date;

		if (ep_date_valid(date) && (!newest || strcmp(date, newest) > 0))
			newest = date;
	}
	if (!newest && b->opts && ep_date_valid(b->opts->edition_date))
		newest = b->opts->edition_date;
	if (newest)
		return g_strdup_printf("%sT00:00:00Z", newest);
	return g_strdup("1980-01-01T00:00:00Z");
}

/* dcterms:modified, never earlier than the book's dc:date (an edition dated
 * after SOURCE_DATE_EPOCH would say it was last changed before its date). */
static char *
modified_after_date(const struct ep_book *b)
{
	if (b->date && ep_date_valid(b->date) && strncmp(b->modified, b->date, 10) < 0)
		return g_strdup_printf("%sT00:00:00Z", b->date);
	return g_strdup(b->modified);
}

/* The edition's publisher: --edition-publisher, else the one source every
 * article shares, else NULL. */
static const char *
edition_publisher(const struct ep_book *b)
{
	const char *one = NULL;
	guint i;

	if (b->opts && b->opts->edition_publisher && *b->opts->edition_publisher)
		return b->opts->edition_publisher;
	for (i = 0; i < b->n; i++) {
		const char *s = b->articles[i].doc->meta.source;

		if (!s || !*s || (one && strcmp(one, s) != 0))
			return NULL;
		one = s;
	}
	return one;
}

/* Whether the book meets EPUB Accessibility 1.1 with WCAG 2.2 AA as far as
 * warta can know: every image has a text alternative (the cover's is its
 * title), every article's language is known, and the reading order,
 * headings and navigation are the ones warta writes (checked by the EPUB
 * suite, with DAISY Ace when it is installed). */
static int
meets_a11y(const struct ep_book *b)
{
	guint i;

	if (b->cover && (!b->cover_alt || !*b->cover_alt))
		return 0;
	for (i = 0; i < b->n; i++)
		if (!b->articles[i].lang || strcmp(b->articles[i].lang, "und") == 0)
			return 0;
	return 1;
}

/* ---------------------------------------------------------------- OPF */

static void
element(GString *o, const char *tag, const char *attrs, const char *value)
{
	char *clean = ep_clean_line(value);

	if (*clean) {
		g_string_append_printf(o, "<%s%s>", tag, attrs ? attrs : "");
		ep_escape(o, clean, 0);
		g_string_append_printf(o, "</%s>\n", tag);
	}
	g_free(clean);
}

/* Adds s to list unless it is there already; 1 if added. */
static int
add_unique(GPtrArray *list, const char *s)
{
	guint i;

	for (i = 0; i < list->len; i++)
		if (strcmp(list->pdata[i], s) == 0)
			return 0;
	g_ptr_array_add(list, (gpointer)s);
	return 1;
}

static void
item(GString *o, const char *id, const char *href, const char *type, const char *props)
{
	g_string_append_printf(o, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"%s%s%s/>\n", id, href,
	                       type, props ? " properties=\"" : "", props ? props : "",
	                       props ? "\"" : "");
}

/* The creators: an edition's publisher (each article names its reporters
 * itself), or the articles' reporters, each once; the publisher. */
static void
creators(GString *o, const struct ep_book *b, GPtrArray *seen)
{
	int ncreator = 0;
	guint i;

	if (b->edition) {
		char *clean = ep_clean_line(edition_publisher(b));

		if (*clean) {
			element(o, "dc:creator", " id=\"creator-1\"", clean);
			g_string_append(o, "<meta refines=\"#creator-1\" property=\"role\" "
			                "scheme=\"marc:relators\">pbl</meta>\n");
			element(o, "dc:publisher", NULL, clean);
		}
		g_free(clean);
		return;
	}
	for (i = 0; i < b->n; i++) {
		const char *author = b->articles[i].doc->meta.author;
		char *clean = ep_clean_line(author);

		if (*clean && add_unique(seen, author)) {
			char attrs[32];

			g_snprintf(attrs, sizeof attrs, " id=\"creator-%d\"", ++ncreator);
			element(o, "dc:creator", attrs, clean);
			g_string_append_printf(o, "<meta refines=\"#creator-%d\" property=\"role\" "
			                       "scheme=\"marc:relators\">aut</meta>\n", ncreator);
		}
		g_free(clean);
	}
	g_ptr_array_set_size(seen, 0);
	element(o, "dc:publisher", NULL, b->articles[0].doc->meta.source);
}

/* EPUB Accessibility 1.1 §"Package metadata". */
static void
a11y_metadata(GString *o, const struct ep_book *b)
{
	g_string_append(o, "<meta property=\"schema:accessMode\">textual</meta>\n");
	if (b->cover || b->images)
		g_string_append(o, "<meta property=\"schema:accessMode\">visual</meta>\n");
	g_string_append(o, "<meta property=\"schema:accessModeSufficient\">textual</meta>\n"
	                "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>\n"
	                "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>\n"
	                "<meta property=\"schema:accessibilityFeature\">readingOrder</meta>\n");
	if (b->cover || b->images)
		g_string_append(o, "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>\n");
	g_string_append(o, "<meta property=\"schema:accessibilityHazard\">none</meta>\n");
	g_string_append_printf(o, "<meta property=\"schema:accessibilitySummary\">%s</meta>\n",
	                       b->images ?
	                       "Text of news articles with structured headings and a table of contents; "
	                       "every picture has a text alternative and its caption." :
	                       !b->cover ?
	                       "Text of news articles with structured headings and a table of contents." :
	                       b->edition ?
	                       "Text of news articles with structured headings and a table of contents; "
	                       "the cover image shows the edition's title, date and sections (or "
	                       "headlines), which its text alternative, the title page and the table "
	                       "of contents give as text." :
	                       "Text of news articles with structured headings and a table of contents; "
	                       "the cover image repeats the headline as text.");
	if (meets_a11y(b))
		g_string_append(o, "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - "
		                "WCAG 2.2 Level AA</meta>\n"
		                "<meta property=\"a11y:certifiedBy\">warta's EPUB checks (epubcheck, "
		                "DAISY Ace)</meta>\n");
}

static void
metadata(GString *o, const struct ep_book *b)
{
	GPtrArray *seen = g_ptr_array_new();
	char *mod;
	guint i, j;

	g_string_append(o, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
	g_string_append_printf(o, "<dc:identifier id=\"pub-id\">%s</dc:identifier>\n", b->uuid);
	g_string_append(o, "<dc:title id=\"pub-title\">");
	ep_escape(o, b->title, 0);
	g_string_append(o, "</dc:title>\n");
	/* every language of the book, the main one first */
	add_unique(seen, b->lang);
	for (i = 0; i < b->n; i++)
		add_unique(seen, b->articles[i].lang);
	for (i = 0; i < seen->len; i++)
		element(o, "dc:language", NULL, seen->pdata[i]);
	g_ptr_array_set_size(seen, 0);
	if (b->date)
		element(o, "dc:date", NULL, b->date);
	creators(o, b, seen);
	if (!b->edition)
		element(o, "dc:description", NULL, b->articles[0].doc->meta.subtitle);
	for (i = 0; i < b->n; i++) {
		char **kw = b->articles[i].doc->meta.keywords;

		for (j = 0; kw && kw[j]; j++)
			if (add_unique(seen, kw[j]))
				element(o, "dc:subject", NULL, kw[j]);
	}
	mod = modified_after_date(b);
	g_string_append_printf(o, "<meta property=\"dcterms:modified\">%s</meta>\n", mod);
	g_free(mod);
	if (b->cover)
		g_string_append(o, "<meta name=\"cover\" content=\"cover-img\"/>\n");
	else if (b->cover_photo)
		g_string_append_printf(o, "<meta name=\"cover\" content=\"%s\"/>\n", b->cover_photo->id);
	a11y_metadata(o, b);
	g_string_append(o, "</metadata>\n");
	g_ptr_array_free(seen, TRUE);
}

static void
manifest(GString *o, const struct ep_book *b)
{
	guint i, j;

	g_string_append(o, "<manifest>\n");
	item(o, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	item(o, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(o, "css", "css/news.css", "text/css", NULL);
	for (i = 0; b->fonts && i < b->fonts->len; i++) {
		const struct ep_font *f = b->fonts->pdata[i];
		char *href = g_strconcat("fonts/", f->name, NULL);

		item(o, f->id, href, f->media_type, NULL);
		g_free(href);
	}
	if (b->cover) {
		item(o, "cover-img", "images/cover.png", "image/png", "cover-image");
		item(o, "cover", "text/cover.xhtml", "application/xhtml+xml", NULL);
	}
	for (i = 0; b->images && i < b->images->len; i++) {
		const struct ep_image *e = b->images->pdata[i];

		item(o, e->id, e->href, e->media_type, e == b->cover_photo ? "cover-image" : NULL);
	}
	if (!b->cover && b->cover_photo)
		item(o, "cover", "text/cover.xhtml", "application/xhtml+xml", NULL);
	if (b->edition)
		item(o, "title", "text/title.xhtml", "application/xhtml+xml", NULL);
	for (i = 0; i < b->groups->len; i++) {
		const struct ep_group *g = b->groups->pdata[i];
		char *href;

		if (g->name) {
			href = g_strconcat("text/", g->file, NULL);
			item(o, g->id, href, "application/xhtml+xml", NULL);
			g_free(href);
		}
		for (j = g->first; j < g->first + g->count; j++) {
			href = g_strconcat("text/", b->articles[j].file, NULL);
			item(o, b->articles[j].id, href, "application/xhtml+xml", NULL);
			g_free(href);
		}
	}
	g_string_append(o, "</manifest>\n");
}

static void
spine(GString *o, const struct ep_book *b)
{
	guint i, j;

	/* right-to-left page turns when the book (an article, or an
	 * edition in its own language) reads that way */
	g_string_append_printf(o, "<spine toc=\"ncx\"%s>\n",
	                       b->rtl ? " page-progression-direction=\"rtl\"" : "");
	if (b->cover || b->cover_photo)
		g_string_append(o, "<itemref idref=\"cover\"/>\n");
	if (b->edition)
		g_string_append(o, "<itemref idref=\"title\"/>\n");
	g_string_append(o, "<itemref idref=\"nav\" linear=\"no\"/>\n");
	for (i = 0; i < b->groups->len; i++) {
		const struct ep_group *g = b->groups->pdata[i];

		if (g->name)
			g_string_append_printf(o, "<itemref idref=\"%s\"/>\n", g->id);
		for (j = g->first; j < g->first + g->count; j++)
			g_string_append_printf(o, "<itemref idref=\"%s\"/>\n", b->articles[j].id);
	}
	g_string_append(o, "</spine>\n");
}

char *
ep_package_opf(const struct ep_book *b)
{
	GString *o = g_string_new(NULL);

	g_string_append(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	                "unique-identifier=\"pub-id\" xml:lang=\"");
	ep_escape(o, b->lang, 1);
	g_string_append(o, "\">\n");
	metadata(o, b);
	manifest(o, b);
	spine(o, b);
	g_string_append(o, "</package>\n");
	return g_string_free(o, FALSE);
}

/* ---------------------------------------------------------------- nav */

static void
nav_link(GString *o, const char *href, const char *frag, const char *label)
{
	g_string_append_printf(o, "<a href=\"%s%s%s\">", href, frag ? "#" : "", frag ? frag : "");
	ep_escape(o, label, 0);
	g_string_append(o, "</a>");
}

/* An article's headings as nested lists, by level. */
static void
nav_headings(GString *o, const struct ep_article *a, const char *href)
{
	int stack[64];
	int depth = 0;
	guint i;

	for (i = 0; i < a->headings->len; i++) {
		const struct ep_heading *h = a->headings->pdata[i];

		if (depth == 0) {
			g_string_append(o, "\n<ol>");
			stack[depth++] = h->level;
		} else if (h->level > stack[depth - 1] && depth < (int)G_N_ELEMENTS(stack)) {
			g_string_append(o, "\n<ol>");
			stack[depth++] = h->level;
		} else {
			g_string_append(o, "</li>");
			while (depth > 1 && h->level < stack[depth - 1]) {
				g_string_append(o, "\n</ol></li>");
				depth--;
			}
		}
		g_string_append(o, "\n<li>");
		nav_link(o, href, h->id, h->label);
	}
	if (depth > 0) {
		g_string_append(o, "</li>");
		while (depth-- > 1)
			g_string_append(o, "\n</ol></li>");
		g_string_append(o, "\n</ol>");
	}
}

static void
nav_article(GString *o, const struct ep_book *b, const struct ep_article *a)
{
	char *href = g_strconcat("text/", a->file, NULL);

	g_string_append(o, "<li");
	if (strcmp(a->lang, b->lang) != 0 || a->rtl != b->rtl)
		ep_lang_attrs_in(o, a->lang, a->rtl, b->rtl);
	g_string_append_c(o, '>');
	nav_link(o, href, NULL, a->title);
	nav_headings(o, a, href);
	g_string_append(o, "</li>\n");
	g_free(href);
}

char *
ep_nav_xhtml(const struct ep_book *b)
{
	GString *o = g_string_new(NULL);
	const char *contents = ep_label(EP_CONTENTS, b->lang);
	guint i, j;

	ep_xhtml_open(o, contents, NULL, b->lang, b->rtl, "css/news.css", "frontmatter", NULL);
	g_string_append_printf(o, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>%s</h1>\n<ol>\n", contents);
	for (i = 0; i < b->groups->len; i++) {
		const struct ep_group *g = b->groups->pdata[i];

		if (g->name) {
			char *href = g_strconcat("text/", g->file, NULL);
			char *name = ep_clean_line(g->name);

			g_string_append(o, "<li");
			ep_name_attrs(o, b, &b->articles[g->first], name);
			g_string_append_c(o, '>');
			nav_link(o, href, NULL, *name ? name : g->id);
			g_string_append(o, "\n<ol>\n");
			g_free(name);
			g_free(href);
		}
		for (j = g->first; j < g->first + g->count; j++)
			nav_article(o, b, &b->articles[j]);
		if (g->name)
			g_string_append(o, "</ol></li>\n");
	}
	g_string_append(o, "</ol>\n</nav>\n");
	g_string_append(o, "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n");
	if (b->cover || b->cover_photo)
		g_string_append_printf(o, "<li><a epub:type=\"cover\" href=\"text/cover.xhtml\">%s</a></li>\n",
		                       ep_label(EP_COVER, b->lang));
	if (b->edition)
		g_string_append(o, "<li><a epub:type=\"titlepage\" href=\"text/title.xhtml\">");
	if (b->edition) {
		ep_escape(o, b->title, 0);
		g_string_append(o, "</a></li>\n");
	}
	g_string_append_printf(o, "<li><a epub:type=\"toc\" href=\"#toc\">%s</a></li>\n", contents);
	{
		const struct ep_group *g = b->groups->pdata[0];
		const char *first = g->name ? g->file : b->articles[0].file;

		g_string_append_printf(o, "<li><a epub:type=\"bodymatter\" href=\"text/%s\">%s</a></li>\n",
		                       first, ep_label(EP_START, b->lang));
	}
	g_string_append(o, "</ol>\n</nav>\n");
	ep_xhtml_close(o);
	return g_string_free(o, FALSE);
}

/* ---------------------------------------------------------------- NCX */

static void
nav_point_open(GString *o, int *order, const char *label, const char *src, const char *frag)
{
	(*order)++;
	g_string_append_printf(o, "<navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>", *order,
	                       *order);
	ep_escape(o, label, 0);
	g_string_append_printf(o, "</text></navLabel><content src=\"text/%s%s%s\"/>\n", src,
	                       frag ? "#" : "", frag ? frag : "");
}

/* An article's headings as nested navPoints, nested as nav_headings nests
 * them in the nav (the same tree for NCX-only readers).  o may be NULL: then
 * only the depth is counted.  The depth of the deepest heading (0: none). */
static int
ncx_headings(GString *o, int *order, const struct ep_article *a)
{
	int stack[64];
	int depth = 0, deepest = 0;
	guint i;

	for (i = 0; i < a->headings->len; i++) {
		const struct ep_heading *h = a->headings->pdata[i];

		if (depth == 0 || (h->level > stack[depth - 1] && depth < (int)G_N_ELEMENTS(stack))) {
			stack[depth++] = h->level;
		} else {
			if (o)
				g_string_append(o, "</navPoint>\n");
			while (depth > 1 && h->level < stack[depth - 1]) {
				if (o)
					g_string_append(o, "</navPoint>\n");
				depth--;
			}
		}
		deepest = MAX(deepest, depth);
		if (o)
			nav_point_open(o, order, h->label, a->file, h->id);
	}
	while (o && depth-- > 0)
		g_string_append(o, "</navPoint>\n");
	return deepest;
}

char *
ep_toc_ncx(const struct ep_book *b)
{
	GString *o = g_string_new(NULL);
	int order = 0, depth = 1, grouped = 0;
	guint i, j;

	/* the nav's depth: section, article, the article's headings */
	for (i = 0; i < b->groups->len; i++)
		if (((const struct ep_group *)b->groups->pdata[i])->name)
			grouped = 1;
	for (i = 0; i < b->n; i++)
		depth = MAX(depth, 1 + ncx_headings(NULL, NULL, &b->articles[i]));
	depth += grouped;
	g_string_append(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"");
	ep_escape(o, b->lang, 1);
	g_string_append_printf(o, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"%s\"/>\n"
	                       "<meta name=\"dtb:depth\" content=\"%d\"/>\n"
	                       "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
	                       "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n"
	                       "</head>\n<docTitle><text>", b->uuid, depth);
	ep_escape(o, b->title, 0);
	g_string_append(o, "</text></docTitle>\n<navMap>\n");
	for (i = 0; i < b->groups->len; i++) {
		const struct ep_group *g = b->groups->pdata[i];

		if (g->name) {
			char *name = ep_clean_line(g->name);

			nav_point_open(o, &order, *name ? name : g->id, g->file, NULL);
			g_free(name);
		}
		for (j = g->first; j < g->first + g->count; j++) {
			const struct ep_article *a = &b->articles[j];

			nav_point_open(o, &order, a->title, a->file, NULL);
			ncx_headings(o, &order, a);
			g_string_append(o, "</navPoint>\n");
		}
		if (g->name)
			g_string_append(o, "</navPoint>\n");
	}
	g_string_append(o, "</navMap>\n</ncx>\n");
	return g_string_free(o, FALSE);
}
