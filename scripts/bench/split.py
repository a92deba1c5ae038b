"""Where the results page's server time goes: SQL (the database's own work, executing and
fetching rows), rows (the job's people, candidates, questions and summed sheets made into
Python values: ``combined_results`` less its SQL and maths), the equal-weight maths
(``combine_means``), the table and the dot plots built in Python, the Jinja template,
and the one write a view makes (``record_view``: two INSERTs and a commit, its SQL under
SQL). What is left is signing in, loading the job and Flask itself.

Each part is timed by wrapping the function the page calls, in this process only (the
wrappers are taken off afterwards); SQL is timed at the driver's cursor, so it is counted
inside the parts that run it and shown apart from them.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from unittest import mock

from sqlalchemy import event
from sqlalchemy.engine import cursor as sa_cursor

from panels.db import db

from .seed import World
from .tablets import signed_in

PARTS = ("SQL", "rows", "maths", "table and plots", "template", "view record", "rest")


@dataclass(frozen=True)
class Split:
    total: float  # seconds, median of the runs
    parts: dict[str, float]  # part -> seconds, median of the runs (SQL apart from the others)

    def describe(self) -> str:
        return ", ".join(f"{name} {1000 * self.parts[name]:.1f}" for name in PARTS) + " (ms)"


class _Clock:
    """Time per part, each counted once: a part's time leaves out the parts inside it."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.counted = 0.0  # every part's time so far

    def add(self, part: str, start: float, counted_before: float) -> None:
        own = time.perf_counter() - start - (self.counted - counted_before)
        self.spent[part] += own
        self.counted += own

    def clear(self) -> None:
        self.spent.clear()
        self.counted = 0.0

    def timed(self, part: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            start, before = time.perf_counter(), self.counted
            try:
                return function(*args, **kwargs)
            finally:
                self.add(part, start, before)

        return wrapper

    @contextmanager
    def sql(self) -> Iterator[None]:
        start, before = time.perf_counter(), self.counted
        try:
            yield
        finally:
            self.add("SQL", start, before)


def _fetch_timed(clock: _Clock, method: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        with clock.sql():
            return method(*args, **kwargs)

    return wrapper


def results_split(app, world: World, size: int, runs: int = 9) -> Split:
    """The page's time split into PARTS (medians over ``runs`` requests)."""
    from panels.results import service, views

    client = signed_in(app, world.coordinator_id)
    path = f"/jobs/{world.results_jobs[size]}/results"
    client.get(path)  # warm up
    with app.app_context():
        engine = db.engine
    clock = _Clock()
    started: list[tuple[float, float]] = []

    def before(*_args) -> None:
        started.append((time.perf_counter(), clock.counted))

    def after(*_args) -> None:
        clock.add("SQL", *started.pop())

    strategy = sa_cursor.CursorFetchStrategy
    totals: list[float] = []
    per_part: dict[str, list[float]] = defaultdict(list)
    with ExitStack() as stack:
        for name, part, target in (
            ("job_results", "rows", views.service),  # (before the page read plain rows)
            ("combined_results", "rows", views.service),
            ("combine_sheets", "maths", service),  # (before the sheets came as plain tuples)
            ("combine_means", "maths", service),
            ("table_body", "table and plots", views),
            ("plot_items", "table and plots", views),
            ("dot_plot", "table and plots", views),  # before the plots were drawn in one pass
            ("render_template", "template", views),
            ("record_view", "view record", views),
        ):
            if hasattr(target, name):  # (an older version may not have it)
                timed = clock.timed(part, getattr(target, name))
                stack.enter_context(mock.patch.object(target, name, timed))
        for name in ("fetchall", "fetchmany", "fetchone"):
            stack.enter_context(
                mock.patch.object(strategy, name, _fetch_timed(clock, getattr(strategy, name)))
            )
        event.listen(engine, "before_cursor_execute", before)
        event.listen(engine, "after_cursor_execute", after)
        stack.callback(event.remove, engine, "before_cursor_execute", before)
        stack.callback(event.remove, engine, "after_cursor_execute", after)
        for _ in range(runs):
            clock.clear()
            start = time.perf_counter()
            assert client.get(path).status_code == 200
            total = time.perf_counter() - start
            totals.append(total)
            spent = dict(clock.spent)
            known = sum(spent.get(p, 0.0) for p in PARTS if p != "rest")
            spent["rest"] = total - known
            for p in PARTS:
                per_part[p].append(spent.get(p, 0.0))
    return Split(statistics.median(totals), {p: statistics.median(per_part[p]) for p in PARTS})
