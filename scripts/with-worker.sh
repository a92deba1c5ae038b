#!/usr/bin/env bash
# Start the background worker (flask --app panels worker) beside the given command (the
# web server); Ctrl+C or SIGTERM stops both, and either one stopping stops the other.
set -uo pipefail
flask=${FLASK_BIN:-.venv/bin/flask}
"$flask" --app panels worker &
worker=$!
"$@" &
server=$!
stop() {
  trap - INT TERM
  kill -TERM "$server" "$worker" 2>/dev/null
  wait "$server" "$worker" 2>/dev/null
}
trap 'stop; exit 130' INT TERM
wait -n "$server" "$worker"
status=$?
stop
exit $status
