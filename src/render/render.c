/* render.c — the print back end (render.h): the engine (font set, hyphenator,
 * Pango font maps kept for the next call); each document's tree → paragraphs
 * (layout/para.c) → a vertical list → pages (layout/page.c) → drawn by
 * draw.c into PDF, PNG or SVG, or written as a text trace.  Pages are drawn
 * as the list grows, and what only drawn pages used is freed, so memory
 * does not grow with the length of an article. */
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "article/article.h"
#include "layout/hyphenate.h"
#include "render/render_int.h"
#include "util/date.h"

static void fonts_free(struct rn_fonts *f);

struct warta_engine *
warta_engine_new(struct warta_diags *d)
{
	struct warta_engine *e = g_new0(struct warta_engine, 1);

	e->fc = warta_fonts_config(d);
	if (e->fc == NULL) {
		g_free(e);
		return NULL;
	}
	/* before any Pango font map: see warta_fonts_make_default */
	if (warta_fonts_make_default(e->fc) < 0)
		warta_diag(d, WARTA_NOTE, NULL, 0, 0,
		    "fontconfig: cannot make warta's font configuration current");
	e->hyph = warta_hyphenator_new();
	g_mutex_init(&e->lock);
	e->fonts = g_ptr_array_new();
	return e;
}

PangoContext *
warta_print_context_new(FcConfig *fc)
{
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx;
	cairo_font_options_t *fo;

	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fc);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	ctx = pango_font_map_create_context(fm);
	g_object_unref(fm);             /* the context holds it */
	pango_context_set_round_glyph_positions(ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	return ctx;
}

static void
fonts_free(struct rn_fonts *f)
{
	g_object_unref(f->ctx);
	g_object_unref(f->fontmap);
	g_free(f);
}

/* An idle font map of the engine's, or a new one.  Pango objects are not
 * shared between threads: each call holds its own until fonts_put. */
static struct rn_fonts *
fonts_take(struct warta_engine *e)
{
	struct rn_fonts *f = NULL;

	g_mutex_lock(&e->lock);
	if (e->fonts->len > 0)
		f = g_ptr_array_steal_index_fast(e->fonts, e->fonts->len - 1);
	g_mutex_unlock(&e->lock);
	if (f)
		return f;
	f = g_new0(struct rn_fonts, 1);
	f->ctx = warta_print_context_new(e->fc);
	f->fontmap = g_object_ref(pango_context_get_font_map(f->ctx));
	return f;
}

static void
fonts_put(struct warta_engine *e, struct rn_fonts *f)
{
	g_mutex_lock(&e->lock);
	g_ptr_array_add(e->fonts, f);
	g_mutex_unlock(&e->lock);
}

void
warta_engine_free(struct warta_engine *e)
{
	if (e == NULL)
		return;
	if (e->fc)
		FcConfigDestroy(e->fc);
	if (e->hyph)
		warta_hyphenator_free(e->hyph);
	for (guint i = 0; i < e->fonts->len; i++)
		fonts_free(g_ptr_array_index(e->fonts, i));
	g_ptr_array_free(e->fonts, TRUE);
	g_mutex_clear(&e->lock);
	g_free(e);
}

/* ------------------------------------------------------------ formats */

static const struct warta_elem_style *
el(const struct rn *R, enum warta_element e)
{
	return &R->style->el[e];
}

struct pa_fmt
rn_fmt(const struct rn *R, enum warta_element e)
{
	const struct warta_elem_style *s = el(R, e), *b = el(R, WARTA_EL_BODY);
	struct pa_fmt f;

	memset(&f, 0, sizeof f);
	f.family = s->family && *s->family ? s->family : b->family;
	f.size = s->size > 0 ? s->size : b->size > 0 ? b->size : 10;
	f.weight = s->weight ? s->weight : 400;
	f.italic = s->italic;
	f.small_caps = s->small_caps;
	f.uppercase = s->uppercase;
	f.letter_spacing = s->letter_spacing;
	f.features = s->features;
	f.color = s->color;
	f.hyphenate = s->hyphenate;
	return f;
}

/* An inline element inside text set as outer: its family and size relative
 * to the body's, its emphasis added to the outer one. */
static struct pa_fmt
inline_fmt(const struct rn *R, enum warta_element e, const struct pa_fmt *outer)
{
	const struct warta_elem_style *s = el(R, e), *b = el(R, WARTA_EL_BODY);
	struct pa_fmt f = *outer;

	if (s->family && b->family && strcmp(s->family, b->family) != 0)
		f.family = s->family;
	if (s->size > 0 && b->size > 0)
		f.size = outer->size * s->size / b->size;
	f.italic = outer->italic ^ s->italic;
	f.weight = MAX(outer->weight, s->weight);
	if (s->small_caps)
		f.small_caps = 1;
	if (s->letter_spacing != 0)
		f.letter_spacing = s->letter_spacing;
	if (s->features && *s->features)
		f.features = s->features;
	if (s->color && s->color != b->color)
		f.color = s->color;
	if (!s->hyphenate)
		f.hyphenate = 0;
	return f;
}

double
rn_leading(const struct rn *R, enum warta_element e)
{
	const struct warta_elem_style *s = el(R, e);
	double size = s->size > 0 ? s->size : 10;

	return s->leading > 0 ? s->leading : size * 1.25;
}

/* ------------------------------------------------------------ inlines */

static int
looks_like_url(const char *s)
{
	return s && (strstr(s, "://") || strncmp(s, "www.", 4) == 0 || strchr(s, '@'));
}

