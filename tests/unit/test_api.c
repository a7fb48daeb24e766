/* test_api.c — libwarta through src/warta.h alone, as a program linking it
 * sees it (no header of src/ but the public one): every call the command
 * line came to need — the reader and its metadata, the documents' getters
 * and setters, the styles' list and font check, the print's per-handle
 * settings (style, edition number and language, missing glyphs, report),
 * the EPUB's (publisher, edition language, style, shared fonts), dates,
 * languages, messages — does what the header says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "warta.h"

static char *dir;

static char *
path_in(const char *name)
{
	return g_build_filename(dir, name, NULL);
}

static void
put(const char *path, const char *text)
{
	g_file_set_contents(path, text, -1, NULL);
}

static char *
slurp(const char *path, gsize *len)
{
	char *s = NULL;

	if (!g_file_get_contents(path, &s, len, NULL))
		return NULL;
	return s;
}

/* Whether messages m hold one with text containing want, of severity sev. */
static int
has_msg(const warta_messages *m, int sev, const char *want)
{
	for (size_t i = 0; i < warta_messages_count(m); i++)
		if (warta_message_severity(m, i) == sev && strstr(warta_message_text(m, i), want))
			return 1;
	return 0;
}

/* Whether two files hold the same bytes. */
static int
same_file(const char *a, const char *b)
{
	gsize la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	int same = x && y && la == lb && memcmp(x, y, la) == 0;

	g_free(x);
	g_free(y);
	return same;
}

static void
test_dates_langs(void)
{
	long long t = 0;
	char *s;
	const char *tags[] = { "id", "en", NULL, "EN" };
	const char *tie[] = { "id", "en" };

	INT_EQ(warta_date_is_valid("2024-02-29"), 1, "warta_date_is_valid: a leap day");
	INT_EQ(warta_date_is_valid("2023-02-29"), 0, "warta_date_is_valid: no such day");
	g_setenv("SOURCE_DATE_EPOCH", "1729814400", TRUE);
	OK(warta_date_source_epoch(&t) == 1 && t == 1729814400, "warta_date_source_epoch: set");
	g_setenv("SOURCE_DATE_EPOCH", "yesterday", TRUE);
	INT_EQ(warta_date_source_epoch(NULL), -1, "warta_date_source_epoch: not a number");
	g_unsetenv("SOURCE_DATE_EPOCH");
	INT_EQ(warta_date_source_epoch(&t), 0, "warta_date_source_epoch: not set");
	g_setenv("SOURCE_DATE_EPOCH", "1729814400", TRUE);
	s = warta_date_from_epoch(1729814400);
	STR_EQ(s, "2024-10-25", "warta_date_from_epoch");
	warta_free(s);
	OK(warta_date_from_epoch(WARTA_EPOCH_LIMIT + 1) == NULL, "warta_date_from_epoch: out of range");
	s = warta_lang_majority(tags, 4);
	STR_EQ(s, "en", "warta_lang_majority: most are English (en, EN: a tag in any case)");
	warta_free(s);
	s = warta_lang_majority(tie, 2);
	STR_EQ(s, "id", "warta_lang_majority: a tie goes to the first");
	warta_free(s);
	s = warta_version_components();
	OK(s && strstr(s, "Pango ") && strstr(s, "cairo ") && strstr(s, "libzip "),
	   "warta_version_components: %s", s ? s : "(null)");
	warta_free(s);
}

/* A worker that died without undoing its files: the temporary file of
 * an output it was writing goes; an earlier file it had set aside for a
 * target that is not in place is put back.  Another pid's are not touched. */
static void
test_cleanup_dead(void)
{
	pid_t pid = fork();
	char *tmp, *old, *other, *target, *kept = (char *)"x", *s;
	int n;

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	tmp = g_strdup_printf("%s/.a.pdf.%ld-new.Ab3xYz", dir, (long)pid);
	old = g_strdup_printf("%s/.b.pdf.%ld-old.Qw9eRt", dir, (long)pid);
	other = g_strdup_printf("%s/.c.pdf.%ld-new.Zx8cVb", dir, (long)pid + 1);
	target = path_in("b.pdf");
	put(tmp, "half a PDF");
	put(old, "the earlier b.pdf");
	put(other, "someone else's");
	n = warta_cleanup_dead(dir, (long)pid, &kept);
	s = slurp(target, NULL);
	OK(n == 2 && !g_file_test(tmp, G_FILE_TEST_EXISTS) && !g_file_test(old, G_FILE_TEST_EXISTS) &&
	   s && strcmp(s, "the earlier b.pdf") == 0 && g_file_test(other, G_FILE_TEST_EXISTS) &&
	   kept == NULL, "warta_cleanup_dead: %d undone, the earlier file back", n);
	g_free(s);
	g_unlink(other);
	g_unlink(target);
	g_free(tmp);
	g_free(old);
	g_free(other);
	g_free(target);
}

