"""The live interview screen, shared by every tablet on the panel."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.live import views

    return Area(
        name="live",
        blueprint=views.bp,
    )
