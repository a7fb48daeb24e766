/* style_int.h — what the style loader's files share (style.h is their face):
 *   keys.c     the key table: groups, keys, types, defaults, help
 *   scan.c     a style file's text: where each group and key is, values
 *              parsed and checked against the table (FILE:LINE:COL)
 *   style.c    finding styles, loading a file and what it inherits
 *   resolve.c  the layered values → struct warta_style: units, [body]
 *              inheritance, the built-in defaults
 * Not used outside src/style/. */
#ifndef WARTA_STYLE_INT_H
#define WARTA_STYLE_INT_H

#include <glib.h>

#include "style/style.h"

#define MAX_DEPTH 16

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
	const char *def;        /* the built-in default as a file writes it (the
	                           reference; resolve.c applies it); NULL: none */
	const char *help;
};

/* Keys of the element groups ([body], [headline], …), in this order. */
enum ekey {
	EK_FAMILY, EK_SIZE, EK_LEADING, EK_SPACE_BEFORE, EK_SPACE_AFTER, EK_INDENT,
	EK_MARGIN_LEFT, EK_MARGIN_RIGHT, EK_ALIGN, EK_COLOR, EK_WEIGHT, EK_ITALIC,
	EK_SMALL_CAPS, EK_UPPERCASE, EK_LETTER_SPACING, EK_FEATURES, EK_HYPHENATE,
	EK_HYPHEN_LEFT, EK_HYPHEN_RIGHT, EK_COUNT
};

struct paper {
	const char *name;
	double w, h;            /* pt */
};

struct weight_name {
	const char *name;
	int w;
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

/* keys.c */
extern const struct keydef st_elem_keys[EK_COUNT + 1], st_style_keys[], st_page_keys[],
	st_fonts_keys[], st_breaking_keys[], st_link_keys[], st_edition_keys[], st_boilerplate_keys[];
extern const char *const st_element_names[WARTA_EL_COUNT];
extern const struct paper st_papers[];
extern const char *const st_align_names[];
extern const char *const st_print_url_names[];   /* in the order of enum warta_print_url */
extern const struct weight_name st_weight_names[];
/* The keys of group (NULL: no such group), the key of that name in them. */
const struct keydef *st_group_keys(const char *group);
const struct keydef *st_find_key(const struct keydef *keys, const char *name);
/* "; did you mean 'x'?" or "": caller frees. */
char *st_suggest_group(const char *name);
char *st_suggest_key(const struct keydef *keys, const char *name);

/* scan.c */
void st_raw_free(gpointer p);
void st_err(struct loader *L, const char *file, int line, int col, const char *fmt, ...)
	G_GNUC_PRINTF(5, 6);
/* Records where each group and key of f is; reports lines that are neither
 * and duplicate keys.  The number of lines GKeyFile cannot read. */
int st_scan(struct loader *L, struct sfile *f);
/* Parses and checks one value; on error reports at the value, NULL. */
struct raw *st_parse_value(struct loader *L, struct sfile *f, const char *group,
                           const struct keydef *k, const struct keypos *kp);
void st_set_raw(struct loader *L, const char *group, const char *key, struct raw *r);
struct raw *st_get_raw(struct loader *L, const char *group, const char *key);

/* resolve.c */
/* The built-in defaults, before any file. */
void st_defaults(struct warta_style *s);
/* The loaded values into s (and s->where); then the geometry checked. */
void st_resolve(struct loader *L, struct warta_style *s);
void st_check_page(struct loader *L, struct warta_style *s);

#endif
