#!/usr/bin/env bash
# Refreshes docs/screenshots/states/: every widget state in en and ar at
# 360 and 1024 px, taken by the states end-to-end test; and
# docs/screenshots/messaging/: the messaging line, its dialog and a grid.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
scripts/setup.sh
scripts/build-widget.sh
cargo build -p amwal-proxy
mkdir -p docs/screenshots/states
SCREENSHOT_DIR="$PWD/docs/screenshots/states" node --test tests/e2e/states.test.mjs
mkdir -p docs/screenshots/messaging
MESSAGING_SCREENSHOT_DIR="$PWD/docs/screenshots/messaging" node --test tests/e2e/messaging.test.mjs
