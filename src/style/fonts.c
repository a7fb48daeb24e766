/* fonts.c — where warta's data lives, and its private font set: reads
 * DATADIR/fonts/fonts.list (absolute paths of font files that Debian font
 * packages install) and builds a fontconfig configuration holding only those
 * files: no system fonts, no rules, so output does not depend on the machine. */
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <hb-ot.h>

#include "lang/lang.h"
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

/* warta's configuration:
 * - a cache directory: fontconfig prints "No writable cache directories" for
 *   a configuration without one (application font files are not cached, so
 *   this is only for quiet);
 * - the family "emoji", which Pango asks for a run of emoji (itemize.c),
 *   is Noto Color Emoji, as in fontconfig's own rules (60-generic.conf):
 *   without it a black thumbs-up came from a symbol face;
 * - the fallback order: whatever family a style asks for, a character its
 *   face lacks comes from the first of these faces that has it, so the ( ) %
 *   of an Arabic or Hebrew run come from Noto Serif (drawn to go with the
 *   Noto script faces), never from DejaVu Sans Mono (the code face, last but
 *   for the emoji, whose face also holds the digits and # * of keycaps);
 * - bitmap scaling: Noto Color Emoji is a set of 136-pixel bitmap strikes;
 *   fontconfig's own rule (10-scale-bitmap-fonts.conf, not loaded into a
 *   bare configuration) scales a strike to the size asked for, without it
 *   an emoji comes out three times too large.  Ours does the same: the
 *   factor is the pixel size asked for over the strike's. */
static const char cache_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
	"<fontconfig><cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
	"<match target=\"pattern\"><test name=\"family\"><string>emoji</string></test>"
	"<edit name=\"family\" mode=\"prepend_first\" binding=\"strong\">"
	"<string>Noto Color Emoji</string></edit></match>\n"
	"<match target=\"pattern\"><edit name=\"family\" mode=\"append_last\" binding=\"strong\">"
	"<string>Charis SIL</string><string>Noto Serif</string>"
	"<string>Noto Naskh Arabic</string><string>Noto Serif Hebrew</string>"
	"<string>Noto Serif Devanagari</string><string>Noto Serif Bengali</string>"
	"<string>Noto Serif Gurmukhi</string><string>Noto Serif Gujarati</string>"
	"<string>Noto Sans Oriya</string><string>Noto Serif Tamil</string>"
	"<string>Noto Serif Telugu</string><string>Noto Serif Kannada</string>"
	"<string>Noto Serif Malayalam</string><string>Noto Serif Sinhala</string>"
	"<string>Noto Serif Thai</string><string>Noto Serif Lao</string>"
	"<string>Noto Serif Khmer</string><string>Noto Serif Myanmar</string>"
	"<string>Noto Serif Tibetan</string><string>Noto Serif Armenian</string>"
	"<string>Noto Serif Georgian</string><string>Noto Serif Ethiopic</string>"
	"<string>Noto Serif CJK SC</string><string>Noto Sans Thaana</string>"
	"<string>Noto Sans Syriac</string><string>Noto Sans Mongolian</string>"
	"<string>Noto Sans Canadian Aboriginal</string><string>Noto Sans Cherokee</string>"
	"<string>Noto Sans Tifinagh</string><string>Noto Sans NKo</string>"
	"<string>Noto Sans Ol Chiki</string><string>Noto Sans Javanese</string>"
	"<string>Noto Sans Sundanese</string><string>Noto Sans Balinese</string>"
	"<string>Noto Sans Adlam</string><string>Noto Sans Vai</string>"
	"<string>Noto Sans Yi</string><string>Noto Sans Lisu</string>"
	"<string>Noto Sans Meetei Mayek</string><string>Noto Nastaliq Urdu</string>"
	"<string>Noto Sans</string><string>Linux Libertine O</string>"
	"<string>Noto Sans Symbols</string><string>Noto Sans Symbols2</string>"
	"<string>Noto Sans Math</string><string>DejaVu Sans Mono</string>"
	"<string>Noto Color Emoji</string></edit></match>\n"
	"<match target=\"font\"><test name=\"outline\" compare=\"eq\"><bool>false</bool></test>"
	"<edit name=\"pixelsizefixupfactor\" mode=\"assign\"><divide>"
	"<name target=\"pattern\">pixelsize</name><name target=\"font\">pixelsize</name>"
	"</divide></edit></match>\n"
	"<match target=\"font\"><test name=\"outline\" compare=\"eq\"><bool>false</bool></test>"
	"<test name=\"pixelsizefixupfactor\" compare=\"not_eq\"><double>1.0</double></test>"
	"<edit name=\"matrix\" mode=\"assign\"><times><name>matrix</name><matrix>"
	"<name>pixelsizefixupfactor</name><double>0</double>"
	"<double>0</double><name>pixelsizefixupfactor</name></matrix></times></edit>"
	"<edit name=\"size\" mode=\"assign\"><divide><name>size</name>"
	"<name>pixelsizefixupfactor</name></divide></edit></match>\n"
	"</fontconfig>\n";

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

