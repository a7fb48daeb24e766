#!/bin/sh
# test-edition-lang.sh — an edition's own language and direction (issue 17,
# item 6): the default is the language most of the articles are in (a tie:
# the first input), not the earliest article's; --edition-lang sets it.  An
# edition whose first input (and earliest article) is Arabic and most are
# Indonesian is an Indonesian left-to-right book with the Arabic article
# right to left inside it; with --edition-lang ar it is a right-to-left book
# whose Indonesian entries say dir="ltr".  Checked in the PDF's text and
# word boxes (pdftotext: every contents entry has its page number, on the
# edition's side, none runs off the page), in the layout trace, on a
# newspaper's front page, and in the EPUB (epubcheck 0/0, the nav's lang and
# dir).
. "$(dirname "$0")/../lib.sh"

E="$TMP/e"
mkdir -p "$E"
idart() { # FILE TITLE DATE
	cat >"$1" <<EOF
---
title: $2
section: Nasional
source: Warta Uji
date: $3
lang: id
---

Pemerintah daerah mengumumkan rencana baru untuk memperbaiki jalan dan
jembatan di wilayah pesisir. Pekerjaan dimulai bulan depan dan diperkirakan
selesai dalam dua tahun, kata kepala dinas pekerjaan umum kepada wartawan.

Warga berharap perbaikan itu mempercepat perjalanan ke pasar dan sekolah.
EOF
}
# the Arabic article: the first input and the earliest date (2024-10-24)
cp "$ROOT/tests/epub/rtl-ar.txt" "$E/1-ar.txt"
idart "$E/2-id.txt" "Jalan Pesisir Diperbaiki Mulai Bulan Depan" 2024-10-25
idart "$E/3-id.txt" "Jembatan Baru untuk Warga Desa Nelayan" 2024-10-26
set -- "$E/1-ar.txt" "$E/2-id.txt" "$E/3-id.txt"
AR_TITLE="ميناء جديد يفتح أبوابه للسفن التجارية"

