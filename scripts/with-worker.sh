#!/usr/bin/env bash
# Start the background worker (flask --app panels worker), run the given command (the
# web server) in the foreground, and stop the worker when the command ends (Ctrl+C too).
set -uo pipefail
flask=${FLASK_BIN:-.venv/bin/flask}
"$flask" --app panels worker &
worker=$!
stop() { kill -TERM "$worker" 2>/dev/null; wait "$worker" 2>/dev/null; }
trap stop EXIT
trap 'exit 130' INT TERM
"$@"
