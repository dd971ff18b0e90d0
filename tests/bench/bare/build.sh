#!/usr/bin/env bash
# Build the bare baseline module into target/bench/bare/pkg with the same
# toolchain route and the same wasm-bindgen / wasm-opt steps as tools/build.sh
# (keep the two in step), then assemble its tiny test extension next to it:
#   target/bench/bare/{chrome,firefox}/   manifest + loader + pkg/bare*.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../../../tools/toolchain.sh"
pg_use_route

OUT="$ROOT/target/bench/bare"
PKG="$OUT/pkg"
rm -rf "$OUT"
mkdir -p "$PKG"
# The release flags of tools/build.sh (see there).
RELEASE_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}"
if [ "${RUSTC_BOOTSTRAP:-}" = 1 ]; then
  RELEASE_RUSTFLAGS="$RELEASE_RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort"
fi
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$RELEASE_RUSTFLAGS" \
  cargo build -q --manifest-path "$HERE/Cargo.toml" --release --target wasm32-unknown-unknown \
  "${WASM_BUILD_ARGS[@]}" --target-dir "$ROOT/target/bench-bare"
wasm-bindgen --target no-modules --no-typescript \
  --remove-name-section --remove-producers-section \
  --out-dir "$PKG" --out-name bare "$ROOT/target/bench-bare/wasm32-unknown-unknown/release/bench_bare.wasm"
wasm-opt -Oz --strip-debug --strip-producers "$PKG/bare_bg.wasm" -o "$PKG/bare_bg.wasm"
for browser in chrome firefox; do
  mkdir -p "$OUT/$browser"
  cp -R "$HERE/extension/." "$OUT/$browser/"
  cp -R "$PKG" "$OUT/$browser/pkg"
  rm -f "$OUT/$browser/pkg/"*.d.ts
done
