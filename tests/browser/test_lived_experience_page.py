"""Who has lived experience (issue 14): the coordinator's page passes axe at 1024x768,
768x1024 and 375x667, with the GOV.UK error pattern, and saving marks the panel."""

from __future__ import annotations

import pytest

from panels.db import db
from panels.models import Panel
from tests.browser.conftest import SIZES, sign_in
from tests.browser.panels_helpers import make_two_panel_job


@pytest.mark.parametrize("size", list(SIZES))
def test_the_coordinator_marks_the_lived_experience_panel(
    live_app, new_page, check_a11y, size
) -> None:
    ids = make_two_panel_job(live_app)
    page = new_page(size)
    sign_in(page, "coordinator@example.org")
    page.goto(f"/jobs/{ids['job']}/lived-experience")
    check_a11y(page, f"who has lived experience at {size}")
    # A choice the page never offered (another job's panel): the GOV.UK error pattern.
    page.evaluate(
        "document.querySelector('input[value=nobody]').value = 'panel-999999';"
        "document.querySelector('input[value=panel-999999]').checked = true;"
    )
    page.get_by_role("button", name="Save").click()
    page.locator(".error-summary").wait_for()
    assert page.title().startswith("Error: ")
    check_a11y(page, f"who has lived experience, with an error, at {size}")
    page.get_by_label("Our panel: this panel is people with lived experience").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved who has lived experience.").wait_for()
    with live_app.app_context():
        panel = db.session.get(Panel, ids["ours"])
        assert panel is not None and panel.lived_experience
