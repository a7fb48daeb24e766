#!/bin/sh
# bench.sh — `make bench`: prints warta's speed and memory figures next to the
# targets of issue 7, PASS or MISS (informational: the exit status is 0 unless
# something fails to run).  Whole processes are timed by build/bench/runner
# (fork/exec, wait4: wall time, ru_maxrss), the stages inside one process by
# build/bench/stages (libwarta.a and its stage clocks, util/clock.h), the
# floor of Pango + Cairo alone by build/bench/floor (lines shaped once, drawn),
# the EPUB cover's PNG at libdeflate's levels by build/bench/covers.
# BENCH_RUNS=N changes the number of runs of the short cases (default 21),
# BENCH_BATCH_RUNS=N those of the 1,000-file batch (default 1);
# BENCH_QUICK=1 makes every case shorter (a smoke run); BENCH_TYPST=0 skips
# typst (issue 19's big document, which installs it with npm under
# ~/.cache/warta-bench).
# On a shared machine wall times are noisy: medians, and judge changes by
# instruction counts (valgrind --tool=callgrind, see tests/bench/RESULTS.md).
set -e
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
WARTA="$BUILD/warta"
RUNNER="$BUILD/bench/runner"
STAGES="$BUILD/bench/stages"
FLOOR="$BUILD/bench/floor"
COVERS="$BUILD/bench/covers"
SAMPLE="$ROOT/tests/data/korea-utara.txt"
CORPUS="$ROOT/../shared/corpus/articles"
[ -d "$CORPUS" ] || CORPUS="$ROOT/tests/data"
RUNS=${BENCH_RUNS:-21}
LONG_RUNS=3
BATCH_RUNS=${BENCH_BATCH_RUNS:-1}
BATCH=1000
PAGES_SCALE="50 500 5000"
if [ -n "$BENCH_QUICK" ]; then
	RUNS=5 LONG_RUNS=1 BATCH=100 PAGES_SCALE="50 500"
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/warta-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=0
export WARTA_DATADIR="${WARTA_DATADIR:-$ROOT}"    # this tree's styles and font list, wherever BUILD is

for b in "$WARTA" "$RUNNER" "$STAGES" "$FLOOR" "$COVERS"; do
	[ -x "$b" ] || { echo "bench: $b is not built (make bench builds it)" >&2; exit 1; }
done
case " $("$WARTA" --version | sed -n 's/^formats: *//p') " in
*" pdf "*) ;;
*) echo "bench: this warta has no PDF (the print engine or line breaker is not in this tree)" >&2; exit 1 ;;
esac

# field KEY LINE: the value of KEY=VALUE in a runner line
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# verdict VALUE OP LIMIT: PASS or MISS
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
	ok = (op == "<=") ? v + 0 <= l + 0 : v + 0 >= l + 0; print ok ? "PASS" : "MISS" }'; }
# row LABEL VALUE UNIT [OP LIMIT]: one figure, with its target when it has one
row() {
	if [ -n "$4" ]; then
		printf '  %-46s %10s %-9s target %s %s %-6s %s\n' "$1" "$2" "$3" "$4" "$5" "" "$(verdict "$2" "$4" "$5")"
	else
		printf '  %-46s %10s %-9s\n' "$1" "$2" "$3"
	fi
}
# run N [-x] CMD…: the runner's line for N runs (after one warm-up when N > 3),
# or exit on failure
run() {
	n=$1 w=0 x=
	shift
	[ "$1" = -x ] && { x=-x; shift; }   # exit status 1 (a refused input) is a run
	[ "$n" -gt 3 ] && w=1
	"$RUNNER" -n "$n" -w "$w" -q $x -- "$@" || { echo "bench: failed: $*" >&2; exit 1; }
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.1f}" 'BEGIN { printf f, b ? a / b : 0 }'; }

echo "warta bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
     "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo);" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "corpus: $CORPUS ($(ls "$CORPUS"/*.txt | wc -l) articles)"
echo "medians of $RUNS runs after one warm-up (long documents: $LONG_RUNS runs; batch and 5,000 pages: $BATCH_RUNS and 1); RSS is the highest peak"