# usage: a tag, and only for an edition
out=$("$WARTA" --edition-lang ar -o "$TMP/x.pdf" "$E/2-id.txt" 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q -- "--edition-lang.*need --edition" &&
	ok "--edition-lang without --edition: a usage error" || fail "--edition-lang without --edition" "$rc $out"
out=$("$WARTA" --edition E --edition-lang 'a r!' -o "$TMP/x.pdf" "$@" 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "is not a language tag" &&
	ok "--edition-lang 'a r!': not a language tag" || fail "--edition-lang bad tag" "$rc $out"

# words PDF PAGE: "x0 x1 y word" lines of the page's words (pdftotext
# -bbox), after a first line "page WIDTH"
words() {
	pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null | python3 -c '
import re, sys
t = sys.stdin.read()
print("page %s" % re.search(r"<page width=\"([\d.]+)\"", t).group(1))
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)</word>", t):
    print("%.1f %.1f %.1f %s" % (float(m.group(1)), float(m.group(3)), float(m.group(4)), m.group(5)))'
}

# contents PDF SIDE: the contents page's entries: each title's line holds a
# page number at SIDE (right: the last word, left: the first), numbers
# within the text area, no word past the page's edges
contents_check() {
	words "$1" 1 | python3 -c '
import sys
side = sys.argv[1]
width = float(sys.stdin.readline().split()[1])
rows = {}
for l in sys.stdin:
    x0, x1, y, w = l.rstrip("\n").split(" ", 3)
    # a line: boxes whose feet are within 3 pt (Arabic sits lower)
    k = next((k for k in rows if abs(k - float(y)) < 3), float(y))
    rows.setdefault(k, []).append((float(x0), float(x1), w))
bad = [w for r in rows.values() for (a, b, w) in r if a < 0 or b > width]
if bad:
    sys.exit("off the page: %s" % bad)
# (pdftotext gives Arabic letter by letter: its entry is the line with
# many Arabic letters, more than the date or the heading of its section)
arabic = lambda r: sum(any("\u0600" <= c <= "\u06ff" for c in w) for (_, _, w) in r) >= 20
titles = {"ARABIC": 0, "Jalan": 0, "Jembatan": 0}
nums = []
for y, r in sorted(rows.items()):
    r.sort()
    for t in titles:
        if any(w == t for (_, _, w) in r) or (t == "ARABIC" and arabic(r)):
            # (an Arabic row without a number: the heading of its section)
            end = r[-1] if side == "right" else r[0]
            if end[2].isdigit():
                titles[t] = 1
                nums.append(end)
if not all(titles.values()):
    sys.exit("entries without a page number at the %s: %s\n%s" % (side, titles, rows))
xs = [a if side == "left" else b for (a, b, w) in nums]
if max(xs) - min(xs) > 1:
    sys.exit("page numbers not aligned at the %s: %s" % (side, nums))
print("ok")' "$2"
}

if "$WARTA" --list-styles >/dev/null 2>&1 && command -v pdftotext >/dev/null; then
	# the default: Indonesian (two of three), not the first article's Arabic
	if "$WARTA" -q -s a4 --edition "Warta Uji" -o "$TMP/id.pdf" "$@" &&
	   "$WARTA" -q -s a4 --edition "Warta Uji" -o "$TMP/id.trace" "$@"; then
		p1=$(pdftotext -f 1 -l 1 "$TMP/id.pdf" - 2>/dev/null)
		echo "$p1" | grep -q "Sabtu, 26 Oktober 2024" &&
			ok "edition: the masthead's date in the edition's language (id), not the first article's (ar)" ||
			fail "masthead date in Indonesian" "$p1"
		check "edition (id): every contents entry has its page number at the right, none off the page" \
			contents_check "$TMP/id.pdf" right
		# the trace: the Arabic entry set right to left, the masthead not
		sed -n '/^page 1 /,/^page 2 /p' "$TMP/id.trace" >"$TMP/id.p1"
		grep -q "rtl |$AR_TITLE|" "$TMP/id.p1" && ! grep -q "rtl |Warta Uji|" "$TMP/id.p1" &&
			ok "edition (id) trace: the Arabic entry right to left in a left-to-right contents" ||
			fail "trace: Arabic entry rtl, masthead ltr" "$(cat "$TMP/id.p1")"
		# the Arabic article's own pages stay right to left
		grep -q "rtl |$AR_TITLE|" "$TMP/id.trace" &&
			[ "$(grep -c "rtl |$AR_TITLE|" "$TMP/id.trace")" -ge 2 ] &&
			ok "edition (id) trace: the Arabic article's headline right to left" ||
			fail "the Arabic article stays rtl" "$(grep -n "$AR_TITLE" "$TMP/id.trace")"
	else
		fail "edition (id) PDF"
	fi
	# --edition-lang ar: a right-to-left book, page numbers at the left
	if "$WARTA" -q -s a4 --edition "Warta Uji" --edition-lang ar -o "$TMP/ar.pdf" "$@" &&
	   "$WARTA" -q -s a4 --edition "Warta Uji" --edition-lang ar -o "$TMP/ar.trace" "$@"; then
		p1=$(pdftotext -f 1 -l 1 "$TMP/ar.pdf" - 2>/dev/null)
		echo "$p1" | grep -q "أكتوبر" && ! echo "$p1" | grep -q "Oktober" &&
			ok "edition --edition-lang ar: the masthead's date in Arabic" ||
			fail "--edition-lang ar masthead date" "$p1"
		check "edition (ar): every contents entry has its page number at the left, none off the page" \
			contents_check "$TMP/ar.pdf" left
		sed -n '/^page 1 /,/^page 2 /p' "$TMP/ar.trace" >"$TMP/ar.p1"
		grep -q "rtl |Warta Uji|" "$TMP/ar.p1" && grep -q " |Jalan Pesisir" "$TMP/ar.p1" &&
			! grep -q "rtl |Jalan Pesisir" "$TMP/ar.p1" &&
			ok "edition (ar) trace: the masthead right to left, the Indonesian entries left to right" ||
			fail "trace (ar): masthead rtl, entries ltr" "$(cat "$TMP/ar.p1")"
	else
		fail "edition --edition-lang ar PDF"
	fi
	# the PDF's languages: the catalog's /Lang the edition's, each article
	# and contents entry not in it with its own (ISO 32000 §14.9.2)
	langs() { # PDF: "S LANG" of every element with /Lang, "Catalog LANG"
		qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | python3 -c '
import re, sys
t = sys.stdin.buffer.read().decode("latin-1")
for o in re.findall(r"\n\d+ 0 obj\n(.*?)\nendobj", t, re.S):
    l = re.search(r"/Lang \(([^)]*)\)", o)
    s = re.search(r"/S /(\w+)", o)
    if l:
        print("%s %s" % ("Catalog" if "/Type /Catalog" in o else s.group(1) if s else "?", l.group(1)))' | sort | uniq -c | awk '{ print $2 "=" $1 "x" $3 }' | tr '\n' ' '
	}
	if command -v qpdf >/dev/null; then
		got=$(langs "$TMP/id.pdf")
		case "$got" in
		*Catalog=1xid*) case "$got" in *Art=1xar*) case "$got" in *P=1xar*) ok "edition (id) PDF: /Lang id on the catalog, ar on the Arabic article and its contents entry ($got)" ;;
			*) fail "PDF /Lang (id): the contents entry" "$got" ;; esac ;;
			*) fail "PDF /Lang (id): the Arabic article" "$got" ;; esac ;;
		*) fail "PDF /Lang (id): the catalog" "$got" ;;
		esac
		echo "$got" | grep -q "xid.*xid" && fail "PDF /Lang (id): nothing repeats the document's language" "$got"
		got=$(langs "$TMP/ar.pdf")
		echo "$got" | grep -q "Catalog=1xar" && echo "$got" | grep -q "Art=[0-9]*xid" &&
			echo "$got" | grep -q "P=2xid" &&
			ok "edition (ar) PDF: /Lang ar on the catalog, id on the Indonesian articles and entries ($got)" ||
			fail "PDF /Lang (ar)" "$got"
		"$WARTA" -q -o "$TMP/one.pdf" "$E/1-ar.txt" && got=$(langs "$TMP/one.pdf") &&
			[ "$got" = "Catalog=1xar " ] && ok "one article's PDF: its language on the catalog alone" ||
			fail "one article's /Lang" "$got"
		qpdf --check "$TMP/id.pdf" >/dev/null 2>&1 && qpdf --check "$TMP/ar.pdf" >/dev/null 2>&1 &&
			ok "editions with /Lang: qpdf --check" || fail "qpdf --check" "$(qpdf --check "$TMP/ar.pdf" 2>&1 | tail -3)"
	else
		skip "PDF /Lang" "no qpdf"
	fi
	# a newspaper's front page: the nameplate's date at the start of the
	# edition's direction (left for id, right for ar), in its language
	np_date() { # PDF WORD: the page's width, the x of WORD's first box on page 1
		words "$1" 1 | awk -v w="$2" 'NR == 1 { print $2 } $4 == w && !n++ { print $1 }'
	}
	if "$WARTA" -q -s newspaper --edition "Warta Uji" -o "$TMP/np-id.pdf" "$@" &&
	   "$WARTA" -q -s newspaper --edition "Warta Uji" --edition-lang ar -o "$TMP/np-ar.pdf" "$@"; then
		set -- $(np_date "$TMP/np-id.pdf" Oktober)
		[ -n "$2" ] && [ "${2%.*}" -lt $((${1%.*} / 4)) ] &&
			ok "newspaper (id): the nameplate's date in Indonesian, at the left" ||
			fail "newspaper (id) nameplate date" "$(words "$TMP/np-id.pdf" 1 | head -20)"
		# (pdftotext gives Arabic letter by letter: the year's digits)
		set -- $(np_date "$TMP/np-ar.pdf" 2024)
		[ -n "$2" ] && [ "${2%.*}" -gt $((${1%.*} * 3 / 4)) ] &&
			ok "newspaper (ar): the nameplate's date in Arabic, at the right" ||
			fail "newspaper (ar) nameplate date" "$(words "$TMP/np-ar.pdf" 1 | head -20)"
		set -- "$E/1-ar.txt" "$E/2-id.txt" "$E/3-id.txt"
	else
		fail "newspaper editions"
		set -- "$E/1-ar.txt" "$E/2-id.txt" "$E/3-id.txt"
	fi
