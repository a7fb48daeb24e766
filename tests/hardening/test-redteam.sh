#!/bin/sh
# test-redteam.sh — the second red-team pass of issue 15, new inputs for its
# classes: a YAML alias bomb, injection into the title, link targets and
# link titles, every kind of nesting mixed, line ends of every kind, a full
# disk (a small tmpfs when this user may mount one, else /dev/full), a FIFO
# as output, concurrent writers of one output, signals in the middle of a
# write, and the memory limit under which the program cannot even be
# loaded.  The inputs are tests/fuzz/regressions/i15r-*.txt (also replayed
# through every format by test-regressions.sh).  Fast and bounded: every
# run is under `timeout`.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/lib.sh"
REG="$ROOT/tests/fuzz/regressions"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi
FORMATS=$($WARTA --version | sed -n 's/^formats: *//p')
has() { case " $FORMATS " in *" $1 "*) return 0 ;; esac; return 1; }
fmts=$(echo $FORMATS | tr ' ' '\n' | grep -E '^(json|epub|pdf)$' | paste -sd, -)
no_tmp() { [ -z "$(find "$@" -name '.*' 2>/dev/null)" ]; }
T=60
[ -n "$VALGRIND$SAN" ] || [ "$BUILD" = build-san ] && T=600

# ---------------------------------------------------------------- YAML alias bomb
# 30 levels of 9 aliases: libyaml keeps aliases as references, warta takes
# only scalars from them, so nothing multiplies.
cp "$REG/i15r-yaml-alias-bomb.txt" "$TMP/bomb.txt"
timeout $T $RUN $WARTA -t json -o "$TMP/bomb.json" "$TMP/bomb.txt" 2>"$TMP/err"
rc=$?
if [ $rc = 0 ] && grep -q 'bomb.txt:34:1: warning: front matter: author is not a string' "$TMP/err" &&
   python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["meta"]; sys.exit(m["title"] != "Alias bomb" or bool(m.get("keywords")))' "$TMP/bomb.json"; then
	ok "YAML alias bomb: read at once, the aliased collections are not strings"
else
	fail "YAML alias bomb: exit $rc" "$(tail -5 "$TMP/err")"
fi

# ---------------------------------------------------------------- injection
# Markup and PDF syntax in the title, link titles and targets: only the
# http(s)/mailto targets are linked, every XHTML member is well-formed, the
# PDF is sound and its title is the text as written.
cp "$REG/i15r-injection.txt" "$TMP/inj.txt"
rm -rf "$TMP/out"
timeout $T $RUN $WARTA -q -t "$fmts" -d "$TMP/out" "$TMP/inj.txt" 2>"$TMP/err"
rc=$?
act=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def links(n):
    if n["type"] == "link": yield n
    for c in n.get("children", []): yield from links(c)
print(" ".join(str(int(l["active"])) for l in links(d["body"])))
print(d["meta"]["title"])' "$TMP/out/inj.json")
want='0 0 0 0 0 1 1 1 1 1
A (title) \\ ) </title><script>x</script> ]]> %PDF-1.4 %%EOF'
bad=
[ $rc = 0 ] || bad="exit $rc"
[ "$act" = "$want" ] || bad="$bad; links/title: $act"
if has pdf; then
	qpdf --check "$TMP/out/inj.pdf" >/dev/null 2>&1 || bad="$bad; qpdf"
	uris=$(qpdf --qdf --object-streams=disable "$TMP/out/inj.pdf" - 2>/dev/null | grep -a -o '/URI ([^)]*' | sort -u)
	echo "$uris" | grep -qivE '^/URI \((https://ex\.org/|mailto:)' && bad="$bad; URIs: $uris"
	qpdf --qdf --object-streams=disable "$TMP/out/inj.pdf" - 2>/dev/null | grep -aq '/JavaScript\|/JS ' && bad="$bad; JavaScript in the PDF"
	[ "$(pdfinfo "$TMP/out/inj.pdf" 2>/dev/null | sed -n 's/^Title: *//p')" = "$(printf '%s\n' "$want" | tail -1)" ] ||
		bad="$bad; PDF title: $(pdfinfo "$TMP/out/inj.pdf" | grep Title)"
