/* stages.c — `make bench`'s in-process driver: links build/libwarta.a and
 * times each stage of one article (or several, as an edition) inside one
 * process: engine start-up (font set, dictionaries), style, read, and for the
 * PDF shape / break / the rest of the print engine (page building, Cairo,
 * PDF), for the EPUB xhtml / cover / zip / write, from the library's stage
 * clocks (util/clock.h).  Prints the first (cold) run and the median of the
 * warm ones, in ms, as "stage first median" lines for bench.sh.
 *
 * usage: stages [-n RUNS] [-s STYLE] [-e TITLE] -o DIR FILE… */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "timing.h"

#include "article/article.h"
#include "epub/epub.h"
#include "render/render.h"
#include "style/style.h"
#include "util/clock.h"
#include "util/diag.h"

enum { S_ENGINE, S_STYLE, S_READ, S_SHAPE, S_BREAK, S_RENDER, S_PDF, S_XHTML, S_COVER, S_ZIP,
	S_WRITE, S_EPUB, S_N };

static const char *const names[S_N] = {
	"engine", "style", "read", "shape", "break", "render", "pdf", "xhtml", "cover", "zip",
	"write", "epub"
};

static void
fail(struct warta_diags *d, const char *what)
{
	guint i;

	fprintf(stderr, "stages: %s failed\n", what);
	for (i = 0; d->items && i < d->items->len; i++) {
		const struct warta_diag *m = g_ptr_array_index(d->items, i);

		fprintf(stderr, "  %s:%d: %s\n", m->file ? m->file : "", m->line, m->message);
	}
	exit(1);
}

int
main(int argc, char **argv)
{
	int runs = 21, c, r, i, nfiles;
	const char *style_name = "a4", *outdir = NULL, *edition = NULL;
	const char *dirs[2] = { NULL, NULL };
	double (*t)[S_N], v[256], t0, first_engine, first_style;
	char *pdf, *epub;
	struct warta_diags d0;
	struct warta_engine *e;
	struct warta_style *st;

	while ((c = getopt(argc, argv, "n:s:e:o:")) != -1) {
		switch (c) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 's':
			style_name = optarg;
			break;
		case 'e':
			edition = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc || !outdir || runs < 2 || runs > 256)
		goto usage;
	nfiles = argc - optind;
	t = calloc(runs, sizeof *t);
	pdf = g_build_filename(outdir, "stages.pdf", NULL);
	epub = g_build_filename(outdir, "stages.epub", NULL);
	dirs[0] = g_build_filename(warta_data_dir(), "styles", NULL);
	warta_clock.on = 1;

	/* the engine and the style are made once, as the command line does;
	 * each run times making (and freeing) another pair */
	warta_diags_init(&d0);
	t0 = now_ms();
	e = warta_engine_new(&d0);
	first_engine = now_ms() - t0;
	if (!e)
		fail(&d0, "warta_engine_new");
	t0 = now_ms();
	st = warta_style_load(style_name, dirs, &d0);
	first_style = now_ms() - t0;
	if (!st)
		fail(&d0, "warta_style_load");

	for (r = 0; r < runs; r++) {
		struct warta_diags d;
		struct warta_engine *e2;
		struct warta_style *st2;
		struct warta_doc **docs = g_new0(struct warta_doc *, nfiles);
		struct warta_read_opts ro;
		struct warta_render_opts po;
		struct warta_epub_opts eo;

		warta_diags_init(&d);
		if (r == 0) {
			t[r][S_ENGINE] = first_engine;
			t[r][S_STYLE] = first_style;
		} else {
			t0 = now_ms();
			e2 = warta_engine_new(&d);
			t[r][S_ENGINE] = now_ms() - t0;
			if (!e2)
				fail(&d, "warta_engine_new");
			warta_engine_free(e2);
			t0 = now_ms();
			st2 = warta_style_load(style_name, dirs, &d);
			t[r][S_STYLE] = now_ms() - t0;
			if (!st2)
				fail(&d, "warta_style_load");
			warta_style_free(st2);
		}

		memset(&ro, 0, sizeof ro);
		ro.boilerplate = (const char *const *)st->boilerplate;
		t0 = now_ms();
		for (i = 0; i < nfiles; i++)
			if (!(docs[i] = warta_article_read_file(argv[optind + i], &ro, &d)))
				fail(&d, argv[optind + i]);
		t[r][S_READ] = now_ms() - t0;

		memset(&po, 0, sizeof po);
		po.format = WARTA_PRINT_PDF;
		po.edition_title = edition;
		memset(warta_clock.ns, 0, sizeof warta_clock.ns);
		t0 = now_ms();
		if (warta_render(e, st, docs, nfiles, &po, pdf, NULL, &d) != 0)
			fail(&d, "warta_render");
		t[r][S_PDF] = now_ms() - t0;
		t[r][S_SHAPE] = warta_clock.ns[WARTA_CLOCK_SHAPE] / 1e6;
		t[r][S_BREAK] = warta_clock.ns[WARTA_CLOCK_BREAK] / 1e6;
		t[r][S_RENDER] = t[r][S_PDF] - t[r][S_SHAPE] - t[r][S_BREAK];

		memset(&eo, 0, sizeof eo);
		eo.edition_title = edition;
		memset(warta_clock.ns, 0, sizeof warta_clock.ns);
		t0 = now_ms();
		if (warta_epub_write(docs, nfiles, st, &eo, epub, &d) != 0)
			fail(&d, "warta_epub_write");
		t[r][S_EPUB] = now_ms() - t0;
		t[r][S_XHTML] = warta_clock.ns[WARTA_CLOCK_XHTML] / 1e6;
		t[r][S_COVER] = warta_clock.ns[WARTA_CLOCK_COVER] / 1e6;
		t[r][S_ZIP] = warta_clock.ns[WARTA_CLOCK_ZIP] / 1e6;
		t[r][S_WRITE] = t[r][S_EPUB] - t[r][S_XHTML] - t[r][S_COVER] - t[r][S_ZIP];

		for (i = 0; i < nfiles; i++)
			warta_doc_free(docs[i]);
		g_free(docs);
		warta_diags_fini(&d);
	}
	warta_style_free(st);
	warta_engine_free(e);
	warta_diags_fini(&d0);

	/* run 0 is the cold one; the median is over the warm runs */
	for (c = 0; c < S_N; c++) {
		for (r = 1; r < runs; r++)
			v[r - 1] = t[r][c];
		printf("%s %.3f %.3f\n", names[c], t[0][c], median(v, runs - 1));
	}
	free(t);
	g_free(pdf);
	g_free(epub);
	g_free((char *)dirs[0]);
	return 0;
usage:
	fprintf(stderr, "usage: stages [-n RUNS] [-s STYLE] [-e TITLE] -o DIR FILE...\n");
	return 2;
}
