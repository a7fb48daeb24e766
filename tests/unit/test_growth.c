/* test_growth.c — issue 15's classes of hostile input, each read and set as
 * a PDF at a size N and at 2N, counting what costs (util/clock.h: items and
 * bytes shaped, the line breaker's active-node visits, lines made, drawing
 * operations, the most drawing operations on one page).  Nothing is timed:
 * each count must grow at most linearly (count(2N) <= 2.25 count(N) plus a
 * small constant for the title and the page furniture), the line breaker
 * visit at most VISITS_PER_ITEM active nodes per item, and no page may
 * hold more drawing operations than PAGE_DRAWS (Cairo's PDF surface pays
 * for each with all the others on its page: a 200-column table drawn cell
 * by cell had thousands a page).  The inputs are those of
 * tests/hardening/pathological.py, made here. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#include "article/article.h"
#include "layout/para_int.h"
#include "render/render.h"
#include "style/style.h"
#include "util/clock.h"
#include "util/diag.h"

#define PAGE_DRAWS 1500        /* a full page of body text is about 300 */
#define VISITS_PER_ITEM 40     /* body text visits 2 to 20 */

static const char *const words[] = { "lorem", "ipsum", "dolor", "sit", "amet", "consectetur",
	"adipiscing", "elit", "sed", "do" };
static const char *const count_names[WARTA_COUNT_N] = {
	"items shaped", "bytes shaped", "breaker visits", "breaker items", "lines", "drawing operations",
	"(page)", "drawing operations on a page", "paragraphs held at once", "date formats made",
	"insert calls written", "boilerplate matches", "characters of log attributes at once",
	"date patterns made", "paragraphs itemized by Pango", "pieces Pango draws",
	"breaker's lists made new", "shaping scratch made new"
};

