# Purpose Jobs → Greenhouse. The two commands a newcomer needs:
#   make demo   build, start the local Greenhouse sandbox, send a candidate end to end
#   make test   every check: format, lints, native, in-browser and end-to-end tests
# Everything else is a step of those two.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
ROUTE := source tools/toolchain.sh && pg_use_route
PYTEST := .venv/bin/python -m pytest

.PHONY: help setup build demo test bench lint fmt test-native test-wasm test-wasm-chromium test-wasm-firefox \
	test-sandbox test-bench-harness test-e2e lint-extension check-paths test-release release check-reproducible store-assets clean

help:
	@echo "make demo    send a candidate end to end through the local Greenhouse sandbox"
	@echo "make test    run every test (lints, native, wasm in Chromium and Firefox, end to end)"
	@echo "make build   dist/chrome, dist/firefox and the store zips"
	@echo "make release the store zips and AMO's source zip, checked (README \"Releasing\")"
	@echo "make bench   measure sizes and speeds against their budgets"
	@echo "make store-assets  the store screenshots (1280x800, light and dark) from the built dist/"
	@echo "make setup   install the toolchain, browsers and test tools (idempotent)"

setup:
	@tools/setup.sh

build: setup
	@tools/build.sh

demo: build
	@.venv/bin/python tools/demo.py

fmt:
	@$(ROUTE) && cargo fmt --all

lint: setup
	@echo "==> cargo fmt --check"
	@$(ROUTE) && cargo fmt --all --check
	@echo "==> cargo clippy (native)"
	@$(ROUTE) && cargo clippy --workspace --all-targets -- -D warnings
	@for module in content extension; do \
		echo "==> cargo clippy (wasm32, $$module)"; \
		$(ROUTE) && cargo clippy -p purpose-greenhouse --target wasm32-unknown-unknown "$${WASM_BUILD_ARGS[@]}" \
			--no-default-features --features $$module --all-targets -- -D warnings; \
	done
	@echo "==> cargo doc -D warnings (native, and wasm32 for both modules)"
	@$(ROUTE) && RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
	@for module in content extension; do \
		$(ROUTE) && RUSTDOCFLAGS="-D warnings" cargo doc -p purpose-greenhouse --no-deps --quiet \
			--target wasm32-unknown-unknown "$${WASM_BUILD_ARGS[@]}" --no-default-features --features $$module; \
	done

# AMO's rules for a listed add-on (no --self-hosted), warnings fail too.
lint-extension: build
	@echo "==> web-ext lint dist/firefox"
	@node_modules/.bin/web-ext lint --source-dir dist/firefox --warnings-as-errors --output text

# The build names no directory of this machine (the path remaps of
# tools/build.sh), on whichever toolchain route is in use.
check-paths: build
	@tools/check_paths.sh dist/chrome dist/firefox

test-native: setup
	@echo "==> cargo test (native)"
	@$(ROUTE) && cargo test --workspace

test-wasm-chromium: setup
	@echo "==> wasm-bindgen-test in headless Chromium"
	@tools/test_wasm.sh chromium

test-wasm-firefox: setup
	@echo "==> wasm-bindgen-test in headless Firefox"
	@tools/test_wasm.sh firefox

test-wasm: test-wasm-chromium test-wasm-firefox

test-sandbox: setup
	@echo "==> Greenhouse sandbox tests, and the tools' own tests (report → fixture)"
	@$(PYTEST) tests/sandbox tests/tools -q

# The bench's own tests (statistics, the instrumented copies, the page probe in both browsers);
# the budgets themselves are checked by `make bench`, never here.
test-bench-harness: setup
	@echo "==> bench harness tests"
	@$(PYTEST) tests/bench -q

test-e2e: build
	@echo "==> end-to-end tests in Chromium and Firefox"
	@$(PYTEST) tests/e2e -q

# The release tools' own tests, and the one version agreeing everywhere
# (package.json, Cargo.toml, Cargo.lock, a CHANGELOG.md entry).
test-release: setup
	@echo "==> release tools and version"
	@$(PYTEST) tests/release -q
	@.venv/bin/python tools/release.py check --unreleased-ok

test: lint test-native test-wasm test-sandbox test-bench-harness test-release lint-extension check-paths test-e2e
	@echo "==> all tests passed"

bench: setup
	@PROFILE=bench tools/build.sh
	@.venv/bin/python tests/bench/run.py

# The store uploads and AMO's source, byte for byte reproducible (README
# "Releasing", README-AMO.md); refuses unpinned tools or uncommitted changes.
release: setup
	@tools/release.sh

# Builds the release of HEAD in a fresh clone, then again, minutes later and
# in another directory, from that build's source zip alone, and compares the
# zips byte for byte. Runs from .ci/run after `make test`, not from `make
# test`: it proves a property of a commit (uncommitted changes are not in the
# clone), and its two release builds from scratch (standard library, crates,
# LTO: ~2.5 min of CPU each; the whole check took 15-18 min on this 2-core
# machine shared with other builds) would double the time of every local
# `make test` (~13 min in CI), while CI's 90 min hold both.
check-reproducible: setup
	@tools/check_reproducible.sh

# The store screenshots from the built extension on the fixture pages (tools/store_assets.py):
# dist/store-assets/chromium/*.png, light and dark. Builds nothing: run `make build` first.
# STORE_BROWSERS=chromium,firefox adds Firefox's.
store-assets:
	@test -f dist/chrome/manifest.json || { echo "error: no dist/chrome: run 'make build' first" >&2; exit 1; }
	@.venv/bin/python tools/store_assets.py --browsers "$${STORE_BROWSERS:-chromium}"

clean:
	rm -rf dist dist-bench target/stage target/pkg tests/.tmp
