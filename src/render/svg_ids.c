/* svg_ids.c — the SVG page's names made independent of what the process
 * drew before (svg_ids.h). */
#include <string.h>

#include "render/svg_ids.h"

/* cairo 1.16 names an SVG page's group "surfaceN" after a counter of every
 * surface the process made, so the same page came out with another N at
 * another -j or after other documents.  The names are renumbered in order of
 * their first appearance (references "#surfaceN" with them): the same bytes
 * for the same page, whatever ran before. */
GByteArray *
rn_svg_renumber(const GByteArray *in)
{
	static const char key[] = "surface";
	const size_t klen = sizeof key - 1;
	GByteArray *out = g_byte_array_sized_new(in->len);
	GArray *seen = g_array_new(FALSE, FALSE, sizeof(guint64));
	const char *s = (const char *)in->data;
	size_t i = 0, n = in->len;

	while (i < n) {
		const char *hit = memmem(s + i, n - i, key, klen);
		size_t at, e;
		guint64 v = 0;
		guint k;
		char num[24];

		if (!hit) {
			g_byte_array_append(out, (const guint8 *)s + i, (guint)(n - i));
			break;
		}
		at = (size_t)(hit - s);
		for (e = at + klen; e < n && e - at - klen < 18 && g_ascii_isdigit(s[e]); e++)
			v = v * 10 + (guint64)(s[e] - '0');
		g_byte_array_append(out, (const guint8 *)s + i, (guint)(at + klen - i));
		if (e == at + klen) {   /* "surface" not followed by a number */
			i = at + klen;
			continue;
		}
		for (k = 0; k < seen->len && g_array_index(seen, guint64, k) != v; k++)
			;
		if (k == seen->len)
			g_array_append_val(seen, v);
		g_snprintf(num, sizeof num, "%u", k + 1);
		g_byte_array_append(out, (const guint8 *)num, (guint)strlen(num));
		i = e;
	}
	g_array_free(seen, TRUE);
	return out;
}
