"""The pure rules of the task queue: retries, periods, heartbeats, worker names.

No Flask, no database: ``queue.py`` applies these in SQL.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

EPOCH = datetime(2000, 1, 1)
ERROR_CHARS = 2000
WORKER_STOPPED = "The worker stopped before the task finished (tried {attempts} times)."


@dataclass(frozen=True)
class AfterFailure:
    """What happens to a task whose try raised: another try later, or failed for good."""

    retry: bool
    run_after: datetime | None


def after_failure(
    attempts: int, max_attempts: int, now: datetime, retry_seconds: float
) -> AfterFailure:
    """``attempts`` counts the try that just failed (a try is counted when it is claimed)."""
    if attempts < max_attempts:
        return AfterFailure(True, now + timedelta(seconds=retry_seconds))
    return AfterFailure(False, None)


def period_key(kind: str, every: timedelta, now: datetime) -> str:
    """One key per period for a task run every ``every``: "kind@<period start>".

    Every worker that schedules the task in the same period makes the same key, so the
    table's unique key keeps one task per period.
    """
    seconds = int(every.total_seconds())
    if seconds < 1:
        raise ValueError("A task's period is at least one second.")
    elapsed = int((now - EPOCH).total_seconds())
    start = EPOCH + timedelta(seconds=elapsed - elapsed % seconds)
    return f"{kind}@{start.isoformat(timespec='seconds')}"


def is_recent(beat_at: datetime | None, now: datetime, stale_seconds: float) -> bool:
    """A heartbeat counts if it is at most ``stale_seconds`` old."""
    return beat_at is not None and now - beat_at <= timedelta(seconds=stale_seconds)


def error_text(error: BaseException) -> str:
    """One line for the task's ``error`` column: the kind of error and its message."""
    words = f"{type(error).__name__}: {error}".replace("\n", " ").strip()
    return words[:ERROR_CHARS]


def stopped_text(attempts: int) -> str:
    return WORKER_STOPPED.format(attempts=attempts)


def new_worker_id() -> str:
    """host:pid:random, so that two workers never share a name."""
    host = socket.gethostname()[:40]
    return f"{host}:{os.getpid()}:{secrets.token_hex(4)}"
