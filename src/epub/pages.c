/* pages.c — EPUB back end: the frame of every XHTML content document
 * (head, body, the language and direction attributes) and the book's own
 * pages: the cover, the title page and an edition's section pages.  The
 * articles' documents are xhtml.c's. */
#include <string.h>

#include "epub/epub_int.h"
#include "lang/lang.h"

void
ep_xhtml_open(GString *out, const char *title, const char *author, const char *lang, int rtl,
              const char *css_href, const char *body_type, const char *body_class)
{
	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	                "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	                "xmlns:epub=\"http://www.idpf.org/2007/ops\"");
	ep_lang_attrs(out, lang, rtl);
	g_string_append(out, ">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
	ep_escape(out, title, 0);
	g_string_append(out, "</title>\n");
	if (author) {
		char *clean = ep_clean_line(author);

		if (*clean) {
			g_string_append(out, "<meta name=\"author\" content=\"");
			ep_escape(out, clean, 1);
			g_string_append(out, "\"/>\n");
		}
		g_free(clean);
	}
	if (css_href)
		g_string_append_printf(out, "<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n",
		                       css_href);
	g_string_append(out, "</head>\n<body");
	if (body_type)
		g_string_append_printf(out, " epub:type=\"%s\"", body_type);
	if (body_class || rtl)
		g_string_append_printf(out, " class=\"%s%s%s\"", body_class ? body_class : "",
		                       body_class && rtl ? " " : "", rtl ? "rtl" : "");
	g_string_append(out, ">\n");
}

void
ep_xhtml_close(GString *out)
{
	g_string_append(out, "</body>\n</html>\n");
}

/* <p class="cls">text</p> when text has anything to show. */
void
ep_meta_line(GString *out, const char *cls, const char *s)
{
	char *clean = ep_clean_line(s);

	if (*clean) {
		g_string_append_printf(out, "<p class=\"%s\">", cls);
		ep_escape(out, clean, 0);
		g_string_append(out, "</p>\n");
	}
	g_free(clean);
}

void
ep_time_line(GString *out, const char *cls, const char *date, const char *lang)
{
	char *shown;

	if (!ep_date_valid(date)) {
		ep_meta_line(out, cls, date);
		return;
	}
	shown = ep_date_display(date, lang);
	g_string_append_printf(out, "<p class=\"%s\"><time datetime=\"%s\">", cls, date);
	ep_escape(out, shown ? shown : date, 0);
	g_string_append(out, "</time></p>\n");
	g_free(shown);
}

void
ep_cover_xhtml(struct ep_book *b, GString *out)
{
	ep_xhtml_open(out, b->title, NULL, b->lang, b->rtl, "../css/news.css", NULL, "cover");
	if (!b->cover && b->cover_photo) {
		/* the lead photo, the headline under it (DPUB-ARIA's doc-cover
		 * is an image role) */
		const struct warta_node *img = b->articles[0].doc->meta.lead->first;
		char *alt = warta_node_plain_text(img), *clean = ep_clean_line(alt);

		g_string_append(out, "<section class=\"cover photo\">\n"
		                "<img epub:type=\"cover\" role=\"doc-cover\" src=\"../");
		ep_escape(out, b->cover_photo->href, 1);
		g_string_append(out, "\" alt=\"");
		ep_escape(out, clean, 1);
		g_string_append(out, "\"/>\n<p class=\"cover-title\">");
		ep_escape(out, b->title, 0);
		g_string_append(out, "</p>\n</section>\n");
		g_free(alt);
		g_free(clean);
		ep_xhtml_close(out);
		return;
	}
	/* the image is the cover (DPUB-ARIA's doc-cover is an image role) */
	g_string_append(out, "<section class=\"cover\">\n"
	                "<img epub:type=\"cover\" role=\"doc-cover\" src=\"../images/cover.png\" alt=\"");
	ep_escape(out, b->cover_alt, 1);
	g_string_append(out, "\"/>\n</section>\n");
	ep_xhtml_close(out);
}

void
ep_name_attrs(GString *out, const struct ep_book *b, const struct ep_article *a, const char *name)
{
	int dir = warta_text_dir(name);

	if (dir >= 0 && dir != a->rtl) {
		if (dir != b->rtl)
			ep_lang_attrs_in(out, NULL, dir, b->rtl);
		return;
	}
	if (strcmp(a->lang, b->lang) != 0 || a->rtl != b->rtl)
		ep_lang_attrs_in(out, a->lang, a->rtl, b->rtl);
}

void
ep_title_xhtml(struct ep_book *b, GString *out)
{
	const char *date = b->opts && b->opts->edition_date ? b->opts->edition_date : b->date;
	guint i;

	ep_xhtml_open(out, b->title, NULL, b->lang, b->rtl, "../css/news.css", "frontmatter", NULL);
	g_string_append(out, "<section epub:type=\"titlepage\" class=\"titlepage\">\n"
	                "<h1 class=\"masthead\">");
	ep_escape(out, b->title, 0);
	g_string_append(out, "</h1>\n");
	if (date)
		ep_time_line(out, "edition-date", date, b->lang);
	for (i = 0; i < b->groups->len; i++) {
		struct ep_group *g = b->groups->pdata[i];

		const struct ep_article *a = &b->articles[g->first];
		char *name;

		if (!g->name)
			continue;
		name = ep_clean_line(g->name);
		if (*name) {
			g_string_append(out, "<p class=\"edition-section\"");
			ep_name_attrs(out, b, a, name);
			g_string_append_c(out, '>');
			ep_escape(out, name, 0);
			g_string_append(out, "</p>\n");
		}
		g_free(name);
	}
	g_string_append(out, "</section>\n");
	ep_xhtml_close(out);
}

void
ep_group_xhtml(struct ep_book *b, struct ep_group *g)
{
	struct ep_article *first = &b->articles[g->first];
	char *name = ep_clean_line(g->name);
	guint i;

	/* a page of the edition, in its language */
	g->xhtml = g_string_new(NULL);
	ep_xhtml_open(g->xhtml, *name ? name : g->id, NULL, b->lang, b->rtl,
	              "../css/news.css", "bodymatter", NULL);
	g_string_append(g->xhtml, "<section class=\"section-page\">\n<h1 class=\"section-title\"");
	ep_name_attrs(g->xhtml, b, first, name);
	g_string_append_c(g->xhtml, '>');
	ep_escape(g->xhtml, *name ? name : g->id, 0);
	g_string_append(g->xhtml, "</h1>\n<ul class=\"section-list\">\n");
	for (i = g->first; i < g->first + g->count; i++) {
		struct ep_article *a = &b->articles[i];

		g_string_append(g->xhtml, "<li");
		if (g_strcmp0(a->lang, b->lang) != 0 || a->rtl != b->rtl)
			ep_lang_attrs_in(g->xhtml, a->lang, a->rtl, b->rtl);
		g_string_append_printf(g->xhtml, "><a href=\"%s\">", a->file);
		ep_escape(g->xhtml, a->title, 0);
		g_string_append(g->xhtml, "</a></li>\n");
	}
	g_string_append(g->xhtml, "</ul>\n</section>\n");
	ep_xhtml_close(g->xhtml);
	g_free(name);
}
