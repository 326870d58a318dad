#!/usr/bin/env bash
# Builds the widget: Rust → wasm (size-tuned release profile) → wasm-bindgen
# (--target web) → wasm-opt -Oz, into www/pkg/ with the element's JS and CSS.
# Two wasm modules: the checkout widget (amwal-installments, Yew) and the
# messaging line (amwal-message, plain DOM) that product pages load.
# With the nightly toolchain and rust-src it also rebuilds std with
# panic=immediate-abort (smaller); without them it falls back to stable.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

out=www/pkg
wasm=amwal_installments.wasm
if cargo +nightly --version >/dev/null 2>&1 &&
   rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' &&
   rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
   [ "${AMWAL_STABLE:-}" != 1 ]; then
  # NIGHTLY_RUSTFLAGS (env.sh): fmt-debug=none saves 3.8 KB brotli, and a
  # test reads the widget's console messages from this build.
  toolchain="nightly, build-std (optimize_for_size), panic=immediate-abort, fmt-debug=none"
  RUSTFLAGS="$NIGHTLY_RUSTFLAGS" \
    cargo +nightly build --release --target wasm32-unknown-unknown -p amwal-installments -p amwal-message \
      $NIGHTLY_BUILD_STD --target-dir target/nightly
  built=target/nightly/wasm32-unknown-unknown/release/$wasm
else
  toolchain="stable"
  echo "build-widget: nightly with rust-src not available: building on stable (larger)"
  cargo build --release --target wasm32-unknown-unknown -p amwal-installments -p amwal-message
  built=target/wasm32-unknown-unknown/release/$wasm
fi
rm -rf "$out" && mkdir -p "$out"
for name in amwal_installments amwal_message; do
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name $name "$(dirname "$built")/$name.wasm"
  wasm-opt -Oz "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  shorten_wasm_names "$out/${name}_bg.wasm" "$out/$name.js"
done
cp www/src/amwal-installments.js www/src/pay-link.js www/src/attributes.js www/src/reserve.js www/src/skeleton.js www/src/turns.js www/src/index.js www/src/index.d.ts www/src/integrity.js "$out/"
# The CSS minified (comments and spaces out: -0.5 KB brotli); www/src keeps the readable one.
lightningcss --minify www/src/amwal-installments.css -o "$out/amwal-installments.css"
echo "$toolchain" > "$out/TOOLCHAIN"
echo "$built" > "$out/LINKED_WASM" # with names, for the size report's per-crate figures
echo "build-widget: $(wc -c < "$out/amwal_installments_bg.wasm") bytes of wasm (checkout), $(wc -c < "$out/amwal_message_bg.wasm") (messaging line) in $out/ ($toolchain)"

# The script-tag build: one minified module under a versioned path that
# carries the SRI hashes of the wasm and CSS it loads, so pinning the script
# with `integrity=` pins all three.
version=$(node -p "require('./www/package.json').version")
dist=www/dist/amwal-installments/$version
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }
rm -rf www/dist && mkdir -p "$dist"
cp "$out/amwal_installments_bg.wasm" "$out/amwal_message_bg.wasm" "$out/amwal-installments.css" "$dist/"
stage=$(mktemp -d)
cp "$out"/*.js "$stage/"
cat > "$stage/integrity.js" <<EOF
export const WASM_INTEGRITY = '$(sri "$dist/amwal_installments_bg.wasm")';
export const MESSAGE_WASM_INTEGRITY = '$(sri "$dist/amwal_message_bg.wasm")';
export const CSS_INTEGRITY = '$(sri "$dist/amwal-installments.css")';
EOF
rolldown "$stage/amwal-installments.js" --file "$dist/amwal-installments.js" \
  --format esm --minify --platform browser --no-codeSplitting --logLevel warn >/dev/null
rm -rf "$stage"
cat > "$dist/integrity.json" <<EOF
{
  "amwal-installments.js": "$(sri "$dist/amwal-installments.js")",
  "amwal_installments_bg.wasm": "$(sri "$dist/amwal_installments_bg.wasm")",
  "amwal_message_bg.wasm": "$(sri "$dist/amwal_message_bg.wasm")",
  "amwal-installments.css": "$(sri "$dist/amwal-installments.css")"
}
EOF
# Compressed once here, at the highest levels, and served as they are.
for f in "$out"/*.wasm "$out"/*.js "$out"/*.css "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  brotli -q 11 -f -k "$f" && gzip -9 -f -k "$f"
done
host="https://YOUR-HOST/amwal-installments/$version"
echo "build-widget: script-tag build in $dist/; pin it with:"
echo "  <script type=\"module\" fetchpriority=\"low\" integrity=\"$(sri "$dist/amwal-installments.js")\" crossorigin=\"anonymous\""
echo "          src=\"$host/amwal-installments.js\"></script>"
# Where the widget is the page's main content (checkout), these let the
# browser fetch all three at once; same integrity and CORS mode as the
# element's own requests, so the preloaded copies are the ones used.
echo "build-widget: on a checkout page, preload all three (not on product pages: it delays their paint):"
echo "  <link rel=\"modulepreload\" href=\"$host/amwal-installments.js\" integrity=\"$(sri "$dist/amwal-installments.js")\" crossorigin=\"anonymous\">"
echo "  <link rel=\"preload\" as=\"fetch\" type=\"application/wasm\" href=\"$host/amwal_installments_bg.wasm\" integrity=\"$(sri "$dist/amwal_installments_bg.wasm")\" crossorigin=\"anonymous\">"
echo "  <link rel=\"preload\" as=\"style\" href=\"$host/amwal-installments.css\" integrity=\"$(sri "$dist/amwal-installments.css")\" crossorigin=\"anonymous\">"
