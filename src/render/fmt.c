/* fmt.c — the style's elements as the typesetter uses them: an element's
 * text format (family, size, weight, colour, hyphenation …) and its
 * leading, the body's where the element leaves them unset. */
#include <string.h>

#include "render/typeset.h"

const struct warta_elem_style *
rn_el(const struct rn *R, enum warta_element e)
{
	return &R->style->el[e];
}

struct pa_fmt
rn_fmt(const struct rn *R, enum warta_element e)
{
	const struct warta_elem_style *s = rn_el(R, e), *b = rn_el(R, WARTA_EL_BODY);
	struct pa_fmt f;

	memset(&f, 0, sizeof f);
	f.family = s->family && *s->family ? s->family : b->family;
	f.size = s->size > 0 ? s->size : b->size > 0 ? b->size : 10;
	f.weight = s->weight ? s->weight : 400;
	f.italic = s->italic;
	f.small_caps = s->small_caps;
	f.uppercase = s->uppercase;
	f.letter_spacing = s->letter_spacing;
	f.features = s->features;
	f.color = s->color;
	f.hyphenate = s->hyphenate;
	return f;
}

/* An inline element inside text set as outer: its family and size relative
 * to the body's, its emphasis added to the outer one. */
struct pa_fmt
rn_inline_fmt(const struct rn *R, enum warta_element e, const struct pa_fmt *outer)
{
	const struct warta_elem_style *s = rn_el(R, e), *b = rn_el(R, WARTA_EL_BODY);
	struct pa_fmt f = *outer;

	if (s->family && b->family && strcmp(s->family, b->family) != 0)
		f.family = s->family;
	if (s->size > 0 && b->size > 0)
		f.size = outer->size * s->size / b->size;
	f.italic = outer->italic ^ s->italic;
	f.weight = MAX(outer->weight, s->weight);
	if (s->small_caps)
		f.small_caps = 1;
	if (s->letter_spacing != 0)
		f.letter_spacing = s->letter_spacing;
	if (s->features && *s->features)
		f.features = s->features;
	if (s->color && s->color != b->color)
		f.color = s->color;
	if (!s->hyphenate)
		f.hyphenate = 0;
	return f;
}

double
rn_leading(const struct rn *R, enum warta_element e)
{
	const struct warta_elem_style *s = rn_el(R, e);
	double size = s->size > 0 ? s->size : 10;

	return s->leading > 0 ? s->leading : size * 1.25;
}

/* Code's text as it is set: a tab in a code block moves on to the next
 * stop of eight columns (a character a column, a wide one two, a mark
 * none), as a reader shows the EPUB's <pre>; one in inline code is a
 * space, as the EPUB's <code> shows it.  No page sets a tab stop: a tab
 * left in was drawn as nothing.  NULL when s has no tab (set s). */
char *
rn_code_untab(const char *s, int block)
{
	GString *g;
	long col = 0;

	if (strchr(s, '\t') == NULL)
		return NULL;
	g = g_string_sized_new(strlen(s) + 16);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\t') {
			for (long k = block ? 8 - col % 8 : 1; k > 0; k--, col++)
				g_string_append_c(g, ' ');
			continue;
		}
		g_string_append_len(g, p, g_utf8_next_char(p) - p);
		if (!g_unichar_iszerowidth(c))
			col += g_unichar_iswide(c) ? 2 : 1;
	}
	return g_string_free(g, FALSE);
}
