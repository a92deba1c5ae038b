"""A panel member's own photo: saving it from a preferences form, and who may see it."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import aliased

from panels.db import db
from panels.lib import photos
from panels.members.prefs import PhotoChange, apply_photo
from panels.models import PanelMember, User


def photo_folder() -> Path:
    return photos.folder_for(current_app.config["MEDIA_DIR"])


def save_photo_fields(user: User, form) -> PhotoChange | None:
    """Apply the form's photo fields to `user`.

    On a photo we cannot use, the message goes beside the field, nothing is changed,
    and None is returned.
    """
    upload = form.photo.data
    data = upload.read(photos.MAX_BYTES + 1) if upload else None
    try:
        return apply_photo(
            user,
            data,
            remove=bool(form.remove_photo.data),
            consent=bool(form.photo_consent.data),
            folder=photo_folder(),
        )
    except photos.PhotoError as error:
        form.photo.errors = [str(error)]
        return None


def forget_old_file(change: PhotoChange) -> None:
    """After the commit: delete the file that was replaced or removed."""
    if change.old_file:
        photos.delete(photo_folder(), change.old_file)


def may_see_photo(viewer, person: User) -> bool:
    """The person themselves, coordinators, and people on a panel with them."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.id == person.id or viewer.is_coordinator:
        return True
    theirs = aliased(PanelMember)
    shared = db.session.scalar(
        select(PanelMember.id)
        .join(theirs, theirs.job_id == PanelMember.job_id)
        .where(PanelMember.user_id == viewer.id, theirs.user_id == person.id)
        .limit(1)
    )
    return shared is not None
