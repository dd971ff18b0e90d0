#!/usr/bin/env bash
# Run the wasm-bindgen-test suites (DOM extraction over the fixture pages) in
# one real headless browser: chromium | firefox.
# The runner picks Firefox whenever GECKODRIVER is set, so set exactly one.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
pg_use_route
cd "$ROOT"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$CARGO_BIN/wasm-bindgen-test-runner"
unset CHROMEDRIVER GECKODRIVER
case "${1:-}" in
  chromium) export CHROMEDRIVER=/usr/bin/chromedriver ;;
  firefox) export GECKODRIVER="$CARGO_BIN/geckodriver" ;;
  *) echo "usage: $0 chromium|firefox" >&2; exit 2 ;;
esac
# The wasm tests are the same for both modules' shared code; the content
# feature adds the DOM adapter they exercise.
cargo test -p purpose-greenhouse --target wasm32-unknown-unknown "${WASM_BUILD_ARGS[@]}" \
  --features content --tests