static void
inlines(struct rn *R, struct pa_para *P, const struct warta_node *n, const struct pa_fmt *f)
{
	const struct warta_node *c;
	struct pa_fmt g = *f;
	char buf[32];

	switch (n->type) {
	case WARTA_NODE_TEXT:
		pa_add(P, n->text ? n->text : "", -1, f, n->line, n->col);
		return;
	case WARTA_NODE_SOFTBREAK:
		pa_add(P, " ", 1, f, n->line, n->col);
		return;
	case WARTA_NODE_LINEBREAK:
		pa_add(P, "\xe2\x80\xa8", 3, f, n->line, n->col);
		return;
	case WARTA_NODE_HTML_INLINE:
		return;
	case WARTA_NODE_EMPH:
		g.italic = !f->italic;
		break;
	case WARTA_NODE_STRONG:
		g.weight = 700;
		break;
	case WARTA_NODE_CODE:
		g = inline_fmt(R, WARTA_EL_CODE, f);
		g.literal = 1;
		g.hyphenate = 0;
		g.small_caps = 0;
		pa_add(P, n->text ? n->text : "", -1, &g, n->line, n->col);
		return;
	case WARTA_NODE_LINK:
		if (n->as.link.url && n->as.link.active)
			g.link = pa_link(P, n->as.link.url);
		{
			char *t = warta_node_plain_text(n);

			if (looks_like_url(t))
				g.hyphenate = 0;
			g_free(t);
		}
		break;
	case WARTA_NODE_IMAGE:
		g.italic = !f->italic;
		pa_add(P, "[", 1, &g, n->line, n->col);
		for (c = n->first; c; c = c->next)
			inlines(R, P, c, &g);
		pa_add(P, "]", 1, &g, n->line, n->col);
		return;
	case WARTA_NODE_QUOTE:
		g = inline_fmt(R, WARTA_EL_QUOTATION, f);
		if (n->as.quote.open)
			pa_add(P, n->as.quote.open, -1, &g, n->line, n->col);
		for (c = n->first; c; c = c->next)
			inlines(R, P, c, &g);
		if (n->as.quote.close)
			pa_add(P, n->as.quote.close, -1, &g, n->end_line, n->end_col);
		return;
	case WARTA_NODE_FOOTNOTE_REF:
		g.size = f->size * 0.62;
		g.rise = f->size * 0.36;
		g.footnote = n->as.footnote.index;
		g.hyphenate = 0;
		g.small_caps = 0;
		g_snprintf(buf, sizeof buf, "#%sfn-%d", R->prefix, n->as.footnote.index);
		g.link = pa_link(P, buf);
		g_snprintf(buf, sizeof buf, "%d", n->as.footnote.index);
		pa_add(P, buf, -1, &g, n->line, n->col);
		return;
	case WARTA_NODE_DATELINE:
		g = inline_fmt(R, WARTA_EL_DATELINE, f);
		g.small_caps = 2;           /* capitals become small caps too (c2sc) */
		g.hyphenate = 0;
		if (n->first) {
			for (c = n->first; c; c = c->next)
				inlines(R, P, c, &g);
		} else if (n->as.dateline.place) {
			pa_add(P, n->as.dateline.place, -1, &g, n->line, n->col);
		}
		if (n->as.dateline.agency) {
			pa_add(P, " (", 2, &g, n->line, n->col);
			pa_add(P, n->as.dateline.agency, -1, &g, n->line, n->col);
			pa_add(P, ")", 1, &g, n->line, n->col);
		}
		pa_add(P, "\xc2\xa0\xe2\x80\x94 ", -1, f, n->line, n->col); /* NBSP em dash space */
		return;
	default:
		break;
	}
	for (c = n->first; c; c = c->next)
		inlines(R, P, c, &g);
}

/* ------------------------------------------------------------ the vertical list */

static struct rline *
new_rline(struct art *A, enum rl_kind k, struct rblock *b)
{
	struct rline *l = g_new0(struct rline, 1);

	l->kind = k;
	l->blk = b;
	g_ptr_array_add(A->rlines, l);
	return l;
}

static struct rblock *
new_block(struct art *A, const char *tag, int sect, int quote)
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

static void
vglue(GArray *v, double h)
{
	struct pb_item it;

	if (h <= 0)
		return;
	memset(&it, 0, sizeof it);
	it.kind = PB_GLUE;
	it.height = h;
	g_array_append_val(v, it);
}

static void
vpenalty(GArray *v, int p)
{
	struct pb_item it;

	memset(&it, 0, sizeof it);
	it.kind = PB_PENALTY;
	it.penalty = p;
	g_array_append_val(v, it);
}

static void
vline(GArray *v, struct rline *l, double height, double top)
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
static double
first_advance(GArray *v, double lead, const struct pa_para *P, const struct pa_line *L)
{
	double glue = 0, size = 10;
	guint i = v->len;

	if (P->runs->len)
		size = g_array_index(P->runs, struct pa_run, 0).fmt.size;
	while (i-- > 0) {
		const struct pb_item *it = &g_array_index(v, struct pb_item, i);

		if (it->kind == PB_GLUE)
			glue += it->height;
		else if (it->kind == PB_LINE)
			return MAX(lead, it->depth + 0.72 * size + 1 + MIN(glue, 0));
	}
	(void)L;
	return lead;
}

/* Is the last item a heading that must stay with what follows? */
static int
keep_pending(const struct art *A)
{
	return A->keep_next;
}

/* Sets a paragraph in the column and puts its lines on the list. */
static void
para_lines(struct rn *R, struct art *A, struct pa_para *P, enum warta_element e,
           struct rblock *b, double left, double right, double indent, int keep_whole,
           struct rdrop *cap)
{
	const struct warta_elem_style *s = el(R, e);
	const struct warta_style *st = R->style;
	double widths[8], offs[8], lead = rn_leading(R, e);
	struct pa_setup su;
	int i, n, kp = keep_pending(A);
	size_t nw = 1;

	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.hyph = R->e->hyph;
	su.style = st;
	su.align = s->align;
	su.indent = indent;
	widths[0] = R->colw - left - right;
	offs[0] = 0;
	if (cap) {
		nw = MIN(cap->indent_lines + 1, 8);
		for (i = 0; i < (int)nw; i++) {
			widths[i] = R->colw - left - right - (i < cap->indent_lines ? cap->width : 0);
			offs[i] = i < cap->indent_lines ? cap->width : 0;
		}
		su.indent = 0;
	}
	su.widths = widths;
	su.n_widths = nw;
	su.offsets = offs;
	su.n_offsets = nw;
	su.hyphenate = s->hyphenate;
	su.hyphen_left = s->hyphen_left > 0 ? s->hyphen_left : 2;
	su.hyphen_right = s->hyphen_right > 0 ? s->hyphen_right : 3;
	su.last_line_fill = e != WARTA_EL_HEADLINE && e != WARTA_EL_PULLQUOTE && e != WARTA_EL_DECK;
	su.justify_last = A->justify_last;
	su.diags = R->d;
	su.continues_word = A->continues_word;
	if (pa_set(P, &su) < 0) {
		warta_diag(R->d, WARTA_ERROR, A->doc->path, 0, 0, "out of memory setting a paragraph");
		return;
	}
	n = P->n_lines;
	if ((e == WARTA_EL_BLOCKQUOTE && n <= 4) || e == WARTA_EL_PULLQUOTE)
		keep_whole = 1;         /* short quotations and pull quotes stay in one piece */
	/* between two blocks with no space between them: a legal page break,
	 * except inside a pull quote */
	if (n > 0 && A->v->len > 0 && g_array_index(A->v, struct pb_item, A->v->len - 1).kind == PB_LINE)
		vpenalty(A->v, kp || e == WARTA_EL_PULLQUOTE ? 10000 : 0);
	for (i = 0; i < n; i++) {
		struct rline *l = new_rline(A, RL_TEXT, b);
		struct pa_line *L = &P->lines[i];

		l->para = P;
		l->line = i;
		l->x = P->rtl ? right : left;
		if (P->rtl)
			l->x = left;
		if (i == 0 && cap)
			l->cap = cap;
		if (i > 0) {
			int pen = 0;

			if (keep_whole || (kp && i == 1))
				pen = 10000;
			else {
				if (i == 1)
					pen += st->club_penalty;
				if (i == n - 1)
					pen += st->widow_penalty;
				if (P->lines[i - 1].hyphenated)
					pen += st->broken_penalty;
				if (cap && i <= cap->indent_lines)
					pen = 10000;
			}
			vpenalty(A->v, MIN(pen, 10000));
		}
		vline(A->v, l, i == 0 ? first_advance(A->v, lead, P, L) : lead,
		    L->ascent > 0 ? MIN(L->ascent, lead) : lead * 0.8);
		{
			struct pb_item *it = &g_array_index(A->v, struct pb_item, A->v->len - 1);

			it->para_first = i == 0;
			it->para_last = i == n - 1;
			it->depth = L->descent;
		}
		R->rep.lines++;
		if (L->justified && L->ratio > 0.5)
			R->rep.loose++;
		if (L->justified && L->ratio < -0.5)
			R->rep.tight++;
		if (L->overfull)
			R->rep.overfull++;
		if (L->hyphenated || L->brk == PA_BREAK_EXPLICIT) {
			R->rep.hyphenated++;
			A->hyph_run++;
			R->rep.longest_hyphen_run = MAX(R->rep.longest_hyphen_run, A->hyph_run);
		} else {
			A->hyph_run = 0;
		}
	}
	A->hyph_run = 0;
	A->keep_next = 0;
}

