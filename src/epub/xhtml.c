/* xhtml.c — EPUB back end: the XHTML content documents.  Reads an article's
 * document tree (doc/doc.h) and writes one XHTML5 file with semantic markup
 * (article, header, sections with numbered headings, quotations, EPUB 3
 * footnotes); the book's own pages are pages.c's. */
#include <string.h>

#include "epub/epub_int.h"
#include "lang/lang.h"

#define MAX_DEPTH 64             /* deeper nesting is flattened */

struct render {
	struct ep_book *b;
	struct ep_article *a;
	GString *out;
	GHashTable *defs;            /* footnote label → FOOTNOTE_DEF node */
	GPtrArray *notes;            /* FOOTNOTE_DEF nodes in note order */
	GHashTable *refs;            /* FOOTNOTE_DEF node → number of calls made */
	int levels[MAX_DEPTH];       /* open <section>s: their heading levels */
	int nlevels;
	int nsec;                    /* sections made so far */
	const struct warta_node *note_mark; /* def whose number starts its first paragraph */
	int depth;
	int in_link;                 /* inside <a>: no nested links */
};

static void render_block(struct render *r, const struct warta_node *n, int top);
static void block_node(struct render *r, const struct warta_node *n, int top);
static void render_inlines(struct render *r, const struct warta_node *first);
static void figure(struct render *r, const struct warta_node *n, const char *cls);

/* <img> for an image node whose picture the book has; 0 when it has none. */
static int
picture(struct render *r, const struct warta_node *n, const char *cls)
{
	const struct ep_image *e;
	char *alt;

	if (!n->as.link.image ||
	    !(e = ep_image_add(r->b, n->as.link.image, r->b->d, r->a->doc, n)))
		return 0;
	alt = warta_node_plain_text(n);
	g_string_append(r->out, "<img");
	if (cls)
		g_string_append_printf(r->out, " class=\"%s\"", cls);
	g_string_append(r->out, " src=\"../");
	ep_escape(r->out, e->href, 1);
	g_string_append(r->out, "\" alt=\"");
	{
		char *clean = ep_clean_line(alt);

		ep_escape(r->out, clean, 1);
		g_free(clean);
	}
	g_string_append(r->out, "\"/>");
	g_free(alt);
	return 1;
}

static void
text(struct render *r, const char *s)
{
	ep_escape(r->out, s, 0);
}

/* ` lang=… xml:lang=… [dir=…]` for a node whose language differs. */
static void
node_lang(struct render *r, const struct warta_node *n)
{
	char *tag;

	if (!n->lang || !(tag = ep_lang_tag(n->lang)))
		return;
	ep_lang_attrs(r->out, tag, 0);
	if (ep_lang_rtl(tag) != r->a->rtl)
		g_string_append(r->out, ep_lang_rtl(tag) ? " dir=\"rtl\"" : " dir=\"ltr\"");
	g_free(tag);
}

static void
open_tag(struct render *r, const char *tag, const char *cls, const struct warta_node *n)
{
	g_string_append_printf(r->out, "<%s", tag);
	if (cls)
		g_string_append_printf(r->out, " class=\"%s\"", cls);
	if (n)
		node_lang(r, n);
	g_string_append_c(r->out, '>');
}

/* ---------------------------------------------------------------- inlines */

