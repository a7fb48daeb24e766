#!/bin/sh
# test-print.sh — the print engine end to end: golden layout traces (fonts
# pinned by fonts/fonts.list), qpdf --check, embedded fonts, metadata and
# outline, byte-identical reruns, pdftotext round trips of the sample, the
# test inputs and every corpus article, PNG and SVG pages.
. "$(dirname "$0")/../lib.sh"
DATA="$ROOT/tests/print/data"

# Golden layout traces (doc/trace.md), found, not listed: the sample in every
# shipped style (styles/NAME.style: golden data/sample-NAME.trace), and every
# test input data/NAME.txt with a data/NAME.trace beside it, set with the
# options in data/NAME.args and the style data/NAME.style when there are;
# where data/NAME.err is there too, the warnings are golden as well (file
# names without their folder).  REGEN=1 writes the goldens.
for st in "$ROOT"/styles/*.style; do
	style=$(basename "$st" .style)
	if trace_pdf "$TMP/s-$style.trace" "$TMP/s-$style.pdf" -q -s "$style" "$SAMPLE"; then
		diff_golden "trace: sample in $style" "$TMP/s-$style.trace" "$DATA/sample-$style.trace"
	else
		fail "sample in $style sets"
	fi
done
for gold in "$DATA"/*.trace; do
	f=$(basename "$gold" .trace)
	[ -f "$DATA/$f.txt" ] || continue       # sample-STYLE: above
	set --
	[ -f "$DATA/$f.args" ] && set -- $(cat "$DATA/$f.args")
	[ -f "$DATA/$f.style" ] && set -- "$@" -s "$DATA/$f.style"
	how=${1:+ ($*)}
	[ -f "$DATA/$f.err" ] || set -- -q "$@"
	if trace_pdf "$TMP/$f.trace" "$TMP/$f.pdf" "$@" "$DATA/$f.txt" 2>"$TMP/$f.err"; then
		diff_golden "trace: $f$how" "$TMP/$f.trace" "$gold"
		if [ -f "$DATA/$f.err" ]; then
			sed "s|$DATA/||" "$TMP/$f.err" >"$TMP/$f.err2"
			diff_golden "warnings: $f" "$TMP/$f.err2" "$DATA/$f.err"
		fi
	else
		fail "$f sets" "$(cat "$TMP/$f.err")"
	fi
done
[ -f "$TMP/blocks.trace" ] && [ -f "$TMP/wide.trace" ] && ok "the golden cases were found" ||
	fail "the golden cases were found" "$(ls "$DATA")"

# issue 18's print polish.  Links ([link] print-url): a4 sets the URLs as
# notes (one for a URL linked twice, none for an anchor or a link whose text
# is its URL, a mail address without its scheme); ereader after the text.
sed 's/\xc2\xa0/ /g' "$TMP/links.trace" >"$TMP/links.sp"    # a note's number is followed by a no-break space
n=$(grep -c '|[0-9] https\?:\||[0-9] clerk@' "$TMP/links.sp")
if [ "$n" = 3 ] && grep -q '|2 https://example.org/council/minutes-2025-02-03.pdf|' "$TMP/links.sp" &&
   grep -q '|4 clerk@example.org|' "$TMP/links.sp" && ! grep -q '[0-9] https://example.org/plan|\|#sec' "$TMP/links.sp"; then
	ok "links: a note per URL, none for anchors or URLs as text"
else fail "links: a note per URL, none for anchors or URLs as text" "$(grep -n 'example' "$TMP/links.sp")"; fi
if trace_pdf "$TMP/links-e.trace" "$TMP/links-e.pdf" -q -s ereader "$DATA/links.txt"; then
	diff_golden "trace: links (ereader)" "$TMP/links-e.trace" "$DATA/links-ereader.trace"
	t=$(pdftotext "$TMP/links-e.pdf" - | tr '\n' ' ')
	case $t in
	*"(https://example.org/budget)"*"(clerk@example.org)"*) ok "links: inline URLs after the text (ereader)" ;;
	*) fail "links: inline URLs after the text (ereader)" "$t" ;;
	esac
else fail "links sets in ereader"; fi
# a table's columns from content: the first column's short words whole
if grep -q '|Negara|' "$TMP/tables.trace" && grep -q '|Tiongkok|' "$TMP/tables.trace" &&
   ! grep -q '|Ne-\|Ti-\|Tiong-' "$TMP/tables.trace"; then ok "tables: no short word of a narrow column hyphenated"
else fail "tables: no short word of a narrow column hyphenated" "$(grep -n 'Neg\|Tio' "$TMP/tables.trace")"; fi
# the running head: the headline shortened at a word, with an ellipsis,
# inside the text width (A4, 20 mm margins)
if grep -A2 'running head' "$TMP/longhead.trace" | grep -q 'and set off…|$' &&
   pdftotext -f 2 -l 2 -bbox "$TMP/longhead.pdf" - | awk -F'"' '/<word/ && $4 + 0 < 50 { if ($6 + 0 > m) m = $6 + 0 } END { exit !(m > 300 && m <= 595.28 - 56.69) }'; then
	ok "running head: shortened at a word with an ellipsis, within its measure"
else fail "running head: shortened at a word with an ellipsis, within its measure" "$(grep -A2 'running head' "$TMP/longhead.trace" | head -3)"; fi
# orphan photo captions are not set (they stay in the JSON tree)
if grep -q '|Petugas kebersihan' "$TMP/captions.trace" &&
   ! grep -q 'Foto: Warga\|Humas Pemkot\|AP Photo\|讀者提供\|Photo: Volunteers' "$TMP/captions.trace"; then
	ok "orphan captions are not set"
else fail "orphan captions are not set" "$(grep -n 'Foto\|Photo\|圖' "$TMP/captions.trace")"; fi
# the drop cap is the opening paragraph's, never after a list or heading
if ! grep -q 'drop cap' "$TMP/dropcap-list.trace"; then ok "no drop cap after a list opening the body"
else fail "no drop cap after a list opening the body" "$(grep 'drop cap' "$TMP/dropcap-list.trace")"; fi

# the trace is an output format chosen by the caller (-t trace), the same
# on standard output; the library reads no environment variable for it
if "$WARTA" -q -t trace -o - "$DATA/rtl.txt" >"$TMP/rtl-stdout.trace" && cmp -s "$TMP/rtl-stdout.trace" "$TMP/rtl.trace"; then
	ok "-t trace -o -: the same trace on standard output"
else fail "-t trace -o -: the same trace on standard output" "$(diff "$TMP/rtl.trace" "$TMP/rtl-stdout.trace" | head -5)"; fi
rm -f "$TMP/env.trace"
if WARTA_PRINT_TRACE="$TMP/env.trace" "$WARTA" -q -o "$TMP/env.pdf" "$DATA/rtl.txt" && [ ! -e "$TMP/env.trace" ] &&
   cmp -s "$TMP/env.pdf" "$TMP/rtl.pdf"; then
	ok "WARTA_PRINT_TRACE is not read: a PDF run writes the PDF alone"
else fail "WARTA_PRINT_TRACE is not read: a PDF run writes the PDF alone" "$(ls "$TMP"/env.*)"; fi

# the column bench (issue 3) measured by the shared spacing tool: p95 word
# gap <= 0.50 em, loose <= 8 %, tight <= 2 % (spaces shrink by at most 1/5),
# <= 22 % hyphenated, hyphen runs <= 2
if [ -f "$SHARED/tools/pdf-spacing.py" ]; then
	got=$(python3 "$SHARED/tools/pdf-spacing.py" "$TMP/s-column.pdf" 2>&1 | tail -1)
	if printf '%s\n' "$got" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] + 0 } }
	    END { exit !(v["p95_gap_em"] <= 0.50 && v["loose"] <= 8 && v["tight"] <= 2 &&
	        v["hyphenated"] <= 0.22 * v["lines"] && v["max_hyphen_run"] <= 2) }'; then
		ok "column bench: $got"
	else
		fail "column bench within the targets" "$got"
	fi
else
	skip "column bench" "no $SHARED/tools/pdf-spacing.py"
fi

# drop caps: a paragraph that opens with a dateline keeps it whole (no cap)
if grep -q 'drop cap' "$TMP/s-a4.trace" || ! grep -q '|JAKARTA.* Korea Utara' "$TMP/s-a4.trace"; then
	fail "no drop cap on the dateline paragraph" "$(sed -n 5,8p "$TMP/s-a4.trace")"
else
	ok "no drop cap on the dateline paragraph"
fi
# headlines (a4): the fewest lines, evenly filled, no line ending on a
# one-letter word (it set "Storms Move Out But A")
if trace_pdf "$TMP/hl.trace" "$TMP/hl.pdf" -q "$DATA/headline.txt"; then
	got=$(awk '/^  head/ { h = 1; next } h && /Thursday/ { exit } h { sub(/^[^|]*/, ""); printf "%s", $0 }' "$TMP/hl.trace")
	if [ "$got" = "|Storms Move Out But||A New Weather System||Could Hit SoCal Next Week|" ]; then
		ok "headline: fewest lines, balanced, no one-letter word at a line end"
	else fail "headline: fewest lines, balanced, no one-letter word at a line end" "$got"; fi
