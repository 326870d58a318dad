#!/usr/bin/env bash
# The money and schedule property tests at 100,000 cases each (CI runs 2,000).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
PROPTEST_CASES="${PROPTEST_CASES:-100000}" cargo test --release -p amwal-core --test properties
