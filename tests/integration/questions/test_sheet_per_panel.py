"""The printed question sheet knows about panels (issue 14): one section per panel, or
one panel's; a member's sheet names their panel. One panel: as before."""

from __future__ import annotations

import pytest

from panels.db import db
from tests.conftest import make_user, signed_in_client
from tests.integration.panels_helpers import add_question, second_panel
from tests.integration.questions.test_questions_sheet_pdf import _pdf, _text
from tests.pagecheck import check_page

OURS = "What do you like about supporting people?"
THEIRS = "How do you plan a rota?"


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _boss(app) -> int:
    """A coordinator on no panel of the job: they print everyone's questions."""
    with app.app_context():
        boss = make_user("Kim Lead", "kim@example.org", coordinator=True).id
        db.session.commit()
        return boss


def _two_panels(app, world) -> dict:
    ids = second_panel(app, world)
    add_question(app, world["job_a"], ids["ours"], "like", OURS)
    add_question(app, world["job_a"], ids["managers"], "rota", THEIRS)
    return ids


def test_every_panel_has_its_own_section_and_one_panel_can_be_printed(app, world):
    ids = _two_panels(app, world)
    client = signed_in_client(app, _boss(app))
    job = world["job_a"]
    html = client.get(f"/jobs/{job}/questions/sheet").get_data(as_text=True)
    check_page(html)
    assert '<h2 class="sheet-panel">Our panel</h2>' in html
    assert '<h2 class="sheet-panel">Managers&#39; panel</h2>' in html
    assert html.index("Our panel</h2>") < html.index(OURS) < html.index("Managers&#39; panel</h2>")
    assert html.index("Managers&#39; panel</h2>") < html.index(THEIRS)
    one = client.get(f"/jobs/{job}/questions/sheet?panel={ids['managers']}")
    page = one.get_data(as_text=True)
    check_page(page)
    assert THEIRS in page and OURS not in page
    assert f"/questions/sheet.pdf?panel={ids['managers']}" in page
    text = _text(_pdf(client.get(f"/jobs/{job}/questions/sheet.pdf?panel={ids['managers']}")))
    assert "Managers' panel" in text and THEIRS in text and OURS not in text
    both = _text(_pdf(client.get(f"/jobs/{job}/questions/sheet.pdf")))
    assert "Our panel" in both and OURS in both and THEIRS in both
    # A panel of another job, or not a number: not found.
    assert client.get(f"/jobs/{job}/questions/sheet?panel=999999").status_code == 404
    assert client.get(f"/jobs/{job}/questions/sheet.pdf?panel=x").status_code == 404


def test_a_members_sheet_names_their_panel(app, world):
    _two_panels(app, world)
    with app.app_context():
        from sqlalchemy import select

        from panels.models import PanelMember, Question

        jo = db.session.scalar(
            select(PanelMember).where(
                PanelMember.job_id == world["job_a"], PanelMember.user_id == world["jo"]
            )
        )
        db.session.scalar(select(Question).where(Question.key == "rota")).asker_id = jo.id
        db.session.commit()
    html = signed_in_client(app, world["jo"]).get(f"/jobs/{world['job_a']}/questions/sheet")
    page = html.get_data(as_text=True)
    check_page(page)
    assert '<h2 class="sheet-panel">Managers&#39; panel</h2>' in page and THEIRS in page


def test_with_one_panel_the_sheet_has_no_panel_headings(app, world):
    with app.app_context():
        from panels.models import Job

        panel = db.session.get(Job, world["job_a"]).panels[0].id
    add_question(app, world["job_a"], panel, "like", OURS)
    client = signed_in_client(app, _boss(app))
    html = client.get(f"/jobs/{world['job_a']}/questions/sheet").get_data(as_text=True)
    assert OURS in html and "sheet-panel" not in html and "Print one panel" not in html
    assert client.get(f"/jobs/{world['job_a']}/questions/sheet?panel={panel}").status_code == 404


def test_an_activity_prints_with_its_things_to_look_for(app, world):
    """Members take the sheet to the tea activity, outside the interview room."""
    ids = _two_panels(app, world)
    add_question(
        app, world["job_a"], ids["ours"], "tea", "Make a cup of tea with Sam.",
        kind="activity", look_for="They asked Sam first\nThey were safe with the kettle",
    )  # fmt: skip
    client = signed_in_client(app, _boss(app))
    job = world["job_a"]
    html = client.get(f"/jobs/{job}/questions/sheet?panel={ids['ours']}").get_data(as_text=True)
    check_page(html)
    assert "Activity: Make a cup of tea with Sam." in html
    assert "<li>They asked Sam first</li>" in html and "Things to look for:" in html
    assert "Activity: " + OURS not in html  # a question is not called an activity
    text = _text(_pdf(client.get(f"/jobs/{job}/questions/sheet.pdf?panel={ids['ours']}")))
    assert "Activity: Make a cup of tea with Sam." in text
    assert "They were safe with the kettle" in text


def test_a_members_own_sheet_has_their_panels_activities(app, world):
    """Nobody asks an activity: everyone on its panel takes part, so it is on each of
    their sheets (page and PDF), and not on another panel's members' sheets."""
    ids = _two_panels(app, world)
    add_question(
        app, world["job_a"], ids["ours"], "tea", "Make a cup of tea with Sam.",
        kind="activity", look_for="They asked Sam first",
    )  # fmt: skip
    job = world["job_a"]
    sam = signed_in_client(app, world["sam"])
    html = sam.get(f"/jobs/{job}/questions/sheet").get_data(as_text=True)
    check_page(html)
    assert "Activity: Make a cup of tea with Sam." in html and "They asked Sam first" in html
    text = _text(_pdf(sam.get(f"/jobs/{job}/questions/sheet.pdf")))
    assert "Make a cup of tea with Sam." in text and "They asked Sam first" in text
    jo = signed_in_client(app, world["jo"])  # on the managers' panel
    assert "cup of tea" not in jo.get(f"/jobs/{job}/questions/sheet").get_data(as_text=True)
