/* vlist.c — the vertical list and an article's life.  Items (lines, glue,
 * penalties) are appended as the typesetter sets blocks; between top-level
 * blocks the page builder (layout/page.c) is asked for the pages the list
 * so far decides, each handed to the article's page callback, and what
 * only those pages used is freed, so that memory does not grow with the
 * length of an article. */
#include <math.h>
#include <string.h>

#include "image/image.h"
#include "layout/guard.h"
#include "render/typeset.h"


struct rline *
rn_new_rline(struct art *A, enum rl_kind k, struct rblock *b)
{
	struct rline *l = g_new0(struct rline, 1);

	l->kind = k;
	l->blk = b;
	g_ptr_array_add(A->rlines, l);
	return l;
}

struct rblock *
rn_new_block(struct art *A, const char *tag, int sect, int quote)
{
	struct rblock *b = g_new0(struct rblock, 1);

	b->tag = tag;
	b->id = ++A->n_blocks;
	b->sect = sect;
	b->quote = quote;
	b->list = A->cur_list;
	b->item = A->cur_item;
	b->table = A->cur_table;
	g_ptr_array_add(A->blocks, b);
	return b;
}

void
rn_vglue(GArray *v, double h)
{
	struct pb_item it;

	if (h <= 0)
		return;
	memset(&it, 0, sizeof it);
	it.kind = PB_GLUE;
	it.height = h;
	g_array_append_val(v, it);
}

void
rn_vpenalty(GArray *v, int p)
{
	struct pb_item it;

	memset(&it, 0, sizeof it);
	it.kind = PB_PENALTY;
	it.penalty = p;
	g_array_append_val(v, it);
}

void
rn_vline(GArray *v, struct rline *l, double height, double top)
{
	struct pb_item it;

	memset(&it, 0, sizeof it);
	it.kind = PB_LINE;
	it.height = height;
	it.top = top;
	it.data = l;
	if (l->para && l->line >= 0)
		it.footnotes = l->para->lines[l->line].footnotes;
	g_array_append_val(v, it);
}

/* The advance to a block's first baseline: its leading, or more when the
 * line above has deep descenders (a big headline above small type), so that
 * descenders and capitals keep 1 pt apart (TeX's \lineskiplimit idea). */
void
rn_space(struct art *A, double h)
{
	rn_vglue(A->v, h);
}

/* Height of a list laid out straight (the head block). */
static double
list_height(const GArray *v)
{
	double t = 0;
	guint i;
	int first = 1;

	for (i = 0; i < v->len; i++) {
		const struct pb_item *it = &g_array_index(v, struct pb_item, i);

		if (it->kind == PB_LINE) {
			t += first ? it->top : it->height;
			first = 0;
		} else if (it->kind == PB_GLUE && !first) {
			t += it->height;
		}
	}
	return t;
}

static void
rline_free(struct rline *l)
{
	if (l->cells) {
		guint k;

		for (k = 0; k < l->cells->len; k++)
			g_free(g_ptr_array_index(l->cells, k));
		g_ptr_array_free(l->cells, TRUE);
	}
	g_free(l);
}

static void
block_free(struct rblock *b)
{
	g_free(b->dest);
	g_free(b);
}

static void
drop_free(struct rdrop *d)
{
	g_free(d->text);
	g_free(d->family);
	g_free(d);
}

/* A figure item (render/figure.c makes them): freed with the list. */
void
rn_figure_free(struct rfig *F)
{
	if (!F)
		return;
	warta_image_unref(F->img);
	if (F->cap)
		pa_free(F->cap);
	if (F->credit)
		pa_free(F->credit);
	if (F->alt)
		pa_free(F->alt);
	g_free(F->calls);
	g_free(F->alt_text);
	g_free(F);
}

void
rn_art_free(struct art *A)
{
	guint i;
	int k;

	if (A == NULL)
		return;
	if (A->outline_dests)
		g_hash_table_destroy(A->outline_dests);
	for (i = 0; i < A->rlines->len; i++)
		rline_free(g_ptr_array_index(A->rlines, i));
	g_ptr_array_free(A->rlines, TRUE);
	for (i = 0; i < A->blocks->len; i++)
		block_free(g_ptr_array_index(A->blocks, i));
	g_ptr_array_free(A->blocks, TRUE);
	for (i = 0; i < A->paras->len; i++)
		pa_free(g_ptr_array_index(A->paras, i));
	g_ptr_array_free(A->paras, TRUE);
	if (A->labels)
		g_hash_table_destroy(A->labels);
	for (i = 0; i < A->drops->len; i++)
		drop_free(g_ptr_array_index(A->drops, i));
	g_ptr_array_free(A->drops, TRUE);
	for (i = 0; i < A->outline->len; i++) {
		struct routline *o = g_ptr_array_index(A->outline, i);

		g_free(o->text);
		g_free(o->dest);
		g_free(o);
	}
	g_ptr_array_free(A->outline, TRUE);
	g_array_free(A->kept, TRUE);
	g_array_free(A->v, TRUE);
	g_array_free(A->head, TRUE);
	for (k = 1; A->fig && k <= A->n_fn; k++)
		rn_figure_free(A->fig[k]);
	g_free(A->fig);
	g_free(A->fn_top);
	for (i = 0; i < A->head_figs->len; i++)
		rn_figure_free(g_ptr_array_index(A->head_figs, i));
	g_ptr_array_free(A->head_figs, TRUE);
	g_ptr_array_free(A->fig_wait, TRUE);
	g_free(A->fn);
	g_free(A->fn_height);
	if (A->link_fn)
		g_hash_table_destroy(A->link_fn);
	pb_stream_fini(&A->ps);
	g_free(A);
}

