#!/bin/sh
# test-scripts.sh — every script of the world's newspapers (issue 17): a short
# article of the project's own sentences in each (tests/scripts/data), set in
# the a4 style.  Nothing is lost (every character of the tree is in the
# PDF's text; no message about a missing glyph), each is set in its own face
# (pdffonts: the CJK region's face, never the code face), the tree and the
# layout trace are golden, and line breaks inside Thai, Lao, Khmer and
# Myanmar words come from the dictionaries.  Then the tags, the dates of
# CLDR, and characters no font has.
. "$(dirname "$0")/../lib.sh"
DATA="$ROOT/tests/scripts/data"
GOLD="$ROOT/tests/scripts/golden"

for f in "$DATA"/*.txt; do
	n=$(basename "$f" .txt)
	if ! $RUN "$WARTA" -o "$TMP/$n.trace" "$f" 2>/dev/null || ! $RUN "$WARTA" -o "$TMP/$n.pdf" "$f" 2>"$TMP/$n.err"; then
		fail "$n sets" "$(cat "$TMP/$n.err")"
		continue
	fi
	if [ -s "$TMP/$n.err" ]; then fail "$n: no message" "$(cat "$TMP/$n.err")"; else ok "$n: no message"; fi
	"$WARTA" -t json "$f" >"$TMP/$n.json"
	diff_golden "$n: tree" "$TMP/$n.json" "$GOLD/$n.json"
	diff_golden "$n: trace" "$TMP/$n.trace" "$GOLD/$n.trace"
	pdftotext "$TMP/$n.pdf" "$TMP/$n.txt"
	check "$n: every character in the PDF's text" python3 "$ROOT/tests/scripts/chars.py" "$TMP/$n.json" "$TMP/$n.txt"
	pdffonts "$TMP/$n.pdf" | tail -n +3 | awk '{ sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u >"$TMP/$n.fonts"
	if grep -q Mono "$TMP/$n.fonts"; then fail "$n: no monospace face" "$(cat "$TMP/$n.fonts")"; else ok "$n: no monospace face"; fi
done

# the face of each CJK region, and no other CJK face
for pair in zh-tc:NotoSerifCJKtc zh-hk:NotoSerifCJKhk zh-sc:NotoSerifCJKsc japanese:NotoSerifCJKjp korean:NotoSerifCJKkr; do
	n=${pair%%:*} face=${pair#*:}
	got=$(grep CJK "$TMP/$n.fonts" | sed 's/-.*//' | sort -u | tr '\n' ' ')
	[ "$got" = "$face " ] && ok "$n: set in $face" || fail "$n: set in $face" "$got"
done

