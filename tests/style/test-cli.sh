#!/bin/sh
# test-cli.sh — styles through the command line: --list-styles (golden), the
# data directory from WARTA_DATADIR, a user's style dir taking precedence, and
# the golden diagnostics of the bad styles in tests/style/ as warta prints them
# (once a back end that loads a style is in the build).
. "$(dirname "$0")/../lib.sh"
G="$ROOT/tests/style"
export XDG_DATA_HOME="$TMP/xdg"

$RUN "$WARTA" --list-styles >"$TMP/list" 2>"$TMP/list.err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$TMP/list.err" ]; then ok "--list-styles exits 0, quietly"
else fail "--list-styles exits 0, quietly" "rc=$rc $(cat "$TMP/list.err")"; fi
diff_golden "--list-styles lists the shipped styles" "$TMP/list" "$G/list-styles.out"

# A user's style directory comes first: its a4 replaces the shipped one.
mkdir -p "$XDG_DATA_HOME/warta/styles"
printf '[style]\ndescription = My own A4\ninherits = %s\n' "$ROOT/styles/a4.style" \
	>"$XDG_DATA_HOME/warta/styles/a4.style"
printf '[style]\ndescription = House style\ninherits = a4\n[body]\nsize = 11pt\n' \
	>"$XDG_DATA_HOME/warta/styles/house.style"
$RUN "$WARTA" --list-styles >"$TMP/list2" 2>&1
if grep -q '^a4  *My own A4$' "$TMP/list2" && grep -q '^house  *House style$' "$TMP/list2" &&
   [ "$(grep -c '^a4 ' "$TMP/list2")" = 1 ]; then ok "a user's styles come first"
else fail "a user's styles come first" "$(cat "$TMP/list2")"; fi

# WARTA_DATADIR moves the data directory.
mkdir -p "$TMP/data/styles"
printf '[style]\ndescription = Only one\n' >"$TMP/data/styles/solo.style"
out=$(WARTA_DATADIR="$TMP/data" XDG_DATA_HOME="$TMP/none" $RUN "$WARTA" --list-styles 2>&1)
if [ "$out" = "solo             Only one" ]; then ok "WARTA_DATADIR holds the styles"
else fail "WARTA_DATADIR holds the styles" "$out"; fi

# A broken style in the list is reported with its position; the rest is listed.
printf '[style]\ndescription = Broken\n[body]\nsize = big\n' >"$XDG_DATA_HOME/warta/styles/broken.style"
$RUN "$WARTA" --list-styles >"$TMP/list3" 2>"$TMP/list3.err"
rc=$?
if [ $rc -ne 0 ] && grep -q "broken.style:4:8: error: \[body\] size: 'big' is not a length" "$TMP/list3.err" &&
   grep -q '^column ' "$TMP/list3"; then ok "a broken style is an error with FILE:LINE:COL"
else fail "a broken style is an error with FILE:LINE:COL" "rc=$rc $(cat "$TMP/list3.err")"; fi
rm -rf "$XDG_DATA_HOME/warta"

# Bad styles as warta prints them (needs a format that loads the style).
cd "$ROOT" || exit 1
$RUN "$WARTA" -s tests/style/bad-keys.style -t json -o "$TMP/x.json" "$SAMPLE" >"$TMP/o" 2>&1
if grep -q 'not available yet' "$TMP/o"; then
	skip "bad styles through warta" "no back end in this build yet"
else
	for s in tests/style/*.style; do
		$RUN "$WARTA" -s "$s" -t json -o "$TMP/x.json" "$SAMPLE" >"$TMP/o" 2>&1
		rc=$?
		grep '^warta: tests/style/' "$TMP/o" >"$TMP/got"
		# 99: valgrind found an error
		if [ $rc -eq 0 ] || [ $rc -eq 99 ]; then fail "warta -s $s fails cleanly" "rc=$rc $(cat "$TMP/o")"; continue; fi
		diff_golden "warta -s $s prints the golden diagnostics" "$TMP/got" "${s%.style}.err"
	done
fi

# An unknown style name lists the styles there are.
out=$($RUN "$WARTA" -s nosuch -t json -o "$TMP/y.json" "$SAMPLE" 2>&1)
rc=$?
if grep -q 'not available yet' <<EOT
$out
EOT
then skip "unknown style name through warta" "no back end in this build yet"
elif [ $rc -ne 0 ] && [ $rc -ne 99 ] && [ "$out" = "warta: error: no style named 'nosuch' (styles: a4, column, ereader, letter, newspaper)" ] &&
     [ ! -e "$TMP/y.json" ]; then ok "unknown style name through warta lists the styles, writes nothing"
else fail "unknown style name through warta lists the styles, writes nothing" "rc=$rc $out"; fi

# The style's fonts are checked where they are used (EPUB here; PDF/PNG/SVG
# too): a family outside warta's font set is an error at its line, exit 2,
# nothing written; JSON does not use fonts and goes through.
printf '[style]\ninherits = a4\n\n[body]\nfamily = Comic Sans MS\n' >"$TMP/nofont.style"
out=$($RUN "$WARTA" -s "$TMP/nofont.style" -o "$TMP/nf.epub" "$SAMPLE" 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$TMP/nf.epub" ] &&
   [ "$out" = "warta: $TMP/nofont.style:5:10: error: [body] family: 'Comic Sans MS' is not in warta's font set (fonts/fonts.list)" ]
then ok "a family outside the font set is an error at its line, nothing written"
else fail "a family outside the font set is an error at its line, nothing written" "rc=$rc $out"; fi
if $RUN "$WARTA" -q -s "$TMP/nofont.style" -o "$TMP/nf.json" "$SAMPLE" && [ -s "$TMP/nf.json" ]; then
	ok "JSON does not check the style's fonts"
else
	fail "JSON does not check the style's fonts"
fi

# --list-style-keys: every key of the table, with its default; the plain
# form of doc/styles.md (test_style checks that file against the table)
out=$($RUN "$WARTA" --list-style-keys)
rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q '^\[page\] columns = integer, 1 to 8$' &&
   printf '%s\n' "$out" | grep -q 'default: Charis SIL$' &&
   [ "$(printf '%s\n' "$out" | grep -c '^\[')" -ge 50 ]; then
	ok "--list-style-keys lists every key with its type and default"
else fail "--list-style-keys lists every key with its type and default" "rc=$rc $(printf '%s\n' "$out" | head -5)"; fi
