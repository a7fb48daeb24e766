/* css.c — EPUB back end: the book's style sheet.  Reads the same struct
 * warta_style as the print engine and writes CSS 2.1 plus prefixed hyphenation
 * properties: nothing that Adobe RMSDK (Kobo, Nook) or Kindle's converter
 * reject (no flexbox, calc, min, var, direction), em and % units only, and no
 * font size, line height or colour on body text (KDP). */
#include <string.h>

#include "lang/lang.h"
#include "epub/epub_int.h"

/* Numbers in the C locale, at most 3 decimals, no exponent. */
static void
num(GString *o, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	if (v > -0.0005 && v < 0.0005)
		v = 0;
	g_ascii_formatd(buf, sizeof buf, "%.3f", v);
	/* trim trailing zeros: "1.250" → "1.25", "2.000" → "2" */
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;

		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	g_string_append(o, buf);
}

/* A family name as a CSS string: only letters, digits, space, '-' and '_'. */
static void
family_name(GString *o, const char *family)
{
	const char *p;

	g_string_append_c(o, '"');
	for (p = family; *p; p++)
		if (g_ascii_isalnum(*p) || *p == ' ' || *p == '-' || *p == '_')
			g_string_append_c(o, *p);
	g_string_append_c(o, '"');
}

static const char *
generic_family(const char *family)
{
	if (family && strstr(family, "Mono"))
		return "monospace";
	if (family && strstr(family, "Sans"))
		return "sans-serif";
	return "serif";
}

/* The font-family declaration: the element's family, then the fallbacks for
 * Arabic and CJK that the book needs, then the generic family. */
static void
font_family(GString *o, const struct ep_book *b, const char *family)
{
	const struct warta_style *s = b->style;

	if (!family || !*family)
		return;
	g_string_append(o, "font-family:");
	family_name(o, family);
	if (s && b->need_arabic && s->fallback_arabic && *s->fallback_arabic &&
	    strcmp(s->fallback_arabic, family) != 0) {
		g_string_append_c(o, ',');
		family_name(o, s->fallback_arabic);
	}
	if (s && b->need_cjk && strcmp(ep_cjk_family(b), family) != 0) {
		g_string_append_c(o, ',');
		family_name(o, ep_cjk_family(b));
	}
	g_string_append_printf(o, ",%s;", generic_family(family));
}

static void
hyphens(GString *o, int on)
{
	const char *v = on ? "auto" : "manual";

	/* prefixed forms first, the standard one last */
	g_string_append_printf(o, "-webkit-hyphens:%s;-epub-hyphens:%s;-moz-hyphens:%s;"
	                       "adobe-hyphenate:%s;hyphens:%s;", v, v, v, on ? "auto" : "none", v);
}

static const char *
align_value(enum warta_text_align a)
{
	switch (a) {
	case WARTA_TA_LEFT:
		return "left";
	case WARTA_TA_CENTER:
		return "center";
	case WARTA_TA_RIGHT:
		return "right";
	default:
		return "justify";
	}
}

int
ep_css_weight(int weight)
{
	if (weight <= 0)
		return 400;
	return CLAMP((weight + 50) / 100 * 100, 100, 900);
}

enum {
	F_SIZE = 1,       /* font-size relative to the parent element */
	F_SPACE = 2,      /* margins before/after */
	F_INDENT = 4,
	F_ALIGN = 8,
	F_HYPH = 16,
	F_LEADING = 32,
	F_COLOR = 64,
	F_FAMILY = 128,
	F_FACE = 256,     /* weight, italic, small caps, capitals, letter spacing */
	F_SIDES = 512,    /* left/right margins as % of the measure */
	F_HEADING = 1024, /* never justified */
	F_CLAMP = 2048,   /* a display size, at most HEADLINE_MAX_EM on a reading screen */
};

/* The largest headline on a reading screen: the print's 42 pt over 10 pt
 * body (4.2 em) filled a third of a phone's screen. */
