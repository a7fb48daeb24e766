/* test_layout.c — unit tests of the print engine's paragraph assembly
 * (src/layout/para.c: shaping, box/glue/penalty items, lines, hyphens, bidi,
 * CJK, fallbacks) and of the page builder (src/layout/page.c), with the
 * a4 style and warta's own font set. */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "harness.h"
#include "layout/hyphenate.h"
#include "layout/page.h"
#include "layout/para.h"
#include "render/render.h"
#include "style/style.h"

static PangoContext *ctx;
static struct warta_style *st;
static struct warta_hyphenator *hyph;

static struct pa_fmt
body(void)
{
	struct pa_fmt f;

	memset(&f, 0, sizeof f);
	f.family = "Charis SIL";
	f.size = 10;
	f.weight = 400;
	f.hyphenate = 1;
	return f;
}

static struct pa_para *
set(const char *lang, int rtl, const char *text, double width, enum warta_text_align al, int hyphenate,
    struct warta_diags *d)
{
	struct pa_para *p = pa_new(lang, rtl, "test.txt");
	struct pa_fmt f = body();
	struct pa_setup s;

	pa_add(p, text, -1, &f, 3, 1);
	memset(&s, 0, sizeof s);
	s.ctx = ctx;
	s.hyph = hyph;
	s.style = st;
	s.align = al;
	s.widths = &width;
	s.n_widths = 1;
	s.hyphenate = hyphenate;
	s.hyphen_left = 2;
	s.hyphen_right = 3;
	s.last_line_fill = 1;
	s.diags = d;
	OK(pa_set(p, &s) == 0, "pa_set succeeds (%s)", lang);
	return p;
}

/* The words of the lines, hyphens taken out, give back the text. */
static char *
joined(const struct pa_para *p)
{
	GString *s = g_string_new(NULL);
	int i;

	for (i = 0; i < p->n_lines; i++) {
		char *t = pa_line_text(p, &p->lines[i]);
		size_t n = strlen(t);

		if (p->lines[i].hyphenated && n > 0)
			t[n - 1] = '\0';
		if (s->len && !p->lines[i - 1].hyphenated && p->lines[i - 1].brk != PA_BREAK_EXPLICIT)
			g_string_append_c(s, ' ');
		g_string_append(s, t);
		g_free(t);
	}
	return g_string_free(s, FALSE);
}

static const char *ID =
	"Kebijakan luar negeri Korea Utara berfokus pada penguatan identitas dan ketahanan "
	"nasional sambil menolak norma internasional yang dipimpin oleh negara-negara Barat. "
	"Untuk mencapai tujuannya, negara ini aktif mencari mitra strategis dengan pandangan "
	"serupa yang bersedia menantang hegemoni global.";

static void
justified(void)
{
	struct pa_para *p = set("id", 0, ID, 160, WARTA_TA_JUSTIFY, 1, NULL);
	char *j = joined(p);
	int i, full = 1, hy = 0, inside = 1;

	OK(p->n_lines >= 5, "a 160 pt measure takes several lines (%d)", p->n_lines);
	STR_EQ(j, ID, "the lines give back the text");
	for (i = 0; i < p->n_lines - 1; i++) {
		if (fabs(p->lines[i].natural - 160) > 0.05)
			full = 0;
		if (p->lines[i].hyphenated)
			hy++;
	}
	for (i = 0; i < p->n_lines; i++)
		if (p->lines[i].natural > 160.05)
			inside = 0;
	OK(full, "every line but the last fills the measure exactly");
	OK(inside, "no line is wider than the measure");
	OK(p->lines[p->n_lines - 1].brk == PA_BREAK_FINAL && p->lines[p->n_lines - 1].ratio == 0,
	    "the last line ends the paragraph, set at its natural width");
	OK(p->pass >= 1 && p->pass <= 3, "the breaker reports its pass (%d)", p->pass);
	g_free(j);
	pa_free(p);
}

static void
hyphens(void)
{
	struct pa_para *p = set("id", 0, ID, 110, WARTA_TA_JUSTIFY, 1, NULL), *q;
	int i, found = 0, ok_glyphs = 1, explicit = 0;
	char *j = joined(p);

	STR_EQ(j, ID, "narrow: the lines still give back the text");
	for (i = 0; i < p->n_lines; i++) {
		const struct pa_line *L = &p->lines[i];

		if (L->brk == PA_BREAK_EXPLICIT) {
			char *t = pa_line_text(p, L);

			explicit += t[strlen(t) - 1] == '-';
			g_free(t);
		}
		if (!L->hyphenated)
			continue;
		found++;
		/* the hyphen is a piece of its own after the reshaped word fragment,
		 * over the text U+2010, so text extraction sees it */
		{
			const struct pa_piece *pc = &L->pieces[L->n_pieces - 1];

			if (L->n_pieces < 2 || pc->text == NULL || strcmp(pc->text, "\xe2\x80\x90") != 0 ||
			    pc->gi.glyphs->num_glyphs != 1 || L->pieces[L->n_pieces - 2].text != NULL)
				ok_glyphs = 0;
		}
	}
	OK(found > 0, "a 110 pt measure hyphenates Indonesian (%d lines)", found);
	OK(ok_glyphs, "each hyphenated line ends with a hyphen piece over U+2010");
	g_free(j);
	pa_free(p);

	q = set("id", 0, ID, 110, WARTA_TA_LEFT, 0, NULL);
	for (i = 0, found = 0; i < q->n_lines; i++)
		found += q->lines[i].hyphenated;
	INT_EQ(found, 0, "no hyphens where hyphenation is off (headlines, headings)");
	for (i = 0, found = 0; i < q->n_lines; i++)
		if (q->lines[i].natural > 110.05 || fabs(q->lines[i].ratio) > 0)
			found++;
	INT_EQ(found, 0, "ragged lines keep their natural spaces and fit");
	pa_free(q);
	(void)explicit;
}

