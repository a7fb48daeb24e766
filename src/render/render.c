/* render.c — the print back end's driver (render.h): warta_render takes a
 * font map from the engine (engine.c), makes the outputter the caller asked
 * for (out.h: Cairo for PDF/PNG/SVG, or the layout trace), and runs the
 * passes.  Editions, and PNG/SVG pages whose file names depend on the page
 * count, first run a counting pass (layout only, its own diagnostics and
 * report: nothing is drawn); the drawing pass then lays out each article
 * (typeset.h) and paints each page as soon as it is made (paint.c). */
#include <string.h>

#include "lang/lang.h"
#include "layout/guard.h"
#include "render/out.h"
#include "util/date.h"

/* One pass over the documents: where its pages go and what they came to. */
struct pass {
	struct rn *R;
	struct rn_out *out;             /* NULL: the counting pass */
	struct warta_report rep;        /* pages, and the articles' reports added */
	int page_no;                    /* pages made so far */
	const char *running;            /* running head text */
};

/* The page callback of the typesetter: counts the page, and draws it. */
static void
emit_page(void *data, struct art *A, const struct pb_page *pg)
{
	struct pass *p = data;
	struct pa_guard *g = p->out ? pa_guard_get(p->R->ctx) : NULL;

	if (p->out && p->out->ops->failed(p->out))
		return;
	pa_guard_lock(g);               /* drawing: the helper thread may reach Cairo too */
	if (A->pages_done == 0) {
		p->running = A->doc->meta.title;
		if (p->out)
			p->out->ops->article(p->out, A);
	}
	p->page_no++;
	p->rep.pages++;
	if (p->out && p->out->ops->page_begin(p->out, p->page_no)) {
		rn_paint_page(p->R, p->out, A, pg, p->page_no, p->running);
		p->out->ops->page_end(p->out);
	}
	pa_guard_unlock(g);
}

/* The report of an article (or contents), added to the pass's. */
static void
report_add(struct warta_report *r, const struct warta_report *a)
{
	r->lines += a->lines;
	r->loose += a->loose;
	r->tight += a->tight;
	r->hyphenated += a->hyphenated;
	r->longest_hyphen_run = MAX(r->longest_hyphen_run, a->longest_hyphen_run);
	r->overfull += a->overfull;
	r->widows += a->widows;
	r->orphans += a->orphans;
	r->grid |= a->grid;
	r->off_grid += a->off_grid;
	r->justified += a->justified;
	r->gap_sum += a->gap_sum;
	r->gap_max = MAX(r->gap_max, a->gap_max);
	r->kashidas += a->kashidas;
}

/* An edition's masthead and contents (article.c), laid out and paged in
 * pass p: a pseudo-document holding the edition's title, date and
 * language. */
static void
contents(struct pass *p, const int *first_page, struct warta_diags *d)
{
	struct rn *R = p->R;
	struct warta_doc *doc = warta_doc_new("contents");
	struct art *A;

	doc->meta.title = g_strdup(R->opts->edition_title ? R->opts->edition_title : "Edition");
	doc->meta.date = R->opts->edition_date ? g_strdup(R->opts->edition_date) : NULL;
	doc->meta.lang = g_strdup(R->ed_lang);
	doc->meta.rtl = R->ed_rtl;
	A = rn_contents_layout(R, doc, first_page, d, emit_page, p);
	report_add(&p->rep, &A->rep);
	rn_art_free(A);
	warta_doc_free(doc);
}

/* The section name over docs[i]'s headline: an edition's section, at the
 * first article of it. */
static const char *
kicker(const struct rn *R, size_t i, int edition)
{
	const char *s = R->docs[i]->meta.section;

	return edition && s && (i == 0 || !R->docs[i - 1]->meta.section ||
	    strcmp(R->docs[i - 1]->meta.section, s) != 0) ? s : NULL;
}

/* An article laid out by the counting pass and kept for the drawing pass:
 * its layout and what its layout reported. */
struct kept {
	struct art *A;
	struct warta_diags d;
};

/* Pages of an edition (or of PNG/SVG pages) the counting pass keeps laid
 * out, so that the drawing pass does not lay them out again: about 0.3 MB
 * a page of lines and glyphs, so at most this many (articles whose pages
 * go past what is left are laid out twice, streamed both times). */
#define KEEP_PAGES 64

static void
kept_free(struct kept *k, size_t n)
{
	size_t i;

	for (i = 0; k && i < n; i++) {
		if (k[i].A) {
			rn_art_free(k[i].A);
			warta_diags_fini(&k[i].d);
		}
	}
	g_free(k);
}

