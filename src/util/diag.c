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

static int missing_glyphs_warn_default;

void
warta_diags_missing_glyphs_default(int warn)
{
	missing_glyphs_warn_default = warn;
}

void
warta_diags_init(struct warta_diags *d)
{
	d->items = g_ptr_array_new_with_free_func(diag_free);
	d->counts[0] = d->counts[1] = d->counts[2] = 0;
	d->kept[0] = d->kept[1] = d->kept[2] = 0;
	d->max = 0;
	d->missing_glyphs_warn = missing_glyphs_warn_default;
	g_mutex_init(&d->lock);
}

void
warta_diags_clear(struct warta_diags *d)
{
	g_mutex_lock(&d->lock);
	g_ptr_array_set_size(d->items, 0);
	d->counts[0] = d->counts[1] = d->counts[2] = 0;
	d->kept[0] = d->kept[1] = d->kept[2] = 0;
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

void
warta_diag(struct warta_diags *d, enum warta_severity sev, const char *file,
           int line, int col, const char *fmt, ...)
{
	struct warta_diag *m;
	va_list ap;

	if (!d)
		return;
	g_mutex_lock(&d->lock);
	d->counts[sev]++;
	if (d->kept[sev] >= cap(d)) {
		g_mutex_unlock(&d->lock);
		return;
	}
	d->kept[sev]++;
	m = g_new0(struct warta_diag, 1);
	m->severity = sev;
	m->file = g_strdup(file);
	m->line = line;
	m->col = col;
	va_start(ap, fmt);
	m->message = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(d->items, m);
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
			diag_free(m);
		}
	}
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
