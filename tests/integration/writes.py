"""A check that a block of code sends no INSERT, UPDATE or DELETE to the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from panels.db import db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def no_writes(app) -> Iterator[list[str]]:
    """Fail if the block writes to the database; yields the statements that wrote."""
    seen: list[str] = []

    def watch(_conn, _cursor, statement, _params, _context, _many) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", watch)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", watch)
    assert seen == [], f"a GET wrote to the database: {seen}"
