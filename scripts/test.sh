#!/usr/bin/env bash
# Every test: installs what is missing, then formatting and lints, native
# tests (core; proxy over real HTTP), widget tests in headless Chromium,
# end-to-end tests of the demo in headless Chromium, the size report and a
# short fuzzing run.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
step() { printf '\n== %s (at %s s)\n' "$*" "$SECONDS"; }

step "setup"
scripts/setup.sh
source scripts/lib/services.sh
ensure_postgres
ensure_redis
echo "for the proxy's tests: PostgreSQL ${DATABASE_URL}, Redis ${REDIS_URL}"

step "format and lints"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
cargo clippy -p amwal-core -p amwal-proxy --all-targets -- -D warnings
cargo clippy -p amwal-installments -p amwal-message -p amwal-web --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests: core and proxy (over HTTP on loopback); JS rules against the shared case tables"
cargo test -p amwal-core -p amwal-proxy
node --test tests/unit/*.test.mjs

step "widget tests in headless Chromium: the checkout widget and the messaging line"
cargo test -p amwal-installments -p amwal-message --target wasm32-unknown-unknown

step "end-to-end: demo server + headless Chromium"
scripts/build-widget.sh
# target/debug/amwal-proxy is the one the proxy's tests above built (a
# separate `cargo build` would rebuild it with other dependency features).
node --test tests/e2e/*.test.mjs

step "size report: sizes against the ceilings (bench/size-report.sh for code by crate and the floor)"
bench/size-report.sh --quick

step "fuzz smoke: 5 s per target (scripts/fuzz.sh 600 for the long run)"
scripts/fuzz.sh 5

step "first render: one sample (bench/render.sh for the full figures)"
node bench/render.mjs --loads 1 --quick
