"""Two first saves at the same moment: a view preference, a question mark. No 500, one row."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Job, QuestionMark, ScoringPref
from panels.questions import service as questions
from tests.conftest import signed_in_client

pytestmark = pytest.mark.concurrency

TABLETS = 6


def _all_at_once(app, user_id, send) -> list[int]:
    """Run ``send(client, n)`` on TABLETS signed-in clients released together; statuses."""
    clients = [signed_in_client(app, user_id) for _ in range(TABLETS)]
    barrier = threading.Barrier(TABLETS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def tablet(n: int) -> None:
        try:
            barrier.wait()
            statuses.append(send(clients[n], n).status_code)
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    threads = [threading.Thread(target=tablet, args=(n,)) for n in range(TABLETS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return statuses


def _count(app, query):
    with app.app_context():
        return db.session.scalar(query)


@pytest.mark.parametrize("rounds", [3])
def test_first_view_preference_saved_at_once_by_many_tablets(app, world, rounds):
    url = f"/jobs/{world['job_a']}/score/view"
    for _ in range(rounds):
        with app.app_context():
            db.session.execute(ScoringPref.__table__.delete())
            db.session.commit()
        statuses = _all_at_once(
            app,
            world["sam"],
            lambda client, n: client.post(url, data={"view": "one" if n % 2 else "all"}),
        )
        assert statuses == [302] * TABLETS
        assert _count(app, select(func.count()).select_from(ScoringPref)) == 1


def test_first_mark_saved_at_once_by_two_tablets(app, world):
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        qids = [questions.add_question(job, None, easy_read=f"Question {i}?").id for i in range(3)]
        db.session.commit()
    for qid in qids:
        url = f"/jobs/{world['job_a']}/questions/{qid}/mark"
        statuses = _all_at_once(
            app,
            world["sam"],
            lambda client, n, url=url: client.post(
                url, data={"mark": "keep" if n % 2 else "change"}
            ),
        )
        assert statuses == [302] * TABLETS
        marks = _count(
            app,
            select(func.count()).where(
                QuestionMark.question_id == qid, QuestionMark.member_id == world["member_sam"]
            ),
        )
        assert marks == 1
