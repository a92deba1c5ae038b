"""Serving OpenMoji pictures: codes are checked, so nothing else on disk can be reached."""

from __future__ import annotations

from flask import Response, abort, send_file, url_for

from panels.lib import symbols


def symbol_response(code: str, cache_control: str, max_age: int) -> Response:
    """The picture for ``code`` as SVG with the given caching; 404 for an unknown code."""
    path = symbols.svg_path(code)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/svg+xml", max_age=max_age)
    response.headers["Cache-Control"] = cache_control
    return response


def symbol_url(code: str) -> str:
    """The address of the picture for ``code`` on a page; "" when there is no such picture."""
    return url_for("invitations.symbol", code=code) if symbols.exists(code) else ""
