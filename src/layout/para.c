/* para.c — paragraph assembly (para.h): styled runs → Pango attributes →
 * items shaped once with the whole paragraph as context → box/glue/penalty
 * items → lb_break (linebreak.h) → lines of glyph pieces.  At chosen hyphen
 * breaks the word edges are reshaped (PANGO_ANALYSIS_FLAG_NEED_HYPHEN). */
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "article/article.h"
#include "layout/para.h"
#include "util/clock.h"

#define PU(x) ((x) / (double)PANGO_SCALE)   /* Pango units → pt (72 dpi) */
#define RAG_EM 3.0                          /* stretch of ragged lines, em (Knuth–Plass 1981, §"ragged") */
#define EXPANSION_STEP 0.001                /* glyph expansion in steps of 0.1 % (pdfTeX: \pdffontexpand step) */

/* What an lb item stands for in the text. */
struct slot {
	size_t b0, b1;              /* bytes; for a penalty b0 == b1 is the break position */
	enum pa_break kind;         /* for penalties: hyphen, explicit, plain */
	int space;                  /* glue: b0 is a space character to set to the glue's width */
	int emergency;              /* penalty: a break inside a word wider than the measure:
	                             * 1 + its index in build.wide */
};

struct pa_para *
pa_new(const char *lang, int rtl, const char *file)
{
	struct pa_para *p = g_new0(struct pa_para, 1);

	p->text = g_string_new(NULL);
	p->runs = g_array_new(FALSE, FALSE, sizeof(struct pa_run));
	p->links = g_ptr_array_new_with_free_func(g_free);
	p->lang = g_strdup(lang ? lang : "en");
	p->rtl = rtl;
	p->file = file;
	return p;
}

static void
free_lines(struct pa_para *p)
{
	int i, j;

	for (i = 0; i < p->n_lines; i++) {
		for (j = 0; j < p->lines[i].n_pieces; j++) {
			pango_item_free(p->lines[i].pieces[j].gi.item);
			pango_glyph_string_free(p->lines[i].pieces[j].gi.glyphs);
		}
		g_free(p->lines[i].pieces);
		g_free(p->lines[i].footnotes);
	}
	g_free(p->lines);
	p->lines = NULL;
	p->n_lines = 0;
}

static void
free_shaping(struct pa_para *p)
{
	int i;

	for (i = 0; i < p->n_items; i++) {
		pango_item_free(p->items[i]);
		if (p->glyphs[i])
			pango_glyph_string_free(p->glyphs[i]);
	}
	g_free(p->items);
	g_free(p->glyphs);
	p->items = NULL;
	p->glyphs = NULL;
	p->n_items = 0;
	if (p->attrs)
		pango_attr_list_unref(p->attrs);
	p->attrs = NULL;
	g_free(p->la);
	g_free(p->char_at);
	p->la = NULL;
	p->char_at = NULL;
}

void
pa_free(struct pa_para *p)
{
	if (p == NULL)
		return;
	free_lines(p);
	free_shaping(p);
	g_string_free(p->text, TRUE);
	g_array_free(p->runs, TRUE);
	g_ptr_array_free(p->links, TRUE);
	g_free(p->lang);
	g_free(p);
}

void
pa_add(struct pa_para *p, const char *utf8, int len, const struct pa_fmt *fmt, int line, int col)
{
	struct pa_run r;

	if (len < 0)
		len = strlen(utf8);
	if (len == 0)
		return;
	r.start = p->text->len;
	g_string_append_len(p->text, utf8, len);
	r.end = p->text->len;
	r.fmt = *fmt;
	r.line = line;
	r.col = col;
	g_array_append_val(p->runs, r);
}

int
pa_link(struct pa_para *p, const char *url)
{
	guint i;

	for (i = 0; i < p->links->len; i++)
		if (strcmp(g_ptr_array_index(p->links, i), url) == 0)
			return i + 1;
	g_ptr_array_add(p->links, g_strdup(url));
	return p->links->len;
}

int
pa_empty(const struct pa_para *p)
{
	const char *s;

	for (s = p->text->str; *s; s = g_utf8_next_char(s))
		if (!g_unichar_isspace(g_utf8_get_char(s)))
			return 0;
	return 1;
}

static const struct pa_run *
run_at(const struct pa_para *p, size_t b)
{
	guint lo = 0, hi = p->runs->len;

	while (hi - lo > 1) {
		guint mid = (lo + hi) / 2;

		if (g_array_index(p->runs, struct pa_run, mid).start <= b)
			lo = mid;
		else
			hi = mid;
	}
	return p->runs->len ? &g_array_index(p->runs, struct pa_run, lo) : NULL;
}

/* ------------------------------------------------------------ attributes */

static void
insert(PangoAttrList *l, PangoAttribute *a, size_t s, size_t e)
{
	a->start_index = s;
	a->end_index = e;
	pango_attr_list_insert(l, a);
}

/* Script fallbacks: Arabic and CJK text gets the style's families, found by
 * script (common characters take the script around them), so no tofu.
 * Arabic is followed by Noto Serif, the Latin drawn with Noto Naskh: the
 * ( ) % - an Arabic face lacks come from it.  CJK takes the face of the
 * language's region (Noto Serif CJK TC for zh-Hant and zh-TW, HK, JP, KR;
 * SC otherwise) when the style's face is a Noto CJK one: the region's
 * glyph forms and its punctuation (centred in Taiwan and Hong Kong). */
static const char *
script_family(PangoScript sc, const struct warta_style *st, const char *lang)
{
	const char *f, *region;
	size_t n;

	switch (sc) {
	case PANGO_SCRIPT_ARABIC:
	case PANGO_SCRIPT_SYRIAC:
	case PANGO_SCRIPT_THAANA:
		f = st && st->fallback_arabic ? st->fallback_arabic : "Noto Naskh Arabic";
		if (strchr(f, ','))
			return f;
		{
			char *x = g_strconcat(f, ",Noto Serif", NULL);

			f = g_intern_string(x);
			g_free(x);
		}
		return f;
	case PANGO_SCRIPT_HAN:
	case PANGO_SCRIPT_HIRAGANA:
	case PANGO_SCRIPT_KATAKANA:
	case PANGO_SCRIPT_HANGUL:
	case PANGO_SCRIPT_BOPOMOFO:
		f = st && st->fallback_cjk ? st->fallback_cjk : "Noto Serif CJK SC";
		region = warta_lang_cjk_region(lang);
		n = strlen(f);
		if (region && n > 3 && f[n - 3] == ' ' &&
		    (g_str_has_prefix(f, "Noto Serif CJK ") || g_str_has_prefix(f, "Noto Sans CJK "))) {
			char *x = g_strdup_printf("%.*s %s", (int)(n - 3), f, region);

			f = g_intern_string(x);
			g_free(x);
		}
		return f;
	default:
		return NULL;
	}
}

struct srange {
	size_t s, e;
	const char *family;         /* NULL: the run's own */
	int untracked;              /* never letter-spaced (see trackable) */
};

/* Scripts whose letters may be spaced apart (a headline's tracking): those
 * of separate letters.  Joining scripts would be torn apart, and in the
 * Brahmic and Southeast Asian scripts HarfBuzz then sees each vowel sign
 * alone and draws it on a dotted circle (a Khmer headline did). */
static int
trackable(PangoScript sc)
{
	switch (sc) {
	case PANGO_SCRIPT_COMMON:
	case PANGO_SCRIPT_INHERITED:
	case PANGO_SCRIPT_LATIN:
	case PANGO_SCRIPT_GREEK:
	case PANGO_SCRIPT_CYRILLIC:
	case PANGO_SCRIPT_ARMENIAN:
	case PANGO_SCRIPT_GEORGIAN:
	case PANGO_SCRIPT_HEBREW:
	case PANGO_SCRIPT_ETHIOPIC:
	case PANGO_SCRIPT_CHEROKEE:
	case PANGO_SCRIPT_CANADIAN_ABORIGINAL:
	case PANGO_SCRIPT_HAN:
	case PANGO_SCRIPT_HIRAGANA:
	case PANGO_SCRIPT_KATAKANA:
	case PANGO_SCRIPT_HANGUL:
	case PANGO_SCRIPT_BOPOMOFO:
		return 1;
	default:
		return 0;
	}
}

