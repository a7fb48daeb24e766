/* test_head.c — the head lines of an article (rn_head_lines, article.c),
 * the one block that an article's own page and an edition's module heads
 * (edition_article.c) both set: headline (the target of the links to the
 * article), deck, byline, date; the deck left out or capped in size and the
 * space after the byline and the date left out, as the edition asks. */
#include <fontconfig/fontconfig.h>
#include <string.h>

#include "article/article.h"
#include "harness.h"
#include "render/engine.h"
#include "render/typeset.h"
#include "style/style.h"

static const char TEXT[] =
	"---\n"
	"title: Sebuah judul berita\n"
	"deck: Dek yang menerangkan judul di atasnya dalam satu kalimat panjang\n"
	"author: Penulis Uji\n"
	"date: 2024-10-25\n"
	"---\n\n"
	"Paragraf pertama berita ini.\n";

struct count {
	int lines;
	double glue;                    /* their total, pt */
};

static struct count
count(const GArray *v)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	struct count c = { 0, 0 };

	for (guint i = 0; i < v->len; i++) {
		if (it[i].kind == PB_LINE)
			c.lines++;
		else if (it[i].kind == PB_GLUE)
			c.glue += it[i].height;
	}
	return c;
}

/* The paragraph of A whose text is t, or NULL. */
static const struct pa_para *
para(const struct art *A, const char *t)
{
	for (guint i = 0; i < A->paras->len; i++) {
		const struct pa_para *P = A->paras->pdata[i];

		if (strcmp(P->text->str, t) == 0)
			return P;
	}
	return NULL;
}

static double
run_size(const struct pa_para *P)
{
	return P && P->runs->len ? g_array_index(P->runs, struct pa_run, 0).fmt.size : -1;
}

/* A fresh article of doc, its head set by rn_head_lines(deck, deck_max, spaced). */
static struct art *
head(struct rn *R, struct warta_doc *doc, struct warta_diags *d, int deck, double deck_max, int spaced,
     struct rblock **b)
{
	struct art *A = rn_art_new(R, doc, 1, NULL, d);

	*b = rn_head_lines(R, A, deck, deck_max, spaced);
	return A;
}

int
main(void)
{
	struct warta_diags d;
	struct warta_style *st;
	struct warta_engine *e;
	struct rn_fonts *fonts;
	struct warta_render_opts opts;
	struct warta_read_opts ro;
	struct warta_doc *doc;
	struct rn R;
	struct art *A;
	struct rblock *b;
	struct count full, tight, nodeck;
	const struct warta_elem_style *hl, *deck, *by, *date;
	char *dir;
	const char *dirs[2];

	warta_diags_init(&d);
	dir = g_build_filename(warta_data_dir(), "styles", NULL);
	dirs[0] = dir;
	dirs[1] = NULL;
	st = warta_style_load("newspaper", dirs, &d);
	e = warta_engine_new(&d);
	OK(st != NULL && e != NULL, "the newspaper style and the engine load");
	if (st == NULL || e == NULL)
		return harness_done();
	memset(&ro, 0, sizeof ro);
	ro.lang = "id";
	doc = warta_article_read("t.txt", TEXT, strlen(TEXT), &ro, &d);
	OK(doc && doc->meta.subtitle && doc->meta.author && doc->meta.date, "the article has a deck, a byline and a date");
	fonts = rn_fonts_take(e);
	memset(&opts, 0, sizeof opts);
	memset(&R, 0, sizeof R);
	R.e = e;
	R.style = st;
	R.opts = &opts;
	R.docs = &doc;
	R.n_docs = 1;
	R.ctx = fonts->ctx;
	R.textw = st->page_width - st->margin_inner - st->margin_outer;
	R.texth = st->page_height - st->margin_top - st->margin_bottom;
	R.cols = st->columns > 0 ? st->columns : 1;
	R.colw = (R.textw - (R.cols - 1) * st->gutter) / R.cols;
	hl = &st->el[WARTA_EL_HEADLINE];
	deck = &st->el[WARTA_EL_DECK];
	by = &st->el[WARTA_EL_BYLINE];
	date = &st->el[WARTA_EL_DATE];

	/* an article's page: all four, each followed by its space */
	A = head(&R, doc, &d, 1, 0, 1, &b);
	full = count(A->v);
	OK(full.lines >= 4, "headline, deck, byline and date are set (%d lines)", full.lines);
	OK(b && strcmp(b->tag, "H1") == 0 && b->dest && strcmp(b->dest, "a2-top") == 0,
	    "the headline's block is the H1, the target a2-top of the links to the article");
	OK(G_APPROX_VALUE(full.glue, hl->space_after + deck->space_after + by->space_after + date->space_after,
	    1e-9), "each of the four followed by its space (%g pt)", full.glue);
	OK(run_size(para(A, doc->meta.subtitle)) == deck->size, "the deck at the style's size (%g)",
	    run_size(para(A, doc->meta.subtitle)));
	rn_art_free(A);

	/* an edition's module head: the deck capped, no space after the byline and the date */
	A = head(&R, doc, &d, 1, deck->size / 2, 0, &b);
	tight = count(A->v);
	OK(run_size(para(A, doc->meta.subtitle)) == deck->size / 2, "the deck capped at %g pt (%g)",
	    deck->size / 2, run_size(para(A, doc->meta.subtitle)));
	OK(G_APPROX_VALUE(tight.glue, hl->space_after + deck->space_after, 1e-9),
	    "spaced 0: the spaces after the headline and the deck only (%g pt)", tight.glue);
	rn_art_free(A);
	A = head(&R, doc, &d, 1, deck->size * 4, 1, &b);
	OK(run_size(para(A, doc->meta.subtitle)) == deck->size, "a cap above the deck's size leaves it");
	rn_art_free(A);

	/* a narrow module: no deck */
	A = head(&R, doc, &d, 0, 0, 1, &b);
	nodeck = count(A->v);
	OK(para(A, doc->meta.subtitle) == NULL, "deck 0: the deck is not set");
	OK(para(A, doc->meta.author) != NULL, "deck 0: the byline is");
	OK(nodeck.lines < full.lines && G_APPROX_VALUE(nodeck.glue, full.glue - deck->space_after, 1e-9),
	    "deck 0: its lines and its space are gone");
	rn_art_free(A);

	rn_fonts_put(e, fonts);
	warta_doc_free(doc);
	warta_engine_free(e);
	warta_style_free(st);
	g_free(dir);
	warta_diags_fini(&d);
	return harness_done();
}
