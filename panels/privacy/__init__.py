"""People's data: kept only as long as needed, given back when asked, deleted on request.

Retention (``rules`` decides who is due when; ``service`` removes their details, one
transaction per job, as a daily task of the worker and ``flask --app panels retention``),
"everything we hold about you" (``export``: a ZIP), deleting a person on request, and the
easy-read privacy notices. What each area holds is its ``area().personal_data``
(``panels/common/personal.py``).
"""

from __future__ import annotations

from datetime import timedelta

from panels.common.areas import Area, TaskKind

DAILY = "privacy.retention"


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.privacy import cli, service, views

    return Area(
        name="privacy",
        blueprint=views.bp,
        register_cli=cli.register,
        section=views.job_page_section,
        tasks={DAILY: TaskKind(run=service.daily, every=timedelta(days=1), lease_seconds=1800)},
    )
