/* resolve.c — the layered raw values of a style and what it inherits →
 * struct warta_style: the built-in defaults first (keys.c documents them),
 * em lengths against the final sizes, element keys from [body] where they
 * inherit, paper sizes; where each value was set (warta_style_where); the
 * text block checked. */
#include <string.h>

#include "style/style_int.h"

/* The built-in defaults, before any file: TeX's breaking parameters, an A4
 * page, Charis SIL 10/12.5 for the body. */
void
st_defaults(struct warta_style *s)
{
	s->page_width = 595.28;
	s->page_height = 841.89;
	s->margin_top = s->margin_bottom = s->margin_inner = s->margin_outer = 72.0 * 20 / 25.4;
	s->columns = 1;
	s->gutter = 12;
	s->drop_cap = 0;
	s->print_url = WARTA_PRINT_URL_FOOTNOTE;
	s->makeup = WARTA_MAKEUP_PAGES;
	s->article_break = WARTA_BREAK_SPACE;
	s->min_lines = 0;
	s->fallback_arabic = g_strdup("Noto Naskh Arabic");
	s->fallback_greek = g_strdup("Linux Libertine O");
	s->fallback_cjk = g_strdup("Noto Serif CJK SC");
	s->pretolerance = 100;
	s->tolerance = 200;
	s->emergency_stretch = 0;
	s->line_penalty = 10;
	s->hyphen_penalty = 50;
	s->ex_hyphen_penalty = 50;
	s->adj_demerits = 10000;
	s->double_hyphen_demerits = 10000;
	s->final_hyphen_demerits = 5000;
	s->max_hyphen_run = 2;
	s->expansion = 0;
	s->club_penalty = 150;
	s->widow_penalty = 150;
	s->broken_penalty = 100;
	s->figure_share = 0.7;
	s->figure_dpi = 150;
	s->lead_span = WARTA_SPAN_COLUMNS;
	s->figure_span = WARTA_SPAN_COLUMN;
}

static double
len_pt(const struct raw *r, double em)
{
	return r->unit == U_EM ? r->num * em : r->num;
}

/* The raw value of key for element el: its own, else [body]'s when the key
 * inherits, else NULL (the built-in default). */
static struct raw *
elem_raw(struct loader *L, int el, int key)
{
	struct raw *r = st_get_raw(L, st_element_names[el], st_elem_keys[key].name);

	if (!r && el != WARTA_EL_BODY && st_elem_keys[key].inherit)
		r = st_get_raw(L, "body", st_elem_keys[key].name);
	return r;
}

static void
resolve_elements(struct loader *L, struct warta_style *s)
{
	struct warta_elem_style *body = &s->el[WARTA_EL_BODY];
	double body_ratio = 1.25;
	int el;

	for (el = 0; el < WARTA_EL_COUNT; el++) {
		struct warta_elem_style *e = &s->el[el];
		struct raw *r;
		double em;

		r = elem_raw(L, el, EK_FAMILY);
		e->family = g_strdup(r ? r->str : "Charis SIL");
		/* size: em of the body's size */
		r = st_get_raw(L, st_element_names[el], "size");
		if (r)
			e->size = r->unit == U_EM ? r->num * (el ? body->size : 10) : r->num;
		else if (el == WARTA_EL_CAPTION || el == WARTA_EL_CREDIT)
			/* pictures' text is smaller than the body's by default */
			e->size = body->size * (el == WARTA_EL_CAPTION ? 0.85 : 0.72);
		else
			e->size = el ? body->size : 10;
		em = e->size;
		/* leading: own value, else the body's leading scaled to this size */
		r = st_get_raw(L, st_element_names[el], "leading");
		if (r)
			e->leading = r->unit == U_FACTOR ? r->num * em : len_pt(r, em);
		else
			e->leading = el ? em * body_ratio : em * 1.25;
		if (el == WARTA_EL_BODY)
			body_ratio = e->leading / e->size;
		r = elem_raw(L, el, EK_SPACE_BEFORE);
		e->space_before = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_SPACE_AFTER);
		e->space_after = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_INDENT);
		e->indent = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_MARGIN_LEFT);
		e->margin_left = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_MARGIN_RIGHT);
		e->margin_right = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_ALIGN);
		e->align = r ? (enum warta_text_align)r->num : WARTA_TA_JUSTIFY;
		r = elem_raw(L, el, EK_COLOR);
		e->color = r ? (unsigned int)r->num : 0;
		r = elem_raw(L, el, EK_WEIGHT);
		e->weight = r ? (int)r->num : 400;
		r = elem_raw(L, el, EK_ITALIC);
		e->italic = r ? (int)r->num : 0;
		r = elem_raw(L, el, EK_SMALL_CAPS);
		e->small_caps = r ? (int)r->num : 0;
		r = elem_raw(L, el, EK_UPPERCASE);
		e->uppercase = r ? (int)r->num : 0;
		r = elem_raw(L, el, EK_LETTER_SPACING);
		e->letter_spacing = r ? (r->unit == U_EM ? r->num : r->num / em) : 0;
		r = elem_raw(L, el, EK_FEATURES);
		e->features = g_strdup(r ? r->str : "");
		r = elem_raw(L, el, EK_HYPHENATE);
		e->hyphenate = r ? (int)r->num : 1;
		r = elem_raw(L, el, EK_HYPHEN_LEFT);
		e->hyphen_left = r ? (int)r->num : 2;
		r = elem_raw(L, el, EK_HYPHEN_RIGHT);
		e->hyphen_right = r ? (int)r->num : 3;
	}
}