static void
explicit_hyphen(void)
{
	const char *t = "aaaa bbbb cccc dddd negara-negara eeee";
	struct pa_fmt f = body();
	double w = pa_measure(ctx, st, "aaaa bbbb cccc dddd negara-", &f) + 3;
	struct pa_para *p = set("id", 0, t, w, WARTA_TA_JUSTIFY, 0, NULL);
	int i, seen = 0;

	for (i = 0; i < p->n_lines; i++) {
		char *s = pa_line_text(p, &p->lines[i]);

		if (p->lines[i].brk == PA_BREAK_EXPLICIT) {
			seen = 1;
			STR_EQ(s + strlen(s) - 7, "negara-", "an explicit hyphen breaks after the hyphen, adding none");
			OK(!p->lines[i].hyphenated, "an explicit break draws no extra hyphen");
		}
		g_free(s);
	}
	OK(seen, "the compound breaks at its hyphen when that fits best");
	pa_free(p);
}

static void
rtl(void)
{
	const char *t = "افتتحت هيئة الميناء يوم الخميس الرصيف الجديد للسوق الليلي بعد أعمال ترميم "
		"استمرت ثلاث سنوات، وقال المسؤولون إن الرصيف سيستضيف نحو 200 كشك كل مساء.";
	struct pa_para *p = set("ar", 1, t, 150, WARTA_TA_JUSTIFY, 1, NULL);
	const struct pa_line *last;
	const char *fam;
	int i, ordered = 1, odd = 1, naskh = 1;

	OK(p->n_lines >= 2, "Arabic takes several lines");
	for (i = 0; i < p->n_lines; i++) {
		const struct pa_line *L = &p->lines[i];
		int k;

		for (k = 1; k < L->n_pieces; k++)
			if (L->pieces[k].x < L->pieces[k - 1].x)
				ordered = 0;
		for (k = 0; k < L->n_pieces; k++) {
			PangoFontDescription *fd = pango_font_describe(L->pieces[k].gi.item->analysis.font);

			fam = pango_font_description_get_family(fd);
			if (g_unichar_get_script(g_utf8_get_char(p->text->str + L->pieces[k].gi.item->offset)) ==
			    G_UNICODE_SCRIPT_ARABIC) {
				if (!(L->pieces[k].gi.item->analysis.level & 1))
					odd = 0;
				if (strcmp(fam, "Noto Naskh Arabic") != 0)
					naskh = 0;
			}
			pango_font_description_free(fd);
		}
	}
	OK(ordered, "pieces are placed left to right in visual order");
	OK(odd, "Arabic pieces have an odd (right-to-left) embedding level");
	OK(naskh, "Arabic in a Charis SIL run is set in the style's Arabic family");
	last = &p->lines[p->n_lines - 1];
	DBL_NEAR(last->pieces[last->n_pieces - 1].x + last->pieces[last->n_pieces - 1].width, 150, 0.05,
	    "the last line of a right-to-left paragraph is flush right");
	OK(last->pieces[0].x > 1, "… and ragged on the left");
	pa_free(p);
}

static void
cjk(void)
{
	const char *t = "港务局周四宣布，经过三年的修缮，城市最古老的码头重新开放。官员表示，码头每晚将容纳约两百个摊位。";
	struct pa_para *p = set("zh", 0, t, 100, WARTA_TA_JUSTIFY, 1, NULL);
	char *j = joined(p);
	GString *nospace = g_string_new(NULL);
	const char *c;
	int i, bad_start = 0, full = 1;

	for (c = j; *c; c++)
		if (*c != ' ')
			g_string_append_c(nospace, *c);
	OK(p->n_lines >= 4, "Chinese breaks between characters (%d lines)", p->n_lines);
	STR_EQ(nospace->str, t, "the lines give back the text");
	for (i = 0; i < p->n_lines; i++) {
		gunichar first = g_utf8_get_char(p->text->str + p->lines[i].start);

		if (first == 0xFF0C || first == 0x3002 || first == 0x3001)
			bad_start++;
		if (i < p->n_lines - 1 && fabs(p->lines[i].natural - 100) > 0.05)
			full = 0;
	}
	INT_EQ(bad_start, 0, "no line starts with a comma or full stop");
	OK(full, "justified CJK lines fill the measure (inter-character glue)");
	g_string_free(nospace, TRUE);
	g_free(j);
	pa_free(p);
}

