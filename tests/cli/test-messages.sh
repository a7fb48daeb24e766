#!/bin/sh
# test-messages.sh — the command line's messages, golden (tests/cli/messages.golden):
# unknown options name the nearest known one; option values are parsed
# strictly (a usage error, exit 2, names the option); options that do not
# apply to the formats asked for are warnings; lists (--files-from,
# --manifest) name their line; directory walks take regular article files
# only (any case of extension), the others reported with -v; --keep-tree.
. "$(dirname "$0")/../lib.sh"

W="$TMP/w"
mkdir -p "$W/in/2024" "$W/in/2025"
# a small article of our own: the walk's messages, not the reader's notes
printf ' date 2024-10-25 A short article\n\nIts only paragraph, for the directory walk.\n' >"$W/art.txt"
cp "$W/art.txt" "$W/in/2024/a.txt"
cp "$W/art.txt" "$W/in/2025/a.txt"
cp "$W/art.txt" "$W/in/UPPER.TXT"
echo "not an article" >"$W/in/notes.doc"
fifo=
if mkfifo "$W/in/pipe.txt" 2>/dev/null; then fifo=1; fi
printf 'a.txt\0b.txt\n' >"$W/nul.list"
printf '[World]\n%s\nnope.txt\n' "$SAMPLE" >"$W/bad.manifest"
printf '[style]\nname = x\n' >"$W/ok.style"

# run ARGS…: appends "$ warta ARGS", its stderr and its exit status to the
# transcript, with the temporary directory and the tree written as $W, $ROOT
G="$TMP/messages.out"
: >"$G"
run() {
	printf '$ warta %s\n' "$*" | sed -e "s|$W|\$W|g" -e "s|$ROOT|\$ROOT|g" >>"$G"
	( cd "$W" && timeout 60 $RUN "$WARTA" "$@" >/dev/null 2>"$TMP/err" ); rc=$?
	sed -e "s|$W|\$W|g" -e "s|$ROOT|\$ROOT|g" -e 's/, [0-9.]* s$/, N s/' "$TMP/err" >>"$G"
	echo "[exit $rc]" >>"$G"
}

