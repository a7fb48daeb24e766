#!/bin/sh
# test-install.sh — `make install` into a temporary DESTDIR: the binary, the
# styles, the font list and the man page land under PREFIX, and the installed
# binary runs with its installed data.  Uses the current build (same flags,
# no rebuild), so the installed DATADIR is the build's; WARTA_DATADIR points
# the binary at the staged copy.
. "$(dirname "$0")/../lib.sh"

DEST="$TMP/dest"
san=
[ "$BUILD" = build-san ] && san=SAN=1
# MAKEFLAGS from `make check` would hand this make the parent's jobserver
if ! out=$(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s install BUILD="$BUILD" $san DESTDIR="$DEST" 2>&1); then
	fail "make install DESTDIR=…" "$out"
	exit 0
fi
ok "make install DESTDIR=… succeeds"
prefix=$(cd "$ROOT" && make -s -f Makefile -f - print-prefix <<'MK' 2>/dev/null
print-prefix: ; @echo $(PREFIX)
MK
)
[ -n "$prefix" ] || prefix=/usr/local
P="$DEST$prefix"
[ -x "$P/bin/warta" ] && ok "binary in PREFIX/bin" || fail "binary in PREFIX/bin" "$(find "$DEST" | head)"
n=$(ls "$ROOT"/styles/*.style | wc -l)
m=$(ls "$P"/share/warta/styles/*.style 2>/dev/null | wc -l)
[ "$n" -gt 0 ] && [ "$n" = "$m" ] && ok "all $n styles in PREFIX/share/warta/styles" || fail "styles installed" "$m of $n"
[ -f "$P/share/warta/fonts/fonts.list" ] && cmp -s "$P/share/warta/fonts/fonts.list" "$ROOT/fonts/fonts.list" &&
	ok "font list in PREFIX/share/warta/fonts" || fail "fonts.list installed"
[ -f "$P/share/man/man1/warta.1" ] && ok "man page in PREFIX/share/man/man1" || fail "man page installed"
if command -v man >/dev/null; then
	man -l "$P/share/man/man1/warta.1" 2>/dev/null | grep -q -- "--edition" && ok "installed man page reads" || fail "man -l installed page"
fi
out=$(WARTA_DATADIR="$P/share/warta" "$P/bin/warta" --list-styles 2>&1)
echo "$out" | grep -q '^a4 ' && ok "installed binary finds the installed styles" || fail "installed --list-styles" "$out"
"$P/bin/warta" --version >/dev/null && ok "installed binary runs" || fail "installed --version"
find "$DEST" -type f | sed "s|^$DEST||" | grep -v -e '/bin/warta$' -e '/share/warta/' -e '/man1/warta.1$' >"$TMP/extra"
[ ! -s "$TMP/extra" ] && ok "nothing installed outside bin, share/warta and the man page" || fail "stray files" "$(cat "$TMP/extra")"
out=$(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s uninstall BUILD="$BUILD" $san DESTDIR="$DEST" 2>&1)
[ -z "$(find "$DEST" -type f)" ] && ok "make uninstall removes every file" || fail "uninstall" "$out $(find "$DEST" -type f)"
