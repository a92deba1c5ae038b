"""Browser tests: the day plan and the live screen on two tablets kept in step."""

from __future__ import annotations

import itertools
from datetime import date, time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, PanelMember, Question, User
from tests.browser.conftest import sign_in
from tests.prepare_helpers import agree_all

_refs = itertools.count(1)
EMAILS = ("coordinator@example.org", "sam@example.org", "jo@example.org")
POLL_MS = 2000  # static/js/live.js asks the server for the state this often


def _make_job(live_app) -> tuple[int, int]:
    """A job of our own: 3 panel members, 2 candidates, 3 questions with pictures."""
    with live_app.app_context():
        coordinator = db.session.scalar(select(User).where(User.email == EMAILS[0]))
        job = Job(
            organisation=coordinator.org_memberships[0].organisation,  # the demo's
            ref=f"PLAN-BROWSER-{next(_refs)}",
            title="Kitchen helper",
            interview_date=date(2026, 12, 20),
            start_time=time(10, 0),
        )
        db.session.add(job)
        members = []
        for n, email in enumerate(EMAILS, start=1):
            user = db.session.scalar(select(User).where(User.email == email))
            member = PanelMember(job=job, user=user, key=f"p{n}")
            db.session.add(member)
            members.append(member)
        for n, name in enumerate(("Lee Brown", "Ana Silva"), start=1):
            db.session.add(Candidate(job=job, key=f"c{n}", name=name, position=n))
        texts = (
            ("Tell us about yourself.", "1F44B", "What do you like doing?"),
            ("Why do you want to work here?", "1F91D", ""),
            ("What would you do if a person was upset?", "", "Can you tell us more?"),
        )
        for n, (text, picture, follow_up) in enumerate(texts, start=1):
            db.session.add(
                Question(
                    job=job,
                    key=f"q{n}",
                    position=n,
                    easy_read=text,
                    picture=picture,
                    follow_up=follow_up,
                    asker=members[n - 1],
                    status="agreed",
                )
            )
        agree_all(job)  # the panel agreed to keep candidates' information private
        db.session.commit()
        first = db.session.scalar(
            select(Candidate).where(Candidate.job_id == job.id).order_by(Candidate.position)
        )
        return job.id, first.id


def _next_poll(page) -> None:
    """Move the page's clock on to its next 2-second poll now, rather than wait for it."""
    page.clock.run_for(POLL_MS)


def test_two_tablets_stay_in_step(new_page, check_a11y, live_app):
    job_id, candidate_id = _make_job(live_app)
    url = f"/jobs/{job_id}/live/{candidate_id}"
    a = new_page("tablet-landscape")
    b = new_page("tablet-portrait")
    a.clock.install()  # the live screen's timers run on a clock the test can move on
    b.clock.install()
    sign_in(a, "coordinator@example.org")
    sign_in(b, "sam@example.org")
    a.goto(url)
    b.goto(url)
    check_a11y(a, "live screen before start, landscape")
    check_a11y(b, "live screen before start, portrait")

    a.get_by_role("button", name="Start the interview").click()
    a.get_by_role("heading", name="Tell us about yourself.").wait_for()
    # B follows without reloading: the same document, new question.
    b.evaluate("window.__sameDocument = true")
    _next_poll(b)
    b.get_by_role("heading", name="Tell us about yourself.").wait_for(timeout=6000)
    assert b.get_by_text("Question 1 of 3").is_visible()
    assert b.get_by_text("Alex Morgan", exact=True).is_visible()
    check_a11y(a, "live screen question 1, landscape")
    check_a11y(b, "live screen question 1, portrait")

    a.get_by_role("button", name="Next").click()
    a.get_by_role("heading", name="Why do you want to work here?").wait_for()
    _next_poll(b)
    b.get_by_role("heading", name="Why do you want to work here?").wait_for(timeout=6000)
    assert b.evaluate("window.__sameDocument") is True
    assert b.get_by_text("Question 2 of 3").is_visible()
    assert b.get_by_text("Sam Patel", exact=True).is_visible()

    # B's hidden version was kept up to date, so B can press next too.
    b.get_by_role("button", name="Next").click()
    b.get_by_role("heading", name="What would you do if a person was upset?").wait_for()
    _next_poll(a)
    a.get_by_role("heading", name="What would you do if a person was upset?").wait_for(timeout=6000)
    assert a.get_by_text("Can you tell us more?").is_visible()

    # A stale screen: both press next on the same version; only one moves on.
    b.evaluate("document.querySelector('[data-live-version]').value = '1'")
    b.get_by_role("button", name="Next").click()
    b.get_by_text("Someone else on the panel moved on first.").wait_for()
    assert b.get_by_text("Question 3 of 3").is_visible()
    check_a11y(b, "live screen after a clash, portrait")

    a.get_by_role("button", name="Pause for a break").click()
    _next_poll(b)
    b.get_by_role("button", name="Carry on").wait_for(timeout=6000)
    check_a11y(b, "live screen paused, portrait")
    b.get_by_role("button", name="Carry on").click()
    b.get_by_role("button", name="We need more time").click()
    b.get_by_text("The panel asked for more time").wait_for()
    b.get_by_role("button", name="Next").click()
    _next_poll(a)
    a.get_by_text("The interview has finished. Thank you.").wait_for(timeout=6000)
    check_a11y(a, "live screen finished, landscape")


