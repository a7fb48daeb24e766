/* test_article.c — unit tests of the article reader's parts (src/article):
 * datelines, quotation marks per language, dashes and other typography,
 * dates per language, boilerplate lines, text hygiene and source positions,
 * shapes, numbered sections, JSON escaping, the run-length source map of
 * text nodes (run.c) and the positions it gives, and two threads reading at
 * once. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "article/article.h"
#include "article/reader.h"
#include "json/json.h"
#include "harness.h"
#include "util/clock.h"

/* ------------------------------------------------ helpers */

static struct warta_doc *
read_str(const char *text, const char *lang, struct warta_diags *d)
{
	struct warta_read_opts o = { 0 };

	o.lang = lang;
	return warta_article_read("t.txt", text, strlen(text), &o, d);
}

/* The first node of a type, pre-order. */
static struct warta_node *
find(struct warta_node *n, enum warta_node_type t)
{
	struct warta_node *c, *r;

	if (n->type == t)
		return n;
	for (c = n->first; c; c = c->next)
		if ((r = find(c, t)))
			return r;
	return NULL;
}

static int
count(const struct warta_node *n, enum warta_node_type t)
{
	const struct warta_node *c;
	int k = n->type == t;

	for (c = n->first; c; c = c->next)
		k += count(c, t);
	return k;
}

static int
has_message(struct warta_diags *d, const char *needle)
{
	guint i;

	for (i = 0; i < d->items->len; i++) {
		char *s = warta_diag_format(d->items->pdata[i]);
		int hit = strstr(s, needle) != NULL;

		g_free(s);
		if (hit)
			return 1;
	}
	return 0;
}

/* ------------------------------------------------ datelines */

static void
dateline_case(const char *text, const char *place, const char *agency, const char *rest)
{
	char *p = NULL, *a = NULL;
	size_t n = ar_dateline_match(text, &p, &a);
	char *msg = g_strdup_printf("dateline of \"%.30s\"", text);

	if (!place) {
		OK(n == 0 && !p && !a, "%s: none", msg);
	} else {
		STR_EQ(p, place, msg);
		STR_EQ(a, agency, msg);
		STR_EQ(text + n, rest, msg);
	}
	g_free(p);
	g_free(a);
	g_free(msg);
}

static void
datelines(void)
{
	dateline_case("JAKARTA - Korea Utara telah", "JAKARTA", NULL, "Korea Utara telah");
	dateline_case("SOLO \xE2\x80\x93 Wali kota", "SOLO", NULL, "Wali kota");
	dateline_case("jpnn.com, JAKARTA - Gubernur", "JAKARTA", "jpnn.com", "Gubernur");
	dateline_case("jatim.jpnn.com, SURABAYA - Kementerian", "SURABAYA", "jatim.jpnn.com", "Kementerian");
	dateline_case("Jakarta, Beritasatu.com - Dewan", "Jakarta", "Beritasatu.com", "Dewan");
	dateline_case("DUNNIGAN, Calif. \xE2\x80\x94 California Gov.", "DUNNIGAN, Calif.", NULL, "California Gov.");
	dateline_case("ST. PAUL, Minn. -- The Minnesota", "ST. PAUL, Minn.", NULL, "The Minnesota");
	dateline_case("Jakarta- Komedian Bedu", "Jakarta", NULL, "Komedian Bedu");
	dateline_case("JAKARTA (ANTARA) - Presiden", "JAKARTA", "ANTARA", "Presiden");
	/* not datelines */
	dateline_case("Korea Utara telah membangun - aliansi", NULL, NULL, NULL);
	dateline_case(".com - Pada sesi 1 pagi ini", NULL, NULL, NULL);
	dateline_case("\xE2\x80\x94  Orang kaya cenderung", NULL, NULL, NULL);
	dateline_case("Presiden Jokowi - yang hadir", NULL, NULL, NULL);
	dateline_case("Pemain tidak boleh memukul bola sebelum - nah", NULL, NULL, NULL);
	dateline_case("Rata-rata dunia - kata dia", NULL, NULL, NULL);
	dateline_case("JAKARTA -", NULL, NULL, NULL);
}

/* ------------------------------------------------ quotations */

/* Reads "BODY" in lang and returns the first quote node's marks and text. */
static void
quote_case(const char *body, const char *lang, const char *open, const char *close, const char *inner)
{
	struct warta_diags d;
	char *text = g_strdup_printf(" date 2024-01-01 T\n\n%s\n", body);
	struct warta_doc *doc;
	struct warta_node *q;
	char *msg = g_strdup_printf("quote in %s: %s", lang, body);

	warta_diags_init(&d);
	doc = read_str(text, lang, &d);
	q = doc ? find(doc->root, WARTA_NODE_QUOTE) : NULL;
	OK(q != NULL, "%s: a quote node", msg);
	if (q) {
		char *s = warta_node_plain_text(q);

		STR_EQ(q->as.quote.open, open, msg);
		STR_EQ(q->as.quote.close, close, msg);
		if (inner) {
			char *want = g_strconcat(open, inner, close, NULL);

			STR_EQ(s, want, msg);
			g_free(want);
		}
		g_free(s);
	}
	INT_EQ(d.counts[WARTA_WARNING], 0, msg);
	warta_doc_free(doc);
	warta_diags_fini(&d);
	g_free(text);
	g_free(msg);
}