# unknown options: the nearest one
run --ouput x.pdf "$SAMPLE"
run --out x.pdf "$SAMPLE"
run --embed-font -o x.epub "$SAMPLE"
run --edition-title X -o x.epub "$SAMPLE"
run --frobnicate "$SAMPLE"
run -x "$SAMPLE"
# strict values
run --max-size -1 -t json "$SAMPLE"
run --max-size ' 1M' -t json "$SAMPLE"
run --max-size 1M -t json "$SAMPLE"
run --dpi nan -o x.png "$SAMPLE"
run --dpi 0 -o x.png "$SAMPLE"
run --dpi 1e2 -o x.png "$SAMPLE"
run --dpi ' 72' -o x.png "$SAMPLE"
run -d '' "$SAMPLE"
run -o '' "$SAMPLE"
run -j 0 -t json "$SAMPLE"
run -j 2x -t json "$SAMPLE"
run --report=xml -o x.pdf "$SAMPLE"
# -t: no empty name in the list; names in lower case, as every keyword value
# (a file's extension in -o may be in any case)
run -t pdf,,epub -d out "$SAMPLE"
run -t ,json "$SAMPLE"
run -t json, "$SAMPLE"
run -t 'json, ' "$SAMPLE"
run -t PDF -o tpdf.pdf "$SAMPLE"
run -t Json "$SAMPLE"
run -t pfd "$SAMPLE"
run -t docx "$SAMPLE"
run -t 'json, pdf' -d spaced "$SAMPLE"
run -o upper.PDF "$SAMPLE"
run --keep-tree -t json "$SAMPLE"
run -0 -t json "$SAMPLE"
# options that do not apply: warnings, the output is written
run --dpi 72 -o d.pdf "$SAMPLE"
run --report -o r.epub "$SAMPLE"
run --report -t json "$SAMPLE"
run --embed-fonts -o e.pdf "$SAMPLE"
run --pages 1 -t json "$SAMPLE"
run --pages 1 -o p1.pdf "$SAMPLE"
run --pages 9 -o p9.pdf "$SAMPLE"
run --pages 9 -o p9.png "$SAMPLE"
run -t pdf -o k.docx "$SAMPLE"
run --edition-publisher Daily -t json "$SAMPLE"
# lists name their line
run --files-from nolist.txt -d out -t json
run --files-from nul.list -d out -t json
run --edition X --manifest bad.manifest -o e.json
# styles: regular files under a size limit
run -s /dev/zero -t json "$SAMPLE"
run -s "$W" -t json "$SAMPLE"
# no data directory (warta not installed where it looks): where it looked
( export WARTA_DATADIR="$W/nodata" XDG_DATA_HOME="$W/xdg"; run -o x.pdf "$SAMPLE" )
# metadata: unknown keys, bad values, bad files
printf 'title: From the file\nauthor: Ana Putri\nsection: World\nkeywords: [korea, asia]\n' >"$W/meta.yaml"
printf 'title: [x]\n' >"$W/list.yaml"
printf 'title: x\n  bad: : y\n' >"$W/broken.yaml"
printf -- '- a\n- b\n' >"$W/seq.yaml"
run -M titel=X -t json "$SAMPLE"
run -M date=2024-13-01 -t json "$SAMPLE"
run -M noequals -t json "$SAMPLE"
run -M priority=0 -t json "$SAMPLE"
run -M prioriti=1 -t json "$SAMPLE"
run -M lang=id -l en -t json "$SAMPLE"
run --metadata-file list.yaml -t json "$SAMPLE"
run --metadata-file broken.yaml -t json "$SAMPLE"
run --metadata-file seq.yaml -t json "$SAMPLE"
run --metadata-file /dev/null -t json "$SAMPLE"
run --metadata-file nofile.yaml -t json "$SAMPLE"
# directories: regular article files, any case; -v names the others
run -v -j 1 -d out -t json in
run -q --keep-tree -d tree -t json in
diff_golden "messages: golden transcript" "$G" "$ROOT/tests/cli/messages.golden"

[ "$(head -c 5 "$W/upper.PDF")" = "%PDF-" ] && ok "-o upper.PDF: an extension in any case names the format" ||
	fail "-o upper.PDF"
[ -f "$W/spaced/korea-utara.json" ] && [ -f "$W/spaced/korea-utara.pdf" ] &&
	ok "-t 'json, pdf': spaces around the names are allowed" || fail "-t 'json, pdf'" "$(ls "$W/spaced")"
[ ! -e "$W/tpdf.pdf" ] && ok "-t PDF: a usage error, nothing written" || fail "-t PDF wrote tpdf.pdf"
[ -f "$W/k.docx" ] && [ "$(head -c 5 "$W/k.docx")" = "%PDF-" ] &&
	ok "-t pdf -o k.docx warns and writes the PDF asked for" || fail "-t pdf -o k.docx"
[ -f "$W/tree/2024/a.json" ] && [ -f "$W/tree/2025/a.json" ] && [ -f "$W/tree/UPPER.json" ] &&
	ok "--keep-tree mirrors the input tree under -d (2024/a, 2025/a, UPPER.TXT)" ||
	fail "--keep-tree" "$(cd "$W" && find tree)"
