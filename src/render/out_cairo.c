/* out_cairo.c — the Cairo outputter (out.h): a PDF (metadata, outline, links,
 * named destinations, tagged structure), or PNG or SVG pages, each page its
 * own file.  Every file is written through util/output.h: nothing is left
 * at a path unless the whole output succeeded. */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "image/image.h"
#include "render/out.h"
#include "render/out_text.h"
#include "render/pdf_alt.h"
#include "render/svg_ids.h"
#include "util/clock.h"
#include "util/output.h"
#include "util/url.h"

#define MAX_TAGS 12

struct tag {
	const char *name;
	int id;
};

struct out {
	struct rn_out base;
	const struct rn *R;
	struct warta_diags *d;
	enum warta_print_format fmt;
	struct warta_output *o;         /* PDF */
	cairo_surface_t *pdf;
	GByteArray *tee;                /* PDF: its bytes from cairo's finish on (the structure
	                                   tree, the catalog, the table), for pdf_alt.c's update */
	size_t written, tee_base;       /* bytes written; where the tee starts */
	GPtrArray *alts;                /* the figures' descriptions in drawing order, or NULL */
	GPtrArray *begun;               /* structure elements begun: "NAME" or "NAME LANG" */
	cairo_t *cr;                    /* PDF: one for the document; PNG/SVG: the page's */
	int first, last;                /* page range (--pages); 0: all */
	int numbered;                   /* PNG/SVG: NAME-N.ext */
	struct warta_output_set *pages; /* PNG/SVG: the pages' files, put in place once all are made */
	/* PNG/SVG: the page being drawn */
	int page_no;
	char *name;
	struct warta_output *po;
	cairo_surface_t *surface;
	GByteArray *svg;
	int failed;
	struct tag tags[MAX_TAGS];
	int n_tags;
	int outline_parent;             /* section outline entry (editions), 0: root */
	int pdf_pages;                  /* PDF: pages drawn */
	int front_from;                 /* PDF: the pages from this one on go first, -1: none */
	struct rn_run_buf run;          /* text_line's glyphs, clusters and text */
};

/* ------------------------------------------------------------ tags */

static void
tags_close_to(struct out *O, int depth)
{
	while (O->fmt == WARTA_PRINT_PDF && O->n_tags > depth) {
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
		const char *lang = NULL;

		/* an article not in the document's language, an element not in
		 * its article's: its /Lang (pdf_alt.c) */
		if (strcmp(want[i].name, "Art") == 0 && A && strcmp(A->doc->meta.lang, O->R->ed_lang) != 0)
			lang = A->doc->meta.lang;
		else if (i == n - 1 && b && b->lang && !label)   /* its P, or the LBody holding it */
			lang = b->lang;
		g_ptr_array_add(O->begun, lang ? g_strdup_printf("%s %s", want[i].name, lang) :
		                g_strdup(want[i].name));
		cairo_tag_begin(O->cr, want[i].name, "");
		O->tags[O->n_tags++] = want[i];
	}
}

/* ------------------------------------------------------------ drawing */

