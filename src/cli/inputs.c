/* inputs.c — the list of inputs: INPUT arguments, directories (their article
 * files, recursively, in name order), --files-from lists and an edition's
 * --manifest ([Section] lines, then file names).  Writes cli->inputs, the
 * sections a manifest gives, and the file ids used to refuse output == input. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "cli/cli.h"

/* The extensions of article files in a directory, matched in any case. */
static const char *const article_exts[] = { ".txt", ".md", ".markdown", NULL };

static int
is_article_name(const char *name)
{
	size_t n = strlen(name);
	int i;

	if (name[0] == '.')
		return 0;
	for (i = 0; article_exts[i]; i++) {
		size_t k = strlen(article_exts[i]);

		if (n > k && g_ascii_strcasecmp(name + n - k, article_exts[i]) == 0)
			return 1;
	}
	return 0;
}

/* The inputs being collected. */
struct collect {
	struct cli *cli;
	GPtrArray *out;           /* the inputs' paths */
	/* the directory of each input below its directory argument ("2024/10"),
	 * or NULL: what --keep-tree mirrors under -d.  Parallel to out. */
	GPtrArray *reldirs;
	/* where a name came from, for messages: "LIST:LINE: " of --files-from
	 * or --manifest, or NULL for a command-line argument */
	char *origin;
	/* directories already walked ("dev:ino"): a symbolic link back up the
	 * tree would otherwise be walked again and again */
	GHashTable *walked;
};

static void
add_path(struct collect *c, char *path, const char *reldir)
{
	g_ptr_array_add(c->out, path);
	g_ptr_array_add(c->reldirs, reldir && *reldir ? g_strdup(reldir) : NULL);
}

/* -v: a file of a directory that is not taken, and why. */
static void
skipped(const struct collect *c, const char *path, const char *why)
{
	if (c->cli->verbose)
		fprintf(stderr, "warta: %s: note: skipped: %s\n", path, why);
}

static const char *
file_kind(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" :
	       S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/* Appends the article files under dir, sorted by name; subdirectories are
 * walked in the same order.  Only regular files are taken (a FIFO named x.txt
 * would stop the batch); the others, and files of other extensions, are
 * reported with -v.  rel is dir below the directory argument ("" at its top).
 * 0, or -1 after a message. */
static int
add_dir(struct collect *c, const char *dir, const char *rel)
{
	GError *err = NULL;
	GDir *d;
	GPtrArray *names;
	const char *name;
	guint i;
	int rc = 0;
	char *id = cli_file_id(dir);

	if (!c->walked)
		c->walked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (id && !g_hash_table_add(c->walked, id))
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
		GStatBuf st;

		/* stat follows symbolic links: a link to an article is an article */
		if (g_stat(path, &st) != 0) {
			skipped(c, path, g_strerror(errno));
			g_free(path);
		} else if (S_ISDIR(st.st_mode)) {
			char *sub = *rel ? g_build_filename(rel, names->pdata[i], NULL) :
			                   g_strdup(names->pdata[i]);

			rc = add_dir(c, path, sub);
			g_free(sub);
			g_free(path);
		} else if (!is_article_name(names->pdata[i])) {
			skipped(c, path, "not an article file (.txt, .md, .markdown)");
			g_free(path);
		} else if (!S_ISREG(st.st_mode)) {
			skipped(c, path, file_kind(st.st_mode));
			g_free(path);
		} else {
			add_path(c, path, rel);
		}
	}
	g_ptr_array_free(names, TRUE);
	return rc;
}

static int
add_input(struct collect *c, const char *arg)
{
	if (strcmp(arg, "-") != 0 && g_file_test(arg, G_FILE_TEST_IS_DIR)) {
		guint before = c->out->len;

		if (add_dir(c, arg, "") != 0)
			return -1;
		if (c->out->len == before) {
			fprintf(stderr, "warta: %s%s: error: a directory with no article files "
			        "(.txt, .md, .markdown)\n", c->origin ? c->origin : "", arg);
			return -1;
		}
		return 0;
	}
	/* a name from a list that names nothing: the list's line says which */
	if (c->origin && strcmp(arg, "-") != 0 && !g_file_test(arg, G_FILE_TEST_EXISTS)) {
		fprintf(stderr, "warta: %serror: %s: no such file\n", c->origin, arg);
		return -1;
	}
	add_path(c, g_strdup(arg), NULL);
	return 0;
}

/* A list of names (--files-from, --manifest) is at most this long. */
#define LIST_MAX_BYTES (256 * 1024 * 1024)

/* The whole of FILE ("-": standard input) as text, its length in *len; opt
 * names the option in messages.  NULL after a message. */
static char *
slurp(const char *opt, const char *file, gsize *len)
{
	GError *err = NULL;
	GIOChannel *ch;
	GString *s;
	char buf[65536];
	gsize n;
	GIOStatus st;

	if (strcmp(file, "-") == 0)
		ch = g_io_channel_unix_new(0);
	else if (!(ch = g_io_channel_new_file(file, "r", &err))) {
		fprintf(stderr, "warta: %s %s: error: cannot read: %s\n", opt, file,
		        g_strerror(err->code == G_FILE_ERROR_NOENT ? ENOENT : err->code ==
		                   G_FILE_ERROR_ACCES ? EACCES : EIO));
		g_error_free(err);
		return NULL;
	}
	g_io_channel_set_encoding(ch, NULL, NULL);
	s = g_string_new(NULL);
	while ((st = g_io_channel_read_chars(ch, buf, sizeof buf, &n, &err)) == G_IO_STATUS_NORMAL &&
	       s->len <= LIST_MAX_BYTES)
		g_string_append_len(s, buf, (gssize)n);
	g_io_channel_unref(ch);
	if (st == G_IO_STATUS_ERROR || s->len > LIST_MAX_BYTES) {
		fprintf(stderr, "warta: %s %s: error: %s\n", opt,
		        strcmp(file, "-") == 0 ? "(standard input)" : file,
		        err ? err->message : "more than 256 MB of names");
		g_clear_error(&err);
		g_string_free(s, TRUE);
		return NULL;
	}
	*len = s->len;
	return g_string_free(s, FALSE);
}