fi
if has epub; then
	mkdir -p "$TMP/x"
	(cd "$TMP/x" && unzip -qo "$TMP/out/inj.epub")
	for m in "$TMP"/x/EPUB/*.xhtml "$TMP"/x/EPUB/text/*.xhtml "$TMP"/x/EPUB/*.opf; do
		[ -f "$m" ] || continue
		xmllint --noout "$m" 2>/dev/null || bad="$bad; not well-formed: $(basename "$m")"
	done
	grep -rqi 'href="javascript\|href="data:\|href="file:\|<script' "$TMP/x/EPUB" && bad="$bad; live markup in the EPUB"
fi
if [ -z "$bad" ]; then
	ok "injection into title, link targets and link titles: text as written, only web and mail links, well-formed XHTML"
else
	fail "injection" "$bad"
fi

# ---------------------------------------------------------------- nesting, line ends, wide table
for name in nesting-mix line-ends table-30col; do
	cp "$REG/i15r-$name.txt" "$TMP/$name.txt"
	rm -rf "$TMP/out"
	timeout $T $RUN $WARTA -q -t "$fmts" -d "$TMP/out" "$TMP/$name.txt" 2>"$TMP/err"
	rc=$?
	n=$(ls "$TMP/out" 2>/dev/null | wc -l)
	if [ $rc = 0 ] && [ "$n" = "$(echo "$fmts" | tr ',' '\n' | wc -l)" ] && no_tmp "$TMP/out"; then
		ok "$name: every format written"
	else
		fail "$name: exit $rc, $n outputs" "$(head -5 "$TMP/err")"
	fi
done
# line ends: CR, CRLF, NEL, LS and PS all end lines or are spaces; no word lost
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def texts(n):
    if "text" in n: yield n["text"]
    for c in n.get("children", []): yield from texts(c)
t = " ".join(texts(d["body"]))
sys.exit(not all(w in t for w in "One two three four five six seven".split()) or d["meta"]["title"] != "Line ends")' \
  "$(timeout $T $RUN $WARTA -q -t json -o "$TMP/le.json" "$TMP/line-ends.txt" >/dev/null 2>&1; echo "$TMP/le.json")" &&
	ok "line ends of every kind: title and every word kept" ||
	fail "line ends" "$(cat "$TMP/le.json" | head -c 600)"

# ---------------------------------------------------------------- full disk
# A full filesystem: a clear error per output that does not fit, exit 1, the
# outputs that fit complete, no temporary file.  A tmpfs of 96 KB when this
# user may mount one; /dev/full always (a device is never replaced).
cp "$SAMPLE" "$TMP/s.txt"
mkdir -p "$TMP/mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=96k tmpfs "$TMP/mnt" 2>/dev/null; then
	timeout $T $RUN $WARTA -q -t "$(echo $FORMATS | tr ' ' ',')" -d "$TMP/mnt" "$TMP/s.txt" 2>"$TMP/err"
	rc=$?
	bad=
	for o in "$TMP"/mnt/*; do
		[ -e "$o" ] || continue
		case $o in
		*.pdf) qpdf --check "$o" >/dev/null 2>&1 || bad="$bad $o" ;;
		*.json) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$o" 2>/dev/null || bad="$bad $o" ;;
		*.epub) unzip -tq "$o" >/dev/null 2>&1 || bad="$bad $o" ;;
		esac
	done
	left=$(find "$TMP/mnt" -name '.*')
	umount "$TMP/mnt"
	if [ $rc = 1 ] && [ -z "$bad$left" ] && grep -q 'error: cannot write output: No space left on device' "$TMP/err"; then
		ok "full tmpfs: exit 1, 'No space left on device' per output, the rest complete, no temporary file"
	else
		fail "full tmpfs: exit $rc, bad:$bad left:$left" "$(cat "$TMP/err")"
	fi
else
	skip "full tmpfs" "cannot mount a tmpfs here"
fi
if has pdf && [ -c /dev/full ]; then
	timeout $T $RUN $WARTA -q -t pdf -o /dev/full "$TMP/s.txt" 2>"$TMP/err"
	rc=$?
	timeout $T $RUN $WARTA -q -t json -o - "$TMP/s.txt" >/dev/full 2>"$TMP/err2"
	rc2=$?
	if [ $rc = 1 ] && [ $rc2 = 1 ] && [ -c /dev/full ] &&
	   grep -q '/dev/full: error: cannot write output: No space left on device' "$TMP/err" &&
	   grep -q 'error: cannot write to standard output: No space left on device' "$TMP/err2"; then
		ok "/dev/full as the output and as standard output: exit 1 with the reason, the device left alone"
	else
		fail "/dev/full: exit $rc / $rc2" "$(cat "$TMP/err" "$TMP/err2")"
	fi
fi

# ---------------------------------------------------------------- FIFO as output
if has pdf; then
	mkfifo "$TMP/pipe.pdf"
	timeout $T cat "$TMP/pipe.pdf" >"$TMP/piped.pdf" &
	reader=$!
	timeout $T $RUN $WARTA -q -o "$TMP/pipe.pdf" "$TMP/s.txt" 2>"$TMP/err"
	rc=$?
	wait $reader
	if [ $rc = 0 ] && [ -p "$TMP/pipe.pdf" ] && qpdf --check "$TMP/piped.pdf" >/dev/null 2>&1 && no_tmp "$TMP"; then
		ok "a FIFO as the output: the PDF streams through it, the FIFO stays a FIFO"
	else
		fail "FIFO output: exit $rc" "$(cat "$TMP/err")"
	fi
fi

# ---------------------------------------------------------------- concurrent writers
# Four processes writing the same outputs at once: each output is one
# writer's complete file, and no temporary file is left.
if has pdf; then
	rm -rf "$TMP/cw"
	mkdir -p "$TMP/cw"
	pids=
	for k in 1 2 3 4; do
		timeout $T $WARTA -q -t "$fmts" -d "$TMP/cw" "$TMP/s.txt" 2>"$TMP/cw$k.err" &
		pids="$pids $!"
	done
	rcs=
	for p in $pids; do
		wait $p
		rcs="$rcs$?"
	done
	if [ "$rcs" = 0000 ] && qpdf --check "$TMP/cw/s.pdf" >/dev/null 2>&1 && no_tmp "$TMP/cw" &&
	   python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/cw/s.json"; then
		ok "four concurrent writers of the same outputs: each output complete, no temporary file"
	else
		fail "concurrent writers: exits $rcs" "$(cat "$TMP"/cw*.err; ls -la "$TMP/cw")"
	fi
fi

# ---------------------------------------------------------------- signals mid-write
# TERM, INT and HUP in the middle of a long PDF: the output before stays as
# it was, no temporary file is left, the exit status tells the signal.
if has pdf && [ -z "$VALGRIND" ]; then
	python3 "$ROOT/tests/hardening/pathological.py" para 400000 >"$TMP/long.txt"
	bad=
	for sig in TERM INT HUP; do
		echo old >"$TMP/sig.pdf"
		$WARTA -q -o "$TMP/sig.pdf" "$TMP/long.txt" 2>/dev/null &
		p=$!
		sleep 0.3
		kill -$sig $p 2>/dev/null
		{ wait $p; } 2>/dev/null
		rc=$?
		[ "$(cat "$TMP/sig.pdf")" = old ] || qpdf --check "$TMP/sig.pdf" >/dev/null 2>&1 || bad="$bad $sig: broken output;"
		no_tmp "$TMP" || bad="$bad $sig: $(find "$TMP" -name '.*');"
		[ $rc = 0 ] || [ $rc -gt 128 ] || bad="$bad $sig: exit $rc;"
	done
	if [ -z "$bad" ]; then
		ok "TERM, INT, HUP in the middle of a long PDF: the old output or a complete one, no temporary file"
	else
		fail "signals mid-write" "$bad"
	fi
fi

# ---------------------------------------------------------------- memory below loading
# Under an address-space limit smaller than the shared libraries (ICU's
# data alone maps 31 MB) the dynamic loader refuses to start warta: exit
# 127 with the loader's message naming the library, before any of warta's
# code runs, so nothing can be written (README, "Reliability: limits").
if [ "$BUILD" != build-san ] && [ -z "$VALGRIND" ]; then
	(ulimit -v 30000; exec $WARTA -q -o "$TMP/low.pdf" "$TMP/s.txt") 2>"$TMP/err"
	rc=$?
	if [ $rc = 127 ] && grep -q 'error while loading shared libraries' "$TMP/err" && [ ! -e "$TMP/low.pdf" ] &&
	   no_tmp "$TMP"; then
		ok "an address-space limit below the libraries' size: the loader's message, exit 127, nothing written"
	elif [ $rc = 1 ] && grep -q '^warta: error: out of memory' "$TMP/err"; then
		ok "an address-space limit of 30 MB: warta's out-of-memory error"
	else
		fail "ulimit -v 30000: exit $rc" "$(head -3 "$TMP/err")"
	fi
fi
