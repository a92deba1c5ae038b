"""Day plan: settings, candidate order, the timetable, running late."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.plan import cli, demo, views

    return Area(
        name="plan",
        blueprint=views.bp,
        register_cli=cli.register,
        demo=demo.demo_day_settings,
        section=views.job_page_section,
    )
