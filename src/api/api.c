/* api.c — the public face of libwarta (src/warta.h): opaque handles over the
 * stages' own interfaces (util/diag.h messages, the reader, styles, the
 * print engine, the EPUB and JSON writers).  Only what warta.h declares is
 * exported from libwarta.so (-fvisibility=hidden, src/warta.map). */
#include <string.h>

#include "warta.h"
#include "article/article.h"
#include "json/json.h"
#include "epub/epub.h"
#include "render/render.h"
#include "style/style.h"
#include "util/diag.h"
#include "util/output.h"

struct warta_messages {
	struct warta_diags d;
};

struct warta_print {
	const struct warta_style *style;
	struct warta_engine *engine;
	char *edition_title, *edition_date, *edition_lang;
	int first_page, last_page;
	double dpi;
};

struct warta_epub {
	const struct warta_style *style;
	struct warta_epub_opts opts;
	char *edition_title, *edition_date, *edition_lang;
};

struct warta_json {
	int unused;
};

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

/* The list the stages report into: the caller's, or one thrown away. */
static struct warta_diags *
diags(warta_messages *m, struct warta_diags *scratch)
{
	if (m)
		return &m->d;
	warta_diags_init(scratch);
	return scratch;
}

static void
diags_done(warta_messages *m, struct warta_diags *scratch)
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
	doc = warta_article_read_file(path, &o, diags(m, &scratch));
	diags_done(m, &scratch);
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
	doc = warta_article_read(name, data, len, &o, diags(m, &scratch));
	diags_done(m, &scratch);
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

/* ---------------------------------------------------------------- styles */

warta_style *
warta_style_open(const char *name_or_path, warta_messages *m)
{
	struct warta_diags scratch;
	warta_style *s = warta_style_load(name_or_path, NULL, diags(m, &scratch));

	diags_done(m, &scratch);
	return s;
}

void
warta_style_close(warta_style *style)
{
	if (style)
		warta_style_free(style);
}

/* ---------------------------------------------------------------- print */

warta_print *
warta_print_new(const warta_style *style, warta_messages *m)
{
	struct warta_diags scratch;
	struct warta_engine *e;
	warta_print *p;

	if (style == NULL) {
		warta_diag(diags(m, &scratch), WARTA_ERROR, NULL, 0, 0, "no style to print with");
		diags_done(m, &scratch);
		return NULL;
	}
	e = warta_engine_new(diags(m, &scratch));
	diags_done(m, &scratch);
	if (e == NULL)
		return NULL;
	p = g_new0(warta_print, 1);
	p->style = style;
	p->engine = e;
	return p;
}

void
warta_print_free(warta_print *p)
{
	if (p == NULL)
		return;
	warta_engine_free(p->engine);
	g_free(p->edition_title);
	g_free(p->edition_date);
	g_free(p->edition_lang);
	g_free(p);
}

void
warta_print_set_edition(warta_print *p, const char *title, const char *date)
{
	g_free(p->edition_title);
	g_free(p->edition_date);
	p->edition_title = g_strdup(title);
	p->edition_date = g_strdup(date);
}

void
warta_print_set_edition_lang(warta_print *p, const char *lang)
{
	g_free(p->edition_lang);
	p->edition_lang = g_strdup(lang);
}

void
warta_print_set_pages(warta_print *p, int first, int last)
{
	p->first_page = first > 0 ? first : 0;
	p->last_page = last > 0 ? last : 0;
}

void
warta_print_set_dpi(warta_print *p, double dpi)
{
	p->dpi = dpi > 0 ? dpi : 0;
}

