/* test_style.c — unit tests of the style loader and the font set (src/style):
 * units, inheritance, golden FILE:LINE:COL diagnostics for the bad style files
 * in tests/style/ (REGEN=1 rewrites them), every shipped style, and a
 * fontconfig configuration holding only warta's fonts, as Pango sees it. */
#include <glib.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "harness.h"
#include "style/style.h"

static char *tmpdir;
PangoFontMap *test_style_fontmap;   /* kept for the process: see fonts() */
static const char *styles_dirs[2];

static char *
write_style(const char *name, const char *text)
{
	char *p = g_build_filename(tmpdir, name, NULL);

	g_file_set_contents(p, text, -1, NULL);
	return p;
}

/* Every message of d, formatted, one a line. */
static char *
diag_text(struct warta_diags *d)
{
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < d->items->len; i++) {
		char *m = warta_diag_format(d->items->pdata[i]);

		g_string_append_printf(s, "%s\n", m);
		g_free(m);
	}
	return g_string_free(s, FALSE);
}

static struct warta_style *
load(const char *path, struct warta_diags *d)
{
	warta_diags_clear(d);
	return warta_style_load(path, styles_dirs, d);
}

static void
names(void)
{
	STR_EQ(warta_element_name(WARTA_EL_BODY), "body", "element name: body");
	STR_EQ(warta_element_name(WARTA_EL_HEADING_NUMBER), "heading-number", "element name: heading-number");
	STR_EQ(warta_element_name(WARTA_EL_RUNNING_HEAD), "running-head", "element name: running-head");
	STR_EQ(warta_element_name(WARTA_EL_SOURCE), "source", "element name: source");
	OK(warta_element_name(WARTA_EL_COUNT) == NULL, "no name past the last element");
}

