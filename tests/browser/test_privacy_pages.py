"""Keeping records in a browser, at 1024x768, 768x1024 and 375x667: the organisation's
setting (with an error), a job's records (a hold with no reason), a person's page, the
refused deletion, and the easy-read notices for candidates and panel members. Axe checks
every page. Nothing here changes the demo job's records for the other browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, PanelMember, User
from tests.browser.conftest import SIZES, sign_in
from tests.browser.test_invitations_page import _demo_link


def _ids(live_app) -> tuple[int, int, int]:
    with live_app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "DEMO-SW-01"))
        ruth = db.session.scalar(
            select(Candidate).where(Candidate.job_id == job.id, Candidate.key == "ruth")
        )
        sam = db.session.scalar(
            select(PanelMember)
            .join(User, User.id == PanelMember.user_id)
            .where(PanelMember.job_id == job.id, User.email == "sam@example.org")
        )
        return job.id, ruth.id, sam.id


@pytest.mark.parametrize("size", list(SIZES))
def test_keeping_records_pages_at_each_size(live_app, new_page, check_a11y, size):
    job_id, ruth, sam = _ids(live_app)
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    page.goto("/organisation")
    page.get_by_role("link", name="See what is removed when").click()
    page.get_by_role("heading", level=1, name="Keeping records: Demo organisation").wait_for()
    check_a11y(page, f"organisation's records, {size}")
    page.get_by_label("Months to keep candidates who were not appointed").fill("0")
    page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    assert page.get_by_text("Keep details for at least 1 month").first.is_visible()
    check_a11y(page, f"organisation's records with an error, {size}")

    page.goto(f"/jobs/{job_id}/retention")
    page.get_by_role("heading", level=1, name="Keeping records: Support worker").wait_for()
    check_a11y(page, f"a job's records, {size}")
    page.get_by_role("button", name="Hold the records").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"a hold with no reason, {size}")
    page.goto(f"/jobs/{job_id}/retention/remove")
    assert page.get_by_text("not finalised yet").is_visible()
    check_a11y(page, f"remove early, refused, {size}")

    page.goto(f"/jobs/{job_id}/candidates/{ruth}/privacy")
    page.get_by_role("heading", level=1, name="Everything we hold about Ruth Okafor").wait_for()
    check_a11y(page, f"a candidate's page, {size}")
    page.get_by_role("link", name="Delete Ruth Okafor's details").click()
    expect(page.get_by_text("The job is not decided yet")).to_be_visible()
    check_a11y(page, f"a candidate's deletion, refused, {size}")
    page.goto(f"/jobs/{job_id}/members/{sam}/privacy")
    page.get_by_role("heading", level=1, name="Everything we hold about").wait_for()
    check_a11y(page, f"a panel member's page, {size}")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_notices_are_easy_read_with_pictures_and_listen(live_app, new_page, check_a11y, size):
    link, job_id = _demo_link(live_app)
    page = new_page(size)
    page.goto(link)
    page.get_by_role("link", name="How we keep your details").click()
    page.get_by_role("heading", level=1, name="Your details").wait_for()
    assert page.locator("img.invite-picture").count() >= 5
    assert page.get_by_role("link", name="Listen").count() >= 5
    assert page.get_by_text("Then we keep your things for 6 months.").is_visible()
    check_a11y(page, f"the candidates' notice, {size}")

    member = new_page(size)
    sign_in(member, "sam@example.org")
    member.goto(f"/jobs/{job_id}")
    member.get_by_role("link", name="How we keep your details").click()
    member.get_by_role("heading", level=1, name="Your details").wait_for()
    assert member.get_by_text("We keep the scores you give.").is_visible()
    check_a11y(member, f"the panel members' notice, {size}")