[ -f "$W/out/UPPER.json" ] && ok "an upper-case .TXT is an article" || fail ".TXT taken" "$(ls "$W/out")"
if [ -n "$fifo" ]; then
	# a FIFO given explicitly is read (with the size limit): a writer feeds it
	( cat "$SAMPLE" >"$W/in/pipe.txt" ) &
	timeout 30 "$WARTA" -t json "$W/in/pipe.txt" >"$TMP/fifo.json" 2>"$TMP/err"; rc=$?
	wait
	[ $rc = 0 ] && grep -q '"title": "5 Negara' "$TMP/fifo.json" &&
		ok "a FIFO given explicitly is read" || fail "FIFO read" "exit $rc: $(cat "$TMP/err")"
	( head -c 300000 /dev/zero | tr '\0' a >"$W/in/pipe.txt" ) 2>/dev/null &
	timeout 30 "$WARTA" --max-size 100k -t json "$W/in/pipe.txt" >/dev/null 2>"$TMP/err"; rc=$?
	kill $! 2>/dev/null; wait 2>/dev/null
	[ $rc = 1 ] && grep -q "limit" "$TMP/err" && ok "a FIFO is read with the --max-size limit" ||
		fail "FIFO size limit" "exit $rc: $(cat "$TMP/err")"
else
	skip "FIFO inputs" "mkfifo failed"
fi
# -M over --metadata-file over the article; meta.origin says where each came from
"$WARTA" -t json --metadata-file "$W/meta.yaml" -M title=Override -M date=2024-01-02 "$SAMPLE" >"$TMP/m.json" 2>"$TMP/err"
got=$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["meta"]
print(m["title"], m["title_pos"], m["author"], m["section"], ",".join(m["keywords"]), m["date"], m["date_text"])
print(" ".join("%s=%s" % kv for kv in m["origin"].items()))' "$TMP/m.json" 2>&1)
[ "$got" = "Override None Ana Putri World korea,asia 2024-01-02 Selasa, 2 Januari 2024
title=option author=metadata-file date=option section=metadata-file dateline=input keywords=metadata-file lang=input" ] &&
	ok "-M overrides --metadata-file, which overrides the article; meta.origin says where each value came from" ||
	fail "-M / --metadata-file" "$got $(cat "$TMP/err")"
"$WARTA" -t json "$SAMPLE" | grep -q '"origin"' && fail "meta.origin without -M" ||
	ok "no meta.origin without -M or --metadata-file (the goldens stay as they are)"
"$WARTA" -t json -M lang=en "$SAMPLE" | python3 -c 'import json,sys; m=json.load(sys.stdin)["meta"]; assert m["lang"]=="en" and m["lang_origin"]=="option" and m["origin"]["lang"]=="option", m' 2>"$TMP/err" &&
	ok "-M lang=en is read as -l en (quotes, hyphenation follow it)" || fail "-M lang" "$(cat "$TMP/err")"
# priority (a newspaper edition's placing) from -M and the metadata file
printf 'priority: 3\n' >"$W/prio.yaml"
"$WARTA" -t json --metadata-file "$W/prio.yaml" "$SAMPLE" 2>"$TMP/err" | python3 -c 'import json,sys; m=json.load(sys.stdin)["meta"]; assert m["priority"]==3 and m["origin"]["priority"]=="metadata-file", m' 2>>"$TMP/err" &&
"$WARTA" -t json --metadata-file "$W/prio.yaml" -M priority=1 "$SAMPLE" 2>"$TMP/err" | python3 -c 'import json,sys; m=json.load(sys.stdin)["meta"]; assert m["priority"]==1 and m["origin"]["priority"]=="option", m' 2>>"$TMP/err" &&
	ok "priority from --metadata-file, -M over it; meta.origin says which" || fail "priority" "$(cat "$TMP/err")"
# -0: names that end with NUL bytes, as find -print0 writes them
cp "$SAMPLE" "$W/sp ace.txt"
printf '%s\0%s\0' "$W/sp ace.txt" "$W/in/UPPER.TXT" >"$W/z.list"
"$WARTA" -q -0 --files-from "$W/z.list" -d "$W/z" -t json 2>"$TMP/err" &&
	[ -f "$W/z/sp ace.json" ] && [ -f "$W/z/UPPER.json" ] &&
	ok "-0 --files-from reads NUL-terminated names" || fail "-0" "$(cat "$TMP/err"; ls "$W/z")"
