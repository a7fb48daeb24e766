#!/bin/sh
# test-a11y.sh — the EPUB's usage notes and accessibility (issue 14):
# epubcheck -u on the sample, an edition of the test articles and (when the
# corpus is there) the corpus as one edition: no CSS-024 (a rule no document
# uses) and no CSS-025 (a class without a rule), and fewer usage notes than
# before (the corpus edition had 82: 19 CSS-024, 12 CSS-025, 51 others); the
# NCX as deep as the nav; the ARIA roles of the epub:types; and DAISY Ace
# (ace-puppeteer from npm's @daisy/ace, with Debian's chromium) when it is
# installed: outcome "pass", no violation.
. "$(dirname "$0")/../lib.sh"
HERE="$ROOT/tests/epub"
JAR=/usr/share/java/epubcheck.jar
B="$TMP/b"
mkdir -p "$B"

"$WARTA" -q "$SAMPLE" -o "$B/sample.epub" &&
"$WARTA" -q --edition 'Edisi Uji' --edition-date 2024-10-26 "$SAMPLE" "$HERE"/*.txt -o "$B/edition.epub" ||
	{ fail "books for the checks"; exit 0; }
books="$B/sample.epub $B/edition.epub"
if have_corpus; then
	"$WARTA" -q --edition Korpus -o "$B/corpus.epub" "$CORPUS" 2>/dev/null && books="$books $B/corpus.epub"
fi

if command -v java >/dev/null && [ -f "$JAR" ]; then
	for b in $books; do
		n=$(basename "$b")
		java -jar "$JAR" -u "$b" >"$TMP/u" 2>&1
		css=$(grep -c 'CSS-02[45]' "$TMP/u")
		all=$(grep -c '^USAGE' "$TMP/u")
		bad=$(grep -c '^\(ERROR\|WARNING\|FATAL\)' "$TMP/u")
		[ "$css" = 0 ] && [ "$bad" = 0 ] &&
			ok "epubcheck -u $n: 0 errors, 0 warnings, no CSS-024/025 ($all usage notes)" ||
			fail "epubcheck -u $n: CSS notes" "$(grep 'CSS-02\|^ERROR\|^WARNING' "$TMP/u" | head)"
		if [ "$n" = corpus.epub ]; then
			[ "$all" -lt 82 ] && ok "corpus edition: $all usage notes, fewer than the 82 of before" ||
				fail "corpus edition usage notes" "$all"
		fi
	done
else
	skip "epubcheck -u" "no java or $JAR"
fi

# the NCX as deep as the nav's table of contents, one navPoint an entry
for b in $books; do
	n=$(basename "$b")
	got=$(python3 - "$b" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
nav = z.read("EPUB/nav.xhtml").decode()
ncx = z.read("EPUB/toc.ncx").decode()
toc = nav[nav.index('epub:type="toc"'):nav.index("</nav>")]
def depth(s, open_, close):
    d = m = 0
    for t in re.finditer(open_ + "|" + close, s):
        d += 1 if re.match(open_, t.group()) else -1
        m = max(m, d)
    return m
nav_depth = depth(toc, "<ol", "</ol>")
ncx_depth = depth(ncx, "<navPoint", "</navPoint>")
declared = int(re.search(r'dtb:depth" content="(\d+)"', ncx).group(1))
entries = len(re.findall(r"<li[ >]", toc))
points = len(re.findall(r"<navPoint ", ncx))
ok = nav_depth == ncx_depth == declared and entries == points
print("%s nav %d ncx %d declared %d, %d entries %d navPoints" % ("ok" if ok else "bad", nav_depth, ncx_depth, declared, entries, points))
PY
)
	case $got in ok*) ok "$n: NCX as deep as the nav (${got#ok })" ;; *) fail "$n: NCX depth" "$got" ;; esac
done

# ARIA roles that match the epub:types, and the conformance claim
for b in $books; do
	n=$(basename "$b")
	got=$(python3 - "$b" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
want = {"toc": "doc-toc", "cover": "doc-cover", "noteref": "doc-noteref", "footnote": "doc-footnote"}
bad = []
for name in z.namelist():
    if not name.endswith(".xhtml"):
        continue
    s = z.read(name).decode()
    for tag in re.finditer(r"<[a-z]+[^>]*epub:type=\"([^\"]+)\"[^>]*>", s):
        for t in tag.group(1).split():
            r = want.get(t)
            if r and 'role="%s"' % r not in tag.group(0) and not tag.group(0).startswith("<a epub:type=\"%s\" href" % t):
                bad.append("%s: %s" % (name, tag.group(0)[:80]))
opf = z.read("EPUB/package.opf").decode()
if "EPUB Accessibility 1.1 - WCAG 2.2 Level AA" not in opf:
    bad.append("no dcterms:conformsTo")
print("\n".join(bad) if bad else "ok")
PY
)
	[ "$got" = ok ] && ok "$n: ARIA roles for toc, cover, noteref, footnote; conformsTo EPUB Accessibility 1.1" ||
		fail "$n: ARIA roles" "$got"
done

# DAISY Ace, when installed: PUPPETEER_SKIP_DOWNLOAD=1 npm install -g --ignore-scripts @daisy/ace
# (its Electron runner cannot download here; ace-puppeteer drives Debian's chromium)
chromium=$(command -v chromium || command -v chromium-browser)
if command -v ace-puppeteer >/dev/null && [ -n "$chromium" ]; then
	for b in $books; do
		n=$(basename "$b")
		rm -rf "$TMP/ace"
		PUPPETEER_EXECUTABLE_PATH=$chromium timeout 600 ace-puppeteer -f -s -o "$TMP/ace" "$b" >"$TMP/ace.log" 2>&1
		got=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
v = ["%s: %s" % (a["earl:testSubject"]["url"], x["earl:test"]["dct:title"]) for a in r["assertions"] for x in a["assertions"]]
print(r["earl:result"]["earl:outcome"], len(v)); print("\n".join(v[:10]))' "$TMP/ace/report.json" 2>&1)
		case $got in "pass 0"*) ok "DAISY Ace: $n passes, no violation" ;; *) fail "DAISY Ace: $n" "$got $(tail -3 "$TMP/ace.log")" ;; esac
	done
else
	skip "DAISY Ace" "ace-puppeteer or chromium not installed"
fi

# CSS for reading screens: the headline at most 2.4 em, no text colour that a
# night theme cannot override (the print's accent red), links underlined
css=$(unzip -p "$B/sample.epub" EPUB/css/news.css)
em=$(printf '%s\n' "$css" | sed -n 's/^h1\.headline[^{]*{.*font-size:\([0-9.]*\)em.*/\1/p')
[ -n "$em" ] && awk "BEGIN{exit !($em >= 2 && $em <= 2.4)}" &&
	ok "headline ${em}em on a reading screen (the print's 4.2 clamped to 2–2.4)" || fail "headline clamp" "$em"
