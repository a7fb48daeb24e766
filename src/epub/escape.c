/* escape.c — EPUB back end: making text safe for XHTML and XML.  Reads UTF-8
 * strings from the document tree (any bytes at all); writes escaped character
 * data, language tags, hrefs and the few fixed labels of the book's pages. */
#include <stdio.h>
#include <string.h>

#include "lang/lang.h"
#include "epub/epub_int.h"
#include "util/date.h"
#include "util/url.h"

/* Characters XML 1.0 forbids (C0 but tab/LF/CR) and those HTML calls errors
 * in text (DEL and C1 controls, noncharacters). */
static int
char_dropped(gunichar c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\r';
	if (c >= 0x7f && c <= 0x9f)
		return 1;
	if (c >= 0xfdd0 && c <= 0xfdef)
		return 1;
	if ((c & 0xfffe) == 0xfffe)
		return 1;
	return 0;
}

/* The digits of the article being written (ep_escape_digits). */
static __thread unsigned int digits_zero;

unsigned int
ep_escape_digits(unsigned int zero)
{
	unsigned int was = digits_zero;

	digits_zero = zero;
	return was;
}

void
ep_escape(GString *out, const char *s, int attr)
{
	char *valid, *dig;
	const char *p;

	if (!s)
		return;
	valid = g_utf8_make_valid(s, -1);
	/* text, not attributes (hrefs, ids, datetime): in the style's digits */
	if (!attr && digits_zero && (dig = warta_digits_apply(valid, strlen(valid), digits_zero, NULL))) {
		g_free(valid);
		valid = dig;
	}
	for (p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (char_dropped(c))
			continue;
		switch (c) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		case '"':
			g_string_append(out, attr ? "&quot;" : "\"");
			break;
		case '\'':
			g_string_append(out, attr ? "&#39;" : "'");
			break;
		case '\r':
			/* a bare CR would be read back as LF; keep it as a space */
			g_string_append_c(out, attr ? ' ' : '\n');
			break;
		case '\t':
		case '\n':
			if (attr) {
				g_string_append_c(out, ' ');
				break;
			}
			/* FALLTHROUGH */
		default:
			g_string_append_unichar(out, c);
			break;
		}
	}
	g_free(valid);
}

char *
ep_clean(const char *s)
{
	GString *out = g_string_new(NULL);
	char *valid;
	const char *p;

	if (s) {
		valid = g_utf8_make_valid(s, -1);
		for (p = valid; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			if (!char_dropped(c))
				g_string_append_unichar(out, c);
		}
		g_free(valid);
	}
	return g_string_free(out, FALSE);
}

char *
ep_clean_line(const char *s)
{
	char *c = ep_clean(s);
	GString *out = g_string_new(NULL);
	const char *p;
	int space = 0;

	for (p = c; *p; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (g_unichar_isspace(u) && u != 0xa0 && u != 0x202f) {
			space = out->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = 0;
		g_string_append_unichar(out, u);
	}
	g_free(c);
	return g_string_free(out, FALSE);
}

char *
ep_lang_tag(const char *s)
{
	static GRegex *re;
	static gsize once;

	if (g_once_init_enter(&once)) {
		re = g_regex_new("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", G_REGEX_OPTIMIZE, 0, NULL);
		g_once_init_leave(&once, 1);
	}
	if (!s || !g_regex_match(re, s, 0, NULL))
		return NULL;
	return g_strdup(s);
}

int
ep_date_valid(const char *date)
{
	return warta_date_valid(date);
}

char *
ep_safe_href(const char *url)
{
	GString *out;
	char *clean, *scheme;
	const unsigned char *p;
	int hash = 0;

	if (!url)
		return NULL;
	clean = ep_clean_line(url);
	{
		char *a = warta_url_ascii_host(clean);   /* an IDN host in ASCII */

		g_free(clean);
		if (!(clean = a))
			return NULL;
	}
	scheme = g_uri_parse_scheme(clean);
	if (!scheme || (g_ascii_strcasecmp(scheme, "http") != 0 &&
	                g_ascii_strcasecmp(scheme, "https") != 0 &&
	                g_ascii_strcasecmp(scheme, "mailto") != 0)) {
		g_free(scheme);
		g_free(clean);
		return NULL;
	}
	g_free(scheme);
	/* Percent-encode what may not stand in a URI: spaces, controls, non-ASCII,
	 * the characters RFC 3986 excludes, a second '#', and a '%' that does not
	 * start an escape. */
	out = g_string_new(NULL);
	for (p = (const unsigned char *)clean; *p; p++) {
		int enc = 0;

		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
			enc = 1;
		else if (*p == '#')
			enc = hash++ > 0;
		else if (*p == '%')
			enc = !(g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2]));
		if (enc)
			g_string_append_printf(out, "%%%02X", *p);
		else
			g_string_append_c(out, (char)*p);
	}
	g_free(clean);
	if (!g_uri_is_valid(out->str, G_URI_FLAGS_NONE, NULL)) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

void
ep_lang_attrs(GString *out, const char *lang, int rtl)
{
	if (lang) {
		g_string_append(out, " lang=\"");
		ep_escape(out, lang, 1);
		g_string_append(out, "\" xml:lang=\"");
		ep_escape(out, lang, 1);
		g_string_append_c(out, '"');
	}
	if (rtl)
		g_string_append(out, " dir=\"rtl\"");
}

/* The fixed strings of the book's own pages, in the language
 * (warta_label: the words of every page warta makes). */
const char *
ep_label(enum ep_label l, const char *lang)
{
	static const enum warta_label_key key[EP_LABEL_COUNT] = {
		[EP_CONTENTS] = WARTA_LABEL_CONTENTS, [EP_COVER] = WARTA_LABEL_COVER,
		[EP_START] = WARTA_LABEL_START, [EP_NOTES] = WARTA_LABEL_NOTES,
	};

	return warta_label(lang, key[l]);
}

void
ep_lang_attrs_in(GString *out, const char *lang, int rtl, int outer_rtl)
{
	ep_lang_attrs(out, lang, rtl);
	if (!rtl && outer_rtl)
		g_string_append(out, " dir=\"ltr\"");
}

int
ep_lang_rtl(const char *lang)
{
	return lang && warta_lang_is_rtl(lang);
}

char *
ep_date_display(const char *date, const char *lang)
{
	char *s = warta_date_format(date, lang);

	return s ? s : g_strdup(date);
}