static void
units(void)
{
	struct warta_diags d;
	struct warta_style *s;
	char *p, *t;

	warta_diags_init(&d);
	p = write_style("units.style",
	    "[style]\ndescription = units\n"
	    "[page]\nwidth = 8.5in\nheight = 279.4mm\nmargin-top = 2.54cm\n"
	    "margin-bottom = 6pc\nmargin-inner = 2em\nmargin-outer = 0\ngutter = 1.5em\n"
	    "[breaking]\nemergency-stretch = 6pt\nexpansion = 2%\n"
	    "[body]\nsize = 12pt\nleading = 1.5\nindent = 1em\n"
	    "[headline]\nsize = 2em\nspace-after = 0.5em\nweight = semibold\ncolor = #A3221b\n"
	    "[footnote]\nsize = 8pt\nletter-spacing = 0.8pt\nleading = 10pt\n"
	    "[code]\nsize = 0.75em\n");
	s = load(p, &d);
	t = diag_text(&d);
	STR_EQ(t, "", "units.style loads without messages");
	g_free(t);
	OK(s != NULL, "units.style loads");
	if (s) {
		STR_EQ(s->name, "units", "name defaults to the file stem");
		DBL_NEAR(s->page_width, 612, 1e-9, "8.5in = 612pt");
		DBL_NEAR(s->page_height, 792, 1e-9, "279.4mm = 792pt");
		DBL_NEAR(s->margin_top, 72, 1e-9, "2.54cm = 72pt");
		DBL_NEAR(s->margin_bottom, 72, 1e-9, "6pc = 72pt");
		DBL_NEAR(s->margin_inner, 24, 1e-9, "page em is the body size");
		DBL_NEAR(s->margin_outer, 0, 1e-9, "a bare 0 is a length");
		DBL_NEAR(s->gutter, 18, 1e-9, "gutter 1.5em of 12pt");
		DBL_NEAR(s->emergency_stretch, 0.5, 1e-9, "emergency-stretch 6pt = 0.5em of the body");
		DBL_NEAR(s->expansion, 0.02, 1e-9, "expansion 2% = 0.02");
		DBL_NEAR(s->el[WARTA_EL_BODY].leading, 18, 1e-9, "bare leading is a factor of the size");
		DBL_NEAR(s->el[WARTA_EL_BODY].indent, 12, 1e-9, "indent 1em of the body");
		DBL_NEAR(s->el[WARTA_EL_HEADLINE].size, 24, 1e-9, "size 2em is of the body size");
		DBL_NEAR(s->el[WARTA_EL_HEADLINE].leading, 36, 1e-9, "unset leading keeps the body's ratio");
		DBL_NEAR(s->el[WARTA_EL_HEADLINE].space_after, 12, 1e-9, "em is of the element's own size");
		INT_EQ(s->el[WARTA_EL_HEADLINE].weight, 600, "weight by name");
		INT_EQ(s->el[WARTA_EL_HEADLINE].color, 0xa3221b, "colour #rrggbb");
		DBL_NEAR(s->el[WARTA_EL_FOOTNOTE].letter_spacing, 0.1, 1e-9, "letter-spacing in pt becomes em");
		DBL_NEAR(s->el[WARTA_EL_CODE].size, 9, 1e-9, "code 0.75em of 12pt");
		DBL_NEAR(s->el[WARTA_EL_CODE].leading, 13.5, 1e-9, "code leading 1.5 times its size");
		OK(s->boilerplate && s->boilerplate[0] == NULL, "no boilerplate patterns: empty list");
		warta_style_free(s);
	}
	g_free(p);

	p = write_style("ed.style", "[edition]\nmakeup = modular\narticle-break = page\nmin-lines = 9\n");
	s = load(p, &d);
	OK(s != NULL, "[edition] loads");
	if (s) {
		INT_EQ(s->makeup, WARTA_MAKEUP_MODULAR, "makeup = modular");
		INT_EQ(s->article_break, WARTA_BREAK_PAGE, "article-break = page");
		INT_EQ(s->min_lines, 9, "min-lines");
		warta_style_free(s);
	}
	g_free(p);
	p = write_style("ed-bad.style", "[edition]\nmakeup = tabloid\n");
	s = load(p, &d);
	OK(s == NULL, "an unknown make-up is refused");
	{
		const struct warta_diag *m = d.items->len ? g_ptr_array_index(d.items, d.items->len - 1) : NULL;

		OK(m && strstr(m->message, "[edition] makeup: 'tabloid' is not one of pages, flow, modular") &&
		   m->line == 2 && m->col == 10, "at its value, naming the choices");
	}
	g_free(p);

	p = write_style("bom.style", "\xef\xbb\xbf[style]\ndescription = with a BOM\n");
	s = load(p, &d);
	OK(s != NULL && g_str_equal(s->description, "with a BOM"), "a UTF-8 byte-order mark is skipped");
	warta_style_free(s);
	g_free(p);

	p = write_style("land.style", "[page]\npaper = a5 landscape\n[boilerplate]\n"
	                "patterns = ^Baca juga:;^Simak video\n");
	s = load(p, &d);
	OK(s != NULL, "paper with landscape loads");
	if (s) {
		DBL_NEAR(s->page_width, 595.28, 0.01, "a5 landscape width");
		DBL_NEAR(s->page_height, 419.53, 0.01, "a5 landscape height");
		STR_EQ(s->description, "", "no description: empty");
		OK(s->boilerplate && g_strv_length(s->boilerplate) == 2 &&
		   g_str_equal(s->boilerplate[1], "^Simak video"), "boilerplate patterns as a list");
		STR_EQ(s->el[WARTA_EL_BODY].family, "Charis SIL", "built-in body family");
		DBL_NEAR(s->el[WARTA_EL_BODY].size, 10, 1e-9, "built-in body size");
		INT_EQ(s->tolerance, 200, "built-in tolerance is TeX's");
		INT_EQ(s->el[WARTA_EL_BODY].hyphen_left, 2, "built-in left hyphen minimum");
		INT_EQ(s->el[WARTA_EL_BODY].hyphen_right, 3, "built-in right hyphen minimum");
		warta_style_free(s);
	}
	g_free(p);
	warta_diags_fini(&d);
}