static void
footnote_ref(struct render *r, const struct warta_node *n)
{
	const struct warta_node *def = NULL;
	guint idx, calls;

	if (n->as.footnote.label)
		def = g_hash_table_lookup(r->defs, n->as.footnote.label);
	if (!def) {
		/* A call without a note: show the label as the reader wrote it. */
		g_string_append(r->out, "<span class=\"noteref missing\">[");
		text(r, n->as.footnote.label ? n->as.footnote.label : "?");
		g_string_append(r->out, "]</span>");
		return;
	}
	if (!g_ptr_array_find(r->notes, def, &idx)) {
		g_ptr_array_add(r->notes, (gpointer)def);
		idx = r->notes->len - 1;
	}
	calls = GPOINTER_TO_UINT(g_hash_table_lookup(r->refs, def)) + 1;
	g_hash_table_insert(r->refs, (gpointer)def, GUINT_TO_POINTER(calls));
	if (r->in_link) {
		/* a call inside a link's text cannot be a link itself */
		g_string_append_printf(r->out, "<span class=\"noteref\" id=\"fnref-%u", idx + 1);
		if (calls > 1)
			g_string_append_printf(r->out, "-%u", calls);
		g_string_append_printf(r->out, "\">%u</span>", idx + 1);
		return;
	}
	g_string_append_printf(r->out, "<a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\" href=\"#fn-%u\" id=\"fnref-%u",
	                       idx + 1, idx + 1);
	if (calls > 1)
		g_string_append_printf(r->out, "-%u", calls);
	g_string_append_printf(r->out, "\">%u</a>", idx + 1);
}

static void
dateline(struct render *r, const struct warta_node *n)
{
	const char *place = n->as.dateline.place;
	const char *agency = n->as.dateline.agency;
	char *clean = ep_clean_line(place);
	int upper = 0, lower = 0;
	const char *p;

	if (*clean) {
		for (p = clean; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			upper += g_unichar_isupper(c);
			lower += g_unichar_islower(c);
		}
		/* Small caps change only lower case: an all-capitals place is
		 * lowered by the style sheet (span.uc) and set in small caps. */
		g_string_append(r->out, upper > 0 && lower == 0 && ep_css_lowers_uc(r->b) ?
		                "<span class=\"dateline uc\"" : "<span class=\"dateline\"");
		node_lang(r, n);
		g_string_append_c(r->out, '>');
		text(r, clean);
		g_string_append(r->out, "</span>");
	}
	g_free(clean);
	clean = ep_clean_line(agency);
	if (*clean) {
		g_string_append(r->out, " <span class=\"agency\">(");
		text(r, clean);
		g_string_append(r->out, ")</span>");
	}
	g_free(clean);
	g_string_append(r->out, " \u2014 ");
}

