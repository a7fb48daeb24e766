/* test_draw.c — the drawing of lines (render/out_cairo.c, out_text.c): a
 * left-to-right run of one font, or a right-to-left piece, is warta's own
 * cairo_show_text_glyphs, its glyphs, clusters and text built from the
 * line's pieces; Pango draws only a piece with a hex box.  The text a
 * reader copies from the PDF is the author's: ligatures, combining marks,
 * links and emphasis. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#include "article/article.h"
#include "render/render.h"
#include "style/style.h"
#include "util/clock.h"
#include "util/diag.h"

/* Sets text as a PDF at path; its counts in c.  0 on success. */
static int
draw(struct warta_engine *e, const struct warta_style *st, const char *text, const char *path,
     long long *c)
{
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_render_opts o;
	int rc = -1;

	warta_diags_init(&d);
	memset(&warta_clock, 0, sizeof warta_clock);
	warta_clock.on = 1;
	doc = warta_article_read("draw.txt", text, strlen(text), NULL, &d);
	if (doc) {
		struct warta_doc *docs[1] = { doc };

		memset(&o, 0, sizeof o);
		o.format = WARTA_PRINT_PDF;
		rc = warta_render(e, st, docs, 1, &o, path, NULL, &d);
		warta_doc_free(doc);
	}
	warta_clock.on = 0;
	memcpy(c, warta_clock.count, sizeof warta_clock.count);
	warta_diags_fini(&d);
	return rc;
}

/* The PDF's text by pdftotext, its white space made single spaces; NULL
 * when pdftotext is not there. */
static char *
pdf_text(const char *path)
{
	char *argv[] = { "pdftotext", "-enc", "UTF-8", (char *)path, "-", NULL };
	char *out = NULL, **w;
	GString *s;
	int status = 0;

	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
	                  &out, NULL, &status, NULL) || status != 0) {
		g_free(out);
		return NULL;
	}
	w = g_strsplit_set(out, " \n\t\f", -1);
	s = g_string_new(NULL);
	for (int i = 0; w[i]; i++)
		if (*w[i])
			g_string_append_printf(s, "%s%s", s->len ? " " : "", w[i]);
	g_strfreev(w);
	g_free(out);
	return g_string_free(s, FALSE);
}

static void
latin(struct warta_engine *e, const struct warta_style *st, const char *path)
{
	/* fi and ffl ligatures (one glyph, several characters), a letter and
	 * its combining mark, Vietnamese stacked marks, emphasis, a link */
	static const char *in =
	    "Judul\n\n"
	    "Kantor efisien di Jakarta menerima *sufflé* yang baru, cafe\xcc\x81 dan "
	    "Vi\xe1\xbb\x87t Nam, lalu [laman resmi](https://example.org/a) memuat **fitur** itu.\n";
	long long c[WARTA_COUNT_N];
	char *t;

	OK(draw(e, st, in, path, c) == 0, "a Latin article with ligatures, marks, a link: set as PDF");
	OK(c[WARTA_COUNT_DRAWS] > 0 && c[WARTA_COUNT_PANGO_DRAWS] == 0,
	   "every piece of its lines drawn by warta's own glyph runs, none by Pango (%lld operations, "
	   "%lld by Pango)", c[WARTA_COUNT_DRAWS], c[WARTA_COUNT_PANGO_DRAWS]);
	t = pdf_text(path);
	if (t == NULL) {
		OK(1, "# SKIP pdftotext is not there");
		return;
	}
	{
		/* the words with a ligature, a combining mark, stacked marks,
		 * emphasis, a link (lines may come out of pdftotext in another
		 * order than they are read) */
		static const char *const words[] = { "Kantor efisien di Jakarta", "sufflé yang",
			"cafe\xcc\x81 dan Vi\xe1\xbb\x87t Nam,", "laman resmi", "memuat fitur itu." };
		int missing = 0;

		for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
			if (!strstr(t, words[i]))
				missing++;
		OK(missing == 0, "its text copied from the PDF is the author's, character for character (%s)",
		   t);
	}
	g_free(t);
}

static void
arabic(struct warta_engine *e, const struct warta_style *st, const char *path)
{
	static const char *in =
	    "---\nlang: ar\n---\n"
	    "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\n\n"
	    "\xd9\x87\xd8\xb0\xd8\xa7 \xd9\x86\xd8\xb5 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a "
	    "\xd9\x82\xd8\xb5\xd9\x8a\xd8\xb1.\n";
	long long c[WARTA_COUNT_N];

	OK(draw(e, st, in, path, c) == 0, "an Arabic article: set as PDF");
	OK(c[WARTA_COUNT_DRAWS] > 0 && c[WARTA_COUNT_PANGO_DRAWS] == 0,
	   "its right-to-left runs drawn by warta's own glyph runs too, none by Pango (%lld operations, "
	   "%lld by Pango)", c[WARTA_COUNT_DRAWS], c[WARTA_COUNT_PANGO_DRAWS]);
}

/* A character no font has: its hex box is Pango's to draw. */
static void
hexbox(struct warta_engine *e, const struct warta_style *st, const char *path)
{
	static const char *in = "Judul\n\nSebuah tanda \xf0\x90\x98\x80 yang tidak ada di fon mana pun.\n";
	long long c[WARTA_COUNT_N];

	OK(draw(e, st, in, path, c) == 0, "an article with a Linear A sign, in no font of the set: set as PDF");
	OK(c[WARTA_COUNT_PANGO_DRAWS] == 1, "the piece with its hex box drawn by Pango, no other (%lld)",
	   c[WARTA_COUNT_PANGO_DRAWS]);
}

int
main(void)
{
	struct warta_diags d;
	struct warta_engine *e;
	struct warta_style *st;
	char *dir, *path;
	const char *dirs[2];

	warta_diags_init(&d);
	dir = g_build_filename(warta_data_dir(), "styles", NULL);
	dirs[0] = dir;
	dirs[1] = NULL;
	st = warta_style_load("a4", dirs, &d);
	e = warta_engine_new(&d);
	OK(st != NULL && e != NULL, "the a4 style and the engine load");
	path = g_strdup_printf("%s/warta-test-draw-%d.pdf", g_get_tmp_dir(), (int)getpid());
	if (st && e) {
		latin(e, st, path);
		arabic(e, st, path);
		hexbox(e, st, path);
	}
	g_remove(path);
	g_free(path);
	warta_engine_free(e);
	warta_style_free(st);
	g_free(dir);
	warta_diags_fini(&d);
	return harness_done();
}
