"""Moving access preferences and a photo between a form and a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from panels.common.storage import put_photo
from panels.lib import photos
from panels.models import User


@dataclass(frozen=True)
class Preferences:
    """A person's access preferences, as chosen on a preferences form."""

    read_aloud: bool
    large_text: bool
    pictures: bool
    scale: str
    pace: float
    more_time: bool
    about: str


@dataclass(frozen=True)
class PhotoChoice:
    """The photo part of a preferences form: a new file's bytes, remove, consent."""

    upload: bytes | None
    remove: bool
    consent: bool


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


def preferences_from(form: Any) -> Preferences:
    """The preferences on a validated PreferencesForm (or a form made from it)."""
    return Preferences(
        read_aloud=bool(form.read_aloud.data),
        large_text=bool(form.large_text.data),
        pictures=bool(form.pictures.data),
        scale=form.scale.data,
        pace=float(form.pace.data),
        more_time=bool(form.more_time.data),
        about=form.about.data or "",
    )


def photo_choice_from(form: Any) -> PhotoChoice:
    """The photo fields of a validated PreferencesForm; reads at most one byte too many."""
    upload = form.photo.data
    return PhotoChoice(
        upload=upload.read(photos.MAX_BYTES + 1) if upload else None,
        remove=bool(form.remove_photo.data),
        consent=bool(form.photo_consent.data),
    )


def apply_preferences(user: User, prefs: Preferences) -> None:
    user.read_aloud = prefs.read_aloud
    user.large_text = prefs.large_text
    user.pictures = prefs.pictures
    user.scale = prefs.scale
    user.pace = prefs.pace
    user.more_time = prefs.more_time or user.pace > 1.0
    user.about = prefs.about


@dataclass
class PhotoChange:
    """What `apply_photo` changed: words for the audit trail."""

    actions: list[str] = field(default_factory=list)


def apply_photo(user: User, upload: bytes | None, remove: bool, consent: bool) -> PhotoChange:
    """Store a new photo (cleaned), remove the old one, or change consent.

    Raises photos.PhotoError, or filestore.StoreUnavailable when the file store is down,
    before changing anything. The photo replaced or removed leaves the store with the
    caller's commit (panels.common.storage).
    """
    change = PhotoChange()
    if upload is not None:
        key = put_photo(upload, max_side=photos.FACE_SIDE)
        change.actions.append("photo replaced" if user.photo else "photo added")
        user.photo = key
    elif remove and user.photo:
        user.photo = ""
        change.actions.append("photo removed")
    if bool(consent) != user.photo_consent:
        user.photo_consent = bool(consent)
        change.actions.append("photo consent given" if consent else "photo consent withdrawn")
    return change
