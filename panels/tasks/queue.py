"""The task table in SQL: claim, finish, fail, schedule, heartbeat.

Claiming is one statement, ``UPDATE task SET <lease> WHERE id = (SELECT id ... LIMIT 1
FOR UPDATE SKIP LOCKED) AND <still claimable> RETURNING ...``. On PostgreSQL the inner
SELECT locks the row it picks and skips rows another worker holds; on SQLite (which
writes one statement at a time, and has no FOR UPDATE) the single UPDATE is atomic.
Either way two workers never claim one task. Each function commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, and_, case, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from panels.common.areas import TaskKind
from panels.common.tasks import enqueue
from panels.db import db
from panels.models import Task, TaskStatus, WorkerHeartbeat
from panels.models.base import utcnow
from panels.tasks import lease

_task = cast(Table, Task.__table__)
_beat = cast(Table, WorkerHeartbeat.__table__)
KEEP_FINISHED = timedelta(days=30)
KEEP_BEATS = timedelta(days=1)


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    payload: Mapping[str, Any]
    attempts: int
    max_attempts: int


def _claimable(now: datetime):
    return or_(
        and_(_task.c.status == TaskStatus.QUEUED.value, _task.c.run_after <= now),
        and_(
            _task.c.status == TaskStatus.RUNNING.value,
            _task.c.leased_until < now,
            _task.c.attempts < _task.c.max_attempts,
        ),
    )


def claim(worker_id: str, kinds: Mapping[str, TaskKind], now: datetime | None = None):
    """Take the next task this worker knows how to run, or None. Commits."""
    now = now or utcnow()
    if not kinds:
        return None
    fail_stopped(now)
    pick = (
        select(_task.c.id)
        .where(_claimable(now), _task.c.kind.in_(list(kinds)))
        .order_by(_task.c.run_after, _task.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    until = case(
        {name: now + timedelta(seconds=k.lease_seconds) for name, k in kinds.items()},
        value=_task.c.kind,
        else_=now + timedelta(seconds=300),
    )
    row = db.session.execute(
        update(_task)
        .where(_task.c.id == pick, _claimable(now))
        .values(
            status=TaskStatus.RUNNING.value,
            attempts=_task.c.attempts + 1,
            leased_until=until,
            worker_id=worker_id,
        )
        .returning(
            _task.c.id, _task.c.kind, _task.c.payload, _task.c.attempts, _task.c.max_attempts
        )
    ).first()
    db.session.commit()
    if row is None:
        return None
    return Claimed(row.id, row.kind, row.payload or {}, row.attempts, row.max_attempts)


def _mine(claimed: Claimed, worker_id: str):
    """The task is still this worker's try (not taken over after its lease ran out)."""
    return and_(
        _task.c.id == claimed.id,
        _task.c.status == TaskStatus.RUNNING.value,
        _task.c.worker_id == worker_id,
        _task.c.attempts == claimed.attempts,
    )


def finish(claimed: Claimed, worker_id: str, now: datetime | None = None) -> bool:
    """Mark this worker's try done. False if the task was no longer its own. Commits."""
    now = now or utcnow()
    result = db.session.execute(
        update(_task)
        .where(_mine(claimed, worker_id))
        .values(status=TaskStatus.DONE.value, leased_until=None, finished_at=now)
    )
    db.session.commit()
    return cast(CursorResult[Any], result).rowcount == 1


def fail(
    claimed: Claimed,
    worker_id: str,
    error: str,
    retry_seconds: float,
    now: datetime | None = None,
) -> bool:
    """This try raised: queue it again later, or mark it failed after its last try."""
    now = now or utcnow()
    decision = lease.after_failure(claimed.attempts, claimed.max_attempts, now, retry_seconds)
    if decision.retry:
        values: dict[str, Any] = {
            "status": TaskStatus.QUEUED.value,
            "run_after": decision.run_after,
        }
    else:
        values = {"status": TaskStatus.FAILED.value, "finished_at": now}
    result = db.session.execute(
        update(_task)
        .where(_mine(claimed, worker_id))
        .values(leased_until=None, worker_id=None, error=error, **values)
    )
    db.session.commit()
    return cast(CursorResult[Any], result).rowcount == 1


def fail_stopped(now: datetime) -> int:
    """Tasks whose last try's worker died (its lease ran out): failed, with why."""
    stopped = and_(
        _task.c.status == TaskStatus.RUNNING.value,
        _task.c.leased_until < now,
        _task.c.attempts >= _task.c.max_attempts,
    )
    rows = db.session.execute(select(_task.c.id, _task.c.attempts).where(stopped)).all()
    for task_id, attempts in rows:
        db.session.execute(
            update(_task)
            .where(_task.c.id == task_id, stopped)
            .values(
                status=TaskStatus.FAILED.value,
                leased_until=None,
                finished_at=now,
                error=lease.stopped_text(attempts),
            )
        )
    if rows:
        db.session.commit()
    return len(rows)


def schedule_periodic(kinds: Mapping[str, TaskKind], now: datetime | None = None) -> None:
    """One task per period for each kind with ``every`` (workers agree through its key)."""
    now = now or utcnow()
    for name, kind in kinds.items():
        if kind.every is not None:
            enqueue(name, {}, key=lease.period_key(name, kind.every, now))
    db.session.commit()


def beat(worker_id: str, started_at: datetime, now: datetime | None = None) -> None:
    """This worker is alive (one upsert). Commits."""
    now = now or utcnow()
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(_beat).values(worker_id=worker_id, started_at=started_at, beat_at=now)
    db.session.execute(
        statement.on_conflict_do_update(index_elements=[_beat.c.worker_id], set_={"beat_at": now})
    )
    db.session.commit()


def stop_beating(worker_id: str) -> None:
    """A worker that stops cleanly takes its heartbeat away. Commits."""
    db.session.execute(delete(_beat).where(_beat.c.worker_id == worker_id))
    db.session.commit()


def latest_beat() -> datetime | None:
    """The newest heartbeat of any worker (one indexed read)."""
    return db.session.scalar(select(func.max(_beat.c.beat_at)))


def prune(now: datetime | None = None) -> None:
    """Finished tasks after 30 days, and heartbeats of workers gone a day. Commits."""
    now = now or utcnow()
    finished = _task.c.status.in_([TaskStatus.DONE.value, TaskStatus.FAILED.value])
    db.session.execute(delete(_task).where(finished, _task.c.finished_at < now - KEEP_FINISHED))
    db.session.execute(delete(_beat).where(_beat.c.beat_at < now - KEEP_BEATS))
    db.session.commit()
