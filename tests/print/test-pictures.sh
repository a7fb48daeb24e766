#!/bin/sh
# test-pictures.sh — pictures in print (issue 12): golden layout traces of
# the picture test inputs (tests/reader/pictures-*.txt: figures with caption
# and credit, inline pictures, a lead photo, every format, CMYK and
# EXIF-rotated JPEGs, SVG, a picture larger than the page, missing, corrupt
# and truncated files, a URL, a data: URI, a decompression bomb), and of the
# picture sample (the sample article with a lead photo and a body figure)
# in every shipped style, on at most one page more than the sample; then
# pdfimages -list (count, sizes, JPEG passed through), a JPEG's bytes
# unchanged in the PDF, qpdf --check, tagged Figure with its /Alt, the exit status of a
# broken picture (1, output made), PNG and SVG pages that show the pictures,
# and byte-identical reruns.
. "$(dirname "$0")/../lib.sh"
GOLD="$ROOT/tests/print/data"
RD="$ROOT/tests/reader"
PICS="$ROOT/tests/data/pictures"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi

# ------------------------------------------------------------ golden traces
for n in figure inline lead formats broken ar; do
	(cd "$RD" && $RUN "$WARTA" -q -o "$TMP/p-$n.trace" "pictures-$n.txt" 2>/dev/null)
	rc=$?
	want=0
	[ $n = broken ] && want=1
	if [ $rc = $want ]; then
		diff_golden "pictures: $n trace" "$TMP/p-$n.trace" "$GOLD/pictures-$n.trace"
	else
		fail "pictures: $n sets (exit $want)" "exit $rc"
	fi
done

# ------------------------------------------------------------ the picture sample
# tests/data/korea-foto.txt: the sample article with a lead photo (front
# matter) and a chart after its second paragraph; its text is the sample's.
FOTO="$ROOT/tests/data/korea-foto.txt"
mkdir -p "$TMP/sample"
cp "$FOTO" "$TMP/sample/korea-foto.txt"
ln -s "$PICS" "$TMP/sample/pictures"
if [ "$(sed -n '/^---$/,/^---$/!p' "$FOTO" | grep -v '^!\[' | grep -v '^$')" = "$(sed 1d "$SAMPLE" | grep -v '^$')" ]; then
	ok "the picture sample's text is the sample's"
else
	fail "the picture sample's text is the sample's"
fi
for style in a4 letter newspaper column ereader; do
	if $RUN "$WARTA" -q -s "$style" -o "$TMP/sf-$style.trace" "$TMP/sample/korea-foto.txt" 2>"$TMP/sf.err" &&
	   $RUN "$WARTA" -q -s "$style" -o "$TMP/sf-$style.pdf" "$TMP/sample/korea-foto.txt" 2>>"$TMP/sf.err"; then
		diff_golden "picture sample in $style: trace" "$TMP/sf-$style.trace" "$GOLD/pictures-sample-$style.trace"
		old=$(grep -c '^page ' "$GOLD/sample-$style.trace")
		new=$(grep -c '^page ' "$TMP/sf-$style.trace")
		if [ "$new" -le $((old + 1)) ]; then
			ok "picture sample in $style: $new pages (the sample: $old)"
		else
			fail "picture sample in $style: at most one page more than the sample" "$new pages, sample $old"
		fi
		if grep -q 'figure .* image/jpeg |Perahu layar' "$TMP/sf-$style.trace" &&
		   grep -q 'figure .* image/png |Grafik perdagangan' "$TMP/sf-$style.trace"; then
			ok "picture sample in $style: the lead photo and the chart are set"
		else
			fail "picture sample in $style: the lead photo and the chart are set" "$(grep figure "$TMP/sf-$style.trace")"
		fi
	else
		fail "picture sample in $style sets" "$(cat "$TMP/sf.err")"
	fi
done

