#!/bin/sh
# test-faults.sh — outputs are atomic whatever goes wrong (issue 6): a full
# disk (/dev/full as standard output and as -o), a file-size limit (ulimit -f,
# with SIGXFSZ at its default and ignored), devices as targets (never renamed
# over), a read-only directory, SIGINT and SIGTERM in the middle of a batch.
# After each: no partial or corrupt file at the target, an existing target
# untouched (or wholly replaced by a complete new one), no temporary file.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/lib.sh"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi
FORMATS=$($WARTA --version | sed -n 's/^formats: *//p')
fmt_list=$(echo $FORMATS | tr ' ' '\n' | grep -E '^(json|epub|pdf)$')
fmts=$(echo $fmt_list | tr ' ' ',')
W="$TMP/w"
mkdir -p "$W"
chmod 755 "$TMP" "$W"
no_tmp() { [ -z "$(find "$@" -name '.*' -type f 2>/dev/null)" ]; }
# valid FILE: a complete output of its kind
valid() {
	case $1 in
	*.json) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null ;;
	*.epub) unzip -tqq "$1" >/dev/null 2>&1 ;;
	*.pdf) qpdf --check "$1" >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}
cp "$SAMPLE" "$W/article.txt"

# ---------------------------------------------------------------- a full disk
# a device is written, never replaced (as root a rename over /dev/null would
# destroy it); the test uses a FIFO of its own rather than /dev/null
mkfifo "$W/pipe.json"
(cat "$W/pipe.json" >"$TMP/from-pipe.json") &
reader=$!
$RUN $WARTA -q -t json -o "$W/pipe.json" "$W/article.txt" 2>"$TMP/pipe.err"
rc=$?
wait $reader
if [ $rc = 0 ] && [ -p "$W/pipe.json" ] && valid "$TMP/from-pipe.json" && no_tmp "$W"; then
	ok "-o FIFO: written through, still a FIFO, no temporary file"
else
	fail "-o FIFO: exit $rc" "$(cat "$TMP/pipe.err"; ls -la "$W")"
fi
rm -f "$W/pipe.json"
# /dev/full only once a FIFO was shown to be written through, not renamed
# over (as root a regression would replace the machine's /dev/full)
full_list=$fmt_list
[ $rc = 0 ] && [ -z "$(find "$W" -name '.*')" ] || full_list=

for f in $full_list; do
	$RUN $WARTA -q -t $f -o - "$W/article.txt" >/dev/full 2>"$TMP/full.err"
	rc=$?
	if [ $rc = 1 ] && grep -q '^warta: error: cannot write to standard output: No space left on device$' "$TMP/full.err"; then
		ok "$f to standard output on /dev/full: exit 1, the reason"
	else
		fail "$f to /dev/full (stdout): exit $rc" "$(cat "$TMP/full.err")"
	fi
	$RUN $WARTA -q -t $f -o /dev/full "$W/article.txt" 2>"$TMP/full.err"
	rc=$?
	if [ $rc = 1 ] && grep -q '^warta: /dev/full: error: cannot write output: No space left on device$' "$TMP/full.err" &&
	   [ -c /dev/full ]; then
		ok "-o /dev/full ($f): exit 1, the reason, /dev/full still a device"
	else
		fail "-o /dev/full ($f): exit $rc" "$(cat "$TMP/full.err"; ls -l /dev/full)"
	fi
done
# ---------------------------------------------------------------- a file-size limit
# the sample's outputs are all well over 8 KiB; each target exists beforehand
python3 -c 'import sys; sys.stdout.write("# Big enough\n\n" + ("Many words in a sentence of this article. " * 12 + "\n\n") * 200)' >"$W/big.txt"
for how in default ignored; do
	for f in $fmt_list; do
		echo "the old $f" >"$W/limited.$f"
		cp "$W/limited.$f" "$TMP/old"
		if [ $how = ignored ]; then
			(trap '' XFSZ; ulimit -f 16; exec $RUN $WARTA -q -o "$W/limited.$f" "$W/big.txt") 2>"$TMP/fsz.err"
		else
			(ulimit -f 16; exec $RUN $WARTA -q -o "$W/limited.$f" "$W/big.txt") 2>"$TMP/fsz.err"
		fi
		rc=$?
		if [ $rc = 1 ] && grep -q "^warta: $W/limited.$f: error: cannot write output: File too large$" "$TMP/fsz.err" &&
		   cmp -s "$TMP/old" "$W/limited.$f" && no_tmp "$W"; then
			ok "ulimit -f, SIGXFSZ $how ($f): exit 1, EFBIG reported, old target untouched, no temporary file"
		else
			fail "ulimit -f, SIGXFSZ $how ($f): exit $rc" "$(cat "$TMP/fsz.err"; ls -la "$W")"
		fi
	done
done

# an edition over the limit: the output's failure, no article's (each
# article was probed alone, in a scratch directory under the same limit,
# and the four were "left out of the edition" for the disk's fault)
for i in 1 2 3 4; do
	cp "$W/big.txt" "$W/ed$i.txt"
