/* floor.c — `make bench`'s floor: what Pango and Cairo's PDF surface alone
 * cost per page.  Reads a text file, shapes and breaks it ONCE with Pango
 * (Charis SIL, two justified columns of A4, as warta's a4 style), then draws
 * those lines onto PAGES PDF pages with pango-cairo as warta does, and prints
 * one line: "pages=N wall_ms=… cpu_ms=… per_page_ms=… glyphs_per_page=…".  No
 * reading, no shaping per page, no line breaking: a lower bound for any engine
 * on Pango + Cairo 1.16.  -x: each line in one of 41 expansion steps; -t: each
 * line a tagged element.  -s: instead, lay the text out with PangoLayout
 * (itemize, shape, Pango's own line breaking) as many times as it takes to
 * fill PAGES pages of those columns, and print "… shape_ms_per_page=…": the
 * floor of shaping a page with Pango.
 * usage: floor [-x] [-t] [-s] [-p PAGES] -o OUT.pdf FILE */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "timing.h"

#include "render/render.h"
#include "style/style.h"
#include "util/diag.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 56.7
#define GUTTER 14.0
#define LEADING 13.6

static double
cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int
main(int argc, char **argv)
{
	int pages = 50, c, p, col, li = 0, n_lines, glyphs = 0, expand = 0, tags = 0, shape_only = 0;
	const char *out = NULL;
	char *text = NULL;
	double colw = (PAGE_W - 2 * MARGIN - GUTTER) / 2, t0, c0, wall, cpu;
	struct warta_diags d;
	struct _FcConfig *fc;
	PangoContext *ctx;
	PangoLayout *lay;
	PangoFontDescription *fd;
	cairo_surface_t *s;
	cairo_t *cr;
	GSList *lines;

	while ((c = getopt(argc, argv, "p:o:xts")) != -1) {
		if (c == 'p')
			pages = atoi(optarg);
		else if (c == 'x')
			expand = 1;
		else if (c == 't')
			tags = 1;
		else if (c == 's')
			shape_only = 1;
		else if (c == 'o')
			out = optarg;
		else
			return 2;
	}
	if (out == NULL || optind != argc - 1 || pages < 1 ||
	    !g_file_get_contents(argv[optind], &text, NULL, NULL)) {
		fprintf(stderr, "usage: floor [-p PAGES] -o OUT.pdf FILE\n");
		return 2;
	}
	warta_diags_init(&d);
	fc = warta_fonts_config(&d);
	if (fc == NULL) {
		fprintf(stderr, "floor: warta's font set is not available\n");
		return 1;
	}
	warta_fonts_make_default(fc);
	ctx = warta_print_context_new(fc);   /* as warta's print engine sets text */

	/* shaped and broken once */
	lay = pango_layout_new(ctx);
	fd = pango_font_description_from_string("Charis SIL 9.5");
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_width(lay, (int)(colw * PANGO_SCALE));
	pango_layout_set_justify(lay, TRUE);
	pango_layout_set_text(lay, text, -1);
	lines = pango_layout_get_lines_readonly(lay);
	n_lines = g_slist_length(lines);
	for (GSList *l = lines; l; l = l->next)
		for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next)
			glyphs += ((PangoGlyphItem *)r->data)->glyphs->num_glyphs;

	if (shape_only) {
		/* the text's lines cover n_lines / (2 columns × per_col) pages */
		int per_col = (int)((PAGE_H - 2 * MARGIN) / LEADING), k, copies;
		double per_copy = (double)n_lines / (2 * per_col);

		copies = (int)(pages / per_copy + 0.5);
		if (copies < 1)
			copies = 1;
		t0 = now_ms();
		c0 = cpu_ms();
		for (k = 0; k < copies; k++) {
			PangoLayout *l = pango_layout_new(ctx);

			pango_layout_set_font_description(l, fd);
			pango_layout_set_width(l, (int)(colw * PANGO_SCALE));
			pango_layout_set_justify(l, TRUE);
			pango_layout_set_text(l, text, -1);
			(void)pango_layout_get_line_count(l);   /* lays it out */
			g_object_unref(l);
		}
		wall = now_ms() - t0;
		cpu = cpu_ms() - c0;
		printf("pages=%.0f wall_ms=%.1f cpu_ms=%.1f shape_ms_per_page=%.3f\n",
		    copies * per_copy, wall, cpu, cpu / (copies * per_copy));
		c = 0;
		goto out;
	}
	t0 = now_ms();
	c0 = cpu_ms();
	s = cairo_pdf_surface_create(out, PAGE_W, PAGE_H);
	cr = cairo_create(s);
	{
		int per_col = (int)((PAGE_H - 2 * MARGIN) / LEADING);
		int drawn = 0;

		for (p = 0; p < pages; p++) {
			for (col = 0; col < 2; col++) {
				double x = MARGIN + col * (colw + GUTTER);

				for (int k = 0; k < per_col; k++, li = (li + 1) % n_lines, drawn++) {
					if (tags)
						cairo_tag_begin(cr, "P", NULL);
					if (expand) {
						/* one of 41 expansion steps, as warta's justification */
						cairo_save(cr);
						cairo_translate(cr, x, MARGIN + (k + 1) * LEADING);
						cairo_scale(cr, 1 + 0.001 * ((li * 7) % 41 - 20), 1);
						cairo_move_to(cr, 0, 0);
						pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(lay, li));
						cairo_restore(cr);
					} else {
						cairo_move_to(cr, x, MARGIN + (k + 1) * LEADING);
						pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(lay, li));
					}
					if (tags)
						cairo_tag_end(cr, "P");
				}
			}
			cairo_show_page(cr);
		}
		glyphs = (int)((double)glyphs / n_lines * drawn / pages);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	c = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	wall = now_ms() - t0;
	cpu = cpu_ms() - c0;
	printf("pages=%d wall_ms=%.1f cpu_ms=%.1f per_page_ms=%.3f glyphs_per_page=%d\n",
	    pages, wall, cpu, cpu / pages, glyphs);
out:
	pango_font_description_free(fd);
	g_object_unref(lay);
	g_object_unref(ctx);
	FcConfigDestroy(fc);
	g_free(text);
	warta_diags_fini(&d);
	return c;
}
