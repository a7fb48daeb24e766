/* para.c — a paragraph (para.h): styled UTF-8 runs appended, then set by
 * pa_set: shaped (shape.c), turned into the breaker's items (items.c),
 * broken into lines by lb_break (linebreak.h), each line made (lines.c),
 * overfull lines and broken words warned about at their source position. */
#include <string.h>

#include <pango/pangocairo.h>

#include "lang/lang.h"
#include "layout/para_int.h"
#include "util/clock.h"

struct pa_para *
pa_new(const char *lang, int rtl, const char *file)
{
	struct pa_para *p = g_new0(struct pa_para, 1);

	p->text = g_string_new(NULL);
	p->runs = g_array_new(FALSE, FALSE, sizeof(struct pa_run));
	p->links = g_ptr_array_new_with_free_func(g_free);
	p->link_no = g_hash_table_new(g_str_hash, g_str_equal);
	p->lang = g_strdup(lang ? lang : "en");
	p->rtl = rtl;
	p->file = file;
	return p;
}

static void
free_lines(struct pa_para *p)
{
	int i, j;

	for (i = 0; i < p->n_lines; i++) {
		for (j = 0; j < p->lines[i].n_pieces; j++) {
			pango_item_free(p->lines[i].pieces[j].gi.item);
			pango_glyph_string_free(p->lines[i].pieces[j].gi.glyphs);
		}
		g_free(p->lines[i].pieces);
		g_free(p->lines[i].footnotes);
		g_free(p->lines[i].kashidas);
	}
	g_free(p->lines);
	p->lines = NULL;
	p->n_lines = 0;
}

static void
free_shaping(struct pa_para *p)
{
	int i;

	for (i = 0; i < p->n_items; i++) {
		pango_item_free(p->items[i]);
		if (p->glyphs[i])
			pango_glyph_string_free(p->glyphs[i]);
	}
	g_free(p->items);
	g_free(p->glyphs);
	p->items = NULL;
	p->glyphs = NULL;
	p->n_items = 0;
	if (p->attrs)
		pango_attr_list_unref(p->attrs);
	p->attrs = NULL;
	g_free(p->la);
	g_free(p->char_at);
	g_free(p->cjk_gap);
	p->la = NULL;
	p->char_at = NULL;
	p->cjk_gap = NULL;
}

void
pa_free(struct pa_para *p)
{
	if (p == NULL)
		return;
	free_lines(p);
	free_shaping(p);
	g_string_free(p->text, TRUE);
	g_array_free(p->runs, TRUE);
	g_hash_table_destroy(p->link_no);
	g_ptr_array_free(p->links, TRUE);
	g_free(p->lang);
	g_free(p);
}

void
pa_add(struct pa_para *p, const char *utf8, int len, const struct pa_fmt *fmt, int line, int col)
{
	struct pa_run r;

	if (len < 0)
		len = strlen(utf8);
	if (len == 0)
		return;
	r.start = p->text->len;
	g_string_append_len(p->text, utf8, len);
	r.end = p->text->len;
	r.fmt = *fmt;
	r.line = line;
	r.col = col;
	g_array_append_val(p->runs, r);
}

int
pa_link(struct pa_para *p, const char *url)
{
	char *u;
	gpointer k;

	if ((k = g_hash_table_lookup(p->link_no, url)))
		return GPOINTER_TO_INT(k);
	u = g_strdup(url);
	g_ptr_array_add(p->links, u);
	g_hash_table_insert(p->link_no, u, GINT_TO_POINTER(p->links->len));
	return p->links->len;
}

int
pa_empty(const struct pa_para *p)
{
	const char *s;

	for (s = p->text->str; *s; s = g_utf8_next_char(s))
		if (!g_unichar_isspace(g_utf8_get_char(s)))
			return 0;
	return 1;
}

