#!/bin/sh
# test-options.sh — the command line: options, usage errors and exit codes,
# output naming (-o, -t, -d), standard input and output, output == input
# refused, help and man page agreeing on every option.
. "$(dirname "$0")/../lib.sh"


# expect_rc NAME RC CMD…: ok when CMD exits with RC; its stderr is kept in $TMP/err
expect_rc() {
	name=$1 want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
	if [ "$rc" = "$want" ]; then ok "$name"; else fail "$name" "exit $rc, wanted $want: $(cat "$TMP/err")"; fi
}
# usage NAME PATTERN ARGS…: exit 2, the message matches PATTERN, nothing on stdout
usage() {
	name=$1 pat=$2; shift 2
	$RUN $WARTA "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
	if [ $rc = 2 ] && grep -q -- "$pat" "$TMP/err" && [ ! -s "$TMP/out" ] &&
	   grep -q "^warta: " "$TMP/err"; then
		ok "usage error: $name"
	else
		fail "usage error: $name" "exit $rc; stderr: $(cat "$TMP/err")"
	fi
}

expect_rc "--version exits 0" 0 $WARTA --version
grep -q '^warta [0-9]' "$TMP/out" && ok "--version names warta and its version" || fail "--version output" "$(cat "$TMP/out")"
expect_rc "--help exits 0" 0 $WARTA --help
cp "$TMP/out" "$TMP/help"

# every long option of --help is in the man page, and the man page is clean
opts=$(grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u)
missing=
for o in $opts; do
	grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$ROOT/warta.1" || missing="$missing $o"
done
[ -n "$opts" ] && [ -z "$missing" ] && ok "man page documents every option of --help ($(echo $opts | wc -w))" ||
	fail "man page misses options" "$missing"
for o in output to outdir style list-styles lang quiet verbose version keep-boilerplate repair \
         dpi pages report embed-fonts max-size edition edition-date files-from jobs; do
	grep -q -- "--$o" "$TMP/help" || missing="$missing --$o"
done
[ -z "$missing" ] && ok "--help lists the options of issues 2 and 5" || fail "--help misses" "$missing"
if command -v groff >/dev/null; then
	w=$(groff -man -Tutf8 -ww "$ROOT/warta.1" 2>&1 >/dev/null)
	[ -z "$w" ] && ok "groff -ww: man page without warnings" || fail "groff warnings" "$w"
else
	skip "groff -ww" "groff not installed"
fi

