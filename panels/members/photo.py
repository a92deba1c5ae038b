"""Who may see a person's photo (kept in the file store, panels.common.storage)."""

from __future__ import annotations

from panels.common.access import coordinated
from panels.jobs import queries as jobs_queries
from panels.models import User
from panels.orgs import queries as orgs_queries


def may_see_photo(viewer, person: User) -> bool:
    """The person themselves, the coordinators of an organisation the person is in, and
    people on a panel with them."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.id == person.id:
        return True
    if orgs_queries.in_any_of(person.id, coordinated(viewer)):
        return True
    return jobs_queries.share_a_panel(viewer.id, person.id)