static struct pa_para *
new_para(struct rn *R, struct art *A, const struct warta_node *n)
{
	struct pa_para *P = pa_new(n && n->lang ? n->lang : A->doc->meta.lang,
	    n && n->lang ? warta_lang_is_rtl(n->lang) : A->doc->meta.rtl, A->doc->path);

	g_ptr_array_add(A->paras, P);
	return P;
}

static void
space(struct art *A, double h)
{
	vglue(A->v, h);
}

static void blocks(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
                   double left, double right, int sect, int quote);
static void art_flush(struct art *A, int final);

/* The drop cap: the first letter of the first body paragraph, set big
 * enough to span lines lines; takes it out of the paragraph's text. */
static struct rdrop *
drop_cap(struct rn *R, struct art *A, struct pa_para *P)
{
	struct rdrop *d;
	const char *t = P->text->str;
	const char *e;
	struct pa_fmt f;
	struct pa_run *r0;
	double lead = rn_leading(R, WARTA_EL_BODY), bodysize;
	PangoRectangle ink, logical;
	PangoGlyphString *gs;
	GList *items;
	PangoAttrList *al;
	int lines = R->style->drop_cap;

	if (lines < 2 || P->text->len == 0 || P->rtl || P->runs->len == 0)
		return NULL;
	e = g_utf8_next_char(t);
	if (!g_unichar_isalpha(g_utf8_get_char(t)))
		return NULL;
	{
		gunichar c = g_utf8_get_char(t);
		GUnicodeScript sc = g_unichar_get_script(c);

		if (sc != G_UNICODE_SCRIPT_LATIN && sc != G_UNICODE_SCRIPT_GREEK && sc != G_UNICODE_SCRIPT_CYRILLIC)
			return NULL;
	}
	r0 = &g_array_index(P->runs, struct pa_run, 0);
	f = rn_fmt(R, WARTA_EL_BODY);
	bodysize = f.size;
	d = g_new0(struct rdrop, 1);
	d->lines = lines;
	d->text = g_strndup(t, e - t);
	if (r0->fmt.small_caps) {
		char *up = g_utf8_strup(d->text, -1);

		g_free(d->text);
		d->text = up;
	}
	d->color = el(R, WARTA_EL_HEADING_NUMBER)->color ? el(R, WARTA_EL_HEADING_NUMBER)->color : f.color;
	d->family = g_strdup(el(R, WARTA_EL_HEADLINE)->family ? el(R, WARTA_EL_HEADLINE)->family : f.family);
	/* measure the letter at 100 pt and the body's capital height */
	al = pango_attr_list_new();
	{
		PangoFontDescription *fd = pango_font_description_new();
		PangoAttribute *a;

		pango_font_description_set_family(fd, d->family);
		pango_font_description_set_size(fd, 100 * PANGO_SCALE);
		a = pango_attr_font_desc_new(fd);
		a->start_index = 0;
		a->end_index = strlen(d->text);
		pango_attr_list_insert(al, a);
		pango_font_description_free(fd);
	}
	items = pango_itemize(R->ctx, d->text, 0, strlen(d->text), al, NULL);
	gs = pango_glyph_string_new();
	if (items) {
		PangoItem *it = items->data;
		double cap_body;

		pango_shape_with_flags(d->text, strlen(d->text), d->text, strlen(d->text), &it->analysis, gs,
		    PANGO_SHAPE_NONE);
		pango_glyph_string_extents(gs, it->analysis.font, &ink, &logical);
		cap_body = bodysize * 0.68;
		if (ink.height > 0) {
			double want = (lines - 1) * lead + cap_body;   /* baseline of line 1 cap top to line N baseline */

			double below, room = MAX(lead - bodysize * 0.8, 0);

			d->size = 100.0 * want / (-(double)ink.y / PANGO_SCALE);
			/* A descender (J, Q) hangs below the cap's last line, as
			 * in print, and the line under the cap is at the full
			 * measure.  Where it would reach that line's ascenders,
			 * the cap keeps its top on line 1's capital height and
			 * shrinks until the descender ends room below line N's
			 * baseline; its own baseline then rises by the rest. */
			below = (ink.y + ink.height) / (double)PANGO_SCALE * d->size / 100.0;
			if (below > room) {
				d->size = 100.0 * (want + room) / ((double)ink.height / PANGO_SCALE);
				d->rise = (ink.y + ink.height) / (double)PANGO_SCALE * d->size / 100.0 - room;
			}
			d->width = (ink.x + ink.width) / (double)PANGO_SCALE * d->size / 100.0 + bodysize * 0.3;
			d->indent_lines = lines;
		}
	}
	pango_glyph_string_free(gs);
	g_list_free_full(items, (GDestroyNotify)pango_item_free);
	pango_attr_list_unref(al);
	if (d->size <= 0) {
		g_free(d->text);
		g_free(d->family);
		g_free(d);
		return NULL;
	}
	/* take the letter out of the paragraph */
	{
		size_t k = e - t;
		guint i;

		g_string_erase(P->text, 0, k);
		for (i = 0; i < P->runs->len; i++) {
			struct pa_run *r = &g_array_index(P->runs, struct pa_run, i);

			if (r->start < k && r->end > k)
				r->col += 1;    /* its first character is gone */
			r->start = r->start >= k ? r->start - k : 0;
			r->end = r->end >= k ? r->end - k : 0;
		}
		while (P->runs->len && g_array_index(P->runs, struct pa_run, 0).end == 0)
			g_array_remove_index(P->runs, 0);
	}
	g_ptr_array_add(A->drops, d);
	return d;
}

/* A huge paragraph (scraped text with no paragraph breaks) is set in pieces
 * of about CHUNK bytes cut at spaces, each piece's last line justified, so
 * that shaping and line breaking work on bounded lists. */
