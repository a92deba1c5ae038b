"""Signed-in tablets (session cookie and CSRF token, as the score page gives them), and the
in-process figures of one score save: SQL statements and CPU time."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from panels.common import rawsql
from panels.db import db

from .seed import World

CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Tablet:
    path: str  # the JSON save endpoint (POST)
    poll: str  # the live state endpoint (GET)
    cookie: str
    csrf: str


def signed_in(app: Flask, user_id: int) -> FlaskClient:
    """A test browser with a live server-side session for the person (as signing in makes)."""
    from panels.auth.sessions import start_session

    client = app.test_client()
    keys = start_session(user_id, app)
    with client.session_transaction() as session:
        session.update(keys)
    return client


def tablet(app: Flask, world: World, user_id: int) -> tuple[Tablet, FlaskClient]:
    """Sign in, open the score page (as a tablet does), keep its cookie and CSRF token."""
    client = signed_in(app, user_id)
    base = f"/jobs/{world.save_job_id}/score/{world.save_candidate_id}"
    page = client.get(base)
    found = CSRF.search(page.data)
    assert page.status_code == 200 and found, page.status_code
    cookie = client.get_cookie("session")
    assert cookie is not None
    poll = f"/jobs/{world.save_job_id}/live/{world.save_candidate_id}/state.json"
    return Tablet(base + "/send", poll, f"session={cookie.value}", found.group(1).decode()), client


def tablets(app: Flask, world: World) -> list[Tablet]:
    return [tablet(app, world, user_id)[0] for user_id in world.tablet_user_ids]


def body(tag: str, n: int, version: int) -> dict:
    """What scoring-offline.js sends: a new change id, the version it saw, one answer."""
    return {"client_id": f"{tag}-{n}", "version": version, "answers": {f"q{n % 15}": 1 + n % 3}}


class StatementCounter:
    def __init__(self, engine) -> None:
        self.engine, self.count = engine, 0

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        self._raw = rawsql.watching(self._seen)  # ready-made SQL sent straight to the driver
        self._raw.__enter__()
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
        self._raw.__exit__(None, None, None)

    def _seen(self, *_args) -> None:
        self.count += 1


def save_figures(app: Flask, world: World, saves: int = 40) -> tuple[int, float]:
    """(SQL statements of one save, CPU seconds per save) through the Flask test client."""
    me, client = tablet(app, world, world.tablet_user_ids[0])
    headers = {"X-CSRFToken": me.csrf}
    seen = {"version": 0}

    def save(n: int) -> None:
        response = client.post(me.path, json=body("inproc", n, seen["version"]), headers=headers)
        assert response.status_code == 200, response.data
        seen["version"] = response.get_json()["version"]

    save(0)  # makes the sheet; later saves are the steady case
    with app.app_context():
        engine = db.engine
    with StatementCounter(engine) as counter:
        save(1)
    start = time.process_time()
    for n in range(2, saves + 2):
        save(n)
    return counter.count, (time.process_time() - start) / saves


def sheet_versions(app: Flask, world: World) -> list[int]:
    """The version of each tablet's sheet now (0 for a sheet not started), in tablet order."""
    from sqlalchemy import select

    from panels.models import PanelMember, ScoreSheet

    with app.app_context():
        rows = db.session.execute(
            select(PanelMember.user_id, ScoreSheet.version)
            .join(ScoreSheet, ScoreSheet.member_id == PanelMember.id)
            .where(ScoreSheet.candidate_id == world.save_candidate_id)
        ).all()
        db.session.remove()
    found = dict(rows)
    return [found.get(user_id, 0) for user_id in world.tablet_user_ids]