static void
inline_node(struct render *r, const struct warta_node *n)
{
	char *href;

	if (r->depth >= MAX_DEPTH) {
		char *s = warta_node_plain_text(n);

		text(r, s);
		g_free(s);
		return;
	}
	r->depth++;
	switch (n->type) {
	case WARTA_NODE_TEXT:
		if (n->lang) {
			open_tag(r, "span", NULL, n);
			text(r, n->text);
			g_string_append(r->out, "</span>");
		} else {
			text(r, n->text);
		}
		break;
	case WARTA_NODE_SOFTBREAK:
		g_string_append_c(r->out, '\n');
		break;
	case WARTA_NODE_LINEBREAK:
		g_string_append(r->out, "<br/>\n");
		break;
	case WARTA_NODE_EMPH:
		open_tag(r, "em", NULL, n);
		render_inlines(r, n->first);
		g_string_append(r->out, "</em>");
		break;
	case WARTA_NODE_STRONG:
		open_tag(r, "strong", NULL, n);
		render_inlines(r, n->first);
		g_string_append(r->out, "</strong>");
		break;
	case WARTA_NODE_STRIKETHROUGH:
		open_tag(r, "s", NULL, n);
		render_inlines(r, n->first);
		g_string_append(r->out, "</s>");
		break;
	case WARTA_NODE_CODE:
		open_tag(r, "code", NULL, n);
		text(r, n->text);
		g_string_append(r->out, "</code>");
		break;
	case WARTA_NODE_HTML_INLINE:
		/* Raw HTML is never interpreted: shown as the text it is. */
		open_tag(r, "code", "html", n);
		text(r, n->text);
		g_string_append(r->out, "</code>");
		break;
	case WARTA_NODE_LINK:
		href = n->as.link.active && !r->in_link ? ep_safe_href(n->as.link.url) : NULL;
		if (href) {
			g_string_append(r->out, "<a href=\"");
			ep_escape(r->out, href, 1);
			g_string_append_c(r->out, '"');
			if (n->as.link.title && *n->as.link.title) {
				g_string_append(r->out, " title=\"");
				ep_escape(r->out, n->as.link.title, 1);
				g_string_append_c(r->out, '"');
			}
			node_lang(r, n);
			g_string_append_c(r->out, '>');
			r->in_link++;
			render_inlines(r, n->first);
			r->in_link--;
			g_string_append(r->out, "</a>");
			g_free(href);
		} else {
			/* Unsafe or unusable schemes (javascript:, file:, data:, …)
			 * keep their text but are not made links. */
			open_tag(r, "span", "link", n);
			render_inlines(r, n->first);
			g_string_append(r->out, "</span>");
		}
		break;
	case WARTA_NODE_IMAGE:
		/* A picture that could not be had (a URL, a missing file: the
		 * reader warned) keeps its description. */
		if (!picture(r, n, "inline") && n->first) {
			open_tag(r, "span", "image", n);
			render_inlines(r, n->first);
			g_string_append(r->out, "</span>");
		}
		break;
	case WARTA_NODE_QUOTE:
		/* The marks stay as the reader set them (no <q>: readers would add
		 * their own). */
		/* q2 only where the style sheet has a rule for it (italic quotations) */
		open_tag(r, "span", n->as.quote.level > 0 && r->b->style &&
		         r->b->style->el[WARTA_EL_QUOTATION].italic ? "q q2" : "q", n);
		text(r, n->as.quote.open);
		render_inlines(r, n->first);
		text(r, n->as.quote.close);
		g_string_append(r->out, "</span>");
		break;
	case WARTA_NODE_FOOTNOTE_REF:
		footnote_ref(r, n);
		break;
	case WARTA_NODE_DATELINE:
		dateline(r, n);
		break;
	default:
		if (warta_node_is_block(n))
			render_block(r, n, 0);
		break;
	}
	r->depth--;
}

/* A node in a language of its own (article/runlang.c) has its digits in
 * that language's, as print sets them (layout/para.c): an Arabic quotation
 * in an English article in ٠–٩ under [fonts] digits = arabic-indic. */
static unsigned int
lang_digits(struct render *r, const struct warta_node *n, int *set)
{
	int mode = r->b->style ? r->b->style->digits : 0;

	*set = n->lang && mode;
	return *set ? ep_escape_digits(warta_digits_zero(n->lang, mode)) : 0;
}

static void
render_inline(struct render *r, const struct warta_node *n)
{
	int set;
	unsigned int was = lang_digits(r, n, &set);

	inline_node(r, n);
	if (set)
		ep_escape_digits(was);
}

static void
render_block(struct render *r, const struct warta_node *n, int top)
{
	int set;
	unsigned int was = lang_digits(r, n, &set);

	block_node(r, n, top);
	if (set)
		ep_escape_digits(was);
}

static void
render_inlines(struct render *r, const struct warta_node *first)
{
	const struct warta_node *c;

	for (c = first; c; c = c->next)
		render_inline(r, c);
}

/* ---------------------------------------------------------------- blocks */

static void
close_sections(struct render *r, int level)
{
	while (r->nlevels > 0 && r->levels[r->nlevels - 1] >= level) {
		g_string_append(r->out, "</section>\n");
		r->nlevels--;
	}
}

/* "1." for number "1"; a number already ending in punctuation is kept. */
static char *
heading_number(const char *number)
{
	char *n = ep_clean_line(number);
	size_t len = strlen(n);

	if (len > 0 && g_ascii_isalnum(n[len - 1])) {
		char *t = g_strconcat(n, ".", NULL);

		g_free(n);
		return t;
	}
	return n;
}

