#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a loopback port, runs the given command with
# DATABASE_URL pointing at it, then stops and removes the cluster.
set -euo pipefail
export MINPING_WITH_POSTGRES=1
bash "$(dirname "$0")/system-packages.sh"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb)")
port=${PGTEST_PORT:-54329}
dir=$(mktemp -d /tmp/minping-pg.XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
  chown postgres "$dir"
  runas=(runuser -u postgres --)
fi
cleanup() { "${runas[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${runas[@]}" "$bindir/initdb" -D "$dir/data" -U minping --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${runas[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
"${runas[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U minping minping
export DATABASE_URL="postgres://minping@127.0.0.1:$port/minping"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
