#!/usr/bin/env bash
# The demo: installs what is missing, builds the widget, and runs the proxy
# with its embedded Amwal sandbox. Open the printed storefront URL.
# Extra arguments go to amwal-proxy (e.g. --port 0 for a free port).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
scripts/setup.sh
scripts/build-widget.sh
cargo build -p amwal-proxy
exec target/debug/amwal-proxy "$@"
