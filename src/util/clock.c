/* clock.c — the per-thread stage clocks of clock.h (read by make bench). */
#include "util/clock.h"

__thread struct warta_clock warta_clock;
