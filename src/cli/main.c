/* main.c — the command line: reads the options (GOptionContext), checks them
 * (a usage error exits 2), resolves formats and output names, then hands the
 * inputs to a single conversion, a batch (batch.c) or an edition (edition.c).
 * Exit status: 0 all went well, 1 some input failed, 2 usage error. */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* The run's state: the options parsed into it (GOption keeps these
 * addresses), then handed to every part of the command line. */
static struct cli cli;

static const char *const format_titles[FMT_COUNT] = { "PDF", "EPUB", "PNG", "SVG", "JSON", "layout trace" };


static GOptionEntry entries[] = {
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli.output,
	  "Write FILE; the format comes from its extension (.pdf .epub .png .svg .json .trace); '-' is standard output", "FILE" },
	{ "to", 't', 0, G_OPTION_ARG_STRING, &cli.to,
	  "Formats, comma-separated, when -o does not say: pdf,epub,png,svg,json,trace", "LIST" },
	{ "outdir", 'd', 0, G_OPTION_ARG_FILENAME, &cli.outdir,
	  "One output per input and format: DIR/NAME.EXT", "DIR" },
	{ "style", 's', 0, G_OPTION_ARG_STRING, &cli.style_name,
	  "A style from styles/, or a path to a style file", "NAME" },
	{ "list-styles", 0, 0, G_OPTION_ARG_NONE, &cli.list_styles,
	  "List the styles and exit", NULL },
	{ "list-style-keys", 0, 0, G_OPTION_ARG_NONE, &cli.list_style_keys,
	  "List every key a style file may set (type, default, meaning) and exit", NULL },
	{ "lang", 'l', 0, G_OPTION_ARG_STRING, &cli.lang,
	  "Language of the input (BCP 47), overriding front matter and detection", "CODE" },
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &cli.quiet,
	  "Print errors only: no warnings, no progress, no summary", NULL },
	{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &cli.verbose,
	  "Print notes too (dropped boilerplate …) and each file written", NULL },
	{ "version", 0, 0, G_OPTION_ARG_NONE, &cli.version,
	  "Print the version and exit", NULL },
	{ "keep-boilerplate", 0, 0, G_OPTION_ARG_NONE, &cli.keep_boilerplate,
	  "Keep scraper boilerplate lines (\"Advertisement\", \"Baca juga: …\")", NULL },
	{ "repair", 0, 0, G_OPTION_ARG_NONE, &cli.repair,
	  "Replace invalid UTF-8 with U+FFFD (a warning) instead of failing", NULL },
	{ "max-size", 0, 0, G_OPTION_ARG_STRING, &cli.max_size,
	  "Refuse inputs larger than SIZE (bytes, or with k, M, G; default 64M)", "SIZE" },
	{ "max-image-size", 0, 0, G_OPTION_ARG_STRING, &cli.max_image_size,
	  "Refuse pictures larger than SIZE (default 64M); a larger one is set as its description", "SIZE" },
	{ "dpi", 0, 0, G_OPTION_ARG_STRING, &cli.dpi_arg,
	  "PNG resolution, 10 to 2400 (default 150)", "DPI" },
	{ "pages", 0, 0, G_OPTION_ARG_STRING, &cli.pages,
	  "PDF/PNG/SVG: only pages A to B (\"1\", \"2-3\", \"2-\"); a PDF's pages keep their numbers", "A-B" },
	{ "report", 0, 0, G_OPTION_ARG_NONE, &cli.report,
	  "PDF/PNG/SVG: print a typesetting report (pages, loose and tight lines, hyphens, widows …) "
	  "on standard error; --report=json: as JSON lines", NULL },
	/* --report=json, rewritten by check_unknown_options (GOption would take
	 * the next argument as an optional value) */
	{ "report-json", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &cli.report_json, NULL, NULL },
	{ "missing-glyphs", 0, 0, G_OPTION_ARG_STRING, &cli.missing_glyphs,
	  "A character no font has: error (the default: exit status 1) or warn; set as a box either way",
	  "error|warn" },
	{ "embed-fonts", 0, 0, G_OPTION_ARG_NONE, &cli.embed_fonts,
	  "EPUB: embed the faces the book uses, subset to its characters", NULL },
	{ "metadata", 'M', 0, G_OPTION_ARG_STRING_ARRAY, &cli.metadata,
	  "Set a metadata value (title, author, date, section, source, lang …), overriding the "
	  "input's and --metadata-file's; repeatable", "KEY=VALUE" },
	{ "metadata-file", 0, 0, G_OPTION_ARG_FILENAME, &cli.metadata_file,
	  "Metadata values from a YAML file, overriding the input's", "FILE" },
	{ "keep-tree", 0, 0, G_OPTION_ARG_NONE, &cli.keep_tree,
	  "With -d: mirror the input directories' tree under DIR (a/b.txt → DIR/a/b.pdf)", NULL },
	{ "edition", 0, 0, G_OPTION_ARG_STRING, &cli.edition,
	  "Make one book of all inputs, titled TITLE (with -o FILE.pdf or FILE.epub)", "TITLE" },
	{ "edition-date", 0, 0, G_OPTION_ARG_STRING, &cli.edition_date,
	  "The edition's date, YYYY-MM-DD (default: the newest article's)", "DATE" },
	{ "edition-number", 0, 0, G_OPTION_ARG_STRING, &cli.edition_number,
	  "The edition line of a newspaper's nameplate (volume/number: \"12\", \"XII/345\")", "TEXT" },
	{ "edition-lang", 0, 0, G_OPTION_ARG_STRING, &cli.edition_lang,
	  "The edition's language (BCP 47): its masthead, date, labels and direction "
	  "(default: the language most of its articles are in)", "TAG" },
	{ "edition-publisher", 0, 0, G_OPTION_ARG_STRING, &cli.edition_publisher,
	  "The edition's publisher (and creator) in its metadata", "NAME" },
	{ "group-by", 0, 0, G_OPTION_ARG_STRING, &cli.group_by,
	  "Edition sections from: section (front matter section, else source; the default), source, none", "KEY" },
	{ "manifest", 0, 0, G_OPTION_ARG_FILENAME, &cli.manifest,
	  "Edition sections and their articles from FILE ([Section] lines, then file names)", "FILE" },
	{ "files-from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.files_from,
	  "Read input names from FILE, one a line ('-': standard input)", "FILE" },
	{ "null", '0', 0, G_OPTION_ARG_NONE, &cli.null_names,
	  "--files-from names end with a NUL byte, not a newline (find -print0)", NULL },
	{ "jobs", 'j', 0, G_OPTION_ARG_STRING, &cli.jobs_arg,
	  "Worker processes for several inputs (default: the number of cores)", "N" },
	{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.args, NULL, "INPUT…" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

static const char description[] =
	"INPUT is an article file ('-' reads standard input) or a directory (its\n"
	".txt, .md and .markdown files, any case, recursively, in name order; other\n"
	"files are skipped, and named with -v).  Without -o or -d the output goes to\n"
	"standard output.\n"
	"\n"
	"Examples:\n"
	"  warta article.txt -o article.pdf\n"
	"  warta -t json article.txt\n"
	"  warta -d out -t pdf,epub corpus/\n"
	"  warta --edition 'Morning Edition' -o today.epub today/*.txt\n"
	"\n"
	"Exit status: 0 all went well, 1 some input failed, 2 usage error.\n"
	"See warta(1).\n";

static void G_GNUC_PRINTF(1, 2) G_GNUC_NORETURN
usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "warta: %s\nTry 'warta --help' for more information.\n", msg);
	g_free(msg);
	exit(EXIT_USAGE);
}



