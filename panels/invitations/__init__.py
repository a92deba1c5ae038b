"""Easy-read invitations for candidates: a page, a printout, audio and a calendar file."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.invitations import demo, views

    return Area(
        name="invitations",
        blueprint=views.bp,
        demo=demo.demo_invitations,
        section=views.job_page_section,
    )
