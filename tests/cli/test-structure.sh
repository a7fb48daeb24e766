#!/bin/sh
# test-structure.sh — the command line's state is passed, not global: main.c
# parses the options into one struct cli and hands it to every other file of
# src/cli, so no object of the command line defines a variable that another
# file could reach (file-static state, such as the signal handlers', is its
# file's own).  A global such as the former `struct cli cli` fails here.
. "$(dirname "$0")/../lib.sh"

case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
objs=$(ls "$B"/src/cli/*.o 2>/dev/null)
if [ -z "$objs" ]; then
	fail "the command line's objects are built" "no $BUILD/src/cli/*.o"
	exit 0
fi
# defined external data: B/D/C (bss, data, common), G/S (small), R (read-only)
globals=$(nm -g --defined-only $objs | awk 'NF == 3 && $2 ~ /^[BDCGSRV]$/ { print $3 }')
[ -z "$globals" ] && ok "src/cli: no file defines a global variable ($(echo "$objs" | wc -l) objects)" ||
	fail "src/cli: no file defines a global variable" "$globals"

# The command line is a user of libwarta like any other: the one header of
# warta's a file of src/cli includes is src/warta.h (besides src/cli's own);
# system and GLib headers come in <…>.  An "article/article.h" or a
# "util/output.h" there fails here.
bad=$(cd "$ROOT" && grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' src/cli/*.c src/cli/*.h |
      grep -v '"warta\.h"\|"cli/[a-z_]*\.h"')
[ -z "$bad" ] && ok "src/cli includes no header of src/ but warta.h" ||
	fail "src/cli includes no header of src/ but warta.h" "$bad"
# nor reaches the library's insides otherwise: no <fontconfig/…>, <cairo…>,
# <pango/…>, <zip.h> or <yaml.h> (what the library is made of)
bad=$(cd "$ROOT" && grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*<\(fontconfig\|cairo\|pango\|zip\|yaml\|hb\|harfbuzz\|cmark\)' src/cli/*.c src/cli/*.h)
[ -z "$bad" ] && ok "src/cli includes none of the libraries libwarta is made of" ||
	fail "src/cli includes none of the libraries libwarta is made of" "$bad"
