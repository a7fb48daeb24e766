#!/bin/sh
# test-subset.sh — a PDF's big faces (Noto Serif CJK: a 26 MB CFF table)
# are drawn from a subset made ahead with hb-subset
# (src/render/subset_face.c), not from the whole face Cairo would copy.
# Against the whole face (WARTA_TEST_NO_SUBSET=1, a test switch): the same
# text (pdftotext) and the same pixels (pdftoppm -r 72 -gray) for an
# article of this test's own, an edition of it with a Latin article, and
# (by path, skipped without them) the corpus's three Chinese articles; the
# font embedded and subset (pdffonts), qpdf --check clean, and the PDF
# smaller (Cairo's own subset of the whole face keeps its subroutines).  A
# character left out of the subset (WARTA_TEST_SUBSET_OMIT, a test switch)
# is drawn from the whole face: in the text, the same pixels, the face
# embedded twice (the subset and the whole face for the line with it).
. "$(dirname "$0")/../lib.sh"

A="$TMP/zh.txt"
cat >"$A" <<'EOF'
---
title: "山城图书馆把旧车站改成夜间阅览室"
date: 2025-11-02
lang: zh
---

山城图书馆上周六把废弃多年的旧车站改成夜间阅览室，每天晚上七点开门，到凌晨一点关门。馆长说，附近的工厂实行三班制，很多工人下班以后没有地方安静地读书。

开放第一周，阅览室一共接待了八百四十二位读者。有人带着孩子来写作业，也有人只是坐在候车长椅上看窗外的雨。一位退休的火车司机说：“我在这里等过无数趟车，现在终于可以坐下来慢慢看书了。”

## 2. 从售票厅到书架

原来的售票厅变成了借阅台，行李房摆满了地方志和旧报纸合订本。工人们保留了墙上的列车时刻表，只把“发车”两个字换成了“开馆”。

图书馆计划明年春天增加一个儿童角，并请附近学校的学生一起设计鲸鱼形状的书架。
EOF

# render NAME ARGS…: NAME.pdf with the subsets and NAME-full.pdf with the
# whole face, their text and their pages as grey pixels
render() {
	name=$1; shift
	$RUN "$WARTA" -q "$@" -o "$TMP/$name.pdf" 2>"$TMP/$name.err" &&
	WARTA_TEST_NO_SUBSET=1 $RUN "$WARTA" -q "$@" -o "$TMP/$name-full.pdf" 2>>"$TMP/$name.err" || return 1
	for v in "$name" "$name-full"; do
		pdftotext "$TMP/$v.pdf" "$TMP/$v.txt" &&
		mkdir -p "$TMP/$v.px" && pdftoppm -r 72 -gray "$TMP/$v.pdf" "$TMP/$v.px/p" || return 1
	done
}