# ------------------------------------------------------------ PDF
(cd "$RD" && $RUN "$WARTA" -q -o "$TMP/formats.pdf" pictures-formats.txt)
got=$(pdfimages -list "$TMP/formats.pdf" 2>&1 | awk 'NR > 2 && $3 == "image" { printf " %sx%s %s %s;", $4, $5, $6, $9 }')
# photo, grey, CMYK, rotated (stored 320x240), chart (palette → rgb, with a
# soft mask), GIF, WebP, huge: eight images; the SVG is drawn as vectors
want=" 480x320 rgb jpeg; 480x320 gray jpeg; 480x320 cmyk jpeg; 320x240 rgb jpeg; 300x180 rgb image; 200x120 rgb image; 480x320 rgb image; 3000x4200 rgb jpeg;"
[ "$got" = "$want" ] && ok "pdfimages: eight images, JPEGs as JPEG (grey, CMYK kept), SVG as vectors" ||
	fail "pdfimages: eight images, JPEGs as JPEG (grey, CMYK kept), SVG as vectors" "got:$got"
check "pictures PDF: qpdf --check" qpdf --check "$TMP/formats.pdf"
check "a JPEG's bytes are in the PDF unchanged, once" python3 - "$TMP/formats.pdf" "$PICS/photo.jpg" "$PICS/cmyk.jpg" <<'PY'
import sys
pdf = open(sys.argv[1], 'rb').read()
for f in sys.argv[2:]:
    b = open(f, 'rb').read()
    assert pdf.count(b) == 1, (f, pdf.count(b))
PY
# the same photo twice: one image object, drawn twice
cat >"$TMP/twice.txt" <<EOF2
# Twice

![one]($PICS/photo.jpg)

Between them.

![two]($PICS/photo.jpg)
EOF2
$RUN "$WARTA" -q -o "$TMP/twice.pdf" "$TMP/twice.txt"
got=$(pdfimages -list "$TMP/twice.pdf" | awk 'NR > 2 { print $11 }' | sort -u | wc -l)
n=$(pdfimages -list "$TMP/twice.pdf" | awk 'NR > 2' | wc -l)
[ "$got" = 1 ] && [ "$n" = 2 ] && ok "a picture used twice: one XObject drawn twice" ||
	fail "a picture used twice: one XObject drawn twice" "$n uses, $got objects"
if grep -aq '/Figure' "$TMP/formats.pdf" && grep -aq '/Caption' "$TMP/twice.pdf" -a || grep -aq '/Figure' "$TMP/twice.pdf"; then
	ok "figures are tagged Figure in the PDF's structure"
else
	fail "figures are tagged Figure in the PDF's structure"
fi
# every Figure element has its picture's description as /Alt (cairo 1.16
# cannot write one: an incremental update, src/render/pdf_alt.c), read by
# qpdf; a decorative picture (an empty description) none; a PDF without
# pictures has no update
(cd "$RD" && $RUN "$WARTA" -q -o "$TMP/alt.pdf" pictures-figure.txt)
got=$(python3 "$ROOT/tests/print/figure_alts.py" "$TMP/alt.pdf" | sort | tr '\n' '|')
want=$(printf '%s\n' 'Warga mengungsi dengan perahu karet' 'Grafik curah hujan' 'Perahu di jalan' \
	'Peta genangan' '港口' '码头' | sort | tr '\n' '|')
[ "$got" = "$want" ] && qpdf --check "$TMP/alt.pdf" >/dev/null 2>&1 &&
	ok "PDF: each Figure has its description as /Alt (qpdf reads them)" ||
	fail "PDF: each Figure has its description as /Alt (qpdf reads them)" "got $got, want $want"
(cd "$RD" && $RUN "$WARTA" -q --pages 2 -o "$TMP/alt-p2.pdf" pictures-figure.txt)
got=$(python3 "$ROOT/tests/print/figure_alts.py" "$TMP/alt-p2.pdf" | tr '\n' '|')
[ "$got" = "港口|码头|" ] && qpdf --check "$TMP/alt-p2.pdf" >/dev/null 2>&1 &&
	ok "PDF of a page range (--pages 2): the figures there with their /Alt" ||
	fail "PDF of a page range (--pages 2): the figures there with their /Alt" "$got"
cat >"$TMP/deco.txt" <<EOF2
---
title: Hiasan
image: $PICS/lead.jpg
image-alt: Perahu di dermaga saat senja
---

![]($PICS/chart.png "Garis hiasan.")