/* One line of CJK text set ragged (left) or balanced, its natural width. */
static struct pa_para *
set_cjk(const char *lang, const char *text, double width, int balanced)
{
	struct pa_para *p = pa_new(lang, 0, "test.txt");
	struct pa_fmt f = body();
	struct pa_setup s;

	pa_add(p, text, -1, &f, 3, 1);
	memset(&s, 0, sizeof s);
	s.ctx = ctx;
	s.style = st;
	s.align = WARTA_TA_LEFT;
	s.widths = &width;
	s.n_widths = 1;
	s.last_line_fill = !balanced;
	OK(pa_set(p, &s) == 0, "pa_set succeeds (%s)", text);
	return p;
}

/* Punctuation compression (CLREQ, JLREQ): two adjacent full-width marks
 * take 1.5 em, one alone its full em; in Taiwan's face too, where ， is
 * centred; a justified line ending in a comma is set solid. */
static void
cjk_punct(void)
{
	static const struct {
		const char *lang, *text;
		double em;
	} c[] = {
		{ "zh-Hans", "。」", 1.5 }, { "zh-Hans", "，（", 1.5 }, { "zh-Hans", "」（", 1.5 },
		{ "zh-Hans", "「『", 1.5 }, { "zh-Hant-TW", "」，", 1.5 }, { "zh-Hant-TW", "，「", 1.5 },
		{ "ja", "。」", 1.5 }, { "ja", "、「", 1.5 }, { "zh-Hans", "好。", 2 }, { "zh-Hant-TW", "「好", 2 },
	};
	const char *t = "港务局周四宣布，经过三年的修缮，城市最古老的码头重新开放。官员表示，“码头每晚将容纳约两百个摊位。”";
	struct pa_para *p;
	size_t k;
	int i, solid = 0, full = 1;

	for (k = 0; k < G_N_ELEMENTS(c); k++) {
		p = set_cjk(c[k].lang, c[k].text, 500, 0);
		OK(p->n_lines == 1 && fabs(p->lines[0].natural - c[k].em * 10) < 0.05,
		    "%s in %s: %.1f em (%.2f pt)", c[k].text, c[k].lang, c[k].em,
		    p->n_lines ? p->lines[0].natural : -1);
		pa_free(p);
	}
	/* measures that end lines at a comma: solid against the measure */
	for (k = 70; k <= 160; k += 5) {
		p = set("zh-Hans", 0, t, k, WARTA_TA_JUSTIFY, 0, NULL);
		for (i = 0; i < p->n_lines - 1; i++) {
			const char *e = g_utf8_prev_char(p->text->str + p->lines[i].end);

			if (g_utf8_get_char(e) == 0xFF0C)
				solid++;
			if (fabs(p->lines[i].natural - k) > 0.05)
				full = 0;
		}
		pa_free(p);
	}
	OK(solid > 0, "lines end at a comma (%d)", solid);
	OK(full, "justified lines with compressed punctuation fill the measure");
}

/* A headline (balanced) breaks between phrases, not inside a word. */
static void
cjk_headline(void)
{
	struct pa_para *p = set_cjk("zh-Hant-TW", "一個廚師看破真相：小吃的傳統價值", 100, 1);
	char *l0 = p->n_lines ? pa_line_text(p, &p->lines[0]) : g_strdup("");
	int i, w, inside = 0;

	INT_EQ(p->n_lines, 2, "the headline takes two lines");
	STR_EQ(l0, "一個廚師看破真相：", "it breaks after the colon, not inside 傳統");
	g_free(l0);
	pa_free(p);
	/* the corpus headline that broke 「傳|統價值」, at many measures: every
	 * line ends where ICU's dictionary ends a word (its boundaries by
	 * character: 一個|廚師|看破|真相|：|小吃|的|「|傳統|價值|」|，|常|建立|在|
	 * 老闆|不能|漲價|的|壓力|上) */
	for (w = 80; w <= 250; w += 10) {
		static const char *head = "一個廚師看破真相：小吃的「傳統價值」，常建立在老闆不能漲價的壓力上";
		static const int words[] = { 0, 2, 4, 6, 8, 9, 11, 12, 13, 15, 17, 18, 19, 20, 22, 23, 25,
			27, 29, 30, 32, 33 };

		p = set_cjk("zh-Hant-TW", head, w, 1);
		for (i = 0; i < p->n_lines - 1; i++) {
			long e = g_utf8_pointer_to_offset(p->text->str, p->text->str + p->lines[i].end);
			size_t k;

			for (k = 0; k < G_N_ELEMENTS(words) && words[k] != e; k++)
				;
			if (k == G_N_ELEMENTS(words))
				inside++;
		}
		pa_free(p);
	}
	/* a headline takes the fewest lines first (para.c, looseness): at
	 * 90 pt four lines need 傳統價|值 (小吃的 alone on a line would make
	 * five), at 170 pt two lines need it; without the dictionary 14 line
	 * ends fell inside words */
	INT_EQ(inside, 2, "headlines at 18 measures break between words but where fewer lines need it");
}

