"""Tablets sending scores as JSON: resends applied once, many tablets at once."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import AuditEvent, Score, ScoreSend, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job(candidates=[f"Candidate {i}" for i in range(4)])


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_resend_after_dropped_connection_is_applied_once(app, ids):
    sam = signed_in_client(app, ids["sam"])
    body = {
        "client_id": "c-1",
        "version": None,
        "answers": {"q1": 3, "q2": "dk"},
        "note": "They listened to me.",
        "submit": True,
    }
    first = sam.post(score_url(ids, 0, "/send"), json=body)
    assert first.status_code == 200 and first.json["result"] == "submitted"
    again = sam.post(score_url(ids, 0, "/send"), json=body)  # the answer was lost: resend
    assert again.status_code == 200 and again.json["result"] == "duplicate"
    assert again.json["version"] == first.json["version"]
    assert _count(app, Score) == 2 and _count(app, ScoreSend) == 1
    with app.app_context():
        n = db.session.scalar(select(func.count()).where(AuditEvent.action == "scores submitted"))
    assert n == 1


def test_drafts_then_submit_with_versions(app, ids):
    sam = signed_in_client(app, ids["sam"])
    url = score_url(ids, 0, "/send")
    r1 = sam.post(url, json={"client_id": "a", "answers": {"q1": 1}})
    assert r1.json["result"] == "saved" and r1.json["status"] == "draft"
    stale = sam.post(
        url, json={"client_id": "b", "version": r1.json["version"] - 1, "answers": {"q1": 2}}
    )
    assert stale.status_code == 409 and "Reload" in stale.json["errors"]["scores"]
    r2 = sam.post(
        url,
        json={
            "client_id": "c",
            "version": r1.json["version"],
            "answers": {"q1": 2, "q2": 3},
            "submit": True,
        },
    )
    assert r2.json["status"] == "submitted"
    twice = sam.post(url, json={"client_id": "d", "answers": {"q1": 1, "q2": 1}, "submit": True})
    assert twice.status_code == 409 and "already sent" in twice.json["errors"]["reason"]
    with app.app_context():
        assert sorted(s.value for s in db.session.scalars(select(Score))) == [2, 3]


@pytest.mark.parametrize(
    "body, status",
    [
        ({"answers": {"q1": 1}}, 400),  # no client id
        ({"client_id": "x", "answers": {"q1": 9}}, 400),
        ({"client_id": "x", "answers": {"q1": True}}, 400),
        ({"client_id": "x", "answers": {"hello": 1}}, 400),
        ({"client_id": "x", "answers": ["q1"]}, 400),
        ({"client_id": "x", "version": "one", "answers": {}}, 400),
        ({"client_id": "x" * 65, "answers": {"q1": 1}}, 400),
        ({"client_id": "x", "answers": {"q1": 1}, "note": 5}, 400),
        ({"client_id": "x", "answers": {"q1": 1}, "submit": True}, 400),  # q2 missing
    ],
)
def test_bad_json_gets_clear_4xx(app, ids, body, status):
    sam = signed_in_client(app, ids["sam"])
    response = sam.post(score_url(ids, 0, "/send"), json=body)
    assert response.status_code == status
    assert response.json["ok"] is False and response.json["errors"]
    assert _count(app, Score) == 0


def test_not_json_is_400(app, ids):
    sam = signed_in_client(app, ids["sam"])
    response = sam.post(score_url(ids, 0, "/send"), data="nonsense", content_type="text/plain")
    assert response.status_code == 400


def test_many_tablets_submitting_at_once(app, ids):
    """Three members x four candidates, all at once, each sent twice: no lost or doubled rows."""
    people = [ids["coord"], ids["sam"], ids["jo"]]
    errors: list[str] = []
    barrier = threading.Barrier(len(people) * 2)

    def tablet(user_id, copy):
        client = signed_in_client(app, user_id)
        barrier.wait()
        for cand in range(4):
            body = {
                "client_id": f"{user_id}-{cand}",
                "answers": {"q1": 2, "q2": "dk"},
                "submit": True,
            }
            response = client.post(score_url(ids, cand, "/send"), json=body)
            if response.status_code != 200:
                errors.append(f"{user_id} {cand} {copy}: {response.status_code} {response.json}")

    threads = [threading.Thread(target=tablet, args=(p, c)) for p in people for c in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert _count(app, ScoreSheet) == 12
    assert _count(app, Score) == 24
    assert _count(app, ScoreSend) == 12
    with app.app_context():
        statuses = set(db.session.scalars(select(ScoreSheet.status)))
        submitted = db.session.scalar(
            select(func.count()).where(AuditEvent.action == "scores submitted")
        )
        closed = db.session.scalar(
            select(func.count()).where(AuditEvent.action == "scoring closed")
        )
    assert statuses == {"submitted"} and submitted == 12 and closed == 1