/* The warning for a word given emergency breaks, once, at its source
 * position: called for each of the word's lines, it returns at once after
 * the first (a word of 100 KB has thousands of lines; measuring it again
 * for each made its cost the square of its length). */
static void
warn_wide(const struct pa_para *p, const struct pa_setup *s, struct wide *w, double widest)
{
	const struct pa_run *r;
	const char *end;
	int n, more, col;
	char *head;

	if (w->broken)
		return;
	w->broken = 1;
	if ((s->continues_word && w->b0 == 0) || !s->diags)
		return;   /* warned in the piece before */
	r = pa_run_at(p, w->b0);
	/* the first 40 characters, and whether there are more */
	end = p->text->str + w->b0;
	for (n = 0; n < 40 && end < p->text->str + w->b1; n++)
		end = g_utf8_next_char(end);
	more = end < p->text->str + w->b1;
	head = g_strndup(p->text->str + w->b0, (gsize)(end - (p->text->str + w->b0)));
	col = r ? r->col + (int)g_utf8_strlen(p->text->str + r->start, w->b0 - r->start) : 0;
	warta_diag(s->diags, WARTA_WARNING, p->file, r ? r->line : 0, col,
	    "a word wider than the column (%.1f pt > %.1f pt) is broken across lines: \"%s%s\"",
	    w->width, widest, head, more ? "…" : "");
	g_free(head);
}

/* Each character's width (cw, n_chars + 1) and each byte's item (item_of,
 * text length + 1) from the shaped items; g_free both. */
static void
char_widths(const struct pa_para *p, double **cw_out, int **item_of_out)
{
	double *cw = g_new0(double, p->n_chars + 1);
	int *item_of = g_new0(int, p->text->len + 1);
	int i;
	size_t k;

	for (i = 0; i < p->n_items; i++) {
		PangoItem *item = p->items[i];
		int *w = g_new0(int, item->num_chars), c0 = p->char_at[item->offset], c;

		pango_glyph_string_get_logical_widths(p->glyphs[i], p->text->str + item->offset,
		    item->length, item->analysis.level, w);
		for (c = 0; c < item->num_chars; c++)
			cw[c0 + c] = PU(w[c]);
		for (k = item->offset; k < (size_t)(item->offset + item->length); k++)
			item_of[k] = i;
		g_free(w);
	}
	*cw_out = cw;
	*item_of_out = item_of;
}

/* The breaker's list arrays, kept from one paragraph to the next in each
 * thread.  A word wider than the measure has five items a character (its
 * emergency breaks, items.c), 88 bytes each: 14 MB for a 32 KB piece of a
 * long word (typeset.c's CHUNK).  Made new for each piece, every piece's
 * list was grown from nothing by doubling, and each time into memory the
 * allocator had given back to the kernel: 95 % of the page faults of a
 * 1 MB word (219,000) and a third of its time.  Lists up to KEEP_ITEMS are
 * kept; a bigger one (a paragraph not set in pieces) is freed. */
#define KEEP_ITEMS (1 << 18)

struct spare_lists {
	GArray *items, *slots;
};

static void
spare_free(gpointer data)
{
	struct spare_lists *sp = data;

	if (sp->items)
		g_array_unref(sp->items);
	if (sp->slots)
		g_array_unref(sp->slots);
	g_free(sp);
}

static GPrivate spare_key = G_PRIVATE_INIT(spare_free);

static void
list_arrays(struct build *bl)
{
	struct spare_lists *sp = g_private_get(&spare_key);

	if (sp && sp->items) {
		bl->items = sp->items;
		bl->slots = sp->slots;
		sp->items = sp->slots = NULL;
		g_array_set_size(bl->items, 0);
		g_array_set_size(bl->slots, 0);
		return;
	}
	warta_count(WARTA_COUNT_LISTS_NEW, 1);
	bl->items = g_array_new(FALSE, FALSE, sizeof(struct lb_item));
	bl->slots = g_array_new(FALSE, FALSE, sizeof(struct slot));
}

