# A thin wrapper around CMake. `make demo` and `make check` do everything on a
# fresh Debian 12 machine, installing the packages they need when missing.
BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= $(BUILD)/demo.db
PORT       ?= 8080

.PHONY: all deps build build-asan demo check check-asan test clean format

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

# Every test, on the normal build and under AddressSanitizer + UBSan.
check: build build-asan
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest -j $(JOBS) --output-on-failure

check-asan: build-asan
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest -j $(JOBS) --output-on-failure

format:
	clang-format -i src/*.c src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