#define HEADLINE_MAX_EM 2.4

/* Only colours that are colours: a near-black or grey text colour would be
 * unreadable in the readers' night modes, which keep explicit colours. */
static int
chromatic(unsigned int rgb)
{
	int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

	return MAX(r, MAX(g, b)) - MIN(r, MIN(g, b)) > 32;
}

/* For right-to-left books: body.rtl before each selector of sel, the
 * alignment a mirrored. */
static void
mirror(GString *rtl, const char *sel, const char *a)
{
	char **parts = g_strsplit(sel, ",", -1);
	int i;

	for (i = 0; parts[i]; i++)
		g_string_append_printf(rtl, "%sbody.rtl %s", i ? ", " : "", g_strstrip(parts[i]));
	g_string_append_printf(rtl, " {text-align:%s;}\n", strcmp(a, "left") == 0 ? "right" : "left");
	g_strfreev(parts);
}

/* For right-to-left books: sel without small caps or letter spacing. */
static void
uncapped(GString *rtl, const char *sel)
{
	char **parts = g_strsplit(sel, ",", -1);
	int i;

	for (i = 0; parts[i]; i++)
		g_string_append_printf(rtl, "%sbody.rtl %s", i ? ", " : "", g_strstrip(parts[i]));
	g_string_append(rtl, " {font-variant:normal;letter-spacing:normal;}\n");
	g_strfreev(parts);
}

/* font-size relative to the parent element, when it differs (a display
 * size clamped with F_CLAMP). */
static void
size_decl(GString *o, const struct warta_elem_style *e, const struct warta_elem_style *parent, int f)
{
	double em;

	if (!(parent->size > 0 && e->size > 0 &&
	      (e->size < parent->size - 0.01 || e->size > parent->size + 0.01)))
		return;
	em = e->size / parent->size;
	if ((f & F_CLAMP) && em > HEADLINE_MAX_EM)
		em = HEADLINE_MAX_EM;
	g_string_append(o, "font-size:");
	num(o, em);
	g_string_append(o, "em;");
}

/* Side margins: the print's measure is one column, so they are proportions
 * of that, as on a screen of one column. */
static void
sides_decl(GString *o, const struct warta_style *s, const struct warta_elem_style *e)
{
	int cols = s->columns > 1 ? s->columns : 1;
	double measure = (s->page_width - s->margin_inner - s->margin_outer -
	                  (cols - 1) * s->gutter) / cols;

	if (measure <= 0)
		return;
	g_string_append(o, "margin-left:");
	num(o, 100 * CLAMP(e->margin_left, 0, measure / 4) / measure);
	g_string_append(o, "%;margin-right:");
	num(o, 100 * CLAMP(e->margin_right, 0, measure / 4) / measure);
	g_string_append(o, "%;");
}

/* Weight, italic, small capitals, capitals, letter spacing. */
static void
face_decl(GString *o, const struct warta_elem_style *e)
{
	if (ep_css_weight(e->weight) == 400)
		g_string_append(o, "font-weight:normal;");
	else if (ep_css_weight(e->weight) == 700)
		g_string_append(o, "font-weight:bold;");
	else
		g_string_append_printf(o, "font-weight:%d;", ep_css_weight(e->weight));
	g_string_append(o, e->italic ? "font-style:italic;" : "font-style:normal;");
	if (e->small_caps)
		g_string_append(o, "font-variant:small-caps;");
	if (e->uppercase)
		g_string_append(o, "text-transform:uppercase;");
	if (e->letter_spacing > 0.001 || e->letter_spacing < -0.001) {
		g_string_append(o, "letter-spacing:");
		num(o, e->letter_spacing);
		g_string_append(o, "em;");
	}
}

