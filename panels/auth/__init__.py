"""Signing in and out: passwords, one-time sign-in links, Flask-Login."""

from __future__ import annotations

from datetime import timedelta

from panels.common.areas import Area, TaskKind


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.auth import cli, housekeeping, views

    return Area(
        name="auth",
        blueprint=views.bp,
        register_cli=cli.register,
        tasks={"auth.prune": TaskKind(run=housekeeping.prune, every=timedelta(days=1))},
    )
