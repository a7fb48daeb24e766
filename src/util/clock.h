/* clock.h — stage clocks for `make bench` (tests/bench/stages.c): when a
 * thread turns warta_clock.on, the library adds the wall time of its inner
 * stages (shaping, line breaking, the EPUB's parts) to warta_clock.ns[].
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

struct warta_clock {
	int on;
	long long ns[WARTA_CLOCK_N];
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

#endif
