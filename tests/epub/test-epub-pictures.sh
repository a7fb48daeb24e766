#!/bin/sh
# test-epub-pictures.sh — pictures in the EPUB (issue 12): the picture test
# inputs (tests/reader/pictures-*.txt: every format, a lead photo, broken
# pictures, Arabic) as single books and as one edition; epubcheck 0 errors
# and 0 warnings on each (one JVM), each picture stored once under
# EPUB/images/ by content, manifest media types (WebP converted to PNG),
# <figure> with <img alt> and <figcaption> with the credit in its own
# element, the lead photo as the cover, xmllint on every member; and batch
# outputs with pictures byte-identical whatever the number of workers.
. "$(dirname "$0")/../lib.sh"
HERE="$ROOT/tests/epub"
RD="$ROOT/tests/reader"
JAR=/usr/share/java/epubcheck.jar
OUT="$TMP/books"
mkdir -p "$OUT"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi

books=
for n in figure inline lead formats broken ar; do
	(cd "$RD" && $RUN "$WARTA" -q -o "$OUT/$n.epub" "pictures-$n.txt" 2>/dev/null)
	rc=$?
	want=0
	[ $n = broken ] && want=1
	[ $n = inline ] && want=0
	if [ $rc = $want ] && [ -s "$OUT/$n.epub" ]; then
		ok "EPUB with pictures: $n (exit $rc)"
		books="$books $OUT/$n.epub"
	else
		fail "EPUB with pictures: $n (exit $want)" "exit $rc"
	fi
done
(cd "$RD" && $RUN "$WARTA" -q --edition 'Edisi Foto' --edition-date 2024-10-26 -o "$OUT/edition.epub" \
	pictures-figure.txt pictures-lead.txt pictures-formats.txt pictures-ar.txt 2>/dev/null) &&
	ok "an edition of the picture articles" && books="$books $OUT/edition.epub" ||
	fail "an edition of the picture articles"

# ------------------------------------------------------------ epubcheck
if ! command -v java >/dev/null 2>&1 || [ ! -f "$JAR" ]; then
	skip "epubcheck with pictures" "no java or $JAR"
else
	if java --list-modules 2>/dev/null | grep -q '^jdk.compiler'; then
		# shellcheck disable=SC2086
		java -cp "$JAR" "$HERE/EpubCheckBatch.java" $books >"$TMP/ec" 2>&1
	else
		: >"$TMP/ec"
		for b in $books; do
			java -jar "$JAR" "$b" >"$TMP/ec1" 2>&1
			grep -q '^No errors or warnings detected' "$TMP/ec1" && echo "RESULT $b 0 0 0" >>"$TMP/ec"
		done
	fi
	for b in $books; do
		if grep -qxF "RESULT $b 0 0 0" "$TMP/ec"; then
			ok "epubcheck 0 errors 0 warnings: ${b#"$OUT"/}"
		else
			fail "epubcheck 0 errors 0 warnings: ${b#"$OUT"/}" "$(grep -F "$b" "$TMP/ec")"
		fi
	done
fi

# ------------------------------------------------------------ the package
check "EPUB pictures: stored once by content, media types, figures, alt, credit, cover" \
	python3 - "$OUT" "$ROOT/tests/data/pictures" <<'PY'
import sys, zipfile, hashlib, re, os
out, pics = sys.argv[1], sys.argv[2]
def members(name):
    z = zipfile.ZipFile(os.path.join(out, name))
    return z, z.namelist()
# formats: each picture once, named by its content; WebP stored as PNG
z, names = members('formats.epub')
imgs = sorted(n for n in names if n.startswith('EPUB/images/') and not n.endswith('/cover.png'))
opf = z.read('EPUB/package.opf').decode()
exts = sorted(n.rsplit('.', 1)[1] for n in imgs)
assert exts == ['gif', 'jpg', 'jpg', 'jpg', 'jpg', 'jpg', 'png', 'png', 'svg'], exts
assert 'image/webp' not in opf, 'WebP left in the manifest'
for n in imgs:
    data = z.read(n)
    stem = n.rsplit('/', 1)[1].rsplit('.', 1)[0]
    if not n.endswith('.png') or b'IHDR' in data[:16]:
        pass
    mt = {'jpg': 'image/jpeg', 'png': 'image/png', 'gif': 'image/gif', 'svg': 'image/svg+xml'}[n.rsplit('.', 1)[1]]
    assert re.search(r'href="%s" media-type="%s"' % (re.escape(n[5:]), re.escape(mt)), opf), (n, mt)
