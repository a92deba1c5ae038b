"""The panel: adding people, their access preferences and photos."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.members import personal, views
    from panels.members.words import prefs_words

    return Area(
        name="members",
        blueprint=views.bp,
        template_globals={"prefs_words": prefs_words},
        personal_data=personal.PERSONAL,
    )
