#!/usr/bin/env bash
# No directory of this machine in what was built (the --remap-path-prefix
# flags of tools/build.sh), for whichever toolchain route is in use:
#   tools/check_paths.sh [DIR...]      default: dist/chrome dist/firefox
# The directories: this checkout, $CARGO_HOME, $RUSTUP_HOME, the toolchain's
# sysroot (unless it is / or /usr, as on the Debian route, whose paths any
# program may name), the standard library's source that -Zbuild-std
# compiles and the other places rustc finds it, $HOME; each also where its
# symbolic links lead (Debian's /usr/lib/rustlib/src/rust is a link to
# /usr/src/rustc-<version>). Run by `make release` (tools/release.sh) and by
# `make test` on the ordinary build.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
pg_use_route
cd "$ROOT"
PG_PYTHON=${PG_PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
if [ $# -eq 0 ]; then set -- dist/chrome dist/firefox; fi

sysroot=$(rustc --print sysroot)
needles=()
for dir in "$ROOT" "$CARGO_HOME" "${RUSTUP_HOME:-$HOME/.rustup}" "$sysroot" \
  "$sysroot/lib/rustlib/src" "$sysroot/lib/rustlib/src/rust" "$sysroot/lib/rustlib/src/rust/library" \
  "$sysroot/lib/rustlib/rustc-src/rust" "$HOME"; do
  for path in "$dir" "$(realpath -m "$dir")"; do
    case "$path" in / | /usr | /usr/lib | /usr/lib/rustlib) continue ;; esac
    needles+=("$path")
  done
done
# Debian's rustc names its own sources /usr/src/rustc-<version> (its
# rust-web-src, and the paths its precompiled libraries were built in).
for dir in /usr/src/rustc-*; do
  [ -e "$dir" ] && needles+=("$dir")
done

echo "==> no build-machine paths in $* (route $(pg_route))"
status=0
for dir in "$@"; do
  [ -d "$dir" ] || { echo "error: $dir is not built" >&2; exit 1; }
  "$PG_PYTHON" tools/release.py scan "$dir" "${needles[@]}" || status=1
done
exit $status
