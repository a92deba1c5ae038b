# Panels: `make run` and `make test` do all set-up on a fresh Debian machine (Python 3.11).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app panels
HOST ?= 127.0.0.1
PORT ?= 5000
APT_RUN := espeak-ng libespeak-ng1 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
APT_TEST := $(APT_RUN) chromium

.PHONY: run test install install-test system-run system-test migrate demo serve lint format \
	test-postgres postgres-suite migration benchmark clean run-production

run: install system-run migrate demo serve

# The suite on every core (pytest-xdist): each worker has its own database and, for the
# browser tests, its own live server and Chromium; a browser test file stays on one worker.
# Python may write its bytecode here even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): then each worker reads pytest's rewritten test modules and
# the app's compiled modules from __pycache__ instead of compiling them all again (about
# half of each worker's collection time).
TEST_WORKERS ?= auto
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

test: install-test system-test lint
	$(PYTEST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# pip runs again only when pyproject.toml is newer than the last install (a stamp file in
# the venv), so a repeat `make test` does not spend seconds asking pip what it already has.
install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# Debian packages: speech (espeak-ng), PDF (pango) and, for tests, Chromium.
# Installs what is missing when we are root (or have sudo); otherwise says what to install.
system-run:
	@bash scripts/apt-ensure.sh $(APT_RUN)

system-test:
	@bash scripts/apt-ensure.sh --required $(APT_TEST)

migrate:
	$(FLASK) db upgrade

demo:
	$(FLASK) load-demo

serve:
	@echo ""
	@echo "Panels is running at http://$(HOST):$(PORT)/"
	@echo "Demo sign-ins (password: panels-demo):"
	@echo "  coordinator: coordinator@example.org"
	@echo "  panel members: sam@example.org, jo@example.org, priya@example.org"
	@echo "Press Ctrl+C to stop."
	FLASK_BIN=$(BIN)/flask bash scripts/with-worker.sh \
		$(BIN)/waitress-serve --host=$(HOST) --port=$(PORT) --threads=8 --call panels:create_app

# The production set-up on this machine (see "Running in production" in the README): a
# local PostgreSQL (port PANELS_PG_PORT, default 54353; data in instance/postgres),
# migrations, the demo if empty, gunicorn with two processes and the background worker.
run-production: install
	@bash scripts/apt-ensure.sh $(APT_RUN) postgresql
	VENV_BIN=$(BIN) bash scripts/run-production.sh

# The suite again against a throwaway PostgreSQL server: `flask db upgrade` makes the
# schema on the empty database, `flask db check` fails if models and migrations differ
# there, then the non-browser suite runs on it (its fixtures migrate the same way).
test-postgres: install-test
	@bash scripts/apt-ensure.sh --required postgresql
	bash scripts/with-postgres.sh $(MAKE) --no-print-directory postgres-suite

postgres-suite:
	@test -n "$$PANELS_TEST_DATABASE_URL" || { echo "Run this through make test-postgres." >&2; exit 1; }
	PANELS_DATABASE_URL="$$PANELS_TEST_DATABASE_URL" $(FLASK) db upgrade
	PANELS_DATABASE_URL="$$PANELS_TEST_DATABASE_URL" $(FLASK) db check
	$(PYTEST) -m "not browser"

# After changing models: write a new migration.
migration:
	$(FLASK) db migrate -m "$(or $(m),change)"

# Style, complexity (C90), the import contracts and types: all in pyproject.toml.
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Speed figures next to a hello-world baseline (wrk load; PostgreSQL when it is installed).
benchmark: install-test
	@bash scripts/apt-ensure.sh wrk postgresql
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		bash scripts/with-postgres.sh $(BIN)/python scripts/benchmark.py; \
	else \
		$(BIN)/python scripts/benchmark.py; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .grimp_cache
