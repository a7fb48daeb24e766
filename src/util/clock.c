/* clock.c — the per-thread stage clocks of clock.h: written by the library's
 * stages when a thread turns them on, read by make bench (tests/bench/stages.c). */
#include "util/clock.h"

__thread struct warta_clock warta_clock;
