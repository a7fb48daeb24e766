/* url.c — link URLs as the back ends write them (see url.h). */
#include <glib.h>
#include <string.h>

#include "util/url.h"

char *
warta_url_ascii_host(const char *url)
{
	const char *h, *e, *at, *p;
	char *host, *ascii, *r;
	int wide = 0;

	if (!url)
		return NULL;
	if (!(h = strstr(url, "://")))
		return g_strdup(url);
	for (p = url; p < h; p++)
		if (!g_ascii_isalnum(*p) && *p != '+' && *p != '-' && *p != '.')
			return g_strdup(url);     /* "://" further on: no authority */
	h += 3;
	e = h + strcspn(h, "/?#");
	/* user information, then a port */
	for (at = NULL, p = h; p < e; p++)
		if (*p == '@')
			at = p;
	if (at)
		h = at + 1;
	if (*h == '[')
		return g_strdup(url);         /* an IP literal */
	for (p = e; p > h && g_ascii_isdigit(p[-1]); p--)
		;
	if (p > h && p[-1] == ':')
		e = p - 1;
	for (p = h; p < e; p++)
		if ((unsigned char)*p >= 0x80)
			wide = 1;
	if (!wide)
		return g_strdup(url);
	host = g_strndup(h, (gsize)(e - h));
	ascii = g_utf8_validate(host, -1, NULL) ? g_hostname_to_ascii(host) : NULL;
	g_free(host);
	if (!ascii)
		return NULL;
	r = g_strdup_printf("%.*s%s%s", (int)(h - url), url, ascii, e);
	g_free(ascii);
	return r;
}