static void
inheritance(void)
{
	struct warta_diags d;
	struct warta_style *s;
	char *p1, *p2, *t;

	warta_diags_init(&d);
	p1 = write_style("parent.style",
	    "[style]\ndescription = the parent\n"
	    "[page]\ncolumns = 2\ngutter = 5mm\n"
	    "[breaking]\ntolerance = 900\n"
	    "[body]\nfamily = Linux Libertine O\nsize = 11pt\nleading = 13pt\nindent = 1em\ncolor = #222222\n"
	    "[headline]\nsize = 30pt\nleading = 32pt\nhyphenate = false\n"
	    "[heading]\nspace-before = 12pt\n");
	p2 = write_style("child.style",
	    "[style]\nname = kid\ndescription = the child\ninherits = parent\n"
	    "[body]\nfamily = Charis SIL\n"
	    "[headline]\nitalic = true\n"
	    "[heading]\nspace-before = 1em\nsize = 12pt\n");
	s = load(p2, &d);
	t = diag_text(&d);
	STR_EQ(t, "", "child.style loads without messages");
	g_free(t);
	OK(s != NULL, "child.style loads");
	if (s) {
		STR_EQ(s->name, "kid", "name from [style] name");
		STR_EQ(s->description, "the child", "description is the child's own");
		INT_EQ(s->columns, 2, "page inherited from the parent style");
		INT_EQ(s->tolerance, 900, "breaking inherited from the parent style");
		STR_EQ(s->el[WARTA_EL_BODY].family, "Charis SIL", "child overrides the body family");
		DBL_NEAR(s->el[WARTA_EL_BODY].size, 11, 1e-9, "body size from the parent");
		STR_EQ(s->el[WARTA_EL_HEADLINE].family, "Charis SIL",
		       "an element without a family takes the final body's");
		DBL_NEAR(s->el[WARTA_EL_HEADLINE].size, 30, 1e-9, "headline size from the parent");
		OK(s->el[WARTA_EL_HEADLINE].italic, "child adds italic to the headline");
		OK(!s->el[WARTA_EL_HEADLINE].hyphenate, "hyphenate = false kept from the parent");
		INT_EQ(s->el[WARTA_EL_DECK].color, 0x222222, "colour inherits from body");
		DBL_NEAR(s->el[WARTA_EL_DECK].indent, 0, 1e-9, "indent does not inherit from body");
		DBL_NEAR(s->el[WARTA_EL_HEADING].space_before, 12, 1e-9,
		         "space-before 1em of the heading's own size");
		DBL_NEAR(s->el[WARTA_EL_HEADING].leading, 12 * 13.0 / 11, 1e-9,
		         "unset leading scales the body's ratio");
		warta_style_free(s);
	}
	g_free(p1);
	g_free(p2);

	p1 = write_style("self.style", "[style]\ninherits = self.style\n");
	s = load(p1, &d);
	t = diag_text(&d);
	OK(s == NULL, "a style inheriting from itself is refused");
	OK(strstr(t, "self.style:2:12: error: style inheritance cycle: ") != NULL,
	   "the cycle is reported at the inherits value");
	g_free(t);
	g_free(p1);
	warta_diags_fini(&d);
}

/* The bad style files in tests/style/ and their golden messages (NAME.err). */
static void
goldens(void)
{
	struct warta_diags d;
	GDir *dir;
	const char *e;
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	guint i;
	int regen = g_getenv("REGEN") && *g_getenv("REGEN");

	dir = g_dir_open("tests/style", 0, NULL);
	OK(dir != NULL, "tests/style exists (tests run from the source tree)");
	if (!dir)
		return;
	while ((e = g_dir_read_name(dir)))
		if (g_str_has_suffix(e, ".style"))
			g_ptr_array_add(files, g_strdup(e));
	g_dir_close(dir);
	g_ptr_array_sort(files, (GCompareFunc)(void *)g_strcmp0);
	warta_diags_init(&d);
	for (i = 0; i < files->len; i++) {
		char *path = g_build_filename("tests/style", files->pdata[i], NULL);
		char *golden = g_strdup_printf("%.*s.err", (int)strlen(path) - 6, path);
		char *want = NULL, *got;
		struct warta_style *s = load(path, &d);

		got = diag_text(&d);
		OK(s == NULL && warta_diags_errors(&d) > 0, "%s is refused with errors", path);
		warta_style_free(s);
		if (regen) {
			g_file_set_contents(golden, got, -1, NULL);
			OK(1, "%s (regenerated)", golden);
		} else if (!g_file_get_contents(golden, &want, NULL, NULL))
			OK(0, "missing golden %s", golden);
		else
			STR_EQ(got, want, golden);
		g_free(want);
		g_free(got);
		g_free(golden);
		g_free(path);
	}
	g_ptr_array_free(files, TRUE);

	/* loading by name: not found lists what there is */
	warta_diags_clear(&d);
	OK(warta_style_load("nosuch", styles_dirs, &d) == NULL, "unknown style name is refused");
	if (d.items->len == 1) {
		char *m = warta_diag_format(d.items->pdata[0]);

		STR_EQ(m, "warta: error: no style named 'nosuch' (styles: a4, column, ereader, letter, newspaper)",
		       "unknown style name lists the styles");
		g_free(m);
	}
	warta_diags_fini(&d);
}