static void
rule(GString *o, GString *rtl, const struct ep_book *b, const char *sel, enum warta_element el,
     const struct warta_elem_style *parent, int f, const char *extra)
{
	const struct warta_style *s = b->style;
	const struct warta_elem_style *e = &s->el[el];
	const struct warta_elem_style *body = &s->el[WARTA_EL_BODY];
	double size = e->size > 0 ? e->size : body->size;

	g_string_append_printf(o, "%s {", sel);
	if ((f & F_FAMILY) && e->family && (!body->family || strcmp(e->family, body->family) != 0 ||
	                                    el == WARTA_EL_BODY))
		font_family(o, b, e->family);
	if ((f & F_SIZE) && parent)
		size_decl(o, e, parent, f);
	if ((f & F_LEADING) && e->leading > 0 && size > 0) {
		g_string_append(o, "line-height:");
		num(o, e->leading / size);
		g_string_append_c(o, ';');
	}
	if ((f & F_SPACE) && size > 0) {
		g_string_append(o, "margin-top:");
		num(o, e->space_before / size);
		g_string_append(o, "em;margin-bottom:");
		num(o, e->space_after / size);
		g_string_append(o, "em;");
	}
	if ((f & F_SIDES) && s->page_width > 0)
		sides_decl(o, s, e);
	if ((f & F_INDENT) && size > 0) {
		g_string_append(o, "text-indent:");
		num(o, CLAMP(e->indent / size, 0, 4));
		g_string_append(o, "em;");
	}
	if (f & F_ALIGN) {
		const char *a = align_value(e->align);

		if ((f & F_HEADING) && e->align == WARTA_TA_JUSTIFY)
			a = "left";
		g_string_append_printf(o, "text-align:%s;", a);
		if (strcmp(a, "left") == 0 || strcmp(a, "right") == 0)
			mirror(rtl, sel, a);
	}
	if (f & F_FACE) {
		face_decl(o, e);
		/* small caps and the tracking of capitals are for scripts with
		 * capitals, as in print (layout/shape.c): not in a right-to-left
		 * article's Arabic or Hebrew */
		if (e->small_caps || e->uppercase)
			uncapped(rtl, sel);
	}
	/* No text colour: a reading system's night or sepia theme sets the
	 * text's colour, and the print's accent red (#a3221b) on black is
	 * unreadable.  Accents are rules and borders in currentColor. */
	(void)chromatic;
	if (f & F_HYPH) {
		hyphens(o, e->hyphenate);
		if (e->hyphenate && e->hyphen_left > 0 && e->hyphen_right > 0)
			g_string_append_printf(o, "-webkit-hyphenate-limit-before:%d;"
			                       "-webkit-hyphenate-limit-after:%d;",
			                       e->hyphen_left, e->hyphen_right);
	}
	if (extra)
		g_string_append(o, extra);
	g_string_append(o, "}\n");
}

static const char *const keep_with_next =
	"page-break-after:avoid;break-after:avoid;page-break-inside:avoid;break-inside:avoid;";

static void
font_faces(GString *o, const struct ep_book *b)
{
	guint i;

	for (i = 0; b->fonts && i < b->fonts->len; i++) {
		const struct ep_font *f = b->fonts->pdata[i];

		g_string_append(o, "@font-face {font-family:");
		family_name(o, f->family);
		g_string_append_printf(o, ";font-weight:%d;font-style:%s;src:url(../fonts/%s);}\n",
		                       f->weight,
		                       f->italic ? "italic" : "normal", f->name);
	}
}

