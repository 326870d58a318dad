#!/usr/bin/env bash
# Figure 4 of docs/figures.md (see bench/faults.mjs): builds the widget and
# the proxy, then measures each sandbox fault as the shopper meets it.
#   bench/faults.sh [--runs 3]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
scripts/build-widget.sh >/dev/null
cargo build -q -p amwal-proxy
node bench/faults.mjs "$@"
