/* out_scan.c — the scanning outputter (out.h) of a PDF page range
 * (--pages): a first pass over the pages that draws nothing and notes the
 * page of each named destination and the number of pages, so that the
 * drawing pass leaves out the links and outline entries whose target is on
 * a page the range omits (render.c runs both). */
#include <string.h>

#include "render/out.h"

struct scan {
	struct rn_out base;
	struct rn_scan *S;
	int page_no;
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
	struct scan *s = (struct scan *)o;

	s->page_no = page_no;
	s->S->pages = MAX(s->S->pages, page_no);
	return 1;
}

static void
page_end(struct rn_out *o)
{
	(void)o;
}

static void
mark(struct rn_out *o, enum rn_mark m, int column, double x, double y)
{
	(void)o, (void)m, (void)column, (void)x, (void)y;
}

static void
structure(struct rn_out *o, const struct art *A, const struct rblock *b, int label)
{
	(void)o, (void)A, (void)b, (void)label;
}

/* A destination, attr "name='NAME' …": its page, the first if twice. */
static void
elem_begin(struct rn_out *o, const char *tag, const char *attr)
{
	struct scan *s = (struct scan *)o;
	const char *a, *e;
	char *name;

	if (strcmp(tag, RN_ELEM_DEST) != 0 || !(a = strstr(attr, "name='")))
		return;
	a += 6;
	if (!(e = strchr(a, '\'')))
		return;
	name = g_strndup(a, (gsize)(e - a));
	if (g_hash_table_contains(s->S->dests, name))
		g_free(name);
	else
		g_hash_table_insert(s->S->dests, name, GINT_TO_POINTER(s->page_no));
}

static void
elem_end(struct rn_out *o, const char *tag)
{
	(void)o, (void)tag;
}

static void
text_line(struct rn_out *o, const struct pa_para *P, int li, double x, double y)
{
	(void)o, (void)P, (void)li, (void)x, (void)y;
}

static void
drop_cap(struct rn_out *o, const struct rdrop *d, double x, double y)
{
	(void)o, (void)d, (void)x, (void)y;
}

static void
rule(struct rn_out *o, enum rn_rule kind, double x, double y, double w, double thick)
{
	(void)o, (void)kind, (void)x, (void)y, (void)w, (void)thick;
}

static void
figure(struct rn_out *o, const struct art *A, const struct rfig *F, double x, double y)
{
	(void)o, (void)A, (void)F, (void)x, (void)y;
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
	g_free(o);
	return fail ? -1 : 0;
}

static void
module(struct rn_out *o, int art, int col0, int k, int line0, int h, double x, double y, double w,
       double hgt)
{
	(void)o, (void)art, (void)col0, (void)k, (void)line0, (void)h, (void)x, (void)y, (void)w,
	(void)hgt;
}

static const struct rn_out_ops scan_ops = {
	article, section, page_begin, page_end, mark, structure, elem_begin, elem_end,
	text_line, drop_cap, rule, figure, failed, finish, module,
};

struct rn_out *
rn_out_scan_new(struct rn_scan *S)
{
	struct scan *s = g_new0(struct scan, 1);

	s->base.ops = &scan_ops;
	s->S = S;
	return &s->base;
}

int
rn_scan_kept(const struct rn *R, const char *name)
{
	const struct rn_scan *S = R->scan;
	gpointer page;
	int p;

	if (S == NULL)
		return 1;
	if (!g_hash_table_lookup_extended(S->dests, name, NULL, &page))
		return 0;
	p = GPOINTER_TO_INT(page);
	return (R->opts->first_page <= 0 || p >= R->opts->first_page) &&
	    (R->opts->last_page <= 0 || p <= R->opts->last_page);
}
