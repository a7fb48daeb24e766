/* meta.c — metadata from the command line: -M KEY=VALUE (repeatable) and
 * --metadata-file FILE (a YAML mapping, read with libyaml).  An -M value
 * overrides the file's, which overrides the article's own (front matter, date
 * line, title line); the JSON tree then records where each value came from
 * (meta.origin).  The keys are one table (meta_keys): a new key is one line
 * there and, when it has a field of its own, one setter. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <yaml.h>

#include "cli/cli.h"
#include "util/date.h"

#define META_FILE_MAX_BYTES (1024 * 1024)
#define META_FILE_MAX_DEPTH 8

/* Checks a value; NULL when good, else what is wrong (a static string). */
typedef const char *(*meta_check)(const char *value);
/* Stores a value in the article's metadata. */
typedef void (*meta_set)(struct warta_meta *m, const char *value);

struct meta_key {
	const char *key;
	const char *alias;                /* another name front matter uses, or NULL */
	size_t field;                     /* offsetof a char * in struct warta_meta, or 0 */
	meta_check check;
	meta_set set;                     /* when not a plain char * field */
};

static const char *
check_date(const char *v)
{
	return warta_date_valid(v) ? NULL : "not a date (YYYY-MM-DD)";
}

static const char *
check_lang(const char *v)
{
	return g_regex_match_simple("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", v, 0, 0) ? NULL :
	       "not a language tag (BCP 47: id, en, pt-BR, zh-Hant …)";
}

static const char *
check_line(const char *v)
{
	return strchr(v, '\n') || strchr(v, '\r') ? "more than one line" : NULL;
}

static const char *
check_priority(const char *v)
{
	guint64 n;

	return g_ascii_string_to_unsigned(v, 10, 1, 99, &n, NULL) ? NULL :
	       "not a whole number from 1 (the most important) to 99";
}

static void
set_priority(struct warta_meta *m, const char *v)
{
	m->priority = atoi(v);           /* checked: 1 to 99 */
}

static void
set_keywords(struct warta_meta *m, const char *v)
{
	char **list = g_strsplit(v, ",", -1), **p;
	GPtrArray *kw = g_ptr_array_new();

	for (p = list; *p; p++)
		if (*g_strstrip(*p))
			g_ptr_array_add(kw, g_strdup(*p));
	g_ptr_array_add(kw, NULL);
	g_strfreev(list);
	g_strfreev(m->keywords);
	m->keywords = (char **)g_ptr_array_free(kw, FALSE);
}

/* lang is read before the text is (quotation marks, hyphenation, direction
 * follow it): cli_meta_read_opts hands it to the reader as -l does. */
static void
set_lang(struct warta_meta *m, const char *v)
{
	(void)m;
	(void)v;
}

/* The lead photo's keys, read before the text is (its picture is loaded
 * with the article's): cli_meta_collect hands them to the reader. */
static void
set_lead(struct warta_meta *m, const char *v)
{
	(void)m;
	(void)v;
}

static const char *const lead_keys[4] = { "image", "image-alt", "image-caption", "image-credit" };

#define F(x) offsetof(struct warta_meta, x)
static const struct meta_key meta_keys[] = {
	{ "title",    NULL,       F(title),    check_line, NULL },
	{ "subtitle", "deck",     F(subtitle), check_line, NULL },
	{ "author",   "byline",   F(author),   check_line, NULL },
	{ "date",     NULL,       F(date),     check_date, NULL },
	{ "source",   NULL,       F(source),   check_line, NULL },
	{ "section",  NULL,       F(section),  check_line, NULL },
	{ "dateline", NULL,       F(dateline), check_line, NULL },
	{ "style",    NULL,       F(style),    check_line, NULL },
	{ "keywords", "tags",     0,           NULL,       set_keywords },
	{ "lang",     "language", 0,           check_lang, set_lang },
	{ "priority", NULL,       0,           check_priority, set_priority },
	{ "image",    NULL,       0,           check_line, set_lead },
	{ "image-alt", NULL,      0,           check_line, set_lead },
	{ "image-caption", NULL,  0,           check_line, set_lead },
	{ "image-credit", NULL,   0,           check_line, set_lead },
};
#undef F

/* One value given: its key's entry, the value, and where it came from. */
struct meta_value {
	const struct meta_key *k;
	char *value;
	const char *origin;               /* "option" (-M) or "metadata-file" */
};


static const struct meta_key *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(meta_keys); i++)
		if (strcmp(meta_keys[i].key, name) == 0 ||
		    (meta_keys[i].alias && strcmp(meta_keys[i].alias, name) == 0))
			return &meta_keys[i];
	return NULL;
}

