#!/bin/sh
# test-parallel.sh — the GNU parallel recipes of README and warta(1): one job
# per input gives the same bytes as a batch; a failed job is counted in
# parallel's exit status; messages go to stderr only; the --sshlogin recipe
# (--transferfile/--return/--cleanup, -d out) run on this machine (":").
. "$(dirname "$0")/../lib.sh"

if ! command -v parallel >/dev/null; then
	skip "GNU parallel" "parallel is not installed (make deps)"
	exit 0
fi
f=pdf

mkdir -p "$TMP/w/corpus"
if have_corpus; then
	for a in $(ls "$CORPUS"/*.txt | head -6); do cp "$a" "$TMP/w/corpus/"; done
else
	for n in 1 2 3; do cp "$SAMPLE" "$TMP/w/corpus/$n-$(basename "$SAMPLE")"; done
fi
cd "$TMP/w" || exit 1
n=$(ls corpus | wc -l)

# parallel warta {} -o out/{/.}.pdf ::: corpus/*.txt
mkdir -p out
parallel --will-cite -j 2 $WARTA -q {} -o out/{/.}.$f ::: corpus/*.txt >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 0 ] && [ "$(ls out | wc -l)" = "$n" ] && ok "parallel recipe: $n jobs, one $f each" || fail "parallel recipe" "exit $rc: $(cat "$TMP/err")"
$WARTA -q -j 1 -d batch -t $f corpus 2>/dev/null
if d=$(diff -r out batch); then ok "parallel outputs equal the batch byte for byte"; else fail "parallel vs batch" "$d"; fi
[ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] && ok "parallel recipe: nothing on stdout or stderr with -q" ||
	fail "parallel output" "$(cat "$TMP/out" "$TMP/err")"

# a broken input: parallel's exit status counts the failed job, the others are written
printf '# Broken\n\n\377\n' >corpus/0-broken.txt
rm -rf out && mkdir out
parallel --will-cite -j 2 $WARTA -q {} -o out/{/.}.$f ::: corpus/*.txt >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 1 ] && ok "parallel: one failed job, exit status 1" || fail "parallel failed job" "exit $rc"
grep -q "^warta: corpus/0-broken.txt:3:1: error: " "$TMP/err" && ok "parallel: the failure's message on stderr" ||
	fail "parallel stderr" "$(cat "$TMP/err")"
[ "$(ls -A out | wc -l)" = "$n" ] && ! ls out | grep -q broken && ok "parallel: the others written, nothing for the broken one" ||
	fail "parallel outputs with a failure" "$(ls -A out)"
rm corpus/0-broken.txt

# the many-hosts recipe, with this machine as the only host
rm -rf out
parallel --will-cite -S : --transferfile {} --return out/{/.}.$f --cleanup \
	$WARTA -q -d out -t $f {} ::: corpus/*.txt >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 0 ] && [ "$(ls out | wc -l)" = "$n" ] && ok "--sshlogin recipe (local host): -d out makes the directory, every output back" ||
	fail "--sshlogin recipe" "exit $rc: $(cat "$TMP/err")"
if d=$(diff -r out batch); then ok "--sshlogin recipe outputs equal the batch"; else fail "--sshlogin recipe vs batch" "$d"; fi
[ "$(ls corpus | wc -l)" = "$n" ] && ok "--cleanup leaves the local inputs alone" || fail "inputs removed"