static int
format_by_name(const char *s)
{
	int f;

	for (f = 0; f < FMT_COUNT; f++)
		if (g_ascii_strcasecmp(s, cli_format_ext(f)) == 0)
			return f;
	return -1;
}

/* The format that -t's name s names, or -1: a keyword, in lower case as
 * every keyword value of the options (--group-by, --missing-glyphs,
 * --report); a file's extension may be in any case (format_by_ext). */
static int
format_by_keyword(const char *s)
{
	int f;

	for (f = 0; f < FMT_COUNT; f++)
		if (strcmp(s, cli_format_ext(f)) == 0)
			return f;
	return -1;
}

/* -t's unknown format name s: a usage error naming the nearest format
 * ("PDF", "pfd": did you mean pdf?), else the list. */
static void G_GNUC_NORETURN
unknown_format(const char *s)
{
	int f, best = -1, bestd = 99;

	for (f = 0; f < FMT_COUNT; f++) {
		char *low = g_ascii_strdown(s, -1);
		/* a name in another case is as near as one edit */
		int d = strcmp(low, cli_format_ext(f)) == 0 ? 1 : warta_edit_distance(s, cli_format_ext(f));

		g_free(low);
		if (d < bestd) {
			bestd = d;
			best = f;
		}
	}
	if (best >= 0 && bestd <= 2 && bestd < (int)strlen(s))
		usage_error("unknown format '%s' in -t; did you mean %s?", s, cli_format_ext(best));
	usage_error("unknown format '%s' in -t (pdf, epub, png, svg, json, trace)", s);
}

