#!/usr/bin/env bash
# Builds the widget: Rust → wasm (size-tuned release profile) → wasm-bindgen
# (--target web) → wasm-opt -Oz, into www/pkg/ with the element's JS and CSS.
# With the nightly toolchain and rust-src it also rebuilds std with
# panic=immediate-abort (smaller); without them it falls back to stable.
set -euo pipefail
source "$(dirname "$0")/env.sh"

out=www/pkg
wasm=amwal_installments.wasm
if cargo +nightly --version >/dev/null 2>&1 &&
   rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' &&
   rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
   [ "${AMWAL_STABLE:-}" != 1 ]; then
  toolchain="nightly, build-std, panic=immediate-abort"
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    cargo +nightly build --release --target wasm32-unknown-unknown -p amwal-installments \
      -Zbuild-std=std,panic_abort --target-dir target/nightly
  built=target/nightly/wasm32-unknown-unknown/release/$wasm
else
  toolchain="stable"
  echo "build-widget: nightly with rust-src not available: building on stable (larger)"
  cargo build --release --target wasm32-unknown-unknown -p amwal-installments
  built=target/wasm32-unknown-unknown/release/$wasm
fi
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name amwal_installments "$built"
wasm-opt -Oz "$out/amwal_installments_bg.wasm" -o "$out/amwal_installments_bg.wasm"
cp www/src/amwal-installments.js www/src/amwal-installments.css www/src/index.js www/src/index.d.ts "$out/"
echo "$toolchain" > "$out/TOOLCHAIN"
echo "build-widget: $(wc -c < "$out/amwal_installments_bg.wasm") bytes of wasm in $out/ ($toolchain)"