# ------------------------------------------------------------ one article
echo
echo "one article ($(basename "$SAMPLE"), $(wc -c < "$SAMPLE") bytes), whole processes from exec:"
r=$(run "$RUNS" "$WARTA" -q -o "$TMP/one.pdf" "$SAMPLE")
row "→ PDF  wall" "$(field median_ms "$r")" ms "<=" 15
row "→ PDF  CPU (user+system)" "$(field cpu_ms "$r")" ms
row "→ PDF  peak RSS" "$(field rss_mb "$r")" MB
r=$(run "$RUNS" "$WARTA" -q -o "$TMP/one.epub" "$SAMPLE")
row "→ EPUB wall" "$(field median_ms "$r")" ms "<=" 5
row "→ EPUB CPU" "$(field cpu_ms "$r")" ms
row "→ EPUB peak RSS" "$(field rss_mb "$r")" MB
mkdir -p "$TMP/both"
r=$(run "$RUNS" "$WARTA" -q -j 1 -d "$TMP/both" -t pdf,epub "$SAMPLE")
row "→ PDF + EPUB wall" "$(field median_ms "$r")" ms
row "→ PDF + EPUB CPU" "$(field cpu_ms "$r")" ms
row "→ PDF + EPUB peak RSS" "$(field rss_mb "$r")" MB
# the sample with three JPEG photos (3000 × 4200, 1200 × 800, 480 × 320) as
# figures: JPEGs go into the PDF as their bytes, read no further than their
# headers (issue 12: at most 2 ms more)
mkdir -p "$TMP/photos"
cp "$ROOT/tests/data/pictures/huge.jpg" "$ROOT/tests/data/pictures/lead.jpg" \
   "$ROOT/tests/data/pictures/photo.jpg" "$TMP/photos/"
awk '{ print } NR == 4 { print "![Satu](huge.jpg)\n" } NR == 8 { print "![Dua](lead.jpg \"Kredit: Antara\")\n" }
     NR == 12 { print "![Tiga](photo.jpg)\n" }' "$SAMPLE" > "$TMP/photos/photos.txt"
r0=$(run "$RUNS" "$WARTA" -q -o "$TMP/one.pdf" "$SAMPLE")
r=$(run "$RUNS" "$WARTA" -q -o "$TMP/photos.pdf" "$TMP/photos/photos.txt")
row "→ PDF with 3 JPEG photos wall" "$(field median_ms "$r")" ms
row "  3 JPEG photos: wall more than without" "$(awk -v a="$(field median_ms "$r")" -v b="$(field median_ms "$r0")" 'BEGIN { printf "%.1f", a - b }')" ms "<=" 2
row "  3 JPEG photos: peak RSS" "$(field rss_mb "$r")" MB
# no JPEG's pixels in memory (cairo 1.16 copied a 3000 × 4200 picture's
# undecoded 50 MB surface when it was freed: image.h, pdf_surface)
row "  3 JPEG photos: peak RSS more than without" "$(awk -v a="$(field rss_mb "$r")" -v b="$(field rss_mb "$r0")" 'BEGIN { printf "%.1f", a - b }')" MB "<=" 4
r=$(run "$RUNS" "$WARTA" --version)
row "process start (warta --version) wall" "$(field median_ms "$r")" ms
tail -n +2 "$SAMPLE" > "$TMP/body.txt"
r=$(run "$RUNS" "$FLOOR" -p 1 -o "$TMP/floor.pdf" "$TMP/body.txt")
row "floor: Pango + Cairo, one page, whole process" "$(field median_ms "$r")" ms

echo
echo "one article in one process, per stage (ms; first = cold, then the median of the warm runs):"
"$STAGES" -n "$RUNS" -o "$TMP" "$SAMPLE" > "$TMP/stages" || { echo "bench: stages failed" >&2; exit 1; }
while read -r name first med; do
	case $name in
	engine) what="engine: font set + hyphenation dictionaries" ;;
	style)  what="style (a4)" ;;
	read)   what="read (reader, language detection)" ;;
	shape)  what="PDF: shape (itemize, HarfBuzz)" ;;
	break)  what="PDF: break (hyphenate, Knuth–Plass, lines)" ;;
	render) what="PDF: render (pages, Cairo, PDF)" ;;
	pdf)    what="PDF: total" ;;
	xhtml)  what="EPUB: XHTML" ;;
	cover)  what="EPUB: cover (font set, PNG)" ;;
	zip)    what="EPUB: zip" ;;
	write)  what="EPUB: the rest (package, write)" ;;
	epub)   what="EPUB: total" ;;
	esac
	printf '  %-46s %10s first %10s warm\n' "$what" "$first" "$med"
