/* api.c — the public face of libwarta (src/warta.h): opaque handles over the
 * stages' own interfaces: the messages (util/diag.h), dates and languages,
 * documents and styles here; the reader in reader.c, the back ends in
 * backends.c.  Only what warta.h declares is exported from libwarta.so
 * (-fvisibility=hidden, src/warta.map). */
#include <fontconfig/fontconfig.h>
#include <stdarg.h>
#include <string.h>

#include <cairo.h>
#include <pango/pango.h>
#include <zip.h>

#include "api/api_int.h"
#include "article/article.h"
#include "lang/lang.h"
#include "style/style.h"
#include "util/date.h"
#include "util/fsname.h"
#include "util/output.h"

const char *
warta_version(void)
{
	return WARTA_VERSION;
}

void
warta_free(void *p)
{
	g_free(p);
}

char *
warta_version_components(void)
{
	return g_strdup_printf("GLib %u.%u.%u, Pango %s, cairo %s, libzip %s", glib_major_version,
	                       glib_minor_version, glib_micro_version, pango_version_string(),
	                       cairo_version_string(), zip_libzip_version());
}

void
warta_cleanup_temporaries(void)
{
	warta_output_unlink_all();
}

int
warta_cleanup_dead(const char *dir, long pid, char **kept)
{
	GString *msg = g_string_new(NULL);
	int n = dir && pid > 0 ? fsn_clean_dead(dir, (pid_t)pid, msg) : 0;

	if (kept)
		*kept = msg->len ? g_string_free(msg, FALSE) : (g_string_free(msg, TRUE), NULL);
	else
		g_string_free(msg, TRUE);
	return n;
}

/* ---------------------------------------------------------------- dates and languages */

int
warta_date_is_valid(const char *s)
{
	return s && warta_date_valid(s);
}

int
warta_date_source_epoch(long long *t)
{
	gint64 v = 0;
	int rc = warta_source_date_epoch(&v);

	if (rc > 0 && t)
		*t = (long long)v;
	return rc;
}

char *
warta_date_from_epoch(long long t)
{
	if (t < 0 || t > WARTA_EPOCH_LIMIT)
		return NULL;
	return warta_date_format_epoch((gint64)t, 1);
}

char *
warta_lang_majority(const char *const *tags, size_t n)
{
	return g_strdup(warta_lang_most_common(tags, n));
}

/* ---------------------------------------------------------------- messages */

warta_messages *
warta_messages_new(void)
{
	warta_messages *m = g_new0(warta_messages, 1);

	warta_diags_init(&m->d);
	return m;
}

void
warta_messages_free(warta_messages *m)
{
	if (m == NULL)
		return;
	warta_diags_fini(&m->d);
	g_free(m);
}

size_t
warta_messages_count(const warta_messages *m)
{
	return m ? m->d.items->len : 0;
}

size_t
warta_messages_errors(const warta_messages *m)
{
	return m ? (size_t)warta_diags_errors(&m->d) : 0;
}

static const struct warta_diag *
msg(const warta_messages *m, size_t i)
{
	return m && i < m->d.items->len ? m->d.items->pdata[i] : NULL;
}

int
warta_message_severity(const warta_messages *m, size_t i)
{
	const struct warta_diag *x = msg(m, i);

	if (x == NULL)
		return -1;
	return x->severity == WARTA_ERROR ? WARTA_MSG_ERROR :
	       x->severity == WARTA_WARNING ? WARTA_MSG_WARNING : WARTA_MSG_NOTE;
}

const char *
warta_message_file(const warta_messages *m, size_t i)
{
	const struct warta_diag *x = msg(m, i);

	return x ? x->file : NULL;
}

int
warta_message_line(const warta_messages *m, size_t i)
{
	const struct warta_diag *x = msg(m, i);

	return x ? x->line : 0;
}

int
warta_message_column(const warta_messages *m, size_t i)
{
	const struct warta_diag *x = msg(m, i);

	return x ? x->col : 0;
}

const char *
warta_message_text(const warta_messages *m, size_t i)
{
	const struct warta_diag *x = msg(m, i);

	return x ? x->message : NULL;
}

char *
warta_message_format(const warta_messages *m, size_t i)
{
	const struct warta_diag *x = msg(m, i);

	return x ? warta_diag_format(x) : NULL;
}

void
warta_messages_add(warta_messages *m, int sev, const char *file, int line, int col,
                   const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (m == NULL || fmt == NULL)
		return;
	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	warta_diag(&m->d, sev == WARTA_MSG_ERROR ? WARTA_ERROR :
	           sev == WARTA_MSG_WARNING ? WARTA_WARNING : WARTA_NOTE, file, line, col, "%s", text);
	g_free(text);
}

void
warta_messages_clear(warta_messages *m)
{
	if (m)
		warta_diags_clear(&m->d);
}

size_t
warta_messages_dropped(const warta_messages *m, int sev)
{
	if (m == NULL || sev < WARTA_MSG_NOTE || sev > WARTA_MSG_ERROR)
		return 0;
	return (size_t)warta_diags_dropped(&m->d, sev == WARTA_MSG_ERROR ? WARTA_ERROR :
	                                   sev == WARTA_MSG_WARNING ? WARTA_WARNING : WARTA_NOTE);
}

