/* reader.c — the public reader (src/warta.h): how articles are read (the
 * language, the flags, the size limits, the style's boilerplate) and the
 * metadata given outside them: values one by one (the command line's -M
 * KEY=VALUE) or a YAML file (--metadata-file, read with libyaml).  A later
 * value overrides an earlier, and all override the article's own (front
 * matter, date line, title line); the JSON tree then records where each
 * value came from (meta.origin).  The keys are one table (meta_keys): a new
 * key is one line there and, when it has a field of its own, one setter. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <yaml.h>

#include "api/api_int.h"
#include "article/article.h"
#include "style/style.h"
#include "util/date.h"

int
warta_edit_distance(const char *a, const char *b)
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
 * follow it): read_opts hands it to the reader as warta_reader_set_lang. */
static void
set_lang(struct warta_meta *m, const char *v)
{
	(void)m;
	(void)v;
}

/* The lead photo's keys, read before the text is (its picture is loaded
 * with the article's): read_opts hands them to the reader. */
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

struct warta_reader {
	char *lang;                       /* warta_reader_set_lang */
	unsigned flags;                   /* WARTA_READ_… */
	size_t max_bytes, max_image_bytes;
	const struct warta_style *style;  /* its boilerplate patterns, or NULL */
	GPtrArray *values;                /* struct meta_value *, in the order given */
	char *meta_dir;                   /* the metadata file's directory, while it is read */
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
		int d = warta_edit_distance(name, meta_keys[i].key);

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

/* Where a value was given, for messages: "-M title=…", or a place in the
 * metadata file. */
struct where {
	const char *file;
	int line, col;
};

/* The lead photo's file as the reader takes it: a path relative to the
 * working directory (an option) or to the metadata file's directory made
 * absolute; an absolute path, a data: URI or a URL (which the reader
 * refuses, saying why) as given.  Caller g_free()s. */
static char *
lead_path(const struct warta_reader *r, const char *value, const char *origin)
{
	if (g_path_is_absolute(value) || g_uri_peek_scheme(value) != NULL)
		return g_strdup(value);
	if (strcmp(origin, "metadata-file") != 0 || !r->meta_dir)
		return g_canonicalize_filename(value, NULL);
	return g_canonicalize_filename(value, r->meta_dir);
}

/* Adds one value to r.  0, or -1 with an error at w in d. */
static int
add_value(struct warta_reader *r, const struct where *w, const char *key, const char *value,
          const char *origin, struct warta_diags *d)
{
	const struct meta_key *k = find_key(key);
	const char *bad;
	struct meta_value *v;
	char *own;
	size_t first;
	gunichar c;
	int count;

	if (!k) {
		const char *near = nearest_key(key);
		char *keys = key_list();

		warta_diag(d, WARTA_ERROR, w->file, w->line, w->col,
		           "unknown metadata key '%s'%s%s%s (keys: %s)", key,
		           near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "", keys);
		g_free(keys);
		return -1;
	}
	if (!g_utf8_validate(value, -1, NULL)) {
		warta_diag(d, WARTA_ERROR, w->file, w->line, w->col, "%s: the value is not UTF-8", key);
		return -1;
	}
	if (k->check && (bad = k->check(value))) {
		warta_diag(d, WARTA_ERROR, w->file, w->line, w->col, "%s '%s' is %s", key, value, bad);
		return -1;
	}
	/* noncharacters (a "\uFFFF" in the file, bytes on the command line):
	 * U+FFFD with a warning, as in an article (nonchar.c) */
	own = g_strdup(value);
	if ((count = ar_fix_noncharacters(&own, &first, &c)))
		warta_diag(d, WARTA_WARNING, w->file, w->line, w->col,
		           "%s: %d noncharacter%s replaced by U+FFFD (first U+%04X)", key, count,
		           count == 1 ? "" : "s", (unsigned)c);
	v = g_new0(struct meta_value, 1);
	v->k = k;
	v->origin = origin;
	/* the lead photo's file, resolved where it was given */
	v->value = strcmp(k->key, "image") == 0 ? lead_path(r, own, origin) : g_strdup(own);
	g_free(own);
	g_ptr_array_add(r->values, v);
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
	struct warta_reader *r;           /* where the values go */
	struct warta_diags *d;
	const char *file;
	char *key;
	GString *seq;
	int depth, started;
};

/* The file, if it is a regular file of at most 1 MB, opened; or NULL after
 * a message. */
static FILE *
open_file(const char *file, struct warta_diags *d)
{
	char *shown = g_strdup_printf("--metadata-file %s", file);
	GStatBuf st;
	FILE *f = NULL;

	if (g_stat(file, &st) != 0)
		warta_diag(d, WARTA_ERROR, shown, 0, 0, "%s", g_strerror(errno));
	else if (!S_ISREG(st.st_mode) || st.st_size > META_FILE_MAX_BYTES)
		warta_diag(d, WARTA_ERROR, shown, 0, 0, "%s", !S_ISREG(st.st_mode) ?
		           "not a regular file" : "larger than 1 MB; metadata is a few lines");
	else if (!(f = fopen(file, "rb")))
		warta_diag(d, WARTA_ERROR, shown, 0, 0, "%s", g_strerror(errno));
	g_free(shown);
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
on_start(struct reader *r, const yaml_event_t *e, const struct where *w)
{
	if (++r->depth > META_FILE_MAX_DEPTH) {
		warta_diag(r->d, WARTA_ERROR, w->file, w->line, w->col, "nested more than %d levels",
		           META_FILE_MAX_DEPTH);
		return -1;
	}
	if (r->depth == 1 && (e->type != YAML_MAPPING_START_EVENT || r->started)) {
		warta_diag(r->d, WARTA_ERROR, w->file, w->line, w->col,
		           "metadata is one mapping of keys to values (title: …)");
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
	warta_diag(r->d, WARTA_ERROR, w->file, w->line, w->col, "%s: a value is text%s",
	           r->key ? r->key : "?", is_keywords(r->key) ? " or a list of text" : "");
	return -1;
}

/* A mapping or sequence ends: a list of keywords is the key's value. */
static int
on_end(struct reader *r, const struct where *w)
{
	int rc;

	r->depth--;
	if (!r->seq || r->depth != 1)
		return 0;
	rc = add_value(r->r, w, r->key, r->seq->str, "metadata-file", r->d);
	g_string_free(r->seq, TRUE);
	r->seq = NULL;
	g_clear_pointer(&r->key, g_free);
	return rc;
}

/* A scalar: a key, its value, or an item of a list of keywords. */
static int
on_scalar(struct reader *r, const char *text, const struct where *w)
{
	int rc = 0;

	if (r->depth == 0) {
		warta_diag(r->d, WARTA_ERROR, w->file, w->line, w->col,
		           "metadata is one mapping of keys to values (title: …)");
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
	/* an empty value (title:) sets nothing */
	if (*text)
		rc = add_value(r->r, w, r->key, text, "metadata-file", r->d);
	else if (!find_key(r->key))
		rc = add_value(r->r, w, r->key, "", "metadata-file", r->d);
	g_clear_pointer(&r->key, g_free);
	return rc;
}

/* One event of the file.  1 at its end, 0 to go on, -1 after a message. */
static int
on_event(struct reader *r, const yaml_event_t *e)
{
	struct where w = { r->file, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1 };

	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		return on_start(r, e, &w);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		return on_end(r, &w);
	case YAML_ALIAS_EVENT:
		warta_diag(r->d, WARTA_ERROR, w.file, w.line, w.col,
		           "aliases (*name) are not taken in metadata");
		return -1;
	case YAML_SCALAR_EVENT:
		return on_scalar(r, scalar(e), &w);
	default:
		return 0;
	}
}

/* --metadata-file: a YAML mapping of keys to scalars (keywords: a scalar
 * "a, b" or a sequence of scalars).  A regular file of at most 1 MB, nesting
 * checked before anything is kept.  0, or -1 after a message. */
static int
read_file(struct warta_reader *wr, const char *file, struct warta_diags *d)
{
	struct reader r = { wr, d, file, NULL, NULL, 0, 0 };
	yaml_parser_t p;
	yaml_event_t e;
	FILE *f;
	int rc = 0;

	if (!(f = open_file(file, d)))
		return -1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	while (rc == 0) {
		if (!yaml_parser_parse(&p, &e)) {
			warta_diag(d, WARTA_ERROR, file, (int)p.problem_mark.line + 1,
			           (int)p.problem_mark.column + 1, "%s%s%s", p.problem ? p.problem : "not YAML",
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

/* The value last given for key's entry, or NULL. */
static const struct meta_value *
last_value(const struct warta_reader *r, const char *key)
{
	const struct meta_key *k = find_key(key);

	for (guint i = r->values->len; k && i > 0; i--) {
		const struct meta_value *v = r->values->pdata[i - 1];

		if (v->k == k)
			return v;
	}
	return NULL;
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

/* Sets the values given in doc->meta, and doc->meta.origin. */
static void
meta_apply(const struct warta_reader *r, struct warta_doc *doc)
{
	const GPtrArray *values = r->values;
	const struct meta_value *lang = last_value(r, "lang");
	GPtrArray *origin;
	size_t i;
	guint j;

	if (values->len == 0)
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
			if (lang)
				from = lang->origin;
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

/* ---------------------------------------------------------------- the public reader */

warta_reader *
warta_reader_new(void)
{
	warta_reader *r = g_new0(warta_reader, 1);

	r->values = g_ptr_array_new_with_free_func(free_value);
	return r;
}

void
warta_reader_free(warta_reader *r)
{
	if (r == NULL)
		return;
	g_ptr_array_free(r->values, TRUE);
	g_free(r->lang);
	g_free(r->meta_dir);
	g_free(r);
}

void
warta_reader_set_lang(warta_reader *r, const char *lang)
{
	g_free(r->lang);
	r->lang = g_strdup(lang);
}

void
warta_reader_set_flags(warta_reader *r, unsigned flags)
{
	r->flags = flags;
}

void
warta_reader_set_limits(warta_reader *r, size_t max_bytes, size_t max_image_bytes)
{
	r->max_bytes = max_bytes;
	r->max_image_bytes = max_image_bytes;
}

void
warta_reader_set_style(warta_reader *r, const warta_style *style)
{
	r->style = style;
}

int
warta_reader_add_metadata(warta_reader *r, const char *key, const char *value, int origin,
                          const char *where, warta_messages *m)
{
	struct warta_diags scratch, *d = api_diags(m, &scratch);
	struct where w = { where ? where : key, 0, 0 };
	int rc;

	if (key == NULL || value == NULL) {
		warta_diag(d, WARTA_ERROR, where, 0, 0, "a metadata value needs a key and a value");
		rc = -1;
	} else {
		rc = add_value(r, &w, key, value, origin == WARTA_ORIGIN_FILE ? "metadata-file" : "option",
		               d);
	}
	api_diags_done(m, &scratch);
	return rc;
}

int
warta_reader_metadata_file(warta_reader *r, const char *path, warta_messages *m)
{
	struct warta_diags scratch, *d = api_diags(m, &scratch);
	char *dir = g_path_get_dirname(path);
	int rc;

	g_free(r->meta_dir);
	r->meta_dir = g_canonicalize_filename(dir, NULL);
	g_free(dir);
	rc = read_file(r, path, d);
	g_clear_pointer(&r->meta_dir, g_free);
	api_diags_done(m, &scratch);
	return rc;
}

const char *
warta_reader_metadata(const warta_reader *r, const char *key)
{
	const struct meta_value *v = r && key ? last_value(r, key) : NULL;

	return v ? v->value : NULL;
}

/* What the reader takes from r: the given lang over r's own, the lead
 * photo's values, the later given winning. */
static void
read_opts(const struct warta_reader *r, struct warta_read_opts *o)
{
	const struct meta_value *lang = last_value(r, "lang");

	memset(o, 0, sizeof *o);
	o->lang = lang ? lang->value : r->lang;
	o->keep_boilerplate = (r->flags & WARTA_READ_KEEP_BOILERPLATE) != 0;
	o->repair = (r->flags & WARTA_READ_REPAIR) != 0;
	o->boilerplate = r->style ? (const char *const *)r->style->boilerplate : NULL;
	o->max_bytes = r->max_bytes;
	o->max_image_bytes = r->max_image_bytes;
	for (int k = 0; k < 4; k++) {
		const struct meta_value *v = last_value(r, lead_keys[k]);

		o->lead[k] = v ? v->value : NULL;
	}
}

warta_doc *
warta_reader_read(const warta_reader *r, const char *path, warta_messages *m)
{
	struct warta_diags scratch;
	struct warta_read_opts o;
	warta_doc *doc;

	read_opts(r, &o);
	doc = warta_article_read_file(path, &o, api_diags(m, &scratch));
	api_diags_done(m, &scratch);
	if (doc)
		meta_apply(r, doc);
	return doc;
}