static GArray *
script_ranges(const char *text, size_t len, const struct warta_style *st, const char *lang)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct srange));
	PangoScriptIter *it = pango_script_iter_new(text, len);
	const char *s, *e;
	PangoScript sc;

	do {
		struct srange r;
		const char *q, *from;

		pango_script_iter_get_range(it, &s, &e, &sc);
		r.family = script_family(sc, st, lang);
		r.untracked = !trackable(sc);
		/* full-width punctuation after a Latin word ("Cook’s。") takes
		 * the Latin script, but no Latin font has it: it gets the CJK
		 * family too, not whichever CJK face the fallback finds first
		 * (a second CJK font in the PDF for one character) */
		from = s;
		for (q = s; q < e && r.family == NULL; q = g_utf8_next_char(q)) {
			gunichar c = g_utf8_get_char(q);
			struct srange w;

			if (!g_unichar_iswide(c) || c >= 0x1F000 ||
			    g_unichar_get_script(c) != G_UNICODE_SCRIPT_COMMON)
				continue;
			if (q > from) {
				w.s = from - text, w.e = q - text, w.family = NULL, w.untracked = 0;
				g_array_append_val(a, w);
			}
			w.s = q - text, w.e = g_utf8_next_char(q) - text;
			w.family = script_family(PANGO_SCRIPT_HAN, st, lang);
			w.untracked = 0;
			g_array_append_val(a, w);
			from = g_utf8_next_char(q);
		}
		r.s = from - text;
		r.e = e - text;
		if (r.e > r.s)
			g_array_append_val(a, r);
	} while (pango_script_iter_next(it));
	pango_script_iter_free(it);
	return a;
}

static void
fmt_attrs(PangoAttrList *l, const struct pa_fmt *f, size_t s, size_t e, const GArray *scripts)
{
	guint i;

	/* the family per script range, so one family attribute covers each byte */
	for (i = 0; i < scripts->len; i++) {
		const struct srange *r = &g_array_index(scripts, struct srange, i);
		size_t a = MAX(s, r->s), b = MIN(e, r->e);

		if (a < b)
			insert(l, pango_attr_family_new(r->family ? r->family :
			    f->family ? f->family : "Charis SIL"), a, b);
	}
	insert(l, pango_attr_size_new((int)lround(f->size * PANGO_SCALE)), s, e);
	insert(l, pango_attr_weight_new(f->weight ? f->weight : 400), s, e);
	insert(l, pango_attr_style_new(f->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL), s, e);
	if (f->small_caps)
		insert(l, pango_attr_variant_new(f->small_caps == 2 ? PANGO_VARIANT_ALL_SMALL_CAPS
		    : PANGO_VARIANT_SMALL_CAPS), s, e);
	if (f->uppercase)
		insert(l, pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE), s, e);
	for (i = 0; f->letter_spacing != 0 && i < scripts->len; i++) {
		const struct srange *r = &g_array_index(scripts, struct srange, i);
		size_t a = MAX(s, r->s), b = MIN(e, r->e);

		if (a < b && !r->untracked)
			insert(l, pango_attr_letter_spacing_new((int)lround(f->letter_spacing * f->size *
			    PANGO_SCALE)), a, b);
	}
	if (f->features && *f->features)
		insert(l, pango_attr_font_features_new(f->features), s, e);
}

/* ------------------------------------------------------------ shaping */

/* Characters no font in warta's set has: one message per run of them, with
 * its place and its length; each is set as a box (Pango's hex box, which
 * names the code point) so that the loss shows on the page.  An error
 * unless the caller asked for a warning (--missing-glyphs=warn). */
static void
report_missing(struct pa_para *p, struct warta_diags *d, GArray *miss)
{
	const char *text = p->text->str;
	guint i = 0, j;

	if (!d)
		return;
	while (i < miss->len) {
		size_t b = g_array_index(miss, size_t, i);
		const struct pa_run *r = run_at(p, b);
		gunichar c = g_utf8_get_char(text + b), last;
		int col = r ? r->col + (int)g_utf8_strlen(text + r->start, b - r->start) : 0;
		char u[8] = { 0 }, v[8] = { 0 };
		size_t e = b;

		/* the run: the missing characters that follow one another,
		 * spaces and marks between them included */
		for (j = i + 1; j < miss->len; j++) {
			size_t nb = g_array_index(miss, size_t, j);
			const char *q = g_utf8_next_char(text + e);

			while (q < text + nb && (g_unichar_isspace(g_utf8_get_char(q)) ||
			    g_unichar_ismark(g_utf8_get_char(q))))
				q = g_utf8_next_char(q);
			if (q != text + nb)
				break;
			e = nb;
		}
		last = g_utf8_get_char(text + e);
		g_unichar_to_utf8(c, u);
		g_unichar_to_utf8(last, v);
		if (j - i == 1)
			warta_diag(d, d->missing_glyphs_warn ? WARTA_WARNING : WARTA_ERROR, p->file,
			    r ? r->line : 0, col, "no font has a glyph for U+%04X '%s': set as a box", c, u);
		else
			warta_diag(d, d->missing_glyphs_warn ? WARTA_WARNING : WARTA_ERROR, p->file,
			    r ? r->line : 0, col, "no font has a glyph for %u characters, U+%04X '%s' to "
			    "U+%04X '%s': set as boxes", j - i, c, u, last, v);
		i = j;
	}
}

