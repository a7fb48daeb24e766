#!/bin/sh
# test-pages.sh — --pages for a PDF: only the pages of the range are
# written, each labelled with its number in the whole document
# (/PageLabels), their text as in the whole PDF (pdftotext), and every
# internal link and outline entry lands on a page of the file
# (tests/print/pdf-links.py over qpdf's JSON): those whose target the
# range leaves out are not written.  qpdf --check on every file.
. "$(dirname "$0")/../lib.sh"

LINKS="python3 $ROOT/tests/print/pdf-links.py"
# an article of our own over four e-reader pages: links to its headings
# (forward and back), two notes
A="$TMP/pg.txt"
{
	printf ' date 2024-10-25 Halaman yang dipilih\n\n'
	printf 'Pembaca dapat langsung membuka [bagian ketiga](#sec-bagian-3) atau [bagian pertama](#sec-bagian-1) dari laporan ini.[^1]\n\n'
	for h in 1 2 3; do
		printf '## Bagian %s\n\n' $h
		for p in 1 2 3 4 5 6; do
			printf 'Paragraf %s dari bagian %s berisi kalimat yang cukup panjang untuk mengisi halaman pembaca elektronik, dengan kata-kata yang biasa dipakai dalam berita harian tentang kota, sungai, dan pasar di pagi hari.\n\n' $p $h
		done
	done
	printf 'Kembali ke [awal bagian kedua](#sec-bagian-2), atau ke [tempat yang tidak ada](#tidak-ada).[^2]\n\n'
	printf '[^1]: Catatan pertama.\n\n[^2]: Catatan kedua.\n'
} >"$A"

$RUN "$WARTA" -q -s ereader "$A" -o "$TMP/all.pdf"
n=$(pdfinfo "$TMP/all.pdf" | sed -n 's/^Pages: *//p')
[ "$n" = 4 ] && ok "the test article takes 4 e-reader pages" || fail "the test article's pages" "$n"
# the whole PDF: every link lands (the author's #ID links to headings too;
# a link to an id no heading has is set as text, not as a link to nowhere)
if out=$($LINKS "$TMP/all.pdf"); then
	case $out in
	*'"links": ["a1-sec-bagian-3", "a1-sec-bagian-1", "a1-fn-1", "a1-sec-bagian-2", "a1-fn-2"]'*)
		ok "whole PDF: the author's #ID links go to the headings, every link lands" ;;
	*) fail "whole PDF: links" "$out" ;;
	esac
else fail "whole PDF: no dangling link or outline entry" "$out"; fi

# pages_range LABEL RANGE FIRST LAST: --pages RANGE writes pages FIRST..LAST
pages_range() {
	f="$TMP/p$1.pdf"
	if ! $RUN "$WARTA" -q -s ereader --pages "$2" "$A" -o "$f" 2>"$TMP/err"; then
		fail "--pages $2" "$(cat "$TMP/err")"; return
	fi
	check "--pages $2: qpdf --check" qpdf --check "$f"
	got=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
	[ "$got" = $(($4 - $3 + 1)) ] && ok "--pages $2: $got page(s)" || fail "--pages $2: pages" "$got"
	pdftotext -f "$3" -l "$4" "$TMP/all.pdf" "$TMP/want.txt"
	pdftotext "$f" "$TMP/got.txt"
	cmp -s "$TMP/want.txt" "$TMP/got.txt" && ok "--pages $2: the text of pages $3-$4 of the whole PDF (pdftotext)" ||
		fail "--pages $2: text" "$(diff "$TMP/want.txt" "$TMP/got.txt" | head -5)"
	if out=$($LINKS "$f"); then
		case $out in
		*"\"labels\": [$3]"*) ok "--pages $2: labelled from $3, no dangling link or outline entry" ;;
		*) fail "--pages $2: page labels" "$out" ;;
		esac
	else fail "--pages $2: dangling" "$out"; fi
	LAST=$out
}
pages_range 34 3-4 3 4
case $LAST in
*'"outline": ["Bagian 3"]'*'"links": ["a1-fn-2"]'*) ok "--pages 3-4: outline and links to pages 1-2 left out, to pages 3-4 kept" ;;
*) fail "--pages 3-4: outline and links" "$LAST" ;;
esac
pages_range 1 1 1 1
case $LAST in
*'"outline": ["Halaman yang dipilih", "Bagian 1"]'*'"links": ["a1-sec-bagian-1", "a1-fn-1"]'*) ok "--pages 1: its own outline entries and links only" ;;
*) fail "--pages 1: outline and links" "$LAST" ;;
esac
pages_range 2- 2- 2 4