static void
heading(struct render *r, const struct warta_node *n, int top)
{
	int level = n->as.heading.level < 2 ? 2 : n->as.heading.level;
	int h = level > 6 ? 6 : level;
	char *num = NULL, *plain, *label;
	struct ep_heading *eh;

	if (n->as.heading.number && *n->as.heading.number)
		num = heading_number(n->as.heading.number);
	if (!top || r->nlevels >= MAX_DEPTH) {
		/* Inside a quotation or list: a heading does not open a section. */
		open_tag(r, "p", "subhead", n);
		if (num) {
			g_string_append(r->out, "<span class=\"num\">");
			text(r, num);
			g_string_append(r->out, "</span> ");
		}
		render_inlines(r, n->first);
		g_string_append(r->out, "</p>\n");
		g_free(num);
		return;
	}
	close_sections(r, level);
	r->levels[r->nlevels++] = level;
	r->nsec++;
	g_string_append_printf(r->out, "<section id=\"sec-%d\"", r->nsec);
	node_lang(r, n);
	g_string_append_printf(r->out, ">\n<h%d>", h);
	if (num) {
		g_string_append(r->out, "<span class=\"num\">");
		text(r, num);
		g_string_append(r->out, "</span> ");
	}
	render_inlines(r, n->first);
	g_string_append_printf(r->out, "</h%d>\n", h);

	plain = warta_node_plain_text(n);
	label = ep_clean_line(plain);
	g_free(plain);
	eh = g_new0(struct ep_heading, 1);
	eh->id = g_strdup_printf("sec-%d", r->nsec);
	eh->level = level;
	if (num && *label)
		eh->label = g_strconcat(num, " ", label, NULL);
	else if (num)
		eh->label = g_strdup(num);
	else
		eh->label = *label ? g_strdup(label) : g_strdup(eh->id);
	g_ptr_array_add(r->a->headings, eh);
	g_free(label);
	g_free(num);
}

static const char *
align_class(enum warta_align a)
{
	switch (a) {
	case WARTA_ALIGN_LEFT:
		return "left";
	case WARTA_ALIGN_CENTER:
		return "center";
	case WARTA_ALIGN_RIGHT:
		return "right";
	default:
		return NULL;
	}
}

static void
table(struct render *r, const struct warta_node *n)
{
	const struct warta_node *row, *cell;
	int in_head = 0, in_body = 0;

	open_tag(r, "table", NULL, n);
	g_string_append_c(r->out, '\n');
	for (row = n->first; row; row = row->next) {
		if (row->type != WARTA_NODE_TABLE_ROW)
			continue;
		if (row->as.row.header && !in_body && !in_head) {
			g_string_append(r->out, "<thead>\n");
			in_head = 1;
		} else if ((!row->as.row.header || in_body) && !in_body) {
			if (in_head)
				g_string_append(r->out, "</thead>\n");
			in_head = 0;
			g_string_append(r->out, "<tbody>\n");
			in_body = 1;
		}
		open_tag(r, "tr", NULL, row);
		for (cell = row->first; cell; cell = cell->next) {
			const char *tag = in_head ? "th" : "td";

			if (cell->type != WARTA_NODE_TABLE_CELL)
				continue;
			g_string_append_printf(r->out, "<%s", tag);
			if (in_head)
				g_string_append(r->out, " scope=\"col\"");
			if (align_class(cell->as.cell.align))
				g_string_append_printf(r->out, " class=\"%s\"", align_class(cell->as.cell.align));
			node_lang(r, cell);
			g_string_append_c(r->out, '>');
			render_inlines(r, cell->first);
			g_string_append_printf(r->out, "</%s>", tag);
		}
		g_string_append(r->out, "</tr>\n");
	}
	if (in_head)
		g_string_append(r->out, "</thead>\n");
	if (in_body)
		g_string_append(r->out, "</tbody>\n");
	if (!in_head && !in_body)
		g_string_append(r->out, "<tbody><tr><td></td></tr></tbody>\n");
	g_string_append(r->out, "</table>\n");
}

