#!/bin/sh
# test-report.sh — --report and --report=json (README, "The typesetting
# report"): the text line, the JSON object parsed, its figures against the
# PDF (pdfinfo), and against ../shared/tools/pdf-spacing.py on the sample in
# the column style: every count within one line (skipped without ../shared).
. "$(dirname "$0")/../lib.sh"

# the text line
if $RUN "$WARTA" -s column "$SAMPLE" -o "$TMP/c.pdf" --report 2>"$TMP/text.err"; then
	if grep -q "^warta: $TMP/c.pdf: 1 page, [0-9]* lines, [0-9]* justified (mean word gap 0\.[0-9][0-9] em, largest [0-9.]*): [0-9]* loose, [0-9]* tight, [0-9]* hyphenated (longest run [0-9]*), [0-9]* overfull, [0-9]* widows, [0-9]* orphans$" "$TMP/text.err"; then
		ok "--report: one line of text"
	else fail "--report: one line of text" "$(cat "$TMP/text.err")"; fi
else fail "--report runs" "$(cat "$TMP/text.err")"; fi

# the JSON object: every key, of its type, the figures consistent with each
# other and with the PDF
$RUN "$WARTA" -s column "$SAMPLE" -o "$TMP/j.pdf" --report=json 2>"$TMP/json.err"
pages=$(pdfinfo "$TMP/c.pdf" | sed -n 's/^Pages: *//p')
if out=$(python3 - "$TMP/json.err" "$TMP/j.pdf" "$pages" "$TMP/text.err" <<'PY' 2>&1
import json, re, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
r = json.loads(lines[0])
keys = ["output", "pages", "pages_written", "lines", "justified", "mean_gap_em", "max_gap_em",
        "loose", "tight", "hyphenated", "longest_hyphen_run", "overfull", "widows", "orphans",
        "kashidas", "off_grid"]
assert list(r) == keys, list(r)
assert r["output"] == sys.argv[2], r["output"]
assert r["pages"] == r["pages_written"] == int(sys.argv[3]), r
for k in keys[3:-1]:
    assert isinstance(r[k], (int, float)) and r[k] >= 0, k
assert r["off_grid"] is None
assert r["justified"] <= r["lines"] and r["loose"] + r["tight"] <= r["justified"], r
assert 0.15 < r["mean_gap_em"] <= r["max_gap_em"] < 1.5, r
assert r["longest_hyphen_run"] <= r["hyphenated"], r
# the same figures as the text line
t = open(sys.argv[4]).read()
nums = [float(x) for x in re.findall(r"[0-9]+(?:\.[0-9]+)?", t.split("c.pdf: ", 1)[1])]
want = [r["pages"], r["lines"], r["justified"], round(r["mean_gap_em"], 2), round(r["max_gap_em"], 2),
        r["loose"], r["tight"], r["hyphenated"], r["longest_hyphen_run"], r["overfull"], r["widows"], r["orphans"]]
assert nums == want, (nums, want)
PY
); then ok "--report=json: one JSON object, every key, the text line's figures, pdfinfo's pages"
else fail "--report=json" "$out"; fi
cmp -s "$TMP/c.pdf" "$TMP/j.pdf" && ok "--report=json changes nothing in the PDF" || fail "--report=json changed the PDF"

# a file name that needs escaping, and one object per output of a batch
cp "$SAMPLE" "$TMP/a \"q\".txt"
cp "$SAMPLE" "$TMP/b.txt"
$RUN "$WARTA" -q -j 1 --report=json -d "$TMP/out" -t pdf,svg "$TMP/a \"q\".txt" "$TMP/b.txt" 2>"$TMP/batch.err" >/dev/null
if out=$(python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
outs = sorted(o["output"].rsplit("/", 1)[1] for o in objs)
assert [o for o in outs if o.endswith(".pdf")] == ["a \"q\".pdf", "b.pdf"], outs
assert len(outs) >= 4 and all(o.endswith((".pdf", ".svg")) for o in outs), outs
' "$TMP/batch.err" 2>&1); then ok "--report=json in a batch: an object per output, names escaped"
else fail "--report=json in a batch" "$out$(cat "$TMP/batch.err")"; fi

# --report=xml is a usage error; --report takes no other value
"$WARTA" --report=xml -o "$TMP/x.pdf" "$SAMPLE" 2>/dev/null; rc=$?
[ $rc = 2 ] && [ ! -e "$TMP/x.pdf" ] && ok "--report=xml: usage error, nothing written" || fail "--report=xml" "exit $rc"

# the shared spacing tool on the same PDF: every count within one line
if [ -f "$SHARED/tools/pdf-spacing.py" ]; then
	tool=$(python3 "$SHARED/tools/pdf-spacing.py" "$TMP/c.pdf" 2>&1 | tail -1)
	if out=$(python3 - "$TMP/json.err" "$tool" <<'PY' 2>&1
import json, sys
r = json.loads(open(sys.argv[1]).read())
t = dict(kv.split("=") for kv in sys.argv[2].split())
n = int(t["lines"])
pct = lambda k: round(float(t[k].rstrip("%")) * n / 100)
pairs = [("lines", n, r["justified"]), ("loose", pct("loose"), r["loose"]),
         ("tight", pct("tight"), r["tight"]), ("hyphenated", int(t["hyphenated"]), r["hyphenated"]),
         ("longest run", int(t["max_hyphen_run"]), r["longest_hyphen_run"])]
bad = [p for p in pairs if abs(p[1] - p[2]) > 1]
assert not bad, bad
assert abs(float(t["max_gap_em"]) - r["max_gap_em"]) <= 0.01, (t["max_gap_em"], r["max_gap_em"])
print(", ".join("%s %d/%d" % p for p in pairs))
PY
); then ok "--report agrees with pdf-spacing.py within one line (tool/warta: $out)"
	else fail "--report agrees with pdf-spacing.py within one line" "$tool
$out"; fi
else
	skip "--report against pdf-spacing.py" "no $SHARED/tools/pdf-spacing.py"
fi
