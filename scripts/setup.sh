#!/usr/bin/env bash
# Installs what the demo and the tests need, skipping whatever is already
# there (a second run takes seconds): Debian's Chromium + chromedriver,
# brotli and an Arabic font; the wasm target; wasm-bindgen-cli at exactly
# Cargo.lock's version; npm tools (binaryen's wasm-opt, playwright-core).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

say() { printf 'setup: %s\n' "$*"; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else say "need root (or sudo) to run: $*"; exit 1; fi
}

command -v rustup >/dev/null && command -v cargo >/dev/null || {
  say "Rust is needed: install it with rustup (https://rustup.rs)"; exit 1; }

missing=()
command -v cc >/dev/null || missing+=(build-essential)
for pkg in chromium chromium-driver brotli fonts-noto-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The nightly toolchain with rust-src lets build-widget.sh rebuild std for
# size (about -11 % brotli). Optional: without it the build uses stable.
if cargo +nightly --version >/dev/null 2>&1; then
  rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' ||
    rustup component add rust-src --toolchain nightly >/dev/null 2>&1 || say "nightly rust-src unavailable; the widget builds on stable"
  rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown --toolchain nightly >/dev/null 2>&1 || true
  # The fuzz targets (scripts/fuzz.sh) need cargo-fuzz, which needs nightly.
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (once)"
    cargo install cargo-fuzz >/dev/null 2>&1 || say "cargo-fuzz unavailable; fuzzing will be skipped"
  fi
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ] ||
   ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wb_version (takes a few minutes, once)"
  # No --locked: a locked dependency of the CLI is not on the registry.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null; then
  say "Node.js 20 or newer with npm is needed (found: $(node --version 2>/dev/null || echo none))"; exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (npm ci at the root)"
  npm ci --no-audit --no-fund --loglevel=error
fi
