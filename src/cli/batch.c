/* batch.c — many inputs, one output per input and format: -j worker
 * processes (forked after the style and the print engine are loaded) take
 * inputs in turn and send back what each printed; a progress bar on stderr
 * when it is a terminal, a one-line summary, and a clean stop on Ctrl-C
 * (finished outputs stay, temporary files are unlinked).
 *
 * Processes, not threads: Cairo 1.16 and FreeType are not safe for text
 * drawn in two threads at once (their shared scaled-font and face caches:
 * one batch run in ten of the corpus with -j 2 threads crashed in
 * cairo_show_page / FT_Get_Next_Char), and a worker that dies takes only
 * the input it was on with it. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"

struct batch {
	int total, done, failed;
	GArray *failures;          /* input indices (int) */
	const char *current;       /* last file started */
	gint64 start;              /* monotonic µs */
	int bar;                   /* progress bar shown */
	int bar_drawn;             /* a bar line is on screen */
};

static struct batch b;
static volatile sig_atomic_t bar_on_screen;

/* Worker processes, for the signal handler: their pids (0: none) */
#define MAX_WORKERS 256
static pid_t worker_pid[MAX_WORKERS];
static volatile sig_atomic_t is_worker;
static unsigned char *reported;  /* reported[i]: input i was printed and counted */

/* A process that crashes (a library fault: SIGSEGV, SIGBUS …; GLib's abort
 * on a failed allocation, SIGABRT; its breakpoint on a failed thread,
 * SIGTRAP) removes the temporary files it was writing, then dies of the
 * signal as before.  Only async-signal-safe calls (unlink, rename). */
static void
on_crash(int sig)
{
	warta_cleanup_temporaries();
	raise(sig);         /* SA_RESETHAND: the default action now */
}

static int
term_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* Under cli->out_lock. */
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

/* "[=======>     ]  12/30  2.4 files/s  0:07 left  003.txt", under cli->out_lock;
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

/* What one input printed: its reports (cli->capture), its diagnostics and,
 * with -v, what it wrote. */
static void
format_input(struct cli *cli, GString *out, int index, const warta_messages *d, GPtrArray *written,
             int failed)
{
	const char *input = cli->inputs[index];
	guint i;

	cli_format_diags(cli, out, d);
	if (cli->verbose) {
		if (failed) {
			g_string_append_printf(out, "warta: %s: failed\n", input);
		} else {
			g_string_append_printf(out, "warta: %s →", input);
			for (i = 0; i < written->len; i++)
				g_string_append_printf(out, " %s", (char *)written->pdata[i]);
			g_string_append_c(out, '\n');
		}
	}
}

/* Prints one input's text in one piece and counts it. */
static void
report_input(struct cli *cli, int index, const char *text, int failed)
{
	int speak = *text != '\0';     /* the bar steps aside for it */

	g_mutex_lock(&cli->out_lock);
	if (speak) {
		bar_clear();
		fputs(text, stderr);
		fflush(stderr);
	}
	b.done++;
	if (failed) {
		b.failed++;
		g_array_append_val(b.failures, index);
	}
	if (reported)
		reported[index] = 1;
	bar_draw(speak || b.done == b.total);
	g_mutex_unlock(&cli->out_lock);
}

/* Converts input index; its text into out.  Non-zero: it failed. */
static int
convert(struct cli *cli, int index, GString *out)
{
	warta_messages *d = warta_messages_new();
	GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
	int rc;

	cli->capture = out;
	rc = cli_convert(cli, index, d, written);
	cli->capture = NULL;
	if (rc == 0 && warta_messages_errors(d))
		rc = -1;
	/* rc 1: written, with pictures missing (exit status 1) */
	format_input(cli, out, index, d, written, rc < 0);
	warta_messages_free(d);
	g_ptr_array_free(written, TRUE);
	return rc != 0;
}

/* ------------------------------------------------------------ workers */

/* A worker's message: an input started (len 0) or done (its text). */
enum { MSG_START = 1, MSG_DONE };
struct msg {
	int32_t type, index, failed;
	uint32_t len;
};