static void
missing_glyph(void)
{
	struct warta_diags d;
	struct pa_para *p;
	guint i;
	int found = 0;

	warta_diags_init(&d);
	/* U+10600 LINEAR A SIGN AB001: no face of warta's set has it */
	p = set("en", 0, "A sign \xf0\x90\x98\x80 here.", 200, WARTA_TA_LEFT, 0, &d);
	for (i = 0; i < d.items->len; i++) {
		struct warta_diag *x = g_ptr_array_index(d.items, i);

		if (strstr(x->message, "U+10600") && x->line == 3 && x->col == 8 && x->severity == WARTA_ERROR)
			found = 1;
	}
	OK(found, "a missing glyph is an error naming the character and its position (3:8)");
	{
		struct pa_para *q = set("en", 0, "A sign  here.", 200, WARTA_TA_LEFT, 0, NULL);

		OK(p->n_lines == 1 && q->n_lines == 1 && p->lines[0].natural > q->lines[0].natural + 3,
		   "it is set as a box that takes room (%.1f pt against %.1f)", p->lines[0].natural,
		   q->lines[0].natural);
		pa_free(q);
	}
	pa_free(p);
	warta_diags_fini(&d);
}

static void
long_word(void)
{
	struct warta_diags d;
	struct pa_para *p;

	warta_diags_init(&d);
	p = set("en", 0, "Short words then Pneumonoultramicroscopicsilicovolcanoconiosis and more.", 100,
	    WARTA_TA_JUSTIFY, 0, &d);
	OK(d.counts[WARTA_WARNING] >= 1, "an unbreakable word wider than the measure is a warning");
	pa_free(p);
	warta_diags_fini(&d);
}

/* ------------------------------------------------------------ pages */

/* note_list[f]: a line calling footnote f alone (0-terminated) */
static int note_list[128][2];

static struct pb_item
line(int first, int last, int fn)
{
	struct pb_item it;

	memset(&it, 0, sizeof it);
	it.kind = PB_LINE;
	it.height = 12;
	it.top = 10;
	it.para_first = first;
	it.para_last = last;
	if (fn > 0 && fn < 128) {
		note_list[fn][0] = fn;
		it.footnotes = note_list[fn];
	}
	return it;
}

static struct pb_item
pen(int p)
{
	struct pb_item it;

	memset(&it, 0, sizeof it);
	it.kind = PB_PENALTY;
	it.penalty = p;
	return it;
}

static struct pb_item
glue(double h)
{
	struct pb_item it;

	memset(&it, 0, sizeof it);
	it.kind = PB_GLUE;
	it.height = h;
	return it;
}

/* Paragraphs of n lines with club/widow penalties, glue between them. */
static GArray *
paras(const int *n, int count, int club, int widow)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	int i, k;

	for (i = 0; i < count; i++) {
		if (i > 0) {
			struct pb_item g = glue(6);

			g_array_append_val(v, g);
		}
		for (k = 0; k < n[i]; k++) {
			struct pb_item it = line(k == 0, k == n[i] - 1, 0);

			if (k > 0) {
				struct pb_item p = pen((k == 1 ? club : 0) + (k == n[i] - 1 ? widow : 0));

				g_array_append_val(v, p);
			}
			g_array_append_val(v, it);
		}
	}
	return v;
}

/* Do the notes of each column match the calls on its lines, and does the
 * column fit its height with them? */
static int
notes_follow_calls(const GArray *v, const struct pb_result *r, double height)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	int pg, c, k, ok = 1;

	for (pg = 0; pg < r->n_pages; pg++) {
		for (c = 0; c < r->pages[pg].n_cols; c++) {
			const struct pb_column *col = &r->pages[pg].col[c];
			int called = 0;
			size_t i;

			for (i = col->start; i < col->end; i++)
				for (k = 0; it[i].kind == PB_LINE && it[i].footnotes && it[i].footnotes[k]; k++) {
					int f = it[i].footnotes[k], found = 0, j;

					called++;
					for (j = 0; j < col->fn_count; j++)
						found |= r->fn_order[col->fn_first + j] == f;
					ok &= found;
				}
			ok &= called == col->fn_count;
			ok &= col->height <= height + 0.01;
		}
	}
	return ok;
}

/* Two notes called on one line, and more than 64 in one column: every
 * note on the column of its call, its height reserved there. */
