/* svg_ids.h — cairo 1.16's SVG output made reproducible. */
#ifndef WARTA_SVG_IDS_H
#define WARTA_SVG_IDS_H

#include <glib.h>

/* A copy of the SVG in (cairo's bytes for one page) whose "surfaceN" names
 * are numbered 1, 2 … in order of first appearance (g_byte_array_free). */
GByteArray *rn_svg_renumber(const GByteArray *in);

#endif
