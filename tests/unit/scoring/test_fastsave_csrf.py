"""The quick save's CSRF check keeps a token it has checked, but never past its age."""

from __future__ import annotations

import time

from flask import Flask
from itsdangerous import URLSafeTimedSerializer

from panels.scoring import fastsave


def _app(limit: int | None) -> Flask:
    app = Flask(__name__)
    app.secret_key = "a secret for this test only"
    app.config["WTF_CSRF_TIME_LIMIT"] = limit
    return app


def _token(app: Flask, signed: str) -> str:
    return URLSafeTimedSerializer(str(app.secret_key), salt="wtf-csrf-token").dumps(signed)


def test_a_token_checked_once_is_still_refused_once_too_old(monkeypatch) -> None:
    app = _app(60)
    token = _token(app, "this session's token")
    now = time.time()
    assert fastsave._csrf_signed(app, token) == "this session's token"
    monkeypatch.setattr(time, "time", lambda: now + 30)
    assert fastsave._csrf_signed(app, token) == "this session's token"  # kept, still young
    monkeypatch.setattr(time, "time", lambda: now + 62)
    assert fastsave._csrf_signed(app, token) is None  # too old: refused, as Flask-WTF does
    monkeypatch.setattr(time, "time", lambda: now - 5)
    assert fastsave._csrf_signed(app, token) is None  # signed "in the future": refused too


def test_a_token_signed_with_another_key_is_refused_even_after_a_good_one() -> None:
    app, other = _app(60), _app(60)
    other.secret_key = "another secret"
    assert fastsave._csrf_signed(app, _token(app, "mine")) == "mine"
    assert fastsave._csrf_signed(app, _token(other, "mine")) is None


def test_without_a_time_limit_a_checked_token_is_kept() -> None:
    app = _app(None)
    token = _token(app, "kept")
    assert fastsave._csrf_signed(app, token) == "kept"
    assert fastsave._csrf_signed(app, token) == "kept"
    assert fastsave._csrf_signed(app, token + "x") is None