/* The format a file name's extension says, or -1. */
static int
format_by_ext(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return -1;
	return format_by_name(dot + 1);
}

static void
resolve_formats(void)
{
	int out_fmt = -1;

	if (cli.output && strcmp(cli.output, "-") != 0)
		out_fmt = format_by_ext(cli.output);
	if (cli.to) {
		char **list = g_strsplit(cli.to, ",", -1);
		char **p;
		int named = 0;

		for (p = list; *p; p++)
			named += *g_strstrip(*p) != '\0';
		if (named == 0)
			usage_error("-t needs a format (pdf, epub, png, svg, json, trace)");
		for (p = list; *p; p++) {
			char *name = *p;
			int f;

			if (!*name)
				usage_error("-t %s: an empty format name in the list", cli.to);
			if ((f = format_by_keyword(name)) < 0)
				unknown_format(name);
			if (!cli.formats[f])
				cli.nformats++;
			cli.formats[f] = 1;
		}
		g_strfreev(list);
		if (out_fmt >= 0 && (cli.nformats > 1 || !cli.formats[out_fmt]))
			usage_error("-o %s says %s, but -t asks for %s", cli.output,
			            cli_format_ext(out_fmt), cli.to);
	} else if (out_fmt >= 0) {
		cli.formats[out_fmt] = 1;
		cli.nformats = 1;
	} else if (cli.output && strcmp(cli.output, "-") != 0) {
		usage_error("cannot tell the format of '%s' from its extension; use -t FORMAT",
		            cli.output);
	} else {
		cli.formats[FMT_PDF] = 1;
		cli.nformats = 1;
	}
}

/* "64M", "100k", "1048576" → bytes; 0 on a bad size.  Digits first: no
 * sign, no space ("-1" was 2^64 - 1, unlimited; " 1M" was taken). */
static size_t
parse_size(const char *s)
{
	char *end;
	guint64 n, mul = 1;

	if (!g_ascii_isdigit(*s))
		return 0;
	errno = 0;
	n = g_ascii_strtoull(s, &end, 10);
	if (errno || end == s)
		return 0;
	switch (g_ascii_tolower(*end)) {
	case '\0': break;
	case 'k': mul = 1024; end++; break;
	case 'm': mul = 1024 * 1024; end++; break;
	case 'g': mul = 1024 * 1024 * 1024; end++; break;
	default: return 0;
	}
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end || n == 0 || n > G_MAXSIZE / mul)
		return 0;
	return (size_t)(n * mul);
}

/* "150", "72.5" → *out: digits, at most one point, nothing else (no sign,
 * space, exponent, "nan" or "inf"), from lo to hi.  1; 0 on a bad value, -1
 * on a number out of range. */
static int
parse_number(const char *s, double lo, double hi, double *out)
{
	const char *p = s;
	int digits = 0, points = 0;

	for (; *p; p++) {
		if (g_ascii_isdigit(*p))
			digits++;
		else if (*p == '.' && !points)
			points++;
		else
			return 0;
	}
	if (!digits)
		return 0;
	*out = g_ascii_strtod(s, NULL);
	return *out >= lo && *out <= hi ? 1 : -1;
}