#define CHUNK 32768

static void
chunks(struct rn *R, struct art *A, struct pa_para *P, enum warta_element e, struct rblock *b,
       double left, double right, double indent, struct rdrop *cap)
{
	const char *t = P->text->str;
	size_t s = 0, len = P->text->len;
	guint r = 0, k;
	int first = 1;

	while (s < len) {
		size_t end = MIN(len, s + CHUNK);
		struct pa_para *Q;

		if (end < len) {
			while (end > s + CHUNK / 2 && t[end] != ' ')
				end--;
			if (t[end] != ' ')
				end = MIN(len, s + CHUNK);
			while (end < len && (t[end] & 0xC0) == 0x80)
				end++;                  /* never inside a character */
			if (end < len && t[end] == ' ')
				end++;
		}
		Q = pa_new(P->lang, P->rtl, P->file);
		g_ptr_array_add(A->paras, Q);
		for (k = 0; k < P->links->len; k++)
			g_ptr_array_add(Q->links, g_strdup(g_ptr_array_index(P->links, k)));
		for (; r < P->runs->len; r++) {
			const struct pa_run *run = &g_array_index(P->runs, struct pa_run, r);
			size_t a = MAX(run->start, s), z = MIN(run->end, end);

			if (a < z)
				pa_add(Q, t + a, z - a, &run->fmt, run->line, run->col);
			if (run->end > end)
				break;          /* continues in the next piece */
		}
		A->justify_last = end < len;
		para_lines(R, A, Q, e, b, left, right, first ? indent : 0, 0, first ? cap : NULL);
		A->justify_last = 0;
		/* cut inside a word (one longer than half a piece): its rest
		 * opens the next piece, and it was warned about here */
		A->continues_word = end < len && t[end - 1] != ' ';
		first = 0;
		s = end;
		if (A->depth == 1 && s < len) {
			/* the pages filled so far, drawn and freed; P and b
			 * are still needed for the next pieces */
			A->hold = P;
			A->hold_blk = b;
			art_flush(A, 0);
			A->hold = NULL;
			A->hold_blk = NULL;
		}
	}
	A->continues_word = 0;
}

/* Han, kana, Hangul and full-width forms: glyphs that fill the em. */
static int
wide_char(gunichar c)
{
	GUnicodeScript sc = g_unichar_get_script(c);

	return sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
	    sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_HANGUL ||
	    sc == G_UNICODE_SCRIPT_BOPOMOFO || g_unichar_iswide(c);
}

/* Headline and deck text: CJK glyphs fill the em where Latin capitals
 * take about 0.7 of it, so runs of them are set at 3/4 of the size to
 * look as big as the Latin headline (and not take a third of the page). */
static void
add_display(struct pa_para *P, const char *t, const struct pa_fmt *f, int line, int col)
{
	struct pa_fmt cf = *f;
	const char *p = t, *start = t;
	int wide = -1, c0 = col;

	cf.size = f->size * 0.75;
	for (; *p; p = g_utf8_next_char(p)) {
		int w = wide_char(g_utf8_get_char(p));

		if (w != wide && p > start) {
			pa_add(P, start, p - start, wide ? &cf : f, line, c0);
			c0 = col;
			start = p;
		}
		wide = w;
		col++;
	}
	if (p > start)
		pa_add(P, start, p - start, wide == 1 ? &cf : f, line, c0);
}

static void
paragraph(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
          double left, double right, int sect, int quote, int first_in_block)
{
	struct pa_para *P = new_para(R, A, n);
	struct pa_fmt f = rn_fmt(R, e);
	const struct warta_elem_style *s = el(R, e);
	struct rblock *b = new_block(A, "P", sect, quote);
	struct rdrop *cap = NULL;
	const struct warta_node *c;
	double indent = s->indent;

	for (c = n->first; c; c = c->next)
		inlines(R, P, c, &f);
	if (pa_empty(P))
		return;
	if (e == WARTA_EL_BODY && !A->had_body) {
		indent = 0;
		/* a paragraph that opens with a dateline keeps it whole: no drop cap */
		if (R->style->drop_cap > 1 && !A->contents &&
		    !(n->first && n->first->type == WARTA_NODE_DATELINE))
			cap = drop_cap(R, A, P);
	}
	if (first_in_block || A->after_heading || !A->after_para)
		indent = 0;
	/* Chinese paragraphs open with a two-em indent (two ideographic spaces) */
	if (indent > 0 && e == WARTA_EL_BODY && P->lang && g_str_has_prefix(P->lang, "zh"))
		indent = 2 * f.size;
	if (e == WARTA_EL_BODY)
		A->had_body = 1;
	A->after_heading = 0;
	if (P->text->len > CHUNK) {
		chunks(R, A, P, e, b, left, right, indent, cap);
	} else {
		para_lines(R, A, P, e, b, left, right, indent, 0, cap);
		/* a paragraph shorter than its drop cap: what follows goes
		 * below the cap (no page break before it, the cap would be cut) */
		if (cap && (int)P->n_lines < cap->lines) {
			vpenalty(A->v, 10000);
			space(A, (cap->lines - P->n_lines) * rn_leading(R, WARTA_EL_BODY));
		}
	}
	A->after_para = 1;
}

/* A heading's text: its number, an en space, its inlines. */
static void
heading_text(struct rn *R, struct pa_para *P, const struct warta_node *n)
{
	struct pa_fmt f = rn_fmt(R, WARTA_EL_HEADING), nf = rn_fmt(R, WARTA_EL_HEADING_NUMBER);
	const struct warta_node *c;

	if (n->as.heading.number && *n->as.heading.number) {
		pa_add(P, n->as.heading.number, -1, &nf, n->line, n->col);
		pa_add(P, "\xe2\x80\x82", 3, &f, n->line, n->col);    /* en space */
	}
	f.hyphenate = 0;
	for (c = n->first; c; c = c->next)
		inlines(R, P, c, &f);
}

static char *
heading_dest(struct rn *R, const struct warta_node *n)
{
	return g_strdup_printf("%s%s", R->prefix, n->as.heading.id ? n->as.heading.id : "sec");
}

static void
add_outline(struct art *A, char *text, char *dest, int h1)
{
	struct routline *o = g_new0(struct routline, 1);

	o->text = text;
	o->dest = dest;
	o->h1 = h1;
	g_ptr_array_add(A->outline, o);
}

/* The outline entries of the headings, in the order blocks() sets them
 * (a heading with no text is not set): the PDF outline of an article is
 * written before its first page, while the later headings are not laid
 * out yet. */
