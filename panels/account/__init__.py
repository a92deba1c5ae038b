"""A person's own preferences and photo."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.account import views

    return Area(
        name="account",
        blueprint=views.bp,
    )