static void
quotes(void)
{
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_node *q, *inner;
	char *s;

	quote_case("Dia berkata \"siap\" kemarin.", "id", "\xE2\x80\x9C", "\xE2\x80\x9D", "siap");
	quote_case("Dia bilang 'sudah biasa' saja.", "id", "\xE2\x80\x98", "\xE2\x80\x99", "sudah biasa");
	quote_case("He said \"yes\" today.", "en", "\xE2\x80\x9C", "\xE2\x80\x9D", "yes");
	quote_case("Dia berkata \"siap\" kemarin.", "ms", "\xE2\x80\x9C", "\xE2\x80\x9D", "siap");
	quote_case("Er sagte \"ja\" heute.", "de", "\xE2\x80\x9E", "\xE2\x80\x9C", "ja");
	quote_case("Er sagte 'ja' heute.", "de", "\xE2\x80\x9A", "\xE2\x80\x98", "ja");
	quote_case("Il a dit \"oui\" hier.", "fr", "\xC2\xAB\xE2\x80\xAF", "\xE2\x80\xAF\xC2\xBB", "oui");
	quote_case("Il a dit « oui » hier.", "fr", "\xC2\xAB\xE2\x80\xAF", "\xE2\x80\xAF\xC2\xBB", "oui");
	quote_case("他說\"好\"。", "zh", "\xE3\x80\x8C", "\xE3\x80\x8D", "好");
	quote_case("他說「好」。", "zh", "\xE3\x80\x8C", "\xE3\x80\x8D", "好");
	quote_case("قال \"نعم\" أمس", "ar", "\xC2\xAB", "\xC2\xBB", "نعم");
	quote_case("Dijo \"sí\" ayer.", "es", "\xC2\xAB", "\xC2\xBB", "sí");
	/* as written: curly and low-9 marks kept, whatever the language */
	quote_case("He said \xE2\x80\x9Cyes\xE2\x80\x9D today.", "en", "\xE2\x80\x9C", "\xE2\x80\x9D", "yes");
	quote_case("Er sagte \xE2\x80\x9Eja\xE2\x80\x9C heute.", "en", "\xE2\x80\x9E", "\xE2\x80\x9C", "ja");
	quote_case("Ditulis \xE2\x80\x9CKemitraan\" pada Juni.", "id", "\xE2\x80\x9C", "\xE2\x80\x9D", "Kemitraan");
	quote_case("\"Alhamdulillah, turun,\xE2\x80\x9D kata dia.", "id", "\xE2\x80\x9C", "\xE2\x80\x9D",
	           "Alhamdulillah, turun,");

	/* nesting: level and the inner marks */
	warta_diags_init(&d);
	doc = read_str(" date 2024-01-01 T\n\nHe said \"they told me 'wait' then\" and left.\n", "en", &d);
	q = find(doc->root, WARTA_NODE_QUOTE);
	inner = q ? find(q->first, WARTA_NODE_QUOTE) : NULL;
	if (!inner && q)
		for (struct warta_node *c = q->first; c; c = c->next)
			if (c->type == WARTA_NODE_QUOTE)
				inner = c;
	OK(q && inner, "nested quote found");
	if (q && inner) {
		INT_EQ(q->as.quote.level, 0, "outer quote level 0");
		INT_EQ(inner->as.quote.level, 1, "inner quote level 1");
		STR_EQ(inner->as.quote.open, "\xE2\x80\x98", "inner quote takes the secondary marks");
	}
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* unbalanced: a warning with the position; the text as written */
	warta_diags_init(&d);
	doc = read_str(" date 2024-01-01 T\n\nHe said \"never closed.\n", "en", &d);
	OK(doc && count(doc->root, WARTA_NODE_QUOTE) == 0, "unbalanced: no quote node");
	s = doc ? warta_node_plain_text(doc->root) : g_strdup("");
	STR_EQ(s, "He said \"never closed.", "unbalanced: the text stays as written");
	g_free(s);
	OK(has_message(&d, "t.txt:3:9: warning: unbalanced quotation mark \""), "unbalanced: warning at 3:9");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* apostrophes, and marks inside code spans untouched */
	warta_diags_init(&d);
	doc = read_str(" date 2024-01-01 T\n\nIt's the Qur'an, the dogs' bones and `\"code\" -- x`.\n", "en", &d);
	s = warta_node_plain_text(doc->root);
	STR_EQ(s, "It\xE2\x80\x99s the Qur\xE2\x80\x99" "an, the dogs\xE2\x80\x99 bones and \"code\" -- x.",
	       "apostrophes educated, code span untouched");
	g_free(s);
	INT_EQ(d.counts[WARTA_WARNING], 0, "apostrophes: no warning");
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* ------------------------------------------------ typography */

static void
smart(const char *in, const char *lang, const char *want)
{
	char *s = ar_smarten(in, lang);
	char *msg = g_strdup_printf("typography (%s) of \"%s\"", lang, in);

	STR_EQ(s, want, msg);
	g_free(s);
	g_free(msg);
}

static void
typography(void)
{
	smart("Perang Korea 1950-1953, lalu", "id", "Perang Korea 1950\xE2\x80\x93" "1953, lalu");
	smart("periode 2018 - 2023 merugikan", "id", "periode 2018 \xE2\x80\x93 2023 merugikan");
	smart("tinggi air - cukup untuk", "id", "tinggi air \xE2\x80\x94 cukup untuk");
	smart("yes--no and this---that", "en", "yes\xE2\x80\x94no and this\xE2\x80\x94that");
	smart("wait... what", "en", "wait\xE2\x80\xA6 what");
	smart("four dots....", "en", "four dots....");
	smart("tanggal 2024-10-25 dan COVID-19 serta 0812-3456-7890", "id",
	      "tanggal 2024-10-25 dan COVID-19 serta 0812-3456-7890");
	smart("negara - negara sahabat", "id", "negara - negara sahabat");
	smart("see https://example.com/a--b... or www.x.com/--", "en",
	      "see https://example.com/a--b... or www.x.com/--");
	smart("don't 'quote' \"double\"", "en",
	      "don\xE2\x80\x99t \xE2\x80\x98quote\xE2\x80\x99 \xE2\x80\x9C" "double\xE2\x80\x9D");
	smart("Quoi ? Oui! Non : peut-\xC3\xAAtre; 10:30", "fr",
	      "Quoi\xE2\x80\xAF? Oui\xE2\x80\xAF! Non\xC2\xA0: peut-\xC3\xAAtre\xE2\x80\xAF; 10:30");
	smart("Oui! Non: stop", "en", "Oui! Non: stop");
	smart("\"ja\" und 'nein'", "de", "\xE2\x80\x9Eja\xE2\x80\x9C und \xE2\x80\x9Anein\xE2\x80\x98");
}

/* ------------------------------------------------ dates */

static void
date_case(const char *lang, const char *want)
{
	char *s = warta_date_format("2024-10-25", lang);
	char *msg = g_strdup_printf("date in %s", lang);

	STR_EQ(s, want, msg);
	g_free(s);
	g_free(msg);
}

/* One thread's share of dates_threads: 300 new dates of year (2000 +
 * GPOINTER_TO_INT(data)) in Indonesian; the number that are not a full
 * Indonesian date of that year. */
static gpointer
dates_thread(gpointer data)
{
	static const char *const days[] = { "Senin, ", "Selasa, ", "Rabu, ", "Kamis, ", "Jumat, ",
		"Sabtu, ", "Minggu, " };
	int year = 2000 + GPOINTER_TO_INT(data), bad = 0;

	for (int i = 0; i < 300; i++) {
		char iso[16], tail[8];
		char *s;
		int ok = 0;

		g_snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, 1 + i % 12, 1 + i / 12);
		g_snprintf(tail, sizeof tail, " %04d", year);
		s = warta_date_format(iso, "id");
		for (size_t k = 0; s && k < G_N_ELEMENTS(days); k++)
			ok |= g_str_has_prefix(s, days[k]);
		bad += !ok || !g_str_has_suffix(s, tail);
		g_free(s);
	}
	return GINT_TO_POINTER(bad);
}

