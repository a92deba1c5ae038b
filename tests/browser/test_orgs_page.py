"""The organisation page in a browser: the admin invites a coordinator; axe checks each page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, sign_in


def test_admin_invites_a_coordinator_who_signs_in_with_the_link(new_page, check_a11y):
    page = new_page("tablet-landscape")
    sign_in(page, "coordinator@example.org")
    page.get_by_role("link", name="Organisation").click()
    page.get_by_role("heading", level=1, name="Demo organisation").wait_for()
    check_a11y(page, "organisation page")

    page.get_by_role("button", name="Invite them").click()  # empty: errors shown
    assert page.title().startswith("Error: ")
    check_a11y(page, "invite with errors")
    page.get_by_label("Name").fill("Rita Browser")
    page.get_by_label("Email address").fill("rita.browser@example.org")
    page.get_by_label("Coordinator: runs the organisation's jobs").check()
    page.get_by_role("button", name="Invite them").click()
    page.get_by_role("heading", level=1, name="Rita Browser is a coordinator of").wait_for()
    check_a11y(page, "invited, with the link")
    link = page.locator("a.break-all").get_attribute("href")

    phone = new_page("phone")
    phone.goto(link)
    phone.get_by_role("button", name="Sign me in").click()
    phone.wait_for_url("**/jobs")
    assert phone.get_by_role("link", name="Support worker").is_visible()  # the demo job
    phone.get_by_role("link", name="Organisation").click()
    phone.get_by_role("heading", level=1, name="Demo organisation").wait_for()
    assert phone.get_by_text("Only an admin can invite coordinators").is_visible()
    check_a11y(phone, "organisation page, as a coordinator, on a phone")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_organisation_pages_at_each_size(new_page, check_a11y, size):
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    page.goto("/organisation")
    page.get_by_role("heading", level=1, name="Demo organisation").wait_for()
    assert page.get_by_text("Leeds Community Care").is_visible()  # what candidates see
    check_a11y(page, f"organisation page, {size}")
    page.get_by_role("link", name="Change what candidates see").click()
    page.get_by_role("heading", level=1, name="What candidates see of").wait_for()
    check_a11y(page, f"organisation settings, {size}")
    page.get_by_label("Name candidates see").fill("Bad <name>")
    page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"organisation settings with an error, {size}")
    page.goto("/organisation/name")
    check_a11y(page, f"organisation name, {size}")
