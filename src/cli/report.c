/* report.c — what the command line prints besides its usage: the library's
 * messages (notes with -v, warnings unless -q), each format's name, the
 * distances behind "did you mean", and --report: the print back end's
 * report of an output (warta_print_report), a line of text on standard
 * error, or with --report=json one JSON object on a line.  Every figure is
 * defined in the README ("The typesetting report"). */
#include <string.h>

#include "cli/cli.h"

void
cli_print_report(struct cli *cli, const char *path)
{
	char *s = warta_print_report(cli->print, path, cli->report == 2);

	if (s == NULL)
		return;
	if (cli->capture) {              /* a batch prints it with the input's messages */
		g_string_append(cli->capture, s);
	} else {
		g_mutex_lock(&cli->out_lock);
		fputs(s, stderr);
		fflush(stderr);
		g_mutex_unlock(&cli->out_lock);
	}
	warta_free(s);
}

/* ---------------------------------------------------------------- messages */

static const char *const format_names[FMT_COUNT] = { "pdf", "epub", "png", "svg", "json", "trace" };

const char *
cli_format_ext(enum cli_format f)
{
	return format_names[f];
}

void
cli_format_diags(const struct cli *cli, GString *out, const warta_messages *m)
{
	size_t i, n = warta_messages_count(m);
	int k;

	for (i = 0; i < n; i++) {
		int sev = warta_message_severity(m, i);
		char *s;

		if (sev == WARTA_MSG_NOTE && !cli->verbose)
			continue;
		if (sev == WARTA_MSG_WARNING && cli->quiet)
			continue;
		s = warta_message_format(m, i);
		g_string_append_printf(out, "%s\n", s);
		warta_free(s);
	}
	/* the library keeps at most 1000 messages of each kind */
	for (k = WARTA_MSG_NOTE; k <= WARTA_MSG_ERROR; k++) {
		static const char *const kind[] = { "note", "warning", "error" };
		size_t dropped = warta_messages_dropped(m, k);

		if (dropped == 0 || (k == WARTA_MSG_NOTE && !cli->verbose) ||
		    (k == WARTA_MSG_WARNING && cli->quiet))
			continue;
		g_string_append_printf(out, "warta: %s: %zu more %s%s not shown\n", kind[k], dropped,
		    kind[k], dropped == 1 ? "" : "s");
	}
}

void
cli_print_diags(const struct cli *cli, const warta_messages *m)
{
	GString *out = g_string_new(NULL);

	cli_format_diags(cli, out, m);
	fputs(out->str, stderr);
	fflush(stderr);
	g_string_free(out, TRUE);
}

