#!/usr/bin/env bash
# Builds the minimal Yew app of the figures (bench/yew-baseline: a counter
# and one fetch) the default way: stable, opt-level "z", LTO, wasm-opt -Oz,
# its glue minified like the widget's script-tag build. Output:
# target/yew-baseline/{app.js,app_bg.wasm}.
set -euo pipefail
source "$(dirname "$0")/env.sh"
out=target/yew-baseline
cargo build -q --release --target wasm32-unknown-unknown \
  --manifest-path bench/yew-baseline/Cargo.toml --target-dir target/yew-baseline-build
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name app \
  target/yew-baseline-build/wasm32-unknown-unknown/release/yew_baseline.wasm
wasm-opt -Oz "$out/app_bg.wasm" -o "$out/app_bg.wasm"
rolldown "$out/app.js" --file "$out/app.min.js" --format esm --minify --platform browser \
  --logLevel warn >/dev/null
mv "$out/app.min.js" "$out/app.js"