/* Rules that do not depend on the style. */
static const char *const fixed_rules =
	"header {margin-bottom:1.5em;}\n"
	"p.first {text-indent:0;}\n"
	"a {text-decoration:underline;}\n"
	"a.noteref, a.note-number {text-decoration:none;}\n"
	"span.link {border-bottom:thin dotted;}\n"
	"code.html, pre.html {white-space:pre-wrap;}\n"
	"section.section-page {margin-top:10%;}\n"
	"a.noteref, span.noteref {vertical-align:super;font-size:0.7em;line-height:0;}\n"
	"span.missing {font-size:0.8em;}\n"
	"a.note-number {font-weight:bold;}\n"
	"section.footnotes {margin-top:2em;border-top:thin solid;padding-top:0.5em;}\n"
	"h2.notes {font-size:1em;margin:0 0 0.5em 0;}\n"
	"aside.footnote {margin:0 0 0.5em 0;}\n"
	"aside.footnote p {text-indent:0;}\n"
	"span.image {font-style:italic;}\n"
	"figure.figure {margin:1em 0;padding:0;text-align:center;"
	"page-break-inside:avoid;break-inside:avoid;}\n"
	"figure.figure img {max-width:100%;height:auto;display:block;margin:0 auto;}\n"
	"img.inline {max-height:1.2em;vertical-align:middle;}\n"
	"figcaption {font-size:0.85em;line-height:1.3;margin-top:0.4em;text-indent:0;"
	"text-align:start;page-break-before:avoid;break-before:avoid;}\n"
	"figcaption span.credit {display:block;font-size:0.85em;text-align:end;font-style:normal;}\n"
	"p.picture-missing {border:thin solid;padding:1em 0.5em;margin:0;font-style:italic;"
	"text-indent:0;text-align:center;}\n"
	"section.cover.photo p.cover-title {font-size:1.6em;font-weight:bold;margin:0.5em 0;"
	"text-indent:0;text-align:center;}\n"
	"p.lede {text-indent:0;}\n"
	"span.agency {white-space:nowrap;}\n"
	"hr {margin:1em 25%;border:0;border-top:thin solid;}\n"
	"table {border-collapse:collapse;margin:1em 0;}\n"
	"th, td {padding:0.2em 0.4em;vertical-align:top;border-bottom:thin solid;text-indent:0;}\n"
	"th.left, td.left {text-align:left;}\n"
	"th.center, td.center {text-align:center;}\n"
	"th.right, td.right {text-align:right;}\n"
	"pre {white-space:pre-wrap;text-align:left;margin:1em 0;"
	"-webkit-hyphens:none;-epub-hyphens:none;-moz-hyphens:none;adobe-hyphenate:none;hyphens:none;}\n"
	"li p {text-indent:0;}\n"
	"body.cover {margin:0;padding:0;}\n"
	"section.cover {margin:0;padding:0;text-align:center;}\n"
	"section.cover img {max-width:100%;max-height:100%;}\n"
	"section.titlepage {text-align:center;margin-top:20%;}\n"
	"p.edition-section {margin:0;text-indent:0;text-align:center;}\n"
	"ul.section-list {list-style-type:none;margin:1em 0;padding:0;}\n"
	"ul.section-list li {margin:0 0 0.6em 0;}\n";

/* A book whose articles are all Chinese gets the print's Chinese rules
 * (render.c): paragraphs open with a two-em indent, and the headline and
 * deck, all ideographs that fill the em, are set at 3/4 of their size.  Later
 * rules of the same selectors, so the classes that set no indent keep none. */
const char *
ep_cjk_family(const struct ep_book *b)
{
	guint i;

	for (i = 0; i < b->n; i++)
		if (warta_lang_cjk_region(b->articles[i].lang))
			return warta_style_cjk_family(b->style, b->articles[i].lang);
	return warta_style_cjk_family(b->style, NULL);
}

/* Articles in a CJK language whose region's face is not the book's (a
 * Traditional Chinese article in a book that opened with a Simplified one):
 * their text in their own face, by their lang (the html element of their
 * page carries it).  The selectors outweigh the element rules above. */
