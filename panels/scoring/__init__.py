"""Panel members score candidates on tablets, each on their own scale, independently."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.scoring import demo, personal, views

    return Area(
        name="scoring",
        blueprint=views.bp,
        demo=demo.add_demo_scores,
        section=views.job_page_section,
        personal_data=personal.PERSONAL,
    )