done < "$TMP/stages"

# ------------------------------------------------------------ pathological
# Issue 15's classes of hostile input (tests/hardening/pathological.py), each
# at N and 2N, → PDF: time, peak RSS and the growth t(2N)/t(N) (about 2 when
# linear; an input refused at a documented limit stays flat).  Target: any
# input up to 1 MB sets in under 3 s and 250 MB.
echo
echo "pathological inputs → PDF (issue 15; $LONG_RUNS runs each; target for inputs up to 1 MB: < 3000 ms and < 250 MB; growth t(2N)/t(N) ≈ 2 when linear):"
printf '  %-11s %8s %9s %9s %9s %8s %7s  %s\n' class N "bytes(2N)" "t(N) ms" "t(2N) ms" "RSS MB" growth verdict
# Sizes: 2N is about 1 MB where the class can be that big (the front
# matter, nesting and marks classes stop at their caps long before).
# listbytes … htmlblocks: the classes of session 6's red-team pass (sizes in
# bytes; RESULTS.md "Pathological inputs").
PATHO=${BENCH_PATHOLOGICAL:-word:500000 codespaces:500000 fmlong:100000 yamlnest:50000 marks:25000 \
  tablebig:500000 tabs:500000 code:500000 autolinks:18000 refdefs:14000 \
  listbytes:500000 nestlist:500000 table2:500000 table10:500000 imgmiss:500000 emphruns:500000 \
  cjkline:500000 rtlmix:500000 bqbig:500000 headbig:500000 fnbig:500000 tinyparas:500000 \
  tablecell:500000 htmlblocks:500000 hyphflood:500000}