/* The input of class kind at size n. */
static GString *
make(const char *kind, int n)
{
	GString *s = g_string_new(NULL);
	int i, k;

	if (strcmp(kind, "word") == 0) {            /* one unbreakable word of n bytes */
		g_string_append(s, "Title\n\nStart ");
		for (i = 0; i < n; i++)
			g_string_append_c(s, 'a');
		g_string_append(s, " end.\n");
	} else if (strcmp(kind, "codespaces") == 0) {  /* a code line of n spaces */
		g_string_append(s, "Title\n\n```\nx");
		for (i = 0; i < n; i++)
			g_string_append_c(s, ' ');
		g_string_append(s, "y\n```\n");
	} else if (strcmp(kind, "fmlong") == 0) {    /* front matter values of n characters */
		g_string_append(s, "---\ntitle: ");
		for (i = 0; i < n / 14; i++)
			g_string_append(s, "Judul panjang ");
		g_string_append(s, "\nsection: ");
		for (i = 0; i < n; i++)
			g_string_append_c(s, '9');
		g_string_append(s, "\nauthor: ");
		for (i = 0; i < n / 3; i++)
			g_string_append(s, "ab ");
		g_string_append(s, "\nsource: ");
		for (i = 0; i < n; i++)
			g_string_append_c(s, 'S');
		g_string_append(s, "\n---\n\nBody.\n");
	} else if (strcmp(kind, "marks") == 0) {     /* n combining marks on a headline's letter */
		g_string_append(s, "# Z");
		for (i = 0; i < n; i++)
			g_string_append(s, "\xcc\x81");
		g_string_append(s, "algo\n\nBody.\n");
	} else if (strcmp(kind, "tablebig") == 0) {  /* 200 columns, rows to make n bytes */
		g_string_append(s, "Title\n\n|");
		for (i = 0; i < 200; i++)
			g_string_append(s, " a |");
		g_string_append(s, "\n|");
		for (i = 0; i < 200; i++)
			g_string_append(s, "---|");
		g_string_append_c(s, '\n');
		for (k = 0; k < MAX(1, n / 800); k++) {
			g_string_append_c(s, '|');
			for (i = 0; i < 200; i++)
				g_string_append_printf(s, " %d |", (k * 7 + i) % 1000);
			g_string_append_c(s, '\n');
		}
	} else if (strcmp(kind, "olist") == 0) {     /* an ordered list of n items: n labels */
		g_string_append(s, "Title\n\n");
		for (k = 1; k <= n; k++)
			g_string_append_printf(s, "%d. item %d\n", k, k);
	} else if (strcmp(kind, "table") == 0) {     /* n rows of two columns */
		g_string_append(s, "Title\n\n| a | b |\n|---|---|\n");
		for (k = 0; k < n; k++)
			g_string_append_printf(s, "| %d | x%d |\n", k, k);
	} else if (strcmp(kind, "tabs") == 0) {      /* n tabs in a paragraph */
		g_string_append(s, "Title\n\nx");
		for (i = 0; i < n; i++)
			g_string_append_c(s, '\t');
		g_string_append(s, "y\n");
	} else if (strcmp(kind, "code") == 0) {      /* n bytes of fenced code */
		g_string_append(s, "Title\n\n```c\n");
		for (i = 0; i < MAX(1, n / 58); i++)
			g_string_append(s, "int x = foo(bar, baz) + qux * 42; // comment text here ok\n");
		g_string_append(s, "```\n");
	} else if (strcmp(kind, "autolinks") == 0) { /* n autolinks */
		g_string_append(s, "Title\n\n");
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "https://example.org/p/%d ", i);
		g_string_append_c(s, '\n');
	} else if (strcmp(kind, "refdefs") == 0) {   /* n reference definitions, each used */
		g_string_append(s, "Title\n\n");
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "[r%d]: http://x/%d\n", i, i);
		g_string_append_c(s, '\n');
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "[r%d] ", i);
		g_string_append_c(s, '\n');
	} else if (strcmp(kind, "para") == 0) {      /* n bytes of one paragraph */
		g_string_append(s, "Title\n\n");
		for (i = 0; s->len < (size_t)n; i++)
			g_string_append_printf(s, "%s%s", words[(i * 7) % 10], i % 10 == 9 ? "\n" : " ");
		g_string_append_c(s, '\n');
	} else if (strcmp(kind, "list") == 0) {      /* n list items */
		g_string_append(s, "Title\n\n");
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "- item %d\n", i);
	} else if (strcmp(kind, "nestlist") == 0) {  /* n list items, nested 1 to 8 deep */
		/* numbers no other class uses: the engine's word tables (words.c)
		 * outlive a document, and words another class shaped are not
		 * shaped again, so "items shaped" would count only what is new */
		g_string_append(s, "Title\n\n");
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "%*s- item %d\n", 2 * (i % 8), "", 7000000 + i);
	} else if (strcmp(kind, "fmkeys") == 0) {    /* n front matter keys */
		g_string_append(s, "---\ntitle: Keys\n");
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "k%d: v\n", i);
		g_string_append(s, "---\n\nBody.\n");
	} else if (strcmp(kind, "olist1") == 0) {    /* n list items, each numbered 1 */
		g_string_append(s, "Title\n\n");
		for (i = 0; i < n; i++)
			g_string_append(s, "1. a\n");
	} else if (strcmp(kind, "imgmiss") == 0) {   /* n pictures whose files are missing */
		g_string_append(s, "Title\n\n");
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "![pic %d](missing/%d.jpg)\n\n", i, i);
	}
	return s;
}