static void
outline_walk(struct rn *R, struct art *A, const struct warta_node *n)
{
	const struct warta_node *c;

	for (c = n->first; c; c = c->next) {
		switch (c->type) {
		case WARTA_NODE_HEADING: {
			struct pa_para *P = pa_new(A->doc->meta.lang, 0, A->doc->path);

			heading_text(R, P, c);
			if (!pa_empty(P)) {
				char *title = warta_node_plain_text(c);

				add_outline(A, c->as.heading.number && *c->as.heading.number ?
				    g_strdup_printf("%s. %s", c->as.heading.number, title) : g_strdup(title),
				    heading_dest(R, c), 0);
				g_free(title);
			}
			pa_free(P);
			break;
		}
		case WARTA_NODE_BLOCKQUOTE:
		case WARTA_NODE_PULLQUOTE:
		case WARTA_NODE_LIST:
		case WARTA_NODE_ITEM:
			outline_walk(R, A, c);
			break;
		default:
			break;
		}
	}
}

static void
heading(struct rn *R, struct art *A, const struct warta_node *n, int sect)
{
	struct pa_para *P = new_para(R, A, n);
	struct rblock *b = new_block(A, "H2", sect, 0);
	const struct warta_elem_style *s = el(R, WARTA_EL_HEADING);

	heading_text(R, P, n);
	if (pa_empty(P))
		return;
	b->dest = heading_dest(R, n);
	if (A->v->len > 0)
		vpenalty(A->v, -100);           /* a good place for a page break (LaTeX's \@secpenalty) */
	space(A, s->space_before);
	para_lines(R, A, P, WARTA_EL_HEADING, b, 0, 0, 0, 1, NULL);
	vpenalty(A->v, 10000);
	space(A, s->space_after);
	A->keep_next = 1;
	A->after_heading = 1;
}

static void
rule(struct rn *R, struct art *A, double width, double x, double before, double after, double thick)
{
	struct rline *l = new_rline(A, RL_RULE, new_block(A, NULL, A->sect, 0));

	l->x = x;
	l->width = width;
	l->thick = thick;
	vline(A->v, l, before, before);
	vpenalty(A->v, 10000);
	vglue(A->v, after);
}

static void
code_block(struct rn *R, struct art *A, const struct warta_node *n, double left, double right,
           int sect, int quote)
{
	struct pa_fmt f = rn_fmt(R, WARTA_EL_CODE);
	const struct warta_elem_style *s = el(R, WARTA_EL_CODE);
	char **lines = g_strsplit(n->text ? n->text : "", "\n", -1);
	struct rblock *b = new_block(A, "P", sect, quote);
	int i, nl = g_strv_length(lines);

	f.literal = 1;
	f.hyphenate = 0;
	while (nl > 0 && lines[nl - 1][0] == '\0')
		nl--;
	space(A, MAX(s->space_before, 4));
	for (i = 0; i < nl; i++) {
		struct pa_para *P = new_para(R, A, n);

		pa_add(P, *lines[i] ? lines[i] : "\xc2\xa0", -1, &f, n->line + 1 + i, 1);
		para_lines(R, A, P, WARTA_EL_CODE, b, left + 8, right, 0, nl <= 6, NULL);
		if (i + 1 < nl)
			vpenalty(A->v, nl <= 6 ? 10000 : 0);
	}
	space(A, MAX(s->space_after, 4));
	g_strfreev(lines);
}

static void
table(struct rn *R, struct art *A, const struct warta_node *n, double left, double right, int sect)
{
	const struct warta_node *row, *cell;
	int ncol = 0, i, r;
	double *nat, total = 0, avail = R->colw - left - right, pad = 4, extra = 0;
	double lead = rn_leading(R, WARTA_EL_TABLE);
	const struct warta_elem_style *s = el(R, WARTA_EL_TABLE);
	int tid = ++A->table_id;

	A->cur_table = tid;             /* its rules belong to it */

	for (row = n->first; row; row = row->next) {
		int k = 0;

		for (cell = row->first; cell; cell = cell->next)
			k++;
		ncol = MAX(ncol, k);
	}
	if (ncol == 0) {
		A->cur_table = 0;
		return;
	}
	nat = g_new0(double, ncol);
	for (row = n->first; row; row = row->next) {
		for (cell = row->first, i = 0; cell; cell = cell->next, i++) {
			struct pa_fmt f = rn_fmt(R, WARTA_EL_TABLE);
			char *t = warta_node_plain_text(cell);

			if (row->as.row.header)
				f.weight = 700;
			nat[i] = MAX(nat[i], pa_measure(R->ctx, R->style, t, &f) + 2 * pad);
			g_free(t);
		}
	}
	for (i = 0; i < ncol; i++)
		total += nat[i];
	space(A, s->space_before);
	rule(R, A, avail, left, 2, 3, 0.8);
	for (row = n->first, r = 0; row; row = row->next, r++) {
		struct rline *l = new_rline(A, RL_ROW, new_block(A, NULL, sect, 0));
		double x = left, h = 0;

		l->blk->table = tid;
		l->blk->row = ++A->row_id;
		l->blk->header = row->as.row.header;

		l->cells = g_ptr_array_new();
		for (cell = row->first, i = 0; cell; cell = cell->next, i++) {
			struct pa_para *P = new_para(R, A, cell);
			struct pa_fmt f = rn_fmt(R, WARTA_EL_TABLE);
			const struct warta_node *c;
			double w = total <= avail ? nat[i] + (avail - total) / ncol : avail * nat[i] / total;
			double widths[1] = { MAX(w - 2 * pad, 10) };
			struct pa_setup su;
			struct rcell *rc = g_new0(struct rcell, 1);

			if (row->as.row.header)
				f.weight = 700;
			for (c = cell->first; c; c = c->next)
				inlines(R, P, c, &f);
			memset(&su, 0, sizeof su);
			su.ctx = R->ctx;
			su.style = R->style;
			su.align = cell->as.cell.align == WARTA_ALIGN_RIGHT ? WARTA_TA_RIGHT :
			    cell->as.cell.align == WARTA_ALIGN_CENTER ? WARTA_TA_CENTER : WARTA_TA_LEFT;
			su.widths = widths;
			su.n_widths = 1;
			su.last_line_fill = 1;
			su.diags = R->d;
			if (P->text->len)
				pa_set(P, &su);
			rc->para = P;
			rc->x = x + pad - left;
			g_ptr_array_add(l->cells, rc);
			h = MAX(h, P->n_lines * lead);
			x += w;
		}
		l->x = left;
		l->width = avail;
		l->lead = lead;
		l->header = row->as.row.header;
		if (r > 0)
			vpenalty(A->v, r == 1 ? 10000 : 0);
		vline(A->v, l, extra + lead + (r == 0 ? 0 : 3), lead * 0.8);
		extra = MAX(h - lead, 0);
		if (row->as.row.header) {
			vpenalty(A->v, 10000);
			rule(R, A, avail, left, 4 + extra, 3, 0.4);
			extra = -lead * 0.6;
		}
		R->rep.lines++;
	}
	vpenalty(A->v, 10000);
	rule(R, A, avail, left, 5 + extra, s->space_after, 0.8);
	A->cur_table = 0;
	g_free(nat);
}

