/* edition.c — many articles as one book: reads every input, groups them into
 * sections (the manifest's, else front matter section or source), orders the
 * sections by first appearance and the articles in each by date then input
 * order, sets doc->meta.group (the print back end's sections),
 * and calls the back end once with the array. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "lang/lang.h"
#include "util/date.h"

struct entry {
	struct warta_doc *doc;
	int index;                 /* input order */
	int group;                 /* section order: first appearance; unsectioned last */
	char *key;                 /* section name or NULL */
	struct warta_diags diags;  /* while reading: input i's messages */
};

/* What the reading threads share. */
struct reading {
	struct cli *cli;
	struct entry *e;
};

/* A thread pool's function: reads input data - 1 into its entry. */
static void
read_one(gpointer data, gpointer user)
{
	const struct reading *r = user;
	int i = GPOINTER_TO_INT(data) - 1;

	r->e[i].doc = cli_read(r->cli, r->cli->inputs[i], &r->e[i].diags);
}

/* Reads every input into e[i].doc (NULL on failure) and e[i].diags, with
 * -j worker threads. */
static void
read_all(struct cli *cli, struct entry *e)
{
	GThreadPool *pool = NULL;
	int i, threads = cli->jobs < cli->ninputs ? cli->jobs : cli->ninputs;
	struct reading r = { cli, e };

	for (i = 0; i < cli->ninputs; i++)
		warta_diags_init(&e[i].diags);
	if (threads > 1) {
		GError *err = NULL;

		/* threads that cannot be made (a memory limit): read in this one */
		pool = g_thread_pool_new(read_one, &r, threads, TRUE, &err);
		if (err) {
			if (cli->verbose)
				fprintf(stderr, "warta: cannot start reading threads (%s): reading one at a time\n",
				        err->message);
			g_error_free(err);
			if (pool)
				g_thread_pool_free(pool, TRUE, TRUE);
			pool = NULL;
		}
	}
	for (i = 0; i < cli->ninputs; i++) {
		if (pool)
			g_thread_pool_push(pool, GINT_TO_POINTER(i + 1), NULL);
		else
			read_one(GINT_TO_POINTER(i + 1), &r);
	}
	if (pool)
		g_thread_pool_free(pool, FALSE, TRUE);
}

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct entry *x = pa, *y = pb;
	const char *dx = x->doc->meta.date, *dy = y->doc->meta.date;
	int c;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (dx && dy && (c = strcmp(dx, dy)) != 0)
		return c;
	if (!dx != !dy)
		return dx ? -1 : 1;        /* undated articles after dated ones */
	return x->index - y->index;
}

static const char *
section_key(struct cli *cli, const struct warta_doc *doc, int index)
{
	const char *by = cli->group_by ? cli->group_by : "section";
	const char *k = NULL;

	if (cli->sections)
		k = cli->sections->pdata[index];
	else if (strcmp(by, "section") == 0)
		k = doc->meta.section && *doc->meta.section ? doc->meta.section : doc->meta.source;
	else if (strcmp(by, "source") == 0)
		k = doc->meta.source;
	return k && *k ? k : NULL;
}

/* --edition-date, else the newest article's date, else the day of
 * SOURCE_DATE_EPOCH or today (UTC). */
static char *
edition_date(struct cli *cli, struct entry *e, int n)
{
	const char *newest = NULL;
	GDateTime *now;
	char *s;
	gint64 t;
	int i;

	if (cli->edition_date)
		return g_strdup(cli->edition_date);
	for (i = 0; i < n; i++)
		if (e[i].doc->meta.date && (!newest || strcmp(e[i].doc->meta.date, newest) > 0))
			newest = e[i].doc->meta.date;
	if (newest)
		return g_strdup(newest);
	/* main() has refused a bad SOURCE_DATE_EPOCH */
	if (warta_source_date_epoch(&t) > 0 && (s = warta_date_format_epoch(t, 1)))
		return s;
	now = g_date_time_new_now_utc();
	s = g_date_time_format(now, "%Y-%m-%d");
	g_date_time_unref(now);
	return s;
}