/* The breaker's list of the shaped paragraph. */
static void
build_list(struct pa_para *p, const struct pa_setup *s, struct build *bl)
{
	const struct warta_style *st = s->style;
	double *cw;
	int *item_of, i;
	size_t k;

	char_widths(p, &cw, &item_of);
	list_arrays(bl);
	bl->expansion = s->align == WARTA_TA_JUSTIFY && st && st->expansion > 0 ? MIN(st->expansion, 0.05) : 0;
	bl->widest = 0;
	for (k = 0; k < s->n_widths; k++)
		bl->widest = MAX(bl->widest, s->widths[k]);
	bl->wide = g_array_new(FALSE, FALSE, sizeof(struct wide));
	bl->cjk_gaps = 0;
	bl->cluster = g_malloc0(p->text->len + 1);
	for (i = 0; i < p->n_items; i++) {
		int g;

		bl->cluster[p->items[i]->offset] = 1;
		for (g = 0; g < p->glyphs[i]->num_glyphs; g++)
			bl->cluster[p->items[i]->offset + p->glyphs[i]->log_clusters[g]] = 1;
	}
	pa_build_items(p, s, bl, cw, item_of);
	g_free(bl->cluster);
	g_free(cw);
	g_free(item_of);
}

static void
build_free(struct build *bl)
{
	struct spare_lists *sp = g_private_get(&spare_key);

	g_array_free(bl->wide, TRUE);
	if (bl->items->len > KEEP_ITEMS || (sp && sp->items)) {
		g_array_free(bl->items, TRUE);
		g_array_free(bl->slots, TRUE);
		return;
	}
	if (!sp) {
		sp = g_new0(struct spare_lists, 1);
		g_private_set(&spare_key, sp);
	}
	sp->items = bl->items;
	sp->slots = bl->slots;
}

void
pa_spare_release(void)
{
	struct spare_lists *sp = g_private_get(&spare_key);

	if (sp && sp->items) {
		g_array_free(sp->items, TRUE);
		g_array_free(sp->slots, TRUE);
		sp->items = sp->slots = NULL;
	}
}

/* The line breaker's parameters: the style's, and for ragged or balanced
 * text no first pass and no adjacency demerits. */
static void
break_params(const struct pa_setup *s, struct lb_params *lp)
{
	const struct warta_style *st = s->style;

	lb_params_default(lp);
	if (st) {
		lp->pretolerance = st->pretolerance;
		lp->tolerance = st->tolerance;
		lp->emergency_stretch = st->emergency_stretch * st->el[WARTA_EL_BODY].size;
		lp->line_penalty = st->line_penalty;
		lp->adj_demerits = st->adj_demerits;
		lp->double_hyphen_demerits = st->double_hyphen_demerits;
		lp->final_hyphen_demerits = st->final_hyphen_demerits;
		lp->max_hyphen_run = st->max_hyphen_run;
	}
	if (s->align != WARTA_TA_JUSTIFY) {
		lp->pretolerance = -1;
		lp->tolerance = MAX(lp->tolerance, 1000);
		lp->adj_demerits = 0;
		/* balanced (headlines, decks): the fewest lines first (TeX's
		 * \looseness, tex.web §875), then the least demerits among
		 * breaks into that many lines, which with half the measure as
		 * every line's stretch is the most even one (CSS text-wrap:
		 * balance) */
		if (!s->last_line_fill)
			lp->looseness = -1000;
	}
}

/* A warning for an overfull line, at its source position. */
static void
warn_overfull(const struct pa_para *p, const struct pa_setup *s, struct pa_line *L)
{
	const struct pa_run *r = pa_run_at(p, L->start);
	char *t = g_utf8_substring(p->text->str + L->start, 0,
	    MIN(48, g_utf8_strlen(p->text->str + L->start, L->end - L->start)));
	int col = r ? r->col + (int)g_utf8_strlen(p->text->str + r->start, L->start - r->start) : 0;

	L->overfull = 1;
	if (s->diags)
		warta_diag(s->diags, WARTA_WARNING, p->file, r ? r->line : 0, col,
		    "overfull line (%.1f pt too wide): \"%s\"", L->natural - L->measure, t);
	g_free(t);
}

