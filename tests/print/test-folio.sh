#!/bin/sh
# test-folio.sh — the running head and the folio from page 2 on, read back
# with pdftotext -bbox: the folio on the page's outer edge and the head
# beside it towards the spine.  A left-to-right book's odd pages are
# right-hand pages (folio at the right, head left of it); a right-to-left
# book's (an Arabic article, or an edition in Arabic) are left-hand pages
# (folio at the left, head right of it), the even pages mirrored.  An
# edition is one book: its direction, not each article's, places them.
. "$(dirname "$0")/../lib.sh"

# article FILE LANG TITLE PARAGRAPH: an article of our own, the paragraph
# 70 times, over several a4 pages
article() {
	{
		printf -- '---\ntitle: %s\ndate: 2024-10-25\nlang: %s\n---\n\n' "$3" "$2"
		i=0
		while [ $i -lt 70 ]; do
			printf '%s\n\n' "$4"
			i=$((i + 1))
		done
	} >"$1"
}
AR="$TMP/ar.txt"
article "$AR" ar 'مكتبة جديدة في وسط المدينة القديمة' \
    'تقول الصحيفة إن المدينة افتتحت مكتبة جديدة في وسط السوق القديم. وقال رئيس البلدية إن المكتبة ستفتح أبوابها كل يوم من الصباح حتى المساء. ويأمل السكان أن يجد الطلاب فيها مكانا هادئا للقراءة والدراسة بعد المدرسة.'
# the same shape in Indonesian (left to right)
ID="$TMP/id.txt"
article "$ID" id 'Perpustakaan baru di tengah kota lama' \
    'Kota itu membuka perpustakaan baru di tengah pasar lama, kata surat kabar. Wali kota berkata perpustakaan akan buka setiap hari dari pagi sampai malam. Warga berharap para pelajar menemukan tempat yang tenang untuk membaca.'

# sides PDF PAGE…: for each page, "PAGE:folio-SIDE" (the folio's edge,
# left or right, of the running head's line) and whether the head is
# beside it towards the other edge and inside the page ("ok"/"bad")
sides() {
	pdf=$1; shift
	pdftotext -bbox "$pdf" "$TMP/bbox.html" 2>/dev/null
	python3 - "$TMP/bbox.html" "$@" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', html, re.S)
digits = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
out = []
for p in sys.argv[2:]:
    width, body = pages[int(p) - 1]
    width = float(width)
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body)]
    top = min(w[1] for w in words)
    line = [w for w in words if w[1] < top + 4]        # the running head's line
    folio = [w for w in line if w[4].translate(digits) == p]
    head = [w for w in line if w not in folio]
    if len(folio) != 1 or not head:
        out.append("%s:none" % p)
        continue
    f = folio[0]
    side = "right" if f[0] > width / 2 else "left"
    if side == "right":
        good = all(h[2] < f[0] for h in head) and min(h[0] for h in head) > 0
    else:
        good = all(h[0] > f[2] for h in head) and max(h[2] for h in head) < width
    out.append("%s:%s-%s" % (p, side, "ok" if good else "bad"))
print(" ".join(out))
EOF
}

want() {        # want NAME PDF "EXPECTED" PAGE…
	name=$1 pdf=$2 exp=$3; shift 3
	got=$(sides "$pdf" "$@")
	[ "$got" = "$exp" ] && ok "$name: $got" || fail "$name" "want $exp
got  $got"
}

if $WARTA -q -s a4 -o "$TMP/ar.pdf" "$AR" 2>"$TMP/err" && $WARTA -q -s a4 -o "$TMP/id.pdf" "$ID" 2>>"$TMP/err"; then
	want "Arabic article: folio on the outer edge of a right-to-left book, head beside it" "$TMP/ar.pdf" \
	    "2:right-ok 3:left-ok" 2 3
	want "Indonesian article: folio on the outer edge of a left-to-right book, head beside it" "$TMP/id.pdf" \
	    "2:left-ok 3:right-ok" 2 3
else
	fail "articles set" "$(cat "$TMP/err")"
fi
# an edition is one book: in the letter style (an article a page run, each
# article's pages painted as a single article's), an Indonesian edition
# with the Arabic article in it keeps the left-to-right sides throughout;
# the edition in Arabic (--edition-lang ar) has the right-to-left ones
mkdir -p "$TMP/ed"
cp "$ID" "$TMP/ed/1.txt"
cp "$AR" "$TMP/ed/2.txt"
if $WARTA -q -s letter --edition Uji -o "$TMP/ed-id.pdf" "$TMP/ed" 2>"$TMP/err" &&
   $WARTA -q -s letter --edition Uji --edition-lang ar -o "$TMP/ed-ar.pdf" "$TMP/ed" 2>>"$TMP/err" &&
   $WARTA -q -s a4 --edition Uji --edition-lang ar -o "$TMP/flow-ar.pdf" "$TMP/ed" 2>>"$TMP/err"; then
	n=$(pdfinfo "$TMP/ed-id.pdf" | awk '/^Pages:/ { print $2 }')
	last=$((n - 1))
	want "letter edition in Indonesian: left-to-right sides on the Arabic article's pages too" "$TMP/ed-id.pdf" \
	    "$last:$([ $((last % 2)) = 1 ] && echo right || echo left)-ok $n:$([ $((n % 2)) = 1 ] && echo right || echo left)-ok" $last $n
	want "letter edition in Arabic: right-to-left sides" "$TMP/ed-ar.pdf" \
	    "$last:$([ $((last % 2)) = 1 ] && echo left || echo right)-ok $n:$([ $((n % 2)) = 1 ] && echo left || echo right)-ok" $last $n
	n=$(pdfinfo "$TMP/flow-ar.pdf" | awk '/^Pages:/ { print $2 }')
	want "a4 (run-on) edition in Arabic: right-to-left sides on its made-up pages" "$TMP/flow-ar.pdf" \
	    "$((n - 1)):$([ $(((n - 1) % 2)) = 1 ] && echo left || echo right)-ok $n:$([ $((n % 2)) = 1 ] && echo left || echo right)-ok" $((n - 1)) $n
else
	fail "editions set" "$(cat "$TMP/err")"
fi
