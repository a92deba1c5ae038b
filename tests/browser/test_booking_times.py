"""A candidate on a phone chooses, changes and cancels their interview time (issue 12);
the coordinator sets the times up and sees who has which. Axe at the three sizes."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from panels.db import db
from panels.invitations import queries
from panels.models import BookingJob, Candidate, Job, Question, SlotBooking
from tests.browser.conftest import sign_in
from tests.conftest import make_job

SIZES = ("phone", "tablet-landscape", "tablet-portrait")


def _times_job(live_app) -> tuple[str, int]:
    """A job of the demo organisation, 10 days away, with 3 times; Pat's first link."""
    with live_app.app_context():
        demo = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        job = db.session.scalar(select(Job).where(Job.ref == "TIMES-1"))
        if job is None:
            job = make_job(
                "TIMES-1",
                "Gardener",
                candidates=["Pat Booker"],
                organisation=demo.organisation,
                interview_date=date.today() + timedelta(days=10),
                contact="Alex Morgan, 0113 496 0000",
            )
            for i, text in enumerate(("Tell us about you.", "Why this job?")):
                db.session.add(
                    Question(job=job, key=f"q{i}", position=i, easy_read=text, status="agreed")
                )
            db.session.add(BookingJob(job_id=job.id, slots=3, self_booking=True, cutoff_hours=24))
        db.session.commit()
        pat = db.session.scalar(select(Candidate).where(Candidate.job_id == job.id))
        first = queries.invitation_or_first(pat)
        return f"/invite/{queries.token_for(live_app.config['SECRET_KEY'], first)}", job.id


def _booked(live_app, job_id: int) -> list[int]:
    with live_app.app_context():
        return list(
            db.session.scalars(select(SlotBooking.slot).where(SlotBooking.job_id == job_id))
        )


def test_a_candidate_on_a_phone_chooses_changes_and_cancels(live_app, new_page, check_a11y):
    link, job_id = _times_job(live_app)
    for size in SIZES:
        page = new_page(size)
        page.goto(link)
        page.get_by_role("heading", level=2, name="Your time").wait_for()
        check_a11y(page, f"choose a time, {size}")
    page = new_page("phone")
    page.goto(link)
    times = page.locator('#your-time input[name="time"]')
    assert times.count() == 3
    page.locator('label[for="time-2"]').click()
    page.get_by_role("button", name="Choose this time").click()
    page.get_by_text("This is your time now.").wait_for()
    assert _booked(live_app, job_id) == [2]
    assert page.get_by_text("Your time is ").count() == 1
    check_a11y(page, "a time chosen, phone")
    page.locator('label[for="time-3"]').click()
    page.get_by_role("button", name="Change to this time").click()
    page.get_by_text("We changed your time.").wait_for()
    assert _booked(live_app, job_id) == [3]
    check_a11y(page, "time changed, phone")
    page.get_by_role("button", name="Cancel my time").click()
    page.get_by_text("We cancelled your time.").wait_for()
    assert _booked(live_app, job_id) == []
    assert page.locator('#your-time input[name="time"]').count() == 3
    check_a11y(page, "time cancelled, phone")
    # Choosing nothing: a message in plain words, linked from the summary.
    page.get_by_role("button", name="Choose this time").click()
    assert page.title().startswith("Error: ")
    page.get_by_text("Choose a time from the list.").first.wait_for()
    check_a11y(page, "no time chosen, phone")


def test_the_coordinator_sets_up_times_and_sees_them(live_app, new_page, check_a11y):
    _link, job_id = _times_job(live_app)
    for size in SIZES:
        page = new_page(size)
        sign_in(page, "coordinator@example.org")
        page.goto(f"/jobs/{job_id}/plan/times")
        page.get_by_role("heading", level=1, name="Interview times for Gardener").wait_for()
        check_a11y(page, f"interview times settings, {size}")
        page.goto(f"/jobs/{job_id}/plan")
        # "Interview times" is a details on the day plan now, opened on request.
        page.locator("summary", has_text="Interview times").click()
        page.get_by_role("table", name="Who has which interview time").wait_for()
        check_a11y(page, f"day plan with times, {size}")
    page.get_by_label("Candidate", exact=True).select_option(label="Pat Booker")
    page.get_by_label("Time", exact=True).select_option(index=1)
    page.get_by_role("button", name="Save the time").click()
    page.get_by_text("Pat Booker has time 1 now.").wait_for()
    assert page.get_by_text("Placed by a coordinator").count() == 1
    check_a11y(page, "a candidate placed")
    page.get_by_label("Candidate", exact=True).select_option(label="Pat Booker")
    page.get_by_label("Time", exact=True).select_option(label="No time")
    page.get_by_role("button", name="Save the time").click()
    page.get_by_text("Pat Booker has no time now.").wait_for()
    assert _booked(live_app, job_id) == []
