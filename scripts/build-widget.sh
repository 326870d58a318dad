#!/usr/bin/env bash
# Builds the widget: Rust → wasm (size-tuned release profile) → wasm-bindgen
# (--target web) → wasm-opt -Oz, into www/pkg/ with the element's JS and CSS.
set -euo pipefail
source "$(dirname "$0")/env.sh"

out=www/pkg
cargo build --release --target wasm32-unknown-unknown -p amwal-installments
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name amwal_installments \
  target/wasm32-unknown-unknown/release/amwal_installments.wasm
wasm-opt -Oz "$out/amwal_installments_bg.wasm" -o "$out/amwal_installments_bg.wasm"
cp www/src/amwal-installments.js www/src/amwal-installments.css "$out/"
echo "build-widget: $(wc -c < "$out/amwal_installments_bg.wasm") bytes of wasm in $out/"
