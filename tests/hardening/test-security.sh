#!/bin/sh
# test-security.sh — what an article's text can make warta do (issue 6):
#  - links: only http, https, mailto and #fragments become active; javascript:,
#    file:, data:, vbscript:, smb:, UNC paths, relative paths and schemes
#    disguised by case, spaces or entities stay plain text, in the tree (JSON
#    "active"), in the EPUB (no href) and in the PDF (no /URI action);
#  - nothing is fetched or embedded from outside: image URLs pointing at a
#    local listener get no connection, a file: image is not read into any
#    output, raw HTML stays text (no <img>, no <script> in the XHTML);
#  - no text of the article becomes a file path: hostile front matter, titles
#    and sections change no output name and no EPUB member name.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/lib.sh"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi
FORMATS=$($WARTA --version | sed -n 's/^formats: *//p')
has() { case " $FORMATS " in *" $1 "*) return 0 ;; esac; return 1; }
W="$TMP/w"
mkdir -p "$W"
SECRET="$TMP/secret.png"
echo "SECRET-MARKER-7f3a9c" >"$SECRET"

# a local listener that records any connection (an image fetch would be one)
PORT_FILE="$TMP/port"
CONN_FILE="$TMP/connections"
: >"$CONN_FILE"
python3 - "$PORT_FILE" "$CONN_FILE" <<'EOF' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
s.settimeout(0.5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
end = time.time() + 120
while time.time() < end:
    try:
        c, a = s.accept()
        with open(sys.argv[2], "a") as f:
            f.write("connection from %s\n" % (a,))
        c.close()
    except socket.timeout:
        pass
EOF
listener=$!
i=0
while [ ! -s "$PORT_FILE" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$PORT_FILE")

cat >"$W/links.txt" <<EOF
# Links of every kind

Good: [web](https://example.com/a) [plain](http://example.org/) [mail](mailto:desk@example.com) [note](#sec-1).

Bad: [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(2)) [spaced]( javascript:alert(3)) [entity](&#106;avascript:alert(4)) [file](file:///etc/passwd) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) [smb](smb://host/share) [unc](<\\\\\\\\host\\\\share>) [relative](../../etc/passwd) [tab](java&#9;script:alert(5)).

Autolinks: <javascript:alert(6)> <https://example.net/auto>.

Images: ![remote](http://127.0.0.1:$PORT/remote.png) ![local](file://$SECRET) ![relative]($SECRET) ![data](data:image/png;base64,iVBORw0KGgo=).

Raw HTML: <img src="http://127.0.0.1:$PORT/raw.png"> <script>alert(7)</script> <a href="javascript:alert(8)">x</a>.

<iframe src="http://127.0.0.1:$PORT/frame.html"></iframe>

## 1. Section
EOF

# ---------------------------------------------------------------- the tree
$RUN $WARTA -q -t json -o "$W/links.json" "$W/links.txt" 2>"$TMP/err"
check "security: the link tree" python3 - "$W/links.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
links = []
def walk(n):
    if n.get("type") in ("link", "image"):
        links.append((n["type"], n["url"], n["active"]))
    for c in n.get("children", []):
        walk(c)
walk(t["body"])
active = sorted(u for ty, u, a in links if a and ty == "link")
assert active == sorted(["#sec-1", "http://example.org/", "https://example.com/a",
                         "https://example.net/auto", "mailto:desk@example.com"]), active
inactive = [u for ty, u, a in links if not a]
for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(2)", "file:///etc/passwd", "vbscript:msgbox",
            "smb://host/share", "../../etc/passwd", "javascript:alert(6)"):
    assert bad in inactive, (bad, inactive)
# images: "active" says the scheme is harmless; no back end ever loads one
EOF

# ---------------------------------------------------------------- EPUB
if has epub; then
	$RUN $WARTA -q -t epub -o "$W/links.epub" "$W/links.txt" 2>"$TMP/err"
	mkdir -p "$W/x"
	(cd "$W/x" && unzip -qo ../links.epub)
	check "security: EPUB: only the http, https and mailto links are links; no img, script, iframe or outside src" \
		python3 - "$W"/x/EPUB/text/*.xhtml <<'EOF'
import sys, xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
hrefs, srcs, tags = set(), [], []
for f in sys.argv[1:]:
    for el in ET.parse(f).iter():
        tag = el.tag.replace(X, "")
        h = el.get("href")
        if h is not None and tag == "a" and not h.startswith("#") and not h.endswith(".xhtml") \
           and ".xhtml#" not in h:
            hrefs.add(h)
        if el.get("src") is not None:
            srcs.append((f, el.get("src")))
        if tag in ("script", "iframe", "object", "embed"):
            tags.append(tag)
want = {"http://example.org/", "https://example.com/a", "https://example.net/auto",
        "mailto:desk@example.com"}
assert hrefs == want, sorted(hrefs)
assert all(s == "../images/cover.png" for f, s in srcs), srcs
assert not tags, tags
EOF
	members=$(unzip -Z1 "$W/links.epub")
	odd=$(printf '%s\n' "$members" | grep -v -E '^(mimetype|META-INF/container\.xml|EPUB/(package\.opf|nav\.xhtml|toc\.ncx|css/news\.css|images/cover\.png|fonts/[A-Za-z0-9._-]+|text/[a-z0-9_-]+\.xhtml))$')
	[ -z "$odd" ] && ok "security: EPUB: members are warta's own (no image fetched or embedded)" ||
		fail "security: EPUB members" "$odd"
	if unzip -p "$W/links.epub" | grep -q SECRET-MARKER; then
		fail "security: EPUB: a local file named by an image was embedded"
	else
		ok "security: EPUB: a file: image is not read"
	fi
	if grep -q 'remote-resources' "$W/x/EPUB/package.opf"; then
		fail "security: EPUB declares remote resources"
	else
		ok "security: EPUB: no remote resources declared"
	fi
else
	skip "security: EPUB" "no EPUB back end in this build"
fi

# ---------------------------------------------------------------- PDF
if has pdf; then
	$RUN $WARTA -q -t pdf -o "$W/links.pdf" "$W/links.txt" 2>"$TMP/err"
	qpdf --qdf --object-streams=disable "$W/links.pdf" "$W/links-qdf.pdf" 2>/dev/null
	uris=$(grep -a -o '/URI *([^)]*)' "$W/links-qdf.pdf" | sed 's/^\/URI *(//; s/)$//' | sort -u)
	want=$(printf '%s\n' 'http://example.org/' 'https://example.com/a' 'https://example.net/auto' \
		'mailto:desk@example.com' | sort)
	[ "$uris" = "$want" ] && ok "security: PDF: URI actions only for http, https, mailto" ||
		fail "security: PDF URI actions" "$uris"
	if grep -a -q -E '/(Launch|JavaScript|JS|GoToR|ImportData|SubmitForm)' "$W/links-qdf.pdf"; then
		fail "security: PDF has a launch, JavaScript or remote action"
	else
		ok "security: PDF: no launch, JavaScript or remote actions"
	fi
	grep -a -q SECRET-MARKER "$W/links-qdf.pdf" && fail "security: PDF embedded a local file" ||
		ok "security: PDF: a file: image is not read"
else
	skip "security: PDF" "no print back end in this build"
fi

# ---------------------------------------------------------------- nothing fetched
sleep 0.6
if [ -s "$CONN_FILE" ]; then
	fail "security: warta connected to the network" "$(cat "$CONN_FILE")"
else
	ok "security: no connection to the image URLs (port $PORT)"
fi
kill $listener 2>/dev/null
wait $listener 2>/dev/null

# ---------------------------------------------------------------- file names
# Front matter and text that look like paths change no output name.
mkdir -p "$W/names/in" "$W/names/out"
cat >"$W/names/in/plain.txt" <<'EOF'
---
title: ../../../../tmp/warta-pwned
slug: ../../escape
id: /etc/passwd
name: ../../escape
section: ../../../sect
source: ../src
style: ../../../../../../etc/passwd
---

# ../../heading/../../x

Body.
EOF
(cd "$W/names" && $RUN $WARTA -q -d out -t "$(echo $FORMATS | tr ' ' '\n' | grep -E '^(json|epub|pdf)$' | paste -sd, -)" in/plain.txt 2>"$TMP/names.err")
made=$(cd "$W/names" && find . -type f ! -path './in/*' | sort)
want=$(for f in $FORMATS; do case $f in json|epub|pdf) echo "./out/plain.$f" ;; esac; done | sort)
[ "$made" = "$want" ] && ok "security: output names come from the input file name only" ||
	fail "security: output names" "$made"
[ ! -e /tmp/warta-pwned ] && [ ! -e "$W/escape" ] && ok "security: no file written outside -d" ||
	fail "security: a file was written outside -d"
if has epub; then
	printf '%s\n' '---' 'title: One' 'section: "../../../../evil/<x>"' '---' '' 'Text.' >"$W/names/in/e1.txt"
	printf '%s\n' '---' 'title: Two' 'section: "..\\..\\win"' '---' '' 'Text.' >"$W/names/in/e2.txt"
	$RUN $WARTA -q --edition '../../Edition/../x' -o "$W/names/ed.epub" "$W/names/in/e1.txt" "$W/names/in/e2.txt" 2>"$TMP/ed.err"
	members=$(unzip -Z1 "$W/names/ed.epub" 2>/dev/null)
	odd=$(printf '%s\n' "$members" | grep -v -E '^(mimetype|META-INF/container\.xml|EPUB/(package\.opf|nav\.xhtml|toc\.ncx|css/news\.css|images/cover\.png|fonts/[A-Za-z0-9._-]+|text/[a-z0-9_-]+\.xhtml))$')
	if [ -n "$members" ] && [ -z "$odd" ]; then
		ok "security: EPUB member names are warta's own, whatever the sections and titles"
	else
		fail "security: EPUB member names" "$odd $(cat "$TMP/ed.err")"
	fi
fi

# A style named by the front matter is a name from the style directories,
# never a path: article text must not make warta open a file of its choice.
mkdir -p "$W/fmstyle"
printf '[style]\ndescription = planted\n[page]\nwidth = 100mm\nheight = 100mm\n' >"$W/fmstyle/planted.style"
printf '%s\n' '---' 'title: Path' "style: $W/fmstyle/planted.style" '---' '' 'Text.' >"$W/fmstyle/a.txt"
printf '%s\n' '---' 'title: Zero' 'style: /dev/zero' '---' '' 'Text.' >"$W/fmstyle/b.txt"
printf '%s\n' '---' 'title: Name' 'style: column' '---' '' 'Text.' >"$W/fmstyle/c.txt"
$RUN $WARTA -q -d "$W/fmstyle/out" -t pdf "$W/fmstyle/a.txt" "$W/fmstyle/b.txt" "$W/fmstyle/c.txt" 2>"$TMP/fm.err"
rc=$?
size_a=$(pdfinfo "$W/fmstyle/out/a.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')
size_c=$(pdfinfo "$W/fmstyle/out/c.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')
if [ $rc -eq 0 ] && [ "$size_a" = "595.28" ] && [ -f "$W/fmstyle/out/b.pdf" ] && [ "$size_c" = "212.598" ]; then
	ok "security: a front-matter style is a name, never a path (the planted file and /dev/zero are not read)"
else
	fail "security: front-matter style paths" "rc=$rc a=$size_a c=$size_c $(cat "$TMP/fm.err")"
fi
