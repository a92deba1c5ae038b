"""HR combines the scores: results, exports, the job file import and the audit trail."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.results import cli, views

    return Area(
        name="results",
        blueprint=views.bp,
        register_cli=cli.register,
        section=views.job_page_section,
    )