/* A link target as a Cairo attribute string. */
static char *
link_attr(const char *url)
{
	char *esc, *r;

	if (url[0] == '#')
		return g_strdup_printf("dest='%s'", url + 1);
	/* cairo 1.16 writes the URI verbatim into a PDF string: percent-encode
	 * parentheses, backslashes, quotes and everything outside ASCII */
	r = warta_url_ascii_host(url);     /* an IDN host in ASCII */
	esc = g_uri_escape_string(r ? r : url, "!#$%&*+,-./:;=?@[]_~", FALSE);
	g_free(r);
	r = g_strdup_printf("uri='%s'", esc);
	g_free(esc);
	return r;
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

/* Whether piece pc is drawn as a link: in a PDF, a link whose target is
 * in it (a page range leaves out the pages of some destinations). */
static int
is_linked(const struct out *O, const struct pa_para *P, const struct pa_piece *pc)
{
	const char *url;

	if (!pc->run || pc->run->fmt.link <= 0 || O->fmt != WARTA_PRINT_PDF)
		return 0;
	url = g_ptr_array_index(P->links, pc->run->fmt.link - 1);
	return url[0] != '#' || rn_scan_kept(O->R, url + 1);
}

/* Cairo could not make a font the text is set in (out of memory): its
 * glyphs cannot be drawn, so the output fails, and says why (once). */
static void
font_failed(struct out *O, PangoFont *font)
{
	PangoFontDescription *fd;
	char *name;

	if (O->failed)
		return;
	O->failed = 1;
	fd = pango_font_describe(font);
	name = pango_font_description_to_string(fd);
	warta_diag(O->d, WARTA_ERROR, O->R->out_path, 0, 0,
	    "cairo could not make the font %s (out of memory?): the text set in it cannot be drawn",
	    name);
	g_free(name);
	pango_font_description_free(fd);
}

static void
text_line(struct rn_out *o, const struct pa_para *P, int li, double x, double y)
{
	struct out *O = (struct out *)o;
	cairo_t *cr = O->cr;
	const struct pa_line *L = &P->lines[li];
	double k = L->scale != 1 && L->scale > 0 ? L->scale : 1;
	int i, j;

	for (i = 0; i < L->n_pieces; i = j) {
		const struct pa_piece *pc = &L->pieces[i];
		char *attr = NULL;
		int linked = is_linked(O, P, pc);

		j = i + 1;
		if (!linked && pc->gi.item->analysis.font && !has_box(pc))
			while (j < L->n_pieces && same_run(pc, &L->pieces[j]) && !has_box(&L->pieces[j]) &&
			    !is_linked(O, P, &L->pieces[j]))
				j++;
		warta_count(WARTA_COUNT_DRAWS, 1 + linked);
		warta_count(WARTA_COUNT_PAGE_DRAWS, 1 + linked);
		if (linked) {
			attr = link_attr(g_ptr_array_index(P->links, pc->run->fmt.link - 1));
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attr);
		}
		rn_color(cr, pc->run ? pc->run->fmt.color : 0);
		cairo_save(cr);
		cairo_translate(cr, x + L->x0 + pc->x, y - (pc->run ? pc->run->fmt.rise : 0));
		if (k != 1)
			cairo_scale(cr, k, 1);   /* glyph expansion: the pieces drawn horizontally scaled */
		cairo_move_to(cr, 0, 0);
		if (pc->gi.item->analysis.font && !has_box(pc)) {
			if (rn_show_pieces(&O->run, cr, P, L, i, j, k) < 0)
				font_failed(O, pc->gi.item->analysis.font);
		} else {
			/* a hex box, no font: as Pango draws it */
			warta_count(WARTA_COUNT_PANGO_DRAWS, 1);
			pango_cairo_show_glyph_item(cr, pc->text ? pc->text : P->text->str, (PangoGlyphItem *)&pc->gi);
		}
		cairo_restore(cr);
		if (attr) {
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			g_free(attr);
		}
	}
	if (L->n_kashidas)
		rn_kashidas(cr, L, x, y);
}


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

/* The PDF's: kept as well when its figures' /Alt will be added. */
static cairo_status_t
pdf_write_fn(void *closure, const unsigned char *data, unsigned int len)
{
	struct out *O = closure;

	if (O->tee)
		g_byte_array_append(O->tee, data, len);
	O->written += len;
	return write_fn(O->o, data, len);
}

/* Does any document have a picture (a lead photo, a figure, an image)? */
static int
has_pictures(const struct rn *R)
{
	for (size_t i = 0; i < R->n_docs; i++) {
		const struct warta_node *n, *root = R->docs[i]->root;

		if (R->docs[i]->meta.lead)
			return 1;
		for (n = root ? root->first : NULL; n; n = warta_node_next(n, root))
			if (n->type == WARTA_NODE_FIGURE || n->type == WARTA_NODE_IMAGE)
				return 1;
	}
	return 0;
}

/* The figures' descriptions (/Alt) and the languages (/Lang) of the
 * document and of its articles, which cairo 1.16 cannot write, and the
 * pages drawn last put first (rn_out_cairo_front): an incremental update
 * after its bytes (pdf_alt.c). */
