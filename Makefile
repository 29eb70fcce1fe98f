# A thin wrapper around CMake. `make demo` and `make check` do everything on a
# fresh Debian 12 machine, installing the packages they need when missing.
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz_parsers fuzz_csv_import fuzz_xlsx fuzz_web
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= $(BUILD)/demo.db
PORT       ?= 8080

.PHONY: all deps build build-asan build-fuzz demo check check-asan check-fuzz fuzz test clean format \
        check-valgrind valgrind soak

all: build

deps:
	@bash scripts/deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(BUILD_ASAN)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DDUIKOU_SANITIZE=ON

build-asan: deps $(BUILD_ASAN)/CMakeCache.txt
	cmake --build $(BUILD_ASAN) -j $(JOBS)

# The main job on the embedded default: the demo world and its 2004 summary,
# a user per role (names and passwords printed), then the web application on
# it until Ctrl-C (PORT=8081 make demo for
# another port).
demo: build
	$(BUILD)/duikou --db $(DEMO_DB) demo --force
	$(BUILD)/duikou --db $(DEMO_DB) report annual --year 2004
	@echo
	@bash scripts/demo-users.sh $(BUILD)/duikou $(DEMO_DB)
	@echo
	@echo "The web application: http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	$(BUILD)/duikou --db $(DEMO_DB) serve --listen 127.0.0.1:$(PORT)

test: build
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure

# Every test, on the normal build and under AddressSanitizer + UBSan, and
# each fuzz target for 60 s.
check: build build-asan
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest -j $(JOBS) --output-on-failure
	$(MAKE) check-fuzz
	$(MAKE) check-valgrind

# The libFuzzer targets (clang, libclang-rt-14-dev), only they, in build-fuzz.
$(BUILD_FUZZ)/CMakeCache.txt: | deps
	CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDUIKOU_FUZZ=ON -DDUIKOU_PG_TESTS=OFF

build-fuzz: deps $(BUILD_FUZZ)/CMakeCache.txt
	cmake --build $(BUILD_FUZZ) -j $(JOBS) --target $(FUZZ_TARGETS)

# Each fuzz target for 60 s, two at a time (ctest -L fuzz): the bounded run of make check.
check-fuzz: build-fuzz
	cd $(BUILD_FUZZ) && ctest -j $(JOBS) -L fuzz --output-on-failure

# Each fuzz target for FUZZ_SECONDS (60 by default), one after the other;
# new inputs go to build-fuzz/fuzz-corpus/NAME, a crash to build-fuzz/.
fuzz: build-fuzz
	cd $(BUILD_FUZZ) && for t in $(FUZZ_TARGETS); do \
	  ./$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    fuzz-corpus/$$t ../tests/fuzz/corpus/$$t || exit 1; done

check-asan: build-asan
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest -j $(JOBS) --output-on-failure

# valgrind memcheck of the command-line tests (tests/valgrind.sh: each start
# of the binary under valgrind, errors and definite or indirect leaks fail).
# make check runs three of them (import, report, check: the importer and
# every kind's checks, the reports and their renderings); five took 30 min
# on two cores shared with four other builds, and CI's 90 min must hold the
# rest of make check too. The whole suite: make valgrind (and make soak).
VALGRIND_CHECK = test_import test_report test_check
check-valgrind: build
	bash tests/valgrind.sh $(BUILD)/duikou $(VALGRIND_CHECK)

valgrind: build
	bash tests/valgrind.sh $(BUILD)/duikou

# The long versions of the reliability tests: the load test for SOAK_SECONDS
# (300) on SQLite and on PostgreSQL, the crash test with SOAK_KILLS kills,
# the whole command-line suite under valgrind, each fuzz target for
# SOAK_FUZZ_SECONDS (300).
SOAK_SECONDS ?= 300
SOAK_KILLS ?= 500
SOAK_FUZZ_SECONDS ?= 300
soak: build
	cd $(BUILD) && LOAD_SECONDS=$(SOAK_SECONDS) ctest -R '^cli_test_load(_pg)?$$' --timeout $$(($(SOAK_SECONDS) + 900)) --output-on-failure
	cd $(BUILD) && CRASH_KILLS=$(SOAK_KILLS) ctest -R '^cli_test_crash(_pg)?$$' --timeout 3600 --output-on-failure
	$(MAKE) valgrind
	$(MAKE) fuzz FUZZ_SECONDS=$(SOAK_FUZZ_SECONDS)

format:
	clang-format -i src/*.c src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