static gint
cmp_size(gconstpointer a, gconstpointer b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Letter spacing: pango_shape_item leaves it to the caller (as PangoLayout's
 * shape_run does), so add it between the graphemes here. */
static void
letter_space(const struct pa_para *p, PangoItem *item, PangoGlyphString *gs)
{
	const struct pa_run *r = run_at(p, item->offset);
	PangoGlyphItem gi;

	if (r == NULL || r->fmt.letter_spacing == 0)
		return;
	/* joining and Brahmic scripts are never letter-spaced (trackable) */
	if (!trackable(item->analysis.script))
		return;
	gi.item = item;
	gi.glyphs = gs;
	pango_glyph_item_letter_space(&gi, p->text->str, p->la + p->char_at[item->offset],
	    (int)lround(r->fmt.letter_spacing * r->fmt.size * PANGO_SCALE));
}

static void
shape(struct pa_para *p, const struct pa_setup *s)
{
	const char *text = p->text->str;
	int len = p->text->len, i, g;
	GList *items, *it;
	PangoDirection dir = p->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
	guint r;
	size_t b;
	int c;
	GArray *scripts, *miss = g_array_new(FALSE, FALSE, sizeof(size_t));

	p->attrs = pango_attr_list_new();
	insert(p->attrs, pango_attr_language_new(pango_language_from_string(p->lang)), 0, len);
	scripts = script_ranges(text, len, s->style, p->lang);
	for (r = 0; r < p->runs->len; r++) {
		const struct pa_run *run = &g_array_index(p->runs, struct pa_run, r);

		fmt_attrs(p->attrs, &run->fmt, run->start, run->end, scripts);
	}
	g_array_free(scripts, TRUE);

	p->n_chars = g_utf8_strlen(text, len);
	p->la = g_new0(PangoLogAttr, p->n_chars + 1);
	pango_get_log_attrs(text, len, -1, pango_language_from_string(p->lang), p->la, p->n_chars + 1);
	pa_sa_breaks(text, len, p->la, p->n_chars + 1);
	p->char_at = g_new(int, len + 1);
	for (b = 0, c = 0; b < (size_t)len; c++) {
		size_t n = g_utf8_next_char(text + b) - (text + b);

		while (n-- > 0 && b < (size_t)len)
			p->char_at[b++] = c;
	}
	p->char_at[len] = p->n_chars;

	items = pango_itemize_with_base_dir(s->ctx, dir, text, 0, len, p->attrs, NULL);
	p->n_items = g_list_length(items);
	p->items = g_new(PangoItem *, p->n_items);
	p->glyphs = g_new(PangoGlyphString *, p->n_items);
	for (it = items, i = 0; it; it = it->next, i++) {
		PangoItem *item = it->data;
		PangoGlyphString *gs = pango_glyph_string_new();

		pango_shape_item(item, text, len, p->la + p->char_at[item->offset], gs, PANGO_SHAPE_NONE);
		letter_space(p, item, gs);
		p->items[i] = item;
		p->glyphs[i] = gs;
		for (g = 0; g < gs->num_glyphs; g++) {
			if (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
				size_t at = item->offset + gs->log_clusters[g];
				gunichar ch = g_utf8_get_char(text + at);

				if (!g_unichar_iscntrl(ch) && !g_unichar_isspace(ch) &&
				    (g == 0 || gs->log_clusters[g - 1] != gs->log_clusters[g]))
					g_array_append_val(miss, at);
				else {
					/* a control or space character: nothing to see */
					gs->glyphs[g].glyph = PANGO_GLYPH_EMPTY;
					gs->glyphs[g].geometry.width = 0;
				}
			}
		}
	}
	g_list_free(items);
	g_array_sort(miss, cmp_size);
	report_missing(p, s->diags, miss);
	g_array_free(miss, TRUE);
}

/* ------------------------------------------------------------ items */

struct build {
	GArray *items;              /* struct lb_item */
	GArray *slots;              /* struct slot */
	double expansion;           /* glyph expansion limit of boxes, fraction of their width */
	double widest;              /* the widest line measure, pt */
	unsigned char *cluster;     /* cluster[b]: a glyph cluster starts at byte b */
	GArray *wide;               /* struct wide: boxes wider than every measure */
};

/* A box (word, number, URL piece) wider than every line, given emergency breaks. */
struct wide {
	size_t b0, b1;
	double width;
	int broken;                 /* the breaker used one of its breaks (warned) */
};

static void
push(struct build *bl, struct lb_item it, struct slot sl)
{
	g_array_append_val(bl->items, it);
	g_array_append_val(bl->slots, sl);
}

static void
push_box(struct build *bl, double w, size_t b0, size_t b1)
{
	struct lb_item it;
	struct slot sl = { b0, b1, PA_BREAK_GLUE, 0, 0 };

	memset(&it, 0, sizeof it);
	it.type = LB_BOX;
	it.width = w;
	if (b1 > b0) {
		it.stretch = w * bl->expansion;
		it.shrink = w * bl->expansion * 0.5;
	}

	push(bl, it, sl);
}

static void
push_glue(struct build *bl, double w, double y, double z, size_t b0, size_t b1, int space)
{
	struct lb_item it;
	struct slot sl = { b0, b1, PA_BREAK_GLUE, space, 0 };

	memset(&it, 0, sizeof it);
	it.type = LB_GLUE;
	it.width = w;
	it.stretch = y;
	it.shrink = z;

	push(bl, it, sl);
}

/* \parfillskip: glue(0pt plus 1fil) (tex.web §816) */
static void
push_fil(struct build *bl, size_t at)
{
	struct lb_item it;
	struct slot sl = { at, at, PA_BREAK_GLUE, 0, 0 };

	memset(&it, 0, sizeof it);
	it.type = LB_GLUE;
	it.stretch_fil = 1;
	push(bl, it, sl);
}

static void
push_penalty(struct build *bl, double w, int pen, int flagged, int hyph, size_t at, enum pa_break k)
{
	struct lb_item it;
	struct slot sl = { at, at, k, 0, 0 };

	memset(&it, 0, sizeof it);
	it.type = LB_PENALTY;
	it.width = w;
	it.penalty = pen;
	it.flagged = flagged;
	it.hyphenation = hyph;

	push(bl, it, sl);
}

static int
is_cjk(gunichar c)
{
	GUnicodeScript sc = g_unichar_get_script(c);

	return sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
	    sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_HANGUL ||
	    sc == G_UNICODE_SCRIPT_BOPOMOFO || g_unichar_iswide(c);
}

static int
is_dash(gunichar c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
	    c == 0x2014 || c == 0x2015 || c == 0x00AD;
}

static double
hyphen_width(const struct pa_para *p, int item)
{
	PangoGlyphString *gs = pango_glyph_string_new();
	double w;

	pango_shape_with_flags("\xe2\x80\x90", 3, "\xe2\x80\x90", 3, &p->items[item]->analysis, gs,
	    PANGO_SHAPE_NONE);
	if (gs->num_glyphs < 1 || (gs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
		pango_shape_with_flags("-", 1, "-", 1, &p->items[item]->analysis, gs, PANGO_SHAPE_NONE);
	w = PU(pango_glyph_string_get_width(gs));
	pango_glyph_string_free(gs);
	return w;
}

/* A token (bytes [t0, t1)) that reads as a URL, e-mail address or path: no
 * hyphen may be added inside it. */
static int
url_like(const char *text, size_t len, size_t t0, size_t t1)
{
	char *tok = g_strndup(text + t0, MIN(t1, len) - t0);
	int r = strstr(tok, "://") || strstr(tok, "www.") || strchr(tok, '@') ||
	    strchr(tok, '/') || strchr(tok, '\\') || strchr(tok, '_');

	g_free(tok);
	return r;
}

/* Marks hyph[b] = 1 where libhyphen allows a break before byte b. */
static void
hyphenate_words(const struct pa_para *p, const struct pa_setup *s, unsigned char *hyph)
{
	const char *text = p->text->str;
	int c = 0, n = p->n_chars, tok_url = 0;
	size_t tok_end = 0;
	const char *lang = p->lang;
	size_t *at, b;          /* byte of each character: g_utf8_offset_to_pointer from
	                         * the start for each was quadratic in the paragraph */

	if (s->hyph == NULL || !s->hyphenate || !warta_hyphenator_has(s->hyph, lang))
		return;
	at = g_new(size_t, n + 1);
	for (b = 0, c = 0; c < n; c++, b = g_utf8_next_char(text + b) - text)
		at[c] = b;
	at[n] = p->text->len;
	c = 0;
	while (c < n) {
		int ws, we, k, ok = 1, upper = 0, np, pts[64];
		size_t b0, b1;

		if (!p->la[c].is_word_start) {
			c++;
			continue;
		}
		ws = c;
		for (we = c + 1; we < n && !p->la[we].is_word_end; we++)
			;
		c = we > ws ? we : ws + 1;
		b0 = at[ws];
		b1 = at[we];
		if (we - ws < s->hyphen_left + s->hyphen_right + 1)
			continue;
		/* no hyphens inside URLs, e-mail addresses and paths; the words of
		 * one space-delimited token share its verdict (a long token is
		 * scanned once, not once per word) */
		if (b0 >= tok_end) {
			size_t t0 = b0, t1 = b1;

			while (t0 > 0 && !g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + t0))))
				t0 = g_utf8_prev_char(text + t0) - text;
			while (t1 < p->text->len && !g_unichar_isspace(g_utf8_get_char(text + t1)))
				t1 = g_utf8_next_char(text + t1) - text;
			tok_url = url_like(text, p->text->len, t0, t1);
			tok_end = t1 > b0 ? t1 : b0 + 1;
		}
		if (tok_url)
			continue;
		/* parts of a hyphenated compound ("negara-negara") keep their one break */
		if ((ws > 0 && is_dash(g_utf8_get_char(g_utf8_prev_char(text + b0)))) ||
		    (b1 < p->text->len && is_dash(g_utf8_get_char(text + b1))))
			continue;
		for (k = ws; k < we && ok; k++) {
			gunichar ch = g_utf8_get_char(text + at[k]);
			const struct pa_run *r = run_at(p, at[k]);

			if (!g_unichar_isalpha(ch) || (r && (!r->fmt.hyphenate || r->fmt.literal || r->fmt.link)))
				ok = 0;
			if (g_unichar_isupper(ch))
				upper++;
		}
		/* no hyphens in acronyms or CamelCase; capitalised words may break
		 * (TeX's \uchyph=1): narrow news columns need them */
		if (!ok || upper > 1 || (upper == 1 && !g_unichar_isupper(g_utf8_get_char(text + b0))))
			continue;
		np = warta_hyphenate(s->hyph, lang, text + b0, b1 - b0, s->hyphen_left, s->hyphen_right,
		    pts, G_N_ELEMENTS(pts));
		for (k = 0; k < np; k++)
			if (pts[k] > 0 && (size_t)pts[k] < b1 - b0)
				hyph[b0 + pts[k]] = 1;
	}
	g_free(at);
}