![Peta genangan]($PICS/chart.svg)
EOF2
$RUN "$WARTA" -q -o "$TMP/deco.pdf" "$TMP/deco.txt"
got=$(python3 "$ROOT/tests/print/figure_alts.py" "$TMP/deco.pdf" | tr '\n' '|')
[ "$got" = "Perahu di dermaga saat senja|-|Peta genangan|" ] && qpdf --check "$TMP/deco.pdf" >/dev/null 2>&1 &&
	ok "PDF: the lead photo's image-alt as /Alt, none for a decorative picture" ||
	fail "PDF: the lead photo's image-alt as /Alt, none for a decorative picture" "$got"
(cd "$RD" && $RUN "$WARTA" -q -o "$TMP/alt-ar.pdf" pictures-ar.txt)
[ "$(python3 "$ROOT/tests/print/figure_alts.py" "$TMP/alt-ar.pdf")" = "زوار المعرض" ] &&
	ok "PDF: an Arabic description as /Alt" ||
	fail "PDF: an Arabic description as /Alt" "$(python3 "$ROOT/tests/print/figure_alts.py" "$TMP/alt-ar.pdf")"
# without pictures the update holds the catalog alone (its /Lang): no
# structure element is written again
$RUN "$WARTA" -q -o "$TMP/plain.pdf" "$SAMPLE"
upd=$(awk '/%%EOF/ { n++; next } n == 1' "$TMP/plain.pdf")
[ "$(grep -ac '%%EOF' "$TMP/plain.pdf")" = 2 ] && echo "$upd" | grep -aq '/Type /Catalog' &&
	echo "$upd" | grep -aq '/Lang (id)' && ! echo "$upd" | grep -aq '/StructElem' &&
	ok "PDF without pictures: an update of the catalog alone (its /Lang), no /Alt" ||
	fail "PDF without pictures: an update of the catalog alone" "$(grep -ac '%%EOF' "$TMP/plain.pdf") %%EOF
$upd"
# the caption and credit read back from the PDF
(cd "$RD" && $RUN "$WARTA" -q -o "$TMP/fig.pdf" pictures-figure.txt)
t=$(pdftotext "$TMP/fig.pdf" - | tr '\n' ' ')
case $t in
*"Curah hujan harian di Jakarta sepekan terakhir."*"Foto: BMKG/Dok"*) ok "caption and credit in the PDF's text" ;;
*) fail "caption and credit in the PDF's text" "$t" ;;
esac

# ------------------------------------------------------------ broken pictures
rm -f "$TMP/broken.pdf"
(cd "$RD" && $RUN "$WARTA" -o "$TMP/broken.pdf" pictures-broken.txt 2>"$TMP/broken.err")
rc=$?
if [ $rc = 1 ] && [ -s "$TMP/broken.pdf" ] && [ "$(grep -c 'warning: picture' "$TMP/broken.err")" = 8 ]; then
	ok "broken pictures: eight positioned warnings, exit 1, the PDF made"
else
	fail "broken pictures: eight positioned warnings, exit 1, the PDF made" "exit $rc; $(cat "$TMP/broken.err")"
fi
t=$(pdftotext "$TMP/broken.pdf" - | tr '\n' ' ')
case $t in
*"Missing file"*"A bomb"*"Corrupt PNG"*"A URL"*"text goes on"*) ok "broken pictures: each description set in its frame" ;;
*) fail "broken pictures: each description set in its frame" "$t" ;;
esac

# ------------------------------------------------------------ PNG and SVG pages
(cd "$RD" && $RUN "$WARTA" -q --pages 1 --dpi 60 -o "$TMP/fig.png" pictures-figure.txt)
check "PNG page shows the pictures (the sun's yellow, the chart's bars)" python3 - "$TMP/fig.png" <<'PY'
import sys, zlib, struct
d = open(sys.argv[1], 'rb').read()
p, chunks = 8, []
w = h = ct = None
idat = b''
while p < len(d):
    n, t = struct.unpack('>I4s', d[p:p + 8])
    if t == b'IHDR':
        w, h, bd, ct = struct.unpack('>IIBB', d[p + 8:p + 18])
    if t == b'IDAT':
        idat += d[p + 8:p + 8 + n]
    p += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ct]
