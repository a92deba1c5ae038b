"""The migrations build exactly the tables the models describe, on the suite's database.

The suite runs on SQLite, or on PostgreSQL when PANELS_TEST_DATABASE_URL is set
(`make test-postgres`). These tests run the migrations on a fresh, empty database of the
same kind, so the suite's own tables are left alone.
"""

from __future__ import annotations

import logging
import os
import uuid
from contextlib import contextmanager

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from panels import create_app
from panels.db import db, migrate


@contextmanager
def empty_database(tmp_path):
    """The URL of a new empty database of the kind the suite runs on; dropped after."""
    suite_url = os.environ.get("PANELS_TEST_DATABASE_URL")
    if not suite_url:
        yield f"sqlite:///{tmp_path}/migrations.sqlite3"
        return
    url = make_url(suite_url)
    name = f"panels_migrations_{uuid.uuid4().hex[:12]}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def fresh_app(tmp_path):
    with empty_database(tmp_path) as url:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "x",
                "TESTING": True,
                "MEDIA_DIR": str(tmp_path / "media"),
            }
        )
        app.instance_path = str(tmp_path)
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def db_check(app, caplog, capsys) -> tuple[int, str]:
    """`flask db check`: exit code, and what it said (on stdout and through logging)."""
    caplog.clear()
    capsys.readouterr()
    with caplog.at_level(logging.INFO):
        result = app.test_cli_runner().invoke(args=["db", "check"])
    return result.exit_code, result.output + capsys.readouterr().out + caplog.text


def tables(app) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def test_migrations_match_models_down_and_up_again(fresh_app, caplog, capsys):
    model_tables = set(db.metadata.tables)
    with fresh_app.app_context():
        upgrade()
    assert tables(fresh_app) == model_tables | {"alembic_version"}
    code, said = db_check(fresh_app, caplog, capsys)
    assert code == 0, f"models and migrations differ:\n{said}"

    with fresh_app.app_context():
        downgrade(revision="base")
    assert tables(fresh_app) <= {"alembic_version"}

    with fresh_app.app_context():
        upgrade()
    assert tables(fresh_app) == model_tables | {"alembic_version"}
    code, said = db_check(fresh_app, caplog, capsys)
    assert code == 0, f"after downgrade and upgrade again:\n{said}"


def test_db_check_fails_when_database_and_models_differ(fresh_app, caplog, capsys):
    """The check can fail: a column the models do not have is reported."""
    with fresh_app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE job ADD COLUMN not_in_the_models INTEGER"))
    code, said = db_check(fresh_app, caplog, capsys)
    assert code != 0
    assert "not_in_the_models" in said


def test_suite_schema_is_made_by_the_migrations(app):
    """The suite's own tables came from `flask db upgrade`, at the newest revision."""
    with app.app_context():
        heads = set(ScriptDirectory.from_config(migrate.get_config()).get_heads())
        with db.engine.connect() as connection:
            applied = set(connection.scalars(text("SELECT version_num FROM alembic_version")))
    assert applied == heads
