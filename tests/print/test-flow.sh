#!/bin/sh
# test-flow.sh — a run-on (flow) edition written as a PDF is drawn while it
# is laid out (src/render/edition_flow.c): its contents drawn last and put
# first by the update after cairo's bytes (pdf_alt.c).  The PDF must be the
# one the two-phase path makes (WARTA_TEST_TWO_PHASE=1: every article laid
# out and made up, then the pages drawn in order), for a reader: the same
# text page for page, the same renders, the same structure tree in order
# (each element's marked content on the same page), outline, named
# destinations, page labels (tests/print/pdf_order.py), messages and
# report; qpdf --check clean; -j 1 and -j 2 the same bytes.  Editions
# with sections, articles without one, pictures (a lead photo, body
# pictures), footnotes, links, a table and right-to-left Arabic, in a4, an
# e-reader's single column and with every article on a new page.
. "$(dirname "$0")/../lib.sh"

E="$TMP/ed"
mkdir -p "$E"
. "$(dirname "$0")/ed_articles.sh"
cp "$ROOT/tests/data/korea-foto.txt" "$E/01-foto.txt"
ln -s "$ROOT/tests/data/pictures" "$E/pictures"
cp "$ROOT/tests/print/data/links.txt" "$E/02-links.txt"
n=2
for sect in Nasional Ekonomi; do
	for k in 1 2 3; do
		n=$((n + 1))
		article "$(printf '%02d' $n).txt" "Berita $sect $k" "$sect" $((3 + (n * 7) % 23))
	done
done
cp "$ROOT/tests/print/data/rtl.txt" "$E/20-rtl.txt"
cp "$ROOT/tests/print/data/tables.txt" "$E/21-tables.txt"
printf '[style]\ninherits = a4\n[edition]\narticle-break = page\nmin-lines = 6\n' >"$TMP/brk.style"

# same NAME ARGS…: the PDF drawn while laid out is the two-phase one
same() {
	name=$1; shift
	for w in new old; do
		if [ $w = old ]; then export WARTA_TEST_TWO_PHASE=1; else unset WARTA_TEST_TWO_PHASE; fi
		$RUN "$WARTA" -j 2 --report "$@" -o "$TMP/$w.pdf" >"$TMP/$w.out" 2>"$TMP/$w.err"
		echo $? >>"$TMP/$w.out"
		sed -i "s|$TMP/$w|OUT|g" "$TMP/$w.out" "$TMP/$w.err"
		pdftotext -layout "$TMP/$w.pdf" "$TMP/$w.txt" 2>/dev/null
		python3 "$ROOT/tests/print/pdf_order.py" "$TMP/$w.pdf" >"$TMP/$w.order" 2>&1
		rm -f "$TMP/$w"-*.png
		pdftoppm -r 30 -png "$TMP/$w.pdf" "$TMP/$w" 2>/dev/null
	done
	unset WARTA_TEST_TWO_PHASE
	$RUN "$WARTA" -q -j 1 "$@" -o "$TMP/j1.pdf" 2>/dev/null
	renders=ok
	for p in "$TMP"/old-*.png; do
		cmp -s "$p" "$TMP/new-${p##*/old-}" || renders="page ${p##*/old-} differs"
	done
	[ "$(ls "$TMP"/new-*.png | wc -l)" = "$(ls "$TMP"/old-*.png | wc -l)" ] || renders="not as many pages"
	if ! [ -s "$TMP/new.pdf" ]; then
		fail "$name" "no PDF: $(cat "$TMP/new.err")"
	elif cmp -s "$TMP/new.pdf" "$TMP/old.pdf"; then
		fail "$name" "the same bytes as the two-phase path: not drawn while laid out"
	elif ! d=$(diff "$TMP/old.txt" "$TMP/new.txt"); then
		fail "$name" "the pages' text differs: $d"
	elif ! d=$(diff "$TMP/old.order" "$TMP/new.order"); then
		fail "$name" "the structure, outline, destinations or labels differ: $d"
	elif [ $renders != ok ]; then
		fail "$name" "the renders differ: $renders"
	elif ! d=$(diff "$TMP/old.err" "$TMP/new.err"); then
		fail "$name" "the messages differ: $d"
	elif ! d=$(diff "$TMP/old.out" "$TMP/new.out"); then
		fail "$name" "the reports differ: $d"
	elif ! d=$(qpdf --check "$TMP/new.pdf" 2>&1); then
		fail "$name" "qpdf --check: $d"
	elif ! cmp -s "$TMP/new.pdf" "$TMP/j1.pdf"; then
		fail "$name" "-j 1 and -j 2 differ"
	else
		ok "$name"
	fi
}
same "a flow edition in a4: the two-phase PDF" --edition Uji "$E"
grep -q 'mcid 1:' "$TMP/new.order" && grep -q '^outline' "$TMP/new.order" && grep -q 'annot' "$TMP/new.order" &&
	ok "its structure, outline and links compared" || fail "its structure, outline and links compared" "$(head "$TMP/new.order")"
[ "$(pdfinfo "$TMP/new.pdf" | awk '/^Pages:/ { print $2 }')" -ge 8 ] && ok "on several pages" || fail "on several pages" "$(pdfinfo "$TMP/new.pdf")"
same "a flow edition on an e-reader: the two-phase PDF" -s ereader --edition Uji --edition-date 2024-10-26 "$E"
same "a flow edition, each article on a new page: the two-phase PDF" -s "$TMP/brk.style" --edition Uji "$E"
rm "$E"/2*.txt
same "a flow edition of one section: the two-phase PDF" -s letter --edition Uji "$E"

# not drawn while laid out: a page range (the same as before)
for w in new old; do
	if [ $w = old ]; then export WARTA_TEST_TWO_PHASE=1; else unset WARTA_TEST_TWO_PHASE; fi
	$RUN "$WARTA" -q --edition Uji --pages 2-3 -o "$TMP/r$w.pdf" "$E" 2>/dev/null
done
unset WARTA_TEST_TWO_PHASE
check "a page range of a flow edition: as before" cmp "$TMP/rnew.pdf" "$TMP/rold.pdf"
