/* keys.c — the key table of style files: every group, every key with its
 * type, range, built-in default and a help string.  The loader checks
 * files against it (scan.c), `warta --list-style-keys` prints it and
 * doc/styles.md is made from it (make doc), so what a style may say is
 * written in one place.  A new key: a line here, its field in style.h and
 * its resolution in resolve.c. */
#include <string.h>

#include "style/style_int.h"

/* Keys of the element groups ([body], [headline], …), in enum ekey's order.
 * An inheriting key an element leaves unset is [body]'s. */
const struct keydef st_elem_keys[EK_COUNT + 1] = {
	{ "family",           K_STRING,   0, 0, 1, "Charis SIL",
	  "Font family, as fontconfig names it; one of warta's font set (fonts/fonts.list)" },
	{ "size",             K_LENGTH,   1, 500, 1, "10pt; other elements: the body's",
	  "Type size; in em, a multiple of the body's size" },
	{ "leading",          K_LEADING,  1, 1000, 1, "1.25; other elements: the body's ratio of leading to size",
	  "Baseline to baseline: a length, or a bare factor of the size (1.25)" },
	{ "space-before",     K_LENGTH,   0, 1000, 0, "0pt", "Space above the element's blocks" },
	{ "space-after",      K_LENGTH,   0, 1000, 0, "0pt", "Space below the element's blocks" },
	{ "indent",           K_LENGTH,   -500, 500, 0, "0pt",
	  "First-line indent of a paragraph that follows another (never after a heading)" },
	{ "margin-left",      K_LENGTH,   0, 1000, 0, "0pt", "Left margin of the blocks (quotes, lists)" },
	{ "margin-right",     K_LENGTH,   0, 1000, 0, "0pt", "Right margin of the blocks" },
	{ "align",            K_ALIGN,    0, 0, 1, "justify", "justify, left, center or right" },
	{ "color",            K_COLOR,    0, 0, 1, "#000000", "Text colour, #rrggbb" },
	{ "weight",           K_WEIGHT,   100, 1000, 1, "regular",
	  "100 to 1000, or thin, light, regular, medium, semibold, bold, heavy, black" },
	{ "italic",           K_BOOL,     0, 0, 1, "false", "Italic (emphasis inside it turns upright)" },
	{ "small-caps",       K_BOOL,     0, 0, 0, "false", "Small capitals, the font's own (smcp)" },
	{ "uppercase",        K_BOOL,     0, 0, 0, "false", "Capitals" },
	{ "letter-spacing",   K_LENGTH,   -0.5, 1, 0, "0em",
	  "Space added between letters: -0.5em to 1em, or -20pt to 20pt (never in joining scripts)" },
	{ "features",         K_FEATURES, 0, 0, 1, "",
	  "OpenType features, comma-separated: \"onum, pnum, liga=0\"" },
	{ "hyphenate",        K_BOOL,     0, 0, 1, "true", "Hyphenation allowed (dictionaries of the text's language)" },
	{ "hyphen-min-left",  K_INT,      1, 10, 1, "2", "Fewest letters before a hyphen" },
	{ "hyphen-min-right", K_INT,      1, 10, 1, "3", "Fewest letters after a hyphen" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct keydef st_style_keys[] = {
	{ "name",        K_STRING,    0, 0, 0, NULL, "The style's name (--list-styles); not inherited" },
	{ "description", K_STRING,    0, 0, 0, "", "One line for --list-styles; not inherited" },
	{ "inherits",    K_STYLENAME, 0, 0, 0, NULL,
	  "Another style (a name from the style folders, or a path) whose values this file overrides" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct keydef st_page_keys[] = {
	{ "paper",         K_PAPER,  0, 0, 0, "a4",
	  "a3, a4, a5, letter, legal or tabloid, optionally \"landscape\": sets width and height" },
	{ "width",         K_LENGTH, 72, 14400, 0, "595.28pt", "Page width (after paper)" },
	{ "height",        K_LENGTH, 72, 14400, 0, "841.89pt", "Page height (after paper)" },
	{ "margin-top",    K_LENGTH, 0, 2000, 0, "20mm", "Top margin (the running head sits in it)" },
	{ "margin-bottom", K_LENGTH, 0, 2000, 0, "20mm", "Bottom margin" },
	{ "margin-inner",  K_LENGTH, 0, 2000, 0, "20mm", "Inner margin (left on odd pages)" },
	{ "margin-outer",  K_LENGTH, 0, 2000, 0, "20mm", "Outer margin" },
	{ "columns",       K_INT,    1, 8, 0, "1", "Text columns" },
	{ "gutter",        K_LENGTH, 0, 500, 0, "12pt", "Space between columns" },
	{ "drop-cap",      K_INT,    0, 6, 0, "0", "Lines of a drop cap on the first paragraph; 0: none" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct keydef st_fonts_keys[] = {
	{ "fallback-arabic", K_STRING, 0, 0, 0, "Noto Naskh Arabic", "Family for Arabic script" },
	{ "fallback-greek",  K_STRING, 0, 0, 0, "Linux Libertine O", "Family for Greek script" },
	{ "fallback-cjk",    K_STRING, 0, 0, 0, "Noto Serif CJK SC", "Family for Han, kana and Hangul" },
	{ "digits",          K_STRING, 0, 0, 0, "as-written",
	  "Digits, in print and EPUB alike: as-written, latin (0-9 in every language), arabic-indic "
	  "(in Arabic-script articles: Arabic-Indic digits, Extended ones in Persian, Urdu, Pashto ...; "
	  "with a decimal and thousands separator and percent sign of their own) or auto (in "
	  "Arabic-script articles, the language's own by CLDR: Arabic-Indic in Arabic, Extended in "
	  "Persian, as written in Urdu and the Maghreb)" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct keydef st_breaking_keys[] = {
	{ "pretolerance",           K_INT,    -1, 10000, 0, "100",
	  "Badness allowed in the first pass, without hyphens (TeX's \\pretolerance); -1: no first pass" },
	{ "tolerance",              K_INT,    0, 10000, 0, "200", "Badness allowed with hyphens (\\tolerance)" },
	{ "emergency-stretch",      K_LENGTH, 0, 200, 0, "0em",
	  "Stretch added in a last pass when no breaks fit (\\emergencystretch)" },
	{ "line-penalty",           K_INT,    0, 10000, 0, "10", "Added to every line's badness (\\linepenalty)" },
	{ "hyphen-penalty",         K_INT,    -10000, 10000, 0, "50", "Penalty of a break at a hyphen added (\\hyphenpenalty)" },
	{ "ex-hyphen-penalty",      K_INT,    -10000, 10000, 0, "50",
	  "Penalty of a break after a hyphen or dash of the text (\\exhyphenpenalty)" },
	{ "adj-demerits",           K_INT,    0, 10000000, 0, "10000",
	  "Demerits of adjacent lines of very different tightness (\\adjdemerits)" },
	{ "double-hyphen-demerits", K_INT,    0, 10000000, 0, "10000",
	  "Demerits of two hyphenated lines in a row (\\doublehyphendemerits)" },
	{ "final-hyphen-demerits",  K_INT,    0, 10000000, 0, "5000",
	  "Demerits of a hyphen on a paragraph's last but one line (\\finalhyphendemerits)" },
	{ "max-hyphen-run",         K_INT,    1, 20, 0, "2", "At most this many hyphenated lines in a row" },
	{ "expansion",              K_NUMBER, 0, 0.1, 0, "0",
	  "Glyph expansion allowed in justified lines, a fraction (0.02) or a percentage (2%); 0: none" },
	{ "club-penalty",           K_INT,    0, 10000, 0, "150", "Penalty of a page break after a paragraph's first line" },
	{ "widow-penalty",          K_INT,    0, 10000, 0, "150", "Penalty of a page break before a paragraph's last line" },
	{ "broken-penalty",         K_INT,    0, 10000, 0, "100", "Penalty of a page break after a hyphenated line" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* [link]: how print shows where a link goes (README "Styles") */
const struct keydef st_link_keys[] = {
	{ "print-url", K_PRINT_URL, 0, 0, 0, "footnote",
	  "Where print shows the URL of a link whose text is not the URL: footnote (a numbered "
	  "note at the foot of the column), inline (\" (URL)\" after the text) or none" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* [edition]: how an edition's articles are made up into pages; the words
 * are checked in resolve.c */
const struct keydef st_edition_keys[] = {
	{ "makeup",        K_STRING, 0, 0, 0, "pages",
	  "pages (each article from a new page), flow (run on, each after the previous one) or "
	  "modular (newspaper pages of rectangular modules, a front page, jumps)" },
	{ "article-break", K_STRING, 0, 0, 0, "space",
	  "What separates run-on articles: space, rule or page" },
	{ "min-lines",     K_INT,    0, 1000, 0, "0",
	  "No page of a flow edition with fewer body lines, but a section's last" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* [figure]: pictures in print (README "Pictures") */
const struct keydef st_figure_keys[] = {
	{ "share",     K_NUMBER, 0.1, 1, 0, "0.7",
	  "The floats of a column take at most this share of it; a taller picture is scaled down" },
	{ "dpi",       K_NUMBER, 36, 1200, 0, "150",
	  "A picture's natural size: its pixels at this resolution (a figure is never wider than "
	  "its column)" },
	{ "lead-span", K_STRING, 0, 0, 0, "columns",
	  "The lead photo: column (floated in the first column), columns (across the columns "
	  "under the headline) or page (across the page above it)" },
	{ "span",      K_STRING, 0, 0, 0, "column",
	  "A wide body figure (its natural size at least three quarters of the text width): "
	  "column (floated in its "
	  "column, at the column's width), columns (across all the columns at the top of a page: "
	  "the page of its call when it fits there, else the next; on an article's first page under "
	  "the headline) or page (the same, but on the first page above the headline)" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct keydef st_boilerplate_keys[] = {
	{ "patterns", K_PATTERNS, 0, 0, 0, "",
	  "More scraper boilerplate lines to drop, regular expressions separated by ';'" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const char *const st_element_names[WARTA_EL_COUNT] = {
	"body", "headline", "deck", "byline", "date", "dateline", "heading",
	"heading-number", "quotation", "blockquote", "pullquote", "footnote",
	"running-head", "folio", "code", "list", "table", "source", "caption", "credit"
};

static const char *const element_help[WARTA_EL_COUNT] = {
	"body paragraphs; its values are the other elements' defaults",
	"the article's title", "the subtitle under it", "the author line", "the date line",
	"the place (and agency) that opens the first paragraph", "section headings",
	"the number of a numbered heading", "inline quotations", "block quotations",
	"pull quotes", "footnotes", "the running head, from page 2 on", "the page number",
	"code spans and blocks", "list items", "table cells", "the publisher or source line",
	"a picture's caption", "a picture's credit, at the end of its caption's last line"
};

const struct paper st_papers[] = {
	{ "a3",      841.89, 1190.55 },
	{ "a4",      595.28, 841.89 },
	{ "a5",      419.53, 595.28 },
	{ "letter",  612, 792 },
	{ "legal",   612, 1008 },
	{ "tabloid", 792, 1224 },
	{ NULL, 0, 0 }
};

const char *const st_align_names[] = { "justify", "left", "center", "right", NULL };
const char *const st_print_url_names[] = { "footnote", "inline", "none", NULL };

const struct weight_name st_weight_names[] = {
	{ "thin", 100 }, { "light", 300 }, { "regular", 400 }, { "normal", 400 },
	{ "medium", 500 }, { "semibold", 600 }, { "bold", 700 }, { "heavy", 900 },
	{ "black", 900 }, { NULL, 0 }
};

/* The groups other than the elements', in the order of the reference. */
static const struct {
	const char *name;
	const struct keydef *keys;
	const char *help;
} groups[] = {
	{ "style", st_style_keys, "the style itself" },
	{ "page", st_page_keys, "page size, margins, columns" },
	{ "fonts", st_fonts_keys, "families for scripts the element families lack" },
	{ "breaking", st_breaking_keys, "line and page breaking (Knuth-Plass; TeX's names and meanings)" },
	{ "link", st_link_keys, "links in print" },
	{ "edition", st_edition_keys, "editions: make-up and article breaks" },
	{ "figure", st_figure_keys, "pictures: floats, natural size, the lead photo" },
	{ "boilerplate", st_boilerplate_keys, "the reader's boilerplate filter" },
};

const char *
warta_element_name(enum warta_element el)
{
	if ((int)el < 0 || el >= WARTA_EL_COUNT)
		return NULL;
	return st_element_names[el];
}

const struct keydef *
st_group_keys(const char *group)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(groups); i++)
		if (g_str_equal(group, groups[i].name))
			return groups[i].keys;
	for (i = 0; i < WARTA_EL_COUNT; i++)
		if (g_str_equal(group, st_element_names[i]))
			return st_elem_keys;
	return NULL;
}

const struct keydef *
st_find_key(const struct keydef *keys, const char *name)
{
	int i;

	for (i = 0; keys[i].name; i++)
		if (g_str_equal(keys[i].name, name))
			return &keys[i];
	return NULL;
}

/* Levenshtein distance, for "did you mean" hints (short names only). */
static int
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int c = prev[j - 1] + (a[i - 1] != b[j - 1]);

			c = MIN(c, prev[j] + 1);
			cur[j] = MIN(c, cur[j - 1] + 1);
		}
		memcpy(prev, cur, sizeof(int) * (lb + 1));
	}
	return prev[lb];
}

/* ", did you mean 'x'?" or "" — caller frees. */
static char *
suggest(const char *name, const char *const *cands, int n)
{
	int i, best = 3, bi = -1;

	for (i = 0; i < n; i++) {
		int dd = distance(name, cands[i]);

		if (dd < best) {
			best = dd;
			bi = i;
		}
	}
	return bi < 0 ? g_strdup("") : g_strdup_printf("; did you mean '%s'?", cands[bi]);
}

char *
st_suggest_group(const char *name)
{
	const char *c[WARTA_EL_COUNT + G_N_ELEMENTS(groups)];
	int n = 0;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(groups); i++)
		c[n++] = groups[i].name;
	for (i = 0; i < WARTA_EL_COUNT; i++)
		c[n++] = st_element_names[i];
	return suggest(name, c, n);
}

char *
st_suggest_key(const struct keydef *keys, const char *name)
{
	const char *c[EK_COUNT + 1];
	int i, n = 0;

	for (i = 0; keys[i].name && n < (int)G_N_ELEMENTS(c); i++)
		c[n++] = keys[i].name;
	return suggest(name, c, n);
}

/* ------------------------------------------------------------ the reference */

/* What a value of key k is, in words. */
static char *
key_type(const struct keydef *k)
{
	switch (k->kind) {
	case K_STRING:    return g_strdup("text");
	case K_LENGTH:    return g_strdup_printf("length (pt, mm, cm, in, pc, em)%s",
	                                         g_str_equal(k->name, "letter-spacing") ? "" :
	                                         k->min < 0 ? ", may be negative" : "");
	case K_LEADING:   return g_strdup("length, or a factor of the size");
	case K_INT:       return g_strdup_printf("integer, %g to %g", k->min, k->max);
	case K_NUMBER:    return g_strdup_printf("number or percentage, %g to %g", k->min, k->max);
	case K_BOOL:      return g_strdup("true or false");
	case K_ALIGN:     return g_strdup("alignment");
	case K_COLOR:     return g_strdup("colour #rrggbb");
	case K_WEIGHT:    return g_strdup("weight");
	case K_FEATURES:  return g_strdup("OpenType features");
	case K_PAPER:     return g_strdup("paper size");
	case K_PATTERNS:  return g_strdup("list of regular expressions");
	case K_PRINT_URL: return g_strdup("footnote, inline or none");
	case K_STYLENAME: return g_strdup("style name or path");
	}
	return g_strdup("");
}

static void
key_line(GString *out, const char *group, const struct keydef *k, int markdown)
{
	char *type = key_type(k);
	const char *def = k->def == NULL ? "(none)" : *k->def ? k->def : "(empty)";

	if (markdown)
		g_string_append_printf(out, "| `%s` | %s | %s%s%s | %s |\n", k->name, type,
		    k->def && *k->def ? "`" : "", def, k->def && *k->def ? "`" : "", k->help);
	else
		g_string_append_printf(out, "[%s] %s = %s\n    %s; default: %s\n", group, k->name, type,
		    k->help, def);
	g_free(type);
}

static void
group_table(GString *out, const char *title, const struct keydef *keys, int markdown)
{
	int i;

	if (markdown)
		g_string_append_printf(out, "| key | value | default | meaning |\n|---|---|---|---|\n");
	for (i = 0; keys[i].name; i++)
		key_line(out, title, &keys[i], markdown);
	if (markdown)
		g_string_append(out, "\n");
}

char *
warta_style_reference(int markdown)
{
	GString *out = g_string_new(NULL);
	size_t i;

	if (markdown)
		g_string_append(out,
		    "# Style reference\n\n"
		    "Made from the key table (src/style/keys.c) by `make doc`; `warta "
		    "--list-style-keys` prints the same.  A style is a GLib key file, "
		    "styles/NAME.style: groups in brackets, `key = value` lines, `#` comments. "
		    "Lengths take pt, mm, cm, in, pc or em (of the element's size; of the "
		    "body's for sizes).  Every key may be left out: the default below, or the "
		    "style it inherits from, applies.\n\n");
	for (i = 0; i < 2; i++) {
		if (markdown)
			g_string_append_printf(out, "## [%s]: %s\n\n", groups[i].name, groups[i].help);
		group_table(out, groups[i].name, groups[i].keys, markdown);
	}
	if (markdown) {
		g_string_append(out, "## The elements: [body], [headline] …\n\n"
		    "Each element of the text has a group of its own with the same keys. "
		    "A key marked *inherits* that an element leaves unset takes [body]'s value.\n\n");
		for (i = 0; i < WARTA_EL_COUNT; i++)
			g_string_append_printf(out, "- `[%s]`: %s\n", st_element_names[i], element_help[i]);
		g_string_append(out, "\n| key | value | default | meaning |\n|---|---|---|---|\n");
		for (i = 0; st_elem_keys[i].name; i++) {
			struct keydef k = st_elem_keys[i];
			char *help = g_strdup_printf("%s%s", k.help, k.inherit ? " (*inherits*)" : "");

			k.help = help;
			key_line(out, "ELEMENT", &k, 1);
			g_free(help);
		}
		g_string_append(out, "\n");
	} else {
		g_string_append(out, "# ELEMENT is any of:");
		for (i = 0; i < WARTA_EL_COUNT; i++)
			g_string_append_printf(out, " %s", st_element_names[i]);
		g_string_append(out, "; a key marked (inherits) left unset is [body]'s\n");
		for (i = 0; st_elem_keys[i].name; i++) {
			struct keydef k = st_elem_keys[i];
			char *help = g_strdup_printf("%s%s", k.help, k.inherit ? " (inherits)" : "");

			k.help = help;
			key_line(out, "ELEMENT", &k, 0);
			g_free(help);
		}
	}
	for (i = 2; i < G_N_ELEMENTS(groups); i++) {
		if (markdown)
			g_string_append_printf(out, "## [%s]: %s\n\n", groups[i].name, groups[i].help);
		group_table(out, groups[i].name, groups[i].keys, markdown);
	}
	return g_string_free(out, FALSE);
}
