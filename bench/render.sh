#!/usr/bin/env bash
# Figure 2 of docs/figures.md (see bench/render.mjs): builds the widget and
# the proxy, then measures first render in headless Chromium.
#   bench/render.sh            # 20 loads per scenario and cache
#   bench/render.sh --quick    # one load, as CI runs it
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
scripts/build-widget.sh >/dev/null
cargo build -q -p amwal-proxy
# The same-machine baseline: the minimal Yew app, served beside the widget.
bench/build-yew-baseline.sh
rm -rf www/dist/yew-baseline && cp -r target/yew-baseline www/dist/yew-baseline
if [ "${1:-}" = --quick ]; then
  node bench/render.mjs --loads 1 --quick
else
  node bench/render.mjs "$@"
fi
