#!/usr/bin/env bash
# Figure 1 of docs/figures.md: the widget's payload (wasm + JS + CSS; raw, gzip -9,
# brotli -q 11) and, built in the same run, a minimal Yew app (a counter
# and one fetch, bench/yew-baseline) built the default way: stable,
# opt-level "z", LTO, wasm-opt -Oz. Prints the widget as a ratio over it.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
scripts/build-widget.sh >/dev/null
bench/size-report.sh

echo
echo "baseline: a minimal Yew app, stable, opt-level z, LTO, wasm-opt -Oz, glue minified"
bench/build-yew-baseline.sh
out=target/yew-baseline
br() { brotli -q 11 -c "$1" | wc -c; }
base_wasm=$(br "$out/app_bg.wasm") base_js=$(br "$out/app.js")
base=$((base_wasm + base_js))
printf '%-34s %10d\n' "app_bg.wasm (brotli)" "$base_wasm" "app.js (brotli)" "$base_js" "total (brotli)" "$base"
if cargo +nightly --version >/dev/null 2>&1 && [ "$(cut -d, -f1 www/pkg/TOOLCHAIN)" = nightly ]; then
  echo
  echo "floor: the same app built as the widget is (nightly build-std with optimize_for_size, immediate-abort, fmt-debug=none, short names)"
  bench/build-yew-baseline.sh --levers
  lev=target/yew-baseline-levers
  floor_wasm=$(br "$lev/app_bg.wasm") floor_js=$(br "$lev/app.js")
  printf '%-34s %10d\n' "app_bg.wasm (brotli)" "$floor_wasm" "app.js (brotli)" "$floor_js" \
    "total (brotli)" "$((floor_wasm + floor_js))"
fi

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
