#!/usr/bin/env bash
# Figure 3 of docs/figures.md: the proxy under load on loopback, at fixed arrival
# rates, against nginx `proxy_pass` in front of the same sandbox.
# For each rate (100, 500, 1000 requests/s; DURATION seconds each, default
# 20), `oha` (fixed rate, latency corrected for coordinated omission) sends
# the widget's resolve three ways:
#   direct  straight to the embedded sandbox (with its key)
#   proxy   through amwal-proxy (origin, id and rate checks, the store,
#           the upstream call, amount check, masking)
#   nginx   through nginx proxy_pass, adding the key as a header
# and prints p50/p99/p99.9, each one's latency added over direct, the share
# of answers that were 200, the
# proxy's added p50 as a ratio over nginx's, and the process's CPU and
# memory at 1000 requests/s. Servers run on core 0, the load on core 1.
#   bench/proxy.sh [DURATION]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
duration=${1:-20}
command -v taskset >/dev/null || { echo "bench-proxy: taskset (util-linux) is needed"; exit 1; }
if ! command -v nginx >/dev/null; then
  echo "bench-proxy: installing nginx"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
fi
if ! command -v oha >/dev/null; then
  echo "bench-proxy: installing oha (a fixed-rate HTTP load generator; once)"
  cargo install oha --locked >/dev/null
fi
cargo build -q --release -p amwal-proxy

work=$(mktemp -d)
cleanup() {
  [ -n "${proxy_pid:-}" ] && kill "$proxy_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

key=sandbox-amwal-bench
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 0 target/release/amwal-proxy --port "$port" --no-access-log --rate-limit 100000000 \
  --sandbox-key "$key" > "$work/proxy.out" 2>&1 &
proxy_pid=$!
for _ in $(seq 100); do grep -q 'storefront:' "$work/proxy.out" 2>/dev/null && break; sleep 0.1; done
link=$(grep -o 'link=[0-9a-f-]*' "$work/proxy.out" | cut -d= -f2)

cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  upstream sandbox { server 127.0.0.1:$port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /amwal/ {
      proxy_pass http://sandbox/sandbox/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "$key";
      # The sandbox, like Amwal, checks the storefront's origin on resolve.
      proxy_set_header Origin "http://127.0.0.1:$port";
    }
  }
}
CONF
taskset -c 0 nginx -c "$work/nginx.conf" -p "$work"

declare -A url=(
  [direct]="http://127.0.0.1:$port/sandbox/payment_links/$link/resolve"
  [proxy]="http://127.0.0.1:$port/amwal/payment_links/$link/resolve"
  [nginx]="http://127.0.0.1:$nginx_port/amwal/payment_links/$link/resolve"
)
# Prints "p50 p99 p99.9 success-rate" in milliseconds.
load() {
  local target=$1 rate=$2 extra=()
  [ "$target" = direct ] && extra=(-H "Authorization: $key" -H "Origin: http://127.0.0.1:$port")
  taskset -c 1 oha --no-tui --output-format json -z "${duration}s" -q "$rate" --latency-correction \
    -m POST -T application/json -d '{}' "${extra[@]}" "${url[$target]}" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); p=r["latencyPercentiles"]; \
codes=r.get("statusCodeDistribution", {}); ok=codes.get("200", 0)/max(1, sum(codes.values())); \
print("%.3f %.3f %.3f %.4f" % (p["p50"]*1e3, p["p99"]*1e3, p["p99.9"]*1e3, ok))'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

echo "resolve on loopback, ${duration} s per rate; latency in ms (p50 / p99 / p99.9), added = over direct"
printf '%6s %-7s %8s %8s %8s %9s %9s %9s %8s\n' rate target p50 p99 p99.9 '+p50' '+p99' '+p99.9' success
declare -A cpu=()
for rate in 100 500 1000; do
  declare -A res=()
  for target in direct proxy nginx; do
    before=$(cpu_ticks "$proxy_pid")
    res[$target]=$(load "$target" "$rate")
    cpu[$target]=$(( $(cpu_ticks "$proxy_pid") - before ))
  done
  read -r d50 d99 d999 _ <<<"${res[direct]}"
  for target in direct proxy nginx; do
    read -r p50 p99 p999 ok <<<"${res[$target]}"
    awk -v r="$rate" -v t="$target" -v a="$p50" -v b="$p99" -v c="$p999" -v x="$d50" -v y="$d99" -v z="$d999" -v ok="$ok" \
      'BEGIN { printf "%6d %-7s %8.3f %8.3f %8.3f %+9.3f %+9.3f %+9.3f %7.2f%%\n", r, t, a, b, c, a-x, b-y, c-z, ok*100 }'
  done
  read -r p50 _ <<<"${res[proxy]}"; read -r n50 _ <<<"${res[nginx]}"
  awk -v p="$p50" -v n="$n50" -v d="$d50" -v r="$rate" 'BEGIN {
    if (n - d > 0) printf "%6d ratio: the proxy adds %.2f x what nginx adds at p50\n", r, (p - d) / (n - d);
    else printf "%6d ratio: nginx added nothing measurable at p50\n", r }'
  if [ "$rate" = 1000 ]; then
    rss=$(awk '/VmHWM/ { print $2 }' "/proc/$proxy_pid/status")
    awk -v s="${cpu[direct]}" -v p="${cpu[proxy]}" -v hz="$hz" -v d="$duration" -v m="$rss" 'BEGIN {
      printf "at 1000/s: amwal-proxy process CPU %.1f %% of a core with the sandbox alone (direct), %.1f %% through the proxy (proxy + sandbox); peak RSS %.1f MB\n",
        100 * s / hz / d, 100 * p / hz / d, m / 1024 }'
  fi
done