/* Two threads lay out an edition's articles, each formatting its dates
 * with the same kept ICU format (used under its lock). */
static void
dates_threads(void)
{
	GThread *a = g_thread_new("dates-a", dates_thread, GINT_TO_POINTER(11));
	GThread *b = g_thread_new("dates-b", dates_thread, GINT_TO_POINTER(12));
	int bad = GPOINTER_TO_INT(g_thread_join(a)) + GPOINTER_TO_INT(g_thread_join(b));

	OK(bad == 0, "two threads formatting 300 new dates each in one language: every one a full date "
	   "(%d not)", bad);
}

/* One thread's share of parse_threads: reads the same article 60 times and
 * counts the reads that lost a bare URL's link or a struck-out span. */
static gpointer
parse_thread(gpointer data)
{
	const char *text = data;
	int bad = 0;

	for (int k = 0; k < 60; k++) {
		struct warta_diags d;
		struct warta_doc *doc;
		struct warta_walk w;
		struct warta_node *n;
		enum warta_walk_event ev;
		int links = 0, struck = 0;

		warta_diags_init(&d);
		doc = read_str(text, "en", &d);
		if (doc) {
			warta_walk_init(&w, doc->root);
			while ((ev = warta_walk_next(&w, &n)) != WARTA_WALK_DONE) {
				links += ev == WARTA_WALK_ENTER && n->type == WARTA_NODE_LINK && n->as.link.active;
				struck += ev == WARTA_WALK_ENTER && n->type == WARTA_NODE_STRIKETHROUGH;
			}
			warta_doc_free(doc);
		}
		warta_diags_fini(&d);
		bad += links != 150 || struck != 150;
	}
	return GINT_TO_POINTER(bad);
}

/* Two threads read articles at once, as the reader's pool of an edition
 * does: every bare URL is a link and every ~~span~~ struck out in every
 * read (cmark-gfm shares its extensions' trigger characters between
 * parsers: read.c parses one at a time). */
static void
parse_threads(void)
{
	GString *t = g_string_new(" date 2024-10-25 Links read in two threads\n\n");
	GThread *a, *b;
	int bad;

	for (int i = 0; i < 150; i++)
		g_string_append_printf(t, "Paragraph %d cites https://example.com/page/%d and ~~an old~~ "
		    "a new figure, with more words after it to read.\n\n", i, i);
	a = g_thread_new("parse-a", parse_thread, t->str);
	b = g_thread_new("parse-b", parse_thread, t->str);
	bad = GPOINTER_TO_INT(g_thread_join(a)) + GPOINTER_TO_INT(g_thread_join(b));
	OK(bad == 0, "two threads reading an article with 150 bare URLs and 150 struck-out spans "
	   "60 times each: every read has them all (%d reads did not)", bad);
	g_string_free(t, TRUE);
}

static void
dates(void)
{
	char *s;
	int i, bad;

	date_case("id", "Jumat, 25 Oktober 2024");
	date_case("en", "Friday, October 25, 2024");
	date_case("en-GB", "Friday, 25 October 2024");
	date_case("ms", "Jumaat, 25 Oktober 2024");
	date_case("de", "Freitag, 25. Oktober 2024");
	date_case("fr", "vendredi 25 octobre 2024");
	date_case("es", "viernes, 25 de octubre de 2024");
	date_case("pt", "sexta-feira, 25 de outubro de 2024");
	date_case("nl", "vrijdag 25 oktober 2024");
	date_case("it", "venerdì 25 ottobre 2024");
	date_case("ar", "الجمعة، 25 أكتوبر 2024");
	date_case("zh", "2024年10月25日星期五");
	date_case("zh-Hant-TW", "2024年10月25日 星期五");
	date_case("ja", "2024年10月25日金曜日");
	date_case("ru", "пятница, 25 октября 2024\xE2\x80\xAFг.");
	date_case("fa", "جمعه ۲۵ اکتبر ۲۰۲۴");
	date_case("ar-u-nu-arab", "الجمعة، ٢٥ أكتوبر ٢٠٢٤");
	date_case("id-ID", "Jumat, 25 Oktober 2024");
	date_case("xx", "Friday, October 25, 2024");
	s = warta_date_format("2024-11-01", "fr");
	STR_EQ(s, "vendredi 1er novembre 2024", "French first of the month");
	g_free(s);
	s = warta_date_format("2024-11-02", "fr");
	STR_EQ(s, "samedi 2 novembre 2024", "French: the second of the month after the first, no 'er'");
	g_free(s);
	s = warta_date_format("2024-03-01", "id");
	STR_EQ(s, "Jumat, 1 Maret 2024", "Indonesian: the day without a leading zero");
	g_free(s);
	s = warta_date_format("2024-02-29", "en");
	STR_EQ(s, "Thursday, February 29, 2024", "leap day");
	g_free(s);
	s = warta_date_format("2023-02-29", "en");
	OK(s == NULL, "no 29 February in 2023");
	g_free(s);
	s = warta_date_format("25/10/2024", "en");
	OK(s == NULL, "not ISO: NULL");
	g_free(s);
	/* a date is formatted once per language: an edition formats its
	 * date on every page's running head */
	warta_clock = (struct warta_clock){ 0 };
	warta_clock.on = 1;
	for (i = 0, bad = 0; i < 50; i++) {
		s = warta_date_format(i % 2 ? "2024-10-25" : "2024-12-07", "id");
		bad += g_strcmp0(s, i % 2 ? "Jumat, 25 Oktober 2024" : "Sabtu, 7 Desember 2024") != 0;
		g_free(s);
	}
	warta_clock.on = 0;
	OK(bad == 0, "the same dates formatted again and again: the same text");
	OK(warta_clock.count[WARTA_COUNT_DATE_FORMATS] == 0,
	   "50 dates formatted in a language formatted before: no ICU date format made (%lld)",
	   warta_clock.count[WARTA_COUNT_DATE_FORMATS]);
	/* a language's pattern is made once: each article of an edition has
	 * its own date */
	warta_clock = (struct warta_clock){ 0 };
	warta_clock.on = 1;
	s = warta_date_format("2021-02-03", "id");
	bad = g_strcmp0(s, "Rabu, 3 Februari 2021") != 0;
	g_free(s);
	s = warta_date_format("2021-04-05", "id");
	bad += g_strcmp0(s, "Senin, 5 April 2021") != 0;
	g_free(s);
	s = warta_date_format("2021-02-03", "sv");
	bad += g_strcmp0(s, "onsdag 3 februari 2021") != 0;
	g_free(s);
	s = warta_date_format("2021-04-05", "sv");
	bad += g_strcmp0(s, "m\xc3\xa5ndag 5 april 2021") != 0;
	g_free(s);
	warta_clock.on = 0;
	OK(bad == 0, "new dates in Indonesian and Swedish: their full dates");
	OK(warta_clock.count[WARTA_COUNT_DATE_FORMATS] == 1 && warta_clock.count[WARTA_COUNT_DATE_PATTERNS] == 1,
	   "4 new dates in a language seen and one not: one ICU format and one pattern made, the new "
	   "language's (%lld, %lld)",
	   warta_clock.count[WARTA_COUNT_DATE_FORMATS], warta_clock.count[WARTA_COUNT_DATE_PATTERNS]);
	dates_threads();
	OK(warta_lang_is_rtl("ar") && warta_lang_is_rtl("fa-IR") && !warta_lang_is_rtl("id") &&
	   !warta_lang_is_rtl(NULL), "right-to-left languages");
}

