#!/bin/sh
# test-print.sh — the print engine end to end: golden layout traces (fonts
# pinned by fonts/fonts.list), qpdf --check, embedded fonts, metadata and
# outline, byte-identical reruns, pdftotext round trips of the sample, the
# test inputs and every corpus article, PNG and SVG pages.
. "$(dirname "$0")/../lib.sh"
DATA="$ROOT/tests/print/data"
GOLD="$ROOT/tests/print/golden"

# golden traces: the sample in every shipped style, the test inputs in a4
for style in a4 letter newspaper column ereader; do
	if WARTA_PRINT_TRACE="$TMP/s-$style.trace" $RUN "$WARTA" -q -s "$style" -o "$TMP/s-$style.pdf" "$SAMPLE"; then
		diff_golden "trace: sample in $style" "$TMP/s-$style.trace" "$GOLD/sample-$style.trace"
	else
		fail "sample in $style sets"
	fi
done
for f in blocks rtl cjk longword; do
	if WARTA_PRINT_TRACE="$TMP/$f.trace" $RUN "$WARTA" -q -o "$TMP/$f.pdf" "$DATA/$f.txt"; then
		diff_golden "trace: $f" "$TMP/$f.trace" "$GOLD/$f.trace"
	else
		fail "$f sets"
	fi
done

# the long word: a warning naming its position, the rest set
out=$("$WARTA" -o "$TMP/lw.pdf" "$DATA/longword.txt" 2>&1)
case $out in
*"longword.txt:7:64: warning: overfull line"*) ok "an unbreakable word wider than the measure is a warning with its position" ;;
*) fail "overfull warning" "$out" ;;
esac

PDF="$TMP/s-a4.pdf"
check "qpdf --check sample" qpdf --check "$PDF"
for f in blocks rtl cjk; do check "qpdf --check $f" qpdf --check "$TMP/$f.pdf"; done

# fonts: every one embedded (pdffonts column "emb")
for p in "$PDF" "$TMP/blocks.pdf" "$TMP/rtl.pdf" "$TMP/cjk.pdf"; do
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
if [ "$dests" = "a1-fn-1 a1-fn-2 a1-sec-1 a1-sec-2 a1-top " ]; then ok "named destinations: headline, sections, footnotes"
else fail "named destinations" "$dests"; fi
links=$(qpdf --json "$TMP/blocks.pdf" | grep -c '"/URI"')
uri=$(qpdf --qdf --object-streams=disable "$TMP/blocks.pdf" - 2>/dev/null | grep -a '/URI (' | head -1)
case $uri in
*"budget%282024%29?q=pier&lang=en"*) ok "link URI percent-encoded" ;;
*) fail "link URI percent-encoded" "$uri ($links)" ;;
esac
qpdf --qdf --object-streams=disable "$TMP/blocks.pdf" "$TMP/qdf.pdf" 2>/dev/null
tags=$(grep -a '^  /S /' "$TMP/qdf.pdf" | sed 's|.*/S /||' | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')
for want in Art=1 H1=1 H2=2 Sect=2 BlockQuote=1 Link=3 Note=2 L=1 LI=3 Lbl=3 LBody=3 Table=1 TR=4 TH=4 TD=12; do
	case " $tags" in
	*" $want "*) ok "tagged structure: $want" ;;
	*) fail "tagged structure: $want" "$tags" ;;
	esac
done

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
for f in blocks rtl cjk; do check "pdftotext round trip: $f" roundtrip "$DATA/$f.txt" "$TMP/$f.pdf"; done
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
