#!/usr/bin/env bash
# Start a throwaway PostgreSQL server, run the given command against it, then stop it.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/panels-pg.XXXXXX)
port=${PANELS_PG_PORT:-54329}
run_as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$work"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bindir/initdb" -D "$work/data" -U panels --auth=trust -E UTF8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${run_as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U panels panels_test
export PANELS_TEST_DATABASE_URL="postgresql+psycopg://panels@127.0.0.1:$port/panels_test"
echo "PostgreSQL test server on port $port"
"$@"
