#!/bin/sh
# test-article-threads.sh — one long article on two cores (issue 19): with
# `-j 2` a helper thread lays a long article out (shaping, line breaking,
# the page builder) while this one draws its pages (src/render/
# article_mt.c); the PDF, the messages (and their order) and the report are
# those of `-j 1`, byte for byte.  WARTA_TEST_ARTICLE_THREAD=1 takes the
# threaded path for short articles too (pictures, notes, tables, drop caps,
# right to left, CJK), which alone never start a thread.
. "$(dirname "$0")/../lib.sh"

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1729814400}
PICS="$ROOT/tests/data/pictures"
DATA="$ROOT/tests/print/data"
ln -s "$PICS" "$TMP/pictures"

# A long article (about 466 A4 pages, as make bench's) of the repository's
# texts: the sample's paragraphs under numbered subheadings, with notes, a
# picture, a list, a table, a pull quote, and a word wider than the column
# (a warning) every so often: messages all along the layout.
long_article() {        # long_article FILE SECTIONS
	body=$(sed -n '3,$p' "$SAMPLE")
	{
		printf -- '---\ntitle: Arsip panjang\nauthor: Redaksi\ndate: 2024-10-25\nlang: id\n---\n\n'
		i=0
		while [ $i -lt "$2" ]; do
			printf '## Bagian %d\n\n%s\n\n' $i "$body"
			case $((i % 8)) in
			1) printf 'Catatan bagian %d.[^c%d]\n\n[^c%d]: Sumber bagian %d, diolah redaksi.\n\n' $i $i $i $i ;;
			3) printf '![Grafik %d](pictures/chart.png "Perdagangan bagian %d. Kredit: KOTRA")\n\n' $i $i ;;
			5) printf -- '- satu %d\n- dua %d\n  1. tiga\n  2. empat\n\n| a | b |\n|---|---|\n| %d | dua |\n\n' $i $i $i ;;
			7) printf 'Kode %d: %s.\n\n> Kutipan bagian %d.\n\n' $i "$(printf 'q%.0s' $(seq 120))" $i ;;
			esac
			i=$((i + 1))
		done
	} >"$1"
}
long_article "$TMP/long.txt" 800

. "$(dirname "$0")/same_j.sh"

same "a 466-page article, -j 1 = -j 2" "$TMP/long.txt"
n=$(grep -c 'wider than the column' "$TMP/j2.err")
[ "$n" -ge 90 ] && ok "its warnings, all along it ($n)" || fail "its warnings, all along it" "$n: $(head -5 "$TMP/j2.err")"
same "the article in two columns (newspaper), -j 1 = -j 2" -s newspaper "$TMP/long.txt"
same "a page range of it, -j 1 = -j 2" --pages 200-230 "$TMP/long.txt"
same "an edition of it alone, -j 1 = -j 2" --edition Uji "$TMP/long.txt"
for j in 1 2; do
	$RUN "$WARTA" -q -j $j -s column -o "$TMP/t$j.trace" "$TMP/long.txt"
done
check "its layout trace, -j 1 = -j 2" cmp "$TMP/t1.trace" "$TMP/t2.trace"
# the output failing half way (a file size limit): the drawing thread
# stops drawing, the helper lays out to the end, the same error; no hang
for j in 1 2; do
	(ulimit -f 500; trap '' XFSZ; timeout 120 $RUN "$WARTA" -j $j -o "$TMP/full$j.pdf" "$TMP/long.txt") \
	    >"$TMP/full$j.err" 2>&1
	echo "status $?" >>"$TMP/full$j.err"
	sed -i "s|$TMP/full$j|OUT|g" "$TMP/full$j.err"
done
if grep -q 'File too large' "$TMP/full2.err" && cmp "$TMP/full1.err" "$TMP/full2.err" >/dev/null; then
	ok "an output failing half way: the same messages, no hang"
else
	fail "an output failing half way: the same messages, no hang" "$(diff "$TMP/full1.err" "$TMP/full2.err")"
fi