/* Last: the process is ending.  Nothing is left of an output being
 * written, and none is begun after. */
static void
test_cleanup(void)
{
	warta_messages *m = warta_messages_new();
	warta_json *j = warta_json_new(m);
	char *src = path_in("harbour.txt"), *out = path_in("late.json");
	warta_doc *doc = warta_read_file(src, NULL, 0, m);

	warta_cleanup_temporaries();
	OK(doc && warta_json_render(j, &doc, 1, out, m) == -1 && !g_file_test(out, G_FILE_TEST_EXISTS),
	   "after warta_cleanup_temporaries no output is made");
	warta_doc_free(doc);
	warta_json_free(j);
	g_free(src);
	g_free(out);
	warta_messages_free(m);
}

static void
test_messages(void)
{
	warta_messages *m = warta_messages_new();
	char *line;

	warta_messages_add(m, WARTA_MSG_WARNING, "f.txt", 3, 4, "odd %d", 5);
	line = warta_message_format(m, 0);
	STR_EQ(line, "warta: f.txt:3:4: warning: odd 5", "warta_messages_add: formatted as the library's");
	warta_free(line);
	for (int i = 0; i < 1001; i++)
		warta_messages_add(m, WARTA_MSG_WARNING, NULL, 0, 0, "again");
	INT_EQ((long)warta_messages_count(m), 1000, "a list keeps 1000 warnings");
	INT_EQ((long)warta_messages_dropped(m, WARTA_MSG_WARNING), 2, "warta_messages_dropped: the rest counted");
	INT_EQ((long)warta_messages_dropped(m, WARTA_MSG_ERROR), 0, "warta_messages_dropped: no errors");
	warta_messages_clear(m);
	OK(warta_messages_count(m) == 0 && warta_messages_dropped(m, WARTA_MSG_WARNING) == 0,
	   "warta_messages_clear empties the list");
	warta_messages_add(m, WARTA_MSG_ERROR, NULL, 0, 0, "bad");
	INT_EQ((long)warta_messages_errors(m), 1, "the list is usable after clear");
	warta_messages_free(m);
}

static const char article[] =
	"---\ntitle: Harbour reopens\nsource: Kompas\nsection: Nation\nstyle: no-such-style\n"
	"lang: en\ndate: 2024-10-20\n---\n\n"
	"The harbour opened again on Monday after the storm, and the first ships came in "
	"before noon with rice and fuel for the islands.\n\n"
	"Fishermen said the water was still rough beyond the breakwater.\n";

static void
test_docs(void)
{
	warta_messages *m = warta_messages_new();
	char *p = path_in("harbour.txt"), *name;
	warta_doc *doc;

	put(p, article);
	doc = warta_read_file(p, NULL, 0, m);
	OK(doc != NULL, "the article is read");
	if (doc) {
		STR_EQ(warta_doc_source(doc), "Kompas", "warta_doc_source");
		STR_EQ(warta_doc_path(doc), p, "warta_doc_path");
		STR_EQ(warta_doc_name(doc), "harbour", "warta_doc_name");
		STR_EQ(warta_doc_style(doc), "no-such-style", "warta_doc_style");
		INT_EQ(warta_doc_title_line(doc), 2, "warta_doc_title_line: the front matter's line");
		INT_EQ(warta_doc_missing_pictures(doc), 0, "warta_doc_missing_pictures: none named");
		warta_doc_set_title(doc, "Harbour open");
		STR_EQ(warta_doc_title(doc), "Harbour open", "warta_doc_set_title");
		warta_doc_set_group(doc, "Ports");
		warta_doc_free(doc);
	}
	name = warta_doc_name_of("a/b/2024-10-20.story.md");
	STR_EQ(name, "2024-10-20.story", "warta_doc_name_of");
	warta_free(name);
	put(p, "---\ntitle: T\nimage: nowhere.jpg\n---\n\nText of the article, long enough to read.\n");
	doc = warta_read_file(p, NULL, 0, m);
	OK(doc && warta_doc_missing_pictures(doc) == 1, "warta_doc_missing_pictures: a lead photo not had");
	warta_doc_free(doc);
	g_free(p);
	warta_messages_free(m);
}

