#!/usr/bin/env bash
# `make run-production`: the production set-up, on this machine, for trying it out.
# A local PostgreSQL (data in instance/postgres, port PANELS_PG_PORT, default 54353),
# `flask db upgrade`, the demo if the database is empty, gunicorn with two processes
# (deploy/gunicorn.conf.py) and the background worker. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${VENV_BIN:-.venv/bin}
port=${PANELS_PG_PORT:-54353}
web=${PANELS_WEB_BIND:-127.0.0.1:8000}
data="$PWD/instance/postgres"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "PostgreSQL is not installed: apt-get install postgresql (make run-production tries)." >&2
  exit 1
fi
started=$EPOCHREALTIME
run_as=()
mkdir -p instance
if [ "$(id -u)" = 0 ]; then
  run_as=(runuser -u postgres --)
fi
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  chmod 700 "$data"
  "${run_as[@]}" "$pgbin/initdb" -D "$data" -U panels --auth=trust -E UTF8 >/dev/null
fi
"${run_as[@]}" "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null

pids=()
stop() {
  trap - EXIT INT TERM
  echo ""
  echo "Stopping Panels..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${run_as[@]}" "$pgbin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  echo "Stopped."
}
trap stop EXIT
trap 'exit 130' INT TERM

"${run_as[@]}" "$pgbin/psql" -h 127.0.0.1 -p "$port" -U panels -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'panels'" | grep -q 1 ||
  "${run_as[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U panels panels

export PANELS_DATABASE_URL="postgresql://panels@127.0.0.1:$port/panels"
# One secret for every process (made once, kept in instance/): sessions work on any of them.
if [ -z "${PANELS_SECRET_KEY:-}" ]; then
  [ -f instance/secret_key ] || (umask 077 && "$bin/python" -c \
    "import secrets; print(secrets.token_urlsafe(48))" > instance/secret_key)
  PANELS_SECRET_KEY=$(cat instance/secret_key)
  export PANELS_SECRET_KEY
fi

"$bin/flask" --app panels db upgrade 2>&1 | grep -v "^INFO  \[alembic.runtime.migration\] \(Context\|Will assume\)" || true
"$bin/flask" --app panels load-demo || true  # says so and changes nothing if not empty

"$bin/flask" --app panels worker &
pids+=($!)
# In its own session: Ctrl+C reaches this script only, which stops gunicorn's master with
# SIGTERM (a terminal's SIGINT sent to its workers too can leave one hanging 30 seconds).
PANELS_WEB_WORKERS=${PANELS_WEB_WORKERS:-2} setsid "$bin/gunicorn" -c deploy/gunicorn.conf.py \
  --bind "$web" &
pids+=($!)

for _ in $(seq 1 300); do
  if curl -fsS "http://$web/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
ready=$EPOCHREALTIME
echo ""
echo "Panels (production set-up) is running at http://$web/"
echo "  PostgreSQL on 127.0.0.1:$port (data in instance/postgres), database 'panels'"
echo "  gunicorn: ${PANELS_WEB_WORKERS:-2} processes; background worker: pid ${pids[0]}"
echo "  health: http://$web/healthz ($(curl -s "http://$web/healthz"))"
"$bin/python" -c "print(f'  ready in {$ready - $started:.1f} s (PostgreSQL, migrations, demo check, first answer)')"
echo "Demo sign-ins (password: panels-demo): coordinator@example.org, sam@example.org"
echo "Press Ctrl+C to stop."
wait -n "${pids[@]}" || true
