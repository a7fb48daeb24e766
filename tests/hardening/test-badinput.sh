#!/bin/sh
# test-badinput.sh — hostile and broken inputs through warta, every format
# this build writes (issue 6).  Each case runs `warta -t FORMATS -d out NAME`
# in a scratch directory and compares stderr plus "exit: N" with the golden
# tests/hardening/bad/NAME.err (exact "warta: FILE:LINE:COL: …" lines); a case
# that must fail leaves no file at all in out/ (no partial output, no
# temporary file).  Inputs are made here (binary ones from printf, big ones
# generated), never copied from the corpus.  Under VALGRIND the generated big
# inputs are a tenth of their size (same invocations).
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/lib.sh"
DIR="$ROOT/tests/hardening/bad"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi
FORMATS=$($WARTA --version | sed -n 's/^formats: *//p')
fmts=$(echo $FORMATS | tr ' ' '\n' | grep -E '^(json|epub|pdf)$' | paste -sd, -)
nfmts=$(echo "$fmts" | tr ',' '\n' | wc -l)
BIG=10000000          # the 10 MB paragraph
LIST=100000           # the 100,000-line list
if [ -n "$VALGRIND" ]; then BIG=1000000; LIST=10000; fi
# The 10 MB paragraph and the 100,000-line list go through the reader, JSON
# and EPUB; PDF gets the same shapes at a size that keeps `make check` short
# (BIG_PDF, LIST_PDF; PDF time is measured by hand with scaling.sh, see
# tests/fuzz/RESULTS.md).  Pathological shapes (deep nesting, quotes,
# brackets) have golden messages from the reader and EPUB; the PDF of each is
# checked to be complete (its overfull-line warnings belong to tests/print).
big_fmts=$(echo "$fmts" | tr ',' '\n' | grep -v '^pdf$' | paste -sd, -)
BIG_PDF=20000
LIST_PDF=2000
fmts_all=$fmts nfmts_all=$nfmts

W="$TMP/work"
mkdir -p "$W"
chmod 755 "$TMP" "$W"

# case NAME INPUT [ARGS…]: runs in $W, golden $DIR/NAME.err; $W/out is the output dir
case_run() {
	name=$1 input=$2
	shift 2
	rm -rf "$W/out"
	(cd "$W" && $RUN "$WARTA" -t "$fmts" -d out "$@" "$input" >"$TMP/$name.stdout" 2>"$TMP/$name.raw")
	rc=$?
	cp "$TMP/$name.raw" "$TMP/$name.err"
	echo "exit: $rc" >>"$TMP/$name.err"
	diff_golden "bad input: $name: messages and exit status" "$TMP/$name.err" "$DIR/$name.err"
	if [ $rc -ge 126 ]; then
		fail "bad input: $name: warta crashed (exit $rc)" "$(tail -20 "$TMP/$name.raw")"
	fi
}
# no_output NAME: a failed case left nothing behind
no_output() {
	left=$(find "$W/out" -type f 2>/dev/null)
	[ -z "$left" ] && ok "bad input: $1: no output file left" || fail "bad input: $1: files left" "$left"
}
# all_output NAME BASE: one complete output per format
all_output() {
	n=$(find "$W/out" -type f -name "$2.*" 2>/dev/null | wc -l)
	tmp=$(find "$W/out" -name '.*' -type f 2>/dev/null)
	if [ "$n" -eq "$nfmts" ] && [ -z "$tmp" ]; then ok "bad input: $1: $fmts written, no temporary file"
	else fail "bad input: $1: outputs" "$(ls -la "$W/out" 2>&1)"; fi
}

# pdf_only NAME INPUT: the print engine on a pathological shape: its
# overfull-line warnings are its own to define (tests/print), so here only
# that it ends normally with a complete PDF and nothing else left
pdf_only() {
	echo "$fmts_all" | grep -q pdf || return 0
	rm -rf "$W/out"
	(cd "$W" && $RUN "$WARTA" -q -t pdf -d out "$2" >/dev/null 2>"$TMP/$1.pdf.raw")
	rc=$?
	pdf="$W/out/$(basename "$2" .txt).pdf"
	if [ $rc = 0 ] && qpdf --check "$pdf" >/dev/null 2>&1 && [ -z "$(find "$W/out" -name '.*')" ] &&
	   ! grep -qE 'error|Sanitizer|runtime error' "$TMP/$1.pdf.raw"; then
		ok "bad input: $1: PDF complete (exit 0)"
	else
		fail "bad input: $1: PDF (exit $rc)" "$(head -20 "$TMP/$1.pdf.raw")"
	fi
}

