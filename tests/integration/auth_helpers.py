"""Helpers for the sign-in tests: tries, throttle rows, sessions and a second app."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import select

from panels import create_app
from panels.db import db
from panels.models import SignInThrottle, UserSession
from tests.conftest import PASSWORD

SIGN_IN = "/sign-in"


def try_password(client, email: str, password: str = "wrong", address: str | None = None, **kw):
    """One sign-in from ``address`` (REMOTE_ADDR; the test client's own if None)."""
    environ = {"REMOTE_ADDR": address} if address else {}
    return client.post(
        SIGN_IN, data={"email": email, "password": password}, environ_base=environ, **kw
    )


def try_right(app, email: str, address: str | None = None):
    """The right password, from a new browser."""
    return try_password(app.test_client(), email, PASSWORD, address)


def throttle_rows(app) -> dict[tuple[str, str], int]:
    with app.app_context():
        return {
            (row.scope, row.value): row.tries for row in db.session.scalars(select(SignInThrottle))
        }


def session_rows(app, user_id: int) -> list[UserSession]:
    with app.app_context():
        rows = list(db.session.scalars(select(UserSession).where(UserSession.user_id == user_id)))
        db.session.expunge_all()
        return rows


def session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None, "no session cookie"
    return cookie.value


def copy_of(app, client):
    """A second browser with a copy of this one's session cookie."""
    other = app.test_client()
    other.set_cookie("session", session_cookie(client))
    return other


def signed_in(client) -> bool:
    """Does this browser see its jobs (200) rather than the sign-in redirect (302)?"""
    response = client.get("/jobs")
    if response.status_code == 302:
        assert "/sign-in" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


@contextmanager
def another_app(app, **config):
    """A second app on the same database, made by the app factory with other settings."""
    keys = ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "TESTING", "WTF_CSRF_ENABLED", "MEDIA_DIR")
    other = create_app({**{k: app.config[k] for k in keys}, **config})
    try:
        yield other
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()