else
	skip "edition language in print" "no print back end or no pdftotext"
fi

# the EPUB: the nav and title page in the edition's language; each entry
# its own lang, and dir where it runs against the book
epubcheck() {
	if [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
		o=$(java -jar /usr/share/java/epubcheck.jar "$1" 2>&1)
		echo "$o" | grep -q "0 fatals / 0 errors / 0 warnings" && ok "$2: epubcheck 0/0" ||
			fail "$2: epubcheck" "$o"
	else
		skip "$2: epubcheck" "no epubcheck"
	fi
}
nav() { unzip -p "$1" EPUB/nav.xhtml; }
if "$WARTA" -q --edition "Warta Uji" -o "$TMP/id.epub" "$@" 2>/dev/null; then
	epubcheck "$TMP/id.epub" "edition (id) EPUB"
	n=$(nav "$TMP/id.epub")
	echo "$n" | grep -q '<html [^>]*lang="id" xml:lang="id">' && echo "$n" | grep -q "<h1>Daftar Isi</h1>" &&
		echo "$n" | grep -q "<li lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"><a href=\"text/a001.xhtml\">$AR_TITLE" &&
		echo "$n" | grep -q '<li><a href="text/a002.xhtml">Jalan' &&
		ok "edition (id) nav: Indonesian, left to right; the Arabic entry lang=ar dir=rtl" ||
		fail "edition (id) nav" "$n"
	o=$(unzip -p "$TMP/id.epub" EPUB/package.opf)
	echo "$o" | grep -q '<spine toc="ncx">' &&
		[ "$(echo "$o" | grep -o '<dc:language>[^<]*' | head -1)" = "<dc:language>id" ] &&
		ok "edition (id) package: dc:language id first, left-to-right pages" ||
		fail "edition (id) package" "$o"
else
	fail "edition (id) EPUB"
fi
if "$WARTA" -q --edition "Warta Uji" --edition-lang ar -o "$TMP/ar.epub" "$@" 2>/dev/null; then
	epubcheck "$TMP/ar.epub" "edition (ar) EPUB"
	n=$(nav "$TMP/ar.epub")
	echo "$n" | grep -q '<html [^>]*lang="ar" xml:lang="ar" dir="rtl">' &&
		echo "$n" | grep -q "<h1>المحتويات</h1>" &&
		echo "$n" | grep -q "<li><a href=\"text/a001.xhtml\">$AR_TITLE" &&
		[ "$(echo "$n" | grep -c '<li lang="id" xml:lang="id" dir="ltr"><a href="text/a00[23].xhtml">')" = 2 ] &&
		ok "edition (ar) nav: Arabic, right to left; the Indonesian entries lang=id dir=ltr" ||
		fail "edition (ar) nav" "$n"
	t=$(unzip -p "$TMP/ar.epub" EPUB/text/title.xhtml)
	echo "$t" | grep -q 'dir="rtl"' && echo "$t" | grep -q "أكتوبر" &&
		ok "edition (ar) title page: right to left, its date in Arabic" || fail "edition (ar) title page" "$t"
	unzip -p "$TMP/ar.epub" EPUB/package.opf | grep -q 'page-progression-direction="rtl"' &&
		ok "edition (ar) package: right-to-left page progression" ||
		fail "edition (ar) spine" "$(unzip -p "$TMP/ar.epub" EPUB/package.opf | grep spine)"
else
	fail "edition (ar) EPUB"
fi
# a tie goes to the first input: Arabic first, then Indonesian first
"$WARTA" -q --edition T -o "$TMP/t1.epub" "$E/1-ar.txt" "$E/2-id.txt" 2>/dev/null
"$WARTA" -q --edition T -o "$TMP/t2.epub" "$E/2-id.txt" "$E/1-ar.txt" 2>/dev/null
nav "$TMP/t1.epub" | grep -q '<html [^>]*lang="ar"' && nav "$TMP/t2.epub" | grep -q '<html [^>]*lang="id"' &&
	ok "edition language: a tie goes to the first input" ||
	fail "tie: first input" "$(nav "$TMP/t1.epub" | grep '<html'; nav "$TMP/t2.epub" | grep '<html')"
# the manifest's "lang:" line: the edition's language (two Indonesian
# articles and one Arabic make an Indonesian book by default; the manifest
# says Arabic); --edition-lang still wins; a bad tag is the manifest's error
printf 'lang: ar\n[Dunia]\n1-ar.txt\n2-id.txt\n3-id.txt\n' >"$E/m.manifest"
"$WARTA" -q --edition T --manifest "$E/m.manifest" -o "$TMP/m1.epub" 2>/dev/null
"$WARTA" -q --edition T --edition-lang id --manifest "$E/m.manifest" -o "$TMP/m2.epub" 2>/dev/null
nav "$TMP/m1.epub" | grep -q '<html [^>]*lang="ar"' && nav "$TMP/m2.epub" | grep -q '<html [^>]*lang="id"' &&
	ok "manifest lang: ar makes the book Arabic, --edition-lang id wins over it" ||
	fail "manifest lang" "$(nav "$TMP/m1.epub" | grep '<html'; nav "$TMP/m2.epub" | grep '<html')"
printf 'lang: a r!\n2-id.txt\n' >"$E/bad.manifest"
out=$("$WARTA" --edition T --manifest "$E/bad.manifest" -o "$TMP/x.pdf" 2>&1); rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "bad.manifest:1: error: lang: \"a r!\" is not a language tag" &&
	ok "manifest lang: a bad tag is an error at its line" || fail "manifest bad lang" "$rc $out"
