"""Counting the SQL statements a block of code sends (savepoints of the test set-up left out)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from panels.db import db

# The tests' rolled-back transaction turns commits into savepoints: not the app's statements.
SET_UP = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """Yields the list of SQL statements the block sends, filled in as they go."""
    seen: list[str] = []

    def watch(_conn, _cursor, statement, _params, _context, _many) -> None:
        if not statement.lstrip().upper().startswith(SET_UP):
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", watch)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", watch)
