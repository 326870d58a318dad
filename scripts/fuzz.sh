#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted input (cargo-fuzz, libFuzzer):
# the amount parser, the link-id gate, the return_url policy, the decoding
# of Amwal's JSON, the callback signature header, and the client address
# behind a load balancer with the limiter that counts it. Each target runs for
# SECONDS (default 60) from its corpus in fuzz/corpus/<target>, which grows
# with what it finds. Prints seconds, runs and crashes per target; a crash
# fails the script and leaves its input in fuzz/artifacts/<target>/.
#   scripts/fuzz.sh        # 60 s per target
#   scripts/fuzz.sh 600    # the longer run
#   scripts/fuzz.sh 5      # CI's smoke run
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
seconds=${1:-60}
targets=(amount link_id return_url upstream_json signature forwarded_for)

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED: the nightly toolchain is not installed (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz
fi
cd fuzz
# A smoke run (10 s or less per target) builds unoptimised: a few minutes
# less to build on a fresh machine than a release build, for runs too short
# for speed to matter.
profile=()
[ "$seconds" -le 10 ] && profile=(--dev)
# No sanitizer: the code is safe Rust, and the build is much faster without.
cargo +nightly fuzz build "${profile[@]}" -s none
printf '%-14s %8s %12s %8s\n' target seconds runs crashes
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log=$(mktemp)
  if cargo +nightly fuzz run "${profile[@]}" -s none "$t" "corpus/$t" -- -max_total_time="$seconds" \
      -max_len=4096 -print_final_stats=1 >"$log" 2>&1; then
    crashes=0
  else
    crashes=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  printf '%-14s %8s %12s %8s\n' "$t" "$seconds" "$runs" "$crashes"
  if [ "$crashes" != 0 ]; then
    tail -40 "$log"
    echo "fuzz: $t crashed; the input is in fuzz/artifacts/$t/"
    exit 1
  fi
  rm -f "$log"
done
