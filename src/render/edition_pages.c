/* edition_pages.c — an edition made up as pages holding several articles,
 * on a baseline grid: run on (a style's [edition] makeup = flow) or as a
 * newspaper (makeup = modular: a front page with nameplate, lead and index
 * strip, section fronts with flags, modules, jumps).
 *
 * Each article is laid out once by the typesetter (typeset.h), its body as
 * one galley at the column measure.  The galley's lines are put on the grid
 * (every advance rounded to whole grid steps, so headings, quotes and
 * spaces take whole steps and every body line lands on a grid line), its
 * head blocks are set for every module width (a headline ladder: narrower
 * modules, smaller heads), everything measured in grid lines goes to the
 * make-up (layout/makeup.h), and the pages it returns are painted here on
 * the outputter (out.h): modules, cutoff rules, jump lines with links both
 * ways, nameplate, section flags, index strip, folios. */
#include <math.h>
#include <string.h>

#include "lang/lang.h"
#include "layout/makeup.h"
#include "render/out.h"
#include "util/date.h"

/* One slot of a galley: a grid line, holding a line of the body (or of a
 * footnote), or nothing. */
struct slot {
	const struct rline *l;          /* a body line, or NULL */
	const struct pa_para *P;        /* a footnote line (l NULL): its paragraph */
	int li;                         /* its line */
	int note;                       /* the footnote's number at its first line, 0: none */
};

/* A head block set across some width: its list and its grid lines. */
struct head {
	GArray *v;
	int lines;
};

struct ed_art {
	struct art *A;
	struct slot *slot;
	int n_slot;
	unsigned char *nobreak;
	struct head head[MK_MAX_COLS + 1], jhead[MK_MAX_COLS + 1];
	int priority;                   /* front matter's, 0: none (1 is the most important) */
	int section;
	const char *section_name;
};

struct ed {
	struct rn *R;                   /* a copy of the call's: its style may be ours */
	struct warta_diags *d;
	double B;                       /* the grid step: the body's leading */
	double top, first_base;         /* the type area's top; baseline of grid line 0 below it */
	int L;                          /* grid lines in a column */
	int modular;
	struct ed_art *a;
	int n;
	int n_sect;
	struct mk_params p;
	struct mk_result r;
	int *sect_page;                 /* first page (1-based) of each section */
	/* front page */
	GPtrArray *paras;               /* furniture paragraphs set here, freed at the end */
	struct warta_style *head_style; /* the style with the headline size being set */
	struct rn Rh;
	int off_grid;
	int first_no;                   /* the page number of the first made-up page */
};

/* ------------------------------------------------------------ labels */

/* The fixed words of the edition's pages per language (English otherwise).
 * One table, easy to replace by the shared labels (warta_label) once they
 * are on main. */
enum ed_label { L_CONT_ON, L_CONT_FROM, L_INSIDE, L_PAGE, L_EDITION, L_COUNT };

static const struct {
	const char *lang;
	const char *s[L_COUNT];
} ed_labels[] = {
	{ "en", { "Continued on page %d", "Continued from page %d", "Inside", "Page %d", "No. %s" } },
	{ "id", { "Bersambung ke halaman %d", "Sambungan dari halaman %d", "Halaman dalam",
	          "Halaman %d", "No. %s" } },
	{ "ms", { "Bersambung di halaman %d", "Sambungan dari halaman %d", "Di dalam", "Halaman %d",
	          "Bil. %s" } },
	{ "de", { "Fortsetzung auf Seite %d", "Fortsetzung von Seite %d", "Im Innern", "Seite %d",
	          "Nr. %s" } },
	{ "fr", { "Suite en page %d", "Suite de la page %d", "À l’intérieur", "Page %d", "N° %s" } },
	{ "nl", { "Vervolg op pagina %d", "Vervolg van pagina %d", "Binnenin", "Pagina %d", "Nr. %s" } },
	{ "es", { "Continúa en la página %d", "Viene de la página %d", "En el interior", "Página %d",
	          "N.º %s" } },
	{ "ar", { "التتمة في الصفحة %d", "تتمة من الصفحة %d", "في الداخل", "صفحة %d", "العدد %s" } },
	{ "zh", { "转第%d版", "上接第%d版", "本期导读", "第%d版", "第%s期" } },
	{ "ja", { "%dページに続く", "%dページから続く", "中面", "%dページ", "第%s号" } },
};

