"""Moving access preferences between a form and a person."""

from __future__ import annotations

from types import SimpleNamespace

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