static void
write_update(struct out *O)
{
	GString *up = g_string_new(NULL);
	char *why = NULL;
	struct rn_pdf_fix fix;

	memset(&fix, 0, sizeof fix);
	fix.alt = O->alts ? (char *const *)O->alts->pdata : NULL;
	fix.n_alt = O->alts ? (int)O->alts->len : 0;
	fix.tags = (char *const *)O->begun->pdata;
	fix.n_tags = (int)O->begun->len;
	fix.lang = O->R->ed_lang;
	fix.base = O->tee_base;
	fix.front = O->front_from >= 0 ? O->pdf_pages - O->front_from : 0;
	if (rn_pdf_update(O->tee->data, O->tee->len, &fix, up, &why) < 0 && fix.front > 0) {
		/* the pages would be out of order: no PDF */
		warta_diag(O->d, WARTA_ERROR, O->R->out_path, 0, 0, "PDF: the pages cannot be put in order: %s", why);
		g_free(why);
		O->failed = 1;
	} else if (why) {
		warta_diag(O->d, WARTA_WARNING, O->R->out_path, 0, 0,
		    "PDF: the figures' descriptions (/Alt) and the languages (/Lang) are not written: %s",
		    why);
		g_free(why);
	} else if (up->len > 0) {
		warta_output_write(O->o, up->str, up->len);
	}
	g_string_free(up, TRUE);
}

static cairo_status_t
write_mem(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
drop_cap(struct rn_out *o, const struct rdrop *d, double x, double y)
{
	struct out *O = (struct out *)o;
	cairo_t *cr = O->cr;
	PangoLayout *lay = pango_layout_new(O->R->ctx);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, d->family);
	pango_font_description_set_size(fd, (int)lround(d->size * PANGO_SCALE));
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, d->text, -1);
	rn_color(cr, d->color);
	cairo_move_to(cr, x, y - pango_layout_get_baseline(lay) / (double)PANGO_SCALE);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

static void
rule(struct rn_out *o, enum rn_rule kind, double x, double y, double w, double thick)
{
	cairo_t *cr = ((struct out *)o)->cr;

	if (kind == RN_RULE_RUNNING_HEAD)
		cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
	else
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_set_line_width(cr, thick);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_stroke(cr);
}

/* The picture: a JPEG goes into a PDF as its own bytes (image.c); PNG
 * pages decode it.  One that cannot be drawn after all, or a picture the
 * reader could not have, is a frame (the painter sets the description in
 * it). */
