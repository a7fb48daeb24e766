/* guard.c — Cairo and FreeType for two threads of one document (guard.h). */
#include <fontconfig/fontconfig.h>

#include "layout/guard.h"

struct pa_guard {
	GRecMutex lock;                 /* recursive: a page drawn may set a running head */
	guint8 bmp[0x10000 / 8];        /* bit c: a font of the set has U+c */
	FcCharSet *cover;               /* the set's characters, for those above */
};

static GQuark
guard_quark(void)
{
	static gsize q;

	if (g_once_init_enter(&q))
		g_once_init_leave(&q, g_quark_from_static_string("warta-guard"));
	return (GQuark)q;
}

/* Adds the characters of every font of set to g. */
static void
add_fonts(struct pa_guard *g, FcFontSet *set)
{
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;

		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
			FcCharSetMerge(g->cover, cs, NULL);
	}
}

struct pa_guard *
pa_guard_new(FcConfig *fc)
{
	struct pa_guard *g = g_new0(struct pa_guard, 1);
	FcChar32 map[FC_CHARSET_MAP_SIZE], next, base;

	g_rec_mutex_init(&g->lock);
	g->cover = FcCharSetCreate();
	add_fonts(g, FcConfigGetFonts(fc, FcSetSystem));
	add_fonts(g, FcConfigGetFonts(fc, FcSetApplication));
	/* each page of the charset is 256 characters, a word per 32 */
	for (base = FcCharSetFirstPage(g->cover, map, &next); base != FC_CHARSET_DONE && base < 0x10000;
	     base = FcCharSetNextPage(g->cover, map, &next)) {
		for (int w = 0; w < FC_CHARSET_MAP_SIZE; w++)
			for (int b = 0; b < 32; b++)
				if (map[w] & (1u << b)) {
					FcChar32 c = base + (FcChar32)w * 32 + (FcChar32)b;

					g->bmp[c >> 3] |= (guint8)(1u << (c & 7));
				}
	}
	return g;
}

void
pa_guard_free(struct pa_guard *g)
{
	if (g == NULL)
		return;
	FcCharSetDestroy(g->cover);
	g_rec_mutex_clear(&g->lock);
	g_free(g);
}

void
pa_guard_set(PangoContext *ctx, struct pa_guard *g)
{
	g_object_set_qdata(G_OBJECT(ctx), guard_quark(), g);
}

struct pa_guard *
pa_guard_get(PangoContext *ctx)
{
	return ctx ? g_object_get_qdata(G_OBJECT(ctx), guard_quark()) : NULL;
}

void
pa_guard_lock(struct pa_guard *g)
{
	if (g)
		g_rec_mutex_lock(&g->lock);
}

int
pa_guard_trylock(struct pa_guard *g)
{
	return g == NULL || g_rec_mutex_trylock(&g->lock);
}

void
pa_guard_unlock(struct pa_guard *g)
{
	if (g)
		g_rec_mutex_unlock(&g->lock);
}

int
pa_guard_uncovered(const struct pa_guard *g, const char *text, size_t len)
{
	const char *s = text, *end = text + len;

	while (s < end) {
		gunichar c;

		if ((unsigned char)*s < 0x80) {
			c = (unsigned char)*s++;
		} else {
			c = g_utf8_get_char(s);
			s = g_utf8_next_char(s);
		}
		if (c < 0x10000 ? !(g->bmp[c >> 3] & (1u << (c & 7))) : !FcCharSetHasChar(g->cover, c))
			return 1;
	}
	return 0;
}
