"""Jobs: the list, a job's page with every area's box, creating and editing."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.jobs import views

    return Area(
        name="jobs",
        blueprint=views.bp,
    )