static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
send_msg(int fd, int type, int index, int failed, const GString *text)
{
	struct msg m = { type, index, failed, text ? (uint32_t)text->len : 0 };

	if (write_all(fd, &m, sizeof m) < 0 || (text && write_all(fd, text->str, text->len) < 0)) {
		warta_cleanup_temporaries();
		_exit(3);       /* the batch is gone */
	}
}

/* A worker process: takes the next input (a counter shared with the others)
 * until none is left. */
static void G_GNUC_NORETURN
worker_main(struct cli *cli, int fd, int *next)
{
	GString *out = g_string_new(NULL);
	int i;

	while ((i = __atomic_fetch_add(next, 1, __ATOMIC_SEQ_CST)) < cli->ninputs) {
		int failed;

		send_msg(fd, MSG_START, i, 0, NULL);
		g_string_truncate(out, 0);
		failed = convert(cli, i, out);
		send_msg(fd, MSG_DONE, i, failed, out);
	}
	g_string_free(out, TRUE);
	close(fd);
	_exit(0);
}

struct worker {
	pid_t pid;
	int fd;                    /* reading end of its pipe, -1: gone */
	int current;               /* the input it is on, -1: none */
	GByteArray *in;            /* what it sent and was not read yet */
};

/* Starts worker k.  0, or -1 with the reason on stderr. */
static int
spawn(struct cli *cli, struct worker *all, int k, int *next)
{
	struct worker *w = &all[k];
	pid_t parent = getpid();
	int fd[2];
	sigset_t sigs, old;

	if (pipe(fd) < 0) {
		fprintf(stderr, "warta: cannot start a worker: %s\n", g_strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	/* no signal between fork and the child knowing it is a worker */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, &old);
	w->pid = fork();
	if (w->pid == 0) {
		is_worker = 1;
		/* a batch killed outright takes its workers with it (their
		 * SIGTERM handler removes what they were writing) */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(3);       /* the batch died before prctl */
		signal(SIGPIPE, SIG_IGN);
		/* the crash handlers of cli_signals_install are inherited */
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(fd[0]);
		for (int j = 0; j < MAX_WORKERS; j++) {
			if (j != k && all[j].fd >= 0)
				close(all[j].fd);       /* the other workers' pipes */
			worker_pid[j] = 0;
		}
		/* the workers share the cores: one thread each (render.h
		 * opts->threads; a single input alone gets cli->jobs) */
		if (cli->print)
			warta_print_set_threads(cli->print, 1);
		worker_main(cli, fd[1], next);
	}
	if (w->pid > 0)
		worker_pid[k] = w->pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(fd[1]);
	if (w->pid < 0) {
		fprintf(stderr, "warta: cannot start a worker: %s\n", g_strerror(errno));
		close(fd[0]);
		return -1;
	}
	w->fd = fd[0];
	w->current = -1;
	w->in = g_byte_array_new();
	return 0;
}

/* The messages complete in w->in. */
static void
take_messages(struct cli *cli, struct worker *w)
{
	while (w->in->len >= sizeof(struct msg)) {
		struct msg m;
		char *text;

		memcpy(&m, w->in->data, sizeof m);
		if (w->in->len < sizeof m + m.len)
			return;
		if (m.index < 0 || m.index >= cli->ninputs) {  /* cannot happen: our own worker */
			g_byte_array_remove_range(w->in, 0, sizeof m + m.len);
			continue;
		}
		if (m.type == MSG_START) {
			w->current = m.index;
			g_mutex_lock(&cli->out_lock);
			b.current = cli->inputs[m.index];
			g_mutex_unlock(&cli->out_lock);
		} else {
			text = g_strndup((const char *)w->in->data + sizeof m, m.len);
			w->current = -1;
			report_input(cli, m.index, text, m.failed);
			g_free(text);
		}
		g_byte_array_remove_range(w->in, 0, sizeof m + m.len);
	}
}

/* A worker that dies of SIGKILL (the OOM killer) cannot remove what it was
 * writing: most of its files are unnamed (O_TMPFILE) and go with it, but a
 * file that replaces an existing one, a page of a PNG or SVG set being put
 * in place, and a file system without O_TMPFILE need hidden names.  They
 * carry the writer's pid: the parent undoes those of the dead worker in the
 * directory of the input it was on (warta_cleanup_dead); what it cannot
 * undo is said in t. */
static void
clean_after(struct cli *cli, pid_t pid, int index, GString *t)
{
	const char *rel = cli->keep_tree ? cli->reldirs[index] : NULL;
	char *dir, *kept = NULL;

	if (!cli->outdir)
		return;

	dir = g_build_filename(cli->outdir, rel, NULL);
	warta_cleanup_dead(dir, (long)pid, &kept);
	if (kept)
		g_string_append(t, kept);
	warta_free(kept);
	g_free(dir);
}

/* Worker w has closed its pipe: reaps it; the input it was on (if any)
 * failed with the reason. */
static void
worker_gone(struct cli *cli, struct worker *w, int k)
{
	int status = 0;
	sigset_t sigs, old;

	/* the signal handler must not kill() a pid reaped and reused */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, &old);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	worker_pid[k] = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(w->fd);
	w->fd = -1;
	if (w->current >= 0) {
		GString *t = g_string_new(NULL);

		if (WIFSIGNALED(status))
			g_string_printf(t, "warta: %s: error: the worker converting it died of signal %d (%s)\n",
			    cli->inputs[w->current], WTERMSIG(status), g_strsignal(WTERMSIG(status)));
		else
			g_string_printf(t, "warta: %s: error: the worker converting it stopped (exit status %d)\n",
			    cli->inputs[w->current], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		clean_after(cli, w->pid, w->current, t);
		report_input(cli, w->current, t->str, 1);
		g_string_free(t, TRUE);
		w->current = -1;
	}
	g_byte_array_free(w->in, TRUE);
	w->in = NULL;
}

/* Runs the inputs on n worker processes; a worker that dies is replaced
 * while inputs are left.  0, or -1 when no worker could be started. */
static int
run_workers(struct cli *cli, int n)
{
	struct worker w[MAX_WORKERS];
	struct pollfd pfd[MAX_WORKERS];
	int *next, k, live = 0;

	next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED) {
		fprintf(stderr, "warta: cannot start workers: %s\n", g_strerror(errno));
		return -1;
	}
	*next = 0;
	for (k = 0; k < MAX_WORKERS; k++)
		w[k].fd = -1;           /* a worker closes every other entry's pipe */
	for (k = 0; k < n; k++)
		if (spawn(cli, w, k, next) == 0)
			live++;
	if (live == 0) {
		munmap(next, sizeof *next);
		return -1;
	}
	while (live > 0) {
		int r, map[MAX_WORKERS], np = 0;

		for (k = 0; k < n; k++) {
			if (w[k].fd < 0)
				continue;
			pfd[np].fd = w[k].fd;
			pfd[np].events = POLLIN;
			pfd[np].revents = 0;
			map[np++] = k;
		}
		r = poll(pfd, (nfds_t)np, 500);
		if (r < 0 && errno != EINTR) {
			/* cannot wait for them: stop and reap them; what they
			 * had not finished fails below */
			for (int j = 0; j < np; j++) {
				kill(w[map[j]].pid, SIGTERM);
				worker_gone(cli, &w[map[j]], map[j]);
			}
			break;
		}
		if (r <= 0) {
			g_mutex_lock(&cli->out_lock);
			bar_draw(1);    /* half a second without news: rate and time left move */
			g_mutex_unlock(&cli->out_lock);
			continue;
		}
		for (int j = 0; j < np; j++) {
			struct worker *x = &w[map[j]];
			guint8 buf[65536];
			ssize_t got;

			if (!(pfd[j].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(x->fd, buf, sizeof buf);
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				g_byte_array_append(x->in, buf, (guint)got);
				take_messages(cli, x);
				continue;
			}
			worker_gone(cli, x, map[j]);
			live--;
			if (__atomic_load_n(next, __ATOMIC_SEQ_CST) < cli->ninputs &&
			    spawn(cli, w, map[j], next) == 0)
				live++;
		}
	}
	/* inputs no worker finished: taken by a worker that died before it said
	 * so, or never taken (no worker could be started again) */
	for (k = 0; k < cli->ninputs; k++) {
		char *t;

		if (reported[k])
			continue;
		t = g_strdup_printf("warta: %s: error: not converted: no worker finished it\n", cli->inputs[k]);
		report_input(cli, k, t, 1);
		g_free(t);
	}
	munmap(next, sizeof *next);
	return 0;
}

static void
summary(struct cli *cli)
{
	double elapsed = (g_get_monotonic_time() - b.start) / 1e6;
	guint i;

	fprintf(stderr, "warta: %d file%s: %d done, %d failed", b.total, b.total == 1 ? "" : "s",
	        b.done - b.failed, b.failed);
	if (b.failed) {
		fputs(" (", stderr);
		for (i = 0; i < b.failures->len && i < 10; i++)
			fprintf(stderr, "%s%s", i ? ", " : "",
			        cli->inputs[g_array_index(b.failures, int, i)]);
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
cli_batch(struct cli *cli)
{
	int i, workers;

	memset(&b, 0, sizeof b);
	b.total = cli->ninputs;
	b.failures = g_array_new(FALSE, FALSE, sizeof(int));
	b.start = g_get_monotonic_time();
	b.bar = cli->stderr_tty && !cli->quiet && cli->ninputs > 1;
	workers = MIN(MIN(cli->jobs, cli->ninputs), MAX_WORKERS);
	reported = g_malloc0((size_t)cli->ninputs);

	if (workers <= 1) {
		GString *out = g_string_new(NULL);

		for (i = 0; i < cli->ninputs; i++) {
			int failed;

			g_mutex_lock(&cli->out_lock);
			b.current = cli->inputs[i];
			g_mutex_unlock(&cli->out_lock);
			g_string_truncate(out, 0);
			failed = convert(cli, i, out);
			report_input(cli, i, out->str, failed);
		}
		g_string_free(out, TRUE);
	} else if (run_workers(cli, workers) < 0) {
		g_array_free(b.failures, TRUE);
		g_free(reported);
		reported = NULL;
		return 1;
	}

	g_mutex_lock(&cli->out_lock);
	bar_clear();
	g_array_sort(b.failures, cmp_int);   /* input order, not finishing order */
	if (!cli->quiet && cli->ninputs > 1 && (cli->stderr_tty || cli->verbose || b.failed))
		summary(cli);
	fflush(stderr);
	g_mutex_unlock(&cli->out_lock);
	i = b.failed ? 1 : 0;
	g_array_free(b.failures, TRUE);
	g_free(reported);
	reported = NULL;
	return i;
}

/* Ctrl-C, SIGTERM, SIGHUP: unlink the temporary files of unfinished outputs
 * (finished ones are already renamed into place), then die of the signal so
 * the caller sees it.  Only async-signal-safe calls. */
static void
on_signal(int sig)
{
	static const char msg[] = "warta: interrupted; unfinished outputs removed\n";

	int k;

	warta_cleanup_temporaries();
	if (!is_worker) {
		/* the workers remove their own unfinished outputs: wait for them */
		for (k = 0; k < MAX_WORKERS; k++)
			if (worker_pid[k] > 0)
				kill(worker_pid[k], sig);
		for (k = 0; k < MAX_WORKERS; k++)
			if (worker_pid[k] > 0)
				while (waitpid(worker_pid[k], NULL, 0) < 0 && errno == EINTR)
					;
		if (bar_on_screen)
			(void)!write(STDERR_FILENO, "\r\033[K", 4);
		(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	}
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
	{
		static const int crash[] = { SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGFPE, SIGILL };

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_crash;
		sa.sa_flags = SA_RESETHAND | SA_NODEFER;
		sigemptyset(&sa.sa_mask);
		for (size_t j = 0; j < G_N_ELEMENTS(crash); j++)
			sigaction(crash[j], &sa, NULL);
	}
	/* over a file-size limit (ulimit -f) a write fails with EFBIG and the
	 * output is abandoned cleanly, instead of the process dying mid-file */
	signal(SIGXFSZ, SIG_IGN);
}
