# warta — a typesetter for news articles: article text → PDF (Pango + Cairo) and EPUB.
# Hand-written GNU Makefile.  `make demo` and `make check` are all anyone needs:
# both install missing Debian packages first (`make deps`), then build.
# Local flags (sanitizers, -O0, …) go in Makefile.local, which is never committed.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/warta
MANDIR    ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
DESTDIR   ?=

CC        ?= cc
BUILD     ?= build
PKGS      := pangocairo pangoft2 cairo fontconfig harfbuzz harfbuzz-subset glib-2.0 gthread-2.0 \
             libzip libcmark-gfm yaml-0.1 libdeflate icu-uc icu-i18n libjpeg gdk-pixbuf-2.0 \
             libwebp libwebpdemux gmodule-2.0
VERSION   := 0.1.0

CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Wshadow -Wno-unused-parameter
# Position-independent, and nothing visible outside libwarta.so but what
# src/warta.h declares (WARTA_API); the static library and the command line
# are built from the same objects.
CFLAGS_LIB := -fPIC -fvisibility=hidden
CPPFLAGS  += -Isrc -DWARTA_VERSION='"$(VERSION)"' -DWARTA_DATADIR='"$(DATADIR)"' \
             -D_GNU_SOURCE
# librsvg: its headers only; the library (with libxml2 and ICU, some 50 MB of
# mappings) is opened on the first SVG picture (src/image/image.c).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) librsvg-2.0 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lm

# Sanitizer build: `make check SAN=1` builds into build-san/ with ASan + UBSan
# and runs every test against it.  Reports go to build-san/san-logs/ (not to
# stderr, so no golden hides one and no exit status swallows one); tests/run.sh
# fails when any is there.  ASan's own exit status is 86, not warta's 1.
ifeq ($(SAN),1)
BUILD     := build-san
CFLAGS    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS   += -fsanitize=address,undefined
SAN_LOGS  := $(CURDIR)/build-san/san-logs
SAN_ENV   := SAN_LOGS=$(SAN_LOGS) \
             ASAN_OPTIONS=exitcode=86:detect_leaks=1:log_path=$(SAN_LOGS)/asan \
             LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(SAN_LOGS)/ubsan
endif

-include Makefile.local

# The library: every pipeline stage under src/ (each folder of it) except the
# command line; a new folder is built without naming it here.
LIB_SRCS  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRCS  := $(sort $(wildcard src/cli/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/%.o)
LM_OBJ    := $(BUILD)/gen/langid_model.o
LIB       := $(BUILD)/libwarta.a
SONAME    := libwarta.so.0
SO        := $(BUILD)/libwarta.so.$(VERSION)
BIN       := $(BUILD)/warta
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
HARNESS   := $(BUILD)/tests/harness.o

.PHONY: all deps check demo bench install uninstall clean valgrind fuzz fuzz-build regen previews doc lint
all: $(BIN) $(SO) $(BUILD)/warta.pc $(BUILD)/warta.3

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(CFLAGS_LIB) $(WARN) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJS) $(LM_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

# libwarta.so.0: the objects of libwarta.a, its soname and the symbol
# versions of src/warta.map; `nm -D` lists only the functions of warta.h.
$(SO): $(LIB_OBJS) $(LM_OBJ) src/warta.map
	$(CC) -shared $(LDFLAGS) -Wl,-soname,$(SONAME) -Wl,--version-script=src/warta.map \
	  -o $@ $(LIB_OBJS) $(LM_OBJ) $(PKG_LIBS) -lpthread

# pkg-config's file for the installed library (its prefix is PREFIX's).
$(BUILD)/warta.pc: Makefile
	@mkdir -p $(dir $@)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	  'Name: warta' 'Description: a typesetter for news articles: PDF, EPUB, JSON' \
	  'Version: $(VERSION)' 'Requires.private: $(PKGS)' \
	  'Libs: -L$${libdir} -lwarta' 'Libs.private: -lcmark-gfm-extensions -lm -lpthread' \
	  'Cflags: -I$${includedir}' >$@

# warta.3, the library's man page, from the comments of src/warta.h.
$(BUILD)/warta.3: src/warta.h doc/header2man.py
	@mkdir -p $(dir $@)
	python3 doc/header2man.py $(VERSION) <src/warta.h >$@.tmp && mv $@.tmp $@

$(BIN): $(CLI_OBJS) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(LIB) $(PKG_LIBS) -lpthread

$(HARNESS): tests/unit/harness.c tests/unit/harness.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) -c $< -o $@