/* Reads and sets the input of kind at size n as a PDF; its counts in c. */
static int
run(struct warta_engine *e, const struct warta_style *st, const char *kind, int n, long long *c)
{
	GString *in = make(kind, n);
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_render_opts o;
	char *path = g_strdup_printf("%s/warta-test-growth-%d.pdf", g_get_tmp_dir(), (int)getpid());
	int rc = -1;

	warta_diags_init(&d);
	memset(&warta_clock, 0, sizeof warta_clock);
	warta_clock.on = 1;
	doc = warta_article_read("growth.txt", in->str, in->len, NULL, &d);
	if (doc) {
		struct warta_doc *docs[1] = { doc };

		memset(&o, 0, sizeof o);
		o.format = WARTA_PRINT_PDF;
		rc = warta_render(e, st, docs, 1, &o, path, NULL, &d);
		warta_doc_free(doc);
	}
	warta_clock.on = 0;
	memcpy(c, warta_clock.count, sizeof warta_clock.count);
	g_remove(path);
	g_free(path);
	g_string_free(in, TRUE);
	warta_diags_fini(&d);
	return rc;
}

/* kind at n and 2n; flat: a class cut at a documented cap (front matter
 * values, combining marks, runs of tabs), whose counts do not grow at all;
 * held_flat: the paragraphs held at once do not grow either (a block's
 * drawn pages are freed as it goes on). */
static void
growth(struct warta_engine *e, const struct warta_style *st, const char *kind, int n, int flat,
       int held_flat)
{
	long long a[WARTA_COUNT_N], b[WARTA_COUNT_N];
	int ra = run(e, st, kind, n, a), rb = run(e, st, kind, 2 * n, b), k;

	OK(ra == 0 && rb == 0, "%s at %d and %d: set as PDF", kind, n, 2 * n);
	for (k = 0; k < WARTA_COUNT_N; k++) {
		if (k == WARTA_COUNT_PAGE_DRAWS)
			continue;
		if (flat) {
			/* HarfBuzz's work: the font's table of shaped words (words.c)
			 * still holds the first run's words, so the second may shape fewer */
			int cached = k == WARTA_COUNT_SHAPES || k == WARTA_COUNT_SHAPED;

			OK(cached ? b[k] <= a[k] : b[k] == a[k], "%s: %s do not grow past the cap (%lld at %d, "
			    "%lld at %d)", kind, count_names[k], a[k], n, b[k], 2 * n);
			continue;
		}
		if (k == WARTA_COUNT_BREAK_ITEMS) {
			/* a paragraph the first pass cannot set goes through a
			 * second and an emergency one (TeX's): a longer paragraph
			 * may need more passes than a shorter one */
			OK(b[k] <= 3 * (2.25 * a[k] + 400), "%s: %s grow linearly, three passes at most "
			    "(%lld at %d, %lld at %d)", kind, count_names[k], a[k], n, b[k], 2 * n);
			continue;
		}
		if (k == WARTA_COUNT_BREAK) {
			/* the breaker's work per item its passes go through: the
			 * active nodes it visits at each (quadratic breaking shows
			 * as visits growing per item) */
			OK(b[k] <= VISITS_PER_ITEM * b[WARTA_COUNT_BREAK_ITEMS] + 400 &&
			   a[k] <= VISITS_PER_ITEM * a[WARTA_COUNT_BREAK_ITEMS] + 400,
			    "%s: at most %d active nodes visited per breaker item (%.1f at %d, %.1f at %d)",
			    kind, VISITS_PER_ITEM, (double)a[k] / MAX(1, a[WARTA_COUNT_BREAK_ITEMS]), n,
			    (double)b[k] / MAX(1, b[WARTA_COUNT_BREAK_ITEMS]), 2 * n);
			continue;
		}
		if (k == WARTA_COUNT_HELD_MAX && held_flat) {
			/* pages are drawn and their paragraphs freed as the
			 * block goes on, not at its end */
			OK(b[k] <= a[k] + 200, "%s: %s do not grow (%lld at %d, %lld at %d)", kind,
			    count_names[k], a[k], n, b[k], 2 * n);
			continue;
		}
		if (k == WARTA_COUNT_PAGE_MAX) {
			OK(b[k] <= PAGE_DRAWS && a[k] <= PAGE_DRAWS,
			    "%s: at most %d drawing operations a page (%lld at %d, %lld at %d)", kind,
			    PAGE_DRAWS, a[k], n, b[k], 2 * n);
			continue;
		}
		OK(b[k] <= 2.25 * a[k] + 400, "%s: %s grow linearly (%lld at %d, %lld at %d: %.2f)", kind,
		    count_names[k], a[k], n, b[k], 2 * n, a[k] ? (double)b[k] / a[k] : 0.0);
	}
}

