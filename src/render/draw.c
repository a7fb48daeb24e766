/* draw.c — pages → output: Cairo PDF (metadata, outline, links, tagged
 * structure), PNG and SVG of the same pages, or a text trace of the layout
 * (WARTA_PRINT_TRACE) for golden tests.  Editions get a masthead with the
 * contents first; every file is written through util/output.h. */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "article/article.h"
#include "render/render_int.h"
#include "util/output.h"

#define MAX_TAGS 12

struct tag {
	const char *name;
	int id;
};

struct out {
	struct rn *R;
	enum warta_print_format fmt;
	struct warta_output *o;         /* PDF, trace */
	cairo_surface_t *pdf;
	cairo_t *cr;                    /* PDF: one for the document */
	GString *trace;
	int first, last;                /* page range for PNG/SVG; 0: all */
	int numbered;                   /* PNG/SVG: NAME-N.ext */
	struct warta_output_set *pages; /* PNG/SVG: the pages' files, put in place once all are made */
	int failed;
	struct tag tags[MAX_TAGS];
	int n_tags;
	int outline_parent;             /* section outline entry (editions), 0: root */
	int art_outline;
};

/* ------------------------------------------------------------ tags */

static void
tags_close_to(struct out *O, int depth)
{
	while (O->cr && O->n_tags > depth) {
		O->n_tags--;
		cairo_tag_end(O->cr, O->tags[O->n_tags].name);
	}
	O->n_tags = MIN(O->n_tags, depth);
}

/* Opens the structure path of a block: Art › Sect › BlockQuote › P/H. */
static void
tags_path(struct out *O, const struct art *A, const struct rblock *b, int label)
{
	struct tag want[MAX_TAGS];
	int n = 0, i;

	if (O->cr == NULL || O->fmt != WARTA_PRINT_PDF)
		return;
	want[n++] = (struct tag){ "Art", A ? A->index + 1 : 0 };
	if (b && b->sect > 0 && (b->tag == NULL || strcmp(b->tag, "H1") != 0))
		want[n++] = (struct tag){ "Sect", b->sect };
	if (b && b->quote > 0)
		want[n++] = (struct tag){ "BlockQuote", b->quote };
	if (b && b->list > 0) {
		want[n++] = (struct tag){ "L", b->list };
		want[n++] = (struct tag){ "LI", b->item };
		want[n++] = (struct tag){ label ? "Lbl" : "LBody", b->item };
	}
	if (b && b->table > 0) {
		want[n++] = (struct tag){ "Table", b->table };
		if (b->row > 0)
			want[n++] = (struct tag){ "TR", b->row };
	}
	if (b && b->tag && !label)      /* rules and rows have no element of their own */
		want[n++] = (struct tag){ b->tag, b->id };
	for (i = 0; i < n && i < O->n_tags; i++)
		if (strcmp(want[i].name, O->tags[i].name) != 0 || want[i].id != O->tags[i].id)
			break;
	tags_close_to(O, i);
	for (; i < n; i++) {
		cairo_tag_begin(O->cr, want[i].name, "");
		O->tags[O->n_tags++] = want[i];
	}
}

static void
tags_to(struct out *O, const struct art *A, const struct rblock *b)
{
	tags_path(O, A, b, 0);
}

/* ------------------------------------------------------------ drawing */

