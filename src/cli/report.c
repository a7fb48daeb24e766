/* report.c — what the command line prints besides its usage: the library's
 * messages (notes with -v, warnings unless -q), each format's name, the
 * distances behind "did you mean", and --report: what the print back end's
 * report of an output (render.h, struct warta_report) comes to, as a line of
 * text on standard error, or with --report=json as one JSON object on a
 * line.  Every figure is defined in the README ("The typesetting report"). */
#include <string.h>

#include "cli/cli.h"

/* s as a JSON string: bytes that are not UTF-8 (a file name) as U+FFFD. */
static void
json_string(GString *out, const char *s)
{
	char *u = g_utf8_make_valid(s, -1);
	const char *p;

	g_string_append_c(out, '"');
	for (p = u; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"' || c == '\\')
			g_string_append_printf(out, "\\%c", c);
		else if (c < 0x20)
			g_string_append_printf(out, "\\u%04x", c);
		else
			g_string_append_c(out, (char)c);
	}
	g_string_append_c(out, '"');
	g_free(u);
}

/* The report of an output (README, "The typesetting report"): a line of
 * text, or with --report=json one JSON object on a line. */
static void
format_report(const struct cli *cli, GString *s, const char *path, const struct warta_report *r)
{
	double mean = r->justified ? r->gap_sum / r->justified : 0;

	if (cli->report == 2) {
		g_string_append(s, "{\"output\":");
		json_string(s, path);
		g_string_append_printf(s, ",\"pages\":%d,\"pages_written\":%d,\"lines\":%d,"
		    "\"justified\":%d,\"mean_gap_em\":%.3f,\"max_gap_em\":%.3f,\"loose\":%d,"
		    "\"tight\":%d,\"hyphenated\":%d,\"longest_hyphen_run\":%d,\"overfull\":%d,"
		    "\"widows\":%d,\"orphans\":%d,\"off_grid\":", r->pages, r->pages_written,
		    r->lines, r->justified, mean, r->gap_max, r->loose, r->tight, r->hyphenated,
		    r->longest_hyphen_run, r->overfull, r->widows, r->orphans);
		if (r->grid)
			g_string_append_printf(s, "%d}\n", r->off_grid);
		else
			g_string_append(s, "null}\n");
		return;
	}
	g_string_append_printf(s, "warta: %s: %d page%s", path, r->pages, r->pages == 1 ? "" : "s");
	if (r->pages_written != r->pages)
		g_string_append_printf(s, " (%d written)", r->pages_written);
	g_string_append_printf(s, ", %d lines, %d justified (mean word gap %.2f em, largest %.2f): "
	    "%d loose, %d tight, %d hyphenated (longest run %d), %d overfull, %d widows, %d orphans",
	    r->lines, r->justified, mean, r->gap_max, r->loose, r->tight, r->hyphenated,
	    r->longest_hyphen_run, r->overfull, r->widows, r->orphans);
	if (r->grid)                    /* an edition made up on the baseline grid */
		g_string_append_printf(s, ", %d off the grid", r->off_grid);
	g_string_append_c(s, '\n');
}

void
cli_print_report(struct cli *cli, const char *path, const struct warta_report *r)
{
	GString *s = g_string_new(NULL);

	format_report(cli, s, path, r);
	if (cli->capture) {              /* a batch prints it with the input's messages */
		g_string_append(cli->capture, s->str);
	} else {
		g_mutex_lock(&cli->out_lock);
		fputs(s->str, stderr);
		fflush(stderr);
		g_mutex_unlock(&cli->out_lock);
	}
	g_string_free(s, TRUE);
}

/* ---------------------------------------------------------------- messages */

static const char *const format_names[FMT_COUNT] = { "pdf", "epub", "png", "svg", "json", "trace" };

const char *
cli_format_ext(enum cli_format f)
{
	return format_names[f];
}

void
cli_format_diags(const struct cli *cli, GString *out, struct warta_diags *d)
{
	guint i;

	for (i = 0; i < d->items->len; i++) {
		struct warta_diag *m = d->items->pdata[i];
		char *s;

		if (m->severity == WARTA_NOTE && !cli->verbose)
			continue;
		if (m->severity == WARTA_WARNING && cli->quiet)
			continue;
		s = warta_diag_format(m);
		g_string_append_printf(out, "%s\n", s);
		g_free(s);
	}
	/* the library keeps at most d->max (1000) messages of each kind */
	for (i = WARTA_NOTE; i <= WARTA_ERROR; i++) {
		static const char *const kind[] = { "note", "warning", "error" };
		int n = warta_diags_dropped(d, i);

		if (n == 0 || (i == WARTA_NOTE && !cli->verbose) || (i == WARTA_WARNING && cli->quiet))
			continue;
		g_string_append_printf(out, "warta: %s: %d more %s%s not shown\n", kind[i], n, kind[i],
		    n == 1 ? "" : "s");
	}
}

void
cli_print_diags(const struct cli *cli, struct warta_diags *d)
{
	GString *out = g_string_new(NULL);

	cli_format_diags(cli, out, d);
	fputs(out->str, stderr);
	fflush(stderr);
	g_string_free(out, TRUE);
}

/* Levenshtein distance of a and b (option and key names). */
int
cli_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *row = g_new(int, lb + 1), best;

	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int up = row[j], v = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
		}
	}
	best = row[lb];
	g_free(row);
	return best;
}