done
(ulimit -f 16; exec $RUN $WARTA -q --edition Limited -o "$W/limited-ed.pdf" "$W"/ed1.txt "$W"/ed2.txt \
    "$W"/ed3.txt "$W"/ed4.txt) 2>"$TMP/fsz.err"
rc=$?
if [ $rc = 1 ] && grep -q "^warta: $W/limited-ed.pdf: error: cannot write output: File too large$" "$TMP/fsz.err" &&
   ! grep -q 'left out of the edition' "$TMP/fsz.err" && [ ! -e "$W/limited-ed.pdf" ] && no_tmp "$W"; then
	ok "ulimit -f, an edition: exit 1, EFBIG reported once, no article blamed, no file"
else
	fail "ulimit -f, an edition: exit $rc" "$(cat "$TMP/fsz.err"; ls -la "$W")"
fi
rm -f "$W"/ed[1-4].txt

# ---------------------------------------------------------------- a read-only directory
if ! unprivileged; then
	skip "read-only directory" "$AS_WHY"
else
	mkdir -p "$W/ro"
	for f in $fmt_list; do echo "the old $f" >"$W/ro/article.$f"; done
	cp -r "$W/ro" "$TMP/ro-before"
	chmod 644 "$W/article.txt"
	chmod 555 "$W/ro"
	$AS $RUN $WARTA -q -t "$fmts" -d "$W/ro" "$W/article.txt" 2>"$TMP/ro.err"
	rc=$?
	chmod 755 "$W/ro"
	n=$(grep -c ': error: cannot create output: Permission denied$' "$TMP/ro.err")
	if [ $rc = 1 ] && [ "$n" = "$(echo $fmt_list | wc -w)" ] && diff -r "$TMP/ro-before" "$W/ro" >/dev/null; then
		ok "read-only directory: exit 1, each output refused, existing targets untouched, nothing added"
	else
		fail "read-only directory: exit $rc" "$(cat "$TMP/ro.err"; ls -la "$W/ro")"
	fi
fi

# whole FILE: a complete output of its kind (this suite is about partial
# files; byte identity between runs is tests/cli/test-batch.sh's job).
whole() {
	case $1 in
	*.pdf) qpdf --check "$1" >/dev/null 2>&1 ;;
	*.epub) unzip -tq "$1" >/dev/null 2>&1 ;;
	*.json) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null ;;
	*) return 1 ;;
	esac
}

