"""The start page and other plain pages."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.pages import views

    return Area(
        name="pages",
        blueprint=views.bp,
    )