static void
cjk_regions(GString *o, const struct ep_book *b)
{
	const char *main = ep_cjk_family(b), *body = b->style->el[WARTA_EL_BODY].family;
	GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
	guint i;

	for (i = 0; i < b->n; i++) {
		const char *tag = b->articles[i].lang, *fam;
		static const char *const sel[] = { "body", "p", "h1", "h2", "h3", "h4", "li", "td",
		                                   "th", "blockquote", NULL };
		int k;

		if (!warta_lang_cjk_region(tag) || g_hash_table_contains(done, tag))
			continue;
		g_hash_table_add(done, (gpointer)tag);
		fam = warta_style_cjk_family(b->style, tag);
		if (strcmp(fam, main) == 0)
			continue;
		for (k = 0; sel[k]; k++)
			g_string_append_printf(o, "%shtml:lang(%s) %s", k ? ", " : "", tag, sel[k]);
		g_string_append(o, " {font-family:");
		if (body && *body) {
			family_name(o, body);
			g_string_append_c(o, ',');
		}
		family_name(o, fam);
		g_string_append(o, ",serif;}\n");
	}
	g_hash_table_destroy(done);
}

/* Quotations and names in a CJK language inside articles of another
 * (article/runlang.c: a span or block quote with its lang) whose region's
 * face is not the book's: in their own face.  :lang() matches the element
 * and what is inside it (a block quote's paragraphs).  Nothing is written
 * for a book without such nodes. */
GPtrArray *
ep_node_cjk_langs(const struct ep_book *b)
{
	GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *tags = g_ptr_array_new();
	guint i;

	for (i = 0; i < b->n; i++) {
		const struct warta_node *n, *root = b->articles[i].doc ? b->articles[i].doc->root : NULL;

		for (n = root; n; n = warta_node_next(n, root))
			if (n->lang && warta_lang_cjk_region(n->lang) && !g_hash_table_contains(done, n->lang)) {
				g_hash_table_add(done, n->lang);
				g_ptr_array_add(tags, n->lang);
			}
	}
	g_hash_table_destroy(done);
	return tags;
}

static void
node_regions(GString *o, const struct ep_book *b)
{
	const char *main = ep_cjk_family(b), *body = b->style->el[WARTA_EL_BODY].family;
	GPtrArray *tags = ep_node_cjk_langs(b);
	guint i;

	for (i = 0; i < tags->len; i++) {
		static const char *const sel[] = { "span", "blockquote", "p", "li", "td", "th", "aside", NULL };
		const char *tag = g_ptr_array_index(tags, i), *fam = warta_style_cjk_family(b->style, tag);
		char *css = ep_lang_tag(tag);
		int k;

		if (!css || strcmp(fam, main) == 0) {
			g_free(css);
			continue;
		}
		for (k = 0; sel[k]; k++)
			g_string_append_printf(o, "%s%s:lang(%s)", k ? ", " : "", sel[k], css);
		g_string_append(o, " {font-family:");
		if (body && *body) {
			family_name(o, body);
			g_string_append_c(o, ',');
		}
		family_name(o, fam);
		g_string_append(o, ",serif;}\n");
		g_free(css);
	}
	g_ptr_array_free(tags, TRUE);
}

/* The numbers of ordered lists in the style's digits (lang/digits.c), as
 * print sets them: Arabic-Indic or Extended (CSS's persian) by language. */
static void
list_digits(GString *o, const struct ep_book *b)
{
	GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
	guint i;

	for (i = 0; b->style->digits && i < b->n; i++) {
		const char *tag = b->articles[i].lang;
		unsigned int zero;

		if (!tag || g_hash_table_contains(done, tag))
			continue;
		g_hash_table_add(done, (gpointer)tag);
		zero = warta_digits_zero(tag, b->style->digits);
		if (zero == 0x660 || zero == 0x6F0)
			g_string_append_printf(o, "html:lang(%s) ol {list-style-type:%s;}\n", tag,
			                       zero == 0x660 ? "arabic-indic" : "persian");
	}
	g_hash_table_destroy(done);
}