static void
color(cairo_t *cr, unsigned int c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* A link target as a Cairo attribute string. */
static char *
link_attr(const char *url)
{
	char *esc, *r;

	if (url[0] == '#')
		return g_strdup_printf("dest='%s'", url + 1);
	/* cairo 1.16 writes the URI verbatim into a PDF string: percent-encode
	 * parentheses, backslashes, quotes and everything outside ASCII */
	esc = g_uri_escape_string(url, "!#$%&*+,-./:;=?@[]_~", FALSE);
	r = g_strdup_printf("uri='%s'", esc);
	g_free(esc);
	return r;
}

static void
trace_line(struct out *O, const struct pa_para *P, const struct pa_line *L, double x, double y)
{
	static const char *const kind[] = { "glue", "hyphen", "explicit", "penalty", "forced", "final" };
	char *t;

	if (O->trace == NULL)
		return;
	t = pa_line_text(P, L);
	g_string_append_printf(O->trace, "    %7.1f %6.1f %s r=%.3f", y, x, kind[L->brk], L->ratio);
	if (L->scale != 1 && L->scale > 0)
		g_string_append_printf(O->trace, " x%.4f", L->scale);
	g_string_append_printf(O->trace, "%s%s |%s|\n", L->overfull ? " overfull" : "", P->rtl ? " rtl" : "", t);
	g_free(t);
}

/* Whether pieces a and b of a line can go into one Cairo operation: one font,
 * colour and rise, left to right, no link. */
static int
same_run(const struct pa_piece *a, const struct pa_piece *b)
{
	unsigned int ca = a->run ? a->run->fmt.color : 0, cb = b->run ? b->run->fmt.color : 0;
	double ra = a->run ? a->run->fmt.rise : 0, rb = b->run ? b->run->fmt.rise : 0;

	return a->gi.item->analysis.font == b->gi.item->analysis.font && ca == cb && ra == rb &&
	    !(a->gi.item->analysis.level & 1) && !(b->gi.item->analysis.level & 1);
}

/* Pieces a..b-1 of line L (same_run) drawn as ONE cairo_show_text_glyphs at
 * the current point, what pango_cairo_show_glyph_item does for each piece
 * (Pango 1.50, pangocairo-render.c: empty glyphs left out, each cluster's
 * drawn glyphs with its text, for the PDF's text extraction), so that a line
 * is one operation instead of one per piece: Cairo's PDF surface pays per
 * operation (its analysis region, text matrix and font set again).  x: the
 * pieces' left edges are offset from piece a's by (x - x_a) / k in the
 * current frame (k: the line's glyph expansion). */
static void
show_pieces(cairo_t *cr, const struct pa_para *P, const struct pa_line *L, int a, int b, double k)
{
	const struct pa_piece *p0 = &L->pieces[a];
	GArray *gl = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	GArray *cl = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
	GString *txt = g_string_new(NULL);
	cairo_scaled_font_t *sf;
	double x0, y0;
	int i;

	cairo_get_current_point(cr, &x0, &y0);
	for (i = a; i < b; i++) {
		const struct pa_piece *pc = &L->pieces[i];
		const char *text = pc->text ? pc->text : P->text->str;
		PangoGlyphString *gs = pc->gi.glyphs;
		PangoGlyphItem gi = pc->gi;
		PangoGlyphItemIter it;
		double px = x0 + (pc->x - p0->x) / k;
		int xpos = 0, g;
		gboolean more;

		for (more = pango_glyph_item_iter_init_start(&it, &gi, text); more;
		     more = pango_glyph_item_iter_next_cluster(&it)) {
			cairo_text_cluster_t c = { it.end_index - it.start_index, 0 };

			for (g = it.start_glyph; g < it.end_glyph; g++) {
				const PangoGlyphInfo *gi1 = &gs->glyphs[g];

				if (gi1->glyph != PANGO_GLYPH_EMPTY && !(gi1->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
					cairo_glyph_t cg;

					cg.index = gi1->glyph;
					cg.x = px + (double)(xpos + gi1->geometry.x_offset) / PANGO_SCALE;
					cg.y = y0 + (double)gi1->geometry.y_offset / PANGO_SCALE;
					g_array_append_val(gl, cg);
					c.num_glyphs++;
				}
				xpos += gi1->geometry.width;
			}
			g_string_append_len(txt, text + it.start_index, it.end_index - it.start_index);
			g_array_append_val(cl, c);
		}
	}
	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(p0->gi.item->analysis.font));
	if (sf && cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS) {
		cairo_save(cr);
		cairo_set_scaled_font(cr, sf);
		cairo_show_text_glyphs(cr, txt->str, (int)txt->len, (cairo_glyph_t *)gl->data, (int)gl->len,
		    (cairo_text_cluster_t *)cl->data, (int)cl->len, 0);
		cairo_restore(cr);
	} else {
		/* no usable Cairo font: each piece as Pango draws it (it skips
		 * what it cannot draw) */
		for (i = a; i < b; i++) {
			const struct pa_piece *pc = &L->pieces[i];

			cairo_move_to(cr, x0 + (pc->x - p0->x) / k, y0);
			pango_cairo_show_glyph_item(cr, pc->text ? pc->text : P->text->str, (PangoGlyphItem *)&pc->gi);
		}
	}
	g_array_free(gl, TRUE);
	g_array_free(cl, TRUE);
	g_string_free(txt, TRUE);
}

/* A piece with a character no font has: drawn by Pango, whose hex box shows
 * it (show_pieces leaves such glyphs out). */
static int
has_box(const struct pa_piece *pc)
{
	int g;

	for (g = 0; g < pc->gi.glyphs->num_glyphs; g++)
		if (pc->gi.glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return 1;
	return 0;
}

static void
draw_text_line(struct out *O, cairo_t *cr, const struct pa_para *P, int li, double x, double y)
{
	const struct pa_line *L = &P->lines[li];
	double k = L->scale != 1 && L->scale > 0 ? L->scale : 1;
	int i, j;

	trace_line(O, P, L, x + L->x0, y);
	if (cr == NULL)
		return;
	for (i = 0; i < L->n_pieces; i = j) {
		const struct pa_piece *pc = &L->pieces[i];
		char *attr = NULL;
		int linked = pc->run && pc->run->fmt.link > 0 && O->fmt == WARTA_PRINT_PDF;

		j = i + 1;
		if (!linked && pc->gi.item->analysis.font && !has_box(pc))
			while (j < L->n_pieces && same_run(pc, &L->pieces[j]) && !has_box(&L->pieces[j]) &&
			    !(L->pieces[j].run && L->pieces[j].run->fmt.link > 0 && O->fmt == WARTA_PRINT_PDF))
				j++;
		if (linked) {
			attr = link_attr(g_ptr_array_index(P->links, pc->run->fmt.link - 1));
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attr);
		}
		color(cr, pc->run ? pc->run->fmt.color : 0);
		cairo_save(cr);
		cairo_translate(cr, x + L->x0 + pc->x, y - (pc->run ? pc->run->fmt.rise : 0));
		if (k != 1)
			cairo_scale(cr, k, 1);   /* glyph expansion: the pieces drawn horizontally scaled */
		cairo_move_to(cr, 0, 0);
		if (j - i > 1)
			show_pieces(cr, P, L, i, j, k);
		else
			pango_cairo_show_glyph_item(cr, pc->text ? pc->text : P->text->str, (PangoGlyphItem *)&pc->gi);
		cairo_restore(cr);
		if (attr) {
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			g_free(attr);
		}
	}
}

static void
draw_cap(struct out *O, cairo_t *cr, struct rn *R, const struct rdrop *d, double x, double y)
{
	PangoLayout *lay;
	PangoFontDescription *fd;
	double lead = rn_leading(R, WARTA_EL_BODY), by = y + (d->lines - 1) * lead - d->rise;

	if (O->trace)
		g_string_append_printf(O->trace, "    %7.1f %6.1f drop cap |%s| %.1fpt\n", by, x, d->text, d->size);
	if (cr == NULL)
		return;
	lay = pango_layout_new(R->ctx);
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, d->family);
	pango_font_description_set_size(fd, (int)lround(d->size * PANGO_SCALE));
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, d->text, -1);
	color(cr, d->color);
	cairo_move_to(cr, x, by - pango_layout_get_baseline(lay) / (double)PANGO_SCALE);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