/* Whether doc's tree (as JSON) holds text. */
static int
has_text(warta_doc *doc, const char *text)
{
	warta_json *j = warta_json_new(NULL);
	char *out = path_in("has.json"), *s;
	int hit;

	warta_json_render(j, &doc, 1, out, NULL);
	s = slurp(out, NULL);
	hit = s && strstr(s, text) != NULL;
	g_free(s);
	g_unlink(out);
	g_free(out);
	warta_json_free(j);
	return hit;
}

static void
test_reader(void)
{
	warta_messages *m = warta_messages_new();
	warta_reader *r = warta_reader_new();
	char *p = path_in("harbour.txt"), *yaml = path_in("meta.yaml"), *json = path_in("r.json"), *s;
	warta_json *j = warta_json_new(m);
	warta_doc *doc;

	put(p, article);
	put(yaml, "title: From the file\nkeywords: [storm, ships]\nauthor: Desk\n");
	INT_EQ(warta_reader_metadata_file(r, yaml, m), 0, "warta_reader_metadata_file");
	INT_EQ(warta_reader_add_metadata(r, "title", "From the option", WARTA_ORIGIN_OPTION, NULL, m), 0,
	       "warta_reader_add_metadata");
	INT_EQ(warta_reader_add_metadata(r, "titel", "x", WARTA_ORIGIN_OPTION, "-M titel=x", m), -1,
	       "warta_reader_add_metadata: an unknown key");
	OK(has_msg(m, WARTA_MSG_ERROR, "did you mean 'title'"), "… names the nearest key");
	INT_EQ(warta_reader_add_metadata(r, "date", "2024-13-01", WARTA_ORIGIN_OPTION, NULL, m), -1,
	       "warta_reader_add_metadata: not a date");
	STR_EQ(warta_reader_metadata(r, "title"), "From the option", "warta_reader_metadata: the last given");
	STR_EQ(warta_reader_metadata(r, "tags"), "storm, ships", "warta_reader_metadata: an alias, a list");
	put(yaml, "title: [a, b]\n");
	INT_EQ(warta_reader_metadata_file(r, yaml, m), -1, "warta_reader_metadata_file: a list for a title");
	OK(has_msg(m, WARTA_MSG_ERROR, "title: a value is text"), "… says so");
	warta_messages_clear(m);

	warta_reader_set_flags(r, WARTA_READ_KEEP_BOILERPLATE);
	warta_reader_set_lang(r, "id");
	doc = warta_reader_read(r, p, m);
	OK(doc != NULL, "warta_reader_read");
	if (doc) {
		STR_EQ(warta_doc_title(doc), "From the option", "the given title over the article's");
		STR_EQ(warta_doc_language(doc), "id", "warta_reader_set_lang over the front matter");
		warta_doc_set_group(doc, "Ports");
		warta_json_render(j, &doc, 1, json, m);
		s = slurp(json, NULL);
		OK(s && strstr(s, "\"group\": \"Ports\"") && strstr(s, "\"metadata-file\"") &&
		   strstr(s, "\"option\""), "the JSON tree: the group, and where each value came from");
		g_free(s);
		warta_doc_free(doc);
	}
	/* the style's boilerplate patterns are dropped; the flag keeps them */
	{
		char *st = path_in("boiler.style"), *art = path_in("boiler.txt");
		warta_style *style;
		warta_reader *b = warta_reader_new();

		put(st, "[boilerplate]\npatterns = ^Sponsored by .*$\n");
		put(art, "---\ntitle: Rain\n---\n\nIt rained all day in the city and the trains stopped.\n\n"
		    "Sponsored by Umbrella Co\n\nThe trains ran again in the evening.\n");
		style = warta_style_open(st, m);
		doc = warta_reader_read(b, art, m);
		OK(doc && has_text(doc, "Sponsored by"), "without the style, the line is kept");
		warta_doc_free(doc);
		warta_reader_set_style(b, style);
		doc = warta_reader_read(b, art, m);
		OK(doc && !has_text(doc, "Sponsored by"), "warta_reader_set_style: its pattern drops the line");
		warta_doc_free(doc);
		warta_reader_set_flags(b, WARTA_READ_KEEP_BOILERPLATE);
		doc = warta_reader_read(b, art, m);
		OK(doc && has_text(doc, "Sponsored by"), "warta_reader_set_flags: KEEP_BOILERPLATE keeps it");
		warta_doc_free(doc);
		warta_reader_free(b);
		warta_style_close(style);
		g_free(st);
		g_free(art);
	}
	warta_reader_set_limits(r, 64, 0);
	OK(warta_reader_read(r, p, m) == NULL && warta_messages_errors(m) > 0,
	   "warta_reader_set_limits: an input over max_bytes is refused");
	warta_reader_free(r);
	warta_json_free(j);
	g_free(p);
	g_free(yaml);
	g_free(json);
	warta_messages_free(m);
}