/* "3", "2-5", "2-", "-4" → first/last page (0: open). */
static int
parse_pages(const char *s, int *first, int *last)
{
	GRegex *re = g_regex_new("^([0-9]*)(-?)([0-9]*)$", 0, 0, NULL);
	GMatchInfo *mi = NULL;
	int ok = 0;

	if (g_regex_match(re, s, 0, &mi)) {
		char *a = g_match_info_fetch(mi, 1), *dash = g_match_info_fetch(mi, 2),
		     *b = g_match_info_fetch(mi, 3);

		guint64 fa = 1, fb = 0;

		/* numbers from 1 to INT_MAX: atoi wrapped 4294967297 to 1 */
		ok = (!*a || g_ascii_string_to_unsigned(a, 10, 1, G_MAXINT, &fa, NULL)) &&
		     (!*b || g_ascii_string_to_unsigned(b, 10, 1, G_MAXINT, &fb, NULL));
		*first = (int)fa;
		*last = *dash ? (int)fb : *first;
		ok = ok && (*a || *b) && *first >= 1 && (*last == 0 || *last >= *first) &&
		     (*dash || *a);
		if (*dash && !*b && !*a)
			ok = 0;
		g_free(a);
		g_free(dash);
		g_free(b);
	}
	g_match_info_free(mi);
	g_regex_unref(re);
	return ok;
}


static const GOptionEntry *
entry_long(const char *name, size_t n)
{
	const GOptionEntry *e;

	for (e = entries; e->long_name; e++)
		if (*e->long_name && strlen(e->long_name) == n && strncmp(e->long_name, name, n) == 0)
			return e;
	return NULL;
}

static const GOptionEntry *
entry_short(char c)
{
	const GOptionEntry *e;

	for (e = entries; e->long_name; e++)
		if (e->short_name == c)
			return e;
	return NULL;
}

static int
takes_value(const GOptionEntry *e)
{
	return e->arg != G_OPTION_ARG_NONE && !(e->flags & G_OPTION_FLAG_OPTIONAL_ARG);
}

/* Before GOptionContext sees them: an unknown long option is a usage error
 * that names the nearest known one ("--ouput": did you mean --output?).  The
 * values of options that take one are skipped, "--" ends the options. */
static void
check_unknown_options(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			const GOptionEntry *e = entry_long(name, n), *best = NULL;
			int bestd = 99;
			char *given;

			/* --report takes an optional value: --report=json, --report=text */
			if (n == 6 && strncmp(name, "report", 6) == 0 && eq) {
				if (strcmp(eq + 1, "json") == 0)
					argv[i] = (char *)"--report-json";
				else if (strcmp(eq + 1, "text") == 0)
					argv[i] = (char *)"--report";
				else
					usage_error("--report=%s: use --report or --report=json", eq + 1);
				continue;
			}
			if (e) {
				if (eq && !takes_value(e))
					usage_error("--%.*s takes no value ('%s')", (int)n, name, a);
				if (!eq && takes_value(e))
					i++;
				continue;
			}
			if ((n == 4 && strncmp(name, "help", 4) == 0) ||
			    (n > 5 && strncmp(name, "help-", 5) == 0))
				continue;
			given = g_strndup(name, n);
			for (e = entries; e->long_name; e++) {
				int dist;

				if (!*e->long_name)
					continue;
				dist = warta_edit_distance(given, e->long_name);
				/* a prefix ("--out") counts as near as one edit */
				if (g_str_has_prefix(e->long_name, given) && dist > 1)
					dist = 1;
				if (dist < bestd) {
					bestd = dist;
					best = e;
				}
			}
			if (best && bestd <= 2 + (int)n / 6)
				usage_error("unknown option --%s; did you mean --%s?", given, best->long_name);
			usage_error("unknown option --%s", given);
		} else {
			const char *p;

			for (p = a + 1; *p; p++) {
				const GOptionEntry *e = entry_short(*p);

				if (!e && *p != 'h' && *p != '?')
					usage_error("unknown option -%c", *p);
				if (e && takes_value(e)) {
					if (!p[1])
						i++;
					break;   /* the rest is its value */
				}
			}
		}
	}
}

static void
print_version(void)
{
	char *components = warta_version_components();

	printf("warta %s\n", warta_version());
	/* the formats this build writes: scripts (make demo) ask here */
	printf("formats: json epub pdf png svg\n");
	printf("%s\n", components);
	warta_free(components);
}

static int
list_styles(void)
{
	warta_messages *m = warta_messages_new();
	warta_style **list = warta_styles_list(m);
	int i;

	cli_print_diags(&cli, m);
	for (i = 0; list && list[i]; i++) {
		const char *desc = warta_style_description(list[i]);

		printf("%-16s %s\n", warta_style_name(list[i]), desc ? desc : "");
		warta_style_close(list[i]);
	}
	warta_free(list);
	i = warta_messages_errors(m) ? 1 : 0;
	warta_messages_free(m);
	return i;
}