static void
draw_rule(struct out *O, cairo_t *cr, double x, double y, double w, double thick)
{
	if (O->trace)
		g_string_append_printf(O->trace, "    %7.1f %6.1f rule %.1f\n", y, x, w);
	if (cr == NULL)
		return;
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_set_line_width(cr, thick);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_stroke(cr);
}

/* One rline at baseline y, column left edge cx. */
static void
draw_rline(struct out *O, cairo_t *cr, const struct art *A, const struct rline *l, double cx, double y)
{
	struct rn *R = O->R;

	if (l->kind == RL_RULE) {
		tags_to(O, A, l->blk);
		draw_rule(O, cr, cx + l->x, y - 3, l->width, l->thick > 0 ? l->thick : 0.5);
		return;
	}
	if (l->kind == RL_ROW) {
		guint i;
		int tagged = cr && O->fmt == WARTA_PRINT_PDF;

		tags_to(O, A, l->blk);
		for (i = 0; i < l->cells->len; i++) {
			const struct rcell *c = g_ptr_array_index(l->cells, i);
			int k;

			if (tagged)
				cairo_tag_begin(cr, l->blk->header ? "TH" : "TD", "");
			for (k = 0; k < c->para->n_lines; k++)
				draw_text_line(O, cr, c->para, k, cx + l->x + c->x, y + k * l->lead);
			if (tagged)
				cairo_tag_end(cr, l->blk->header ? "TH" : "TD");
		}
		return;
	}
	if (l->label && l->label->n_lines > 0) {
		tags_path(O, A, l->blk, 1);
		draw_text_line(O, cr, l->label, 0, cx + l->x - l->label_gap - l->label->lines[0].natural, y);
	}
	tags_to(O, A, l->blk);
	if (l->rlabel && l->rlabel->n_lines > 0)
		draw_text_line(O, cr, l->rlabel, 0, cx + l->rlabel_x, y);
	if (l->cap)
		draw_cap(O, cr, R, l->cap, cx + l->x, y);
	if (l->blk && l->blk->dest && l->line == 0 && cr && O->fmt == WARTA_PRINT_PDF) {
		char *a = g_strdup_printf("name='%s'", l->blk->dest);

		cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
		draw_text_line(O, cr, l->para, l->line, cx + l->x, y);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		g_free(a);
	} else {
		draw_text_line(O, cr, l->para, l->line, cx + l->x, y);
	}
}

/* Walks a vertical list range as the page builder measured it. */
static void
draw_list(struct out *O, cairo_t *cr, const struct art *A, const struct pb_item *v, size_t a, size_t b,
          double cx, double top)
{
	double y = top;
	int first = 1;
	size_t i;

	for (i = a; i < b; i++) {
		const struct pb_item *it = &v[i];

		if (it->kind == PB_LINE) {
			y += first ? it->top : it->height;
			first = 0;
			draw_rline(O, cr, A, it->data, cx, y);
		} else if (it->kind == PB_GLUE && !first) {
			y += it->height;
		}
	}
}

