"""Ready-made SQL for the few hottest requests: compiled once, run on the driver's connection.

SQLAlchemy's own execution (and more so an ORM session) costs more than a small indexed
query. For a statement run thousands of times a minute (a tablet's score save), the
statement is compiled once per database kind; each run only orders its values, turns them
into what the driver takes (``bind processors``: dates on SQLite) and sends it.

A ``Link`` is where the SQL goes: in production a pooled connection's driver connection
(``Link.checkout``), in tests the test's one SQLAlchemy connection (``Link.through``), so
that the tests' rolled-back transaction holds it and SQLAlchemy's events count it.
Statements with no ``expanding`` values only (no IN lists).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Dialect, Engine
from sqlalchemy.sql import ClauseElement

from panels.db import db


@functools.cache
def _compiled(statement: ClauseElement, dialect: Dialect) -> tuple[str, Any, Any, tuple]:
    """(SQL, parameter order or None, compiled form, (name, bind processor) pairs)."""
    compiled: Any = statement.compile(dialect=dialect)
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    binds = tuple(compiled._bind_processors.items())  # noqa: SLF001
    return str(compiled), order, compiled, binds


@functools.cache
def _results(statement: Any, dialect: Dialect) -> tuple[tuple[int, Any], ...]:
    """(column, processor) for each selected column whose raw value SQLAlchemy turns into
    Python (dates and true/false on SQLite): the others come from the driver as they are."""
    columns = getattr(statement, "selected_columns", None) or ()
    found = (
        (at, column.type._cached_result_processor(dialect, None))  # noqa: SLF001
        for at, column in enumerate(columns)
    )
    return tuple((at, process) for at, process in found if process is not None)


@functools.cache
def _split(statement: Any, dialect: Dialect, same: int) -> tuple[tuple, tuple]:
    """``_results`` in two: the first ``same`` columns' (by column), the others' (by
    column after those)."""
    found = _results(statement, dialect)
    return (
        tuple((at, process) for at, process in found if at < same),
        tuple((at - same, process) for at, process in found if at >= same),
    )


_watchers: list[Callable[[str], None]] = []


@contextmanager
def watching(seen: Callable[[str], None]) -> Iterator[None]:
    """Call ``seen(sql)`` for every statement sent straight to a driver inside (for counting
    statements: SQLAlchemy's events do not see them)."""
    _watchers.append(seen)
    try:
        yield
    finally:
        _watchers.remove(seen)


def _watched(sql: str) -> None:
    for seen in _watchers:
        seen(sql)


def _values(dialect: Dialect, statement: ClauseElement, params: dict[str, Any]) -> tuple[str, Any]:
    sql, order, compiled, binds = _compiled(statement, dialect)
    values = compiled.construct_params(params)
    for name, process in binds:
        value = values.get(name)
        if value is not None:
            values[name] = process(value)
    return sql, tuple(values[name] for name in order) if order else values


class Link:
    """One connection's worth of ready-made SQL."""

    def __init__(self, dialect: Dialect, dbapi: Any = None, connection: Any = None) -> None:
        self.dialect = dialect
        self._dbapi = dbapi  # a driver connection (production)
        self._connection = connection  # a SQLAlchemy Connection (tests)
        self._cursor: Any = None  # the driver connection's one cursor, made when first used

    def _driver_cursor(self) -> Any:
        """One cursor for every statement of this link (making a cursor, with its own
        adapters on psycopg, costs more than running a small statement on it)."""
        cursor = self._cursor
        if cursor is None:
            cursor = self._cursor = self._dbapi.cursor()
        return cursor

    @classmethod
    @contextmanager
    def checkout(cls, engine: Engine) -> Iterator[Link]:
        """A pooled connection's driver connection; back to the pool (rolled back) after."""
        raw = engine.raw_connection()
        try:
            yield cls(engine.dialect, dbapi=raw.dbapi_connection)
        finally:
            raw.close()

    @classmethod
    def through(cls, connection: Connection) -> Link:
        return cls(connection.dialect, connection=connection)

    @property
    def direct(self) -> bool:
        return self._dbapi is not None

    def rows(self, statement: Any, params: dict[str, Any], same: int = 0) -> list[tuple]:
        """Every row, each value as SQLAlchemy would give it. ``same``: how many first
        columns hold the same on every row (one side of a join to many rows): those are
        turned into Python once, on the first row, and every row carries them so."""
        sql, given = _values(self.dialect, statement, params)
        if self._connection is not None:
            found: Sequence[Any] = self._connection.exec_driver_sql(sql, given).fetchall()
        else:
            if _watchers:
                _watched(sql)
            cursor = self._driver_cursor()
            cursor.execute(sql, given)
            found = cursor.fetchall()
        processors = _results(statement, self.dialect)
        if not processors:
            return [tuple(row) for row in found]
        if same and found:
            once, each = _split(statement, self.dialect, same)
            head = list(found[0][:same])
            for at, process in once:
                head[at] = process(head[at])
            first = tuple(head)
            rows = []
            for row in found:
                values = list(row[same:])
                for at, process in each:
                    values[at] = process(values[at])
                rows.append(first + tuple(values))
            return rows
        rows = []
        for row in found:
            values = list(row)
            for at, process in processors:
                values[at] = process(values[at])
            rows.append(tuple(values))
        return rows

    def run(self, statement: Any, params: dict[str, Any]) -> tuple[int, Any]:
        """(rows changed, first row returned or None) of one write."""
        sql, given = _values(self.dialect, statement, params)
        if self._connection is not None:
            result = self._connection.exec_driver_sql(sql, given)
            first = result.first() if result.returns_rows else None
            return result.rowcount, first
        if _watchers:
            _watched(sql)
        cursor = self._driver_cursor()
        cursor.execute(sql, given)
        # every row read: on SQLite a statement not read to its end stays open on the cursor
        found = cursor.fetchall() if cursor.description is not None else None
        return cursor.rowcount, found[0] if found else None

    def run_many(self, statement: Any, many: list[dict[str, Any]]) -> None:
        given = [_values(self.dialect, statement, params) for params in many]
        sql = given[0][0]
        values = [one for _sql, one in given]
        if self._connection is not None:
            self._connection.exec_driver_sql(sql, values)
            return
        if _watchers:
            _watched(sql)
        cursor = self._driver_cursor()
        if len(values) == 1:  # one row (a tablet's tap): no batch to set up
            cursor.execute(sql, values[0])
        else:
            cursor.executemany(sql, values)

    def commit(self) -> None:
        if self._dbapi is not None:
            self._dbapi.commit()

    def rollback(self) -> None:
        if self._dbapi is not None:
            self._dbapi.rollback()


def joined_connection(engine: Engine) -> Connection | None:
    """The connection every session of a test joins (tests/conftest.py binds the app's
    session to it); None outside tests. The quick poll and the quick save read and write
    on it in tests, so a test's rolled-back transaction holds what they do."""
    factory = getattr(db.session, "session_factory", None)
    bound = factory.kw.get("bind") if factory is not None else None
    if isinstance(bound, Connection) and bound.engine is engine:
        return bound
    return None
