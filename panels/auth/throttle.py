"""Slowing down password guessing: a limit per account and a higher one per address.

A try is reserved *before* the password is checked, by one conditional upsert per key:

    INSERT ... ON CONFLICT (scope, value) DO UPDATE SET tries = ... WHERE tries < limit
    RETURNING tries

The row is locked while it is updated (PostgreSQL re-checks the WHERE on the newest row;
SQLite lets one writer in at a time), so tries at the same moment can never get past
the limit. Both keys are reserved in one transaction: if either is full, neither counts.
A right password clears the account's count and gives the address its try back, so an
address only counts wrong tries and one busy office does not lock out its own people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from flask import current_app
from sqlalchemy import Table, case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from panels.db import db
from panels.models import SignInThrottle
from panels.models.base import utcnow

ACCOUNT = "account"
ADDRESS = "address"
MAX_VALUE = 254  # the column's length
PRUNE_BATCH = 500

_table = cast(Table, SignInThrottle.__table__)


class TooManyTries(Exception):
    """A limit is reached. ``scope`` says which; ``message`` is for the person."""

    def __init__(self, scope: str):
        minutes = window_minutes()
        if scope == ACCOUNT:
            message = (
                f"You have tried too many times. Please wait {minutes} minutes, "
                "or ask your coordinator for a sign-in link."
            )
        else:
            message = (
                f"There have been too many wrong tries from here. Please wait {minutes} "
                "minutes, then try again."
            )
        super().__init__(message)
        self.scope = scope
        self.message = message


@dataclass(frozen=True)
class Reservation:
    """Tries counted for one sign-in, to be cleared or given back if it succeeds."""

    account: str | None
    address: str


def window_minutes() -> int:
    return int(current_app.config["LOGIN_ATTEMPT_WINDOW_MINUTES"])


def limits() -> dict[str, int]:
    return {
        ACCOUNT: int(current_app.config["LOGIN_ATTEMPTS_ALLOWED"]),
        ADDRESS: int(current_app.config["LOGIN_ATTEMPTS_PER_ADDRESS"]),
    }


def reserve(account: str | None, address: str) -> Reservation:
    """Count one try for the account (if given) and the address, or raise TooManyTries.

    Commits, so that other requests see the try before this one checks a password.
    """
    reservation = Reservation(
        account=account[:MAX_VALUE] if account is not None else None,
        address=(address or "")[:MAX_VALUE],
    )
    allowed = limits()
    now = utcnow()
    cutoff = now - timedelta(minutes=window_minutes())
    keys = [(ACCOUNT, reservation.account), (ADDRESS, reservation.address)]
    for scope, value in keys:  # always account before address: one lock order, no deadlock
        if value is None:
            continue
        if not _take_one(scope, value, allowed[scope], now, cutoff):
            db.session.rollback()
            raise TooManyTries(scope)
    db.session.commit()
    return reservation


def take_try(value: str, limit: int) -> bool:
    """Count one try for ``value`` (an address-like key such as "apply:<address>") within
    the window; False, with nothing counted, when it is at ``limit``. Commits."""
    now = utcnow()
    ok = _take_one(
        ADDRESS, value[:MAX_VALUE], limit, now, now - timedelta(minutes=window_minutes())
    )
    db.session.commit() if ok else db.session.rollback()
    return ok


def succeeded(reservation: Reservation, account: str | None = None) -> None:
    """A right password (or a good link): clear the account, give the address its try back.

    ``account`` is the person's email when the reservation had none (a one-time link).
    The caller commits.
    """
    account = account or reservation.account
    if account:
        db.session.execute(
            delete(_table).where(_table.c.scope == ACCOUNT, _table.c.value == account[:MAX_VALUE])
        )
    give_back(reservation, commit=False)


def give_back(reservation: Reservation, commit: bool = True) -> None:
    """Take back the address's try (it was not a guess)."""
    db.session.execute(
        update(_table)
        .where(
            _table.c.scope == ADDRESS,
            _table.c.value == reservation.address,
            _table.c.tries > 0,
        )
        .values(tries=_table.c.tries - 1)
    )
    if commit:
        db.session.commit()


def prune() -> None:
    """Delete counts whose window has passed, skipping rows another request holds."""
    cutoff = utcnow() - timedelta(minutes=window_minutes())
    stale = (
        select(_table.c.id)
        .where(_table.c.window_start < cutoff)
        .limit(PRUNE_BATCH)
        .with_for_update(skip_locked=True)
    )
    db.session.execute(
        delete(_table).where(
            _table.c.id.in_(stale.scalar_subquery()), _table.c.window_start < cutoff
        )
    )
    db.session.commit()


def _take_one(scope: str, value: str, limit: int, now, cutoff) -> bool:
    """One try for one key, in one statement. False when the key is at its limit."""
    if limit < 1:
        return False
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    if dialect not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Sign-in throttling supports SQLite and PostgreSQL, not {dialect}")
    statement = insert(_table).values(scope=scope, value=value, tries=1, window_start=now)
    stale = _table.c.window_start < cutoff
    statement = statement.on_conflict_do_update(
        index_elements=[_table.c.scope, _table.c.value],
        set_={
            "tries": case((stale, 1), else_=_table.c.tries + 1),
            "window_start": case((stale, now), else_=_table.c.window_start),
        },
        where=or_(_table.c.tries < limit, stale),
    )
    # A row comes back when the try was inserted or counted, none when the key is full.
    return db.session.execute(statement.returning(_table.c.tries)).first() is not None