static void
test_styles(void)
{
	warta_messages *m = warta_messages_new();
	warta_style **list = warta_styles_list(m);
	int a4 = 0, i;

	for (i = 0; list && list[i]; i++) {
		if (strcmp(warta_style_name(list[i]), "a4") == 0)
			a4 = warta_style_description(list[i]) != NULL;
		warta_style_close(list[i]);
	}
	warta_free(list);
	OK(i >= 4 && a4, "warta_styles_list: %d styles, a4 among them with a description", i);
	list = NULL;
	{
		warta_style *s = warta_style_open("a4", m);
		char *bad = path_in("bad.style");

		INT_EQ(warta_style_check_fonts_set(s, m), 0, "warta_style_check_fonts_set: a4's fonts are in the set");
		warta_style_close(s);
		put(bad, "[body]\nfamily = No Such Family\n");
		s = warta_style_open(bad, m);
		OK(s && warta_style_check_fonts_set(s, m) == 1 && has_msg(m, WARTA_MSG_ERROR, "No Such Family"),
		   "warta_style_check_fonts_set: a family not in the set is an error");
		warta_style_close(s);
		g_free(bad);
	}
	warta_messages_free(m);
}

/* Renders docs[0..n) with p as kind to name in dir; the path. */
static char *
print_to(warta_print *p, warta_doc **docs, size_t n, enum warta_print_kind kind, const char *name,
         warta_messages *m)
{
	char *path = path_in(name);

	if (warta_print_render(p, docs, n, kind, path, m) != 0) {
		char *why = warta_messages_count(m) ? warta_message_format(m, warta_messages_count(m) - 1) : NULL;

		OK(0, "render %s: %s", name, why ? why : "");
		warta_free(why);
	}
	return path;
}

