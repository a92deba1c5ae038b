"""Access preferences in plain words."""

from __future__ import annotations

from typing import Protocol

SCALE_WORDS = {"faces3": "scores with 3 faces", "points5": "scores from 1 to 5"}


class Preferences(Protocol):
    """A person's access preferences (a User has them)."""

    read_aloud: bool
    more_time: bool
    pace: float
    large_text: bool
    pictures: bool
    scale: str


def prefs_words(user: Preferences) -> str:
    parts: list[str] = []
    if user.read_aloud:
        parts.append("read aloud")
    if user.more_time or user.pace > 1:
        parts.append(f"more time (pace {user.pace:g})")
    if user.large_text:
        parts.append("large text")
    if user.pictures:
        parts.append("pictures")
    parts.append(SCALE_WORDS.get(user.scale, user.scale))
    return ", ".join(parts).capitalize()
