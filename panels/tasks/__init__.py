"""Background tasks: the worker process, its heartbeat, and /healthz.

Areas declare their kinds of task in ``area().tasks``; anyone can ask for one with
``panels.common.tasks.enqueue``; ``flask --app panels worker`` runs them.
"""

from __future__ import annotations

from datetime import timedelta

from panels.common.areas import Area, TaskKind


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.tasks import cli, queue, views

    return Area(
        name="tasks",
        blueprint=views.bp,
        register_cli=cli.register,
        tasks={
            "tasks.prune": TaskKind(run=lambda _payload: queue.prune(), every=timedelta(days=1))
        },
    )
