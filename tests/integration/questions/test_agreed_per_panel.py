"""A panel's questions and activities are agreed by that panel's members only (issue 14).

Job A of the ``world``: Alex (coordinator) and Sam on "Our panel", Jo on the managers'
panel. A member of the other panel neither marks nor counts, and does not see them.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import Job, Question, QuestionMark
from panels.questions import queries
from panels.questions.agreement import tally
from tests.conftest import signed_in_client
from tests.integration.panels_helpers import add_question, member_id, second_panel
from tests.integration.questions.test_questions_views import _form
from tests.pagecheck import check_page


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _draft(app, world, panel_id: int, key: str, words: str) -> int:
    qid = add_question(app, world["job_a"], panel_id, key, words)
    with app.app_context():
        db.session.get(Question, qid).status = "draft"
        db.session.commit()
    return qid


def _status(app, qid: int) -> str:
    with app.app_context():
        return db.session.get(Question, qid).status


def _mark(client, world, qid: int, mark: str = "keep"):
    return client.post(f"/jobs/{world['job_a']}/questions/{qid}/mark", data={"mark": mark})


def test_our_panels_question_is_agreed_by_our_panel_alone(app, world):
    ids = second_panel(app, world)
    ours = _draft(app, world, ids["ours"], "why", "Why do you want this job?")
    theirs = _draft(app, world, ids["managers"], "rota", "How do you plan a rota?")
    alex = signed_in_client(app, world["coordinator"])
    sam = signed_in_client(app, world["sam"])
    jo = signed_in_client(app, world["jo"])

    assert _mark(alex, world, ours).status_code == 302
    assert _status(app, ours) == "draft"  # Sam has not marked yet; Jo never counts
    page = alex.get(f"/jobs/{world['job_a']}/questions/{ours}").get_data(as_text=True)
    check_page(page)
    assert "Not marked yet: Sam Patel." in page and "Jo Williams" not in page
    assert _mark(sam, world, ours).status_code == 302
    assert _status(app, ours) == "agreed"

    # Jo (managers' panel) agrees the managers' question alone.
    assert _mark(jo, world, theirs).status_code == 302
    assert _status(app, theirs) == "agreed"


def test_a_member_of_another_panel_neither_marks_nor_sees_the_question(app, world):
    ids = second_panel(app, world)
    ours = _draft(app, world, ids["ours"], "why", "Why do you want this job?")
    theirs = _draft(app, world, ids["managers"], "rota", "How do you plan a rota?")
    jo = signed_in_client(app, world["jo"])

    # To Jo, our panel's question is not there at all (like another job's).
    assert _mark(jo, world, ours).status_code == 404
    for action in ("decide", "accept/1"):
        r = jo.post(
            f"/jobs/{world['job_a']}/questions/{ours}/{action}", data={"decision": "agreed"}
        )
        assert r.status_code == 404
    assert jo.get(f"/jobs/{world['job_a']}/questions/{ours}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(QuestionMark)) is None
    assert _status(app, ours) == "draft"

    listing = jo.get(f"/jobs/{world['job_a']}/questions").get_data(as_text=True)
    check_page(listing)
    assert "How do you plan a rota?" in listing and "Why do you want this job?" not in listing
    assert f"/questions/{theirs}" in listing

    # The coordinator sees every panel's questions; on another panel's, no marking.
    alex = signed_in_client(app, world["coordinator"])
    everything = alex.get(f"/jobs/{world['job_a']}/questions").get_data(as_text=True)
    assert "How do you plan a rota?" in everything and "Why do you want this job?" in everything
    other = alex.get(f"/jobs/{world['job_a']}/questions/{theirs}").get_data(as_text=True)
    check_page(other)
    assert "This is for Managers&#39; panel. Only its members mark it." in other
    assert 'id="my-mark"' not in other
    refused = _mark(alex, world, theirs)
    assert refused.status_code == 403
    html = refused.get_data(as_text=True)
    check_page(html)
    assert "This question is for another panel of the job" in html
    with app.app_context():
        assert db.session.scalar(select(QuestionMark)) is None


def test_the_counts_are_per_panel(app, world):
    ids = second_panel(app, world)
    ours = _draft(app, world, ids["ours"], "why", "Why do you want this job?")
    sam = signed_in_client(app, world["sam"])
    _mark(sam, world, ours, "change")
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        question = db.session.get(Question, ours)
        marks = {m.member_id: m.mark for m in question.marks}
        # Two on our panel (Alex and Sam): one "change", one waiting; Jo is not counted.
        assert tally(marks, queries.panel_member_ids(question)) == {
            "keep": 0,
            "change": 1,
            "remove": 0,
            "waiting": 1,
        }
        assert queries.member_ids_by_panel(job)[ids["managers"]] == [member_id(app, world, "jo")]
    page = sam.get(f"/jobs/{world['job_a']}/questions").get_data(as_text=True)
    assert "Keep 0, change 1, take out 0, not marked yet 1" in page


def test_moving_a_question_to_another_panel_asks_that_panel(app, world):
    ids = second_panel(app, world)
    ours = _draft(app, world, ids["ours"], "why", "Why do you want this job?")
    for who in ("coordinator", "sam"):
        _mark(signed_in_client(app, world[who]), world, ours)
    assert _status(app, ours) == "agreed"
    alex = signed_in_client(app, world["coordinator"])
    moved = alex.post(
        f"/jobs/{world['job_a']}/questions/{ours}/edit",
        data=_form(easy_read="Why do you want this job?", panel=str(ids["managers"])),
    )
    assert moved.status_code == 302
    assert _status(app, ours) == "draft"  # the managers' panel has not agreed it
    _mark(signed_in_client(app, world["jo"]), world, ours)
    assert _status(app, ours) == "agreed"


def test_with_one_panel_everyone_on_the_job_agrees(app, world):
    qid = _draft(app, world, _only_panel(app, world), "why", "Why do you want this job?")
    for who in ("coordinator", "sam"):
        _mark(signed_in_client(app, world[who]), world, qid)
    assert _status(app, qid) == "draft"  # Jo is on the same (only) panel
    _mark(signed_in_client(app, world["jo"]), world, qid)
    assert _status(app, qid) == "agreed"


def _only_panel(app, world) -> int:
    with app.app_context():
        return db.session.get(Job, world["job_a"]).panels[0].id