/* A run of spaces in code (or ragged text) is one break and one glue: the
 * breaker's items do not grow with its length (a million spaces were three
 * million items and 360 MB). */
static void
space_runs(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N], b[WARTA_COUNT_N];

	run(e, st, "codespaces", 5000, a);
	run(e, st, "codespaces", 10000, b);
	OK(a[WARTA_COUNT_BREAK_ITEMS] == b[WARTA_COUNT_BREAK_ITEMS] && a[WARTA_COUNT_BREAK_ITEMS] < 100,
	    "a run of 5,000 or 10,000 spaces in code: the same breaker items (%lld, %lld)",
	    a[WARTA_COUNT_BREAK_ITEMS], b[WARTA_COUNT_BREAK_ITEMS]);
}

/* Each short line is matched against the built-in boilerplate patterns
 * once, as one alternation: one pattern after another was twenty matches
 * a line, half of reading a file of short lines. */
static void
boiler_matches(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "list", 500, a);
	OK(a[WARTA_COUNT_MATCHES] > 0 && a[WARTA_COUNT_MATCHES] <= 510,
	    "500 list items: at most one boilerplate match a line (%lld)", a[WARTA_COUNT_MATCHES]);
}

/* Long texts' log attributes in windows: the same attributes as Pango's
 * for the whole text, for texts of every kind the windows could cut
 * wrongly (addresses, words, CJK without spaces, Arabic, flags whose
 * pairs count from the start of their run, soft hyphens, runs of spaces). */
static void
log_attrs(void)
{
	static const char *const unit[] = { "https://example.org/p/%d ", "lorem ipsum %d. Dolor ",
		"\xe4\xb8\xad\xe6\x96\x87%d\xe3\x80\x82", "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 %d ",
		"\xf0\x9f\x87\xae\xf0\x9f\x87\xa9\xf0\x9f\x87\xaf %d ", "hy\xc2\xadphen%d    ", "(a) [%d] \"q\" " };
	guint u;

	for (u = 0; u < G_N_ELEMENTS(unit); u++) {
		GString *s = g_string_new(NULL);
		int i, n, bad = -1;
		PangoLogAttr *a, *b;

		for (i = 0; s->len < 60000; i++)
			g_string_append_printf(s, unit[u], i);
		n = g_utf8_strlen(s->str, s->len);
		a = g_new0(PangoLogAttr, n + 1);
		b = g_new0(PangoLogAttr, n + 1);
		pango_get_log_attrs(s->str, s->len, -1, pango_language_from_string("en"), a, n + 1);
		pa_log_attrs(s->str, s->len, pango_language_from_string("en"), b, n);
		for (i = 0; i <= n && bad < 0; i++)
			if (a[i].is_line_break != b[i].is_line_break || a[i].is_word_start != b[i].is_word_start ||
			    a[i].is_word_end != b[i].is_word_end || a[i].is_cursor_position != b[i].is_cursor_position ||
			    a[i].is_white != b[i].is_white || a[i].is_mandatory_break != b[i].is_mandatory_break ||
			    a[i].break_inserts_hyphen != b[i].break_inserts_hyphen)
				bad = i;
		OK(bad < 0, "log attributes in windows = Pango's for the whole text (%d characters of "
		    "\"%.12s…\"; first difference at %d)", n, unit[u], bad);
		g_free(a);
		g_free(b);
		g_string_free(s, TRUE);
	}
}

/* A paragraph of autolinks: Pango's log attributes are never asked for
 * more than a window (their time grows with its square: the 32 KB pieces
 * of a long paragraph took a quarter of its time). */
