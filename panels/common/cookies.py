"""Flask's signed session cookie, each cookie checked once per process.

Every request opens the session: Flask checks the cookie's signature (two HMACs), decodes
it and reads its JSON. A tablet sends the same cookie with every save and every poll, so
this process keeps what a cookie it has already checked holds (only cookies whose values
are all plain text, numbers, true/false or null: nothing a request could change inside),
with the time it was signed. A cookie met again is trusted only if it is the very same
text, signed with the same keys, and still within the session's lifetime (the same age
rule as Flask's own check). Everything else is Flask's own ``SecureCookieSessionInterface``.

``session_data`` reads a session the same way from a WSGI environ's Cookie header, for an
answer given before Flask (``panels.common.early``): no request, no session object.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

MOST = 4096  # cookies kept; all are forgotten when there are more
_PLAIN = (str, int, float, bool, type(None))


class CheckedOnce(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._seen: dict[tuple[Any, str], tuple[dict[str, Any], float]] = {}

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not app.secret_key:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        data = self.checked(app, value)
        return self.session_class(data if data is not None else {})

    def checked(self, app: Flask, value: str) -> dict[str, Any] | None:
        """What a cookie's value holds (a copy), if it is signed with the app's keys and
        within the session's lifetime; None if not."""
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        max_age = int(app.permanent_session_lifetime.total_seconds())
        found = self._seen.get((keys, value))
        if found is not None:
            data, signed_at = found
            if 0 <= time.time() - signed_at <= max_age:
                return dict(data)  # a copy: the request changes its own
        serializer = self.get_signing_serializer(app)
        assert serializer is not None  # there is a secret key
        try:
            data, signed = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        if all(isinstance(v, _PLAIN) for v in data.values()):
            if len(self._seen) >= MOST:
                self._seen.clear()
            self._seen[(keys, value)] = (dict(data), signed.timestamp())
        return data


def cookie_value(header: str, name: str) -> str | None:
    """The one cookie of that name in a Cookie header (None if none, if more than one, or
    quoted: Flask's own parsing reads those)."""
    if name not in header:
        return None
    found = None
    for part in header.split(";"):
        key, _eq, value = part.strip().partition("=")
        if key == name:
            if found is not None or value.startswith('"'):
                return None
            found = value
    return found or None


def session_data(app: Flask, header: str) -> dict[str, Any] | None:
    """The session a WSGI Cookie header carries, checked as ``CheckedOnce`` checks it; None
    when there is none, it is not good, or the app keeps sessions some other way."""
    interface = app.session_interface
    if type(interface) is not CheckedOnce or not app.secret_key:
        return None
    value = cookie_value(header, interface.get_cookie_name(app))
    return interface.checked(app, value) if value is not None else None


def init_app(app: Flask) -> None:
    app.session_interface = CheckedOnce()
