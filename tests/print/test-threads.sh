#!/bin/sh
# test-threads.sh — one document on two cores (issue 19): `-j 2` lays an
# edition's articles out in a second thread while the first draws
# (src/render/render.c, edition_pages.c); the output, the messages and the
# report are those of `-j 1`, byte for byte.  Editions made here in each
# make-up (pages, flow, modular) with pictures, notes and warnings; the
# bench's big document (the corpus's Indonesian articles, repeated, in
# tests/bench/bigdoc.style) and a long article when ../shared is there.
. "$(dirname "$0")/../lib.sh"

E="$TMP/ed"
mkdir -p "$E"
. "$(dirname "$0")/ed_articles.sh"
n=0
for sect in Nasional Ekonomi Olahraga; do
	for k in 1 2 3 4; do
		n=$((n + 1))
		article "$(printf '%02d' $n).txt" "Berita $sect $k" "$sect" $((3 + (n * 7) % 23)) wide
	done
done
printf '[style]\ninherits = a4\n[edition]\nmakeup = pages\n' >"$TMP/pages.style"

. "$(dirname "$0")/same_j.sh"
same "an edition made up as pages, -j 1 = -j 2" -s "$TMP/pages.style" --edition Uji "$E"
[ "$(grep -c 'wider than the column' "$TMP/j2.err")" -ge 12 ] && ok "its warnings reported" || fail "its warnings reported" "$(cat "$TMP/j2.err")"
same "a run-on (flow) edition, -j 1 = -j 2" --edition Uji "$E"
same "a newspaper (modular) edition, -j 1 = -j 2" -s newspaper --edition Uji "$E"
same "a page range of an edition, -j 1 = -j 2" -s "$TMP/pages.style" --edition Uji --pages 3-5 "$E"
for j in 1 2; do
	$RUN "$WARTA" -q -j $j -s "$TMP/pages.style" --edition Uji -o "$TMP/t$j.trace" "$E"
done
check "the layout trace, -j 1 = -j 2" cmp "$TMP/t1.trace" "$TMP/t2.trace"

# Characters no font has: Pango measures their boxes with Cairo, which the
# drawing thread uses too, so they are shaped under the guard (layout/guard.h).
mkdir -p "$TMP/edm"
cp "$E"/*.txt "$TMP/edm/"
for k in 1 2 3 4 5 6; do
	printf -- '---\ntitle: Kotak %d\nsection: Nasional\ndate: 2024-10-25\nlang: id\n---\n\nTanda \364\217\277\275 dan \315\270 tidak ada di fon mana pun, %s.\n\n%s\n' \
	    $k "$(para 30 $k)" "$(para 90 $((k + 3)))" >"$TMP/edm/0$k-kotak.txt"
done
same "an edition with characters no font has, -j 1 = -j 2" -s "$TMP/pages.style" --missing-glyphs=warn --edition Uji "$TMP/edm"
[ "$(grep -c 'no font has a glyph for U+10FFFD' "$TMP/j2.err")" -ge 6 ] && ok "the missing glyphs reported" || fail "the missing glyphs reported" "$(head -5 "$TMP/j2.err")"

if have_corpus; then
	# the bench's big document, a third of it (about 100 pages)
	B="$TMP/big"
	mkdir -p "$B"
	i=0
	while [ $i -lt 34 ]; do
		for f in "$CORPUS"/*.txt; do
			[ $i -lt 34 ] || break
			head -1 "$f" | grep -q '^ *date ' || continue
			grep -qE ' (yang|dan|di|dengan) ' "$f" || continue
			i=$((i + 1))
			cp "$f" "$B/$(printf '%04d' $i)-$(basename "$f")"
		done
	done
	same "the bench's big document (a third), -j 1 = -j 2" -s "$ROOT/tests/bench/bigdoc.style" --edition Bench "$B"
	# a long article: the corpus's articles' paragraphs, one after another
	for f in "$CORPUS"/*.txt; do sed '1,/^$/d' "$f"; done | sed 's/^#/ #/' >"$TMP/long.body"
	{ printf 'title: Panjang\ndate: 2024-10-25\n\n'; cat "$TMP/long.body"; } >"$TMP/long.txt"
	same "a long article, -j 1 = -j 2" "$TMP/long.txt"
else
	skip "the bench's big document, -j 1 = -j 2" "no corpus"
	skip "a long article, -j 1 = -j 2" "no corpus"
fi