/* What the pages still to draw can reach from a line. */
void
rn_mark_live(GHashTable *live, const struct rline *l)
{
	g_hash_table_add(live, (gpointer)l);
	if (l->para)
		g_hash_table_add(live, l->para);
	if (l->label)
		g_hash_table_add(live, l->label);
	if (l->rlabel)
		g_hash_table_add(live, l->rlabel);
	if (l->cap)
		g_hash_table_add(live, l->cap);
	if (l->blk)
		g_hash_table_add(live, l->blk);
	if (l->cells) {
		guint k;

		for (k = 0; k < l->cells->len; k++)
			g_hash_table_add(live, ((struct rcell *)g_ptr_array_index(l->cells, k))->para);
	}
}

/* Keeps in arr what live holds, frees the rest: order kept. */
static void
sweep(GPtrArray *arr, GHashTable *live, void (*del)(gpointer))
{
	guint i, w = 0;

	for (i = 0; i < arr->len; i++) {
		gpointer x = g_ptr_array_index(arr, i);

		if (g_hash_table_contains(live, x))
			arr->pdata[w++] = x;
		else
			del(x);
	}
	g_ptr_array_set_size(arr, w);
}

/* Between top-level blocks, once pages were drawn: frees the lines,
 * paragraphs (with their glyphs), drop caps and blocks that only drawn
 * pages used.  Footnotes stay until the article ends (a note is set on
 * the column of its call), and so does the paragraph being cut in pieces. */
/* A helper thread's trim (article_mt.c) waits for the guard only after
 * this many tries found it taken (drawing a page): what it would free
 * waits for the next. */
#define TRIM_TRIES 16

static void
art_trim(struct art *A)
{
	GHashTable *live;
	guint i;
	int k;

	if (A->trim_guard && !pa_guard_trylock(A->trim_guard)) {
		if (++A->trim_skipped < TRIM_TRIES)
			return;
		pa_guard_lock(A->trim_guard);
	}
	A->trim_skipped = 0;
	live = g_hash_table_new(NULL, NULL);

	for (i = 0; i < A->v->len; i++) {
		const struct pb_item *it = &g_array_index(A->v, struct pb_item, i);

		if (it->kind == PB_LINE && it->data)
			rn_mark_live(live, it->data);
	}
	if (A->pages_done > 0)
		g_array_set_size(A->head, 0);   /* drawn on the first page */
	for (i = 0; i < A->head->len; i++) {
		const struct pb_item *it = &g_array_index(A->head, struct pb_item, i);

		if (it->kind == PB_LINE && it->data)
			rn_mark_live(live, it->data);
	}
	for (k = 1; k <= A->n_fn; k++)
		if (A->fn[k])
			g_hash_table_add(live, A->fn[k]);
	if (A->hold)
		g_hash_table_add(live, A->hold);
	if (A->hold_blk)
		g_hash_table_add(live, A->hold_blk);
	if (A->trim_live)
		A->trim_live(A->trim_data, live);
	sweep(A->rlines, live, (void (*)(gpointer))rline_free);
	sweep(A->paras, live, (void (*)(gpointer))pa_free);
	sweep(A->drops, live, (void (*)(gpointer))drop_free);
	sweep(A->blocks, live, (void (*)(gpointer))block_free);
	pa_guard_unlock(A->trim_guard);
	g_hash_table_destroy(live);
}

/* Inside a long block (a table's rows, a code block's lines, a top-level
 * list's items), every FLUSH_EVERY of its lines or items: the pages filled
 * so far drawn and freed, as between blocks, block b (shared by the lines
 * to come; NULL for a list) kept.  A block of 100,000 rows held them all
 * until its end (600 MB for 1 MB of table). */
#define FLUSH_EVERY 128

void
rn_art_flush_inside(struct art *A, struct rblock *b, int i)
{
	if (A->depth != 1 || i == 0 || i % FLUSH_EVERY != 0 || A->hold_blk)
		return;
	A->hold_blk = b;
	rn_art_flush(A, 0);
	A->hold_blk = NULL;
}

/* The items appended since the last call put on the baseline grid: a
 * line's advance from the one before (with the glue between) rounded to
 * whole grid steps, a shortfall of a quarter step forgiven (a 2 pt space
 * under a heading does not cost a line).  A heading, and a line of a
 * larger leading inside an unbreakable block (a pull quote's second line
 * on), keep their natural advance; the next line comes back to the grid
 * (a heading closer to its text than to the text before it, as set).  A
 * line's height above its baseline, used when it is first in a column,
 * puts it at the same place against the grid. */
