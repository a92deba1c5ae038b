"""Two panels and an activity in the browser (issue 14): every new or changed page passes
axe at 1024x768, 768x1024 and 375x667, and scoring an activity keeps its main action in
view, with targets of 44 px, and works with the network cut."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import PanelMember, ScoreSheet, User
from tests.browser.conftest import SIZES, sign_in
from tests.browser.online_helpers import back_online
from tests.browser.panels_helpers import close_scoring, make_two_panel_job
from tests.browser.screens_helpers import assert_in_viewport, small_targets

ALL_SIZES = list(SIZES)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_coordinator_pages_for_two_panels(live_app, new_page, check_a11y, size) -> None:
    ids = make_two_panel_job(live_app)
    job = ids["job"]
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    for url, label in (
        (f"/jobs/{job}/panels", "panels"),
        (f"/jobs/{job}/panels/{ids['managers']}", "change a panel"),
        (f"/jobs/{job}", "job page with two panels"),
        (f"/jobs/{job}/panel/add", "add a member, with a panel chooser"),
        (f"/jobs/{job}/questions/new", "write a question or activity"),
        (f"/jobs/{job}/questions", "questions and activities"),
        (f"/jobs/{job}/questions/{ids['tea']}", "an activity"),
        (f"/jobs/{job}/plan?panel={ids['managers']}", "the managers' panel's plan"),
    ):
        page.goto(url)
        check_a11y(page, f"{label} at {size}")
    # An activity with nothing to look for: the GOV.UK error pattern, and what was typed kept.
    page.goto(f"/jobs/{job}/questions/new")
    page.get_by_label("An activity", exact=True).check()
    page.get_by_label(re.compile("^The question")).fill("Show us round the garden.")
    page.get_by_role("button", name="Save the question").click()
    page.locator(".error-summary").wait_for()
    assert page.title().startswith("Error: ")
    assert page.get_by_label(re.compile("^The activity")).input_value() == (
        "Show us round the garden."
    )
    check_a11y(page, f"activity with nothing to look for at {size}")
    close_scoring(live_app, job)
    page.goto(f"/jobs/{job}/results")
    check_a11y(page, f"results with two panels at {size}")
    assert page.get_by_role("columnheader", name="Managers' panel").is_visible()
    page.goto(ids["links"]["c1"])
    page.get_by_role("heading", name="Your day, part by part").wait_for()
    check_a11y(page, f"invitation in two parts at {size}")


@pytest.mark.parametrize("size", ALL_SIZES)
def test_scoring_an_activity_keeps_the_next_step_in_view(
    live_app, new_page, check_a11y, size
) -> None:
    ids = make_two_panel_job(live_app)
    page = new_page(size)
    sign_in(page, "sam@example.org")
    page.goto(f"/jobs/{ids['job']}/score/{ids['c1']}?view=one")
    assert page.get_by_text("Question 1 of 3").is_visible()  # q1, q2 and the activity
    for _ in range(2):
        step = page.locator("fieldset.score-question:visible")
        step.get_by_label("Good", exact=True).check()
        step.get_by_role("button", name=re.compile("^Next")).click()
    step = page.locator("fieldset.score-question:visible")
    assert step.get_by_text("Activity 3 of 3").is_visible()
    assert step.get_by_text("They asked Sam first").is_visible()
    check_a11y(page, f"scoring an activity at {size}")
    assert_in_viewport(page, step.get_by_label("Good", exact=True), f"'Good' at {size}")
    main = step.get_by_role("button", name=re.compile("^Next"))
    assert_in_viewport(page, main, f"the main action scoring an activity at {size}")
    assert not small_targets(page), small_targets(page)


def test_an_activity_is_scored_offline_on_a_tablet(live_app, new_page, check_a11y) -> None:
    """Outside the interview room, with no wi-fi: kept on the tablet, sent once back online."""
    ids = make_two_panel_job(live_app)
    page = new_page("tablet-portrait")
    sign_in(page, "sam@example.org")
    page.goto(f"/jobs/{ids['job']}/score/{ids['c2']}?view=all")
    questions = page.locator("fieldset.score-question")
    assert questions.count() == 3
    page.context.set_offline(True)
    questions.nth(0).get_by_label("Good", exact=True).check()
    questions.nth(1).get_by_label(re.compile("I don't know$")).check()
    questions.nth(2).get_by_label("Good", exact=True).check()  # the activity
    status = page.locator("#save-status")
    page.get_by_role("button", name="Send my scores").click()
    status.filter(has_text="your scores are safe on this tablet").wait_for()
    back_online(page)
    page.get_by_role("heading", level=1, name=re.compile("are sent")).wait_for()
    with live_app.app_context():
        sam = db.session.scalar(
            select(PanelMember)
            .join(User)
            .where(PanelMember.job_id == ids["job"], User.email == "sam@example.org")
        )
        sheet = db.session.scalar(
            select(ScoreSheet).where(
                ScoreSheet.candidate_id == ids["c2"], ScoreSheet.member_id == sam.id
            )
        )
        assert sheet.status == "submitted"
        by_question = {s.question_id: (s.value, s.dont_know) for s in sheet.scores}
        assert by_question[ids["tea"]] == (3, False)
        assert len(by_question) == 3