/* The back ends' settings, from the options: the same for every input. */
static void
setup_backends(void)
{
	if (cli.print) {
		warta_print_set_edition(cli.print, cli.edition, cli.edition_date);
		warta_print_set_edition_number(cli.print, cli.edition_number);
		warta_print_set_edition_lang(cli.print, cli.edition_lang);
		warta_print_set_pages(cli.print, cli.first_page, cli.last_page);
		warta_print_set_dpi(cli.print, cli.dpi);
		warta_print_set_missing_glyphs(cli.print, cli.missing_glyphs &&
		                               strcmp(cli.missing_glyphs, "warn") == 0);
		warta_print_set_report(cli.print, cli.report != 0);
		warta_print_set_threads(cli.print, cli.jobs);
	}
	if (cli.epub) {
		warta_epub_set_embed_fonts(cli.epub, cli.embed_fonts);
		warta_epub_set_edition(cli.epub, cli.edition, cli.edition_date);
		warta_epub_set_edition_publisher(cli.epub, cli.edition_publisher);
		warta_epub_set_edition_lang(cli.epub, cli.edition_lang);
	}
}

/* Loads what every conversion shares: the style and the back ends (the
 * print's font set made once, the books sharing it).  0, EXIT_USAGE (the
 * style), or 1 (the print engine: fonts or dictionaries missing). */
static int
load_shared(void)
{
	const int print = cli.formats[FMT_PDF] || cli.formats[FMT_PNG] || cli.formats[FMT_SVG] ||
	                  cli.formats[FMT_TRACE];
	warta_messages *m = warta_messages_new();
	int rc = 0;

	cli.style = warta_style_open(cli.style_name ? cli.style_name : CLI_DEFAULT_STYLE, m);
	if (!cli.style)
		rc = EXIT_USAGE;
	else
		warta_reader_set_style(cli.reader, cli.style);
	/* the style's fonts against warta's font set, for the formats that use
	 * them: a family not in the set is a usage error, a missing feature (smcp,
	 * onum) a warning at the style's line.  A font set that cannot be loaded
	 * is left to the back ends, which report it. */
	if (rc == 0 && (print || cli.formats[FMT_EPUB]) && warta_style_check_fonts_set(cli.style, m) > 0)
		rc = EXIT_USAGE;
	cli.styles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                   (GDestroyNotify)warta_style_close);
	g_mutex_init(&cli.styles_lock);
	if (rc == 0 && print) {
		if (!(cli.print = warta_print_new(cli.style, m)))
			rc = 1;   /* no input can be set: they all fail */
	} else if (rc == 0 && cli.formats[FMT_EPUB]) {
		/* the books' font set, made once for the batch; without it each
		 * book says why (a warning) and is made without its cover */
		cli.print = warta_print_new(cli.style, NULL);
	}
	if (rc == 0 && cli.formats[FMT_EPUB] && (cli.epub = warta_epub_new(cli.style, m)) && cli.print)
		warta_epub_share_fonts(cli.epub, cli.print);
	if (rc == 0 && cli.formats[FMT_JSON])
		cli.json = warta_json_new(m);
	setup_backends();
	cli_print_diags(&cli, m);
	warta_messages_free(m);
	return rc;
}

static void
unload_shared(void)
{
	warta_json_free(cli.json);
	warta_epub_free(cli.epub);
	warta_print_free(cli.print);
	if (cli.styles)
		g_hash_table_destroy(cli.styles);
	if (cli.style_warned)
		g_hash_table_destroy(cli.style_warned);
	warta_style_close(cli.style);
	warta_reader_free(cli.reader);
}

/* An option given an empty value ("-d ''") is a usage error, not a failure
 * to write into "". */
static void
check_empty_values(void)
{
	static const struct { const char *name; char **value; } opts[] = {
		{ "-o", &cli.output }, { "-d", &cli.outdir }, { "-s", &cli.style_name },
		{ "-l", &cli.lang }, { "--max-size", &cli.max_size }, { "--dpi", &cli.dpi_arg },
		{ "--pages", &cli.pages }, { "--edition", &cli.edition },
		{ "--edition-date", &cli.edition_date }, { "--edition-publisher", &cli.edition_publisher },
		{ "--edition-lang", &cli.edition_lang },
		{ "--group-by", &cli.group_by }, { "--manifest", &cli.manifest },
		{ "--metadata-file", &cli.metadata_file }, { "-j", &cli.jobs_arg },
	};
	size_t i;
	char **p;

	for (i = 0; i < G_N_ELEMENTS(opts); i++)
		if (*opts[i].value && !**opts[i].value)
			usage_error("%s needs a value, not an empty string", opts[i].name);
	for (p = cli.files_from; p && *p; p++)
		if (!**p)
			usage_error("--files-from needs a file name, not an empty string");
}