# libhyphen is linked only into the hyphenation test, as its oracle: warta
# itself applies the dictionaries with its own engine (src/layout/patterns.c).
$(BUILD)/tests/test_hyphenate: TEST_LIBS := -lhyphen
$(BUILD)/tests/%: tests/unit/%.c $(HARNESS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(PKG_CFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< $(HARNESS) $(LIB) $(PKG_LIBS) $(TEST_LIBS) -lpthread

# The language model: libexttextcat-data's fingerprints, compiled in.  The
# generator (src/article/gen/langid_gen.c, a build tool, plain flags: no
# sanitizer or fuzzer in it) reads them and writes the read-only tables of
# langid_model.h; a missing fingerprint directory stops the build with a
# message naming the package (`make deps` installs it).  Regenerated when the
# generator, the data or TEXTCAT_DIR change; written to a temporary file
# first, so an interrupted run leaves nothing that looks up to date.
TEXTCAT_DIR ?= /usr/share/libexttextcat
LM_GEN    := $(BUILD)/gen/langid_gen
LM_SRC    := $(BUILD)/gen/langid_model.c
$(LM_GEN): src/article/gen/langid_gen.c src/article/langid_model.h
	@mkdir -p $(dir $@)
	$(CC) -Isrc $(shell pkg-config --cflags glib-2.0 2>/dev/null) -O2 $(WARN) -o $@ $< \
	  $(shell pkg-config --libs glib-2.0 2>/dev/null)
LM_STAMP  := $(BUILD)/gen/.textcat-dir
$(LM_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(TEXTCAT_DIR)' | cmp -s - $@ || echo '$(TEXTCAT_DIR)' > $@
$(LM_SRC): $(LM_GEN) $(LM_STAMP) $(wildcard $(TEXTCAT_DIR)/fpdb.conf $(TEXTCAT_DIR)/*.lm)
	$(LM_GEN) $(TEXTCAT_DIR) > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }
$(LM_OBJ): $(LM_SRC) src/article/langid_model.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(CFLAGS_LIB) $(WARN) -c $< -o $@

# libexttextcat itself only for the test that checks the reader's classifier
# against it (libexttextcat's own classifier over the same fingerprints).
$(BUILD)/tests/test_langid: PKG_LIBS += $(shell pkg-config --libs libexttextcat 2>/dev/null)

# Objects are rebuilt when the compile flags change (PREFIX moves DATADIR).
FLAGS_STAMP := $(BUILD)/.flags
FLAGS_NOW    = $(CC) $(CPPFLAGS) $(CFLAGS) $(CFLAGS_LIB) $(WARN)
$(FLAGS_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@
$(LIB_OBJS) $(LM_OBJ) $(CLI_OBJS) $(HARNESS): $(FLAGS_STAMP)
FORCE:

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

# ---------------------------------------------------------------- set-up
# Debian packages: to build, to typeset (dictionaries, fonts), and to test.
# fonts/packages lists the font packages; fonts/fonts.list the files used.
DEBS_BUILD := build-essential pkg-config libpango1.0-dev libcairo2-dev libzip-dev libdeflate-dev libharfbuzz-dev \
              libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libexttextcat-dev \
              libexttextcat-data libhyphen-dev libicu-dev libjpeg62-turbo-dev librsvg2-dev \
              libgdk-pixbuf-2.0-dev libwebp-dev
DEBS_DICTS := hyphen-id hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-pt-pt \
              hyphen-nl hyphen-it
DEBS_FONTS := $(shell sed -e 's/\#.*//' fonts/packages 2>/dev/null)
DEBS_TEST  := epubcheck default-jre-headless default-jdk-headless groff-base man-db qpdf poppler-utils pandoc libxml2-utils unzip \
              python3 parallel bsdextrautils valgrind clang libclang-rt-14-dev pmccabe zsh bash-completion strace
DEBS       := $(DEBS_BUILD) $(DEBS_DICTS) $(DEBS_FONTS) $(DEBS_TEST)

deps:
	@missing=$$(for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	  done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "warta: installing Debian packages:" $$missing; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "warta: need root or sudo to install:" $$missing >&2; exit 1; fi; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing

# ---------------------------------------------------------------- tests
check: deps
	$(MAKE) all $(UNIT_BINS)
	$(SAN_ENV) BUILD=$(BUILD) sh tests/run.sh

# Every unit program and every warta a suite runs ($RUN) under memcheck:
# errors and definite leaks (tests/valgrind.supp: fontconfig/Pango caches
# only) are written to $(BUILD)/valgrind-logs/; tests/run.sh fails on any.
# WARTA_TEST_LIGHT: the unit programs run a tenth of their brute-force cases.
valgrind: deps
	$(MAKE) all $(UNIT_BINS)
	BUILD=$(BUILD) VALGRIND=1 WARTA_TEST_LIGHT=1 VG_LOGS=$(CURDIR)/$(BUILD)/valgrind-logs sh tests/run.sh

# The size limits of the house (issue 16): no file of src/ over
# LINT_FILE_LINES lines, no function over LINT_FUNC_LINES lines or above a
# cyclomatic complexity (McCabe's, as pmccabe counts it) of LINT_CC.  Prints
# every offender and their number, and fails on any (the tree meets the
# limits; LINT_STRICT= empty, i.e. `make lint LINT_STRICT=`, only reports).
LINT_FILE_LINES ?= 900
LINT_FUNC_LINES ?= 120
LINT_CC         ?= 40
LINT_STRICT     ?= 1
lint:
	@command -v pmccabe >/dev/null 2>&1 || $(MAKE) deps
	@n=$$( { wc -l src/*/*.c src/*/*.h | awk '$$2 != "total" && $$1 > $(LINT_FILE_LINES) \
	    { printf "%s: %d lines (limit $(LINT_FILE_LINES))\n", $$2, $$1 }'; \
	  pmccabe src/*/*.c | awk '$$2 > $(LINT_CC) || $$5 > $(LINT_FUNC_LINES) \
	    { printf "%s: complexity %d, %d lines (limits $(LINT_CC), $(LINT_FUNC_LINES))\n", $$6 " " $$7, $$2, $$5 }'; \
	} | tee /dev/stderr | wc -l); \
	echo "lint: $$n over the limits"; \
	[ -z "$(LINT_STRICT)" ] || [ "$$n" -eq 0 ]

# doc/styles.md, the style reference, from the key table (src/style/keys.c);
# test_style fails while it is not current.
doc: all $(BUILD)/tests/test_style
	REGEN=1 $(BUILD)/tests/test_style >/dev/null

regen: deps
	$(MAKE) all
	BUILD=$(BUILD) REGEN=1 sh tests/run.sh

# ---------------------------------------------------------------- fuzzing
# libFuzzer harnesses (tests/fuzz/fuzz_*.c) against an ASan+UBSan build of the
# library in build-fuzz/.  FUZZ_SECONDS per target; seeds come from the tests;
# a finding stops make with the reproducer in build-fuzz/findings/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := reader epub pdf image
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=undefined
fuzz-build: deps
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" build-fuzz/libwarta.a
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "clang … -o build-fuzz/fuzz_$$t"; \
	  clang $(CPPFLAGS) $(PKG_CFLAGS) -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined \
	    -o build-fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c build-fuzz/libwarta.a $(PKG_LIBS) -lpthread; \
	done

# -timeout: an input that takes longer is a finding (issue 15: a slow input
# is a bug); FUZZ_TIMEOUT seconds, 10 by default for an ASan build on a
# loaded, shared machine (2 on an idle one).  -rss_limit_mb (FUZZ_RSS_MB):
# an input whose memory grows past it is a finding too; 2048 MB, libFuzzer's
# default, as the PDF target's process reaches 870 MB in 20 s of ASan
# (its quarantine and font caches, not one input).  -dict: tests/fuzz/warta.dict, the
# front matter's keys and YAML syntax, Markdown marks, schemes, entities.
# Seeds: the sample, the reader's test inputs, hand-made seeds and every past
# finding.  A finding stops make: the reproducer is in build-fuzz/findings/;
# copy it to tests/fuzz/regressions/ (tests/hardening replays them).
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 2048
FUZZ_ARGS = -max_len=16384 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) -dict=tests/fuzz/warta.dict \
            -print_final_stats=1
# FUZZ_NOLEAK: targets run without libFuzzer's in-process leak check (see .ci/run).
FUZZ_NOLEAK ?=
fuzz: fuzz-build
	@rm -rf build-fuzz/seeds; mkdir -p build-fuzz/findings build-fuzz/seeds
	@cp tests/data/*.txt tests/fuzz/seeds/* build-fuzz/seeds/; \
	for f in tests/reader/*.txt tests/print/data/*.txt tests/fuzz/regressions/* \
	         tests/data/pictures/*.jpg tests/data/pictures/*.png tests/data/pictures/*.gif \
	         tests/data/pictures/*.webp tests/data/pictures/*.svg; do \
	  [ -f "$$f" ] && [ "$${f##*/}" != README ] && cp "$$f" build-fuzz/seeds/; done; true
	@set -e; for t in $(FUZZ_TARGETS); do \
	  [ -x build-fuzz/fuzz_$$t ] || continue; \
	  mkdir -p build-fuzz/corpus-$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  leaks=1; case " $(FUZZ_NOLEAK) " in *" $$t "*) leaks=0;; esac; \
	  ASAN_OPTIONS=detect_leaks=$$leaks LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -detect_leaks=$$leaks $(FUZZ_ARGS) \
	    -artifact_prefix=build-fuzz/findings/$$t- \
	    build-fuzz/corpus-$$t build-fuzz/seeds >build-fuzz/fuzz_$$t.log 2>&1 || \
	    { tail -60 build-fuzz/fuzz_$$t.log; echo "fuzz_$$t: FINDING, see build-fuzz/findings/"; exit 1; }; \
	  grep -E 'stat::number_of_executed_units|stat::peak_rss' build-fuzz/fuzz_$$t.log; \
	done

# ---------------------------------------------------------------- demo
# The sample article as JSON, PDF and EPUB, and a PNG preview of its page 1.
SAMPLE := tests/data/korea-utara.txt
DEMO   := $(BUILD)/demo
demo: deps
	$(MAKE) all
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN) -q -d $(DEMO) -t json,pdf,epub $(SAMPLE)
	$(BIN) -q --pages 1 --dpi 100 -o $(DEMO)/korea-utara-page1.png $(SAMPLE)
	@echo "warta: demo of $(SAMPLE) written to $(DEMO)/:"; ls -l $(DEMO) | sed 1d

# PNG previews of every page of the sample (and of the corpus when it is
# there), to look at: build/previews/NAME-N.png.
PREVIEWS := $(BUILD)/previews
CORPUS   ?= ../shared/corpus/articles
previews: deps
	$(MAKE) all
	@rm -rf $(PREVIEWS) && mkdir -p $(PREVIEWS)
	$(BIN) -q --dpi 80 -d $(PREVIEWS) -t png $(SAMPLE) $(wildcard $(CORPUS)/*.txt)
	@echo "warta: previews written to $(PREVIEWS)/"
	@# the README's newspaper edition: its front page and an inside page
	@if [ -d $(CORPUS) ]; then \
	  $(BIN) -q -s newspaper --edition 'Edisi Pagi' --edition-date 2025-10-22 --edition-number XII/345 \
	    -o $(PREVIEWS)/edition.pdf $(CORPUS) && \
	  pdftoppm -png -gray -r 30 -f 1 -l 1 -singlefile $(PREVIEWS)/edition.pdf styles/previews/edition-front && \
	  pdftoppm -png -gray -r 30 -f 9 -l 9 -singlefile $(PREVIEWS)/edition.pdf styles/previews/edition-inside && \
	  echo "warta: styles/previews/edition-front.png, edition-inside.png"; \
	  $(BIN) -q -o $(PREVIEWS)/028.pdf $(CORPUS)/028.txt && \
	  pdftoppm -png -gray -r 30 -f 1 -l 1 -singlefile $(PREVIEWS)/028.pdf styles/previews/corpus-zh && \
	  $(BIN) -q -o $(PREVIEWS)/025.pdf $(CORPUS)/025.txt && \
	  pdftoppm -png -gray -r 30 -f 1 -l 1 -singlefile $(PREVIEWS)/025.pdf styles/previews/corpus-ar && \
	  echo "warta: styles/previews/corpus-zh.png, corpus-ar.png"; \
	else echo "warta: no corpus ($(CORPUS)): edition previews not made"; fi

# The README's style previews: page 1 of the sample in each shipped style at
# 60 dpi, from warta's own PNG output, into styles/previews/NAME.png
# (committed).  `make previews` makes them too.
STYLE_NAMES := $(sort $(basename $(notdir $(wildcard styles/*.style))))
.PHONY: style-previews
previews: style-previews
style-previews: deps
	$(MAKE) all
	@mkdir -p styles/previews
	@for s in $(STYLE_NAMES); do \
	  $(BIN) -q -s $$s -t png --dpi 60 --pages 1 -o styles/previews/$$s.png $(SAMPLE) || exit 1; \
	  echo "warta: styles/previews/$$s.png"; \
	done
	$(BIN) -q -s a4 -t png --dpi 60 --pages 1 -o styles/previews/a4-pictures.png tests/data/korea-foto.txt
	@echo "warta: styles/previews/a4-pictures.png"

# `make bench`: figures (medians, peak RSS) against the targets of issue 7,
# printed, never asserted.  tests/bench/runner.c times whole processes;
# tests/bench/stages.c times the library's stages in one process;
# tests/bench/floor.c times Cairo's PDF surface alone (pre-shaped lines);
# tests/bench/covers.c, the EPUB cover's PNG at libdeflate's levels.
BENCH_BINS := $(BUILD)/bench/runner $(BUILD)/bench/stages $(BUILD)/bench/floor $(BUILD)/bench/covers
$(BUILD)/bench/runner: tests/bench/runner.c tests/bench/timing.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $<
$(BUILD)/bench/stages: tests/bench/stages.c tests/bench/timing.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lpthread
$(BUILD)/bench/floor: tests/bench/floor.c tests/bench/timing.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lpthread
$(BUILD)/bench/covers: tests/bench/covers.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lpthread
bench: deps
	$(MAKE) all $(BENCH_BINS)
	BUILD=$(BUILD) sh tests/bench/bench.sh

# ---------------------------------------------------------------- install
# `make install PREFIX=/usr DESTDIR=/tmp/pkg`: the binary, the styles, the font
# list (the font files come from Debian packages, see fonts/packages) and the
# man page.  The binary looks for its data in $(DATADIR) (rebuilt when it changes).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/styles $(DESTDIR)$(DATADIR)/fonts \
	  $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/warta
	@set -e; for f in styles/*.style; do [ ! -f "$$f" ] || \
	  { echo "install -m 644 $$f $(DESTDIR)$(DATADIR)/styles/"; install -m 644 "$$f" $(DESTDIR)$(DATADIR)/styles/; }; done
	@set -e; for f in fonts/*; do [ ! -f "$$f" ] || \
	  { echo "install -m 644 $$f $(DESTDIR)$(DATADIR)/fonts/"; install -m 644 "$$f" $(DESTDIR)$(DATADIR)/fonts/; }; done
	install -m 644 warta.1 $(DESTDIR)$(MANDIR)/man1/warta.1
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man3
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libwarta.a
	install -m 755 $(SO) $(DESTDIR)$(LIBDIR)/libwarta.so.$(VERSION)
	ln -sf libwarta.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libwarta.so
	install -m 644 src/warta.h $(DESTDIR)$(INCLUDEDIR)/warta.h
	install -m 644 $(BUILD)/warta.pc $(DESTDIR)$(LIBDIR)/pkgconfig/warta.pc
	install -m 644 $(BUILD)/warta.3 $(DESTDIR)$(MANDIR)/man3/warta.3
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completions/warta.bash $(DESTDIR)$(BASHCOMPDIR)/warta
	install -m 644 completions/_warta $(DESTDIR)$(ZSHCOMPDIR)/_warta

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libwarta.a $(DESTDIR)$(LIBDIR)/libwarta.so* \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/warta.pc $(DESTDIR)$(INCLUDEDIR)/warta.h $(DESTDIR)$(MANDIR)/man3/warta.3
	rm -f $(DESTDIR)$(BINDIR)/warta $(DESTDIR)$(MANDIR)/man1/warta.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/warta $(DESTDIR)$(ZSHCOMPDIR)/_warta
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz
