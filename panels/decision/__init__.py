"""The panel decides together: the decision meeting, members' answers, what happened
afterwards, the three questions about the day, and the report across jobs."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.decision import personal, views

    return Area(
        name="decision",
        blueprint=views.bp,
        section=views.job_page_section,
        template_globals={"day_feedback_link": views.day_feedback_link},
        personal_data=personal.PERSONAL,
    )
