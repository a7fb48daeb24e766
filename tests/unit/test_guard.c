/* test_guard.c — the guard of two layout threads (src/layout/guard.h): which
 * characters the font set covers (a character none has is shaped under the
 * guard: Pango measures its box with Cairo), the guard carried by a Pango
 * context, and the hyphen a font is broken with, asked of HarfBuzz so that
 * no hyphen is ever shaped as a missing glyph. */
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "harness.h"
#include "layout/guard.h"
#include "layout/para_int.h"
#include "render/engine.h"
#include "util/diag.h"

/* The first font Pango chooses for family, at 10 pt. */
static PangoFont *
font_of(PangoContext *ctx, const char *family)
{
	PangoFontDescription *fd = pango_font_description_from_string(family);
	PangoFont *f;

	pango_font_description_set_size(fd, 10 * PANGO_SCALE);
	f = pango_context_load_font(ctx, fd);
	pango_font_description_free(fd);
	return f;
}

static gint other_in;

/* Takes the guard, says so, releases it. */
static gpointer
other_thread(gpointer g)
{
	pa_guard_lock(g);
	g_atomic_int_set(&other_in, 1);
	pa_guard_unlock(g);
	return NULL;
}

int
main(void)
{
	struct warta_diags d;
	struct warta_engine *e;
	struct pa_guard *g;
	PangoContext *ctx;
	PangoFont *f;

	warta_diags_init(&d);
	e = warta_engine_new(&d);
	OK(e != NULL, "the engine loads");
	if (e == NULL)
		return harness_done();
	g = pa_guard_new(warta_engine_fc(e));
	OK(!pa_guard_uncovered(g, "Jakarta, 25 Oktober", 19), "Latin letters are covered");
	OK(!pa_guard_uncovered(g, "\xe4\xb8\xad\xe6\x96\x87 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a", 15),
	    "Han and Arabic are covered");
	OK(!pa_guard_uncovered(g, "\xf0\x9f\x98\x80", 4), "an emoji (above the BMP) is covered");
	OK(pa_guard_uncovered(g, "ab\xcd\xb8", 4), "U+0378, unassigned, is not");
	OK(pa_guard_uncovered(g, "x\xf4\x8f\xbf\xbdy", 6), "U+10FFFD, private use above the BMP, is not");
	OK(!pa_guard_uncovered(g, "ab\xcd\xb8", 2), "only the bytes given are looked at");

	ctx = warta_print_context_new(warta_engine_fc(e));
	OK(pa_guard_get(ctx) == NULL, "a context has no guard at first");
	rn_guard_on(e, ctx, ctx);
	OK(pa_guard_get(ctx) != NULL, "a call on two threads puts the engine's guard on");
	{
		GThread *t;

		/* held twice by this thread (a page drawn that sets a running
		 * head): it does not deadlock, and the other thread waits until
		 * both are released */
		pa_guard_lock(pa_guard_get(ctx));
		pa_guard_lock(pa_guard_get(ctx));
		t = g_thread_new("other", other_thread, pa_guard_get(ctx));
		g_usleep(50000);
		OK(g_atomic_int_get(&other_in) == 0, "another thread waits while the guard is held");
		pa_guard_unlock(pa_guard_get(ctx));
		g_usleep(20000);
		OK(g_atomic_int_get(&other_in) == 0, "and while it is held once more");
		pa_guard_unlock(pa_guard_get(ctx));
		g_thread_join(t);
		OK(g_atomic_int_get(&other_in) == 1, "and gets it once it is released");
	}
	rn_guard_off(ctx, ctx);
	OK(pa_guard_get(ctx) == NULL, "and takes it off");

	f = font_of(ctx, "Charis SIL");
	STR_EQ(pa_hyphen_char(f), "\xe2\x80\x90", "Charis SIL breaks with U+2010");
	g_object_unref(f);
	STR_EQ(pa_hyphen_char(NULL), "-", "no font: a hyphen-minus");
	g_object_unref(ctx);
	pa_guard_free(g);
	warta_engine_free(e);
	warta_diags_fini(&d);
	return harness_done();
}
