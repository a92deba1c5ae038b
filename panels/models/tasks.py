"""Background tasks: a table the worker takes them from, and the worker's heartbeat."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from panels.db import Model
from panels.models.base import one_of, utcnow

KIND = 60
KEY = 120
WORKER_ID = 80


class TaskStatus(StrEnum):
    QUEUED = "queued"  # waiting for a worker (again, after a first try that failed)
    RUNNING = "running"  # a worker holds it until ``leased_until``
    DONE = "done"
    FAILED = "failed"  # tried ``max_attempts`` times; ``error`` says why


class Task(Model):
    """One piece of work for the background worker.

    ``kind`` names a task an area declared (``Area.tasks``); ``payload`` is its JSON
    input. A worker claims a task by setting ``worker_id`` and a lease; a worker that
    dies leaves a lease that runs out, and the task is claimed again, up to
    ``max_attempts`` times in all. ``key``, when set, makes the task unique (a daily
    task has one per day, however many workers schedule it).
    """

    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint(one_of("status", TaskStatus), name="status"),
        CheckConstraint("attempts >= 0 AND max_attempts >= 1", name="attempts"),
        Index("ix_task_status_run_after", "status", "run_after"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND))
    key: Mapped[str | None] = mapped_column(String(KEY), unique=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=TaskStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=2)
    run_after: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    leased_until: Mapped[datetime | None] = mapped_column(DateTime)
    worker_id: Mapped[str | None] = mapped_column(String(WORKER_ID))
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class WorkerHeartbeat(Model):
    """A running worker says it is alive every few seconds (read by /healthz)."""

    __tablename__ = "worker_heartbeat"

    worker_id: Mapped[str] = mapped_column(String(WORKER_ID), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    beat_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
