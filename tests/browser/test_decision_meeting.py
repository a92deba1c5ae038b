"""The decision meeting on tablets: the coordinator proposes an offer against the
lived-experience group's first choice and must write why; two panel members agree on their
own tablets and one does not; afterwards a member reads what happened and answers three
questions with faces. Axe on every page at 1024x768, 768x1024 and 375x667."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.models import DayFeedback, PanelMember, User
from tests.browser.conftest import SIZES as VIEWPORTS
from tests.browser.conftest import sign_in
from tests.browser.decision_helpers import decision_job
from tests.browser.screens_helpers import assert_in_viewport, small_targets

SIZES = ("tablet-landscape", "tablet-portrait", "phone")


def _each_size(page, check_a11y, label: str) -> None:
    for size in SIZES:
        page.set_viewport_size(VIEWPORTS[size])
        check_a11y(page, f"{label} at {size}")
    page.set_viewport_size(VIEWPORTS["tablet-landscape"])


def _answer(new_page, check_a11y, email: str, url: str, button: str, axe: bool = False):
    page = new_page("tablet-landscape")
    sign_in(page, email)
    page.goto(url)
    page.get_by_text("Plan: Offer the job").first.wait_for()
    assert "Everyone's answers" not in page.content()  # not before their own answer
    assert_in_viewport(page, page.get_by_role("button", name=button), f"{button} at 1024x768")
    if axe:
        _each_size(page, check_a11y, "a member's answer screen")
        assert small_targets(page) == []
    page.get_by_role("button", name=button).click()
    page.get_by_role("heading", name="Everyone's answers").wait_for()
    return page


def test_a_decision_meeting_on_tablets(live_app, new_page, check_a11y):
    ids = decision_job(live_app)
    meeting = f"/jobs/{ids['job']}/decision"
    coord = new_page("tablet-landscape")
    sign_in(coord, "coordinator@example.org")
    coord.goto(meeting)
    _each_size(coord, check_a11y, "the meeting before it starts")
    coord.get_by_role("button", name="Start the decision meeting").click()
    coord.get_by_text("Lived experience: Lee Brown").wait_for()
    coord.get_by_text("Organisation: Ana Silva").wait_for()
    assert coord.locator("img.said-face").count() >= 4  # faces for the faces-scale members
    _each_size(coord, check_a11y, "the meeting screen")

    # An offer to Ana, who was not the lived-experience group's first choice: a reason first.
    ana = f"{meeting}/{ids['ana']}"
    coord.goto(ana)
    coord.get_by_label("Offer the job").check()
    coord.get_by_role("button", name="Save the plan").click()
    assert coord.title().startswith("Error: ")
    coord.get_by_text(
        "The first choice of the lived-experience group was Lee Brown."
    ).first.wait_for()
    _each_size(coord, check_a11y, "a plan with no reason")
    coord.get_by_label("Offer the job").check()
    coord.locator("#reason").fill("Ana can drive the minibus for trips.")
    coord.get_by_role("button", name="Save the plan").click()
    coord.get_by_text("The decision for Ana Silva is saved.").wait_for()

    # Sam and Jo agree on their own tablets; Alex (on the panel too) does not.
    sam = _answer(new_page, check_a11y, "sam@example.org", ana, "I agree", axe=True)
    _each_size(sam, check_a11y, "a member's answers after their own")
    _answer(new_page, check_a11y, "jo@example.org", ana, "I agree")
    coord.goto(ana)
    coord.get_by_role("button", name="I do not agree").click()
    coord.get_by_text("2 agree. 1 do not agree. 0 are not sure. 0 have not answered.").wait_for()

    # Lee as reserve, then the decision is shared with the panel.
    coord.goto(f"{meeting}/{ids['lee']}")
    coord.get_by_label("Keep as reserve").check()
    coord.get_by_role("button", name="Save the plan").click()
    coord.goto(meeting)
    coord.get_by_role("button", name="Share what happened with the panel").click()
    coord.get_by_text("Panel members can now see what happened.").wait_for()

    sam.goto(f"{meeting}/what-happened")
    sam.get_by_text("We offered the job to Ana Silva.").first.wait_for()
    sam.get_by_text("Ana can drive the minibus for trips.").first.wait_for()
    sam.get_by_text("Your scores counted the same as everyone's.").first.wait_for()
    _each_size(sam, check_a11y, "what happened")
    sam.get_by_role("link", name="Tell us how it went").click()
    _each_size(sam, check_a11y, "how did it go")
    sam.get_by_role("button", name="Send my answers").click()
    assert sam.title().startswith("Error: ")
    _each_size(sam, check_a11y, "how did it go, with errors")
    for question in ("listened", "time", "again"):
        sam.locator(f"#{question}-3").check()
    sam.get_by_role("button", name="Send my answers").click()
    sam.get_by_text("Thank you. Your answers are saved.").wait_for()


def test_a_two_panel_decision_meeting_at_three_sizes(live_app, new_page, check_a11y):
    """Each panel's members side by side with the panel's score, each part with Listen."""
    ids = decision_job(live_app, two_panels=True)
    meeting = f"/jobs/{ids['job']}/decision"
    coord = new_page("tablet-landscape")
    sign_in(coord, "coordinator@example.org")
    coord.goto(meeting)
    coord.get_by_role("button", name="Start the decision meeting").click()
    coord.get_by_text("Our panel: Lee Brown. People with lived experience").wait_for()
    coord.get_by_text("Managers' panel: Ana Silva").wait_for()
    assert coord.get_by_role("heading", name="Managers' panel: 100.0 out of 100").count() == 1
    assert coord.get_by_role("link", name="Listen to Lee Brown").count() == 1
    _each_size(coord, check_a11y, "a two-panel meeting screen")
    assert small_targets(coord) == []
    coord.goto(f"{meeting}/{ids['ana']}")
    coord.get_by_role("heading", name="Question by question").wait_for()
    _each_size(coord, check_a11y, "a two-panel candidate screen")

    # Sam has said how the day went (as in the one-panel meeting above, by the form).
    with live_app.app_context():
        sam = db.session.scalar(
            select(PanelMember.id)
            .join(User, User.id == PanelMember.user_id)
            .where(PanelMember.job_id == ids["job"], User.email == "sam@example.org")
        )
        db.session.add(DayFeedback(job_id=ids["job"], member_id=sam, listened=3, time=3, again=3))
        db.session.commit()
    # The coordinator reads the answers: this job's, then across jobs (with the CSV link).
    coord.goto("/organisation")
    coord.get_by_role("link", name="See the report, or download it as CSV").click()
    coord.get_by_role("heading", name="How well we share power").wait_for()
    _each_size(coord, check_a11y, "how well we share power")
    coord.locator(f'a[href="/jobs/{ids["job"]}/decision/answers"]').click()
    coord.get_by_role("heading", name="How the day went").wait_for()
    assert coord.get_by_role("row", name="Sam Patel Good Good Good").count() == 1
    _each_size(coord, check_a11y, "how the day went, one job")
