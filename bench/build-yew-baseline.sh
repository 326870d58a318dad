#!/usr/bin/env bash
# Builds the minimal Yew app of the figures (bench/yew-baseline: a counter
# and one fetch) the default way: stable, opt-level "z", LTO, wasm-opt -Oz,
# its glue minified like the widget's script-tag build. Output:
# target/yew-baseline/{app.js,app_bg.wasm}.
# With --levers, built as the widget is instead (nightly build-std with
# optimize_for_size, panic=immediate-abort, fmt-debug=none, short import/export names), into
# target/yew-baseline-levers/: the floor under everything the widget adds.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
manifest=bench/yew-baseline/Cargo.toml
if [ "${1:-}" = --levers ]; then
  out=target/yew-baseline-levers
  RUSTFLAGS="$NIGHTLY_RUSTFLAGS" \
    cargo +nightly build -q --release --target wasm32-unknown-unknown --manifest-path "$manifest" \
      $NIGHTLY_BUILD_STD --target-dir target/yew-baseline-levers-build
  built=target/yew-baseline-levers-build/wasm32-unknown-unknown/release/yew_baseline.wasm
else
  out=target/yew-baseline
  cargo build -q --release --target wasm32-unknown-unknown --manifest-path "$manifest" \
    --target-dir target/yew-baseline-build
  built=target/yew-baseline-build/wasm32-unknown-unknown/release/yew_baseline.wasm
fi
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name app "$built"
wasm-opt -Oz "$out/app_bg.wasm" -o "$out/app_bg.wasm"
if [ "${1:-}" = --levers ]; then
  shorten_wasm_names "$out/app_bg.wasm" "$out/app.js"
fi
rolldown "$out/app.js" --file "$out/app.min.js" --format esm --minify --platform browser \
  --logLevel warn >/dev/null
mv "$out/app.min.js" "$out/app.js"
