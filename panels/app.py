"""The application factory, and the areas it is made of, in order."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from panels import (
    account,
    audio,
    auth,
    candidates,
    decision,
    demo,
    invitations,
    jobs,
    live,
    mail,
    members,
    orgs,
    pages,
    pay,
    plan,
    prepare,
    privacy,
    questions,
    results,
    scoring,
    shortlist,
    tasks,
)
from panels import config as config_module
from panels.auth import login
from panels.common import cookies, delivery, early, errors, inputs, logs, security, storage
from panels.common.access import nav_for
from panels.common.areas import Area, remember
from panels.common.sections import sections_for
from panels.common.tasks import register_kinds
from panels.db import csrf, db, migrate

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")

# Every area, in order: blueprints are registered, demo steps run, and job-page sections
# with the same order number are shown in this order.
AREAS = (
    pages,
    auth,
    account,
    orgs,
    jobs,
    members,
    candidates,
    audio,
    plan,
    live,
    questions,
    invitations,
    scoring,
    results,
    decision,
    pay,
    privacy,  # retention, everything we hold about a person, deletion, privacy notices
    mail,  # email: the outbox, sent by the worker
    prepare,  # after pay: its meeting time goes into pay
    shortlist,  # what matters to us, applications, the shortlist
    tasks,  # the background worker and /healthz
)


def create_app(config: dict[str, Any] | type | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    _configure(app, config)

    cookies.init_app(app)  # the signed session cookie, each one checked once per process
    logs.init_app(app)  # first: every request gets its id before anything else runs
    early.init_app(app)  # then the quick answers of views marked @answers_early
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    csrf.init_app(app)
    login.init_app(app)
    errors.init_app(app)
    inputs.init_app(app)  # before the blueprints: their routes use its id converter
    security.init_app(app)
    storage.init_app(app)  # the file store: database, or S3 when configured
    delivery.init_app(app)  # compression; static files versioned and cached for a year

    areas = tuple(package.area() for package in AREAS)
    remember(app, areas)
    register_kinds(app, areas)
    for area in areas:
        app.register_blueprint(area.blueprint)
        if area.register_cli is not None:
            area.register_cli(app)
    demo.register_cli(app)
    _template_globals(app, areas)
    # last: answers before Flask (the live poll, the tablet's score save)
    early.init_wsgi(app, _early_headers(app), logs.early_access)
    return app


def _early_headers(app: Flask) -> Callable[[Mapping[str, Any]], list[tuple[str, str]]]:
    """Every answer given before Flask carries what every page's answer does: the security
    headers and a request id."""
    fixed = security.page_headers()
    request_id = logs.request_id_header(app)
    return lambda environ: [*fixed, request_id(environ)]


def _configure(app: Flask, config: dict[str, Any] | type | None) -> None:
    """Defaults, then a config class, then PANELS_* variables, then a dict of overrides."""
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
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A file on this machine never drops a connection: checking each one with a
        # "SELECT 1" before use (right for a database server) is only a cost here.
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options["pool_pre_ping"] = False
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    app.config.setdefault("MEDIA_DIR", os.path.join(app.instance_path, "media"))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)

    proxies = config_module.whole_number("TRUSTED_PROXIES", app.config["TRUSTED_PROXIES"])
    if proxies:
        # Believe the last `proxies` hops of X-Forwarded-For/-Proto/-Host, and no more:
        # without this, everyone behind the proxy has the proxy's address.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )


def _template_globals(app: Flask, areas: tuple[Area, ...]) -> None:
    """Names every template can use: the menu, the job page's sections, the areas' own."""
    providers = [area.section for area in areas if area.section is not None]
    from_areas: dict[str, Any] = {}
    for area in areas:
        from_areas.update(area.template_globals)

    @app.context_processor
    def template_globals() -> dict[str, Any]:
        return {
            "nav_items": nav_for(request),
            "job_sections": lambda job, me: sections_for(providers, job, me, current_user),
            **from_areas,
        }


def _instance_secret(instance_path: str) -> str:
    """A secret kept in instance/ so sessions survive restarts without set-up."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on and write-ahead logging for SQLite; nothing for others."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        # synchronous stays at its default (FULL): a sent score survives a power cut.
        cursor.close()
