"""The demo candidate's invitation: page weight, PDF first and again, and whether a long
invitation MP3 holds up a short Listen clip in the speech worker."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from panels import demo
from panels.db import db

from .seed import SECRET, make_app, scratch

T = TypeVar("T")


@dataclass(frozen=True)
class Invitation:
    app: Flask
    token: str

    def client(self) -> FlaskClient:
        return self.app.test_client()

    def path(self, tail: str = "") -> str:
        return f"/invite/{self.token}{tail}"


def invitation() -> Invitation:
    from panels.invitations import queries, service
    from panels.models import Candidate

    folder = scratch("invitation")
    app = make_app(f"sqlite:///{folder}/inv.sqlite3", folder)
    with app.app_context():
        demo.load_demo()
        candidate = db.session.scalars(select(Candidate).order_by(Candidate.position)).first()
        assert candidate is not None
        token = queries.token_for(SECRET, service.invitation_for(candidate))
        db.session.commit()
    return Invitation(app, token)


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def page_weight(inv: Invitation) -> tuple[int, int]:
    """(HTML bytes, CSS and JS bytes) of the invitation page."""
    client = inv.client()
    html = client.get(inv.path()).data
    assets = set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html))
    return len(html), sum(len(client.get(a.decode()).data) for a in assets)


def pdf_times(inv: Invitation) -> tuple[float, float, int, int]:
    """(first, again, status, bytes) of the invitation PDF."""
    client = inv.client()
    first, response = timed(lambda: client.get(inv.path("/invitation.pdf")))
    again, _ = timed(lambda: client.get(inv.path("/invitation.pdf")))
    return first, again, response.status_code, len(response.data)


@dataclass(frozen=True)
class Speech:
    short_alone: float
    short_during_long: float
    long_first: float
    long_again: float


def speech_available(inv: Invitation) -> tuple[bool, str]:
    from panels.audio.views import speech_status

    with inv.app.app_context():
        return speech_status()


def _wait_for_express(current, limit: float = 120.0) -> None:
    """As on a server that has been running a while: the express worker is up (on a busy
    machine it can take longer to start than a long clip takes to make)."""
    deadline = time.monotonic() + limit
    lane = getattr(current, "_express", None)
    while lane is not None and time.monotonic() < deadline:
        if lane.proc is not None and lane.proc.is_alive() and not lane.lock.locked():
            return
        time.sleep(0.05)


def speech_times(inv: Invitation) -> Speech:
    """A short Listen clip alone, then another while the invitation MP3 is being made."""
    from panels.audio.views import listen_url, speaker

    with inv.app.test_request_context():
        warm, alone, during = (
            listen_url(t)
            for t in (
                "Hello.",
                "Please sit down. We are ready for you.",
                "Thank you for coming to see us today.",
            )
        )
    client = inv.client()
    client.get(warm)  # starts the speech workers (the express one in the background)
    with inv.app.app_context():
        _wait_for_express(speaker())
    short_alone, _ = timed(lambda: client.get(alone))
    long: dict[str, float] = {}

    def make_long() -> None:
        long["first"], _ = timed(lambda: inv.client().get(inv.path("/invitation.mp3")))

    worker = threading.Thread(target=make_long)
    worker.start()
    time.sleep(0.2)  # the long synthesis has begun
    short_during, _ = timed(lambda: client.get(during))
    worker.join()
    again, _ = timed(lambda: client.get(inv.path("/invitation.mp3")))
    with inv.app.app_context():
        speaker().close()  # its CPU time then counts as this benchmark's own
    return Speech(short_alone, short_during, long["first"], again)
