"""The worker for real: several connections at once (commits, tables emptied after)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from panels.common.tasks import enqueue, kinds_of
from panels.db import db
from panels.models import Task, TaskStatus, WorkerHeartbeat
from panels.tasks import queue
from panels.tasks.worker import Worker

pytestmark = pytest.mark.concurrency

TASKS = 24


def _add(app, kind, count):
    with app.app_context():
        for n in range(count):
            enqueue(kind, {"n": n})
        db.session.commit()
        db.session.remove()


def _tasks(app) -> list[Task]:
    with app.app_context():
        found = list(db.session.scalars(select(Task).order_by(Task.id)))
        db.session.expunge_all()
        db.session.remove()
    return found


def test_two_workers_claiming_at_once_never_take_one_task_twice(app, recorder):
    _add(app, "test.ok", TASKS)
    kinds = {"test.ok": kinds_of(app)["test.ok"]}
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def claimer(name: str) -> None:
        try:
            with app.app_context():
                barrier.wait()
                while (task := queue.claim(name, kinds)) is not None:
                    claimed[name].append(task.id)
                    assert queue.finish(task, name)
                db.session.remove()
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=claimer, args=(n,)) for n in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    every = claimed["a"] + claimed["b"]
    assert sorted(every) == sorted(set(every)) and len(every) == TASKS
    tasks = _tasks(app)
    assert all(t.status == TaskStatus.DONE and t.attempts == 1 for t in tasks)
    assert {t.worker_id for t in tasks} <= {"a", "b"}


def test_the_worker_runs_tasks_retries_a_failure_and_says_it_is_alive(app, recorder, monkeypatch):
    monkeypatch.setitem(app.config, "TASK_RETRY_SECONDS", 0)
    _add(app, "test.ok", 2)
    _add(app, "test.boom", 1)
    worker = Worker(app, worker_id="test-worker")
    periodic = sum(1 for kind in kinds_of(app).values() if kind.every is not None)
    assert periodic >= 2
    # 2 + the failing one tried twice + the periodic tasks it schedules itself
    assert worker.run(once=True) == 2 + 2 + periodic
    tasks = {(t.kind, t.payload.get("n")): t for t in _tasks(app)}
    assert tasks["test.ok", 0].status == tasks["test.ok", 1].status == TaskStatus.DONE
    boom = tasks["test.boom", 0]
    assert (boom.status, boom.attempts) == (TaskStatus.FAILED, 2)
    assert boom.error == "RuntimeError: the printer is on fire"
    assert [r for r in recorder.runs if r == {"n": 0}] == [{"n": 0}] * 3
    # The daily tasks were scheduled (and run) too.
    assert {"auth.prune", "privacy.retention", "tasks.prune"} <= {t.kind for t in _tasks(app)}
    with app.app_context():  # a worker that stops takes its heartbeat away
        assert db.session.scalars(select(WorkerHeartbeat)).all() == []
        db.session.remove()


def test_a_running_worker_beats_and_stops_when_asked(app, monkeypatch):
    monkeypatch.setitem(app.config, "WORKER_HEARTBEAT_SECONDS", 0.05)
    monkeypatch.setitem(app.config, "WORKER_POLL_SECONDS", 0.05)
    worker = Worker(app, worker_id="beating")
    thread = threading.Thread(target=worker.run)
    thread.start()
    try:
        beats = []
        deadline = time.monotonic() + 20
        while len(set(beats)) < 3 and time.monotonic() < deadline:
            with app.app_context():
                beat = db.session.get(WorkerHeartbeat, "beating")
                if beat is not None:
                    beats.append(beat.beat_at)
                db.session.remove()
            time.sleep(0.05)
        assert len(set(beats)) >= 3, "the heartbeat should be written again and again"
    finally:
        worker.stop()
        thread.join(timeout=20)
    assert not thread.is_alive()