/* "title, subtitle (deck), …" for messages. */
static char *
key_list(void)
{
	GString *s = g_string_new(NULL);
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(meta_keys); i++) {
		g_string_append_printf(s, "%s%s", i ? ", " : "", meta_keys[i].key);
		if (meta_keys[i].alias)
			g_string_append_printf(s, " (%s)", meta_keys[i].alias);
	}
	return g_string_free(s, FALSE);
}

/* The nearest key to a misspelt one, or NULL. */
static const char *
nearest_key(const char *name)
{
	const char *best = NULL;
	size_t i;
	int bestd = 3;

	for (i = 0; i < G_N_ELEMENTS(meta_keys); i++) {
		int d = cli_edit_distance(name, meta_keys[i].key);

		if (d < bestd) {
			bestd = d;
			best = meta_keys[i].key;
		}
	}
	return best;
}

static void
free_value(gpointer p)
{
	struct meta_value *v = p;

	g_free(v->value);
	g_free(v);
}

/* Adds one value to values; where is "-M" or "FILE:LINE:COL", for messages.  0, or -1
 * after a message. */
static int
add_value(GPtrArray *values, const char *where, const char *key, const char *value,
          const char *origin)
{
	const struct meta_key *k = find_key(key);
	const char *bad;
	struct meta_value *v;

	if (!k) {
		const char *near = nearest_key(key);
		char *keys = key_list();

		fprintf(stderr, "warta: %s: error: unknown metadata key '%s'%s%s%s (keys: %s)\n", where,
		        key, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "", keys);
		g_free(keys);
		return -1;
	}
	if (!g_utf8_validate(value, -1, NULL)) {
		fprintf(stderr, "warta: %s: error: %s: the value is not UTF-8\n", where, key);
		return -1;
	}
	if (k->check && (bad = k->check(value))) {
		fprintf(stderr, "warta: %s: error: %s '%s' is %s\n", where, key, value, bad);
		return -1;
	}
	v = g_new0(struct meta_value, 1);
	v->k = k;
	v->value = g_strdup(value);
	v->origin = origin;
	g_ptr_array_add(values, v);
	return 0;
}

/* The text of a scalar event, or NULL. */
static const char *
scalar(const yaml_event_t *e)
{
	return e->type == YAML_SCALAR_EVENT ? (const char *)e->data.scalar.value : NULL;
}

/* --metadata-file being read: the key waiting for its value, the items
 * of a keywords list being gathered, the nesting. */
struct reader {
	GPtrArray *values;                /* where the values go */
	const char *file;
	char *key;
	GString *seq;
	int depth, started;
};

/* The file, if it is a regular file of at most 1 MB, opened; or NULL after
 * a message. */
