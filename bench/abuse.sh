#!/usr/bin/env bash
# Figure 8 of docs/figures.md (see bench/abuse.mjs): builds the release
# proxy, then attacks it on loopback and prints the figures beside those
# reported before the hardening.
#   bench/abuse.sh [--addresses 100000]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
cargo build -q --release -p amwal-proxy
node bench/abuse.mjs "$@"