/* Stretch of a ragged line.  Balanced settings (headlines, decks: no fil
 * at the end) get half the measure, so that the breaker evens the lines out
 * instead of filling the first ones. */
static double
rag_stretch(const struct pa_setup *s, double size)
{
	double S = RAG_EM * size;

	if (!s->last_line_fill && s->n_widths > 0)
		S = MAX(S, s->widths[0] / 2);
	return S;
}

/* A break inside a word (hyphen, dash, CJK, after a slash).  Ragged lines
 * need the stretch of a line end here too (Knuth & Plass 1981, p. 1134):
 * penalty(INF) glue(0, S) penalty(p) glue(0, -S), the first glue being no
 * legal break since a penalty precedes it. */
static void
push_break(struct build *bl, const struct pa_setup *s, double size, double w, int pen, int flagged,
           int hyph, size_t at, enum pa_break k)
{
	double S;

	if (s->align == WARTA_TA_JUSTIFY) {
		push_penalty(bl, w, pen, flagged, hyph, at, k);
		return;
	}
	S = rag_stretch(s, size);
	push_penalty(bl, 0, LB_INFINITY, 0, 0, at, PA_BREAK_PENALTY);
	push_glue(bl, 0, S, 0, at, at, 0);
	push_penalty(bl, w, pen, flagged, hyph, at, k);
	push_glue(bl, 0, -S, 0, at, at, 0);
}

/* Emergency breaks (issue 6).  A box wider than every line of the measure
 * cannot be set without an overfull line, so it gets a break at each
 * grapheme-cluster boundary (a Pango cursor position that also starts a
 * glyph cluster, so that no ligature or conjunct is cut), two clusters or
 * more from its ends.  Typography: a word of letters in a script that
 * hyphenates (Latin, Greek, Cyrillic, Armenian, Georgian) takes a hyphen
 * there, as at a hyphenation point; a URL, path, e-mail address, number,
 * code, link text, an identifier in CamelCase, or a script that never
 * hyphenates (Arabic, Hebrew, CJK, Thai, …) takes none, since a hyphen would
 * read as part of it.  Where the word would break best (a syllable the
 * hyphenation dictionary finds in a window around it, since libhyphen gives
 * nothing for so long a word; in an identifier, before an inner capital,
 * between letters and digits, after punctuation) the break costs
 * EMERGENCY_GOOD, elsewhere EMERGENCY_PENALTY (more than a loose line, so
 * the word rather starts a new line than breaks once more).  The breaks
 * count from the second pass like hyphens and are never flagged: a
 * 300-letter word needs more broken lines in a row than max_hyphen_run
 * allows.  A line ending at one is set ragged (the ragged-right items of
 * push_break): a run of letters has no space to justify with. */
#define EMERGENCY_PENALTY 1000
#define EMERGENCY_GOOD 500
#define EMERGENCY_WINDOW 32     /* characters hyphenated at a time */

static int
hyphenating_script(gunichar c)
{
	switch (g_unichar_get_script(c)) {
	case G_UNICODE_SCRIPT_LATIN:
	case G_UNICODE_SCRIPT_GREEK:
	case G_UNICODE_SCRIPT_CYRILLIC:
	case G_UNICODE_SCRIPT_ARMENIAN:
	case G_UNICODE_SCRIPT_GEORGIAN:
	case G_UNICODE_SCRIPT_INHERITED:
	case G_UNICODE_SCRIPT_COMMON:
		return 1;
	default:
		return 0;
	}
}

/* good[b - b0] = 1 at the syllable breaks of the letters [b0, b1): the
 * dictionary's points in windows of EMERGENCY_WINDOW characters that overlap
 * by half, each window trusted in its middle half (and at the word's ends). */
static void
good_syllables(const struct pa_para *p, const struct pa_setup *s, size_t b0, size_t b1,
               unsigned char *good)
{
	const char *text = p->text->str;
	long n = g_utf8_strlen(text + b0, b1 - b0), w0;
	int pts[EMERGENCY_WINDOW], np, k;

	if (s->hyph == NULL || !warta_hyphenator_has(s->hyph, p->lang))
		return;
	for (w0 = 0; w0 < n; w0 += EMERGENCY_WINDOW / 2) {
		const char *a = g_utf8_offset_to_pointer(text + b0, w0);
		const char *e = g_utf8_offset_to_pointer(a, MIN(EMERGENCY_WINDOW, n - w0));
		long lo = w0 == 0 ? 0 : EMERGENCY_WINDOW / 4;
		long hi = w0 + EMERGENCY_WINDOW >= n ? EMERGENCY_WINDOW : 3 * EMERGENCY_WINDOW / 4;

		np = warta_hyphenate(s->hyph, p->lang, a, e - a, 2, 2, pts, G_N_ELEMENTS(pts));
		for (k = 0; k < np; k++) {
			long c = g_utf8_pointer_to_offset(a, a + pts[k]);

			if (c >= lo && c < hi)
				good[a + pts[k] - (text + b0)] = 1;
		}
		if (w0 + EMERGENCY_WINDOW >= n)
			break;
	}
}

/* Pushes the box of bytes [b0, b1), width w; see above when it is too wide. */
static void
push_word(struct build *bl, const struct pa_para *p, const struct pa_setup *s, const double *cw,
          double *hw, const int *item_of, double w, size_t b0, size_t b1, double size)
{
	const char *text = p->text->str;
	size_t b, start, *pos, t0, t1;
	int m = 0, k, lo, hi, hy = 1, c, camel = 0, letters = 0, trail = 0;
	double pw = 0, S, hyphen = 0;
	gunichar prev = 0;
	unsigned char *good;
	struct wide wd;

	if (w <= bl->widest + 0.01 || b1 <= b0) {
		push_box(bl, w, b0, b1);
		return;
	}
	pos = g_new(size_t, b1 - b0);
	good = g_malloc0(b1 - b0 + 1);
	for (b = b0; b < b1; b = g_utf8_next_char(text + b) - text) {
		gunichar ch = g_utf8_get_char(text + b);
		const struct pa_run *r = run_at(p, b);

		if (b > b0 && p->la[p->char_at[b]].is_cursor_position && bl->cluster[b])
			pos[m++] = b;
		/* letters, with punctuation only around them ("word," "(word") */
		if (g_unichar_isalpha(ch) || g_unichar_ismark(ch)) {
			if (trail)
				hy = 0;
			letters++;
		} else if (!g_unichar_ispunct(ch)) {
			hy = 0;
		} else if (letters > 0) {
			trail = 1;
		}
		if (!hyphenating_script(ch) || (r && (r->fmt.literal || r->fmt.link)))
			hy = 0;
		/* the good breaks of an identifier, number or URL */
		if (b > b0 && ((g_unichar_isupper(ch) && g_unichar_islower(prev)) ||
		    (g_unichar_isdigit(ch) != 0) != (g_unichar_isdigit(prev) != 0) ||
		    (g_unichar_ispunct(prev) && !g_unichar_ispunct(ch))))
			good[b - b0] = 1;
		camel |= g_unichar_isupper(ch) && g_unichar_islower(prev);
		prev = ch;
	}
	/* two clusters at least on each side, when the word has them */
	lo = m >= 3 ? 1 : 0;
	hi = m >= 3 ? m - 1 : m;
	if (lo >= hi) {
		g_free(pos);
		g_free(good);
		push_box(bl, w, b0, b1);
		return;
	}
	if (hy && letters > 0 && !camel) {
		for (t0 = b0; t0 > 0 && !g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + t0)));)
			t0 = g_utf8_prev_char(text + t0) - text;
		for (t1 = b1; t1 < p->text->len && !g_unichar_isspace(g_utf8_get_char(text + t1));)
			t1 = g_utf8_next_char(text + t1) - text;
		hy = !url_like(text, p->text->len, t0, t1);
	} else {
		hy = 0;
	}
	if (hy) {
		memset(good, 0, b1 - b0 + 1);
		good_syllables(p, s, b0, b1, good);
		if (hw[item_of[b0]] == 0)
			hw[item_of[b0]] = hyphen_width(p, item_of[b0]);
		hyphen = hw[item_of[b0]];
	}
	wd.b0 = b0;
	wd.b1 = b1;
	wd.width = w;
	wd.broken = 0;
	g_array_append_val(bl->wide, wd);
	S = rag_stretch(s, size);
	start = b0;
	c = p->char_at[b0];
	for (b = b0, k = lo; b < b1; b = g_utf8_next_char(text + b) - text, c++) {
		if (k < hi && b == pos[k]) {
			push_box(bl, pw, start, b);
			push_penalty(bl, 0, LB_INFINITY, 0, 0, b, PA_BREAK_PENALTY);
			push_glue(bl, 0, S, 0, b, b, 0);
			push_penalty(bl, hy ? hyphen : 0, good[b - b0] ? EMERGENCY_GOOD : EMERGENCY_PENALTY,
			    0, 1, b, hy ? PA_BREAK_HYPHEN : PA_BREAK_PENALTY);
			g_array_index(bl->slots, struct slot, bl->slots->len - 1).emergency = bl->wide->len;
			push_glue(bl, 0, -S, 0, b, b, 0);
			start = b;
			pw = 0;
			k++;
		}
		pw += cw[c];
	}
	push_box(bl, pw, start, b1);
	g_free(pos);
	g_free(good);
}

