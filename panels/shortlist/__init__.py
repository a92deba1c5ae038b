"""Co-produced from the start: what matters to us, applications read without names, and
the shortlist made together with equal weight."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.shortlist import demo, personal, section, views

    return Area(
        name="shortlist",
        blueprint=views.bp,
        section=section.shortlist_section,
        demo=demo.add_to_demo,
        personal_data=personal.PERSONAL,
    )
