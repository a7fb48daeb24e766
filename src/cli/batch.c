/* batch.c — many inputs, one output per input and format: a pool of -j worker
 * threads sharing the style and the print engine, a progress bar on stderr
 * when it is a terminal, a one-line summary, and a clean stop on Ctrl-C
 * (finished outputs stay, temporary files are unlinked). */
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/output.h"

struct batch {
	int total, done, failed;
	GArray *failures;          /* input indices (int) */
	const char *current;       /* last file started */
	gint64 start;              /* monotonic µs */
	int bar;                   /* progress bar shown */
	int bar_drawn;             /* a bar line is on screen */
	GCond cond;
};

static struct batch b;
static volatile sig_atomic_t bar_on_screen;

static int
term_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* Under cli.out_lock. */
static void
bar_clear(void)
{
	if (b.bar_drawn) {
		fputs("\r\033[K", stderr);
		b.bar_drawn = 0;
		bar_on_screen = 0;
	}
}

static void
format_duration(char *buf, size_t len, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

/* "[=======>     ]  12/30  2.4 files/s  0:07 left  003.txt", under cli.out_lock;
 * at most ten times a second unless forced (the last count is always shown). */
static void
bar_draw(int force)
{
	static gint64 last;
	gint64 now = g_get_monotonic_time();
	double elapsed = (now - b.start) / 1e6;
	double rate = elapsed > 0 ? b.done / elapsed : 0;
	int width = term_width(), barw = 20, fill, i, used;
	char left[32] = "--:--", head[160];
	const char *name = b.current ? b.current : "";

	if (!b.bar || (!force && now - last < G_TIME_SPAN_SECOND / 10))
		return;
	last = now;
	if (rate > 0)
		format_duration(left, sizeof left, (b.total - b.done) / rate);
	fill = b.total ? barw * b.done / b.total : 0;
	used = snprintf(head, sizeof head, "] %d/%d  %.1f files/s  %s left  ",
	                b.done, b.total, rate, left);
	fputs("\r\033[K[", stderr);
	for (i = 0; i < barw; i++)
		fputc(i < fill ? '=' : i == fill ? '>' : ' ', stderr);
	fputs(head, stderr);
	used += barw + 1;
	if (width - used - 1 > 3) {
		int room = width - used - 1;
		int n = (int)strlen(name);
		const char *slash = strrchr(name, '/');

		if (n > room && slash && slash[1]) {   /* the file name alone, then */
			name = slash + 1;
			n = (int)strlen(name);
		}

		if (n > room) {
			const char *p = name + n - (room - 1);

			while ((*p & 0xC0) == 0x80)
				p++;
			fprintf(stderr, "…%s", p);
		} else
			fputs(name, stderr);
	}
	fflush(stderr);
	b.bar_drawn = 1;
	bar_on_screen = 1;
}

/* Prints one input's diagnostics (and, with -v, what it wrote) in one piece. */
static void
report_input(int index, struct warta_diags *d, GPtrArray *written, int failed)
{
	const char *input = cli.inputs[index];
	int speak = d->items->len > 0 || cli.verbose;   /* the bar steps aside for it */
	guint i;

	g_mutex_lock(&cli.out_lock);
	if (speak)
		bar_clear();
	cli_print_diags(d);
	if (cli.verbose) {
		if (failed) {
			fprintf(stderr, "warta: %s: failed\n", input);
		} else {
			fprintf(stderr, "warta: %s →", input);
			for (i = 0; i < written->len; i++)
				fprintf(stderr, " %s", (char *)written->pdata[i]);
			fputc('\n', stderr);
		}
	}
	b.done++;
	if (failed) {
		b.failed++;
		g_array_append_val(b.failures, index);
	}
	bar_draw(speak || b.done == b.total);
	g_cond_signal(&b.cond);
	g_mutex_unlock(&cli.out_lock);
}

static void
work(gpointer data, gpointer user)
{
	int index = GPOINTER_TO_INT(data) - 1;
	const char *input = cli.inputs[index];
	struct warta_diags d;
	GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
	int rc;

	g_mutex_lock(&cli.out_lock);
	b.current = input;
	g_mutex_unlock(&cli.out_lock);
	warta_diags_init(&d);
	rc = cli_convert(index, &d, written);
	if (rc == 0 && warta_diags_errors(&d))
		rc = -1;
	report_input(index, &d, written, rc != 0);
	warta_diags_fini(&d);
	g_ptr_array_free(written, TRUE);
}

static void
summary(void)
{
	double elapsed = (g_get_monotonic_time() - b.start) / 1e6;
	guint i;

	fprintf(stderr, "warta: %d file%s: %d done, %d failed", b.total, b.total == 1 ? "" : "s",
	        b.done - b.failed, b.failed);
	if (b.failed) {
		fputs(" (", stderr);
		for (i = 0; i < b.failures->len && i < 10; i++)
			fprintf(stderr, "%s%s", i ? ", " : "",
			        cli.inputs[g_array_index(b.failures, int, i)]);
		if (b.failures->len > 10)
			fprintf(stderr, ", and %u more", b.failures->len - 10);
		fputc(')', stderr);
	}
	fprintf(stderr, ", %.1f s\n", elapsed);
}

static int
cmp_int(gconstpointer pa, gconstpointer pb)
{
	return *(const int *)pa - *(const int *)pb;
}

int
cli_batch(void)
{
	GThreadPool *pool;
	GError *err = NULL;
	int i, threads;

	memset(&b, 0, sizeof b);
	b.total = cli.ninputs;
	b.failures = g_array_new(FALSE, FALSE, sizeof(int));
	b.start = g_get_monotonic_time();
	g_cond_init(&b.cond);
	b.bar = cli.stderr_tty && !cli.quiet && cli.ninputs > 1;
	threads = cli.jobs < cli.ninputs ? cli.jobs : cli.ninputs;

	if (threads <= 1) {
		for (i = 0; i < cli.ninputs; i++)
			work(GINT_TO_POINTER(i + 1), NULL);
	} else {
		pool = g_thread_pool_new(work, NULL, threads, TRUE, &err);
		if (!pool) {
			fprintf(stderr, "warta: cannot start worker threads: %s\n", err->message);
			g_error_free(err);
			return 1;
		}
		for (i = 0; i < cli.ninputs; i++)
			g_thread_pool_push(pool, GINT_TO_POINTER(i + 1), NULL);
		/* redraw the bar while long files run, so rate and time left move */
		g_mutex_lock(&cli.out_lock);
		while (b.done < b.total) {
			if (!g_cond_wait_until(&b.cond, &cli.out_lock,
			                       g_get_monotonic_time() + G_TIME_SPAN_SECOND / 2))
				bar_draw(1);   /* half a second without news */
		}
		g_mutex_unlock(&cli.out_lock);
		g_thread_pool_free(pool, FALSE, TRUE);
	}

	g_mutex_lock(&cli.out_lock);
	bar_clear();
	g_array_sort(b.failures, cmp_int);   /* input order, not finishing order */
	if (!cli.quiet && cli.ninputs > 1 && (cli.stderr_tty || cli.verbose || b.failed))
		summary();
	fflush(stderr);
	g_mutex_unlock(&cli.out_lock);
	i = b.failed ? 1 : 0;
	g_array_free(b.failures, TRUE);
	g_cond_clear(&b.cond);
	return i;
}

/* Ctrl-C, SIGTERM, SIGHUP: unlink the temporary files of unfinished outputs
 * (finished ones are already renamed into place), then die of the signal so
 * the caller sees it.  Only async-signal-safe calls. */
static void
on_signal(int sig)
{
	static const char msg[] = "warta: interrupted; unfinished outputs removed\n";

	warta_output_unlink_all();
	if (bar_on_screen)
		(void)!write(STDERR_FILENO, "\r\033[K", 4);
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
cli_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* over a file-size limit (ulimit -f) a write fails with EFBIG and the
	 * output is abandoned cleanly, instead of the process dying mid-file */
	signal(SIGXFSZ, SIG_IGN);
}
