"""A new panel member, on a tablet, is stopped before any candidate's details, reads (or
listens to) the privacy agreement and says "I agree"; then they answer a preparation
meeting, write what helps them and read about the people the worker will support.
Axe on every page at 3 sizes."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from panels.auth.service import set_password
from panels.db import db
from panels.models import (
    Candidate,
    Job,
    OrgMembership,
    PanelMember,
    PrepMeeting,
    SupportedProfile,
    User,
)
from panels.models.base import utcnow
from tests.browser.conftest import SIZES as VIEWPORTS
from tests.browser.conftest import sign_in

CANDIDATE = "Zara Brightwell"


def _setup(live_app) -> int:
    """Pat, new to the demo organisation, on a job of their own that nobody has agreed on."""
    with live_app.app_context():
        demo = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        pat = User(email="pat.prepare@example.org", name="Pat Green")
        set_password(pat, "panels-demo")
        db.session.add(pat)
        db.session.add(OrgMembership(user=pat, organisation_id=demo.organisation_id, role="member"))
        job = Job(
            organisation_id=demo.organisation_id,
            ref="PREP-BROWSER",
            title="Gardener",
            interview_date=date(2026, 12, 22),
            start_time=time(10, 0),
            place="Community Hub",
        )
        db.session.add_all(
            [
                job,
                PanelMember(job=job, user=pat, key="pat"),
                Candidate(job=job, key="c1", name=CANDIDATE, position=1),
                PrepMeeting(
                    job=job,
                    day=utcnow().date() + timedelta(days=5),
                    start_time=time(10, 30),
                    place="Community Hub",
                    what="Meet each other, 15 minutes\nLook at the questions, 30 minutes",
                    break_every=45,
                ),
            ]
        )
        db.session.flush()
        db.session.add(
            SupportedProfile(
                job_id=job.id,
                name="Aisha",
                words="I like music.\nPlease talk to me, not to my helper.",
                symbol="1F3B5",
                consent_by="Aisha",
            )
        )
        db.session.commit()
        return job.id


def _each_size(page, check_a11y, label: str) -> None:
    for size in ("tablet-landscape", "tablet-portrait", "phone"):
        page.set_viewport_size(VIEWPORTS[size])
        check_a11y(page, f"{label} at {size}")
    page.set_viewport_size(VIEWPORTS["tablet-landscape"])


def test_member_agrees_before_candidates_then_prepares(live_app, new_page, check_a11y):
    job_id = _setup(live_app)
    page = new_page("tablet-landscape")
    sign_in(page, "pat.prepare@example.org")

    page.goto(f"/jobs/{job_id}")
    assert CANDIDATE not in page.content()
    page.goto(f"/jobs/{job_id}/score")  # a candidate page: the agreement comes first
    page.get_by_role("heading", level=1, name="Keeping things private").wait_for()
    assert CANDIDATE not in page.content()
    _each_size(page, check_a11y, "the privacy agreement")
    with page.expect_response(lambda r: "/listen/" in r.url) as heard:
        page.get_by_role("link", name="Listen to all of it").click()
    assert heard.value.status in (200, 206)
    page.goto(f"/jobs/{job_id}/privacy?next=/jobs/{job_id}/score")
    page.get_by_role("button", name="I agree").click()
    page.wait_for_url(f"**/jobs/{job_id}/score")
    assert CANDIDATE in page.content()

    page.goto(f"/jobs/{job_id}/preparing")
    page.get_by_role("heading", level=1, name="Preparing").wait_for()
    _each_size(page, check_a11y, "preparing")
    page.get_by_label("Yes, I can come").check()
    page.get_by_role("button", name="Send my answer").click()
    page.get_by_text("You said: Yes, I can come.").wait_for()
    page.get_by_role("button", name="Save").click()  # training with nothing filled in
    assert page.title().startswith("Error: ")
    check_a11y(page, "training with an error")

    page.goto(f"/jobs/{job_id}/working-with-me")
    _each_size(page, check_a11y, "working with me")
    page.get_by_role("textbox", name="What helps you").fill("Give me time to answer.")
    page.get_by_label("Who comes with you? (optional)").fill("Jo, my support worker")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Thank you. We have saved it.").wait_for()

    page.goto(f"/jobs/{job_id}/profiles")
    page.get_by_role("heading", name="About Aisha").wait_for()
    _each_size(page, check_a11y, "the people we support")
