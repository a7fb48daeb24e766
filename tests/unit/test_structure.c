/* test_structure.c — unit tests of the reader's structure rules
 * (src/article/caption.c, byline.c, boiler.c, layer.c): photo captions
 * (warta_caption_detect, which the picture code shares), the byline table
 * per language, the page-furniture boilerplate and its precision, the
 * numbered runs and the standfirst through whole articles. */
#include <glib.h>
#include <string.h>

#include "article/article.h"
#include "article/reader.h"
#include "harness.h"

static int
cap(const char *s)
{
	return warta_caption_detect(s, strlen(s));
}

static void
captions(void)
{
	INT_EQ(cap("▲ 居民清理家門前的淤泥。（圖／讀者提供）"), WARTA_CAPTION_MARK, "▲ caption");
	INT_EQ(cap("居民清理家門前的淤泥。（圖／讀者提供）"), WARTA_CAPTION_CREDIT, "（圖／…） credit");
	INT_EQ(cap("市民在街頭排隊。（圖／翻攝自臉書）"), WARTA_CAPTION_CREDIT, "（圖／翻攝…）");
	INT_EQ(cap("Foto: Warga membersihkan lumpur."), WARTA_CAPTION_LABEL, "Foto:");
	INT_EQ(cap("FOTO : Warga membersihkan lumpur."), WARTA_CAPTION_LABEL, "FOTO :");
	INT_EQ(cap("(Foto: Humas Pemkot)"), WARTA_CAPTION_CREDIT, "(Foto: …) alone");
	INT_EQ(cap("Warga membersihkan lumpur. (Foto: Humas Pemkot)"), WARTA_CAPTION_CREDIT, "… (Foto: …)");
	INT_EQ(cap("Photo: Volunteers hand out water."), WARTA_CAPTION_LABEL, "Photo:");
	INT_EQ(cap("Volunteers carry sand. (AP Photo/Jane Doe)"), WARTA_CAPTION_CREDIT, "(AP Photo/…)");
	INT_EQ(cap("Illustration:Jianan Liu/HuffPost Photo:Getty Images"), WARTA_CAPTION_LABEL,
	       "Illustration: credit");
	/* the author's sentences */
	INT_EQ(cap("Foto itu diambil oleh warga dan menyebar luas."), 0, "\"Foto itu …\" is a sentence");
	INT_EQ(cap("The photo shows the bridge (AP reported)."), 0, "photo in a sentence");
	INT_EQ(cap("He said the move was a photo op (a stunt)"), 0, "parenthesis not a credit");
	INT_EQ(cap("Photographers gathered at the gate."), 0, "Photographers …");
	INT_EQ(cap(""), 0, "empty");
}

static int
byline(const char *s, const char *lang, const char *want_name, const char *want_place)
{
	char *name, *place;
	int r = ar_byline_match(s, lang, &name, &place);

	if (r && want_name)
		r = strcmp(name, want_name) == 0 &&
		    (want_place ? place && strcmp(place, want_place) == 0 : place == NULL);
	g_free(name);
	g_free(place);
	return r;
}

static void
bylines(void)
{
	OK(byline("Oleh: Rina Sari", "id", "Rina Sari", NULL), "id Oleh:");
	OK(byline("Penulis : Budi Santoso", "id", "Budi Santoso", NULL), "id Penulis :");
	OK(byline("Reporter: Budi Santoso", "id", "Budi Santoso", NULL), "id Reporter:");
	OK(byline("Oleh Rina Sari", "id", "Rina Sari", NULL), "id Oleh without a colon");
	OK(!byline("Oleh karena itu, pedagang diminta pindah.", "id", NULL, NULL), "id Oleh karena itu");
	OK(!byline("Oleh sebab itu", "id", NULL, NULL), "id Oleh sebab itu: lower case");
	OK(byline("By Jane Doe", "en", "Jane Doe", NULL), "en By");
	OK(byline("By Jane Doe and Tom O'Neill", "en", "Jane Doe and Tom O'Neill", NULL), "en By … and …");
	OK(byline("BY JANE DOE", "en", "JANE DOE", NULL), "en upper case");
	OK(!byline("By the end of the week", "en", NULL, NULL), "en By the …");
	OK(!byline("By Tuesday, the river had risen two metres.", "en", NULL, NULL), "en a sentence");
	OK(!byline("By Jane Doe", "id", NULL, NULL), "By is English");
	OK(byline("記者王小明／台北報導", "zh", "王小明", "台北"), "zh 記者…／…報導");
	OK(byline("记者李华/北京报道", "zh", "李华", "北京"), "zh 记者…/…报道");
	OK(byline("【記者王小明／台北報導】", "zh", "王小明", "台北"), "zh in brackets");
	OK(byline("بقلم: سارة أحمد", "ar", "سارة أحمد", NULL), "ar بقلم");
	OK(byline("بقلم سارة أحمد", "ar", "سارة أحمد", NULL), "ar بقلم without a colon");
}

static int
boiler(const char *line)
{
	struct warta_diags d;
	struct ar_boiler *b;
	int r;

	warta_diags_init(&d);
	b = ar_boiler_new(NULL, &d, "t");
	r = ar_boiler_match(b, line, strlen(line));
	ar_boiler_free(b);
	INT_EQ((int)d.items->len, 0, "built-in patterns compile");
	warta_diags_fini(&d);
	return r;
}

static void
furniture(void)
{
	static const char *const drop[] = {
		"Listen 5 min · Comment · Share", "Listen · 5 min", "Share", "Share this article",
		"Gift Article", "Gift this article", "Comments", "12 Comments", "Save | Share | Print",
		"Bagikan", "分享", "Sign up for our morning newsletter to get the day's news.",
		"Subscribe to our newsletter", "Get the Morning Brief newsletter in your inbox",
		"Daftar newsletter kami", "Read more: A story", "Read also: A story", "Related: A story",
		"Related articles", "More on this story", "Lihat juga: Sebuah berita", "Artikel terkait",
		"Berita terkait: Sebuah berita",
		"Dapatkan update berita pilihan setiap hari. Mari bergabung di saluran WhatsApp kami.",
		"اقرأ أيضا: خبر آخر", "اقرأ أيضاً", "延伸閱讀：另一則新聞", "相关阅读：另一则新闻", "訂閱電子報",
		NULL
	};
	static const char *const keep[] = {
		"Share your thoughts on the plan with the council.",
		"Listen to the river at dawn and you will hear the birds.",
		"Shares in the company rose 3 percent.", "Comment is free, facts are sacred.",
		"Related to the vote, the council also passed a budget.",
		"The newsletter was first printed in 1952.",
		"Bagikan makanan kepada tetangga adalah tradisi desa.",
		NULL
	};
	int i;

	for (i = 0; drop[i]; i++)
		OK(boiler(drop[i]), "dropped: %s", drop[i]);
	for (i = 0; keep[i]; i++)
		OK(!boiler(keep[i]), "kept: %s", keep[i]);
}

static struct warta_doc *
read_str(const char *text, struct warta_diags *d)
{
	struct warta_read_opts o = { 0 };

	return warta_article_read("t.txt", text, strlen(text), &o, d);
}

static int
kinds(const struct warta_doc *doc, const char *want)
{
	GString *s = g_string_new(NULL);
	const struct warta_node *n;
	int r;

	for (n = doc->root->first; n; n = n->next)
		g_string_append_c(s, n->type == WARTA_NODE_HEADING ? 'H' : n->type == WARTA_NODE_LIST ? 'L' :
		                     n->type == WARTA_NODE_PARAGRAPH ? 'P' : '?');
	r = strcmp(s->str, want) == 0;
	if (!r)
		g_printerr("# kinds %s, want %s\n", s->str, want);
	g_string_free(s, TRUE);
	return r;
}

static void
runs(void)
{
	struct warta_diags d;
	struct warta_doc *doc;

	warta_diags_init(&d);
	/* the listicle: a step ending with a full stop and one without
	 * are read the same way */
	doc = read_str(" date 2024-01-01 T\n\nPembuka artikel ini cukup panjang untuk sebuah paragraf.\n\n"
	               "1. Catat pengeluaran.\n\nIsi langkah pertama yang cukup panjang.\n\n"
	               "2. Susun anggaran\n\nIsi langkah kedua yang cukup panjang.\n", &d);
	OK(doc && kinds(doc, "PHPHP"), "steps with and without a full stop: all headings");
	warta_doc_free(doc);
	doc = read_str(" date 2024-01-01 T\n\nPembuka artikel ini cukup panjang untuk sebuah paragraf.\n\n"
	               "1. Pengunjung wajib mendaftar di loket sebelum masuk ke area lapangan olahraga.\n\n"
	               "Isi langkah pertama.\n\n2. Sepatu khusus\n\nIsi langkah kedua.\n", &d);
	OK(doc && kinds(doc, "PLPLP"), "a sentence in the run: all list items");
	warta_doc_free(doc);
	/* a lone "1." after a colon stays a list; a run after a colon is headings */
	doc = read_str(" date 2024-01-01 T\n\nSyaratnya adalah sebagai berikut:\n\n1. Kartu identitas\n\n"
	               "Paragraf penutup yang cukup panjang.\n", &d);
	OK(doc && kinds(doc, "PLP"), "lone item after a colon: a list");
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

/* Runs of spaces collapse in one pass and keep the source map: a long
 * paragraph of double spaces, with an agency code at its end. */
static void
spaces_long(void)
{
	struct warta_diags d;
	struct warta_doc *doc;
	GString *in = g_string_new(" date 2024-01-01 T\n\n");
	struct warta_node *t;
	int i;

	for (i = 0; i < 20000; i++)
		g_string_append(in, "kata  ");
	g_string_append(in, "akhir. (ant/rd)\n");
	warta_diags_init(&d);
	doc = read_str(in->str, &d);
	t = doc ? doc->root->first->first : NULL;
	OK(t && t->type == WARTA_NODE_TEXT && strlen(t->text) == 20000 * 5 + 6 &&
	   g_str_has_suffix(t->text, "kata akhir."), "double spaces collapsed, code cut");
	OK(t && t->end_line == 3 && t->end_col == 20000 * 6 + 6, "end position kept (%d:%d)",
	   t ? t->end_line : 0, t ? t->end_col : 0);
	OK(doc && g_strcmp0(doc->meta.source, "(ant/rd)") == 0, "agency code to the source line");
	warta_doc_free(doc);
	warta_diags_fini(&d);
	g_string_free(in, TRUE);
}

int
main(void)
{
	spaces_long();
	captions();
	bylines();
	furniture();
	runs();
	return harness_done();
}
