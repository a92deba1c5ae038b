"""Security headers on every response: no inline script, no framing, no caching of pages."""

from __future__ import annotations

from flask import Flask, Response, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

DEFAULTS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), geolocation=()"),
)


def init_app(app: Flask) -> None:
    @app.after_request
    def security_headers(response: Response) -> Response:
        # One look at the headers already set (each setdefault would read them all again).
        present = {name.lower() for name in response.headers.keys()}  # noqa: SIM118
        for name, value in DEFAULTS:
            if name.lower() not in present:
                response.headers.add(name, value)
        if request.endpoint not in ("static",) and "cache-control" not in present:
            response.headers["Cache-Control"] = "no-store"
        return response