static GHashTable *
config_families(FcConfig *cfg)
{
	GHashTable *fams = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	FcFontSet *fs = FcConfigGetFonts(cfg, FcSetApplication);
	int i;

	for (i = 0; fs && i < fs->nfont; i++) {
		FcChar8 *fam;

		if (FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &fam) == FcResultMatch)
			g_hash_table_add(fams, g_strdup((const char *)fam));
	}
	return fams;
}

static void
shipped(FcConfig *cfg)
{
	struct warta_diags d;
	struct warta_style **list, *s;
	GHashTable *fams = cfg ? config_families(cfg) : NULL;
	GString *seen = g_string_new(NULL);
	char *t;
	int i, el;

	warta_diags_init(&d);
	list = warta_style_list(NULL, &d);
	t = diag_text(&d);
	STR_EQ(t, "", "the shipped styles load without messages");
	g_free(t);
	for (i = 0; list[i]; i++) {
		s = list[i];
		g_string_append_printf(seen, "%s%s", i ? " " : "", s->name);
		OK(s->description && *s->description && !strchr(s->description, '\n'),
		   "%s has a one-line description", s->name);
		OK(s->page_width - s->margin_inner - s->margin_outer > 100, "%s has a measure", s->name);
		OK(!s->el[WARTA_EL_HEADLINE].hyphenate && !s->el[WARTA_EL_HEADING].hyphenate,
		   "%s hyphenates no headline or heading", s->name);
		OK(s->el[WARTA_EL_DATELINE].small_caps, "%s sets the dateline in small caps", s->name);
		OK(s->max_hyphen_run == 2, "%s allows two hyphens in a row at most", s->name);
		for (el = 0; fams && el < WARTA_EL_COUNT; el++)
			OK(g_hash_table_contains(fams, s->el[el].family), "%s [%s] family '%s' is in the font set",
			   s->name, warta_element_name(el), s->el[el].family);
		if (cfg) {
			warta_diags_clear(&d);
			INT_EQ(warta_style_check_fonts(s, cfg, &d), 0, "font check finds no error");
			t = diag_text(&d);
			STR_EQ(t, "", g_strrstr(s->path, "/styles/"));
			g_free(t);
		}
		OK(fams && g_hash_table_contains(fams, s->fallback_arabic) &&
		   g_hash_table_contains(fams, s->fallback_cjk), "%s fallbacks are in the font set", s->name);
		warta_style_free(s);
	}
	g_free(list);
	STR_EQ(seen->str, "a4 column ereader letter newspaper", "the shipped styles, sorted");
	g_string_free(seen, TRUE);

	/* the bench */
	warta_diags_clear(&d);
	s = warta_style_load("column", NULL, &d);
	OK(s != NULL, "column loads by name from the data dir");
	if (s) {
		DBL_NEAR(s->page_width, 75 * 72 / 25.4, 1e-9, "column: page 75 mm wide");
		DBL_NEAR(s->margin_inner, 10 * 72 / 25.4, 1e-9, "column: 10 mm inner margin");
		DBL_NEAR(s->margin_outer, 10 * 72 / 25.4, 1e-9, "column: 10 mm outer margin");
		INT_EQ(s->columns, 1, "column: one column");
		STR_EQ(s->el[WARTA_EL_BODY].family, "Charis SIL", "column: Charis SIL");
		DBL_NEAR(s->el[WARTA_EL_BODY].size, 10, 1e-9, "column: 10 pt");
		DBL_NEAR(s->el[WARTA_EL_BODY].leading, 12.5, 1e-9, "column: on 12.5 pt");
		DBL_NEAR(s->el[WARTA_EL_BODY].indent, 10, 1e-9, "column: indent 1 em");
		INT_EQ(s->el[WARTA_EL_BODY].align, WARTA_TA_JUSTIFY, "column: justified");
		OK(s->el[WARTA_EL_BODY].hyphenate, "column: hyphenated");
		INT_EQ(s->drop_cap, 0, "column: no drop cap");
		warta_style_free(s);
	}
	warta_diags_fini(&d);
	if (fams)
		g_hash_table_destroy(fams);
}