static void
list(struct rn *R, struct art *A, const struct warta_node *n, double left, double right, int sect,
     int quote)
{
	const struct warta_node *it;
	const struct warta_elem_style *s = el(R, WARTA_EL_LIST);
	double indent = s->margin_left > 0 ? s->margin_left : 16;
	int k = n->as.list.start ? n->as.list.start : 1, lid = ++A->list_id;

	if (left + right + indent > R->colw * 0.4)
		indent = 0;             /* deeply nested lists stop indenting */

	space(A, s->space_before);
	for (it = n->first; it; it = it->next, k++) {
		char lab[32];
		size_t mark = A->rlines->len;
		struct pa_para *L;
		struct pa_fmt f = rn_fmt(R, WARTA_EL_BODY);

		if (n->as.list.ordered)
			g_snprintf(lab, sizeof lab, "%d%c", k, n->as.list.delim ? n->as.list.delim : '.');
		else
			g_strlcpy(lab, "\xe2\x80\xa2", sizeof lab);
		{
			int save_list = A->cur_list, save_item = A->cur_item;

			A->cur_list = lid;
			A->cur_item = ++A->item_id;
			blocks(R, A, it, WARTA_EL_LIST, left + indent, right, sect, quote);
			A->cur_list = save_list;
			A->cur_item = save_item;
		}
		if (A->rlines->len > mark) {
			struct rline *first = g_ptr_array_index(A->rlines, mark);
			struct pa_setup su;
			double big = 200;

			L = pa_new("en", 0, A->doc->path);
			g_ptr_array_add(A->paras, L);
			if (first->para && first->para->runs->len)
				f = g_array_index(first->para->runs, struct pa_run, 0).fmt;
			f.link = 0;
			f.footnote = 0;
			f.rise = 0;
			f.small_caps = 0;
			pa_add(L, lab, -1, &f, it->line, it->col);
			memset(&su, 0, sizeof su);
			su.ctx = R->ctx;
			su.style = R->style;
			su.align = WARTA_TA_LEFT;
			su.widths = &big;
			su.n_widths = 1;
			su.last_line_fill = 1;
			pa_set(L, &su);
			first->label = L;
			first->label_gap = indent * 0.35;
		}
		if (!n->as.list.tight && it->next)
			space(A, s->space_after > 0 ? s->space_after : 3);
	}
	space(A, s->space_after);
}

static void
blocks(struct rn *R, struct art *A, const struct warta_node *n, enum warta_element e,
       double left, double right, int sect, int quote)
{
	const struct warta_node *c;
	int first = 1;

	A->depth++;
	for (c = n->first; c; c = c->next, first = 0) {
		const struct warta_elem_style *s;

		if (c->type != WARTA_NODE_PARAGRAPH && c->type != WARTA_NODE_FOOTNOTE_DEF)
			A->after_para = 0;      /* no indent after a display (also below) */

		switch (c->type) {
		case WARTA_NODE_PARAGRAPH:
			if (!first && e == WARTA_EL_BODY && el(R, e)->space_before > 0)
				space(A, el(R, e)->space_before);
			paragraph(R, A, c, e, left, right, sect ? sect : A->sect, quote,
			    first && e != WARTA_EL_BODY);
			break;
		case WARTA_NODE_HEADING:
			A->sect++;
			heading(R, A, c, A->sect);
			break;
		case WARTA_NODE_BLOCKQUOTE:
			s = el(R, WARTA_EL_BLOCKQUOTE);
			space(A, s->space_before);
			A->quote_id++;
			/* nested quotations indent until the measure is down to 60% */
			if (left + right + s->margin_left + s->margin_right <= R->colw * 0.4)
				blocks(R, A, c, WARTA_EL_BLOCKQUOTE, left + s->margin_left, right + s->margin_right,
				    A->sect, A->quote_id);
			else
				blocks(R, A, c, WARTA_EL_BLOCKQUOTE, left, right, A->sect, A->quote_id);
			space(A, s->space_after);
			break;
		case WARTA_NODE_PULLQUOTE: {
			double w;

			s = el(R, WARTA_EL_PULLQUOTE);
			w = R->colw - left - right - s->margin_left - s->margin_right;
			space(A, s->space_before);
			A->quote_id++;
			rule(R, A, w * 0.3, left + s->margin_left + w * 0.35, 2, 6, 0.6);
			blocks(R, A, c, WARTA_EL_PULLQUOTE, left + s->margin_left, right + s->margin_right,
			    A->sect, A->quote_id);
			vpenalty(A->v, 10000);
			/* as far below the last baseline as the first is below the top rule */
			rule(R, A, w * 0.3, left + s->margin_left + w * 0.35, MAX(8, s->leading * 0.75),
			    s->space_after, 0.6);
			break;
		}
		case WARTA_NODE_LIST:
			list(R, A, c, left, right, A->sect, quote);
			break;
		case WARTA_NODE_ITEM:
			blocks(R, A, c, e, left, right, sect, quote);
			break;
		case WARTA_NODE_CODE_BLOCK:
			code_block(R, A, c, left, right, A->sect, quote);
			break;
		case WARTA_NODE_HTML_BLOCK:
			warta_diag(R->d, WARTA_NOTE, A->doc->path, c->line, c->col,
			    "raw HTML block left out of the print edition");
			break;
		case WARTA_NODE_THEMATIC_BREAK: {
			double w = R->colw - left - right;

			rule(R, A, w * 0.2, left + w * 0.4, 10, 10, 0.5);
			break;
		}
		case WARTA_NODE_TABLE:
			table(R, A, c, left, right, A->sect);
			break;
		case WARTA_NODE_FOOTNOTE_DEF:
			break;                  /* set at the foot of the column of the call */
		default:
			break;
		}
		if (c->type != WARTA_NODE_PARAGRAPH && c->type != WARTA_NODE_FOOTNOTE_DEF)
			A->after_para = 0;
		if (A->depth == 1)
			art_flush(A, 0);        /* draw and free the pages filled so far */
	}
	A->depth--;
}