# usage errors: exit 2, a message, nothing written
usage "no input" "no input"
usage "unknown option" "unknown option --frobnicate" --frobnicate x.txt
usage "unknown format" "unknown format 'doc'" -t doc "$SAMPLE"
usage "empty -t" "needs a format" -t , "$SAMPLE"
usage "-o extension unknown" "cannot tell the format" -o "$TMP/x.docx" "$SAMPLE"
usage "-o and -t disagree" "says pdf" -o "$TMP/x.pdf" -t epub "$SAMPLE"
usage "-o and -d" "exclude" -o "$TMP/x.json" -d "$TMP" "$SAMPLE"
usage "-q and -v" "exclude" -q -v -t json "$SAMPLE"
usage "several formats without -d" "use -d" -t json,pdf "$SAMPLE"
usage "several inputs without -d" "use -d" -t json "$SAMPLE" "$SAMPLE"
usage "stdin twice" "only once" -d "$TMP/o" -t json - -
usage "stdin for names and input" "only once" -d "$TMP/o" -t json --files-from - - </dev/null
usage "bad --pages" "not a page range" --pages 3-1 -t json "$SAMPLE"
usage "bad --pages text" "not a page range" --pages x -t json "$SAMPLE"
usage "--pages past INT_MAX (atoi made 4294967297 page 1)" "not a page range" --pages 4294967297 -t png -o "$TMP/p.png" "$SAMPLE"
usage "--pages with a sign" "not a page range" --pages 2-+3 -t png -o "$TMP/p.png" "$SAMPLE"
usage "--pages 0" "not a page range" --pages 0-2 -t png -o "$TMP/p.png" "$SAMPLE"
usage "--dpi out of range" "out of range" --dpi 5 -t json "$SAMPLE"
usage "bad --max-size" "not a size" --max-size 12Q -t json "$SAMPLE"
usage "bad -l" "not a language tag" -l "in donesia" -t json "$SAMPLE"
usage "negative -j" "the number of jobs is a whole number" -j -1 -t json "$SAMPLE"
usage "bad -j" "the number of jobs is a whole number" -j x -t json "$SAMPLE"
usage "bad --edition-date" "not a date" --edition X --edition-date 2024-02-30 -o "$TMP/e.json" "$SAMPLE"
usage "--edition-date with a sign" "not a date" --edition X --edition-date=+024-01-01 -o "$TMP/e.json" "$SAMPLE"
usage "--edition-date with a space" "not a date" --edition X --edition-date=" 024-01-01" -o "$TMP/e.json" "$SAMPLE"
usage "--edition-date year 0" "not a date" --edition X --edition-date=0000-01-01 -o "$TMP/e.json" "$SAMPLE"
# SOURCE_DATE_EPOCH: a number of seconds from 0 to 9999-12-31, digits only
for sde in abc 12x -5 +5 ' 5' 253402300800 99999999999999999999; do
	SOURCE_DATE_EPOCH=$sde usage "SOURCE_DATE_EPOCH='$sde'" "SOURCE_DATE_EPOCH=.* is not a number of seconds" -o "$TMP/e.pdf" "$SAMPLE"
done
usage "edition without -o" "name it with -o" --edition X "$SAMPLE"
usage "edition as PNG" "an edition is one" --edition X -o "$TMP/e.png" "$SAMPLE"
usage "--edition-date alone" "need --edition" --edition-date 2024-01-01 -t json "$SAMPLE"
usage "bad --group-by" "use section, source or none" --edition X --group-by day -o "$TMP/e.json" "$SAMPLE"
usage "unknown style" "nope" -s nope -t json "$SAMPLE"
[ -z "$(ls -A "$TMP" | grep -v -e '^out$' -e '^err$' -e '^help$')" ] &&
	ok "usage errors wrote no file" || fail "usage errors wrote files" "$(ls -A "$TMP")"


if command -v script >/dev/null; then
	script -qec "$WARTA -t epub '$SAMPLE'" /dev/null >"$TMP/tty.log" 2>&1; rc=$?
	[ $rc = 2 ] && grep -q "not writing EPUB to a terminal" "$TMP/tty.log" &&
		ok "usage error: EPUB to a terminal" || fail "usage error: EPUB to a terminal" "exit $rc: $(cat "$TMP/tty.log")"
	rm -f "$TMP/tty.log"
fi

expect_rc "--list-styles exits 0" 0 $WARTA --list-styles
grep -q '^a4 ' "$TMP/out" && ok "--list-styles lists a4 with its description" ||
	fail "--list-styles" "$(cat "$TMP/out" "$TMP/err")"

# -t json to standard output
expect_rc "-t json exits 0" 0 $RUN $WARTA -t json "$SAMPLE"
cp "$TMP/out" "$TMP/sample.json"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "5 Negara Sahabat Korea Utara" in json.dumps(d, ensure_ascii=False)' "$TMP/sample.json" 2>"$TMP/err"; then
	ok "-t json prints the tree as JSON on stdout, with the headline"
else
	fail "-t json prints JSON" "$(cat "$TMP/err")"
fi
[ ! -s "$TMP/err" ] && ok "nothing on stderr for the sample" || fail "stderr for the sample" "$(cat "$TMP/err")"
$WARTA -o - -t json "$SAMPLE" >"$TMP/o1.json" 2>/dev/null
cmp -s "$TMP/o1.json" "$TMP/sample.json" && ok "-o - -t json is the same as stdout" || fail "-o -"