/* Options that do nothing for the formats asked for: a warning each (the run
 * goes on), and an -o extension that names no format when -t gives one. */
static void
warn_unused_options(void)
{
	const int print = cli.formats[FMT_PDF] || cli.formats[FMT_PNG] || cli.formats[FMT_SVG];
	GString *fmts = g_string_new(NULL);
	int f;

	if (cli.quiet)
		goto out;
	for (f = 0; f < FMT_COUNT; f++)
		if (cli.formats[f])
			g_string_append_printf(fmts, "%s%s", fmts->len ? ", " : "", format_titles[f]);
	if (cli.dpi_arg && !cli.formats[FMT_PNG])
		fprintf(stderr, "warta: warning: --dpi sets the resolution of PNG pages; ignored for %s\n",
		        fmts->str);
	if (cli.pages && !print)
		fprintf(stderr, "warta: warning: --pages chooses pages of a PDF, PNG or SVG; ignored "
		        "for %s\n", fmts->str);
	if (cli.report && !print)
		fprintf(stderr, "warta: warning: --report describes the pages of a PDF, PNG or SVG; "
		        "ignored for %s\n", fmts->str);
	if (cli.embed_fonts && !cli.formats[FMT_EPUB])
		fprintf(stderr, "warta: warning: --embed-fonts is about EPUB (a PDF always embeds its "
		        "fonts); ignored for %s\n", fmts->str);
	if (cli.edition_publisher && !cli.edition)
		fprintf(stderr, "warta: warning: --edition-publisher names an edition's publisher; "
		        "ignored without --edition\n");
	if (cli.to && cli.output && strcmp(cli.output, "-") != 0 && format_by_ext(cli.output) < 0) {
		const char *base = strrchr(cli.output, '/'), *dot;

		base = base ? base + 1 : cli.output;
		dot = strrchr(base, '.');
		if (dot && dot != base && cli.nformats == 1)
			fprintf(stderr, "warta: warning: -o %s: the extension %s is not that of %s, which "
			        "-t asks for; writing %s anyway\n", cli.output, dot, fmts->str, fmts->str);
	}
out:
	g_string_free(fmts, TRUE);
}

/* The values of the options that take a number, a size or a tag. */
static void
check_values(void)
{
	int i;

	if (cli.lang && !g_regex_match_simple("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$",
	                                      cli.lang, 0, 0))
		usage_error("-l %s is not a language tag (BCP 47: id, en, pt-BR, zh-Hant …)", cli.lang);
	if (cli.max_size && !(cli.max_bytes = parse_size(cli.max_size)))
		usage_error("--max-size '%s' is not a size (4096, 100k, 64M, 1G)", cli.max_size);
	if (cli.max_image_size && !(cli.max_image_bytes = parse_size(cli.max_image_size)))
		usage_error("--max-image-size '%s' is not a size (4096, 100k, 64M, 1G)", cli.max_image_size);
	if (cli.dpi_arg && (i = parse_number(cli.dpi_arg, 10, 2400, &cli.dpi)) != 1)
		usage_error("--dpi '%s' is %s (72, 150, 300)", cli.dpi_arg,
		            i < 0 ? "out of range: a resolution is from 10 to 2400" :
		            "not a resolution from 10 to 2400");
	if (cli.pages && !parse_pages(cli.pages, &cli.first_page, &cli.last_page))
		usage_error("--pages '%s' is not a page range (3, 2-5, 2-)", cli.pages);
	if (cli.jobs_arg) {
		double j;

		if (parse_number(cli.jobs_arg, 1, 1024, &j) != 1 || strchr(cli.jobs_arg, '.'))
			usage_error("-j '%s': the number of jobs is a whole number from 1 to 1024",
			            cli.jobs_arg);
		cli.jobs = (int)j;
	}
	if (cli.jobs == 0)
		cli.jobs = (int)g_get_num_processors();
	if (warta_date_source_epoch(NULL) < 0)
		usage_error("SOURCE_DATE_EPOCH=%s is not a number of seconds from 0 to %lld"
		            " (9999-12-31T23:59:59Z)", g_getenv("SOURCE_DATE_EPOCH"), WARTA_EPOCH_LIMIT);
	if (cli.missing_glyphs && strcmp(cli.missing_glyphs, "error") != 0 &&
	    strcmp(cli.missing_glyphs, "warn") != 0)
		usage_error("--missing-glyphs %s: use error or warn", cli.missing_glyphs);
}