static void
chinese(GString *o, const struct ep_book *b)
{
	const struct warta_style *s = b->style;
	const struct warta_elem_style *body = &s->el[WARTA_EL_BODY];
	guint i;

	if (b->n == 0 || body->size <= 0)
		return;
	for (i = 0; i < b->n; i++)
		if (!b->articles[i].lang || g_ascii_strncasecmp(b->articles[i].lang, "zh", 2) != 0 ||
		    (b->articles[i].lang[2] != '\0' && b->articles[i].lang[2] != '-'))
			return;
	if (body->indent > 0)
		g_string_append(o, "p {text-indent:2em;}\n");
	if (s->el[WARTA_EL_HEADLINE].size > 0) {
		g_string_append(o, "h1.headline, h1.masthead, h1.section-title {font-size:");
		num(o, 0.75 * MIN(s->el[WARTA_EL_HEADLINE].size / body->size, HEADLINE_MAX_EM));
		g_string_append(o, "em;}\n");
	}
	if (s->el[WARTA_EL_DECK].size > 0) {
		g_string_append(o, "p.deck {font-size:");
		num(o, 0.75 * s->el[WARTA_EL_DECK].size / body->size);
		g_string_append(o, "em;}\n");
	}
}

int
ep_css_lowers_uc(const struct ep_book *b)
{
	const struct warta_style *s = b->style;

	return !s || (s->el[WARTA_EL_DATELINE].small_caps && !s->el[WARTA_EL_DATELINE].uppercase);
}

/* What the book's documents use: "tag", "tag.class" and ".class" keys. */
static void
scan_used(GHashTable *used, const char *doc)
{
	const char *p = doc;

	while (p && (p = strchr(p, '<'))) {
		const char *t = ++p, *end, *cls;
		char *tag;

		if (!g_ascii_isalpha(*t))
			continue;
		while (g_ascii_isalnum(*p))
			p++;
		tag = g_ascii_strdown(t, p - t);
		g_hash_table_add(used, g_strdup(tag));
		end = strchr(p, '>');
		cls = strstr(p, " class=\"");
		if (end && cls && cls < end) {
			const char *q = cls + 8, *e = strchr(q, '"');
			char *list = g_strndup(q, e ? (gsize)(e - q) : 0), **names, **n;

			names = g_strsplit(list, " ", -1);
			for (n = names; *n; n++)
				if (**n) {
					g_hash_table_add(used, g_strdup_printf("%s.%s", tag, *n));
					g_hash_table_add(used, g_strdup_printf(".%s", *n));
				}
			g_strfreev(names);
			g_free(list);
		}
		g_free(tag);
	}
}

/* 1 when every compound of a selector ("body.rtl h1.headline") is used. */
static int
selector_used(GHashTable *used, const char *sel)
{
	char **parts = g_strsplit(sel, " ", -1), **p;
	int ok = 1;

	for (p = parts; *p && ok; p++) {
		char **bits;
		int i;

		if (!**p)
			continue;
		/* a pseudo-class (html:lang(ja)) narrows a compound: the element
		 * and classes before it decide whether it is used */
		{
			char *colon = strchr(*p, ':');

			if (colon)
				*colon = '\0';
		}
		bits = g_strsplit(*p, ".", -1);
		if (*bits[0] && !g_hash_table_contains(used, bits[0]))
			ok = 0;
		for (i = 1; ok && bits[i]; i++) {
			char *k = *bits[0] ? g_strdup_printf("%s.%s", bits[0], bits[i]) :
			                     g_strdup_printf(".%s", bits[i]);

			ok = g_hash_table_contains(used, k);
			g_free(k);
		}
		g_strfreev(bits);
	}
	g_strfreev(parts);
	return ok;
}

GHashTable *
ep_docs_used(const char *const *docs)
{
	GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int i;

	for (i = 0; docs[i]; i++)
		scan_used(used, docs[i]);
	return used;
}

