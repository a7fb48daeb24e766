/* harness.h — a small unit-test harness (after cmark's api_test/harness):
 * OK / INT_EQ / DBL_NEAR / STR_EQ print TAP lines "ok - …" or "not ok - …"
 * with got/expected; tests/run.sh counts them. */
#ifndef WARTA_HARNESS_H
#define WARTA_HARNESS_H

extern int harness_failed;
void harness_ok(int cond, const char *file, int line, const char *fmt, ...);
void harness_int_eq(long got, long expected, const char *file, int line, const char *msg);
void harness_dbl_near(double got, double expected, double eps, const char *file, int line, const char *msg);
void harness_str_eq(const char *got, const char *expected, const char *file, int line, const char *msg);
int harness_done(void);   /* return value for main(): 0 when all passed */

#define OK(cond, ...) harness_ok((cond), __FILE__, __LINE__, __VA_ARGS__)
#define INT_EQ(got, exp, msg) harness_int_eq((got), (exp), __FILE__, __LINE__, (msg))
#define DBL_NEAR(got, exp, eps, msg) harness_dbl_near((got), (exp), (eps), __FILE__, __LINE__, (msg))
#define STR_EQ(got, exp, msg) harness_str_eq((got), (exp), __FILE__, __LINE__, (msg))

#endif
