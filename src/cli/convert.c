/* convert.c — one input into its outputs: reads the article (src/article),
 * names each output (-o FILE, -d DIR/NAME.EXT or standard output) and hands
 * the tree to the format's writer: JSON through util/output.h here, PDF/PNG/SVG
 * to src/render, EPUB to src/epub (each writes its own file atomically). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "json/json.h"
#include "util/output.h"

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

struct warta_doc *
cli_read(struct cli *cli, const char *input, struct warta_diags *d)
{
	struct warta_doc *doc = warta_article_read_file(input, &cli->ropts, d);

	if (doc)
		cli_meta_apply(cli, doc);
	return doc;
}

/* The style for one article: -s, else the one its front matter names (loaded
 * once, kept for the run), else the default.  An unknown front-matter style is
 * a warning and the default is used. */
static const struct warta_style *
style_for(struct cli *cli, const struct warta_doc *doc, struct warta_diags *d)
{
	static GHashTable *warned;      /* paths warned about, for the run */
	struct warta_style *s;
	int warn;

	if (cli->style_name || !doc->meta.style || !*doc->meta.style)
		return cli->style;
	g_mutex_lock(&cli->styles_lock);
	if (warned == NULL)
		warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!g_hash_table_lookup_extended(cli->styles, doc->meta.style, NULL, (gpointer *)&s)) {
		struct warta_diags tmp;

		/* Article text never names a file: only a bare style name from the
		 * style directories (warta_style_load takes anything with '/' or
		 * ending in ".style" as a path). */
		s = NULL;
		if (!strchr(doc->meta.style, '/') && !strchr(doc->meta.style, '\\') &&
		    !g_str_has_suffix(doc->meta.style, ".style") && doc->meta.style[0] != '.') {
			warta_diags_init(&tmp);
			s = warta_style_load(doc->meta.style, cli->style_dirs, &tmp);
			warta_diags_fini(&tmp);
		}
		g_hash_table_insert(cli->styles, g_strdup(doc->meta.style), s);
	}
	/* one warning per article, however many formats it is written in */
	warn = !s && doc->path && !g_hash_table_contains(warned, doc->path);
	if (warn)
		g_hash_table_add(warned, g_strdup(doc->path));
	g_mutex_unlock(&cli->styles_lock);
	if (warn)
		warta_diag(d, WARTA_WARNING, doc->path, doc->meta.title_line, 0,
		           "style '%s' from the front matter not found; using '%s'",
		           doc->meta.style, cli->style->name);
	return s ? s : cli->style;
}

/* Writes out what the JSON writer has gathered (see warta_json_write_flushed). */
static void
json_flush(GString *s, void *data)
{
	warta_output_write(data, s->str, s->len);
	g_string_truncate(s, 0);
}