int
warta_print_render(warta_print *p, warta_doc *const *docs, size_t n, enum warta_print_kind kind,
                   const char *path, warta_messages *m)
{
	static const enum warta_print_format fmt[] = {
		[WARTA_KIND_PDF] = WARTA_PRINT_PDF, [WARTA_KIND_PNG] = WARTA_PRINT_PNG,
		[WARTA_KIND_SVG] = WARTA_PRINT_SVG, [WARTA_KIND_TRACE] = WARTA_PRINT_TRACE,
	};
	struct warta_render_opts o;
	struct warta_diags scratch, *d = diags(m, &scratch);
	int rc = -1;

	if ((int)kind < 0 || (size_t)kind >= G_N_ELEMENTS(fmt)) {
		warta_diag(d, WARTA_ERROR, path, 0, 0, "no such print format (%d)", (int)kind);
	} else {
		memset(&o, 0, sizeof o);
		o.format = fmt[kind];
		o.dpi = p->dpi;
		o.first_page = p->first_page;
		o.last_page = p->last_page;
		o.edition_title = p->edition_title;
		o.edition_date = p->edition_date;
		o.edition_lang = p->edition_lang;
		rc = warta_render(p->engine, p->style, docs, n, &o, path, NULL, d);
	}
	diags_done(m, &scratch);
	return rc;
}

/* ---------------------------------------------------------------- EPUB */

warta_epub *
warta_epub_new(const warta_style *style, warta_messages *m)
{
	struct warta_diags fd;
	warta_epub *e;

	if (style == NULL) {
		struct warta_diags scratch;

		warta_diag(diags(m, &scratch), WARTA_ERROR, NULL, 0, 0, "no style to make a book with");
		diags_done(m, &scratch);
		return NULL;
	}
	e = g_new0(warta_epub, 1);
	e->style = style;
	/* the font set, made once for the writer's books; when it cannot be
	 * made, each book tries again and says why (a warning: the book is
	 * made without its cover) */
	warta_diags_init(&fd);
	e->opts.engine = warta_engine_new(&fd);
	warta_diags_fini(&fd);
	return e;
}

void
warta_epub_free(warta_epub *e)
{
	if (e == NULL)
		return;
	warta_engine_free(e->opts.engine);
	g_free(e->edition_title);
	g_free(e->edition_date);
	g_free(e->edition_lang);
	g_free(e);
}

void
warta_epub_set_edition(warta_epub *e, const char *title, const char *date)
{
	g_free(e->edition_title);
	g_free(e->edition_date);
	e->edition_title = g_strdup(title);
	e->edition_date = g_strdup(date);
}

void
warta_epub_set_edition_lang(warta_epub *e, const char *lang)
{
	g_free(e->edition_lang);
	e->edition_lang = g_strdup(lang);
}

void
warta_epub_set_embed_fonts(warta_epub *e, int embed)
{
	e->opts.embed_fonts = embed != 0;
}

int
warta_epub_render(warta_epub *e, warta_doc *const *docs, size_t n, const char *path, warta_messages *m)
{
	struct warta_diags scratch;
	int rc;

	e->opts.edition_title = e->edition_title;
	e->opts.edition_date = e->edition_date;
	e->opts.edition_lang = e->edition_lang;
	rc = warta_epub_write(docs, n, e->style, &e->opts, path, diags(m, &scratch));
	diags_done(m, &scratch);
	return rc;
}

/* ---------------------------------------------------------------- JSON */

warta_json *
warta_json_new(warta_messages *m)
{
	(void)m;
	return g_new0(warta_json, 1);
}

void
warta_json_free(warta_json *j)
{
	g_free(j);
}

static void
json_flush(GString *s, void *data)
{
	warta_output_write(data, s->str, s->len);
	g_string_truncate(s, 0);
}

int
warta_json_render(warta_json *j, warta_doc *const *docs, size_t n, const char *path, warta_messages *m)
{
	struct warta_diags scratch, *d = diags(m, &scratch);
	struct warta_output *o;
	GString *s;
	size_t i;
	int rc = -1;

	(void)j;
	if (n == 0) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "nothing to write");
	} else if ((o = warta_output_open(path, d)) != NULL) {
		/* written as it is made (a write error is kept; commit reports it) */
		s = g_string_new(NULL);
		if (n == 1) {
			warta_json_write_flushed(docs[0], s, json_flush, o);
		} else {
			g_string_append(s, "[\n");
			for (i = 0; i < n; i++) {
				if (i)
					g_string_append(s, ",\n");
				warta_json_write_flushed(docs[i], s, json_flush, o);
			}
			g_string_append(s, "]\n");
		}
		json_flush(s, o);
		g_string_free(s, TRUE);
		rc = warta_output_commit(o, d);
	}
	diags_done(m, &scratch);
	return rc;
}
