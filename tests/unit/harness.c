/* harness.c — the unit-test harness (harness.h): prints one TAP line per check. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

int harness_failed;

void
harness_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf(cond ? "ok - " : "not ok - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!cond) {
		printf(" (%s:%d)", file, line);
		harness_failed++;
	}
	printf("\n");
}

void
harness_int_eq(long got, long expected, const char *file, int line, const char *msg)
{
	harness_ok(got == expected, file, line, "%s", msg);
	if (got != expected)
		printf("#   got %ld, expected %ld\n", got, expected);
}

void
harness_dbl_near(double got, double expected, double eps, const char *file, int line, const char *msg)
{
	int good = fabs(got - expected) <= eps;

	harness_ok(good, file, line, "%s", msg);
	if (!good)
		printf("#   got %g, expected %g (±%g)\n", got, expected, eps);
}

void
harness_str_eq(const char *got, const char *expected, const char *file, int line, const char *msg)
{
	int good = got && expected ? strcmp(got, expected) == 0 : got == expected;

	harness_ok(good, file, line, "%s", msg);
	if (!good)
		printf("#   got      \"%s\"\n#   expected \"%s\"\n", got ? got : "(null)",
		       expected ? expected : "(null)");
}

int
harness_done(void)
{
	return harness_failed ? 1 : 0;
}
