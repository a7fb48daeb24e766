/* test_article.c — unit tests of the article reader's parts (src/article):
 * datelines, quotation marks per language, dashes and other typography,
 * dates per language, boilerplate lines, text hygiene and source positions,
 * shapes, numbered sections, JSON escaping. */
#include <glib.h>
#include <string.h>

#include "article/article.h"
#include "article/reader.h"
#include "harness.h"

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

static void
dates(void)
{
	char *s;

	date_case("id", "Jumat, 25 Oktober 2024");
	date_case("en", "Friday, 25 October 2024");
	date_case("ms", "Jumaat, 25 Oktober 2024");
	date_case("de", "Freitag, 25. Oktober 2024");
	date_case("fr", "vendredi 25 octobre 2024");
	date_case("es", "viernes, 25 de octubre de 2024");
	date_case("pt", "sexta-feira, 25 de outubro de 2024");
	date_case("nl", "vrijdag 25 oktober 2024");
	date_case("it", "venerdì 25 ottobre 2024");
	date_case("ar", "الجمعة، 25 أكتوبر 2024");
	date_case("zh", "2024年10月25日 星期五");
	date_case("id-ID", "Jumat, 25 Oktober 2024");
	date_case("xx", "Friday, 25 October 2024");
	s = warta_date_format("2024-11-01", "fr");
	STR_EQ(s, "vendredi 1er novembre 2024", "French first of the month");
	g_free(s);
	s = warta_date_format("2024-02-29", "en");
	STR_EQ(s, "Thursday, 29 February 2024", "leap day");
	g_free(s);
	s = warta_date_format("2023-02-29", "en");
	OK(s == NULL, "no 29 February in 2023");
	g_free(s);
	s = warta_date_format("25/10/2024", "en");
	OK(s == NULL, "not ISO: NULL");
	g_free(s);
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
	STR_EQ(doc->meta.lang, "de", "-l wins, primary tag");
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
	OK(strstr(out->str, "\"text\": \"x\\ty \\u2028 z\"") != NULL, "tab and U+2028 escaped");
	OK(strstr(out->str, "\n  \"meta\": {\n    \"title\": ") != NULL, "2-space indentation, fixed order");
	OK(strstr(out->str, "\"pos\": \"3:1-3:7\"") != NULL, "positions as L:C-L:C");
	warta_doc_free(doc);
	warta_diags_fini(&d);
	g_string_free(out, TRUE);
}

int
main(void)
{
	datelines();
	quotes();
	typography();
	dates();
	boilerplate();
	hygiene();
	shapes();
	json();
	return harness_done();
}
