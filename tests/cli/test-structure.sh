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
