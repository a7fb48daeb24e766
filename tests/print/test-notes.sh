#!/bin/sh
# test-notes.sh — footnotes that cannot all go in the column of their call:
# the ones that do not fit go on to the next columns and pages, in order,
# every note line inside its column (none above the column top, none past
# the page); a note taller than a column is cut at the column's foot with a
# warning at its definition.  Inputs are made here (no corpus text).
. "$(dirname "$0")/../lib.sh"

# one short paragraph calling 119 notes of four or five lines
{
	printf '# Many notes\n\nA short paragraph'
	i=1; while [ $i -le 119 ]; do printf '[^%d]' $i; i=$((i + 1)); done
	printf ' ends.\n\n'
	i=1; while [ $i -le 119 ]; do
		printf '[^%d]: note %d with enough words here to need a second line in the column of notes, and then more words, and more again, so that it takes four or five lines of the column.\n' $i $i
		i=$((i + 1))
	done
} >"$TMP/many.txt"
if trace_pdf "$TMP/many.trace" "$TMP/many.pdf" "$TMP/many.txt" 2>"$TMP/many.err"; then
	ok "119 notes on one short paragraph set"
	# every note line's baseline lies below its page's column top and
	# above the page's foot
	bad=$(awk '/^page / { split($3, wh, "x"); ph = wh[2] + 0; fn = 0; next }
	    /^  column / { top = $4 + 0; fn = 0; next }
	    /^   footnotes/ { fn = 1; next }
	    fn && $1 ~ /^-?[0-9.]+$/ && ($1 + 0 < top || $1 + 0 > ph) { print }' "$TMP/many.trace")
	if [ -z "$bad" ] && grep -q '^   footnotes' "$TMP/many.trace"; then
		ok "every note line lies inside its column, below the headline"
	else fail "every note line lies inside its column, below the headline" "$bad"; fi
	# each note set once, in order of its number
	# (the number is followed by a no-break space)
	got=$(grep -o 'note [0-9]* with' "$TMP/many.trace" | awk '{ printf "%s ", $2 }')
	want=$(i=1; while [ $i -le 119 ]; do printf '%d ' $i; i=$((i + 1)); done)
	if [ "$got" = "$want" ]; then ok "all 119 notes set once, in order"
	else fail "all 119 notes set once, in order" "$got"; fi
	pages=$(grep -c '^page ' "$TMP/many.trace")
	if [ "$pages" -ge 2 ]; then ok "the notes go on to the next pages ($pages)"
	else fail "the notes go on to the next pages" "$pages page(s)"; fi
	if grep -q 'footnote' "$TMP/many.err"; then
		fail "no footnote warning when every note fits a column" "$(cat "$TMP/many.err")"
	else ok "no footnote warning when every note fits a column"; fi
	check "the PDF passes qpdf --check" qpdf --check "$TMP/many.pdf"
else
	fail "119 notes on one short paragraph set" "$(cat "$TMP/many.err")"
fi

# one note taller than a column: a warning at its definition, drawn inside the page
{
	printf '# One long note\n\nA short paragraph with a note.[^1] And more text.\n\n[^1]:'
	i=1; while [ $i -le 1500 ]; do printf ' long note text %d' $i; i=$((i + 1)); done
	printf '\n'
} >"$TMP/big.txt"
if trace_pdf "$TMP/big.trace" "$TMP/big.pdf" "$TMP/big.txt" 2>"$TMP/big.err"; then
	if grep -q "big.txt:5:1: warning: footnote 1 is taller than a column" "$TMP/big.err"; then
		ok "a note taller than a column warns at its definition"
	else fail "a note taller than a column warns at its definition" "$(cat "$TMP/big.err")"; fi
	bad=$(awk '/^page / { split($3, wh, "x"); ph = wh[2] + 0; fn = 0; next }
	    /^  column / { top = $4 + 0; fn = 0; next }
	    /^   footnotes/ { fn = 1; next }
	    fn && $1 ~ /^-?[0-9.]+$/ && ($1 + 0 < top || $1 + 0 > ph) { print }' "$TMP/big.trace")
	if [ -z "$bad" ]; then ok "the long note is drawn inside its column"
	else fail "the long note is drawn inside its column" "$bad"; fi
else
	fail "a document with a note taller than a column sets" "$(cat "$TMP/big.err")"
fi
