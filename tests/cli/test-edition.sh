#!/bin/sh
# test-edition.sh — editions (issue 5): grouping into sections (front matter
# section, else source; --group-by; --manifest), order by date then input
# order, checked on the JSON edition (the trees in edition order); then the
# corpus (or tests/data) as one EPUB (epubcheck 0/0) and one PDF (qpdf,
# every headline in the text) when those back ends are in the build.
. "$(dirname "$0")/../lib.sh"

FORMATS=$($WARTA --version | sed -n 's/^formats: *//p')
has() { case " $FORMATS " in *" $1 "*) return 0 ;; esac; return 1; }
if ! has json; then
	skip "editions" "the reader has not landed"
	exit 0
fi

art() { # FILE TITLE SECTION SOURCE DATE (empty: key left out)
	{
		echo ---
		echo "title: $2"
		[ -n "$3" ] && echo "section: $3"
		[ -n "$4" ] && echo "source: $4"
		[ -n "$5" ] && echo "date: $5"
		echo ---
		echo
		echo "The text of $2, a short article written for the edition tests."
	} >"$1"
}
E="$TMP/ed"
mkdir -p "$E"
art "$E/w1.txt" "World one" World "" 2024-10-25
art "$E/b1.txt" "Business one" Business "" 2024-10-24
art "$E/w2.txt" "World two" World "" 2024-10-24
art "$E/k1.txt" "Kompas one" "" Kompas 2024-10-23
art "$E/u1.txt" "Undated loose" "" "" ""
art "$E/b2.txt" "Business undated" Business "" ""
set -- "$E/w1.txt" "$E/b1.txt" "$E/w2.txt" "$E/k1.txt" "$E/u1.txt" "$E/b2.txt"

# order NAME FILE.json EXPECTED: "title|section" lines in edition order
order() {
	got=$(python3 - "$2" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1])):
    m = d["meta"]
    print("%s|%s" % (m["title"], m.get("section") or ""))
PY
	)
	if [ "$got" = "$3" ]; then ok "$1"; else fail "$1" "got:
$got
wanted:
$3"; fi
}

if $WARTA --edition Daily -o "$TMP/e1.json" "$@" 2>"$TMP/err"; then
	ok "JSON edition of six articles"
else
	fail "JSON edition" "$(cat "$TMP/err")"
fi
order "sections by first appearance, articles by date then input order, undated last" "$TMP/e1.json" \
"World two|World
World one|World
Business one|Business
Business undated|Business
Kompas one|Kompas
Undated loose|"

$WARTA --edition Daily --group-by source -o "$TMP/e2.json" "$@" 2>/dev/null
order "--group-by source" "$TMP/e2.json" \
"Kompas one|Kompas
Business one|
World two|
World one|
Undated loose|
Business undated|"

$WARTA --edition Daily --group-by none -o "$TMP/e3.json" "$@" 2>/dev/null
order "--group-by none: one run by date" "$TMP/e3.json" \
"Kompas one|
Business one|
World two|
World one|
Undated loose|
Business undated|"

cat >"$E/today.manifest" <<'EOF'
# sections in this order
[Front page]
u1.txt
k1.txt
[Money]
b2.txt
b1.txt
EOF
$WARTA --edition Daily --manifest "$E/today.manifest" -o "$TMP/e4.json" 2>"$TMP/err"
order "--manifest: its sections, in its order; dates order each section" "$TMP/e4.json" \
"Kompas one|Front page
Undated loose|Front page
Business one|Money
Business undated|Money"
$WARTA --edition Daily --manifest "$E/today.manifest" -o "$TMP/e5.json" "$E/w1.txt" >/dev/null 2>"$TMP/err"
[ $? = 2 ] && ok "--manifest with other inputs is a usage error" || fail "--manifest with inputs" "$(cat "$TMP/err")"

# a broken article: left out, the edition is made of the others, exit 1
printf '# Broken\n\n\377 bytes\n' >"$E/x-broken.txt"
$WARTA --edition Daily -o "$TMP/e6.json" "$@" "$E/x-broken.txt" 2>"$TMP/err"; rc=$?
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/e6.json" 2>/dev/null)
[ $rc = 1 ] && [ "$n" = 6 ] && grep -q "x-broken.txt:3:1: error" "$TMP/err" &&
	ok "a broken article is reported and left out; exit 1" || fail "broken article in an edition" "exit $rc, $n articles: $(cat "$TMP/err")"

# the real books: the corpus (four languages) when present, else tests/data and the articles above
if have_corpus; then
	set -- "$CORPUS"
	what="the corpus"
else
	set -- "$ROOT"/tests/data/*.txt "$@"
	what="tests/data and six test articles (corpus absent)"
fi
if has epub; then
	if $WARTA -q --edition 'Warta Daily' --edition-date 2024-10-25 -o "$TMP/ed.epub" "$@" 2>"$TMP/err"; then
		ok "EPUB edition of $what"
		# Debian's /usr/bin/epubcheck is the jar itself (binfmt jarwrapper): run it with java
		if [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null; then
			out=$(java -jar /usr/share/java/epubcheck.jar "$TMP/ed.epub" 2>&1)
			echo "$out" | grep -q "Messages: 0 fatals / 0 errors / 0 warnings" &&
				ok "epubcheck: edition EPUB 0 errors, 0 warnings" ||
				fail "epubcheck edition" "$(echo "$out" | grep -e ERROR -e WARNING | head -20)"
		else
			skip "epubcheck edition" "epubcheck not installed"
		fi
		unzip -p "$TMP/ed.epub" '*nav.xhtml' >"$TMP/nav" 2>/dev/null
		grep -q "Warta Daily\|<nav" "$TMP/nav" && ok "EPUB edition has a nav" || fail "EPUB edition nav"
	else
		fail "EPUB edition of $what" "$(cat "$TMP/err")"
	fi
else
	skip "EPUB edition" "the EPUB back end has not landed"
fi
if has pdf; then
	if $WARTA -q --edition 'Warta Daily' --edition-date 2024-10-25 -o "$TMP/ed.pdf" "$@" 2>"$TMP/err"; then
		ok "PDF edition of $what"
		qpdf --check "$TMP/ed.pdf" >/dev/null 2>&1 && ok "qpdf --check: edition PDF" || fail "qpdf edition"
		pdftotext "$TMP/ed.pdf" "$TMP/ed.txt"
		$WARTA -q --edition X -o "$TMP/titles.json" "$@" 2>/dev/null
		python3 - "$TMP/titles.json" "$TMP/ed.txt" >"$TMP/missing" <<'PY'
import json, sys, re
text = re.sub(r"\s+", " ", open(sys.argv[2]).read())
for d in json.load(open(sys.argv[1])):
    words = d["meta"]["title"].split()[:3]
    if " ".join(words) not in text:
        print(d["meta"]["title"])
PY
		[ ! -s "$TMP/missing" ] && ok "every headline is in the edition PDF" || fail "headlines missing from the PDF" "$(cat "$TMP/missing")"
		pdfinfo "$TMP/ed.pdf" >/dev/null 2>&1 && ok "pdfinfo reads the edition" || fail "pdfinfo edition"
	else
		fail "PDF edition of $what" "$(cat "$TMP/err")"
	fi
else
	skip "PDF edition" "the print back end has not landed"
fi
