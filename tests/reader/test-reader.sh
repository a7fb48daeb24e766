#!/bin/sh
# test-reader.sh — the article reader through `warta -t json`:
#  - every tests/reader/NAME.txt (inputs written for the purpose, hostile ones
#    too) against NAME.json (the tree; empty when the input must fail) and
#    NAME.err (the diagnostics with -v, then "exit: N"); NAME.args holds extra
#    options for that input;
#  - the sample article (tests/data/korea-utara.txt): its golden tree and the
#    facts of the issue (headline, date, language, dateline, sections, quotes);
#  - every corpus article ($CORPUS/*.txt): reads without error, has a headline,
#    and every word of its body is in the tree in order (dropped boilerplate
#    lines aside, which must be reported by -v notes); skipped without corpus.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/lib.sh"
DIR="$ROOT/tests/reader"

if [ ! -x "$WARTA" ]; then
	fail "warta is built" "no $WARTA"
	exit 0
fi

# run DIR NAME [ARGS…]: tree to $TMP/NAME.json, messages and status to $TMP/NAME.err
run() {
	d=$1 n=$2
	shift 2
	(cd "$d" && $RUN "$WARTA" -t json -v "$@" "$n.txt" >"$TMP/$n.json" 2>"$TMP/$n.raw")
	rc=$?
	grep -E '^warta: .*: (note|warning|error): ' "$TMP/$n.raw" >"$TMP/$n.err"
	echo "exit: $rc" >>"$TMP/$n.err"
}

for f in "$DIR"/*.txt; do
	n=$(basename "$f" .txt)
	args=
	[ -f "$DIR/$n.args" ] && args=$(cat "$DIR/$n.args")
	# shellcheck disable=SC2086
	run "$DIR" "$n" $args
	diff_golden "reader: $n tree" "$TMP/$n.json" "$DIR/$n.json"
	diff_golden "reader: $n messages" "$TMP/$n.err" "$DIR/$n.err"
done

# ---------------------------------------------------------------- the sample
run "$ROOT/tests/data" korea-utara
diff_golden "reader: sample tree" "$TMP/korea-utara.json" "$DIR/sample/korea-utara.json"
check "reader: sample facts" python3 - "$TMP/korea-utara.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
m = t["meta"]
assert m["title"] == "5 Negara Sahabat Korea Utara", m["title"]
assert m["date"] == "2024-10-25" and m["date_text"] == "Jumat, 25 Oktober 2024", m["date"]
assert m["lang"] == "id" and m["lang_origin"] == "detected", m["lang"]
assert m["dateline"] == "JAKARTA"
body = t["body"]["children"]
dl = body[0]["children"][0]
assert dl["type"] == "dateline" and dl["place"] == "JAKARTA", dl
heads = [(b["number"], b["children"][0]["text"], b["id"]) for b in body if b["type"] == "heading"]
assert heads == [("1", "Rusia", "sec-1"), ("2", "China", "sec-2")], heads
def walk(n):
    yield n
    for c in n.get("children", []):
        yield from walk(c)
quotes = [n for n in walk(t["body"]) if n["type"] == "quote"]
assert len(quotes) == 3, len(quotes)
assert all(q["open"] == "\u201c" and q["close"] == "\u201d" for q in quotes)
assert quotes[1]["children"][0]["text"].startswith("Saya sangat menekankan")
EOF

check "reader: sample has all its words" \
	python3 "$DIR/words.py" "$SAMPLE" "$TMP/korea-utara.json" "$TMP/korea-utara.raw"

# ---------------------------------------------------------------- the corpus
if ! have_corpus; then
	skip "reader: corpus articles" "no corpus at $CORPUS"
	exit 0
fi
for f in "$CORPUS"/*.txt; do
	n=$(basename "$f" .txt)
	(cd "$CORPUS" && "$WARTA" -t json -v "$n.txt" >"$TMP/c-$n.json" 2>"$TMP/c-$n.err")
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "reader: corpus $n reads" "$(head -5 "$TMP/c-$n.err")"
		continue
	fi
	check "reader: corpus $n has a headline and all its words" \
		python3 "$DIR/words.py" "$f" "$TMP/c-$n.json" "$TMP/c-$n.err"
done
