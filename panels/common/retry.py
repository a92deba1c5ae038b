"""Commit a piece of work, running it again if another request wrote the same rows first;
and leave nothing behind when a change is refused."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from panels.db import db

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


def commit_with_retry(work: Callable[[], T], attempts: int = 3) -> T:
    """Run ``work()`` and commit. On a clash with a request that ran at the same moment
    (its row took our unique key, or changed a row under us), roll back and run ``work``
    again: it reads afresh, so the second time it finds the other request's row.

    ``work`` must read what it needs from the database each time it runs.
    """
    for attempt in range(1, attempts + 1):
        try:
            result = work()
            db.session.commit()
        except (IntegrityError, StaleDataError):
            db.session.rollback()
            if attempt == attempts:
                raise
        else:
            return result
    raise AssertionError("unreachable")  # pragma: no cover


def rolls_back_on(
    *refusals: type[Exception],
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator: a change refused with one of ``refusals`` rolls back what it started in
    the session (nothing half-made is saved by a later commit), then the refusal goes on."""

    def decorate(change: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(change)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return change(*args, **kwargs)
            except refusals:
                db.session.rollback()
                raise

        return wrapper

    return decorate