static void
test_print(void)
{
	warta_messages *m = warta_messages_new();
	warta_style *a4 = warta_style_open("a4", m), *paper = warta_style_open("newspaper", m);
	warta_print *p = warta_print_new(a4, m);
	char *src = path_in("harbour.txt"), *miss = path_in("miss.txt"), *x, *y, *x2, *rep;
	warta_doc *docs[2] = { NULL, NULL };

	if (!p) {
		OK(0, "warta_print_new");
		return;
	}
	put(src, article);
	docs[0] = warta_read_file(src, NULL, 0, m);
	docs[1] = warta_read_file(src, NULL, 0, m);

	/* the style of one render, then p's own again */
	x = print_to(p, docs, 1, WARTA_KIND_TRACE, "a4.trace", m);
	warta_print_set_style(p, paper);
	y = print_to(p, docs, 1, WARTA_KIND_TRACE, "paper.trace", m);
	OK(!same_file(x, y), "warta_print_set_style: another style, another layout");
	g_free(y);
	warta_print_set_style(p, NULL);
	y = print_to(p, docs, 1, WARTA_KIND_TRACE, "a4-again.trace", m);
	OK(same_file(x, y), "warta_print_set_style NULL: back to p's own");
	g_free(x);
	g_free(y);

	/* the report of the last render */
	OK(warta_print_report(p, "x.pdf", 0) == NULL, "no report unless asked for");
	warta_print_set_report(p, 1);
	x = print_to(p, docs, 1, WARTA_KIND_PDF, "r.pdf", m);
	rep = warta_print_report(p, "r.pdf", 0);
	OK(rep && g_str_has_prefix(rep, "warta: r.pdf: 1 page, ") && strstr(rep, " justified (mean word gap "),
	   "warta_print_report: %s", rep ? rep : "(null)");
	warta_free(rep);
	rep = warta_print_report(p, "r.pdf", 1);
	OK(rep && g_str_has_prefix(rep, "{\"output\":\"r.pdf\",\"pages\":1,") && g_str_has_suffix(rep, "}\n") && strstr(rep, "\"widows\":"),
	   "warta_print_report as JSON: %s", rep ? rep : "(null)");
	warta_free(rep);
	warta_print_set_report(p, 0);
	g_free(x);

	/* an edition: its number and language change the masthead */
	warta_print_set_edition(p, "Morning", "2024-10-25");
	x = print_to(p, docs, 2, WARTA_KIND_TRACE, "ed.trace", m);
	warta_print_set_edition_lang(p, "ar");
	y = print_to(p, docs, 2, WARTA_KIND_TRACE, "ed-ar.trace", m);
	OK(!same_file(x, y), "warta_print_set_edition_lang: an Arabic edition of English articles differs");
	g_free(y);
	warta_print_set_edition_lang(p, NULL);
	y = print_to(p, docs, 2, WARTA_KIND_TRACE, "ed-again.trace", m);
	OK(same_file(x, y), "warta_print_set_edition_lang NULL: the articles' language again");
	g_free(y);
	warta_print_set_threads(p, 2);
	y = print_to(p, docs, 2, WARTA_KIND_TRACE, "ed-2.trace", m);
	OK(same_file(x, y), "warta_print_set_threads 2: the same edition");
	g_free(y);
	y = print_to(p, docs, 2, WARTA_KIND_PDF, "ed-2.pdf", m);
	warta_print_set_threads(p, 1);
	x2 = print_to(p, docs, 2, WARTA_KIND_PDF, "ed-1.pdf", m);
	OK(same_file(x2, y), "warta_print_set_threads: the same PDF bytes from two threads as from one");
	g_free(x2);
	g_free(y);
	g_free(x);
	warta_print_set_style(p, paper);
	x = print_to(p, docs, 2, WARTA_KIND_TRACE, "np.trace", m);
	warta_print_set_edition_number(p, "XII/345");
	y = print_to(p, docs, 2, WARTA_KIND_TRACE, "np-no.trace", m);
	OK(!same_file(x, y), "warta_print_set_edition_number: the nameplate's edition line");
	g_free(x);
	g_free(y);
	warta_print_set_edition(p, NULL, NULL);
	warta_print_set_style(p, NULL);
	warta_doc_free(docs[0]);
	warta_doc_free(docs[1]);

	/* characters no font has: an error, or a warning for this print */
	put(miss, "---\ntitle: T\n---\n\nLinear A: \xF0\x90\x98\x80 and more text.\n");
	docs[0] = warta_read_file(miss, NULL, 0, m);
	warta_messages_clear(m);
	x = print_to(p, docs, 1, WARTA_KIND_PDF, "miss.pdf", m);
	OK(warta_messages_errors(m) == 1 && has_msg(m, WARTA_MSG_ERROR, "no font has a glyph"),
	   "a missing glyph is an error by default");
	g_free(x);
	warta_messages_clear(m);
	warta_print_set_missing_glyphs(p, 1);
	x = print_to(p, docs, 1, WARTA_KIND_PDF, "miss.pdf", m);
	OK(warta_messages_errors(m) == 0 && has_msg(m, WARTA_MSG_WARNING, "no font has a glyph"),
	   "warta_print_set_missing_glyphs: a warning for this print");
	g_free(x);
	/* an edition laid out in a second thread: its messages too */
	docs[1] = warta_read_file(miss, NULL, 0, m);
	warta_messages_clear(m);
	warta_print_set_edition(p, "Morning", "2024-10-25");
	warta_print_set_threads(p, 2);
	x = print_to(p, docs, 2, WARTA_KIND_PDF, "miss-ed.pdf", m);
	OK(warta_messages_errors(m) == 0 && has_msg(m, WARTA_MSG_WARNING, "no font has a glyph"),
	   "warta_print_set_missing_glyphs: warnings from an edition's second thread too");
	g_free(x);
	warta_print_set_missing_glyphs(p, 0);
	warta_messages_clear(m);
	x = print_to(p, docs, 2, WARTA_KIND_PDF, "miss-ed.pdf", m);
	INT_EQ((long)warta_messages_errors(m), 2, "… and errors again when p says so");
	g_free(x);
	warta_doc_free(docs[0]);
	warta_doc_free(docs[1]);

	warta_print_free(p);
	warta_style_close(a4);
	warta_style_close(paper);
	g_free(src);
	g_free(miss);
	warta_messages_free(m);
}

