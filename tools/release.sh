#!/usr/bin/env bash
# `make release`: the store uploads and the source for AMO review,
#   dist/purpose-greenhouse-chrome-<version>.zip    Chrome Web Store
#   dist/purpose-greenhouse-firefox-<version>.zip   addons.mozilla.org
#   dist/purpose-greenhouse-source-<version>.zip    AMO's source upload: the
#                                                   committed files (HEAD), no
#                                                   generated ones
# byte for byte the same for every build of the same commit with the tools
# README-AMO.md pins (`make check-reproducible` proves it).
#
# Refuses when the versions disagree, CHANGELOG.md has no dated entry for
# this version, a tool is not the pinned version (RELEASE_ANY_TOOLS=1 builds
# anyway, not for upload), the checkout has changes git would not put in the
# source zip (RELEASE_ALLOW_DIRTY=1), or a built file names a directory of
# this machine.
#   --no-source   only the two store zips (npm run build-for-amo; a rebuild
#                 from the unpacked source zip, which has no git, does this)
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
pg_use_route
cd "$ROOT"
PG_PYTHON=${PG_PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
export PG_PYTHON
release() { "$PG_PYTHON" tools/release.py "$@"; }

WITH_SOURCE=1
case "${1:-}" in
  --no-source) WITH_SOURCE=0 ;;
  "") ;;
  *) echo "usage: tools/release.sh [--no-source]" >&2; exit 2 ;;
esac

release check
if [ "${RELEASE_ANY_TOOLS:-}" = 1 ]; then
  echo "==> RELEASE_ANY_TOOLS=1: tool versions not checked (not for upload)"
else
  release pins
fi

# A git checkout of this very directory (not an unpacked source zip that
# happens to sit inside some other repository).
IN_GIT=0
if [ "$(git rev-parse --show-toplevel 2>/dev/null || true)" = "$ROOT" ]; then IN_GIT=1; fi
if [ "$IN_GIT" = 1 ]; then
  # Anything git would not put in the source zip must not reach the build
  # either: build.sh copies extension/ whole, untracked and ignored files too.
  changes=$(git status --porcelain; git status --porcelain --ignored -- extension manifest.json | grep '^!!' || true)
  if [ -n "$changes" ]; then
    if [ "${RELEASE_ALLOW_DIRTY:-}" = 1 ]; then
      echo "==> RELEASE_ALLOW_DIRTY=1: building with uncommitted changes (not for upload)"
    else
      echo "error: the checkout differs from HEAD (commit, or RELEASE_ALLOW_DIRTY=1 for a trial):" >&2
      echo "$changes" >&2
      exit 1
    fi
  fi
elif [ "$WITH_SOURCE" = 1 ]; then
  echo "==> not a git checkout: building the store zips only (the source zip is made from git)"
  WITH_SOURCE=0
fi

PG_RELEASE=1 tools/build.sh

VERSION=$(release version)
if [ "$WITH_SOURCE" = 1 ]; then
  echo "==> source zip of $(git rev-parse --short HEAD)"
  release source-zip "dist/purpose-greenhouse-source-$VERSION.zip"
fi

# No directory of this machine in what ships (the remaps in build.sh).
tools/check_paths.sh dist/chrome dist/firefox

echo "==> release $VERSION:"
(cd dist && sha256sum purpose-greenhouse-*-"$VERSION".zip | sed 's/^/    /')