/* ------------------------------------------------------------ a second thread */

/* An edition of several articles on two cores (opts->threads > 1): a
 * helper thread lays articles out with a font map of its own (a Pango font
 * map and its context serve one thread), and only this thread draws (Cairo
 * 1.16 and FreeType crashed when two threads drew text).  The counting
 * pass: both threads take the next article in turn; this one keeps its
 * layouts as before (KEEP_PAGES), the helper's are only counted.  The
 * drawing pass: the helper lays out, in order and at most AHEAD articles
 * before the one being drawn, each article the counting pass did not keep,
 * kept whole (one of more than KEEP_PAGES pages is laid out again here,
 * streamed); this thread draws it, then leaves it to the helper to free
 * (its fonts are the helper's).  An article's messages wait in its job
 * until it is drawn: messages, report and bytes are those of one thread. */
#define AHEAD 3

struct job {
	struct art *A;                  /* laid out by the helper and kept whole, or NULL */
	struct warta_diags d;           /* what its layout reported */
	int ready;                      /* 1: the helper is done with it (under lock) */
};

struct helper {
	struct rn R;                    /* the call's, with the helper's font map */
	PangoContext *main_ctx;         /* this thread's, guarded with the helper's */
	struct rn_fonts *fonts;
	int edition;
	gint next;                      /* counting: the next article to take (atomic) */
	int *pages;                     /* counting: each article's pages */
	unsigned char *kept;            /* drawing: 1 where the counting pass kept the layout */
	struct job *jobs;               /* drawing: one per article */
	size_t drawn;                   /* drawing: articles drawn (under lock) */
	int stop;                       /* drawing: the output failed (under lock) */
	GMutex lock;
	GCond cond;
};

/* The helper's page callback: counts. */
static void
count_page(void *data, struct art *A, const struct pb_page *pg)
{
	(void)A;
	(void)pg;
	(*(int *)data)++;
}

static struct art *
layout_counted(struct rn *R, size_t i, int edition, int keep, struct warta_diags *d, int *pages)
{
	return rn_art_layout(R, R->docs[i], edition ? (int)i + 1 : 0, kicker(R, i, edition), keep, d,
	    count_page, pages);
}

/* Frees an article the helper laid out: its fonts' last references may
 * go, and cairo 1.16 destroys a scaled font unsafely beside another thread
 * drawing (layout/guard.h). */
static void
art_free_guarded(struct helper *H, struct art *A)
{
	struct pa_guard *g = A ? pa_guard_get(H->R.ctx) : NULL;

	pa_guard_lock(g);
	rn_art_free(A);
	pa_guard_unlock(g);
}

/* The counting pass's helper: the articles it takes, laid out and counted. */
static gpointer
count_helper(gpointer data)
{
	struct helper *H = data;
	size_t i;

	while ((i = (size_t)g_atomic_int_add(&H->next, 1)) < H->R.n_docs) {
		struct warta_diags scratch;

		struct art *A;

		warta_diags_init(&scratch);
		A = layout_counted(&H->R, i, H->edition, 0, &scratch, &H->pages[i]);
		art_free_guarded(H, A);
		warta_diags_fini(&scratch);
	}
	return NULL;
}

/* The drawing pass's helper: the articles not kept, laid out in order. */
static gpointer
draw_helper(gpointer data)
{
	struct helper *H = data;
	size_t i, freed = 0, drawn;
	int stop;

	for (i = 0; i < H->R.n_docs; i++) {
		struct job *J = &H->jobs[i];
		struct art *A = NULL;
		int pages = 0;

		g_mutex_lock(&H->lock);
		while (!H->stop && i >= H->drawn + AHEAD)
			g_cond_wait(&H->cond, &H->lock);
		drawn = H->drawn;
		stop = H->stop;
		g_mutex_unlock(&H->lock);
		for (; freed < drawn; freed++) {
			art_free_guarded(H, H->jobs[freed].A);
			H->jobs[freed].A = NULL;
		}
		if (stop)
			break;
		/* one too long to keep is laid out (streamed) when drawn */
		if (!H->kept[i] && H->pages[i] <= KEEP_PAGES) {
			A = layout_counted(&H->R, i, H->edition, KEEP_PAGES, &J->d, &pages);
			if (!A->keep) {
				art_free_guarded(H, A);
				A = NULL;
			}
		}
		g_mutex_lock(&H->lock);
		J->A = A;
		J->ready = 1;
		g_cond_broadcast(&H->cond);
		g_mutex_unlock(&H->lock);
	}
	return NULL;
}

