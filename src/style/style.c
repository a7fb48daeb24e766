/* style.c — the style loader: styles/NAME.style (GLib key files) and the styles
 * it inherits from → struct warta_style.  Checks every group, key and value
 * (FILE:LINE:COL found by scanning the text: GKeyFile keeps no positions), then
 * resolves units, [body] inheritance and the built-in defaults. */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "style/style.h"

#define MAX_DEPTH 16
#define STYLE_MAX_BYTES (1024 * 1024)   /* a style file is a few KB */

/* Value kinds of keys. */
enum kind {
	K_STRING,       /* non-empty text */
	K_LENGTH,       /* number + unit (pt mm cm in pc em) */
	K_LEADING,      /* a length, or a bare factor of the size */
	K_INT,          /* integer in [min, max] */
	K_NUMBER,       /* real in [min, max], or a percentage */
	K_BOOL,
	K_ALIGN,
	K_COLOR,
	K_WEIGHT,
	K_FEATURES,     /* OpenType features: "onum, pnum, liga=0" */
	K_PAPER,        /* a4, a5, a3, letter, legal, tabloid [landscape] */
	K_PATTERNS,     /* list of GRegex patterns */
	K_PRINT_URL,    /* footnote, inline or none */
	K_STYLENAME     /* another style: name or path */
};

enum unit { U_PT, U_EM, U_FACTOR };

struct keydef {
	const char *name;
	enum kind kind;
	double min, max;
	int inherit;            /* element keys: unset → taken from [body] */
};

/* A parsed value, kept until resolution (em lengths need the final size). */
struct raw {
	double num;
	enum unit unit;
	char *str;
	char **list;
	char *file;
	int line, col;
};

/* Keys of the element groups ([body], [headline], …), in this order. */
enum ekey {
	EK_FAMILY, EK_SIZE, EK_LEADING, EK_SPACE_BEFORE, EK_SPACE_AFTER, EK_INDENT,
	EK_MARGIN_LEFT, EK_MARGIN_RIGHT, EK_ALIGN, EK_COLOR, EK_WEIGHT, EK_ITALIC,
	EK_SMALL_CAPS, EK_UPPERCASE, EK_LETTER_SPACING, EK_FEATURES, EK_HYPHENATE,
	EK_HYPHEN_LEFT, EK_HYPHEN_RIGHT, EK_COUNT
};

static const struct keydef elem_keys[EK_COUNT] = {
	{ "family",           K_STRING,   0, 0, 1 },
	{ "size",             K_LENGTH,   1, 500, 1 },
	{ "leading",          K_LEADING,  1, 1000, 1 },
	{ "space-before",     K_LENGTH,   0, 1000, 0 },
	{ "space-after",      K_LENGTH,   0, 1000, 0 },
	{ "indent",           K_LENGTH,   -500, 500, 0 },
	{ "margin-left",      K_LENGTH,   0, 1000, 0 },
	{ "margin-right",     K_LENGTH,   0, 1000, 0 },
	{ "align",            K_ALIGN,    0, 0, 1 },
	{ "color",            K_COLOR,    0, 0, 1 },
	{ "weight",           K_WEIGHT,   100, 1000, 1 },
	{ "italic",           K_BOOL,     0, 0, 1 },
	{ "small-caps",       K_BOOL,     0, 0, 0 },
	{ "uppercase",        K_BOOL,     0, 0, 0 },
	{ "letter-spacing",   K_LENGTH,   -0.5, 1, 0 },   /* em; checked apart */
	{ "features",         K_FEATURES, 0, 0, 1 },
	{ "hyphenate",        K_BOOL,     0, 0, 1 },
	{ "hyphen-min-left",  K_INT,      1, 10, 1 },
	{ "hyphen-min-right", K_INT,      1, 10, 1 },
};

