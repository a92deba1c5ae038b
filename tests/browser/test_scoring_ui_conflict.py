"""Two tablets, one panel member (issue 9, finding A): the second is told, keeps its answers
on screen, and the member chooses."""

from __future__ import annotations

import re
import time

from sqlalchemy import select

from panels.db import db
from panels.models import ScoreSheet
from tests.browser.conftest import sign_in
from tests.browser.test_scoring_ui_offline import _ids


def _saved(live_app, cand_id, member_id):
    """The sheet's version and its scores, as one save left them: SQLite reads each
    statement on its own, so a save landing between reading the version and the scores
    is caught by reading the version again (and then reading both once more)."""
    while True:
        with live_app.app_context():
            sheet = db.session.scalar(
                select(ScoreSheet).where(
                    ScoreSheet.candidate_id == cand_id, ScoreSheet.member_id == member_id
                )
            )
            if sheet is None:
                return None
            version, values = sheet.version, sorted(s.value for s in sheet.scores)
            again = db.session.scalar(select(ScoreSheet.version).where(ScoreSheet.id == sheet.id))
        if again == version:
            return version, values


def _wait_saved(live_app, cand_id, member_id, values, timeout=10.0):
    """Poll until the sheet holds ``values``; return its version."""
    end = time.monotonic() + timeout
    while True:
        saved = _saved(live_app, cand_id, member_id)
        if saved is not None and saved[1] == values:
            return saved[0]
        assert time.monotonic() < end, f"never saved {values}: {saved}"
        time.sleep(0.1)


def _choose(page, words):
    questions = page.locator("fieldset.score-question")
    for i in range(questions.count()):
        questions.nth(i).get_by_label(re.compile(rf"^{words}$")).check()
    return questions.count()


def _chosen(page, words):
    questions = page.locator("fieldset.score-question")
    return [
        questions.nth(i).get_by_label(re.compile(rf"^{words}$")).is_checked()
        for i in range(questions.count())
    ]


def test_second_tablet_is_told_keeps_its_answers_and_chooses(live_app, new_page, check_a11y):
    job_id, cand_id, member_id = _ids(live_app, "sam@example.org", "mei")
    assert _saved(live_app, cand_id, member_id) is None
    one, two = new_page("tablet-landscape"), new_page("tablet-portrait")
    for page in (one, two):  # both tablets open Mei's sheet before anything is saved
        sign_in(page, "sam@example.org")
        page.goto(f"/jobs/{job_id}/score/{cand_id}?view=all")
    n = _choose(one, "Good")
    # "Saved" once tablet one has nothing left to send (a click may send twice): then
    # its version is the last one.
    one.locator("#save-status").filter(has_text="Saved").wait_for()
    v1 = _wait_saved(live_app, cand_id, member_id, [3] * n)

    _choose(two, "Not good")
    box = two.locator("#tablet-conflict")
    box.wait_for(state="visible")
    text = box.inner_text()
    assert "changed on another tablet or computer" in text
    assert "Nothing from this tablet was saved" in text and text.count(": Good") == n
    assert all(_chosen(two, "Not good"))  # the member's own answers stay on screen
    assert _saved(live_app, cand_id, member_id) == (v1, [3] * n)  # tablet one's are kept
    check_a11y(two, "score screen with a conflict")

    two.get_by_role("button", name="Keep my answers").click()
    box.wait_for(state="hidden")
    v2 = _wait_saved(live_app, cand_id, member_id, [1] * n)
    assert v2 == v1 + 1  # sent once, on top of the saved version

    # Now tablet one is behind: it changes an answer and chooses the saved answers.
    one.locator("fieldset.score-question").first.get_by_label(re.compile("^OK$")).check()
    other = one.locator("#tablet-conflict")
    other.wait_for(state="visible")
    assert other.inner_text().count(": Not good") == n
    one.get_by_role("button", name="Use the saved answers").click()
    other.wait_for(state="hidden")
    assert all(_chosen(one, "Not good"))
    one.locator("#save-status").filter(has_text="using the saved answers").wait_for()
    assert _saved(live_app, cand_id, member_id) == (v2, [1] * n)
    # Nothing is waiting on the tablet, and a new change goes on the saved version.
    one.locator("fieldset.score-question").first.get_by_label(re.compile("^Good$")).check()
    v3 = _wait_saved(live_app, cand_id, member_id, sorted([3] + [1] * (n - 1)))
    assert v3 == v2 + 1
    one.locator("#save-status").filter(has_text="Saved").wait_for()
    for page in (one, two):  # nothing is left waiting on either tablet
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('panels-'))") == []