/* Scanning a font file (FcConfigAppFontAddFile: its character set above all)
 * is most of warta's start-up: 190 M instructions for the 21 files, about
 * 40 ms.  The system's fontconfig cache (fc-cache, run by the Debian font
 * packages) holds the same scan of each font directory.  sys is a config
 * that reads /var/cache/fontconfig and nothing else. */
static const char syscache_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
	"<fontconfig><cachedir>/var/cache/fontconfig</cachedir></fontconfig>\n";

/* Adds the faces of path from the cache of its directory to set, when that
 * cache is valid (fontconfig checks the directory's time) and holds the
 * file, else adds nothing.  Returns the number of faces added.  *dir_cache
 * and *dir_set keep the directory last loaded (files are sorted by path). */
static int
add_cached(FcConfig *sys, FcFontSet *set, const char *path, char **dir, FcCache **dir_cache,
           FcFontSet **dir_set)
{
	char *want = g_path_get_dirname(path);
	int i, n = 0;

	if (*dir == NULL || strcmp(*dir, want) != 0) {
		if (*dir_set)
			FcFontSetDestroy(*dir_set);
		if (*dir_cache)
			FcDirCacheUnload(*dir_cache);
		*dir_set = NULL;
		g_free(*dir);
		*dir = want;
		want = NULL;
		*dir_cache = FcDirCacheLoad((const FcChar8 *)*dir, sys, NULL);
		if (*dir_cache)
			*dir_set = FcCacheCopySet(*dir_cache);
	}
	g_free(want);
	for (i = 0; *dir_set && i < (*dir_set)->nfont; i++) {
		FcPattern *p = (*dir_set)->fonts[i], *copy;
		FcChar8 *file;

		if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
		    strcmp((const char *)file, path) != 0)
			continue;
		copy = FcPatternDuplicate(p);
		if (!copy || !FcFontSetAdd(set, copy)) {
			if (copy)
				FcPatternDestroy(copy);
			break;
		}
		n++;
	}
	return n;
}

/* Builds the configuration from the files in list (a fonts.list). */
static FcConfig *
config_from_list(const char *list, struct warta_diags *d)
{
	GPtrArray *files = read_list(list, d);
	FcConfig *cfg, *sys;
	FcFontSet *app, *dir_set = NULL;
	FcCache *dir_cache = NULL;
	char *dir = NULL;
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
	/* The application font set is made by the first FcConfigAppFontAddFile
	 * (the only public way), here with a file that holds no font. */
	FcConfigAppFontAddFile(cfg, (const FcChar8 *)"/dev/null");
	app = FcConfigGetFonts(cfg, FcSetApplication);
	sys = FcConfigCreate();
	if (sys && !FcConfigParseAndLoadFromMemory(sys, (const FcChar8 *)syscache_xml, FcFalse)) {
		FcConfigDestroy(sys);
		sys = NULL;
	}
	for (i = 0; i < files->len; i++) {
		struct fontfile *f = files->pdata[i];

		if (app && sys && add_cached(sys, app, f->path, &dir, &dir_cache, &dir_set) > 0)
			continue;
		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)f->path)) {
			warta_diag(d, WARTA_ERROR, list, f->line, 1,
			           "fontconfig cannot read the font file %s", f->path);
			errors++;
		}
	}
	if (dir_set)
		FcFontSetDestroy(dir_set);
	if (dir_cache)
		FcDirCacheUnload(dir_cache);
	g_free(dir);
	if (sys)
		FcConfigDestroy(sys);
	g_ptr_array_free(files, TRUE);
	if (errors) {
		FcConfigDestroy(cfg);
		return NULL;
	}
	return cfg;
}

/* The configuration of warta's font list, built once a process: the
 * command line's style check and its print engine each asked for one
 * (about 8.6 M instructions each).  Kept with its own reference while the
 * list (its path, time and size) is the same; a failure is not kept, so
 * that the fonts installed later are found. */