/* The helper, its font map taken from the engine; NULL when opts->threads
 * asks for one thread or there is one article. */
static struct helper *
helper_new(const struct rn *R, int edition)
{
	struct helper *H;

	if (R->opts->threads < 2 || R->n_docs < 2)
		return NULL;
	H = g_new0(struct helper, 1);
	H->R = *R;
	H->fonts = rn_fonts_take(R->e);
	H->R.ctx = H->fonts->ctx;
	H->main_ctx = R->ctx;
	rn_guard_on(R->e, H->main_ctx, H->R.ctx);
	H->edition = edition;
	H->pages = g_new0(int, R->n_docs);
	H->jobs = g_new0(struct job, R->n_docs);
	H->kept = g_new0(unsigned char, R->n_docs);
	for (size_t i = 0; i < R->n_docs; i++)
		warta_diags_init(&H->jobs[i].d);
	g_mutex_init(&H->lock);
	g_cond_init(&H->cond);
	return H;
}

/* Once the helper thread has ended. */
static void
helper_free(struct helper *H)
{
	if (H == NULL)
		return;
	for (size_t i = 0; i < H->R.n_docs; i++) {
		rn_art_free(H->jobs[i].A);
		warta_diags_fini(&H->jobs[i].d);
	}
	rn_guard_off(H->main_ctx, H->R.ctx);
	rn_fonts_put(H->R.e, H->fonts);
	g_free(H->pages);
	g_free(H->jobs);
	g_free(H->kept);
	g_mutex_clear(&H->lock);
	g_cond_clear(&H->cond);
	g_free(H);
}

/* Starts fn on H in a new thread; NULL (this thread does it all) when the
 * system cannot make one. */
static GThread *
helper_start(struct helper *H, GThreadFunc fn)
{
	return H ? g_thread_try_new("warta-layout", fn, H, NULL) : NULL;
}

/* The counting pass: the page each article starts on (first_page) and the
 * number of pages.  It keeps the layout of the articles while they come to
 * at most KEEP_PAGES pages together (with what they reported), for the
 * drawing pass to draw; the others are laid out again there (their
 * reports then come again).  With a helper, it takes every other article
 * (those are not kept). */
static int
count_pages(struct rn *R, int edition, int *first_page, struct kept *kept, struct helper *H)
{
	struct pass p;
	struct warta_diags scratch;
	int keep_left = KEEP_PAGES, total, *pages = H ? H->pages : g_new0(int, R->n_docs);
	GThread *t = helper_start(H, count_helper);
	size_t i, next = 0;

	memset(&p, 0, sizeof p);
	p.R = R;
	warta_diags_init(&scratch);     /* the drawing pass reports the same things */
	if (edition)
		contents(&p, NULL, &scratch);
	warta_diags_fini(&scratch);
	total = p.page_no;
	while ((i = t ? (size_t)g_atomic_int_add(&H->next, 1) : next++) < R->n_docs) {
		struct art *A;
		int before = p.page_no;

		warta_diags_init(&kept[i].d);
		A = rn_art_layout(R, R->docs[i], edition ? (int)i + 1 : 0, kicker(R, i, edition), keep_left,
		    &kept[i].d, emit_page, &p);
		pages[i] = p.page_no - before;
		if (A->keep) {
			kept[i].A = A;
			keep_left -= A->kept->len;
		} else {
			rn_art_free(A);
			warta_diags_fini(&kept[i].d);
		}
	}
	if (t)
		g_thread_join(t);
	for (i = 0; i < R->n_docs; i++) {
		first_page[i] = total + 1;
		total += pages[i];
	}
	if (!H)
		g_free(pages);
	return total;
}

/* Article i's pages, laid out and kept (by the counting pass, or the
 * helper): its messages, then its pages. */
static void
draw_kept(struct pass *p, struct art *A, struct warta_diags *from, struct warta_diags *d)
{
	warta_diags_move(d, from);
	warta_diags_fini(from);
	for (guint k = 0; k < A->kept->len; k++) {
		A->pages_done = k;
		emit_page(p, A, &g_array_index(A->kept, struct pb_page, k));
	}
	report_add(&p->rep, &A->rep);
}

/* The helper's job i, once it is ready; NULL: laid out here. */
static struct art *
job_wait(struct helper *H, size_t i)
{
	struct art *A;

	g_mutex_lock(&H->lock);
	while (!H->jobs[i].ready)
		g_cond_wait(&H->cond, &H->lock);
	A = H->jobs[i].A;
	g_mutex_unlock(&H->lock);
	return A;
}

