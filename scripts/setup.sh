#!/usr/bin/env bash
# Installs what the demo and the tests need, skipping whatever is already
# there (a second run takes seconds): Debian's Chromium + chromedriver,
# brotli and an Arabic font; the wasm target; wasm-bindgen-cli at exactly
# Cargo.lock's version; npm tools (binaryen's wasm-opt, playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in chromium chromium-driver brotli fonts-noto-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ] ||
   ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wb_version (takes a few minutes, once)"
  # No --locked: a locked dependency of the CLI is not on the registry.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

command -v node >/dev/null && command -v npm >/dev/null || {
  say "Node.js and npm are needed (apt-get install nodejs npm)"; exit 1; }
if [ ! -f www/node_modules/.package-lock.json ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then
  say "installing npm tools (npm ci in www/)"
  (cd www && npm ci --no-audit --no-fund --loglevel=error)
fi