/* --edition-lang, else the manifest's "lang:" line, else the language most
 * of the articles e[0, n) (in input order) are in, a tie going to the
 * first input. */
static char *
edition_lang(const struct cli *cli, const struct entry *e, int n)
{
	const char **tags;
	char *l;

	if (cli->edition_lang)
		return g_strdup(cli->edition_lang);
	if (cli->manifest_lang)
		return g_strdup(cli->manifest_lang);
	tags = g_new(const char *, n ? n : 1);
	for (int i = 0; i < n; i++)
		tags[i] = e[i].doc->meta.lang;
	l = g_strdup(warta_lang_most_common(tags, (size_t)n));
	g_free(tags);
	return l;
}

/* Whether the back end can set doc alone in format f: written to a scratch
 * directory, then removed.  On failure, *why gets the first error. */
static int
probe(struct cli *cli, struct warta_doc *doc, int f, char **why)
{
	struct warta_diags d;
	char *dir, *path;
	int rc, report = cli->report, first = cli->first_page, last = cli->last_page;
	GDir *gd;
	const char *e;

	if (!(dir = g_dir_make_tmp("warta-probe-XXXXXX", NULL)))
		return 0;          /* no way to tell: keep it */
	path = g_strdup_printf("%s/probe.%s", dir, cli_format_ext(f));
	warta_diags_init(&d);
	/* the article alone, whole: a page range is the edition's */
	cli->report = 0;
	cli->first_page = cli->last_page = 0;
	rc = cli_write(cli, &doc, 1, f, path, &d);
	cli->report = report;
	cli->first_page = first;
	cli->last_page = last;
	if (rc != 0) {
		guint i;

		for (i = 0; i < d.items->len; i++) {
			const struct warta_diag *m = g_ptr_array_index(d.items, i);

			if (m->severity == WARTA_ERROR) {
				*why = g_strdup(m->message);
				break;
			}
		}
		if (!*why)
			*why = g_strdup("the back end failed");
	}
	warta_diags_fini(&d);
	if ((gd = g_dir_open(dir, 0, NULL))) {
		while ((e = g_dir_read_name(gd))) {
			char *x = g_build_filename(dir, e, NULL);

			g_unlink(x);
			g_free(x);
		}
		g_dir_close(gd);
	}
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
	return rc == 0;
}

/* The edition failed: finds the articles that fail alone, leaves them out
 * with an error naming each, and writes the others.  Returns -1 when no
 * article is to blame (the failure is the edition's: disk, style …; its
 * messages in d are then printed), else the new write's result. */
static int
without_failures(struct cli *cli, struct warta_doc **docs, int n, int f, struct warta_diags *d,
                 int *left_out)
{
	struct warta_doc **keep = g_new(struct warta_doc *, n);
	struct warta_diags d2;
	int i, k = 0, rc;

	for (i = 0; i < n; i++) {
		char *why = NULL;

		if (probe(cli, docs[i], f, &why)) {
			keep[k++] = docs[i];
			continue;
		}
		fprintf(stderr, "warta: %s: error: left out of the edition %s: %s\n",
		        docs[i]->path, cli->output, why);
		g_free(why);
	}
	*left_out = n - k;
	if (k == n || k == 0) {
		g_free(keep);
		if (k == n)
			cli_print_diags(cli, d);
		else
			fprintf(stderr, "warta: %s: error: no article could be set; no edition written\n",
			        cli->output);
		return -1;
	}
	warta_diags_clear(d);
	warta_diags_init(&d2);
	rc = cli_write(cli, keep, (size_t)k, f, cli->output, &d2);
	cli_print_diags(cli, &d2);
	warta_diags_fini(&d2);
	g_free(keep);
	return rc;
}

