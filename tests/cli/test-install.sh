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
prefix=$(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -f Makefile -f - print-prefix <<'MK' 2>/dev/null
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
# shell completion: bash and zsh, each knowing every option of --help
BC="$P/share/bash-completion/completions/warta" ZC="$P/share/zsh/vendor-completions/_warta"
[ -f "$BC" ] && [ -f "$ZC" ] && ok "bash and zsh completion installed" || fail "completion installed" "$(find "$DEST" | grep -i compl)"
"$P/bin/warta" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u >"$TMP/helpopts"
for f in "$BC" "$ZC"; do
	miss=
	while read -r o; do grep -q -- "$o" "$f" || miss="$miss $o"; done <"$TMP/helpopts"
	[ -s "$TMP/helpopts" ] && [ -z "$miss" ] && ok "$(basename "$f") completes every option of --help" ||
		fail "$(basename "$f") misses options" "$miss"
done
if command -v bash >/dev/null; then
	# complete the way bash would: options, formats after -t, styles after -s
	out=$(PATH="$P/bin:$PATH" WARTA_DATADIR="$P/share/warta" bash -c '
		. "$1"
		t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _warta; echo "${COMPREPLY[*]}"; }
		t warta --emb; t warta -t pdf,e; t warta -s col; t warta --group-by s; t warta -M aut' sh "$BC" 2>&1)
	[ "$out" = "--embed-fonts
pdf,epub
column
section source
author=" ] && ok "bash completion: options, formats, styles, keys" || fail "bash completion" "$out"
else
	skip "bash completion" "no bash"
fi
if command -v zsh >/dev/null; then
	out=$(zsh -n "$ZC" 2>&1) && ok "zsh completion parses (zsh -n)" || fail "zsh -n _warta" "$out"
	# loaded by compinit from its directory, it defines the _warta function
	out=$(HOME="$TMP" zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -d "$2/zcd"; (( $+_comps[warta] )) && echo "$_comps[warta]"' sh "$(dirname "$ZC")" "$TMP" 2>&1)
	[ "$out" = "_warta" ] && ok "zsh compinit binds _warta to warta" || fail "zsh compinit" "$out"
else
	skip "zsh completion" "zsh not installed"
fi
find "$DEST" -type f | sed "s|^$DEST||" | grep -v -e '/bin/warta$' -e '/share/warta/' -e '/man1/warta.1$' \
	-e '/bash-completion/completions/warta$' -e '/zsh/vendor-completions/_warta$' \
	-e '/lib/libwarta\.a$' -e '/lib/libwarta\.so\.[0-9.]*$' -e '/lib/pkgconfig/warta\.pc$' \
	-e '/include/warta\.h$' -e '/man3/warta\.3$' >"$TMP/extra"
[ ! -s "$TMP/extra" ] && ok "nothing installed outside bin, share/warta, the man pages, completion and the library (test-library.sh)" || fail "stray files" "$(cat "$TMP/extra")"
out=$(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s uninstall BUILD="$BUILD" $san DESTDIR="$DEST" 2>&1)
[ -z "$(find "$DEST" -type f)" ] && ok "make uninstall removes every file" || fail "uninstall" "$out $(find "$DEST" -type f)"
