# Sourced by the other tools: chooses how to compile for wasm32 and exports
# the environment for it. Two routes (see ../shared/toolchain.md):
#   rustup  - the rustup `wasm32-unknown-unknown` target is installed;
#   debian  - Debian's rustc-web/cargo-web/rust-web-src + lld-19, building
#             the standard library from source (-Zbuild-std) because rustup
#             cannot download the wasm32 standard library on these machines.
# The choice is cached in target/toolchain-route; `make setup` decides it.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUTE_FILE="$ROOT/target/toolchain-route"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
CARGO_BIN="$CARGO_HOME/bin"

# PG_ROUTE=rustup|debian overrides the cached choice for one command, e.g.
# to build once the other way in a scratch copy (the Debian packages must be
# installed: `apt-get install rustc-web cargo-web rust-web-src lld-19`).
pg_route() {
  case "${PG_ROUTE:-}" in
    rustup | debian) echo "$PG_ROUTE" ;;
    "") if [ -f "$ROUTE_FILE" ]; then cat "$ROUTE_FILE"; else echo unknown; fi ;;
    *) echo "error: PG_ROUTE must be rustup or debian, not '$PG_ROUTE'" >&2; echo unknown ;;
  esac
}

# Exports PATH and flags for the chosen route; sets WASM_BUILD_ARGS.
pg_use_route() {
  case "$(pg_route)" in
    rustup)
      export PATH="$CARGO_BIN:$PATH"
      export RUSTC_BOOTSTRAP=1
      WASM_BUILD_ARGS=(-Zbuild-std=std,panic_abort)
      ;;
    debian)
      # Debian's cargo/rustc (1.96) first, rustup's after it for cargo-installed tools.
      export PATH="/usr/bin:$CARGO_BIN:$PATH"
      export RUSTC_BOOTSTRAP=1
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
      WASM_BUILD_ARGS=(-Zbuild-std=std,panic_abort)
      ;;
    *)
      echo "error: the wasm32 toolchain is not set up; run 'make setup'" >&2
      return 1
      ;;
  esac
  # An MVP build (no reference types): Debian's binaryen rewrites
  # reference-type tables into a form browsers reject, and wasm2js (the
  # Chrome strict-CSP fallback) needs it.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Ctarget-cpu=mvp"
  export PATH="$ROOT/node_modules/.bin:$PATH"
}
