/* boiler.c — scraper boilerplate: whole lines that web scrapers leave in
 * article text ("SCROLL TO CONTINUE WITH CONTENT", "Baca juga: …").  The
 * reader drops a body line when one of these patterns (GRegex, anchored at
 * both ends, case-insensitive) matches the whole line with its surrounding
 * spaces trimmed; styles add patterns (warta_read_opts.boilerplate). */
#include <string.h>

#include "article/reader.h"
#include "util/clock.h"

/* One button of a news site's row of buttons. */
#define BUTTON "Listen(?: to (?:this )?(?:article|story))?(?:\\s*[·•|]?\\s*\\d+\\s*(?:min|mins|minutes?))?" \
	"|\\d+\\s*(?:min|mins|minutes?) (?:read|listen)|Comments?|\\d+\\s*Comments?|Share(?: this(?: article| story)?)?" \
	"|Save(?: article)?|Gift(?: this)? [Aa]rticle|Print|Email|Copy link|Bookmark" \
	"|Dengarkan|Bagikan|Komentar|Simpan|分享|收聽|收听|留言|مشاركة|استمع"

/* The built-in list; README "Scraper boilerplate" repeats it. */
const char *const ar_boiler_builtin[] = {
	"SCROLL TO CONTINUE WITH CONTENT",             /* detik.com */
	"ADVERTISEMENT|Advertisement|Iklan|Anzeige|Publicité|Publicidad|إعلان|广告|廣告",
	"Simak (juga )?Video(\\s*:.*|\\s+['\"\u2018\u201C].*)", /* detik.com video teasers */
	"Baca (juga|pula|Juga)\\s*:.*",                /* "Baca juga: …", "Baca juga : …" */
	"//\\s*انتهى\\s*//",                           /* SPA wire end mark */
	"(Continue|Story continues) (reading )?below( advertisement)?",
	"Read more\\s*:.*",
	/* rows of buttons: audio, comments, sharing, gift links, alone or
	 * several on a line between · • | ("Listen 5 min · Comment · Share") */
	"(?:" BUTTON ")(?:\\s*[·•|/,]?\\s*(?:" BUTTON "))*",
	/* newsletter prompts */
	"(?:Sign up|Subscribe|Register)(?: now)? (?:for|to) (?:our|the|my)\\b.{0,80}\\bnewsletters?\\b.*",
	"Get (?:our|the) .{0,60}newsletter.*",
	"(?:Daftar|Berlangganan)(?: sekarang)? (?:untuk )?newsletter.*",
	"Dapatkan (?:update|informasi|berita)\\b.{0,120}\\b(?:Google News|WhatsApp|Telegram|newsletter)\\b.*",
	"(?:訂閱|订阅).{0,20}(?:電子報|电子报|newsletter).*",
	"اشترك في (?:النشرة|نشرتنا).*",
	/* related-article teasers and "read also" lines */
	"(?:Read also|Also read|See also|Related|Related articles?|Related stories|Related coverage|More on this story|Recommended)\\s*:.*",
	"(?:Related (?:articles?|stories|coverage)|More on this story|Recommended for you|Most read|Most popular)",
	"(?:Lihat (?:juga|pula)|Artikel terkait|Berita terkait|Baca selengkapnya|Baca artikel selengkapnya)\\s*:.*",
	"(?:Artikel terkait|Berita terkait|Berita lainnya|Terpopuler)",
	"(?:اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|مواضيع ذات صلة)\\s*:?.*",
	"(?:延伸閱讀|延伸阅读|相關新聞|相关新闻|相關閱讀|相关阅读|推薦閱讀|推荐阅读|更多新聞|更多新闻)\\s*[：:]?.*",
	NULL
};

struct ar_boiler {
	GRegex *builtin;  /* the built-in list as one pattern (shared, not owned) */
	GPtrArray *re;    /* GRegex *: the style's patterns, each on its own */
};

static void
add(struct ar_boiler *b, const char *pat, struct warta_diags *d, const char *path)
{
	GError *err = NULL;
	char *full = g_strdup_printf("^(?:%s)$", pat);
	GRegex *re = g_regex_new(full, G_REGEX_CASELESS, 0, &err);

	if (!re) {
		warta_diag(d, WARTA_WARNING, path, 0, 0, "boilerplate pattern \"%s\" ignored: %s",
		           pat, err->message);
		g_error_free(err);
	} else
		g_ptr_array_add(b->re, re);
	g_free(full);
}

/* The built-in patterns as one alternation, compiled (and JIT-compiled)
 * once a process: matching a line against twenty patterns one by one cost
 * twenty match contexts, a fifth of reading a file of short lines.  None
 * of them has a group that a back reference could count. */
static gpointer
builtin_new(gpointer unused)
{
	GString *all = g_string_new("^(?:");
	GRegex *re;
	int i;

	(void)unused;
	for (i = 0; ar_boiler_builtin[i]; i++)
		g_string_append_printf(all, "%s(?:%s)", i ? "|" : "", ar_boiler_builtin[i]);
	g_string_append(all, ")$");
	re = g_regex_new(all->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
	g_string_free(all, TRUE);
	return re;
}

struct ar_boiler *
ar_boiler_new(const char *const *extra, struct warta_diags *d, const char *path)
{
	static GOnce once = G_ONCE_INIT;
	struct ar_boiler *b = g_new0(struct ar_boiler, 1);
	int i;

	b->builtin = g_once(&once, builtin_new, NULL);
	b->re = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
	for (i = 0; !b->builtin && ar_boiler_builtin[i]; i++)
		add(b, ar_boiler_builtin[i], d, path);  /* (never: they compile) */
	for (i = 0; extra && extra[i]; i++)
		add(b, extra[i], d, path);
	return b;
}

/* Boilerplate lines are short; a long line is the author's text.  This also
 * keeps the regex work per line bounded, so the pass stays linear. */
#define BOILER_MAX_LINE 200

int
ar_boiler_match(const struct ar_boiler *b, const char *line, size_t len)
{
	char *s;
	guint i;
	int hit = 0;

	while (len > 0 && g_ascii_isspace(line[0]))
		line++, len--;
	while (len > 0 && g_ascii_isspace(line[len - 1]))
		len--;
	if (len == 0 || len > BOILER_MAX_LINE)
		return 0;
	s = g_strndup(line, len);
	if (b->builtin) {
		hit = g_regex_match(b->builtin, s, 0, NULL);
		warta_count(WARTA_COUNT_MATCHES, 1);
	}
	for (i = 0; i < b->re->len && !hit; i++) {
		hit = g_regex_match(b->re->pdata[i], s, 0, NULL);
		warta_count(WARTA_COUNT_MATCHES, 1);
	}
	g_free(s);
	return hit;
}

void
ar_boiler_free(struct ar_boiler *b)
{
	if (!b)
		return;
	g_ptr_array_free(b->re, TRUE);
	g_free(b);
}
