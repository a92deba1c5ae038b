"""Two panels and an activity, from score sheets to results (issue 14).

Our panel: Alex (1 to 5) and Sam (3 faces) score question 1 and an activity, making a cup
of tea with Sam. Managers' panel: Jo (3 faces) scores question 2. Each member scores only
their own panel's questions and activities, on their own scale, with the same sheets.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import Job, Panel, PanelMember, Question, Score, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.scoring_helpers import score_url, scoring_job
from tests.pagecheck import check_error_page, check_page


@pytest.fixture
def ids(app):
    with app.app_context():
        ids = scoring_job()
        job = db.session.get(Job, ids["job"])
        managers = Panel(job=job, name="Managers' panel", room="Room 2", position=1)
        db.session.add(managers)
        db.session.flush()
        jo = db.session.scalar(select(PanelMember).where(PanelMember.user_id == ids["jo"]))
        jo.panel = managers
        q2 = db.session.scalar(
            select(Question).where(Question.job_id == job.id, Question.key == "q2")
        )
        q2.panel = managers
        db.session.add(
            Question(
                job_id=job.id,
                panel_id=job.panels[0].id,
                key="tea",
                kind="activity",
                easy_read="Make a cup of tea with Sam.",
                look_for="They asked Sam first\nThey were safe with the kettle",
                status="agreed",
                position=3,
            )
        )
        db.session.commit()
        ids["managers"] = managers.id
    return ids


def _send(app, user_id, ids, answers, cand=0):
    client = signed_in_client(app, user_id)
    body = {"client_id": f"{user_id}-{cand}", "answers": answers, "submit": True}
    return client.post(score_url(ids, cand, "/send"), json=body)


def test_each_member_sees_only_their_panels_questions_and_activities(app, ids):
    sam = signed_in_client(app, ids["sam"]).get(score_url(ids) + "?step=2")
    html = sam.get_data(as_text=True)
    check_page(html)
    assert "Question 1 of 2" in html and "Activity 2 of 2" in html
    assert "Make a cup of tea with Sam." in html and "They asked Sam first" in html
    assert "Things to look for" in html and "Question 2?" not in html
    jo = signed_in_client(app, ids["jo"]).get(score_url(ids)).get_data(as_text=True)
    assert "Question 1 of 1" in jo and "Question 2?" in jo and "cup of tea" not in jo


def test_a_member_cannot_score_another_panels_question(app, ids):
    response = _send(app, ids["sam"], ids, {"q1": 3, "tea": 2, "q2": 3})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Score.id)) is None
        assert db.session.scalar(select(ScoreSheet.status)) in (None, "draft")


def test_an_activity_is_scored_like_a_question_with_i_dont_know(app, ids):
    assert _send(app, ids["sam"], ids, {"q1": 3, "tea": "dk"}).status_code == 200
    with app.app_context():
        sheet = db.session.scalar(select(ScoreSheet).where(ScoreSheet.status == "submitted"))
        got = {s.question_id: (s.value, s.dont_know) for s in sheet.scores}
        tea = db.session.scalar(select(Question.id).where(Question.key == "tea"))
        assert got[tea] == (None, True)


def _close(app, ids):
    hr = signed_in_client(app, ids["hr"])
    url = f"/jobs/{ids['job']}/results/status"
    assert hr.post(url, data={"action": "close", "reason": "Done"}).status_code == 302
    return hr


def test_results_show_each_panel_side_by_side_and_weigh_them_as_chosen(app, ids):
    assert _send(app, ids["sam"], ids, {"q1": 3, "tea": "dk"}).status_code == 200  # 100
    assert _send(app, ids["coord"], ids, {"q1": 5, "tea": 1}).status_code == 200  # 50
    assert _send(app, ids["jo"], ids, {"q2": 3}).status_code == 200  # 100
    hr = _close(app, ids)
    url = f"/jobs/{ids['job']}/results"
    html = hr.get(url).get_data(as_text=True)
    check_page(html)
    assert "Our panel" in html and "Managers&#39; panel" in html
    assert "<strong>83.3</strong>" in html  # (100 + 50 + 100) / 3
    assert '<td class="panel-col">75.0</td>' in html and '<td class="panel-col">100.0</td>' in html
    assert "How the scores are weighed" in html
    # Every panel counts the same: (75 + 100) / 2.
    assert hr.post(url, data={"action": "weighting", "weighting": "panels"}).status_code == 302
    html = hr.get(url).get_data(as_text=True)
    assert "<strong>87.5</strong>" in html and "Every panel counts the same." in html
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        assert job.panel_parity and not job.group_parity
    assert hr.post(url, data={"action": "weighting", "weighting": "groups"}).status_code == 302
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        assert job.group_parity and not job.panel_parity


def test_a_weighting_not_offered_is_refused_and_nothing_changes(app, ids):
    hr = _close(app, ids)
    url = f"/jobs/{ids['job']}/results"
    for bad in ("", "everyone", "x" * 5000):
        response = hr.post(url, data={"action": "weighting", "weighting": bad})
        assert response.status_code == 400, bad
        check_error_page(response.get_data(as_text=True), "weighting", "Choose how the scores")
    # Text no database can hold is refused before the page (panels.common.inputs).
    assert hr.post(url, data={"action": "weighting", "weighting": "panels\x00"}).status_code == 400
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        assert not job.panel_parity and not job.group_parity


def test_with_one_panel_the_results_page_is_as_before(app):
    with app.app_context():
        ids = scoring_job(ref="JOB-ONE")
    assert _send(app, ids["sam"], ids, {"q1": 3, "q2": 3}).status_code == 200
    hr = _close(app, ids)
    html = hr.get(f"/jobs/{ids['job']}/results").get_data(as_text=True)
    assert "How the scores are weighed" not in html and "panel-col" not in html
    assert "Turn group parity on" in html
