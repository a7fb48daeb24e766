/* backends.c — the public back ends (src/warta.h): print (PDF, PNG, SVG,
 * the layout trace) over the print engine (src/render), EPUB over the EPUB
 * writer (src/epub) sharing the print's font set when asked, JSON over the
 * JSON writer (src/json) into an atomic output; and the typesetting report
 * of a print, formatted. */
#include <string.h>

#include "api/api_int.h"
#include "article/article.h"
#include "epub/epub.h"
#include "json/json.h"
#include "render/render.h"
#include "style/style.h"
#include "util/output.h"

/* An edition's title or date as set: a copy with each noncharacter
 * replaced by U+FFFD (Cairo refuses them; the reader does the same to an
 * article's text), invalid UTF-8 as U+FFFD too. */
static char *
edition_text(const char *s)
{
	char *t = s ? g_utf8_make_valid(s, -1) : NULL;
	size_t first;
	gunichar c;

	ar_fix_noncharacters(&t, &first, &c);
	return t;
}

struct warta_print {
	const struct warta_style *style;   /* its own */
	const struct warta_style *use;     /* warta_print_set_style's, or NULL */
	struct warta_engine *engine;
	char *edition_title, *edition_date, *edition_lang, *edition_number;
	int first_page, last_page;
	double dpi;
	int missing_glyphs_warn;
	int report;                        /* measure each render */
	int threads;                       /* an edition's layout threads */
	int has_report;                    /* rep is the last render's */
	struct warta_report rep;
};

struct warta_epub {
	const struct warta_style *style;
	const struct warta_style *use;     /* warta_epub_set_style's, or NULL */
	struct warta_epub_opts opts;
	int shared;                        /* opts.engine is a print's: not ours to free */
	char *edition_title, *edition_date, *edition_lang, *edition_publisher;
};

struct warta_json {
	int unused;
};

/* ---------------------------------------------------------------- print */

warta_print *
warta_print_new(const warta_style *style, warta_messages *m)
{
	struct warta_diags scratch;
	struct warta_engine *e;
	warta_print *p;

	if (style == NULL) {
		warta_diag(api_diags(m, &scratch), WARTA_ERROR, NULL, 0, 0, "no style to print with");
		api_diags_done(m, &scratch);
		return NULL;
	}
	e = warta_engine_new(api_diags(m, &scratch));
	api_diags_done(m, &scratch);
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
	g_free(p->edition_number);
	g_free(p);
}

void
warta_print_set_edition(warta_print *p, const char *title, const char *date)
{
	g_free(p->edition_title);
	g_free(p->edition_date);
	p->edition_title = edition_text(title);
	p->edition_date = edition_text(date);
}

void
warta_print_set_edition_lang(warta_print *p, const char *lang)
{
	g_free(p->edition_lang);
	p->edition_lang = g_strdup(lang);
}

void
warta_print_set_edition_number(warta_print *p, const char *number)
{
	g_free(p->edition_number);
	p->edition_number = g_strdup(number);
}

void
warta_print_set_style(warta_print *p, const warta_style *style)
{
	p->use = style;
}

void
warta_print_set_missing_glyphs(warta_print *p, int warn)
{
	p->missing_glyphs_warn = warn != 0;
}

void
warta_print_set_report(warta_print *p, int report)
{
	p->report = report != 0;
}

void
warta_print_set_threads(warta_print *p, int threads)
{
	p->threads = threads > 0 ? threads : 0;
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
	struct warta_diags scratch, *d = api_diags(m, &scratch);
	guint from = d->items->len;
	int rc = -1, dropped_from = d->glyphs_dropped;

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
		o.edition_number = p->edition_number;
		/* an edition's sections are the documents' groups, as the EPUB's */
		o.by_group = p->edition_title != NULL;
		o.threads = p->threads;
		p->has_report = 0;
		memset(&p->rep, 0, sizeof p->rep);
		rc = warta_render(p->engine, p->use ? p->use : p->style, docs, n, &o, path,
		                  p->report ? &p->rep : NULL, d);
		p->has_report = rc == 0 && p->report;
		/* characters no font has: errors, unless p says warnings (its
		 * policy, for what this call said) */
		if (p->missing_glyphs_warn)
			warta_diags_glyphs_warn(d, from, dropped_from);
	}
	api_diags_done(m, &scratch);
	return rc;
}

/* ---------------------------------------------------------------- EPUB */

warta_epub *
warta_epub_new(const warta_style *style, warta_messages *m)
{
	warta_epub *e;

	if (style == NULL) {
		struct warta_diags scratch;

		warta_diag(api_diags(m, &scratch), WARTA_ERROR, NULL, 0, 0, "no style to make a book with");
		api_diags_done(m, &scratch);
		return NULL;
	}
	e = g_new0(warta_epub, 1);
	e->style = style;
	return e;
}

void
warta_epub_free(warta_epub *e)
{
	if (e == NULL)
		return;
	if (!e->shared)
		warta_engine_free(e->opts.engine);
	g_free(e->edition_title);
	g_free(e->edition_date);
	g_free(e->edition_lang);
	g_free(e->edition_publisher);
	g_free(e);
}