# ---------------------------------------------------------------- encodings
printf '# Broken\n\nA byte \377 that is not UTF-8.\n' >"$W/invalid-utf8.txt"
case_run invalid-utf8 invalid-utf8.txt
no_output invalid-utf8
case_run invalid-utf8-repair invalid-utf8.txt --repair
all_output invalid-utf8-repair invalid-utf8
printf '# Nul\n\nA NUL \000 byte inside a sentence.\n' >"$W/nul.txt"
case_run nul nul.txt
all_output nul nul
printf '\377\376#\000 \000T\000i\000t\000l\000e\000\n\000' >"$W/utf16.txt"
case_run utf16 utf16.txt
no_output utf16

# ---------------------------------------------------------------- binary files
# a small PDF (binary comment line, as every PDF writer makes), a 1×1 PNG,
# 4 KiB of seeded random bytes
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' >"$W/paper.pdf"
case_run binary-pdf paper.pdf
no_output binary-pdf
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\002\000\000\000\220wS\336\000\000\000\014IDATx\234c\370\017\000\000\001\001\000\005\030\330N\000\000\000\000IEND\256B`\202' >"$W/pixel.png"
case_run binary-png pixel.png
no_output binary-png
python3 -c 'import random,sys; r=random.Random(6); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))' >"$W/noise.bin"
case_run binary-random noise.bin
no_output binary-random
# the same binary file named .txt inside a directory: still one error
mkdir -p "$W/scraped"
cp "$W/pixel.png" "$W/scraped/image-saved-as.txt"
case_run binary-in-dir scraped
no_output binary-in-dir

# ---------------------------------------------------------------- empty and nearly empty
: >"$W/empty.txt"
case_run empty empty.txt
no_output empty
printf '  \n\t\n\n   \n' >"$W/whitespace.txt"
case_run whitespace whitespace.txt
no_output whitespace
# white space of other kinds (no-break, ideographic, zero-width) and only
# boilerplate lines: a failed scrape, nothing to typeset either
printf '\302\240\302\240\n\n\343\200\200\n\342\200\213\n' >"$W/unicode-space.txt"
case_run unicode-space unicode-space.txt
no_output unicode-space
printf 'Advertisement\n\nBaca juga: Berita lain yang tidak perlu\n\nSCROLL TO CONTINUE WITH CONTENT\n' >"$W/only-boilerplate.txt"
case_run only-boilerplate only-boilerplate.txt
no_output only-boilerplate
printf -- '---\ntitle: Only a front matter\nauthor: Nobody\ndate: 2024-10-25\n---\n' >"$W/front-matter-only.txt"
case_run front-matter-only front-matter-only.txt
all_output front-matter-only front-matter-only
printf -- '---\ntitle: [unclosed\nauthor: x\n---\n\nBody text.\n' >"$W/broken-yaml.txt"
case_run broken-yaml broken-yaml.txt
no_output broken-yaml
printf -- '---\ntitle: Never closed\n\nBody text.\n' >"$W/unclosed-front-matter.txt"
case_run unclosed-front-matter unclosed-front-matter.txt
all_output unclosed-front-matter unclosed-front-matter

# ---------------------------------------------------------------- size and shape
python3 - "$W/big-paragraph.txt" "$BIG" <<'EOF'
import sys
words = "the quick brown fox jumps over a lazy dog near the river bank".split()
out, n, size, i = [], int(sys.argv[2]), 0, 0
line = []
while size < n:
    w = words[i % len(words)]; i += 1
    line.append(w); size += len(w) + 1
    if len(line) == 12:
        out.append(" ".join(line)); line = []
out.append(" ".join(line) + ".")
open(sys.argv[1], "w").write("# One long paragraph\n\n" + "\n".join(out) + "\n")
EOF
fmts=$big_fmts nfmts=$(echo "$fmts" | tr ',' '\n' | wc -l)
case_run big-paragraph big-paragraph.txt
all_output big-paragraph big-paragraph
if [ -f "$W/out/big-paragraph.json" ]; then
	check "bad input: big-paragraph: one paragraph holding every word" python3 - "$W/out/big-paragraph.json" "$W/big-paragraph.txt" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
body = t["body"]["children"]
assert len(body) == 1 and body[0]["type"] == "paragraph", [b["type"] for b in body]
def words(n):
    if n.get("type") == "text":
        yield from n["text"].split()
    for c in n.get("children", []):
        yield from words(c)
got = sum(1 for _ in words(body[0]))
want = len(open(sys.argv[2]).read().split("\n", 2)[2].split())
assert got == want, (got, want)
EOF
fi
python3 - "$W/long-list.txt" "$LIST" <<'EOF'
import sys
n = int(sys.argv[2])
open(sys.argv[1], "w").write("# A long list\n\n" + "".join("- item %d\n" % i for i in range(n)))
EOF
case_run long-list long-list.txt
all_output long-list long-list
fmts=$fmts_all nfmts=$nfmts_all
if [ -f "$W/out/long-list.json" ]; then
	check "bad input: long-list: every item kept" python3 - "$W/out/long-list.json" "$LIST" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
lists = [b for b in t["body"]["children"] if b["type"] == "list"]
assert len(lists) == 1 and len(lists[0]["children"]) == int(sys.argv[2]), len(lists)
EOF
fi
if echo "$fmts" | grep -q pdf; then
	python3 -c 'import sys; w = "the quick brown fox jumps over a lazy dog near the river bank".split(); n = int(sys.argv[1]); out = []; size = 0
while size < n: out.append(w[len(out) % len(w)]); size += len(out[-1]) + 1
sys.stdout.write("# One long paragraph\n\n" + " ".join(out) + ".\n")' "$BIG_PDF" >"$W/paragraph-pdf.txt"
	python3 -c 'import sys; sys.stdout.write("# A long list\n\n" + "".join("- item %d\n" % i for i in range(int(sys.argv[1]))))' "$LIST_PDF" >"$W/list-pdf.txt"
	fmts=pdf nfmts=1
	case_run paragraph-pdf paragraph-pdf.txt
	all_output paragraph-pdf paragraph-pdf
	case_run list-pdf list-pdf.txt
	all_output list-pdf list-pdf
	fmts=$fmts_all nfmts=$nfmts_all
fi
python3 -c 'import sys; sys.stdout.write("# Long line\n\n" + "word " * 220000 + "\n")' >"$W/long-line.txt"
case_run long-line long-line.txt
no_output long-line
python3 -c 'import sys; sys.stdout.write("# Deep\n\n" + "> " * 1000 + "deep quote\n\n" + "".join("  " * i + "- level %d\n" % i for i in range(200)))' >"$W/deep-nesting.txt"
fmts=$big_fmts nfmts=$(echo "$fmts" | tr ',' '\n' | wc -l)
case_run deep-nesting deep-nesting.txt
all_output deep-nesting deep-nesting
fmts=$fmts_all nfmts=$nfmts_all
pdf_only deep-nesting deep-nesting.txt
python3 -c 'import sys; sys.stdout.write("# Quotes\n\n" + "\u201c\u2018" * 200 + "inside" + "\u2019\u201d" * 200 + "\n\n" + "\"" * 3000 + "\n")' >"$W/deep-quotes.txt"
fmts=$big_fmts nfmts=$(echo "$fmts" | tr ',' '\n' | wc -l)
case_run deep-quotes deep-quotes.txt
all_output deep-quotes deep-quotes
fmts=$fmts_all nfmts=$nfmts_all
pdf_only deep-quotes deep-quotes.txt
python3 -c 'import sys; sys.stdout.write("# Brackets\n\n" + "[" * 5000 + "x" + "]" * 5000 + "\n\n" + "[a](" * 3000 + "\n\n" + "*" * 5000 + "a" + "*" * 5000 + "\n\n" + "_a " * 5000 + "\n\n" + "`" * 3000 + "\n")' >"$W/brackets.txt"
fmts=$big_fmts nfmts=$(echo "$fmts" | tr ',' '\n' | wc -l)
case_run brackets brackets.txt
all_output brackets brackets
fmts=$fmts_all nfmts=$nfmts_all
pdf_only brackets brackets.txt