static void
log_attrs_windows(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "autolinks", 3000, a);
	OK(a[WARTA_COUNT_LA_MAX] > 0 && a[WARTA_COUNT_LA_MAX] <= 10000,
	    "3,000 autolinks: at most 10,000 characters of log attributes at once (%lld)",
	    a[WARTA_COUNT_LA_MAX]);
}

/* A table's cells are shaped about twice each (measured, set), not three
 * times (its text, its longest word, set): a cell of one word is its
 * longest word, and a value is measured once a table. */
static void
table_shapes(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "table", 800, a);
	OK(a[WARTA_COUNT_SHAPES] <= 2.5 * 1600 + 100, "800 rows of two one-word cells: at most 2.5 items "
	    "shaped a cell (%lld for 1,600 cells)", a[WARTA_COUNT_SHAPES]);
}

/* A list item's label ("•", "1." …) is a paragraph set once an article
 * for each text, face and language: 800 bullets were 800 equal paragraphs
 * itemized and shaped, half of what a list of short items shaped. */
static void
label_shapes(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "list", 800, a);
	OK(a[WARTA_COUNT_LINES] > 800 && a[WARTA_COUNT_LINES] <= 800 + 100, "800 bulleted items of one "
	    "line: the bullet set once, so about one line made an item (%lld lines)", a[WARTA_COUNT_LINES]);
}

/* A paragraph of one script, left to right, each of whose attribute
 * ranges is in one face that has all its characters, is one item a range
 * made directly (layout/itemize.c): the items of 800 list items, of a
 * table and of 400 URL notes are not Pango's itemizer's (each paragraph
 * was about 12,500 instructions there). */
static void
itemize_direct(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N], b[WARTA_COUNT_N], c[WARTA_COUNT_N];

	run(e, st, "list", 800, a);
	run(e, st, "table", 400, b);
	run(e, st, "refdefs", 400, c);
	OK(a[WARTA_COUNT_ITEMIZE] < 40 && b[WARTA_COUNT_ITEMIZE] < 40, "800 list items and a table of "
	    "400 rows: their paragraphs' one item each made without pango_itemize (%lld and %lld "
	    "itemized by Pango)", a[WARTA_COUNT_ITEMIZE], b[WARTA_COUNT_ITEMIZE]);
	/* a URL note is two attribute ranges: its number and its URL */
	OK(c[WARTA_COUNT_ITEMIZE] < 40, "400 URL notes: their items (one an attribute range) made "
	    "without pango_itemize (%lld itemized by Pango)", c[WARTA_COUNT_ITEMIZE]);
}

/* A list numbered "1." over and over is as many lists, each item moved
 * once (layer.c split_list): splitting off one list at a time and walking
 * the rest again moved n²/2 items (a 250 KB list took 6 s to read). */
static void
olist_split(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "olist1", 2000, a);
	OK(a[WARTA_COUNT_ITEMS_MOVED] > 0 && a[WARTA_COUNT_ITEMS_MOVED] < 2000,
	   "2,000 items all numbered 1: split into lists moving each item at most once (%lld moves)",
	   a[WARTA_COUNT_ITEMS_MOVED]);
}

/* Each front matter key is placed from the last one's line (front.c
 * yaml_off): from the front matter's start each walked n²/2 lines. */
static void
fm_keys(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "fmkeys", 2000, a);
	OK(a[WARTA_COUNT_YAML_LINES] > 0 && a[WARTA_COUNT_YAML_LINES] < 3 * 2000,
	   "2,000 front matter keys: their places found walking each line a few times at most "
	   "(%lld lines walked)", a[WARTA_COUNT_YAML_LINES]);
}

/* The breaker's lists are kept from one paragraph to the next: a long
 * word's 32 KB pieces (typeset.c) each grew a new 14 MB list from nothing
 * by doubling, into memory given back to the kernel after each piece (95 %
 * of the page faults of a 1 MB word, a third of its time). */
