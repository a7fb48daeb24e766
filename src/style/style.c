/* style.c — the style loader (style.h): finds a style by name in the style
 * folders or by path, reads its file and, first, the styles it inherits
 * from (cycles and depth checked), each through scan.c against the key
 * table (keys.c), then resolves the values (resolve.c).  Lists the styles
 * for --list-styles. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "style/style_int.h"

#define STYLE_MAX_BYTES (1024 * 1024)   /* a style file is a few KB */

/* ------------------------------------------------------------------ lookup */

static int
is_path(const char *name)
{
	return strchr(name, '/') != NULL || g_str_has_suffix(name, ".style");
}

/* The style folders when the caller names none: the user's
 * ($XDG_DATA_HOME/warta/styles), then warta's; made for each call, kept
 * nowhere.  Caller g_strfreev()s. */
static char **
default_dirs(void)
{
	char **dirs = g_new0(char *, 3);

	dirs[0] = g_build_filename(g_get_user_data_dir(), "warta", "styles", NULL);
	dirs[1] = g_build_filename(warta_data_dir(), "styles", NULL);
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

/* Where a style was named: the inheriting file's key, or nothing (the
 * caller's own name). */
struct from {
	const char *file;
	int line, col;
};

static int load_file(struct loader *L, const char *path, const struct from *fr,
                     struct warta_style *s, int top);

/* Reads one file's groups and keys into L->raw (after its parent's).  For the
 * top file, fills s->name and s->description. */
static void
apply_file(struct loader *L, struct sfile *f, struct warta_style *s, int top)
{
	char **groups = g_key_file_get_groups(f->kf, NULL);
	int gi;

	for (gi = 0; groups[gi]; gi++) {
		const char *g = groups[gi];
		const struct keydef *keys = st_group_keys(g);
		struct keypos *gp = g_hash_table_lookup(f->pos, g);
		char **keynames;
		int ki, pass;

		if (!keys) {
			char *hint = st_suggest_group(g);

			st_err(L, f->path, gp ? gp->line : 0, gp ? gp->key_col : 0,
			    "unknown group [%s]%s", g, hint);
			g_free(hint);
			continue;
		}
		keynames = g_key_file_get_keys(f->kf, g, NULL, NULL);
		/* [page] paper first, so that width and height override it */
		for (pass = 0; pass < 2; pass++)
			for (ki = 0; keynames[ki]; ki++) {
				const char *kn = keynames[ki];
				const struct keydef *k = st_find_key(keys, kn);
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
					char *hint = st_suggest_key(keys, kn);

					st_err(L, f->path, kp->line, kp->key_col, "unknown key '%s' in [%s]%s",
					    kn, g, hint);
					g_free(hint);
					continue;
				}
				if (!(r = st_parse_value(L, f, g, k, kp)))
					continue;
				if (keys == st_style_keys) {
					/* name and description belong to this file only */
					if (top && g_str_equal(kn, "name"))
						g_free(s->name), s->name = g_strdup(r->str);
					else if (top && g_str_equal(kn, "description"))
						g_free(s->description), s->description = g_strdup(r->str);
					st_raw_free(r);
					continue;
				}
				if (k->kind == K_PAPER) {
					const struct paper *pp = &st_papers[(int)r->num];
					struct raw *w = g_new0(struct raw, 1), *h;
					int land = r->unit == U_EM;

					w->num = land ? pp->h : pp->w;
					w->file = g_strdup(r->file);
					w->line = r->line;
					w->col = r->col;
					h = g_memdup2(w, sizeof *w);
					h->file = g_strdup(r->file);
					h->num = land ? pp->w : pp->h;
					st_set_raw(L, "page", "width", w);
					st_set_raw(L, "page", "height", h);
					st_raw_free(r);
					continue;
				}
				st_set_raw(L, g, kn, r);
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

/* path is already being loaded (a cycle), or the chain is too deep: the
 * message, and 1. */
static int
refuse_chain(struct loader *L, const char *canon, const char *path, const struct from *fr)
{
	guint i;

	for (i = 0; i < L->chain->len; i++)
		if (g_str_equal(canon, L->chain->pdata[i])) {
			GString *c = g_string_new(NULL);

			for (; i < L->chain->len; i++)
				g_string_append_printf(c, "%s -> ", (char *)L->shown->pdata[i]);
			g_string_append(c, path);
			st_err(L, fr->file, fr->line, fr->col, "style inheritance cycle: %s", c->str);
			g_string_free(c, TRUE);
			return 1;
		}
	if (L->chain->len >= MAX_DEPTH) {
		st_err(L, fr->file, fr->line, fr->col, "styles inherit more than %d levels deep",
		    MAX_DEPTH);
		return 1;
	}
	return 0;
}

/* A style is a regular file of at most STYLE_MAX_BYTES: not a FIFO that
 * never ends, not /dev/zero read without limit.  1 (with the message)
 * when path is not. */
static int
refuse_file(struct loader *L, const char *path, const struct from *fr)
{
	GStatBuf st;
	char *what;

	if (g_stat(path, &st) != 0 || (S_ISREG(st.st_mode) && st.st_size <= STYLE_MAX_BYTES))
		return 0;
	what = !S_ISREG(st.st_mode) ? g_strdup("not a regular file; a style is a file") :
	       g_strdup_printf("%jd bytes; a style is at most %d", (intmax_t)st.st_size,
	                       STYLE_MAX_BYTES);
	if (fr->file)
		st_err(L, fr->file, fr->line, fr->col, "%s: %s", path, what);
	else
		st_err(L, path, 0, 0, "%s", what);
	g_free(what);
	return 1;
}

/* Reads path into f->text (*len bytes, a byte-order mark dropped); -1
 * (with the message, nothing kept) when it cannot be read or holds a NUL. */
static int
read_text(struct loader *L, struct sfile *f, const char *path, gsize *len, const struct from *fr)
{
	GError *ge = NULL;
	const char *nul, *p, *bol;
	int line = 1;

	if (!g_file_get_contents(path, &f->text, len, &ge)) {
		if (fr->file)
			st_err(L, fr->file, fr->line, fr->col, "cannot read %s: %s", path, ge->message);
		else
			st_err(L, path, 0, 0, "cannot read style: %s", ge->message);
		g_error_free(ge);
		return -1;
	}
	if (*len >= 3 && memcmp(f->text, "\xef\xbb\xbf", 3) == 0) {
		/* a byte-order mark, as some editors write */
		memmove(f->text, f->text + 3, *len - 2);
		*len -= 3;
	}
	if (!(nul = memchr(f->text, '\0', *len)))
		return 0;
	for (p = bol = f->text; p < nul; p++)
		if (*p == '\n') {
			line++;
			bol = p + 1;
		}
	st_err(L, path, line, (int)(nul - bol) + 1, "NUL byte: not a text file");
	g_clear_pointer(&f->text, g_free);
	return -1;
}

/* [style] inherits: loads the parent style first (its messages go out
 * unsorted, before this file's: L->d is the caller's, saved, meanwhile).
 * Returns the parent's path, or NULL. */
static char *
load_parent(struct loader *L, struct sfile *f, struct warta_style *s, struct warta_diags *saved)
{
	struct keypos none = { 0, 0, 0 };
	struct warta_diags *local = L->d;
	char *pk = g_strdup("style\ninherits");
	struct keypos *kp = g_hash_table_lookup(f->pos, pk);
	char *name = g_key_file_get_string(f->kf, "style", "inherits", NULL);
	char *dir = g_path_get_dirname(f->path), *parent = NULL;

	g_free(pk);
	if (!kp)
		kp = &none;
	if (!name)
		;       /* a bad escape: reported with the other values */
	else if (!*g_strstrip(name))
		st_err(L, f->path, kp->line, kp->val_col, "[style] inherits: '' is an empty value");
	else if (is_path(name))
		parent = g_path_is_absolute(name) ? g_strdup(name) : g_build_filename(dir, name, NULL);
	else if (!(parent = find_style(name, dir, L->dirs))) {
		char *names = style_names(L->dirs);

		st_err(L, f->path, kp->line, kp->val_col,
		    "[style] inherits: no style named '%s' (styles: %s)", name, names);
		g_free(names);
	}
	L->d = saved;
	if (parent) {
		struct from fr = { f->path, kp->line, kp->val_col };

		if (load_file(L, parent, &fr, s, 0) < 0)
			g_clear_pointer(&parent, g_free);
	}
	L->d = local;
	g_free(name);
	g_free(dir);
	return parent;
}

/* Loads path and, first, the styles it inherits from.  0 or -1. */
static int
load_file(struct loader *L, const char *path, const struct from *fr, struct warta_style *s, int top)
{
	struct sfile f = { 0 };
	struct warta_diags local, *saved;
	GError *ge = NULL;
	char *canon, *parent = NULL;
	gsize len;
	int rc = -1;

	canon = g_canonicalize_filename(path, NULL);
	if (refuse_chain(L, canon, path, fr) || refuse_file(L, path, fr) ||
	    read_text(L, &f, path, &len, fr) < 0) {
		g_free(canon);
		return -1;
	}
	f.path = g_strdup(path);
	g_ptr_array_add(L->chain, canon);
	g_ptr_array_add(L->shown, g_strdup(path));
	/* this file's own messages are sorted by position before they go out */
	saved = L->d;
	warta_diags_init(&local);
	L->d = &local;
	f.pos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (st_scan(L, &f) > 0)
		goto out;
	f.kf = g_key_file_new();
	if (!g_key_file_load_from_data(f.kf, f.text, len, G_KEY_FILE_NONE, &ge)) {
		st_err(L, f.path, 0, 0, "%s", ge->message);
		g_error_free(ge);
		goto out;
	}
	if (g_key_file_has_key(f.kf, "style", "inherits", NULL))
		parent = load_parent(L, &f, s, saved);
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

struct warta_style *
warta_style_load(const char *name_or_path, const char *const *dirs, struct warta_diags *d)
{
	struct loader L = { 0 };
	struct warta_style *s;
	char *path, *base;

	if (!dirs) {
		char **own = default_dirs();

		s = warta_style_load(name_or_path, (const char *const *)own, d);
		g_strfreev(own);
		return s;
	}
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
	L.raw = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, st_raw_free);
	L.chain = g_ptr_array_new_with_free_func(g_free);
	L.shown = g_ptr_array_new_with_free_func(g_free);
	s = g_new0(struct warta_style, 1);
	s->path = path;
	base = g_path_get_basename(path);
	if (g_str_has_suffix(base, ".style"))
		base[strlen(base) - 6] = '\0';
	s->name = base;
	s->description = g_strdup("");
	st_defaults(s);
	if (load_file(&L, path, &(struct from){ NULL, 0, 0 }, s, 1) == 0 && L.errors == 0) {
		st_resolve(&L, s);
		st_check_page(&L, s);
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
	GPtrArray *out;
	GHashTable *seen;
	int k;

	if (!dirs) {
		char **own = default_dirs();
		struct warta_style **list = warta_style_list((const char *const *)own, d);

		g_strfreev(own);
		return list;
	}
	out = g_ptr_array_new();
	seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
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

