"""A coordinator sets up a job; a member signs in with a link; axe checks every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SIZES, sign_in


def test_coordinator_creates_job_adds_member_and_candidate(new_page, check_a11y):
    page = new_page("tablet-landscape")
    page.goto("/sign-in")
    check_a11y(page, "sign in")
    sign_in(page, "coordinator@example.org")
    check_a11y(page, "my jobs")

    page.get_by_role("link", name="Make a new job").click()
    check_a11y(page, "new job form")
    page.get_by_role("button", name="Save the job").click()  # empty: errors shown
    assert page.title().startswith("Error: ")
    check_a11y(page, "new job form with errors")
    page.get_by_label("Job title").fill("Team leader")
    page.get_by_label("Reference").fill("TL-BROWSER")
    page.get_by_label("Interview date").fill("2026-12-20")
    page.get_by_label("Interviews start at").fill("10:00")
    page.get_by_label("Place").fill("Town Hall, Leeds")
    page.get_by_role("button", name="Save the job").click()
    page.get_by_role("heading", level=1, name="Team leader").wait_for()
    check_a11y(page, "job page")

    page.get_by_role("link", name="Add a panel member").click()
    check_a11y(page, "add member")
    page.get_by_label("Name").fill("Kim Lee")
    page.get_by_label("Email address").fill("kim.browser@example.org")
    page.get_by_label("Read questions and text aloud to me").check()
    page.get_by_label("Twice the time").check()
    page.get_by_label("3 faces: not good, OK, good").check()
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_text("Kim Lee is now on the panel.")).to_be_visible()

    page.get_by_role("link", name="Add a candidate", exact=True).click()
    check_a11y(page, "add candidate")
    page.get_by_label("Name").fill("Chris Doe")
    page.get_by_role("button", name="Save the candidate").click()
    expect(page.get_by_text("Chris Doe added.")).to_be_visible()

    page.get_by_role("link", name="Add candidates from a CSV file").click()
    check_a11y(page, "import candidates")
    page.get_by_role("link", name="Back to the job").click()

    page.get_by_role("link", name=re.compile("Sign-in link for Kim Lee")).click()
    check_a11y(page, "sign-in link start")
    page.get_by_role("button", name="Make a sign-in link").click()
    check_a11y(page, "sign-in link with QR")
    link = page.locator("a.break-all").get_attribute("href")

    tablet = new_page("tablet-portrait")
    tablet.goto(link)
    check_a11y(tablet, "use link")
    tablet.get_by_role("button", name="Sign me in").click()
    tablet.wait_for_url("**/jobs")
    assert tablet.get_by_role("link", name="Team leader").is_visible()
    tablet.get_by_role("link", name="My preferences").click()
    check_a11y(tablet, "my preferences")


@pytest.mark.parametrize("size", list(SIZES))
def test_pages_at_every_size(new_page, check_a11y, size):
    page = new_page(size)
    for path in ("/sign-in", "/accessibility", "/attributions"):
        page.goto(path)
        check_a11y(page, f"{path} at {size}")
    sign_in(page, "sam@example.org")
    check_a11y(page, f"my jobs at {size}")
    page.get_by_role("link", name="Support worker").click()
    check_a11y(page, f"job page at {size}")
    page.goto("/my-preferences")
    check_a11y(page, f"preferences at {size}")
    page.goto("/jobs/999999")
    check_a11y(page, f"not found at {size}")


def test_narrow_screen_and_zoom_need_no_sideways_scrolling(browser, base_url, check_a11y):
    """320 CSS pixels wide is a phone at 100% or a 1280 px screen zoomed to 400%."""
    for viewport in ({"width": 320, "height": 640}, {"width": 512, "height": 384}):
        context = browser.new_context(viewport=viewport, base_url=base_url)
        page = context.new_page()
        sign_in(page, "coordinator@example.org")
        for path in ("/jobs", "/jobs/1", "/jobs/1/panel/add", "/my-preferences"):
            page.goto(path)
            check_a11y(page, f"{path} at {viewport['width']}px")
        context.close()
