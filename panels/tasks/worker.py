"""The background worker: ``flask --app panels worker`` takes tasks until stopped.

It writes a heartbeat every ``WORKER_HEARTBEAT_SECONDS`` from its own thread (so a long
task does not make it look dead), schedules the areas' periodic tasks, claims one task at
a time and runs it. A try that raises is tried again once, later; a worker that dies
mid-task leaves a lease that runs out, and another worker (or this one, restarted)
takes the task again, once. SIGTERM or Ctrl+C: the task in hand is finished, then the
worker stops and takes its heartbeat away.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from panels.common.areas import TaskKind
from panels.common.tasks import kinds_of
from panels.db import db
from panels.models.base import utcnow
from panels.tasks import lease, queue

log = logging.getLogger("panels.worker")
SCHEDULE_EVERY = 60.0  # seconds between looks at the periodic tasks


class Worker:
    def __init__(self, app: Flask, worker_id: str | None = None):
        self.app = app
        self.id = worker_id or lease.new_worker_id()
        self.kinds: Mapping[str, TaskKind] = kinds_of(app)
        self.stopping = threading.Event()
        self.started_at = utcnow()
        self._scheduled_at = 0.0
        config = app.config
        self.poll = float(config["WORKER_POLL_SECONDS"])
        self.beat_every = float(config["WORKER_HEARTBEAT_SECONDS"])
        self.retry_seconds = float(config["TASK_RETRY_SECONDS"])

    # --- the loop --------------------------------------------------------------------

    def run(self, once: bool = False) -> int:
        """Run tasks until stopped (or, with ``once``, until none is waiting).

        Returns how many tasks were run.
        """
        beating = threading.Thread(target=self._beat_forever, name="heartbeat", daemon=True)
        self._beat()
        beating.start()
        log.info("Worker %s started: %s", self.id, ", ".join(sorted(self.kinds)) or "no tasks")
        done = 0
        try:
            while not self.stopping.is_set():
                ran = self.run_one()
                done += ran
                if not ran:
                    if once:
                        break
                    self.stopping.wait(self.poll)
        finally:
            self.stopping.set()
            beating.join(timeout=self.beat_every + 5)
            self._with_app(queue.stop_beating, self.id)
            log.info("Worker %s stopped after %d tasks.", self.id, done)
        return done

    def run_one(self) -> bool:
        """Schedule what is due, claim one task and run it. False when none was waiting."""
        with self.app.app_context():
            try:
                self._schedule()
                claimed = queue.claim(self.id, self.kinds)
            except SQLAlchemyError as error:
                db.session.rollback()
                log.warning("Worker %s cannot reach the database: %s", self.id, error)
                return False
            finally:
                db.session.remove()
            if claimed is None:
                return False
            self._run(claimed)
            return True

    def _run(self, claimed: queue.Claimed) -> None:
        kind = self.kinds[claimed.kind]
        started = time.perf_counter()
        try:
            kind.run(claimed.payload)
        except Exception as error:  # any error: the task is retried once, then failed
            db.session.rollback()
            text = lease.error_text(error)
            queue.fail(claimed, self.id, text, self.retry_seconds)
            last = claimed.attempts >= claimed.max_attempts
            log.warning(
                "Task %s (%s) %s: %s",
                claimed.id,
                claimed.kind,
                "failed" if last else "will be tried again",
                text,
            )
        else:
            db.session.commit()
            queue.finish(claimed, self.id)
            log.info(
                "Task %s (%s) done in %.0f ms",
                claimed.id,
                claimed.kind,
                (time.perf_counter() - started) * 1000,
            )
        finally:
            db.session.remove()

    def _schedule(self) -> None:
        now = time.monotonic()
        if self._scheduled_at and now - self._scheduled_at < SCHEDULE_EVERY:
            return
        queue.schedule_periodic(self.kinds)
        self._scheduled_at = now

    # --- the heartbeat ---------------------------------------------------------------

    def _beat_forever(self) -> None:
        while not self.stopping.wait(self.beat_every):
            self._beat()

    def _beat(self) -> None:
        self._with_app(queue.beat, self.id, self.started_at)

    def _with_app(self, function, *args) -> None:
        with self.app.app_context():
            try:
                function(*args)
            except SQLAlchemyError as error:
                db.session.rollback()
                log.warning("Worker %s heartbeat not written: %s", self.id, error)
            finally:
                db.session.remove()

    def stop(self, *_signal) -> None:
        self.stopping.set()
