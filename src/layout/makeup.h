/* makeup.h — page make-up of an edition on a baseline grid, as a pure
 * function: articles measured in grid lines → module rectangles per page.
 * No font or drawing calls here (src/render/ measures and draws).
 *
 * The page is a grid of `cols` columns × `lines` grid lines (the body
 * leading).  An article is set as a **module**: a rectangle of k columns ×
 * h grid lines holding its head block across the k columns (or, for the
 * continuation of a jumped article, a short jump head and the "continued
 * from" line), its lead photo, and its body flowing down k legs.
 *
 * Two make-ups:
 * - mk_modular: newspaper pages.  Per page, a dynamic programme over the
 *   column grid (every composition of the columns into vertical strips,
 *   each strip a stack of modules of its width, under an optional module
 *   spanning every column at the top) chooses which of the next articles
 *   go on the page, their widths and places; the score (makeup.c, README)
 *   weighs holes, padding, jumps, deferrals and hierarchy.  The front page
 *   (an optional nameplate band and index strip) takes the most important
 *   articles, the lead across the top; every section starts a new page
 *   (with a flag band); a long article jumps to a later page of its section.
 * - mk_flow: run-on pages (a4, letter, e-reader editions): each article a
 *   module across every column, after the previous one with an alley (or
 *   on a new page at a section's start, or always with article_break),
 *   running on to the next page where the page is full.
 *
 * Every height is a whole number of grid lines, so every body line of a
 * page sits on one grid shared by its columns. */
#ifndef WARTA_MAKEUP_H
#define WARTA_MAKEUP_H

#define MK_MAX_COLS 8
#define MK_HARD 2                     /* nobreak: never cut (a picture's lines) */

struct mk_article {
	int section;                  /* 0-based; the articles come in section order */
	int priority;                 /* larger is more important */
	int body;                     /* body galley length, grid lines at the column measure */
	int head[MK_MAX_COLS + 1];    /* head block lines across k columns, k = 1..cols (> 0) */
	int jhead[MK_MAX_COLS + 1];   /* a continuation's jump head lines across k columns */
	int photo[MK_MAX_COLS + 1];   /* lead photo lines across k columns; 0: none (or not at k) */
	const unsigned char *nobreak; /* nobreak[i] != 0: no leg may end after galley line i
	                                 (i = 1..body-1: after the first i lines); NULL: any.
	                                 MK_HARD: not even where no other break is in reach
	                                 (inside a picture) */
};

struct mk_params {
	int cols;                     /* 1..MK_MAX_COLS */
	int lines;                    /* grid lines in a column of the type area */
	int alley;                    /* grid lines between modules stacked in a column */
	int jump_line;                /* grid lines of a "continued on / from" line */
	int min_before, min_after;    /* body lines an article runs before a jump, and after */
	int max_pad;                  /* blank grid lines a module may take under its head */
	int window;                   /* articles considered per page (modular), 0: 10 */
	/* modular only */
	int front;                    /* make a front page */
	int front_band;               /* its nameplate's lines */
	int front_foot;               /* its index strip's lines, at the foot */
	int front_min, front_max;     /* modules besides the lead on the front page */
	int flag_band;                /* lines of a section flag on a section's first page */
	/* flow only */
	int article_break;            /* every article starts a new page */
	int keep;                     /* body lines kept with a head at a page's foot */
	int min_lines;                /* with article_break: body lines an article's last
	                                 page holds at least (when it has that many) */
};

struct mk_module {
	int page;                     /* 0-based */
	int art;                      /* index into the articles */
	int col0, k;                  /* first column (0 = left in reading order), columns */
	int line0, h;                 /* first grid line on the page, grid lines it takes */
	int head;                     /* lines of its head (the full head, or a jump head) */
	int photo;                    /* lines of its photo, 0: none */
	int pad;                      /* blank lines under the head (to fill the page) */
	int jump_from_line;           /* lines of a "continued from" line (under the head) */
	int jump_to_line;             /* lines of a "continued on" line (at its foot) */
	int from, to;                 /* body galley lines [from, to) */
	int cont;                     /* 1: a continuation (of the module before it of this article) */
	int jump_from, jump_to;       /* the page (0-based) it continues from / on; -1: none */
	int legs[MK_MAX_COLS];        /* body lines in each of its k legs */
	int leg_h;                    /* lines of its longest leg */
};

struct mk_page {
	int first, n;                 /* its modules: mod[first .. first + n) */
	int section;
	int front;                    /* the front page */
	int flag;                     /* a section's first page (its top band holds the flag) */
	int band;                     /* grid lines at the top not for modules (nameplate, flag) */
	int foot;                     /* grid lines at the foot not for modules (index strip) */
	int last;                     /* the last page of its section */
	int filled;                   /* grid lines × columns covered by modules (bands aside) */
};

struct mk_result {
	struct mk_module *mod;        /* in page order, each page's in reading order */
	int n_mod;
	struct mk_page *pages;
	int n_pages;
	double cost;                  /* the modular score, summed over the pages */
	long work;                    /* DP transitions looked at */
};

/* A result being filled: its arrays' capacities. */
struct mk_vec {
	struct mk_result *r;
	int cap_mod, cap_pages;
};

/* A flow make-up made one article at a time (mk_flow_begin, mk_flow_add,
 * mk_flow_end; mk_flow is a loop over them): a page is final once the
 * next article is placed (it may still take that one, and a section's
 * last page is known when the next article starts another), or at the
 * end.  Its fields are the make-up's own. */
struct mk_flow {
	struct mk_vec v;
	const struct mk_params *p;      /* kept by the caller to the end */
	struct mk_page *pg;             /* the page being filled (in v.r's pages) */
	int u, band;                    /* its lines used, its top band */
	int keep;
	int n;                          /* articles placed */
	int section;                    /* the last one's */
	int failed;
};

/* The body lines [from, from + n) set in k legs of at most `height` lines,
 * legs ending only where nobreak allows: the lines taken (≤ n), legs[]
 * filled (each ≤ height).  With fill = 0 the legs are balanced (the
 * shortest height that takes all n is for the caller to find: mk_balance). */
int mk_legs(const struct mk_article *a, int from, int n, int k, int height, int *legs);
/* The least leg height setting all of [from, from + n) in k legs (legs[] set). */
int mk_balance(const struct mk_article *a, int from, int n, int k, int *legs);

/* 0, or -1 on bad parameters or allocation failure (nothing to free then). */
int mk_modular(const struct mk_article *a, int n, const struct mk_params *p, struct mk_result *r);
int mk_flow(const struct mk_article *a, int n, const struct mk_params *p, struct mk_result *r);
/* mk_flow_begin: r emptied; 0, or -1 on bad parameters.  mk_flow_add: the
 * next article (number F->n in r's modules; a is read during the call
 * only) placed: the pages now final (r's first ones), or -1 on a bad
 * article or allocation failure (r freed; every later call fails too).
 * mk_flow_end: every page final: their number, or -1 after a failure. */
int mk_flow_begin(struct mk_flow *F, const struct mk_params *p, struct mk_result *r);
int mk_flow_add(struct mk_flow *F, const struct mk_article *a);
int mk_flow_end(struct mk_flow *F);
void mk_result_free(struct mk_result *r);

/* Checks a result's geometry: modules inside the type area (bands aside),
 * no two overlapping, legs within their module, every article's body lines
 * present exactly once and in order, jumps paired.  NULL when sound, else
 * a static message naming the first fault. */
const char *mk_check(const struct mk_article *a, int n, const struct mk_params *p,
                     const struct mk_result *r);

#endif