static void
blocks(struct render *r, const struct warta_node *first, int top)
{
	const struct warta_node *c;

	for (c = first; c; c = c->next)
		render_block(r, c, top);
}

static int
tight_item(const struct warta_node *n)
{
	const struct warta_node *item = n->parent;

	return item && item->type == WARTA_NODE_ITEM && item->parent &&
	       item->parent->type == WARTA_NODE_LIST && item->parent->as.list.tight;
}

static void
paragraph(struct render *r, const struct warta_node *n, int top)
{
	const struct warta_node *prev = n->prev;
	const char *cls = NULL;

	if (tight_item(n) && r->note_mark == NULL) {
		render_inlines(r, n->first);
		if (n->next)
			g_string_append_c(r->out, '\n');
		return;
	}
	/* No first-line indent at the start or after anything but a paragraph
	 * (an orphan caption, not set, is not there). */
	while (prev && prev->type == WARTA_NODE_ORPHAN_CAPTION)
		prev = prev->prev;
	if (!prev || prev->type != WARTA_NODE_PARAGRAPH)
		cls = n->first && n->first->type == WARTA_NODE_DATELINE ? "first lede" : "first";
	open_tag(r, "p", cls, n);
	if (r->note_mark) {
		guint idx = 0;

		g_ptr_array_find(r->notes, r->note_mark, &idx);
		g_string_append_printf(r->out, "<a class=\"note-number\" href=\"#fnref-%u\">%u.</a> ",
		                       idx + 1, idx + 1);
		r->note_mark = NULL;
	}
	render_inlines(r, n->first);
	g_string_append(r->out, "</p>\n");
}

static void
block_node(struct render *r, const struct warta_node *n, int top)
{
	char buf[32];

	if (r->depth >= MAX_DEPTH) {
		char *s = warta_node_plain_text(n);

		g_string_append(r->out, "<p>");
		text(r, s);
		g_string_append(r->out, "</p>\n");
		g_free(s);
		return;
	}
	r->depth++;
	switch (n->type) {
	case WARTA_NODE_DOCUMENT:
		blocks(r, n->first, top);
		break;
	case WARTA_NODE_PARAGRAPH:
		paragraph(r, n, top);
		break;
	case WARTA_NODE_HEADING:
		heading(r, n, top);
		break;
	case WARTA_NODE_BLOCKQUOTE:
		open_tag(r, "blockquote", NULL, n);
		g_string_append_c(r->out, '\n');
		blocks(r, n->first, 0);
		g_string_append(r->out, "</blockquote>\n");
		break;
	case WARTA_NODE_PULLQUOTE:
		open_tag(r, "blockquote", "pull", n);
		g_string_append_c(r->out, '\n');
		if (n->first && !warta_node_is_block(n->first)) {
			g_string_append(r->out, "<p>");
			render_inlines(r, n->first);
			g_string_append(r->out, "</p>\n");
		} else {
			blocks(r, n->first, 0);
		}
		g_string_append(r->out, "</blockquote>\n");
		break;
	case WARTA_NODE_LIST:
		if (n->as.list.ordered) {
			g_string_append(r->out, "<ol");
			if (n->as.list.start != 1) {
				g_snprintf(buf, sizeof buf, "%d", n->as.list.start);
				g_string_append_printf(r->out, " start=\"%s\"", buf);
			}
		} else {
			g_string_append(r->out, "<ul");
		}
		node_lang(r, n);
		g_string_append(r->out, ">\n");
		blocks(r, n->first, 0);
		g_string_append(r->out, n->as.list.ordered ? "</ol>\n" : "</ul>\n");
		break;
	case WARTA_NODE_ITEM:
		open_tag(r, "li", NULL, n);
		blocks(r, n->first, 0);
		g_string_append(r->out, "</li>\n");
		break;
	case WARTA_NODE_CODE_BLOCK:
		open_tag(r, "pre", NULL, n);
		g_string_append(r->out, "<code>");
		text(r, n->text);
		g_string_append(r->out, "</code></pre>\n");
		break;
	case WARTA_NODE_HTML_BLOCK:
		/* Never interpreted: shown as its text. */
		open_tag(r, "pre", "html", n);
		text(r, n->text);
		g_string_append(r->out, "</pre>\n");
		break;
	case WARTA_NODE_THEMATIC_BREAK:
		g_string_append(r->out, "<hr/>\n");
		break;
	case WARTA_NODE_TABLE:
		table(r, n);
		break;
	case WARTA_NODE_TABLE_ROW:
	case WARTA_NODE_TABLE_CELL:
		/* only inside a table */
		break;
	case WARTA_NODE_FOOTNOTE_DEF:
		/* set at the end of the article */
		break;
	case WARTA_NODE_FIGURE:
		figure(r, n, "figure");
		break;
	case WARTA_NODE_CAPTION:
	case WARTA_NODE_CREDIT:
		/* only inside a figure */
		break;
	case WARTA_NODE_ORPHAN_CAPTION:
		/* a caption whose picture the scrape lost: in the tree, not set */
		break;
	default:
		/* Inline content directly in a block container: wrap it. */
		g_string_append(r->out, "<p>");
		render_inline(r, n);
		g_string_append(r->out, "</p>\n");
		break;
	}
	r->depth--;
}

