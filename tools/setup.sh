#!/usr/bin/env bash
# Install everything the build and the tests need, idempotently: a second run
# with everything present takes seconds and changes nothing.
#   - the wasm32 route (rustup target, or Debian's rustc-web + -Zbuild-std)
#   - wasm-bindgen-cli at exactly the version pinned in Cargo.lock
#   - Chromium + chromedriver, Firefox ESR + geckodriver
#   - npm tools (binaryen's wasm-opt/wasm2js, web-ext) from package-lock.json
#   - a Python venv with the test runner (tests/requirements.txt)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# The Python that runs the tests: the one on PATH before the toolchain route
# puts /usr/bin first (a pyenv or system Python, whichever the machine has).
PYTHON=$(command -v python3)
source tools/toolchain.sh
mkdir -p target

say() { printf '==> %s\n' "$*"; }
need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "error: installing $* needs root (apt-get); run 'sudo make setup'" >&2
    exit 1
  fi
}

# --- Debian packages -------------------------------------------------------
APT_UPDATED=""
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "${missing[*]}"
  say "apt-get install ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

apt_install chromium chromium-driver firefox-esr openssl zip ca-certificates
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
"$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1 || apt_install python3-venv

# --- the wasm32 route --------------------------------------------------------
route=$(pg_route)
if [ "$route" = unknown ]; then
  # rustup's target where it is installed or installable (with rust-src,
  # see tools/toolchain.sh), else Debian's packages.
  if command -v rustup >/dev/null &&
    timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 &&
    timeout 60 rustup component add rust-src >/dev/null 2>&1; then
    route=rustup
  else
    route=debian
  fi
  echo "$route" > "$ROUTE_FILE"
  say "wasm32 toolchain route: $route"
fi
if [ "$route" = debian ]; then
  apt_install rustc-web cargo-web rust-web-src lld-19 rust-web-clippy rustfmt-web
fi
pg_use_route

# --- cargo-installed tools ---------------------------------------------------
# cargo install uses rustup's cargo when there is one (it only builds host tools).
HOST_CARGO=$(command -v "$CARGO_BIN/cargo" || command -v cargo)
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$("$CARGO_BIN/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION (a few minutes)"
  "$HOST_CARGO" install -q --force wasm-bindgen-cli --version "=$WB_VERSION"
fi
GECKODRIVER_VERSION=0.37.1
if [ "$("$CARGO_BIN/geckodriver" --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
  say "cargo install geckodriver $GECKODRIVER_VERSION (a few minutes)"
  "$HOST_CARGO" install -q --force geckodriver --version "=$GECKODRIVER_VERSION"
fi

# --- npm tools ---------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.pg-installed-lock; then
  say "npm ci (binaryen, web-ext)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.pg-installed-lock
fi

# --- Python test runner ------------------------------------------------------
if [ ! -x .venv/bin/python ] || ! cmp -s tests/requirements.txt .venv/.pg-installed-requirements; then
  say "python venv with tests/requirements.txt"
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/requirements.txt
  cp tests/requirements.txt .venv/.pg-installed-requirements
fi

say "setup complete (route: $route; wasm-bindgen $WB_VERSION)"
