"""Questions in a real browser: list, editor advice as you type, bank, practice, sheet."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

TABLETS = ["tablet-landscape", "tablet-portrait"]


def _open_questions(page) -> None:
    page.get_by_role("link", name="Support worker").first.click()
    page.get_by_role("link", name="Questions", exact=True).click()
    page.get_by_role("heading", level=1, name="Questions for Support worker").wait_for()


@pytest.mark.parametrize("size", TABLETS)
def test_question_list_editor_bank_and_picture(new_page, check_a11y, size):
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    _open_questions(page)
    check_a11y(page, f"question list at {size}")
    assert page.locator(".q-card").count() >= 7
    assert page.locator(".q-card .button-listen").count() >= 7

    page.get_by_role("link", name="Write a new question").click()
    check_a11y(page, f"new question at {size}")
    page.get_by_label("The question, in easy-read").fill(
        "Please utilise your expertise to elucidate your methodology."
    )
    advice = page.locator("#easy_read-advice")
    advice.get_by_text("to change. This is advice").wait_for()
    assert "Use 'use'" in advice.inner_text()
    check_a11y(page, f"editor with advice at {size}")
    page.get_by_role("button", name="Save the question").click()
    page.get_by_role("heading", level=1, name="Question: Please utilise").wait_for()
    assert page.get_by_text("things to change").first.is_visible()
    check_a11y(page, f"question page at {size}")

    page.get_by_role("link", name="Choose a picture").click()
    page.get_by_label("Type a word, like help or food").fill("ear")
    page.get_by_role("button", name="Find pictures").click()
    check_a11y(page, f"picture search at {size}")
    page.locator(".symbol-choice").first.click()
    page.get_by_text("Picture saved.").wait_for()

    page.get_by_role("link", name="Back to the questions").click()
    page.get_by_role("link", name="Copy questions from a bank").click()
    check_a11y(page, f"bank list at {size}")
    page.get_by_role("link", name="Office helper").click()
    check_a11y(page, f"bank questions at {size}")
    page.get_by_role("button", name="Copy the questions I ticked").click()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"bank with error at {size}")


def test_marking_as_a_member(new_page, check_a11y):
    page = new_page("tablet-portrait")
    sign_in(page, "jo@example.org")
    _open_questions(page)
    page.get_by_role("link", name="Open and mark question 5").click()
    page.get_by_label("Keep it").check()
    page.get_by_role("button", name="Save my mark").click()
    page.get_by_text("Your mark is saved: Keep it.").wait_for()
    assert page.locator(".people-list").first.get_by_text("Jo Williams").is_visible()
    check_a11y(page, "marked question")


@pytest.mark.parametrize("size", [*TABLETS, "phone"])
def test_practice_and_sheet(new_page, check_a11y, size):
    page = new_page(size)
    sign_in(page, "sam@example.org")
    page.get_by_role("link", name="Support worker").first.click()
    page.get_by_role("link", name="Practise my questions").click()
    page.get_by_text("Question 1 of").wait_for()
    check_a11y(page, f"practice at {size}")
    assert page.locator(".practice-card .button-listen").is_visible()
    page.get_by_role("link", name="Next question").click()
    page.get_by_text("Question 2 of").wait_for()
    check_a11y(page, f"practice 2 at {size}")
    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_text("Question 1 of").wait_for()
    if size != "phone":
        page.goto(page.url.split("/practice")[0] + "/questions/sheet")
        page.get_by_role("heading", level=1, name="Sam Patel's questions").wait_for()
        check_a11y(page, f"sheet at {size}")
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible()
        assert page.locator(".sheet-item").count() >= 2