# ---------------------------------------------------------------- styles
printf '# Styled\n\nText.\n' >"$W/styled.txt"
case_run unknown-style styled.txt -s nosuchstyle
no_output unknown-style
printf -- '---\ntitle: Front matter names a style\nstyle: nosuchstyle\n---\n\nText.\n' >"$W/fm-style.txt"
case_run front-matter-unknown-style fm-style.txt
all_output front-matter-unknown-style fm-style
# Metadata values past their display caps (doc.h): each warning points at
# its own value (line and column), in the front matter or the title line;
# noncharacters in front matter values point at their values too.
python3 -c '
print("---")
print("subtitle: " + "Dek " * 300)
print("author:   " + "ab " * 100)
print("dateline: Jakarta")
print("section:  \"" + "9" * 150 + "\"")
print("source: >-")
print("  " + "Sumber " * 30)
print("lang: \"id\\uFFFF\"")
print("title: Short")
print("---")
print("\nBody text here.")' >"$W/long-meta.txt"
case_run long-metadata long-meta.txt
all_output long-metadata long-meta
python3 -c 'print(" date 2024-10-25 " + "Judul " * 600 + "\n\nBody text here.")' >"$W/long-title.txt"
case_run long-title long-title.txt
all_output long-title long-title
printf '# A style whose body font is not in the font set\n[style]\ninherits = a4\ndescription = Missing font\n\n[body]\nfamily = No Such Font Family\n' >"$W/nofont.style"
if echo "$fmts" | grep -qE 'epub|pdf'; then
	case_run missing-font styled.txt -s nofont.style
	no_output missing-font
