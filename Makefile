# Hearth build: `make` (release binary), `make run` (demo server), `make check` (every test under ASan+UBSan).
PKGS    := libh2o-evloop sqlite3 libpq jansson libsodium
CC      ?= cc
# -Wno-missing-field-initializers: tables (routes, descriptors) leave their optional trailing members out.
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -DH2O_USE_LIBUV=0 -Wall -Wextra -Werror -Wno-missing-field-initializers -g -Isrc -Ibuild/gen \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lssl -lcrypto -lz -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRCS    := $(sort $(wildcard src/*/*.c))
LIBSRCS := $(filter-out src/main.c,$(SRCS))
MIGS    := $(sort $(wildcard migrations/*.sql))
GEN     := build/gen/migrations.c

REL_OBJS := $(patsubst src/%.c,build/rel/%.o,$(LIBSRCS) src/main.c) build/rel/gen/migrations.o
SAN_OBJS := $(patsubst src/%.c,build/san/%.o,$(LIBSRCS)) build/san/gen/migrations.o
UNITS    := $(patsubst tests/unit/%.c,build/san/tests/%,$(sort $(wildcard tests/unit/test_*.c)))
# Message catalogues: po/LANG.po -> locale/LANG/LC_MESSAGES/hearth.mo, read by `hearth serve` at start.
LOCALES  := $(patsubst po/%.po,locale/%/LC_MESSAGES/hearth.mo,$(wildcard po/*.po))

.PHONY: all run serve-demo check check-tests deps clean bench format pot fuzz fuzzers
all: build/hearth $(LOCALES)

locale/%/LC_MESSAGES/hearth.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<
# The template of every text _() and N_() mark, for translators (po/hearth.pot).
pot:
	@mkdir -p po
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --add-comments=TRANSLATORS \
	  -o po/hearth.pot $(sort $(wildcard src/*/*.c)) src/main.c

deps:
	@scripts/deps

$(GEN): $(MIGS) scripts/embed-migrations
	@mkdir -p $(dir $@)
	scripts/embed-migrations $(MIGS) > $@

build/rel/%.o: src/%.c $(GEN) $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(BASE_CFLAGS) -O2 -c $< -o $@
build/rel/gen/migrations.o: $(GEN)
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(BASE_CFLAGS) -O2 -c $< -o $@
build/hearth: $(REL_OBJS)
	$(CC) -o $@ $^ $(LIBS)

build/san/%.o: src/%.c $(GEN) $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC [san] $<"; $(CC) $(BASE_CFLAGS) -O1 $(SAN) -c $< -o $@
build/san/gen/migrations.o: $(GEN)
	@mkdir -p $(dir $@)
	@echo "  CC [san] $<"; $(CC) $(BASE_CFLAGS) -O1 $(SAN) -c $< -o $@
build/san/hearth: $(SAN_OBJS) build/san/main.o
	$(CC) $(SAN) -o $@ $^ $(LIBS)