static FILE *
open_file(const char *file)
{
	GStatBuf st;
	FILE *f;

	if (g_stat(file, &st) != 0) {
		fprintf(stderr, "warta: --metadata-file %s: error: %s\n", file, g_strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > META_FILE_MAX_BYTES) {
		fprintf(stderr, "warta: --metadata-file %s: error: %s\n", file, !S_ISREG(st.st_mode) ?
		        "not a regular file" : "larger than 1 MB; metadata is a few lines");
		return NULL;
	}
	if (!(f = fopen(file, "rb")))
		fprintf(stderr, "warta: --metadata-file %s: error: %s\n", file, g_strerror(errno));
	return f;
}

static int
is_keywords(const char *key)
{
	return key && find_key(key) && find_key(key)->set == set_keywords;
}

/* A mapping or sequence starts: the document's one mapping, or the list
 * of keywords.  0, or -1 after a message. */
static int
on_start(struct reader *r, const yaml_event_t *e, const char *where)
{
	if (++r->depth > META_FILE_MAX_DEPTH) {
		fprintf(stderr, "warta: %s:%s: error: nested more than %d levels\n", r->file, where,
		        META_FILE_MAX_DEPTH);
		return -1;
	}
	if (r->depth == 1 && (e->type != YAML_MAPPING_START_EVENT || r->started)) {
		fprintf(stderr, "warta: %s:%s: error: metadata is one mapping of keys to values "
		        "(title: …)\n", r->file, where);
		return -1;
	}
	if (r->depth == 1) {
		r->started = 1;
		return 0;
	}
	if (r->depth == 2 && e->type == YAML_SEQUENCE_START_EVENT && is_keywords(r->key)) {
		r->seq = g_string_new(NULL);
		return 0;
	}
	fprintf(stderr, "warta: %s:%s: error: %s: a value is text%s\n", r->file, where,
	        r->key ? r->key : "?", is_keywords(r->key) ? " or a list of text" : "");
	return -1;
}

/* A mapping or sequence ends: a list of keywords is the key's value. */
static int
on_end(struct reader *r, const char *where)
{
	char *full;
	int rc;

	r->depth--;
	if (!r->seq || r->depth != 1)
		return 0;
	full = g_strdup_printf("%s:%s", r->file, where);
	rc = add_value(r->values, full, r->key, r->seq->str, "metadata-file");
	g_free(full);
	g_string_free(r->seq, TRUE);
	r->seq = NULL;
	g_clear_pointer(&r->key, g_free);
	return rc;
}

/* A scalar: a key, its value, or an item of a list of keywords. */
static int
on_scalar(struct reader *r, const char *text, const char *where)
{
	char *full;
	int rc = 0;

	if (r->depth == 0) {
		fprintf(stderr, "warta: %s:%s: error: metadata is one mapping of keys to values "
		        "(title: …)\n", r->file, where);
		return -1;
	}
	if (r->seq) {
		g_string_append_printf(r->seq, "%s%s", r->seq->len ? ", " : "", text);
		return 0;
	}
	if (!r->key) {
		r->key = g_strdup(text);
		return 0;
	}
	full = g_strdup_printf("%s:%s", r->file, where);
	/* an empty value (title:) sets nothing */
	if (*text)
		rc = add_value(r->values, full, r->key, text, "metadata-file");
	else if (!find_key(r->key))
		rc = add_value(r->values, full, r->key, "", "metadata-file");
	g_free(full);
	g_clear_pointer(&r->key, g_free);
	return rc;
}

/* One event of the file.  1 at its end, 0 to go on, -1 after a message. */
static int
on_event(struct reader *r, const yaml_event_t *e)
{
	char where[64];

	g_snprintf(where, sizeof where, "%zu:%zu", e->start_mark.line + 1, e->start_mark.column + 1);
	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		return on_start(r, e, where);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		return on_end(r, where);
	case YAML_ALIAS_EVENT:
		fprintf(stderr, "warta: %s:%s: error: aliases (*name) are not taken in metadata\n",
		        r->file, where);
		return -1;
	case YAML_SCALAR_EVENT:
		return on_scalar(r, scalar(e), where);
	default:
		return 0;
	}
}

/* --metadata-file: a YAML mapping of keys to scalars (keywords: a scalar
 * "a, b" or a sequence of scalars).  A regular file of at most 1 MB, nesting
 * checked before anything is kept.  0, or -1 after a message. */
static int
read_file(GPtrArray *values, const char *file)
{
	struct reader r = { values, file, NULL, NULL, 0, 0 };
	yaml_parser_t p;
	yaml_event_t e;
	FILE *f;
	int rc = 0;

	if (!(f = open_file(file)))
		return -1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	while (rc == 0) {
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "warta: %s:%zu:%zu: error: %s%s%s\n", file, p.problem_mark.line + 1,
			        p.problem_mark.column + 1, p.problem ? p.problem : "not YAML",
			        p.context ? " " : "", p.context ? p.context : "");
			rc = -1;
			break;
		}
		rc = on_event(&r, &e);
		yaml_event_delete(&e);
	}
	if (r.seq)
		g_string_free(r.seq, TRUE);
	g_free(r.key);
	yaml_parser_delete(&p);
	fclose(f);
	return rc < 0 ? -1 : 0;
}

/* The lead photo's file as the reader takes it: a path relative to the
 * working directory (-M) or to the metadata file's directory made absolute;
 * an absolute path, a data: URI or a URL (which the reader refuses, saying
 * why) as given.  Caller g_free()s. */
static char *
lead_path(const struct cli *cli, const struct meta_value *v)
{
	char *dir, *p;

	if (g_path_is_absolute(v->value) || g_uri_peek_scheme(v->value) != NULL)
		return g_strdup(v->value);
	if (strcmp(v->origin, "metadata-file") != 0)
		return g_canonicalize_filename(v->value, NULL);
	p = g_path_get_dirname(cli->metadata_file);
	dir = g_canonicalize_filename(p, NULL);
	g_free(p);
	p = g_canonicalize_filename(v->value, dir);
	g_free(dir);
	return p;
}

/* The lead photo's values to the reader (read.c takes them over the front
 * matter's), the later given winning. */
static void
lead_to_reader(struct cli *cli)
{
	for (guint i = 0; i < cli->meta_values->len; i++) {
		struct meta_value *v = cli->meta_values->pdata[i];

		if (v->k->set != set_lead)
			continue;
		for (int k = 0; k < 4; k++) {
			if (strcmp(v->k->key, lead_keys[k]) != 0)
				continue;
			if (k == 0) {
				char *p = lead_path(cli, v);

				g_free(v->value);
				v->value = p;
			}
			cli->ropts.lead[k] = v->value;
		}
	}
}

