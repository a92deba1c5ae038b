"""Email pages in a browser: sending invitations, sent messages, asking for a link; axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIZES, sign_in


def _demo_job(page) -> None:
    page.goto("/jobs")
    page.get_by_role("link", name="Support worker").first.click()
    page.get_by_role("heading", level=1).wait_for()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_coordinator_emails_invitations_and_reads_sent_messages(new_page, check_a11y, size):
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    _demo_job(page)
    page.get_by_role("link", name="Candidate invitations").click()
    page.get_by_role("button", name="Email every candidate their invitation").click()
    page.get_by_role("heading", level=1, name="Candidate invitations").wait_for()
    assert (
        page.get_by_text("will be emailed").first.is_visible()
        or page.get_by_text("No new invitations to send").is_visible()
    )
    page.get_by_role("link", name="Sent messages").first.click()
    page.get_by_role("heading", level=1, name="Sent messages").wait_for()
    assert page.get_by_text("No mail server is set up").is_visible()
    check_a11y(page, f"sent messages, {size}")
    page.get_by_label("Days to remind panel members who have not sent their scores").fill("9")
    page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"sent messages with an error, {size}")
    page.locator("table.messages-table a").first.click()
    page.get_by_role("heading", level=2, name="The email as plain text").wait_for()
    check_a11y(page, f"one message, {size}")
    page.get_by_role("link", name="See the email as it looks").click()
    page.get_by_role("heading", level=1).wait_for()
    check_a11y(page, f"the email as it looks, {size}")


@pytest.mark.parametrize("size", list(SIZES))
def test_asking_for_a_link_by_email(new_page, check_a11y, size):
    page = new_page(size)
    page.goto("/sign-in")
    page.get_by_role("link", name="No password? Get a link to sign in by email").click()
    page.get_by_role("heading", level=1, name="Get a link to sign in").wait_for()
    check_a11y(page, f"ask for a sign-in link, {size}")
    page.get_by_role("button", name="Email me a link").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"ask for a sign-in link with an error, {size}")
    page.get_by_label("Your email address").fill("nobody@example.org")
    page.get_by_role("button", name="Email me a link").click()
    page.get_by_text("Thank you. Please look at your email.").wait_for()
    check_a11y(page, f"asked for a sign-in link, {size}")

    page.goto("/invitation/send-again")
    page.get_by_role("heading", level=1, name="Get your invitation again").wait_for()
    check_a11y(page, f"ask for the invitation again, {size}")
    page.get_by_label("Your email address").fill("nobody@example.org")
    page.get_by_role("button", name="Email me my invitation").click()
    page.get_by_text("Thank you. Please look at your email.").wait_for()
    check_a11y(page, f"asked for the invitation again, {size}")
