#!/bin/sh
# test-tabs.sh — a tab the author typed is never drawn as nothing.  No page
# sets a tab stop, and a tab left to the layout was drawn as nothing and
# copied out as nothing ("Tab\tdi" read "Tabdi").  In prose it is a space
# (in the tree too, like a run of spaces); in inline code a space; in a
# code block it moves on to the next stop of eight columns, as a reader
# shows the EPUB's <pre>, which keeps the tab.
. "$(dirname "$0")/../lib.sh"

IN="$TMP/tabs.txt"
printf ' date 2024-10-25 Tabs\n\nTab\tdi tengah\tkalimat.\n\n    code\twith\ttab\n    abcdefghij\tk\n\nAn `inline\tcode` span.\n\n| a\tb | c |\n|---|---|\n| d\te | f |\n' >"$IN"
for f in pdf json epub; do
	check "an article with tabs sets as $f" "$WARTA" -q "$IN" -o "$TMP/tabs.$f"
done
RAW=$(pdftotext -raw "$TMP/tabs.pdf" - 2>&1)
for want in 'ab di tengah kalimat.' 'An inline code span.' 'a b c' 'd e f'; do
	case $RAW in
	*"$want"*) ok "a tab in prose, inline code and a table read back as a space: $want" ;;
	*) fail "a tab in prose, inline code and a table read back as a space: $want" "$RAW" ;;
	esac
done
# the code block, by the words' places (pdftotext -bbox): "code" and 4
# spaces to column 8, "with" and 4 to column 16; a word of ten characters
# runs past the first stop, so "k" is at column 16 too
pdftotext -bbox "$TMP/tabs.pdf" "$TMP/tabs.html" 2>/dev/null
COLS=$(python3 - "$TMP/tabs.html" <<'PY'
import re, sys
w = {}
for m in re.finditer(r'xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)<', open(sys.argv[1]).read()):
    w.setdefault(m.group(3), (float(m.group(1)), float(m.group(2))))
x0, x1 = w["code"]
col = (x1 - x0) / 4
print(" ".join("%.2f" % ((w[k][0] - x0) / col) for k in ("with", "tab", "abcdefghij", "k")))
PY
)
case $COLS in
"8.00 16.00 0.00 16.00") ok "a code block's tabs move on to stops of eight columns ($COLS)" ;;
*) fail "a code block's tabs move on to stops of eight columns" "columns of with, tab, abcdefghij, k: $COLS" ;;
esac
if grep -q '"Tab di tengah kalimat."' "$TMP/tabs.json"; then
	ok "the tree's prose has a space for the tab"
else
	fail "the tree's prose has a space for the tab" "$(grep -o '"text": "[^"]*"' "$TMP/tabs.json")"
fi
if unzip -p "$TMP/tabs.epub" '*a001.xhtml' | grep -q "$(printf 'code\twith\ttab')"; then
	ok "the EPUB's <pre> keeps the author's tabs"
else
	fail "the EPUB's <pre> keeps the author's tabs" "$(unzip -p "$TMP/tabs.epub" '*a001.xhtml' | grep -a code)"
fi