static void
build_items(struct pa_para *p, const struct pa_setup *s, struct build *bl, const double *cw,
            const int *item_of)
{
	const char *text = p->text->str;
	size_t len = p->text->len, b, box0 = 0, lead_end = 0;
	double box = 0, size = 10;
	int c, in_box = 0, ragged = s->align != WARTA_TA_JUSTIFY;
	unsigned char *hyph = g_malloc0(len + 1);
	const struct warta_style *st = s->style;
	int hp = st ? st->hyphen_penalty : 50, xp = st ? st->ex_hyphen_penalty : 50;
	double *hw = g_new0(double, p->n_items);
	gunichar prev = 0;

	hyphenate_words(p, s, hyph);
	if (s->indent > 0)
		push_box(bl, s->indent, 0, 0);
	/* literal text (code) keeps its indentation: leading spaces are part
	 * of the first box, not glue discarded at the line start (tex.web §879) */
	while (lead_end < len && (text[lead_end] == ' ' || text[lead_end] == '\t') &&
	    run_at(p, lead_end) && run_at(p, lead_end)->fmt.literal)
		lead_end++;
	for (b = 0, c = 0; b < len; b = g_utf8_next_char(text + b) - text, c++) {
		gunichar ch = g_utf8_get_char(text + b);
		size_t nb = g_utf8_next_char(text + b) - text;
		const struct pa_run *r = run_at(p, b);

		size = r ? r->fmt.size : size;
		if (ch == 0x2028) {             /* hard line break */
			if (in_box)
				push_word(bl, p, s, cw, hw, item_of, box, box0, b, size);
			in_box = 0, box = 0;
			push_fil(bl, b);
			push_penalty(bl, 0, -LB_INFINITY, 0, 0, nb, PA_BREAK_FORCED);
			prev = ch;
			continue;
		}
		if ((g_unichar_isspace(ch) || ch == 0xA0 || ch == 0x202F) && b >= lead_end) {
			double w = cw[c];
			int nbsp = ch == 0xA0 || ch == 0x202F;
			/* a one-letter word ("A", "a", "I") does not end a
			 * balanced line (headline, deck) when it can be helped */
			int one = in_box && !s->last_line_fill && text + b == g_utf8_next_char(text + box0) &&
			    g_unichar_isalpha(g_utf8_get_char(text + box0)) && !is_cjk(g_utf8_get_char(text + box0));

			if (in_box)
				push_word(bl, p, s, cw, hw, item_of, box, box0, b, size);
			in_box = 0, box = 0;
			if (nbsp)
				push_penalty(bl, 0, LB_INFINITY, 0, 0, b, PA_BREAK_PENALTY);
			if (ragged && !nbsp) {
				double S = rag_stretch(s, size);

				push_glue(bl, 0, S, 0, b, b, 0);
				push_penalty(bl, 0, one ? 5000 : 0, 0, 0, b, PA_BREAK_GLUE);
				push_glue(bl, w, -S, 0, b, nb, 1);
			} else if (r && r->fmt.literal) {
				push_glue(bl, w, 0, 0, b, nb, 1);
			} else {
				push_glue(bl, w, w / 2, w / 5, b, nb, 1);
			}
			prev = ch;
			continue;
		}
		if (c > 0 && in_box && p->la[c].is_line_break && !(r && r->fmt.footnote)) {
			push_word(bl, p, s, cw, hw, item_of, box, box0, b, size);
			in_box = 0, box = 0;
			if (p->la[c].break_inserts_hyphen) {    /* soft hyphen */
				if (hw[item_of[b]] == 0)
					hw[item_of[b]] = hyphen_width(p, item_of[b]);
				push_break(bl, s, size, hw[item_of[b]], hp, 1, 0, b, PA_BREAK_HYPHEN);
			} else if (is_dash(prev)) {
				push_break(bl, s, size, 0, xp, 1, 0, b, PA_BREAK_EXPLICIT);
			} else if ((is_cjk(prev) || is_cjk(ch)) && !ragged) {
				push_glue(bl, 0, size / 8, 0, b, b, 0);    /* inter-character glue */
			} else {
				push_break(bl, s, size, 0, 0, 0, 0, b, PA_BREAK_PENALTY);
			}
		} else if (c > 0 && in_box && hyph[b]) {
			int it = item_of[b];

			if (hw[it] == 0)
				hw[it] = hyphen_width(p, it);
			push_word(bl, p, s, cw, hw, item_of, box, box0, b, size);
			in_box = 0, box = 0;
			push_break(bl, s, size, hw[it], hp, 1, 1, b, PA_BREAK_HYPHEN);
		}
		if (!in_box) {
			in_box = 1;
			box0 = b;
		}
		box += cw[c];
		prev = ch;
	}
	if (in_box)
		push_word(bl, p, s, cw, hw, item_of, box, box0, len, size);
	/* parfillskip + forced break (tex.web §816) */
	if (s->justify_last && !ragged)
		push_glue(bl, 0, 0, 0, len, len, 0);
	else if (s->last_line_fill || !ragged)
		push_fil(bl, len);
	else
		push_glue(bl, 0, rag_stretch(s, size), 0, len, len, 0);
	push_penalty(bl, 0, -LB_INFINITY, 0, 0, len, PA_BREAK_FINAL);
	g_free(hyph);
	g_free(hw);
}

/* ------------------------------------------------------------ lines */