/* --files-from: one name a line; blank lines are skipped, a trailing CR
 * dropped.  With -0 the names end with NUL bytes instead (find -print0); a
 * NUL in a list of lines is an error, never the silent end of a name. */
static int
add_files_from(struct collect *c, const char *file)
{
	const char *shown = strcmp(file, "-") == 0 ? "(standard input)" : file;
	gsize len, i, start = 0;
	char *text = slurp("--files-from", file, &len);
	int rc = 0, lineno = 1, nul = c->cli->null_names;

	if (!text)
		return -1;
	for (i = 0; i <= len && rc == 0; i++) {
		char ch = i < len ? text[i] : (nul ? '\0' : '\n');
		size_t n;

		if (!nul && ch == '\0') {
			fprintf(stderr, "warta: --files-from %s:%d: error: a NUL byte in a name "
			        "(for names ending with NUL, as find -print0 writes them, give -0)\n",
			        shown, lineno);
			rc = -1;
			break;
		}
		if (ch != (nul ? '\0' : '\n'))
			continue;
		text[i < len ? i : len] = '\0';
		n = i - start;
		if (!nul && n && text[start + n - 1] == '\r')
			text[start + --n] = '\0';
		if (n) {
			c->origin = g_strdup_printf("--files-from %s:%d: ", shown, lineno);
			rc = add_input(c, text + start);
			g_clear_pointer(&c->origin, g_free);
		}
		start = i + 1;
		lineno++;
		if (i == len)
			break;
	}
	g_free(text);
	return rc;
}

/* --manifest: "[Section]" starts a section, "lang: TAG" (before the first
 * section or input) is the edition's language, every other non-blank line
 * that does not start with '#' names an input (relative to the manifest's
 * directory) or a directory of inputs in that section. */
static int
add_manifest(struct collect *c, const char *file)
{
	gsize len;
	char *text = slurp("--manifest", file, &len), **lines, **p, *dir, *section = NULL;
	int rc = 0, lineno = 0;

	if (!text)
		return -1;
	if (memchr(text, '\0', len)) {
		fprintf(stderr, "warta: --manifest %s: error: a NUL byte: not a text file\n", file);
		g_free(text);
		return -1;
	}
	dir = strcmp(file, "-") == 0 ? g_strdup(".") : g_path_get_dirname(file);
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (p = lines; *p && rc == 0; p++) {
		char *line = g_strstrip(*p);
		guint before = c->out->len, i;

		lineno++;
		if (!*line || *line == '#')
			continue;
		if (g_str_has_prefix(line, "lang:") && c->out->len == 0 && !section) {
			char *tag = g_strstrip(line + 5);

			if (!g_regex_match_simple("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", tag, 0, 0)) {
				fprintf(stderr, "warta: %s:%d: error: lang: \"%s\" is not a language tag "
				        "(BCP 47: id, en, zh-Hant)\n", file, lineno, tag);
				rc = -1;
				break;
			}
			g_free(c->cli->manifest_lang);
			c->cli->manifest_lang = g_strdup(tag);
			continue;
		}
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
		c->origin = g_strdup_printf("%s:%d: ", file, lineno);
		if (!g_path_is_absolute(line)) {
			char *path = g_build_filename(dir, line, NULL);

			if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
				fprintf(stderr, "warta: %serror: %s: no such file (names are relative to "
				        "the manifest's directory)\n", c->origin, line);
				rc = -1;
			}
			g_free(path);
		}
		if (rc != 0) {
		} else if (g_path_is_absolute(line)) {
			rc = add_input(c, line);
		} else {
			char *path = g_build_filename(dir, line, NULL);

			rc = add_input(c, path);
			g_free(path);
		}
		g_clear_pointer(&c->origin, g_free);
		for (i = before; i < c->out->len; i++)
			g_ptr_array_add(c->cli->sections, g_strdup(section));
	}
	g_free(section);
	g_free(dir);
	g_strfreev(lines);
	return rc;
}

int
cli_collect_inputs(struct cli *cli)
{
	struct collect col = { cli, g_ptr_array_new(), g_ptr_array_new(), NULL, NULL }, *c = &col;
	char **p;
	int rc = 0, i;

	if (cli->manifest) {
		cli->sections = g_ptr_array_new_with_free_func(g_free);
		rc = add_manifest(c, cli->manifest);
		if (rc == 0 && (cli->args || cli->files_from)) {
			fprintf(stderr, "warta: --manifest names the inputs; give no other\n");
			rc = -1;
		}
	}
	for (p = cli->args; rc == 0 && p && *p; p++)
		rc = add_input(c, *p);
	for (p = cli->files_from; rc == 0 && p && *p; p++)
		rc = add_files_from(c, *p);
	if (c->walked)
		g_hash_table_destroy(c->walked);
	g_ptr_array_add(c->out, NULL);
	cli->inputs = (char **)g_ptr_array_free(c->out, FALSE);
	cli->ninputs = (int)g_strv_length(cli->inputs);
	cli->reldirs = (char **)g_ptr_array_free(c->reldirs, FALSE);
	cli->input_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (i = 0; i < cli->ninputs; i++) {
		char *id = strcmp(cli->inputs[i], "-") ? cli_file_id(cli->inputs[i]) : NULL;

		if (id)
			g_hash_table_add(cli->input_ids, id);
	}
	return rc;
}
