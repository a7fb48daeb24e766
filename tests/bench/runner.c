/* runner.c — `make bench`'s process driver: runs a command N times as whole
 * processes (fork/exec, wait4) and prints the median, lowest and highest wall
 * time from fork to exit, the median user+system CPU time and the highest peak
 * RSS (ru_maxrss) as one line of key=value figures for bench.sh, and how
 * busy the machine was with other work meanwhile (others=: the CPU time
 * that /proc/stat counts over the timed runs less the runs' own, divided by
 * their wall time; cores' worth, 0 on an idle machine).
 *
 * usage: runner [-n RUNS] [-w WARMUPS] [-q] [-x] -- COMMAND [ARG…]
 * -q sends the command's standard output and error to /dev/null; -x takes
 * exit status 1 (an input refused with a message) as a run, not a failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "timing.h"

static int max_status;   /* the highest exit status that is not a failure (-x: 1) */

/* One run: wall ms, CPU ms and peak RSS in KiB; -1 when the command fails. */
static int
run(char **argv, int quiet, double *wall, double *cpu, long *rss)
{
	struct rusage ru;
	double t0 = now_ms();
	int status;
	pid_t pid, w;

	pid = fork();
	if (pid < 0) {
		perror("runner: fork");
		return -1;
	}
	if (pid == 0) {
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0) {
				dup2(fd, 1);
				dup2(fd, 2);
				close(fd);
			}
		}
		execvp(argv[0], argv);
		fprintf(stderr, "runner: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	do
		w = wait4(pid, &status, 0, &ru);
	while (w < 0 && errno == EINTR);
	*wall = now_ms() - t0;
	if (w < 0) {
		perror("runner: wait4");
		return -1;
	}
	*cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
	    ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
	*rss = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) > max_status) {
		fprintf(stderr, "runner: %s: exit status %d\n", argv[0],
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		return -1;
	}
	return 0;
}

/* The CPU time all processors spent busy since boot, ms (/proc/stat's
 * first line less idle and iowait); -1 when unreadable. */
static double
busy_ms(void)
{
	unsigned long long v[8] = { 0 };
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/stat", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
	    &v[4], &v[5], &v[6], &v[7]);
	fclose(f);
	if (n < 8 || hz <= 0)
		return -1;
	return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) * 1e3 / hz;
}

int
main(int argc, char **argv)
{
	double busy0, busy1, own = 0, span = 0, others = 0;
	int runs = 11, warm = 1, quiet = 0, i, c;
	double *wall, *cpu, w, u;
	long rss, maxrss = 0;

	while ((c = getopt(argc, argv, "n:w:qx")) != -1) {
		switch (c) {
		case 'x':
			max_status = 1;   /* an input warta refuses (exit 1) is timed too */
			break;
		case 'n':
			runs = atoi(optarg);
			break;
		case 'w':
			warm = atoi(optarg);
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc || runs < 1 || warm < 0)
		goto usage;
	argv += optind;
	wall = calloc(runs, sizeof *wall);
	cpu = calloc(runs, sizeof *cpu);
	if (!wall || !cpu)
		return 1;
	for (i = 0; i < warm; i++)
		if (run(argv, quiet, &w, &u, &rss) < 0)
			return 1;
	busy0 = busy_ms();
	for (i = 0; i < runs; i++) {
		if (run(argv, quiet, &wall[i], &cpu[i], &rss) < 0)
			return 1;
		own += cpu[i];
		span += wall[i];
		if (rss > maxrss)
			maxrss = rss;
	}
	busy1 = busy_ms();
	if (busy0 >= 0 && busy1 >= 0 && span > 0)
		others = (busy1 - busy0 - own) / span;
	w = median(wall, runs);
	u = median(cpu, runs);
	printf("median_ms=%.2f min_ms=%.2f max_ms=%.2f cpu_ms=%.2f rss_mb=%.1f runs=%d others=%.2f\n",
	    w, wall[0], wall[runs - 1], u, maxrss / 1024.0, runs, others < 0 ? 0 : others);
	free(wall);
	free(cpu);
	return 0;
usage:
	fprintf(stderr, "usage: runner [-n RUNS] [-w WARMUPS] [-q] [-x] -- COMMAND [ARG...]\n");
	return 2;
}
