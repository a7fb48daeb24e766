/* engine.h — the print engine's inside (engine.c): warta's font set, the
 * hyphenation dictionaries, and the Pango font maps kept between calls.
 * Not used outside src/render/. */
#ifndef WARTA_RENDER_ENGINE_H
#define WARTA_RENDER_ENGINE_H

#include <glib.h>
#include <pango/pango.h>

#include "render/render.h"

struct warta_engine {
	struct _FcConfig *fc;           /* only warta's fonts; shared read-only */
	struct warta_hyphenator *hyph;  /* shared read-only */
	GMutex lock;                    /* guards fonts */
	GPtrArray *fonts;               /* idle struct rn_fonts, kept for the next call */
	struct pa_guard *guard;         /* Cairo for two threads (layout/guard.h): made by the
	                                   first call that lays out on two, under lock */
};

/* A Pango font map and its context, used by one warta_render call at a time
 * and then kept in the engine for the next: a batch's articles share its
 * fonts, their metrics and coverage, instead of loading them per article. */
struct rn_fonts {
	PangoFontMap *fontmap;
	PangoContext *ctx;
};

/* An idle font map of the engine's, or a new one; give it back with
 * rn_fonts_put.  Pango objects are not shared between threads. */
struct rn_fonts *rn_fonts_take(struct warta_engine *e);
void rn_fonts_put(struct warta_engine *e, struct rn_fonts *f);
/* The engine's guard, put on the Pango contexts of a call on two threads
 * (rn_guard_on) and taken off them (rn_guard_off) once its helper thread
 * has ended: it is held while a page is drawn and by the few layout calls
 * that reach Cairo (layout/guard.h). */
void rn_guard_on(struct warta_engine *e, PangoContext *a, PangoContext *b);
void rn_guard_off(PangoContext *a, PangoContext *b);

#endif