printf '%s\n' "$css" | grep -q 'color:#\|a3221b' && fail "a fixed text colour in the CSS" "$(printf '%s\n' "$css" | grep -o '[a-z.]* {[^}]*color:#[^;]*')" ||
	ok "no fixed text colour: accents in currentColor, themes set the text's colour"
printf '%s\n' "$css" | grep -q '^a {text-decoration:underline;}' && ok "links underlined (not told by colour alone)" || fail "links underlined"

# --embed-fonts: only the faces the book uses, each subset to its characters
# with hb-subset (a CJK face of a collection too); epubcheck 0/0 on them
fonts_book() {	# NAME LIMIT-KB INPUT…
	name=$1 limit=$2; shift 2
	if ! "$WARTA" -q --embed-fonts "$@" -o "$B/$name.epub" 2>"$TMP/err"; then
		fail "--embed-fonts $name" "$(cat "$TMP/err")"; return
	fi
	kb=$(( $(wc -c <"$B/$name.epub") / 1024 ))
	[ "$kb" -lt "$limit" ] && ok "--embed-fonts $name: $kb KB, under $limit KB" || fail "--embed-fonts $name size" "$kb KB"
	if command -v java >/dev/null && [ -f "$JAR" ]; then
		java -jar "$JAR" "$B/$name.epub" >"$TMP/ec" 2>&1 &&
			! grep -q '^\(ERROR\|WARNING\|FATAL\)' "$TMP/ec" && ok "--embed-fonts $name: epubcheck 0/0" ||
			fail "--embed-fonts $name: epubcheck" "$(grep '^\(ERROR\|WARNING\|FATAL\)' "$TMP/ec" | head)"
	fi
}
fonts_book latin 300 "$SAMPLE"
fonts_book cjk 1024 "$HERE/cjk-zh.txt"
fonts_book arabic 300 "$HERE/rtl-ar.txt"
got=$(python3 - "$B/latin.epub" "$B/cjk.epub" <<'PY'
import sys, zipfile
out = []
for p in sys.argv[1:]:
    z = zipfile.ZipFile(p)
    fonts = [n for n in z.namelist() if n.startswith("EPUB/fonts/")]
    css = z.read("EPUB/css/news.css").decode()
    out.append("%d" % len(fonts))
    # every embedded file is named by an @font-face rule, and is a font
    for f in fonts:
        data = z.read(f)
        if f[len("EPUB/"):] .replace("fonts/", "../fonts/") not in css and f.split("/")[-1] not in css:
            out.append("unnamed " + f)
        if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            out.append("not a font " + f)
    if "cjk" in p and not any("CJK" in f for f in fonts):
        out.append("no CJK face")
print(" ".join(out))
PY
)
case $got in [0-9]\ [0-9]) ok "embedded faces: $got (Latin, CJK books); every file a named font, the CJK face included" ;;
	*) fail "embedded faces" "$got" ;; esac
# fewer faces than the style has: the sample has no code, table, pull quote or footnote
[ "${got%% *}" -lt 8 ] && ok "only the faces the sample uses (${got%% *})" || fail "faces embedded" "$got"
