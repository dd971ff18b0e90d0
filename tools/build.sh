#!/usr/bin/env bash
# Build both WebAssembly modules and assemble the Chrome and Firefox
# extensions from the one manifest:
#   dist/chrome/, dist/firefox/                          unpacked, loadable
#   dist/purpose-greenhouse-{chrome,firefox}-<ver>.zip   store-ready, byte for byte
#                                                        reproducible (`make release`)
# PROFILE=bench builds the bench variant into dist-bench/ (performance marks).
# Builds into a staging folder and swaps it in at the end, so a failed build
# never leaves a half-built dist/.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
pg_use_route

cd "$ROOT"
# Debian's python3 (what a fresh Debian 12 has, and README-AMO.md pins: its
# zlib writes the zips), else whichever is on PATH.
PG_PYTHON=${PG_PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
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

# Reproducible builds (README "Releasing"): panic locations name source
# files, and rustc writes them as cargo passes them: absolute for the
# registry's crates ($CARGO_HOME), for the standard library that -Zbuild-std
# compiles from the toolchain's rust-src (rustup's or Debian's sysroot) and
# for anything under this checkout (target/, build-script output). Each is
# remapped to a fixed name, so the modules are the same whichever directory,
# user or route built them. rustc uses the last matching prefix: the most
# specific directories come last. Both the path and its resolved form are
# remapped, in case one of them is a symbolic link.
# Checked after the build: tools/release.sh scans dist/ for these paths.
SYSROOT_SRC="$(rustc --print sysroot)/lib/rustlib/src/rust"
remap_path() {
  local from=$1 to=$2 path
  for path in "$from" "$(realpath -m "$from")"; do
    case "$path" in
      *[[:space:]]*) echo "error: '$path' has a space; cargo cannot pass it in RUSTFLAGS" >&2; exit 1 ;;
    esac
    RELEASE_RUSTFLAGS="$RELEASE_RUSTFLAGS --remap-path-prefix=$path=$to"
  done
}
remap_path "$ROOT" /purpose-greenhouse
remap_path "$CARGO_HOME" /cargo
remap_path "$SYSROOT_SRC" /rust-src
# A release build uses Cargo.lock exactly as committed (tools/release.sh).
CARGO_LOCKED=()
if [ "${PG_RELEASE:-}" = 1 ]; then CARGO_LOCKED=(--locked); fi

# Build one module: $1 = module name (content | extension) = cargo feature,
# $2 = what to optimize for: z (size) or 3 (speed), for rustc and wasm-opt.
build_module() {
  local module=$1 opt=$2
  echo "==> building the $module module (opt-level $opt)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$RELEASE_RUSTFLAGS" \
    cargo build -p purpose-greenhouse --release --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" \
    "${CARGO_LOCKED[@]}" "${WASM_BUILD_ARGS[@]}" --no-default-features --features "$module$FEATURE_EXTRA"
  wasm-bindgen --target no-modules --no-typescript \
    --remove-name-section --remove-producers-section \
    --out-dir "$PKG" --out-name "$module" "$WASM_OUT"
  wasm-opt "-O$opt" --strip-debug --strip-producers "$PKG/${module}_bg.wasm" -o "$PKG/${module}_bg.wasm"
}

# The content module loads on every Purpose Jobs page: size first (its
# 60 KB budget). The background module loads once per background start and
# runs the click: reading the snapshot and the send path, in V8's baseline
# tier right after a start. For speed the reading of the full-profile
# fixture takes 235 instead of 401 µs natively (issue 12, README
# "Performance"); the module grows, but only the background loads it.
build_module content z
build_module extension 3

# The same content module as plain JavaScript, for Chromium pages whose CSP
# blocks WebAssembly in content scripts (crbug 1385796). Loaded by
# extension/content.js only when WebAssembly fails.
echo "==> wasm2js fallback for the content module"
wasm2js "$PKG/content_bg.wasm" -Oz -o "$STAGE/content_w2j.mjs"
"$PG_PYTHON" tools/wasm2js_module.py "$STAGE/content_w2j.mjs" "$PKG/content_w2j.js"

# The content module travels inside a content script (base64) instead of
# being fetched as a web-accessible file: one round trip less before the
# content script is ready (tools/embed_module.py says how much).
echo "==> the content module as a content script"
"$PG_PYTHON" tools/embed_module.py "$PKG/content_bg.wasm" "$PKG/content_module.js"

VERSION=$("$PG_PYTHON" tools/release.py version)
for browser in chrome firefox; do
  out="$STAGE/$browser"
  mkdir -p "$out"
  cp -R extension/. "$out/"
  cp -R "$PKG" "$out/pkg"
  # content_bg.wasm ships inside content_module.js only.
  rm -f "$out/pkg/"*.d.ts "$out/pkg/content_bg.wasm"
  "$PG_PYTHON" tools/manifest.py "$browser" manifest.json "$out/manifest.json"
  if [ "$browser" = firefox ]; then
    "$PG_PYTHON" tools/manifest.py --chromium-only-files | while read -r f; do rm -f "$out/$f"; done
  fi
  # Sorted entries, fixed dates and permissions: the same bytes on every
  # machine (tools/release.py says why not `zip -r`).
  "$PG_PYTHON" tools/release.py zip "$out" "$STAGE/purpose-greenhouse-$browser-$VERSION.zip"
done

rm -rf "$DIST"
mkdir -p "$DIST"
mv "$STAGE/chrome" "$STAGE/firefox" "$STAGE"/purpose-greenhouse-*.zip "$DIST/"
echo "==> built $(realpath --relative-to="$ROOT" "$DIST"): chrome/, firefox/ and zips (version $VERSION)"
ls -l "$PKG" | awk 'NR>1 {printf "    %-24s %8d bytes\n", $9, $5}'
