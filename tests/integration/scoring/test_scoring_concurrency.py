"""Two tablets saving the same sheet at the same moment (issue 9, finding A).

Each round starts two threads behind a barrier. Whatever the timing, the database keeps
one sheet, one tablet is told it saved and the other gets a clean conflict (or, for the
same change sent twice, a duplicate): never an error page, never both applied.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Score, ScoreSend, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job

pytestmark = pytest.mark.concurrency
ROUNDS = 6


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job(candidates=[f"Candidate {i}" for i in range(ROUNDS)])


def _together(app, user_id, url, bodies):
    """Post each body from its own tablet, all at once; return (status, json) in order."""
    clients = [signed_in_client(app, user_id) for _ in bodies]
    barrier = threading.Barrier(len(bodies))
    out: list = [None] * len(bodies)

    def run(i):
        barrier.wait()
        response = clients[i].post(url, json=bodies[i])
        out[i] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _sheet(app, ids, cand):
    with app.app_context():
        sheet = db.session.scalar(
            select(ScoreSheet).where(ScoreSheet.candidate_id == ids["cands"][cand])
        )
        if sheet is None:
            return None
        return {
            "version": sheet.version,
            "values": sorted((s.value for s in sheet.scores), key=lambda v: (v is None, v or 0)),
            "sends": db.session.scalar(select(func.count()).where(ScoreSend.sheet_id == sheet.id)),
        }


def test_two_first_saves_at_once_give_one_sheet_and_a_conflict(app, ids):
    for cand in range(ROUNDS):
        bodies = [
            {"client_id": f"a{cand}", "version": 0, "answers": {"q1": 1, "q2": 1}},
            {"client_id": f"b{cand}", "version": 0, "answers": {"q1": 3, "q2": 3}},
        ]
        results = _together(app, ids["sam"], score_url(ids, cand, "/send"), bodies)
        codes = sorted(code for code, _ in results)
        assert codes == [200, 409], results
        winner = next(i for i, (code, _) in enumerate(results) if code == 200)
        loser = results[1 - winner][1]
        assert loser["conflict"] is True and loser["version"] == 1
        expected = [bodies[winner]["answers"]["q1"]] * 2
        assert loser["saved"]["answers"] == bodies[winner]["answers"]
        assert _sheet(app, ids, cand) == {"version": 1, "values": expected, "sends": 1}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScoreSheet)) == ROUNDS


def test_the_same_first_save_sent_twice_at_once_is_applied_once(app, ids):
    for cand in range(ROUNDS):
        body = {"client_id": f"same{cand}", "version": 0, "answers": {"q1": 2, "q2": "dk"}}
        results = _together(app, ids["sam"], score_url(ids, cand, "/send"), [body, dict(body)])
        assert [code for code, _ in results] == [200, 200], results
        assert sorted(r["result"] for _, r in results) == ["duplicate", "saved"]
        assert {r["version"] for _, r in results} == {1}
        assert _sheet(app, ids, cand) == {"version": 1, "values": [2, None], "sends": 1}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Score)) == 2 * ROUNDS


def test_two_saves_on_the_same_version_at_once_give_one_change_and_a_conflict(app, ids):
    for cand in range(ROUNDS):
        url = score_url(ids, cand, "/send")
        first = signed_in_client(app, ids["jo"]).post(
            url, json={"client_id": f"s{cand}", "version": 0, "answers": {"q1": 2}}
        )
        assert first.status_code == 200 and first.json["version"] == 1
        bodies = [
            {"client_id": f"x{cand}", "version": 1, "answers": {"q1": 1, "q2": 1}},
            {"client_id": f"y{cand}", "version": 1, "answers": {"q1": 3, "q2": 3}},
        ]
        results = _together(app, ids["jo"], url, bodies)
        assert sorted(code for code, _ in results) == [200, 409], results
        winner = next(i for i, (code, _) in enumerate(results) if code == 200)
        assert results[winner][1]["version"] == 2
        assert results[1 - winner][1]["saved"]["answers"] == bodies[winner]["answers"]
        value = bodies[winner]["answers"]["q1"]
        assert _sheet(app, ids, cand) == {"version": 2, "values": [value, value], "sends": 2}


def test_two_sends_at_once_from_two_tablets_submit_once(app, ids):
    """Both tablets press Send on the same version: one is sent, one is told why not."""
    for cand in range(ROUNDS):
        bodies = [
            {"client_id": f"p{cand}", "version": 0, "answers": {"q1": 1, "q2": 2}, "submit": True},
            {"client_id": f"q{cand}", "version": 0, "answers": {"q1": 3, "q2": 3}, "submit": True},
        ]
        results = _together(app, ids["coord"], score_url(ids, cand, "/send"), bodies)
        assert sorted(code for code, _ in results) == [200, 409], results
        with app.app_context():
            sheet = db.session.scalar(
                select(ScoreSheet).where(ScoreSheet.candidate_id == ids["cands"][cand])
            )
            assert sheet.status == "submitted" and len(sheet.scores) == 2