int
ep_selectors_used(GHashTable *used, const char *selectors)
{
	char **list = g_strsplit(selectors, ",", -1);
	int i, any = 0;

	for (i = 0; list[i] && !any; i++)
		any = selector_used(used, g_strstrip(list[i]));
	g_strfreev(list);
	return any;
}

char *
ep_css_prune(const char *css, const char *const *docs)
{
	GHashTable *used = ep_docs_used(docs);
	GString *o = g_string_new(NULL);
	char **lines = g_strsplit(css, "\n", -1), **l;

	for (l = lines; *l; l++) {
		const char *brace = strchr(*l, '{');
		char *sels, **list;
		GString *keep;
		int k;

		if (!**l)
			continue;
		if (**l == '@' || !brace) {       /* @font-face: the faces used */
			g_string_append_printf(o, "%s\n", *l);
			continue;
		}
		sels = g_strndup(*l, brace - *l);
		list = g_strsplit(sels, ",", -1);
		keep = g_string_new(NULL);
		for (k = 0; list[k]; k++) {
			char *one = g_strstrip(list[k]);

			if (selector_used(used, one))
				g_string_append_printf(keep, "%s%s", keep->len ? ", " : "", one);
		}
		if (keep->len)
			g_string_append_printf(o, "%s %s\n", keep->str, brace);
		g_string_free(keep, TRUE);
		g_strfreev(list);
		g_free(sels);
	}
	g_strfreev(lines);
	g_hash_table_destroy(used);
	return g_string_free(o, FALSE);
}