static double
page_left(const struct rn *R, int page_no)
{
	return page_no % 2 ? R->style->margin_inner : R->style->margin_outer;
}

/* Running head and folio, from page 2 on. */
static void
running_head(struct out *O, cairo_t *cr, const char *text)
{
	struct rn *R = O->R;
	const struct warta_style *st = R->style;
	int pno = R->page_no;
	double left = page_left(R, pno), y = st->margin_top - 2 * rn_leading(R, WARTA_EL_RUNNING_HEAD);
	struct pa_fmt rf = rn_fmt(R, WARTA_EL_RUNNING_HEAD), ff = rn_fmt(R, WARTA_EL_FOLIO);
	struct pa_para *H = pa_new("en", 0, NULL), *F = pa_new("en", 0, NULL);
	struct pa_setup su;
	char num[16];
	double wh = R->textw * 0.75, wf = R->textw;

	if (pno < 2)
		goto out;
	tags_close_to(O, 0);
	g_snprintf(num, sizeof num, "%d", pno);
	pa_add(F, num, -1, &ff, 0, 0);
	pa_add(H, text ? text : "", -1, &rf, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.style = st;
	su.align = WARTA_TA_LEFT;
	su.last_line_fill = 1;
	su.widths = &wf;
	su.n_widths = 1;
	pa_set(F, &su);
	su.widths = &wh;
	pa_set(H, &su);
	if (O->trace)
		g_string_append(O->trace, "  running head\n");
	if (F->n_lines) {
		double fw = F->lines[0].natural;
		double fx = pno % 2 ? left + R->textw - fw : left;

		draw_text_line(O, cr, F, 0, fx, y);
		if (H->n_lines) {
			double hw = H->lines[0].natural;
			double hx = pno % 2 ? left + R->textw - fw - 12 - hw : left + fw + 12;

			draw_text_line(O, cr, H, 0, hx, y);
		}
	}
	if (cr) {
		cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
		cairo_set_line_width(cr, 0.4);
		cairo_move_to(cr, left, y + 5);
		cairo_line_to(cr, left + R->textw, y + 5);
		cairo_stroke(cr);
	}
out:
	pa_free(H);
	pa_free(F);
}

static void
draw_footnotes(struct out *O, cairo_t *cr, const struct art *A, const struct pb_column *col, double cx,
               double top, double coltop)
{
	struct rn *R = O->R;
	double total = FN_SEPARATOR, y, lead = rn_leading(R, WARTA_EL_FOOTNOTE);
	int k;

	if (col->fn_count == 0)
		return;
	for (k = 0; k < col->fn_count; k++)
		total += A->fn_height[A->ps.order[col->fn_first + k]];
	/* the page builder fills a column with notes only up to its height,
	 * bar one note taller than a column, alone there (render.c warns):
	 * it starts at the column's top (coltop: below the headline) and
	 * stops at its foot */
	y = MAX(top + R->texth - total, coltop);
	if (O->trace)
		g_string_append(O->trace, "   footnotes\n");
	/* the short rule starts where the lines do: at the right when RTL */
	draw_rule(O, cr, A->doc->meta.rtl ? cx + R->colw * 0.7 : cx, y + 3, R->colw * 0.3, 0.4);
	y += FN_SEPARATOR;
	for (k = 0; k < col->fn_count; k++) {
		int f = A->ps.order[col->fn_first + k], i;
		struct pa_para *P = A->fn[f];
		char *dest;

		if (P == NULL)
			continue;
		y += A->fn_height[f] - P->n_lines * lead;
		dest = g_strdup_printf("name='%sfn-%d'", R->prefix, f);
		if (O->fmt == WARTA_PRINT_PDF && cr) {
			tags_to(O, A, NULL);
			cairo_tag_begin(cr, "Note", "");
			cairo_tag_begin(cr, CAIRO_TAG_DEST, dest);
		}
		for (i = 0; i < P->n_lines && (i == 0 || y + lead <= top + R->texth + 0.01); i++) {
			y += lead;
			draw_text_line(O, cr, P, i, cx, y - lead * 0.25);
			if (i == 0 && O->fmt == WARTA_PRINT_PDF && cr)
				cairo_tag_end(cr, CAIRO_TAG_DEST);
		}
		if (O->fmt == WARTA_PRINT_PDF && cr)
			cairo_tag_end(cr, "Note");
		g_free(dest);
	}
}

/* The left edge of column c (0-based); right to left, the first column is
 * the rightmost, and its footnotes go with it. */
static double
col_x(const struct rn *R, const struct art *A, double left, int c)
{
	int k = A->doc->meta.rtl ? R->cols - 1 - c : c;

	return left + k * (R->colw + R->style->gutter);
}

/* Draws page pg of article A (cr NULL: trace only); A->pages_done is its
 * index in the article. */
static void
draw_page(struct out *O, cairo_t *cr, struct art *A, const struct pb_page *pg)
{
	struct rn *R = O->R;
	const struct warta_style *st = R->style;
	double left = page_left(R, R->page_no), top = st->margin_top;
	int c;

	if (O->trace)
		g_string_append_printf(O->trace, "page %d %.1fx%.1f\n", R->page_no, st->page_width,
		    st->page_height);
	if (cr) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		if (O->fmt != WARTA_PRINT_PDF)
			cairo_paint(cr);
	}
	running_head(O, cr, R->running);
	if (A->pages_done == 0) {
		if (O->trace)
			g_string_append(O->trace, "  head\n");
		draw_list(O, cr, A, (struct pb_item *)A->head->data, 0, A->head->len, left, top);
		top += A->head_height;
	}
	for (c = 0; c < pg->n_cols; c++) {
		double cx = col_x(R, A, left, c);

		if (O->trace)
			g_string_append_printf(O->trace, "  column %d %.1f %.1f\n", c + 1, cx, top);
		draw_list(O, cr, A, (struct pb_item *)A->v->data, pg->col[c].start, pg->col[c].end, cx, top);
	}
	/* the notes after all the columns: reading order, and the text's
	 * structure elements are not cut by them */
	for (c = 0; c < pg->n_cols; c++)
		draw_footnotes(O, cr, A, &pg->col[c], col_x(R, A, left, c), st->margin_top, top);
	tags_close_to(O, 0);
}

