#!/bin/sh
# test-epub.sh — the EPUB back end end to end: books made by build/warta from
# the sample, the purpose-written articles here (RTL, CJK, notes and tables,
# hostile text), the corpus ($CORPUS, skipped when absent), an edition and
# --embed-fonts, plus the hand-built trees of build/tests/test_epub.  Checks:
# epubcheck 4.2.6 0 fatals/errors/warnings (all books in one JVM), xmllint on
# every member, the OCF header bytes, pandoc read-back and toc/dateline/quotes/
# cover/lang against the reader's tree (bookcheck.py), the same bytes under
# TZ=UTC and TZ=Asia/Jakarta, and no file left behind when the output fails.
. "$(dirname "$0")/../lib.sh"
HERE="$ROOT/tests/epub"
JAR=/usr/share/java/epubcheck.jar
OUT="$TMP/books"
mkdir -p "$OUT"

if [ ! -x "$WARTA" ]; then
	fail "build/warta exists" "run make first"
	exit 0
fi

# ---------------------------------------------------------------- books
books=
singles=
book() {	# book NAME SINGLE WARTA-ARGS…: makes $OUT/NAME.epub
	name=$1 single=$2
	shift 2
	if $RUN "$WARTA" -q "$@" -o "$OUT/$name.epub" 2>"$TMP/err"; then
		books="$books $OUT/$name.epub"
		[ "$single" = 1 ] && singles="$singles $name:$1"
		ok "builds $name"
	else
		fail "builds $name" "$(cat "$TMP/err")"
	fi
}
book sample 1 "$SAMPLE"
for f in "$HERE"/*.txt; do
	book "$(basename "$f" .txt)" 1 "$f"
done
book sample-fonts 0 --embed-fonts "$SAMPLE"
book edition 0 --edition 'Edisi Uji' --edition-date 2024-10-26 "$SAMPLE" "$HERE"/*.txt
book edition-fonts 0 --embed-fonts --edition 'Edisi Uji' "$SAMPLE" "$HERE"/rtl-ar.txt

# the unit test's hand-built trees, written where we can check them
if [ -x "$ROOT/$BUILD/tests/test_epub" ]; then
	"$ROOT/$BUILD/tests/test_epub" "$OUT/unit" >/dev/null 2>&1
	for b in "$OUT"/unit/*.epub; do
		case $(basename "$b") in
		tz-*|bad-epoch.epub) ;;	# the sample again: its bytes are the unit test's business
		*) [ -f "$b" ] && books="$books $b" ;;
		esac
	done
fi

if have_corpus; then
	mkdir -p "$OUT/corpus"
	if "$WARTA" -q -d "$OUT/corpus" -t epub "$CORPUS" 2>"$TMP/err"; then
		ok "builds every corpus article"
	else
		fail "builds every corpus article" "$(cat "$TMP/err")"
	fi
	for f in "$CORPUS"/*.txt; do
		n=$(basename "$f" .txt)
		if [ -f "$OUT/corpus/$n.epub" ]; then
			books="$books $OUT/corpus/$n.epub"
			singles="$singles corpus/$n:$f"
		else
			fail "corpus $n.epub made"
		fi
	done
	book corpus-edition 0 --edition 'Korpus' --edition-date 2025-10-01 "$CORPUS"
else
	skip "corpus books" "no corpus at $CORPUS"
fi

# ---------------------------------------------------------------- epubcheck
# All books in one JVM (EpubCheckBatch.java, run from source: needs the JDK's
# compiler); without it, one `java -jar` per book.
if ! command -v java >/dev/null 2>&1 || [ ! -f "$JAR" ]; then
	skip "epubcheck" "no java or $JAR"
else
	if java --list-modules 2>/dev/null | grep -q '^jdk.compiler'; then
		# shellcheck disable=SC2086
		java -cp "$JAR" "$HERE/EpubCheckBatch.java" $books >"$TMP/ec" 2>&1
	else
		: >"$TMP/ec"
		for b in $books; do
			java -jar "$JAR" "$b" >"$TMP/ec1" 2>&1
			cat "$TMP/ec1" >>"$TMP/ec"
			sed -n 's|^Messages: \([0-9]*\) fatals* / \([0-9]*\) errors* / \([0-9]*\) warnings*.*|RESULT '"$b"' \1 \2 \3|p' \
				"$TMP/ec1" >>"$TMP/ec"
			grep -q '^No errors or warnings detected' "$TMP/ec1" && echo "RESULT $b 0 0 0" >>"$TMP/ec"
		done
	fi
	for b in $books; do
		n=${b#"$OUT"/}
		if grep -qxF "RESULT $b 0 0 0" "$TMP/ec"; then
			ok "epubcheck 0 errors 0 warnings: $n"
		else
			fail "epubcheck 0 errors 0 warnings: $n" "$(grep -F "$b" "$TMP/ec")"
		fi
	done
fi

# ---------------------------------------------------------------- members
# xmllint on every XML member; the first local header as epubcheck reads it.
want=$(printf 'mimetypeapplication/epub+zip' | od -An -tx1)
for b in $books; do
	n=${b#"$OUT"/}
	x="$TMP/x/$n"
	mkdir -p "$x"
	if ! unzip -q -o "$b" -d "$x" 2>"$TMP/err"; then
		fail "unzips: $n" "$(cat "$TMP/err")"
		continue
	fi
	files=$(find "$x" -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' -o -name '*.xml' | sort)
	# shellcheck disable=SC2086
	check "xmllint --noout on every member: $n" xmllint --noout $files
	got=$(dd if="$b" bs=1 skip=30 count=28 2>/dev/null | od -An -tx1)
	hdr=$(dd if="$b" bs=1 skip=26 count=4 2>/dev/null | od -An -tx1)
	meth=$(dd if="$b" bs=1 skip=8 count=2 2>/dev/null | od -An -tx1)
	if [ "$got" = "$want" ] && [ "$hdr" = "$(printf '\010\000\000\000' | od -An -tx1)" ] &&
	   [ "$meth" = "$(printf '\000\000' | od -An -tx1)" ]; then
		ok "mimetype first, stored, no extra field: $n"
	else
		fail "mimetype first, stored, no extra field: $n" "name+content:$got len:$hdr method:$meth"
	fi
done

# pull quotes ("> [!PULLQUOTE]"): a blockquote of class pull each, the
# marker line gone, the text inside (pullquote.txt has three)
x="$TMP/x/pullquote.epub/EPUB/text/a001.xhtml"
if [ -f "$x" ] && [ "$(grep -c '<blockquote class="pull">' "$x")" = 3 ] && ! grep -qi 'PULLQUOTE' "$x" &&
   grep -A1 '<blockquote class="pull">' "$x" | grep -q 'A city that forgets its river forgets itself'; then
	ok "pull quotes are blockquote.pull, marker gone"
else
	fail "pull quotes are blockquote.pull, marker gone" "$(grep -n -A2 'pull' "$x" 2>&1 | head -12)"
fi

# orphan photo captions (orphan-captions.txt has five): not in the book, and
# the paragraph after one is indented as after any paragraph
x="$TMP/x/orphan-captions.epub/EPUB/text/a001.xhtml"
if [ -f "$x" ] && ! grep -q 'Foto: Warga\|AP Photo\|Humas Pemkot\|讀者提供\|Photo: Volunteers' "$x" &&
   grep -q '<p>Petugas kebersihan' "$x" && grep -q '<p>Pemerintah kota' "$x"; then
	ok "orphan captions are not set, the next paragraph is indented"
else
	fail "orphan captions are not set, the next paragraph is indented" "$(grep -n '<p' "$x" 2>&1 | head -12)"
fi

# ---------------------------------------------------------------- read back
if command -v pandoc >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	for s in $singles; do
		n=${s%%:*} src=${s#*:}
		j="$TMP/json/$n.json"
		mkdir -p "$(dirname "$j")"
		if "$WARTA" -q "$src" -o "$j" 2>/dev/null; then
			python3 "$HERE/bookcheck.py" "$n" "$OUT/$n.epub" "$j"
		else
			fail "$n: the reader's tree"
		fi
	done
else
	skip "pandoc read-back" "no pandoc or python3"
fi

# ---------------------------------------------------------------- bytes
# Same input, same bytes: two runs, two time zones (libzip's times go
# through localtime), without SOURCE_DATE_EPOCH too.
for args in "$SAMPLE" "$HERE/rtl-ar.txt" "$HERE/cjk-zh.txt" "--embed-fonts $SAMPLE" \
            "--edition E $SAMPLE $HERE/notes-tables.txt $HERE/hostile.txt"; do
	# shellcheck disable=SC2086
	TZ=UTC "$WARTA" -q $args -o "$TMP/tz1.epub" 2>/dev/null
	# shellcheck disable=SC2086
	TZ=Asia/Jakarta "$WARTA" -q $args -o "$TMP/tz2.epub" 2>/dev/null
	# shellcheck disable=SC2086
	env -u SOURCE_DATE_EPOCH TZ=America/St_Johns "$WARTA" -q $args -o "$TMP/tz3.epub" 2>/dev/null
	# shellcheck disable=SC2086
	env -u SOURCE_DATE_EPOCH TZ=Asia/Jakarta "$WARTA" -q $args -o "$TMP/tz4.epub" 2>/dev/null
	short=$(echo "$args" | sed "s|$ROOT/||g")
	if [ -s "$TMP/tz1.epub" ] && cmp -s "$TMP/tz1.epub" "$TMP/tz2.epub" && [ -s "$TMP/tz3.epub" ] &&
	   cmp -s "$TMP/tz3.epub" "$TMP/tz4.epub"; then
		ok "same bytes under TZ=UTC and TZ=Asia/Jakarta: $short"
	else
		fail "same bytes under TZ=UTC and TZ=Asia/Jakarta: $short" "$(cmp "$TMP/tz1.epub" "$TMP/tz2.epub" 2>&1)"
	fi
	rm -f "$TMP"/tz?.epub
done

# ---------------------------------------------------------------- Chinese
# A Chinese book takes the print's Chinese rules: a two-em paragraph indent,
# the headline at 3/4 of its size; a book in another language does not.
"$WARTA" -q "$HERE/cjk-zh.txt" -o "$TMP/zh.epub" 2>/dev/null
unzip -p "$TMP/zh.epub" EPUB/css/news.css >"$TMP/zh.css" 2>/dev/null
unzip -p "$TMP/zh.epub" EPUB/text/a001.xhtml 2>/dev/null | grep -q 'lang="zh' &&
grep -qx 'p {text-indent:2em;}' "$TMP/zh.css" && grep -q '^h1.headline[^{]* {font-size:[0-9.]*em;}$' "$TMP/zh.css" &&
	ok "Chinese book: two-em indent, headline at 3/4" || fail "Chinese book: CSS" "$(tail -5 "$TMP/zh.css")"
"$WARTA" -q "$SAMPLE" -o "$TMP/id.epub" 2>/dev/null
unzip -p "$TMP/id.epub" EPUB/css/news.css | grep -qx 'p {text-indent:2em;}' &&
	fail "Indonesian book: no Chinese indent" || ok "Indonesian book: no Chinese indent"

# ---------------------------------------------------------------- failures
# An output that cannot be written fails and leaves nothing behind.
mkdir -p "$TMP/w"
: >"$TMP/w/plain-file"
before=$(ls -A "$TMP/w" | wc -l)
for target in "$TMP/w/plain-file/x.epub" "$TMP/w/missing/x.epub" "$TMP/w"; do
	if "$WARTA" -q "$SAMPLE" -o "$target" 2>/dev/null; then
		fail "unwritable output fails: ${target#"$TMP"/}"
	else
		ok "unwritable output fails: ${target#"$TMP"/}"
	fi
done
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$TMP/w/ro"
	chmod 555 "$TMP/w/ro"
	before=$((before + 1))
	if "$WARTA" -q "$SAMPLE" -o "$TMP/w/ro/x.epub" 2>/dev/null; then
		fail "read-only directory fails"
	else
		check "read-only directory left empty" test -z "$(ls -A "$TMP/w/ro")"
	fi
	chmod 755 "$TMP/w/ro"
else
	skip "read-only directory" "root writes anywhere"
fi
check "nothing left behind" test "$(ls -A "$TMP/w" | wc -l)" -eq "$before"
