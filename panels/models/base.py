"""Shared column helpers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum


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
