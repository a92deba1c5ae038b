"""Each panel has its own day plan, and candidates see every part of their day (issue 14)."""

from __future__ import annotations

import pytest

from panels.db import db
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.integration.panels_helpers import add_question, second_panel


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _two_panels(app, world):
    ids = second_panel(app, world)  # Managers' panel, Room 2, from 11:00; Jo is on it
    add_question(app, world["job_a"], ids["ours"], "q1", "Why do you want this job?")
    add_question(
        app,
        world["job_a"],
        ids["ours"],
        "tea",
        "Make a cup of tea with Sam.",
        kind="activity",
        look_for="They asked Sam first",
        answer_minutes=10,
    )
    add_question(app, world["job_a"], ids["managers"], "q2", "Tell us about a hard day.")
    return ids


def test_each_panel_has_its_own_plan(app, world):
    ids = _two_panels(app, world)
    client = signed_in_client(app, world["coordinator"])
    ours = client.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    assert "This is the plan for <strong>Our panel</strong>" in ours
    assert "Make a cup of tea with Sam." in ours and "Tell us about a hard day." not in ours
    managers = client.get(f"/jobs/{world['job_a']}/plan?panel={ids['managers']}")
    html = managers.get_data(as_text=True)
    assert managers.status_code == 200
    assert "<strong>Managers&#39; panel</strong>, in Room 2" in html
    assert "Tell us about a hard day." in html and "cup of tea" not in html
    assert ", 11:00 to" in html  # the managers' panel starts at 11:00
    # Jo sits on the managers' panel: she sees its plan first.
    jo = signed_in_client(app, world["jo"]).get(f"/jobs/{world['job_a']}/plan")
    assert "<strong>Managers&#39; panel</strong>" in jo.get_data(as_text=True)


def test_a_panel_of_another_job_in_the_plan_is_not_found(app, world):
    _two_panels(app, world)
    client = signed_in_client(app, world["coordinator"])
    for bad in ("999999", "abc", str(2**63)):
        assert client.get(f"/jobs/{world['job_a']}/plan?panel={bad}").status_code == 404


def test_one_panel_plan_has_no_chooser(app, world):
    add_question(app, world["job_a"], _first_panel(app, world), "q1", "Why this job?")
    html = signed_in_client(app, world["coordinator"]).get(f"/jobs/{world['job_a']}/plan")
    assert "Each panel has its own plan" not in html.get_data(as_text=True)


def _first_panel(app, world) -> int:
    from panels.db import db
    from panels.models import Job

    with app.app_context():
        return db.session.get(Job, world["job_a"]).panels[0].id


def test_the_invitation_shows_every_part_of_the_day_in_order(app, world):
    _two_panels(app, world)
    with app.app_context():
        t = token(app, world["cand_a"])
    html = app.test_client().get(f"/invite/{t}").get_data(as_text=True)
    assert "Your day, part by part" in html
    assert "Your interview has 2 parts." in html
    first = html.index("Part 1 is with Our panel.")
    second = html.index("Part 2 is with Managers&#39; panel.")
    assert first < second
    assert "It is in this room: Room 2." in html
    assert "It starts at 11:00." in html


def test_the_invitation_tells_every_activity_on_the_page_the_pdf_and_the_audio(app, world):
    """Candidates can get ready for the tea activity: what it is, how long, with whom;
    the questions stay private (not shared), and an activity is never called a question."""
    from io import BytesIO

    import pypdf

    from panels.invitations import content, queries
    from panels.lib import easyread
    from panels.models import Invitation

    _two_panels(app, world)
    with app.app_context():
        t = token(app, world["cand_a"])
    client = app.test_client()
    html = client.get(f"/invite/{t}").get_data(as_text=True)
    assert "Things you will do" in html
    assert "Make a cup of tea with Sam." in html and "It takes about 10 minutes." in html
    assert "You do it with Our panel." in html
    assert "Why do you want this job?" not in html  # the questions are not shared
    pdf = pypdf.PdfReader(BytesIO(client.get(f"/invite/{t}/invitation.pdf").data))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Make a cup of tea with Sam." in text and "Things you will do" in text
    with app.app_context():
        facts = queries.facts_for(db.session.query(Invitation).one())
        spoken = content.whole_text(content.blocks(facts))
        assert "Make a cup of tea with Sam." in spoken and "You do it with Our panel." in spoken
        for sentence in content.default_sentences(facts):
            assert easyread.check(sentence).ok, sentence


def test_shared_questions_leave_activities_to_their_own_part(app, world):
    from panels.models import InvitationJob

    _two_panels(app, world)
    with app.app_context():
        db.session.add(InvitationJob(job_id=world["job_a"], share_questions=True))
        db.session.commit()
        t = token(app, world["cand_a"])
    html = app.test_client().get(f"/invite/{t}").get_data(as_text=True)
    questions = html[html.index("Here are the questions we will ask you.") :]
    questions = questions[: questions.index("</section>")]
    assert "Why do you want this job?" in questions
    assert "Make a cup of tea with Sam." not in questions
    assert "Things you will do" in html


def test_two_panels_at_the_same_time_are_a_clash_the_coordinator_is_told_about(app, world):
    """A candidate can be in one room at a time: with both panels starting at 09:30, the
    plan and the invitations page say who would be in two places, and how to fix it."""
    from datetime import time

    from panels.models import Panel

    ids = _two_panels(app, world)
    coordinator = signed_in_client(app, world["coordinator"])
    job = world["job_a"]
    # The managers start at 11:00: no clash.
    assert "two places at once" not in coordinator.get(f"/jobs/{job}/invitations").get_data(
        as_text=True
    )
    assert "at the same time." not in coordinator.get(f"/jobs/{job}/plan").get_data(as_text=True)
    with app.app_context():
        db.session.get(Panel, ids["managers"]).start_time = time(9, 30)
        db.session.commit()
    plan = coordinator.get(f"/jobs/{job}/plan?panel={ids['managers']}").get_data(as_text=True)
    clash = "would be with Our panel from 09:30 to"
    assert clash in plan and "and with Managers&#39; panel from 09:30 to" in plan
    assert "Give a panel a later start time on the Panels page" in plan
    invitations = coordinator.get(f"/jobs/{job}/invitations").get_data(as_text=True)
    assert "Some candidates would be in two places at once" in invitations
    assert clash in invitations
    # Panel members see their plan without the coordinator's advice.
    sam = signed_in_client(app, world["sam"])
    sam.post(f"/jobs/{job}/privacy")
    assert clash not in sam.get(f"/jobs/{job}/plan").get_data(as_text=True)


def test_the_invitation_email_has_every_part_of_the_day(app, world):
    from panels.invitations import queries
    from panels.mail import core
    from panels.models import Invitation

    _two_panels(app, world)
    with app.app_context():
        token(app, world["cand_a"])
        facts = queries.facts_for(db.session.query(Invitation).one())
        text = core.text_part(core.invitation_email("Ruth", "https://x.example/i", facts))
    assert "Your interview has 2 parts." in text
    assert text.index("Part 1 is with Our panel.") < text.index("Part 2 is with Managers' panel.")
    assert "It is in this room: Room 2." in text