# -o FILE: format from the extension, atomically, no stray temporary file
mkdir -p "$TMP/o"
expect_rc "-o FILE.json exits 0" 0 $WARTA "$SAMPLE" -o "$TMP/o/s.json"
cmp -s "$TMP/o/s.json" "$TMP/sample.json" && ok "-o FILE.json writes the same tree" || fail "-o FILE.json"
[ "$(ls -A "$TMP/o")" = "s.json" ] && ok "-o leaves only its file" || fail "-o leaves files" "$(ls -A "$TMP/o")"
expect_rc "-o FILE -t json: -t names the format" 0 $WARTA "$SAMPLE" -t json -o "$TMP/o/tree.out"
cmp -s "$TMP/o/tree.out" "$TMP/sample.json" && ok "-o without extension takes -t" || fail "-o with -t"

# standard input
expect_rc "- reads standard input" 0 $WARTA -t json - <"$SAMPLE"
grep -q '5 Negara Sahabat Korea Utara' "$TMP/out" && ok "stdin: the headline is read" || fail "stdin"
cat "$SAMPLE" | $WARTA -d "$TMP/stdin" -t json - 2>"$TMP/err"
[ -f "$TMP/stdin/stdin.json" ] && ok "-d with stdin writes DIR/stdin.json" || fail "-d stdin" "$(ls "$TMP/stdin") $(cat "$TMP/err")"

# -d DIR: DIR/NAME.EXT, NAME from the file name, never from the text
mkdir -p "$TMP/in/a" "$TMP/in/b"
cp "$SAMPLE" "$TMP/in/a/first.txt"
cp "$SAMPLE" "$TMP/in/second.md"
printf 'not an article\n' >"$TMP/in/notes.pdf"
expect_rc "-d with a directory input" 0 $WARTA -d "$TMP/d1" -t json "$TMP/in"
[ "$(ls "$TMP/d1" | tr '\n' ' ')" = "first.json second.json " ] &&
	ok "-d DIR: one DIR/NAME.json per article file of the directory" || fail "-d names" "$(ls -A "$TMP/d1")"
printf '%s\n' "$TMP/in/a/first.txt" "" "$TMP/in/second.md" >"$TMP/list"
expect_rc "--files-from FILE" 0 $WARTA -d "$TMP/d2" -t json --files-from "$TMP/list"
[ "$(ls "$TMP/d2" | tr '\n' ' ')" = "first.json second.json " ] && ok "--files-from: one output per listed name" || fail "--files-from" "$(ls -A "$TMP/d2")"
expect_rc "--files-from -" 0 $WARTA -d "$TMP/d3" -t json --files-from - <"$TMP/list"
[ "$(ls "$TMP/d3" | tr '\n' ' ')" = "first.json second.json " ] && ok "--files-from - reads names from stdin" || fail "--files-from -"

# same NAME from two inputs: the second is an error, the first is written
cp "$SAMPLE" "$TMP/in/b/first.txt"
expect_rc "two inputs with one NAME: exit 1" 1 $WARTA -j 1 -d "$TMP/d4" -t json "$TMP/in/a/first.txt" "$TMP/in/b/first.txt"
grep -q "b/first.txt: error: .*would be those of .*a/first.txt" "$TMP/err" && ok "the clash names both inputs" || fail "clash message" "$(cat "$TMP/err")"
expect_rc "same NAME with -j 2: the later input fails, whatever the timing" 1 $WARTA -j 2 -d "$TMP/d4b" -t json "$TMP/in/b/first.txt" "$TMP/in/a/first.txt"
grep -q "a/first.txt: error: .*would be those of .*b/first.txt" "$TMP/err" && ! grep -q "b/first.txt: error" "$TMP/err" &&
	[ -f "$TMP/d4b/first.json" ] && ok "-j 2: the later input in input order fails, the earlier is written" || fail "-j 2 clash" "$(cat "$TMP/err")"