# Chinese and Japanese lines as CLREQ and JLREQ set them: justified
# between the characters (the trace marks a justified CJK line short of its
# measure "short"), no line starting with a closing mark, a pause or stop
# mark or a small kana, none ending with an opening bracket; the corpus's
# Chinese articles too, in every style
kinsoku() {
	sed -n 's/^ .*|\(.*\)|$/\1/p' "$1" | python3 -c '
import sys
close = set("、。，．：；！？」』）》〉】〕〗〙’”)]}ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
opening = set("「『（《〈【〔〖〘‘“([{")
bad = [l for l in (x.rstrip("\n") for x in sys.stdin) if l and (l[0] in close or l[-1] in opening)]
print("\n".join(bad))'
}
cjk_lines() {   # name trace
	if grep -q ' short ' "$2"; then fail "$1: no justified line short of the measure" "$(grep ' short ' "$2" | head -3)"
	else ok "$1: no justified line short of the measure"; fi
	bad=$(kinsoku "$2")
	[ -z "$bad" ] && ok "$1: no line starts with a closing mark or ends with an opening one" ||
		fail "$1: no line starts with a closing mark or ends with an opening one" "$bad"
}
for n in zh-tc zh-sc zh-hk japanese; do
	cjk_lines "$n" "$TMP/$n.trace"
done
if have_corpus; then
	for n in 028 029 030; do
		for st in a4 newspaper column ereader letter; do
			"$WARTA" -s $st -o "$TMP/c$n-$st.trace" "$CORPUS/$n.txt" 2>/dev/null
			cjk_lines "corpus $n ($st)" "$TMP/c$n-$st.trace"
		done
	done
else
	skip "corpus Chinese: justified lines, kinsoku" "no corpus"
fi

# Lao, Khmer and Myanmar write no spaces between words: their paragraphs
# break inside the sentence (ICU's dictionaries), not only at its spaces;
# Thai through Pango's libthai
for n in lao khmer myanmar thai; do
	got=$(awk '/^  column/ { c = 1; next } c && /\|/ { n++ } END { print n + 0 }' "$TMP/$n.trace")
	[ "$got" -ge 4 ] && ok "$n: paragraphs broken between words ($got lines)" ||
		fail "$n: paragraphs broken between words" "$got lines"
done

# emoji in colour: Noto Color Emoji's bitmaps are images in the PDF
got=$(pdfimages -list "$TMP/emoji.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
[ "$got" -ge 8 ] && ok "emoji: drawn in colour ($got images)" || fail "emoji: drawn in colour" "$got images"

# BCP 47 tags are kept whole, in their canonical case
tag() { "$WARTA" -t json "$@" | sed -n 's/^    "lang": "\(.*\)",$/\1/p' | head -1; }
printf 'date 2024-10-25 Test\n\nA short text in some language or other.\n' >"$TMP/t.txt"
for pair in zh-hant-tw:zh-Hant-TW zh_TW:zh-TW sr-latn:sr-Latn zh-HK:zh-HK ja:ja; do
	got=$(tag -l "${pair%%:*}" "$TMP/t.txt")
	[ "$got" = "${pair#*:}" ] && ok "-l ${pair%%:*}: lang ${pair#*:}" || fail "-l ${pair%%:*}: lang ${pair#*:}" "$got"
done
printf -- '---\ntitle: T\nlang: zh-Hant-TW\n---\n\n新橋下月通車。\n' >"$TMP/fm.txt"
got=$(tag "$TMP/fm.txt")
[ "$got" = zh-Hant-TW ] && ok "front matter lang: zh-Hant-TW kept" || fail "front matter lang: zh-Hant-TW kept" "$got"
# Traditional or Simplified from the characters when the tag does not say
sed '/^lang:/d' "$DATA/zh-tc.txt" >"$TMP/tc.txt"
sed '/^lang:/d' "$DATA/zh-sc.txt" >"$TMP/sc.txt"
got="$(tag "$TMP/tc.txt") $(tag "$TMP/sc.txt") $(tag -l zh "$TMP/tc.txt")"
[ "$got" = "zh-Hant zh-Hans zh-Hant" ] && ok "Chinese: Traditional and Simplified told from the text" ||
	fail "Chinese: Traditional and Simplified told from the text" "$got"
"$WARTA" -o "$TMP/tc.pdf" "$TMP/tc.txt"
got=$(pdffonts "$TMP/tc.pdf" | grep -o 'NotoSerifCJK[a-z]*' | sort -u | tr '\n' ' ')
[ "$got" = "NotoSerifCJKtc " ] && ok "untagged Traditional Chinese: the TC face" || fail "untagged Traditional Chinese: the TC face" "$got"
if have_corpus; then
	got="$(tag "$CORPUS/028.txt") $(tag "$CORPUS/029.txt") $(tag "$CORPUS/030.txt")"
	[ "$got" = "zh-Hant zh-Hant zh-Hans" ] && ok "corpus Chinese: Traditional 028 029, Simplified 030" ||
		fail "corpus Chinese: Traditional 028 029, Simplified 030" "$got"
else
	skip "corpus Chinese: Traditional 028 029, Simplified 030" "no corpus"
fi

# dates from CLDR (ICU) in every language, Gregorian
date_text() { printf -- '---\ntitle: T\ndate: 2024-10-25\nlang: %s\n---\n\nText.\n' "$1" |
	"$WARTA" -t json - | sed -n 's/^    "date_text": "\(.*\)",$/\1/p'; }
while IFS='|' read -r l want; do
	got=$(date_text "$l")
	[ "$got" = "$want" ] && ok "date in $l: $want" || fail "date in $l: $want" "$got"
done <<'EOT'
ja|2024年10月25日金曜日
ko|2024년 10월 25일 금요일
ru|пятница, 25 октября 2024 г.
tr|25 Ekim 2024 Cuma
vi|Thứ Sáu, 25 tháng 10, 2024
pl|piątek, 25 października 2024
sv|fredag 25 oktober 2024
th|วันศุกร์ที่ 25 ตุลาคม 2024
fa|جمعه ۲۵ اکتبر ۲۰۲۴
zh-Hant-TW|2024年10月25日 星期五
id|Jumat, 25 Oktober 2024
EOT

# a character no font has: set as a box, one error per run of them with
# its place and count (exit 1), a warning with --missing-glyphs=warn
printf -- '---\ntitle: T\n---\n\nLinear A: 𐘀𐘁 𐘂 and more text, then 𐘃.\n' >"$TMP/miss.txt"
"$WARTA" -o "$TMP/miss.pdf" "$TMP/miss.txt" 2>"$TMP/miss.err"; rc=$?
want="warta: $TMP/miss.txt:5:11: error: no font has a glyph for 3 characters, U+10600 '𐘀' to U+10602 '𐘂': set as boxes
warta: $TMP/miss.txt:5:36: error: no font has a glyph for U+10603 '𐘃': set as a box"
if [ $rc = 1 ] && [ "$(cat "$TMP/miss.err")" = "$want" ]; then ok "missing glyphs: an error per run, with place and count"
else fail "missing glyphs: an error per run, with place and count" "status $rc; $(cat "$TMP/miss.err")"; fi
# the boxes take room on the line: the text after them is not drawn over them
got=$(pdftotext -bbox "$TMP/miss.pdf" - | grep -c '>and<')
[ -f "$TMP/miss.pdf" ] && [ "$got" = 1 ] && ok "missing glyphs: the page is made, boxes in place" ||
	fail "missing glyphs: the page is made, boxes in place" "$got"
"$WARTA" --missing-glyphs=warn -o "$TMP/miss.pdf" "$TMP/miss.txt" 2>"$TMP/miss.err"; rc=$?
[ $rc = 0 ] && grep -q 'warning: no font has a glyph for 3 characters' "$TMP/miss.err" &&
	ok "--missing-glyphs=warn: a warning, exit 0" || fail "--missing-glyphs=warn: a warning, exit 0" "status $rc; $(cat "$TMP/miss.err")"
"$WARTA" --missing-glyphs=maybe -o "$TMP/miss.pdf" "$TMP/miss.txt" 2>/dev/null; rc=$?
[ $rc = 2 ] && ok "--missing-glyphs=maybe: a usage error" || fail "--missing-glyphs=maybe: a usage error" "status $rc"

# EPUB: the tag whole in dc:language and xml:lang, the CSS in the region's
# face; a book of Simplified and Traditional articles sets each in its own
# (a :lang() rule); epubcheck 0 errors 0 warnings
"$WARTA" -o "$TMP/tc.epub" "$DATA/zh-tc.txt"
css=$(unzip -p "$TMP/tc.epub" EPUB/css/news.css)
opf=$(unzip -p "$TMP/tc.epub" EPUB/package.opf)
if printf '%s' "$css" | grep -q 'Noto Serif CJK TC' && ! printf '%s' "$css" | grep -q 'CJK SC' &&
   printf '%s' "$opf" | grep -q '<dc:language>zh-Hant-TW</dc:language>'; then
	ok "EPUB of zh-Hant-TW: dc:language whole, CSS in Noto Serif CJK TC"
else
	fail "EPUB of zh-Hant-TW: dc:language whole, CSS in Noto Serif CJK TC" "$(printf '%s' "$opf" | grep language)"
fi
"$WARTA" --edition Mixed -o "$TMP/mix.epub" "$DATA/zh-sc.txt" "$DATA/zh-tc.txt" "$DATA/japanese.txt"
css=$(unzip -p "$TMP/mix.epub" EPUB/css/news.css)
if printf '%s' "$css" | grep -q '^body {font-family:"Charis SIL","Noto Serif CJK SC"' &&
   printf '%s' "$css" | grep -q 'html:lang(zh-Hant-TW) p.*"Noto Serif CJK TC"' &&
   printf '%s' "$css" | grep -q 'html:lang(ja) p.*"Noto Serif CJK JP"'; then
	ok "EPUB edition: each CJK article in its region's face (:lang rules)"
else
	fail "EPUB edition: each CJK article in its region's face (:lang rules)" "$(printf '%s' "$css" | grep -i cjk | head -3)"
fi
JAR=/usr/share/java/epubcheck.jar
if [ -f "$JAR" ] && command -v java >/dev/null; then
	for b in tc mix; do
		if java -jar "$JAR" "$TMP/$b.epub" 2>&1 | grep -q 'Messages: 0 fatals / 0 errors / 0 warnings'; then
			ok "epubcheck 0/0: $b.epub"
		else
			fail "epubcheck 0/0: $b.epub" "$(java -jar "$JAR" "$TMP/$b.epub" 2>&1 | grep -E 'ERROR|WARN' | head -5)"
		fi
	done
else
	skip "epubcheck of the CJK books" "no epubcheck"
fi
