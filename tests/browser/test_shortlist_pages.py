"""Shortlisting together in a real browser: two members agree what matters, a person
applies on the public page, a member reads the application without the name (with
Listen) and scores it, and the shortlist is made. Axe at tablet and phone sizes."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.browser.shortlist_helpers import shortlist_job

SIZES = ["tablet-landscape", "tablet-portrait", "phone"]
NAME = "Priya Marlowe"


def _mark_keep(page, job: int, words: str) -> None:
    page.goto(f"/jobs/{job}/what-matters")
    page.locator(".q-card", has_text=words).get_by_role("link", name="Open and mark").click()
    page.get_by_label("Keep it").check()
    page.get_by_role("button", name="Save my mark").click()
    page.get_by_text("Your mark is saved: Keep it.").wait_for()


def _apply(page, link: str, email: str) -> None:
    page.goto(link)
    page.get_by_label("Your name").fill(NAME)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Why do you want this job?").fill(
        f"I am {NAME}. I listen to people and I let them choose. Call me on 07700 900456."
    )
    page.get_by_label("Tell us about a time you helped someone.").fill("I helped my neighbour.")
    page.get_by_role("button", name="Send my application").click()
    page.get_by_role("heading", level=1, name="Your application is sent").wait_for()


def test_agree_apply_review_and_shortlist(live_app, new_page, check_a11y):
    ids = shortlist_job(live_app)
    job = ids["job"]
    sam = new_page("tablet-landscape")
    sign_in(sam, "sam@example.org")
    sam.goto(f"/jobs/{job}/what-matters")
    check_a11y(sam, "what matters, empty")
    sam.get_by_label("The words, in easy-read").fill("Listens to me")
    sam.get_by_role("button", name="Save it").click()
    sam.get_by_text("Now everyone on the panel marks it.").wait_for()
    check_a11y(sam, "a quality")
    _mark_keep(sam, job, "Listens to me")

    alex = new_page("tablet-portrait")
    sign_in(alex, "coordinator@example.org")
    _mark_keep(alex, job, "Listens to me")
    alex.goto(f"/jobs/{job}/what-matters")
    assert alex.locator("#quality-1, .q-card").first.get_by_text("Agreed").is_visible()
    check_a11y(alex, "what matters, agreed")

    person = new_page("phone")
    _apply(person, ids["apply"], "priya@example.net")
    person.goto(ids["apply"])
    assert person.get_by_text("Listens to me").first.is_visible()  # on the job page

    sam.goto(f"/jobs/{job}/review")
    check_a11y(sam, "applications to read")
    sam.get_by_role("link", name="Application 1").click()
    body = sam.locator("main").inner_text()
    assert NAME not in body and "Priya" not in body and "07700" not in body
    assert "priya@example.net" not in sam.content()
    listen = sam.get_by_role("link", name="Listen to the answer").first
    assert "[name]" in (listen.get_attribute("data-text") or "")
    check_a11y(sam, "an application, without the name")
    listen.click()  # plays in place: the page stays
    sam.get_by_role("heading", level=1, name="Application 1").wait_for()
    sam.locator("fieldset.score-question .tile-input").first.check()
    sam.get_by_role("button", name="Send my scores").click()
    assert "Choose an answer" not in sam.content()
    sam.get_by_text("Your scores for Application 1 are sent.").wait_for()

    alex.goto(f"/jobs/{job}/review")
    alex.get_by_role("link", name="Application 1").click()
    alex.locator("fieldset.score-question input[id$='-dk']").first.check()
    alex.get_by_role("button", name="Send my scores").click()
    alex.get_by_text("Your scores for Application 1 are sent.").wait_for()

    alex.goto(f"/jobs/{job}/shortlist")
    check_a11y(alex, "shortlist before closing")
    alex.get_by_role("button", name="Close reviewing and see the shortlist").click()
    alex.get_by_text("Reviewing is closed.").wait_for()
    check_a11y(alex, "the combined shortlist")
    alex.get_by_label("Shortlist Application 1").check()
    alex.get_by_role("button", name="Record the panel's shortlist").click()
    alex.get_by_text("The shortlist is saved. 1 candidates are added").wait_for()
    alex.goto(f"/jobs/{job}")
    assert alex.get_by_text(NAME).first.is_visible()  # a candidate for the interview day


@pytest.mark.parametrize("size", SIZES)
def test_public_form_and_review_at_every_size(live_app, new_page, check_a11y, size):
    ids = shortlist_job(live_app, agreed="Listens to me")
    page = new_page(size)
    page.goto(ids["apply"])
    check_a11y(page, f"application form at {size}")
    page.get_by_role("button", name="Send my application").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"application form with errors at {size}")
    page.get_by_label("Your name").fill(NAME)
    page.get_by_label("Your email address").fill(f"{size}@example.net")
    page.get_by_role("button", name="Save it and finish later").click()
    page.locator("#resume-link").wait_for()
    check_a11y(page, f"a saved draft at {size}")
    _apply(page, ids["apply"], f"{size}.sent@example.net")
    check_a11y(page, f"application sent at {size}")

    sam = new_page(size)
    sign_in(sam, "sam@example.org")
    sam.goto(f"/jobs/{ids['job']}/what-matters")
    sam.get_by_label("The words, in easy-read").fill("Lets me choose")
    sam.get_by_role("button", name="Save it").click()
    sam.get_by_text("Now everyone on the panel marks it.").wait_for()
    check_a11y(sam, f"a quality at {size}")
    sam.goto(f"/jobs/{ids['job']}/review")
    sam.locator(".people-list a").first.click()  # Application 2: number 1 is the draft
    check_a11y(sam, f"an application at {size}")
    sam.goto(f"/jobs/{ids['job']}/shortlist")
    check_a11y(sam, f"the shortlist at {size}")