static void
notes_per_line(void)
{
	static int two[] = { 1, 2, 0 };
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	double fnh[128];
	struct pb_params pp;
	struct pb_result r;
	int c;

	for (c = 0; c < 20; c++) {
		struct pb_item it = line(0, 0, 0), p = pen(0);

		if (c == 3)
			it.footnotes = two;
		if (c)
			g_array_append_val(v, p);
		g_array_append_val(v, it);
	}
	for (c = 0; c < 128; c++)
		fnh[c] = 30;
	memset(&pp, 0, sizeof pp);
	pp.columns = 1;
	pp.height = 10 + 12 * 9;
	pp.first_height = pp.height;
	pp.fn_separator = 10;
	pp.fn_height = fnh;
	pp.n_fn = 2;
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	INT_EQ(r.n_pages > 0 ? r.pages[0].col[0].fn_count : -1, 2,
	    "both notes called on a line of page 1 are set on page 1");
	OK(notes_follow_calls(v, &r, pp.height), "two notes on a line: each in the column of its call, within it");
	pb_result_free(&r);
	g_array_free(v, TRUE);

	/* 100 lines, each calling its own note of 1 pt: 80 lines a page */
	v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	for (c = 0; c < 100; c++) {
		struct pb_item it = line(0, 0, c + 1), p = pen(0);

		if (c)
			g_array_append_val(v, p);
		g_array_append_val(v, it);
	}
	for (c = 0; c < 128; c++)
		fnh[c] = 1;
	pp.height = 10 + 12 * 79 + 10 + 80;
	pp.first_height = pp.height;
	pp.n_fn = 100;
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	OK(r.n_pages >= 2 && r.pages[0].col[0].fn_count > 64,
	    "more than 64 notes in a column are all set there (%d)", r.n_pages ? r.pages[0].col[0].fn_count : -1);
	OK(notes_follow_calls(v, &r, pp.height), "80 notes a page: each in the column of its call, within it");
	pb_result_free(&r);
	g_array_free(v, TRUE);
}

/* Figures as top inserts: in the column of their call when they fit, with
 * no footnote rule counted (a column of 10 + 12k lines and a figure fills
 * exactly); otherwise carried, in order, to the next column. */
static void
top_inserts(void)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	double fnh[4] = { 0, 60, 60, 30 };
	unsigned char top[4] = { 0, 1, 1, 0 };
	struct pb_params pp;
	struct pb_result r;
	int c;

	/* 30 lines; figure 1 called on line 2, figure 2 on line 4, note 3 on line 5 */
	for (c = 0; c < 30; c++) {
		struct pb_item it = line(0, 0, c == 2 ? 1 : c == 4 ? 2 : c == 5 ? 3 : 0), p = pen(0);

		if (c)
			g_array_append_val(v, p);
		g_array_append_val(v, it);
	}
	memset(&pp, 0, sizeof pp);
	pp.columns = 2;
	pp.height = 10 + 12 * 9 + 60;      /* ten lines and one figure */
	pp.first_height = pp.height;
	pp.fn_separator = 10;
	pp.fn_height = fnh;
	pp.n_fn = 3;
	pp.fn_top = top;
	pp.top_max = pp.height / 2;        /* one figure a column */
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	OK(r.n_pages >= 1 && r.pages[0].col[0].fn_count == 1 && r.fn_order[0] == 1 &&
	   r.pages[0].col[0].end - r.pages[0].col[0].start == 19,
	   "a figure called in a column that holds it and ten lines: set there, no rule counted "
	   "(%d inserts, %zu items)", r.n_pages ? r.pages[0].col[0].fn_count : -1,
	   r.n_pages ? r.pages[0].col[0].end - r.pages[0].col[0].start : 0);
	OK(r.n_pages >= 1 && r.n_fn_order == 3 && r.fn_order[1] == 2 && r.fn_order[2] == 3 &&
	   r.pages[0].n_cols == 2 && r.pages[0].col[1].fn_count >= 1 &&
	   r.fn_order[r.pages[0].col[1].fn_first] == 2,
	   "the second figure, called where the first fills the column, is carried to the next "
	   "column, in order, and the note after it follows it");
	pb_result_free(&r);
	/* a figure called low in a column, where it no longer fits, waits for
	 * the next column; the text is not held back: the first column stays
	 * full (TeX's float, not a footnote) */
	{
		GArray *w = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
		double fh[2] = { 0, 100 };
		unsigned char tp[2] = { 0, 1 };
		struct pb_params q = pp;

		for (c = 0; c < 40; c++) {
			struct pb_item it = line(0, 0, c == 12 ? 1 : 0), p = pen(0);

			if (c)
				g_array_append_val(w, p);
			g_array_append_val(w, it);
		}
		q.height = 10 + 12 * 14;      /* fifteen lines */
		q.first_height = q.height;
		q.fn_height = fh;
		q.fn_top = tp;
		q.n_fn = 1;
		q.top_max = q.height;
		pb_build((struct pb_item *)w->data, w->len, &q, &r);
		OK(r.n_pages >= 1 && r.pages[0].col[0].end - r.pages[0].col[0].start == 29 &&
		   r.pages[0].col[0].fn_count == 0 && r.pages[0].col[1].fn_count == 1,
		   "a figure that does not fit below its call waits for the next column, which it "
		   "opens; the column of its call stays full (%zu items there)",
		   r.n_pages ? r.pages[0].col[0].end - r.pages[0].col[0].start : 0);
		pb_result_free(&r);
		g_array_free(w, TRUE);
	}
	/* without the share limit both figures go where they are called */
	pp.top_max = 0;
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	OK(r.n_pages >= 1 && r.pages[0].col[0].fn_count == 2,
	   "with no share limit, both figures called in the first column are set there");
	pb_result_free(&r);
	g_array_free(v, TRUE);
}

