"""Taking a person's details out of free text and JSON. Plain Python.

``Scrub(label, exact, words)``: every ``exact`` text (a key like "ruth-jones", an email
address, a phone number) and every whole ``word`` (the name, and each part of it) is
replaced by ``label``, ignoring case. Short parts (one or two letters) are left alone:
they would match inside other words' places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MIN_PART = 3


def name_words(name: str) -> tuple[str, ...]:
    """The whole name, then each part of it long enough to be a name."""
    parts = [part for part in re.split(r"[\s\-.,']+", name.strip()) if len(part) >= MIN_PART]
    whole = [name.strip()] if name.strip() else []
    return tuple(dict.fromkeys([*whole, *parts]))


def phone_forms(phone: str) -> tuple[str, ...]:
    """A phone number as typed, and with only its digits (for a number written both ways)."""
    digits = re.sub(r"\D", "", phone)
    forms = [phone.strip()] + ([digits] if len(digits) >= 6 else [])
    return tuple(dict.fromkeys(form for form in forms if form))


@dataclass(frozen=True)
class Scrub:
    label: str
    exact: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact = sorted({e for e in self.exact if e}, key=len, reverse=True)
        words = sorted({w for w in self.words if w}, key=len, reverse=True)
        alternatives = [re.escape(e) for e in exact]
        alternatives += [rf"(?<!\w){re.escape(w)}(?!\w)" for w in words]
        pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
        object.__setattr__(self, "_pattern", pattern)

    def text(self, value: str) -> str:
        """`value` with every detail replaced by the label."""
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(self.label, value)

    def found(self, value: str) -> bool:
        return bool(self._pattern is not None and value and self._pattern.search(value))

    def value(self, value: Any) -> Any:
        """The same JSON-like value (dicts, lists, text, numbers) with its text scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(item) for item in value]
        return value
