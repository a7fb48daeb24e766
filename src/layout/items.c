/* items.c — a shaped paragraph → the Knuth–Plass list (linebreak.h):
 * words as boxes (stretchable by glyph expansion), spaces as glue, ragged
 * lines' stretch, hyphenation points from the dictionaries (not in URLs),
 * breaks after dashes and between CJK characters, and emergency breaks in
 * words wider than every line. */
#include <math.h>
#include <string.h>

#include <hb.h>
#include <pango/pangocairo.h>

#include "layout/para_int.h"

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
	struct slot sl = { b0, b1, PA_BREAK_GLUE, 0, 0, 0 };

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
	struct slot sl = { b0, b1, PA_BREAK_GLUE, space, 0, 0 };

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
	struct slot sl = { at, at, PA_BREAK_GLUE, 0, 0, 0 };

	memset(&it, 0, sizeof it);
	it.type = LB_GLUE;
	it.stretch_fil = 1;
	push(bl, it, sl);
}

static void
push_penalty(struct build *bl, double w, int pen, int flagged, int hyph, size_t at, enum pa_break k)
{
	struct lb_item it;
	struct slot sl = { at, at, k, 0, 0, 0 };

	memset(&it, 0, sizeof it);
	it.type = LB_PENALTY;
	it.width = w;
	it.penalty = pen;
	it.flagged = flagged;
	it.hyphenation = hyph;

	push(bl, it, sl);
}

static int
is_dash(gunichar c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
	    c == 0x2014 || c == 0x2015 || c == 0x00AD;
}

const char *
pa_hyphen_char(PangoFont *font)
{
	hb_codepoint_t g;

	/* asked of HarfBuzz, as Pango's shaping does: shaping a character the
	 * font lacks would measure its box with Cairo (guard.h) */
	if (font && hb_font_get_nominal_glyph(pango_font_get_hb_font(font), 0x2010, &g) && g != 0)
		return "\xe2\x80\x90";
	return "-";
}

static double
hyphen_width(const struct pa_para *p, int item)
{
	PangoGlyphString *gs = pango_glyph_string_new();
	const char *h = pa_hyphen_char(p->items[item]->analysis.font);
	double w;

	pango_shape_with_flags(h, (int)strlen(h), h, (int)strlen(h), &p->items[item]->analysis, gs,
	    PANGO_SHAPE_NONE);
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
			const struct pa_run *r = pa_run_at(p, at[k]);

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
	/* a: the window's start, carried from one window to the next (counting
	 * from the word's start for each made a long word's cost its square) */
	const char *a = text + b0;

	for (w0 = 0; w0 < n; w0 += EMERGENCY_WINDOW / 2) {
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
		a = g_utf8_offset_to_pointer(a, EMERGENCY_WINDOW / 2);
	}
}

/* What a word too wide for the line holds: its cluster starts after the
 * first (pos[0..m)), the good places to cut an identifier, number or URL
 * (good[b - b0]), whether it may be hyphenated (hy: letters with
 * punctuation only around them, in a hyphenating script, not literal or a
 * link), its letters, and whether it is written in camel case. */
struct wide_word {
	size_t *pos;
	unsigned char *good;
	int m, hy, letters, camel;
};

static void
scan_wide(const struct build *bl, const struct pa_para *p, size_t b0, size_t b1,
          struct wide_word *ww)
{
	const char *text = p->text->str;
	gunichar prev = 0;
	int trail = 0;
	size_t b;

	ww->pos = g_new(size_t, b1 - b0);
	ww->good = g_malloc0(b1 - b0 + 1);
	ww->m = ww->letters = ww->camel = 0;
	ww->hy = 1;
	for (b = b0; b < b1; b = g_utf8_next_char(text + b) - text) {
		gunichar ch = g_utf8_get_char(text + b);
		const struct pa_run *r = pa_run_at(p, b);

		if (b > b0 && p->la[p->char_at[b]].is_cursor_position && bl->cluster[b])
			ww->pos[ww->m++] = b;
		/* letters, with punctuation only around them ("word," "(word") */
		if (g_unichar_isalpha(ch) || g_unichar_ismark(ch)) {
			if (trail)
				ww->hy = 0;
			ww->letters++;
		} else if (!g_unichar_ispunct(ch)) {
			ww->hy = 0;
		} else if (ww->letters > 0) {
			trail = 1;
		}
		if (!hyphenating_script(ch) || (r && (r->fmt.literal || r->fmt.link)))
			ww->hy = 0;
		/* the good breaks of an identifier, number or URL */
		if (b > b0 && ((g_unichar_isupper(ch) && g_unichar_islower(prev)) ||
		    (g_unichar_isdigit(ch) != 0) != (g_unichar_isdigit(prev) != 0) ||
		    (g_unichar_ispunct(prev) && !g_unichar_ispunct(ch))))
			ww->good[b - b0] = 1;
		ww->camel |= g_unichar_isupper(ch) && g_unichar_islower(prev);
		prev = ch;
	}
}

