"""Commands: flask --app panels worker, and tasks (what is queued, running, failed)."""

from __future__ import annotations

import signal

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from panels.db import db
from panels.models import Task
from panels.tasks.worker import Worker


def register(app: Flask) -> None:
    @app.cli.command("worker")
    @click.option("--once", is_flag=True, help="Run the tasks waiting now, then stop.")
    def worker(once: bool) -> None:
        """Run background tasks until stopped (Ctrl+C or SIGTERM)."""
        running = Worker(current_app._get_current_object())  # type: ignore[attr-defined]
        signal.signal(signal.SIGTERM, running.stop)
        signal.signal(signal.SIGINT, running.stop)
        done = running.run(once=once)
        if once:
            click.echo(f"Ran {done} tasks.")

    @app.cli.command("tasks")
    def tasks() -> None:
        """How many tasks of each kind are in each state; the last errors."""
        rows = db.session.execute(
            select(Task.kind, Task.status, func.count()).group_by(Task.kind, Task.status)
        ).all()
        for kind, status, count in sorted(rows):
            click.echo(f"{kind}\t{status}\t{count}")
        failed = db.session.execute(
            select(Task.id, Task.kind, Task.error)
            .where(Task.status == "failed")
            .order_by(Task.id.desc())
            .limit(5)
        ).all()
        for task_id, kind, error in failed:
            click.echo(f"failed {task_id} {kind}: {error}")
