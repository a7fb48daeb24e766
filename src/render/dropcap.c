/* dropcap.c — the drop cap of an article's first body paragraph: its first
 * letter measured (Pango) and sized to span the style's number of lines,
 * a hanging descender allowed for, then cut out of the paragraph's text. */
#include <string.h>

#include "layout/guard.h"
#include "render/typeset.h"

/* The drop cap: the first letter of the first body paragraph, set big
 * enough to span lines lines; takes it out of the paragraph's text. */
struct rdrop *
rn_drop_cap(struct rn *R, struct art *A, struct pa_para *P)
{
	struct rdrop *d;
	const char *t = P->text->str;
	const char *e;
	struct pa_fmt f;
	struct pa_run *r0;
	double lead = rn_leading(R, WARTA_EL_BODY), bodysize;
	PangoRectangle ink, logical;
	PangoGlyphString *gs;
	GList *items;
	PangoAttrList *al;
	int lines = R->style->drop_cap;

	if (lines < 2 || P->text->len == 0 || P->rtl || P->runs->len == 0)
		return NULL;
	e = g_utf8_next_char(t);
	if (!g_unichar_isalpha(g_utf8_get_char(t)))
		return NULL;
	{
		gunichar c = g_utf8_get_char(t);
		GUnicodeScript sc = g_unichar_get_script(c);

		if (sc != G_UNICODE_SCRIPT_LATIN && sc != G_UNICODE_SCRIPT_GREEK && sc != G_UNICODE_SCRIPT_CYRILLIC)
			return NULL;
	}
	r0 = &g_array_index(P->runs, struct pa_run, 0);
	f = rn_fmt(R, WARTA_EL_BODY);
	bodysize = f.size;
	d = g_new0(struct rdrop, 1);
	d->lines = lines;
	d->text = g_strndup(t, e - t);
	if (r0->fmt.small_caps) {
		char *up = g_utf8_strup(d->text, -1);

		g_free(d->text);
		d->text = up;
	}
	d->color = rn_el(R, WARTA_EL_HEADING_NUMBER)->color ? rn_el(R, WARTA_EL_HEADING_NUMBER)->color : f.color;
	d->family = g_strdup(rn_el(R, WARTA_EL_HEADLINE)->family ? rn_el(R, WARTA_EL_HEADLINE)->family : f.family);
	/* measure the letter at 100 pt and the body's capital height */
	al = pango_attr_list_new();
	{
		PangoFontDescription *fd = pango_font_description_new();
		PangoAttribute *a;

		pango_font_description_set_family(fd, d->family);
		pango_font_description_set_size(fd, 100 * PANGO_SCALE);
		a = pango_attr_font_desc_new(fd);
		a->start_index = 0;
		a->end_index = strlen(d->text);
		pango_attr_list_insert(al, a);
		pango_font_description_free(fd);
	}
	items = pango_itemize(R->ctx, d->text, 0, strlen(d->text), al, NULL);
	gs = pango_glyph_string_new();
	if (items) {
		PangoItem *it = items->data;
		double cap_body;

		struct pa_guard *g = pa_guard_get(R->ctx);

		/* its ink is measured by Cairo: guarded from the other thread */
		pa_guard_lock(g);
		pango_shape_with_flags(d->text, strlen(d->text), d->text, strlen(d->text), &it->analysis, gs,
		    PANGO_SHAPE_NONE);
		pango_glyph_string_extents(gs, it->analysis.font, &ink, &logical);
		pa_guard_unlock(g);
		cap_body = bodysize * 0.68;
		if (ink.height > 0) {
			double want = (lines - 1) * lead + cap_body;   /* baseline of line 1 cap top to line N baseline */

			double below, room = MAX(lead - bodysize * 0.8, 0);

			d->size = 100.0 * want / (-(double)ink.y / PANGO_SCALE);
			/* A descender (J, Q) hangs below the cap's last line, as
			 * in print, and the line under the cap is at the full
			 * measure.  Where it would reach that line's ascenders,
			 * the cap keeps its top on line 1's capital height and
			 * shrinks until the descender ends room below line N's
			 * baseline; its own baseline then rises by the rest. */
			below = (ink.y + ink.height) / (double)PANGO_SCALE * d->size / 100.0;
			if (below > room) {
				d->size = 100.0 * (want + room) / ((double)ink.height / PANGO_SCALE);
				d->rise = (ink.y + ink.height) / (double)PANGO_SCALE * d->size / 100.0 - room;
			}
			d->width = (ink.x + ink.width) / (double)PANGO_SCALE * d->size / 100.0 + bodysize * 0.3;
			d->indent_lines = lines;
		}
	}
	pango_glyph_string_free(gs);
	g_list_free_full(items, (GDestroyNotify)pango_item_free);
	pango_attr_list_unref(al);
	if (d->size <= 0) {
		g_free(d->text);
		g_free(d->family);
		g_free(d);
		return NULL;
	}
	/* take the letter out of the paragraph */
	{
		size_t k = e - t;
		guint i;

		g_string_erase(P->text, 0, k);
		for (i = 0; i < P->runs->len; i++) {
			struct pa_run *r = &g_array_index(P->runs, struct pa_run, i);

			if (r->start < k && r->end > k)
				r->col += 1;    /* its first character is gone */
			r->start = r->start >= k ? r->start - k : 0;
			r->end = r->end >= k ? r->end - k : 0;
		}
		while (P->runs->len && g_array_index(P->runs, struct pa_run, 0).end == 0)
			g_array_remove_index(P->runs, 0);
	}
	g_ptr_array_add(A->drops, d);
	return d;
}