# ---------------------------------------------------------------- signals in mid-batch
# Old outputs from a first run (-l en) are in place; the batch (-l id) is
# killed after a while.  Every output must then be either the old file or
# the complete new one (equal to an uninterrupted run), never anything else,
# and no temporary file may be left.
mkdir -p "$W/in"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do cp "$SAMPLE" "$W/in/a$i.txt"; done
$WARTA -q -l en -t "$fmts" -d "$W/old" "$W/in" 2>/dev/null
$WARTA -q -l id -t "$fmts" -d "$W/new" "$W/in" 2>/dev/null
nout=$(ls "$W/new" | wc -l)
for spec in INT:0.3 TERM:0.6 INT:1.2 TERM:2 INT:3 TERM:0.05; do
	sig=${spec%%:*} delay=${spec#*:}
	rm -rf "$W/run"
	cp -r "$W/old" "$W/run"
	$RUN $WARTA -q -j 2 -l id -t "$fmts" -d "$W/run" "$W/in" 2>"$TMP/sig.err" &
	pid=$!
	sleep "$delay"
	kill -$sig $pid 2>/dev/null
	wait $pid 2>/dev/null
	rc=$?
	bad=
	for f in "$W"/new/*; do
		b=$(basename "$f")
		cmp -s "$f" "$W/run/$b" || cmp -s "$W/old/$b" "$W/run/$b" || whole "$W/run/$b" || bad="$bad $b"
	done
	replaced=0
	for f in "$W"/new/*; do cmp -s "$f" "$W/run/$(basename "$f")" && replaced=$((replaced + 1)); done
	extra=$(ls "$W/run" | wc -l)
	if [ -z "$bad" ] && no_tmp "$W/run" && [ "$extra" = "$nout" ]; then
		case $rc in
		130|143) ok "SIG$sig after ${delay}s (exit $rc): $replaced of $nout outputs replaced whole, the rest untouched, no temporary file" ;;
		0) ok "SIG$sig after ${delay}s: the batch had finished (exit 0), all outputs whole" ;;
		*) fail "SIG$sig after ${delay}s: exit $rc" "$(cat "$TMP/sig.err")" ;;
		esac
	else
		fail "SIG$sig after ${delay}s: exit $rc" "bad:$bad; $(ls -la "$W/run"; cat "$TMP/sig.err")"
	fi
done
# the same without old outputs: whatever is there is complete
for sig in INT TERM; do
	rm -rf "$W/fresh"
	$RUN $WARTA -q -j 2 -t "$fmts" -d "$W/fresh" "$W/in" 2>/dev/null &
	pid=$!
	sleep 1
	kill -$sig $pid 2>/dev/null
	wait $pid 2>/dev/null
	rc=$?
	bad=
	for f in "$W"/fresh/*; do [ -e "$f" ] || continue; valid "$f" || bad="$bad $(basename "$f")"; done
	if [ -z "$bad" ] && no_tmp "$W/fresh"; then
		ok "SIG$sig into an empty directory (exit $rc): $(ls "$W/fresh" 2>/dev/null | wc -l) complete outputs, no temporary file"
	else
		fail "SIG$sig into an empty directory" "incomplete:$bad; $(ls -la "$W/fresh")"
	fi
done

# ---------------------------------------------------------------- signals and a set of pages
# PNG pages are one set: a signal at any moment leaves either every page of
# the earlier run (byte for byte) or every page of the new one, never a
# mixture, never a temporary file; into an empty directory, all pages or none.
printf '[style]\ndescription = small pages\ninherits = column\n[page]\nheight = 30mm\nmargin-top = 5mm\nmargin-bottom = 5mm\n' >"$W/small.style"
{ cat "$SAMPLE"; for i in 1 2 3 4 5 6 7 8 9 10 11; do tail -n +2 "$SAMPLE"; done; } >"$W/pages.txt"
mkdir -p "$W/pold" "$W/pnew"
$WARTA -q -s "$W/small.style" --dpi 10 -o "$W/pold/p.png" "$W/pages.txt"
$WARTA -q -s "$W/small.style" --dpi 12 -o "$W/pnew/p.png" "$W/pages.txt"
np=$(ls "$W/pnew" | wc -l)
for spec in INT:0.1 TERM:0.4 INT:0.8 TERM:1.2 INT:1.6; do
	sig=${spec%%:*} delay=${spec#*:}
	for start in old empty; do
		rm -rf "$W/prun"
		if [ $start = old ]; then cp -r "$W/pold" "$W/prun"; else mkdir "$W/prun"; fi
		$RUN $WARTA -q -s "$W/small.style" --dpi 12 -o "$W/prun/p.png" "$W/pages.txt" 2>"$TMP/psig.err" &
		pid=$!
		sleep "$delay"
		kill -$sig $pid 2>/dev/null
		wait $pid 2>/dev/null
		rc=$?
		if diff -r "$W/pnew" "$W/prun" >/dev/null; then
			state="all $np new pages"
		elif [ $start = old ] && diff -r "$W/pold" "$W/prun" >/dev/null; then
			state="all earlier pages, untouched"
		elif [ $start = empty ] && [ -z "$(ls -A "$W/prun")" ]; then
			state="no page"
		else
			state=
		fi
		if [ -n "$state" ] && [ "$np" -gt 256 ]; then
			ok "SIG$sig after ${delay}s, PNG pages over $start ones (exit $rc): $state"
		else
			fail "SIG$sig after ${delay}s, PNG pages over $start ones: exit $rc, a mixture" \
			    "$(ls -A "$W/prun" | wc -l) files, $(ls -A "$W/prun" | grep -c '^\.') temporary; $(cat "$TMP/psig.err")"
		fi
	done
done
# the same, the signal sent once the commit is half way: page 60 of 120
# already replaced (a new inode) or set aside (a second link).  Every
# replaced page must be put back.
rm -rf "$W/pold" "$W/pnew"
mkdir -p "$W/pold" "$W/pnew"
$WARTA -q -s "$W/small.style" --dpi 10 --pages 1-120 -o "$W/pold/p.png" "$W/pages.txt"
$WARTA -q -s "$W/small.style" --dpi 12 --pages 1-120 -o "$W/pnew/p.png" "$W/pages.txt"
for sig in INT TERM; do
	rm -rf "$W/prun"
	cp -r "$W/pold" "$W/prun"
	hit=$(python3 - "$WARTA" "$W" "$sig" <<'PY'
import os, signal, subprocess, sys
warta, w, sig = sys.argv[1:]
page = w + "/prun/p-60.png"
ino = os.stat(page).st_ino
p = subprocess.Popen([warta, "-q", "-s", w + "/small.style", "--dpi", "12", "--pages", "1-120", "-o", w + "/prun/p.png",
                      w + "/pages.txt"], stderr=subprocess.DEVNULL)
hit = "finished first"
while p.poll() is None:
    try:
        st = os.stat(page)
    except OSError:
        continue
    if st.st_nlink == 2 or st.st_ino != ino:
        p.send_signal(getattr(signal, "SIG" + sig))
        hit = "mid-commit"
        break
p.wait()
print(hit, p.returncode)
PY
)
	if [ "$(ls "$W/pold" | wc -l)" = 120 ] && diff -r "$W/pold" "$W/prun" >/dev/null; then
		ok "SIG$sig with PNG pages half committed ($hit): all earlier pages back, no temporary file"
	elif diff -r "$W/pnew" "$W/prun" >/dev/null; then
		# the signal came after the set was complete (or the run had
		# finished first): every page is the new one, which is as right
		ok "SIG$sig with PNG pages half committed ($hit): the set was complete first, all pages new"
	else
		fail "SIG$sig with PNG pages half committed ($hit): a mixture" \
		    "$(ls -A "$W/prun" | wc -l) files, $(ls -A "$W/prun" | grep -c '^\.') temporary"
	fi
done
