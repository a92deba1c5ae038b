"""Asking for background work: ``enqueue()``, and the kinds the areas declared.

An area declares its kinds in ``area().tasks``; ``create_app`` registers them with
``register_kinds``. Any area can then ``enqueue(kind, payload)`` inside its own
transaction (the caller commits, so the task exists exactly when the change does).
The worker (``flask --app panels worker``, in ``panels/tasks``) runs them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

from flask import Flask, current_app
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from panels.common.areas import Area, TaskKind
from panels.db import db
from panels.models import Task, TaskStatus
from panels.models.base import utcnow
from panels.models.tasks import KEY, KIND

EXTENSION = "panels.task_kinds"
MAX_PAYLOAD = 20_000  # characters of JSON: a task carries ids, not documents

_table = cast(Table, Task.__table__)


class UnknownTask(ValueError):
    """No area declared a task of this kind."""


def register_kinds(app: Flask, areas: tuple[Area, ...]) -> None:
    """Keep every area's task kinds on the app; two areas may not use one name."""
    kinds: dict[str, TaskKind] = {}
    for area in areas:
        for name, kind in area.tasks.items():
            if name in kinds:
                raise ValueError(f"Two areas declare the task kind {name!r}.")
            if not name or len(name) > KIND:
                raise ValueError(f"A task kind needs a name of 1 to {KIND} characters: {name!r}")
            kinds[name] = kind
    app.extensions[EXTENSION] = kinds


def kinds_of(app: Flask) -> Mapping[str, TaskKind]:
    kinds: Mapping[str, TaskKind] = app.extensions.get(EXTENSION, {})
    return kinds


def enqueue(
    kind: str,
    payload: Mapping[str, Any] | None = None,
    *,
    key: str | None = None,
    run_after: datetime | None = None,
    max_attempts: int = 2,
) -> None:
    """Add a task for the worker (the caller commits).

    With ``key``, a task with that key that already exists is left as it is and no new
    one is added. Raises UnknownTask for a kind no area declared, ValueError for a
    payload that is not small JSON.
    """
    if kind not in kinds_of(current_app):
        raise UnknownTask(f"No area declares the task kind {kind!r}.")
    data = dict(payload or {})
    if len(json.dumps(data)) > MAX_PAYLOAD:
        raise ValueError(f"A task's payload is at most {MAX_PAYLOAD} characters of JSON.")
    if key is not None and not 0 < len(key) <= KEY:
        raise ValueError(f"A task key has 1 to {KEY} characters.")
    values = {
        "kind": kind,
        "key": key,
        "payload": data,
        "status": TaskStatus.QUEUED.value,
        "attempts": 0,
        "max_attempts": max_attempts,
        "run_after": run_after or utcnow(),
        "error": "",
        "created_at": utcnow(),
    }
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(_table).values(**values)
    if key is not None:
        statement = statement.on_conflict_do_nothing(index_elements=[_table.c.key])
    db.session.execute(statement)
