"""The tablet's everyday save (a draft already started, panels/scoring/quicksave.py) keeps
every rule of the full save: refused after sending, when closed, after seeing others'
scores, on a stale version, off the scale; a resend is answered, never applied twice."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Score, ScoreSend, ScoreSheet, ScoringState
from panels.models.scoring import ScoreView
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.integration.statements import statements


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job(candidates=["Ruth", "Amir"])


def _send(client, ids, body, cand=0):
    return client.post(score_url(ids, cand, "/send"), json=body)


def _started(client, ids, cand=0) -> int:
    """Sam's sheet started with one answer; its version."""
    first = _send(
        client, ids, {"client_id": f"start{cand}", "version": 0, "answers": {"q1": 1}}, cand
    )
    assert first.status_code == 200 and first.json["result"] == "saved"
    return first.json["version"]


def _sheet(app):
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        return {
            "version": sheet.version,
            "status": sheet.status,
            "note": sheet.note,
            "values": sorted((s.question_id, s.value, s.dont_know) for s in sheet.scores),
            "sends": sorted(db.session.scalars(select(ScoreSend.client_id))),
        }


def test_a_later_save_writes_the_changed_answers_in_five_statements(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    with statements(app) as seen:
        saved = _send(
            sam,
            ids,
            {
                "client_id": "b",
                "version": version,
                "answers": {"q1": 1, "q2": "dk"},
                "note": "Kind",
            },
        )
    assert saved.status_code == 200, saved.json
    assert saved.json == {
        "ok": True,
        "result": "saved",
        "version": version + 1,
        "status": "draft",
        "next": score_url(ids),
    }
    assert len(seen) <= 5, seen
    after = _sheet(app)
    assert [(v, dk) for _q, v, dk in after["values"]] == [(1, False), (None, True)]
    assert after["note"] == "Kind" and after["sends"] == ["b", "start0"]
    assert after["version"] == version + 1


def test_a_resend_of_a_later_save_is_answered_and_not_applied_again(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    body = {"client_id": "b", "version": version, "answers": {"q1": 2}}
    assert _send(sam, ids, body).json["version"] == version + 1
    again = _send(sam, ids, body)
    assert again.status_code == 200
    assert again.json["result"] == "duplicate" and again.json["version"] == version + 1
    assert _sheet(app)["version"] == version + 1 and _sheet(app)["sends"] == ["b", "start0"]


def test_a_stale_later_save_is_a_conflict_and_writes_nothing(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    assert (
        _send(sam, ids, {"client_id": "b", "version": version, "answers": {"q1": 2}}).status_code
        == 200
    )
    before = _sheet(app)
    stale = _send(sam, ids, {"client_id": "c", "version": version, "answers": {"q1": 3}})
    assert stale.status_code == 409 and stale.json["conflict"] is True
    assert stale.json["version"] == version + 1
    assert stale.json["saved"]["answers"] == {"q1": 2}
    assert _sheet(app) == before


def test_a_draft_save_after_sending_is_refused(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    sent = _send(
        sam,
        ids,
        {"client_id": "s", "version": version, "answers": {"q1": 1, "q2": 2}, "submit": True},
    )
    assert sent.status_code == 200 and sent.json["status"] == "submitted"
    before = _sheet(app)
    late = _send(
        sam, ids, {"client_id": "x", "version": sent.json["version"], "answers": {"q1": 3}}
    )
    assert late.status_code == 409 and "reason" in late.json["errors"]
    assert _sheet(app) == before


def test_a_later_save_when_scoring_is_closed_is_refused(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    with app.app_context():
        db.session.add(ScoringState(job_id=ids["job"], closed=True, close_reason="test"))
        db.session.commit()
    before = _sheet(app)
    late = _send(sam, ids, {"client_id": "x", "version": version, "answers": {"q1": 3}})
    assert late.status_code == 409 and "closed" in late.json["errors"]["scores"]
    assert _sheet(app) == before


def test_a_later_save_after_seeing_others_scores_is_refused(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    with app.app_context():
        db.session.add(
            ScoreView(user_id=ids["sam"], job_id=ids["job"], candidate_id=None, what="test")
        )
        db.session.commit()
    before = _sheet(app)
    late = _send(sam, ids, {"client_id": "x", "version": version, "answers": {"q1": 3}})
    assert late.status_code == 403
    assert _sheet(app) == before


@pytest.mark.parametrize("answer", [9, 0, "two", 1.5, True])
def test_a_later_save_off_the_scale_is_refused_with_plain_words(app, ids, answer):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    before = _sheet(app)
    bad = _send(sam, ids, {"client_id": "x", "version": version, "answers": {"q2": answer}})
    assert bad.status_code == 400 and bad.json["errors"]["q-q2"]
    assert _sheet(app) == before


def test_another_members_sheet_or_job_is_not_reached(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    jo = signed_in_client(app, ids["jo"])
    # Jo has no sheet: her "later" save on Sam's version is a conflict on her own sheet.
    theirs = _send(jo, ids, {"client_id": "j", "version": version, "answers": {"q1": 3}})
    assert theirs.status_code == 409 and theirs.json["saved"]["answers"] == {}
    hr = signed_in_client(app, ids["hr"])
    assert _send(hr, ids, {"client_id": "h", "version": version, "answers": {}}).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScoreSheet)) == 1
        assert [s.value for s in db.session.scalars(select(Score))] == [1]


def _together(app, user_ids, url, bodies):
    clients = [signed_in_client(app, u) for u in user_ids]
    barrier = threading.Barrier(len(bodies))
    out: list = [None] * len(bodies)

    def run(i):
        barrier.wait()
        response = clients[i].post(url(i), json=bodies[i])
        out[i] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


@pytest.mark.concurrency
def test_the_same_later_save_sent_twice_at_once_is_applied_once(app, ids):
    sam = signed_in_client(app, ids["sam"])
    version = _started(sam, ids)
    body = {"client_id": "twice", "version": version, "answers": {"q1": 3, "q2": 2}}
    results = _together(app, [ids["sam"]] * 2, lambda _i: score_url(ids, 0, "/send"), [body] * 2)
    assert [status for status, _ in results] == [200, 200], results
    assert sorted(r["result"] for _, r in results) == ["duplicate", "saved"]
    assert {r["version"] for _, r in results} == {version + 1}
    after = _sheet(app)
    assert after["version"] == version + 1 and after["sends"] == ["start0", "twice"]
    assert [v for _q, v, _dk in after["values"]] == [3, 2]


@pytest.mark.concurrency
def test_many_members_saving_at_once_are_all_saved(app, ids):
    """Saves arriving together share commits (SQLite); each is checked on its own."""
    people = [ids["sam"], ids["jo"], ids["coord"]]
    versions = [_started(signed_in_client(app, p), ids, 1) for p in people]
    for round_no in range(3):
        bodies = [
            {"client_id": f"r{round_no}-{n}", "version": v, "answers": {"q2": 1 + round_no}}
            for n, v in enumerate(versions)
        ]
        results = _together(app, people, lambda _i: score_url(ids, 1, "/send"), bodies)
        assert [status for status, _ in results] == [200, 200, 200], results
        assert all(r["result"] == "saved" for _, r in results)
        versions = [r["version"] for _, r in results]
    assert versions == [4, 4, 4]
    with app.app_context():
        values = db.session.scalars(select(Score.value).where(Score.question_id.is_not(None)))
        assert sorted(values) == [1, 1, 1, 3, 3, 3]