char *
ep_css(const struct ep_book *b)
{
	const struct warta_style *s = b->style;
	const struct warta_elem_style *body, *heading;
	GString *o = g_string_new(NULL), *rtl;
	int face = F_FACE | F_COLOR | F_FAMILY;

	font_faces(o, b);
	if (!s) {
		g_string_append(o, "body {font-family:serif;}\n"
		                "p {margin:0;text-indent:1.2em;text-align:justify;orphans:2;widows:2;");
		hyphens(o, 1);
		g_string_append(o, "}\n");
		g_string_append_printf(o, "h1, h2, h3, h4, h5, h6 {text-align:left;%s", keep_with_next);
		hyphens(o, 0);
		g_string_append(o, "}\nspan.dateline {font-variant:small-caps;letter-spacing:0.05em;}\n"
		                "span.uc {text-transform:lowercase;}\n"
		                "blockquote {margin:1em 5%;}\n"
		                "blockquote.pull {font-style:italic;page-break-inside:avoid;}\n");
		g_string_append(o, fixed_rules);
		return g_string_free(o, FALSE);
	}
	body = &s->el[WARTA_EL_BODY];
	heading = &s->el[WARTA_EL_HEADING];
	rtl = g_string_new(NULL);

	g_string_append(o, "body {");
	font_family(o, b, body->family);
	g_string_append(o, "}\n");
	rule(o, rtl, b, "p", WARTA_EL_BODY, NULL, F_INDENT | F_ALIGN | F_HYPH,
	     "margin:0;orphans:2;widows:2;");
	/* headline and headings: explicit alignment (Kindle justifies by default),
	 * kept with what follows, never hyphenated */
	rule(o, rtl, b, "h1.headline, h1.masthead, h1.section-title", WARTA_EL_HEADLINE, body,
	     F_SIZE | F_CLAMP | F_LEADING | F_SPACE | F_ALIGN | F_HEADING | F_HYPH | face,
	     keep_with_next);
	rule(o, rtl, b, "h2, h3, h4, h5, h6", WARTA_EL_HEADING, body,
	     F_SIZE | F_LEADING | F_SPACE | F_ALIGN | F_HEADING | F_HYPH | face, keep_with_next);
	rule(o, rtl, b, "p.subhead", WARTA_EL_HEADING, body,
	     F_SIZE | F_SPACE | F_ALIGN | F_HEADING | face, "text-indent:0;page-break-after:avoid;");
	rule(o, rtl, b, "span.num", WARTA_EL_HEADING_NUMBER, heading, F_SIZE | face, NULL);
	rule(o, rtl, b, "p.section", WARTA_EL_SOURCE, body, F_SIZE | face,
	     "text-indent:0;margin:0 0 0.5em 0;text-transform:uppercase;letter-spacing:0.08em;");
	rule(o, rtl, b, "p.deck", WARTA_EL_DECK, body,
	     F_SIZE | F_LEADING | F_SPACE | F_ALIGN | F_HEADING | F_HYPH | face, "text-indent:0;");
	rule(o, rtl, b, "p.byline", WARTA_EL_BYLINE, body, F_SIZE | F_SPACE | F_ALIGN | F_HEADING | face,
	     "text-indent:0;");
	rule(o, rtl, b, "p.date, p.edition-date", WARTA_EL_DATE, body,
	     F_SIZE | F_SPACE | F_ALIGN | F_HEADING | face, "text-indent:0;");
	rule(o, rtl, b, "p.source", WARTA_EL_SOURCE, body, F_SIZE | F_SPACE | F_ALIGN | F_HEADING | face,
	     "text-indent:0;");
	rule(o, rtl, b, "span.dateline", WARTA_EL_DATELINE, body, F_SIZE | face, NULL);
	if (s->el[WARTA_EL_DATELINE].small_caps && !s->el[WARTA_EL_DATELINE].uppercase)
		g_string_append(o, "span.uc {text-transform:lowercase;}\n");
	rule(o, rtl, b, "span.q", WARTA_EL_QUOTATION, body, F_SIZE | face, NULL);
	/* a quotation inside an italic quotation turns back to roman */
	if (s->el[WARTA_EL_QUOTATION].italic)
		g_string_append(o, "span.q2 {font-style:normal;}\n");
	rule(o, rtl, b, "blockquote", WARTA_EL_BLOCKQUOTE, body,
	     F_SIZE | F_SPACE | F_SIDES | F_ALIGN | F_HYPH | face, NULL);
	rule(o, rtl, b, "blockquote p", WARTA_EL_BLOCKQUOTE, NULL, F_INDENT, NULL);
	rule(o, rtl, b, "blockquote.pull", WARTA_EL_PULLQUOTE, body,
	     F_SIZE | F_LEADING | F_SPACE | F_SIDES | F_ALIGN | F_HEADING | F_HYPH | face,
	     "page-break-inside:avoid;break-inside:avoid;border-top:thin solid;border-bottom:thin solid;"
	     "padding:0.4em 0;");
	rule(o, rtl, b, "blockquote.pull p", WARTA_EL_PULLQUOTE, NULL, 0, "text-indent:0;");
	rule(o, rtl, b, "section.footnotes, aside.footnote", WARTA_EL_FOOTNOTE, body,
	     F_SIZE | F_ALIGN | F_HYPH | face, NULL);
	rule(o, rtl, b, "code, pre", WARTA_EL_CODE, body, F_SIZE | F_FAMILY, NULL);
	rule(o, rtl, b, "ul, ol", WARTA_EL_LIST, body, F_SIZE | F_SPACE, NULL);
	rule(o, rtl, b, "li", WARTA_EL_LIST, NULL, F_ALIGN | F_HYPH, NULL);
	rule(o, rtl, b, "table", WARTA_EL_TABLE, body, F_SIZE | face, NULL);
	/* Right-to-left books: the dir attribute sets the direction; only the
	 * explicit left and right alignments are mirrored. */
	g_string_append(o, rtl->str);
	g_string_free(rtl, TRUE);
	chinese(o, b);
	if (b->need_cjk) {
		cjk_regions(o, b);
		node_regions(o, b);
	}
	list_digits(o, b);
	g_string_append(o, fixed_rules);
	return g_string_free(o, FALSE);
}
