"""Preparing interview questions together: banks, easy-read checks, pictures, marks."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.questions import cli, demo, personal, section, views

    return Area(
        name="questions",
        blueprint=views.bp,
        register_cli=cli.register,
        demo=demo.add_demo_questions,
        section=section.questions_section,
        personal_data=personal.PERSONAL,
    )