/* Footnotes: each definition set at the column width in the footnote style. */
static void
footnotes(struct rn *R, struct art *A)
{
	const struct warta_node *c;
	int maxi = 0;

	for (c = A->doc->root->first; c; c = c->next)
		if (c->type == WARTA_NODE_FOOTNOTE_DEF)
			maxi = MAX(maxi, c->as.footnote.index);
	A->n_fn = maxi;
	A->fn = g_new0(struct pa_para *, maxi + 1);
	A->fn_height = g_new0(double, maxi + 1);
	for (c = A->doc->root->first; c; c = c->next) {
		struct pa_para *P;
		struct pa_fmt f = rn_fmt(R, WARTA_EL_FOOTNOTE), nf;
		const struct warta_node *b, *x;
		struct pa_setup su;
		double w = R->colw;
		char num[32];
		int i = c->as.footnote.index;

		if (c->type != WARTA_NODE_FOOTNOTE_DEF || i <= 0 || A->fn[i])
			continue;
		P = new_para(R, A, c);
		nf = f;
		nf.size = f.size * 0.8;
		nf.rise = f.size * 0.3;
		g_snprintf(num, sizeof num, "%d\xc2\xa0", i);
		pa_add(P, num, -1, &nf, c->line, c->col);
		for (b = c->first; b; b = b->next) {
			if (b != c->first)
				pa_add(P, " ", 1, &f, b->line, b->col);
			if (b->type == WARTA_NODE_PARAGRAPH)
				for (x = b->first; x; x = x->next)
					inlines(R, P, x, &f);
			else {
				char *t = warta_node_plain_text(b);

				pa_add(P, t, -1, &f, b->line, b->col);
				g_free(t);
			}
		}
		memset(&su, 0, sizeof su);
		su.ctx = R->ctx;
		su.hyph = R->e->hyph;
		su.style = R->style;
		su.align = el(R, WARTA_EL_FOOTNOTE)->align;
		su.widths = &w;
		su.n_widths = 1;
		su.hyphenate = 1;
		su.hyphen_left = 2;
		su.hyphen_right = 3;
		su.last_line_fill = 1;
		su.diags = R->d;
		pa_set(P, &su);
		A->fn[i] = P;
		A->fn_height[i] = P->n_lines * rn_leading(R, WARTA_EL_FOOTNOTE) +
		    MAX(el(R, WARTA_EL_FOOTNOTE)->space_before, 2);
		/* the page builder carries notes that do not fit to the next
		 * column; one taller than a column is drawn cut at its foot */
		if (A->fn_height[i] + FN_SEPARATOR > R->texth + 0.01)
			warta_diag(R->d, WARTA_WARNING, A->doc->path, c->line, c->col,
			    "footnote %d is taller than a column (%.1f pt > %.1f pt): its lines past "
			    "the column's foot are not printed", i, A->fn_height[i] + FN_SEPARATOR, R->texth);
		R->rep.lines += P->n_lines;
	}
}

