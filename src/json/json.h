/* json.h — the JSON back end (json.c): the document tree as JSON, the
 * reader's golden format (README.md, "The article tree (JSON)"). */
#ifndef WARTA_JSON_H
#define WARTA_JSON_H

#include <glib.h>

#include "doc/doc.h"

/* The tree as stable, documented JSON (see README "The article tree"), appended to out. */
void warta_json_write(const struct warta_doc *doc, GString *out);
/* The same, handing the JSON on as it is written: flush(out, data) is called
 * whenever out has grown long and must empty it (write it out, truncate). */
void warta_json_write_flushed(const struct warta_doc *doc, GString *out,
                              void (*flush)(GString *out, void *data), void *data);

#endif