/* The list the stages report into: the caller's, or one thrown away. */
struct warta_diags *
api_diags(warta_messages *m, struct warta_diags *scratch)
{
	if (m)
		return &m->d;
	warta_diags_init(scratch);
	return scratch;
}

void
api_diags_done(warta_messages *m, struct warta_diags *scratch)
{
	if (!m)
		warta_diags_fini(scratch);
}

/* ---------------------------------------------------------------- reading */

static void
read_opts(struct warta_read_opts *o, const char *lang, unsigned flags)
{
	memset(o, 0, sizeof *o);
	o->lang = lang;
	o->keep_boilerplate = (flags & WARTA_READ_KEEP_BOILERPLATE) != 0;
	o->repair = (flags & WARTA_READ_REPAIR) != 0;
}

warta_doc *
warta_read_file(const char *path, const char *lang, unsigned flags, warta_messages *m)
{
	struct warta_read_opts o;
	struct warta_diags scratch;
	warta_doc *doc;

	read_opts(&o, lang, flags);
	doc = warta_article_read_file(path, &o, api_diags(m, &scratch));
	api_diags_done(m, &scratch);
	return doc;
}

warta_doc *
warta_read_buffer(const char *name, const char *data, size_t len, const char *lang, unsigned flags,
                  warta_messages *m)
{
	struct warta_read_opts o;
	struct warta_diags scratch;
	warta_doc *doc;

	read_opts(&o, lang, flags);
	doc = warta_article_read(name, data, len, &o, api_diags(m, &scratch));
	api_diags_done(m, &scratch);
	return doc;
}

const char *
warta_doc_title(const warta_doc *doc)
{
	return doc ? doc->meta.title : NULL;
}

const char *
warta_doc_language(const warta_doc *doc)
{
	return doc ? doc->meta.lang : NULL;
}

const char *
warta_doc_date(const warta_doc *doc)
{
	return doc ? doc->meta.date : NULL;
}

const char *
warta_doc_section(const warta_doc *doc)
{
	return doc ? doc->meta.section : NULL;
}

const char *
warta_doc_source(const warta_doc *doc)
{
	return doc ? doc->meta.source : NULL;
}

const char *
warta_doc_path(const warta_doc *doc)
{
	return doc ? doc->path : NULL;
}

const char *
warta_doc_name(const warta_doc *doc)
{
	return doc ? doc->name : NULL;
}

const char *
warta_doc_style(const warta_doc *doc)
{
	return doc ? doc->meta.style : NULL;
}

int
warta_doc_title_line(const warta_doc *doc)
{
	return doc ? doc->meta.title_line : 0;
}

int
warta_doc_missing_pictures(const warta_doc *doc)
{
	return doc ? doc->broken_images : 0;
}

char *
warta_doc_name_of(const char *path)
{
	struct warta_doc *probe;
	char *name;

	if (path == NULL)
		return NULL;
	probe = warta_doc_new(path);
	name = g_strdup(probe->name);
	warta_doc_free(probe);
	return name;
}

void
warta_doc_set_title(warta_doc *doc, const char *title)
{
	if (doc == NULL)
		return;
	g_free(doc->meta.title);
	doc->meta.title = g_strdup(title);
}

void
warta_doc_set_group(warta_doc *doc, const char *group)
{
	if (doc == NULL)
		return;
	g_free(doc->meta.group);
	doc->meta.group = g_strdup(group);
}

/* ---------------------------------------------------------------- styles */

warta_style *
warta_style_open(const char *name_or_path, warta_messages *m)
{
	struct warta_diags scratch;
	warta_style *s = warta_style_load(name_or_path, NULL, api_diags(m, &scratch));

	api_diags_done(m, &scratch);
	return s;
}

void
warta_style_close(warta_style *style)
{
	if (style)
		warta_style_free(style);
}

const char *
warta_style_name(const warta_style *style)
{
	return style ? style->name : NULL;
}

const char *
warta_style_description(const warta_style *style)
{
	return style ? style->description : NULL;
}

warta_style **
warta_styles_list(warta_messages *m)
{
	struct warta_diags scratch;
	warta_style **list = warta_style_list(NULL, api_diags(m, &scratch));

	api_diags_done(m, &scratch);
	return list;
}

int
warta_style_check_fonts_set(const warta_style *style, warta_messages *m)
{
	struct warta_diags fd, scratch;
	FcConfig *fc;
	int n;

	if (style == NULL)
		return -1;
	/* a font set that cannot be loaded is left to the back ends, which
	 * say why */
	warta_diags_init(&fd);
	fc = warta_fonts_config(&fd);
	warta_diags_fini(&fd);
	if (fc == NULL)
		return -1;
	n = warta_style_check_fonts(style, fc, api_diags(m, &scratch));
	api_diags_done(m, &scratch);
	FcConfigDestroy(fc);
	return n;
}

