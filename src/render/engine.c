/* engine.c — the print engine (render.h): warta's font set through its own
 * fontconfig configuration, the hyphenation dictionaries, and the Pango font
 * maps each warta_render call takes and gives back (engine.h), so that a
 * batch's articles share fonts, metrics and coverage.  Made once, shared by
 * threads. */
#include <fontconfig/fontconfig.h>

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "layout/guard.h"
#include "layout/hyphenate.h"
#include "render/engine.h"
#include "style/style.h"

static void fonts_free(struct rn_fonts *f);

struct warta_engine *
warta_engine_new(struct warta_diags *d)
{
	struct warta_engine *e = g_new0(struct warta_engine, 1);

	e->fc = warta_fonts_config(d);
	if (e->fc == NULL) {
		g_free(e);
		return NULL;
	}
	/* before any Pango font map: see warta_fonts_make_default */
	if (warta_fonts_make_default(e->fc) < 0)
		warta_diag(d, WARTA_NOTE, NULL, 0, 0,
		    "fontconfig: cannot make warta's font configuration current");
	e->hyph = warta_hyphenator_new();
	g_mutex_init(&e->lock);
	e->fonts = g_ptr_array_new();
	return e;
}

FcConfig *
warta_engine_fc(const struct warta_engine *e)
{
	return e->fc;
}

PangoContext *
warta_print_context_new(FcConfig *fc)
{
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx;
	cairo_font_options_t *fo;

	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fc);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	ctx = pango_font_map_create_context(fm);
	g_object_unref(fm);             /* the context holds it */
	pango_context_set_round_glyph_positions(ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	return ctx;
}

static void
fonts_free(struct rn_fonts *f)
{
	g_object_unref(f->ctx);
	g_object_unref(f->fontmap);
	g_free(f);
}

struct rn_fonts *
rn_fonts_take(struct warta_engine *e)
{
	struct rn_fonts *f = NULL;

	g_mutex_lock(&e->lock);
	if (e->fonts->len > 0)
		f = g_ptr_array_steal_index_fast(e->fonts, e->fonts->len - 1);
	g_mutex_unlock(&e->lock);
	if (f)
		return f;
	f = g_new0(struct rn_fonts, 1);
	f->ctx = warta_print_context_new(e->fc);
	f->fontmap = g_object_ref(pango_context_get_font_map(f->ctx));
	return f;
}

void
rn_fonts_put(struct warta_engine *e, struct rn_fonts *f)
{
	g_mutex_lock(&e->lock);
	g_ptr_array_add(e->fonts, f);
	g_mutex_unlock(&e->lock);
}

void
rn_guard_on(struct warta_engine *e, PangoContext *a, PangoContext *b)
{
	g_mutex_lock(&e->lock);
	if (e->guard == NULL)
		e->guard = pa_guard_new(e->fc);
	g_mutex_unlock(&e->lock);
	pa_guard_set(a, e->guard);
	pa_guard_set(b, e->guard);
}

void
rn_guard_off(PangoContext *a, PangoContext *b)
{
	pa_guard_set(a, NULL);
	pa_guard_set(b, NULL);
}

void
warta_engine_free(struct warta_engine *e)
{
	if (e == NULL)
		return;
	if (e->fc)
		FcConfigDestroy(e->fc);
	if (e->hyph)
		warta_hyphenator_free(e->hyph);
	for (guint i = 0; i < e->fonts->len; i++)
		fonts_free(g_ptr_array_index(e->fonts, i));
	g_ptr_array_free(e->fonts, TRUE);
	pa_guard_free(e->guard);
	g_mutex_clear(&e->lock);
	g_free(e);
}
