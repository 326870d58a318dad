#!/usr/bin/env bash
# Refreshes docs/screenshots/states/: every widget state in en and ar at
# 360 and 1024 px, taken by the states end-to-end test.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
scripts/setup.sh
scripts/build-widget.sh
cargo build -p amwal-proxy
mkdir -p docs/screenshots/states
SCREENSHOT_DIR="$PWD/docs/screenshots/states" node --test tests/e2e/states.test.mjs