/* Whether the wide word [b0, b1) is hyphenated by the dictionary: a word
 * of letters, not camel case, and not part of a URL-like run of text. */
static int
hyphenate_wide(const struct pa_para *p, size_t b0, size_t b1, const struct wide_word *ww)
{
	const char *text = p->text->str;
	size_t t0, t1;

	if (!ww->hy || ww->letters == 0 || ww->camel)
		return 0;
	for (t0 = b0; t0 > 0 && !g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + t0)));)
		t0 = g_utf8_prev_char(text + t0) - text;
	for (t1 = b1; t1 < p->text->len && !g_unichar_isspace(g_utf8_get_char(text + t1));)
		t1 = g_utf8_next_char(text + t1) - text;
	return !url_like(text, p->text->len, t0, t1);
}

/* Pushes the box of bytes [b0, b1), width w; see above when it is too wide. */
static void
push_word(struct build *bl, const struct pa_para *p, const struct pa_setup *s, const double *cw,
          double *hw, const int *item_of, double w, size_t b0, size_t b1, double size)
{
	const char *text = p->text->str;
	size_t b, start;
	int k, lo, hi, hy, c;
	double pw = 0, S, hyphen = 0;
	struct wide_word ww;
	struct wide wd;

	if (w <= bl->widest + 0.01 || b1 <= b0) {
		push_box(bl, w, b0, b1);
		/* ideographs keep their square: CJK lines are justified between
		 * the characters, never by widening the glyphs */
		if (b1 > b0 && pa_is_ideographic(g_utf8_get_char(text + b0)) &&
		    pa_is_ideographic(g_utf8_get_char(g_utf8_prev_char(text + b1)))) {
			struct lb_item *it = &g_array_index(bl->items, struct lb_item, bl->items->len - 1);

			it->stretch = it->shrink = 0;
		}
		return;
	}
	scan_wide(bl, p, b0, b1, &ww);
	/* two clusters at least on each side, when the word has them */
	lo = ww.m >= 3 ? 1 : 0;
	hi = ww.m >= 3 ? ww.m - 1 : ww.m;
	if (lo >= hi) {
		g_free(ww.pos);
		g_free(ww.good);
		push_box(bl, w, b0, b1);
		return;
	}
	hy = hyphenate_wide(p, b0, b1, &ww);
	if (hy) {
		memset(ww.good, 0, b1 - b0 + 1);
		good_syllables(p, s, b0, b1, ww.good);
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
		if (k < hi && b == ww.pos[k]) {
			push_box(bl, pw, start, b);
			push_penalty(bl, 0, LB_INFINITY, 0, 0, b, PA_BREAK_PENALTY);
			push_glue(bl, 0, S, 0, b, b, 0);
			push_penalty(bl, hy ? hyphen : 0, ww.good[b - b0] ? EMERGENCY_GOOD : EMERGENCY_PENALTY,
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
	g_free(ww.pos);
	g_free(ww.good);
}

/* The list being built for one paragraph, and where the scan is. */
struct scan {
	struct build *bl;
	const struct pa_para *p;
	const struct pa_setup *s;
	const double *cw;
	const int *item_of;
	double *hw;                 /* hyphen width of each item, 0: not measured yet */
	int hp, xp;                 /* hyphen and explicit-hyphen penalties */
	int ragged;
	int in_box;                 /* a word is open: from box0, box wide */
	size_t box0;
	double box, size;           /* size: the current run's, pt */
	gunichar prev;
	int spaces;                 /* plain spaces just before, in ragged or literal text */
	unsigned char *words;       /* a balanced CJK setting: ICU's word starts (cjk.c) */
	int cjk_lang;               /* the paragraph is in Chinese or Japanese */
	int words_done;
};

/* Closes the open word (if any) at byte b. */
static void
end_word(struct scan *S, size_t b)
{
	if (S->in_box)
		push_word(S->bl, S->p, S->s, S->cw, S->hw, S->item_of, S->box, S->box0, b, S->size);
	S->in_box = 0, S->box = 0;
}

/* The width of a hyphen in the item at byte b, measured once. */
static double
item_hyphen(struct scan *S, size_t b)
{
	int it = S->item_of[b];

	if (S->hw[it] == 0)
		S->hw[it] = hyphen_width(S->p, it);
	return S->hw[it];
}

/* A space (or a no-break space) ch at bytes [b, nb), character c: glue
 * (ragged lines: stretch that a break takes away), a penalty against a
 * break at a no-break space, a dear break after a one-letter word of a
 * balanced line. */
static void
at_space(struct scan *S, gunichar ch, size_t b, size_t nb, int c, const struct pa_run *r)
{
	const char *text = S->p->text->str;
	double w = S->cw[c];
	/* in Chinese and Japanese no line ends with an opening bracket, not
	 * even when a space follows it ("「擱淺」( 中國稱") */
	int nbsp = ch == 0xA0 || ch == 0x202F || (S->cjk_lang &&
	    (g_unichar_type(S->prev) == G_UNICODE_OPEN_PUNCTUATION ||
	    g_unichar_type(S->prev) == G_UNICODE_INITIAL_PUNCTUATION));
	/* a one-letter word ("A", "a", "I") does not end a balanced line
	 * (headline, deck) when it can be helped */
	int one = S->in_box && !S->s->last_line_fill && text + b == g_utf8_next_char(text + S->box0) &&
	    g_unichar_isalpha(g_utf8_get_char(text + S->box0)) && !pa_is_cjk(g_utf8_get_char(text + S->box0));

	end_word(S, b);
	/* a run of spaces in ragged or literal text has one break, at its
	 * first space (a break discards the glue after it, tex.web §879);
	 * the others are one glue, widened by each: a code line of a million
	 * spaces was three million items */
	if (!nbsp && (S->ragged || (r && r->fmt.literal)) && S->spaces > 0) {
		if (S->spaces++ == 1) {
			push_glue(S->bl, w, 0, 0, b, nb, 0);
		} else {
			g_array_index(S->bl->items, struct lb_item, S->bl->items->len - 1).width += w;
			g_array_index(S->bl->slots, struct slot, S->bl->slots->len - 1).b1 = nb;
		}
		return;
	}
	S->spaces = !nbsp && (S->ragged || (r && r->fmt.literal));
	if (nbsp)
		push_penalty(S->bl, 0, LB_INFINITY, 0, 0, b, PA_BREAK_PENALTY);
	if (S->ragged && !nbsp) {
		double st = rag_stretch(S->s, S->size);

		push_glue(S->bl, 0, st, 0, b, b, 0);
		push_penalty(S->bl, 0, one ? 5000 : 0, 0, 0, b, PA_BREAK_GLUE);
		push_glue(S->bl, w, -st, 0, b, nb, 1);
	} else if (r && r->fmt.literal) {
		push_glue(S->bl, w, 0, 0, b, nb, 1);
	} else {
		push_glue(S->bl, w, w / 2, w / 5, b, nb, 1);
	}
}

/* CJK lines (README, "Scripts and languages").  Justified: the gap
 * between two characters is glue that stretches by an eighth of an em
 * (CLREQ #line_adjustment: inter-character spacing, not glyph expansion);
 * the blank of a punctuation mark at a break (cjk.c) is glue of its width
 * that shrinks to half of it.  Balanced (headlines, decks): a break
 * between two characters of one word, as ICU's dictionary sees words,
 * costs CJK_IN_WORD, one between two words CJK_BETWEEN_WORDS, one after
 * punctuation or at a space nothing: headlines break between phrases. */
#define CJK_STRETCH 0.125
#define CJK_IN_WORD 5000
#define CJK_BETWEEN_WORDS 300

static int
cjk_letter(gunichar c)
{
	return pa_is_cjk(c) && (g_unichar_isalpha(c) || g_unichar_isdigit(c));
}

static void
cjk_break(struct scan *S, gunichar ch, size_t b, int c)
{
	double gap = S->p->cjk_gap ? S->p->cjk_gap[c] : 0;
	int pen = 0;

	if (!S->ragged) {
		S->bl->cjk_gaps = 1;
		push_glue(S->bl, gap, S->size * CJK_STRETCH, gap / 2, b, b, 0);
		g_array_index(S->bl->slots, struct slot, S->bl->slots->len - 1).cjk = 1;
		return;
	}
	if (!S->s->last_line_fill && cjk_letter(S->prev) && cjk_letter(ch)) {
		if (!S->words_done) {
			S->words = pa_cjk_words(S->p);
			S->words_done = 1;
		}
		pen = S->words == NULL || S->words[c] ? CJK_BETWEEN_WORDS : CJK_IN_WORD;
	}
	push_break(S->bl, S->s, S->size, 0, pen, 0, 0, b, PA_BREAK_PENALTY);
}

/* A break opportunity inside a run of letters at byte b (character c, ch):
 * after a soft hyphen or a dash, between CJK characters, where Pango's
 * line breaking allows one, at a hyphenation point of the dictionaries. */
static void
at_letter(struct scan *S, gunichar ch, size_t b, int c, const struct pa_run *r, const unsigned char *hyph)
{
	const struct pa_para *p = S->p;

	S->spaces = 0;
	if (c > 0 && S->in_box && p->la[c].is_line_break && !(r && r->fmt.footnote)) {
		end_word(S, b);
		if (p->la[c].break_inserts_hyphen)      /* soft hyphen */
			push_break(S->bl, S->s, S->size, item_hyphen(S, b), S->hp, 1, 0, b, PA_BREAK_HYPHEN);
		else if (p->cjk_gap && p->cjk_gap[c] > 0)
			cjk_break(S, ch, b, c);
		else if (is_dash(S->prev))
			push_break(S->bl, S->s, S->size, 0, S->xp, 1, 0, b, PA_BREAK_EXPLICIT);
		else if (pa_is_cjk(S->prev) || pa_is_cjk(ch))
			cjk_break(S, ch, b, c);
		else
			push_break(S->bl, S->s, S->size, 0, 0, 0, 0, b, PA_BREAK_PENALTY);
	} else if (c > 0 && S->in_box && hyph[b]) {
		double w = item_hyphen(S, b);

		end_word(S, b);
		push_break(S->bl, S->s, S->size, w, S->hp, 1, 1, b, PA_BREAK_HYPHEN);
	}
	if (!S->in_box) {
		S->in_box = 1;
		S->box0 = b;
	}
	S->box += S->cw[c];
}

void
pa_build_items(struct pa_para *p, const struct pa_setup *s, struct build *bl, const double *cw,
            const int *item_of)
{
	const char *text = p->text->str;
	size_t len = p->text->len, b, lead_end = 0;
	unsigned char *hyph = g_malloc0(len + 1);
	const struct warta_style *st = s->style;
	struct scan S;
	int c;

	memset(&S, 0, sizeof S);
	S.bl = bl;
	S.p = p;
	S.s = s;
	S.cw = cw;
	S.item_of = item_of;
	S.hw = g_new0(double, p->n_items);
	S.hp = st ? st->hyphen_penalty : 50;
	S.xp = st ? st->ex_hyphen_penalty : 50;
	S.ragged = s->align != WARTA_TA_JUSTIFY;
	S.cjk_lang = p->lang && (g_str_has_prefix(p->lang, "zh") || g_str_has_prefix(p->lang, "ja"));
	S.size = 10;
	hyphenate_words(p, s, hyph);
	if (s->indent > 0)
		push_box(bl, s->indent, 0, 0);
	/* literal text (code) keeps its indentation: leading spaces are part
	 * of the first box, not glue discarded at the line start (tex.web §879) */
	while (lead_end < len && (text[lead_end] == ' ' || text[lead_end] == '\t') &&
	    pa_run_at(p, lead_end) && pa_run_at(p, lead_end)->fmt.literal)
		lead_end++;
	for (b = 0, c = 0; b < len; b = g_utf8_next_char(text + b) - text, c++) {
		gunichar ch = g_utf8_get_char(text + b);
		size_t nb = g_utf8_next_char(text + b) - text;
		const struct pa_run *r = pa_run_at(p, b);

		S.size = r ? r->fmt.size : S.size;
		if (ch == 0x2028) {             /* hard line break */
			S.spaces = 0;
			end_word(&S, b);
			push_fil(bl, b);
			push_penalty(bl, 0, -LB_INFINITY, 0, 0, nb, PA_BREAK_FORCED);
		} else if ((g_unichar_isspace(ch) || ch == 0xA0 || ch == 0x202F) && b >= lead_end) {
			at_space(&S, ch, b, nb, c, r);
		} else {
			at_letter(&S, ch, b, c, r, hyph);
		}
		S.prev = ch;
	}
	end_word(&S, len);
	/* parfillskip + forced break (tex.web §816) */
	if (s->justify_last && !S.ragged)
		push_glue(bl, 0, 0, 0, len, len, 0);
	else if (s->last_line_fill || !S.ragged)
		push_fil(bl, len);
	else
		push_glue(bl, 0, rag_stretch(s, S.size), 0, len, len, 0);
	push_penalty(bl, 0, -LB_INFINITY, 0, 0, len, PA_BREAK_FINAL);
	g_free(S.words);
	g_free(hyph);
	g_free(S.hw);
}

