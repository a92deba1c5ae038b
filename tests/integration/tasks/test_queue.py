"""The task table: enqueue, claim, lease, one retry, failed; periodic tasks; pruning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from panels.common.tasks import UnknownTask, enqueue, kinds_of
from panels.db import db
from panels.models import Task, TaskStatus, UserSession
from panels.models.base import utcnow
from panels.tasks import lease, queue
from tests.conftest import make_user

ME, OTHER = "worker-a", "worker-b"


def _only_task() -> Task:
    db.session.expire_all()
    return db.session.scalars(select(Task)).one()


def _kinds(app, *names):
    return {name: kinds_of(app)[name] for name in names}


def test_every_area_kind_is_registered(app):
    assert {"auth.prune", "tasks.prune", "invitations.prepare_audio"} <= set(kinds_of(app))


def test_an_unknown_kind_is_refused(ctx):
    with pytest.raises(UnknownTask):
        enqueue("no.such.kind", {})
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_a_payload_must_be_small(ctx, recorder):
    with pytest.raises(ValueError, match="at most"):
        enqueue("test.ok", {"text": "x" * 30_000})


def test_the_status_column_holds_only_known_statuses(ctx, recorder):
    enqueue("test.ok", {})
    db.session.flush()
    with pytest.raises(IntegrityError):
        db.session.execute(Task.__table__.update().values(status="lost"))
        db.session.flush()
    db.session.rollback()


def test_claim_runs_a_task_once_and_finish_marks_it_done(app, ctx, recorder):
    enqueue("test.ok", {"n": 1})
    db.session.commit()
    kinds = _kinds(app, "test.ok")
    claimed = queue.claim(ME, kinds)
    assert claimed is not None and claimed.payload == {"n": 1} and claimed.attempts == 1
    task = _only_task()
    assert (task.status, task.worker_id) == (TaskStatus.RUNNING, ME)
    assert task.leased_until > utcnow() + timedelta(seconds=50)
    assert queue.claim(OTHER, kinds) is None  # leased: nobody else takes it
    assert queue.finish(claimed, ME)
    task = _only_task()
    assert task.status == TaskStatus.DONE and task.leased_until is None and task.finished_at
    assert queue.claim(OTHER, kinds) is None


def test_a_worker_only_claims_kinds_it_knows(app, ctx, recorder):
    enqueue("test.ok", {})
    db.session.commit()
    assert queue.claim(ME, _kinds(app, "test.boom")) is None
    assert queue.claim(ME, {}) is None
    assert queue.claim(ME, _kinds(app, "test.ok")) is not None


def test_a_failed_try_runs_again_once_then_is_failed(app, ctx, recorder):
    enqueue("test.boom", {})
    db.session.commit()
    kinds = _kinds(app, "test.boom")
    first = queue.claim(ME, kinds)
    assert queue.fail(first, ME, "RuntimeError: on fire", retry_seconds=60)
    task = _only_task()
    assert (task.status, task.attempts, task.error) == ("queued", 1, "RuntimeError: on fire")
    assert queue.claim(ME, kinds) is None  # not before run_after
    second = queue.claim(OTHER, kinds, now=utcnow() + timedelta(seconds=61))
    assert second.attempts == 2
    assert queue.fail(second, OTHER, "RuntimeError: still on fire", retry_seconds=60)
    task = _only_task()
    assert task.status == TaskStatus.FAILED and task.error == "RuntimeError: still on fire"
    assert queue.claim(ME, kinds, now=utcnow() + timedelta(days=1)) is None


def test_a_worker_that_dies_leaves_the_task_to_run_again_once(app, ctx, recorder):
    enqueue("test.ok", {})
    db.session.commit()
    kinds = _kinds(app, "test.ok")
    dead = queue.claim(ME, kinds)  # ... and the worker is killed: no finish, no fail
    later = utcnow() + timedelta(seconds=61)  # the 60 s lease has run out
    again = queue.claim(OTHER, kinds, now=later)
    assert again is not None and again.id == dead.id and again.attempts == 2
    assert not queue.finish(dead, ME)  # the first worker, back from the dead, owns nothing
    assert _only_task().worker_id == OTHER
    # The second worker dies too: after its lease, the task is failed, not tried a third time.
    assert queue.claim(ME, kinds, now=later + timedelta(seconds=61)) is None
    task = _only_task()
    assert task.status == TaskStatus.FAILED
    assert task.error == lease.stopped_text(2)
    assert task.attempts == 2


def test_finishing_after_the_lease_was_taken_over_changes_nothing(app, ctx, recorder):
    enqueue("test.boom", {})
    db.session.commit()
    kinds = _kinds(app, "test.boom")
    slow = queue.claim(ME, kinds)
    queue.claim(OTHER, kinds, now=utcnow() + timedelta(seconds=61))
    assert not queue.fail(slow, ME, "late", retry_seconds=0)
    task = _only_task()
    assert (task.status, task.worker_id, task.error) == ("running", OTHER, "")


def test_a_key_keeps_one_task(ctx, recorder):
    enqueue("test.ok", {"n": 1}, key="once")
    enqueue("test.ok", {"n": 2}, key="once")
    enqueue("test.ok", {"n": 3})
    db.session.commit()
    payloads = sorted(t.payload["n"] for t in db.session.scalars(select(Task)))
    assert payloads == [1, 3]


def test_periodic_tasks_are_scheduled_once_per_period(app, ctx):
    kinds = kinds_of(app)
    now = utcnow()
    queue.schedule_periodic(kinds, now)
    queue.schedule_periodic(kinds, now + timedelta(seconds=1))
    keys = sorted(db.session.scalars(select(Task.key)))
    daily = sorted(name for name, kind in kinds.items() if kind.every == timedelta(days=1))
    assert daily == ["auth.prune", "privacy.retention", "tasks.prune"]
    periodic = {name: kind.every for name, kind in kinds.items() if kind.every is not None}
    expected = {
        lease.period_key(name, every, moment)
        for name, every in periodic.items()
        for moment in (now, now + timedelta(seconds=1))
    }  # one key per period: the same for both, unless a period starts between them
    assert keys == sorted(expected)
    assert {lease.period_key(name, timedelta(days=1), now) for name in daily} <= set(keys)


def test_the_daily_prune_removes_ended_sessions_only(app, ctx):
    user = make_user()
    now = utcnow()
    db.session.add_all(
        [
            UserSession(id="live", user_id=user.id, created_at=now, last_seen_at=now),
            UserSession(
                id="ended", user_id=user.id, created_at=now, last_seen_at=now, ended_at=now
            ),
            UserSession(
                id="old",
                user_id=user.id,
                created_at=now - timedelta(days=2),
                last_seen_at=now - timedelta(days=2),
            ),
        ]
    )
    db.session.commit()
    kinds_of(app)["auth.prune"].run({})
    kinds_of(app)["auth.prune"].run({})  # twice: safe
    assert list(db.session.scalars(select(UserSession.id))) == ["live"]


def test_old_finished_tasks_and_heartbeats_are_pruned(ctx, recorder):
    now = utcnow()
    enqueue("test.ok", {"n": "old"})
    enqueue("test.ok", {"n": "new"})
    db.session.flush()
    old, new = db.session.scalars(select(Task).order_by(Task.id)).all()
    old.status = new.status = TaskStatus.DONE
    old.finished_at = now - timedelta(days=31)
    new.finished_at = now
    queue.beat("gone", now - timedelta(days=2), now - timedelta(days=2))
    queue.beat("here", now, now)
    queue.prune(now)
    assert [t.payload["n"] for t in db.session.scalars(select(Task))] == ["new"]
    assert queue.latest_beat() == now


def test_prepare_audio_for_a_job_that_has_gone_does_nothing(app, ctx):
    kinds_of(app)["invitations.prepare_audio"].run({"job_id": 999_999})
    kinds_of(app)["invitations.prepare_audio"].run({"job_id": "not a number"})
