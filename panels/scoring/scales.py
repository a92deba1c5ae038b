"""Scoring scales a panel member can pick.

Every answer is a whole number on the member's own scale. ``normalise`` turns it into a
number from 0 (lowest option) to 1 (highest option), evenly spaced. "I don't know" is
``None``: no score, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload


@dataclass(frozen=True)
class Option:
    """One choice on a scale, lowest first."""

    value: int
    label: str
    description: str
    symbol: str | None = None  # emoji character to show, e.g. a face
    openmoji: str | None = None  # OpenMoji file name (hexcode) for the picture


@dataclass(frozen=True)
class Scale:
    """A scale: options in order from lowest to highest."""

    key: str
    name: str
    options: tuple[Option, ...]
    _values: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _normal: dict[int, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = [o.value for o in self.options]
        if len(values) < 2 or values != sorted(set(values)):
            raise ValueError(f"Scale {self.key}: options need 2+ values, lowest first.")
        # Worked out once: every score read or written looks these up.
        top = len(values) - 1
        object.__setattr__(self, "_values", tuple(values))
        object.__setattr__(self, "_normal", {v: i / top for i, v in enumerate(values)})

    @property
    def values(self) -> tuple[int, ...]:
        """The allowed values, lowest first."""
        return self._values

    @property
    def lowest(self) -> int:
        return self.options[0].value

    @property
    def highest(self) -> int:
        return self.options[-1].value

    def option(self, value: int) -> Option:
        """The option for ``value``; ValueError if it is not on this scale."""
        self.validate(value)
        return self.options[self.values.index(int(value))]

    def validate(self, value: object) -> None:
        """Raise ValueError in plain words unless ``value`` is on this scale."""
        if isinstance(value, bool):
            ok = False
        elif isinstance(value, int):
            ok = value in self._normal
        else:  # a float such as 2.0 (never float() of a huge int, which overflows)
            ok = isinstance(value, float) and value.is_integer() and int(value) in self.values
        if not ok:
            allowed = _join_or([str(v) for v in self.values])  # words only when refusing
            raise ValueError(
                f"{_show(value)} is not on the {self.name} scale. Use {allowed}, "
                'or leave it empty for "I don\'t know".'
            )

    @overload
    def normalise(self, value: None) -> None: ...
    @overload
    def normalise(self, value: int) -> float: ...
    def normalise(self, value: int | None) -> float | None:
        """Lowest option = 0.0, highest = 1.0, evenly spaced. None stays None."""
        if value is None:
            return None
        self.validate(value)
        return self._normal[int(value)]


def _show(value: object) -> str:
    if value is None:
        return "Nothing"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return f'"{value[:40]}"'
    return str(value)[:40]


def _join_or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


FACES3 = Scale(
    key="faces3",
    name="3 faces",
    options=(
        Option(1, "Not good", "The answer was not good.", "\U0001f641", "1F641"),
        Option(2, "OK", "The answer was OK.", "\U0001f610", "1F610"),
        Option(3, "Good", "The answer was good.", "\U0001f642", "1F642"),
    ),
)

POINTS3 = Scale(
    key="points3",
    name="1 to 3",
    options=(
        Option(1, "1 Not good", "1 means the answer was not good."),
        Option(2, "2 OK", "2 means the answer was OK."),
        Option(3, "3 Good", "3 means the answer was good."),
    ),
)

POINTS5 = Scale(
    key="points5",
    name="1 to 5",
    options=(
        Option(1, "1 Poor", "1 means the answer was poor."),
        Option(2, "2 Not quite", "2 means the answer was not quite good enough."),
        Option(3, "3 OK", "3 means the answer was OK."),
        Option(4, "4 Good", "4 means the answer was good."),
        Option(5, "5 Excellent", "5 means the answer was excellent."),
    ),
)

YESNO = Scale(
    key="yesno",
    name="yes or no",
    options=(
        Option(0, "No", "No. The answer did not show what we need.", "\u274c", "274C"),
        Option(1, "Yes", "Yes. The answer showed what we need.", "\u2705", "2705"),
    ),
)

SCALES: dict[str, Scale] = {s.key: s for s in (FACES3, POINTS3, POINTS5, YESNO)}
DEFAULT_SCALE = "faces3"


def get_scale(key: str) -> Scale:
    """The scale called ``key``; ValueError in plain words if there is none."""
    try:
        return SCALES[key]
    except (KeyError, TypeError):
        raise ValueError(f"{_show(key)} is not a scale. Use {scale_keys_text()}.") from None


def scale_keys_text() -> str:
    """The scale keys as plain words, e.g. "faces3, points3, points5 or yesno"."""
    return _join_or(list(SCALES))
