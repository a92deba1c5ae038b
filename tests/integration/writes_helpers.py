"""Catching database writes: which INSERT, UPDATE and DELETE statements a request sent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from panels.db import db

WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


@contextmanager
def writes(app) -> Iterator[list[str]]:
    """The tables written to while the block runs, one entry per statement ("INSERT x")."""
    found: list[str] = []

    def seen(_conn, _cursor, statement, _params, _context, _many) -> None:
        match = WRITE.match(statement)
        if match:
            found.append(f"{match.group(1).split()[0].upper()} {match.group(2)}")

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", seen)
