#!/bin/sh
# test-edition.sh — editions (issue 5): grouping into sections (front matter
# section, else source; --group-by; --manifest), order by date then input
# order, checked on the JSON edition (the trees in edition order); then the
# corpus (or tests/data) as one EPUB (epubcheck 0/0) and one PDF (qpdf,
# every headline in the text) when those back ends are in the build.
. "$(dirname "$0")/../lib.sh"

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

# order NAME FILE.json EXPECTED: "title|group" lines in edition order (the
# edition's section an article is set in: meta.group, its own field)
order() {
	got=$(python3 - "$2" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1])):
    m = d["meta"]
    print("%s|%s" % (m["title"], m.get("group") or ""))
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

# the grouping never overwrites an article's own section (issue 14)
got=$(python3 -c '
import json, sys
print(" ".join("%s=%s" % (d["meta"]["title"].split()[0], d["meta"]["section"] or "-") for d in json.load(open(sys.argv[1]))))' "$TMP/e1.json")
[ "$got" = "World=World World=World Business=Business Business=Business Kompas=- Undated=-" ] &&
	ok "edition JSON keeps each article's meta.section; the group is meta.group" ||
	fail "edition JSON meta.section kept" "$got"

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

# the sections reach the books: PDF outline and contents, EPUB nav
if $WARTA -q --edition Daily -o "$TMP/s.pdf" "$@" 2>"$TMP/err" &&
   $WARTA -q --edition Daily -o "$TMP/s.epub" "$@" 2>>"$TMP/err"; then
	ok "PDF and EPUB editions of the six articles"
else
	fail "PDF and EPUB editions of the six articles" "$(cat "$TMP/err")"
fi
outline=$(qpdf --json "$TMP/s.pdf" 2>/dev/null | python3 -c '
import json, sys
def walk(l, dep):
    for x in l:
        print("  " * dep + x["title"]); walk(x.get("kids", []), dep + 1)
walk(json.load(sys.stdin)["outlines"], 0)' 2>&1)
want="Daily
World
  World two
  World one
Business
  Business one
  Business undated
Kompas
  Kompas one
Undated loose"
[ "$outline" = "$want" ] && ok "PDF outline: sections, then their articles in edition order" ||
	fail "PDF outline" "got:
$outline"
# the print back end's sections are the groups, and no article's section
# is overwritten for it (issue 14): with --group-by source the PDF and its
# layout trace (which once grouped by each article's own section) have the
# one source section, Kompas, in the outline and in the contents
$WARTA -q --edition Daily --group-by source -o "$TMP/src.pdf" "$@" 2>"$TMP/err"
$WARTA -q --edition Daily --group-by source -o "$TMP/src.trace" "$@" 2>>"$TMP/err"
outline=$(qpdf --json "$TMP/src.pdf" 2>/dev/null | python3 -c '
import json, sys
t = [x["title"] for x in json.load(sys.stdin)["outlines"]]
print("sections: " + " ".join(x for x in t if x in ("Kompas", "World", "Business")))' 2>&1)
heads=$(sed -n '/^page 2/q; s/.*final r=[-0-9.]* |\(Kompas\|World\|Business\)|$/\1/p' "$TMP/src.trace" | tr '\n' ' ')
[ "$outline" = "sections: Kompas" ] && [ "$heads" = "Kompas " ] &&
	ok "--group-by source: the PDF's and the trace's sections are the groups (Kompas), not the articles' own" ||
	fail "--group-by source in print" "outline: $outline; contents headings: $heads; $(cat "$TMP/err")"
# a4 runs an edition on ([edition] makeup = flow): the two World articles
# share page 2, each section starts a new page
pdftotext -layout -l 1 "$TMP/s.pdf" - | tr -s ' ' | grep -q "^World one 2$" &&
	pdftotext -f 2 -l 2 "$TMP/s.pdf" - | grep -q "text of World one" &&
	pdftotext -f 3 -l 3 "$TMP/s.pdf" - | grep -q "^Business one" &&
	ok "PDF contents: an article with its page number, run on after the one before" ||
	fail "PDF contents" "$(pdftotext -layout -l 1 "$TMP/s.pdf" - | head -20)"
nav=$(unzip -p "$TMP/s.epub" '*nav.xhtml' | tr -d '\n' | sed 's/<nav epub:type="landmarks".*//' |
	grep -o '<a [^>]*>[^<]*</a>\|<ol>\|</ol>' | sed 's/<a [^>]*>//; s/<\/a>//' | tr '\n' ' ')
case $nav in
*"World <ol> World two World one </ol> Business <ol> Business one Business undated </ol> Kompas <ol> Kompas one </ol> Undated loose"*)
	ok "EPUB nav: section → articles, in edition order" ;;
*) fail "EPUB nav" "$nav" ;;
esac

# the real books: the corpus (four languages) when present, else tests/data and the articles above
if have_corpus; then
	set -- "$CORPUS"
	what="the corpus"
else
	set -- "$ROOT"/tests/data/*.txt "$@"
	what="tests/data and six test articles (corpus absent)"
fi
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
if $WARTA -q --edition 'Warta Daily' --edition-date 2024-10-25 -o "$TMP/ed.pdf" "$@" 2>"$TMP/err"; then
	ok "PDF edition of $what"
	qpdf --check "$TMP/ed.pdf" >/dev/null 2>&1 && ok "qpdf --check: edition PDF" || fail "qpdf edition"
	pdftotext "$TMP/ed.pdf" "$TMP/ed.txt"
	$WARTA -q --edition X -o "$TMP/titles.json" "$@" 2>/dev/null
	python3 - "$TMP/titles.json" "$TMP/ed.txt" >"$TMP/missing" <<'PY' || echo "(the check did not run)" >>"$TMP/missing"
import json, re, sys, unicodedata
# Is every headline in the PDF's text?  pdftotext (poppler) wraps right-to-left
# runs in bidi controls, puts neutral and left-to-right runs inside them
# (punctuation, digits, the spaces around them) in visual order, and moves
# Arabic marks before their letter; and a long headline wraps in the
# contents page.  So both sides lose the bidi controls, whitespace runs
# become one space (none between two CJK characters: a line break there is
# only a wrap), and a headline in a right-to-left script is compared by its
# letters and digits in order, without marks, spaces and punctuation.
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
WRAP = re.compile("(?<=[%s])\\s+(?=[%s])" % (CJK, CJK))
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

def norm(t):
    t = unicodedata.normalize("NFKC", WRAP.sub("", BIDI.sub("", t)))
    return re.sub(r"\s+", " ", t).strip()

def letters(t):
    return "".join(c for c in unicodedata.normalize("NFKD", norm(t))
                   if unicodedata.category(c)[0] in "LN")

raw = open(sys.argv[2], encoding="utf-8").read()
text, text_letters = norm(raw), letters(raw)
docs = json.load(open(sys.argv[1], encoding="utf-8"))
assert docs, "no articles in the edition"
for d in docs:
    t = d["meta"]["title"]
    found = letters(t) in text_letters if RTL.search(t) else norm(t) in text
    if not found or not norm(t):
        print(t)
PY
	[ ! -s "$TMP/missing" ] && ok "every headline is in the edition PDF" || fail "headlines missing from the PDF" "$(cat "$TMP/missing")"
	pdfinfo "$TMP/ed.pdf" >/dev/null 2>&1 && ok "pdfinfo reads the edition" || fail "pdfinfo edition"
else
	fail "PDF edition of $what" "$(cat "$TMP/err")"
fi

# An edition with a character no font has (U+10600, Linear A) in one of its
# articles: set with a box and an error, so the run fails (exit 1) as the
# article alone does, unless --missing-glyphs=warn (exit 0, a warning);
# -j 1 and -j 2, a4 and newspaper.
G="$TMP/glyph"
mkdir -p "$G"
printf '# Plain\n\nAn article every font can set.\n' >"$G/a.txt"
printf '# Linear A\n\nThe sign \360\220\230\200 has no font.\n' >"$G/b.txt"
for args in "-j 1" "-j 2" "-j 2 -s newspaper"; do
	# shellcheck disable=SC2086 # the options are words
	$RUN "$WARTA" -q $args --edition Glyphs -o "$TMP/glyph.pdf" "$G" 2>"$TMP/glyph.err"
	st=$?
	if [ $st -eq 1 ] && grep -q "b.txt:3:10: error: no font has a glyph for U+10600" "$TMP/glyph.err" &&
	    [ -s "$TMP/glyph.pdf" ]; then
		ok "edition ($args) with a character no font has: set, the error said, exit 1"
	else
		fail "edition ($args) with a character no font has: exit $st" "$(cat "$TMP/glyph.err")"
	fi
	rm -f "$TMP/glyph.pdf"
done
$RUN "$WARTA" --missing-glyphs=warn --edition Glyphs -o "$TMP/glyph.pdf" "$G" 2>"$TMP/glyph.err"
st=$?
[ $st -eq 0 ] && grep -q "warning: no font has a glyph for U+10600" "$TMP/glyph.err" &&
	ok "edition with --missing-glyphs=warn: a warning, exit 0" ||
	fail "edition with --missing-glyphs=warn: exit $st" "$(cat "$TMP/glyph.err")"