# the thread: started for the long article at -j 2 (glib names it), not at
# -j 1, not for the sample, not in a batch's worker processes (the workers
# take the cores); one that cannot be made: the same bytes from one thread
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
	# LeakSanitizer does not work under ptrace (make check SAN=1)
	ST_ENV="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	threads() {     # threads ARGS…: the helpers started
		env "$ST_ENV" strace -f -qq -e trace=prctl -o "$TMP/st" "$WARTA" "$@" >/dev/null 2>&1
		grep -c 'PR_SET_NAME, "warta-layout"' "$TMP/st"
	}
	$RUN "$WARTA" -q -j 1 -o "$TMP/one.pdf" "$TMP/long.txt"
	check "-j 2: a helper thread for the long article" test "$(threads -q -j 2 -o "$TMP/x.pdf" "$TMP/long.txt")" = 1
	check "-j 1: none" test "$(threads -q -j 1 -o "$TMP/x.pdf" "$TMP/long.txt")" = 0
	check "-j 2: none for the sample" test "$(threads -q -j 2 -o "$TMP/x.pdf" "$SAMPLE")" = 0
	# under ulimit -v one thread (the helper's arena and Pango's threads
	# made a limit -j 1 keeps to crash); not under ASan, which needs the
	# address space
	if [ -z "$ASAN_OPTIONS" ]; then
		check "-j 2 under ulimit -v: none" test "$( (ulimit -v 2000000; threads -q -j 2 -o "$TMP/x.pdf" "$TMP/long.txt") )" = 0
	fi
	mkdir -p "$TMP/batch"
	ln -s "$PICS" "$TMP/batch/pictures"
	cp "$TMP/long.txt" "$TMP/batch/a.txt"
	cp "$TMP/long.txt" "$TMP/batch/b.txt"
	check "-j 2 batch of two long articles: none in its workers" \
	    test "$(threads -q -j 2 -d "$TMP/bout" "$TMP/batch/a.txt" "$TMP/batch/b.txt")" = 0
	check "the batch's PDFs are -j 1's" cmp "$TMP/bout/a.pdf" "$TMP/one.pdf"
	# the first thread is Pango's (FcInit, with the fonts), the second the helper
	if env "$ST_ENV" strace -f -qq -e trace=clone3 -e inject=clone3:error=EAGAIN:when=2 -o /dev/null \
	    "$WARTA" -q -j 2 -o "$TMP/nothread.pdf" "$TMP/long.txt" 2>"$TMP/nothread.err"; then
		check "no thread can be made: one thread, the same PDF" cmp "$TMP/one.pdf" "$TMP/nothread.pdf"
	else
		fail "no thread can be made: one thread, the same PDF" "$(cat "$TMP/nothread.err")"
	fi
else
	skip "the helper thread started when it pays" "no strace"
fi

# Pathological inputs (tests/hardening/pathological.py) at a size where the
# thread starts
for k in emphruns refdefs word table2 table10 nestlist listbytes fnbig cjkline rtlmix; do
	python3 "$ROOT/tests/hardening/pathological.py" $k 150000 >"$TMP/p-$k.txt"
	same "pathological $k (150 KB), -j 1 = -j 2" "$TMP/p-$k.txt"
done

# Short articles through the threaded path, in each style: every print test
# input, the reader's picture inputs, the samples
export WARTA_TEST_ARTICLE_THREAD=1
for f in "$DATA"/*.txt "$ROOT"/tests/reader/pictures-*.txt "$ROOT"/tests/data/*.txt; do
	for s in a4 newspaper; do
		same "$(basename "$f") in $s, threaded, -j 1 = -j 2" -s $s "$f"
	done
done
same "a PNG page, threaded, -j 1 = -j 2" -t png --pages 2 "$ROOT/tests/data/korea-foto.txt"
same "an SVG page, threaded, -j 1 = -j 2" -t svg --pages 1 "$DATA/rtl.txt"

# every corpus article
if have_corpus; then
	for f in "$CORPUS"/*.txt; do
		same "corpus $(basename "$f"), threaded, -j 1 = -j 2" "$f"
	done
else
	skip "corpus articles, threaded" "no corpus at $CORPUS"
fi
unset WARTA_TEST_ARTICLE_THREAD
