#!/bin/sh
# run.sh — runs every test of warta and prints one closing line:
# "N passed, N failed, N skipped".  Unit programs ($BUILD/tests/test_*) and
# suite scripts (tests/*/test-*.sh) print TAP-style lines: "ok - …",
# "not ok - …", "ok - … # SKIP reason".  REGEN=1 asks suites to rewrite goldens;
# VALGRIND=1 runs the programs under valgrind (lib.sh's $RUN prefix).
# SAN_LOGS (make check SAN=1) and VG_LOGS (make valgrind) name directories
# where the sanitizers and valgrind write their reports, one file a process;
# any report there is a failure, whatever the test that ran the process saw.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
export ROOT BUILD
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1729814400}
cd "$ROOT" || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for d in "$SAN_LOGS" "$VG_LOGS"; do
	# world-writable (sticky): a run that drops to nobody (test-badinput) logs too
	[ -n "$d" ] && rm -rf "$d" && mkdir -p "$d" && chmod 1777 "$d"
done

run_one() {
	name=$1; shift
	printf '# %s\n' "$name"
	"$@" >"$log.out" 2>&1
	rc=$?
	cat "$log.out"
	cat "$log.out" >>"$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log.out"; then
		echo "not ok - $name exited with status $rc" | tee -a "$log"
	fi
	rm -f "$log.out"
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	if [ -n "$VALGRIND" ]; then
		run_one "$t" valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite --show-leak-kinds=definite \
			--suppressions="$ROOT/tests/valgrind.supp" ${VG_LOGS:+--log-file="$VG_LOGS/vg.%p"} "$t"
	else
		run_one "$t" "$t"
	fi
done
for s in tests/*/test-*.sh; do
	[ -f "$s" ] || continue
	run_one "$s" sh "$s"
done

# reports left by the sanitizers or valgrind (empty files: clean processes)
for d in "$SAN_LOGS" "$VG_LOGS"; do
	[ -n "$d" ] && [ -d "$d" ] || continue
	find "$d" -type f -empty -delete
	n=$(find "$d" -type f | wc -l | tr -d ' ')
	if [ "$n" -gt 0 ]; then
		echo "not ok - $n report(s) in $d" | tee -a "$log"
		for f in $(find "$d" -type f | head -5); do
			echo "# $f:"
			grep -E 'ERROR|runtime error|lost in|Invalid|uninitialised|SUMMARY|^==[0-9]+== +(at|by) ' "$f" | head -15 | sed 's/^/#   /'
		done
	else
		echo "ok - no sanitizer or valgrind report in $d" | tee -a "$log"
	fi
done

passed=$(grep -c '^ok' "$log" | tr -d ' ')
skipped=$(grep -c '^ok.*# SKIP' "$log" | tr -d ' ')
failed=$(grep -c '^not ok' "$log" | tr -d ' ')
passed=$((passed - skipped))
echo
if [ "$failed" -gt 0 ]; then
	echo "Failed:"
	grep '^not ok' "$log"
	status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