static void
figure(struct rn_out *o, const struct art *A, const struct rfig *F, double x, double y)
{
	struct out *O = (struct out *)o;
	cairo_t *cr = O->cr;
	char *why = NULL;

	if (O->alts)    /* inside its Figure element: the PDF's nth is this */
		g_ptr_array_add(O->alts, g_strdup(F->alt_text ? F->alt_text : ""));
	if (F->img && warta_image_draw(F->img, cr, x, y, F->w, F->h, O->fmt == WARTA_PRINT_PNG, &why) == 0)
		return;
	if (why) {
		warta_diag(O->d, WARTA_WARNING, A->doc->path, F->node->line, F->node->col,
		    "picture: %s; a frame is set instead", why);
		g_free(why);
	}
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_set_line_width(cr, 0.6);
	cairo_set_dash(cr, (const double[]){ 3, 2 }, 2, 0);
	cairo_rectangle(cr, x + 0.3, y + 0.3, F->w - 0.6, F->h - 0.6);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void
structure(struct rn_out *o, const struct art *A, const struct rblock *b, int label)
{
	if (A == NULL)
		tags_close_to((struct out *)o, 0);
	else
		tags_path((struct out *)o, A, b, label);
}

static void
elem_begin(struct rn_out *o, const char *tag, const char *attr)
{
	struct out *O = (struct out *)o;

	warta_count(WARTA_COUNT_DRAWS, 1);
	warta_count(WARTA_COUNT_PAGE_DRAWS, 1);
	if (O->fmt == WARTA_PRINT_PDF)
		cairo_tag_begin(O->cr, strcmp(tag, RN_ELEM_DEST) == 0 ? CAIRO_TAG_DEST : tag, attr);
}

static void
elem_end(struct rn_out *o, const char *tag)
{
	struct out *O = (struct out *)o;

	if (O->fmt == WARTA_PRINT_PDF)
		cairo_tag_end(O->cr, strcmp(tag, RN_ELEM_DEST) == 0 ? CAIRO_TAG_DEST : tag);
}

static void
mark(struct rn_out *o, enum rn_mark m, int column, double x, double y)
{
	(void)o, (void)m, (void)column, (void)x, (void)y;
}

/* ------------------------------------------------------------ documents and pages */

/* The PDF's Cairo context in an error state: the output fails, and says why
 * (once). */
static void
context_failed(struct out *O)
{
	cairo_status_t st = cairo_status(O->cr);

	if (st == CAIRO_STATUS_SUCCESS || O->failed)
		return;
	O->failed = 1;
	warta_diag(O->d, WARTA_ERROR, O->R->out_path, 0, 0, "cairo: %s", cairo_status_to_string(st));
}

/* The article's outline entries: its title, its headings under it. */
static void
article(struct rn_out *o, const struct art *A)
{
	struct out *O = (struct out *)o;
	guint i;
	int art = 0;

	if (O->pdf == NULL)
		return;
	for (i = 0; i < A->outline->len; i++) {
		const struct routline *r = g_ptr_array_index(A->outline, i);
		char *t;

		if (A->contents && !r->h1)
			continue;
		if (!rn_scan_kept(O->R, r->dest)) {
			/* on a page the range leaves out: no entry; the
			 * headings of an omitted title go one level up */
			if (r->h1)
				art = O->outline_parent;
			continue;
		}
		t = g_strdup_printf("dest='%s'", r->dest);
		if (r->h1)
			art = cairo_pdf_surface_add_outline(O->pdf, O->outline_parent, r->text, t,
			    O->R->n_docs > 1 ? 0 : CAIRO_PDF_OUTLINE_FLAG_OPEN);
		else
			cairo_pdf_surface_add_outline(O->pdf, art, r->text, t, 0);
		g_free(t);
	}
}

/* An edition's section: an outline entry (bold, open) over its articles. */
static void
section(struct rn_out *o, const char *name, size_t i)
{
	struct out *O = (struct out *)o;
	char *t;

	if (O->pdf == NULL)
		return;
	if (name == NULL) {
		O->outline_parent = CAIRO_PDF_OUTLINE_ROOT;
		return;
	}
	t = g_strdup_printf("a%zu-top", i + 2);
	if (!rn_scan_kept(O->R, t)) {   /* its first page left out by a page range */
		O->outline_parent = CAIRO_PDF_OUTLINE_ROOT;
		g_free(t);
		return;
	}
	g_free(t);
	t = g_strdup_printf("dest='a%zu-top'", i + 2);
	O->outline_parent = cairo_pdf_surface_add_outline(O->pdf, CAIRO_PDF_OUTLINE_ROOT, name, t,
	    CAIRO_PDF_OUTLINE_FLAG_OPEN | CAIRO_PDF_OUTLINE_FLAG_BOLD);
	g_free(t);
}

static int
in_range(const struct out *O, int page)
{
	return (O->first <= 0 || page >= O->first) && (O->last <= 0 || page <= O->last);
}

/* The first operation of a PDF page: one white stroke of two specks in
 * opposite corners of the page's integer extents, which prints nothing (the
 * renders stay the same to the pixel) but whose extents are the page's.  It
 * is there for Cairo's time: cairo 1.16 replays each page through an
 * analysis surface that unions every operation's extents into the page's
 * region of native operations (pixman), and a union costs as many steps as
 * the region has rectangles, which grow with the operations on the page: a
 * page cost the square of its operations (half of show_page for a page of
 * emphasis runs).  Covered at once, the region is one rectangle and each
 * later union a containment test. */
static void
page_extent(cairo_t *cr, const struct warta_style *st)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 0.01);
	cairo_move_to(cr, 0.5, 0.5);
	cairo_rel_line_to(cr, 0.01, 0);
	cairo_move_to(cr, floor(st->page_width) - 0.51, floor(st->page_height) - 0.5);
	cairo_rel_line_to(cr, 0.01, 0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* A PDF page; or an image or SVG page in the range: its own surface and file. */
static int
page_begin(struct rn_out *o, int page_no)
{
	struct out *O = (struct out *)o;
	const struct rn *R = O->R;
	const struct warta_style *st = R->style;

	if (O->fmt == WARTA_PRINT_PDF) {
		if (!in_range(O, page_no))
			return 0;
		cairo_pdf_surface_set_size(O->pdf, st->page_width, st->page_height);
		if (O->first > 0 || O->last > 0) {
			/* a page range: each page labelled with its number in the
			 * whole document (/PageLabels), as its folio says */
			char label[16];

			g_snprintf(label, sizeof label, "%d", page_no);
			cairo_pdf_surface_set_page_label(O->pdf, label);
		}
		page_extent(O->cr, st);
		cairo_set_source_rgb(O->cr, 1, 1, 1);
		return 1;
	}
	if (!in_range(O, page_no))
		return 0;
	O->page_no = page_no;
	O->name = O->numbered ? page_name(R->out_path, page_no) : g_strdup(R->out_path);
	O->po = warta_output_open(O->name, O->d);
	if (O->po == NULL) {
		O->failed = 1;
		g_free(O->name);
		O->name = NULL;
		return 0;
	}
	if (O->fmt == WARTA_PRINT_PNG) {
		double dpi = R->opts->dpi > 0 ? R->opts->dpi : 150, k = dpi / 72.0;

		O->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(st->page_width * k),
		    (int)ceil(st->page_height * k));
		O->cr = cairo_create(O->surface);
		cairo_scale(O->cr, k, k);
	} else {
		O->svg = g_byte_array_new();
		O->surface = cairo_svg_surface_create_for_stream(write_mem, O->svg, st->page_width,
		    st->page_height);
		cairo_svg_surface_restrict_to_version(O->surface, CAIRO_SVG_VERSION_1_2);
		O->cr = cairo_create(O->surface);
	}
	cairo_set_source_rgb(O->cr, 1, 1, 1);
	cairo_paint(O->cr);
	return 1;
}