static void
lists_kept(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N], b[WARTA_COUNT_N];

	run(e, st, "word", 100000, a);
	run(e, st, "list", 400, b);
	OK(a[WARTA_COUNT_LINES] > 100 && a[WARTA_COUNT_LISTS_NEW] <= 1 && b[WARTA_COUNT_LISTS_NEW] <= 1,
	    "a 100 KB word in four pieces and 400 list items: the breaker's lists made new at most "
	    "once (%lld and %lld)", a[WARTA_COUNT_LISTS_NEW], b[WARTA_COUNT_LISTS_NEW]);
	/* and not kept past a render (pa_spare_release): the second render
	 * makes its lists new again, the first one's 14 MB given back */
	OK(b[WARTA_COUNT_LISTS_NEW] == 1, "the breaker's lists are given back at the end of a render "
	    "(the next one made them new: %lld)", b[WARTA_COUNT_LISTS_NEW]);
}

/* So is a paragraph's shaping scratch (a HarfBuzz buffer and four arrays,
 * words.c): made and freed for each paragraph, it was 2.5 % of a table
 * of short cells. */
static void
words_kept(struct warta_engine *e, const struct warta_style *st)
{
	long long a[WARTA_COUNT_N];

	run(e, st, "table", 400, a);
	OK(a[WARTA_COUNT_LINES] > 800 && a[WARTA_COUNT_WORDS_NEW] <= 1, "a table of 400 rows: the "
	    "shaping scratch made new at most once (%lld)", a[WARTA_COUNT_WORDS_NEW]);
}

int
main(void)
{
	struct warta_diags d;
	struct warta_engine *e;
	struct warta_style *st;
	char *dir;
	const char *dirs[2];
	const int light = g_getenv("WARTA_TEST_LIGHT") != NULL;

	warta_diags_init(&d);
	dir = g_build_filename(warta_data_dir(), "styles", NULL);
	dirs[0] = dir;
	dirs[1] = NULL;
	st = warta_style_load("a4", dirs, &d);
	e = warta_engine_new(&d);
	OK(st != NULL && e != NULL, "the a4 style and the engine load");
	if (st == NULL || e == NULL)
		return harness_done();
	/* sizes: a few pages each, so that both N and 2N fill pages */
	growth(e, st, "word", light ? 4000 : 12000, 0, 1);
	growth(e, st, "codespaces", light ? 4000 : 12000, 0, 1);
	growth(e, st, "fmlong", light ? 4000 : 12000, 1, 0);
	growth(e, st, "marks", 4000, 1, 0);
	growth(e, st, "tablebig", light ? 12000 : 24000, 0, 1);
	growth(e, st, "table", light ? 300 : 800, 0, 1);
	growth(e, st, "tabs", 20000, 1, 0);
	growth(e, st, "code", light ? 8000 : 20000, 0, 1);
	growth(e, st, "autolinks", light ? 300 : 800, 0, 1);
	growth(e, st, "refdefs", light ? 300 : 800, 0, 0);
	growth(e, st, "para", light ? 8000 : 20000, 0, 1);
	growth(e, st, "list", light ? 300 : 800, 0, 1);
	growth(e, st, "olist", light ? 300 : 800, 0, 1);   /* its labels are not held to its end */
	growth(e, st, "nestlist", light ? 600 : 1600, 0, 1);
	growth(e, st, "imgmiss", light ? 300 : 800, 0, 0);
	space_runs(e, st);
	boiler_matches(e, st);
	log_attrs();
	log_attrs_windows(e, st);
	table_shapes(e, st);
	label_shapes(e, st);
	itemize_direct(e, st);
	lists_kept(e, st);
	olist_split(e, st);
	fm_keys(e, st);
	words_kept(e, st);
	warta_engine_free(e);
	warta_style_free(st);
	g_free(dir);
	warta_diags_fini(&d);
	return harness_done();
}
