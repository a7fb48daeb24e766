/* api_int.h — what the files of src/api share: the messages handle over the
 * stages' diagnostics list, and the list a call reports into when its
 * caller gave none. */
#ifndef WARTA_API_INT_H
#define WARTA_API_INT_H

#include "warta.h"
#include "util/diag.h"

struct warta_messages {
	struct warta_diags d;
};

/* The list the stages report into: m's, or scratch (initialised here)
 * when m is NULL; api_diags_done frees scratch then. */
struct warta_diags *api_diags(warta_messages *m, struct warta_diags *scratch);
void api_diags_done(warta_messages *m, struct warta_diags *scratch);

#endif