/* Options that need another: --keep-tree -d, -0 --files-from, the
 * edition's options --edition. */
static void
check_dependent_options(void)
{
	if (cli.keep_tree && !cli.outdir)
		usage_error("--keep-tree mirrors input directories under -d DIR: give -d");
	if (cli.null_names && !cli.files_from)
		usage_error("-0 (--null) is about --files-from names: give --files-from");
	if (cli.edition_date && !warta_date_is_valid(cli.edition_date))
		usage_error("--edition-date %s is not a date (YYYY-MM-DD)", cli.edition_date);
	if (cli.edition_lang && !g_regex_match_simple("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$",
	                                              cli.edition_lang, 0, 0))
		usage_error("--edition-lang %s is not a language tag (BCP 47: id, en, ar, zh-Hant …)",
		            cli.edition_lang);
	if (!cli.edition && (cli.edition_date || cli.group_by || cli.manifest || cli.edition_number ||
	                     cli.edition_lang))
		usage_error("--edition-date, --edition-lang, --edition-number, --group-by and --manifest "
		            "need --edition");
	if (cli.group_by && strcmp(cli.group_by, "section") != 0 &&
	    strcmp(cli.group_by, "source") != 0 && strcmp(cli.group_by, "none") != 0)
		usage_error("--group-by %s: use section, source or none", cli.group_by);
}

/* The inputs (files, directories, --files-from, a manifest), standard
 * input among them at most once. */
static void
check_inputs(void)
{
	int stdin_seen = 0, i;

	for (i = 0; cli.files_from && cli.files_from[i]; i++)
		if (strcmp(cli.files_from[i], "-") == 0)
			stdin_seen++;
	if (cli.manifest && strcmp(cli.manifest, "-") == 0)
		stdin_seen++;
	if (stdin_seen > 1)
		usage_error("standard input ('-') can be read only once");
	if (cli_collect_inputs(&cli) != 0)
		exit(EXIT_USAGE);
	if (cli.ninputs == 0)
		usage_error("no input (an article file, a directory, or - for standard input)");
	for (i = 0; i < cli.ninputs; i++)
		if (strcmp(cli.inputs[i], "-") == 0 && stdin_seen++)
			usage_error("standard input ('-') can be read only once");
}

/* Where the outputs go: one book, one file, or a directory for several. */
static void
check_outputs(void)
{
	if (cli.edition) {
		if (!cli.output)
			usage_error("an edition is one book: name it with -o FILE.pdf or -o FILE.epub");
		if (cli.nformats != 1 || cli.formats[FMT_PNG] || cli.formats[FMT_SVG])
			usage_error("an edition is one PDF or EPUB (or its trees as JSON, or its layout "
			            "trace): -o FILE.pdf, -o FILE.epub, -o FILE.json, -o FILE.trace");
	} else if (!cli.outdir) {
		if (cli.nformats > 1)
			usage_error("several formats make several files: use -d DIR");
		if (cli.ninputs > 1)
			usage_error("%d inputs make %d outputs: use -d DIR (or --edition TITLE for one book)",
			            cli.ninputs, cli.ninputs);
	}
	if (!cli.outdir && (!cli.output || strcmp(cli.output, "-") == 0) && isatty(STDOUT_FILENO) &&
	    !cli.formats[FMT_JSON] && !cli.formats[FMT_SVG] && !cli.formats[FMT_TRACE])
		usage_error("not writing %s to a terminal: use -o FILE or -d DIR",
		            format_titles[cli.formats[FMT_PDF] ? FMT_PDF :
		                          cli.formats[FMT_EPUB] ? FMT_EPUB : FMT_PNG]);
	if (cli.output && strcmp(cli.output, "-") != 0 && cli_is_input(&cli, cli.output))
		usage_error("the output %s is one of the inputs", cli.output);
}

