"""What an area brings to the app. Each area's ``area()`` returns one of these and
``panels/app.py`` wires them in, in the order of its ``AREAS`` tuple."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import timedelta

    from flask import Blueprint, Flask

    from panels.common.personal import PersonalData
    from panels.common.sections import SectionProvider
    from panels.models import Job

EXTENSION = "panels.areas"


@dataclass(frozen=True)
class TaskKind:
    """A kind of background task an area runs (see ``panels/tasks``).

    ``run(payload)`` does the work in an app context and commits its own writes. It must
    be safe to run twice: a worker that dies mid-task leaves it to run again.
    ``every``, when set, has the worker schedule it once per period (one task however
    many workers run). ``lease_seconds`` is how long one try may take before another
    worker may take it over.
    """

    run: Callable[[Mapping[str, Any]], None]
    every: timedelta | None = None
    lease_seconds: int = 300


@dataclass(frozen=True)
class Area:
    """One area's parts of shared places.

    ``register_cli(app)`` adds the area's ``flask`` commands; ``demo(job)`` adds the area's
    part of the demo job (the people and candidates exist, nothing is committed yet);
    ``section(job, me, user)`` gives the area's box on the job page, or None;
    ``template_globals`` are names every template can use; ``tasks`` are the area's
    kinds of background task, by name (``"<area>.<what>"``); ``personal_data`` says what
    the area holds about candidates and panel members, for retention, export and deletion
    (``panels/common/personal.py``).
    """

    name: str
    blueprint: Blueprint
    register_cli: Callable[[Flask], None] | None = None
    demo: Callable[[Job], None] | None = None
    section: SectionProvider | None = None
    template_globals: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    tasks: Mapping[str, TaskKind] = field(default_factory=dict)
    personal_data: PersonalData | None = None


def remember(app: Flask, areas: tuple[Area, ...]) -> None:
    """Keep the app's areas on it, for the demo loader."""
    app.extensions[EXTENSION] = areas


def areas_of(app: Flask) -> tuple[Area, ...]:
    """The areas create_app wired into this app, in order."""
    areas: tuple[Area, ...] = app.extensions[EXTENSION]
    return areas
