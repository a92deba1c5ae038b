"""Configuration: classes plus PANELS_* environment variables."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path


class Config:
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None  # no time limits on panel screens (WCAG 2.2.1)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    SIGN_IN_LINK_MINUTES = 15
    LOGIN_ATTEMPTS_ALLOWED = 5  # wrong tries per account in the window
    LOGIN_ATTEMPTS_PER_ADDRESS = 50  # wrong tries from one address in the window
    LOGIN_ATTEMPT_WINDOW_MINUTES = 15
    SESSION_TOUCH_MINUTES = 5  # how often a session's "last seen" is written
    # A coordinator's session ends after this long without use, with a warning this long
    # before (WCAG 2.2.1). Panel members' sessions have no such limit.
    COORDINATOR_IDLE_MINUTES: float = 30
    IDLE_WARNING_MINUTES: float = 2
    TWO_STEP_PENDING_MINUTES = 10  # time to type the code after the password or link
    TRUSTED_PROXIES = 0  # proxies in front of Panels whose X-Forwarded-* headers to believe
    CANDIDATE_CSV_MAX_ROWS = 500
    # werkzeug's generate_password_hash method; its own default (scrypt) unless testing.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  (a method name, not a password)
    SPEECH_TIMEOUT = 30.0
    # The background worker (flask --app panels worker) and /healthz.
    WORKER_POLL_SECONDS = 2.0  # how often an idle worker looks for tasks
    WORKER_HEARTBEAT_SECONDS = 5.0
    WORKER_HEARTBEAT_STALE_SECONDS = 30.0  # /healthz fails when the newest beat is older
    TASK_RETRY_SECONDS = 60.0  # a try that raised is tried again this much later
    LOG_FORMAT = "text"  # or "json": one JSON object per line
    # Email (panels/mail). With no MAIL_SERVER, the worker keeps emails in Panels'
    # own outbox, to read on the job's "Sent messages" page, and sends nothing.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False  # TLS from the start (usually port 465)
    MAIL_STARTTLS = False  # plain, then STARTTLS (usually port 587)
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER = "Panels <panels@localhost>"
    MAIL_TIMEOUT = 20.0  # seconds to wait for the mail server
    MAIL_RETRY_SECONDS = 60.0  # first wait after a try that failed; doubles each time
    # Where links in emails the worker writes point (reminders); requests use their own.
    BASE_URL = "http://localhost:5000"
    TESTING = False


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    WTF_CSRF_ENABLED = False
    SERVER_NAME = None
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"  # noqa: S105  (cheap: 4 people per test)


_ENV_KEYS = {
    "PANELS_SECRET_KEY": "SECRET_KEY",
    "PANELS_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "PANELS_SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
    "PANELS_MEDIA_DIR": "MEDIA_DIR",
    "PANELS_TRUSTED_PROXIES": "TRUSTED_PROXIES",
    "PANELS_LOGIN_ATTEMPTS_PER_ADDRESS": "LOGIN_ATTEMPTS_PER_ADDRESS",
    "PANELS_S3_BUCKET": "S3_BUCKET",  # uploaded files in S3-compatible storage, not the database
    "PANELS_S3_ENDPOINT_URL": "S3_ENDPOINT_URL",  # for MinIO, Ceph, moto...; AWS when unset
    "PANELS_S3_PREFIX": "S3_PREFIX",
    "PANELS_PAY_ADVICE": "PAY_ADVICE",  # where pay offers send people for benefits advice
    "PANELS_LOG_FORMAT": "LOG_FORMAT",
    "PANELS_MAIL_SERVER": "MAIL_SERVER",
    "PANELS_MAIL_PORT": "MAIL_PORT",
    "PANELS_MAIL_USE_TLS": "MAIL_USE_TLS",
    "PANELS_MAIL_STARTTLS": "MAIL_STARTTLS",
    "PANELS_MAIL_USERNAME": "MAIL_USERNAME",
    "PANELS_MAIL_PASSWORD": "MAIL_PASSWORD",  # noqa: S105  (the name of a setting)
    "PANELS_MAIL_SENDER": "MAIL_SENDER",
    "PANELS_BASE_URL": "BASE_URL",
    "PANELS_COORDINATOR_IDLE_MINUTES": "COORDINATOR_IDLE_MINUTES",
}
_WHOLE_NUMBERS = {  # and their least
    "TRUSTED_PROXIES": 0,
    "LOGIN_ATTEMPTS_PER_ADDRESS": 1,
    "MAIL_PORT": 1,
    "COORDINATOR_IDLE_MINUTES": 5,
}
_YES_OR_NO = {"SESSION_COOKIE_SECURE", "MAIL_USE_TLS", "MAIL_STARTTLS"}


def from_environment() -> dict[str, str | bool | int]:
    """Settings taken from PANELS_* environment variables."""
    found: dict[str, str | bool | int] = {}
    for env_key, config_key in _ENV_KEYS.items():
        value = os.environ.get(env_key)
        if value is None or value == "":
            continue
        if config_key in _YES_OR_NO:
            found[config_key] = value.lower() in {"1", "true", "yes"}
        elif config_key in _WHOLE_NUMBERS:
            found[config_key] = whole_number(env_key, value, _WHOLE_NUMBERS[config_key])
        else:
            found[config_key] = value
    return found


def whole_number(name: str, value: object, least: int = 0) -> int:
    """A setting that must be a whole number, or a clear message at start-up."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 9 and int(text) >= least):
        raise ValueError(f"{name} must be a whole number, {least} or more (it is {value!r}).")
    return int(text)


def normalise_database_url(url: str) -> str:
    """Let people write postgres:// or postgresql:// and still use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "panels.sqlite3")
