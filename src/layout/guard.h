/* guard.h — Cairo and FreeType for two threads of one document.
 *
 * With -j 2 an edition is laid out by two threads, each with a Pango font
 * map of its own, and drawn by one.  Pango's shaping and line breaking use
 * HarfBuzz only, but a few calls reach Cairo and FreeType, whose shared
 * state is not safe from two threads in cairo 1.16 (cairo-ft's list of
 * faces per font file, FreeType's library, PangoCairoFont's lazily made
 * scaled font and hex-box font): a drop cap measured by its ink, and a
 * character no font has (Pango measures the box it will draw).  A guard,
 * put on both threads' Pango contexts for the length of such a run, is
 * held by the thread that draws a page and by a thread that makes one of
 * those calls; the characters the font set covers are a bitmap of the
 * Basic Multilingual Plane and fontconfig's charset above it, so a
 * paragraph's text is checked in one pass before it is shaped. */
#ifndef WARTA_GUARD_H
#define WARTA_GUARD_H

#include <glib.h>
#include <pango/pango.h>

struct _FcConfig;

struct pa_guard;

/* A guard for the fonts of fc; free with pa_guard_free. */
struct pa_guard *pa_guard_new(struct _FcConfig *fc);
void pa_guard_free(struct pa_guard *g);
/* Puts g on ctx (NULL: takes it off); the guard of ctx, or NULL. */
void pa_guard_set(PangoContext *ctx, struct pa_guard *g);
struct pa_guard *pa_guard_get(PangoContext *ctx);
/* Holds and releases g; NULL: nothing to do. */
void pa_guard_lock(struct pa_guard *g);
void pa_guard_unlock(struct pa_guard *g);
/* Holds g if no other thread does: 1 (NULL: 1), else 0. */
int pa_guard_trylock(struct pa_guard *g);
/* 1 when one of the len bytes of UTF-8 at text is a character no font of
 * the set has (Pango then measures its box with Cairo). */
int pa_guard_uncovered(const struct pa_guard *g, const char *text, size_t len);

#endif