/* A figure: the picture (or, when it could not be had, its description in
 * a frame), then the caption with the credit in its own element. */
static void
figure(struct render *r, const struct warta_node *n, const char *cls)
{
	const struct warta_node *c, *img = NULL, *cap = NULL, *credit = NULL;

	for (c = n->first; c; c = c->next) {
		if (c->type == WARTA_NODE_IMAGE)
			img = c;
		else if (c->type == WARTA_NODE_CAPTION)
			cap = c;
		else if (c->type == WARTA_NODE_CREDIT)
			credit = c;
	}
	open_tag(r, "figure", cls, n);
	g_string_append_c(r->out, '\n');
	if (img && !picture(r, img, NULL)) {
		g_string_append(r->out, "<p class=\"picture-missing\">");
		render_inlines(r, img->first);
		g_string_append(r->out, "</p>");
	}
	g_string_append_c(r->out, '\n');
	if (cap || credit) {
		g_string_append(r->out, "<figcaption>");
		if (cap)
			render_inlines(r, cap->first);
		if (credit) {
			g_string_append(r->out, cap ? " <span class=\"credit\">" : "<span class=\"credit\">");
			render_inlines(r, credit->first);
			g_string_append(r->out, "</span>");
		}
		g_string_append(r->out, "</figcaption>\n");
	}
	g_string_append(r->out, "</figure>\n");
}

static void
collect_defs(struct render *r, const struct warta_node *n, int depth)
{
	const struct warta_node *c;

	if (depth > MAX_DEPTH)
		return;
	for (c = n->first; c; c = c->next) {
		if (c->type == WARTA_NODE_FOOTNOTE_DEF) {
			if (c->as.footnote.label &&
			    !g_hash_table_contains(r->defs, c->as.footnote.label))
				g_hash_table_insert(r->defs, c->as.footnote.label, (gpointer)c);
			continue;
		}
		collect_defs(r, c, depth + 1);
	}
}

