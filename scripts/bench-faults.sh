#!/usr/bin/env bash
# Figure 4 of issue 6 (see scripts/bench-faults.mjs): builds the widget and
# the proxy, then measures each sandbox fault as the shopper meets it.
#   scripts/bench-faults.sh [--runs 3]
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts/build-widget.sh >/dev/null
cargo build -q -p amwal-proxy
node scripts/bench-faults.mjs "$@"