/* Every check that needs no input read: a failure is a usage error. */
static void
check_options(void)
{
	if (!cli.args && !cli.files_from && !cli.manifest)
		usage_error("no input (an article file, a directory, or - for standard input)");
	check_empty_values();
	if (cli.output && cli.outdir)
		usage_error("-o and -d exclude each other");
	if (cli.quiet && cli.verbose)
		usage_error("-q and -v exclude each other");
	resolve_formats();
	if (cli.report_json)
		cli.report = 2;
	check_values();
	cli.reader = warta_reader_new();
	warta_reader_set_lang(cli.reader, cli.lang);
	warta_reader_set_limits(cli.reader, cli.max_bytes, cli.max_image_bytes);
	warta_reader_set_flags(cli.reader, (cli.keep_boilerplate ? WARTA_READ_KEEP_BOILERPLATE : 0u) |
	                                   (cli.repair ? WARTA_READ_REPAIR : 0u));
	if (cli_meta_collect(&cli) != 0)
		exit(EXIT_USAGE);
	check_dependent_options();
	check_inputs();
	check_outputs();
	warn_unused_options();
}

/* GLib ends the process when an allocation fails (g_error "failed to
 * allocate N bytes") or a thread cannot be made (g_thread_new, as Pango
 * does: "Error creating thread"), with an abort or a breakpoint trap.  Both
 * are the machine's limits, errors warta can see: the unfinished outputs are
 * removed and warta exits 1 with a message.  Every other message goes to
 * GLib's own writer. */
static GLogWriterOutput
log_writer(GLogLevelFlags level, const GLogField *fields, gsize n, gpointer data)
{
	if (level & G_LOG_LEVEL_ERROR) {
		const char *msg = NULL;
		gsize i;

		for (i = 0; i < n; i++)
			if (strcmp(fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
				msg = fields[i].value;
		if (msg && (strstr(msg, "failed to allocate") || strstr(msg, "Error creating thread"))) {
			static const char head[] = "warta: error: out of memory (";
			static const char tail[] = "); unfinished outputs removed\n";

			warta_cleanup_temporaries();
			/* no allocation from here on */
			(void)!write(STDERR_FILENO, head, sizeof head - 1);
			(void)!write(STDERR_FILENO, msg, strlen(msg));
			(void)!write(STDERR_FILENO, tail, sizeof tail - 1);
			_exit(1);
		}
	}
	return g_log_writer_default(level, fields, n, data);
}

int
main(int argc, char **argv)
{
	GOptionContext *ctx;
	GError *err = NULL;
	int status;

	setlocale(LC_ALL, "");
	g_log_set_writer_func(log_writer, NULL, NULL);
	check_unknown_options(argc, argv);
	ctx = g_option_context_new(NULL);
	g_option_context_set_summary(ctx, "Typesets news articles as PDF, EPUB, PNG, SVG, or their tree as JSON.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, description);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "warta: %s\nTry 'warta --help' for more information.\n", err->message);
		g_error_free(err);
		g_option_context_free(ctx);
		return EXIT_USAGE;
	}
	g_option_context_free(ctx);
	cli.stderr_tty = isatty(STDERR_FILENO);

	if (cli.version) {
		print_version();
		return 0;
	}
	if (cli.list_style_keys) {
		char *ref = warta_style_reference(0);

		fputs(ref, stdout);
		g_free(ref);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	}
	if (cli.list_styles)
		return list_styles();
	g_mutex_init(&cli.out_lock);
	check_options();
	if (cli.outdir)
		cli_find_same_names(&cli);
	if ((status = load_shared()) != 0) {
		unload_shared();
		return status;
	}
	/* every usage check passed: only now is anything made */
	if (cli.outdir && !g_file_test(cli.outdir, G_FILE_TEST_IS_DIR) &&
	    g_mkdir_with_parents(cli.outdir, 0777) != 0) {
		fprintf(stderr, "warta: %s: error: cannot make the output directory: %s\n",
		        cli.outdir, g_strerror(errno));
		unload_shared();
		return 1;
	}
	cli_signals_install();
	if (cli.edition)
		status = cli_edition(&cli);
	else
		status = cli_batch(&cli);
	unload_shared();
	g_free(cli.same_name);
	if (cli.input_ids)
		g_hash_table_destroy(cli.input_ids);
	g_strfreev(cli.inputs);
	return status;
}
