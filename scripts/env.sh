# Sourced by the other scripts: tools installed by setup.sh on PATH, with
# binaryen's wasm-opt from npm first (Debian's breaks the output).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/www/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cd "$root"
