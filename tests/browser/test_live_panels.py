"""Browser tests: two panels of one job interview at once, each on its own live screen
(issue 14). Sam's tablet runs our panel's screen, Jo's the managers' panel's, side by side
at 1024x768; moving one never moves the other. The panel screens and choosers pass axe at
the three sizes, with the main action in view."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import Job, Panel, PanelMember, Question, User
from tests.browser.conftest import SIZES, sign_in
from tests.browser.screens_helpers import assert_in_viewport, make_job, small_targets

POLL_MS = 2000  # static/js/live.js asks the server for the state this often


def _two_panels(live_app) -> dict:
    """The screens job, with a managers' panel in Room 2: Jo sits on it and asks its two
    questions; Alex and Sam (our panel) keep the first two."""
    ids = make_job(live_app)
    with live_app.app_context():
        job = db.session.get(Job, ids["job"])
        managers = Panel(job=job, name="Managers' panel", room="Room 2", position=1)
        db.session.add(managers)
        db.session.flush()
        jo = db.session.scalar(
            select(PanelMember)
            .join(User, User.id == PanelMember.user_id)
            .where(PanelMember.job_id == job.id, User.email == "jo@example.org")
        )
        jo.panel = managers
        third = db.session.scalar(
            select(Question).where(Question.job_id == job.id, Question.key == "q3")
        )
        third.panel = managers
        db.session.add(
            Question(
                job=job,
                panel=managers,
                key="q4",
                position=4,
                easy_read="How do you share power?",
                asker=jo,
                status="agreed",
            )
        )
        db.session.commit()
        ids.update(ours=job.panels[0].id, managers=managers.id)
    return ids


def _screen(ids, panel: str) -> str:
    return f"/jobs/{ids['job']}/panels/{ids[panel]}/live/{ids['c1']}"


def test_two_tablets_on_two_panels_run_their_own_interviews(new_page, check_a11y, live_app):
    ids = _two_panels(live_app)
    sam = new_page("tablet-landscape")
    jo = new_page("tablet-landscape")
    sam.clock.install()
    jo.clock.install()
    sign_in(sam, "sam@example.org")
    sign_in(jo, "jo@example.org")
    # Each opens the live screen from the job's address: their own panel's screen.
    sam.goto(f"/jobs/{ids['job']}/live/{ids['c1']}")
    jo.goto(f"/jobs/{ids['job']}/live/{ids['c1']}")
    assert sam.locator("[data-live-panel]").inner_text() == "Our panel"
    assert jo.locator("[data-live-panel]").inner_text() == "Managers' panel, in Room 2"

    sam.get_by_role("button", name="Start the interview").click()
    sam.get_by_role("heading", name="Tell us about yourself.").wait_for()
    jo.clock.run_for(POLL_MS)
    # Jo's panel has not started: her screen still waits.
    assert jo.get_by_role("button", name="Start the interview").is_visible()
    jo.get_by_role("button", name="Start the interview").click()
    jo.get_by_role("heading", name="A person is upset. What do you do?").wait_for()
    assert jo.get_by_text("Question 1 of 2").is_visible()

    sam.get_by_role("button", name="Next").click()
    sam.get_by_role("heading", name="Why do you want to work here?").wait_for()
    jo.evaluate("window.__sameDocument = true")
    jo.clock.run_for(POLL_MS)
    jo.clock.run_for(POLL_MS)
    assert jo.get_by_role("heading", name="A person is upset. What do you do?").is_visible()
    assert jo.get_by_text("Question 1 of 2").is_visible()
    check_a11y(jo, "managers' live screen, question 1")

    jo.get_by_role("button", name="Pause for a break").click()
    jo.get_by_role("button", name="Carry on").wait_for()
    sam.clock.run_for(POLL_MS)
    sam.clock.run_for(POLL_MS)
    assert sam.get_by_role("button", name="Next").is_visible()
    assert sam.get_by_text("Question 2 of 2").is_visible()

    # Jo cannot open our panel's screen, even by its address.
    response = jo.goto(_screen(ids, "ours"))
    assert response is not None and response.status == 403
    jo.get_by_role("heading", name="This live screen is for another panel").wait_for()
    assert not jo.get_by_text("Why do you want to work here?").is_visible()
    check_a11y(jo, "another panel's live screen, refused")


@pytest.mark.parametrize("size", list(SIZES))
def test_panel_screens_and_choosers_at_every_size(new_page, check_a11y, live_app, size):
    ids = _two_panels(live_app)
    alex = new_page(size)
    sign_in(alex, "coordinator@example.org")
    alex.goto(f"/jobs/{ids['job']}")
    alex.get_by_role("link", name="Live screen: Managers' panel").click()
    alex.get_by_text("This is the live screen for").wait_for()
    assert "Managers' panel" in alex.locator(".panel-choice").inner_text()
    check_a11y(alex, f"managers' live chooser at {size}")
    alex.get_by_role("link", name="Our panel").click()
    alex.get_by_role("link", name="Lee Brown").wait_for()
    check_a11y(alex, f"our panel's live chooser at {size}")

    jo = new_page(size)
    sign_in(jo, "jo@example.org")
    jo.goto(f"/jobs/{ids['job']}/live")
    check_a11y(jo, f"a member's own panel chooser at {size}")
    jo.get_by_role("link", name="Lee Brown").click()
    start = jo.get_by_role("button", name="Start the interview")
    start.wait_for()
    check_a11y(jo, f"managers' live screen, waiting, at {size}")
    assert_in_viewport(jo, start, f"Start on the managers' live screen at {size}")
    assert not small_targets(jo), small_targets(jo)
    start.click()
    jo.get_by_role("heading", name="A person is upset. What do you do?").wait_for()
    assert jo.url.endswith(_screen(ids, "managers"))
    main = jo.get_by_role("button", name="Next")
    check_a11y(jo, f"managers' live screen, question 1, at {size}")
    assert_in_viewport(jo, main, f"Next on the managers' live screen at {size}")
    assert not small_targets(jo), small_targets(jo)


def test_an_activity_on_the_live_screen_follows_on_every_tablet(new_page, check_a11y, live_app):
    """The managers' panel ends with an activity: Jo moves on to it and the coordinator's
    tablet shows it, and its things to look for, without reloading; axe at three sizes."""
    ids = _two_panels(live_app)
    with live_app.app_context():
        db.session.add(
            Question(
                job_id=ids["job"],
                panel_id=ids["managers"],
                key="tea",
                position=5,
                easy_read="Show us round the garden.",
                kind="activity",
                status="agreed",
                look_for="They asked where to go first\nThey waited for everyone",
                answer_minutes=10,
            )  # fmt: skip
        )
        db.session.commit()
    jo = new_page("tablet-landscape")
    alex = new_page("tablet-landscape")
    alex.clock.install()
    sign_in(jo, "jo@example.org")
    sign_in(alex, "coordinator@example.org")
    jo.goto(_screen(ids, "managers"))
    alex.goto(_screen(ids, "managers"))
    jo.get_by_role("button", name="Start the interview").click()
    jo.get_by_role("heading", name="A person is upset. What do you do?").wait_for()
    for _ in range(2):
        version = jo.locator("[data-live]").get_attribute("data-version")
        jo.get_by_role("button", name="Next").click()
        jo.wait_for_function(
            f"document.querySelector('[data-live]').getAttribute('data-version') !== '{version}'"
        )
    jo.get_by_role("heading", name="Show us round the garden.").wait_for()
    assert jo.get_by_text("Activity 3 of 3").is_visible()
    assert jo.get_by_text("They waited for everyone").is_visible()
    alex.evaluate("window.__sameDocument = true")
    alex.clock.run_for(POLL_MS)
    alex.clock.run_for(POLL_MS)
    alex.get_by_role("heading", name="Show us round the garden.").wait_for()
    assert alex.evaluate("window.__sameDocument") is True  # followed, not reloaded
    assert alex.get_by_text("They asked where to go first").is_visible()
    assert "Things to look for." in (alex.locator("#live-listen").get_attribute("data-text") or "")
    for size in SIZES:
        jo.set_viewport_size(SIZES[size])
        check_a11y(jo, f"an activity on the live screen at {size}")
        assert_in_viewport(jo, jo.get_by_role("button", name="Next"), f"Next at {size}")