static void
fonts_check(FcConfig *cfg)
{
	struct warta_diags d;
	struct warta_style *s;
	char *p, *t, *want;

	if (!cfg)
		return;
	warta_diags_init(&d);
	p = write_style("fontcheck.style",
	    "[fonts]\nfallback-cjk = Noto Sans CJK SC\n"
	    "[body]\nfamily = Times New Roman\n"
	    "[dateline]\nfamily = Noto Naskh Arabic\nsmall-caps = true\n"
	    "[code]\nfamily = DejaVu Sans Mono\nfeatures = -liga, onum, smcp=0\n");
	s = load(p, &d);
	OK(s != NULL, "fontcheck.style loads");
	if (s) {
		INT_EQ(warta_style_check_fonts(s, cfg, &d), 2, "two unknown families");
		t = diag_text(&d);
		want = g_strdup_printf(
		    "warta: %1$s:2:16: error: [fonts] fallback-cjk: 'Noto Sans CJK SC' is not in warta's font set (fonts/fonts.list)\n"
		    "warta: %1$s:4:10: error: [body] family: 'Times New Roman' is not in warta's font set (fonts/fonts.list)\n"
		    "warta: %1$s:7:14: warning: [dateline] small-caps: Noto Naskh Arabic has no real small caps (smcp); they would be faked\n"
		    "warta: %1$s:10:12: warning: [code] features: DejaVu Sans Mono has no 'onum' feature\n", p);
		STR_EQ(t, want, "unknown families once at their line; missing features warned");
		g_free(want);
		g_free(t);
		warta_style_free(s);
	}
	g_free(p);
	warta_diags_fini(&d);
}

static void
fonts_missing(void)
{
	struct warta_diags d;
	char *list = write_style("fonts.list",
	    "# a family\n/usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf\n"
	    "  /nonexistent/Missing-Regular.ttf  # comment\n\nrelative.ttf\n");
	char *t, *want;

	warta_diags_init(&d);
	OK(warta_fonts_config_from(list, &d) == NULL, "a bad font list gives no configuration");
	t = diag_text(&d);
	want = g_strdup_printf("warta: %s:5:1: error: font file 'relative.ttf' is not an absolute path\n", list);
	STR_EQ(t, want, "a relative path is an error");
	g_free(t);
	g_free(want);
	g_file_set_contents(list, "/usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf\n"
	                    "/nonexistent/Missing-Regular.ttf\n", -1, NULL);
	warta_diags_clear(&d);
	OK(warta_fonts_config_from(list, &d) == NULL, "a missing font file gives no configuration");
	t = diag_text(&d);
	want = g_strdup_printf("warta: %s:2:1: error: font file /nonexistent/Missing-Regular.ttf is "
	                       "missing: run \"make deps\" to install the Debian font packages "
	                       "(fonts/packages)\n", list);
	STR_EQ(t, want, "the missing file is named, with the fix");
	g_free(t);
	g_free(want);
	warta_diags_fini(&d);
	g_free(list);
}

static int
has_feature(PangoFont *font, const char *tag)
{
	hb_face_t *face = hb_font_get_face(pango_font_get_hb_font(font));
	hb_tag_t tags[64], want = hb_tag_from_string(tag, 4);
	unsigned int n, i, start = 0;

	do {
		n = G_N_ELEMENTS(tags);
		hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GSUB, start, &n, tags);
		for (i = 0; i < n; i++)
			if (tags[i] == want)
				return 1;
		start += n;
	} while (n == G_N_ELEMENTS(tags));
	return 0;
}

