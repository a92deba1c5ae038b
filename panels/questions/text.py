"""Plain-words checks on question text that stop a save (the checker's findings do not)."""

from __future__ import annotations

import unicodedata

from panels.lib import limits

EASY_READ_MAX = limits.EASY_READ
STANDARD_MAX = limits.STANDARD
FOLLOW_UP_MAX = limits.FOLLOW_UP
GOOD_ANSWER_MAX = limits.GOOD_ANSWER

_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xFE0F, 0xFE0F))


def _is_emoji(ch: str) -> bool:
    point = ord(ch)
    return any(low <= point <= high for low, high in _EMOJI_RANGES) or ch == "\u200d"


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def problem(text: str, what: str) -> str | None:
    """A plain-words reason the text cannot be saved, or None when it is fine."""
    if any(_is_emoji(ch) for ch in text):
        return f"{what} has an emoji in it. Take it out and choose a picture instead."
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text):
        return f"{what} has hidden characters in it. Type it again."
    if any(ch.isalpha() and not _is_latin(ch) for ch in text):
        return (
            f"{what} has letters from another alphabet. Write it in English, "
            "so the checker and the Listen button can read it."
        )
    return None