else
	skip "bad input: missing-font" "no format that uses fonts in this build"
fi

# ---------------------------------------------------------------- outputs and inputs
# an output path equal to the input (also through -d: NAME.json next to NAME.json)
cp "$W/styled.txt" "$W/same.txt"
(cd "$W" && $RUN "$WARTA" -t json -o same.txt same.txt >/dev/null 2>"$TMP/same.raw"); rc=$?
printf 'exit: %s\n' $rc >>"$TMP/same.raw"
diff_golden "bad input: output equal to the input" "$TMP/same.raw" "$DIR/output-is-input.err"
cmp -s "$W/styled.txt" "$W/same.txt" && ok "bad input: the input is untouched" || fail "the input was overwritten"
mkdir -p "$W/jdir"
cp "$W/styled.txt" "$W/jdir/art.json"
(cd "$W" && $RUN "$WARTA" -t json -d jdir jdir/art.json >/dev/null 2>"$TMP/same-d.raw"); rc=$?
printf 'exit: %s\n' $rc >>"$TMP/same-d.raw"
diff_golden "bad input: -d output equal to the input" "$TMP/same-d.raw" "$DIR/output-is-input-d.err"
cmp -s "$W/styled.txt" "$W/jdir/art.json" && ok "bad input: -d: the input is untouched" || fail "-d: the input was overwritten"

# a directory given as input: with no article files it is an error; a
# directory where a file is expected (-o) is too
mkdir -p "$W/nothing-here"
: >"$W/nothing-here/notes.dat"
case_run directory-without-articles nothing-here
no_output directory-without-articles
mkdir -p "$W/outdir.json"
(cd "$W" && $RUN "$WARTA" -t json -o outdir.json styled.txt >/dev/null 2>"$TMP/odir.raw"); rc=$?
printf 'exit: %s\n' $rc >>"$TMP/odir.raw"
diff_golden "bad input: output path is a directory" "$TMP/odir.raw" "$DIR/output-is-directory.err"
[ -z "$(ls -A "$W/outdir.json")" ] && ok "bad input: nothing written into that directory" || fail "wrote into the directory"

# an unwritable output directory (as root, the run drops to nobody: root
# writes anywhere)
mkdir -p "$W/readonly"
chmod 555 "$W/readonly"
chmod 644 "$W/styled.txt"
if ! unprivileged; then
	skip "bad input: unwritable output" "$AS_WHY"
else
	(cd "$W" && $AS $RUN "$WARTA" -t "$fmts" -d readonly styled.txt >/dev/null 2>"$TMP/ro.raw"); rc=$?
	printf 'exit: %s\n' $rc >>"$TMP/ro.raw"
	diff_golden "bad input: unwritable output directory" "$TMP/ro.raw" "$DIR/unwritable-output.err"
	[ -z "$(ls -A "$W/readonly")" ] && ok "bad input: nothing in the read-only directory" ||
		fail "files in the read-only directory" "$(ls -la "$W/readonly")"
fi
chmod 755 "$W/readonly"

# a missing input, a missing output directory for -o
(cd "$W" && $RUN "$WARTA" -t json -o out.json no-such-file.txt >/dev/null 2>"$TMP/missing.raw"); rc=$?
printf 'exit: %s\n' $rc >>"$TMP/missing.raw"
diff_golden "bad input: a missing input" "$TMP/missing.raw" "$DIR/missing-input.err"
(cd "$W" && $RUN "$WARTA" -t json -o no/such/dir/x.json styled.txt >/dev/null 2>"$TMP/nodir.raw"); rc=$?
printf 'exit: %s\n' $rc >>"$TMP/nodir.raw"
diff_golden "bad input: -o into a missing directory" "$TMP/nodir.raw" "$DIR/missing-output-dir.err"

# a device as input is read only up to the size limit
(cd "$W" && $RUN "$WARTA" -t json --max-size 1M -o zero.json /dev/zero >/dev/null 2>"$TMP/zero.raw"); rc=$?
printf 'exit: %s\n' $rc >>"$TMP/zero.raw"
diff_golden "bad input: /dev/zero as input" "$TMP/zero.raw" "$DIR/dev-zero.err"
[ ! -e "$W/zero.json" ] && ok "bad input: /dev/zero: no output" || fail "/dev/zero made an output"

# the size limit and --max-size
python3 -c 'import sys; sys.stdout.write("# Big\n\n" + ("word " * 16 + "\n") * 2000)' >"$W/sized.txt"
case_run size-limit sized.txt --max-size 100k
no_output size-limit
case_run size-limit-raised sized.txt --max-size 1M
all_output size-limit-raised sized
