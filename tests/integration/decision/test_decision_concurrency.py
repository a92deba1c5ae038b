"""Two tablets at the same moment: one answer per member, one decision per candidate.

Whatever the timing, the database keeps one row; one request saves it and the other gets a
clear 409, never an error page.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Decision, DecisionAnswer
from tests.conftest import signed_in_client
from tests.integration.decision_helpers import decision_job, url

pytestmark = pytest.mark.concurrency


def _together(app, user_id, address, bodies):
    clients = [signed_in_client(app, user_id) for _ in bodies]
    barrier = threading.Barrier(len(bodies))
    out: list = [None] * len(bodies)

    def run(i):
        barrier.wait()
        out[i] = clients[i].post(address, data=bodies[i]).status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(out)


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_one_decision_and_one_answer_whatever_the_timing(app):
    ids = decision_job(app)
    hr = signed_in_client(app, ids["hr"])
    assert hr.post(url(ids, "/open")).status_code == 302
    ruth = url(ids, f"/{ids['cands'][0]}")
    codes = _together(app, ids["hr"], ruth, [{"proposal": "offer"}, {"proposal": "reserve"}])
    assert codes == [302, 409] and _count(app, Decision) == 1
    answers = [{"answer": "agree"}, {"answer": "disagree"}]
    assert _together(app, ids["sam"], ruth + "/answer", answers) == [302, 409]
    assert _count(app, DecisionAnswer) == 1