[ -f "$TMP/d4/first.json" ] && ok "the first of the clashing inputs is written" || fail "clash: first written"

# output == input refused
cp "$SAMPLE" "$TMP/self.json"
cp "$TMP/self.json" "$TMP/self.orig"
usage "-o is the input" "is one of the inputs" -t json "$TMP/self.json" -o "$TMP/self.json"
ln -s self.json "$TMP/link.json"
usage "-o is the input through a symlink" "is one of the inputs" -t json "$TMP/link.json" -o "$TMP/self.json"
mkdir -p "$TMP/selfdir" && cp "$SAMPLE" "$TMP/selfdir/x.json"
expect_rc "-d DIR/NAME.EXT is the input: exit 1" 1 $WARTA -d "$TMP/selfdir" -t json "$TMP/selfdir/x.json"
grep -q "is one of the inputs" "$TMP/err" && ok "-d refuses to write over its input" || fail "-d over input" "$(cat "$TMP/err")"
cmp -s "$TMP/self.json" "$TMP/self.orig" && cmp -s "$TMP/selfdir/x.json" "$SAMPLE" &&
	ok "inputs are untouched" || fail "an input was overwritten"

# a missing input: exit 1, a message naming it, the others converted
expect_rc "a missing input among others: exit 1" 1 $WARTA -d "$TMP/d5" -t json "$TMP/in/a/first.txt" "$TMP/missing.txt" "$TMP/in/second.md"
grep -q "missing.txt" "$TMP/err" && [ -f "$TMP/d5/first.json" ] && [ -f "$TMP/d5/second.json" ] &&
	ok "the missing input is named, the others written" || fail "missing input" "$(cat "$TMP/err"; ls "$TMP/d5")"
[ -z "$(ls -A "$TMP/d5" | grep '^\.')" ] && ok "no temporary file left" || fail "temporary files" "$(ls -A "$TMP/d5")"

# diagnostics: FILE:LINE:COL, notes only with -v, warnings not with -q
printf '# Title\n\nA line with a NUL\001 in it.\n' >"$TMP/ctl.txt"
$WARTA -t json "$TMP/ctl.txt" >/dev/null 2>"$TMP/err"
grep -q "^warta: $TMP/ctl.txt:3:[0-9]*: warning: " "$TMP/err" && ok "warnings print as warta: FILE:LINE:COL: warning:" ||
	fail "warning format" "$(cat "$TMP/err")"
$WARTA -q -t json "$TMP/ctl.txt" >/dev/null 2>"$TMP/err"
[ ! -s "$TMP/err" ] && ok "-q hides warnings" || fail "-q" "$(cat "$TMP/err")"
printf '\377\376 broken\n' >"$TMP/bad.txt"
expect_rc "invalid UTF-8: exit 1" 1 $WARTA -q -t json "$TMP/bad.txt"
grep -q "^warta: $TMP/bad.txt:1:1: error: " "$TMP/err" && ok "errors print as warta: FILE:LINE:COL: error: (even with -q)" ||
	fail "error format" "$(cat "$TMP/err")"
[ ! -s "$TMP/out" ] && ok "a failed input writes nothing to stdout" || fail "failed input stdout"
expect_rc "--repair turns it into a warning" 0 $WARTA --repair -t json "$TMP/bad.txt"
expect_rc "--max-size refuses a larger input: exit 1" 1 $WARTA --max-size 100 -t json "$SAMPLE"
# at most 1000 messages of a kind are kept; the rest are counted
python3 -c 'print("# T\n"); [print("line %d \x7f" % i) for i in range(1100)]' >"$TMP/many.txt"
$WARTA -t json -o "$TMP/many.json" "$TMP/many.txt" 2>"$TMP/err"
if [ "$(grep -c ': warning: control character' "$TMP/err")" = 1000 ] &&
   grep -q '^warta: warning: 100 more warnings not shown$' "$TMP/err"; then ok "1000 warnings shown, the other 100 counted"
