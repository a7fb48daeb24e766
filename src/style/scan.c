/* scan.c — a style file's text, checked against the key table (keys.c):
 * where each group and key sits (GKeyFile keeps no positions, so the text
 * is scanned as GKeyFile reads it), lines that are neither and duplicate
 * keys reported, and each value parsed — lengths and their units,
 * integers, colours, weights, features, paper sizes, patterns — with its
 * FILE:LINE:COL on error. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "style/style_int.h"

void
st_raw_free(gpointer p)
{
	struct raw *r = p;

	g_free(r->str);
	g_strfreev(r->list);
	g_free(r->file);
	g_free(r);
}

void G_GNUC_PRINTF(5, 6)
st_err(struct loader *L, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	warta_diag(L->d, WARTA_ERROR, file, line, col, "%s", msg);
	g_free(msg);
	L->errors++;
}

/* 1-based column of byte offset off in line, counted in characters. */
static int
column(const char *line, const char *at)
{
	return (int)g_utf8_strlen(line, at - line) + 1;
}

/* Scans the text as GKeyFile would read it, recording where each group and
 * key is, and reporting lines that are neither (returns how many: GKeyFile
 * cannot read such a file) and duplicate keys (GKeyFile keeps the last). */
int
st_scan(struct loader *L, struct sfile *f)
{
	char **lines = g_strsplit(f->text, "\n", -1);
	char *group = NULL;
	int errors = 0, i;

	for (i = 0; lines[i]; i++) {
		char *s = lines[i], *p, *eq, *k, *end;
		int lineno = i + 1;
		size_t n = strlen(s);

		if (n > 0 && s[n - 1] == '\r')
			s[--n] = '\0';
		if (!g_utf8_validate(s, -1, (const char **)&p)) {
			st_err(L, f->path, lineno, column(s, p), "invalid UTF-8");
			errors++;
			continue;
		}
		for (p = s; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		if (*p == '[') {
			end = strchr(p, ']');
			if (end)
				g_strchomp(end + 1);
			if (!end || end == p + 1 || end[1] != '\0') {
				st_err(L, f->path, lineno, column(s, p), "malformed group line: expected [name]");
				errors++;
				g_free(group);
				group = NULL;
				continue;
			}
			g_free(group);
			group = g_strndup(p + 1, end - p - 1);
			if (!g_hash_table_contains(f->pos, group)) {
				struct keypos *kp = g_new0(struct keypos, 1);

				kp->line = lineno;
				kp->key_col = column(s, p);
				g_hash_table_insert(f->pos, g_strdup(group), kp);
			}
			continue;
		}
		eq = strchr(p, '=');
		if (!eq) {
			st_err(L, f->path, lineno, column(s, p),
			    "expected [group], key = value, or # comment");
			errors++;
			continue;
		}
		if (!group) {
			st_err(L, f->path, lineno, column(s, p), "key outside any group");
			errors++;
			continue;
		}
		for (end = eq; end > p && (end[-1] == ' ' || end[-1] == '\t'); end--)
			;
		if (end == p) {
			st_err(L, f->path, lineno, column(s, p), "missing key name before '='");
			errors++;
			continue;
		}
		k = g_strdup_printf("%s\n%.*s", group, (int)(end - p), p);
		if (g_hash_table_contains(f->pos, k)) {
			struct keypos *old = g_hash_table_lookup(f->pos, k);

			st_err(L, f->path, lineno, column(s, p),
			    "duplicate key '%.*s' in [%s] (first set on line %d)",
			    (int)(end - p), p, group, old->line);
			g_free(k);
			continue;
		} else {
			struct keypos *kp = g_new0(struct keypos, 1);

			kp->line = lineno;
			kp->key_col = column(s, p);
			for (eq++; *eq == ' ' || *eq == '\t'; eq++)
				;
			kp->val_col = column(s, eq);
			g_hash_table_insert(f->pos, k, kp);
		}
	}
	g_free(group);
	g_strfreev(lines);
	return errors;
}

/* ------------------------------------------------------------------ values */

/* A number with a unit: pt, mm, cm, in, pc, em.  1 on success. */
static int
parse_length(const char *v, double *num, enum unit *unit, int bare_ok)
{
	char *end;
	double x;

	if (!*v)
		return 0;
	x = g_ascii_strtod(v, &end);
	if (end == v || !isfinite(x))
		return 0;
	while (*end == ' ')
		end++;
	*unit = U_PT;
	if (g_str_equal(end, "pt"))
		*num = x;
	else if (g_str_equal(end, "mm"))
		*num = x * 72.0 / 25.4;
	else if (g_str_equal(end, "cm"))
		*num = x * 72.0 / 2.54;
	else if (g_str_equal(end, "in"))
		*num = x * 72.0;
	else if (g_str_equal(end, "pc"))
		*num = x * 12.0;
	else if (g_str_equal(end, "em")) {
		*num = x;
		*unit = U_EM;
	} else if (*end == '\0' && (bare_ok || x == 0)) {
		*num = x;
		*unit = bare_ok ? U_FACTOR : U_PT;
	} else
		return 0;
	return 1;
}

static int
parse_int(const char *v, long *out)
{
	char *end;
	gint64 x;

	if (!*v)
		return 0;
	x = g_ascii_strtoll(v, &end, 10);
	if (*end || end == v || x < G_MINLONG || x > G_MAXLONG)
		return 0;
	*out = (long)x;
	return 1;
}

static int
valid_feature(const char *f)
{
	const char *p = f;
	int n = 0;

	if (*p == '+' || *p == '-')
		p++;
	while (*p && *p != '=' && n < 5) {
		if (!g_ascii_isalnum(*p))
			return 0;
		p++;
		n++;
	}
	if (n != 4)
		return 0;
	if (*p == '=') {
		p++;
		if (!*p)
			return 0;
		while (*p)
			if (!g_ascii_isdigit(*p++))
				return 0;
	}
	return 1;
}

static void
describe_range(GString *s, const struct keydef *k)
{
	if (k->kind == K_INT)
		g_string_append_printf(s, " (allowed: %g to %g)", k->min, k->max);
	else if (k->kind == K_LENGTH && g_str_equal(k->name, "letter-spacing"))
		g_string_append(s, " (allowed: -0.5em to 1em, or -20pt to 20pt)");
	else if (k->kind == K_LENGTH || k->kind == K_LEADING)
		g_string_append_printf(s, " (allowed: %g pt to %g pt)", k->min, k->max);
}

/* The per-kind parsers: each reads value v of key k into r and returns
 * NULL, or why v is not good ("out of range" gets the key's range added). */
typedef const char *(*parse_fn)(const struct keydef *k, const char *v, struct raw *r);

static const char *
parse_string(const struct keydef *k, const char *v, struct raw *r)
{
	(void)r;
	return !*v && !g_str_equal(k->name, "description") ? "an empty value" : NULL;
}

static const char *
parse_stylename(const struct keydef *k, const char *v, struct raw *r)
{
	(void)k, (void)v, (void)r;      /* checked by load_file, which follows it */
	return NULL;
}

static const char *
parse_len(const struct keydef *k, const char *v, struct raw *r)
{
	if (!parse_length(v, &r->num, &r->unit, k->kind == K_LEADING))
		return k->kind == K_LEADING ?
		    "not a length (a number with pt, mm, cm, in, pc or em) nor a factor of the size" :
		    "not a length: a number with pt, mm, cm, in, pc or em";
	if (r->unit == U_FACTOR && (r->num < 0.5 || r->num > 5))
		return "a leading factor out of range (0.5 to 5)";
	if (g_str_equal(k->name, "letter-spacing"))
		return (r->unit == U_EM ? r->num < -0.5 || r->num > 1 : fabs(r->num) > 20) ? "out of range" : NULL;
	if (r->num < 0 && k->min >= 0)
		return "negative";
	if (r->unit == U_EM && (r->num > 50 || (k->min > 0 && r->num <= 0)))
		return "out of range";
	if (r->unit == U_PT && (r->num < k->min || r->num > k->max))
		return "out of range";
	return NULL;
}

static const char *
parse_integer(const struct keydef *k, const char *v, struct raw *r)
{
	long i = 0;
	const char *why = NULL;

	if (!parse_int(v, &i))
		why = "not an integer";
	else if (i < k->min || i > k->max)
		why = "out of range";
	r->num = i;
	return why;
}

static const char *
parse_number(const struct keydef *k, const char *v, struct raw *r)
{
	char *end;
	double x = g_ascii_strtod(v, &end);

	if (end == v || !isfinite(x) || (*end && !g_str_equal(end, "%")))
		return "not a number (a fraction like 0.02 or a percentage like 2%)";
	if (*end == '%')
		x /= 100;
	r->num = x;
	return x < k->min || x > k->max ? "out of range (0 to 10%)" : NULL;
}

static const char *
parse_bool(const struct keydef *k, const char *v, struct raw *r)
{
	(void)k;
	if (g_str_equal(v, "true") || g_str_equal(v, "yes"))
		r->num = 1;
	else if (g_str_equal(v, "false") || g_str_equal(v, "no"))
		r->num = 0;
	else
		return "not a boolean (true or false)";
	return NULL;
}

static const char *
parse_align(const struct keydef *k, const char *v, struct raw *r)
{
	int j;

	(void)k;
	for (j = 0; st_align_names[j]; j++)
		if (g_str_equal(v, st_align_names[j]))
			break;
	r->num = j;
	return st_align_names[j] ? NULL : "not an alignment (justify, left, center or right)";
}

static const char *
parse_print_url(const struct keydef *k, const char *v, struct raw *r)
{
	int j;

	(void)k;
	for (j = 0; st_print_url_names[j]; j++)
		if (g_str_equal(v, st_print_url_names[j]))
			break;
	r->num = j;
	return st_print_url_names[j] ? NULL : "not a way to print URLs (footnote, inline or none)";
}

static const char *
parse_color(const struct keydef *k, const char *v, struct raw *r)
{
	int j;

	(void)k;
	if (strlen(v) != 7 || v[0] != '#')
		return "not a colour (#rrggbb)";
	for (j = 1; j < 7; j++)
		if (!g_ascii_isxdigit(v[j]))
			return "not a colour (#rrggbb)";
	r->num = (double)strtoul(v + 1, NULL, 16);
	return NULL;
}

static const char *
parse_weight(const struct keydef *k, const char *v, struct raw *r)
{
	long i;
	int j;

	(void)k;
	for (j = 0; st_weight_names[j].name; j++)
		if (g_str_equal(v, st_weight_names[j].name))
			break;
	if (st_weight_names[j].name)
		r->num = st_weight_names[j].w;
	else if (!parse_int(v, &i) || i < 100 || i > 1000)
		return "not a weight (100 to 1000, or regular, medium, semibold, bold, …)";
	else
		r->num = i;
	return NULL;
}

static const char *
parse_features(const struct keydef *k, const char *v, struct raw *r)
{
	char **fs = g_strsplit(v, ",", -1);
	const char *why = NULL;
	int j;

	(void)k, (void)r;
	for (j = 0; *v && fs[j]; j++) {
		g_strstrip(fs[j]);
		if (!valid_feature(fs[j])) {
			why = "not a list of OpenType features (\"onum, pnum, liga=0\")";
			break;
		}
	}
	g_strfreev(fs);
	return why;
}

static const char *
parse_paper(const struct keydef *k, const char *v, struct raw *r)
{
	char **w = g_strsplit(v, " ", -1);
	int n = (int)g_strv_length(w), land = 0, j;
	const char *why = NULL;

	(void)k;
	for (j = 0; st_papers[j].name; j++)
		if (n >= 1 && g_ascii_strcasecmp(w[0], st_papers[j].name) == 0)
			break;
	if (n == 2 && g_str_equal(w[1], "landscape"))
		land = 1;
	if (!st_papers[j].name || n > 2 || (n == 2 && !land))
		why = "not a paper size (a3, a4, a5, letter, legal, tabloid, optionally \"landscape\")";
	else {
		r->num = j;
		r->unit = land ? U_EM : U_PT;   /* U_EM marks landscape */
	}
	g_strfreev(w);
	return why;
}

/* A list of patterns, each a GRegex: reported here (the message names the
 * bad pattern).  0, or -1 after the report. */
static int
parse_patterns(struct loader *L, struct sfile *f, const char *group, const struct keydef *k,
               const struct keypos *kp, struct raw *r)
{
	GError *ge = NULL;
	int j;

	r->list = g_key_file_get_string_list(f->kf, group, k->name, NULL, &ge);
	if (!r->list) {
		st_err(L, f->path, kp->line, kp->val_col, "[%s] %s: %s", group, k->name, ge->message);
		g_error_free(ge);
		return -1;
	}
	for (j = 0; r->list[j]; j++) {
		GRegex *re = g_regex_new(r->list[j], G_REGEX_OPTIMIZE, 0, &ge);

		if (!re) {
			st_err(L, f->path, kp->line, kp->val_col, "[%s] %s: bad pattern '%s': %s",
			    group, k->name, r->list[j], ge->message);
			g_clear_error(&ge);
			return -1;
		}
		g_regex_unref(re);
	}
	return 0;
}

static const parse_fn parsers[] = {
	[K_STRING] = parse_string, [K_LENGTH] = parse_len, [K_LEADING] = parse_len,
	[K_INT] = parse_integer, [K_NUMBER] = parse_number, [K_BOOL] = parse_bool,
	[K_ALIGN] = parse_align, [K_COLOR] = parse_color, [K_WEIGHT] = parse_weight,
	[K_FEATURES] = parse_features, [K_PAPER] = parse_paper, [K_PATTERNS] = NULL,
	[K_PRINT_URL] = parse_print_url,
	[K_STYLENAME] = parse_stylename,
};

/* Parses one value; on error reports at the value and returns NULL. */
struct raw *
st_parse_value(struct loader *L, struct sfile *f, const char *group, const struct keydef *k,
               const struct keypos *kp)
{
	struct raw *r = g_new0(struct raw, 1);
	GError *ge = NULL;
	char *v;
	const char *why = NULL;

	r->file = g_strdup(f->path);
	r->line = kp->line;
	r->col = kp->val_col;
	if (k->kind == K_PATTERNS) {
		if (parse_patterns(L, f, group, k, kp, r) < 0) {
			st_raw_free(r);
			return NULL;
		}
		return r;
	}
	v = g_key_file_get_string(f->kf, group, k->name, &ge);
	if (!v) {
		st_err(L, f->path, kp->line, kp->val_col, "[%s] %s: %s", group, k->name, ge->message);
		g_error_free(ge);
		st_raw_free(r);
		return NULL;
	}
	g_strstrip(v);
	why = parsers[k->kind](k, v, r);
	if (why) {
		GString *msg = g_string_new(NULL);

		g_string_append_printf(msg, "[%s] %s: '%s' is %s", group, k->name, v, why);
		if (g_str_equal(why, "out of range"))
			describe_range(msg, k);
		st_err(L, f->path, kp->line, kp->val_col, "%s", msg->str);
		g_string_free(msg, TRUE);
		g_free(v);
		st_raw_free(r);
		return NULL;
	}
	r->str = v;
	return r;
}

void
st_set_raw(struct loader *L, const char *group, const char *key, struct raw *r)
{
	g_hash_table_replace(L->raw, g_strdup_printf("%s\n%s", group, key), r);
}

struct raw *
st_get_raw(struct loader *L, const char *group, const char *key)
{
	char *k = g_strdup_printf("%s\n%s", group, key);
	struct raw *r = g_hash_table_lookup(L->raw, k);

	g_free(k);
	return r;
}

