/* meta.c — metadata from the command line: -M KEY=VALUE (repeatable) and
 * --metadata-file FILE (a YAML mapping), handed to the reader
 * (warta_reader_add_metadata, warta_reader_metadata_file), which checks each
 * key and value, sets them over the article's own and records where each
 * came from.  An -M value overrides the file's. */
#include <string.h>

#include "cli/cli.h"

/* Prints m's messages; -1 when it holds an error. */
static int
said(const struct cli *cli, warta_messages *m)
{
	int rc = warta_messages_errors(m) ? -1 : 0;

	cli_print_diags(cli, m);
	warta_messages_clear(m);
	return rc;
}

int
cli_meta_collect(struct cli *cli)
{
	warta_messages *m = warta_messages_new();
	const char *lang;
	char **p;
	int rc = 0;

	if (cli->metadata_file && warta_reader_metadata_file(cli->reader, cli->metadata_file, m) != 0)
		rc = -1;
	if (said(cli, m) != 0)
		rc = -1;
	for (p = cli->metadata; rc == 0 && p && *p; p++) {
		const char *eq = strchr(*p, '=');
		char *key, *where;

		if (!eq || eq == *p) {
			fprintf(stderr, "warta: -M %s: error: a value is KEY=VALUE (title=\"…\")\n", *p);
			rc = -1;
			break;
		}
		key = g_strstrip(g_strndup(*p, (gsize)(eq - *p)));
		where = g_strdup_printf("-M %s", *p);
		if (warta_reader_add_metadata(cli->reader, key, eq + 1, WARTA_ORIGIN_OPTION, where, m) != 0)
			rc = -1;
		g_free(where);
		g_free(key);
		if (said(cli, m) != 0)
			rc = -1;
	}
	/* lang goes to the reader, as -l does (both: a usage error) */
	if (rc == 0 && cli->lang && (lang = warta_reader_metadata(cli->reader, "lang"))) {
		fprintf(stderr, "warta: error: -l %s and the metadata's lang %s: give one\n",
		        cli->lang, lang);
		rc = -1;
	}
	warta_messages_free(m);
	return rc;
}
