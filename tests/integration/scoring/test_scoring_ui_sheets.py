"""Scoring: independence, submit and lock, amend, on behalf, bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, Score, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def ids(app):
    with app.app_context():
        return scoring_job()


def _submit(client, ids, cand=0, note="", **answers):
    data = {"action": "submit", "note": note, **{f"q-{k}": v for k, v in answers.items()}}
    return client.post(score_url(ids, cand), data=data)


def _sheets(app):
    with app.app_context():
        return list(db.session.scalars(select(ScoreSheet)))


def test_score_screen_shows_own_scale_and_dont_know(app, ids):
    sam = signed_in_client(app, ids["sam"])
    html = sam.get(score_url(ids, 0) + "?view=all").get_data(as_text=True)
    check_page(html)
    assert "Your scores for Ruth" in html
    assert "I don&#39;t know" in html or "I don't know" in html
    assert 'value="3"' in html and 'value="5"' not in html  # faces3, not points5
    assert "Question 1?" in html and "Hello?" not in html and "Gone?" not in html
    assert "They listened to me." in html and "data-listen" in html
    alex = signed_in_client(app, ids["coord"])
    assert 'value="5"' in alex.get(score_url(ids, 0)).get_data(as_text=True)


def test_one_question_at_a_time_preference(app, ids):
    sam = signed_in_client(app, ids["sam"])
    html = sam.get(score_url(ids)).get_data(as_text=True)
    assert 'data-step="2" hidden' in html  # one at a time by default
    sam.post(
        f"/jobs/{ids['job']}/score/view", data={"view": "all", "candidate_id": ids["cands"][0]}
    )
    html = sam.get(score_url(ids)).get_data(as_text=True)
    assert 'data-step="2" hidden' not in html
    response = sam.post(score_url(ids), data={"q-q1": "2", "action": "next"})
    assert response.status_code == 302 and "step=2" in response.location


def test_nobody_sees_scores_before_sending_their_own(app, ids):
    sam, jo = signed_in_client(app, ids["sam"]), signed_in_client(app, ids["jo"])
    alex, hr = signed_in_client(app, ids["coord"]), signed_in_client(app, ids["hr"])
    assert _submit(sam, ids, q1="3", q2="1", note="x").status_code == 302
    panel = score_url(ids, 0, "/panel")
    assert jo.get(panel).status_code == 403
    assert alex.get(panel).status_code == 403  # coordinator on the panel, not sent yet
    assert hr.get(panel).status_code == 403  # coordinator off the panel, scoring open
    for who in (alex, hr):
        results = who.get(f"/jobs/{ids['job']}/results")
        assert results.status_code == 302 and "status" in results.location
        status = who.get(f"/jobs/{ids['job']}/results/status").get_data(as_text=True)
        assert "Sent" in status and "Good" not in status
        audit = who.get(f"/jobs/{ids['job']}/audit").get_data(as_text=True)
        assert "scores submitted" in audit and "hidden until scoring closes" in audit
        assert "'q1': 3" not in audit
    assert jo.get(score_url(ids, 0)).get_data(as_text=True).count("Good") >= 1  # own form only
    assert "Sam Patel" not in jo.get(score_url(ids, 0)).get_data(as_text=True)
    # Jo sends: now Jo sees Sam's scores and note.
    assert _submit(jo, ids, q1="1", q2="dk").status_code == 302
    html = jo.get(panel).get_data(as_text=True)
    check_page(html)
    assert "Sam Patel" in html and "Good" in html
    assert alex.get(panel).status_code == 403
    # Jo still cannot see candidate 2, which Jo has not scored.
    assert jo.get(score_url(ids, 1, "/panel")).status_code == 403


def test_outsider_and_other_jobs_get_404(app, ids, world):
    outsider = signed_in_client(app, world["outsider"])
    assert outsider.get(score_url(ids)).status_code == 404
    assert outsider.post(score_url(ids, 0, "/send"), json={"client_id": "x"}).status_code == 404
    hr = signed_in_client(app, ids["hr"])
    assert hr.get(score_url(ids)).status_code == 404  # not on the panel: no score sheet
    sam = signed_in_client(app, ids["sam"])
    assert sam.get(f"/jobs/{ids['job']}/score/{world['cand_b']}").status_code == 404
    assert sam.get(f"/jobs/{ids['job']}/results/status").status_code == 403


def test_submit_locks_and_submit_twice_is_refused(app, ids):
    sam = signed_in_client(app, ids["sam"])
    assert _submit(sam, ids, q1="3", q2="2").status_code == 302
    html = sam.get(score_url(ids)).get_data(as_text=True)
    check_page(html)
    assert "are sent" in html and "Change my scores" in html
    again = _submit(sam, ids, q1="1", q2="1")
    assert again.status_code == 409
    assert "already sent" in again.get_data(as_text=True)
    with app.app_context():
        values = sorted(s.value for s in db.session.scalars(select(Score)))
    assert values == [2, 3]


def test_amend_needs_a_reason_and_is_kept(app, ids):
    sam = signed_in_client(app, ids["sam"])
    _submit(sam, ids, q1="3", q2="2")
    url = score_url(ids, 0, "/change")
    bad = sam.post(url, data={"q-q1": "1", "q-q2": "2", "action": "submit", "reason": " "})
    assert bad.status_code == 400
    check_error_page(bad.get_data(as_text=True), "reason", "say why")
    ok = sam.post(url, data={"q-q1": "1", "q-q2": "2", "action": "submit", "reason": "Misheard"})
    assert ok.status_code == 302
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        assert sheet.amended and sheet.status == "submitted"
        assert sorted(s.value for s in sheet.scores) == [1, 2]
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "scores amended"))
        assert event.reason == "Misheard" and event.detail["before"]["q1"] == 3
        assert event.detail["after"]["q1"] == 1


def test_submit_needs_every_question_answered(app, ids):
    sam = signed_in_client(app, ids["sam"])
    response = sam.post(score_url(ids) + "?view=all", data={"q-q1": "3", "action": "submit"})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "q-q2", "I don&#39;t know")
    assert _sheets(app)[0].status == "draft"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"q-q1": "5", "q-q2": "1"}, "q-q1"),  # not on faces3
        ({"q-q1": "-1", "q-q2": "1"}, "q-q1"),
        ({"q-q1": "two", "q-q2": "1"}, "q-q1"),
        ({"q-q1": "1", "q-q2": "1", "q-hello": "1"}, "q-hello"),  # not scored
        ({"q-q1": "1", "q-q2": "1", "q-gone": "1"}, "q-gone"),  # removed
    ],
)
def test_bad_scores_are_refused_clearly(app, ids, data, field):
    sam = signed_in_client(app, ids["sam"])
    response = sam.post(score_url(ids) + "?view=all", data={**data, "action": "submit"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'href="#{field}"' in html
    with app.app_context():
        assert db.session.scalar(select(Score)) is None


def test_on_behalf_records_both_people(app, ids):
    alex, hr = signed_in_client(app, ids["coord"]), signed_in_client(app, ids["hr"])
    member = ids["members"]["m2"]
    url = f"/jobs/{ids['job']}/score/{ids['cands'][0]}/for/{member}"
    # Alex is on the panel and has not sent his own: he must send first.
    assert alex.get(url).status_code == 302
    page = hr.get(url)
    check_page(page.get_data(as_text=True))
    assert "paper sheet" in page.get_data(as_text=True)
    response = hr.post(url, data={"q-q1": "3", "q-q2": "dk", "note": "From paper"})
    assert response.status_code == 302
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet))
        assert sheet.status == "submitted" and sheet.entered_by_id == ids["hr"]
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "scores entered on behalf")
        )
        assert event.actor_id == ids["hr"] and event.on_behalf_of_id == ids["sam"]
    # Sam can now see the panel view for Ruth; it is Sam's sheet.
    sam = signed_in_client(app, ids["sam"])
    assert sam.get(score_url(ids, 0, "/panel")).status_code == 200
    # A member cannot use the on-behalf page.
    assert sam.get(url).status_code == 404


def test_no_js_double_post_is_applied_once(app, ids):
    sam = signed_in_client(app, ids["sam"])
    data = {"q-q1": "3", "q-q2": "2", "action": "submit", "client_id": "abc123"}
    assert sam.post(score_url(ids), data=data).status_code == 302
    second = sam.post(score_url(ids), data=data)
    assert second.status_code == 302  # already sent: shown the locked sheet, nothing doubled
    with app.app_context():
        assert len(list(db.session.scalars(select(Score)))) == 2
        submitted = select(AuditEvent).where(AuditEvent.action == "scores submitted")
        assert len(list(db.session.scalars(submitted))) == 1
