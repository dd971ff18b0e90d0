#!/usr/bin/env bash
# Build both WebAssembly modules and assemble the Chrome and Firefox
# extensions from the one manifest:
#   dist/chrome/, dist/firefox/                          unpacked, loadable
#   dist/purpose-greenhouse-{chrome,firefox}-<ver>.zip   store-ready
# PROFILE=bench builds the bench variant into dist-bench/ (performance marks).
# Builds into a staging folder and swaps it in at the end, so a failed build
# never leaves a half-built dist/.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
pg_use_route

cd "$ROOT"
FEATURE_EXTRA=""
DIST="$ROOT/dist"
TARGET_DIR="$ROOT/target"
STAGE="$ROOT/target/stage"
if [ "${PROFILE:-release}" = bench ]; then
  # Its own cargo target dir and staging folder: a `make build` running at
  # the same time would otherwise overwrite the .wasm between this build's
  # cargo and wasm-bindgen steps (the bench then measures a module without
  # its marks).
  FEATURE_EXTRA=",bench"
  DIST="$ROOT/dist-bench"
  TARGET_DIR="$ROOT/target/bench-build"
  STAGE="$ROOT/target/stage-bench"
fi
PKG="$STAGE/pkg"
# One build of a kind at a time: two would share the staging folder and
# cargo's output .wasm (one module could end up in the other's place).
mkdir -p "$TARGET_DIR"
exec 9>"$STAGE.lock"
flock 9
rm -rf "$STAGE"
mkdir -p "$PKG"

WASM_OUT="$TARGET_DIR/wasm32-unknown-unknown/release/purpose_greenhouse.wasm"

# Shipped modules only (tests keep their panic messages): a panic traps at
# once, without linking the panic-message formatting. Nothing is lost: no
# panic hook is installed, and on wasm32-unknown-unknown the default hook's
# stderr goes nowhere, so a panic was already just an `unreachable` trap.
# Saves ~7 KB gzip on the content module (README "Performance"). Needs the
# nightly flag gate, which only the Debian route opens (RUSTC_BOOTSTRAP=1).
RELEASE_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}"
if [ "${RUSTC_BOOTSTRAP:-}" = 1 ]; then
  RELEASE_RUSTFLAGS="$RELEASE_RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort"
fi

# Build one module: $1 = module name (content | extension) = cargo feature.
build_module() {
  local module=$1
  echo "==> building the $module module"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$RELEASE_RUSTFLAGS" \
    cargo build -p purpose-greenhouse --release --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" \
    "${WASM_BUILD_ARGS[@]}" --no-default-features --features "$module$FEATURE_EXTRA"
  wasm-bindgen --target no-modules --no-typescript \
    --remove-name-section --remove-producers-section \
    --out-dir "$PKG" --out-name "$module" "$WASM_OUT"
  wasm-opt -Oz --strip-debug --strip-producers "$PKG/${module}_bg.wasm" -o "$PKG/${module}_bg.wasm"
}

build_module content
build_module extension

# The same content module as plain JavaScript, for Chromium pages whose CSP
# blocks WebAssembly in content scripts (crbug 1385796). Loaded by
# extension/content.js only when WebAssembly fails.
echo "==> wasm2js fallback for the content module"
wasm2js "$PKG/content_bg.wasm" -Oz -o "$STAGE/content_w2j.mjs"
python3 tools/wasm2js_module.py "$STAGE/content_w2j.mjs" "$PKG/content_w2j.js"

VERSION=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' manifest.json)
for browser in chrome firefox; do
  out="$STAGE/$browser"
  mkdir -p "$out"
  cp -R extension/. "$out/"
  cp -R "$PKG" "$out/pkg"
  rm -f "$out/pkg/"*.d.ts
  python3 tools/manifest.py "$browser" manifest.json "$out/manifest.json"
  if [ "$browser" = firefox ]; then
    python3 tools/manifest.py --chromium-only-files | while read -r f; do rm -f "$out/$f"; done
  fi
  (cd "$out" && rm -f "$STAGE/purpose-greenhouse-$browser-$VERSION.zip" &&
    zip -qrX "$STAGE/purpose-greenhouse-$browser-$VERSION.zip" .)
done

rm -rf "$DIST"
mkdir -p "$DIST"
mv "$STAGE/chrome" "$STAGE/firefox" "$STAGE"/purpose-greenhouse-*.zip "$DIST/"
echo "==> built $(realpath --relative-to="$ROOT" "$DIST"): chrome/, firefox/ and zips (version $VERSION)"
ls -l "$PKG" | awk 'NR>1 {printf "    %-24s %8d bytes\n", $9, $5}'