static char *
book(warta_epub *e, warta_doc **docs, size_t n, const char *name, warta_messages *m)
{
	char *path = path_in(name);

	if (warta_epub_render(e, docs, n, path, m) != 0)
		OK(0, "book %s", name);
	return path;
}

static void
test_epub(void)
{
	warta_messages *m = warta_messages_new();
	warta_style *a4 = warta_style_open("a4", m), *reader = warta_style_open("ereader", m);
	warta_print *p = warta_print_new(a4, m);
	warta_epub *e = warta_epub_new(a4, m), *f = warta_epub_new(a4, m);
	char *src = path_in("harbour.txt"), *x, *y;
	warta_doc *docs[2];

	put(src, article);
	docs[0] = warta_read_file(src, NULL, 0, m);
	docs[1] = warta_read_file(src, NULL, 0, m);
	x = book(e, docs, 1, "own.epub", m);
	warta_epub_share_fonts(f, p);
	y = book(f, docs, 1, "shared.epub", m);
	OK(same_file(x, y), "warta_epub_share_fonts: the print's font set makes the same book");
	g_free(y);
	warta_epub_set_style(f, reader);
	y = book(f, docs, 1, "reader.epub", m);
	OK(!same_file(x, y), "warta_epub_set_style: another style, another book");
	g_free(x);
	g_free(y);
	warta_epub_set_style(f, NULL);

	warta_epub_set_edition(f, "Morning", "2024-10-25");
	x = book(f, docs, 2, "ed.epub", m);
	warta_epub_set_edition_lang(f, "ar");
	y = book(f, docs, 2, "ed-ar.epub", m);
	OK(!same_file(x, y), "warta_epub_set_edition_lang: an Arabic edition differs");
	g_free(y);
	warta_epub_set_edition_lang(f, NULL);
	warta_epub_set_edition_publisher(f, "Harian Pagi");
	y = book(f, docs, 2, "ed-pub.epub", m);
	OK(!same_file(x, y), "warta_epub_set_edition_publisher: the publisher in the metadata");
	g_free(x);
	g_free(y);
	OK(warta_messages_errors(m) == 0, "no errors from the books");

	warta_doc_free(docs[0]);
	warta_doc_free(docs[1]);
	warta_epub_free(e);
	warta_epub_free(f);
	warta_print_free(p);
	warta_style_close(a4);
	warta_style_close(reader);
	g_free(src);
	warta_messages_free(m);
}

static void
cleanup(void)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d && (n = g_dir_read_name(d))) {
		char *p = path_in(n);

		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

static void
test_edit_distance(void)
{
	INT_EQ(warta_edit_distance("title", "title"), 0, "warta_edit_distance: the same name, 0");
	INT_EQ(warta_edit_distance("titel", "title"), 2, "two letters swapped: 2");
	INT_EQ(warta_edit_distance("author", "authors"), 1, "one letter added: 1");
	INT_EQ(warta_edit_distance("", "lang"), 4, "from nothing: the length");
	INT_EQ(warta_edit_distance("kitten", "sitting"), 3, "kitten, sitting: 3");
}

int
main(void)
{
	dir = g_dir_make_tmp("warta-api-XXXXXX", NULL);
	test_edit_distance();
	test_dates_langs();
	test_messages();
	test_docs();
	test_reader();
	test_styles();
	test_print();
	test_epub();
	test_cleanup_dead();
	test_cleanup();
	cleanup();
	return harness_done();
}
