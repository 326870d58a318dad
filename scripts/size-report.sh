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
for f in amwal_installments_bg.wasm amwal_installments.js amwal-installments.js amwal-installments.css; do
  raw=$(wc -c < "$pkg/$f")
  gz=$(gzip -9 -c "$pkg/$f" | wc -c)
  br=$(brotli -q 11 -c "$pkg/$f" | wc -c)
  printf '%-28s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-28s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