for f in ['photo.jpg', 'cmyk.jpg', 'chart.svg', 'anim.gif']:
    b = open(os.path.join(pics, f), 'rb').read()
    h = hashlib.sha256(b).hexdigest()[:16]
    found = [n for n in imgs if h in n]
    assert found and z.read(found[0]) == b, (f, 'not stored as its own bytes under its hash')
x = z.read('EPUB/text/a001.xhtml').decode()
assert x.count('<figure') == 9 and x.count('<img ') == 9, (x.count('<figure'), x.count('<img '))
for m in re.finditer(r'<img [^>]*>', x):
    assert ' alt="' in m.group(0), m.group(0)
# figure: caption and credit in their elements
z, names = members('figure.epub')
x = z.read('EPUB/text/a001.xhtml').decode()
assert '<figcaption>Curah hujan harian di Jakarta sepekan terakhir. <span class="credit">Foto: BMKG/Dok</span></figcaption>' in x, x
assert '<figcaption><span class="credit">Kredit: Antara</span></figcaption>' in x
# lead: the photo is the cover image, and the article opens with it
z, names = members('lead.epub')
opf = z.read('EPUB/package.opf').decode()
assert 'EPUB/images/cover.png' not in names, 'a drawn cover beside the photo'
m = re.search(r'<item id="(img-[0-9a-f]{16})" href="images/[0-9a-f]{16}\.jpg" media-type="image/jpeg" properties="cover-image"/>', opf)
assert m and '<meta name="cover" content="%s"/>' % m.group(1) in opf, opf
cover = z.read('EPUB/text/cover.xhtml').decode()
assert 'alt="Perahu pinisi bersandar di dermaga"' in cover and 'Pelabuhan Sunda Kelapa' in cover, cover
x = z.read('EPUB/text/a001.xhtml').decode()
assert x.index('<figure class="figure lead">') < x.index('<p class="first'), 'lead photo not at the top'
# broken: descriptions in frames, no image stored
z, names = members('broken.epub')
assert not [n for n in names if n.startswith('EPUB/images/') and not n.endswith('cover.png')], names
x = z.read('EPUB/text/a001.xhtml').decode()
assert x.count('<p class="picture-missing">') == 8, x.count('<p class="picture-missing">')
# the edition: photo.jpg (figure, lead, formats, ar) stored once
z, names = members('edition.epub')
h = hashlib.sha256(open(os.path.join(pics, 'photo.jpg'), 'rb').read()).hexdigest()[:16]
assert len([n for n in names if h in n]) == 1, [n for n in names if h in n]
PY
if command -v xmllint >/dev/null 2>&1; then
	bad=
	for b in $books; do
		rm -rf "$TMP/x"; mkdir "$TMP/x"
		(cd "$TMP/x" && unzip -q "$b")
		for f in $(find "$TMP/x" -name '*.xhtml' -o -name '*.opf' -o -name '*.svg' -o -name '*.ncx'); do
			xmllint --noout "$f" 2>/dev/null || bad="$bad ${b#"$OUT"/}:${f#"$TMP"/x/}"
		done
	done
	[ -z "$bad" ] && ok "xmllint: every member of the picture books" || fail "xmllint: every member of the picture books" "$bad"
fi

# ------------------------------------------------------------ batch, -j
mkdir -p "$TMP/in"
cp "$RD"/pictures-figure.txt "$RD"/pictures-lead.txt "$RD"/pictures-formats.txt "$RD"/pictures-ar.txt "$TMP/in/"
mkdir -p "$TMP/data" && cp -r "$ROOT/tests/data/pictures" "$TMP/data/"
# the inputs name ../data/pictures/…: from $TMP/in that is $TMP/data/pictures
$RUN "$WARTA" -q -j 1 -d "$TMP/o1" -t pdf,epub "$TMP/in" 2>/dev/null
$RUN "$WARTA" -q -j 2 -d "$TMP/o2" -t pdf,epub "$TMP/in" 2>/dev/null
if [ "$(ls "$TMP/o1" | wc -l)" = 8 ] && diff -r "$TMP/o1" "$TMP/o2" >/dev/null; then
	ok "batch with pictures: -j 1 and -j 2 byte-identical (8 files)"
else
	fail "batch with pictures: -j 1 and -j 2 byte-identical (8 files)" "$(ls "$TMP/o1" "$TMP/o2")"
fi
