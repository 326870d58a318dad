# Sourced by the other scripts: tools installed by setup.sh on PATH, with
# binaryen's wasm-opt from npm first (Debian's breaks the output).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cd "$root"

# The widget's nightly build (scripts/build-widget.sh): std rebuilt with
# panic=immediate-abort, and `{:?}` formatting compiled out (fmt-debug=none:
# the widget's messages use Display). The payload bench's floor uses it too.
NIGHTLY_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
# std rebuilt with its optimize_for_size feature (smaller sort and
# formatting code): 0.6 KB brotli. Naming std features replaces the default
# ones (panic-unwind), which immediate-abort does not use anyway.
NIGHTLY_BUILD_STD="-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size"

# shorten_wasm_names WASM GLUE: the wasm's import and export names made
# short, and wasm-bindgen's glue rewritten to match (minify-wasm-names.mjs).
shorten_wasm_names() {
  wasm-opt --minify-imports-and-exports-and-modules "$1" -o "$1.short" >/dev/null
  node "$root/scripts/lib/minify-wasm-names.mjs" "$1" "$1.short" "$2"
  mv "$1.short" "$1"
}
