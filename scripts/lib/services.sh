# The PostgreSQL and Redis the proxy's tests talk to (sourced by test.sh and
# the benchmarks). Uses DATABASE_URL / REDIS_URL when they answer, else the
# usual local ports, else installs Debian's packages and starts throwaway
# servers on free ports, stopped when the calling script exits.
# Exports DATABASE_URL (a database of its own, emptied each run) and REDIS_URL.

SERVICES_DIR=""

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

stop_services() {
  [ -n "$SERVICES_DIR" ] || return 0
  if [ -f "$SERVICES_DIR/pg/postmaster.pid" ]; then
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$SERVICES_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -f "$SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$SERVICES_DIR"
}

services_dir() {
  if [ -z "$SERVICES_DIR" ]; then
    SERVICES_DIR=$(mktemp -d /tmp/amwal-services.XXXXXX)
    chmod 755 "$SERVICES_DIR"
    trap stop_services EXIT
  fi
}

apt_install() {
  echo "services: installing Debian packages: $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_answers() { # url
  psql "$1" -tAc 'SELECT 1' >/dev/null 2>&1
}

ensure_postgres() {
  command -v psql >/dev/null || apt_install postgresql-client
  local admin=""
  if [ -n "${DATABASE_URL:-}" ] && pg_answers "$DATABASE_URL"; then
    admin=$DATABASE_URL
  elif pg_answers "postgres://postgres@127.0.0.1:5432/postgres"; then
    admin="postgres://postgres@127.0.0.1:5432/postgres"
  else
    [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || apt_install postgresql
    services_dir
    local port
    port=$(free_port)
    # initdb refuses root: the cluster belongs to the postgres user.
    mkdir -p "$SERVICES_DIR/pg" && chown postgres "$SERVICES_DIR/pg"
    runuser -u postgres -- "$(pg_bin)/initdb" -D "$SERVICES_DIR/pg" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$SERVICES_DIR/pg" -w -l "$SERVICES_DIR/pg/log" \
      -o "-p $port -k $SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    admin="postgres://postgres@127.0.0.1:$port/postgres"
    echo "services: started a throwaway PostgreSQL on 127.0.0.1:$port" >&2
  fi
  # A database of the tests' own, emptied each run.
  PGOPTIONS='-c client_min_messages=warning' psql "$admin" -qc 'DROP DATABASE IF EXISTS amwal_test WITH (FORCE)' >/dev/null
  psql "$admin" -qc 'CREATE DATABASE amwal_test' >/dev/null
  DATABASE_URL=$(node -e 'const u=new URL(process.argv[1]);u.pathname="/amwal_test";console.log(u.href)' "$admin")
  export DATABASE_URL
}

ensure_redis() {
  command -v redis-cli >/dev/null || apt_install redis-tools
  if [ -n "${REDIS_URL:-}" ] && [ "$(redis-cli -u "$REDIS_URL" ping 2>/dev/null)" = PONG ]; then
    :
  elif [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; then
    REDIS_URL="redis://127.0.0.1:6379"
  else
    command -v redis-server >/dev/null || apt_install redis-server
    services_dir
    local port
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log"
    for _ in $(seq 50); do
      [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break
      sleep 0.1
    done
    REDIS_URL="redis://127.0.0.1:$port"
    echo "services: started a throwaway Redis on 127.0.0.1:$port" >&2
  fi
  export REDIS_URL
}