stride = w * bpp
rows, prev = [], bytearray(stride)
i = 0
for y in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
def count(rgb, tol=30):
    n = 0
    for line in rows:
        for x in range(0, stride, bpp):
            if all(abs(line[x + k] - rgb[k]) <= tol for k in range(3)):
                n += 1
    return n
sun, bar = count((0xf2, 0xd1, 0x5a)), count((0x1f, 0x5f, 0x8b))
assert sun > 20 and bar > 20, (sun, bar)
PY
(cd "$RD" && $RUN "$WARTA" -q --pages 1 -o "$TMP/fig.svg" pictures-figure.txt)
if grep -q '<image' "$TMP/fig.svg" && grep -q 'data:image/jpeg' "$TMP/fig.svg"; then
	ok "SVG page carries the pictures (the JPEG as JPEG)"
else
	fail "SVG page carries the pictures (the JPEG as JPEG)" "$(grep -c '<image' "$TMP/fig.svg") images"
fi

# ------------------------------------------------------------ a chunk past the end
# A PNG whose chunk after the image data states 842 MB in a 574-byte file
# (a fuzz_image finding): libpng allocated the stated length first (1.6 GB,
# 2 s); now the chunk list is checked before libpng sees it.  Under a 500 MB
# address-space limit the old reader could not even try.
mkdir -p "$TMP/overrun"
cp "$ROOT/tests/data/pictures/chunk-overrun.png" "$TMP/overrun/x.png"
printf ' date 2024-10-25 Overrun\n\n![An overrun chunk](x.png)\n\nThe text goes on.\n' > "$TMP/overrun/a.txt"
# (ASan reserves terabytes of shadow memory: no limit in the SAN build)
lim=500000
[ "$BUILD" = build-san ] && lim=unlimited
(cd "$TMP/overrun" && ulimit -v $lim 2>/dev/null; $RUN "$WARTA" -o a.pdf a.txt 2>err.txt)
rc=$?
if [ $rc = 1 ] && [ -s "$TMP/overrun/a.pdf" ] && grep -q 'a.txt:3:1: warning: picture "x.png": a corrupt or truncated PNG (a chunk runs past the end of the file)' "$TMP/overrun/err.txt"; then
	ok "a PNG chunk stating more than the file holds: a warning at the picture, exit 1, the PDF made"
else
	fail "a PNG chunk stating more than the file holds: a warning at the picture, exit 1, the PDF made" "exit $rc; $(cat "$TMP/overrun/err.txt")"
fi

# ------------------------------------------------------------ wider than Cairo draws
# A GIF 32,968 pixels wide (a fuzz_image finding): under the old 65,535-pixel
# side limit Cairo could not make its surface and the pixels were written
# through a null pointer.  A side is now at most Cairo's 32,767.
cp "$ROOT/tests/data/pictures/gif-wide.gif" "$TMP/overrun/w.gif"
printf ' date 2024-10-25 Wide\n\n![A wide GIF](w.gif)\n\nThe text goes on.\n' > "$TMP/overrun/w.txt"
(cd "$TMP/overrun" && $RUN "$WARTA" -o w.pdf w.txt 2>werr.txt)
rc=$?
if [ $rc = 1 ] && [ -s "$TMP/overrun/w.pdf" ] && grep -q 'w.txt:3:1: warning: picture "w.gif": .*(a side at most 32767)' "$TMP/overrun/werr.txt"; then
	ok "a GIF wider than Cairo draws: a warning at the picture, exit 1, the PDF made"
else
	fail "a GIF wider than Cairo draws: a warning at the picture, exit 1, the PDF made" "exit $rc; $(cat "$TMP/overrun/werr.txt")"
fi

# ------------------------------------------------------------ reproducible
(cd "$RD" && $RUN "$WARTA" -q -o "$TMP/formats2.pdf" pictures-formats.txt)
cmp -s "$TMP/formats.pdf" "$TMP/formats2.pdf" && ok "pictures PDF: two runs byte-identical" ||
	fail "pictures PDF: two runs byte-identical"
