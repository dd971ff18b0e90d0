#!/usr/bin/env bash
# `make check-reproducible`: two release builds of HEAD give the same bytes.
#   1. a fresh clone of HEAD in one temporary directory: `make release`
#      (store zips and source zip);
#   2. minutes later, that build's source zip alone, unpacked into another
#      directory (no git, a different path): `make release` (store zips);
#   3. a second fresh clone, later still: the source zip only (cheap).
# Then every zip of one is compared byte for byte with the other's, and the
# entries that differ are listed. The clones reuse this checkout's installed
# node_modules and .venv (as `make setup` left them for the committed lock
# files) instead of downloading them again; the toolchain is the machine's.
# KEEP=1 keeps the temporary directories for a look.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$ROOT"
PG_PYTHON=${PG_PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
release() { "$PG_PYTHON" tools/release.py "$@"; }

COMMIT=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain)" ]; then
  echo "note: uncommitted changes are not checked; this checks $(git rev-parse --short HEAD)"
fi
# The shared installs must be the ones the commit asks for, or `make setup`
# in a clone would reinstall them here, under this checkout.
git show "$COMMIT:package-lock.json" | cmp -s - node_modules/.pg-installed-lock ||
  { echo "error: node_modules is not installed from HEAD's package-lock.json; run 'make setup'" >&2; exit 1; }
git show "$COMMIT:tests/requirements.txt" | cmp -s - .venv/.pg-installed-requirements ||
  { echo "error: .venv is not installed from HEAD's tests/requirements.txt; run 'make setup'" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pg-reproducible.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
  echo "==> keeping $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

# Checks the tools once; the builds then skip it when they are not the pinned
# ones (reproducibility holds for any one set of tools; the pins are what
# makes the bytes match the upload).
pg_use_route
if ! release pins; then
  echo "==> the tools are not README-AMO.md's: checking reproducibility with these"
  export RELEASE_ANY_TOOLS=1
fi

# $1 = directory: the tools shared with this checkout, the route it chose.
share_tools() {
  ln -s "$ROOT/node_modules" "$1/node_modules"
  ln -s "$ROOT/.venv" "$1/.venv"
  mkdir -p "$1/target"
  cp target/toolchain-route "$1/target/"
}

VERSION=$(git show "$COMMIT:manifest.json" | "$PG_PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["version"])')
ZIPS=(chrome firefox)
START=$(date +%s)

FIRST="$WORK/clone"
echo "==> 1/3 release build of $(git rev-parse --short HEAD) in a fresh clone: $FIRST"
git clone --quiet --no-hardlinks "$ROOT" "$FIRST"
git -C "$FIRST" checkout --quiet --detach "$COMMIT"
share_tools "$FIRST"
make -C "$FIRST" --no-print-directory release

SECOND="$WORK/from-the-source-zip/purpose-greenhouse-$VERSION"
echo "==> 2/3 release build from the source zip alone, $(($(date +%s) - START)) s later: $SECOND"
mkdir -p "$SECOND"
release unzip "$FIRST/dist/purpose-greenhouse-source-$VERSION.zip" "$SECOND"
share_tools "$SECOND"
make -C "$SECOND" --no-print-directory release

THIRD="$WORK/clone-again"
echo "==> 3/3 the source zip from a second fresh clone, $(($(date +%s) - START)) s later"
git clone --quiet --no-hardlinks "$ROOT" "$THIRD"
git -C "$THIRD" checkout --quiet --detach "$COMMIT"
(cd "$THIRD" && "$PG_PYTHON" tools/release.py source-zip "dist/purpose-greenhouse-source-$VERSION.zip")

echo "==> comparing"
failed=0
for kind in "${ZIPS[@]}"; do
  name="purpose-greenhouse-$kind-$VERSION.zip"
  release compare "$FIRST/dist/$name" "$SECOND/dist/$name" || failed=1
done
name="purpose-greenhouse-source-$VERSION.zip"
release compare "$FIRST/dist/$name" "$THIRD/dist/$name" || failed=1
# The unpacked folders too (what `make test` and a reviewer's diff look at).
for kind in "${ZIPS[@]}"; do
  diff -r "$FIRST/dist/$kind" "$SECOND/dist/$kind" >&2 || { echo "DIFFERENT: dist/$kind" >&2; failed=1; }
done
if [ "$failed" = 1 ]; then
  echo "error: the builds differ (KEEP=1 keeps $WORK to look)" >&2
  exit 1
fi
echo "==> reproducible: $COMMIT gives the same zips from a clone and from its source zip ($(($(date +%s) - START)) s)"
