/* edition_parts.c — the parts of an edition made up as pages that both
 * ways of making one use (edition_pages.c: laid out, measured, made up and
 * then drawn; edition_flow.c: a flow edition drawn while it is laid out):
 * the masthead and contents, the articles' sections, an article measured
 * for the make-up, the make-up's parameters and the summed report. */
#include <math.h>
#include <string.h>

#include "render/edition.h"

/* A flow edition's masthead and contents, before the run-on pages (the
 * typesetter's, article.c): counted first (o NULL), then drawn with the
 * articles' first pages. */
struct contents_pass {
	const struct rn *R;
	struct rn_out *out;
	int pages;
	int outlined;                   /* its outline entries were given before (1) */
	GPtrArray **keep;               /* counting: its title's outline entries kept here */
};

/* The outline entries of the contents' title (the outline gives no
 * other), copied. */
static void
entry_free(gpointer p)
{
	struct routline *o = p;

	g_free(o->text);
	g_free(o->dest);
	g_free(o);
}

static GPtrArray *
title_entries(const struct art *A)
{
	GPtrArray *v = g_ptr_array_new_with_free_func(entry_free);

	for (guint i = 0; i < A->outline->len; i++) {
		const struct routline *r = g_ptr_array_index(A->outline, i);
		struct routline *o;

		if (!r->h1)
			continue;
		o = g_new0(struct routline, 1);
		o->text = g_strdup(r->text);
		o->dest = g_strdup(r->dest);
		o->h1 = 1;
		g_ptr_array_add(v, o);
	}
	return v;
}

static void
contents_page(void *data, struct art *A, const struct pb_page *pg)
{
	struct contents_pass *c = data;

	c->pages++;
	if (c->keep && *c->keep == NULL)
		*c->keep = title_entries(A);
	if (c->out == NULL || c->out->ops->failed(c->out))
		return;
	if (A->pages_done == 0 && !c->outlined)
		c->out->ops->article(c->out, A);
	if (c->out->ops->page_begin(c->out, c->pages)) {
		rn_paint_page(c->R, c->out, A, pg, c->pages, A->doc->meta.title);
		c->out->ops->page_end(c->out);
	}
}

int
ed_contents(struct rn *R, struct rn_out *out, const int *first_page, struct warta_diags *d,
            GPtrArray **title, int outlined)
{
	struct warta_doc *doc = warta_doc_new("contents");
	struct contents_pass c = { R, out, 0, outlined, title };
	struct warta_diags scratch;
	struct art *A;

	warta_diags_init(&scratch);     /* the drawing run reports the same */
	doc->meta.title = g_strdup(R->opts->edition_title ? R->opts->edition_title : "Edition");
	doc->meta.date = R->opts->edition_date ? g_strdup(R->opts->edition_date) : NULL;
	doc->meta.lang = g_strdup(R->ed_lang);
	doc->meta.rtl = R->ed_rtl;
	A = rn_contents_layout(R, doc, first_page, out ? d : &scratch, contents_page, &c);
	rn_art_free(A);
	warta_doc_free(doc);
	warta_diags_fini(&scratch);
	return c.pages;
}

void
ed_sections(struct ed *E)
{
	const char *prev_sect = NULL;

	E->lead = -1;
	for (int i = 0; i < E->n; i++) {
		struct ed_art *X = &E->a[i];
		const char *s = E->R->docs[i]->meta.section;

		X->priority = E->R->docs[i]->meta.priority;
		if (i > 0 && !((s == NULL && prev_sect == NULL) || (s && prev_sect && strcmp(s, prev_sect) == 0)))
			E->n_sect++;
		X->section = E->n_sect;
		X->section_name = s;
		prev_sect = s;
	}
	E->n_sect++;
}

void
ed_measure(const struct ed *E, int i, struct mk_article *ma, int N)
{
	const struct ed_art *X = &E->a[i];

	ma->section = X->section;
	ma->priority = ed_priority(X);
	ma->body = X->n_slot;
	ma->nobreak = X->nobreak;
	for (int k = 1; k <= N; k++) {
		ma->head[k] = X->head[k].lines > 0 ? X->head[k].lines : E->L;
		ma->jhead[k] = X->jhead[k].lines > 0 ? X->jhead[k].lines : E->L;
		ma->photo[k] = X->photo_lines[k];
	}
}

void
ed_params(struct ed *E, int N)
{
	const struct warta_style *st = E->R->style;

	E->p.cols = N;
	E->p.lines = E->L;
	/* modules: a line between stacked ones, a cutoff rule in it; run-on
	 * articles: two (a rule between them with article-break = rule) */
	E->p.alley = E->modular ? 1 : 2;
	E->p.jump_line = 1;
	E->p.min_before = (int)ceil(4 * 72 / E->B);     /* run at least 4 in before a jump */
	E->p.min_after = (int)ceil(4 * 72 / E->B);      /* and jump at least as much */
	E->p.max_pad = 2;
	E->p.window = 10;
	E->p.front = E->modular;
	if (E->modular) {
		E->p.front_band = ed_nameplate(E, NULL, 1);
		E->p.front_foot = ed_index_strip(E, NULL, 1, 0);
		E->p.front_min = 3;
		E->p.front_max = 6;
		E->p.flag_band = ed_flag(E, NULL, 1, NULL);
	}
	E->p.article_break = st->article_break == WARTA_BREAK_PAGE;
	E->p.keep = 3;
	E->p.min_lines = st->min_lines;
}

void
ed_report(const struct ed *E, struct warta_report *rep)
{
	for (int i = 0; i < E->n; i++) {
		const struct warta_report *a = &E->a[i].rep;

		rep->lines += a->lines;
		rep->loose += a->loose;
		rep->tight += a->tight;
		rep->hyphenated += a->hyphenated;
		rep->longest_hyphen_run = MAX(rep->longest_hyphen_run, a->longest_hyphen_run);
		rep->overfull += a->overfull;
		rep->justified += a->justified;
		rep->gap_sum += a->gap_sum;
		rep->gap_max = MAX(rep->gap_max, a->gap_max);
		rep->kashidas += a->kashidas;
	}
}

void
ed_outline_section(struct rn_out *out, const char **prev, const char *s, size_t i)
{
	if (!s && *prev)
		out->ops->section(out, NULL, i);
	if (s && (*prev == NULL || strcmp(*prev, s) != 0))
		out->ops->section(out, s, i);
	*prev = s;
}
