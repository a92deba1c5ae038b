"""Moving access preferences between a form and a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from panels.lib import photos
from panels.models import User


def load_preferences(user: User, group: str | None = None) -> SimpleNamespace:
    pace = f"{user.pace:.1f}" if round(user.pace, 1) == user.pace else f"{user.pace:g}"
    return SimpleNamespace(
        read_aloud=user.read_aloud,
        more_time=user.more_time,
        pace=pace,
        large_text=user.large_text,
        pictures=user.pictures,
        scale=user.scale,
        about=user.about,
        photo_consent=user.photo_consent,
        group=group or "",
    )


def apply_preferences(user: User, form) -> None:
    user.read_aloud = bool(form.read_aloud.data)
    user.large_text = bool(form.large_text.data)
    user.pictures = bool(form.pictures.data)
    user.scale = form.scale.data
    user.pace = float(form.pace.data)
    user.more_time = bool(form.more_time.data) or user.pace > 1.0
    user.about = form.about.data or ""


@dataclass
class PhotoChange:
    """What `apply_photo` changed: words for the audit trail, and a file to delete."""

    actions: list[str] = field(default_factory=list)
    old_file: str = ""


def apply_photo(
    user: User, upload: bytes | None, remove: bool, consent: bool, folder: str | Path
) -> PhotoChange:
    """Save a new photo (cleaned), remove the old one, or change consent.

    Raises photos.PhotoError before changing anything if the upload cannot be used.
    The caller deletes `old_file` once the change is committed.
    """
    change = PhotoChange()
    if upload is not None:
        name = photos.save(upload, folder, max_side=photos.FACE_SIDE)
        change.old_file, user.photo = user.photo, name
        change.actions.append("photo replaced" if change.old_file else "photo added")
    elif remove and user.photo:
        change.old_file, user.photo = user.photo, ""
        change.actions.append("photo removed")
    if bool(consent) != user.photo_consent:
        user.photo_consent = bool(consent)
        change.actions.append("photo consent given" if consent else "photo consent withdrawn")
    return change
