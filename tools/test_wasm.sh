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
  *) echo "usage: $0 chromium|firefox [timing]" >&2; exit 2 ;;
esac
if [ "${2:-}" = timing ]; then
  # The extraction timing test on optimised code, with its log (README
  # "Performance"). Tests need unwinding; LTO only slows the build down.
  CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    exec cargo test -p purpose-greenhouse --target wasm32-unknown-unknown "${WASM_BUILD_ARGS[@]}" \
    --features content --release --target-dir "$ROOT/target/wasm-timing" --test web_extract \
    -- --nocapture full_profile_extraction_time
fi
# The wasm tests are the same for both modules' shared code; the content
# feature adds the DOM adapter they exercise.
cargo test -p purpose-greenhouse --target wasm32-unknown-unknown "${WASM_BUILD_ARGS[@]}" \
  --features content --tests
