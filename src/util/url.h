/* url.h — link URLs as the back ends write them. */
#ifndef WARTA_UTIL_URL_H
#define WARTA_UTIL_URL_H

/* A copy of url whose host, when it holds non-ASCII characters (an
 * internationalised domain name, "bücher.de"), is written in ASCII
 * (IDNA, "xn--bcher-kva.de", GLib's g_hostname_to_ascii): readers such as
 * epubcheck and PDF viewers take only ASCII host names.  Any other URL is
 * copied as it is.  NULL when the host cannot be written in ASCII.
 * Caller g_free()s. */
char *warta_url_ascii_host(const char *url);

#endif
