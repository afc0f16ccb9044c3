# docgen: build the guide's site, run the tests. Works as root on a fresh Debian machine.
SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config bubblewrap
TEST_APT_PACKAGES := chromium chromium-driver python3-selenium python3-pip bubblewrap nginx-light

.PHONY: site test deps test-deps build release clean

## site: build content/ into site/ (installs libcmark-gfm-dev when missing)
site: release
	.build/release/docgen build .

## test: run every test (unit, fixture sites, CLI, browser)
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -f /usr/include/cmark-gfm-core-extensions.h ] || ! command -v bwrap >/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
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

clean:
	rm -rf .build site
