"""Shared column helpers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, DateTime, Enum, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from panels.lib import limits
from panels.lib.choices import Mark


def utcnow() -> datetime:
    """Naive UTC now: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def _texts(values: type[StrEnum]) -> list[str]:
    return [member.value for member in values]


def choice(values: type[StrEnum], length: int, name: str) -> Enum:
    """A column type for one of ``values``: its text in a ``VARCHAR(length)``.

    A ``CHECK`` constraint, ``ck_<table>_<name>``, refuses any other text (the same on
    SQLite and PostgreSQL: no database enum type). Rows read back as members of
    ``values``; plain text such as ``"draft"`` may be assigned and compared.
    """
    return Enum(
        values,
        name=name,
        length=length,
        native_enum=False,
        create_constraint=True,
        values_callable=_texts,
        validate_strings=False,  # a wrong text reaches the CHECK: an IntegrityError
    )


def between(column: str, low: float, high: float) -> CheckConstraint:
    """``CHECK (low <= column <= high)``, called ``ck_<table>_<column>``."""
    return CheckConstraint(f'"{column}" >= {low!r} AND "{column}" <= {high!r}', name=column)


def at_least(column: str, low: int) -> CheckConstraint:
    """``CHECK (column >= low)``, called ``ck_<table>_<column>``."""
    return CheckConstraint(f'"{column}" >= {low!r}', name=column)


def one_of(column: str, values: Iterable[str]) -> str:
    """The condition ``column IN ('a', 'b')`` for a ``CheckConstraint`` on a text column
    (``choice`` builds the same CHECK with the column's type)."""
    return f"{column} IN (" + ", ".join(f"'{value}'" for value in values) + ")"


class MarkColumns:
    """The columns of one panel member's mark on words the panel agrees: keep, change or
    remove, the new words they suggest, and when. ``QuestionMark`` (a question) and
    ``QualityMark`` (what matters) share them."""

    mark: Mapped[Mark] = mapped_column(choice(Mark, 10, "mark"))
    suggestion: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ScoreAnswer:
    """The columns of one answer on a sheet: a value on the member's scale, or "I don't
    know" (never both). ``Score`` (a question) and ``ReviewScore`` (a quality) share them;
    each table adds its ``score_checks()`` to its ``__table_args__``."""

    value: Mapped[int | None] = mapped_column(Integer)
    dont_know: Mapped[bool] = mapped_column(Boolean, default=False)

    @staticmethod
    def score_checks() -> tuple[CheckConstraint, CheckConstraint]:
        """``ck_<table>_value`` (within every scale's range: a CHECK cannot see the
        member's scale, which is checked before saving) and ``ck_<table>_dont_know_xor_value``."""
        return (
            between("value", limits.SCORE_MIN, limits.SCORE_MAX),
            CheckConstraint(
                "(dont_know AND value IS NULL) OR (NOT dont_know AND value IS NOT NULL)",
                name="dont_know_xor_value",
            ),
        )
