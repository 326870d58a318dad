#!/usr/bin/env bash
# Figure 1 of issue 6: the widget's payload (wasm + JS + CSS; raw, gzip -9,
# brotli -q 11) and, built in the same run, a minimal Yew app (a counter
# and one fetch, bench/yew-baseline) built the default way: stable,
# opt-level "z", LTO, wasm-opt -Oz. Prints the widget as a ratio over it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/build-widget.sh >/dev/null
scripts/size-report.sh

echo
echo "baseline: a minimal Yew app, stable, opt-level z, LTO, wasm-opt -Oz, glue minified"
out=target/yew-baseline
cargo build --release --target wasm32-unknown-unknown \
  --manifest-path bench/yew-baseline/Cargo.toml --target-dir target/yew-baseline-build 2>/dev/null
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name app \
  target/yew-baseline-build/wasm32-unknown-unknown/release/yew_baseline.wasm
wasm-opt -Oz "$out/app_bg.wasm" -o "$out/app_bg.wasm"
# Its glue minified like the widget's script-tag build, for a fair ratio.
rolldown "$out/app.js" --file "$out/app.min.js" --format esm --minify --platform browser \
  --logLevel warn >/dev/null
mv "$out/app.min.js" "$out/app.js"
br() { brotli -q 11 -c "$1" | wc -c; }
base_wasm=$(br "$out/app_bg.wasm") base_js=$(br "$out/app.js")
base=$((base_wasm + base_js))
printf '%-34s %10d\n' "app_bg.wasm (brotli)" "$base_wasm" "app.js (brotli)" "$base_js" "total (brotli)" "$base"

version=$(node -p "require('./www/package.json').version")
dist=www/dist/amwal-installments/$version
widget=0
for f in amwal_installments_bg.wasm amwal-installments.js amwal-installments.css; do
  widget=$((widget + $(br "$dist/$f")))
done
echo
echo "widget (script-tag build, $(cat www/pkg/TOOLCHAIN)): $widget bytes brotli"
echo "baseline (minimal Yew app, stable): $base bytes brotli"
awk -v w="$widget" -v b="$base" 'BEGIN { printf "ratio: the widget is %.2f x the minimal Yew app\n", w / b }'