[ -n "$BENCH_QUICK" ] && PATHO="word:50000 fmlong:50000 yamlnest:50000 marks:25000"
for spec in $PATHO; do
	kind=${spec%%:*} n=${spec#*:}
	python3 "$ROOT/tests/hardening/pathological.py" "$kind" "$n" >"$TMP/p1.txt"
	python3 "$ROOT/tests/hardening/pathological.py" "$kind" $((n * 2)) >"$TMP/p2.txt"
	r1=$(run "$LONG_RUNS" -x "$WARTA" -q -o "$TMP/p1.pdf" "$TMP/p1.txt")
	r2=$(run "$LONG_RUNS" -x "$WARTA" -q -o "$TMP/p2.pdf" "$TMP/p2.txt")
	t1=$(field median_ms "$r1") t2=$(field median_ms "$r2") m2=$(field rss_mb "$r2")
	bytes=$(wc -c <"$TMP/p2.txt")
	v=$(awk -v t="$t2" -v m="$m2" -v b="$bytes" 'BEGIN {
		if (b > 1048576) print "(over 1 MB)"; else print (t < 3000 && m < 250) ? "PASS" : "MISS" }')
	printf '  %-11s %8d %9d %9.0f %9.0f %8.1f %7s  %s\n' "$kind" "$n" "$bytes" "$t1" "$t2" "$m2" \
		"$(div "$t2" "$t1" %.2f)" "$v"
done

# ------------------------------------------------------------ batch
echo
mkdir -p "$TMP/batch" "$TMP/out"
set -- "$CORPUS"/*.txt
n=0
while [ "$n" -lt "$BATCH" ]; do
	for f in "$@"; do
		[ "$n" -lt "$BATCH" ] || break
		n=$((n + 1))
		cp "$f" "$TMP/batch/$(printf '%04d' "$n")-$(basename "$f")"
	done
done
echo "batch: the corpus repeated to $BATCH files → PDF + EPUB (-d OUT -t pdf,epub):"
for j in 1 2; do
	r=$(run "$BATCH_RUNS" "$WARTA" -q -d "$TMP/out" -t pdf,epub -j "$j" "$TMP/batch")
	aps=$(div "$((BATCH * 1000))" "$(field median_ms "$r")" "%.0f")
	if [ "$j" = 2 ]; then
		row "-j 2: articles per second" "$aps" "art/s" ">=" 300
	else
		row "-j 1: articles per second" "$aps" "art/s"
	fi
	row "-j $j: wall" "$(field median_ms "$r")" ms
	row "-j $j: CPU (user+system)" "$(field cpu_ms "$r")" ms
	row "-j $j: articles per CPU second (≈ per idle core)" "$(div "$((BATCH * 1000))" "$(field cpu_ms "$r")" "%.0f")" "art/s"
	row "-j $j: peak RSS" "$(field rss_mb "$r")" MB
done
rm -rf "$TMP/out"

# ------------------------------------------------------------ long documents
# A long article: the sample's date line and title, then the bodies of the
# corpus articles in its language, over and over, to about PAGES pages.
make_long() {   # make_long PAGES FILE
	want=$1 out=$2
	if [ ! -f "$TMP/unit.txt" ]; then
		for f in "$CORPUS"/*.txt "$SAMPLE"; do
			head -1 "$f" | grep -q '^ *date ' || continue
			grep -qE ' (yang|dan|di|dengan) ' "$f" || continue
			tail -n +2 "$f"
			echo
		done > "$TMP/unit.txt"
		{ head -1 "$SAMPLE"; cat "$TMP/unit.txt"; } > "$TMP/probe.txt"
		"$WARTA" -q -o "$TMP/probe.pdf" "$TMP/probe.txt"
		UNIT_PAGES=$(pages "$TMP/probe.pdf")
	fi
	k=$(awk -v w="$want" -v u="$UNIT_PAGES" 'BEGIN { k = int(w / u + 0.5); print k < 1 ? 1 : k }')
	{ head -1 "$SAMPLE"; i=0; while [ "$i" -lt "$k" ]; do cat "$TMP/unit.txt"; i=$((i + 1)); done; } > "$out"
}
# An edition: the corpus, copies numbered, to about PAGES pages.
make_edition() {   # make_edition PAGES DIR
	want=$1 dir=$2
	mkdir -p "$TMP/ed1"
	cp "$CORPUS"/*.txt "$TMP/ed1/"
	"$WARTA" -q --edition Bench -o "$TMP/ed1.pdf" "$TMP/ed1"
	per=$(pages "$TMP/ed1.pdf")
	k=$(awk -v w="$want" -v u="$per" 'BEGIN { k = int(w / u + 0.5); print k < 1 ? 1 : k }')
	mkdir -p "$dir"
	i=0
	while [ "$i" -lt "$k" ]; do
		i=$((i + 1))
		for f in "$CORPUS"/*.txt; do cp "$f" "$dir/$(printf '%03d' "$i")-$(basename "$f")"; done
	done
}

# A newspaper edition of the corpus: every article laid out, measured on
# the grid, made up as modules (the DP over the column grid), drawn.
echo
n=$(ls "$CORPUS"/*.txt | wc -l)
echo "newspaper edition of the corpus ($n articles, -s newspaper: layout, make-up, PDF), whole process:"
r=$(run "$LONG_RUNS" "$WARTA" -q -s newspaper --edition Bench -o "$TMP/news.pdf" "$CORPUS")
row "→ PDF wall (make-up included)" "$(field median_ms "$r")" ms "<=" 1000
row "→ PDF CPU" "$(field cpu_ms "$r")" ms
row "→ PDF pages" "$(pages "$TMP/news.pdf")" pages

echo
echo "long documents of about 500 pages:"
make_edition 500 "$TMP/ed"
make_long 500 "$TMP/long500.txt"
for kind in edition article; do
	if [ $kind = edition ]; then
		set -- --edition "Bench Edition" "$TMP/ed"
		label="edition of $(ls "$TMP/ed" | wc -l) articles"
	else
		set -- "$TMP/long500.txt"
		label="one article of $(wc -c < "$TMP/long500.txt" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
	fi
	r=$(run "$LONG_RUNS" "$WARTA" -q -o "$TMP/$kind.pdf" "$@")
	p=$(pages "$TMP/$kind.pdf")
	echo "  $label, $p pages:"
	row "→ PDF wall" "$(field median_ms "$r")" ms "<=" 1000
	row "→ PDF CPU" "$(field cpu_ms "$r")" ms
	row "→ PDF pages per second" "$(div "$((p * 1000))" "$(field median_ms "$r")")" "pages/s"
	row "→ PDF pages per CPU second" "$(div "$((p * 1000))" "$(field cpu_ms "$r")")" "pages/s"
	row "→ PDF peak RSS" "$(field rss_mb "$r")" MB "<=" 100
	r=$(run "$LONG_RUNS" "$WARTA" -q -o "$TMP/$kind.epub" "$@")
	row "→ EPUB wall" "$(field median_ms "$r")" ms
	row "→ EPUB CPU" "$(field cpu_ms "$r")" ms
	row "→ EPUB pages per second (of the PDF's)" "$(div "$((p * 1000))" "$(field median_ms "$r")")" "pages/s"
	row "→ EPUB peak RSS" "$(field rss_mb "$r")" MB
done
rm -rf "$TMP/ed" "$TMP"/*.epub

# ------------------------------------------------------------ big document
# Issue 19: one large document, warta against typst.  The corpus's
# Indonesian articles, copies numbered, as one edition of about 300 pages
# in tests/bench/bigdoc.style (75 x 200 mm, 55 mm measure, Charis SIL
# 10/12.5); typst sets the same articles on the same page
# (tests/bench/typst_doc.py) through its Node binding, installed with npm
# under a cache directory, skipped with a message when npm cannot install
# it (BENCH_TYPST=0 skips it too).  Then the cost per page of such
# editions at 50, 500 and 5,000 pages.
TYPST_PKG=@myriaddreamin/typst-ts-node-compiler@0.7.0
TYPST_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/warta-bench/typst
BIGSTYLE="$ROOT/tests/bench/bigdoc.style"
# loadnote LINE: " (under load: N other cores busy)" when the runner saw
# other work take more than a fifth of a core during the runs
loadnote() { awk -v o="$(field others "$1")" 'BEGIN { if (o + 0 > 0.2) printf " (under load: %.1f other cores busy)", o }'; }
typst_ready() {
	[ "${BENCH_TYPST:-1}" != 0 ] || { echo "  typst: skipped (BENCH_TYPST=0)"; return 1; }
	command -v node >/dev/null && command -v npm >/dev/null ||
		{ echo "  typst: skipped (no node or npm)"; return 1; }
	if [ ! -f "$TYPST_DIR/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json" ]; then
		mkdir -p "$TYPST_DIR" &&
		timeout 300 npm install --prefix "$TYPST_DIR" --no-audit --no-fund --no-save "$TYPST_PKG" \
		    >"$TMP/npm.log" 2>&1 ||
			{ echo "  typst: skipped (npm could not install $TYPST_PKG: $(tail -1 "$TMP/npm.log"))"; return 1; }
	fi
	return 0
}
# bigdoc_inputs N DIR: the Indonesian corpus articles, round-robin, N copies
bigdoc_inputs() {
	rm -rf "$2"
	mkdir -p "$2"
	i=0
	while [ "$i" -lt "$1" ]; do
		for f in $IDARTS; do
			[ "$i" -lt "$1" ] || break
			i=$((i + 1))
			cp "$f" "$2/$(printf '%04d' "$i")-$(basename "$f")"
		done
	done
}
IDARTS=
for f in "$ROOT/../shared/corpus/articles"/*.txt; do
	[ -f "$f" ] || continue
	head -1 "$f" | grep -q '^ *date ' || continue
	grep -qE ' (yang|dan|di|dengan) ' "$f" && IDARTS="$IDARTS $f"
done
echo
if [ -z "$IDARTS" ]; then
	echo "big document (issue 19): skipped, the corpus's Indonesian articles are absent"
else
	# about 300 pages: the article count from a 60-article probe
	bigdoc_inputs 60 "$TMP/big"
	"$WARTA" -q -s "$BIGSTYLE" --edition Bench -o "$TMP/big.pdf" "$TMP/big"
	per60=$(pages "$TMP/big.pdf")
	nbig=$(awk -v p="$per60" 'BEGIN { n = int(300 * 60 / p + 0.5); print n < 1 ? 1 : n }')
	bigdoc_inputs "$nbig" "$TMP/big"
	echo "big document (issue 19): $nbig Indonesian articles ($(echo $IDARTS | wc -w) distinct, repeated), 75 x 200 mm, 55 mm measure, Charis SIL 10/12.5:"
	r=$(run "$LONG_RUNS" "$WARTA" -q -s "$BIGSTYLE" --edition Bench -o "$TMP/big.pdf" "$TMP/big")
	wmed=$(field median_ms "$r")
	echo "  warta --edition (a thread a processor: $(nproc)), $(pages "$TMP/big.pdf") pages$(loadnote "$r"):"
	row "wall" "$wmed" ms "<=" 350
	row "CPU" "$(field cpu_ms "$r")" ms "<=" 600
	row "peak RSS" "$(field rss_mb "$r")" MB "<=" 40
	# the same on one core: -j 1 (the default is a thread a processor)
	r=$(run "$LONG_RUNS" "$WARTA" -q -j 1 -s "$BIGSTYLE" --edition Bench -o "$TMP/big1.pdf" "$TMP/big")
	echo "  warta --edition -j 1 (one thread)$(loadnote "$r"):"
	row "wall" "$(field median_ms "$r")" ms
	row "CPU" "$(field cpu_ms "$r")" ms
	row "peak RSS" "$(field rss_mb "$r")" MB
	cmp -s "$TMP/big.pdf" "$TMP/big1.pdf" || echo "  (-j 1 and the default gave different PDFs: a bug)"
	if typst_ready; then
		python3 "$ROOT/tests/bench/typst_doc.py" "$TMP"/big/*.txt > "$TMP/big.typ"
		set -- node "$ROOT/tests/bench/typst_pdf.js" "$TYPST_DIR/node_modules" "$TMP/big.typ" "$TMP/big-typst.pdf" \
		    /usr/share/fonts/truetype/charis /usr/share/fonts/opentype/linux-libertine
		if "$@" 2>"$TMP/typst.err"; then
			r=$(run "$LONG_RUNS" "$@")
			echo "  typst 0.14 ($TYPST_PKG, a Node process), $(pages "$TMP/big-typst.pdf") pages$(loadnote "$r"):"
			row "wall" "$(field median_ms "$r")" ms
			row "CPU" "$(field cpu_ms "$r")" ms
			row "peak RSS" "$(field rss_mb "$r")" MB
			row "typst's wall / warta's (issue 19: ≥ 1.75)" "$(div "$(field median_ms "$r")" "$wmed" %.2f)" "×" ">=" 1.75
		else
			echo "  typst: skipped (it failed: $(head -1 "$TMP/typst.err"))"
		fi
	fi
	echo "  editions of this kind, CPU per page (CPU of the edition - the one-article run's, / pages):"
	base=$(field cpu_ms "$(run "$RUNS" "$WARTA" -q -o "$TMP/one.pdf" "$SAMPLE")")
	for want in $PAGES_SCALE; do
		bigdoc_inputs "$(awk -v w="$want" -v p="$per60" 'BEGIN { n = int(w * 60 / p + 0.5); print n < 1 ? 1 : n }')" "$TMP/big"
		n=$LONG_RUNS
		[ "$want" -ge 5000 ] && n=1
		r=$(run "$n" "$WARTA" -q -s "$BIGSTYLE" --edition Bench -o "$TMP/big.pdf" "$TMP/big")
		p=$(pages "$TMP/big.pdf")
		printf '  %5s pages: %10s ms wall %10s ms CPU %8s ms/page %8s MB peak RSS%s\n' "$p" \
		    "$(field median_ms "$r")" "$(field cpu_ms "$r")" \
		    "$(awk -v t="$(field cpu_ms "$r")" -v b="$base" -v p="$p" 'BEGIN { printf "%.2f", (t - b) / p }')" \
		    "$(field rss_mb "$r")" "$(loadnote "$r")"
	done
	rm -rf "$TMP/big" "$TMP"/big*.pdf "$TMP/big.typ"
fi

# ------------------------------------------------------------ floor
# What Cairo's PDF surface alone costs: build/bench/floor draws lines shaped
# and broken once (the sample's body, two justified A4 columns) onto 500
# pages with pango-cairo, as warta draws them (-x: each line in one of 41
# expansion steps; -t: each line a tagged-PDF element).  No reading, shaping
# or breaking per page: no engine on Pango + Cairo 1.16 draws faster.  And
# what shaping costs: -s lays the same text out with PangoLayout (itemize,
# HarfBuzz, Pango's own greedy breaking) until 500 pages' worth is done.
echo
echo "floor: Pango and Cairo alone, 500 pages of the sample's text (build/bench/floor):"
tail -n +2 "$SAMPLE" > "$TMP/body.txt"
for fl in "" "-x -t"; do
	f=$("$FLOOR" $fl -p 500 -o "$TMP/floor.pdf" "$TMP/body.txt") || { echo "bench: floor failed" >&2; exit 1; }
	lab="plain"
	[ -n "$fl" ] && lab="expansion steps + tags, as warta"
	row "$lab: 500 pages CPU" "$(field cpu_ms "$f")" ms
	row "$lab: per page ($(field glyphs_per_page "$f") glyphs)" "$(field per_page_ms "$f")" ms
done
draw=$(field per_page_ms "$f")
f=$("$FLOOR" -s -p 500 -o "$TMP/floor.pdf" "$TMP/body.txt") || { echo "bench: floor -s failed" >&2; exit 1; }
shape=$(field shape_ms_per_page "$f")
row "PangoLayout alone (itemize, shape, break): per page" "$shape" ms
row "so 500 pages cost at least (shaping + drawing)" "$(awk -v a="$shape" -v b="$draw" 'BEGIN { printf "%.0f", 500 * (a + b) }')" ms
rm -f "$TMP/floor.pdf" "$TMP/body.txt"

# ------------------------------------------------------------ scaling
echo
echo "scaling: one long article → PDF (CPU cost per page net of the one-article run's"
echo "start-up: (CPU - $(basename "$SAMPLE")'s CPU) / pages; CPU, as the wall time of a shared"
echo "machine is noise):"
base=$(field cpu_ms "$(run "$RUNS" "$WARTA" -q -o "$TMP/one.pdf" "$SAMPLE")")
first_cost= first_rss= last_cost= last_rss=
for want in $PAGES_SCALE; do
	make_long "$want" "$TMP/scale.txt"
	n=$LONG_RUNS
	[ "$want" -ge 5000 ] && n=1
	r=$(run "$n" "$WARTA" -q -o "$TMP/scale.pdf" "$TMP/scale.txt")
	p=$(pages "$TMP/scale.pdf")
	ms=$(field median_ms "$r")
	cost=$(awk -v t="$(field cpu_ms "$r")" -v b="$base" -v p="$p" 'BEGIN { printf "%.2f", (t - b) / p }')
	rss=$(field rss_mb "$r")
	printf '  %5s pages: %10s ms wall %10s ms CPU %8s ms/page %8s MB peak RSS\n' "$p" "$ms" \
	    "$(field cpu_ms "$r")" "$cost" "$rss"
	[ -n "$first_cost" ] || { first_cost=$cost first_rss=$rss; }
	last_cost=$cost last_rss=$rss last_p=$p
	rm -f "$TMP/scale.pdf" "$TMP/scale.txt"
done
ratio=$(awk -v a="$last_cost" -v b="$first_cost" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
row "cost per page at $last_p pages / at the first" "$ratio" "×" "<=" 1.20
grow=$(awk -v a="$last_rss" -v b="$first_rss" 'BEGIN { printf "%.1f", a - b }')
row "RSS growth, $last_p pages over the first" "$grow" MB "<=" 10
# ------------------------------------------------------------ covers
# The EPUB cover's PNG: warta's (src/epub/cover.c, libdeflate level 1) against
# libdeflate's higher levels on the same rows, CPU time a cover
# (tests/bench/RESULTS.md, issue 16 item 5).
echo
echo "covers: the EPUB cover's PNG, libdeflate level 1 against levels 3, 6, 9 (build/bench/covers, CPU ms a cover):"
mkdir -p "$TMP/covers"
"$WARTA" -q -j 1 -t epub -d "$TMP/covers" $(ls "$CORPUS"/*.txt | head -30) ||
	{ echo "bench: the covers' EPUBs failed" >&2; exit 1; }
r=$("$COVERS" -n "$RUNS" "$TMP"/covers/*.epub) || { echo "bench: covers failed" >&2; exit 1; }
echo "$r" | sed 's/^/  /'
rm -rf "$TMP/covers"

echo
echo "(PASS/MISS is information, not a test: wall times on a shared machine are noisy;"
echo " tests/bench/RESULTS.md has instruction counts too.)"
