/* convert.c — one input into its outputs: reads the article (the run's
 * warta_reader), names each output (-o FILE, -d DIR/NAME.EXT or standard
 * output) and hands the document to the format's back end: warta_json,
 * warta_print (PDF, PNG, SVG, the trace) or warta_epub, each of which
 * writes its file atomically. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

char *
cli_file_id(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	return g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
}

int
cli_is_input(const struct cli *cli, const char *path)
{
	char *id;
	int hit;

	if (!cli->input_ids || !(id = cli_file_id(path)))
		return 0;
	hit = g_hash_table_contains(cli->input_ids, id);
	g_free(id);
	return hit;
}

warta_doc *
cli_read(struct cli *cli, const char *input, warta_messages *m)
{
	return warta_reader_read(cli->reader, input, m);
}

/* The style for one article: -s, else the one its front matter names (loaded
 * once, kept for the run), else the default.  An unknown front-matter style is
 * a warning and the default is used. */
static const warta_style *
style_for(struct cli *cli, const warta_doc *doc, warta_messages *m)
{
	const char *name = warta_doc_style(doc), *path = warta_doc_path(doc);
	warta_style *s;
	int warn;

	if (cli->style_name || !name || !*name)
		return cli->style;
	g_mutex_lock(&cli->styles_lock);
	if (cli->style_warned == NULL)
		cli->style_warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!g_hash_table_lookup_extended(cli->styles, name, NULL, (gpointer *)&s)) {
		/* Article text never names a file: only a bare style name from the
		 * style directories (warta_style_open takes anything with '/' or
		 * ending in ".style" as a path). */
		s = NULL;
		if (!strchr(name, '/') && !strchr(name, '\\') && !g_str_has_suffix(name, ".style") &&
		    name[0] != '.')
			s = warta_style_open(name, NULL);
		g_hash_table_insert(cli->styles, g_strdup(name), s);
	}
	/* one warning per article, however many formats it is written in */
	warn = !s && path && !g_hash_table_contains(cli->style_warned, path);
	if (warn)
		g_hash_table_add(cli->style_warned, g_strdup(path));
	g_mutex_unlock(&cli->styles_lock);
	if (warn)
		warta_messages_add(m, WARTA_MSG_WARNING, path, warta_doc_title_line(doc), 0,
		                   "style '%s' from the front matter not found; using '%s'",
		                   name, warta_style_name(cli->style));
	return s ? s : cli->style;
}

int
cli_write(struct cli *cli, warta_doc *const *docs, size_t n, enum cli_format f,
          const char *path, warta_messages *m)
{
	static const enum warta_print_kind kinds[FMT_COUNT] = {
		[FMT_PDF] = WARTA_KIND_PDF, [FMT_PNG] = WARTA_KIND_PNG, [FMT_SVG] = WARTA_KIND_SVG,
		[FMT_TRACE] = WARTA_KIND_TRACE,
	};
	int rc;

	switch (f) {
	case FMT_JSON:
		return warta_json_render(cli->json, docs, n, path, m);
	case FMT_PDF:
	case FMT_PNG:
	case FMT_SVG:
	case FMT_TRACE:
		warta_print_set_style(cli->print, n == 1 ? style_for(cli, docs[0], m) : cli->style);
		rc = warta_print_render(cli->print, docs, n, kinds[f], path, m);
		if (rc == 0 && cli->report)
			cli_print_report(cli, path);
		return rc;
	case FMT_EPUB:
		warta_epub_set_style(cli->epub, n == 1 ? style_for(cli, docs[0], m) : cli->style);
		return warta_epub_render(cli->epub, docs, n, path, m);
	default:
		break;
	}
	return -1;
}

void
cli_find_same_names(struct cli *cli)
{
	GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int i;

	cli->same_name = g_new(int, cli->ninputs);
	for (i = 0; i < cli->ninputs; i++) {
		/* the name the reader will give it */
		char *name = warta_doc_name_of(cli->inputs[i]);
		/* --keep-tree: the same NAME in two directories is no clash */
		char *key = cli->keep_tree && cli->reldirs[i] ?
		            g_build_filename(cli->reldirs[i], name, NULL) : g_strdup(name);
		gpointer j;

		if (g_hash_table_lookup_extended(first, key, NULL, &j)) {
			cli->same_name[i] = GPOINTER_TO_INT(j);
			g_free(key);
		} else {
			cli->same_name[i] = -1;
			g_hash_table_insert(first, key, GINT_TO_POINTER(i));
		}
		warta_free(name);
	}
	g_hash_table_destroy(first);
}

/* The files a write made: path itself, or for PNG and SVG of several pages
 * the back end's NAME-1.EXT, NAME-2.EXT … */
static void
add_written(GPtrArray *written, const char *path)
{
	const char *dot = strrchr(path, '.');
	int page;

	if (strcmp(path, "-") == 0 || g_file_test(path, G_FILE_TEST_EXISTS) || !dot) {
		g_ptr_array_add(written, g_strdup(path));
		return;
	}
	for (page = 1;; page++) {
		char *p = g_strdup_printf("%.*s-%d%s", (int)(dot - path), path, page, dot);

		if (!g_file_test(p, G_FILE_TEST_EXISTS)) {
			g_free(p);
			break;
		}
		g_ptr_array_add(written, p);
	}
}

int
cli_convert(struct cli *cli, int index, warta_messages *d, GPtrArray *written)
{
	const char *input = cli->inputs[index];
	warta_doc *doc;
	int f, rc = 0;

	/* two inputs with one NAME would write the same DIR/NAME.EXT: the later
	 * one in input order fails, whichever worker gets there first */
	if (cli->outdir && cli->same_name[index] >= 0) {
		warta_messages_add(d, WARTA_MSG_ERROR, input, 0, 0,
		           "its outputs in %s would be those of %s (the same name); rename one%s",
		           cli->outdir, cli->inputs[cli->same_name[index]],
		           cli->keep_tree ? "" : ", or give --keep-tree when they are in different "
		           "directories");
		return -1;
	}
	if (!(doc = cli_read(cli, input, d)))
		return -1;
	for (f = 0; f < FMT_COUNT; f++) {
		char *path;

		if (!cli->formats[f])
			continue;
		if (cli->outdir) {
			char *file = g_strdup_printf("%s.%s", warta_doc_name(doc), cli_format_ext(f));
			const char *rel = cli->keep_tree ? cli->reldirs[index] : NULL;

			path = g_build_filename(cli->outdir, rel ? rel : file, rel ? file : NULL, NULL);
			g_free(file);
			if (rel) {
				char *dir = g_path_get_dirname(path);

				if (g_mkdir_with_parents(dir, 0777) != 0) {
					warta_messages_add(d, WARTA_MSG_ERROR, input, 0, 0,
					           "cannot make the directory %s: %s", dir, g_strerror(errno));
					g_free(dir);
					g_free(path);
					rc = -1;
					continue;
				}
				g_free(dir);
			}
			if (cli_is_input(cli, path)) {
				warta_messages_add(d, WARTA_MSG_ERROR, input, 0, 0,
				           "its output %s is one of the inputs", path);
				g_free(path);
				rc = -1;
				continue;
			}
		} else {
			path = g_strdup(cli->output ? cli->output : "-");
		}
		if (cli_write(cli, &doc, 1, f, path, d) != 0)
			rc = -1;
		else if (written)
			add_written(written, path);
		g_free(path);
	}
	/* pictures that could not be had (warnings): the outputs are made,
	 * and the run says something is missing */
	if (rc == 0 && warta_doc_missing_pictures(doc))
		rc = 1;
	warta_doc_free(doc);
	return rc;
}