static gint
by_position(gconstpointer a, gconstpointer b)
{
	const struct warta_node *x = *(const struct warta_node *const *)a;
	const struct warta_node *y = *(const struct warta_node *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return g_strcmp0(x->as.footnote.label, y->as.footnote.label);
}

static void
footnotes(struct render *r)
{
	GHashTableIter it;
	gpointer key, value;
	GPtrArray *uncalled = g_ptr_array_new();
	guint i, called = r->notes->len;

	/* notes never called come last, in their order in the source */
	g_hash_table_iter_init(&it, r->defs);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (!g_ptr_array_find(r->notes, value, NULL))
			g_ptr_array_add(uncalled, value);
	g_ptr_array_sort(uncalled, by_position);
	for (i = 0; i < uncalled->len; i++)
		g_ptr_array_add(r->notes, uncalled->pdata[i]);
	g_ptr_array_free(uncalled, TRUE);
	if (r->notes->len == 0)
		return;
	g_string_append_printf(r->out, "<section class=\"footnotes\" epub:type=\"footnotes\">\n"
	                       "<h2 class=\"notes\">%s</h2>\n", ep_label(EP_NOTES, r->a->lang));
	/* r->notes grows while notes are set: notes may call notes. */
	for (i = 0; i < r->notes->len; i++) {
		const struct warta_node *def = r->notes->pdata[i];

		g_string_append_printf(r->out, "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"fn-%u\"", i + 1);
		node_lang(r, def);
		g_string_append(r->out, ">\n");
		if (i >= called) {
			/* no call to go back to */
			blocks(r, def->first, 0);
		} else if (def->first && def->first->type == WARTA_NODE_PARAGRAPH) {
			r->note_mark = def;
			blocks(r, def->first, 0);
		} else {
			g_string_append_printf(r->out, "<p><a class=\"note-number\" href=\"#fnref-%u\">%u.</a></p>\n",
			                       i + 1, i + 1);
			blocks(r, def->first, 0);
		}
		r->note_mark = NULL;
		g_string_append(r->out, "</aside>\n");
	}
	g_string_append(r->out, "</section>\n");
}

void
ep_article_xhtml(struct ep_book *b, struct ep_article *a)
{
	const struct warta_doc *doc = a->doc;
	struct render r;

	memset(&r, 0, sizeof r);
	r.b = b;
	r.a = a;
	r.out = a->xhtml = g_string_new(NULL);
	r.defs = g_hash_table_new(g_str_hash, g_str_equal);
	r.refs = g_hash_table_new(g_direct_hash, g_direct_equal);
	r.notes = g_ptr_array_new();
	a->headings = g_ptr_array_new();
	ep_escape_digits(warta_digits_zero(a->lang, b->style ? b->style->digits : 0));

	/* the article's reporters, in its own head (an edition's package names
	 * the edition's publisher) */
	ep_xhtml_open(r.out, a->title, doc->meta.author, a->lang, a->rtl, "../css/news.css",
	              "bodymatter", NULL);
	g_string_append(r.out, "<article>\n<header>\n");
	if (!b->edition)
		ep_meta_line(r.out, "section", doc->meta.section);
	g_string_append(r.out, "<h1 class=\"headline\">");
	ep_escape(r.out, a->title, 0);
	g_string_append(r.out, "</h1>\n");
	ep_meta_line(r.out, "deck", doc->meta.subtitle);
	ep_meta_line(r.out, "byline", doc->meta.author);
	if (doc->meta.date)
		ep_time_line(r.out, "date", doc->meta.date, a->lang);
	ep_meta_line(r.out, "source", doc->meta.source);
	g_string_append(r.out, "</header>\n");
	if (doc->meta.lead)
		figure(&r, doc->meta.lead, "figure lead");

	if (doc->root) {
		collect_defs(&r, doc->root, 0);
		render_block(&r, doc->root, 1);
	}
	close_sections(&r, 0);
	footnotes(&r);
	g_string_append(r.out, "</article>\n");
	ep_xhtml_close(r.out);
	ep_escape_digits(0);

	g_hash_table_destroy(r.defs);
	g_hash_table_destroy(r.refs);
	g_ptr_array_free(r.notes, TRUE);
}