/* The family Pango uses for text in family, and whether any glyph is missing. */
static void
pango_sets(PangoContext *ctx, const char *family, const char *text, const char *feature)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_new();
	PangoLayoutIter *it;
	PangoLayoutRun *run;
	int unknown, same = 1, feat = 1;

	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, 10 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, text, -1);
	unknown = pango_layout_get_unknown_glyphs_count(l);
	it = pango_layout_get_iter(l);
	do {
		run = pango_layout_iter_get_run_readonly(it);
		if (run) {
			PangoFontDescription *rd = pango_font_describe(run->item->analysis.font);

			if (g_strcmp0(pango_font_description_get_family(rd), family) != 0)
				same = 0;
			if (feature && !has_feature(run->item->analysis.font, feature))
				feat = 0;
			pango_font_description_free(rd);
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	OK(unknown == 0, "Pango sets '%s' in %s without tofu", text, family);
	OK(same, "Pango uses %s itself for '%s'", family, text);
	if (feature)
		OK(feat, "%s has real %s", family, feature);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void
fonts(FcConfig *cfg)
{
	static const char *const want[] = {
		"Charis SIL", "DejaVu Sans Mono", "Linux Libertine Display O", "Linux Libertine O",
		"Noto Color Emoji", "Noto Naskh Arabic", "Noto Nastaliq Urdu", "Noto Sans",
		"Noto Sans Adlam", "Noto Sans Balinese", "Noto Sans Canadian Aboriginal",
		"Noto Sans Cherokee", "Noto Sans Javanese", "Noto Sans Lisu", "Noto Sans Math",
		"Noto Sans Meetei Mayek", "Noto Sans Mongolian", "Noto Sans NKo", "Noto Sans Ol Chiki",
		"Noto Sans Oriya", "Noto Sans Sundanese", "Noto Sans Symbols", "Noto Sans Symbols2",
		"Noto Sans Syriac", "Noto Sans Thaana", "Noto Sans Tifinagh", "Noto Sans Vai",
		"Noto Sans Yi", "Noto Serif", "Noto Serif Armenian", "Noto Serif Bengali",
		"Noto Serif CJK HK", "Noto Serif CJK JP", "Noto Serif CJK KR", "Noto Serif CJK SC",
		"Noto Serif CJK TC", "Noto Serif Devanagari", "Noto Serif Ethiopic", "Noto Serif Georgian",
		"Noto Serif Gujarati", "Noto Serif Gurmukhi", "Noto Serif Hebrew", "Noto Serif Kannada",
		"Noto Serif Khmer", "Noto Serif Lao", "Noto Serif Malayalam", "Noto Serif Myanmar",
		"Noto Serif Sinhala", "Noto Serif Tamil", "Noto Serif Telugu", "Noto Serif Thai",
		"Noto Serif Tibetan", NULL
	};
	GHashTable *fams;
	GList *keys, *k;
	GString *got = g_string_new(NULL), *exp = g_string_new(NULL);
	PangoFontMap *fm;
	PangoContext *ctx;
	PangoFontFamily **families;
	int i, n, generic = 0;

	OK(cfg != NULL, "warta_fonts_config builds the font set");
	if (!cfg)
		return;
	fams = config_families(cfg);
	keys = g_list_sort(g_hash_table_get_keys(fams), (GCompareFunc)(void *)g_strcmp0);
	for (k = keys; k; k = k->next)
		g_string_append_printf(got, "%s;", (char *)k->data);
	for (i = 0; want[i]; i++)
		g_string_append_printf(exp, "%s;", want[i]);
	STR_EQ(got->str, exp->str, "the configuration holds only warta's families");
	g_list_free(keys);
	g_hash_table_destroy(fams);
	g_string_free(got, TRUE);
	g_string_free(exp, TRUE);
	OK(FcConfigGetFonts(cfg, FcSetSystem) == NULL || FcConfigGetFonts(cfg, FcSetSystem)->nfont == 0,
	   "no system fonts");

	fm = pango_cairo_font_map_new();
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72);
	pango_font_map_list_families(fm, &families, &n);
	for (i = 0; i < n; i++) {
		const char *name = pango_font_family_get_name(families[i]);

		if (g_str_equal(name, "Sans") || g_str_equal(name, "Serif") ||
		    g_str_equal(name, "Monospace") || g_str_equal(name, "System-ui"))
			generic++;
	}
	INT_EQ(n - generic, 52, "Pango lists the 52 families (besides its generic names)");
	g_free(families);
	ctx = pango_font_map_create_context(fm);
	pango_sets(ctx, "Charis SIL", "Kebijakan luar negeri, Кириллица", "smcp");
	pango_sets(ctx, "Linux Libertine O", "Ελληνικά", NULL);
	pango_sets(ctx, "Linux Libertine O", "Perang Korea 1950–1953", "onum");
	pango_sets(ctx, "Linux Libertine O", "Jakarta", "smcp");
	pango_sets(ctx, "Noto Sans", "25 OKTOBER 2024", NULL);
	pango_sets(ctx, "Noto Naskh Arabic", "العلاقات بين البلدين", NULL);
	pango_sets(ctx, "Noto Serif CJK SC", "朝鲜与俄罗斯的关系", NULL);
	pango_sets(ctx, "DejaVu Sans Mono", "printf(\"%d\\n\", x);", NULL);
	g_object_unref(ctx);
	/* Pango's font and fontset caches keep references to the font map (a
	 * cycle), so it lives for the process, as in warta itself */
	test_style_fontmap = fm;
}

/* LeakSanitizer (make check SAN=1): fontconfig stores pointers as offsets, so
 * the font set of a configuration that Pango holds for the process looks lost
 * (tests/valgrind.supp says the same to valgrind). */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

const char *__lsan_default_options(void);
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* The key table: doc/styles.md is what it makes (REGEN=1 rewrites it), and
 * the defaults it documents are the ones the loader applies: a style that
 * sets every key to its documented default resolves like one that sets
 * none. */
static void
reference(void)
{
	char *md = warta_style_reference(1), *text = warta_style_reference(0), *doc = NULL, *pa, *pb;
	char **lines, **l, *group = NULL;
	GString *all = g_string_new("[style]\nname = all-defaults\n");
	struct warta_diags d;
	struct warta_style *a, *b;
	int regen = g_getenv("REGEN") && *g_getenv("REGEN"), n = 0, el;

	if (regen)
		g_file_set_contents("doc/styles.md", md, -1, NULL);
	OK(g_file_get_contents("doc/styles.md", &doc, NULL, NULL) && g_str_equal(doc, md),
	   "doc/styles.md is what the key table makes (REGEN=1 to rewrite)");
	/* "[group] key = type" then "    help; default: VALUE" */
	lines = g_strsplit(text, "\n", -1);
	for (l = lines; *l && l[1]; l++) {
		char *eq, *def, *name, *g;

		if ((*l)[0] != '[' || !(eq = strstr(*l, " = ")) || !(def = strstr(l[1], "; default: ")))
			continue;
		g = g_strndup(*l + 1, strchr(*l, ']') - *l - 1);
		name = g_strndup(strchr(*l, ']') + 2, eq - strchr(*l, ']') - 2);
		def = g_strdup(def + strlen("; default: "));
		if (strchr(def, ';'))
			*strchr(def, ';') = '\0';       /* "10pt; other elements: the body's" */
		if (g_str_equal(g, "ELEMENT")) {
			g_free(g);
			g = g_strdup("body");
		}
		if (!g_str_equal(g, "style") && !g_str_equal(def, "(none)") && !g_str_equal(def, "(empty)")) {
			if (!group || !g_str_equal(group, g)) {
				g_string_append_printf(all, "[%s]\n", g);
				g_free(group);
				group = g_strdup(g);
			}
			g_string_append_printf(all, "%s = %s\n", name, def);
			n++;
		}
		g_free(g);
		g_free(name);
		g_free(def);
	}
	OK(n > 40, "the plain reference lists the keys with their defaults (%d)", n);
	warta_diags_init(&d);
	pa = write_style("all-defaults.style", all->str);
	a = load(pa, &d);
	OK(a != NULL && d.items->len == 0, "a style of every documented default loads cleanly");
	pb = write_style("no-keys.style", "[style]\nname = no-keys\n");
	b = load(pb, &d);
	g_free(pa);
	g_free(pb);
	OK(b != NULL, "a style of no keys loads");
	if (a && b) {
		int same = a->page_width == b->page_width && a->page_height == b->page_height &&
		    a->margin_top == b->margin_top && a->margin_bottom == b->margin_bottom &&
		    a->margin_inner == b->margin_inner && a->margin_outer == b->margin_outer &&
		    a->columns == b->columns && a->gutter == b->gutter && a->drop_cap == b->drop_cap &&
		    g_str_equal(a->fallback_arabic, b->fallback_arabic) &&
		    g_str_equal(a->fallback_greek, b->fallback_greek) &&
		    g_str_equal(a->fallback_cjk, b->fallback_cjk) &&
		    a->pretolerance == b->pretolerance && a->tolerance == b->tolerance &&
		    a->emergency_stretch == b->emergency_stretch && a->line_penalty == b->line_penalty &&
		    a->hyphen_penalty == b->hyphen_penalty && a->ex_hyphen_penalty == b->ex_hyphen_penalty &&
		    a->adj_demerits == b->adj_demerits &&
		    a->double_hyphen_demerits == b->double_hyphen_demerits &&
		    a->final_hyphen_demerits == b->final_hyphen_demerits &&
		    a->max_hyphen_run == b->max_hyphen_run && a->expansion == b->expansion &&
		    a->club_penalty == b->club_penalty && a->widow_penalty == b->widow_penalty &&
		    a->broken_penalty == b->broken_penalty && a->print_url == b->print_url &&
		    a->makeup == b->makeup && a->article_break == b->article_break && a->min_lines == b->min_lines;

		OK(same, "page, fonts and breaking: the documented defaults are the built-in ones");
		for (el = 0; el < WARTA_EL_COUNT; el++) {
			const struct warta_elem_style *x = &a->el[el], *y = &b->el[el];

			OK(g_str_equal(x->family, y->family) && fabs(x->size - y->size) < 1e-9 &&
			   fabs(x->leading - y->leading) < 1e-9 && x->space_before == y->space_before &&
			   x->space_after == y->space_after && x->indent == y->indent &&
			   x->margin_left == y->margin_left && x->margin_right == y->margin_right &&
			   x->align == y->align && x->color == y->color && x->weight == y->weight &&
			   x->italic == y->italic && x->small_caps == y->small_caps &&
			   x->uppercase == y->uppercase && x->letter_spacing == y->letter_spacing &&
			   g_str_equal(x->features, y->features) && x->hyphenate == y->hyphenate &&
			   x->hyphen_left == y->hyphen_left && x->hyphen_right == y->hyphen_right,
			   "[%s]: the documented defaults are the built-in ones", warta_element_name(el));
		}
	}
	if (a)
		warta_style_free(a);
	if (b)
		warta_style_free(b);
	warta_diags_fini(&d);
	g_strfreev(lines);
	g_string_free(all, TRUE);
	g_free(group);
	g_free(doc);
	g_free(md);
	g_free(text);
}

int
main(void)
{
	struct warta_diags d;
	FcConfig *cfg;
	char *dir;

	/* golden paths are relative to the source tree */
	if (g_chdir(warta_data_dir()) != 0)
		return 1;
	dir = g_build_filename(warta_data_dir(), "styles", NULL);
	styles_dirs[0] = dir;
	tmpdir = g_dir_make_tmp("test_style-XXXXXX", NULL);
	names();
	units();
	inheritance();
	goldens();
	reference();
	warta_diags_init(&d);
	cfg = warta_fonts_config(&d);
	{
		/* the command line's style check and its print engine each ask
		 * for it: built once a process */
		FcConfig *again = warta_fonts_config(&d);

		OK(cfg != NULL && again == cfg, "a second warta_fonts_config gives the same configuration, "
		   "not a second one built");
		if (again)
			FcConfigDestroy(again);
	}
	shipped(cfg);
	fonts(cfg);
	fonts_check(cfg);
	fonts_missing();
	if (cfg)
		FcConfigDestroy(cfg);
	warta_diags_fini(&d);
	{
		GDir *td = g_dir_open(tmpdir, 0, NULL);
		const char *e;

		while (td && (e = g_dir_read_name(td))) {
			char *p = g_build_filename(tmpdir, e, NULL);

			g_unlink(p);
			g_free(p);
		}
		if (td)
			g_dir_close(td);
		g_rmdir(tmpdir);
	}
	g_free(tmpdir);
	g_free(dir);
	return harness_done();
}