int
cli_meta_collect(struct cli *cli)
{
	GPtrArray *values = cli->meta_values = g_ptr_array_new_with_free_func(free_value);
	char **p;

	if (cli->metadata_file && read_file(values, cli->metadata_file) != 0)
		return -1;
	for (p = cli->metadata; p && *p; p++) {
		const char *eq = strchr(*p, '=');
		char *key, *where;
		int rc;

		if (!eq || eq == *p) {
			fprintf(stderr, "warta: -M %s: error: a value is KEY=VALUE (title=\"…\")\n", *p);
			return -1;
		}
		key = g_strstrip(g_strndup(*p, (gsize)(eq - *p)));
		where = g_strdup_printf("-M %s", *p);
		rc = add_value(cli->meta_values, where, key, eq + 1, "option");
		g_free(where);
		g_free(key);
		if (rc)
			return -1;
	}
	/* lang goes to the reader, as -l does (both: a usage error) */
	for (guint i = 0; i < values->len; i++) {
		struct meta_value *v = values->pdata[i];

		if (v->k->set != set_lang)
			continue;
		if (cli->lang) {
			fprintf(stderr, "warta: error: -l %s and the metadata's lang %s: give one\n",
			        cli->lang, v->value);
			return -1;
		}
		cli->ropts.lang = v->value;
		cli->meta_lang_origin = v->origin;
	}
	lead_to_reader(cli);
	return 0;
}

/* Whether the article's lead photo has the part lead_keys[k] names. */
static int
lead_has(const struct warta_doc *doc, const char *key)
{
	const struct warta_node *c, *fig = doc->meta.lead;

	if (!fig)
		return 0;
	for (c = fig->first; c; c = c->next)
		if ((strcmp(key, "image") == 0 && c->type == WARTA_NODE_IMAGE) ||
		    (strcmp(key, "image-alt") == 0 && c->type == WARTA_NODE_IMAGE && c->first) ||
		    (strcmp(key, "image-caption") == 0 && c->type == WARTA_NODE_CAPTION) ||
		    (strcmp(key, "image-credit") == 0 && c->type == WARTA_NODE_CREDIT))
			return 1;
	return 0;
}

int
cli_meta_given(const struct cli *cli)
{
	return cli->meta_values && cli->meta_values->len > 0;
}

void
cli_meta_free(struct cli *cli)
{
	if (cli->meta_values)
		g_ptr_array_free(cli->meta_values, TRUE);
	cli->meta_values = NULL;
}

void
cli_meta_apply(const struct cli *cli, struct warta_doc *doc)
{
	const GPtrArray *values = cli->meta_values;
	GPtrArray *origin;
	size_t i;
	guint j;

	if (!cli_meta_given(cli))
		return;
	origin = g_ptr_array_new();
	for (i = 0; i < G_N_ELEMENTS(meta_keys); i++) {
		const struct meta_key *k = &meta_keys[i];
		const char *from = NULL;
		int present;

		for (j = 0; j < values->len; j++) {
			struct meta_value *v = values->pdata[j];

			if (v->k != k)
				continue;
			from = v->origin;
			if (k->set) {
				k->set(&doc->meta, v->value);
			} else {
				char **field = (char **)((char *)&doc->meta + k->field);

				g_free(*field);
				*field = g_strdup(v->value);
				/* the title no longer comes from a place in the input */
				if (k->field == offsetof(struct warta_meta, title))
					doc->meta.title_line = doc->meta.title_col = 0;
			}
		}
		if (k->set == set_lang) {
			present = 1;
			if (cli->meta_lang_origin)
				from = cli->meta_lang_origin;
		} else if (k->set == set_keywords) {
			present = doc->meta.keywords && doc->meta.keywords[0];
		} else if (k->set == set_priority) {
			present = doc->meta.priority > 0;
		} else if (k->set == set_lead) {
			present = lead_has(doc, k->key);
		} else {
			char *const *field = (char *const *)((const char *)&doc->meta + k->field);

			present = *field != NULL;
		}
		if (!present)
			continue;
		g_ptr_array_add(origin, g_strdup(k->key));
		g_ptr_array_add(origin, g_strdup(from ? from : "input"));
	}
	g_ptr_array_add(origin, NULL);
	g_strfreev(doc->meta.origin);
	doc->meta.origin = (char **)g_ptr_array_free(origin, FALSE);
}