build/san/tests/%: tests/unit/%.c $(SAN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 $(SAN) -o $@ $< $(SAN_OBJS) $(LIBS) -lcmocka
build/san/apitest: tests/api/apitest.c $(SAN_OBJS)
	$(CC) $(BASE_CFLAGS) -O1 $(SAN) -o $@ $< $(SAN_OBJS) $(LIBS)
build/san/crashload: tests/crash/crashload.c $(SAN_OBJS)
	$(CC) $(BASE_CFLAGS) -O1 $(SAN) -o $@ $< $(SAN_OBJS) $(LIBS)
# The disk-fault shim of tests/fault/run (LD_PRELOAD; never linked into hearth).
build/fault-shim.so: tests/fault/shim.c
	$(CC) -std=c17 -Wall -Wextra -Werror -O1 -fPIC -shared -o $@ $< -ldl
# The crash test's long mode (bench/CRASH.md) runs release builds: build/hearth and this.
build/crashload: tests/crash/crashload.c $(filter-out build/rel/main.o,$(REL_OBJS))
	$(CC) $(BASE_CFLAGS) -O2 -o $@ $< $(filter-out build/rel/main.o,$(REL_OBJS)) $(LIBS)

# libFuzzer harnesses (tests/fuzz/fuzz_*.c): src/ once more with clang under the fuzzer's coverage,
# ASan and UBSan in build/fuzz/, each harness linked with libFuzzer's main. `make check` runs each
# for a few seconds (tests/run-all); `make fuzz` for FUZZ_SECONDS each (corpora: tests/fuzz/corpus/).
FUZZCC    ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_OBJS := $(patsubst src/%.c,build/fuzz/%.o,$(LIBSRCS)) build/fuzz/gen/migrations.o
FUZZERS   := $(patsubst tests/fuzz/%.c,build/fuzz/bin/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SECONDS ?= 300

build/fuzz/%.o: src/%.c $(GEN) $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC [fuzz] $<"; $(FUZZCC) $(BASE_CFLAGS) -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c $< -o $@
build/fuzz/gen/migrations.o: $(GEN)
	@mkdir -p $(dir $@)
	@echo "  CC [fuzz] $<"; $(FUZZCC) $(BASE_CFLAGS) -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c $< -o $@
build/fuzz/bin/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD [fuzz] $@"; $(FUZZCC) $(BASE_CFLAGS) -O1 -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_OBJS) $(LIBS)
# The objects are kept (not removed as intermediates at the end, which would also bury make check's
# last line, "N passed, N failed", under an rm).
.SECONDARY: $(FUZZ_OBJS)
fuzzers: $(FUZZERS)
fuzz: deps
	@$(MAKE) --no-print-directory fuzzers
	tests/fuzz/run --long $(FUZZ_SECONDS) $(FUZZERS)

# `make run` serves var/hearth.db (SQLite); `make run DB=postgresql://...` serves a PostgreSQL
# database instead, filled with the same demo data when it holds no clients yet.
DB = var/hearth.db
# deps first, in its own make: the compiler flags come from pkg-config, which only knows the
# libraries once scripts/deps has installed them (a fresh machine has none of them).
run: deps
	@$(MAKE) --no-print-directory serve-demo DB="$(DB)"
serve-demo: build/hearth $(LOCALES)
	@mkdir -p var
	@case "$(DB)" in postgres*) ./build/hearth demo --db "$(DB)" --clients 500 --if-empty ;; \
	  *) test -f "$(DB)" || ./build/hearth demo --db "$(DB)" --clients 500 ;; esac
	@./build/hearth evaluate --db "$(DB)" >/dev/null # the control tower's figures (every night after)
	@echo ""
	@echo "  Hearth: open http://127.0.0.1:8080 and log in (password hearth-demo-2026 for every demo account):"
	@echo "    admin (administrator)   sup (supervisor)        cm1 cm2 cm3 (case managers)"
	@echo "    psy1 nurse1 (clinicians) peer1 (peer supporter) desk1 (care-desk officer)"
	@echo "    housing1 (housing coordinator)  care1 (care worker)  cm4 (case manager, Eastgate)"
	@echo "    analyst1 (analyst)  taskforce1 (the city's task force: the control tower, aggregates only)"
	@echo "  Stop with Ctrl-C."
	@echo ""
	./build/hearth serve --db "$(DB)" --listen 127.0.0.1:8080

TESTBINS := $(if $(wildcard tests/api/apitest.c),build/san/apitest) $(if $(wildcard tests/crash/crashload.c),build/san/crashload) \
            $(if $(wildcard tests/fault/shim.c),build/fault-shim.so)

check: deps
	@$(MAKE) --no-print-directory check-tests
check-tests: build/hearth build/san/hearth $(LOCALES) $(UNITS) $(TESTBINS) $(FUZZERS)
	@tests/run-all

bench: deps build/hearth
	bench/run
# The suppression library's timing (bench/RESULTS.md, "Suppression"); not run by make check.
build/bench-suppress: bench/suppress.c build/rel/core/suppress.o
	$(CC) $(BASE_CFLAGS) -O2 -o $@ $^
# The second, physical bound of bench/run's (a) (issue 15): h2o answering after one group-committed
# SQLite insert per request; bench/run builds it. Not run by make check.
build/bench-bound: bench/bound.c
	@mkdir -p build
	$(CC) $(BASE_CFLAGS) -O2 -o $@ $< $(shell pkg-config --libs libh2o-evloop sqlite3 2>/dev/null) -lssl -lcrypto -lz -lpthread

format:
	clang-format -i src/*/*.c src/*/*.h src/main.c tests/unit/*.c

clean:
	rm -rf build locale