/* Figures across the columns (fn_top 2): at the top of the page of their
 * call when the call is still on the page with them, else carried in order
 * to the next page; a page's take at most the share; one never called
 * still set; the stream fed a little at a time makes the same pages. */
static void
span_inserts(void)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	double fnh[6] = { 0, 60, 60, 120, 40, 30 };
	unsigned char top[6] = { 0, 2, 2, 2, 2, 1 };
	struct pb_params pp;
	struct pb_result r;
	struct pb_stream s;
	struct pb_page pg;
	int c, ok, np;

	/* 120 lines: span 1 on line 5, span 2 on line 29 (the last of page 1
	 * once span 1 is there), span 3 on line 40 (page 2, past the share
	 * with span 2), column figure 5 on line 50; span 4 never called */
	for (c = 0; c < 120; c++) {
		struct pb_item it = line(0, 0, c == 5 ? 1 : c == 29 ? 2 : c == 40 ? 3 : c == 50 ? 5 : 0),
		               p = pen(0);

		if (c)
			g_array_append_val(v, p);
		g_array_append_val(v, it);
	}
	memset(&pp, 0, sizeof pp);
	pp.columns = 2;
	pp.height = 10 + 12 * 19;          /* twenty lines a column */
	pp.first_height = pp.height;
	pp.fn_separator = 10;
	pp.fn_height = fnh;
	pp.n_fn = 5;
	pp.fn_top = top;
	pp.top_max = pp.height * 0.7;
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	OK(r.n_pages >= 2 && r.pages[0].span_count == 1 && r.fn_order[r.pages[0].span_first] == 1 &&
	   fabs(r.pages[0].span_height - 60) < 1e-9 && r.pages[0].col[0].fn_count == 0 &&
	   r.pages[0].col[0].end - r.pages[0].col[0].start == 29 && r.pages[0].col[1].start == 30,
	   "a figure across the columns called on a page: at its top, every column shorter by it "
	   "(%zu items in column 1)", r.n_pages ? r.pages[0].col[0].end - r.pages[0].col[0].start : 0);
	OK(r.n_pages >= 2 && r.pages[0].col[1].end == 59 && r.pages[1].span_count == 1 &&
	   r.fn_order[r.pages[1].span_first] == 2,
	   "one called on the page's last line, which it would push off the page: at the top of "
	   "the next page, and the first page's text not held back (it ends at item %zu)",
	   r.n_pages ? r.pages[0].col[1].end : 0);
	OK(r.n_pages >= 3 && r.pages[2].span_count >= 1 && r.fn_order[r.pages[2].span_first] == 3,
	   "one past the page's share with the one there: at the top of the next page");
	np = r.n_pages;
	ok = r.n_fn_order == 5 && r.pages[np - 1].span_count == 1 &&
	     r.fn_order[r.pages[np - 1].span_first] == 4;
	for (c = 0; c < np; c++)
		ok &= r.pages[c].span_height <= pp.top_max + 0.01;
	OK(ok, "every insert set once (%d), one never called on a page of its own at the end, no "
	   "page's spans over the share", r.n_fn_order);
	{
		int col5 = 0;

		for (c = 0; c < np; c++)
			for (int k = 0; k < r.pages[c].n_cols; k++)
				for (int j = 0; j < r.pages[c].col[k].fn_count; j++)
					col5 += r.fn_order[r.pages[c].col[k].fn_first + j] == 5;
		OK(col5 == 1, "a column figure among them is still a column's");
	}
	/* the stream fed five items at a time, final only at the end */
	pb_stream_init(&s, &pp);
	ok = 1;
	np = 0;
	for (size_t n = 0; n <= v->len; n = n + 5 > v->len && n < v->len ? v->len : n + 5) {
		while (pb_stream_next(&s, (struct pb_item *)v->data, MIN(n, v->len), n >= v->len, &pg) == 1) {
			ok &= np < r.n_pages && pg.span_count == r.pages[np].span_count &&
			      pg.span_first == r.pages[np].span_first && pg.n_cols == r.pages[np].n_cols &&
			      (pg.n_cols == 0 || pg.col[pg.n_cols - 1].end == r.pages[np].col[pg.n_cols - 1].end);
			np++;
		}
		if (n >= v->len)
			break;
	}
	OK(ok && np == r.n_pages, "fed a little at a time, the same pages (%d of %d)", np, r.n_pages);
	pb_stream_fini(&s);
	pb_result_free(&r);
	g_array_free(v, TRUE);
}

/* Is every note 1..n set once, in the order 1..n (calls in that order),
 * each column within height h with its notes, and no note before the page
 * of its call? */
static int
notes_carried_ok(const GArray *v, const struct pb_result *r, int n, double h)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	int pg, c, k, ok = r->n_fn_order == n, next = 1;

	for (k = 0; ok && k < n; k++)
		ok &= r->fn_order[k] == k + 1;
	for (pg = 0; pg < r->n_pages; pg++)
		for (c = 0; c < r->pages[pg].n_cols; c++) {
			const struct pb_column *col = &r->pages[pg].col[c];
			size_t i;

			ok &= col->height <= h + 0.01;
			for (i = col->start; i < col->end; i++)
				for (k = 0; it[i].kind == PB_LINE && it[i].footnotes && it[i].footnotes[k]; k++)
					next = MAX(next, it[i].footnotes[k] + 1);
			/* the notes set so far were all called */
			ok &= col->fn_count == 0 || r->fn_order[col->fn_first + col->fn_count - 1] < next;
		}
	return ok;
}

/* One line calling n notes of 25 pt, two columns: the notes that do not fit
 * go on to the next columns and pages (tex.web §1008: held over). */
static long
many_notes(int n, int *pages_out, int *ok_out)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	int *calls = g_new0(int, n + 1), k;
	double *fnh = g_new0(double, n + 1);
	struct pb_params pp;
	struct pb_result r;
	struct pb_item it;
	long work;

	for (k = 0; k < n; k++) {
		calls[k] = k + 1;
		fnh[k + 1] = 25;
	}
	for (k = 0; k < 3; k++) {
		it = line(k == 0, k == 2, 0);
		if (k == 0)
			it.footnotes = calls;
		if (k) {
			struct pb_item p = pen(0);

			g_array_append_val(v, p);
		}
		g_array_append_val(v, it);
	}
	memset(&pp, 0, sizeof pp);
	pp.columns = 2;
	pp.height = 700;
	pp.first_height = 600;
	pp.fn_separator = 10;
	pp.fn_height = fnh;
	pp.n_fn = n;
	pp.balance = 1;
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	*pages_out = r.n_pages;
	*ok_out = notes_carried_ok(v, &r, n, pp.height);
	work = r.work;
	pb_result_free(&r);
	g_array_free(v, TRUE);
	g_free(calls);
	g_free(fnh);
	return work;
}

static void
notes_carried(void)
{
	int pages1, pages4, ok1, ok4;
	long w1, w4;

	/* 119 notes: 23 of 25 pt fit in a column of 600 pt with a line */
	w1 = many_notes(119, &pages1, &ok1);
	OK(ok1, "119 notes on one line: each set once, in order, every column within its height");
	OK(pages1 >= 3, "119 notes of 25 pt need three pages of two columns (%d)", pages1);
	/* the work grows with the calls, not with their square */
	w1 = many_notes(1500, &pages1, &ok1);
	w4 = many_notes(6000, &pages4, &ok4);
	OK(ok1 && ok4, "1500 and 6000 notes on one line: each set once, in order, within the columns");
	OK(w1 > 0 && w4 <= 5 * w1, "notes looked at: %ld for 1500 calls, %ld for 6000 (linear)", w1, w4);
}

static void
pages(void)
{
	int n[] = { 5, 5, 5, 5 };
	GArray *v = paras(n, 4, 10000, 10000);
	struct pb_params pp;
	struct pb_result r;
	int pg, c, ok = 1;

	memset(&pp, 0, sizeof pp);
	pp.columns = 1;
	pp.height = 10 + 12 * 7;        /* room for 8 lines */
	pp.first_height = pp.height;
	OK(pb_build((struct pb_item *)v->data, v->len, &pp, &r) == 0, "pb_build succeeds");
	OK(r.n_pages >= 3, "20 lines in 8-line pages take 3 or more pages (%d)", r.n_pages);
	INT_EQ(r.widows + r.orphans, 0, "club and widow penalties of 10000 leave no widow or orphan");
	for (pg = 0; pg < r.n_pages; pg++) {
		const struct pb_column *col = &r.pages[pg].col[0];
		const struct pb_item *it = (const struct pb_item *)v->data;
		size_t i, nl = 0;

		for (i = col->start; i < col->end; i++)
			nl += it[i].kind == PB_LINE;
		if (nl > 8)
			ok = 0;
	}
	OK(ok, "no page holds more lines than fit");
	pb_result_free(&r);

	/* two columns, the last page balanced */
	pp.columns = 2;
	pp.height = 10 + 12 * 29;
	pp.first_height = pp.height;
	pp.balance = 1;
	pb_build((struct pb_item *)v->data, v->len, &pp, &r);
	INT_EQ(r.n_pages, 1, "20 lines fit one two-column page");
	if (r.n_pages == 1 && r.pages[0].n_cols == 2) {
		const struct pb_item *it = (const struct pb_item *)v->data;
		size_t i, a = 0, b = 0;

		for (i = r.pages[0].col[0].start; i < r.pages[0].col[0].end; i++)
			a += it[i].kind == PB_LINE;
		for (i = r.pages[0].col[1].start; i < r.pages[0].col[1].end; i++)
			b += it[i].kind == PB_LINE;
		OK(a >= b && a - b <= 5, "the columns are balanced (%zu and %zu lines)", a, b);
	} else {
		OK(0, "the columns are balanced (both used)");
	}
	pb_result_free(&r);
	g_array_free(v, TRUE);

	/* a footnote goes to the page of its call */
	v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	for (c = 0; c < 20; c++) {
		struct pb_item it = line(0, 0, c == 12 ? 1 : 0), p = pen(0);

		if (c)
			g_array_append_val(v, p);
		g_array_append_val(v, it);
	}
	{
		double fnh[2] = { 0, 30 };

		memset(&pp, 0, sizeof pp);
		pp.columns = 1;
		pp.height = 10 + 12 * 9;
		pp.first_height = pp.height;
		pp.fn_separator = 10;
		pp.fn_height = fnh;
		pp.n_fn = 1;
		pb_build((struct pb_item *)v->data, v->len, &pp, &r);
		for (pg = 0; pg < r.n_pages; pg++) {
			const struct pb_column *col = &r.pages[pg].col[0];
			size_t i;
			int call = 0, note = col->fn_count > 0;

			for (i = col->start; i < col->end; i++)
				call |= ((const struct pb_item *)v->data)[i].footnotes != NULL;
			if (call != note)
				ok = 0;
			if (call && col->height > pp.height + 0.01)
				ok = 0;
		}
		OK(ok, "the footnote is set on the page of its call, within the page");
		pb_result_free(&r);
	}
	g_array_free(v, TRUE);
	notes_per_line();
}

