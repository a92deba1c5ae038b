"""Issue 17: removing a member's time or a preparation meeting is a destructive action: a
red-outlined link apart from the everyday buttons, then a page of its own that asks first
(a link and a form: no JavaScript needed)."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from panels.db import db
from panels.models import Job, PanelMember, PrepMeeting, SupportedProfile, TimeEntry, User
from panels.pay import service
from panels.prepare import service as prepare
from tests.browser.conftest import SIZES, sign_in


def _jo_with_time(live_app) -> tuple[int, int]:
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        jo = db.session.scalar(select(User).where(User.email == "jo@example.org"))
        member = db.session.scalar(
            select(PanelMember).where(PanelMember.job_id == job.id, PanelMember.user_id == jo.id)
        )
        service.add_time(member, "training", date(2026, 12, 1), time(10, 0), time(11, 0), "")
        db.session.commit()
        return job.id, member.id


def _entries(live_app, member_id: int) -> int:
    with live_app.app_context():
        return len(
            db.session.scalars(select(TimeEntry).where(TimeEntry.day == date(2026, 12, 1))).all()
        )


def test_removing_time_asks_on_its_own_page(live_app, browser, base_url, check_a11y) -> None:
    job_id, member_id = _jo_with_time(live_app)
    before = _entries(live_app, member_id)
    context = browser.new_context(viewport=SIZES["tablet-landscape"], base_url=base_url)
    try:
        page = context.new_page()
        sign_in(page, "coordinator@example.org")
        page.goto(f"/jobs/{job_id}/pay/members/{member_id}")
        remove = page.get_by_role("link", name="Remove the time on 2026-12-01 from 10:00")
        assert "button-danger-secondary" in remove.get_attribute("class")
        remove.click()
        page.get_by_role("heading", level=1, name="Remove this time for").wait_for()
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            check_a11y(page, f"remove time, confirm, at {size}")
        assert _entries(live_app, member_id) == before  # asking removed nothing
        page.get_by_role("link", name="No, go back").click()
        remove.click()
        page.get_by_role("button", name="Yes, remove the time").click()
        page.get_by_text("Removed the time.").wait_for()
        assert _entries(live_app, member_id) == before - 1
        check_a11y(page, "time removed")
    finally:
        context.close()


def _meeting(live_app) -> tuple[int, int]:
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        details = prepare.MeetingDetails(
            day=date(2026, 12, 8),
            start=time(10, 30),
            place="The Hub",
            what="Practise",
            break_every=45,
        )
        meeting = prepare.add_meeting(job, details)
        db.session.commit()
        return job.id, meeting.id


def test_removing_a_meeting_asks_on_its_own_page(live_app, browser, base_url, check_a11y) -> None:
    job_id, meeting_id = _meeting(live_app)
    context = browser.new_context(viewport=SIZES["phone"], base_url=base_url)
    try:
        page = context.new_page()
        sign_in(page, "coordinator@example.org")
        page.goto(f"/jobs/{job_id}/meetings/{meeting_id}")
        check_a11y(page, "meeting page with its remove link, phone")
        remove = page.get_by_role("link", name="Remove this meeting")
        save = page.get_by_role("button", name="Save the changes")
        assert "button-danger-secondary" in remove.get_attribute("class")
        gap = remove.bounding_box()["y"] - (
            save.bounding_box()["y"] + save.bounding_box()["height"]
        )
        assert gap > 100, gap  # well apart from Save
        remove.click()
        page.get_by_role(
            "heading", level=1, name="Remove the meeting on 8 December 2026?"
        ).wait_for()
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            check_a11y(page, f"remove a meeting, confirm, at {size}")
        with live_app.app_context():
            assert db.session.get(PrepMeeting, meeting_id) is not None  # asking removed nothing
        page.get_by_role("link", name="No, go back").click()
        remove.click()
        page.get_by_role("button", name="Yes, remove the meeting").click()
        page.get_by_text("The meeting is removed.").wait_for()
        with live_app.app_context():
            assert db.session.get(PrepMeeting, meeting_id) is None
        check_a11y(page, "meeting removed")
    finally:
        context.close()


def _profile(live_app) -> tuple[int, int]:
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        profile = prepare.add_profile(job, "Kemal", "I like football.", "26BD", None, "Kemal")
        return job.id, profile.id


def test_hiding_a_profile_asks_on_its_own_page(live_app, browser, base_url, check_a11y) -> None:
    job_id, profile_id = _profile(live_app)
    context = browser.new_context(viewport=SIZES["tablet-portrait"], base_url=base_url)
    try:
        page = context.new_page()
        sign_in(page, "coordinator@example.org")
        page.goto(f"/jobs/{job_id}/profiles")
        hide = page.get_by_role("link", name="Consent withdrawn: hide this profile about Kemal")
        assert "button-danger-secondary" in hide.get_attribute("class")
        hide.click()
        page.get_by_role("heading", level=1, name="Hide the profile about Kemal?").wait_for()
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            check_a11y(page, f"hide a profile, confirm, at {size}")
        with live_app.app_context():  # asking hid nothing
            assert db.session.get(SupportedProfile, profile_id).withdrawn_at is None
        page.get_by_role("link", name="No, go back").click()
        hide.click()
        page.get_by_role("button", name="Yes, hide the profile").click()
        page.get_by_text("Consent withdrawn. Nobody sees this profile now.").wait_for()
        with live_app.app_context():
            assert db.session.get(SupportedProfile, profile_id).withdrawn_at is not None
        check_a11y(page, "profile hidden")
    finally:
        context.close()