else fail "1000 warnings shown, the other 100 counted" "$(tail -2 "$TMP/err")"; fi
# a front-matter date with a sign ("%4u" read +024 as the year 24)
printf -- '---\ntitle: T\ndate: +024-01-01\n---\n\nText.\n' >"$TMP/sign.txt"
$WARTA -t json -o - "$TMP/sign.txt" >"$TMP/out" 2>"$TMP/err"
grep -q "date is not YYYY-MM-DD: +024-01-01" "$TMP/err" && grep -q '"date": null' "$TMP/out" &&
	ok "front matter: a date with a sign is no date" || fail "front matter: a date with a sign is no date" "$(cat "$TMP/err")"
# the largest size: the reader's limit + 1 wrapped to 0 and standard input read as empty
$WARTA --max-size 18446744073709551615 -t json -o - - <"$SAMPLE" >"$TMP/out" 2>"$TMP/err" &&
	grep -q '"title": "5 Negara Sahabat Korea Utara"' "$TMP/out" && ok "--max-size SIZE_MAX reads standard input whole" ||
	fail "--max-size SIZE_MAX reads standard input whole" "$(cat "$TMP/err")"
$WARTA --max-size 100 -t json -o - - <"$SAMPLE" >"$TMP/out" 2>"$TMP/err"
[ $? = 1 ] && grep -q "more than the limit of 100" "$TMP/err" && ok "--max-size 100 refuses a larger standard input" ||
	fail "--max-size 100 refuses a larger standard input" "$(cat "$TMP/err")"

# options reach the reader: -l, --keep-boilerplate (and its note with -v)
$WARTA -t json -l en "$SAMPLE" 2>/dev/null | python3 -c 'import json,sys; m=json.load(sys.stdin)["meta"]; assert m["lang"]=="en" and m["lang_origin"]=="option", m' 2>"$TMP/err" &&
	ok "-l en overrides detection (lang en, origin option)" || fail "-l" "$(cat "$TMP/err")"
printf '# Title\n\nFirst paragraph of the article.\n\nAdvertisement\n\nSecond paragraph of the article.\n' >"$TMP/bp.txt"
$WARTA -t json "$TMP/bp.txt" 2>/dev/null | grep -q Advertisement && fail "boilerplate dropped by default" || ok "boilerplate dropped by default"
$WARTA -t json --keep-boilerplate "$TMP/bp.txt" 2>/dev/null | grep -q Advertisement && ok "--keep-boilerplate keeps it" || fail "--keep-boilerplate"
$WARTA -t json "$TMP/bp.txt" 2>&1 >/dev/null | grep -q "note" && fail "notes hidden without -v" || ok "notes hidden without -v"
$WARTA -v -t json "$TMP/bp.txt" 2>&1 >/dev/null | grep -q "^warta: $TMP/bp.txt:5:1: note: " && ok "-v shows the dropped line as a note with its position" ||
	fail "-v note" "$($WARTA -v -t json "$TMP/bp.txt" 2>&1 >/dev/null)"

# EPUB options: --embed-fonts
$WARTA "$SAMPLE" -o "$TMP/nf.epub" && $WARTA --embed-fonts "$SAMPLE" -o "$TMP/ef.epub"
a=$(unzip -l "$TMP/nf.epub" | grep -ci '\.[ot]tf$\|\.woff2*$'); b=$(unzip -l "$TMP/ef.epub" | grep -ci '\.[ot]tf$\|\.woff2*$')
[ "$a" = 0 ] && [ "$b" -gt 0 ] && ok "--embed-fonts puts the fonts in the EPUB ($b files), not without it" || fail "--embed-fonts" "$a without, $b with"

