/* clock.h — stage clocks for `make bench` (tests/bench/stages.c): when a
 * thread turns warta_clock.on, the library adds the wall time of its inner
 * stages (shaping, line breaking, the EPUB's parts) to warta_clock.ns[],
 * and counts its costly operations in warta_clock.count[].
 * Off (the default) it costs one branch per stage. */
#ifndef WARTA_CLOCK_H
#define WARTA_CLOCK_H

#include <time.h>

enum warta_clock_stage {
	WARTA_CLOCK_SHAPE,      /* layout/para.c: itemizing and shaping a paragraph */
	WARTA_CLOCK_BREAK,      /* layout/para.c: hyphenation, items, Knuth–Plass, lines */
	WARTA_CLOCK_XHTML,      /* epub/: the book's XHTML documents */
	WARTA_CLOCK_COVER,      /* epub/: the cover's font set and PNG */
	WARTA_CLOCK_ZIP,        /* epub/: zipping the book in memory */
	WARTA_CLOCK_N
};

/* Operation counts, for growth tests that time nothing
 * (tests/unit/test_growth.c): each must grow linearly with its input. */
enum warta_count {
	WARTA_COUNT_SHAPES,     /* layout/shape.c: items handed to HarfBuzz */
	WARTA_COUNT_SHAPED,     /* layout/shape.c: bytes of them */
	WARTA_COUNT_BREAK,      /* layout/linebreak.c: active nodes the breaker's passes visit */
	WARTA_COUNT_BREAK_ITEMS,/* layout/linebreak.c: items its passes go through */
	WARTA_COUNT_LINES,      /* layout/para.c: lines made */
	WARTA_COUNT_DRAWS,      /* render/out_cairo.c: drawing operations and tags */
	WARTA_COUNT_PAGE_DRAWS, /* render/out_cairo.c: those of the page being drawn */
	WARTA_COUNT_PAGE_MAX,   /* render/out_cairo.c: the most of any page (Cairo's PDF surface
	                         * pays for each operation with all the others on its page) */
	WARTA_COUNT_HELD_MAX,   /* render/typeset.c: the most paragraphs an article held at once
	                         * (drawn pages free theirs) */
	WARTA_COUNT_DATE_FORMATS, /* lang/lang.c: ICU date formats opened (each takes ~3 M instructions; one per locale) */
	WARTA_COUNT_CALLS,      /* render/figure.c: insert calls written onto lines (pictures
	                         * called on one line: their list grows, it is not copied) */
	WARTA_COUNT_MATCHES,    /* article/boiler.c: regular expression matches run on lines */
	WARTA_COUNT_LA_MAX,     /* layout/logattrs.c: the most characters given to Pango's
	                         * log attributes at once (its time grows with their square) */
	WARTA_COUNT_DATE_PATTERNS, /* lang/lang.c: ICU date pattern generators opened (each
	                         * takes ~2 M instructions; one per language) */
	WARTA_COUNT_ITEMIZE,    /* layout/itemize.c: paragraphs given to pango_itemize (the
	                         * others are one item made directly, ~40,000 instructions less) */
	WARTA_COUNT_PANGO_DRAWS,/* render/out_cairo.c: pieces of lines Pango draws (a hex box, no
	                         * font); the others are warta's own cairo_show_text_glyphs, a
	                         * line's run of one font at a time */
	WARTA_COUNT_LISTS_NEW,  /* layout/para.c: breaker's lists allocated anew (each thread
	                         * keeps one pair from paragraph to paragraph) */
	WARTA_COUNT_WORDS_NEW,  /* layout/words.c: paragraph shaping scratch made anew (each
	                         * thread keeps one from paragraph to paragraph) */
	WARTA_COUNT_ITEMS_MOVED,/* article/layer.c: list items moved into a new list when a
	                         * list numbered again from a lower number is split */
	WARTA_COUNT_YAML_LINES, /* article/front.c: front matter lines walked to place libyaml's
	                         * marks (each key's from the last one's line) */
	WARTA_COUNT_N
};

struct warta_clock {
	int on;
	long long ns[WARTA_CLOCK_N];
	long long count[WARTA_COUNT_N];
};

extern __thread struct warta_clock warta_clock;

static inline long long
warta_clock_now(void)
{
	struct timespec ts;

	if (!warta_clock.on)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void
warta_clock_add(enum warta_clock_stage s, long long since)
{
	if (warta_clock.on)
		warta_clock.ns[s] += warta_clock_now() - since;
}

static inline void
warta_count(enum warta_count c, long long n)
{
	if (warta_clock.on)
		warta_clock.count[c] += n;
}

static inline void
warta_count_max(enum warta_count c, long long n)
{
	if (warta_clock.on && n > warta_clock.count[c])
		warta_clock.count[c] = n;
}

/* The end of a page: its drawing operations into WARTA_COUNT_PAGE_MAX. */
static inline void
warta_count_page(void)
{
	if (!warta_clock.on)
		return;
	if (warta_clock.count[WARTA_COUNT_PAGE_DRAWS] > warta_clock.count[WARTA_COUNT_PAGE_MAX])
		warta_clock.count[WARTA_COUNT_PAGE_MAX] = warta_clock.count[WARTA_COUNT_PAGE_DRAWS];
	warta_clock.count[WARTA_COUNT_PAGE_DRAWS] = 0;
}

#endif
