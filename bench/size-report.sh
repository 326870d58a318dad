#!/usr/bin/env bash
# Prints the shipped widget's sizes: raw, gzip -9 and brotli -q 11, for the
# npm package (wasm, wasm-bindgen glue, entry, element, CSS) and for the
# script-tag build (one minified module, the wasm, the CSS), as a checkout
# page loads them; then what a product page with the messaging line loads
# (its own small wasm instead of the checkout's).
# Run scripts/build-widget.sh first (scripts/test.sh does). `--quick` (CI)
# prints the sizes and holds them to the ceilings, without the per-crate
# table and the floor build, a few minutes on a fresh machine.
set -euo pipefail
quick=false
[ "${1:-}" = --quick ] && quick=true
source "$(dirname "$0")/../scripts/lib/env.sh"
pkg=www/pkg
[ -f "$pkg/amwal_installments_bg.wasm" ] || { echo "size-report: build the widget first (scripts/build-widget.sh)"; exit 1; }
version=$(node -p "require('./www/package.json').version")
dist=www/dist/amwal-installments/$version

# table DIR FILE... : prints one row per file and a total; sets $total_br.
table() {
  local dir=$1 raw gz br total_raw=0 total_gz=0
  shift
  total_br=0
  printf '%-34s %10s %10s %10s\n' file raw gzip brotli
  for f in "$@"; do
    raw=$(wc -c < "$dir/$f")
    gz=$(gzip -9 -c "$dir/$f" | wc -c)
    br=$(brotli -q 11 -c "$dir/$f" | wc -c)
    printf '%-34s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
    total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  done
  printf '%-34s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
}

echo "built with: $(cat "$pkg/TOOLCHAIN" 2>/dev/null || echo unknown)"
echo "npm package ($pkg/):"
# (amwal_message.js, the messaging line's glue, is imported only where a line is.)
table "$pkg" amwal_installments_bg.wasm amwal_installments.js index.js amwal-installments.js pay-link.js \
  attributes.js reserve.js skeleton.js turns.js integrity.js amwal-installments.css
npm_br=$total_br
echo "script tag ($dist/, JS bundled and minified):"
table "$dist" amwal_installments_bg.wasm amwal-installments.js amwal-installments.css
tag_br=$total_br
echo "a product page's messaging line (script tag: its own wasm, the same module and CSS):"
table "$dist" amwal_message_bg.wasm amwal-installments.js amwal-installments.css
line_br=$total_br

# What each dependency costs (needs twiggy: cargo install twiggy): the
# linked wasm through the same wasm-bindgen and wasm-opt steps, keeping the
# function names the shipped build drops.
linked=$(cat "$pkg/LINKED_WASM" 2>/dev/null || true)
if ! $quick && ! command -v twiggy >/dev/null; then
  echo "size-report: installing twiggy (once)"
  cargo install twiggy --locked >/dev/null 2>&1 || echo "size-report: twiggy unavailable"
fi
if $quick; then
  echo "(code by crate and the floor: bench/size-report.sh without --quick)"
elif command -v twiggy >/dev/null && [ -f "$linked" ]; then
  named=$(mktemp -d)
  wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$named" --out-name w "$linked"
  wasm-opt -Oz -g "$named/w_bg.wasm" -o "$named/w.wasm"
  echo "code by crate, in the optimised wasm:"
  twiggy top -n 1000000 --format csv "$named/w.wasm" | python3 bench/size-by-crate.py
  rm -rf "$named"
else
  echo "(code by crate: install twiggy, cargo install twiggy, and build again)"
fi

# The widget as a ratio to the floor: the minimal Yew app on the same crates
# (bench/yew-baseline: a counter, one fetch through gloo-net, its JSON read
# by serde-wasm-bindgen), built with the widget's own levers.
built_with=$(cut -d, -f1 "$pkg/TOOLCHAIN" 2>/dev/null || echo stable)
if $quick; then
  :
elif [ "$built_with" = nightly ]; then
  bench/build-yew-baseline.sh --levers
  floor_dir=target/yew-baseline-levers
else
  bench/build-yew-baseline.sh
  floor_dir=target/yew-baseline
fi
if ! $quick; then
  floor=$(( $(brotli -q 11 -c "$floor_dir/app_bg.wasm" | wc -c) + $(brotli -q 11 -c "$floor_dir/app.js" | wc -c) ))
  echo "floor: the minimal Yew app on the same crates, built the same way ($built_with): $floor bytes brotli"
  awk -v w="$tag_br" -v f="$floor" 'BEGIN { printf "ratio: the widget (script tag) is %.2f x the floor (goal: 1.5 x)\n", w / f }'
fi

# Regressions fail: see www/size-ceiling.txt (it bounds the larger of the two).
largest=$((npm_br > tag_br ? npm_br : tag_br))
ceiling=$(awk -v t="$built_with" '$1 == t { print $2 }' www/size-ceiling.txt)
ceiling=${ceiling:-$(awk '$1 == "stable" { print $2 }' www/size-ceiling.txt)}
if [ "$largest" -gt "$ceiling" ]; then
  echo "size-report: $largest bytes brotli is over the $built_with ceiling of $ceiling (www/size-ceiling.txt)"
  exit 1
fi
line_ceiling=$(awk -v t="$built_with-message" '$1 == t { print $2 }' www/size-ceiling.txt)
line_ceiling=${line_ceiling:-$(awk '$1 == "stable-message" { print $2 }' www/size-ceiling.txt)}
if [ "$line_br" -gt "$line_ceiling" ]; then
  echo "size-report: the messaging line's $line_br bytes brotli are over the $built_with-message ceiling of $line_ceiling (www/size-ceiling.txt)"
  exit 1
fi
echo "size-report: npm $npm_br, script tag $tag_br bytes brotli; under the $built_with ceiling of $ceiling (goal: 50000)"
echo "size-report: a product page's messaging line $line_br bytes brotli; under the $built_with-message ceiling of $line_ceiling"