static void
resolve_int(struct loader *L, const char *g, const char *k, int *out)
{
	struct raw *r = st_get_raw(L, g, k);

	if (r)
		*out = (int)r->num;
}

static void
resolve_len(struct loader *L, const char *g, const char *k, double em, double *out)
{
	struct raw *r = st_get_raw(L, g, k);

	if (r)
		*out = len_pt(r, em);
}

/* A value out of a list of words: its index, or an error at its place. */
static void
resolve_word(struct loader *L, const char *g, const char *k, const char *const *words, int *out)
{
	struct raw *r = st_get_raw(L, g, k);
	GString *all;
	int i;

	if (!r)
		return;
	for (i = 0; words[i]; i++)
		if (g_str_equal(r->str, words[i])) {
			*out = i;
			return;
		}
	all = g_string_new(NULL);
	for (i = 0; words[i]; i++)
		g_string_append_printf(all, "%s%s", i ? ", " : "", words[i]);
	st_err(L, r->file, r->line, r->col, "[%s] %s: '%s' is not one of %s", g, k, r->str, all->str);
	g_string_free(all, TRUE);
}

static void
where_free(gpointer p)
{
	struct warta_style_where *w = p;

	g_free(w->file);
	g_free(w);
}

static void
set_where(struct warta_style *s, const char *group, const char *key, const struct raw *r)
{
	struct warta_style_where *w = g_new0(struct warta_style_where, 1);

	w->file = g_strdup(r->file);
	w->line = r->line;
	w->col = r->col;
	g_hash_table_replace(s->where, g_strdup_printf("%s\n%s", group, key), w);
}

/* Positions of every value, an element's inherited ones at [body]'s line. */
static void
record_where(struct loader *L, struct warta_style *s)
{
	GHashTableIter it;
	gpointer k, v;
	int el, key;

	g_hash_table_iter_init(&it, L->raw);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		char *nl = strchr(k, '\n');
		char *g = g_strndup(k, nl - (char *)k);

		set_where(s, g, nl + 1, v);
		g_free(g);
	}
	for (el = 1; el < WARTA_EL_COUNT; el++)
		for (key = 0; key < EK_COUNT; key++) {
			struct raw *r = elem_raw(L, el, key);

			if (r && !st_get_raw(L, st_element_names[el], st_elem_keys[key].name))
				set_where(s, st_element_names[el], st_elem_keys[key].name, r);
		}
}

const struct warta_style_where *
warta_style_where(const struct warta_style *s, const char *group, const char *key)
{
	char *k;
	const struct warta_style_where *w;

	if (!s->where)
		return NULL;
	k = g_strdup_printf("%s\n%s", group, key);
	w = g_hash_table_lookup(s->where, k);
	g_free(k);
	return w;
}

