"""Easy-read invitations for candidates: a page, a printout, audio and a calendar file."""

from __future__ import annotations

from panels.common.areas import Area, TaskKind


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.invitations import demo, personal, prepare, views

    return Area(
        name="invitations",
        blueprint=views.bp,
        demo=demo.demo_invitations,
        section=views.job_page_section,
        tasks={prepare.KIND: TaskKind(run=prepare.prepare_audio, lease_seconds=900)},
        personal_data=personal.PERSONAL,
    )
