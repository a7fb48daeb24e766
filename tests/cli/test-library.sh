#!/bin/sh
# test-library.sh — libwarta as a user gets it: `make install DESTDIR=…`
# stages the header, libwarta.a, libwarta.so.0 (soname, symbol versions),
# warta.pc and warta.3; examples/pdf-and-epub.c is built against the staged
# copy with pkg-config alone and run: a PDF and an EPUB that check clean;
# tests/unit/test_api.c, every call of warta.h, passes against it too;
# libwarta.so exports the functions of warta.h and nothing else.
. "$(dirname "$0")/../lib.sh"

DEST="$TMP/dest"
san=
[ "$BUILD" = build-san ] && san=SAN=1
if ! out=$(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s install BUILD="$BUILD" $san DESTDIR="$DEST" 2>&1); then
	fail "make install DESTDIR=… (library)" "$out"
	exit 0
fi
prefix=$(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -f Makefile -f - print-prefix <<'MK' 2>/dev/null
print-prefix: ; @echo $(PREFIX)
MK
)
[ -n "$prefix" ] || prefix=/usr/local
P="$DEST$prefix"
for f in include/warta.h lib/libwarta.a lib/libwarta.so.0 lib/libwarta.so lib/pkgconfig/warta.pc share/man/man3/warta.3; do
	[ -e "$P/$f" ] && ok "installed: PREFIX/$f" || fail "installed: PREFIX/$f" "$(find "$DEST" -type f | head)"
done
so="$P/lib/libwarta.so.0"
soname=$(objdump -p "$so" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = libwarta.so.0 ] && ok "soname libwarta.so.0" || fail "soname libwarta.so.0" "$soname"
# every exported function is one of warta.h's, and each of those is exported
exported=$(nm -D --defined-only "$so" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort)
declared=$(grep -o 'warta_[a-z_]*(' "$ROOT/src/warta.h" | tr -d '(' | sort -u)
if [ -n "$exported" ] && [ "$exported" = "$declared" ]; then ok "libwarta.so exports exactly warta.h's $(echo "$exported" | wc -l) functions"
else
	echo "$declared" >"$TMP/declared"; echo "$exported" >"$TMP/exported"
	fail "libwarta.so exports exactly warta.h's functions" "$(diff "$TMP/declared" "$TMP/exported")"
fi
# nothing else is defined: no data, no other name; the one line that is not
# warta_* is the version node WARTA_0, the absolute symbol ld writes for each
# version a library defines (as libc's GLIBC_2.2.5)
others=$(nm -D --defined-only "$so" | awk '{ n = $NF; sub(/@.*/, "", n) }
    n !~ /^warta_/ && !($2 == "A" && n == "WARTA_0") { print }')
[ -z "$others" ] && ok "nm -D: only warta_* and the version node WARTA_0" ||
	fail "nm -D: only warta_* and the version node WARTA_0" "$others"
if nm -D --defined-only "$so" | grep -q ' T warta_read_file@@WARTA_0$'; then ok "symbols versioned WARTA_0"
else fail "symbols versioned WARTA_0" "$(nm -D --defined-only "$so" | head -3)"; fi
man -l "$P/share/man/man3/warta.3" 2>/dev/null | grep -q 'warta_print_render' && ok "warta.3 documents the calls" ||
	fail "warta.3 documents the calls"

# the example, against the staged copy through pkg-config (with the
# sanitizers' runtime when the library was built with them: SAN=1)
export PKG_CONFIG_PATH="$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$DEST"
if flags=$(pkg-config --cflags --libs warta) &&
   out=$(cc ${san:+-fsanitize=address,undefined} -o "$TMP/example" "$ROOT/examples/pdf-and-epub.c" $flags 2>&1); then
	ok "examples/pdf-and-epub.c builds with pkg-config --cflags --libs warta"
else
	fail "examples/pdf-and-epub.c builds with pkg-config --cflags --libs warta" "$flags $out"
	exit 0
fi
if out=$(LD_LIBRARY_PATH="$P/lib" WARTA_DATADIR="$P/share/warta" $RUN "$TMP/example" "$SAMPLE" "$TMP/ex.pdf" "$TMP/ex.epub" 2>&1) &&
   printf '%s\n' "$out" | grep -q 'korea-utara.txt: "'; then
	ok "the example sets the sample with the installed library"
else fail "the example sets the sample with the installed library" "$out"; fi
check "the example's PDF passes qpdf --check" qpdf --check "$TMP/ex.pdf"
if [ -f /usr/share/java/epubcheck.jar ]; then
	if out=$(java -jar /usr/share/java/epubcheck.jar -q "$TMP/ex.epub" 2>&1); then ok "the example's EPUB passes epubcheck"
	else fail "the example's EPUB passes epubcheck" "$out"; fi
fi
# every call of warta.h through the installed header and libwarta.so
# alone: tests/unit/test_api.c built against the staged copy
if out=$(cc ${san:+-fsanitize=address,undefined} -I"$ROOT/tests/unit" -o "$TMP/test_api" \
        "$ROOT/tests/unit/test_api.c" "$ROOT/tests/unit/harness.c" $flags \
        $(env -u PKG_CONFIG_SYSROOT_DIR -u PKG_CONFIG_PATH pkg-config --cflags --libs glib-2.0) 2>&1); then
	ok "tests/unit/test_api.c builds against the installed warta.h and libwarta.so"
	if out=$(LD_LIBRARY_PATH="$P/lib" WARTA_DATADIR="$P/share/warta" $RUN "$TMP/test_api" 2>&1) &&
	   ! printf '%s\n' "$out" | grep -q '^not ok'; then
		ok "test_api passes against the installed libwarta.so ($(printf '%s\n' "$out" | grep -c '^ok') checks)"
	else fail "test_api passes against the installed libwarta.so" "$(printf '%s\n' "$out" | grep -v '^ok' | head -20)"; fi
else fail "tests/unit/test_api.c builds against the installed warta.h and libwarta.so" "$out"; fi
# it is the library the command line is: the same PDF bytes
"$WARTA" -q -o "$TMP/cli.pdf" "$SAMPLE" && cmp -s "$TMP/cli.pdf" "$TMP/ex.pdf" &&
	ok "the example's PDF is the command line's" || fail "the example's PDF is the command line's"
if LD_LIBRARY_PATH="$P/lib" WARTA_DATADIR="$P/share/warta" "$TMP/example" "$TMP/missing.txt" "$TMP/x.pdf" "$TMP/x.epub" 2>"$TMP/ex.err"; then
	fail "a missing article: the example fails with the library's message"
elif grep -q "missing.txt" "$TMP/ex.err" && [ ! -e "$TMP/x.pdf" ]; then ok "a missing article: the example fails with the library's message, nothing written"
else fail "a missing article: the example fails with the library's message" "$(cat "$TMP/ex.err")"; fi
