"""The application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from panels import config as config_module
from panels.db import csrf, db, login_manager, migrate

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(config: dict | type | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    app.config.from_object(config_module.Config)
    if isinstance(config, type):
        app.config.from_object(config)
    app.config.update(config_module.from_environment())
    if isinstance(config, dict):
        app.config.update(config)

    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = config_module.default_database_url(
            app.instance_path
        )
    app.config["SQLALCHEMY_DATABASE_URI"] = config_module.normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    app.config.setdefault("MEDIA_DIR", os.path.join(app.instance_path, "media"))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)

    from panels import models  # noqa: F401  (register tables)
    from panels.common.web import register_web

    register_web(app)

    from panels.cli import register_cli

    register_cli(app)
    return app


def _instance_secret(instance_path: str) -> str:
    """A secret kept in instance/ so sessions survive restarts without set-up."""
    import secrets

    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys on and write-ahead logging for SQLite; nothing for others."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