int
cli_edition(struct cli *cli)
{
	struct entry *e = g_new0(struct entry, cli->ninputs);
	struct warta_doc **docs;
	struct warta_diags d;
	GHashTable *groups = g_hash_table_new(g_str_hash, g_str_equal);
	int i, n = 0, failed = 0, ngroups = 0, f, rc, left_out = 0;
	char *date, *lang;

	read_all(cli, e);
	/* messages in input order, whatever order the workers finished in */
	for (i = 0; i < cli->ninputs; i++) {
		cli_print_diags(cli, &e[i].diags);
		warta_diags_fini(&e[i].diags);
		if (!e[i].doc) {
			failed++;
			continue;
		}
		if (cli->verbose)
			fprintf(stderr, "warta: %s: read \"%s\"\n", cli->inputs[i], e[i].doc->meta.title);
		e[n].doc = e[i].doc;
		e[n].index = i;
		e[n].key = g_strdup(section_key(cli, e[i].doc, i));
		n++;
	}
	for (i = 0; i < n; i++) {
		gpointer g;

		if (!e[i].key) {
			e[i].group = G_MAXINT;
		} else if (g_hash_table_lookup_extended(groups, e[i].key, NULL, &g)) {
			e[i].group = GPOINTER_TO_INT(g);
		} else {
			e[i].group = ngroups++;
			g_hash_table_insert(groups, e[i].key, GINT_TO_POINTER(e[i].group));
		}
	}
	lang = edition_lang(cli, e, n); /* before the sort: ties go to the first input */
	g_free(cli->edition_lang);
	cli->edition_lang = lang;
	qsort(e, n, sizeof *e, cmp_entry);
	docs = g_new(struct warta_doc *, n ? n : 1);
	for (f = 0; f < FMT_COUNT && !cli->formats[f]; f++)
		;
	for (i = 0; i < n; i++) {
		/* the group in its own field: the article's section stays its own
		 * (the print back end's sections are the groups: by_group) */
		g_free(e[i].doc->meta.group);
		e[i].doc->meta.group = g_strdup(e[i].key);
		docs[i] = e[i].doc;
	}
	date = edition_date(cli, e, n);
	g_free(cli->edition_date);
	cli->edition_date = date;

	rc = 0;
	if (n == 0) {
		fprintf(stderr, "warta: %s: error: no article could be read; no edition written\n",
		        cli->output);
		rc = -1;
	} else {
		const char *fault = g_getenv("WARTA_TEST_RENDER_FAULT");

		if (fault && *fault)
			/* tests only: the article of that name gets a title the
			 * back end refuses (bytes that are not UTF-8), standing for
			 * any failure of one article at render time */
			for (i = 0; i < n; i++)
				if (strcmp(docs[i]->name, fault) == 0) {
					g_free(docs[i]->meta.title);
					docs[i]->meta.title = g_strdup("\xFF\xFE");
				}
		warta_diags_init(&d);
		rc = cli_write(cli, docs, n, f, cli->output, &d);
		if (rc != 0 && n > 1) {
			/* one article that cannot be set does not cost the others
			 * their edition: find it and leave it out */
			rc = without_failures(cli, docs, n, f, &d, &left_out);
			failed += left_out;
		} else {
			cli_print_diags(cli, &d);
		}
		warta_diags_fini(&d);
		if (rc == 0 && !cli->quiet && (cli->verbose || cli->stderr_tty))
			fprintf(stderr, "warta: %s: %d article%s in %d section%s%s\n", cli->output,
			        n - left_out, n - left_out == 1 ? "" : "s", ngroups, ngroups == 1 ? "" : "s",
			        failed ? "; some inputs failed" : "");
	}
	for (i = 0; i < n; i++) {
		if (e[i].doc->broken_images)
			failed++;     /* set without some of its pictures (warnings said which) */
		warta_doc_free(e[i].doc);
		g_free(e[i].key);
	}
	g_hash_table_destroy(groups);
	g_free(docs);
	g_free(e);
	return rc != 0 || failed ? 1 : 0;
}
