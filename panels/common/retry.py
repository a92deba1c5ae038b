"""Commit a piece of work, running it again if another request wrote the same rows first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from panels.db import db

T = TypeVar("T")


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
