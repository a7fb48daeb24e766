# lib.sh — sourced by tests/*/test-*.sh: TAP-style reporting and shared paths.
# ok NAME / fail NAME [DETAIL] / skip NAME REASON / check NAME CMD… (ok when CMD succeeds)
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-build}
WARTA="$ROOT/$BUILD/warta"
case $BUILD in /*) WARTA="$BUILD/warta" ;; esac
RUN=
# under VALGRIND=1: errors and definite leaks fail the run (status 99) and go
# to $VG_LOGS/vg.PID when make valgrind names it (tests/run.sh checks them)
[ -n "$VALGRIND" ] && RUN="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=$ROOT/tests/valgrind.supp${VG_LOGS:+ --log-file=$VG_LOGS/vg.%p}"
SHARED="$ROOT/../shared"
CORPUS="$SHARED/corpus/articles"
SAMPLE="$ROOT/tests/data/korea-utara.txt"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8 TZ=${TZ:-UTC}

ok()   { echo "ok - $1"; }
fail() { echo "not ok - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/#   /' | head -40; return 0; }
skip() { echo "ok - $1 # SKIP $2"; }
check() { name=$1; shift; if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi; }
have_corpus() { [ -d "$CORPUS" ]; }
# trace_pdf TRACE PDF WARTA-ARGS…: the layout trace (-t trace, doc/trace.md) of
# an input, then its PDF; warta's messages of the PDF run on stderr (those of
# the trace run in TRACE.err).  Fails when either fails.
trace_pdf() {
	_t=$1 _p=$2; shift 2
	$RUN "$WARTA" -o "$_t" "$@" 2>"$_t.err" && $RUN "$WARTA" -o "$_p" "$@"
}
# diff_golden NAME ACTUAL GOLDEN: compare, or rewrite the golden with REGEN=1.
diff_golden() {
	if [ -n "$REGEN" ]; then cp "$2" "$3"; ok "$1 (regenerated)"; return; fi
	if [ ! -f "$3" ]; then fail "$1" "missing golden $3"; return; fi
	if d=$(diff -u "$3" "$2"); then ok "$1"; else fail "$1" "$d"; fi
}
# unprivileged: sets AS to the command prefix that runs warta as user nobody
# when the tests run as root (root writes into any directory, so a read-only
# directory can only be tested without it).  Returns 1, with the reason in
# AS_WHY, when that cannot be done: no setpriv, or nobody cannot run warta
# from this tree (a checkout under a directory only root may enter).
unprivileged() {
	AS= AS_WHY=
	[ "$(id -u)" = 0 ] || return 0
	if ! command -v setpriv >/dev/null ||
	   ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		AS_WHY="root, and no setpriv to drop privileges"
		return 1
	fi
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	if ! $AS "$WARTA" --list-styles 2>/dev/null | grep -q a4; then
		AS= AS_WHY="root, and user nobody cannot run $WARTA from this tree"
		return 1
	fi
}