static void
grid_items(struct art *A)
{
	double B = A->grid_step;

	if (B <= 0)
		return;
	for (size_t i = A->grid_next - A->v_dropped; i < A->v->len; i++) {
		struct pb_item *it = &g_array_index(A->v, struct pb_item, i);
		struct rline *l = it->data;
		double d, phase = 0;

		if (it->kind == PB_GLUE) {
			A->grid_glue += it->height;
			continue;
		}
		if (it->kind == PB_PENALTY) {
			A->grid_pen = MAX(A->grid_pen, it->penalty);
			continue;
		}
		d = A->grid_d + A->grid_glue + it->height;
		if ((l && l->kind == RL_TEXT && l->blk && l->blk->tag && l->blk->tag[0] == 'H') ||
		    (!it->para_first && A->grid_pen >= 10000 && it->height > B * 1.05)) {
			A->grid_d = d;
			phase = fmod(d, B);
		} else {
			int steps = MAX(1, (int)ceil(d / B - 0.25));

			it->height = steps * B - A->grid_d - A->grid_glue;
			A->grid_d = 0;
			if (l)
				l->grid = 1;
		}
		it->top = A->grid_top + phase + MAX(0, ceil((it->top - A->grid_top - phase) / B - 0.25)) * B;
		A->grid_glue = 0;
		A->grid_pen = 0;
	}
	A->grid_next = A->v_dropped + A->v->len;
}

void
rn_grid_figures(struct art *A)
{
	double B = A->grid_step;

	for (int f = 1; B > 0 && A->fig && f <= A->n_fn; f++) {
		struct rfig *F = A->fig[f];

		if (F && A->fn_top && A->fn_top[f]) {
			double h = ceil(F->height / B - 0.02) * B;

			F->after += h - F->height;
			F->height = h;
			A->fn_height[f] = h;
		}
	}
}

/* The pages the list so far decides, to A->page; then their items are
 * dropped and what nothing ahead uses is freed.  final: the list is
 * complete (the last page, balanced, and the notes never called). */
void
rn_art_flush(struct art *A, int final)
{
	struct pb_page pg;
	int made = 0;

	grid_items(A);
	while (pb_stream_next(&A->ps, (const struct pb_item *)A->v->data, A->v->len, final, &pg) == 1) {
		A->page(A->page_data, A, &pg);
		A->pages_done++;
		made = 1;
		if (A->keep)
			g_array_append_val(A->kept, pg);
	}
	if (A->keep && (int)A->kept->len > A->keep) {
		A->keep = 0;            /* too long to keep: stream from here on */
		g_array_set_size(A->kept, 0);
	}
	if (!made || final || A->keep)
		return;
	A->v_dropped += A->ps.i;
	g_array_remove_range(A->v, 0, A->ps.i);
	pb_stream_shift(&A->ps, A->ps.i);
	art_trim(A);
}

struct art *
rn_art_new(struct rn *R, struct warta_doc *doc, int index, const char *kicker, struct warta_diags *d)
{
	struct art *A = g_new0(struct art, 1);

	A->doc = doc;
	A->index = index;
	A->kicker = kicker;
	A->d = d;
	A->colw = R->colw;
	A->rlines = g_ptr_array_new();
	A->blocks = g_ptr_array_new();
	A->paras = g_ptr_array_new();
	A->drops = g_ptr_array_new();
	A->outline = g_ptr_array_new();
	A->kept = g_array_new(FALSE, FALSE, sizeof(struct pb_page));
	A->v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	A->head = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	A->fig_wait = g_ptr_array_new();
	A->head_figs = g_ptr_array_new();
	g_snprintf(A->prefix, sizeof A->prefix, "a%d-", index + 1);
	/* lines level across the columns of a multi-column style */
	if (R->cols > 1 && !R->own_grid) {
		A->grid_step = rn_leading(R, WARTA_EL_BODY);
		A->grid_top = A->grid_step * 0.8;
	}
	return A;
}

void
rn_art_pages(struct rn *R, struct art *A)
{
	struct pb_params pp;

	A->head_height = list_height(A->head) + rn_leading(R, WARTA_EL_BODY) * 0.5;
	memset(&pp, 0, sizeof pp);
	pp.columns = A->contents ? 1 : R->cols;
	pp.height = R->texth;
	pp.first_height = R->texth - A->head_height;
	pp.fn_separator = FN_SEPARATOR;
	pp.fn_height = A->fn_height;
	pp.n_fn = A->n_fn;
	pp.fn_top = A->fn_top;
	pp.top_max = R->texth * (R->style->figure_share > 0 ? R->style->figure_share : 0.7);
	pp.balance = 1;
	pb_stream_init(&A->ps, &pp);
}

void
rn_art_end(struct art *A)
{
	rn_art_flush(A, 1);
	A->rep.widows += A->ps.widows;
	A->rep.orphans += A->ps.orphans;
}

/* Lays out one document: the head block, footnotes, the body, pages, each
 * page handed to page() as soon as it is filled. */
