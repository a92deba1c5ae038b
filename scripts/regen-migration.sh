#!/usr/bin/env bash
# Before the first release only: rebuild the single initial migration from the models.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f migrations/versions/*.py
db=$(mktemp -u /tmp/panels-mig.XXXXXX.sqlite3)
PANELS_DATABASE_URL="sqlite:///$db" .venv/bin/flask --app panels db migrate -m "initial tables" >/dev/null
rm -f "$db"*
.venv/bin/ruff format migrations/versions >/dev/null 2>&1 || true
ls migrations/versions