/* ------------------------------------------------ boilerplate */

static void
boilerplate(void)
{
	struct warta_diags d;
	const char *extra[] = { "Lihat juga:.*", NULL };
	struct ar_boiler *b;
	struct warta_doc *doc;
	struct warta_read_opts o = { 0 };
	const char *text = " date 2024-01-01 T\n\nSatu.\n\nSCROLL TO CONTINUE WITH CONTENT\n\n"
	                   "Lihat juga: lainnya\n\nDua.\n";
	char *s;

	warta_diags_init(&d);
	b = ar_boiler_new(extra, &d, "t");
	OK(ar_boiler_match(b, "SCROLL TO CONTINUE WITH CONTENT", 31), "SCROLL TO CONTINUE");
	OK(ar_boiler_match(b, "  Advertisement ", 16), "Advertisement, spaces around");
	OK(ar_boiler_match(b, "\xE5\xBB\xA3\xE5\x91\x8A", 6), "廣告");
	OK(ar_boiler_match(b, "Simak juga Video: apa saja", 26), "Simak juga Video:");
	OK(ar_boiler_match(b, "Simak Video: Mari", 17), "Simak Video:");
	OK(ar_boiler_match(b, "Baca juga : Jokowi", 18), "Baca juga :");
	OK(ar_boiler_match(b, "Baca juga: Jokowi", 17), "Baca juga:");
	OK(ar_boiler_match(b, "// \xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD9\x89 //", 16), "// انتهى //");
	OK(ar_boiler_match(b, "Lihat juga: x", 13), "a pattern from the style");
	OK(!ar_boiler_match(b, "Paragraf yang menyebut Baca juga: di tengah.", 44),
	   "a sentence that mentions it");
	OK(!ar_boiler_match(b, "Iklan rokok dilarang di televisi.", 33), "a sentence about advertising");
	OK(!ar_boiler_match(b, "Simak videonya berikut ini", 26), "Simak videonya is text");
	ar_boiler_free(b);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	o.boilerplate = extra;
	doc = warta_article_read("t.txt", text, strlen(text), &o, &d);
	s = warta_node_plain_text(doc->root);
	STR_EQ(s, "Satu.Dua.", "dropped lines");
	g_free(s);
	OK(has_message(&d, "t.txt:5:1: note: boilerplate line dropped: SCROLL TO CONTINUE WITH CONTENT"),
	   "a note per dropped line");
	INT_EQ(d.counts[WARTA_NOTE], 2, "two notes");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	o.keep_boilerplate = 1;
	doc = warta_article_read("t.txt", text, strlen(text), &o, &d);
	INT_EQ(count(doc->root, WARTA_NODE_PARAGRAPH), 4, "--keep-boilerplate keeps them");
	INT_EQ(d.counts[WARTA_NOTE], 0, "and says nothing");
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* ------------------------------------------------ hygiene and positions */

static void
hygiene(void)
{
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_read_opts o = { 0 };
	struct warta_node *t;
	GString *big;
	char *s;
	int i;
	const char bad[] = " date 2024-01-01 T\n\nAb \xFF\xFE cd\n";
	const char ctl[] = " date 2024-01-01 T\r\n\r\nA\x01" "B\xC2\x85" "C\xC2\x9F" "D\x7F" "E\r\n";

	warta_diags_init(&d);
	doc = warta_article_read("t.txt", bad, sizeof(bad) - 1, &o, &d);
	OK(doc == NULL, "invalid UTF-8 is an error");
	OK(has_message(&d, "t.txt:3:4: error: invalid UTF-8"), "the error names line and column");
	warta_diags_fini(&d);

	warta_diags_init(&d);
	o.repair = 1;
	doc = warta_article_read("t.txt", bad, sizeof(bad) - 1, &o, &d);
	s = doc ? warta_node_plain_text(doc->root) : g_strdup("");
	STR_EQ(s, "Ab \xEF\xBF\xBD cd", "--repair: one U+FFFD for the invalid sequence");
	g_free(s);
	OK(has_message(&d, "t.txt:3:4: warning: invalid UTF-8"), "--repair: a warning instead");
	warta_doc_free(doc);
	warta_diags_fini(&d);
	o.repair = 0;

	warta_diags_init(&d);
	doc = warta_article_read("t.txt", ctl, sizeof(ctl) - 1, &o, &d);
	s = doc ? warta_node_plain_text(doc->root) : g_strdup("");
	STR_EQ(s, "ABCDE", "controls removed, CRLF read");
	g_free(s);
	INT_EQ(d.counts[WARTA_WARNING], 1, "one warning for the line");
	OK(has_message(&d, "t.txt:3:2: warning: 4 control characters removed on this line (first U+0001)"),
	   "the warning counts them and names the first");
	t = doc ? find(doc->root, WARTA_NODE_TEXT) : NULL;
	OK(t && t->line == 3 && t->col == 1 && t->end_line == 3 && t->end_col == 9,
	   "positions count the removed characters (3:1-3:9)");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* NUL inside, and the kept invisible characters */
	warta_diags_init(&d);
	doc = warta_article_read("t.txt", " date 2024-01-01 T\n\nx\0y\xE2\x80\x8Bz\xC2\xA0w\xE2\x80\x8F.\n", 35,
	                         &o, &d);
	s = doc ? warta_node_plain_text(doc->root) : g_strdup("");
	STR_EQ(s, "xy\xE2\x80\x8Bz\xC2\xA0w\xE2\x80\x8F.", "NUL removed; ZWSP, NBSP, RLM kept");
	g_free(s);
	OK(has_message(&d, "t.txt:3:2: warning: control character U+0000 removed"), "NUL: warning at 3:2");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* the size limit */
	warta_diags_init(&d);
	o.max_bytes = 10;
	doc = warta_article_read("t.txt", bad, sizeof(bad) - 1, &o, &d);
	OK(doc == NULL && has_message(&d, "more than the limit"), "input larger than max_bytes: error");
	warta_diags_fini(&d);
	o.max_bytes = 0;

	/* a pathological input reads (linear passes, depth capped) */
	big = g_string_new(" date 2024-01-01 T\n\n");
	for (i = 0; i < 20000; i++)
		g_string_append(big, "> ");
	g_string_append(big, "x\n\n");
	for (i = 0; i < 20000; i++)
		g_string_append(big, "\"a '");
	g_string_append_c(big, '\n');
	warta_diags_init(&d);
	doc = warta_article_read("t.txt", big->str, big->len, &o, &d);
	OK(doc != NULL, "20000 nested block quotes and quote marks read");
	OK(has_message(&d, "nesting deeper than"), "nesting is capped with a warning");
	warta_doc_free(doc);
	warta_diags_fini(&d);
	g_string_free(big, TRUE);
}

/* ------------------------------------------------ source map of text (run.c) */

/* Whether run r maps byte i to model[i] for every byte. */
static int
run_matches(const struct ar_run *r, const GArray *model)
{
	guint i;

	if (r->len != model->len)
		return 0;
	for (i = 0; i < model->len; i++)
		if (ar_run_off(r, i) != g_array_index(model, guint32, i))
			return 0;
	return 1;
}

static void
model_push(GArray *m, guint32 off, guint32 n)
{
	guint32 k;

	for (k = 0; k < n; k++) {
		guint32 v = off + k;

		g_array_append_val(m, v);
	}
}

static void
run_map(void)
{
	struct ar_run *r = ar_run_new(), *s, *s2, *u;
	GArray *m, *m2;
	GRand *rnd;
	int i, bad = 0, anchors = 0;

	INT_EQ((long)ar_run_off(r, 0), -1, "empty run: no offset");
	ar_run_push_n(r, 100, 10);          /* a line of plain text */
	ar_run_push(r, 110);                /* continues it */
	INT_EQ(r->n, 1, "contiguous bytes: one anchor");
	INT_EQ(r->len, 11, "11 bytes mapped");
	INT_EQ((long)ar_run_off(r, 0), 100, "byte 0");
	INT_EQ((long)ar_run_off(r, 10), 110, "byte 10");
	INT_EQ((long)ar_run_off(r, 50), 110, "past the end: the last byte");
	for (i = 0; i < 3; i++)             /* "’" for "'" at 111: 3 bytes, one source */
		ar_run_push(r, 111);
	ar_run_push_n(r, 112, 4);           /* the text after it */
	INT_EQ(r->n, 3, "a 1 → 3 byte replacement adds two anchors");
	INT_EQ((long)ar_run_off(r, 11), 111, "replacement byte 1");
	INT_EQ((long)ar_run_off(r, 13), 111, "replacement byte 3");
	INT_EQ((long)ar_run_off(r, 14), 112, "after the replacement");
	ar_run_push_n(r, 200, 2);           /* a dropped line: a jump */
	INT_EQ(r->n, 4, "a jump adds an anchor");
	INT_EQ((long)ar_run_off(r, 18), 200, "after the jump");
	s = ar_run_slice(r, 12, 16);
	INT_EQ(s->len, 4, "slice: 4 bytes");
	INT_EQ((long)ar_run_off(s, 0), 111, "slice starts inside the replacement");
	INT_EQ((long)ar_run_off(s, 2), 112, "slice byte 2");
	INT_EQ((long)ar_run_off(s, 3), 113, "slice byte 3");
	u = ar_run_slice(r, 0, 5);
	s2 = ar_run_slice(r, 5, 11);
	ar_run_append(u, s2);
	INT_EQ(u->n, 1, "two slices of one line, appended: one anchor again");
	INT_EQ((long)ar_run_off(u, 10), 110, "appended byte 10");
	ar_run_free(s2);
	ar_run_free(u);
	ar_run_cut(r, 11, 14);              /* the replacement dropped */
	INT_EQ(r->len, 17, "cut: 3 bytes fewer");
	INT_EQ((long)ar_run_off(r, 11), 112, "cut: the bytes after it moved up");
	INT_EQ((long)ar_run_off(r, 16), 201, "cut: the last byte");
	ar_run_free(s);
	ar_run_free(r);
	r = ar_run_new();
	ar_run_push_n(r, 0, 5);
	ar_run_push(r, 2);                  /* an inserted byte */
	ar_run_push_n(r, 5, 5);
	INT_EQ(r->n, 3, "an inserted byte: three anchors");
	ar_run_cut(r, 5, 6);
	INT_EQ(r->n, 1, "cut out again: the runs on both sides merge into one");
	INT_EQ((long)ar_run_off(r, 9), 9, "and map as before");
	ar_run_free(r);

	/* against a plain array per byte: random pushes, slices, appends, cuts */
	rnd = g_rand_new_with_seed(7);
	for (i = 0; i < 2000; i++) {
		guint32 off = 0;
		int k, steps = g_rand_int_range(rnd, 1, 12);

		r = ar_run_new();
		m = g_array_new(FALSE, FALSE, sizeof(guint32));
		for (k = 0; k < steps; k++) {
			guint32 n = (guint32)g_rand_int_range(rnd, 1, 6);

			switch (g_rand_int_range(rnd, 0, 3)) {
			case 0:                 /* continues */
				break;
			case 1:                 /* jumps ahead */
				off += (guint32)g_rand_int_range(rnd, 1, 40);
				break;
			default:                /* one source byte for n bytes */
				for (guint32 q = 0; q < n; q++) {
					ar_run_push(r, off);
					model_push(m, off, 1);
				}
				off++;
				continue;
			}
			ar_run_push_n(r, off, n);
			model_push(m, off, n);
			off += n;
		}
		bad += !run_matches(r, m);
		anchors += (int)r->n;
		if (m->len > 1) {
			guint32 a = (guint32)g_rand_int_range(rnd, 0, (gint32)m->len);
			guint32 b = (guint32)g_rand_int_range(rnd, (gint32)a + 1, (gint32)m->len + 1);

			s = ar_run_slice(r, a, b);
			m2 = g_array_new(FALSE, FALSE, sizeof(guint32));
			g_array_append_vals(m2, &g_array_index(m, guint32, a), b - a);
			bad += !run_matches(s, m2);
			ar_run_append(s, r);     /* slice + whole */
			g_array_append_vals(m2, m->data, m->len);
			bad += !run_matches(s, m2);
			ar_run_cut(r, a, b);
			g_array_remove_range(m, a, b - a);
			bad += !run_matches(r, m);
			g_array_free(m2, TRUE);
			ar_run_free(s);
		}
		ar_run_free(r);
		g_array_free(m, TRUE);
	}
	g_rand_free(rnd);
	INT_EQ(bad, 0, "2000 random runs: every byte maps as in a per-byte array");
	OK(anchors > 2000, "the random runs had anchors to search (%d)", anchors);
}

/* "L:C-L:C" of a node (static buffer). */
static const char *
pos(const struct warta_node *n)
{
	static char buf[64];

	if (!n)
		return "(none)";
	g_snprintf(buf, sizeof buf, "%d:%d-%d:%d", n->line, n->col, n->end_line, n->end_col);
	return buf;
}

/* The n-th (0-based) node of a type, pre-order. */
static struct warta_node *
nth(struct warta_node *root, enum warta_node_type t, int k)
{
	struct warta_node *n;

	for (n = root; n; n = warta_node_next(n, root))
		if (n->type == t && k-- == 0)
			return n;
	return NULL;
}

/* A body of blocks repeated many times, with invalid bytes (repaired) and
 * control characters, where cmark's inline columns cannot be matched (found
 * by fuzz_reader): every text node stays on the lines of its block, not on
 * a later copy of the same words (the reader's search for a text stops at
 * the end of its block). */
static void
positions_repeated_blocks(void)
{
	const char *root = g_getenv("ROOT") ? g_getenv("ROOT") : ".";
	char *path = g_build_filename(root, "tests/fuzz/regressions/reader-positions-repeated-blocks.txt", NULL);
	struct warta_read_opts o = { 0 };
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_node *n, *b;
	int texts = 0, outside = 0;

	o.repair = 1;
	warta_diags_init(&d);
	doc = warta_article_read_file(path, &o, &d);
	OK(doc != NULL, "%s is read", path);
	for (n = doc ? doc->root : NULL; n; n = warta_node_next(n, doc->root)) {
		if (n->type != WARTA_NODE_TEXT)
			continue;
		for (b = n->parent; b && !warta_node_is_block(b); b = b->parent)
			;
		if (!b || b == doc->root)
			continue;
		texts++;
		if (n->line < b->line || n->line > b->end_line) {
			if (!outside)
				fprintf(stderr, "#   text at %d:%d outside its block %d-%d\n", n->line, n->col,
				    b->line, b->end_line);
			outside++;
		}
	}
	OK(texts > 50 && outside == 0, "repeated blocks: %d text nodes, %d outside their block's lines",
	    texts, outside);
	warta_doc_free(doc);
	warta_diags_fini(&d);
	g_free(path);
}

static void
run_positions(void)
{
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_read_opts o = { 0 };
	/* a BOM, CRLF, a multi-byte letter inside quotes, an entity, an escape,
	 * a dash, a removed control, an apostrophe, a tab, an ellipsis; then a
	 * dateline (a slice of the first text) and a numbered heading */
	const char in[] = "\xEF\xBB\xBF date 2024-01-01 T\r\n\r\n"
	                  "Kata \"\xC3\xA9" "a\" caf&eacute; b\\*c -- d\x01" "e it's\r\n"
	                  "line\tdua \xC3\xA9 ...\r\n\r\n"
	                  "## 2. Dua \xC3\xA9\r\n";
	const char dl[] = " date 2024-01-01 T\n\nJAKARTA - Isi \xC3\xA9t\xC3\xA9.\n";
	const char fr[] = " date 2024-01-01 T\n\nIl dit \xC2\xAB bonjour \xC2\xBB ici.\n";
	struct warta_node *n;

	warta_diags_init(&d);
	o.lang = "id";
	doc = warta_article_read("t.txt", in, sizeof(in) - 1, &o, &d);
	OK(doc != NULL, "the mixed input reads");
	if (doc) {
		STR_EQ(pos(nth(doc->root, WARTA_NODE_TEXT, 0)), "3:1-3:5", "text before the quote");
		STR_EQ(pos(nth(doc->root, WARTA_NODE_QUOTE, 0)), "3:6-3:9", "quote with a 2-byte letter");
		STR_EQ(pos(nth(doc->root, WARTA_NODE_TEXT, 1)), "3:7-3:8", "inside the quote");
		n = nth(doc->root, WARTA_NODE_TEXT, 2);
		STR_EQ(n ? n->text : "", " caf\xC3\xA9 b*c \xE2\x80\x94 de it\xE2\x80\x99s",
		       "entity, escape, dash, control, apostrophe");
		STR_EQ(pos(n), "3:10-3:38", "its end counts the entity, the escape and the removed control");
		STR_EQ(pos(nth(doc->root, WARTA_NODE_SOFTBREAK, 0)), "3:39-3:39", "the line end (CR)");
		n = nth(doc->root, WARTA_NODE_TEXT, 3);
		STR_EQ(n ? n->text : "", "line dua \xC3\xA9 \xE2\x80\xA6", "a tab is a space, ellipsis");
		STR_EQ(pos(n), "4:1-4:12", "the ellipsis ends at its first dot");
		n = nth(doc->root, WARTA_NODE_HEADING, 0);
		STR_EQ(n ? n->as.heading.number : "", "2", "heading number moved out");
		STR_EQ(pos(nth(doc->root, WARTA_NODE_TEXT, 4)), "6:7-6:11", "heading text after the number");
	}
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* columns count characters across the 64-byte blocks of the index:
	 * 100 characters of 2 and 3 bytes, then a quote, then a control */
	{
		GString *l = g_string_new(" date 2024-01-01 T\r\n\r\n");
		int k;

		for (k = 0; k < 50; k++)
			g_string_append(l, "\xC3\xA9\xE4\xB8\xAD");
		g_string_append(l, " \"x\" ");
		for (k = 0; k < 30; k++)
			g_string_append(l, "\xC3\xA9");
		g_string_append(l, "\x01 y\r\n");
		warta_diags_init(&d);
		doc = warta_article_read("t.txt", l->str, l->len, &o, &d);
		STR_EQ(pos(doc ? nth(doc->root, WARTA_NODE_QUOTE, 0) : NULL), "3:102-3:104",
		       "a quote after 100 multi-byte characters (250 bytes)");
		/* (the text after the quote: its Han letters before it are
		 * runs of their own language, runlang.c) */
		STR_EQ(pos(doc && nth(doc->root, WARTA_NODE_QUOTE, 0) ? nth(doc->root, WARTA_NODE_QUOTE, 0)->next
		           : NULL), "3:105-3:138", "the text after it, past a removed control");
		OK(has_message(&d, "t.txt:3:136: warning: control character U+0001 removed"),
		   "the control's column");
		warta_doc_free(doc);
		warta_diags_fini(&d);
		g_string_free(l, TRUE);
	}

	warta_diags_init(&d);
	doc = warta_article_read("t.txt", dl, sizeof(dl) - 1, &o, &d);
	n = doc ? nth(doc->root, WARTA_NODE_DATELINE, 0) : NULL;
	STR_EQ(pos(n), "3:1-3:9", "dateline \"JAKARTA -\"");
	STR_EQ(pos(doc ? nth(doc->root, WARTA_NODE_TEXT, 0) : NULL), "3:11-3:18", "the text after it (a slice)");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	o.lang = "fr";
	doc = warta_article_read("t.txt", fr, sizeof(fr) - 1, &o, &d);
	n = doc ? nth(doc->root, WARTA_NODE_QUOTE, 0) : NULL;
	STR_EQ(n && n->first ? n->first->text : "", "bonjour", "guillemets: the inner spaces cut");
	STR_EQ(pos(n ? n->first : NULL), "3:10-3:16", "the cut text keeps its place");
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* Reads in whole and in chunks cut at every chance after 3000 bytes
 * (ar_chunk_bytes); 1 when both give the same JSON and as many messages.
 * *cut gets the chunked tree. */
static int
same_in_chunks(const GString *in, struct warta_doc **cut)
{
	struct warta_read_opts o = { 0 };
	struct warta_diags d1, d2;
	struct warta_doc *whole;
	GString *j1 = g_string_new(NULL), *j2 = g_string_new(NULL);
	size_t saved = ar_chunk_bytes;
	int same;

	o.lang = "id";
	warta_diags_init(&d1);
	warta_diags_init(&d2);
	ar_chunk_bytes = G_MAXSIZE;
	whole = warta_article_read("t.txt", in->str, in->len, &o, &d1);
	ar_chunk_bytes = 1;
	*cut = warta_article_read("t.txt", in->str, in->len, &o, &d2);
	ar_chunk_bytes = saved;
	if (whole)
		warta_json_write(whole, j1);
	if (*cut)
		warta_json_write(*cut, j2);
	same = whole && *cut && strcmp(j1->str, j2->str) == 0 && d1.items->len == d2.items->len;
	warta_doc_free(whole);
	warta_diags_fini(&d1);
	warta_diags_fini(&d2);
	g_string_free(j1, TRUE);
	g_string_free(j2, TRUE);
	return same;
}

/* A long body read in chunks makes the tree it makes read whole.  The unit
 * puts blank lines followed by text at the margin inside fenced code, and
 * blank lines before lines that continue a list, a quotation or indented
 * code; each copy is followed by a paragraph of its own length, so the
 * cuts fall at a different place of the unit each time. */
static void
chunks(void)
{
	static const char unit[] =
	    "Paragraf pertama dengan \"kutipan yang\nberlanjut\" dan *penekanan\nlintas baris* \xC3\xA9.\n\n"
	    "- butir satu yang cukup panjang untuk diberi tempat di antara potongan\n\n"
	    "- butir dua yang juga cukup panjang untuk diberi tempat di antara potongan\n\n"
	    "  lanjutan butir dua\n\nTeks setelah daftar.\n\n"
	    "1. satu\n\n2. dua\n\nAntara.\n\n3. tiga\n\n"
	    "```\nkode yang panjang, baris demi baris, agar potongan sering jatuh di sini;\n"
	    "kode yang panjang, baris demi baris, agar potongan sering jatuh di sini;\n"
	    "kode yang panjang, baris demi baris, agar potongan sering jatuh di sini;\n"
	    "kode yang panjang, baris demi baris, agar potongan sering jatuh di sini;\n"
	    "\nBukan paragraf\n```\n\n"
	    "> kutipan\n>\n> masih kutipan\n\nLuar kutipan.\n\n"
	    "    kode terindentasi\n\n    masih kode\nSesudah kode.\n\n"
	    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
	    "Judul Setext\n============\n\n"
	    "Baca juga: berita lain\n\n"
	    "Lihat [tautan][rujukan] itu.\n\n"
	    "~~~~\nfence tilde\n\n```\nmasih\n~~~~\n\n"
	    "\xE2\x80\x9CKutipan\xE2\x80\x9D -- akhir ... itu's\n\n";
	GString *in = g_string_new(" date 2024-01-01 Judul\n\n");
	struct warta_doc *cut;
	int k;

	for (k = 0; k < 300; k++) {
		g_string_append(in, unit);
		g_string_append_printf(in, "Salinan %d %.*s.\n\n", k, (k * 37) % 211,
		                       "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
		                       "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
		                       "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
		                       "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij");
	}
	OK(same_in_chunks(in, &cut), "a %zu-byte body: the same tree (JSON, positions) and "
	   "messages read in chunks as read whole", in->len);
	INT_EQ(cut ? count(cut->root, WARTA_NODE_CODE_BLOCK) : 0, 3 * 300, "code blocks kept whole");
	INT_EQ(cut ? count(cut->root, WARTA_NODE_LIST) : 0, 2 * 300, "lists as written");
	INT_EQ(cut ? count(cut->root, WARTA_NODE_LINK) : 0, 0, "an undefined reference is text");
	warta_doc_free(cut);

	/* defined at the end, used in every copy: a body cmark must read whole */
	g_string_append(in, "[rujukan]: https://example.com/\n");
	OK(same_in_chunks(in, &cut), "with a reference definition: the same tree");
	INT_EQ(cut ? count(cut->root, WARTA_NODE_LINK) : 0, 300, "the reference found from every copy");
	warta_doc_free(cut);
	g_string_free(in, TRUE);
}

/* ------------------------------------------------ shapes, sections, language */

static void
shapes(void)
{
	struct warta_diags d;
	struct warta_doc *doc;
	struct warta_node *h, *p;

	warta_diags_init(&d);
	doc = read_str("  date 2024-10-25 5 Negara Sahabat\n\nJAKARTA - Isi.\n\n1. Rusia\n\nTeks.\n\n## 2. China\n", NULL, &d);
	STR_EQ(doc->meta.title, "5 Negara Sahabat", "date line: title");
	STR_EQ(doc->meta.date, "2024-10-25", "date line: date");
	INT_EQ(doc->meta.shape, WARTA_SHAPE_DATE_LINE, "date line: shape");
	INT_EQ(doc->meta.title_line * 100 + doc->meta.title_col, 119, "title at 1:19");
	STR_EQ(doc->meta.dateline, "JAKARTA", "dateline in meta");
	p = doc->root->first;
	OK(p && p->first && p->first->type == WARTA_NODE_DATELINE, "dateline is the paragraph's first child");
	INT_EQ(count(doc->root, WARTA_NODE_HEADING), 2, "two numbered sections");
	h = find(doc->root, WARTA_NODE_HEADING);
	STR_EQ(h ? h->as.heading.number : NULL, "1", "section number");
	STR_EQ(h ? h->as.heading.id : NULL, "sec-1", "section id");
	INT_EQ(h ? h->as.heading.level : 0, 2, "section level");
	OK(h && h->next && h->next->next && h->next->next->type == WARTA_NODE_HEADING &&
	   strcmp(h->next->next->as.heading.number, "2") == 0 &&
	   strcmp(h->next->next->first->text, "China") == 0, "## 2. China keeps its number");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	doc = read_str("---\ntitle: Judul\nlang: ms\nkeywords: [a, b]\n---\n\nIsi.\n", NULL, &d);
	STR_EQ(doc->meta.title, "Judul", "YAML title");
	STR_EQ(doc->meta.lang, "ms", "YAML lang");
	INT_EQ(doc->meta.lang_origin, WARTA_LANG_FRONT_MATTER, "lang from the front matter");
	OK(doc->meta.keywords && g_strv_length(doc->meta.keywords) == 2, "keywords list");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	doc = read_str("---\ntitle: Judul\nlang: ms\n---\n\nIsi.\n", "de-AT", &d);
	STR_EQ(doc->meta.lang, "de-AT", "-l wins, the whole tag");
	INT_EQ(doc->meta.lang_origin, WARTA_LANG_OPTION, "lang from the option");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	doc = read_str("# Judul Besar\n\nIsi artikel.\n", NULL, &d);
	STR_EQ(doc->meta.title, "Judul Besar", "# title");
	INT_EQ(doc->meta.shape, WARTA_SHAPE_ATX_TITLE, "# title shape");
	INT_EQ(count(doc->root, WARTA_NODE_HEADING), 0, "the title is not a heading of the body");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	warta_diags_init(&d);
	doc = read_str("Just text.\n", NULL, &d);
	STR_EQ(doc->meta.title, "t", "plain: the title from the file name");
	OK(has_message(&d, "warning: no title line"), "plain: a warning");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* real lists stay lists */
	warta_diags_init(&d);
	doc = read_str(" date 2024-01-01 T\n\n1. Satu\n\n2. Dua\n\nTeks.\n\n"
	               "3. Ini kalimat panjang yang berakhir dengan titik.\n", NULL, &d);
	INT_EQ(count(doc->root, WARTA_NODE_HEADING), 0, "consecutive items and sentences stay lists");
	INT_EQ(count(doc->root, WARTA_NODE_LIST), 2, "two lists");
	warta_doc_free(doc);
	warta_diags_fini(&d);

	/* language detection */
	warta_diags_init(&d);
	doc = read_str(" date 2024-01-01 Judul\n\nPemerintah Indonesia menyampaikan bahwa program ini akan "
	               "dilanjutkan tahun depan karena masyarakat membutuhkan bantuan yang lebih besar "
	               "untuk pendidikan dan kesehatan di seluruh daerah.\n", NULL, &d);
	STR_EQ(doc->meta.lang, "id", "Indonesian detected");
	INT_EQ(doc->meta.lang_origin, WARTA_LANG_DETECTED, "origin: detected");
	warta_doc_free(doc);
	warta_diags_fini(&d);
	{
		char *l = ar_lang_detect("中國海警表示，已對菲方補給船做臨時性特殊安排。雙方對峙持續。", 90);

		STR_EQ(l, "zh", "Traditional Chinese by its script");
		g_free(l);
		l = ar_lang_detect("ab", 2);
		OK(l == NULL, "too short to say");
		g_free(l);
	}
}

/* ------------------------------------------------ JSON */

static void
json(void)
{
	struct warta_diags d;
	struct warta_doc *doc;
	GString *out = g_string_new(NULL);

	warta_diags_init(&d);
	doc = read_str(" date 2024-01-01 A \\ \"T\"\n\nx\ty \xE2\x80\xA8 z\n", "en", &d);
	warta_json_write(doc, out);
	OK(strstr(out->str, "\"title\": \"A \\\\ \\u201cT\\u201d\"") == NULL &&
	   strstr(out->str, "\"title\": \"A \\\\ \xE2\x80\x9CT\xE2\x80\x9D\"") != NULL,
	   "backslash escaped, UTF-8 kept");
	OK(strstr(out->str, "\"text\": \"x y \\u2028 z\"") != NULL, "U+2028 escaped (the tab of prose a space)");
	OK(strstr(out->str, "\n  \"meta\": {\n    \"title\": ") != NULL, "2-space indentation, fixed order");
	OK(strstr(out->str, "\"pos\": \"3:1-3:7\"") != NULL, "positions as L:C-L:C");
	warta_doc_free(doc);
	/* code keeps the author's tab: escaped */
	g_string_truncate(out, 0);
	doc = read_str(" date 2024-01-01 A\n\n`x\ty`\n", "en", &d);
	warta_json_write(doc, out);
	OK(strstr(out->str, "\"text\": \"x\\ty\"") != NULL, "a code span's tab escaped");
	warta_doc_free(doc);
	warta_diags_fini(&d);
	g_string_free(out, TRUE);
}

/* The shared labels (warta_label): every key in every language, the
 * newspaper's own words among them, looked up along the locale's fallback. */
static void
labels(void)
{
	static const char *const langs[] = { "en", "id", "ms", "de", "fr", "es", "pt", "nl", "it", "sv",
		"pl", "tr", "ru", "uk", "el", "vi", "th", "hi", "he", "ar", "fa", "ur", "zh", "zh-TW", "ja", "ko" };
	int empty = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(langs); i++)
		for (int k = 0; k < WARTA_LABEL_COUNT; k++) {
			const char *t = warta_label(langs[i], (enum warta_label_key)k);

			empty += t == NULL || *t == '\0';
		}
	INT_EQ(empty, 0, "every label in every language");
	STR_EQ(warta_label("zh-TW", WARTA_LABEL_INSIDE), "本期導讀", "Traditional Chinese: its own index head");
	STR_EQ(warta_label("id-ID", WARTA_LABEL_CONTINUED_ON), "Bersambung ke halaman %s", "Indonesian jump line");
	STR_EQ(warta_label("xx", WARTA_LABEL_ISSUE), "No. %s", "English for a language warta does not know");
	OK(strstr(warta_label("ko", WARTA_LABEL_ISSUE), "%s") != NULL, "the issue line takes the number");
}

int
main(void)
{
	labels();
	datelines();
	quotes();
	typography();
	dates();
	boilerplate();
	hygiene();
	run_map();
	run_positions();
	positions_repeated_blocks();
	chunks();
	shapes();
	json();
	parse_threads();
	return harness_done();
}
