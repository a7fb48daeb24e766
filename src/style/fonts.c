/* fonts.c — where warta's data lives, and its private font set: reads
 * DATADIR/fonts/fonts.list (absolute paths of font files that Debian font
 * packages install) and builds a fontconfig configuration holding only those
 * files: no system fonts, no rules, so output does not depend on the machine. */
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

#include "style/style.h"

#ifndef WARTA_DATADIR
#define WARTA_DATADIR "/usr/local/share/warta"
#endif

/* A source tree holds the style header and the shipped styles and fonts list. */
static int
is_source_tree(const char *dir)
{
	char *a = g_build_filename(dir, "src", "style", "style.h", NULL);
	char *b = g_build_filename(dir, "fonts", "fonts.list", NULL);
	int yes = g_file_test(a, G_FILE_TEST_IS_REGULAR) && g_file_test(b, G_FILE_TEST_IS_REGULAR);

	g_free(a);
	g_free(b);
	return yes;
}

/* The source tree the running binary was built in (build/warta,
 * build/tests/test_x, build-san/…), or NULL. */
static char *
source_tree(void)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *dir, *up;
	int i;

	if (!exe)
		return NULL;
	dir = g_path_get_dirname(exe);
	g_free(exe);
	for (i = 0; i < 3; i++) {
		char *base = g_path_get_basename(dir);
		int build = g_str_has_prefix(base, "build");

		g_free(base);
		up = g_path_get_dirname(dir);
		if (build && is_source_tree(up)) {
			g_free(dir);
			return up;
		}
		if (g_str_equal(up, dir)) {
			g_free(up);
			break;
		}
		g_free(dir);
		dir = up;
	}
	g_free(dir);
	return NULL;
}

const char *
warta_data_dir(void)
{
	static char *dir;
	static gsize once;

	if (g_once_init_enter(&once)) {
		const char *env = g_getenv("WARTA_DATADIR");

		if (env && *env)
			dir = g_strdup(env);
		else if (!(dir = source_tree()))
			dir = g_strdup(WARTA_DATADIR);
		g_once_init_leave(&once, 1);
	}
	return dir;
}

/* fontconfig prints "No writable cache directories" for a configuration
 * without one; application font files are not cached, so this is only for
 * quiet. */
static const char cache_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
	"<fontconfig><cachedir prefix=\"xdg\">fontconfig</cachedir></fontconfig>\n";

struct fontfile {
	char *path;
	int line;
};

static gint
cmp_font(gconstpointer a, gconstpointer b)
{
	const struct fontfile *x = *(struct fontfile *const *)a;
	const struct fontfile *y = *(struct fontfile *const *)b;

	return strcmp(x->path, y->path);
}

static void
fontfile_free(gpointer p)
{
	struct fontfile *f = p;

	g_free(f->path);
	g_free(f);
}

/* Reads fonts.list: one absolute path a line, '#' comments.  NULL on error. */
static GPtrArray *
read_list(const char *list, struct warta_diags *d)
{
	GPtrArray *files;
	GError *ge = NULL;
	char *text, **lines;
	int i, errors = 0;

	if (!g_file_get_contents(list, &text, NULL, &ge)) {
		warta_diag(d, WARTA_ERROR, list, 0, 0, "cannot read the font list: %s", ge->message);
		g_error_free(ge);
		return NULL;
	}
	files = g_ptr_array_new_with_free_func(fontfile_free);
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (i = 0; lines[i]; i++) {
		char *s = lines[i], *hash = strchr(s, '#');
		struct fontfile *f;

		if (hash)
			*hash = '\0';
		g_strstrip(s);
		if (!*s)
			continue;
		if (!g_path_is_absolute(s)) {
			warta_diag(d, WARTA_ERROR, list, i + 1, 1,
			           "font file '%s' is not an absolute path", s);
			errors++;
			continue;
		}
		f = g_new0(struct fontfile, 1);
		f->path = g_strdup(s);
		f->line = i + 1;
		g_ptr_array_add(files, f);
	}
	g_strfreev(lines);
	if (errors || files->len == 0) {
		if (!errors)
			warta_diag(d, WARTA_ERROR, list, 0, 0, "the font list names no font file");
		g_ptr_array_free(files, TRUE);
		return NULL;
	}
	g_ptr_array_sort(files, cmp_font);
	return files;
}

/* Builds the configuration from the files in list (a fonts.list). */
static FcConfig *
config_from_list(const char *list, struct warta_diags *d)
{
	GPtrArray *files = read_list(list, d);
	FcConfig *cfg;
	guint i;
	int errors = 0;

	if (!files)
		return NULL;
	for (i = 0; i < files->len; i++) {
		struct fontfile *f = files->pdata[i];

		if (!g_file_test(f->path, G_FILE_TEST_IS_REGULAR)) {
			warta_diag(d, WARTA_ERROR, list, f->line, 1,
			           "font file %s is missing: run \"make deps\" to install the "
			           "Debian font packages (fonts/packages)", f->path);
			errors++;
		}
	}
	if (errors) {
		g_ptr_array_free(files, TRUE);
		return NULL;
	}
	cfg = FcConfigCreate();
	if (!cfg || !FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)cache_xml, FcTrue)) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot create a fontconfig configuration");
		if (cfg)
			FcConfigDestroy(cfg);
		g_ptr_array_free(files, TRUE);
		return NULL;
	}
	for (i = 0; i < files->len; i++) {
		struct fontfile *f = files->pdata[i];

		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)f->path)) {
			warta_diag(d, WARTA_ERROR, list, f->line, 1,
			           "fontconfig cannot read the font file %s", f->path);
			errors++;
		}
	}
	g_ptr_array_free(files, TRUE);
	if (errors) {
		FcConfigDestroy(cfg);
		return NULL;
	}
	return cfg;
}

struct _FcConfig *
warta_fonts_config(struct warta_diags *d)
{
	char *list = g_build_filename(warta_data_dir(), "fonts", "fonts.list", NULL);
	FcConfig *cfg = config_from_list(list, d);

	g_free(list);
	return cfg;
}

struct _FcConfig *
warta_fonts_config_from(const char *list, struct warta_diags *d)
{
	return config_from_list(list, d);
}
