# same_j.sh — sourced by the suites that compare one thread with two
# (test-threads.sh, test-article-threads.sh): same NAME ARGS… runs warta
# with -j 1 and -j 2 and checks the same output, messages, report and exit
# status.
same() {
	name=$1; shift
	for j in 1 2; do
		$RUN "$WARTA" -j $j --report "$@" -o "$TMP/j$j.pdf" >"$TMP/j$j.out" 2>"$TMP/j$j.err"
		echo $? >>"$TMP/j$j.out"
		sed -i "s|$TMP/j$j|OUT|g" "$TMP/j$j.out" "$TMP/j$j.err"
	done
	if ! [ -s "$TMP/j1.pdf" ]; then
		fail "$name" "no output: $(cat "$TMP/j1.err")"
	elif ! cmp "$TMP/j1.pdf" "$TMP/j2.pdf" >/dev/null; then
		fail "$name" "-j 1 and -j 2 outputs differ: $(cmp "$TMP/j1.pdf" "$TMP/j2.pdf" 2>&1)"
	elif ! d=$(diff "$TMP/j1.err" "$TMP/j2.err"); then
		fail "$name" "messages differ: $d"
	elif ! d=$(diff "$TMP/j1.out" "$TMP/j2.out"); then
		fail "$name" "reports differ: $d"
	else
		ok "$name"
	fi
}