/* ------------------------------------------------------------ whole documents */

static struct warta_node *
text(const char *t, int line)
{
	struct warta_node *n = warta_node_new(WARTA_NODE_TEXT, line, 1);

	n->text = g_strdup(t);
	return n;
}

/* A document with a footnote called on its second page. */
static void
footnote_page(void)
{
	struct warta_diags d;
	struct warta_engine *e;
	struct warta_doc *doc = warta_doc_new("fn.txt");
	struct warta_doc *docs[1] = { doc };
	struct warta_render_opts o;
	struct warta_report rep;
	struct warta_node *p, *ref, *def, *dp;
	char *path, *trace = NULL, *pg2, *fn;
	struct warta_style one;
	int i;

	warta_diags_init(&d);
	doc->meta.title = g_strdup("Footnotes");
	doc->meta.lang = g_strdup("en");
	for (i = 0; i < 40; i++) {
		p = warta_node_new(WARTA_NODE_PARAGRAPH, 10 + i, 1);
		warta_node_append(p, text("The harbour authority opened the restored night market pier on "
		    "Thursday, ending a renovation that began in the spring and ran well over budget.", 10 + i));
		if (i == 30) {
			ref = warta_node_new(WARTA_NODE_FOOTNOTE_REF, 10 + i, 80);
			ref->as.footnote.label = g_strdup("1");
			ref->as.footnote.index = 1;
			warta_node_append(p, ref);
		}
		warta_node_append(doc->root, p);
	}
	def = warta_node_new(WARTA_NODE_FOOTNOTE_DEF, 60, 1);
	def->as.footnote.label = g_strdup("1");
	def->as.footnote.index = 1;
	dp = warta_node_new(WARTA_NODE_PARAGRAPH, 60, 7);
	warta_node_append(dp, text("Approved by the council in 2020.", 60));
	warta_node_append(def, dp);
	warta_node_append(doc->root, def);

	e = warta_engine_new(&d);
	OK(e != NULL, "the engine loads");
	memset(&o, 0, sizeof o);
	o.format = WARTA_PRINT_TRACE;
	path = g_build_filename(g_get_tmp_dir(), "warta-test-layout.trace", NULL);
	one = *st;                      /* one column, whatever a4 has */
	one.columns = 1;
	OK(warta_render(e, &one, docs, 1, &o, path, &rep, &d) == 0, "a document with a footnote sets");
	g_file_get_contents(path, &trace, NULL, NULL);
	pg2 = trace ? strstr(trace, "\npage 2 ") : NULL;
	fn = trace ? strstr(trace, "Approved by the council") : NULL;
	OK(rep.pages >= 2 && pg2 && fn && fn > pg2 && !strstr(pg2 + 1, "\npage 3 ") ,
	    "the footnote is set on page 2, where it is called");
	OK(trace && strstr(trace, "   footnotes\n"), "the trace shows the footnote block");
	g_free(trace);
	remove(path);
	g_free(path);
	warta_engine_free(e);
	warta_doc_free(doc);
	warta_diags_fini(&d);
}

int
main(void)
{
	struct warta_diags d;
	FcConfig *fc;
	char *dir;
	const char *dirs[2];

	warta_diags_init(&d);
	dir = g_build_filename(warta_data_dir(), "styles", NULL);
	dirs[0] = dir;
	dirs[1] = NULL;
	st = warta_style_load("a4", dirs, &d);
	fc = warta_fonts_config(&d);
	OK(st != NULL && fc != NULL, "the a4 style and the font set load");
	if (st == NULL || fc == NULL)
		return harness_done();
	hyph = warta_hyphenator_new();
	ctx = warta_print_context_new(fc);   /* as the print engine sets text */

	justified();
	hyphens();
	explicit_hyphen();
	rtl();
	cjk();
	cjk_punct();
	cjk_headline();
	missing_glyph();
	long_word();
	pages();
	notes_carried();
	footnote_page();
	top_inserts();
	span_inserts();

	g_object_unref(ctx);
	FcConfigDestroy(fc);
	warta_hyphenator_free(hyph);
	warta_style_free(st);
	g_free(dir);
	warta_diags_fini(&d);
	return harness_done();
}
