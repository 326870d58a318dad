#!/usr/bin/env bash
# Figure 10 of docs/figures.md: what the shared store costs. The widget's
# resolve and Amwal's link callback at fixed arrival rates (oha, latency
# corrected for coordinated omission) against
#   sqlite    one proxy on a SQLite file
#   pg        one proxy on PostgreSQL (and Redis for the rate limits)
#   pg×3      three proxies on that PostgreSQL and Redis, behind nginx
# all against one sandbox process (`amwal-proxy sandbox`). Prints p50/p99
# latency, each one's difference from sqlite, and the answers per second
# that were 200. Callbacks are unsigned (no --callback-key-file: the same
# for every setup); each is stored, acknowledged, and worked after.
#   bench/instances.sh [SECONDS] [RATES]     (default: 15 "200 500")
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/env.sh"
source scripts/lib/services.sh
duration=${1:-15}
rates=${2:-"200 500"}
if ! command -v nginx >/dev/null; then
  echo "bench-instances: installing nginx"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
fi
if ! command -v oha >/dev/null; then
  echo "bench-instances: installing oha (a fixed-rate HTTP load generator; once)"
  cargo install oha --locked >/dev/null
fi
ensure_postgres
ensure_redis
cargo build -q --release -p amwal-proxy
bin=target/release/amwal-proxy

work=$(mktemp -d)
cleanup() {
  for p in $(cat "$work/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
  stop_services
}
trap cleanup EXIT

store=http://127.0.0.1:9
key=sandbox-amwal-bench-instances
"$bin" sandbox --port 0 --key "$key" --storefront-origin "$store" --retry-unit-ms 600000 \
  > "$work/sandbox.out" 2>/dev/null &
echo $! >> "$work/pids"
for _ in $(seq 100); do grep -q 'listening on' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
sandbox=$(sed -n 's/^amwal sandbox listening on //p' "$work/sandbox.out")

# A database of its own for each PostgreSQL setup.
database() {
  psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null
  psql "$DATABASE_URL" -qc "CREATE DATABASE $1"
  node -e 'const u=new URL(process.argv[1]);u.pathname="/"+process.argv[2];console.log(u.href)' \
    "$DATABASE_URL" "$1"
}

# Starts a proxy with extra arguments; prints its API URL.
proxy() {
  local out="$work/proxy-$RANDOM.out"
  "$bin" --port 0 --no-access-log --sweep-every-secs 0 --api-key "$key" --api-base "$sandbox" \
    --storefront-origin "$store" --admin-token bench-admin --rate-limit 100000000 \
    --link-rate-limit 100000000 --callback-rate-limit 100000000 --redis-prefix "bench-$RANDOM" \
    "$@" > "$out" 2>/dev/null &
  echo $! >> "$work/pids"
  for _ in $(seq 100); do grep -q '^Press Ctrl-C' "$out" 2>/dev/null && break; sleep 0.1; done
  sed -n 's/^  proxy: *//p' "$out"
}

one_sqlite=$(proxy --db "$work/one.sqlite3")
pg1=$(database amwal_bench_one)
one_pg=$(proxy --db "$pg1" --redis-url "$REDIS_URL")
pg3=$(database amwal_bench_three)
three=()
for _ in 1 2 3; do three+=("$(proxy --db "$pg3" --redis-url "$REDIS_URL")"); done

nginx_port=$(free_port)
{
  echo "worker_processes 1; pid $work/nginx.pid; error_log $work/nginx-error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off; upstream three { keepalive 64; keepalive_timeout 4s;"
  for api in "${three[@]}"; do echo "server ${api#http://}" | sed 's|/amwal$|;|'; done
  echo "} server { listen 127.0.0.1:$nginx_port; location / { proxy_pass http://three;"
  echo "proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }"
} > "$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work"
three_api="http://127.0.0.1:$nginx_port/amwal"

declare -A api=([sqlite]=$one_sqlite [pg]=$one_pg [pg×3]=$three_api)
declare -A link=() tx=()
for setup in sqlite pg 'pg×3'; do
  l=$(curl -s -X POST "${api[$setup]}/payment_links" -H 'Authorization: Bearer bench-admin' \
    -H 'Content-Type: application/json' \
    -d '{"order_id":"bench-1","amount":"80.00","title":"Bench","send_sms":false}' |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).payment_link_id))')
  link[$setup]=$l
  tx[$setup]=$(curl -s -X POST "${api[$setup]}/payment_links/$l/resolve" -H 'Content-Type: application/json' \
    -d "{\"customer_context\":{\"return_url\":\"$store/back\"}}" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).transaction.id))')
done

# Prints "p50 p99 ok-per-second" (ms, ms, answers/s that were 200).
load() { # url rate body
  oha --no-tui --output-format json -z "${duration}s" -q "$2" --latency-correction \
    -m POST -T application/json -d "$3" "$1" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);
      const p=r.latencyPercentiles, c=r.statusCodeDistribution||{};
      console.log((p.p50*1e3).toFixed(3), (p.p99*1e3).toFixed(3), ((c["200"]||0)/Number(process.argv[1])).toFixed(1))})' "$duration"
}

# Warm-up: connections, prepared statements, caches.
for setup in sqlite pg 'pg×3'; do
  duration=3 load "${api[$setup]}/payment_links/${link[$setup]}/resolve" 100 \
    "{\"customer_context\":{\"return_url\":\"$store/back\"}}" >/dev/null
done

echo "${duration} s per rate; latency in ms; Δ = difference from one proxy on SQLite"
printf '%-9s %6s %-7s %8s %8s %9s %9s %8s\n' call rate setup p50 p99 'Δp50' 'Δp99' '200/s'
for call in resolve callback; do
  for rate in $rates; do
    declare -A res=()
    for setup in sqlite pg 'pg×3'; do
      if [ "$call" = resolve ]; then
        url="${api[$setup]}/payment_links/${link[$setup]}/resolve"
        body="{\"customer_context\":{\"return_url\":\"$store/back\"}}"
      else
        url="${api[$setup]}/callbacks"
        body="{\"amount\":\"80.00000\",\"payment_link_id\":\"${link[$setup]}\",\"payment_option\":\"Pay In Full\",\"status\":\"success\",\"transaction_id\":\"${tx[$setup]}\",\"client_first_name\":\"A\",\"client_last_name\":\"B\"}"
      fi
      res[$setup]=$(load "$url" "$rate" "$body")
    done
    read -r b50 b99 _ <<<"${res[sqlite]}"
    for setup in sqlite pg 'pg×3'; do
      read -r p50 p99 ok <<<"${res[$setup]}"
      awk -v c="$call" -v r="$rate" -v s="$setup" -v a="$p50" -v b="$p99" -v x="$b50" -v y="$b99" -v ok="$ok" \
        'BEGIN { printf "%-9s %6d %-7s %8.3f %8.3f %+9.3f %+9.3f %8.1f\n", c, r, s, a, b, a-x, b-y, ok }'
    done
  done
done