static struct {
	FcConfig *cfg;
	char *list;
	gint64 mtime;
	goffset size;
} kept;
G_LOCK_DEFINE_STATIC(kept);

struct _FcConfig *
warta_fonts_config(struct warta_diags *d)
{
	char *list = g_build_filename(warta_data_dir(), "fonts", "fonts.list", NULL);
	FcConfig *cfg = NULL;
	GStatBuf sb;
	int seen = g_stat(list, &sb) == 0;

	G_LOCK(kept);
	if (seen && kept.cfg && strcmp(kept.list, list) == 0 && kept.mtime == (gint64)sb.st_mtime &&
	    kept.size == (goffset)sb.st_size)
		cfg = FcConfigReference(kept.cfg);
	G_UNLOCK(kept);
	if (cfg) {
		g_free(list);
		return cfg;
	}
	cfg = config_from_list(list, d);
	if (cfg == NULL || !seen) {
		g_free(list);
		return cfg;
	}
	G_LOCK(kept);
	if (kept.cfg)
		FcConfigDestroy(kept.cfg);
	g_free(kept.list);
	kept.cfg = FcConfigReference(cfg);
	kept.list = list;
	kept.mtime = (gint64)sb.st_mtime;
	kept.size = (goffset)sb.st_size;
	G_UNLOCK(kept);
	return cfg;
}

int
warta_fonts_make_default(struct _FcConfig *cfg)
{
	/* Pango 1.50 starts a thread calling FcInit() when the first
	 * PangoFcFontMap of a process is made, and waits for it before its
	 * first match.  FcInit() loads the system configuration and every
	 * system font (25 M instructions) unless a current configuration
	 * exists, and warta never uses that one: with warta's current,
	 * FcInit() has nothing to do (fontconfig: "If the default
	 * configuration has already been loaded, this routine does nothing").
	 * FcConfigSetCurrent takes its own reference; warta's fonts and
	 * matching are unchanged.  The default is process-wide: a program
	 * embedding libwarta that wants the system fonts from fontconfig's
	 * default would see only warta's. */
	return FcConfigSetCurrent(cfg) ? 0 : -1;
}

struct _FcConfig *
warta_fonts_config_from(const char *list, struct warta_diags *d)
{
	return config_from_list(list, d);
}

const char *
warta_style_cjk_family(const struct warta_style *s, const char *lang)
{
	const char *f = s && s->fallback_cjk && *s->fallback_cjk ? s->fallback_cjk : "Noto Serif CJK SC";
	const char *region = warta_lang_cjk_region(lang);
	size_t n = strlen(f);

	if (region && n > 3 && f[n - 3] == ' ' &&
	    (g_str_has_prefix(f, "Noto Serif CJK ") || g_str_has_prefix(f, "Noto Sans CJK "))) {
		char *x = g_strdup_printf("%.*s %s", (int)(n - 3), f, region);

		f = g_intern_string(x);
		g_free(x);
	}
	return f;
}

/* ------------------------------------------------------------------ checks */

/* The face of family in cfg closest to weight (CSS) and italic, or NULL. */
static FcPattern *
find_face(FcConfig *cfg, const char *family, int weight, int italic)
{
	FcFontSet *fs = FcConfigGetFonts(cfg, FcSetApplication);
	FcPattern *best = NULL;
	double want = FcWeightFromOpenTypeDouble(weight), bestd = 1e9;
	int i, j;

	for (i = 0; fs && i < fs->nfont; i++) {
		FcChar8 *fam;
		int slant = 0, match = 0;
		double w = FC_WEIGHT_REGULAR, dist;

		for (j = 0; FcPatternGetString(fs->fonts[i], FC_FAMILY, j, &fam) == FcResultMatch; j++)
			if (strcmp((const char *)fam, family) == 0)
				match = 1;
		if (!match)
			continue;
		FcPatternGetInteger(fs->fonts[i], FC_SLANT, 0, &slant);
		FcPatternGetDouble(fs->fonts[i], FC_WEIGHT, 0, &w);
		dist = (w > want ? w - want : want - w) + ((slant != FC_SLANT_ROMAN) != !!italic ? 1000 : 0);
		if (dist < bestd) {
			bestd = dist;
			best = fs->fonts[i];
		}
	}
	return best;
}

