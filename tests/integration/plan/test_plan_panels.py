"""Each panel has its own day plan, and candidates see every part of their day (issue 14)."""

from __future__ import annotations

from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import token
from tests.integration.panels_helpers import add_question, second_panel


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
