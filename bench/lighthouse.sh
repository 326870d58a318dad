#!/usr/bin/env bash
# Figure 9 of docs/figures.md (see bench/lighthouse.mjs): installs the pinned
# Lighthouse (once, into bench/lighthouse/), builds the widget and the proxy,
# then runs Lighthouse on the store's pages with and without the widget.
#   bench/lighthouse.sh [--runs 5] [--pages product-en,product-ar,collection]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
[ -x bench/lighthouse/node_modules/.bin/lighthouse ] ||
  (cd bench/lighthouse && npm ci --no-audit --no-fund >/dev/null)
scripts/build-widget.sh >/dev/null
cargo build -q -p amwal-proxy
node bench/lighthouse.mjs "$@"
