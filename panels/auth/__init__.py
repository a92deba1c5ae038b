"""Signing in and out: passwords, one-time sign-in links, Flask-Login."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.auth import cli, views

    return Area(
        name="auth",
        blueprint=views.bp,
        register_cli=cli.register,
    )
