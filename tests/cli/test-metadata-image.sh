#!/bin/sh
# test-metadata-image.sh — the lead photo from the command line (issue 14):
# -M image=PATH (relative to the working directory) and --metadata-file's
# image: (relative to the metadata file's directory), with image-alt,
# image-caption and image-credit, each overriding the front matter's; the
# JSON's meta.origin says where each value came from; the PDF holds the
# picture (pdfimages) with its description (/Alt), the EPUB its file.
. "$(dirname "$0")/../lib.sh"

PIC="$ROOT/tests/data/pictures/lead.jpg"
W="$TMP/w"
mkdir -p "$W/in" "$W/meta/img" "$W/cwd/photos"
cp "$PIC" "$W/cwd/photos/p.jpg"
cp "$PIC" "$W/meta/img/m.jpg"
cat >"$W/in/a.txt" <<'EOF'
---
title: Jembatan Baru Dibuka
date: 2024-10-25
lang: id
---

Jembatan baru di atas sungai dibuka untuk umum pada hari Jumat, kata pejabat
setempat kepada wartawan.
EOF
# lead: "key=value|origin" lines of the JSON's lead photo (meta.image: the
# picture's last two path components) and meta.origin
lead() {
	python3 -c '
import json, sys
m = json.load(sys.stdin)["meta"]
o = m.get("origin", {})
l = m.get("image")
def walk(n, t):
    for c in n.get("children", []):
        if c.get("type") == t:
            return c
img = walk(l, "image") if l else None
cap = walk(l, "caption") if l else None
cre = walk(l, "credit") if l else None
text = lambda n: "".join(c.get("text", "") + text(c) for c in n.get("children", [])) if n else ""
print("image=%s|%s" % ("/".join(img["url"].rsplit("/", 2)[-2:]) if img else None, o.get("image")))
print("alt=%s|%s" % (text(img), o.get("image-alt")))
print("caption=%s|%s" % (text(cap), o.get("image-caption")))
print("credit=%s|%s" % (text(cre), o.get("image-credit")))'
}

# -M: relative to the working directory (not the article's)
got=$(cd "$W/cwd" && "$WARTA" -t json -M image=photos/p.jpg -M image-alt="Jembatan dari udara" \
	-M image-caption="Jembatan baru" -M image-credit="Foto: Warta" "$W/in/a.txt" 2>"$TMP/err" | lead)
exp="image=photos/p.jpg|option
alt=Jembatan dari udara|option
caption=Jembatan baru|option
credit=Foto: Warta|option"
[ "$got" = "$exp" ] && [ ! -s "$TMP/err" ] &&
	ok "-M image (from the working directory), image-alt, image-caption, image-credit; meta.origin: option" ||
	fail "-M image" "$got
$(cat "$TMP/err")"

# --metadata-file: relative to the file's directory; -M over it, key by key
cat >"$W/meta/m.yaml" <<'EOF'
image: img/m.jpg
image-caption: Dari berkas
image-credit: "Foto: Berkas"
EOF
got=$(cd "$W/cwd" && "$WARTA" -t json --metadata-file ../meta/m.yaml -M image-credit="Foto: Opsi" \
	"$W/in/a.txt" 2>"$TMP/err" | lead)
exp="image=img/m.jpg|metadata-file
alt=|None
caption=Dari berkas|metadata-file
credit=Foto: Opsi|option"
[ "$got" = "$exp" ] && [ ! -s "$TMP/err" ] &&
	ok "--metadata-file image (from the file's directory); -M image-credit over it; meta.origin says which" ||
	fail "--metadata-file image" "$got
$(cat "$TMP/err")"

# over the front matter's lead photo: the option's picture, the article's
# caption kept where the option gives none (origin: input)
sed 's/^lang: id$/lang: id\nimage: nowhere.jpg\nimage-caption: Dari artikel/' "$W/in/a.txt" >"$W/in/b.txt"
got=$(cd "$W/cwd" && "$WARTA" -t json -M image=photos/p.jpg "$W/in/b.txt" 2>"$TMP/err" | lead)
exp="image=photos/p.jpg|option
alt=|None
caption=Dari artikel|input
credit=|None"
[ "$got" = "$exp" ] && [ ! -s "$TMP/err" ] &&
	ok "-M image overrides the front matter's image; its caption stays (origin: input)" ||
	fail "-M image over front matter" "$got
$(cat "$TMP/err")"

# a picture that is not there: the reader's warning, exit 1 (a picture left out)
(cd "$W/cwd" && "$WARTA" -o "$TMP/x.pdf" -M image=photos/none.jpg "$W/in/a.txt") 2>"$TMP/err"; rc=$?
[ $rc = 1 ] && grep -q 'picture ".*none.jpg"' "$TMP/err" &&
	ok "-M image naming no file: a warning naming it, exit 1" || fail "-M image missing" "rc=$rc $(cat "$TMP/err")"

# the PDF and the EPUB hold it
if command -v pdfimages >/dev/null && (cd "$W/cwd" && "$WARTA" -q -o "$TMP/p.pdf" -M image=photos/p.jpg \
	-M image-alt="Jembatan dari udara" -M image-caption="Jembatan baru" "$W/in/a.txt"); then
	n=$(pdfimages -list "$TMP/p.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
	txt=$(pdftotext "$TMP/p.pdf" - 2>/dev/null)
	[ "$n" -ge 1 ] && echo "$txt" | grep -q "Jembatan baru" &&
		ok "-M image: the PDF holds the picture and its caption" || fail "-M image PDF" "$n $txt"
	if command -v qpdf >/dev/null; then
		qpdf --qdf --object-streams=disable "$TMP/p.pdf" "$TMP/q.pdf" 2>/dev/null
		grep -a -q "/Alt" "$TMP/q.pdf" && ok "-M image-alt: the PDF figure's /Alt" || fail "-M image-alt /Alt"
	fi
else
	skip "-M image in the PDF" "no pdfimages or no print back end"
fi
if (cd "$W/cwd" && "$WARTA" -q -o "$TMP/e.epub" -M image=photos/p.jpg -M image-alt="Jembatan dari udara" "$W/in/a.txt"); then
	unzip -l "$TMP/e.epub" | grep -q 'EPUB/images/.*\.jpg' &&
		unzip -p "$TMP/e.epub" EPUB/text/a001.xhtml | grep -q 'alt="Jembatan dari udara"' &&
		ok "-M image: the EPUB holds the picture with its alt" ||
		fail "-M image EPUB" "$(unzip -l "$TMP/e.epub")"
else
	fail "-M image EPUB"
fi