static const char *
label(const char *lang, enum ed_label k)
{
	size_t i;

	for (i = 0; lang && i < G_N_ELEMENTS(ed_labels); i++) {
		size_t n = strlen(ed_labels[i].lang);

		if (strncmp(lang, ed_labels[i].lang, n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
			return ed_labels[i].s[k];
	}
	return ed_labels[0].s[k];
}

/* ------------------------------------------------------------ grid */

static int
grid_lines(const struct ed *E, double h)
{
	int n = (int)ceil(h / E->B - 0.02);

	return n < 0 ? 0 : n;
}

/* The baseline of grid line g (0-based from the type area's top). */
static double
grid_y(const struct ed *E, int g)
{
	return E->top + E->first_base + g * E->B;
}

static double
page_left(const struct rn *R, int page_no)
{
	return page_no % 2 ? R->style->margin_inner : R->style->margin_outer;
}

static double
col_left(const struct ed *E, double left, int c)
{
	return left + c * (E->R->colw + E->R->style->gutter);
}

/* ------------------------------------------------------------ galleys */

/* The body's list on the grid: each line's advance from the line before
 * (with the glue between) rounded to whole grid steps, a shortfall of a
 * quarter step forgiven (a 2 pt space under a heading does not cost a
 * line); the footnotes after the body, a line apart. */
static void
make_galley(struct ed *E, struct ed_art *X)
{
	struct art *A = X->A;
	const struct pb_item *v = (const struct pb_item *)A->v->data;
	size_t n = A->v->len, i;
	GArray *slots = g_array_new(FALSE, TRUE, sizeof(struct slot));
	GArray *nb = g_array_new(FALSE, TRUE, 1);
	double acc = 0;
	int pos = -1, pen = 0, prev_first = 0, prev_last = 1, unbreakable = 0;
	unsigned char zero = 0, one = 1;

	for (i = 0; i < n; i++) {
		const struct pb_item *it = &v[i];

		if (it->kind == PB_GLUE) {
			if (pos >= 0)
				acc += it->height;
		} else if (it->kind == PB_PENALTY) {
			if (it->penalty > pen)
				pen = it->penalty;
		} else if (it->kind == PB_LINE) {
			int steps = 0, s;
			struct slot sl = { it->data, NULL, 0, 0 };

			if (pos >= 0) {
				steps = (int)ceil((it->height + acc) / E->B - 0.25);
				if (steps < 1)
					steps = 1;
			}
			s = pos + (pos >= 0 ? steps : 1);
			g_array_set_size(slots, s + 1);
			g_array_set_size(nb, s + 1);
			g_array_index(slots, struct slot, s) = sl;
			/* a leg may end before this line (after the first s slots)? */
			unbreakable = pos < 0 || pen >= 10000 || (prev_first && !prev_last) ||
			    (it->para_last && !it->para_first);
			g_array_index(nb, unsigned char, s) = unbreakable ? one : zero;
			for (int b = pos + 1; b < s; b++)
				g_array_index(nb, unsigned char, b) = one;      /* a leg never starts blank */
			pos = s;
			acc = 0;
			pen = 0;
			prev_first = it->para_first;
			prev_last = it->para_last;
		}
	}
	/* footnotes: a blank line, then each note's lines */
	for (int f = 1; f <= A->n_fn; f++) {
		struct pa_para *P = A->fn[f];

		if (P == NULL)
			continue;
		pos += f == 1 ? 2 : 1;
		for (int k = 0; k < P->n_lines; k++, pos++) {
			struct slot sl = { NULL, P, k, k == 0 ? f : 0 };

			g_array_set_size(slots, pos + 1);
			g_array_set_size(nb, pos + 1);
			g_array_index(slots, struct slot, pos) = sl;
			g_array_index(nb, unsigned char, pos) = k > 0 && (k == 1 || k == P->n_lines - 1);
		}
		pos--;
	}
	X->n_slot = pos + 1;
	g_array_set_size(nb, X->n_slot + 1);
	for (int s = 1; s < X->n_slot; s++)
		if (g_array_index(slots, struct slot, s).l == NULL && g_array_index(slots, struct slot, s).P == NULL)
			g_array_index(nb, unsigned char, s) = 1;       /* no leg starts blank */
	X->slot = (struct slot *)g_array_free(slots, FALSE);
	X->nobreak = (unsigned char *)g_array_free(nb, FALSE);
}

/* ------------------------------------------------------------ heads */

/* The headline size of a module k columns wide: a ladder from the notes'
 * 14–96 pt series, never over the style's own headline; the lead a step up. */
static double
head_size(const struct ed *E, int k, int lead)
{
	static const double ladder[] = { 0, 20, 28, 36, 42, 48, 54, 60, 72 };
	/* run on, a head is smaller than an article's own page's: 3/5 of it */
	double s = E->modular ? ladder[k] + (lead ? 8 : 0) : E->R->style->el[WARTA_EL_HEADLINE].size * 0.6;
	double max = E->R->style->el[WARTA_EL_HEADLINE].size;

	return s < max ? s : max;
}

/* Height of a list set straight down, pt. */
static double
list_height(const GArray *v)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	double h = 0, depth = 0;
	int first = 1;

	for (guint i = 0; i < v->len; i++) {
		if (it[i].kind == PB_LINE) {
			h += first ? it[i].top : it[i].height;
			depth = it[i].depth;
			first = 0;
		} else if (it[i].kind == PB_GLUE && !first) {
			h += it[i].height;
			depth = 0;
		}
	}
	return h + depth;
}

/* The head block of X across width w: headline (at size), deck, byline,
 * date; or, for a jump head, the headline's first words, small. */
static struct head
make_head(struct ed *E, struct ed_art *X, double w, double size, int jump)
{
	struct art *A = X->A;
	const struct warta_meta *m = &A->doc->meta;
	struct rn *R = &E->Rh;
	GArray *save = A->v;
	double savew = A->colw;
	struct warta_diags *saved = A->d, scratch;
	struct head h;
	struct pa_para *P;
	struct pa_fmt f;
	struct rblock *b;

	*E->head_style = *E->R->style;
	E->head_style->el[WARTA_EL_HEADLINE].size = size;
	E->head_style->el[WARTA_EL_HEADLINE].leading = size * 1.04;
	E->head_style->el[WARTA_EL_HEADLINE].space_after = MIN(E->R->style->el[WARTA_EL_HEADLINE].space_after,
	    size * 0.3);
	h.v = g_array_new(FALSE, FALSE, sizeof(struct pb_item));
	A->v = h.v;
	/* the head was set (and its problems reported) once by the typesetter */
	warta_diags_init(&scratch);
	A->d = &scratch;
	A->colw = w;
	P = rn_new_para(R, A, NULL);
	f = rn_fmt(R, WARTA_EL_HEADLINE);
	f.hyphenate = 0;
	if (jump) {
		/* the keyword: the headline's first words */
		const char *t = m->title ? m->title : A->doc->name;
		char **words = g_strsplit(t, " ", 5);
		char *kw;

		if (g_strv_length(words) > 4)
			g_free(words[4]), words[4] = NULL;
		kw = g_strjoinv(" ", words);
		g_strfreev(words);
		rn_add_display(P, kw, &f, m->title_line, m->title_col);
		g_free(kw);
		b = rn_new_block(A, "H2", 0, 0);
		rn_para_lines(R, A, P, WARTA_EL_HEADLINE, b, 0, 0, 0, 1, NULL);
	} else {
		rn_add_display(P, m->title ? m->title : A->doc->name, &f, m->title_line, m->title_col);
		b = rn_new_block(A, "H1", 0, 0);
		/* the target of the contents', the index strip's and the
		 * outline's links to the article (as article.c's head) */
		b->dest = g_strdup_printf("%stop", A->prefix);
		rn_para_lines(R, A, P, WARTA_EL_HEADLINE, b, 0, 0, 0, 1, NULL);
		rn_space(A, rn_el(R, WARTA_EL_HEADLINE)->space_after);
		if (m->subtitle && *m->subtitle && (w > E->R->colw * 1.5 || !E->modular)) {
			struct pa_fmt df;

			P = rn_new_para(R, A, NULL);
			df = rn_fmt(R, WARTA_EL_DECK);
			if (E->modular) {
				df.size = MIN(df.size, size * 0.5);
			}
			rn_add_display(P, m->subtitle, &df, m->title_line + 1, 1);
			rn_para_lines(R, A, P, WARTA_EL_DECK, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
			rn_space(A, rn_el(R, WARTA_EL_DECK)->space_after);
		}
		if (m->author && *m->author) {
			P = rn_new_para(R, A, NULL);
			f = rn_fmt(R, WARTA_EL_BYLINE);
			pa_add(P, m->author, -1, &f, m->title_line, 1);
			rn_para_lines(R, A, P, WARTA_EL_BYLINE, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		}
		if (m->date && *m->date) {
			char *ds = warta_date_format(m->date, m->lang);

			P = rn_new_para(R, A, NULL);
			f = rn_fmt(R, WARTA_EL_DATE);
			pa_add(P, ds ? ds : m->date, -1, &f, m->title_line, 1);
			g_free(ds);
			rn_para_lines(R, A, P, WARTA_EL_DATE, rn_new_block(A, "P", 0, 0), 0, 0, 0, 1, NULL);
		}
	}
	A->v = save;
	A->colw = savew;
	A->d = saved;
	warta_diags_fini(&scratch);
	A->keep_next = 0;
	/* and a grid line of air under it before the body */
	h.lines = grid_lines(E, list_height(h.v)) + 1;
	return h;
}

/* The head across w at size, or smaller while it would take more than half
 * the page (a headline of hundreds of words still fits, whole). */
static struct head
fitting_head(struct ed *E, struct ed_art *X, double w, double size)
{
	struct head h = make_head(E, X, w, size, 0);
	double body = E->R->style->el[WARTA_EL_BODY].size;

	while (h.lines > E->L / 2 && size > body) {
		g_array_free(h.v, TRUE);
		size = MAX(body, size * 0.75);
		h = make_head(E, X, w, size, 0);
	}
	return h;
}

/* ------------------------------------------------------------ furniture */

static struct pa_para *
furniture(struct ed *E, const char *text, const char *lang, int rtl, struct pa_fmt *f, double w,
          enum warta_text_align align)
{
	struct pa_para *P = pa_new(lang ? lang : "en", rtl, NULL);
	struct pa_setup su;

	g_ptr_array_add(E->paras, P);
	pa_add(P, text, -1, f, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = E->R->ctx;
	su.style = E->R->style;
	su.align = align;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(P, &su);
	return P;
}

/* Draws P's lines from baseline y, each aligned in [x, x + w). */
static void
furniture_draw(struct rn_out *o, const struct pa_para *P, double x, double y, double lead)
{
	for (int i = 0; i < P->n_lines; i++)
		o->ops->text_line(o, P, i, x, y + i * lead);
}

/* The edition's language: the first article's. */
static const char *
ed_lang(const struct ed *E)
{
	return E->R->docs[0]->meta.lang ? E->R->docs[0]->meta.lang : "en";
}

/* The edition's date: --edition-date, else its newest article's. */
static const char *
ed_date(const struct ed *E)
{
	const char *best = E->R->opts->edition_date;

	for (size_t i = 0; !E->R->opts->edition_date && i < E->R->n_docs; i++) {
		const char *d = E->R->docs[i]->meta.date;

		if (d && (best == NULL || strcmp(d, best) > 0))
			best = d;
	}
	return best;
}

/* ------------------------------------------------------------ painting */

static void
paint_slot(struct ed *E, struct rn_out *o, const struct ed_art *X, const struct slot *s, double x,
           double y)
{
	if (s->l) {
		rn_paint_rline(E->R, o, X->A, s->l, x, y);
	} else if (s->P) {
		if (s->note) {
			char *dest = g_strdup_printf("name='%sfn-%d'", X->A->prefix, s->note);

			o->ops->structure(o, X->A, NULL, 0);
			o->ops->elem_begin(o, RN_ELEM_DEST, dest);
			o->ops->text_line(o, s->P, s->li, x, y);
			o->ops->elem_end(o, RN_ELEM_DEST);
			g_free(dest);
		} else {
			o->ops->text_line(o, s->P, s->li, x, y);
		}
	}
}

static void
paint_list(struct ed *E, struct rn_out *o, const struct art *A, const GArray *v, double x, double top)
{
	const struct pb_item *it = (const struct pb_item *)v->data;
	double y = top;
	int first = 1;

	for (guint i = 0; i < v->len; i++) {
		if (it[i].kind == PB_LINE) {
			y += first ? it[i].top : it[i].height;
			first = 0;
			rn_paint_rline(E->R, o, A, it[i].data, x, y);
		} else if (it[i].kind == PB_GLUE && !first) {
			y += it[i].height;
		}
	}
}

/* A jump line: "Continued on page N" (on = 1, flush right, linked to the
 * continuation) or "Continued from page M" (flush left, linked back); each
 * is the other's link target. */
static void
paint_jump(struct ed *E, struct rn_out *o, const struct ed_art *X, int part, int on, int page,
           double x, double w, double y)
{
	const struct warta_meta *m = &X->A->doc->meta;
	struct pa_fmt f = rn_fmt(E->R, WARTA_EL_BYLINE);
	char *text = g_strdup_printf(label(m->lang, on ? L_CONT_ON : L_CONT_FROM), page);
	char *here = g_strdup_printf("%sjump-%d-%s", X->A->prefix, part, on ? "on" : "from");
	char *there = g_strdup_printf("#%sjump-%d-%s", X->A->prefix, on ? part + 1 : part - 1,
	    on ? "from" : "on");
	char *dest = g_strdup_printf("name='%s'", here);
	struct pa_para *P = pa_new(m->lang, m->rtl, NULL);
	struct pa_setup su;

	g_ptr_array_add(E->paras, P);
	f.italic = 1;
	f.link = pa_link(P, there);
	pa_add(P, text, -1, &f, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = E->R->ctx;
	su.style = E->R->style;
	su.align = on != m->rtl ? WARTA_TA_RIGHT : WARTA_TA_LEFT;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(P, &su);
	o->ops->mark(o, RN_MARK_JUMP, 0, x, y);
	o->ops->structure(o, X->A, NULL, 0);
	o->ops->elem_begin(o, RN_ELEM_DEST, dest);
	if (P->n_lines)
		o->ops->text_line(o, P, 0, x, y);
	o->ops->elem_end(o, RN_ELEM_DEST);
	g_free(text);
	g_free(here);
	g_free(there);
	g_free(dest);
}

static void
paint_module(struct ed *E, struct rn_out *o, const struct mk_module *m, int part, int page_no)
{
	const struct rn *R = E->R;
	struct ed_art *X = &E->a[m->art];
	int rtl = X->A->doc->meta.rtl, g, pos;
	double left = page_left(R, page_no), x = col_left(E, left, m->col0);
	double w = m->k * R->colw + (m->k - 1) * R->style->gutter;
	const struct head *h = m->cont ? &X->jhead[m->k] : &X->head[m->k];

	o->ops->module(o, m->art + 1, m->col0, m->k, m->line0, m->h, x, E->top + m->line0 * E->B, w,
	    m->h * E->B);
	g = m->line0;
	/* the head: its last baseline on a grid line */
	if (m->head > 0) {
		double ytop = E->top + g * E->B;

		o->ops->mark(o, RN_MARK_HEAD, 0, x, ytop);
		paint_list(E, o, X->A, h->v, x, ytop);
	}
	g += m->head;
	if (m->jump_from_line) {
		paint_jump(E, o, X, part, 0, m->jump_from + 1, x, w, grid_y(E, g));
		g += m->jump_from_line;
	}
	g += m->photo + m->pad;
	pos = m->from;
	for (int j = 0; j < m->k; j++) {
		int c = rtl ? m->col0 + m->k - 1 - j : m->col0 + j;
		double cx = col_left(E, left, c);

		o->ops->mark(o, RN_MARK_COLUMN, c + 1, cx, grid_y(E, g));
		for (int s = 0; s < m->legs[j]; s++, pos++) {
			double y = grid_y(E, g + s), q = (y - E->top - E->first_base) / E->B;

			if (fabs(q - floor(q + 0.5)) > 1e-6 && (X->slot[pos].l || X->slot[pos].P))
				E->off_grid++;
			paint_slot(E, o, X, &X->slot[pos], cx, y);
		}
	}
	if (m->jump_to_line)
		paint_jump(E, o, X, part, 1, m->jump_to + 1, x, w, grid_y(E, m->line0 + m->h - 1));
	o->ops->structure(o, NULL, NULL, 0);
}

/* The nameplate: the edition's title large, a rule, the date in the
 * edition's language at the left, the edition line at the right. */
static int
nameplate(struct ed *E, struct rn_out *o, int page_no)
{
	const struct rn *R = E->R;
	const struct warta_render_opts *op = R->opts;
	struct pa_fmt tf = rn_fmt(R, WARTA_EL_HEADLINE), lf = rn_fmt(R, WARTA_EL_BYLINE);
	const char *lang = ed_lang(E);
	double left = page_left(R, page_no), size = MIN(96, R->textw / 9);
	struct pa_para *T, *D = NULL, *N = NULL;
	char *ds = NULL;
	int lines;

	tf.size = size;
	tf.hyphenate = 0;
	tf.weight = 700;
	T = furniture(E, op->edition_title ? op->edition_title : "Edition", lang, 0, &tf, R->textw,
	    WARTA_TA_CENTER);
	if (ed_date(E) && (ds = warta_date_format(ed_date(E), lang)) != NULL)
		D = furniture(E, ds, lang, 0, &lf, R->textw / 2, WARTA_TA_LEFT);
	if (op->edition_number && *op->edition_number) {
		char *t = g_strdup_printf(label(lang, L_EDITION), op->edition_number);

		N = furniture(E, t, lang, 0, &lf, R->textw / 2, WARTA_TA_RIGHT);
		g_free(t);
	}
	g_free(ds);
	/* the title's baseline at its size below the top, a rule, the date line, a rule */
	lines = grid_lines(E, size * 1.0 + 4 + E->B + 6) + 1;
	if (o) {
		double y = E->top + size * 0.8;

		o->ops->mark(o, RN_MARK_HEAD, 0, left, E->top);
		if (T->n_lines)
			furniture_draw(o, T, left, y, size);
		y += size * 0.25 + 4;
		o->ops->rule(o, RN_RULE_TEXT, left, y, R->textw, 1.2);
		if (D)
			furniture_draw(o, D, left, y + E->B, E->B);
		if (N)
			furniture_draw(o, N, left + R->textw / 2, y + E->B, E->B);
		o->ops->rule(o, RN_RULE_TEXT, left, grid_y(E, lines - 1) - E->B * 0.25, R->textw, 2);
	}
	return lines;
}

/* A section's flag: its name over a heavy rule, across the page. */
static int
flag(struct ed *E, struct rn_out *o, int page_no, const char *name)
{
	const struct rn *R = E->R;
	struct pa_fmt f = rn_fmt(R, WARTA_EL_RUNNING_HEAD);
	double left = page_left(R, page_no), size = 2.2 * E->B;
	int lines = 4;
	struct pa_para *P;

	if (!o)
		return lines;
	f.size = size;
	f.weight = 700;
	f.uppercase = 1;
	P = furniture(E, name && *name ? name : (R->opts->edition_title ? R->opts->edition_title : ""),
	    ed_lang(E), 0, &f, R->textw, WARTA_TA_LEFT);
	o->ops->mark(o, RN_MARK_HEAD, 0, left, E->top);
	if (P->n_lines)
		o->ops->text_line(o, P, 0, left, grid_y(E, 1));
	o->ops->rule(o, RN_RULE_TEXT, left, grid_y(E, 2), R->textw, 3);
	return lines;
}

/* One entry of the index strip: TEXT linked to URL, at most two lines of
 * a column (a teaser, not the whole headline when long), at X from grid
 * line Y0 + 2. */
static void
index_entry(struct ed *E, struct rn_out *o, const struct pa_fmt *tf, const char *lang, int rtl,
            const char *text, const char *url, double x, int y0)
{
	const struct rn *R = E->R;
	struct pa_fmt f = *tf;
	struct pa_para *P = pa_new(lang, rtl, NULL);
	struct pa_setup su;
	double w = R->colw;

	g_ptr_array_add(E->paras, P);
	f.link = pa_link(P, url);
	pa_add(P, text, -1, &f, 0, 0);
	memset(&su, 0, sizeof su);
	su.ctx = R->ctx;
	su.style = R->style;
	su.align = WARTA_TA_LEFT;
	su.widths = &w;
	su.n_widths = 1;
	su.last_line_fill = 1;
	pa_set(P, &su);
	for (int k = 0; k < P->n_lines && k < 2; k++)
		o->ops->text_line(o, P, k, x, grid_y(E, y0 + 2 + k));
}

/* The front page's index strip: the section fronts inside, or (one
 * section) the stories inside, each with its page, linked. */
static int
index_strip(struct ed *E, struct rn_out *o, int page_no, int lines)
{
	const struct rn *R = E->R;
	double left = page_left(R, page_no);
	int n = 0, y0 = E->L - lines;
	struct pa_fmt lf = rn_fmt(R, WARTA_EL_RUNNING_HEAD), tf = rn_fmt(R, WARTA_EL_BYLINE);

	if (!o)
		return 4;
	lf.weight = 700;
	o->ops->rule(o, RN_RULE_TEXT, left, grid_y(E, y0) - E->B * 0.25 + 3, R->textw, 1.2);
	{
		struct pa_para *P = furniture(E, label(ed_lang(E), L_INSIDE), ed_lang(E), 0, &lf, R->textw,
		    WARTA_TA_LEFT);

		o->ops->mark(o, RN_MARK_HEAD, 0, left, grid_y(E, y0));
		if (P->n_lines)
			o->ops->text_line(o, P, 0, left, grid_y(E, y0 + 1));
	}
	/* one entry a column: section fronts, else the articles whose start is inside */
	for (int s = 0; s < E->n_sect && E->n_sect > 1 && n < R->cols; s++) {
		const struct ed_art *X = NULL;

		for (int i = 0; i < E->n; i++)
			if (E->a[i].section == s) {
				X = &E->a[i];
				break;
			}
		if (X == NULL || E->sect_page[s] <= 1)
			continue;
		{
			char *t = g_strdup_printf("%s \xe2\x80\x94 %d", X->section_name ? X->section_name : "",
			    E->sect_page[s]);
			char *url = g_strdup_printf("#page-%d", E->sect_page[s]);

			index_entry(E, o, &tf, ed_lang(E), 0, t, url, col_left(E, left, n), y0);
			g_free(t);
			g_free(url);
			n++;
		}
	}
	for (int j = 0; j < E->r.n_mod && n < R->cols; j++) {
		const struct mk_module *m = &E->r.mod[j];
		const struct ed_art *X = &E->a[m->art];
		const struct warta_meta *mt = &X->A->doc->meta;

		if (m->page == 0 || m->cont || E->n_sect > 1)
			continue;
		{
			char *t = g_strdup_printf("%s \xe2\x80\x94 %d", mt->title ? mt->title : X->A->doc->name,
			    m->page + 1);
			char *url = g_strdup_printf("#%stop", X->A->prefix);

			index_entry(E, o, &tf, mt->lang, mt->rtl, t, url, col_left(E, left, n), y0);
			g_free(t);
			g_free(url);
			n++;
		}
	}
	return lines;
}

/* Folio: edition and date left, page number right, above the type area. */
static void
folio(struct ed *E, struct rn_out *o, int page_no)
{
	const struct rn *R = E->R;
	double left = page_left(R, page_no), y = E->top - 2 * rn_leading(R, WARTA_EL_RUNNING_HEAD);
	struct pa_fmt rf = rn_fmt(R, WARTA_EL_RUNNING_HEAD), ff = rn_fmt(R, WARTA_EL_FOLIO);
	char num[16];
	char *ds = ed_date(E) ? warta_date_format(ed_date(E), ed_lang(E)) : NULL;
	char *t = g_strdup_printf("%s%s%s", R->opts->edition_title ? R->opts->edition_title : "",
	    ds ? " \xc2\xb7 " : "", ds ? ds : "");
	struct pa_para *H, *F;

	g_snprintf(num, sizeof num, "%d", page_no);
	H = furniture(E, t, ed_lang(E), 0, &rf, R->textw * 0.75, WARTA_TA_LEFT);
	F = furniture(E, num, "en", 0, &ff, R->textw, WARTA_TA_LEFT);
	o->ops->structure(o, NULL, NULL, 0);
	o->ops->mark(o, RN_MARK_RUNNING_HEAD, 0, left, y);
	if (F->n_lines && H->n_lines) {
		double fw = F->lines[0].natural, hw = H->lines[0].natural;

		o->ops->text_line(o, F, 0, page_no % 2 ? left + R->textw - fw : left, y);
		o->ops->text_line(o, H, 0, page_no % 2 ? left + R->textw - fw - 12 - hw : left + fw + 12, y);
	}
	o->ops->rule(o, RN_RULE_RUNNING_HEAD, left, y + 5, R->textw, 0.4);
	g_free(ds);
	g_free(t);
}

/* Cutoff rules: in the alley above every module that has another above it
 * (a thin rule across the module, centred in the alley). */
static void
cutoffs(struct ed *E, struct rn_out *o, const struct mk_page *pg, int page_no)
{
	double left = page_left(E->R, page_no);

	for (int j = pg->first; j < pg->first + pg->n; j++) {
		const struct mk_module *m = &E->r.mod[j];
		double x = col_left(E, left, m->col0);
		double w = m->k * E->R->colw + (m->k - 1) * E->R->style->gutter;

		if (m->line0 <= pg->band || E->p.alley == 0)
			continue;
		if (!E->modular && E->R->style->article_break != WARTA_BREAK_RULE)
			continue;
		o->ops->rule(o, RN_RULE_TEXT, x, E->top + (m->line0 - E->p.alley * 0.5) * E->B, w, 0.5);
	}
}

static void
paint_page(struct ed *E, struct rn_out *o, int pi)
{
	const struct mk_page *pg = &E->r.pages[pi];
	int page_no = E->first_no + pi;
	char *dest = g_strdup_printf("name='page-%d' x=0 y=0", page_no);

	if (!o->ops->page_begin(o, page_no)) {
		g_free(dest);
		return;
	}
	/* the page's grid: "module" 0, the type area */
	o->ops->module(o, 0, 0, E->p.cols, 0, E->L, page_left(E->R, page_no), E->top, E->R->textw,
	    E->L * E->B);
	/* its bands (-1): nameplate or section flag at the top, index strip at the foot */
	if (pg->front || pg->flag)
		o->ops->module(o, -1, 0, E->p.cols, 0, pg->band, page_left(E->R, page_no), E->top,
		    E->R->textw, pg->band * E->B);
	if (pg->foot)
		o->ops->module(o, -1, 0, E->p.cols, E->L - pg->foot, pg->foot, page_left(E->R, page_no),
		    E->top + (E->L - pg->foot) * E->B, E->R->textw, pg->foot * E->B);
	if (page_no > 1 || !pg->front)
		folio(E, o, page_no);
	o->ops->elem_begin(o, RN_ELEM_DEST, dest);
	o->ops->elem_end(o, RN_ELEM_DEST);
	if (pg->front)
		nameplate(E, o, page_no);
	else if (pg->flag && E->modular)
		flag(E, o, page_no, E->a[E->r.mod[pg->first].art].section_name);
	for (int j = pg->first; j < pg->first + pg->n; j++) {
		const struct mk_module *m = &E->r.mod[j];
		int part = 0;

		for (int q = 0; q < j; q++)
			part += E->r.mod[q].art == m->art;
		paint_module(E, o, m, part, page_no);
	}
	cutoffs(E, o, pg, page_no);
	if (pg->front && pg->foot)
		index_strip(E, o, page_no, pg->foot);
	o->ops->structure(o, NULL, NULL, 0);
	o->ops->page_end(o);
	g_free(dest);
}

/* ------------------------------------------------------------ the run */

static int
priority_of(const struct ed_art *X)
{
	/* front matter's priority (1 the most important) over length */
	int base = X->priority > 0 ? (100 - MIN(X->priority, 99)) * 100000 : 0;

	return base + X->n_slot;
}

static void
noop_page(void *data, struct art *A, const struct pb_page *pg)
{
	(void)data, (void)A, (void)pg;
}

/* A flow edition's masthead and contents, before the run-on pages (the
 * typesetter's, article.c): counted first (o NULL), then drawn with the
 * articles' first pages. */
struct contents_pass {
	const struct rn *R;
	struct rn_out *out;
	int pages;
};

static void
contents_page(void *data, struct art *A, const struct pb_page *pg)
{
	struct contents_pass *c = data;

	c->pages++;
	if (c->out == NULL || c->out->ops->failed(c->out))
		return;
	if (A->pages_done == 0)
		c->out->ops->article(c->out, A);
	if (c->out->ops->page_begin(c->out, c->pages)) {
		rn_paint_page(c->R, c->out, A, pg, c->pages, A->doc->meta.title);
		c->out->ops->page_end(c->out);
	}
}

static int
contents(struct rn *R, struct rn_out *out, const int *first_page, struct warta_diags *d)
{
	struct warta_doc *doc = warta_doc_new("contents");
	struct contents_pass c = { R, out, 0 };
	struct warta_diags scratch;
	struct art *A;

	warta_diags_init(&scratch);     /* the drawing run reports the same */
	doc->meta.title = g_strdup(R->opts->edition_title ? R->opts->edition_title : "Edition");
	doc->meta.date = R->opts->edition_date ? g_strdup(R->opts->edition_date) : NULL;
	doc->meta.lang = g_strdup(R->docs[0]->meta.lang ? R->docs[0]->meta.lang : "en");
	doc->meta.rtl = R->docs[0]->meta.rtl;
	A = rn_contents_layout(R, doc, first_page, out ? d : &scratch, contents_page, &c);
	rn_art_free(A);
	warta_doc_free(doc);
	warta_diags_fini(&scratch);
	return c.pages;
}

int
rn_edition_pages(struct rn *Rcall, struct warta_diags *d, struct warta_report *rep)
{
	struct ed E;
	struct rn R = *Rcall;
	struct mk_article *ma = NULL;
	struct rn_out *out = NULL;
	int rc = -1, N;
	const char *prev_sect = NULL;
	int *first_page = NULL;

	memset(&E, 0, sizeof E);
	E.R = &R;
	E.d = d;
	E.modular = R.style->makeup == WARTA_MAKEUP_MODULAR;
	E.B = rn_leading(&R, WARTA_EL_BODY);
	E.top = R.style->margin_top;
	E.L = (int)floor(R.texth / E.B + 0.01);
	E.first_base = E.B * 0.78;
	E.paras = g_ptr_array_new_with_free_func((GDestroyNotify)pa_free);
	E.head_style = g_new(struct warta_style, 1);
	*E.head_style = *R.style;
	E.Rh = R;
	E.Rh.style = E.head_style;
	N = MIN(R.cols, MK_MAX_COLS);
	E.n = (int)R.n_docs;
	E.a = g_new0(struct ed_art, E.n);
	ma = g_new0(struct mk_article, E.n);

	/* lay out every article: its body galley on the grid, its heads */
	for (int i = 0; i < E.n; i++) {
		struct ed_art *X = &E.a[i];
		struct warta_doc *doc = R.docs[i];
		const char *s = doc->meta.section;

		X->A = rn_art_layout(&R, doc, i + 1, NULL, G_MAXINT, d, noop_page, NULL);
		/* pictures are the page builder's floats and the head's lines,
		 * which this make-up does not use: said, not dropped in silence */
		for (int f = 1; f <= X->A->n_fn + 1; f++) {
			const struct rfig *F = f <= X->A->n_fn ? (X->A->fig ? X->A->fig[f] : NULL) :
			    X->A->index == 0 || !X->A->lead_fig || X->A->lead_fig->index ? NULL : X->A->lead_fig;

			if (F)
				warta_diag(d, WARTA_WARNING, doc->path, F->node->line, F->node->col,
				    "picture \"%s\": an edition's %s make-up does not set pictures yet; "
				    "[edition] makeup = pages sets them", F->alt_text, E.modular ? "modular" : "flow");
		}
		X->priority = doc->meta.priority;
		if (i > 0 && !((s == NULL && prev_sect == NULL) || (s && prev_sect && strcmp(s, prev_sect) == 0)))
			E.n_sect++;
		X->section = E.n_sect;
		X->section_name = s;
		prev_sect = s;
		make_galley(&E, X);
		struct warta_report body_rep = X->A->rep;
		for (int k = 1; k <= N; k++) {
			double w = k * R.colw + (k - 1) * R.style->gutter;

			if (E.modular || k == N) {
				X->head[k] = fitting_head(&E, X, w, head_size(&E, k, 0));
				X->jhead[k] = make_head(&E, X, w, MIN(head_size(&E, 1, 0), 16), 1);
			}
		}
		/* the report counts the body's lines: the heads set at every width
		 * are candidates, one of which is drawn (its lines are few) */
		X->A->rep = body_rep;
	}
	E.n_sect++;
	E.sect_page = g_new0(int, E.n_sect);

	/* the lead: its head a step bigger across the page */
	if (E.modular) {
		int lead = 0;

		for (int i = 1; i < E.n; i++)
			if (priority_of(&E.a[i]) > priority_of(&E.a[lead]))
				lead = i;
		g_array_free(E.a[lead].head[N].v, TRUE);
		E.a[lead].head[N] = fitting_head(&E, &E.a[lead], R.textw, head_size(&E, N, 1));
	}
	for (int i = 0; i < E.n; i++) {
		struct ed_art *X = &E.a[i];

		ma[i].section = X->section;
		ma[i].priority = priority_of(X);
		ma[i].body = X->n_slot;
		ma[i].nobreak = X->nobreak;
		for (int k = 1; k <= N; k++) {
			ma[i].head[k] = X->head[k].v ? X->head[k].lines : E.L;
			ma[i].jhead[k] = X->jhead[k].v ? X->jhead[k].lines : E.L;
		}
	}
	E.p.cols = N;
	E.p.lines = E.L;
	/* modules: a line between stacked ones, a cutoff rule in it; run-on
	 * articles: two (a rule between them with article-break = rule) */
	E.p.alley = E.modular ? 1 : 2;
	E.p.jump_line = 1;
	E.p.min_before = (int)ceil(4 * 72 / E.B);       /* run at least 4 in before a jump */
	E.p.min_after = (int)ceil(4 * 72 / E.B);        /* and jump at least as much */
	E.p.max_pad = 2;
	E.p.window = 10;
	E.p.front = E.modular;
	if (E.modular) {
		E.p.front_band = nameplate(&E, NULL, 1);
		E.p.front_foot = index_strip(&E, NULL, 1, 0);
		E.p.front_min = 3;
		E.p.front_max = 6;
		E.p.flag_band = flag(&E, NULL, 1, NULL);
	}
	E.p.article_break = R.style->article_break == WARTA_BREAK_PAGE;
	E.p.keep = 3;
	E.p.min_lines = R.style->min_lines;
	if ((E.modular ? mk_modular(ma, E.n, &E.p, &E.r) : mk_flow(ma, E.n, &E.p, &E.r)) < 0) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "the edition's pages could not be made up "
		    "(a head taller than a page, or out of memory)");
		goto out;
	}
	for (int pi = 0; pi < E.r.n_pages; pi++) {
		int s = E.r.pages[pi].section;

		if (!E.r.pages[pi].front && E.sect_page[s] == 0)
			E.sect_page[s] = pi + 1;
	}
	for (int i = 0; i < E.n; i++) {
		const struct warta_report *a = &E.a[i].A->rep;

		rep->lines += a->lines;
		rep->loose += a->loose;
		rep->tight += a->tight;
		rep->hyphenated += a->hyphenated;
		rep->longest_hyphen_run = MAX(rep->longest_hyphen_run, a->longest_hyphen_run);
		rep->overfull += a->overfull;
		rep->justified += a->justified;
		rep->gap_sum += a->gap_sum;
		rep->gap_max = MAX(rep->gap_max, a->gap_max);
	}
	/* a flow edition opens with its masthead and contents */
	E.first_no = 1;
	if (!E.modular) {
		first_page = g_new0(int, E.n);
		E.first_no = contents(&R, NULL, NULL, d) + 1;
		for (int j = E.r.n_mod - 1; j >= 0; j--)
			first_page[E.r.mod[j].art] = E.first_no + E.r.mod[j].page;
		for (int s = 0; s < E.n_sect; s++)
			if (E.sect_page[s])
				E.sect_page[s] += E.first_no - 1;
	}
	rep->pages = E.first_no - 1 + E.r.n_pages;
	out = R.opts->format == WARTA_PRINT_TRACE ? rn_out_trace_new(&R, d) : rn_out_cairo_new(&R, rep->pages, d);
	if (out == NULL)
		goto out;
	if (!E.modular)
		contents(&R, out, first_page, d);
	/* the outline: sections and articles in the edition's order */
	prev_sect = NULL;
	for (int i = 0; i < E.n; i++) {
		const char *s = E.a[i].section_name;

		if (!s && prev_sect)
			out->ops->section(out, NULL, (size_t)i);
		if (s && (prev_sect == NULL || strcmp(prev_sect, s) != 0))
			out->ops->section(out, s, (size_t)i);
		prev_sect = s;
		out->ops->article(out, E.a[i].A);
	}
	for (int pi = 0; pi < E.r.n_pages && !out->ops->failed(out); pi++)
		paint_page(&E, out, pi);
	rc = out->ops->finish(out, 0);
	rep->grid = 1;
	rep->off_grid = E.off_grid;
out:
	for (int i = 0; i < E.n; i++) {
		struct ed_art *X = &E.a[i];

		for (int k = 0; k <= MK_MAX_COLS; k++) {
			if (X->head[k].v)
				g_array_free(X->head[k].v, TRUE);
			if (X->jhead[k].v)
				g_array_free(X->jhead[k].v, TRUE);
		}
		if (X->A)
			rn_art_free(X->A);
		g_free(X->slot);
		g_free(X->nobreak);
	}
	mk_result_free(&E.r);
	g_free(E.a);
	g_free(ma);
	g_free(E.sect_page);
	g_free(first_page);
	g_free(E.head_style);
	g_ptr_array_free(E.paras, TRUE);
	return rc;
}
