/* edition.c — many articles as one book: reads every input, groups them into
 * sections (the manifest's, else front matter section or source), orders the
 * sections by first appearance and the articles in each by date then input
 * order, sets each document's group (warta_doc_set_group: the back ends'
 * sections), and calls the back end once with the array. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "cli/cli.h"

struct entry {
	warta_doc *doc;
	int index;                 /* input order */
	int group;                 /* section order: first appearance; unsectioned last */
	char *key;                 /* section name or NULL */
	warta_messages *diags;     /* while reading: input i's messages */
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

	r->e[i].doc = cli_read(r->cli, r->cli->inputs[i], r->e[i].diags);
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
		e[i].diags = warta_messages_new();
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
	const char *dx = warta_doc_date(x->doc), *dy = warta_doc_date(y->doc);
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
section_key(struct cli *cli, const warta_doc *doc, int index)
{
	const char *by = cli->group_by ? cli->group_by : "section";
	const char *k = NULL, *section = warta_doc_section(doc);

	if (cli->sections)
		k = cli->sections->pdata[index];
	else if (strcmp(by, "section") == 0)
		k = section && *section ? section : warta_doc_source(doc);
	else if (strcmp(by, "source") == 0)
		k = warta_doc_source(doc);
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
	long long t;
	int i;

	if (cli->edition_date)
		return g_strdup(cli->edition_date);
	for (i = 0; i < n; i++) {
		const char *date = warta_doc_date(e[i].doc);

		if (date && (!newest || strcmp(date, newest) > 0))
			newest = date;
	}
	if (newest)
		return g_strdup(newest);
	/* main() has refused a bad SOURCE_DATE_EPOCH */
	if (warta_date_source_epoch(&t) > 0 && (s = warta_date_from_epoch(t))) {
		char *own = g_strdup(s);

		warta_free(s);
		return own;
	}
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
	char *l, *own;

	if (cli->edition_lang)
		return g_strdup(cli->edition_lang);
	if (cli->manifest_lang)
		return g_strdup(cli->manifest_lang);
	tags = g_new(const char *, n ? n : 1);
	for (int i = 0; i < n; i++)
		tags[i] = warta_doc_language(e[i].doc);
	l = warta_lang_majority(tags, (size_t)n);
	own = g_strdup(l);
	warta_free(l);
	g_free(tags);
	return own;
}

/* Whether one of d's errors is the output's own: its bytes could not be
 * written (util/output.c words every such error "cannot write output: …"
 * or "cannot write to standard output: …").  A full disk or a file size
 * limit is no article's fault: no article is left out for it. */
static int
output_failed(const warta_messages *d)
{
	for (size_t i = 0; i < warta_messages_count(d); i++)
		if (warta_message_severity(d, i) == WARTA_MSG_ERROR &&
		    (g_str_has_prefix(warta_message_text(d, i), "cannot write output") ||
		     g_str_has_prefix(warta_message_text(d, i), "cannot write to standard output")))
			return 1;
	return 0;
}

/* Whether the back end can set doc alone in format f: written to a scratch
 * directory, then removed.  On failure, *why gets the first error.  An
 * article whose scratch copy could not be written (the scratch disk, not
 * the article) is kept. */
static int
probe(struct cli *cli, warta_doc *doc, int f, char **why)
{
	warta_messages *d;
	char *dir, *path;
	int rc, report = cli->report;
	GDir *gd;
	const char *e;

	if (!(dir = g_dir_make_tmp("warta-probe-XXXXXX", NULL)))
		return 0;          /* no way to tell: keep it */
	path = g_strdup_printf("%s/probe.%s", dir, cli_format_ext(f));
	d = warta_messages_new();
	/* the article alone, whole: a page range is the edition's */
	cli->report = 0;
	if (cli->print) {
		warta_print_set_report(cli->print, 0);
		warta_print_set_pages(cli->print, 0, 0);
	}
	rc = cli_write(cli, &doc, 1, f, path, d);
	cli->report = report;
	if (cli->print) {
		warta_print_set_report(cli->print, report != 0);
		warta_print_set_pages(cli->print, cli->first_page, cli->last_page);
	}
	if (rc != 0) {
		size_t i;

		for (i = 0; i < warta_messages_count(d); i++) {
			if (warta_message_severity(d, i) == WARTA_MSG_ERROR) {
				*why = g_strdup(warta_message_text(d, i));
				break;
			}
		}
		if (!*why)
			*why = g_strdup("the back end failed");
		if (output_failed(d)) {
			g_free(*why);   /* no way to tell: keep it */
			*why = NULL;
			rc = 0;
		}
	}
	warta_messages_free(d);
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
 * messages in d are then printed), else the new write's result; *errors
 * is set when that write said an error (a character no font has). */
static int
without_failures(struct cli *cli, warta_doc **docs, int n, int f, warta_messages *d,
                 int *left_out, int *errors)
{
	warta_doc **keep = g_new(warta_doc *, n);
	warta_messages *d2;
	int i, k = 0, rc;

	for (i = 0; i < n; i++) {
		char *why = NULL;

		if (probe(cli, docs[i], f, &why)) {
			keep[k++] = docs[i];
			continue;
		}
		fprintf(stderr, "warta: %s: error: left out of the edition %s: %s\n",
		        warta_doc_path(docs[i]), cli->output, why);
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
	warta_messages_clear(d);
	d2 = warta_messages_new();
	rc = cli_write(cli, keep, (size_t)k, f, cli->output, d2);
	cli_print_diags(cli, d2);
	if (rc == 0 && warta_messages_errors(d2))
		*errors = 1;
	warta_messages_free(d2);
	g_free(keep);
	return rc;
}

int
cli_edition(struct cli *cli)
{
	struct entry *e = g_new0(struct entry, cli->ninputs);
	warta_doc **docs;
	warta_messages *d;
	GHashTable *groups = g_hash_table_new(g_str_hash, g_str_equal);
	int i, n = 0, failed = 0, ngroups = 0, f, rc, left_out = 0, errors = 0;
	char *date, *lang;

	read_all(cli, e);
	/* messages in input order, whatever order the workers finished in */
	for (i = 0; i < cli->ninputs; i++) {
		cli_print_diags(cli, e[i].diags);
		warta_messages_free(e[i].diags);
		e[i].diags = NULL;
		if (!e[i].doc) {
			failed++;
			continue;
		}
		if (cli->verbose)
			fprintf(stderr, "warta: %s: read \"%s\"\n", cli->inputs[i], warta_doc_title(e[i].doc));
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
	docs = g_new(warta_doc *, n ? n : 1);
	for (f = 0; f < FMT_COUNT && !cli->formats[f]; f++)
		;
	for (i = 0; i < n; i++) {
		/* the group in its own field: the article's section stays its own
		 * (the back ends' sections are the groups) */
		warta_doc_set_group(e[i].doc, e[i].key);
		docs[i] = e[i].doc;
	}
	date = edition_date(cli, e, n);
	g_free(cli->edition_date);
	cli->edition_date = date;
	if (cli->print) {
		warta_print_set_edition(cli->print, cli->edition, cli->edition_date);
		warta_print_set_edition_lang(cli->print, cli->edition_lang);
	}
	if (cli->epub) {
		warta_epub_set_edition(cli->epub, cli->edition, cli->edition_date);
		warta_epub_set_edition_lang(cli->epub, cli->edition_lang);
	}

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
				if (strcmp(warta_doc_name(docs[i]), fault) == 0)
					warta_doc_set_title(docs[i], "\xFF\xFE");
		d = warta_messages_new();
		rc = cli_write(cli, docs, n, f, cli->output, d);
		if (rc != 0 && n > 1 && !output_failed(d)) {
			/* one article that cannot be set does not cost the others
			 * their edition: find it and leave it out */
			rc = without_failures(cli, docs, n, f, d, &left_out, &errors);
			failed += left_out;
		} else {
			cli_print_diags(cli, d);
			/* an edition made with errors (a character no font has,
			 * unless --missing-glyphs=warn) fails the run, as an
			 * article alone does */
			errors = rc == 0 && warta_messages_errors(d);
		}
		warta_messages_free(d);
		if (rc == 0 && !cli->quiet && (cli->verbose || cli->stderr_tty))
			fprintf(stderr, "warta: %s: %d article%s in %d section%s%s\n", cli->output,
			        n - left_out, n - left_out == 1 ? "" : "s", ngroups, ngroups == 1 ? "" : "s",
			        failed ? "; some inputs failed" : "");
	}
	for (i = 0; i < n; i++) {
		if (warta_doc_missing_pictures(e[i].doc))
			failed++;     /* set without some of its pictures (warnings said which) */
		warta_doc_free(e[i].doc);
		g_free(e[i].key);
	}
	g_hash_table_destroy(groups);
	g_free(docs);
	g_free(e);
	return rc != 0 || failed || errors ? 1 : 0;
}
