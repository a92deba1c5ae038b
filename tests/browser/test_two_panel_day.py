"""A two-panel day in the browser (issue 14): the candidate's invitation tells each part
of the day and the tea activity; the coordinator is told when both panels would see a
candidate at once (day plan and invitations page); the printed sheet lists the activity's
things to look for. Axe at 1024x768, 768x1024 and 375x667."""

from __future__ import annotations

from panels.db import db
from panels.invitations import queries, service
from panels.models import Candidate, Panel
from tests.browser.conftest import SIZES, sign_in
from tests.browser.panels_helpers import make_two_panel_job

THREE = ("tablet-landscape", "tablet-portrait", "phone")


def _link(live_app, candidate_id: int) -> str:
    with live_app.app_context():
        invitation = service.invitation_for(db.session.get(Candidate, candidate_id))
        db.session.commit()
        return f"/invite/{queries.token_for(live_app.config['SECRET_KEY'], invitation)}"


def _each_size(page, check_a11y, label: str) -> None:
    for size in THREE:
        page.set_viewport_size(SIZES[size])
        check_a11y(page, f"{label} at {size}")


def test_a_two_panel_day_for_the_candidate_and_the_coordinator(live_app, new_page, check_a11y):
    ids = make_two_panel_job(live_app)
    candidate = new_page("phone")
    candidate.goto(_link(live_app, ids["c1"]))
    candidate.get_by_role("heading", name="Your day, part by part").wait_for()
    candidate.get_by_role("heading", name="Things you will do").wait_for()
    candidate.locator("#block-activities summary").click()
    candidate.get_by_text("Make a cup of tea with Sam.").first.wait_for()
    assert candidate.get_by_text("You do it with Our panel.").is_visible()
    _each_size(candidate, check_a11y, "an invitation with two parts and an activity")

    # Both panels start with the day: the coordinator is told before invitations go out.
    with live_app.app_context():
        managers = db.session.get(Panel, ids["managers"])
        managers.start_time = managers.job.panels[0].start_time
        db.session.commit()
    alex = new_page("tablet-landscape")
    sign_in(alex, "coordinator@example.org")
    alex.goto(f"/jobs/{ids['job']}/invitations")
    banner = alex.locator("#part-clashes")
    banner.get_by_text("Some candidates would be in two places at once").wait_for()
    assert "at the same time." in banner.inner_text()
    _each_size(alex, check_a11y, "the invitations page with a clash")
    alex.goto(f"/jobs/{ids['job']}/plan?panel={ids['managers']}")
    warnings = alex.locator("#plan-warnings")
    warnings.get_by_text("Give a panel a later start time on the Panels page").wait_for()
    _each_size(alex, check_a11y, "the day plan with a clash")

    alex.goto(f"/jobs/{ids['job']}/questions/sheet?panel={ids['ours']}")
    alex.get_by_text("Activity: Make a cup of tea with Sam.").wait_for()
    assert alex.get_by_text("They were safe with the kettle").is_visible()
    _each_size(alex, check_a11y, "the printed sheet with an activity")