static void
page_end(struct rn_out *o)
{
	struct out *O = (struct out *)o;
	cairo_surface_t *s = O->surface;

	warta_count_page();
	if (O->fmt == WARTA_PRINT_PDF) {
		O->pdf_pages++;
		cairo_show_page(O->cr);
		context_failed(O);
		return;
	}
	cairo_show_page(O->cr);
	cairo_destroy(O->cr);
	O->cr = NULL;
	if (O->fmt == WARTA_PRINT_PNG && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
		cairo_surface_write_to_png_stream(s, write_fn, O->po);
	cairo_surface_finish(s);
	if (O->svg) {
		GByteArray *fixed = rn_svg_renumber(O->svg);

		warta_output_write(O->po, fixed->data, fixed->len);
		g_byte_array_free(fixed, TRUE);
		g_byte_array_free(O->svg, TRUE);
		O->svg = NULL;
	}
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		warta_diag(O->d, WARTA_ERROR, O->name, 0, 0, "cairo: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
		warta_output_abort(O->po);
		O->failed = 1;
	} else if (warta_output_set_add(O->pages, O->po, O->d) < 0) {
		O->failed = 1;
	}
	O->po = NULL;
	cairo_surface_destroy(s);
	O->surface = NULL;
	g_free(O->name);
	O->name = NULL;
}

static int
failed(struct rn_out *o)
{
	return ((struct out *)o)->failed;
}

static int
finish(struct rn_out *o, int fail)
{
	struct out *O = (struct out *)o;
	char *why;
	int rc = 0;

	if (fail)
		O->failed = 1;
	if (O->pdf) {
		cairo_destroy(O->cr);
		/* the pages are written: what the update reads comes now */
		O->tee = g_byte_array_new();
		O->tee_base = O->written;
		cairo_surface_finish(O->pdf);
		if (cairo_surface_status(O->pdf) != CAIRO_STATUS_SUCCESS) {
			warta_diag(O->d, WARTA_ERROR, O->R->out_path, 0, 0, "cairo: %s",
			    cairo_status_to_string(cairo_surface_status(O->pdf)));
			O->failed = 1;
		}
		cairo_surface_destroy(O->pdf);
		rn_subsets_free(O->run.subsets);
		O->run.subsets = NULL;
		if (!O->failed && rn_pdf_check(O->tee->data, O->tee->len, O->tee_base, &why) < 0) {
			warta_diag(O->d, WARTA_ERROR, O->R->out_path, 0, 0,
			    "cairo wrote a damaged PDF (out of memory?): %s", why);
			g_free(why);
			O->failed = 1;
		}
		if (!O->failed)
			write_update(O);
		g_byte_array_free(O->tee, TRUE);
		if (O->alts)
			g_ptr_array_free(O->alts, TRUE);
		g_ptr_array_free(O->begun, TRUE);
	}
	rn_run_buf_free(&O->run);
	if (O->o) {
		if (O->failed) {
			warta_output_abort(O->o);
			rc = -1;
		} else if (warta_output_commit(O->o, O->d) < 0) {
			rc = -1;
		}
	} else if (O->pages) {
		if (O->failed) {
			warta_output_set_abort(O->pages);
			rc = -1;
		} else if (warta_output_set_commit(O->pages, O->d) < 0) {
			rc = -1;
		}
	} else if (O->failed) {
		rc = -1;
	}
	g_free(O);
	return rc;
}

static void
metadata(struct out *O)
{
	const struct rn *R = O->R;
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

/* Modules are drawn by what they hold (and the cutoff rules): no frame. */
static void
module(struct rn_out *o, int art, int col0, int k, int line0, int h, double x, double y, double w,
       double hgt)
{
	(void)o, (void)art, (void)col0, (void)k, (void)line0, (void)h, (void)x, (void)y, (void)w, (void)hgt;
}

static const struct rn_out_ops cairo_ops = {
	article, section, page_begin, page_end, mark, structure, elem_begin, elem_end,
	text_line, drop_cap, rule, figure, failed, finish, module,
};

void
rn_out_cairo_front(struct rn_out *o)
{
	struct out *O = (struct out *)o;

	if (o->ops == &cairo_ops && O->pdf)
		O->front_from = O->pdf_pages;
}

struct rn_out *
rn_out_cairo_new(const struct rn *R, int pages, struct warta_diags *d)
{
	struct out *O;
	enum warta_print_format fmt = R->opts->format;
	int first = R->opts->first_page, last = R->opts->last_page;

	if (R->scan && R->scan->scanning)
		return rn_out_scan_new(R->scan);
	if (R->scan)
		pages = R->scan->pages;
	if (first > pages && (fmt != WARTA_PRINT_PDF || R->scan)) {
		/* the file the pages are of: the article, or the edition */
		const char *of = R->n_docs == 1 && R->docs[0]->path ? R->docs[0]->path : R->out_path;

		warta_diag(d, WARTA_ERROR, of, 0, 0, "--pages: page %d asked for, but %s has %d page%s",
		    first, R->n_docs == 1 ? "the article" : "the edition", pages, pages == 1 ? "" : "s");
		return NULL;
	}
	if (fmt == WARTA_PRINT_PNG || fmt == WARTA_PRINT_SVG) {
		int a = first > 0 ? first : 1, b = last > 0 ? MIN(last, pages) : pages;

		if (b > a && strcmp(R->out_path, "-") == 0) {
			warta_diag(d, WARTA_ERROR, NULL, 0, 0,
			    "%d pages cannot go to standard output; give a file name or one page", b - a + 1);
			return NULL;
		}
		O = g_new0(struct out, 1);
		O->numbered = b > a;
		O->first = first;
		O->last = last;
		/* PNG/SVG pages are many files: each is written and closed as
		 * soon as it is made, and none replaces its target before all
		 * are made without an error; a failure leaves none of them and
		 * every earlier file of the same name as it was */
		O->pages = warta_output_set_new();
	} else {
		struct warta_output *o = warta_output_open(R->out_path, d);

		if (o == NULL)
			return NULL;
		O = g_new0(struct out, 1);
		O->o = o;
		O->first = first;
		O->last = last;
		if (has_pictures(R))
			O->alts = g_ptr_array_new_with_free_func(g_free);
		O->begun = g_ptr_array_new_with_free_func(g_free);
		O->pdf = cairo_pdf_surface_create_for_stream(pdf_write_fn, O, R->style->page_width,
		    R->style->page_height);
		O->cr = cairo_create(O->pdf);
		/* big faces (Noto CJK) drawn from subsets: out_text.c */
		O->run.subsets = rn_subsets_new(R);
	}
	O->base.ops = &cairo_ops;
	O->R = R;
	O->d = d;
	O->fmt = fmt;
	O->front_from = -1;
	if (O->pdf)
		metadata(O);
	return &O->base;
}