/* The lines the breaker chose (res), made and checked. */
static void
make_lines(struct pa_para *p, const struct pa_setup *s, struct build *bl, const struct lb_result *res)
{
	const struct slot *sl = (const struct slot *)bl->slots->data;
	double *space_w = g_new(double, p->text->len + 1);
	double *gap_w = bl->cjk_gaps ? g_new0(double, p->text->len + 1) : NULL;
	int i, prev_hyph = -1;
	size_t k;

	p->pass = res->pass;
	p->n_lines = res->n_lines;
	p->lines = g_new0(struct pa_line, res->n_lines);
	warta_count(WARTA_COUNT_LINES, res->n_lines);
	for (k = 0; k <= p->text->len; k++)
		space_w[k] = -1;
	for (i = 0; i < (int)res->n_lines; i++) {
		const struct lb_line *ln = &res->lines[i];
		struct pa_line *L = &p->lines[i];

		pa_make_line(p, s, bl, ln->start, ln->end, ln, i, prev_hyph, L, space_w, gap_w);
		if (ln->overfull || L->overfull)
			warn_overfull(p, s, L);
		if (ln->end < bl->slots->len && sl[ln->end].emergency)
			warn_wide(p, s, &g_array_index(bl->wide, struct wide, sl[ln->end].emergency - 1),
			    bl->widest);
		prev_hyph = L->hyphenated ? (int)sl[ln->end].b0 : -1;
		if (L->hyphenated)
			L->hyphenated = 1;
	}
	g_free(space_w);
	g_free(gap_w);
}

/* The style's digits (lang/digits.c, mode) into the text, the runs moved
 * with it: before shaping, so that the lines, the PDF's text and the trace
 * show them (the EPUB writes the same).  Each run in the digits of its
 * language (a quotation's, else the paragraph's): consecutive runs of the
 * same digits are converted together, so a number cut into runs by its
 * formatting is one number. */
/* The zero of run i's digits; ICU is asked once per language met in a row
 * (c: the last language asked about and its zero). */
struct zero_cache {
	const char *lang;
	unsigned int zero;
};

static unsigned int
run_zero(const struct pa_para *p, guint i, int mode, unsigned int pz, struct zero_cache *c)
{
	const char *l = g_array_index(p->runs, struct pa_run, i).fmt.lang;

	if (!l)
		return pz;
	if (!c->lang || strcmp(c->lang, l) != 0) {
		c->lang = l;
		c->zero = warta_digits_zero(l, mode);
	}
	return c->zero;
}

static void
set_digits(struct pa_para *p, int mode)
{
	unsigned int pz = warta_digits_zero(p->lang, mode), z;
	size_t len = p->text->len, *map, *seg, a = 0, b, k;
	GString *out;
	guint i, j;
	int changed = 0;
	struct zero_cache zc = { NULL, 0 };

	for (i = 0; i < p->runs->len && !g_array_index(p->runs, struct pa_run, i).fmt.lang; i++)
		;
	if (i == p->runs->len && !pz)
		return;         /* no run of its own language, nothing to change */
	map = g_new(size_t, len + 1);
	seg = g_new(size_t, len + 1);
	out = g_string_sized_new(len);
	for (i = 0; a < len; i = j) {
		char *t;

		if (i < p->runs->len) {
			z = run_zero(p, i, mode, pz, &zc);
			for (j = i + 1; j < p->runs->len && run_zero(p, j, mode, pz, &zc) == z; j++)
				;
			b = j < p->runs->len ? MAX(a, g_array_index(p->runs, struct pa_run, j).start) : len;
		} else {
			z = pz;                 /* the rest, in the paragraph's digits */
			j = i;
			b = len;
		}
		t = z && b > a ? warta_digits_apply(p->text->str + a, b - a, z, seg) : NULL;
		for (k = a; k < b; k++)
			map[k] = out->len + (t ? seg[k - a] : k - a);
		if (t) {
			g_string_append(out, t);
			changed = 1;
			g_free(t);
		} else {
			g_string_append_len(out, p->text->str + a, (gssize)(b - a));
		}
		a = b;
	}
	map[len] = out->len;
	if (changed) {
		for (i = 0; i < p->runs->len; i++) {
			struct pa_run *r = &g_array_index(p->runs, struct pa_run, i);

			r->start = map[r->start];
			r->end = map[r->end];
		}
		g_string_assign(p->text, out->str);
	}
	g_string_free(out, TRUE);
	g_free(seg);
	g_free(map);
}