else
	fail "headline.txt sets"
fi

# CJK headlines at 3/4 of the Latin size (a4: 3 lines, not 4), Chinese
# paragraphs indented by two ems (20 pt at 10 pt)
if trace_pdf "$TMP/ch.trace" "$TMP/ch.pdf" -q "$DATA/cjk-head.txt"; then
	got=$(awk '/^  head/ { h = 1; next } h && /2024/ { exit } h { n++ } END { print n + 0 }' "$TMP/ch.trace")
	[ "$got" = 3 ] && ok "CJK headline: 3 lines at 3/4 size" || fail "CJK headline: 3 lines at 3/4 size" "$got lines"
	got=$(pdftotext -bbox-layout "$TMP/ch.pdf" - | python3 -c '
import re, sys
xs = [(float(m.group(1)), m.group(2)) for m in re.finditer(r"<line xMin=\"([0-9.]+)\".*?<word[^>]*>([^<]*)<", sys.stdin.read(), re.S)]
i = next(k for k, (x, w) in enumerate(xs) if w.startswith("官员"))
print(round(xs[i][0] - xs[i + 1][0]))')
	[ "$got" = 20 ] && ok "Chinese paragraphs: a two-em indent" || fail "Chinese paragraphs: a two-em indent" "$got pt"
else
	fail "cjk-head.txt sets"
fi

# right to left: column 1 is the rightmost, its footnote under it
got=$(awk '$1 == "column" { printf "%s%s", (n++ ? " " : ""), $3 }
	$3 == "rule" { r = 1; next } r == 1 { printf " note %s", $2; r = 0 }' "$TMP/rtl.trace")
if [ "$got" = "307.6 56.7 note 307.6" ]; then ok "right-to-left columns run from the right, notes with their column"
else fail "right-to-left columns run from the right, notes with their column" "$got"; fi

# a 3-line cap (a4) on a J, whose descender hangs: lines 1-3 beside the cap,
# line 4 back at the column's left edge
got=$(awk '$1 == "column" { cx = $3 } /drop cap/ { n = 1; next }
	n >= 1 && n <= 4 { printf "%s%s", (n > 1 ? " " : ""), ($2 == cx ? "full" : "indented"); n++ }' "$TMP/dropcap.trace")
if [ "$got" = "indented indented indented full" ]; then ok "the line below a descending drop cap is at the full measure"
else fail "the line below a descending drop cap is at the full measure" "$got"; fi
# a first paragraph shorter than its cap: the next block starts below the cap
if trace_pdf "$TMP/dcs.trace" "$TMP/dcs.pdf" -q -s "$DATA/one.style" "$DATA/dropcap-short.txt"; then
	got=$(awk '/drop cap/ { cap = $1; n = 1; next } n == 1 { n = 2; next }
		n == 2 { print ($1 > cap + 8 ? "below" : "overlaps " $1 " " cap); exit }' "$TMP/dcs.trace")
	if [ "$got" = below ]; then ok "a paragraph shorter than its drop cap: what follows goes below the cap"
	else fail "a paragraph shorter than its drop cap: what follows goes below the cap" "$got"; fi
	# the code block keeps its indentation
	if grep -q '^ *[0-9.]* *64.7 final r=0.000 |    print(hour)|$' "$TMP/dcs.trace"; then ok "code blocks keep their leading spaces"
	else fail "code blocks keep their leading spaces" "$(grep 'print(hour)' "$TMP/dcs.trace")"; fi
else
	fail "dropcap-short sets"
fi

# the long word: broken with a warning naming its position, no overfull line
out=$("$WARTA" -o "$TMP/lw.pdf" "$DATA/longword.txt" 2>&1)
case $out in
*"longword.txt:7:64: warning: a word wider than the column"*) ok "a word wider than the measure is broken with a warning at its position" ;;
*) fail "a word wider than the measure is broken with a warning at its position" "$out" ;;
esac
if grep -q overfull "$TMP/longword.trace"; then fail "longword: no overfull line" "$(grep overfull "$TMP/longword.trace")"
else ok "longword: no overfull line"; fi

# words wider than the column (issue 6) in the column bench: a 300-letter
# identifier, a URL, a 120-digit number, a CJK run, an English word of 300
# letters (syllables from the dictionary), an Arabic run (right to left):
# golden traces and warnings (above), no overfull line, every character in
# the PDF (the round trips below)
for f in wide wide-ar; do
	if grep -q overfull "$TMP/$f.trace" "$TMP/$f.err"; then fail "$f: no overfull line" "$(grep overfull "$TMP/$f.trace" "$TMP/$f.err")"
	else ok "$f: no overfull line"; fi
done

# a token longer than the 32 KiB pieces a huge paragraph is set in: one
# warning for it, not one a piece
{ printf ' date 2024-10-25 Token\n\nAwal '; i=0; while [ $i -lt 800 ]; do printf 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv'; i=$((i + 1)); done; printf ' akhir.\n'; } >"$TMP/token.txt"
"$WARTA" -s column -o "$TMP/token.pdf" "$TMP/token.txt" 2>"$TMP/token.err"
n=$(grep -c 'wider than the column' "$TMP/token.err")
[ "$n" = 1 ] && grep -q 'token.txt:3:6: warning' "$TMP/token.err" &&
	ok "an 80 KB token: one warning, at its start" || fail "an 80 KB token: one warning" "$n: $(cut -c1-100 "$TMP/token.err")"

PDF="$TMP/s-a4.pdf"
check "qpdf --check sample" qpdf --check "$PDF"
CASES=$(for g in "$DATA"/*.trace; do f=$(basename "$g" .trace); [ -f "$DATA/$f.txt" ] && echo "$f"; done)
for f in $CASES; do check "qpdf --check $f" qpdf --check "$TMP/$f.pdf"; done

# fonts: every one embedded (pdffonts column "emb")
for p in "$PDF" $(for f in $CASES; do echo "$TMP/$f.pdf"; done); do
	n=$(pdffonts "$p" | awk 'NR > 2 && $(NF-4) != "yes"' | wc -l)
	if [ "$n" -eq 0 ] && [ "$(pdffonts "$p" | wc -l)" -gt 2 ]; then ok "fonts embedded: $(basename "$p")"
	else fail "fonts embedded: $(basename "$p")" "$(pdffonts "$p")"; fi
done

# metadata and outline
when=$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" '+%a %b %d %H:%M:%S %Y UTC')
info=$(pdfinfo "$TMP/blocks.pdf")
for want in "Title: *Harbour Authority Opens the Night Market Pier" "Author: *By Dewi Lestari" \
    "Subject: *After three years" "Keywords: *harbour, city, transport" "Creator: *warta " \
    "CreationDate: *$when" "Tagged: *yes" "Pages: *1"; do
	if printf '%s\n' "$info" | grep -q "^$want"; then ok "pdfinfo: $want"; else fail "pdfinfo: $want" "$info"; fi
done
info=$(SOURCE_DATE_EPOCH= "$WARTA" -q -o "$TMP/nodate.pdf" "$SAMPLE" && pdfinfo "$TMP/nodate.pdf")
if printf '%s\n' "$info" | grep -q "^CreationDate: *Fri Oct 25 00:00:00 2024 UTC"; then
	ok "creation date from the article's date without SOURCE_DATE_EPOCH"
else
	fail "creation date from the article's date" "$info"
fi
outl=$(qpdf --json "$TMP/blocks.pdf" | python3 -c '
import json, sys
def walk(o, d=0):
    for x in o:
        print("  " * d + x["title"]); walk(x["kids"], d + 1)
walk(json.load(sys.stdin)["outlines"])')
expect='Harbour Authority Opens the Night Market Pier
  1. What changed
  2. What comes next'
if [ "$outl" = "$expect" ]; then ok "outline: headline and numbered sections"; else fail "outline" "$outl"; fi
dests=$(pdfinfo -dests "$TMP/blocks.pdf" | awk 'NR > 1 {print $NF}' | tr -d '"' | sort | tr '\n' ' ')
# notes 1 and 2 are the author's, 3 the URL of the link to the budget ([link] print-url)
if [ "$dests" = "a1-fn-1 a1-fn-2 a1-fn-3 a1-sec-1 a1-sec-2 a1-top " ]; then ok "named destinations: headline, sections, footnotes"
else fail "named destinations" "$dests"; fi
links=$(qpdf --json "$TMP/blocks.pdf" | grep -c '"/URI"')
uri=$(qpdf --qdf --object-streams=disable "$TMP/blocks.pdf" - 2>/dev/null | grep -a '/URI (' | head -1)
case $uri in
*"budget%282024%29?q=pier&lang=en"*) ok "link URI percent-encoded" ;;
*) fail "link URI percent-encoded" "$uri ($links)" ;;
esac
qpdf --qdf --object-streams=disable "$TMP/blocks.pdf" "$TMP/qdf.pdf" 2>/dev/null
tags=$(grep -a '^  /S /' "$TMP/qdf.pdf" | sed 's|.*/S /||' | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')
# Link: the link, the two note calls, the call of the URL's note and the URL in it;
# P: the body's paragraphs and the quote's, none in the list (below)
for want in Art=1 H1=1 H2=2 Sect=2 BlockQuote=1 Link=5 Note=3 L=1 LI=3 Lbl=3 LBody=3 Table=1 TR=4 TH=4 TD=12 P=12; do
	case " $tags" in
	*" $want "*) ok "tagged structure: $want" ;;
	*) fail "tagged structure: $want" "$tags" ;;
	esac
done
# each of the list's items is one paragraph: its text is its LBody's marked
# content (/K an MCID), with no P under the LBody (typeset.c item_text_only:
# one structure element fewer an item, which Cairo records and replays twice)
lbody=$(grep -a -B4 '^  /S /LBody' "$TMP/qdf.pdf" | grep -ac '^  /K [0-9][0-9]*$')
if [ "$lbody" = 3 ]; then ok "tagged structure: a one-paragraph list item's text is its LBody's content"
else fail "tagged structure: a one-paragraph list item's text is its LBody's content" \
	"$(grep -a -B4 '^  /S /LBody' "$TMP/qdf.pdf")"; fi

# reproducible: two runs, same bytes
"$WARTA" -q -o "$TMP/again.pdf" "$SAMPLE" -s a4
check "two runs are byte-identical" cmp "$PDF" "$TMP/again.pdf"

# pdftotext round trips: the text of every block, in reading order
roundtrip() {
	"$WARTA" -q -t json -o "$TMP/rt.json" "$1" 2>/dev/null &&
	pdftotext -raw -y 40 -W 3000 -H 5000 "$2" "$TMP/rt.txt" &&
	python3 "$ROOT/tests/print/roundtrip.py" "$TMP/rt.json" "$TMP/rt.txt"
}
check "pdftotext round trip: sample" roundtrip "$SAMPLE" "$PDF"
check "pdftotext round trip: sample, newspaper columns" roundtrip "$SAMPLE" "$TMP/s-newspaper.pdf"
for f in $CASES; do check "pdftotext round trip: $f" roundtrip "$DATA/$f.txt" "$TMP/$f.pdf"; done
if have_corpus; then
	bad=
	for f in "$CORPUS"/*.txt; do
		b=$(basename "$f" .txt)
		if ! $RUN "$WARTA" -q -o "$TMP/c-$b.pdf" "$f" 2>"$TMP/c.err"; then bad="$bad $b(error)"; continue; fi
		roundtrip "$f" "$TMP/c-$b.pdf" >"$TMP/c.out" 2>&1 || bad="$bad $b"
	done
	if [ -z "$bad" ]; then ok "corpus: every article sets, pdftotext gives its text back"
	else fail "corpus round trips" "failed:$bad"; fi
else
	skip "corpus round trips" "no corpus at $CORPUS"
fi

# PNG and SVG of the same pages
"$WARTA" -q --dpi 40 -o "$TMP/p.png" "$SAMPLE" && check "PNG of a one-page article" test -s "$TMP/p.png"
"$WARTA" -q -s ereader --pages 2-3 --dpi 30 -o "$TMP/e.png" "$SAMPLE"
if [ -s "$TMP/e-2.png" ] && [ -s "$TMP/e-3.png" ] && [ ! -e "$TMP/e-1.png" ]; then ok "PNG page range: NAME-N.png"
else fail "PNG page range" "$(ls "$TMP")"; fi
"$WARTA" -q -o "$TMP/p.svg" "$SAMPLE" && check "SVG is well-formed" xmllint --noout "$TMP/p.svg"

# PNG/SVG pages are kept only once all are written: a page that fails (its
# name too long from page 10 on: NAME-10.png is 256 bytes) leaves no page
# of the call behind, where pages 8 and 9 used to stay; and pages 8 and 9
# of an earlier run, in the same directory, stay as they were
{ cat "$SAMPLE"; for i in 1 2 3 4; do tail -n +2 "$SAMPLE"; done; } > "$TMP/long.txt"
name=$(printf '%0249d' 0 | tr 0 x)
mkdir "$TMP/pg" "$TMP/pg2"
"$WARTA" -q -s ereader --dpi 10 --pages 8-9 -o "$TMP/pg2/$name.png" "$TMP/long.txt" 2>/dev/null
"$WARTA" -q -s ereader --dpi 10 --pages 8-11 -o "$TMP/pg/$name.png" "$TMP/long.txt" 2>/dev/null
rc=$?
if [ "$(ls -A "$TMP/pg2" | wc -l)" -eq 2 ] && [ $rc -ne 0 ] && [ -z "$(ls -A "$TMP/pg")" ]; then
	ok "PNG pages: one page that cannot be written leaves none of the others"
else
	fail "PNG pages: one page that cannot be written leaves none of the others" \
	    "rc=$rc, pages 8-9 alone: $(ls -A "$TMP/pg2" | wc -l) files, left: $(ls -A "$TMP/pg" | cut -c240-)"
fi
cp -r "$TMP/pg2" "$TMP/pg2-before"
"$WARTA" -q -s ereader --dpi 12 --pages 8-11 -o "$TMP/pg2/$name.png" "$TMP/long.txt" 2>/dev/null
rc=$?
if [ $rc -ne 0 ] && diff -r "$TMP/pg2-before" "$TMP/pg2" >/dev/null; then
	ok "PNG pages: a failed call leaves an earlier run's pages of the same names untouched"
else
	fail "PNG pages: a failed call leaves an earlier run's pages untouched" \
	    "rc=$rc; $(diff -r "$TMP/pg2-before" "$TMP/pg2" 2>&1 | cut -c1-80)"
fi

# Many pages in one call, and several calls at once: no limit on the pages
# in flight (once 128 a call, 256 in the process).  A style of small pages
# makes hundreds of them from a few copies of the sample.
printf '[style]\ndescription = small pages\ninherits = column\n[page]\nheight = 30mm\nmargin-top = 5mm\nmargin-bottom = 5mm\n' >"$TMP/small.style"
{ cat "$SAMPLE"; for i in $(seq 11); do tail -n +2 "$SAMPLE"; done; } >"$TMP/many.txt"
mkdir "$TMP/many"
"$WARTA" -q -s "$TMP/small.style" --dpi 10 -o "$TMP/many/p.png" "$TMP/many.txt" 2>"$TMP/many.err"
rc=$?
n=$(ls -A "$TMP/many" | wc -l)
last=$(ls "$TMP/many" | sed 's/^p-\([0-9]*\)\.png$/\1/' | sort -n | tail -1)
if [ $rc = 0 ] && [ "$n" -gt 256 ] && [ "$last" = "$n" ] && [ -z "$(ls -A "$TMP/many" | grep '^\.')" ]; then
	ok "PNG: $n pages in one call, p-1.png to p-$n.png"
else
	fail "PNG: more than 256 pages in one call" "rc=$rc, $n files, last p-$last.png; $(head -3 "$TMP/many.err")"
fi
mkdir "$TMP/jin"
{ cat "$SAMPLE"; for i in 1 2 3 4; do tail -n +2 "$SAMPLE"; done; } >"$TMP/jin/a.txt"
for b in b c d; do cp "$TMP/jin/a.txt" "$TMP/jin/$b.txt"; done
"$WARTA" -q -j 3 -s "$TMP/small.style" -t svg -d "$TMP/j3" "$TMP/jin" 2>"$TMP/j3.err"
rc3=$?
"$WARTA" -q -j 1 -s "$TMP/small.style" -t svg -d "$TMP/j1" "$TMP/jin" 2>"$TMP/j1.err"
rc1=$?
n=$(ls -A "$TMP/j1" | wc -l)
# the same bytes (cairo's process-wide surface numbers are renumbered per page)
if [ $rc3 = 0 ] && [ $rc1 = 0 ] && [ "$n" -gt 256 ] && [ -z "$(ls -A "$TMP/j3" | grep '^\.')" ] &&
   diff -r "$TMP/j1" "$TMP/j3" >/dev/null; then
	ok "SVG: -j 3 batch of 4 long articles, $n pages, the same as -j 1"
else
	fail "SVG: -j 3 batch of long articles" "rc -j3=$rc3 -j1=$rc1, -j1 files: $n, -j3 files: $(ls -A "$TMP/j3" | wc -l); $(head -3 "$TMP/j3.err")"
fi
