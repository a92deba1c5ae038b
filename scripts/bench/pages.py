"""In-process page figures through the Flask test client: the results page (server time and
SQL statements). The live screen's poll is timed in bench/poll.py."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from panels.db import db

from .seed import World
from .tablets import StatementCounter, signed_in


@dataclass(frozen=True)
class Timed:
    median: float  # seconds
    statements: int
    status: int
    cpu: float = 0.0  # seconds of this thread's CPU time, median (the machine may be busy)
    fastest: float = 0.0  # seconds, the quickest run (what a busy machine slows least)


def timed_get(app, client, path: str, runs: int, headers: dict | None = None) -> Timed:
    """Warm up once, then the median of several runs; statements counted on the last run."""

    cpus: list[float] = []

    def once() -> tuple[float, int]:
        start, cpu = time.perf_counter(), time.thread_time()
        status = client.get(path, headers=headers).status_code
        cpus.append(time.thread_time() - cpu)
        return time.perf_counter() - start, status

    once()
    cpus.clear()
    with app.app_context():
        engine = db.engine
    times = [once()[0] for _ in range(runs - 1)]
    with StatementCounter(engine) as counter:
        last, status = once()
    median = statistics.median([*times, last])
    return Timed(median, counter.count, status, statistics.median(cpus), min([*times, last]))


def results_page(app, world: World, size: int, runs: int = 9) -> Timed:
    client = signed_in(app, world.coordinator_id)
    return timed_get(app, client, f"/jobs/{world.results_jobs[size]}/results", runs)
