#!/bin/sh
# scaling.sh — measures by hand how warta's time grows with pathological
# inputs (tests/hardening/pathological.py): each kind at N, 2N and 4N, in
# every format given (default json,epub).  Linear time shows as a ratio near
# 2 for each doubling.  Not part of `make check` (no timing in tests); the
# figures of a run are in tests/fuzz/RESULTS.md.
#   sh tests/hardening/scaling.sh [FORMATS] [KIND:N …]
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WARTA=${WARTA:-$ROOT/build/warta}
fmts=${1:-json,epub}
[ $# -gt 0 ] && shift
kinds=${*:-para:1000000 list:25000 olist:25000 table:10000 headings:5000 sections:5000 bq:25000 \
  quote:5000 brackets:25000 obrackets:50000 links:20000 emph:25000 emph2:20000 under:25000 \
  quotes:25000 squotes:25000 footnotes:5000 fnref:20000 backticks:25000 html:25000 refdefs:5000 \
  blank:200000 line:250000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
secs() {
	python3 "$ROOT/tests/hardening/pathological.py" "$1" "$2" >"$T/in.txt"
	s=$(date +%s.%N)
	"$WARTA" -q -t "$fmts" -d "$T/out" "$T/in.txt" 2>/dev/null
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }'
}
printf '%-10s %9s %8s %8s %8s %6s %6s\n' kind N "t(N)" "t(2N)" "t(4N)" "2N/N" "4N/2N"
for k in $kinds; do
	kind=${k%%:*} n=${k#*:}
	a=$(secs $kind $n) b=$(secs $kind $((n * 2))) c=$(secs $kind $((n * 4)))
	echo "$kind $n $a $b $c" | awk '{ printf "%-10s %9d %8.2f %8.2f %8.2f %6.1f %6.1f\n", $1, $2, $3, $4, $5,
	  ($3 > 0 ? $4 / $3 : 0), ($4 > 0 ? $5 / $4 : 0) }'
done
