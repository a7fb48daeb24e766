/* inputs.c — the list of inputs: INPUT arguments, directories (their article
 * files, recursively, in name order), --files-from lists and an edition's
 * --manifest ([Section] lines, then file names).  Writes cli.inputs, the
 * sections a manifest gives, and the file ids used to refuse output == input. */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"

static int
is_article_name(const char *name)
{
	return name[0] != '.' &&
	       (g_str_has_suffix(name, ".txt") || g_str_has_suffix(name, ".md") ||
	        g_str_has_suffix(name, ".markdown"));
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories already walked ("dev:ino"): a symbolic link back up the tree
 * would otherwise be walked again and again. */
static GHashTable *walked;

/* Appends the article files under dir, sorted by name; subdirectories are
 * walked in the same order.  0, or -1 after a message. */
static int
add_dir(GPtrArray *out, const char *dir)
{
	GError *err = NULL;
	GDir *d;
	GPtrArray *names;
	const char *name;
	guint i;
	int rc = 0;
	char *id = cli_file_id(dir);

	if (!walked)
		walked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (id && !g_hash_table_add(walked, id))
		return 0;
	d = g_dir_open(dir, 0, &err);
	if (!d) {
		fprintf(stderr, "warta: %s: cannot read the directory: %s\n", dir, err->message);
		g_error_free(err);
		return -1;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(d)))
		if (name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_str);
	for (i = 0; i < names->len && rc == 0; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			rc = add_dir(out, path);
			g_free(path);
		} else if (is_article_name(names->pdata[i])) {
			g_ptr_array_add(out, path);
		} else {
			g_free(path);
		}
	}
	g_ptr_array_free(names, TRUE);
	return rc;
}

static int
add_input(GPtrArray *out, const char *arg)
{
	if (strcmp(arg, "-") != 0 && g_file_test(arg, G_FILE_TEST_IS_DIR)) {
		guint before = out->len;

		if (add_dir(out, arg) != 0)
			return -1;
		if (out->len == before) {
			fprintf(stderr, "warta: %s: error: a directory with no article files "
			        "(.txt, .md, .markdown)\n", arg);
			return -1;
		}
		return 0;
	}
	g_ptr_array_add(out, g_strdup(arg));
	return 0;
}

/* The whole of FILE ("-": standard input) as text.  NULL after a message. */
static char *
slurp(const char *file)
{
	GError *err = NULL;
	char *text = NULL;
	gsize len;

	if (strcmp(file, "-") == 0) {
		GIOChannel *ch = g_io_channel_unix_new(0);

		g_io_channel_set_encoding(ch, NULL, NULL);
		if (g_io_channel_read_to_end(ch, &text, &len, &err) != G_IO_STATUS_NORMAL) {
			fprintf(stderr, "warta: standard input: %s\n", err ? err->message : "read error");
			g_clear_error(&err);
			text = NULL;
		}
		g_io_channel_unref(ch);
		return text;
	}
	if (!g_file_get_contents(file, &text, &len, &err)) {
		fprintf(stderr, "warta: %s\n", err->message);
		g_error_free(err);
		return NULL;
	}
	return text;
}

/* --files-from: one name a line; blank lines are skipped, a trailing CR dropped. */
static int
add_files_from(GPtrArray *out, const char *file)
{
	char *text = slurp(file), **lines, **p;
	int rc = 0;

	if (!text)
		return -1;
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (p = lines; *p && rc == 0; p++) {
		size_t n = strlen(*p);

		if (n && (*p)[n - 1] == '\r')
			(*p)[n - 1] = '\0';
		if (**p)
			rc = add_input(out, *p);
	}
	g_strfreev(lines);
	return rc;
}

/* --manifest: "[Section]" starts a section, every other non-blank line that
 * does not start with '#' names an input (relative to the manifest's
 * directory) or a directory of inputs in that section. */
static int
add_manifest(GPtrArray *out, const char *file)
{
	char *text = slurp(file), **lines, **p, *dir, *section = NULL;
	int rc = 0, lineno = 0;

	if (!text)
		return -1;
	dir = strcmp(file, "-") == 0 ? g_strdup(".") : g_path_get_dirname(file);
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (p = lines; *p && rc == 0; p++) {
		char *line = g_strstrip(*p);
		guint before = out->len, i;

		lineno++;
		if (!*line || *line == '#')
			continue;
		if (*line == '[') {
			size_t n = strlen(line);

			if (n < 3 || line[n - 1] != ']') {
				fprintf(stderr, "warta: %s:%d: error: a section line is [Name]\n",
				        file, lineno);
				rc = -1;
				break;
			}
			line[n - 1] = '\0';
			g_free(section);
			section = g_strdup(g_strstrip(line + 1));
			continue;
		}
		if (g_path_is_absolute(line)) {
			rc = add_input(out, line);
		} else {
			char *path = g_build_filename(dir, line, NULL);

			rc = add_input(out, path);
			g_free(path);
		}
		for (i = before; i < out->len; i++)
			g_ptr_array_add(cli.sections, g_strdup(section));
	}
	g_free(section);
	g_free(dir);
	g_strfreev(lines);
	return rc;
}

int
cli_collect_inputs(void)
{
	GPtrArray *out = g_ptr_array_new();
	char **p;
	int rc = 0, i;

	if (cli.manifest) {
		cli.sections = g_ptr_array_new_with_free_func(g_free);
		rc = add_manifest(out, cli.manifest);
		if (rc == 0 && (cli.args || cli.files_from)) {
			fprintf(stderr, "warta: --manifest names the inputs; give no other\n");
			rc = -1;
		}
	}
	for (p = cli.args; rc == 0 && p && *p; p++)
		rc = add_input(out, *p);
	for (p = cli.files_from; rc == 0 && p && *p; p++)
		rc = add_files_from(out, *p);
	if (walked) {
		g_hash_table_destroy(walked);
		walked = NULL;
	}
	g_ptr_array_add(out, NULL);
	cli.inputs = (char **)g_ptr_array_free(out, FALSE);
	cli.ninputs = (int)g_strv_length(cli.inputs);
	cli.input_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (i = 0; i < cli.ninputs; i++) {
		char *id = strcmp(cli.inputs[i], "-") ? cli_file_id(cli.inputs[i]) : NULL;

		if (id)
			g_hash_table_add(cli.input_ids, id);
	}
	return rc;
}
