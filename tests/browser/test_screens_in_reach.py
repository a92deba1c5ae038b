"""Issue 17: on every panel-member screen the next step is in view without scrolling, at
1024x768, 768x1024 and 375x667; targets are at least 44x44 px; axe finds nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SIZES, sign_in
from tests.browser.screens_helpers import assert_in_viewport, make_job, small_targets

ALL_SIZES = list(SIZES)


def _check_screen(page, check_a11y, main, label: str) -> None:
    check_a11y(page, label)
    assert_in_viewport(page, main, f"the main action on {label}")
    assert not small_targets(page), f"targets below 44 px on {label}: {small_targets(page)}"


@pytest.mark.parametrize("size", ALL_SIZES)
def test_marking_practice_and_live_put_the_next_step_in_view(
    live_app, new_page, check_a11y, size
) -> None:
    ids = make_job(live_app)
    page = new_page(size)
    sign_in(page, "jo@example.org")

    page.goto(f"/jobs/{ids['job']}/questions/{ids['q1']}")
    # The question, its picture, Listen and the three choices come first.
    for name in ("Keep it", "Change it", "Take it out"):
        assert_in_viewport(page, page.get_by_label(name), f"'{name}' at {size}")
    assert_in_viewport(page, page.locator(".q-row-mark .button-listen"), f"Listen at {size}")
    _check_screen(page, check_a11y, page.get_by_role("button", name="Save my mark"), "marking")
    # Advice, what others think and history come after, on request.
    assert not page.get_by_text("No changes yet.").is_visible()
    page.get_by_text("Who wrote and changed it").click()
    expect(page.get_by_text("No changes yet.")).to_be_visible()

    page.goto(f"/jobs/{ids['job']}/practice")
    main = page.get_by_role("link", name=re.compile("^(Next question|Finish)$"))
    _check_screen(page, check_a11y, main, "practice")

    page.goto(f"/jobs/{ids['job']}/live/{ids['c1']}")
    _check_screen(
        page, check_a11y, page.get_by_role("button", name="Start the interview"), "live, waiting"
    )
    page.get_by_role("button", name="Start the interview").click()
    page.get_by_role("heading", name="Tell us about yourself.").wait_for()
    _check_screen(page, check_a11y, page.get_by_role("button", name="Next"), "live, question 1")


@pytest.mark.parametrize("size", ALL_SIZES)
def test_scoring_steps_sent_and_what_the_panel_said(live_app, new_page, check_a11y, size) -> None:
    ids = make_job(live_app)
    sam = new_page(size)
    sign_in(sam, "sam@example.org")
    page = new_page(size)
    sign_in(page, "jo@example.org")
    for who in (sam, page):
        # One question at a time, whatever view another test left this person on.
        who.goto(f"/jobs/{ids['job']}/score/{ids['c1']}?view=one")
        assert who.get_by_text("Question 1 of 3").is_visible()
        for n in range(3):
            step = who.locator("fieldset.score-question:visible")
            if who is page:
                _check_screen(
                    who,
                    check_a11y,
                    step.get_by_role("button", name=re.compile("^Next")),
                    f"scoring question {n + 1} at {size}",
                )
            step.get_by_label("Good", exact=True).check()
            step.get_by_role("button", name=re.compile("^Next")).click()
        send = who.get_by_role("button", name="Send my scores")
        if who is page:
            _check_screen(who, check_a11y, send, f"scoring note at {size}")
            who.get_by_text("Say what you noticed").click()
            who.get_by_label("They were kind.").check()
        send.click()
        who.get_by_role("heading", level=1, name=re.compile("are sent")).wait_for()
    _check_screen(
        page, check_a11y, page.get_by_role("link", name="See what the panel said"), "sent"
    )
    page.get_by_role("link", name="See what the panel said").click()
    page.get_by_role("heading", level=1, name=re.compile("What the panel said")).wait_for()
    _check_screen(
        page, check_a11y, page.get_by_role("link", name="Back to all candidates"), "panel said"
    )
    # Faces, with words, on each person's own scale; no 0-100 numbers.
    html = page.locator("main").inner_text()
    assert "Score:" not in html and not re.search(r"\b\d{1,3}\.\d\b", html)
    assert page.locator("img.said-face").count() == 6  # 3 questions x 2 faces members
    assert page.locator(".said-question").count() == 3
    assert page.locator(".said-question").first.get_by_text("Good").count() == 2


def test_favicon_and_no_missing_files(live_app, new_page) -> None:
    ids = make_job(live_app)
    page = new_page("phone")
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sign_in(page, "jo@example.org")
    for url in (f"/jobs/{ids['job']}", f"/jobs/{ids['job']}/score/{ids['c2']}", "/my-preferences"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    page.goto(ids["links"]["c1"])
    page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and page.request.get(icon).status == 200
    assert not missing, missing


@pytest.mark.parametrize("size", ALL_SIZES)
def test_targets_on_preferences_are_44_px(new_page, check_a11y, size) -> None:
    page = new_page(size)
    sign_in(page, "jo@example.org")
    page.goto("/my-preferences")
    check_a11y(page, f"my preferences at {size}")
    radio = page.locator("input[type=radio]").first
    box = radio.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    assert not small_targets(page), small_targets(page)
