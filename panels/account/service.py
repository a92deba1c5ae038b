"""Writes for a person's own account: their access preferences and photo."""

from __future__ import annotations

from panels.common.audit import record
from panels.db import db
from panels.members import service as members_service
from panels.members.prefs import PhotoChoice, Preferences
from panels.models import User


def save_preferences(user: User, prefs: Preferences, photo: PhotoChoice) -> None:
    """The person changes their own preferences and photo.

    Raises photos.PhotoError or filestore.StoreUnavailable, changing nothing, if the photo
    cannot be used or stored.
    """
    change = members_service.change_preferences(user, prefs, photo)
    record("preferences changed", on_behalf_of_id=user.id)
    for action in change.actions:
        record(action, on_behalf_of_id=user.id)
    db.session.commit()
