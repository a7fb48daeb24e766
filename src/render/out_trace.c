/* out_trace.c — the trace outputter (out.h): a text trace of the layout,
 * one line a set line, rule or drop cap, with the page, column and notes
 * they belong to; its format is doc/trace.md.  Golden tests compare it:
 * numbers with one decimal, so that it is the same on every machine that
 * has the same fonts.  Written a page at a time. */
#include <string.h>

#include "image/image.h"
#include "render/out.h"
#include "util/output.h"

struct trace {
	struct rn_out base;
	const struct rn *R;
	struct warta_diags *d;
	struct warta_output *o;
	GString *s;                     /* the page being traced */
};

static void
article(struct rn_out *o, const struct art *A)
{
	(void)o, (void)A;
}

static void
section(struct rn_out *o, const char *name, size_t i)
{
	(void)o, (void)name, (void)i;
}

static int
page_begin(struct rn_out *o, int page_no)
{
	struct trace *T = (struct trace *)o;

	g_string_append_printf(T->s, "page %d %.1fx%.1f\n", page_no, T->R->style->page_width,
	    T->R->style->page_height);
	return 1;
}

static void
page_end(struct rn_out *o)
{
	struct trace *T = (struct trace *)o;

	/* a write error is kept by the output: finish reports it */
	warta_output_write(T->o, T->s->str, T->s->len);
	g_string_truncate(T->s, 0);
}

static void
mark(struct rn_out *o, enum rn_mark m, int column, double x, double y)
{
	GString *s = ((struct trace *)o)->s;

	(void)x;
	switch (m) {
	case RN_MARK_RUNNING_HEAD:
		g_string_append(s, "  running head\n");
		break;
	case RN_MARK_HEAD:
		g_string_append(s, "  head\n");
		break;
	case RN_MARK_COLUMN:
		g_string_append_printf(s, "  column %d %.1f %.1f\n", column, x, y);
		break;
	case RN_MARK_FOOTNOTES:
		g_string_append(s, "   footnotes\n");
		break;
	case RN_MARK_JUMP:
		g_string_append(s, "  jump\n");
		break;
	case RN_MARK_FIGURE:
		g_string_append(s, "  figure\n");
		break;
	case RN_MARK_SPAN:
		g_string_append_printf(s, "  across the columns %d %.1f %.1f\n", column, x, y);
		break;
	}
}

static void
structure(struct rn_out *o, const struct art *A, const struct rblock *b, int label)
{
	(void)o, (void)A, (void)b, (void)label;
}

static void
elem_begin(struct rn_out *o, const char *tag, const char *attr)
{
	(void)o, (void)tag, (void)attr;
}

static void
elem_end(struct rn_out *o, const char *tag)
{
	(void)o, (void)tag;
}

static void
text_line(struct rn_out *o, const struct pa_para *P, int li, double x, double y)
{
	static const char *const kind[] = { "glue", "hyphen", "explicit", "penalty", "forced", "final" };
	GString *s = ((struct trace *)o)->s;
	const struct pa_line *L = &P->lines[li];
	char *t = pa_line_text(P, L);

	g_string_append_printf(s, "    %7.1f %6.1f %s r=%.3f", y, x + L->x0, kind[L->brk], L->ratio);
	if (L->scale != 1 && L->scale > 0)
		g_string_append_printf(s, " x%.4f", L->scale);
	/* a CJK line justified between its characters that does not reach
	 * the measure (README, "Scripts and languages") */
	if (L->justified && L->cjk && L->natural < L->measure - 0.5)
		g_string_append_printf(s, " short %.1f", L->measure - L->natural);
	g_string_append_printf(s, "%s%s |%s|\n", L->overfull ? " overfull" : "", P->rtl ? " rtl" : "", t);
	g_free(t);
}

static void
drop_cap(struct rn_out *o, const struct rdrop *d, double x, double y)
{
	g_string_append_printf(((struct trace *)o)->s, "    %7.1f %6.1f drop cap |%s| %.1fpt\n", y, x,
	    d->text, d->size);
}

static void
rule(struct rn_out *o, enum rn_rule kind, double x, double y, double w, double thick)
{
	(void)thick;
	if (kind == RN_RULE_TEXT)
		g_string_append_printf(((struct trace *)o)->s, "    %7.1f %6.1f rule %.1f\n", y, x, w);
}

static void
figure(struct rn_out *o, const struct art *A, const struct rfig *F, double x, double y)
{
	GString *s = ((struct trace *)o)->s;

	(void)A;
	g_string_append_printf(s, "    %7.1f %6.1f figure %.1fx%.1f %s |%s|\n", y, x, F->w, F->h,
	    F->img ? F->img->media_type : "missing", F->alt_text);
}

static int
failed(struct rn_out *o)
{
	(void)o;
	return 0;
}

static int
finish(struct rn_out *o, int fail)
{
	struct trace *T = (struct trace *)o;
	int rc = 0;

	if (fail) {
		warta_output_abort(T->o);
		rc = -1;
	} else if (warta_output_commit(T->o, T->d) < 0) {
		rc = -1;
	}
	g_string_free(T->s, TRUE);
	g_free(T);
	return rc;
}

static void
module(struct rn_out *o, int art, int col0, int k, int line0, int h, double x, double y, double w,
       double hgt)
{
	g_string_append_printf(((struct trace *)o)->s, "  module a%d cols %d+%d lines %d+%d %.1f %.1f %.1fx%.1f\n",
	    art, col0, k, line0, h, x, y, w, hgt);
}

static const struct rn_out_ops trace_ops = {
	article, section, page_begin, page_end, mark, structure, elem_begin, elem_end,
	text_line, drop_cap, rule, figure, failed, finish, module,
};

struct rn_out *
rn_out_trace_new(const struct rn *R, struct warta_diags *d)
{
	struct warta_output *o = warta_output_open(R->out_path, d);
	struct trace *T;

	if (o == NULL)
		return NULL;
	T = g_new0(struct trace, 1);
	T->base.ops = &trace_ops;
	T->R = R;
	T->d = d;
	T->o = o;
	T->s = g_string_new(NULL);
	return &T->base;
}