/* The headline block, spanning the columns of the first page. */
static void
head_block(struct rn *R, struct art *A)
{
	const struct warta_meta *m = &A->doc->meta;
	GArray *save = A->v;
	double savew = R->colw;
	struct rblock *b;
	struct pa_para *P;
	struct pa_fmt f;

	A->v = A->head;
	R->colw = R->textw;
	/* an edition's section name over the first article of the section */
	if (R->kicker && !A->contents) {
		P = new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_RUNNING_HEAD);
		f.color = el(R, WARTA_EL_HEADING_NUMBER)->color;
		f.weight = 700;
		pa_add(P, R->kicker, -1, &f, 0, 0);
		para_lines(R, A, P, WARTA_EL_RUNNING_HEAD, new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		space(A, 4);
	}
	/* headline */
	P = new_para(R, A, NULL);
	f = rn_fmt(R, WARTA_EL_HEADLINE);
	f.hyphenate = 0;
	add_display(P, m->title ? m->title : A->doc->name, &f, m->title_line, m->title_col);
	b = new_block(A, "H1", 0, 0);
	b->dest = g_strdup_printf("%stop", R->prefix);
	add_outline(A, g_strdup(m->title ? m->title : A->doc->name), g_strdup(b->dest), 1);
	para_lines(R, A, P, WARTA_EL_HEADLINE, b, 0, 0, 0, 1, NULL);
	space(A, el(R, WARTA_EL_HEADLINE)->space_after);
	if (m->subtitle && *m->subtitle) {
		P = new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_DECK);
		add_display(P, m->subtitle, &f, m->title_line + 1, 1);
		para_lines(R, A, P, WARTA_EL_DECK, new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		space(A, el(R, WARTA_EL_DECK)->space_after);
	}
	if (m->author && *m->author) {
		P = new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_BYLINE);
		pa_add(P, m->author, -1, &f, m->title_line, 1);
		para_lines(R, A, P, WARTA_EL_BYLINE, new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		space(A, el(R, WARTA_EL_BYLINE)->space_after);
	}
	if (m->date && *m->date) {
		char *ds = warta_date_format(m->date, m->lang);

		P = new_para(R, A, NULL);
		f = rn_fmt(R, WARTA_EL_DATE);
		pa_add(P, ds ? ds : m->date, -1, &f, m->title_line, 1);
		g_free(ds);
		para_lines(R, A, P, WARTA_EL_DATE, new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		space(A, el(R, WARTA_EL_DATE)->space_after);
	}
	A->v = save;
	R->colw = savew;
	A->keep_next = 0;
}

static void
source_line(struct rn *R, struct art *A)
{
	const struct warta_meta *m = &A->doc->meta;
	struct pa_para *P;
	struct pa_fmt f;

	if (!m->source || !*m->source)
		return;
	P = new_para(R, A, NULL);
	f = rn_fmt(R, WARTA_EL_SOURCE);
	pa_add(P, m->source, -1, &f, 0, 0);
	/* kept with the end of the article: never alone on a last page */
	vpenalty(A->v, 10000);
	space(A, el(R, WARTA_EL_SOURCE)->space_before);
	para_lines(R, A, P, WARTA_EL_SOURCE, new_block(A, "P", A->sect, 0), 0, 0, 0, 1, NULL);
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

void
rn_art_free(struct art *A)
{
	guint i;

	if (A == NULL)
		return;
	for (i = 0; i < A->rlines->len; i++)
		rline_free(g_ptr_array_index(A->rlines, i));
	g_ptr_array_free(A->rlines, TRUE);
	for (i = 0; i < A->blocks->len; i++)
		block_free(g_ptr_array_index(A->blocks, i));
	g_ptr_array_free(A->blocks, TRUE);
	for (i = 0; i < A->paras->len; i++)
		pa_free(g_ptr_array_index(A->paras, i));
	g_ptr_array_free(A->paras, TRUE);
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
	g_free(A->fn);
	g_free(A->fn_height);
	pb_stream_fini(&A->ps);
	g_free(A);
}

/* What the pages still to draw can reach from a line. */
static void
mark_live(GHashTable *live, const struct rline *l)
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
static void
art_trim(struct art *A)
{
	GHashTable *live = g_hash_table_new(NULL, NULL);
	guint i;
	int k;

	for (i = 0; i < A->v->len; i++) {
		const struct pb_item *it = &g_array_index(A->v, struct pb_item, i);

		if (it->kind == PB_LINE && it->data)
			mark_live(live, it->data);
	}
	if (A->pages_done > 0)
		g_array_set_size(A->head, 0);   /* drawn on the first page */
	for (i = 0; i < A->head->len; i++) {
		const struct pb_item *it = &g_array_index(A->head, struct pb_item, i);

		if (it->kind == PB_LINE && it->data)
			mark_live(live, it->data);
	}
	for (k = 1; k <= A->n_fn; k++)
		if (A->fn[k])
			g_hash_table_add(live, A->fn[k]);
	if (A->hold)
		g_hash_table_add(live, A->hold);
	if (A->hold_blk)
		g_hash_table_add(live, A->hold_blk);
	sweep(A->rlines, live, (void (*)(gpointer))rline_free);
	sweep(A->paras, live, (void (*)(gpointer))pa_free);
	sweep(A->drops, live, (void (*)(gpointer))drop_free);
	sweep(A->blocks, live, (void (*)(gpointer))block_free);
	g_hash_table_destroy(live);
}

/* Hands the pages that the list so far decides to A->page, then drops
 * their items and frees what nothing ahead uses.  final: the list is
 * complete (the last page, balanced, and the notes never called). */
static void
art_flush(struct art *A, int final)
{
	struct pb_page pg;
	int made = 0;

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
	g_array_remove_range(A->v, 0, A->ps.i);
	pb_stream_shift(&A->ps, A->ps.i);
	art_trim(A);
}

static struct art *
art_new(struct rn *R, struct warta_doc *doc, int index)
{
	struct art *A = g_new0(struct art, 1);

	A->doc = doc;
	A->index = index;
	A->rlines = g_ptr_array_new();
	A->blocks = g_ptr_array_new();
	A->paras = g_ptr_array_new();
	A->drops = g_ptr_array_new();
	A->outline = g_ptr_array_new();
	A->kept = g_array_new(FALSE, FALSE, sizeof(struct pb_page));
	A->v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	A->head = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	g_snprintf(R->prefix, sizeof R->prefix, "a%d-", index + 1);
	return A;
}

/* The page builder, once the head block and the notes are set. */
static void
art_pages(struct rn *R, struct art *A)
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
	pp.balance = 1;
	pb_stream_init(&A->ps, &pp);
}

static void
art_end(struct rn *R, struct art *A)
{
	art_flush(A, 1);
	R->rep.widows += A->ps.widows;
	R->rep.orphans += A->ps.orphans;
}

/* Lays out one document: the head block, footnotes, the body, pages, each
 * page handed to page() as soon as it is filled. */
struct art *
rn_art_layout(struct rn *R, struct warta_doc *doc, int index, int keep,
              void (*page)(void *, struct art *, const struct pb_page *), void *data)
{
	struct art *A = art_new(R, doc, index);

	A->page = page;
	A->page_data = data;
	A->keep = keep;
	head_block(R, A);
	outline_walk(R, A, doc->root);
	footnotes(R, A);
	art_pages(R, A);
	blocks(R, A, doc->root, WARTA_EL_BODY, 0, 0, 0, 0);
	source_line(R, A);
	art_end(R, A);
	return A;
}

/* An edition's masthead and contents: a pseudo-document (doc: title, date,
 * language) whose body lists the articles, a new heading at each change of
 * section, each title linked to its article, the page number at the right. */
struct art *
rn_contents_layout(struct rn *R, struct warta_doc *doc, const int *first_page,
                   void (*page)(void *, struct art *, const struct pb_page *), void *data)
{
	struct art *A = art_new(R, doc, 0);
	const char *sect = NULL;
	double savew = R->colw, numw = 28;
	size_t i;

	A->page = page;
	A->page_data = data;

	A->contents = 1;
	R->colw = R->textw;
	head_block(R, A);
	A->fn = g_new0(struct pa_para *, 1);
	A->fn_height = g_new0(double, 1);
	for (i = 0; i < R->n_docs; i++) {
		const struct warta_meta *m = &R->docs[i]->meta;
		struct pa_para *P, *N;
		struct pa_fmt f = rn_fmt(R, WARTA_EL_BODY), nf;
		struct rblock *b;
		struct rline *l;
		char buf[64];
		double w = R->colw - numw, big = 100;
		struct pa_setup su;

		if (m->section && (sect == NULL || strcmp(sect, m->section) != 0)) {
			struct pa_fmt hf = rn_fmt(R, WARTA_EL_HEADING);

			P = pa_new(doc->meta.lang, doc->meta.rtl, doc->path);
			g_ptr_array_add(A->paras, P);
			pa_add(P, m->section, -1, &hf, 0, 0);
			b = new_block(A, "H2", 0, 0);
			space(A, el(R, WARTA_EL_HEADING)->space_before);
			para_lines(R, A, P, WARTA_EL_HEADING, b, 0, 0, 0, 1, NULL);
			vpenalty(A->v, 10000);
			space(A, el(R, WARTA_EL_HEADING)->space_after);
			A->keep_next = 1;
			sect = m->section;
		} else if (sect && !m->section) {
			sect = NULL;
			space(A, el(R, WARTA_EL_HEADING)->space_before);
		}
		P = pa_new(m->lang, m->rtl, doc->path);
		g_ptr_array_add(A->paras, P);
		g_snprintf(buf, sizeof buf, "#a%zu-top", i + 2);
		f.link = pa_link(P, buf);
		f.hyphenate = 0;
		pa_add(P, m->title ? m->title : R->docs[i]->name, -1, &f, 0, 0);
		b = new_block(A, "P", 0, 0);
		memset(&su, 0, sizeof su);
		su.ctx = R->ctx;
		su.style = R->style;
		su.align = WARTA_TA_LEFT;
		su.widths = &w;
		su.n_widths = 1;
		su.last_line_fill = 1;
		su.diags = R->d;
		pa_set(P, &su);
		N = pa_new("en", 0, doc->path);
		g_ptr_array_add(A->paras, N);
		nf = rn_fmt(R, WARTA_EL_BODY);
		nf.link = pa_link(N, buf);
		g_snprintf(buf, sizeof buf, "%d", first_page ? first_page[i] : 0);
		pa_add(N, buf, -1, &nf, 0, 0);
		su.widths = &big;
		pa_set(N, &su);
		for (int k = 0; k < P->n_lines; k++) {
			l = new_rline(A, RL_TEXT, b);
			l->para = P;
			l->line = k;
			if (k == P->n_lines - 1) {
				l->rlabel = N;
				l->rlabel_x = R->colw - (N->n_lines ? N->lines[0].natural : 0);
			}
			if (k > 0 || A->keep_next)
				vpenalty(A->v, 10000);
			vline(A->v, l, rn_leading(R, WARTA_EL_BODY), rn_leading(R, WARTA_EL_BODY) * 0.8);
			A->keep_next = 0;
		}
		space(A, 3);
	}
	R->colw = savew;
	art_pages(R, A);
	art_end(R, A);
	return A;
}

/* ------------------------------------------------------------ the call */

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

int
warta_render(struct warta_engine *e, const struct warta_style *style,
             struct warta_doc *const *docs, size_t n, const struct warta_render_opts *opts,
             const char *out_path, struct warta_report *report, struct warta_diags *d)
{
	struct rn R;
	struct rn_fonts *fonts;
	int rc;
	struct warta_render_opts defo;

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
	R.d = d;
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

	/* a font map of our own for this call, kept in the engine afterwards */
	fonts = fonts_take(e);
	R.fontmap = fonts->fontmap;
	R.ctx = fonts->ctx;

	rc = rn_output(&R);

	if (report)
		*report = R.rep;
	fonts_put(e, fonts);
	g_free(R.create_date);
	return rc;
}
