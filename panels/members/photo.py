"""Who may see a person's photo (kept in the file store, panels.common.storage)."""

from __future__ import annotations

from panels.jobs import queries as jobs_queries
from panels.models import User


def may_see_photo(viewer, person: User) -> bool:
    """The person themselves, coordinators, and people on a panel with them."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.id == person.id or viewer.is_coordinator:
        return True
    return jobs_queries.share_a_panel(viewer.id, person.id)
