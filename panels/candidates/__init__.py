"""Candidates of a job: adding, editing, ordering, importing from CSV."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.candidates import personal, views

    return Area(
        name="candidates",
        blueprint=views.bp,
        personal_data=personal.PERSONAL,
    )
