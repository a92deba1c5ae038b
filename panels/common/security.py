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


HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), geolocation=()"),
)
NOT_KEPT = ("Cache-Control", "no-store")  # pages: nothing signed-in is kept by a browser


def page_headers() -> list[tuple[str, str]]:
    """What ``security_headers`` puts on a page's answer (for answers given before Flask)."""
    return [*HEADERS, NOT_KEPT]


def init_app(app: Flask) -> None:
    @app.after_request
    def security_headers(response: Response) -> Response:
        # One look at the headers already set (each setdefault would read them all again).
        present = {name.lower() for name in response.headers.keys()}  # noqa: SIM118
        for name, value in HEADERS:
            if name.lower() not in present:
                response.headers.add(name, value)
        if request.endpoint not in ("static",) and "cache-control" not in present:
            response.headers[NOT_KEPT[0]] = NOT_KEPT[1]
        return response