static const struct keydef style_keys[] = {
	{ "name",        K_STRING,    0, 0, 0 },
	{ "description", K_STRING,    0, 0, 0 },
	{ "inherits",    K_STYLENAME, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct keydef page_keys[] = {
	{ "paper",         K_PAPER,  0, 0, 0 },
	{ "width",         K_LENGTH, 72, 14400, 0 },
	{ "height",        K_LENGTH, 72, 14400, 0 },
	{ "margin-top",    K_LENGTH, 0, 2000, 0 },
	{ "margin-bottom", K_LENGTH, 0, 2000, 0 },
	{ "margin-inner",  K_LENGTH, 0, 2000, 0 },
	{ "margin-outer",  K_LENGTH, 0, 2000, 0 },
	{ "columns",       K_INT,    1, 8, 0 },
	{ "gutter",        K_LENGTH, 0, 500, 0 },
	{ "drop-cap",      K_INT,    0, 6, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct keydef fonts_keys[] = {
	{ "fallback-arabic", K_STRING, 0, 0, 0 },
	{ "fallback-greek",  K_STRING, 0, 0, 0 },
	{ "fallback-cjk",    K_STRING, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct keydef breaking_keys[] = {
	{ "pretolerance",           K_INT,    -1, 10000, 0 },
	{ "tolerance",              K_INT,    0, 10000, 0 },
	{ "emergency-stretch",      K_LENGTH, 0, 200, 0 },
	{ "line-penalty",           K_INT,    0, 10000, 0 },
	{ "hyphen-penalty",         K_INT,    -10000, 10000, 0 },
	{ "ex-hyphen-penalty",      K_INT,    -10000, 10000, 0 },
	{ "adj-demerits",           K_INT,    0, 10000000, 0 },
	{ "double-hyphen-demerits", K_INT,    0, 10000000, 0 },
	{ "final-hyphen-demerits",  K_INT,    0, 10000000, 0 },
	{ "max-hyphen-run",         K_INT,    1, 20, 0 },
	{ "expansion",              K_NUMBER, 0, 0.1, 0 },
	{ "club-penalty",           K_INT,    0, 10000, 0 },
	{ "widow-penalty",          K_INT,    0, 10000, 0 },
	{ "broken-penalty",         K_INT,    0, 10000, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct keydef edition_keys[] = {
	{ "makeup",        K_STRING, 0, 0, 0 },     /* pages, flow, modular: checked in resolve */
	{ "article-break", K_STRING, 0, 0, 0 },     /* space, rule, page */
	{ "min-lines",     K_INT,    0, 1000, 0 },
	{ NULL, 0, 0, 0, 0 }
};

/* [link]: how print shows where a link goes (README "Styles") */
static const struct keydef link_keys[] = {
	{ "print-url", K_PRINT_URL, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct keydef boilerplate_keys[] = {
	{ "patterns", K_PATTERNS, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const char *const element_names[WARTA_EL_COUNT] = {
	"body", "headline", "deck", "byline", "date", "dateline", "heading",
	"heading-number", "quotation", "blockquote", "pullquote", "footnote",
	"running-head", "folio", "code", "list", "table", "source"
};

static const struct paper {
	const char *name;
	double w, h;            /* pt */
} papers[] = {
	{ "a3",      841.89, 1190.55 },
	{ "a4",      595.28, 841.89 },
	{ "a5",      419.53, 595.28 },
	{ "letter",  612, 792 },
	{ "legal",   612, 1008 },
	{ "tabloid", 792, 1224 },
	{ NULL, 0, 0 }
};

const char *
warta_element_name(enum warta_element el)
{
	if ((int)el < 0 || el >= WARTA_EL_COUNT)
		return NULL;
	return element_names[el];
}

/* ------------------------------------------------------------------ files */

/* Where a key sits in the text: its line, the column of the key and of the value. */
struct keypos {
	int line, key_col, val_col;
};

/* One style file being read. */
struct sfile {
	char *path;
	char *text;
	GKeyFile *kf;
	GHashTable *pos;        /* "group\nkey" → struct keypos *, "group" → line of [group] */
};

/* The whole load: the layered raw values and the diagnostics. */
struct loader {
	const char *const *dirs;
	struct warta_diags *d;
	GHashTable *raw;        /* "group\nkey" → struct raw *, last file wins */
	GPtrArray *chain;       /* canonical paths being loaded, for cycles */
	GPtrArray *shown;       /* the same paths as written, for messages */
	int errors;
};

static void
raw_free(gpointer p)
{
	struct raw *r = p;

	g_free(r->str);
	g_strfreev(r->list);
	g_free(r->file);
	g_free(r);
}

static void G_GNUC_PRINTF(5, 6)
err(struct loader *L, const char *file, int line, int col, const char *fmt, ...)
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
static int
scan(struct loader *L, struct sfile *f)
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
			err(L, f->path, lineno, column(s, p), "invalid UTF-8");
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
				err(L, f->path, lineno, column(s, p), "malformed group line: expected [name]");
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
			err(L, f->path, lineno, column(s, p),
			    "expected [group], key = value, or # comment");
			errors++;
			continue;
		}
		if (!group) {
			err(L, f->path, lineno, column(s, p), "key outside any group");
			errors++;
			continue;
		}
		for (end = eq; end > p && (end[-1] == ' ' || end[-1] == '\t'); end--)
			;
		if (end == p) {
			err(L, f->path, lineno, column(s, p), "missing key name before '='");
			errors++;
			continue;
		}
		k = g_strdup_printf("%s\n%.*s", group, (int)(end - p), p);
		if (g_hash_table_contains(f->pos, k)) {
			struct keypos *old = g_hash_table_lookup(f->pos, k);

			err(L, f->path, lineno, column(s, p),
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

static const struct keydef *
group_keys(const char *group)
{
	int i;

	if (g_str_equal(group, "style"))
		return style_keys;
	if (g_str_equal(group, "page"))
		return page_keys;
	if (g_str_equal(group, "fonts"))
		return fonts_keys;
	if (g_str_equal(group, "breaking"))
		return breaking_keys;
	if (g_str_equal(group, "boilerplate"))
		return boilerplate_keys;
	if (g_str_equal(group, "edition"))
		return edition_keys;
	if (g_str_equal(group, "link"))
		return link_keys;
	for (i = 0; i < WARTA_EL_COUNT; i++)
		if (g_str_equal(group, element_names[i]))
			return elem_keys;
	return NULL;
}

static const struct keydef *
find_key(const struct keydef *keys, const char *name)
{
	int i;

	if (keys == elem_keys) {
		for (i = 0; i < EK_COUNT; i++)
			if (g_str_equal(elem_keys[i].name, name))
				return &elem_keys[i];
		return NULL;
	}
	for (i = 0; keys[i].name; i++)
		if (g_str_equal(keys[i].name, name))
			return &keys[i];
	return NULL;
}

/* Levenshtein distance, for "did you mean" hints (short names only). */
static int
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int c = prev[j - 1] + (a[i - 1] != b[j - 1]);

			c = MIN(c, prev[j] + 1);
			cur[j] = MIN(c, cur[j - 1] + 1);
		}
		memcpy(prev, cur, sizeof(int) * (lb + 1));
	}
	return prev[lb];
}

/* ", did you mean 'x'?" or "" — caller frees. */
static char *
suggest(const char *name, const char *const *cands, int n)
{
	int i, best = 3, bi = -1;

	for (i = 0; i < n; i++) {
		int dd = distance(name, cands[i]);

		if (dd < best) {
			best = dd;
			bi = i;
		}
	}
	return bi < 0 ? g_strdup("") : g_strdup_printf("; did you mean '%s'?", cands[bi]);
}

static char *
suggest_group(const char *name)
{
	const char *c[WARTA_EL_COUNT + 7];
	int i, n = 0;

	c[n++] = "style";
	c[n++] = "page";
	c[n++] = "fonts";
	c[n++] = "breaking";
	c[n++] = "boilerplate";
	c[n++] = "edition";
	c[n++] = "link";
	for (i = 0; i < WARTA_EL_COUNT; i++)
		c[n++] = element_names[i];
	return suggest(name, c, n);
}

static char *
suggest_key(const struct keydef *keys, const char *name)
{
	const char *c[EK_COUNT + 1];
	int i, n = 0;

	for (i = 0; keys == elem_keys ? i < EK_COUNT : keys[i].name != NULL; i++)
		c[n++] = keys[i].name;
	return suggest(name, c, n);
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

static const char *const align_names[] = { "justify", "left", "center", "right", NULL };
/* in the order of enum warta_print_url */
static const char *const print_url_names[] = { "footnote", "inline", "none", NULL };

static const struct {
	const char *name;
	int w;
} weight_names[] = {
	{ "thin", 100 }, { "light", 300 }, { "regular", 400 }, { "normal", 400 },
	{ "medium", 500 }, { "semibold", 600 }, { "bold", 700 }, { "heavy", 900 },
	{ "black", 900 }, { NULL, 0 }
};

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

/* Parses one value; on error reports at the value and returns NULL. */
static struct raw *
parse_value(struct loader *L, struct sfile *f, const char *group, const struct keydef *k,
            const struct keypos *kp)
{
	struct raw *r = g_new0(struct raw, 1);
	GError *ge = NULL;
	char *v = g_key_file_get_string(f->kf, group, k->name, &ge);
	const char *why = NULL;
	GString *msg;
	long i;
	int j;

	r->file = g_strdup(f->path);
	r->line = kp->line;
	r->col = kp->val_col;
	if (!v) {
		err(L, f->path, kp->line, kp->val_col, "[%s] %s: %s", group, k->name, ge->message);
		g_error_free(ge);
		raw_free(r);
		return NULL;
	}
	g_strstrip(v);
	switch (k->kind) {
	case K_STRING:
		if (!*v && !g_str_equal(k->name, "description"))
			why = "an empty value";
		break;
	case K_STYLENAME:       /* checked by load_file, which follows it */
		break;
	case K_LENGTH:
	case K_LEADING:
		if (!parse_length(v, &r->num, &r->unit, k->kind == K_LEADING)) {
			why = k->kind == K_LEADING ?
			    "not a length (a number with pt, mm, cm, in, pc or em) nor a factor of the size" :
			    "not a length: a number with pt, mm, cm, in, pc or em";
			break;
		}
		if (r->unit == U_FACTOR && (r->num < 0.5 || r->num > 5))
			why = "a leading factor out of range (0.5 to 5)";
		else if (g_str_equal(k->name, "letter-spacing")) {
			if (r->unit == U_EM ? r->num < -0.5 || r->num > 1 : fabs(r->num) > 20)
				why = "out of range";
		} else if (r->num < 0 && k->min >= 0)
			why = "negative";
		else if (r->unit == U_EM && (r->num > 50 || (k->min > 0 && r->num <= 0)))
			why = "out of range";
		else if (r->unit == U_PT && (r->num < k->min || r->num > k->max))
			why = "out of range";
		break;
	case K_INT:
		i = 0;
		if (!parse_int(v, &i))
			why = "not an integer";
		else if (i < k->min || i > k->max)
			why = "out of range";
		r->num = i;
		break;
	case K_NUMBER: {
		char *end;
		double x = g_ascii_strtod(v, &end);

		if (end == v || !isfinite(x) || (*end && !g_str_equal(end, "%")))
			why = "not a number (a fraction like 0.02 or a percentage like 2%)";
		else {
			if (*end == '%')
				x /= 100;
			if (x < k->min || x > k->max)
				why = "out of range (0 to 10%)";
			r->num = x;
		}
		break;
	}
	case K_BOOL:
		if (g_str_equal(v, "true") || g_str_equal(v, "yes"))
			r->num = 1;
		else if (g_str_equal(v, "false") || g_str_equal(v, "no"))
			r->num = 0;
		else
			why = "not a boolean (true or false)";
		break;
	case K_PRINT_URL:
		for (j = 0; print_url_names[j]; j++)
			if (g_str_equal(v, print_url_names[j]))
				break;
		if (!print_url_names[j])
			why = "not a way to print URLs (footnote, inline or none)";
		r->num = j;
		break;
	case K_ALIGN:
		for (j = 0; align_names[j]; j++)
			if (g_str_equal(v, align_names[j]))
				break;
		if (!align_names[j])
			why = "not an alignment (justify, left, center or right)";
		r->num = j;
		break;
	case K_COLOR:
		if (strlen(v) != 7 || v[0] != '#')
			why = "not a colour (#rrggbb)";
		for (j = 1; !why && j < 7; j++)
			if (!g_ascii_isxdigit(v[j]))
				why = "not a colour (#rrggbb)";
		if (!why)
			r->num = (double)strtoul(v + 1, NULL, 16);
		break;
	case K_WEIGHT:
		for (j = 0; weight_names[j].name; j++)
			if (g_str_equal(v, weight_names[j].name))
				break;
		if (weight_names[j].name)
			r->num = weight_names[j].w;
		else if (!parse_int(v, &i) || i < 100 || i > 1000)
			why = "not a weight (100 to 1000, or regular, medium, semibold, bold, …)";
		else
			r->num = i;
		break;
	case K_FEATURES: {
		char **fs = g_strsplit(v, ",", -1);

		for (j = 0; *v && fs[j]; j++) {
			g_strstrip(fs[j]);
			if (!valid_feature(fs[j])) {
				why = "not a list of OpenType features (\"onum, pnum, liga=0\")";
				break;
			}
		}
		g_strfreev(fs);
		break;
	}
	case K_PAPER: {
		char **w = g_strsplit(v, " ", -1);
		int n = (int)g_strv_length(w), land = 0;

		for (j = 0; papers[j].name; j++)
			if (n >= 1 && g_ascii_strcasecmp(w[0], papers[j].name) == 0)
				break;
		if (n == 2 && g_str_equal(w[1], "landscape"))
			land = 1;
		if (!papers[j].name || n > 2 || (n == 2 && !land))
			why = "not a paper size (a3, a4, a5, letter, legal, tabloid, optionally \"landscape\")";
		else {
			r->num = j;
			r->unit = land ? U_EM : U_PT;   /* U_EM marks landscape */
		}
		g_strfreev(w);
		break;
	}
	case K_PATTERNS:
		g_free(v);
		v = NULL;
		r->list = g_key_file_get_string_list(f->kf, group, k->name, NULL, &ge);
		if (!r->list) {
			err(L, f->path, kp->line, kp->val_col, "[%s] %s: %s", group, k->name, ge->message);
			g_error_free(ge);
			raw_free(r);
			return NULL;
		}
		for (j = 0; r->list[j]; j++) {
			GRegex *re = g_regex_new(r->list[j], G_REGEX_OPTIMIZE, 0, &ge);

			if (!re) {
				err(L, f->path, kp->line, kp->val_col, "[%s] %s: bad pattern '%s': %s",
				    group, k->name, r->list[j], ge->message);
				g_clear_error(&ge);
				raw_free(r);
				return NULL;
			}
			g_regex_unref(re);
		}
		break;
	}
	if (why) {
		msg = g_string_new(NULL);
		g_string_append_printf(msg, "[%s] %s: '%s' is %s", group, k->name, v, why);
		if (g_str_equal(why, "out of range"))
			describe_range(msg, k);
		err(L, f->path, kp->line, kp->val_col, "%s", msg->str);
		g_string_free(msg, TRUE);
		g_free(v);
		raw_free(r);
		return NULL;
	}
	r->str = v;
	return r;
}

static void
set_raw(struct loader *L, const char *group, const char *key, struct raw *r)
{
	g_hash_table_replace(L->raw, g_strdup_printf("%s\n%s", group, key), r);
}

static struct raw *
get_raw(struct loader *L, const char *group, const char *key)
{
	char *k = g_strdup_printf("%s\n%s", group, key);
	struct raw *r = g_hash_table_lookup(L->raw, k);

	g_free(k);
	return r;
}

/* ------------------------------------------------------------------ lookup */

static int
is_path(const char *name)
{
	return strchr(name, '/') != NULL || g_str_has_suffix(name, ".style");
}

static const char *const *
default_dirs(void)
{
	static const char *dirs[2];
	static gsize once;

	if (g_once_init_enter(&once)) {
		dirs[0] = g_build_filename(warta_data_dir(), "styles", NULL);
		dirs[1] = NULL;
		g_once_init_leave(&once, 1);
	}
	return dirs;
}

/* The file of style name in dirs (first match), or NULL. */
static char *
find_style(const char *name, const char *first_dir, const char *const *dirs)
{
	char *base = g_strconcat(name, ".style", NULL);
	char *p;
	int i;

	if (first_dir) {
		p = g_build_filename(first_dir, base, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
			goto found;
		g_free(p);
	}
	for (i = 0; dirs && dirs[i]; i++) {
		p = g_build_filename(dirs[i], base, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
			goto found;
		g_free(p);
	}
	g_free(base);
	return NULL;
found:
	g_free(base);
	return p;
}

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a4, column, …" of the styles in dirs, for error messages. */
static char *
style_names(const char *const *dirs)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GString *s = g_string_new(NULL);
	guint i;
	int k;

	for (k = 0; dirs && dirs[k]; k++) {
		GDir *dir = g_dir_open(dirs[k], 0, NULL);
		const char *e;

		if (!dir)
			continue;
		while ((e = g_dir_read_name(dir)))
			if (g_str_has_suffix(e, ".style"))
				g_ptr_array_add(names, g_strndup(e, strlen(e) - 6));
		g_dir_close(dir);
	}
	g_ptr_array_sort(names, cmp_str);
	for (i = 0; i < names->len; i++) {
		const char *n = names->pdata[i];

		if (i > 0 && g_str_equal(n, names->pdata[i - 1]))
			continue;
		g_string_append_printf(s, "%s%s", s->len ? ", " : "", n);
	}
	g_ptr_array_free(names, TRUE);
	return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------------ loading */

static int load_file(struct loader *L, const char *path, const char *from_file, int from_line,
                     int from_col, struct warta_style *s, int top);

/* Reads one file's groups and keys into L->raw (after its parent's).  For the
 * top file, fills s->name and s->description. */
static void
apply_file(struct loader *L, struct sfile *f, struct warta_style *s, int top)
{
	char **groups = g_key_file_get_groups(f->kf, NULL);
	int gi;

	for (gi = 0; groups[gi]; gi++) {
		const char *g = groups[gi];
		const struct keydef *keys = group_keys(g);
		struct keypos *gp = g_hash_table_lookup(f->pos, g);
		char **keynames;
		int ki, pass;

		if (!keys) {
			char *hint = suggest_group(g);

			err(L, f->path, gp ? gp->line : 0, gp ? gp->key_col : 0,
			    "unknown group [%s]%s", g, hint);
			g_free(hint);
			continue;
		}
		keynames = g_key_file_get_keys(f->kf, g, NULL, NULL);
		/* [page] paper first, so that width and height override it */
		for (pass = 0; pass < 2; pass++)
			for (ki = 0; keynames[ki]; ki++) {
				const char *kn = keynames[ki];
				const struct keydef *k = find_key(keys, kn);
				char *pk = g_strdup_printf("%s\n%s", g, kn);
				struct keypos *kp = g_hash_table_lookup(f->pos, pk);
				struct keypos none = { 0, 0, 0 };
				struct raw *r;

				g_free(pk);
				if (!kp)
					kp = &none;
				if ((pass == 0) != (k && k->kind == K_PAPER))
					continue;
				if (!k) {
					char *hint = suggest_key(keys, kn);

					err(L, f->path, kp->line, kp->key_col, "unknown key '%s' in [%s]%s",
					    kn, g, hint);
					g_free(hint);
					continue;
				}
				if (!(r = parse_value(L, f, g, k, kp)))
					continue;
				if (keys == style_keys) {
					/* name and description belong to this file only */
					if (top && g_str_equal(kn, "name"))
						g_free(s->name), s->name = g_strdup(r->str);
					else if (top && g_str_equal(kn, "description"))
						g_free(s->description), s->description = g_strdup(r->str);
					raw_free(r);
					continue;
				}
				if (k->kind == K_PAPER) {
					const struct paper *pp = &papers[(int)r->num];
					struct raw *w = g_new0(struct raw, 1), *h;
					int land = r->unit == U_EM;

					w->num = land ? pp->h : pp->w;
					w->file = g_strdup(r->file);
					w->line = r->line;
					w->col = r->col;
					h = g_memdup2(w, sizeof *w);
					h->file = g_strdup(r->file);
					h->num = land ? pp->w : pp->h;
					set_raw(L, "page", "width", w);
					set_raw(L, "page", "height", h);
					raw_free(r);
					continue;
				}
				set_raw(L, g, kn, r);
			}
		g_strfreev(keynames);
	}
	g_strfreev(groups);
}

static gint
cmp_diag(gconstpointer a, gconstpointer b)
{
	const struct warta_diag *x = *(struct warta_diag *const *)a;
	const struct warta_diag *y = *(struct warta_diag *const *)b;

	return x->line != y->line ? x->line - y->line : x->col - y->col;
}

/* Loads path and, first, the styles it inherits from.  0 or -1. */
static int
load_file(struct loader *L, const char *path, const char *from_file, int from_line,
          int from_col, struct warta_style *s, int top)
{
	struct sfile f = { 0 };
	struct warta_diags local, *saved;
	struct keypos none = { 0, 0, 0 };
	GError *ge = NULL;
	char *canon, *parent = NULL;
	gsize len;
	guint i;
	int rc = -1;

	canon = g_canonicalize_filename(path, NULL);
	for (i = 0; i < L->chain->len; i++)
		if (g_str_equal(canon, L->chain->pdata[i])) {
			GString *c = g_string_new(NULL);

			for (; i < L->chain->len; i++)
				g_string_append_printf(c, "%s -> ", (char *)L->shown->pdata[i]);
			g_string_append(c, path);
			err(L, from_file, from_line, from_col, "style inheritance cycle: %s", c->str);
			g_string_free(c, TRUE);
			g_free(canon);
			return -1;
		}
	if (L->chain->len >= MAX_DEPTH) {
		err(L, from_file, from_line, from_col, "styles inherit more than %d levels deep",
		    MAX_DEPTH);
		g_free(canon);
		return -1;
	}
	/* a style is a regular file of at most STYLE_MAX_BYTES: not a FIFO that
	 * never ends, not /dev/zero read without limit */
	{
		GStatBuf st;

		if (g_stat(path, &st) == 0 && (!S_ISREG(st.st_mode) || st.st_size > STYLE_MAX_BYTES)) {
			char *what = !S_ISREG(st.st_mode) ?
			             g_strdup("not a regular file; a style is a file") :
			             g_strdup_printf("%jd bytes; a style is at most %d",
			                             (intmax_t)st.st_size, STYLE_MAX_BYTES);

			if (from_file)
				err(L, from_file, from_line, from_col, "%s: %s", path, what);
			else
				err(L, path, 0, 0, "%s", what);
			g_free(what);
			g_free(canon);
			return -1;
		}
	}
	f.path = g_strdup(path);
	if (!g_file_get_contents(path, &f.text, &len, &ge)) {
		if (from_file)
			err(L, from_file, from_line, from_col, "cannot read %s: %s", path, ge->message);
		else
			err(L, path, 0, 0, "cannot read style: %s", ge->message);
		g_error_free(ge);
		g_free(canon);
		g_free(f.path);
		return -1;
	}
	if (len >= 3 && memcmp(f.text, "\xef\xbb\xbf", 3) == 0) {
		/* a byte-order mark, as some editors write */
		memmove(f.text, f.text + 3, len - 2);
		len -= 3;
	}
	if (memchr(f.text, '\0', len)) {
		const char *nul = memchr(f.text, '\0', len), *p, *bol = f.text;
		int line = 1;

		for (p = f.text; p < nul; p++)
			if (*p == '\n') {
				line++;
				bol = p + 1;
			}
		err(L, path, line, (int)(nul - bol) + 1, "NUL byte: not a text file");
		g_free(canon);
		g_free(f.text);
		g_free(f.path);
		return -1;
	}
	g_ptr_array_add(L->chain, canon);
	g_ptr_array_add(L->shown, g_strdup(path));
	/* this file's own messages are sorted by position before they go out */
	saved = L->d;
	warta_diags_init(&local);
	L->d = &local;
	f.pos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (scan(L, &f) > 0)
		goto out;
	f.kf = g_key_file_new();
	if (!g_key_file_load_from_data(f.kf, f.text, len, G_KEY_FILE_NONE, &ge)) {
		err(L, f.path, 0, 0, "%s", ge->message);
		g_error_free(ge);
		goto out;
	}
	if (g_key_file_has_key(f.kf, "style", "inherits", NULL)) {
		char *pk = g_strdup("style\ninherits");
		struct keypos *kp = g_hash_table_lookup(f.pos, pk);
		char *name = g_key_file_get_string(f.kf, "style", "inherits", NULL);
		char *dir = g_path_get_dirname(f.path);

		g_free(pk);
		if (!kp)
			kp = &none;
		if (!name)
			;       /* a bad escape: reported with the other values */
		else if (!*g_strstrip(name))
			err(L, f.path, kp->line, kp->val_col, "[style] inherits: '' is an empty value");
		else if (is_path(name))
			parent = g_path_is_absolute(name) ? g_strdup(name) :
			         g_build_filename(dir, name, NULL);
		else if (!(parent = find_style(name, dir, L->dirs))) {
			char *names = style_names(L->dirs);

			err(L, f.path, kp->line, kp->val_col,
			    "[style] inherits: no style named '%s' (styles: %s)", name, names);
			g_free(names);
		}
		L->d = saved;
		if (parent && load_file(L, parent, f.path, kp->line, kp->val_col, s, 0) < 0)
			g_clear_pointer(&parent, g_free);
		L->d = &local;
		g_free(name);
		g_free(dir);
	}
	apply_file(L, &f, s, top);
	rc = 0;
out:
	g_ptr_array_sort(local.items, cmp_diag);
	warta_diags_move(saved, &local);
	warta_diags_fini(&local);
	L->d = saved;
	g_ptr_array_set_size(L->chain, L->chain->len - 1);
	g_ptr_array_set_size(L->shown, L->shown->len - 1);
	g_free(parent);
	if (f.kf)
		g_key_file_free(f.kf);
	g_hash_table_destroy(f.pos);
	g_free(f.text);
	g_free(f.path);
	return rc;
}

/* ------------------------------------------------------------------ resolution */

/* The built-in defaults, before any file: TeX's breaking parameters, an A4
 * page, Charis SIL 10/12.5 for the body. */
static void
defaults(struct warta_style *s)
{
	s->page_width = 595.28;
	s->page_height = 841.89;
	s->margin_top = s->margin_bottom = s->margin_inner = s->margin_outer = 72.0 * 20 / 25.4;
	s->columns = 1;
	s->gutter = 12;
	s->drop_cap = 0;
	s->print_url = WARTA_PRINT_URL_FOOTNOTE;
	s->fallback_arabic = g_strdup("Noto Naskh Arabic");
	s->fallback_greek = g_strdup("Linux Libertine O");
	s->fallback_cjk = g_strdup("Noto Serif CJK SC");
	s->pretolerance = 100;
	s->tolerance = 200;
	s->emergency_stretch = 0;
	s->line_penalty = 10;
	s->hyphen_penalty = 50;
	s->ex_hyphen_penalty = 50;
	s->adj_demerits = 10000;
	s->double_hyphen_demerits = 10000;
	s->final_hyphen_demerits = 5000;
	s->max_hyphen_run = 2;
	s->makeup = WARTA_MAKEUP_PAGES;
	s->article_break = WARTA_BREAK_SPACE;
	s->min_lines = 0;
	s->expansion = 0;
	s->club_penalty = 150;
	s->widow_penalty = 150;
	s->broken_penalty = 100;
}

static double
len_pt(const struct raw *r, double em)
{
	return r->unit == U_EM ? r->num * em : r->num;
}

/* The raw value of key for element el: its own, else [body]'s when the key
 * inherits, else NULL (the built-in default). */
static struct raw *
elem_raw(struct loader *L, int el, int key)
{
	struct raw *r = get_raw(L, element_names[el], elem_keys[key].name);

	if (!r && el != WARTA_EL_BODY && elem_keys[key].inherit)
		r = get_raw(L, "body", elem_keys[key].name);
	return r;
}

static void
resolve_elements(struct loader *L, struct warta_style *s)
{
	struct warta_elem_style *body = &s->el[WARTA_EL_BODY];
	double body_ratio = 1.25;
	int el;

	for (el = 0; el < WARTA_EL_COUNT; el++) {
		struct warta_elem_style *e = &s->el[el];
		struct raw *r;
		double em;

		r = elem_raw(L, el, EK_FAMILY);
		e->family = g_strdup(r ? r->str : "Charis SIL");
		/* size: em of the body's size */
		r = get_raw(L, element_names[el], "size");
		if (r)
			e->size = r->unit == U_EM ? r->num * (el ? body->size : 10) : r->num;
		else
			e->size = el ? body->size : 10;
		em = e->size;
		/* leading: own value, else the body's leading scaled to this size */
		r = get_raw(L, element_names[el], "leading");
		if (r)
			e->leading = r->unit == U_FACTOR ? r->num * em : len_pt(r, em);
		else
			e->leading = el ? em * body_ratio : em * 1.25;
		if (el == WARTA_EL_BODY)
			body_ratio = e->leading / e->size;
		r = elem_raw(L, el, EK_SPACE_BEFORE);
		e->space_before = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_SPACE_AFTER);
		e->space_after = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_INDENT);
		e->indent = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_MARGIN_LEFT);
		e->margin_left = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_MARGIN_RIGHT);
		e->margin_right = r ? len_pt(r, em) : 0;
		r = elem_raw(L, el, EK_ALIGN);
		e->align = r ? (enum warta_text_align)r->num : WARTA_TA_JUSTIFY;
		r = elem_raw(L, el, EK_COLOR);
		e->color = r ? (unsigned int)r->num : 0;
		r = elem_raw(L, el, EK_WEIGHT);
		e->weight = r ? (int)r->num : 400;
		r = elem_raw(L, el, EK_ITALIC);
		e->italic = r ? (int)r->num : 0;
		r = elem_raw(L, el, EK_SMALL_CAPS);
		e->small_caps = r ? (int)r->num : 0;
		r = elem_raw(L, el, EK_UPPERCASE);
		e->uppercase = r ? (int)r->num : 0;
		r = elem_raw(L, el, EK_LETTER_SPACING);
		e->letter_spacing = r ? (r->unit == U_EM ? r->num : r->num / em) : 0;
		r = elem_raw(L, el, EK_FEATURES);
		e->features = g_strdup(r ? r->str : "");
		r = elem_raw(L, el, EK_HYPHENATE);
		e->hyphenate = r ? (int)r->num : 1;
		r = elem_raw(L, el, EK_HYPHEN_LEFT);
		e->hyphen_left = r ? (int)r->num : 2;
		r = elem_raw(L, el, EK_HYPHEN_RIGHT);
		e->hyphen_right = r ? (int)r->num : 3;
	}
}

static void
resolve_int(struct loader *L, const char *g, const char *k, int *out)
{
	struct raw *r = get_raw(L, g, k);

	if (r)
		*out = (int)r->num;
}

static void
resolve_len(struct loader *L, const char *g, const char *k, double em, double *out)
{
	struct raw *r = get_raw(L, g, k);

	if (r)
		*out = len_pt(r, em);
}

static void
where_free(gpointer p)
{
	struct warta_style_where *w = p;

	g_free(w->file);
	g_free(w);
}

static void
set_where(struct warta_style *s, const char *group, const char *key, const struct raw *r)
{
	struct warta_style_where *w = g_new0(struct warta_style_where, 1);

	w->file = g_strdup(r->file);
	w->line = r->line;
	w->col = r->col;
	g_hash_table_replace(s->where, g_strdup_printf("%s\n%s", group, key), w);
}

/* Positions of every value, an element's inherited ones at [body]'s line. */
static void
record_where(struct loader *L, struct warta_style *s)
{
	GHashTableIter it;
	gpointer k, v;
	int el, key;

	g_hash_table_iter_init(&it, L->raw);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		char *nl = strchr(k, '\n');
		char *g = g_strndup(k, nl - (char *)k);

		set_where(s, g, nl + 1, v);
		g_free(g);
	}
	for (el = 1; el < WARTA_EL_COUNT; el++)
		for (key = 0; key < EK_COUNT; key++) {
			struct raw *r = elem_raw(L, el, key);

			if (r && !get_raw(L, element_names[el], elem_keys[key].name))
				set_where(s, element_names[el], elem_keys[key].name, r);
		}
}

const struct warta_style_where *
warta_style_where(const struct warta_style *s, const char *group, const char *key)
{
	char *k;
	const struct warta_style_where *w;

	if (!s->where)
		return NULL;
	k = g_strdup_printf("%s\n%s", group, key);
	w = g_hash_table_lookup(s->where, k);
	g_free(k);
	return w;
}

/* A value out of a list of words: its index, or an error at its place. */
static void
resolve_word(struct loader *L, const char *g, const char *k, const char *const *words, int *out)
{
	struct raw *r = get_raw(L, g, k);
	GString *all;
	int i;

	if (!r)
		return;
	for (i = 0; words[i]; i++)
		if (g_str_equal(r->str, words[i])) {
			*out = i;
			return;
		}
	all = g_string_new(NULL);
	for (i = 0; words[i]; i++)
		g_string_append_printf(all, "%s%s", i ? ", " : "", words[i]);
	err(L, r->file, r->line, r->col, "[%s] %s: '%s' is not one of %s", g, k, r->str, all->str);
	g_string_free(all, TRUE);
}

static void
resolve(struct loader *L, struct warta_style *s)
{
	double em;
	struct raw *r;

	s->where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, where_free);
	record_where(L, s);
	resolve_elements(L, s);
	em = s->el[WARTA_EL_BODY].size;
	resolve_len(L, "page", "width", em, &s->page_width);
	resolve_len(L, "page", "height", em, &s->page_height);
	resolve_len(L, "page", "margin-top", em, &s->margin_top);
	resolve_len(L, "page", "margin-bottom", em, &s->margin_bottom);
	resolve_len(L, "page", "margin-inner", em, &s->margin_inner);
	resolve_len(L, "page", "margin-outer", em, &s->margin_outer);
	resolve_int(L, "page", "columns", &s->columns);
	resolve_len(L, "page", "gutter", em, &s->gutter);
	resolve_int(L, "page", "drop-cap", &s->drop_cap);
	if ((r = get_raw(L, "link", "print-url")))
		s->print_url = (enum warta_print_url)(int)r->num;
	if ((r = get_raw(L, "fonts", "fallback-arabic")))
		g_free(s->fallback_arabic), s->fallback_arabic = g_strdup(r->str);
	if ((r = get_raw(L, "fonts", "fallback-greek")))
		g_free(s->fallback_greek), s->fallback_greek = g_strdup(r->str);
	if ((r = get_raw(L, "fonts", "fallback-cjk")))
		g_free(s->fallback_cjk), s->fallback_cjk = g_strdup(r->str);
	resolve_int(L, "breaking", "pretolerance", &s->pretolerance);
	resolve_int(L, "breaking", "tolerance", &s->tolerance);
	if ((r = get_raw(L, "breaking", "emergency-stretch")))
		s->emergency_stretch = r->unit == U_EM ? r->num : r->num / em;
	resolve_int(L, "breaking", "line-penalty", &s->line_penalty);
	resolve_int(L, "breaking", "hyphen-penalty", &s->hyphen_penalty);
	resolve_int(L, "breaking", "ex-hyphen-penalty", &s->ex_hyphen_penalty);
	resolve_int(L, "breaking", "adj-demerits", &s->adj_demerits);
	resolve_int(L, "breaking", "double-hyphen-demerits", &s->double_hyphen_demerits);
	resolve_int(L, "breaking", "final-hyphen-demerits", &s->final_hyphen_demerits);
	resolve_int(L, "breaking", "max-hyphen-run", &s->max_hyphen_run);
	if ((r = get_raw(L, "breaking", "expansion")))
		s->expansion = r->num;
	resolve_int(L, "breaking", "club-penalty", &s->club_penalty);
	resolve_int(L, "breaking", "widow-penalty", &s->widow_penalty);
	resolve_int(L, "breaking", "broken-penalty", &s->broken_penalty);
	resolve_word(L, "edition", "makeup", (const char *const[]){ "pages", "flow", "modular", NULL },
	    (int *)&s->makeup);
	resolve_word(L, "edition", "article-break",
	    (const char *const[]){ "space", "rule", "page", NULL }, (int *)&s->article_break);
	resolve_int(L, "edition", "min-lines", &s->min_lines);
	if ((r = get_raw(L, "boilerplate", "patterns")))
		s->boilerplate = g_strdupv(r->list);
	else
		s->boilerplate = g_new0(char *, 1);
}

/* Geometry that only the whole style can check: the text block must exist. */
static void
check_page(struct loader *L, struct warta_style *s)
{
	struct raw *r = get_raw(L, "page", "width");
	double measure = s->page_width - s->margin_inner - s->margin_outer;

	if (measure < 36 || s->page_height - s->margin_top - s->margin_bottom < 36) {
		err(L, r ? r->file : s->path, r ? r->line : 0, r ? r->col : 0,
		    "[page] the margins leave no room for text (%.1f pt by %.1f pt)",
		    measure, s->page_height - s->margin_top - s->margin_bottom);
		return;
	}
	if (s->columns > 1 && (measure - (s->columns - 1) * s->gutter) / s->columns < 36) {
		r = get_raw(L, "page", "columns");
		err(L, r ? r->file : s->path, r ? r->line : 0, r ? r->col : 0,
		    "[page] %d columns do not fit in a %.1f pt measure", s->columns, measure);
	}
}

struct warta_style *
warta_style_load(const char *name_or_path, const char *const *dirs, struct warta_diags *d)
{
	struct loader L = { 0 };
	struct warta_style *s;
	char *path, *base;

	if (!dirs)
		dirs = default_dirs();
	if (!name_or_path || !*name_or_path) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "no style name given");
		return NULL;
	}
	if (is_path(name_or_path))
		path = g_strdup(name_or_path);
	else if (!(path = find_style(name_or_path, NULL, dirs))) {
		char *names = style_names(dirs);

		if (*names) {
			warta_diag(d, WARTA_ERROR, NULL, 0, 0, "no style named '%s' (styles: %s)",
			           name_or_path, names);
		} else {
			/* no style at all: say where they were looked for */
			char *where = g_strjoinv(", ", (char **)dirs);

			warta_diag(d, WARTA_ERROR, NULL, 0, 0, "no style named '%s': no styles found in %s "
			           "(is warta installed? WARTA_DATADIR names its data directory)",
			           name_or_path, where);
			g_free(where);
		}
		g_free(names);
		return NULL;
	}
	L.dirs = dirs;
	L.d = d;
	L.raw = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, raw_free);
	L.chain = g_ptr_array_new_with_free_func(g_free);
	L.shown = g_ptr_array_new_with_free_func(g_free);
	s = g_new0(struct warta_style, 1);
	s->path = path;
	base = g_path_get_basename(path);
	if (g_str_has_suffix(base, ".style"))
		base[strlen(base) - 6] = '\0';
	s->name = base;
	s->description = g_strdup("");
	defaults(s);
	if (load_file(&L, path, NULL, 0, 0, s, 1) == 0 && L.errors == 0) {
		resolve(&L, s);
		check_page(&L, s);
	}
	g_hash_table_destroy(L.raw);
	g_ptr_array_free(L.chain, TRUE);
	g_ptr_array_free(L.shown, TRUE);
	if (L.errors > 0) {
		warta_style_free(s);
		return NULL;
	}
	return s;
}

void
warta_style_free(struct warta_style *s)
{
	int i;

	if (!s)
		return;
	g_free(s->name);
	g_free(s->description);
	g_free(s->path);
	g_free(s->fallback_arabic);
	g_free(s->fallback_greek);
	g_free(s->fallback_cjk);
	for (i = 0; i < WARTA_EL_COUNT; i++) {
		g_free(s->el[i].family);
		g_free(s->el[i].features);
	}
	g_strfreev(s->boilerplate);
	if (s->where)
		g_hash_table_destroy(s->where);
	g_free(s);
}

static gint
cmp_style(gconstpointer a, gconstpointer b)
{
	const struct warta_style *x = *(struct warta_style *const *)a;
	const struct warta_style *y = *(struct warta_style *const *)b;

	return strcmp(x->name, y->name);
}

struct warta_style **
warta_style_list(const char *const *dirs, struct warta_diags *d)
{
	GPtrArray *out = g_ptr_array_new();
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int k;

	if (!dirs)
		dirs = default_dirs();
	for (k = 0; dirs[k]; k++) {
		GDir *dir = g_dir_open(dirs[k], 0, NULL);
		GPtrArray *files;
		const char *e;
		guint i;

		if (!dir)
			continue;
		files = g_ptr_array_new_with_free_func(g_free);
		while ((e = g_dir_read_name(dir)))
			if (g_str_has_suffix(e, ".style") && strlen(e) > 6)
				g_ptr_array_add(files, g_strdup(e));
		g_dir_close(dir);
		g_ptr_array_sort(files, cmp_str);
		for (i = 0; i < files->len; i++) {
			char *stem = g_strndup(files->pdata[i], strlen(files->pdata[i]) - 6);
			char *path;
			struct warta_style *s;

			if (g_hash_table_contains(seen, stem)) {
				g_free(stem);
				continue;
			}
			g_hash_table_add(seen, stem);
			path = g_build_filename(dirs[k], files->pdata[i], NULL);
			if ((s = warta_style_load(path, dirs, d)))
				g_ptr_array_add(out, s);
			g_free(path);
		}
		g_ptr_array_free(files, TRUE);
	}
	g_hash_table_destroy(seen);
	g_ptr_array_sort(out, cmp_style);
	g_ptr_array_add(out, NULL);
	return (struct warta_style **)g_ptr_array_free(out, FALSE);
}