int
cli_write(struct cli *cli, struct warta_doc *const *docs, size_t n, enum cli_format f,
          const char *path, struct warta_diags *d)
{
	switch (f) {
	case FMT_JSON: {
		struct warta_output *o;
		GString *s;
		size_t i;
		int rc;

		if (!(o = warta_output_open(path, d)))
			return -1;
		/* written as it is made: the JSON of a long article is several
		 * times its size (a write error is kept; commit reports it) */
		s = g_string_new(NULL);
		if (n == 1) {
			warta_json_write_flushed(docs[0], s, json_flush, o);
		} else {
			g_string_append(s, "[\n");
			for (i = 0; i < n; i++) {
				if (i)
					g_string_append(s, ",\n");
				warta_json_write_flushed(docs[i], s, json_flush, o);
			}
			g_string_append(s, "]\n");
		}
		json_flush(s, o);
		g_string_free(s, TRUE);
		rc = warta_output_commit(o, d);
		return rc;
	}
	case FMT_PDF:
	case FMT_PNG:
	case FMT_SVG:
	case FMT_TRACE: {
		struct warta_render_opts ro;
		struct warta_report rep;
		const struct warta_style *style = cli->style;

		memset(&ro, 0, sizeof ro);
		memset(&rep, 0, sizeof rep);
		ro.format = f == FMT_PDF ? WARTA_PRINT_PDF : f == FMT_PNG ? WARTA_PRINT_PNG :
		            f == FMT_SVG ? WARTA_PRINT_SVG : WARTA_PRINT_TRACE;
		ro.dpi = cli->dpi;
		ro.first_page = cli->first_page;
		ro.last_page = cli->last_page;
		ro.edition_title = cli->edition;
		ro.edition_date = cli->edition_date;
		ro.edition_number = cli->edition_number;
		ro.edition_lang = cli->edition_lang;
		ro.by_group = cli->edition != NULL;   /* edition.c's groups */
		ro.threads = cli->jobs;
		if (n == 1)
			style = style_for(cli, docs[0], d);
		if (warta_render(cli->engine, style, docs, n, &ro, path,
		                 cli->report ? &rep : NULL, d) != 0)
			return -1;
		if (cli->report)
			cli_print_report(cli, path, &rep);
		return 0;
	}
	case FMT_EPUB: {
		struct warta_epub_opts eo;
		const struct warta_style *style = cli->style;

		memset(&eo, 0, sizeof eo);
		eo.embed_fonts = cli->embed_fonts;
		eo.edition_title = cli->edition;
		eo.edition_date = cli->edition_date;
		eo.edition_publisher = cli->edition_publisher;
		eo.edition_lang = cli->edition_lang;
		eo.engine = cli->engine;   /* the print's font set, or NULL */
		if (n == 1)
			style = style_for(cli, docs[0], d);
		return warta_epub_write(docs, n, style, &eo, path, d);
	}
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
		/* the name the reader will give it: doc->name of a document of this path */
		struct warta_doc *probe = warta_doc_new(cli->inputs[i]);
		/* --keep-tree: the same NAME in two directories is no clash */
		char *key = cli->keep_tree && cli->reldirs[i] ?
		            g_build_filename(cli->reldirs[i], probe->name, NULL) : g_strdup(probe->name);
		gpointer j;

		if (g_hash_table_lookup_extended(first, key, NULL, &j)) {
			cli->same_name[i] = GPOINTER_TO_INT(j);
			g_free(key);
		} else {
			cli->same_name[i] = -1;
			g_hash_table_insert(first, key, GINT_TO_POINTER(i));
		}
		warta_doc_free(probe);
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
cli_convert(struct cli *cli, int index, struct warta_diags *d, GPtrArray *written)
{
	const char *input = cli->inputs[index];
	struct warta_doc *doc;
	int f, rc = 0;

	/* two inputs with one NAME would write the same DIR/NAME.EXT: the later
	 * one in input order fails, whichever worker gets there first */
	if (cli->outdir && cli->same_name[index] >= 0) {
		warta_diag(d, WARTA_ERROR, input, 0, 0,
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
			char *file = g_strdup_printf("%s.%s", doc->name, cli_format_ext(f));
			const char *rel = cli->keep_tree ? cli->reldirs[index] : NULL;

			path = g_build_filename(cli->outdir, rel ? rel : file, rel ? file : NULL, NULL);
			g_free(file);
			if (rel) {
				char *dir = g_path_get_dirname(path);

				if (g_mkdir_with_parents(dir, 0777) != 0) {
					warta_diag(d, WARTA_ERROR, input, 0, 0,
					           "cannot make the directory %s: %s", dir, g_strerror(errno));
					g_free(dir);
					g_free(path);
					rc = -1;
					continue;
				}
				g_free(dir);
			}
			if (cli_is_input(cli, path)) {
				warta_diag(d, WARTA_ERROR, input, 0, 0,
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
	if (rc == 0 && doc->broken_images)
		rc = 1;
	warta_doc_free(doc);
	return rc;
}