/* Index of the item holding byte b (items are in logical order). */
static int
item_at(const struct pa_para *p, size_t b)
{
	int lo = 0, hi = p->n_items;

	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;

		if ((size_t)p->items[mid]->offset <= b)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Left to right: the first glyph whose cluster is at or after byte b.
 * Right to left: the first glyph (visual order) whose cluster is before b. */
static int
first_glyph(const PangoGlyphString *gs, size_t off, size_t b, int rtl)
{
	int lo = 0, hi = gs->num_glyphs;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		size_t at = off + gs->log_clusters[mid];

		if (rtl ? at >= b : at < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Glyphs of item i whose clusters lie in bytes [a, b), as a new glyph item. */
static PangoGlyphItem
slice(const struct pa_para *p, int i, size_t a, size_t b)
{
	PangoItem *src = p->items[i];
	PangoGlyphString *gs = p->glyphs[i], *ns = pango_glyph_string_new();
	PangoGlyphItem gi;
	int g, n = 0, g0, g1, rtl = src->analysis.level & 1;

	/* clusters run forwards (left to right) or backwards (right to left):
	 * find the glyphs of [a, b) by bisection, not by a scan per line */
	g0 = first_glyph(gs, src->offset, a, rtl);
	g1 = first_glyph(gs, src->offset, b, rtl);
	if (rtl) {
		int t = g0;

		g0 = g1;
		g1 = t;
	}
	for (g = g0; g < g1; g++) {
		size_t at = src->offset + gs->log_clusters[g];

		if (at >= a && at < b)
			n++;
	}
	pango_glyph_string_set_size(ns, n);
	for (g = g0, n = 0; g < g1; g++) {
		size_t at = src->offset + gs->log_clusters[g];

		if (at >= a && at < b) {
			ns->glyphs[n] = gs->glyphs[g];
			ns->log_clusters[n] = at - a;
			n++;
		}
	}
	gi.item = pango_item_copy(src);
	gi.item->offset = a;
	gi.item->length = b - a;
	gi.item->num_chars = g_utf8_strlen(p->text->str + a, b - a);
	gi.glyphs = ns;
	return gi;
}

/* Item i's bytes [a, b) shaped afresh (with a hyphen when hyphen is set). */
static PangoGlyphItem
reshape(const struct pa_para *p, int i, size_t a, size_t b, int hyphen)
{
	PangoGlyphItem gi;

	gi.item = pango_item_copy(p->items[i]);
	gi.item->offset = a;
	gi.item->length = b - a;
	gi.item->num_chars = g_utf8_strlen(p->text->str + a, b - a);
	if (hyphen)
		gi.item->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	gi.glyphs = pango_glyph_string_new();
	pango_shape_item(gi.item, p->text->str, p->text->len, p->la + p->char_at[a], gi.glyphs,
	    PANGO_SHAPE_NONE);
	letter_space(p, gi.item, gi.glyphs);
	return gi;
}

static void
add_piece(GArray *pcs, PangoGlyphItem gi, const struct pa_para *p)
{
	struct pa_piece pc;

	if (gi.glyphs->num_glyphs == 0 && !(gi.item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)) {
		pango_item_free(gi.item);
		pango_glyph_string_free(gi.glyphs);
		return;
	}
	memset(&pc, 0, sizeof pc);
	pc.gi = gi;
	pc.run = run_at(p, gi.item->offset);
	g_array_append_val(pcs, pc);
}

/* The hyphen at the end of a hyphenated line: a glyph item of its own over
 * the text "‐" (U+2010, or "-" when the font lacks it), so that text
 * extraction and copying see it, as with TeX's discretionary hyphens.  Its
 * width is the one the breaker used (hyphen_width). */
static void
hyphen_piece(GArray *pcs, const struct pa_para *p, int i, size_t le)
{
	static const char u2010[] = "\xe2\x80\x90";
	struct pa_piece pc;
	PangoGlyphItem gi;

	gi.item = pango_item_copy(p->items[i]);
	gi.item->analysis.flags &= ~PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	gi.item->offset = 0;
	gi.item->length = 3;
	gi.item->num_chars = 1;
	gi.glyphs = pango_glyph_string_new();
	pango_shape_with_flags(u2010, 3, u2010, 3, &gi.item->analysis, gi.glyphs, PANGO_SHAPE_NONE);
	memset(&pc, 0, sizeof pc);
	pc.text = u2010;
	if (gi.glyphs->num_glyphs < 1 || (gi.glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
		gi.item->length = 1;
		pango_shape_with_flags("-", 1, "-", 1, &gi.item->analysis, gi.glyphs, PANGO_SHAPE_NONE);
		pc.text = "-";
	}
	pc.gi = gi;
	pc.run = run_at(p, le > 0 ? le - 1 : 0);
	g_array_append_val(pcs, pc);
}

/* Byte where the word around byte b starts (previous break opportunity), not before lo. */
static size_t
word_start(const struct pa_para *p, size_t b, size_t lo)
{
	const char *t = p->text->str;

	while (b > lo) {
		size_t pb = g_utf8_prev_char(t + b) - t;
		gunichar ch = g_utf8_get_char(t + pb);

		if (p->la[p->char_at[b]].is_line_break || g_unichar_isspace(ch))
			break;
		b = pb;
	}
	return b;
}

static size_t
word_end(const struct pa_para *p, size_t b, size_t hi)
{
	const char *t = p->text->str;

	while (b < hi) {
		gunichar ch = g_utf8_get_char(t + b);

		if (g_unichar_isspace(ch))
			break;
		b = g_utf8_next_char(t + b) - t;
		if (b < hi && p->la[p->char_at[b]].is_line_break)
			break;
	}
	return b;
}

/* Unicode bidi rule L2 over the pieces' embedding levels. */
static void
reorder(struct pa_piece *pc, int n)
{
	int hi = 0, lo_odd = 255, i, j, k;

	for (i = 0; i < n; i++) {
		int lv = pc[i].gi.item->analysis.level;

		hi = MAX(hi, lv);
		if (lv & 1)
			lo_odd = MIN(lo_odd, lv);
	}
	for (k = hi; k >= lo_odd && k > 0; k--) {
		for (i = 0; i < n; i++) {
			if (pc[i].gi.item->analysis.level < k)
				continue;
			for (j = i; j < n && pc[j].gi.item->analysis.level >= k; j++)
				;
			for (int a = i, b = j - 1; a < b; a++, b--) {
				struct pa_piece t = pc[a];

				pc[a] = pc[b];
				pc[b] = t;
			}
			i = j;
		}
	}
}

static double
glyphs_width(PangoGlyphString *gs)
{
	return PU(pango_glyph_string_get_width(gs));
}

/* Makes line l from items [first, brk] of the breaker's list. */
static void
make_line(struct pa_para *p, const struct pa_setup *s, const struct build *bl, size_t first,
          size_t brk, const struct lb_line *lbl, int lineno, int prev_hyph_at, struct pa_line *L,
          double *space_w)
{
	const struct lb_item *it = (const struct lb_item *)bl->items->data;
	const struct slot *sl = (const struct slot *)bl->slots->data;
	size_t nitems = bl->items->len, k, ls, le, hy_at = (size_t)-1;
	double natural = 0, stretch = 0, shrink = 0, indent = 0, r, rg;
	double glue_w = 0, bstretch = 0, bshrink = 0, k_exp = 1;
	GArray *pcs = g_array_new(FALSE, FALSE, sizeof(struct pa_piece));
	int i, g, justify = s->align == WARTA_TA_JUSTIFY;

	/* the text range: from the first box to the break */
	ls = (size_t)-1;
	for (k = first; k < brk && k < nitems; k++) {
		if (it[k].type == LB_BOX && sl[k].b1 == sl[k].b0 && k == 0)
			indent = it[k].width;
		if (ls == (size_t)-1 && (it[k].type == LB_BOX && sl[k].b1 > sl[k].b0))
			ls = sl[k].b0;
		if (ls == (size_t)-1)
			continue;               /* discarded at the line start (tex.web §879) */
		if (it[k].type == LB_GLUE) {
			stretch += it[k].stretch;
			shrink += it[k].shrink;
			if (sl[k].space)
				glue_w += it[k].width;
		} else if (it[k].type == LB_BOX) {
			bstretch += it[k].stretch;
			bshrink += it[k].shrink;
		}
	}
	le = brk < nitems ? sl[brk].b0 : p->text->len;
	if (brk < nitems && it[brk].type == LB_PENALTY && sl[brk].kind == PA_BREAK_FORCED)
		le = sl[brk].b0 > 0 ? (size_t)(g_utf8_prev_char(p->text->str + sl[brk].b0) - p->text->str) : 0;
	if (ls == (size_t)-1 || ls > le)
		ls = le;
	/* trailing spaces are not shown */
	while (le > ls && g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(p->text->str + le))))
		le = g_utf8_prev_char(p->text->str + le) - p->text->str;
	L->start = ls;
	L->end = le;
	L->brk = brk < nitems ? (it[brk].type == LB_GLUE ? PA_BREAK_GLUE : sl[brk].kind) : PA_BREAK_FINAL;
	L->hyphenated = brk < nitems && it[brk].type == LB_PENALTY && it[brk].width > 0 &&
	    (it[brk].flagged || sl[brk].emergency);
	if (L->hyphenated)
		hy_at = sl[brk].b0;

	/* pieces in logical order, reshaping word edges at hyphen breaks */
	for (i = item_at(p, ls); i < p->n_items && (size_t)p->items[i]->offset < MAX(le, ls + 1); i++) {
		size_t a = MAX(ls, (size_t)p->items[i]->offset);
		size_t b = MIN(le, (size_t)(p->items[i]->offset + p->items[i]->length));
		size_t cut0 = a, cut1 = b;
		int hy_end = hy_at == le && b == le;

		if (a >= b)
			continue;
		if (prev_hyph_at >= 0 && a == ls && (size_t)prev_hyph_at == ls)
			cut0 = word_end(p, a, b);
		if (hy_end) {
			cut1 = word_start(p, b, a);
			if (cut1 < cut0)        /* one fragment: reshape it whole */
				cut0 = cut1 = a;
		}
		if (cut0 > a)
			add_piece(pcs, reshape(p, i, a, cut0, 0), p);
		if (cut1 > cut0)
			add_piece(pcs, slice(p, i, cut0, cut1), p);
		if (b > cut1)
			add_piece(pcs, hy_end ? reshape(p, i, cut1, b, 0) : slice(p, i, cut1, b), p);
		if (hy_end)
			hyphen_piece(pcs, p, i, le);
	}
	/* a hyphen break whose word was reshaped whole keeps its hyphen; natural width */
	for (i = 0; i < (int)pcs->len; i++) {
		struct pa_piece *pc = &g_array_index(pcs, struct pa_piece, i);
		natural += glyphs_width(pc->gi.glyphs);
		if (pc->gi.item->analysis.font) {
			/* the font's ascent and descent as pango_font_get_metrics gives
			 * them for unhinted metrics (Pango 1.50's FcFont takes HarfBuzz's
			 * extents), without its first call per font shaping a sample
			 * text for the average character width */
			hb_font_extents_t ext;

			hb_font_get_extents_for_direction(pango_font_get_hb_font(pc->gi.item->analysis.font),
			    HB_DIRECTION_LTR, &ext);
			L->ascent = MAX(L->ascent, PU(ext.ascender));
			L->descent = MAX(L->descent, PU(-ext.descender));
		}
	}
	natural += indent;
	L->measure = s->widths[MIN((size_t)lineno, s->n_widths - 1)];
	L->x0 = s->offsets ? s->offsets[MIN((size_t)lineno, s->n_offsets - 1)] : 0;
	/* the adjustment ratio of the line as shaped (tex.web §658), boxes'
	 * glyph expansion counted with the glue */
	r = 0;
	/* a line ending inside a word wider than the measure is set ragged */
	if (justify && !(brk < nitems && sl[brk].emergency) &&
	    ((L->brk != PA_BREAK_FINAL && L->brk != PA_BREAK_FORCED) ||
	    (L->brk == PA_BREAK_FINAL && s->justify_last))) {
		if (natural < L->measure && stretch + bstretch > 0)
			r = (L->measure - natural) / (stretch + bstretch);
		else if (natural > L->measure && shrink + bshrink > 0)
			r = (L->measure - natural) / (shrink + bshrink);
		if (r < -1)
			r = -1;
		L->justified = 1;
	} else if (justify && natural > L->measure && shrink + bshrink > 0) {
		r = MAX(-1, (L->measure - natural) / (shrink + bshrink));
	}
	L->ratio = r;
	L->fitness = lbl->fitness;
	/* glyph expansion up to its limit (pdfTeX's font expansion), the rest
	 * of the difference in the spaces */
	rg = r;
	if (bstretch > 0 || bshrink > 0) {
		double boxes = natural - indent - glue_w, kr = MAX(-1, MIN(1, r)), rest;

		k_exp = 1 + kr * (kr > 0 ? bstretch : bshrink) / MAX(boxes, 1);
		rest = L->measure - indent - boxes * k_exp - glue_w;
		if (!L->justified && rest > 0)
			rest = 0;
		/* in steps of EXPANSION_STEP, as pdfTeX's \pdffontexpand step does, the
		 * difference left to the spaces: each distinct expansion is a scaled
		 * font of its own in Cairo with its own glyph cache (a continuous value
		 * made one per line and loaded every glyph again) */
		if (L->justified && k_exp != 1) {
			double kq = 1 + round((k_exp - 1) / EXPANSION_STEP) * EXPANSION_STEP;
			double rq = L->measure - indent - boxes * kq - glue_w;

			if ((rq >= 0 && (rq == 0 || stretch > 0)) || (rq < 0 && shrink > 0 && rq >= -shrink)) {
				k_exp = kq;
				rest = rq;
			}
		}
		rg = rest > 0 ? (stretch > 0 ? rest / stretch : 0) : (shrink > 0 ? MAX(-1, rest / shrink) : 0);
	}
	L->scale = k_exp;
	/* glue widths onto the space glyphs (drawn scaled by k_exp with the rest) */
	for (k = first; k < brk && k < nitems; k++) {
		double w;

		if (it[k].type != LB_GLUE || !sl[k].space)
			continue;
		w = it[k].width;
		if (justify)
			w += rg > 0 ? rg * it[k].stretch : rg * it[k].shrink;
		space_w[sl[k].b0] = w / k_exp;
	}
	L->natural = 0;
	for (i = 0; i < (int)pcs->len; i++) {
		struct pa_piece *pc = &g_array_index(pcs, struct pa_piece, i);
		PangoGlyphString *gs = pc->gi.glyphs;

		for (g = 0; g < gs->num_glyphs && pc->text == NULL; g++) {
			size_t at = pc->gi.item->offset + gs->log_clusters[g];

			if (space_w[at] >= 0 && gs->glyphs[g].attr.is_cluster_start) {
				gs->glyphs[g].geometry.width = (int)lround(space_w[at] * PANGO_SCALE);
				space_w[at] = -1;
			}
		}
		pc->width = glyphs_width(gs) * k_exp;
		L->natural += pc->width;
	}
	L->natural += indent;
	L->overfull = L->natural > L->measure + 0.5;
	reorder((struct pa_piece *)pcs->data, pcs->len);
	{
		double x, avail = L->measure - L->natural;
		enum warta_text_align al = s->align;

		if (al == WARTA_TA_JUSTIFY)
			al = WARTA_TA_LEFT;
		if (p->rtl && al == WARTA_TA_LEFT)
			al = WARTA_TA_RIGHT;
		else if (p->rtl && al == WARTA_TA_RIGHT)
			al = WARTA_TA_LEFT;
		x = al == WARTA_TA_CENTER ? avail / 2 : al == WARTA_TA_RIGHT ? avail : 0;
		if (!p->rtl)
			x += indent;
		for (i = 0; i < (int)pcs->len; i++) {
			struct pa_piece *pc = &g_array_index(pcs, struct pa_piece, i);

			pc->x = x;
			x += pc->width;
		}
	}
	L->n_pieces = pcs->len;
	L->pieces = (struct pa_piece *)g_array_free(pcs, FALSE);
	/* footnote calls on the line, all of them */
	{
		guint ri;
		GArray *fn = NULL;
		int zero = 0;

		const struct pa_run *r0 = run_at(p, ls);

		for (ri = r0 ? (guint)(r0 - (const struct pa_run *)p->runs->data) : 0;
		     ri < p->runs->len; ri++) {
			const struct pa_run *run = &g_array_index(p->runs, struct pa_run, ri);

			if (run->start >= MAX(le, ls + 1))
				break;
			if (run->fmt.footnote && run->start >= ls) {
				if (fn == NULL)
					fn = g_array_new(FALSE, FALSE, sizeof(int));
				g_array_append_val(fn, run->fmt.footnote);
			}
		}
		if (fn) {
			g_array_append_val(fn, zero);
			L->footnotes = (int *)g_array_free(fn, FALSE);
		}
	}
}

/* The warning for a word given emergency breaks, once, at its source position. */
static void
warn_wide(const struct pa_para *p, const struct pa_setup *s, struct wide *w, double widest)
{
	const struct pa_run *r = run_at(p, w->b0);
	long n = g_utf8_strlen(p->text->str + w->b0, w->b1 - w->b0);
	char *t = g_utf8_substring(p->text->str + w->b0, 0, MIN(n, 40));
	int col = r ? r->col + (int)g_utf8_strlen(p->text->str + r->start, w->b0 - r->start) : 0;

	if (s->continues_word && w->b0 == 0)
		w->broken = 1;   /* warned in the piece before */
	if (!w->broken && s->diags)
		warta_diag(s->diags, WARTA_WARNING, p->file, r ? r->line : 0, col,
		    "a word wider than the column (%.1f pt > %.1f pt) is broken across lines: \"%s%s\"",
		    w->width, widest, t, n > 40 ? "…" : "");
	w->broken = 1;
	g_free(t);
}

int
pa_set(struct pa_para *p, const struct pa_setup *s)
{
	struct build bl;
	struct lb_params lp;
	struct lb_result res;
	double *cw, *space_w;
	int *item_of;
	int i, prev_hyph = -1;
	size_t first = 0, k;
	const struct warta_style *st = s->style;
	long long t0;

	free_lines(p);
	free_shaping(p);
	if (p->text->len == 0)
		return 0;
	t0 = warta_clock_now();
	shape(p, s);
	warta_clock_add(WARTA_CLOCK_SHAPE, t0);
	t0 = warta_clock_now();
	/* per-character widths and the item of each byte */
	cw = g_new0(double, p->n_chars + 1);
	item_of = g_new0(int, p->text->len + 1);
	for (i = 0; i < p->n_items; i++) {
		PangoItem *item = p->items[i];
		int *w = g_new0(int, item->num_chars), c0 = p->char_at[item->offset], c;

		pango_glyph_string_get_logical_widths(p->glyphs[i], p->text->str + item->offset,
		    item->length, item->analysis.level, w);
		for (c = 0; c < item->num_chars; c++)
			cw[c0 + c] = PU(w[c]);
		for (k = item->offset; k < (size_t)(item->offset + item->length); k++)
			item_of[k] = i;
		g_free(w);
	}
	bl.items = g_array_new(FALSE, FALSE, sizeof(struct lb_item));
	bl.slots = g_array_new(FALSE, FALSE, sizeof(struct slot));
	bl.expansion = s->align == WARTA_TA_JUSTIFY && st && st->expansion > 0 ? MIN(st->expansion, 0.05) : 0;
	bl.widest = 0;
	for (k = 0; k < s->n_widths; k++)
		bl.widest = MAX(bl.widest, s->widths[k]);
	bl.wide = g_array_new(FALSE, FALSE, sizeof(struct wide));
	bl.cluster = g_malloc0(p->text->len + 1);
	for (i = 0; i < p->n_items; i++) {
		int g;

		bl.cluster[p->items[i]->offset] = 1;
		for (g = 0; g < p->glyphs[i]->num_glyphs; g++)
			bl.cluster[p->items[i]->offset + p->glyphs[i]->log_clusters[g]] = 1;
	}
	build_items(p, s, &bl, cw, item_of);
	g_free(bl.cluster);

	lb_params_default(&lp);
	if (st) {
		lp.pretolerance = st->pretolerance;
		lp.tolerance = st->tolerance;
		lp.emergency_stretch = st->emergency_stretch * st->el[WARTA_EL_BODY].size;
		lp.line_penalty = st->line_penalty;
		lp.adj_demerits = st->adj_demerits;
		lp.double_hyphen_demerits = st->double_hyphen_demerits;
		lp.final_hyphen_demerits = st->final_hyphen_demerits;
		lp.max_hyphen_run = st->max_hyphen_run;
	}
	if (s->align != WARTA_TA_JUSTIFY) {
		lp.pretolerance = -1;
		lp.tolerance = MAX(lp.tolerance, 1000);
		lp.adj_demerits = 0;
		/* balanced (headlines, decks): the fewest lines first (TeX's
		 * \looseness, tex.web §875), then the least demerits among
		 * breaks into that many lines, which with half the measure as
		 * every line's stretch is the most even one (CSS text-wrap:
		 * balance) */
		if (!s->last_line_fill)
			lp.looseness = -1000;
	}
	if (lb_break((struct lb_item *)bl.items->data, bl.items->len, s->widths, s->n_widths, &lp, &res) < 0) {
		g_array_free(bl.items, TRUE);
		g_array_free(bl.slots, TRUE);
		g_array_free(bl.wide, TRUE);
		g_free(cw);
		g_free(item_of);
		return -1;
	}
	p->pass = res.pass;
	p->n_lines = res.n_lines;
	p->lines = g_new0(struct pa_line, res.n_lines);
	space_w = g_new(double, p->text->len + 1);
	for (k = 0; k <= p->text->len; k++)
		space_w[k] = -1;
	for (i = 0; i < (int)res.n_lines; i++) {
		const struct lb_line *ln = &res.lines[i];
		struct pa_line *L = &p->lines[i];

		first = ln->start;
		make_line(p, s, &bl, first, ln->end, ln, i, prev_hyph, L, space_w);
		if (ln->overfull || L->overfull) {
			const struct pa_run *r = run_at(p, L->start);
			char *t = g_utf8_substring(p->text->str + L->start, 0,
			    MIN(48, g_utf8_strlen(p->text->str + L->start, L->end - L->start)));
			int col = r ? r->col + (int)g_utf8_strlen(p->text->str + r->start, L->start - r->start) : 0;

			L->overfull = 1;
			if (s->diags)
				warta_diag(s->diags, WARTA_WARNING, p->file, r ? r->line : 0, col,
				    "overfull line (%.1f pt too wide): \"%s\"", L->natural - L->measure, t);
			g_free(t);
		}
		if (ln->end < bl.slots->len && g_array_index(bl.slots, struct slot, ln->end).emergency)
			warn_wide(p, s, &g_array_index(bl.wide, struct wide,
			    g_array_index(bl.slots, struct slot, ln->end).emergency - 1), bl.widest);
		prev_hyph = L->hyphenated ? (int)((const struct slot *)bl.slots->data)[ln->end].b0 : -1;
		if (L->hyphenated)
			L->hyphenated = 1;
	}
	lb_result_free(&res);
	g_free(space_w);
	g_array_free(bl.items, TRUE);
	g_array_free(bl.slots, TRUE);
	g_array_free(bl.wide, TRUE);
	g_free(cw);
	g_free(item_of);
	/* the lines hold their own glyphs: the paragraph's glyphs and character
	 * tables are not read after this, and kept they were half the memory of
	 * a long article (the items stay: their fonts are Pango's cache, and
	 * dropping them changed later fallback choices) */
	for (i = 0; i < p->n_items; i++) {
		pango_glyph_string_free(p->glyphs[i]);
		p->glyphs[i] = NULL;
	}
	g_free(p->la);
	g_free(p->char_at);
	p->la = NULL;
	p->char_at = NULL;
	warta_clock_add(WARTA_CLOCK_BREAK, t0);
	return 0;
}

char *
pa_line_text(const struct pa_para *p, const struct pa_line *l)
{
	GString *s = g_string_new_len(p->text->str + l->start, l->end - l->start);
	char *c;

	for (c = s->str; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (l->hyphenated)
		g_string_append(s, "-");
	return g_string_free(s, FALSE);
}

double
pa_measure(PangoContext *ctx, const struct warta_style *style, const char *utf8, const struct pa_fmt *fmt)
{
	struct pa_para *p = pa_new("en", 0, NULL);
	struct pa_setup s;
	double w = 0, big = 1e6;
	int i;

	memset(&s, 0, sizeof s);
	pa_add(p, utf8, -1, fmt, 0, 0);
	s.ctx = ctx;
	s.style = style;
	s.align = WARTA_TA_LEFT;
	s.widths = &big;
	s.n_widths = 1;
	s.last_line_fill = 1;
	if (pa_set(p, &s) == 0)
		for (i = 0; i < p->n_lines; i++)
			w = MAX(w, p->lines[i].natural);
	pa_free(p);
	return w;
}
