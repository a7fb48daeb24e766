/* diag.c — the diagnostics list (diag.h): stages append, the command line prints.
 * Reads nothing; writes heap-allocated messages guarded by a mutex. */
#include <stdarg.h>

#include "util/diag.h"

static void
diag_free(gpointer p)
{
	struct warta_diag *d = p;

	g_free(d->file);
	g_free(d->message);
	g_free(d);
}

static int
cap(const struct warta_diags *d)
{
	return d->max > 0 ? d->max : 1000;
}

void
warta_diags_init(struct warta_diags *d)
{
	d->items = g_ptr_array_new_with_free_func(diag_free);
	d->counts[0] = d->counts[1] = d->counts[2] = 0;
	d->kept[0] = d->kept[1] = d->kept[2] = 0;
	d->max = 0;
	d->glyphs_dropped = 0;
	g_mutex_init(&d->lock);
}

void
warta_diags_clear(struct warta_diags *d)
{
	g_mutex_lock(&d->lock);
	g_ptr_array_set_size(d->items, 0);
	d->counts[0] = d->counts[1] = d->counts[2] = 0;
	d->kept[0] = d->kept[1] = d->kept[2] = 0;
	d->glyphs_dropped = 0;
	g_mutex_unlock(&d->lock);
}

void
warta_diags_fini(struct warta_diags *d)
{
	if (!d->items)
		return;
	g_ptr_array_free(d->items, TRUE);
	d->items = NULL;
	g_mutex_clear(&d->lock);
}

static void
add(struct warta_diags *d, enum warta_severity sev, int glyph, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	struct warta_diag *m;

	g_mutex_lock(&d->lock);
	d->counts[sev]++;
	if (d->kept[sev] >= cap(d)) {
		d->glyphs_dropped += glyph;
		g_mutex_unlock(&d->lock);
		return;
	}
	d->kept[sev]++;
	m = g_new0(struct warta_diag, 1);
	m->severity = sev;
	m->file = g_strdup(file);
	m->line = line;
	m->col = col;
	m->message = g_strdup_vprintf(fmt, ap);
	m->missing_glyph = glyph;
	g_ptr_array_add(d->items, m);
	g_mutex_unlock(&d->lock);
}

void
warta_diag(struct warta_diags *d, enum warta_severity sev, const char *file,
           int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	add(d, sev, 0, file, line, col, fmt, ap);
	va_end(ap);
}

void
warta_diag_missing_glyph(struct warta_diags *d, const char *file, int line, int col,
                         const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	add(d, WARTA_ERROR, 1, file, line, col, fmt, ap);
	va_end(ap);
}

void
warta_diags_glyphs_warn(struct warta_diags *d, guint from, int dropped_from)
{
	guint i, k;

	g_mutex_lock(&d->lock);
	for (i = k = 0; i < d->items->len; i++) {
		struct warta_diag *m = d->items->pdata[i];

		if (i >= from && m->missing_glyph && m->severity == WARTA_ERROR) {
			d->counts[WARTA_ERROR]--;
			d->kept[WARTA_ERROR]--;
			d->counts[WARTA_WARNING]++;
			m->missing_glyph = 0;
			if (d->kept[WARTA_WARNING] >= cap(d)) {
				diag_free(m);   /* counted, past the cap of warnings */
				continue;
			}
			d->kept[WARTA_WARNING]++;
			m->severity = WARTA_WARNING;
		}
		d->items->pdata[k++] = m;
	}
	d->items->len = k;
	/* those counted, not recorded: warnings past the cap now */
	if (d->glyphs_dropped > dropped_from) {
		d->counts[WARTA_ERROR] -= d->glyphs_dropped - dropped_from;
		d->counts[WARTA_WARNING] += d->glyphs_dropped - dropped_from;
		d->glyphs_dropped = dropped_from;
	}
	g_mutex_unlock(&d->lock);
}

/* The counts change under the lock (workers add to one list while the
 * command line asks): read them under it too. */
static int
count(const struct warta_diags *d, int (*f)(const struct warta_diags *, int), int sev)
{
	GMutex *lock = (GMutex *)&d->lock;
	int n;

	g_mutex_lock(lock);
	n = f(d, sev);
	g_mutex_unlock(lock);
	return n;
}

static int
counted(const struct warta_diags *d, int sev)
{
	return d->counts[sev];
}

static int
dropped(const struct warta_diags *d, int sev)
{
	return d->counts[sev] - d->kept[sev];
}

int
warta_diags_errors(const struct warta_diags *d)
{
	return count(d, counted, WARTA_ERROR);
}

int
warta_diags_dropped(const struct warta_diags *d, enum warta_severity sev)
{
	return count(d, dropped, sev);
}

char *
warta_diag_format(const struct warta_diag *m)
{
	static const char *const names[] = { "note", "warning", "error" };
	GString *s = g_string_new("warta: ");

	if (m->file) {
		g_string_append(s, m->file);
		if (m->line > 0)
			g_string_append_printf(s, ":%d", m->line);
		if (m->line > 0 && m->col > 0)
			g_string_append_printf(s, ":%d", m->col);
		g_string_append(s, ": ");
	}
	g_string_append_printf(s, "%s: %s", names[m->severity], m->message);
	return g_string_free(s, FALSE);
}

void
warta_diags_move(struct warta_diags *dst, struct warta_diags *src)
{
	guint i;

	g_mutex_lock(&src->lock);
	g_mutex_lock(&dst->lock);
	for (i = 0; i < src->items->len; i++) {
		struct warta_diag *m = src->items->pdata[i];

		if (dst->kept[m->severity] < cap(dst)) {
			dst->kept[m->severity]++;
			g_ptr_array_add(dst->items, m);
		} else {
			dst->glyphs_dropped += m->missing_glyph;
			diag_free(m);
		}
	}
	dst->glyphs_dropped += src->glyphs_dropped;
	src->glyphs_dropped = 0;
	for (i = 0; i < 3; i++) {
		dst->counts[i] += src->counts[i];
		src->counts[i] = 0;
		src->kept[i] = 0;
	}
	g_ptr_array_set_free_func(src->items, NULL);
	g_ptr_array_set_size(src->items, 0);
	g_ptr_array_set_free_func(src->items, diag_free);
	g_mutex_unlock(&dst->lock);
	g_mutex_unlock(&src->lock);
}