/* ------------------------------------------------------------ surfaces */

static char *
page_name(const char *path, int page)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (dot == NULL || (slash && dot < slash))
		return g_strdup_printf("%s-%d", path, page);
	return g_strdup_printf("%.*s-%d%s", (int)(dot - path), path, page, dot);
}

static cairo_status_t
write_fn(void *closure, const unsigned char *data, unsigned int len)
{
	/* cairo 1.16 can crash in cairo_surface_finish after its write function
	 * failed (seen writing to /dev/full), so never report the error to it:
	 * the output remembers it, and its commit then fails and cleans up */
	(void)warta_output_cairo_write(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_mem(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* cairo 1.16 names an SVG page's group "surfaceN" after a counter of every
 * surface the process made, so the same page came out with another N at
 * another -j or after other documents.  The names are renumbered in order of
 * their first appearance (references "#surfaceN" with them): the same bytes
 * for the same page, whatever ran before. */
static GByteArray *
svg_renumber(const GByteArray *in)
{
	static const char key[] = "surface";
	const size_t klen = sizeof key - 1;
	GByteArray *out = g_byte_array_sized_new(in->len);
	GArray *seen = g_array_new(FALSE, FALSE, sizeof(guint64));
	const char *s = (const char *)in->data;
	size_t i = 0, n = in->len;

	while (i < n) {
		const char *hit = memmem(s + i, n - i, key, klen);
		size_t at, e;
		guint64 v = 0;
		guint k;
		char num[24];

		if (!hit) {
			g_byte_array_append(out, (const guint8 *)s + i, (guint)(n - i));
			break;
		}
		at = (size_t)(hit - s);
		for (e = at + klen; e < n && e - at - klen < 18 && g_ascii_isdigit(s[e]); e++)
			v = v * 10 + (guint64)(s[e] - '0');
		g_byte_array_append(out, (const guint8 *)s + i, (guint)(at + klen - i));
		if (e == at + klen) {   /* "surface" not followed by a number */
			i = at + klen;
			continue;
		}
		for (k = 0; k < seen->len && g_array_index(seen, guint64, k) != v; k++)
			;
		if (k == seen->len)
			g_array_append_val(seen, v);
		g_snprintf(num, sizeof num, "%u", k + 1);
		g_byte_array_append(out, (const guint8 *)num, (guint)strlen(num));
		i = e;
	}
	g_array_free(seen, TRUE);
	return out;
}

static int
in_range(const struct out *O, int page)
{
	return (O->first <= 0 || page >= O->first) && (O->last <= 0 || page <= O->last);
}

/* An image or SVG page: its own surface and file. */
static void
emit_image_page(struct out *O, struct art *A, const struct pb_page *pg)
{
	struct rn *R = O->R;
	const struct warta_style *st = R->style;
	double dpi = R->opts->dpi > 0 ? R->opts->dpi : 150, k = dpi / 72.0;
	char *name = O->numbered ? page_name(R->out_path, R->page_no) : g_strdup(R->out_path);
	struct warta_output *o = warta_output_open(name, R->d);
	cairo_surface_t *s;
	cairo_t *cr;
	GByteArray *svg = NULL;

	if (o == NULL) {
		O->failed = 1;
		g_free(name);
		return;
	}
	if (O->fmt == WARTA_PRINT_PNG) {
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(st->page_width * k),
		    (int)ceil(st->page_height * k));
		cr = cairo_create(s);
		cairo_scale(cr, k, k);
	} else {
		svg = g_byte_array_new();
		s = cairo_svg_surface_create_for_stream(write_mem, svg, st->page_width, st->page_height);
		cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_2);
		cr = cairo_create(s);
	}
	draw_page(O, cr, A, pg);
	cairo_show_page(cr);
	cairo_destroy(cr);
	if (O->fmt == WARTA_PRINT_PNG && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
		cairo_surface_write_to_png_stream(s, write_fn, o);
	cairo_surface_finish(s);
	if (svg) {
		GByteArray *fixed = svg_renumber(svg);

		warta_output_write(o, fixed->data, fixed->len);
		g_byte_array_free(fixed, TRUE);
		g_byte_array_free(svg, TRUE);
	}
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		warta_diag(R->d, WARTA_ERROR, name, 0, 0, "cairo: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
		warta_output_abort(o);
		O->failed = 1;
	} else if (warta_output_set_add(O->pages, o, R->d) < 0) {
		O->failed = 1;
	}
	cairo_surface_destroy(s);
	g_free(name);
}

/* The article's outline entries: its title, its headings under it. */
static void
outline(struct out *O, struct art *A)
{
	struct rn *R = O->R;
	guint i;
	int art = 0;

	for (i = 0; i < A->outline->len; i++) {
		const struct routline *o = g_ptr_array_index(A->outline, i);
		char *t;

		if (A->contents && !o->h1)
			continue;
		t = g_strdup_printf("dest='%s'", o->dest);
		if (o->h1)
			art = cairo_pdf_surface_add_outline(O->pdf, O->outline_parent, o->text, t,
			    R->n_docs > 1 ? 0 : CAIRO_PDF_OUTLINE_FLAG_OPEN);
		else
			cairo_pdf_surface_add_outline(O->pdf, art, o->text, t, 0);
		g_free(t);
	}
}

/* The PDF's Cairo context in an error state: the output fails, and says why
 * (once). */
static void
context_failed(struct out *O)
{
	cairo_status_t st = cairo_status(O->cr);

	if (st == CAIRO_STATUS_SUCCESS || O->failed)
		return;
	O->failed = 1;
	warta_diag(O->R->d, WARTA_ERROR, O->R->out_path, 0, 0, "cairo: %s", cairo_status_to_string(st));
}

/* Draws (or traces, or counts) a page of an article as soon as the page
 * builder has made it (render.c calls it back while laying out). */
static void
emit_page(void *data, struct art *A, const struct pb_page *pg)
{
	struct out *O = data;
	struct rn *R = O->R;

	if (O->failed)
		return;
	if (A->pages_done == 0) {
		R->running = A->doc->meta.title;
		g_snprintf(R->prefix, sizeof R->prefix, "a%d-", A->index + 1);
		if (!R->counting && O->pdf)
			outline(O, A);
	}
	R->page_no++;
	R->rep.pages++;
	if (R->counting)
		return;
	switch (O->fmt) {
	case WARTA_PRINT_PDF:
		cairo_pdf_surface_set_size(O->pdf, R->style->page_width, R->style->page_height);
		draw_page(O, O->cr, A, pg);
		cairo_show_page(O->cr);
		context_failed(O);
		break;
	case WARTA_PRINT_TRACE:
		draw_page(O, NULL, A, pg);
		break;
	default:
		if (in_range(O, R->page_no))
			emit_image_page(O, A, pg);
		break;
	}
}

static void
metadata(struct out *O)
{
	struct rn *R = O->R;
	const struct warta_meta *m = &R->docs[0]->meta;
	int edition = R->n_docs > 1 || R->opts->edition_title;

	cairo_pdf_surface_set_metadata(O->pdf, CAIRO_PDF_METADATA_TITLE,
	    edition && R->opts->edition_title ? R->opts->edition_title : m->title ? m->title : "");
	if (!edition && m->author)
		cairo_pdf_surface_set_metadata(O->pdf, CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (!edition && m->subtitle)
		cairo_pdf_surface_set_metadata(O->pdf, CAIRO_PDF_METADATA_SUBJECT, m->subtitle);
	if (!edition && m->keywords && m->keywords[0]) {
		char *k = g_strjoinv(", ", m->keywords);

		cairo_pdf_surface_set_metadata(O->pdf, CAIRO_PDF_METADATA_KEYWORDS, k);
		g_free(k);
	}
	cairo_pdf_surface_set_metadata(O->pdf, CAIRO_PDF_METADATA_CREATOR, "warta " WARTA_VERSION);
	cairo_pdf_surface_set_metadata(O->pdf, CAIRO_PDF_METADATA_CREATE_DATE, R->create_date);
}

/* ------------------------------------------------------------ editions */

/* The masthead and contents (render.c) of a pseudo-document holding the
 * edition's title, date and language. */
static struct art *
contents(struct out *O, const int *first_page)
{
	struct rn *R = O->R;
	struct warta_doc *d = warta_doc_new("contents");

	d->meta.title = g_strdup(R->opts->edition_title ? R->opts->edition_title : "Edition");
	d->meta.date = R->opts->edition_date ? g_strdup(R->opts->edition_date) : NULL;
	d->meta.lang = g_strdup(R->docs[0]->meta.lang ? R->docs[0]->meta.lang : "en");
	d->meta.rtl = R->docs[0]->meta.rtl;
	return rn_contents_layout(R, d, first_page, emit_page, O);
}

static void
contents_free(struct art *A)
{
	struct warta_doc *d = A->doc;

	rn_art_free(A);
	warta_doc_free(d);
}

/* An article laid out by the counting pass and kept for the drawing pass:
 * its layout, what its layout reported, and its report. */
struct kept {
	struct art *A;
	struct warta_diags d;
	struct warta_report rep;
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

/* The report of a kept article, added where its layout would have been. */
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
}

int
rn_output(struct rn *R)
{
	struct out O;
	int edition = R->n_docs > 1 || R->opts->edition_title != NULL;
	int *first_page = NULL, total = 0, rc = 0, keep_left = KEEP_PAGES;
	size_t i;
	struct art *A;
	const char *section = NULL;
	struct kept *kept = NULL;

	memset(&O, 0, sizeof O);
	O.R = R;
	O.fmt = R->opts->format;
	O.first = R->opts->first_page;
	O.last = R->opts->last_page;

	/* Editions, and images whose file names depend on the page count: a
	 * counting pass first.  It keeps the layout of the articles while they
	 * come to at most KEEP_PAGES pages together (with what they reported),
	 * and the drawing pass draws those again instead of laying them out;
	 * the others are laid out again (their reports then come again). */
	if (edition || O.fmt == WARTA_PRINT_PNG || O.fmt == WARTA_PRINT_SVG) {
		struct warta_report save = R->rep;
		struct warta_diags *real = R->d, scratch;

		warta_diags_init(&scratch);     /* the drawing pass reports the same things */
		R->d = &scratch;
		R->counting = 1;
		first_page = g_new0(int, R->n_docs);
		kept = g_new0(struct kept, R->n_docs);
		if (edition)
			contents_free(contents(&O, NULL));
		for (i = 0; i < R->n_docs; i++) {
			const char *s = R->docs[i]->meta.section;
			struct warta_report before = R->rep;

			first_page[i] = R->page_no + 1;
			R->kicker = edition && s && (i == 0 || !R->docs[i - 1]->meta.section ||
			    strcmp(R->docs[i - 1]->meta.section, s) != 0) ? s : NULL;
			warta_diags_init(&kept[i].d);
			R->d = &kept[i].d;
			R->rep.longest_hyphen_run = 0;
			A = rn_art_layout(R, R->docs[i], edition ? (int)i + 1 : 0, keep_left, emit_page, &O);
			R->kicker = NULL;
			if (A->keep) {
				struct warta_report *d = &kept[i].rep;

				kept[i].A = A;
				keep_left -= A->kept->len;
				d->lines = R->rep.lines - before.lines;
				d->loose = R->rep.loose - before.loose;
				d->tight = R->rep.tight - before.tight;
				d->hyphenated = R->rep.hyphenated - before.hyphenated;
				d->longest_hyphen_run = R->rep.longest_hyphen_run;
				d->overfull = R->rep.overfull - before.overfull;
				d->widows = R->rep.widows - before.widows;
				d->orphans = R->rep.orphans - before.orphans;
			} else {
				rn_art_free(A);
				warta_diags_fini(&kept[i].d);
			}
			R->rep.longest_hyphen_run = MAX(R->rep.longest_hyphen_run, before.longest_hyphen_run);
		}
		total = R->page_no;
		R->page_no = 0;
		R->counting = 0;
		R->rep = save;
		R->d = real;
		warta_diags_fini(&scratch);
	}
	if (O.fmt == WARTA_PRINT_PNG || O.fmt == WARTA_PRINT_SVG) {
		int a = O.first > 0 ? O.first : 1, b = O.last > 0 ? MIN(O.last, total) : total;

		if (a > total) {
			warta_diag(R->d, WARTA_ERROR, NULL, 0, 0, "page %d asked for, but there are only %d",
			    a, total);
			g_free(first_page);
			kept_free(kept, R->n_docs);
			return -1;
		}
		O.numbered = b > a;
		if (O.numbered && strcmp(R->out_path, "-") == 0) {
			warta_diag(R->d, WARTA_ERROR, NULL, 0, 0,
			    "%d pages cannot go to standard output; give a file name or one page", b - a + 1);
			g_free(first_page);
			kept_free(kept, R->n_docs);
			return -1;
		}
		/* PNG/SVG pages are many files: each is written and closed as
		 * soon as it is made, and none replaces its target before all
		 * are made without an error; a failure leaves none of them and
		 * every earlier file of the same name as it was */
		O.pages = warta_output_set_new();
	} else {
		O.o = warta_output_open(R->out_path, R->d);
		if (O.o == NULL) {
			g_free(first_page);
			kept_free(kept, R->n_docs);
			return -1;
		}
		if (O.fmt == WARTA_PRINT_TRACE) {
			O.trace = g_string_new(NULL);
		} else {
			O.pdf = cairo_pdf_surface_create_for_stream(write_fn, O.o, R->style->page_width,
			    R->style->page_height);
			O.cr = cairo_create(O.pdf);
			metadata(&O);
			/* WARTA_PRINT_TRACE=FILE: the layout trace of this PDF as well */
			if (g_getenv("WARTA_PRINT_TRACE") && *g_getenv("WARTA_PRINT_TRACE"))
				O.trace = g_string_new(NULL);
		}
	}

	if (edition)
		contents_free(contents(&O, first_page));
	for (i = 0; i < R->n_docs && !O.failed; i++) {
		const char *s = R->docs[i]->meta.section;

		if (edition && O.pdf && !s && section) {
			O.outline_parent = CAIRO_PDF_OUTLINE_ROOT;
			section = NULL;
		}
		if (edition && O.pdf && s && (section == NULL || strcmp(section, s) != 0)) {
			char *t = g_strdup_printf("dest='a%zu-top'", i + 2);

			O.outline_parent = cairo_pdf_surface_add_outline(O.pdf, CAIRO_PDF_OUTLINE_ROOT, s, t,
			    CAIRO_PDF_OUTLINE_FLAG_OPEN | CAIRO_PDF_OUTLINE_FLAG_BOLD);
			g_free(t);
			section = s;
		}
		R->kicker = edition && s && (i == 0 || !R->docs[i - 1]->meta.section ||
		    strcmp(R->docs[i - 1]->meta.section, s) != 0) ? s : NULL;
		if (kept && kept[i].A) {
			/* laid out by the counting pass: its reports, then its pages */
			guint k;

			A = kept[i].A;
			kept[i].A = NULL;
			warta_diags_move(R->d, &kept[i].d);
			warta_diags_fini(&kept[i].d);
			report_add(&R->rep, &kept[i].rep);
			for (k = 0; k < A->kept->len; k++) {
				A->pages_done = k;
				emit_page(&O, A, &g_array_index(A->kept, struct pb_page, k));
			}
		} else {
			A = rn_art_layout(R, R->docs[i], edition ? (int)i + 1 : 0, 0, emit_page, &O);
		}
		R->kicker = NULL;
		rn_art_free(A);
		if (O.cr)
			context_failed(&O);
	}

	if (O.pdf) {
		cairo_destroy(O.cr);
		cairo_surface_finish(O.pdf);
		if (cairo_surface_status(O.pdf) != CAIRO_STATUS_SUCCESS) {
			warta_diag(R->d, WARTA_ERROR, R->out_path, 0, 0, "cairo: %s",
			    cairo_status_to_string(cairo_surface_status(O.pdf)));
			O.failed = 1;
		}
		cairo_surface_destroy(O.pdf);
	}
	if (O.trace && O.fmt == WARTA_PRINT_TRACE) {
		if (warta_output_write(O.o, O.trace->str, O.trace->len) < 0)
			O.failed = 1;
	} else if (O.trace && !O.failed) {
		struct warta_output *t = warta_output_open(g_getenv("WARTA_PRINT_TRACE"), R->d);

		/* a write error is kept by the output: commit reports it and
		 * removes the temporary file, so always commit */
		if (t != NULL)
			warta_output_write(t, O.trace->str, O.trace->len);
		if (t == NULL || warta_output_commit(t, R->d) < 0)
			O.failed = 1;
	}
	if (O.trace)
		g_string_free(O.trace, TRUE);
	if (O.o) {
		if (O.failed) {
			warta_output_abort(O.o);
			rc = -1;
		} else if (warta_output_commit(O.o, R->d) < 0) {
			rc = -1;
		}
	} else if (O.pages) {
		if (O.failed) {
			warta_output_set_abort(O.pages);
			rc = -1;
		} else if (warta_output_set_commit(O.pages, R->d) < 0) {
			rc = -1;
		}
	} else if (O.failed) {
		rc = -1;
	}
	g_free(first_page);
	kept_free(kept, R->n_docs);
	return rc;
}