/* Whether the face of pattern p has OpenType feature tag (GSUB or GPOS). */
static int
face_has(GHashTable *faces, FcPattern *p, const char *tag)
{
	FcChar8 *file;
	int index = 0, t;
	char *key;
	hb_face_t *face;
	hb_tag_t want = hb_tag_from_string(tag, -1);
	static const hb_tag_t tables[2] = { HB_OT_TAG_GSUB, HB_OT_TAG_GPOS };

	if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
		return 1;
	FcPatternGetInteger(p, FC_INDEX, 0, &index);
	key = g_strdup_printf("%s#%d", (const char *)file, index);
	if (!(face = g_hash_table_lookup(faces, key))) {
		hb_blob_t *blob = hb_blob_create_from_file((const char *)file);

		face = hb_face_create(blob, (unsigned int)index);
		hb_blob_destroy(blob);
		g_hash_table_insert(faces, key, face);
	} else
		g_free(key);
	for (t = 0; t < 2; t++) {
		hb_tag_t tags[128];
		unsigned int n, i, start = 0;

		do {
			n = G_N_ELEMENTS(tags);
			hb_ot_layout_table_get_feature_tags(face, tables[t], start, &n, tags);
			for (i = 0; i < n; i++)
				if (tags[i] == want)
					return 1;
			start += n;
		} while (n == G_N_ELEMENTS(tags));
	}
	return 0;
}

/* Reports once per position (an inherited value is checked once per element). */
static int
report(struct warta_diags *d, GHashTable *seen, const struct warta_style *s,
       const struct warta_style_where *w, const char *what, enum warta_severity sev,
       const char *msg)
{
	char *k = w ? g_strdup_printf("%s:%d:%d:%s", w->file, w->line, w->col, what) :
	              g_strdup_printf("%s:%s", s->path, what);

	if (g_hash_table_contains(seen, k)) {
		g_free(k);
		return 0;
	}
	g_hash_table_add(seen, k);
	warta_diag(d, sev, w ? w->file : s->path, w ? w->line : 0, w ? w->col : 0, "%s", msg);
	return 1;
}

int
warta_style_check_fonts(const struct warta_style *s, struct _FcConfig *cfg,
                        struct warta_diags *d)
{
	GHashTable *faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                          (GDestroyNotify)hb_face_destroy);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *fb_keys[3] = { "fallback-arabic", "fallback-greek", "fallback-cjk" };
	const char *fb[3] = { s->fallback_arabic, s->fallback_greek, s->fallback_cjk };
	int el, i, errors = 0;
	char *msg;

	for (i = 0; i < 3; i++)
		if (fb[i] && !find_face(cfg, fb[i], 400, 0)) {
			msg = g_strdup_printf("[fonts] %s: '%s' is not in warta's font set "
			                      "(fonts/fonts.list)", fb_keys[i], fb[i]);
			errors += report(d, seen, s, warta_style_where(s, "fonts", fb_keys[i]),
			                 fb[i], WARTA_ERROR, msg);
			g_free(msg);
		}
	for (el = 0; el < WARTA_EL_COUNT; el++) {
		const struct warta_elem_style *e = &s->el[el];
		const char *name = warta_element_name(el);
		FcPattern *p = find_face(cfg, e->family, e->weight, e->italic);
		char **feats;

		if (!p) {
			msg = g_strdup_printf("[%s] family: '%s' is not in warta's font set "
			                      "(fonts/fonts.list)", name, e->family);
			errors += report(d, seen, s, warta_style_where(s, name, "family"),
			                 e->family, WARTA_ERROR, msg);
			g_free(msg);
			continue;
		}
		if (e->small_caps && !face_has(faces, p, "smcp")) {
			msg = g_strdup_printf("[%s] small-caps: %s has no real small caps (smcp); "
			                      "they would be faked", name, e->family);
			report(d, seen, s, warta_style_where(s, name, "small-caps"), e->family,
			       WARTA_WARNING, msg);
			g_free(msg);
		}
		feats = g_strsplit(e->features ? e->features : "", ",", -1);
		for (i = 0; feats[i]; i++) {
			char *f = g_strstrip(feats[i]), tag[5];

			if (!*f || *f == '-' || g_str_has_suffix(f, "=0"))
				continue;
			if (*f == '+')
				f++;
			g_strlcpy(tag, f, sizeof tag);
			if (!face_has(faces, p, tag)) {
				msg = g_strdup_printf("[%s] features: %s has no '%s' feature", name,
				                      e->family, tag);
				report(d, seen, s, warta_style_where(s, name, "features"), msg + strlen(name) + 3,
				       WARTA_WARNING, msg);
				g_free(msg);
			}
		}
		g_strfreev(feats);
	}
	g_hash_table_destroy(faces);
	g_hash_table_destroy(seen);
	return errors;
}