int
pa_set(struct pa_para *p, const struct pa_setup *s)
{
	struct build bl;
	struct lb_params lp;
	struct lb_result res;
	int i;
	long long t0;

	free_lines(p);
	free_shaping(p);
	if (p->text->len == 0)
		return 0;
	if (s->style && s->style->digits)
		set_digits(p, s->style->digits);
	t0 = warta_clock_now();
	pa_shape(p, s);
	warta_clock_add(WARTA_CLOCK_SHAPE, t0);
	t0 = warta_clock_now();
	build_list(p, s, &bl);
	break_params(s, &lp);
	if (lb_break((struct lb_item *)bl.items->data, bl.items->len, s->widths, s->n_widths, &lp, &res) < 0) {
		build_free(&bl);
		return -1;
	}
	make_lines(p, s, &bl, &res);
	lb_result_free(&res);
	build_free(&bl);
	/* the lines hold their own glyphs: the paragraph's glyphs and character
	 * tables are not read after this, and kept they were half the memory of
	 * a long article (the items stay: their fonts are Pango's cache, and
	 * dropping them changed later fallback choices) */
	for (i = 0; i < p->n_items; i++) {
		pango_glyph_string_free(p->glyphs[i]);
		p->glyphs[i] = NULL;
	}
	g_free(p->la);
	g_free(p->char_at);
	g_free(p->cjk_gap);
	p->la = NULL;
	p->char_at = NULL;
	p->cjk_gap = NULL;
	/* the attributes were for the itemizer (the items hold copies of
	 * theirs): about 700 bytes a paragraph held to its page, 28,000 URL
	 * notes held to the article's end */
	if (p->attrs)
		pango_attr_list_unref(p->attrs);
	p->attrs = NULL;
	warta_clock_add(WARTA_CLOCK_BREAK, t0);
	return 0;
}

char *
pa_line_text(const struct pa_para *p, const struct pa_line *l)
{
	GString *s = g_string_new_len(p->text->str + l->start, l->end - l->start);
	char *c;

	for (c = s->str; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (l->hyphenated)
		g_string_append(s, "-");
	return g_string_free(s, FALSE);
}

double
pa_measure(PangoContext *ctx, const struct warta_style *style, const char *utf8, const struct pa_fmt *fmt)
{
	struct pa_para *p = pa_new("en", 0, NULL);
	struct pa_setup s;
	double w = 0, big = 1e6;
	int i;

	memset(&s, 0, sizeof s);
	pa_add(p, utf8, -1, fmt, 0, 0);
	s.ctx = ctx;
	s.style = style;
	s.align = WARTA_TA_LEFT;
	s.widths = &big;
	s.n_widths = 1;
	s.last_line_fill = 1;
	if (pa_set(p, &s) == 0)
		for (i = 0; i < p->n_lines; i++)
			w = MAX(w, p->lines[i].natural);
	pa_free(p);
	return w;
}

