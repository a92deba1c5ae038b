"""Activities as well as questions, and each panel's own list (issue 14)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import Panel, Question, Score, ScoreSheet
from tests.conftest import signed_in_client
from tests.integration.panels_helpers import add_question, member_id, second_panel
from tests.integration.questions.test_questions_views import _form
from tests.pagecheck import check_error_page, check_page

TEA = {
    "kind": "activity",
    "easy_read": "Make a cup of tea with Sam.",
    "look_for": "They asked Sam first\n\n  They were safe with the kettle  \n",
    "answer_minutes": "10",
}


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def test_a_member_writes_an_activity_with_things_to_look_for(app, world):
    client = signed_in_client(app, world["jo"])
    new = client.get(f"/jobs/{world['job_a']}/questions/new").get_data(as_text=True)
    assert "An activity" in new and 'name="look_for"' in new and 'name="panel"' not in new
    response = client.post(f"/jobs/{world['job_a']}/questions/new", data=_form(**TEA))
    assert response.status_code == 302
    with app.app_context():
        tea = db.session.scalar(select(Question))
        assert tea.kind == "activity" and tea.answer_minutes == 10
        assert tea.look_for == "They asked Sam first\nThey were safe with the kettle"
        assert tea.panel_id == db.session.scalar(
            select(Panel.id).where(Panel.job_id == world["job_a"])
        )
    page = client.get(response.location).get_data(as_text=True)
    check_page(page)
    assert "Activity: Make a cup of tea" in page and "They were safe with the kettle" in page
    listing = client.get(f"/jobs/{world['job_a']}/questions").get_data(as_text=True)
    assert "Activity 1" in listing and "Things to look for" in listing


def test_an_activity_with_nothing_to_look_for_is_refused(app, world):
    client = signed_in_client(app, world["jo"])
    for look_for in ("", "   \n  \n"):
        response = client.post(
            f"/jobs/{world['job_a']}/questions/new", data=_form(**{**TEA, "look_for": look_for})
        )
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        check_error_page(html, "look_for", "Write at least one thing to look for")
        assert "The activity, in easy-read" in html
        assert "Make a cup of tea with Sam." in html  # what was typed is kept
    many = "\n".join(f"Point {i}" for i in range(11))
    response = client.post(
        f"/jobs/{world['job_a']}/questions/new", data=_form(**{**TEA, "look_for": many})
    )
    check_error_page(response.get_data(as_text=True), "look_for", "at most 10 things")
    bad_kind = client.post(f"/jobs/{world['job_a']}/questions/new", data=_form(kind="game"))
    assert bad_kind.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Question)) is None


def test_with_two_panels_a_question_goes_on_the_chosen_panel(app, world):
    ids = second_panel(app, world)
    client = signed_in_client(app, world["jo"])
    new = client.get(f"/jobs/{world['job_a']}/questions/new?panel={ids['managers']}")
    html = new.get_data(as_text=True)
    assert 'name="panel"' in html
    assert f'<option selected value="{ids["managers"]}">' in html
    response = client.post(
        f"/jobs/{world['job_a']}/questions/new", data=_form(panel=str(ids["managers"]))
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Question.panel_id)) == ids["managers"]
    listing = client.get(f"/jobs/{world['job_a']}/questions").get_data(as_text=True)
    assert "Managers&#39; panel" in listing


def test_a_panel_of_another_job_is_refused_for_a_question(app, world):
    second_panel(app, world)
    with app.app_context():
        other = db.session.scalar(select(Panel.id).where(Panel.job_id == world["job_b"]))
    client = signed_in_client(app, world["jo"])
    response = client.post(f"/jobs/{world['job_a']}/questions/new", data=_form(panel=str(other)))
    assert response.status_code == 400
    check_error_page(
        response.get_data(as_text=True), "panel", "Choose one of this job&#39;s panels"
    )
    with app.app_context():
        assert db.session.scalar(select(Question)) is None


def test_a_scored_question_stays_on_its_panel(app, world):
    ids = second_panel(app, world)
    qid = add_question(app, world["job_a"], ids["ours"], "q1", "Why do you want this job?")
    with app.app_context():
        sheet = ScoreSheet(
            job_id=world["job_a"],
            candidate_id=world["cand_a"],
            member_id=member_id(app, world, "sam"),
        )
        sheet.scores.append(Score(question_id=qid, value=2, dont_know=False))
        db.session.add(sheet)
        db.session.commit()
    client = signed_in_client(app, world["coordinator"])  # on our panel, and may move it
    url = f"/jobs/{world['job_a']}/questions/{qid}/edit"
    response = client.post(url, data=_form(panel=str(ids["managers"])))
    assert response.status_code == 409
    check_error_page(response.get_data(as_text=True), "panel", "stays on its panel")
    with app.app_context():
        assert db.session.get(Question, qid).panel_id == ids["ours"]
        assert db.session.scalar(select(Score.value)) == 2
    same = client.post(url, data=_form(panel=str(ids["ours"]), follow_up="Tell us more."))
    assert same.status_code == 302


def test_a_member_of_another_panel_cannot_open_edit_order_or_picture_a_question(app, world):
    """Each panel's members write, order and agree their own questions: Jo (managers'
    panel) gets 404 on ours, nothing changes, and her new questions go on her own panel."""
    ids = second_panel(app, world)
    qid = add_question(app, world["job_a"], ids["ours"], "q1", "Why do you want this job?")
    jo = signed_in_client(app, world["jo"])
    base = f"/jobs/{world['job_a']}/questions/{qid}"
    assert jo.get(f"{base}/edit").status_code == 404
    assert jo.post(f"{base}/edit", data=_form(easy_read="Jo's words?")).status_code == 404
    assert jo.post(f"{base}/move", data={"direction": "up"}).status_code == 404
    assert jo.get(f"{base}/picture").status_code == 404
    with app.app_context():
        assert db.session.get(Question, qid).easy_read == "Why do you want this job?"
    new = f"/jobs/{world['job_a']}/questions/new"
    refused = jo.post(
        new, data=_form(easy_read="What makes a good manager?", panel=str(ids["ours"]))
    )
    assert refused.status_code == 400
    check_error_page(
        refused.get_data(as_text=True), "panel", "You can add questions to your own panel only"
    )
    with app.app_context():
        assert db.session.scalars(select(Question)).all() == [db.session.get(Question, qid)]
    made = jo.post(
        new, data=_form(easy_read="What makes a good manager?", panel=str(ids["managers"]))
    )
    assert made.status_code == 302
    # The coordinator (on our panel) may put a question on any panel.
    coordinator = signed_in_client(app, world["coordinator"])
    assert (
        coordinator.post(
            new, data=_form(easy_read="Why care?", panel=str(ids["managers"]))
        ).status_code
        == 302
    )
    with app.app_context():
        panels = dict(db.session.execute(select(Question.easy_read, Question.panel_id)).all())
    assert panels["What makes a good manager?"] == ids["managers"]
    assert panels["Why care?"] == ids["managers"]


def test_the_job_pages_questions_box_counts_a_members_own_panel(app, world):
    ids = second_panel(app, world)
    add_question(app, world["job_a"], ids["ours"], "q1", "Why do you want this job?")
    add_question(app, world["job_a"], ids["ours"], "q2", "What do you like doing?")
    add_question(app, world["job_a"], ids["managers"], "m1", "What makes a good manager?")
    jo = signed_in_client(app, world["jo"]).get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "1 question: 1 agreed, 0 to agree." in jo
    sam = signed_in_client(app, world["sam"]).get(f"/jobs/{world['job_a']}").get_data(as_text=True)
    assert "2 questions: 2 agreed, 0 to agree." in sam
    coordinator = signed_in_client(app, world["coordinator"])
    assert "3 questions: 3 agreed" in coordinator.get(f"/jobs/{world['job_a']}").get_data(
        as_text=True
    )


def test_the_asker_sits_on_the_questions_panel(app, world):
    ids = second_panel(app, world)
    jo_member = member_id(app, world, "jo")  # on the managers' panel
    sam_member = member_id(app, world, "sam")  # on ours
    coordinator = signed_in_client(app, world["coordinator"])
    new = f"/jobs/{world['job_a']}/questions/new"
    page = coordinator.get(new).get_data(as_text=True)
    assert "(Managers&#39; panel)</option>" in page and "(Our panel)</option>" in page
    refused = coordinator.post(
        new, data=_form(easy_read="Why care?", panel=str(ids["ours"]), asker=str(jo_member))
    )
    assert refused.status_code == 400
    check_error_page(
        refused.get_data(as_text=True), "asker", "is on another panel. Choose someone on Our panel"
    )
    with app.app_context():
        assert db.session.scalar(select(Question)) is None
    made = coordinator.post(
        new, data=_form(easy_read="Why care?", panel=str(ids["ours"]), asker=str(sam_member))
    )
    assert made.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Question.asker_id)) == sam_member
