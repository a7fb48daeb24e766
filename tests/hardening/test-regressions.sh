#!/bin/sh
# test-regressions.sh — every input that once crashed, hung or leaked in a
# fuzz target (tests/fuzz/regressions/, see tests/fuzz/RESULTS.md) goes
# through build/warta in every format this build writes, and through --repair:
# warta must end with 0 or 1 (never a signal, a sanitizer report or 2), and
# leave only complete outputs and no temporary file.  Under SAN=1 and
# VALGRIND=1 the same run is checked by ASan/UBSan and memcheck.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/lib.sh"
DIR="$ROOT/tests/fuzz/regressions"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi
FORMATS=$($WARTA --version | sed -n 's/^formats: *//p')
fmts=$(echo $FORMATS | tr ' ' '\n' | grep -E '^(json|epub|pdf|svg|png)$' | paste -sd, -)
n=0
for f in "$DIR"/*; do
	[ -f "$f" ] || continue
	case $f in */README) continue ;; esac
	name=$(basename "$f")
	for mode in plain repair; do
		rm -rf "$TMP/out"
		opt=
		[ $mode = repair ] && opt=--repair
		# the input under a .txt name (the findings have none)
		cp "$f" "$TMP/in.txt"
		$RUN $WARTA -q $opt -t "$fmts" -d "$TMP/out" "$TMP/in.txt" >/dev/null 2>"$TMP/err"
		rc=$?
		if [ $rc -gt 1 ] || grep -qE 'Sanitizer|runtime error|==[0-9]+==' "$TMP/err"; then
			fail "regression $name ($mode): exit $rc" "$(head -30 "$TMP/err")"
			continue
		fi
		left=$(find "$TMP/out" -name '.*' 2>/dev/null)
		bad=
		for o in "$TMP"/out/*; do
			[ -e "$o" ] || continue
			case $o in
			*.json) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$o" 2>/dev/null || bad="$bad $o" ;;
			*.epub) unzip -tqq "$o" >/dev/null 2>&1 || bad="$bad $o" ;;
			*.pdf) qpdf --check "$o" >/dev/null 2>&1 || bad="$bad $o" ;;
			esac
		done
		if [ -z "$left$bad" ]; then
			ok "regression $name ($mode): exit $rc, outputs complete"
		else
			fail "regression $name ($mode)" "temporary:$left incomplete:$bad"
		fi
	done
	n=$((n + 1))
done
[ $n -gt 0 ] || skip "fuzz regressions" "tests/fuzz/regressions/ holds no finding yet"