/* Article i drawn (stop: the output failed): the helper may go on. */
static void
job_done(struct helper *H, size_t i, int stop)
{
	g_mutex_lock(&H->lock);
	H->drawn = i + 1;
	H->stop |= stop;
	g_cond_broadcast(&H->cond);
	g_mutex_unlock(&H->lock);
}

/* The drawing pass, onto out; t: the helper's thread laying articles out
 * ahead, or NULL. */
static void
draw_pages(struct rn *R, int edition, const int *first_page, struct kept *kept, struct rn_out *out,
           struct warta_diags *d, struct warta_report *rep, struct helper *H, GThread *t)
{
	struct pass p;
	const char *section = NULL;
	size_t i;

	memset(&p, 0, sizeof p);
	p.R = R;
	p.out = out;
	if (edition)
		contents(&p, first_page, d);
	for (i = 0; i < R->n_docs && !out->ops->failed(out); i++) {
		const char *s = R->docs[i]->meta.section;
		struct warta_report ar;
		struct art *A;

		if (edition && !s && section) {
			out->ops->section(out, NULL, i);
			section = NULL;
		}
		if (edition && s && (section == NULL || strcmp(section, s) != 0)) {
			out->ops->section(out, s, i);
			section = s;
		}
		if (kept && kept[i].A) {
			/* laid out by the counting pass */
			A = kept[i].A;
			kept[i].A = NULL;
			draw_kept(&p, A, &kept[i].d, d);
			rn_art_free(A);
		} else if (t && (A = job_wait(H, i)) != NULL) {
			/* laid out by the helper, which frees it */
			draw_kept(&p, A, &H->jobs[i].d, d);
		} else if (t == NULL && R->opts->threads > 1 && rn_art_mt_pays(R->docs[i]) &&
		           rn_art_draw_mt(R, R->docs[i], edition ? (int)i + 1 : 0, kicker(R, i, edition), d,
		               emit_page, &p, &ar) == 0) {
			/* laid out by a helper thread, drawn here (article_mt.c) */
			report_add(&p.rep, &ar);
		} else {
			A = rn_art_layout(R, R->docs[i], edition ? (int)i + 1 : 0, kicker(R, i, edition), 0, d,
			    emit_page, &p);
			report_add(&p.rep, &A->rep);
			rn_art_free(A);
		}
		if (t)
			job_done(H, i, out->ops->failed(out));
	}
	if (t) {
		g_mutex_lock(&H->lock);
		H->stop = 1;
		g_cond_broadcast(&H->cond);
		g_mutex_unlock(&H->lock);
		g_thread_join(t);
	}
	*rep = p.rep;
}

static int
run(struct rn *R, struct warta_diags *d, struct warta_report *rep)
{
	enum warta_print_format fmt = R->opts->format;
	int edition = R->n_docs > 1 || R->opts->edition_title != NULL;
	int *first_page = NULL, total = 0;
	struct kept *kept = NULL;
	struct rn_out *out;
	struct helper *H;

	/* an edition of several articles a page: its own make-up */
	if (edition && R->style->makeup != WARTA_MAKEUP_PAGES)
		return rn_edition_pages(R, d, rep);
	H = helper_new(R, edition);
	if (edition || fmt == WARTA_PRINT_PNG || fmt == WARTA_PRINT_SVG) {
		first_page = g_new0(int, R->n_docs);
		kept = g_new0(struct kept, R->n_docs);
		total = count_pages(R, edition, first_page, kept, H);
	}
	out = fmt == WARTA_PRINT_TRACE ? rn_out_trace_new(R, d) : rn_out_cairo_new(R, total, d);
	if (out != NULL) {
		for (size_t i = 0; H && kept && i < R->n_docs; i++)
			H->kept[i] = kept[i].A != NULL;
		draw_pages(R, edition, first_page, kept, out, d, rep, H,
		    H && kept ? helper_start(H, draw_helper) : NULL);
	}
	helper_free(H);
	g_free(first_page);
	kept_free(kept, R->n_docs);
	return out ? out->ops->finish(out, 0) : -1;
}

/* A PDF of a page range: the document laid out and paged once without
 * drawing (out_scan.c), its diagnostics and report dropped (the drawing
 * pass makes the same), to learn the number of pages and the page of every
 * destination.  The drawing pass then draws the pages of the range only,
 * with the links and outline entries whose target it has. */