# print options: --report, --dpi, --pages
expect_rc "-o FILE.pdf" 0 $WARTA "$SAMPLE" -o "$TMP/s.pdf"
check "qpdf --check the CLI's PDF" qpdf --check "$TMP/s.pdf"
pages=$(pdfinfo "$TMP/s.pdf" | sed -n 's/^Pages: *//p')
expect_rc "--report" 0 $WARTA --report "$SAMPLE" -o "$TMP/r.pdf"
grep -q "^warta: $TMP/r.pdf: $pages pages\{0,1\}, [0-9]* lines, [0-9]* justified (mean word gap [0-9.]* em, largest [0-9.]*): [0-9]* loose, [0-9]* tight, [0-9]* hyphenated (longest run [0-9]*), [0-9]* overfull, [0-9]* widows, [0-9]* orphans\(, 0 off the grid\)\{0,1\}$" "$TMP/err" &&
	ok "--report: pages (as pdfinfo counts them), lines, justified, word gaps, loose, tight, hyphens, widows" || fail "--report" "$(cat "$TMP/err")"
cmp -s "$TMP/s.pdf" "$TMP/r.pdf" && ok "--report changes nothing in the PDF" || fail "--report changed the PDF"
png_width() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(struct.unpack(">I", d[16:20])[0])' "$1"; }
expect_rc "--pages 1 --dpi 50 -o FILE.png" 0 $WARTA --pages 1 --dpi 50 "$SAMPLE" -o "$TMP/p50.png"
expect_rc "--pages 1 --dpi 100 -o FILE.png" 0 $WARTA --pages 1 --dpi 100 "$SAMPLE" -o "$TMP/p100.png"
w50=$(png_width "$TMP/p50.png" 2>/dev/null); w100=$(png_width "$TMP/p100.png" 2>/dev/null)
[ -n "$w50" ] && [ -n "$w100" ] && [ $((w100 - 2 * w50)) -ge -1 ] && [ $((w100 - 2 * w50)) -le 1 ] &&
	ok "--dpi scales the PNG (${w50}px at 50, ${w100}px at 100)" || fail "--dpi" "$w50 / $w100; $(ls "$TMP" | grep png)"
expect_rc "-t svg --pages 1" 0 $WARTA -t svg --pages 1 "$SAMPLE" -o "$TMP/p.svg"
xmllint --noout "$TMP/p.svg" 2>/dev/null && ok "the SVG page is well-formed XML" || fail "SVG page" "$(ls "$TMP" | grep svg)"
if command -v script >/dev/null; then
	script -qec "$WARTA '$SAMPLE'" /dev/null >"$TMP/tty.log" 2>&1; rc=$?
	[ $rc = 2 ] && grep -q "not writing PDF to a terminal" "$TMP/tty.log" &&
		ok "usage error: PDF to a terminal" || fail "usage error: PDF to a terminal" "exit $rc: $(head -3 "$TMP/tty.log")"
fi
$WARTA "$SAMPLE" >"$TMP/stdout.pdf" 2>/dev/null
cmp -s "$TMP/stdout.pdf" "$TMP/s.pdf" && ok "PDF to standard output (a pipe) equals -o FILE" || fail "PDF to stdout"
# PNG of several pages: NAME-1.png, NAME-2.png …, and -v lists those files
{ head -1 "$SAMPLE"; for n in 1 2 3; do tail -n +2 "$SAMPLE"; done; } >"$TMP/long.txt"
$WARTA -v --dpi 20 -d "$TMP/png" -t png "$TMP/long.txt" 2>"$TMP/err"
n=$(ls "$TMP/png" | grep -c '^long-[0-9]*\.png$')
[ "$n" -ge 2 ] && [ ! -e "$TMP/png/long.png" ] && ok "several pages: long-1.png … long-$n.png" || fail "PNG pages" "$(ls "$TMP/png")"
grep -q "→ $TMP/png/long-1.png $TMP/png/long-2.png" "$TMP/err" && ok "-v lists the page files written" || fail "-v PNG pages" "$(cat "$TMP/err")"
