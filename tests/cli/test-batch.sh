#!/bin/sh
# test-batch.sh — batch conversion (issue 5): -j 2 equals -j 1 byte for byte
# and equals the single-file run; a broken input in the middle fails alone;
# -v lists each file; the progress bar and summary under a pseudo-terminal
# (script), none without one or with -q; SIGINT mid-batch leaves no
# temporary file and keeps the finished outputs; a worker process killed
# mid-input fails that input alone.
. "$(dirname "$0")/../lib.sh"

fmts=json,pdf,epub
no_tmp() { [ -z "$(find "$@" -name '.*' -type f)" ]; }

# inputs: the corpus when it is there, else copies of tests/data's articles
# without pictures under new names (a copy would lose the pictures beside
# them, which are relative to the article; test-pictures.sh batches those)
if have_corpus; then
	IN="$CORPUS"
	what="the corpus"
else
	IN="$TMP/in"
	mkdir -p "$IN"
	for n in 1 2 3 4 5 6; do
		for f in "$ROOT"/tests/data/*.txt; do
			grep -q -e '^image:' -e '!\[' "$f" && continue
			cp "$f" "$IN/$n-$(basename "$f")"
		done
	done
	what="tests/data copies (corpus absent)"
fi
count=$(ls "$IN"/*.txt | wc -l)

# -j 1 and -j 2, byte for byte
if $RUN $WARTA -q -j 1 -d "$TMP/j1" -t $fmts "$IN" 2>"$TMP/err1" &&
   $RUN $WARTA -q -j 2 -d "$TMP/j2" -t $fmts "$IN" 2>"$TMP/err2"; then
	ok "batch of $what ($count inputs, $fmts) with -j 1 and -j 2"
else
	fail "batch -j 1 / -j 2" "$(cat "$TMP/err1" "$TMP/err2")"
fi
n=$(ls "$TMP/j2" | wc -l)
[ "$n" -eq $((count * $(echo $fmts | tr ',' ' ' | wc -w))) ] && ok "one output per input and format ($n)" ||
	fail "output count" "$n files for $count inputs × $fmts"
if d=$(diff -r "$TMP/j1" "$TMP/j2" 2>&1); then ok "-j 2 outputs equal -j 1 byte for byte"; else fail "-j 2 differs from -j 1" "$d"; fi
first=$(ls "$IN"/*.txt | head -1)
name=$(basename "$first" .txt)
same=1
for f in $(echo $fmts | tr ',' ' '); do
	$WARTA -q "$first" -o "$TMP/single.$f" 2>/dev/null
	cmp -s "$TMP/single.$f" "$TMP/j2/$name.$f" || { same=0; fail "batch $name.$f differs from the single-file run"; }
done
[ $same = 1 ] && ok "batch outputs equal the single-file run ($fmts)"
no_tmp "$TMP/j1" "$TMP/j2" && ok "no temporary files left" || fail "temporary files left"
[ ! -s "$TMP/err2" ] && ok "-q batch: nothing on stderr (not a terminal)" || fail "-q batch stderr" "$(cat "$TMP/err2")"

# a broken input in the middle: its error, the others written, exit 1, summary names it
mkdir -p "$TMP/mix"
i=0
for f in $(ls "$IN"/*.txt | head -4); do
	i=$((i + 1))
	cp "$f" "$TMP/mix/$i.txt"
	[ $i = 2 ] && printf '# Broken\n\nInvalid \377\376 bytes.\n' >"$TMP/mix/2b-broken.txt"
done
$WARTA -j 2 -d "$TMP/mixout" -t $fmts "$TMP/mix" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 1 ] && ok "a broken input among others: exit 1" || fail "broken input exit" "exit $rc"
grep -q "^warta: $TMP/mix/2b-broken.txt:3:[0-9]*: error: " "$TMP/err" && ok "its error is printed with its position" ||
	fail "broken input error" "$(cat "$TMP/err")"
grep -q "^warta: 5 files: 4 done, 1 failed ($TMP/mix/2b-broken.txt)" "$TMP/err" &&
	ok "the summary names the failure" || fail "summary" "$(cat "$TMP/err")"
ls "$TMP/mixout" | grep -q 2b-broken && fail "nothing written for the broken input" "$(ls "$TMP/mixout")" ||
	ok "nothing written for the broken input"
n=$(ls "$TMP/mixout" | wc -l)
[ "$n" -eq $((4 * $(echo $fmts | tr ',' ' ' | wc -w))) ] && ok "the other inputs are all written" || fail "others written" "$(ls "$TMP/mixout")"
no_tmp "$TMP/mixout" && ok "no partial or temporary file" || fail "temporary files" "$(ls -A "$TMP/mixout")"
[ ! -s "$TMP/out" ] && ok "nothing on stdout" || fail "batch stdout" "$(head -3 "$TMP/out")"
grep -q "$(printf '\r')" "$TMP/err" && fail "no progress bar when stderr is not a terminal" || ok "no progress bar when stderr is not a terminal"

# -v lists each file written
$WARTA -v -j 2 -d "$TMP/v" -t json "$TMP/mix" 2>"$TMP/err" >/dev/null
n=$(grep -c "^warta: $TMP/mix/[0-9].txt → $TMP/v/[0-9].json$" "$TMP/err")
[ "$n" = 4 ] && grep -q "2b-broken.txt: failed" "$TMP/err" && ok "-v lists each file (4 written, 1 failed)" ||
	fail "-v listing" "$(cat "$TMP/err")"

# the progress bar under a pseudo-terminal
if command -v script >/dev/null; then
	script -qec "$WARTA -j 2 -d '$TMP/tty' -t json '$IN'" /dev/null >"$TMP/tty.log" 2>&1; rc=$?
	[ $rc = 0 ] && ok "batch under a pseudo-terminal: exit 0" || fail "pty batch exit" "exit $rc: $(cat "$TMP/tty.log")"
	grep -q "\] $count/$count .*files/s .*left" "$TMP/tty.log" && ok "progress bar: done/total, rate, time left" ||
		fail "progress bar" "$(cat -v "$TMP/tty.log" | head -5)"
	grep -q "$(printf '\r')" "$TMP/tty.log" && ok "progress bar redraws its line" || fail "progress bar redraw"
	tr '\r' '\n' <"$TMP/tty.log" | sed 's/^\x1b\[K//' | grep -q "^warta: $count files: $count done, 0 failed, [0-9.]* s" &&
		ok "one-line summary at the end" ||
		fail "pty summary" "$(cat -v "$TMP/tty.log" | tail -3)"
	script -qec "$WARTA -q -j 2 -d '$TMP/ttyq' -t json '$IN'" /dev/null >"$TMP/ttyq.log" 2>&1
	[ ! -s "$TMP/ttyq.log" ] && ok "-q: no progress bar, no summary on a terminal" || fail "-q on a pty" "$(cat -v "$TMP/ttyq.log" | head -3)"
else
	skip "progress bar" "script(1) is not installed"
fi

# SIGINT mid-batch: a FIFO among the inputs holds -j 1 at a known place
mkdir -p "$TMP/int"
cp "$first" "$TMP/int/1.txt"
cp "$first" "$TMP/int/2.txt"
mkfifo "$TMP/int/3-fifo.txt"
cp "$first" "$TMP/int/4.txt"
$WARTA -j 1 -d "$TMP/intout" -t $fmts "$TMP/int/1.txt" "$TMP/int/2.txt" "$TMP/int/3-fifo.txt" "$TMP/int/4.txt" \
	>/dev/null 2>"$TMP/int.err" &
pid=$!
t=0
while [ ! -f "$TMP/intout/2.json" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
sleep 0.2
kill -INT $pid
wait $pid; rc=$?
[ $rc = 130 ] && ok "SIGINT: warta dies of the signal (status 130)" || fail "SIGINT status" "exit $rc: $(cat "$TMP/int.err")"
grep -q "interrupted" "$TMP/int.err" && ok "SIGINT: says it was interrupted" || fail "SIGINT message" "$(cat "$TMP/int.err")"
[ -f "$TMP/intout/1.json" ] && [ -f "$TMP/intout/2.json" ] && ok "SIGINT: finished outputs stay" || fail "finished outputs" "$(ls -A "$TMP/intout")"
ls "$TMP/intout" | grep -q -e '^3' -e '^4' && fail "SIGINT: nothing after the interruption" "$(ls -A "$TMP/intout")" ||
	ok "SIGINT: nothing written after the interruption"
no_tmp "$TMP/intout" && ok "SIGINT: no temporary file left" || fail "SIGINT temporary files" "$(ls -A "$TMP/intout")"

# SIGINT while outputs are being written (many inputs, two workers)
mkdir -p "$TMP/many"
for n in $(seq 1 40); do cp "$first" "$TMP/many/$n.txt"; done
fm=pdf
$WARTA -q -j 2 -d "$TMP/manyout" -t $fm "$TMP/many" 2>/dev/null &
pid=$!
t=0
while [ -z "$(ls "$TMP/manyout" 2>/dev/null | grep -v '^\.')" ] && [ $t -lt 200 ]; do sleep 0.05; t=$((t + 1)); done
kill -INT $pid 2>/dev/null
wait $pid; rc=$?
no_tmp "$TMP/manyout" && ok "SIGINT during writes (exit $rc): no temporary file left" || fail "SIGINT during writes" "$(ls -A "$TMP/manyout")"
bad=
for f in "$TMP"/manyout/*.$fm; do
	[ -f "$f" ] || continue
	case $fm in
	json) python3 -m json.tool "$f" >/dev/null 2>&1 || bad="$bad $f" ;;
	pdf) qpdf --check "$f" >/dev/null 2>&1 || bad="$bad $f" ;;
	esac
done
[ -z "$bad" ] && ok "SIGINT during writes: every output left is complete" || fail "incomplete outputs" "$bad"

# A worker process that dies (here: killed while a FIFO input holds it) takes
# only its input with it: that input fails with the reason, the others are
# written, the batch exits 1 and leaves no temporary file.
mkdir -p "$TMP/die"
cp "$first" "$TMP/die/1.txt"
mkfifo "$TMP/die/2-fifo.txt"
cp "$first" "$TMP/die/3.txt"
cp "$first" "$TMP/die/4.txt"
# (named one by one: a directory walk skips a FIFO)
$WARTA -j 2 -d "$TMP/dieout" -t pdf "$TMP/die/1.txt" "$TMP/die/2-fifo.txt" "$TMP/die/3.txt" "$TMP/die/4.txt" >/dev/null 2>"$TMP/die.err" &
pid=$!
t=0
while [ "$(ls "$TMP/dieout" 2>/dev/null | grep -c '\.pdf$')" -lt 3 ] && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
sleep 0.2
pkill -KILL -P $pid    # the worker left: the one waiting on the FIFO
wait $pid; rc=$?
[ $rc = 1 ] && ok "a worker killed mid-input: the batch exits 1" || fail "killed worker status" "exit $rc: $(cat "$TMP/die.err")"
grep -q "^warta: $TMP/die/2-fifo.txt: error: the worker converting it died of signal 9" "$TMP/die.err" &&
	ok "a worker killed mid-input: its input fails with the reason" || fail "killed worker message" "$(cat "$TMP/die.err")"
[ "$(ls "$TMP/dieout" | grep -c '\.pdf$')" = 3 ] && [ ! -e "$TMP/dieout/2-fifo.pdf" ] &&
	ok "a worker killed mid-input: the other inputs are written" || fail "killed worker outputs" "$(ls -A "$TMP/dieout")"
no_tmp "$TMP/dieout" && ok "a worker killed mid-input: no temporary file left" || fail "killed worker temporary files" "$(ls -A "$TMP/dieout")"

# A worker that crashes while writing (a library fault: SIGSEGV) removes the
# temporary file it was writing before it dies (an O_TMPFILE one goes with
# the process); its input fails with the reason.
mkdir -p "$TMP/crash"
for n in 1 2; do
	{ cat "$first"; for i in $(seq 60); do tail -n +2 "$first"; echo; done; } >"$TMP/crash/$n.txt"
done
(ulimit -c 0; exec $WARTA -j 2 -d "$TMP/crashout" -t pdf "$TMP/crash" >/dev/null 2>"$TMP/crash.err") &
pid=$!
t=0
# writing: a hidden temporary file, or (O_TMPFILE) a worker's descriptor
# of an unnamed file in the output directory
writing() {
	[ "$(find "$TMP/crashout" -name '.*' -type f 2>/dev/null | wc -l)" -ge 1 ] && return 0
	for w in $(ps -o pid= --ppid $pid 2>/dev/null); do
		ls -l /proc/$w/fd 2>/dev/null | grep -q "$TMP/crashout/" && return 0
	done
	return 1
}
while ! writing && [ $t -lt 300 ]; do sleep 0.02; t=$((t + 1)); done
pkill -SEGV -P $pid
wait $pid; rc=$?
[ $rc = 1 ] && grep -q "error: the worker converting it died of signal 11" "$TMP/crash.err" &&
	ok "a worker crashing mid-write: its input fails with the reason (exit 1)" ||
	fail "crashing worker" "exit $rc: $(cat "$TMP/crash.err")"
no_tmp "$TMP/crashout" && ok "a worker crashing mid-write: its temporary file is removed" ||
	fail "crashing worker temporary files" "$(ls -A "$TMP/crashout")"

# Standard input among the inputs of a -j 2 batch: the worker that takes it
# reads the batch's standard input (no worker closes it)
mkdir -p "$TMP/stdin"
cp "$first" "$TMP/stdin/a.txt"
$WARTA -q -j 2 -d "$TMP/stdinout" -t pdf - "$TMP/stdin/a.txt" <"$first" 2>"$TMP/stdin.err"; rc=$?
[ $rc = 0 ] && [ -s "$TMP/stdinout/stdin.pdf" ] && [ -s "$TMP/stdinout/a.pdf" ] &&
	ok "-j 2 with standard input among the inputs: both written" ||
	fail "-j 2 with standard input" "exit $rc: $(cat "$TMP/stdin.err"); $(ls -A "$TMP/stdinout" 2>&1)"