static void
scan_pass(struct rn *R, struct rn_scan *scan)
{
	struct warta_diags scratch;
	struct warta_report rep;

	memset(scan, 0, sizeof *scan);
	memset(&rep, 0, sizeof rep);
	scan->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	scan->scanning = 1;
	R->scan = scan;
	warta_diags_init(&scratch);
	(void)run(R, &scratch, &rep);
	warta_diags_fini(&scratch);
	scan->scanning = 0;
}

static char *
create_date(const struct warta_doc *doc, const struct warta_render_opts *o)
{
	const char *d = o && o->edition_date ? o->edition_date : doc ? doc->meta.date : NULL;
	gint64 t = 0;

	if (warta_source_date_epoch(&t) > 0)
		return warta_date_format_epoch(t, 0);
	if (warta_date_valid(d))
		return g_strdup_printf("%sT00:00:00Z", d);
	return warta_date_format_epoch(0, 0);
}

/* The edition's language: the caller's, else the one most of the articles
 * are in (a tie: the first of them), else English. */
static char *
edition_lang(struct warta_doc *const *docs, size_t n, const struct warta_render_opts *o)
{
	const char **tags;
	char *l;

	if (o->edition_lang && *o->edition_lang && (l = warta_lang_normalize(o->edition_lang)))
		return l;
	tags = g_new(const char *, n);
	for (size_t i = 0; i < n; i++)
		tags[i] = docs[i]->meta.lang;
	l = g_strdup(warta_lang_most_common(tags, n));
	g_free(tags);
	return l ? l : g_strdup("en");
}

int
warta_render(struct warta_engine *e, const struct warta_style *style,
             struct warta_doc *const *docs, size_t n, const struct warta_render_opts *opts,
             const char *out_path, struct warta_report *report, struct warta_diags *d)
{
	struct rn R;
	struct rn_fonts *fonts;
	struct warta_report rep;
	int rc;
	struct warta_render_opts defo;
	struct warta_doc **capped;
	struct rn_scan scan;

	if (opts == NULL) {
		memset(&defo, 0, sizeof defo);
		opts = &defo;
	}
	if (n == 0) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "nothing to typeset");
		return -1;
	}
	memset(&R, 0, sizeof R);
	R.e = e;
	R.style = style;
	R.opts = opts;
	R.docs = docs;
	R.n_docs = n;
	R.out_path = out_path;
	R.textw = style->page_width - style->margin_inner - style->margin_outer;
	R.texth = style->page_height - style->margin_top - style->margin_bottom;
	R.cols = style->columns > 0 ? MIN(style->columns, PB_MAX_COLUMNS) : 1;
	R.colw = (R.textw - (R.cols - 1) * style->gutter) / R.cols;
	if (R.colw < 20 || R.texth < 40) {
		warta_diag(d, WARTA_ERROR, style->path, 0, 0, "style %s leaves no room for text", style->name);
		return -1;
	}
	R.create_date = create_date(docs[0], opts);
	R.ed_lang = edition_lang(docs, n, opts);
	R.ed_rtl = warta_lang_is_rtl(R.ed_lang);
	/* titles, decks, bylines, sections, sources cut to their display caps
	 * before anything shapes them (doc.h) */
	capped = warta_docs_capped(docs, n);
	R.docs = capped;
	/* an edition grouped by the caller: its sections are the groups (in
	 * the copies: each article keeps its own section) */
	for (size_t i = 0; opts->by_group && i < n; i++) {
		g_free(capped[i]->meta.section);
		capped[i]->meta.section = g_strdup(capped[i]->meta.group);
	}

	/* a font map of our own for this call, kept in the engine afterwards */
	fonts = rn_fonts_take(e);
	R.ctx = fonts->ctx;
	memset(&rep, 0, sizeof rep);
	if (opts->format == WARTA_PRINT_PDF && (opts->first_page > 0 || opts->last_page > 0))
		scan_pass(&R, &scan);
	rc = run(&R, d, &rep);
	if (report) {
		/* the pages in the output: all, or those of the range */
		int a = opts->first_page > 0 ? opts->first_page : 1;
		int b = opts->last_page > 0 ? MIN(opts->last_page, rep.pages) : rep.pages;

		rep.pages_written = opts->format == WARTA_PRINT_TRACE ? rep.pages : MAX(0, b - a + 1);
		*report = rep;
	}
	rn_fonts_put(e, fonts);
	pa_spare_release();
	if (R.scan)
		g_hash_table_destroy(scan.dests);
	g_free(R.create_date);
	g_free(R.ed_lang);
	warta_docs_capped_free(capped, n);
	return rc;
}
