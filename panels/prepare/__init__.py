"""Preparing together: the privacy agreement, Working with me, preparation meetings,
training and shadowing, and the one-page profile of the people to be supported."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.prepare import demo, gate, personal, rooms, views

    return Area(
        name="prepare",
        blueprint=views.bp,
        demo=demo.add_to_demo,
        section=views.job_page_section,
        personal_data=personal.PERSONAL,
        template_globals={
            "sees_candidates": gate.sees_candidates,
            "invite_profiles": gate.invite_profiles,
            "room_list": rooms.room_list,
            "working_lines": rooms.working_lines,
        },
    )