# same NAME: the same text and the same pixels on every page
same() {
	name=$1
	if ! cmp -s "$TMP/$name.txt" "$TMP/$name-full.txt"; then
		fail "$name: the same text as with the whole face" "$(diff "$TMP/$name-full.txt" "$TMP/$name.txt" | head -20)"
	else
		ok "$name: the same text as with the whole face"
	fi
	n=$(ls "$TMP/$name-full.px" | wc -l)
	d=""
	for p in "$TMP/$name-full.px"/*; do
		cmp -s "$p" "$TMP/$name.px/$(basename "$p")" || d="$d $(basename "$p")"
	done
	if [ "$n" -gt 0 ] && [ -z "$d" ] && [ "$(ls "$TMP/$name.px" | wc -l)" -eq "$n" ]; then
		ok "$name: the same pixels as with the whole face ($n pages)"
	else
		fail "$name: the same pixels as with the whole face" "pages differing:$d (of $n)"
	fi
}

# cjk_fonts PDF: its Noto CJK font entries (pdffonts)
cjk_fonts() { pdffonts "$1" | awk 'NR > 2 && $1 ~ /CJK/'; }

if render zh "$A"; then
	same zh
	# the regular face and the headline's bold one, each once
	f=$(cjk_fonts "$TMP/zh.pdf")
	if [ "$(printf '%s\n' "$f" | grep -c .)" -eq 2 ] &&
	   [ "$(printf '%s\n' "$f" | awk '{ print $1 }' | sed 's/^[A-Z]*+//' | sort -u | wc -l)" -eq 2 ] &&
	   printf '%s\n' "$f" | awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes" { exit 1 }'; then
		ok "zh: each Noto CJK face embedded once, subset, with ToUnicode"
	else
		fail "zh: each Noto CJK face embedded once, subset, with ToUnicode" "$(pdffonts "$TMP/zh.pdf")"
	fi
	check "zh: qpdf --check" qpdf --check "$TMP/zh.pdf"
	a=$(stat -c %s "$TMP/zh.pdf") b=$(stat -c %s "$TMP/zh-full.pdf")
	if [ "$a" -lt "$b" ]; then ok "zh: the subset's PDF is smaller ($a < $b bytes)"
	else fail "zh: the subset's PDF is smaller" "$a bytes, whole face $b"; fi
else
	fail "zh: renders" "$(cat "$TMP/zh.err")"
fi

# a character the subset lacks: its lines drawn with the whole face
export WARTA_TEST_SUBSET_OMIT="鲸"
render omit "$A"; r=$?
unset WARTA_TEST_SUBSET_OMIT
if [ $r -eq 0 ]; then
	same omit
	if grep -q "鲸鱼形状" "$TMP/omit.txt"; then ok "omit: the left-out character is in the text"
	else fail "omit: the left-out character is in the text" "$(cat "$TMP/omit.txt")"; fi
	n=$(cjk_fonts "$TMP/omit.pdf" | grep -c 'NotoSerifCJKsc-Regular ')
	if [ "$n" -eq 2 ]; then ok "omit: the whole face drawn for the line the subset cannot (the regular face twice)"
	else fail "omit: the whole face drawn for the line the subset cannot" "$(pdffonts "$TMP/omit.pdf")"; fi
	check "omit: qpdf --check" qpdf --check "$TMP/omit.pdf"
else
	fail "omit: renders" "$(cat "$TMP/omit.err")"
fi

# an edition: the subsets made from every article's characters
mkdir -p "$TMP/ed"
cp "$A" "$TMP/ed/01-zh.txt"
cp "$SAMPLE" "$TMP/ed/02-id.txt"
sed 's/^title: .*/title: "夜间阅览室的第二个月"/' "$A" >"$TMP/ed/03-zh.txt"
if render ed --edition "Edisi Uji" "$TMP/ed"; then
	same ed
	if [ "$(cjk_fonts "$TMP/ed.pdf" | grep -c .)" -eq "$(cjk_fonts "$TMP/ed-full.pdf" | grep -c .)" ]
	then ok "ed: each Noto CJK face embedded once"
	else fail "ed: each Noto CJK face embedded once" "$(pdffonts "$TMP/ed.pdf")"; fi
else
	fail "ed: renders" "$(cat "$TMP/ed.err")"
fi

# the corpus's Chinese articles
if have_corpus; then
	for a in 028 029 030; do
		if render "c$a" "$CORPUS/$a.txt"; then
			same "c$a"
			if [ "$(cjk_fonts "$TMP/c$a.pdf" | wc -l)" -eq "$(cjk_fonts "$TMP/c$a-full.pdf" | wc -l)" ]
			then ok "c$a: as many Noto CJK fonts as with the whole face (no line fell back)"
			else fail "c$a: as many Noto CJK fonts as with the whole face" "$(pdffonts "$TMP/c$a.pdf")"; fi
		else
			fail "c$a: renders" "$(cat "$TMP/c$a.err")"
		fi
	done
else
	skip "corpus Chinese articles" "no corpus at $CORPUS"
fi