void
st_resolve(struct loader *L, struct warta_style *s)
{
	double em;
	struct raw *r;

	s->where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, where_free);
	record_where(L, s);
	resolve_elements(L, s);
	em = s->el[WARTA_EL_BODY].size;
	resolve_len(L, "page", "width", em, &s->page_width);
	resolve_len(L, "page", "height", em, &s->page_height);
	resolve_len(L, "page", "margin-top", em, &s->margin_top);
	resolve_len(L, "page", "margin-bottom", em, &s->margin_bottom);
	resolve_len(L, "page", "margin-inner", em, &s->margin_inner);
	resolve_len(L, "page", "margin-outer", em, &s->margin_outer);
	resolve_int(L, "page", "columns", &s->columns);
	resolve_len(L, "page", "gutter", em, &s->gutter);
	resolve_int(L, "page", "drop-cap", &s->drop_cap);
	if ((r = st_get_raw(L, "figure", "share")))
		s->figure_share = r->num;
	if ((r = st_get_raw(L, "figure", "dpi")))
		s->figure_dpi = r->num;
	resolve_word(L, "figure", "lead-span", (const char *const[]){ "column", "columns", "page", NULL },
	    (int *)&s->lead_span);
	resolve_word(L, "figure", "span", (const char *const[]){ "column", "columns", "page", NULL },
	    (int *)&s->figure_span);
	if ((r = st_get_raw(L, "link", "print-url")))
		s->print_url = (enum warta_print_url)(int)r->num;
	if ((r = st_get_raw(L, "fonts", "fallback-arabic")))
		g_free(s->fallback_arabic), s->fallback_arabic = g_strdup(r->str);
	if ((r = st_get_raw(L, "fonts", "fallback-greek")))
		g_free(s->fallback_greek), s->fallback_greek = g_strdup(r->str);
	if ((r = st_get_raw(L, "fonts", "fallback-cjk")))
		g_free(s->fallback_cjk), s->fallback_cjk = g_strdup(r->str);
	resolve_word(L, "fonts", "digits",
	    (const char *const[]){ "as-written", "latin", "arabic-indic", "auto", NULL }, &s->digits);
	resolve_int(L, "breaking", "pretolerance", &s->pretolerance);
	resolve_int(L, "breaking", "tolerance", &s->tolerance);
	if ((r = st_get_raw(L, "breaking", "emergency-stretch")))
		s->emergency_stretch = r->unit == U_EM ? r->num : r->num / em;
	resolve_int(L, "breaking", "line-penalty", &s->line_penalty);
	resolve_int(L, "breaking", "hyphen-penalty", &s->hyphen_penalty);
	resolve_int(L, "breaking", "ex-hyphen-penalty", &s->ex_hyphen_penalty);
	resolve_int(L, "breaking", "adj-demerits", &s->adj_demerits);
	resolve_int(L, "breaking", "double-hyphen-demerits", &s->double_hyphen_demerits);
	resolve_int(L, "breaking", "final-hyphen-demerits", &s->final_hyphen_demerits);
	resolve_int(L, "breaking", "max-hyphen-run", &s->max_hyphen_run);
	if ((r = st_get_raw(L, "breaking", "expansion")))
		s->expansion = r->num;
	resolve_int(L, "breaking", "club-penalty", &s->club_penalty);
	resolve_int(L, "breaking", "widow-penalty", &s->widow_penalty);
	resolve_int(L, "breaking", "broken-penalty", &s->broken_penalty);
	resolve_word(L, "edition", "makeup", (const char *const[]){ "pages", "flow", "modular", NULL },
	    (int *)&s->makeup);
	resolve_word(L, "edition", "article-break",
	    (const char *const[]){ "space", "rule", "page", NULL }, (int *)&s->article_break);
	resolve_int(L, "edition", "min-lines", &s->min_lines);
	if ((r = st_get_raw(L, "boilerplate", "patterns")))
		s->boilerplate = g_strdupv(r->list);
	else
		s->boilerplate = g_new0(char *, 1);
}

/* Geometry that only the whole style can check: the text block must exist. */
void
st_check_page(struct loader *L, struct warta_style *s)
{
	struct raw *r = st_get_raw(L, "page", "width");
	double measure = s->page_width - s->margin_inner - s->margin_outer;

	if (measure < 36 || s->page_height - s->margin_top - s->margin_bottom < 36) {
		st_err(L, r ? r->file : s->path, r ? r->line : 0, r ? r->col : 0,
		    "[page] the margins leave no room for text (%.1f pt by %.1f pt)",
		    measure, s->page_height - s->margin_top - s->margin_bottom);
		return;
	}
	if (s->columns > 1 && (measure - (s->columns - 1) * s->gutter) / s->columns < 36) {
		r = st_get_raw(L, "page", "columns");
		st_err(L, r ? r->file : s->path, r ? r->line : 0, r ? r->col : 0,
		    "[page] %d columns do not fit in a %.1f pt measure", s->columns, measure);
	}
}

