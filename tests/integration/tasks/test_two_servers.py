"""Two app processes on two ports, one database and the worker: a whole journey, each
request going to the other process than the one before (as behind a load balancer).

Runs in the PostgreSQL CI step (``make test-postgres``), and on SQLite with the suite's
file database. Sessions are kept in the database, CSRF tokens are signed with the one
secret key: so any process can answer any request.
"""

from __future__ import annotations

import itertools
import re

import pytest
import requests
from sqlalchemy import select

from panels.db import db
from panels.models import Job, Question, Score, ScoreSend
from tests.conftest import PASSWORD, make_user
from tests.servers import Browser, location

pytestmark = [pytest.mark.concurrency, pytest.mark.servers]


def _id_after(path: str, prefix: str) -> int:
    found = re.search(re.escape(prefix) + r"(\d+)", path)
    assert found, (prefix, path)
    return int(found.group(1))


def test_a_whole_journey_across_two_processes(app, app_servers):
    with app.app_context():
        make_user("Casey Coord", "casey@example.org", coordinator=True)
        db.session.commit()
        db.session.remove()
    servers = app_servers(2)
    turn = itertools.cycle(servers)
    seen: set[str] = set()

    def nxt() -> str:
        base = next(turn)
        seen.add(base)
        return base

    coordinator = Browser()
    # Sign in on one process, then use the session on the other.
    response = coordinator.fill_in(
        nxt(), nxt(), "/sign-in", email="casey@example.org", password=PASSWORD
    )
    assert response.status_code == 302 and location(response) == "/jobs"
    assert coordinator.get(nxt(), "/jobs").status_code == 200

    response = coordinator.fill_in(
        nxt(),
        nxt(),
        "/jobs/new",
        title="Support worker",
        ref="TWO-01",
        interview_date="2026-12-20",
        start_time="10:00",
        place="Town Hall",
    )
    assert response.status_code == 302, response.text[:2000]
    job = _id_after(location(response), "/jobs/")

    response = coordinator.fill_in(
        nxt(), nxt(), f"/jobs/{job}/panel/add", name="Mo Member", email="mo@example.org"
    )
    assert response.status_code == 302, response.text[:2000]
    response = coordinator.fill_in(
        nxt(), nxt(), f"/jobs/{job}/candidates/add", name="Ruth Okafor", email=""
    )
    assert response.status_code == 302, response.text[:2000]
    response = coordinator.fill_in(
        nxt(), nxt(), f"/jobs/{job}/questions/new", easy_read="Why do you want this job?"
    )
    assert response.status_code == 302, response.text[:2000]
    with app.app_context():
        found = db.session.get(Job, job)
        member = found.members[0].id
        candidate = found.candidates[0].id
        question = db.session.scalar(select(Question.id).where(Question.job_id == job))
        db.session.remove()

    # The coordinator makes a sign-in link; the member's tablet uses it on the other process.
    response = coordinator.fill_in(nxt(), nxt(), f"/jobs/{job}/panel/{member}/sign-in-link")
    assert response.status_code == 200
    link = re.search(r"/sign-in/link/[A-Za-z0-9_-]+", response.text).group(0)
    tablet = Browser()
    response = tablet.fill_in(nxt(), nxt(), link)
    assert response.status_code == 302, response.text[:2000]

    # The member agrees the question (the whole panel: just them), scores and sends.
    response = tablet.fill_in(
        nxt(),
        nxt(),
        f"/jobs/{job}/questions/{question}",
        to=f"/jobs/{job}/questions/{question}/mark",
        mark="keep",
    )
    assert response.status_code == 302, response.text[:2000]
    with app.app_context():
        key = db.session.get(Question, question).key
        db.session.remove()
    # Before any candidate's details: the privacy agreement, and "I agree".
    response = tablet.fill_in(nxt(), nxt(), f"/jobs/{job}/privacy")
    assert response.status_code == 303, response.text[:2000]
    sheet = f"/jobs/{job}/score/{candidate}"
    fields = {f"q-{key}": "3", "note": "Kind.", "action": "submit"}
    response = tablet.fill_in(nxt(), nxt(), sheet + "?view=all", to=sheet, **fields)
    assert response.status_code == 302, response.text[:2000]
    with app.app_context():
        assert db.session.scalars(select(Score.value)).all() == [3]
        assert len(db.session.scalars(select(ScoreSend)).all()) == 1
        db.session.remove()

    # The coordinator closes scoring (unless it closed itself) and reads the results.
    status = coordinator.get(nxt(), f"/jobs/{job}/results/status")
    assert status.status_code == 200
    if 'value="close"' in status.text:
        response = coordinator.fill_in(
            nxt(), nxt(), f"/jobs/{job}/results/status", reason="Everyone has scored."
        )
        assert response.status_code == 302, response.text[:2000]
    results = coordinator.get(nxt(), f"/jobs/{job}/results")
    assert results.status_code == 200, results.text[:2000]
    assert "Ruth Okafor" in results.text and "100" in results.text
    assert seen == set(servers)
    for base in servers:  # both still healthy, with the worker's heartbeat
        assert requests.get(base + "/healthz", timeout=10).json()["status"] == "ok"
