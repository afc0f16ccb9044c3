# docgen: build the guide's site, run the tests. Works as root on a fresh Debian machine.
SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config bubblewrap bash-static
TEST_APT_PACKAGES := chromium chromium-driver python3-selenium python3-pip python3-html5lib bubblewrap nginx-light wrk

.PHONY: site test deps test-deps build release clean bench fuzz

## site: build content/ into site/ (installs libcmark-gfm-dev when missing)
site: release
	.build/release/docgen build .

## test: run every test (unit, fixture sites, CLI, browser)
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

test-deps:
	@missing=""; for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@/usr/bin/python3 -c "import axe_selenium_python" 2>/dev/null || \
		/usr/bin/python3 -m pip install --quiet --break-system-packages --no-deps axe-selenium-python==2.1.6

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product docgen

## bench: time docgen against Hugo and cmark-gfm at 1k, 3k and 10k pages (not part of test);
## options go in BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 1000 --runs 1" or BENCH_ARGS=--write-docs
bench: release
	@missing=""; for p in hugo cmark-gfm time python3-matplotlib; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	/usr/bin/python3 scripts/bench/bench.py --docgen .build/release/docgen $(BENCH_ARGS)

clean:
	rm -rf .build site

## fuzz: build the libFuzzer targets in Fuzz/ (-sanitize=fuzzer,address, into .build-fuzz) and run each
## for FUZZ_SECONDS on one core, seeded from content/, the test fixtures and the job-script corpus.
## Not part of test. Corpora, logs and crash inputs go to fuzz-out/ (ignored), e.g.
## make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="FuzzSlurm FuzzToolOutput"
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzMarkdown FuzzFrontMatter FuzzTranscript FuzzSlurm FuzzToolOutput
FUZZ_OUT ?= fuzz-out
FUZZ_ARGS ?= -rss_limit_mb=2048 -timeout=10
fuzz: deps
	@# SwiftPM keeps a path dependency's file list in its build plan: drop the plan so new files are seen.
	rm -f .build-fuzz/*/debug/description.json
	$(SWIFT) build -c debug --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
	/usr/bin/python3 Fuzz/seed-corpus.py . $(FUZZ_OUT)/seeds
	@status=0; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_OUT)/corpus/$$t $(FUZZ_OUT)/artifacts/$$t; \
		echo "== $$t ($(FUZZ_SECONDS)s)"; \
		ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no .build-fuzz/debug/$$t $(FUZZ_OUT)/corpus/$$t $(FUZZ_OUT)/seeds/$$t \
			-dict=Fuzz/dict/$$t.dict -max_total_time=$(FUZZ_SECONDS) $(FUZZ_ARGS) \
			-artifact_prefix=$(FUZZ_OUT)/artifacts/$$t/ -print_final_stats=1 \
			> $(FUZZ_OUT)/$$t.log 2>&1 || { status=1; echo "$$t found a problem: see $(FUZZ_OUT)/$$t.log and $(FUZZ_OUT)/artifacts/$$t/"; }; \
		tail -n 12 $(FUZZ_OUT)/$$t.log | grep -E '^(stat::|Done|#[0-9]+ *DONE)' || true; \
	done; exit $$status