def test_live_screen_works_without_javascript(browser, base_url, live_app):
    job_id, candidate_id = _make_job(live_app)
    context = browser.new_context(
        viewport={"width": 768, "height": 1024}, base_url=base_url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, "jo@example.org")
        page.goto(f"/jobs/{job_id}/live/{candidate_id}")
        page.get_by_role("button", name="Start the interview").click()
        page.get_by_role("heading", name="Tell us about yourself.").wait_for()
        page.get_by_role("button", name="Next").click()
        page.get_by_role("heading", name="Why do you want to work here?").wait_for()
        page.get_by_role("link", name="Refresh the screen").click()
        expect(page.get_by_text("Question 2 of 3")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("size", ["tablet-landscape", "tablet-portrait"])
def test_plan_page_and_settings(new_page, check_a11y, live_app, size):
    job_id, _ = _make_job(live_app)
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    page.goto(f"/jobs/{job_id}")
    page.get_by_role("link", name="Day plan").click()
    page.get_by_role("heading", level=1, name="Day plan for Kitchen helper").wait_for()
    # The picture and the order of candidates moved into details, opened on request.
    page.locator("summary", has_text="The day as a picture").click()
    expect(page.locator("svg.timeline")).to_be_visible()
    check_a11y(page, f"plan page at {size}")

    page.locator("summary", has_text="Order of candidates").click()
    page.get_by_role("button", name="Move up Ana Silva").click()
    first_row = page.locator("table tbody tr").first
    assert "Ana Silva" in first_row.inner_text()

    page.get_by_role("link", name="Change the day settings").click()
    check_a11y(page, f"day settings at {size}")
    page.get_by_label("Break length").fill("0")
    page.get_by_role("button", name="Save the day settings").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"day settings with errors at {size}")
    page.get_by_label("Break length").fill("20")
    page.get_by_role("button", name="Save the day settings").click()
    page.get_by_text("Day settings saved.").wait_for()

    page.locator("summary", has_text="Running late").click()  # in details now
    page.get_by_label("Which interview ran late").select_option(label="Ana Silva")
    page.get_by_label("How many minutes late").fill("10")
    page.get_by_role("button", name="Move later candidates", exact=True).click()
    page.get_by_text("Everyone after Ana Silva moved 10 minutes later.").wait_for()
    check_a11y(page, f"plan page after a shift at {size}")

    page.goto(f"/jobs/{job_id}/live")
    check_a11y(page, f"live chooser at {size}")

    member = new_page(size)
    sign_in(member, "sam@example.org")
    member.goto(f"/jobs/{job_id}/plan")
    check_a11y(member, f"plan page for a panel member at {size}")