void
warta_epub_set_edition(warta_epub *e, const char *title, const char *date)
{
	g_free(e->edition_title);
	g_free(e->edition_date);
	e->edition_title = edition_text(title);
	e->edition_date = edition_text(date);
}

void
warta_epub_set_edition_lang(warta_epub *e, const char *lang)
{
	g_free(e->edition_lang);
	e->edition_lang = g_strdup(lang);
}

void
warta_epub_set_edition_publisher(warta_epub *e, const char *publisher)
{
	g_free(e->edition_publisher);
	e->edition_publisher = g_strdup(publisher);
}

void
warta_epub_set_embed_fonts(warta_epub *e, int embed)
{
	e->opts.embed_fonts = embed != 0;
}

void
warta_epub_set_style(warta_epub *e, const warta_style *style)
{
	e->use = style;
}

void
warta_epub_share_fonts(warta_epub *e, const warta_print *p)
{
	if (e == NULL || p == NULL)
		return;
	if (!e->shared)
		warta_engine_free(e->opts.engine);
	e->opts.engine = p->engine;
	e->shared = 1;
}

int
warta_epub_render(warta_epub *e, warta_doc *const *docs, size_t n, const char *path, warta_messages *m)
{
	struct warta_diags scratch;
	int rc;

	if (e->opts.engine == NULL) {
		/* the font set, made once for the writer's books; when it cannot
		 * be made, each book tries again and says why (a warning: the
		 * book is made without its cover) */
		struct warta_diags fd;

		warta_diags_init(&fd);
		e->opts.engine = warta_engine_new(&fd);
		warta_diags_fini(&fd);
	}
	e->opts.edition_title = e->edition_title;
	e->opts.edition_date = e->edition_date;
	e->opts.edition_lang = e->edition_lang;
	e->opts.edition_publisher = e->edition_publisher;
	rc = warta_epub_write(docs, n, e->use ? e->use : e->style, &e->opts, path,
	                      api_diags(m, &scratch));
	api_diags_done(m, &scratch);
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
	struct warta_diags scratch, *d = api_diags(m, &scratch);
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
	api_diags_done(m, &scratch);
	return rc;
}

/* ---------------------------------------------------------------- the report */

/* s as a JSON string: bytes that are not UTF-8 (a file name) as U+FFFD. */
static void
json_string(GString *out, const char *s)
{
	char *u = g_utf8_make_valid(s, -1);
	const char *p;

	g_string_append_c(out, '"');
	for (p = u; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"' || c == '\\')
			g_string_append_printf(out, "\\%c", c);
		else if (c < 0x20)
			g_string_append_printf(out, "\\u%04x", c);
		else
			g_string_append_c(out, (char)c);
	}
	g_string_append_c(out, '"');
	g_free(u);
}

/* The report as one JSON object on a line. */
static void
report_json(GString *s, const char *path, const struct warta_report *r, double mean)
{
	g_string_append(s, "{\"output\":");
	json_string(s, path);
	g_string_append_printf(s, ",\"pages\":%d,\"pages_written\":%d,\"lines\":%d,"
	    "\"justified\":%d,\"mean_gap_em\":%.3f,\"max_gap_em\":%.3f,\"loose\":%d,"
	    "\"tight\":%d,\"hyphenated\":%d,\"longest_hyphen_run\":%d,\"overfull\":%d,"
	    "\"widows\":%d,\"orphans\":%d,\"kashidas\":%d,\"off_grid\":", r->pages,
	    r->pages_written, r->lines, r->justified, mean, r->gap_max, r->loose, r->tight,
	    r->hyphenated, r->longest_hyphen_run, r->overfull, r->widows, r->orphans, r->kashidas);
	if (r->grid)
		g_string_append_printf(s, "%d}\n", r->off_grid);
	else
		g_string_append(s, "null}\n");
}

char *
warta_print_report(const warta_print *p, const char *path, int json)
{
	const struct warta_report *r;
	GString *s;
	double mean;

	if (p == NULL || !p->has_report)
		return NULL;
	r = &p->rep;
	mean = r->justified ? r->gap_sum / r->justified : 0;
	path = path ? path : "-";
	s = g_string_new(NULL);
	if (json) {
		report_json(s, path, r, mean);
		return g_string_free(s, FALSE);
	}
	g_string_append_printf(s, "warta: %s: %d page%s", path, r->pages, r->pages == 1 ? "" : "s");
	if (r->pages_written != r->pages)
		g_string_append_printf(s, " (%d written)", r->pages_written);
	g_string_append_printf(s, ", %d lines, %d justified (mean word gap %.2f em, largest %.2f): "
	    "%d loose, %d tight, %d hyphenated (longest run %d), %d overfull, %d widows, %d orphans",
	    r->lines, r->justified, mean, r->gap_max, r->loose, r->tight, r->hyphenated,
	    r->longest_hyphen_run, r->overfull, r->widows, r->orphans);
	if (r->kashidas)                /* Arabic lines justified by kashida */
		g_string_append_printf(s, ", %d kashida%s", r->kashidas, r->kashidas == 1 ? "" : "s");
	if (r->grid)                    /* an edition made up on the baseline grid */
		g_string_append_printf(s, ", %d off the grid", r->off_grid);
	g_string_append_c(s, '\n');
	return g_string_free(s, FALSE);
}