# the folio keeps the number: page 3 of the whole is still "3"
pdftotext -layout -l 1 "$TMP/p34.pdf" - | head -1 | grep -q 'Halaman yang dipilih  *3$' && ok "--pages 3-4: the running head's folio says 3" ||
	fail "--pages 3-4: folio" "$(pdftotext -layout "$TMP/p34.pdf" - | head -3)"

# out of range: an error naming the article, nothing written
"$WARTA" -q -s ereader --pages 9 "$A" -o "$TMP/p9.pdf" 2>"$TMP/err"; rc=$?
[ $rc = 1 ] && [ ! -e "$TMP/p9.pdf" ] && grep -q "^warta: $A: error: --pages: page 9 asked for, but the article has 4 pages$" "$TMP/err" &&
	ok "--pages 9 of 4: an error naming the article, no file" || fail "--pages 9" "exit $rc: $(cat "$TMP/err")"

# editions: the contents' links to the articles land, also in a range
cp "$SAMPLE" "$TMP/k.txt"
for st in a4 newspaper; do
	$RUN "$WARTA" -q -s $st --edition Ed -o "$TMP/ed-$st.pdf" "$A" "$TMP/k.txt" "$SAMPLE" 2>"$TMP/err" &&
		out=$($LINKS "$TMP/ed-$st.pdf") && ok "$st edition: every link and outline entry lands" ||
		fail "$st edition: links" "$out$(cat "$TMP/err")"
done
$RUN "$WARTA" -q -s a4 --edition Ed --pages 2-3 -o "$TMP/ed23.pdf" "$A" "$TMP/k.txt" "$SAMPLE" 2>"$TMP/err"
if qpdf --check "$TMP/ed23.pdf" >/dev/null && out=$($LINKS "$TMP/ed23.pdf"); then
	case $out in
	*'"pages": 2, "labels": [2]'*) ok "a4 edition --pages 2-3: 2 pages labelled from 2, nothing dangling" ;;
	*) fail "a4 edition --pages 2-3" "$out" ;;
	esac
else fail "a4 edition --pages 2-3" "$out$(cat "$TMP/err")"; fi
"$WARTA" -q -s a4 --edition Ed --pages 40 -o "$TMP/ed40.pdf" "$A" "$TMP/k.txt" 2>"$TMP/err"; rc=$?
[ $rc = 1 ] && [ ! -e "$TMP/ed40.pdf" ] && grep -q "^warta: $TMP/ed40.pdf: error: --pages: page 40 asked for, but the edition has [0-9]* pages$" "$TMP/err" &&
	! grep -q 'left out' "$TMP/err" &&
	ok "edition --pages 40: an error naming the edition (no article left out), no file" ||
	fail "edition --pages 40" "exit $rc: $(cat "$TMP/err")"

# the corpus as a newspaper: every link (contents, index strip, jumps,
# headings in Arabic) lands, whole and in ranges
if have_corpus; then
	$RUN "$WARTA" -q -s newspaper --edition Ed -o "$TMP/corpus.pdf" "$CORPUS"/*.txt 2>/dev/null
	out=$($LINKS "$TMP/corpus.pdf") && ok "corpus newspaper edition: every link and outline entry lands" ||
		fail "corpus newspaper edition: links" "$out"
	for r in 1-3 5 7-; do
		$RUN "$WARTA" -q -s newspaper --edition Ed --pages $r -o "$TMP/c.pdf" "$CORPUS"/*.txt 2>/dev/null
		qpdf --check "$TMP/c.pdf" >/dev/null && out=$($LINKS "$TMP/c.pdf") &&
			ok "corpus newspaper edition --pages $r: qpdf clean, nothing dangling" ||
			fail "corpus newspaper edition --pages $r" "$out"
	done
else
	skip "corpus newspaper edition links" "no corpus"
fi
