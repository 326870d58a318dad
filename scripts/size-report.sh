#!/usr/bin/env bash
# Prints the shipped widget's sizes: raw, gzip -9 and brotli -q 11, for the
# wasm, the wasm-bindgen JS glue, the element's JS and its CSS.
# Run scripts/build-widget.sh first (scripts/test.sh does).
set -euo pipefail
source "$(dirname "$0")/env.sh"
pkg=www/pkg
[ -f "$pkg/amwal_installments_bg.wasm" ] || { echo "size-report: build the widget first (scripts/build-widget.sh)"; exit 1; }

echo "built with: $(cat "$pkg/TOOLCHAIN" 2>/dev/null || echo unknown)"
printf '%-28s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
for f in amwal_installments_bg.wasm amwal_installments.js index.js amwal-installments.js amwal-installments.css; do
  raw=$(wc -c < "$pkg/$f")
  gz=$(gzip -9 -c "$pkg/$f" | wc -c)
  br=$(brotli -q 11 -c "$pkg/$f" | wc -c)
  printf '%-28s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-28s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"

# Regressions fail: see www/size-ceiling.txt.
built_with=$(cut -d, -f1 "$pkg/TOOLCHAIN" 2>/dev/null || echo stable)
ceiling=$(awk -v t="$built_with" '$1 == t { print $2 }' www/size-ceiling.txt)
ceiling=${ceiling:-$(awk '$1 == "stable" { print $2 }' www/size-ceiling.txt)}
if [ "$total_br" -gt "$ceiling" ]; then
  echo "size-report: $total_br bytes brotli is over the $built_with ceiling of $ceiling (www/size-ceiling.txt)"
  exit 1
fi
echo "size-report: $total_br bytes brotli, under the $built_with ceiling of $ceiling (goal: 50000)"
