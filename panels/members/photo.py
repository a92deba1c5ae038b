"""A person's photo: where photo files are kept, and who may see a person's photo."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from panels.common.access import coordinated
from panels.jobs import queries as jobs_queries
from panels.lib import photos
from panels.members.prefs import PhotoChange
from panels.models import User
from panels.orgs import queries as orgs_queries


def photo_folder() -> Path:
    return photos.folder_for(current_app.config["MEDIA_DIR"])


def forget_old_file(change: PhotoChange) -> None:
    """After the commit: delete the file that was replaced or removed."""
    if change.old_file:
        photos.delete(photo_folder(), change.old_file)


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
