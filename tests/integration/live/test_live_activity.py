"""An activity on the live screen (issue 14): called an activity, with its things to look
for on every tablet, read aloud with Listen, and in the state each tablet polls."""

from __future__ import annotations

from html import unescape

from tests.conftest import signed_in_client
from tests.integration.panels_helpers import add_question, second_panel
from tests.pagecheck import check_page


def test_the_live_screen_shows_an_activitys_things_to_look_for(app, world):
    ids = second_panel(app, world)
    job = world["job_a"]
    add_question(app, job, ids["ours"], "why", "Why do you want this job?")
    add_question(
        app, job, ids["ours"], "tea", "Make a cup of tea with Sam.",
        kind="activity", look_for="They asked Sam first\nThey were safe with the kettle",
    )  # fmt: skip
    alex = signed_in_client(app, world["coordinator"])
    screen = f"/jobs/{job}/panels/{ids['ours']}/live/{world['cand_a']}"
    started = alex.post(screen, data={"action": "start", "version": "0"})
    assert started.status_code == 303
    first = alex.get(screen + "/state.json").json
    assert first["progress"] == "Question 1 of 2"
    assert (first["question"]["activity"], first["question"]["look_for"]) == (False, [])
    assert first["question"]["heard"] == "Why do you want this job?"
    assert alex.post(screen, data={"action": "next", "version": "1"}).status_code == 303
    state = alex.get(screen + "/state.json").json
    assert state["progress"] == "Activity 2 of 2"
    assert state["question"]["activity"] is True
    assert state["question"]["look_for"] == [
        "They asked Sam first",
        "They were safe with the kettle",
    ]
    said = "Make a cup of tea with Sam. Things to look for. They asked Sam first. They were safe "
    assert state["question"]["heard"] == said + "with the kettle."
    html = alex.get(screen).get_data(as_text=True)
    check_page(html)
    assert "Things to look for" in html and "<li>They were safe with the kettle</li>" in html
    assert f'data-text="{said}with the kettle."' in unescape(html).replace("&#39;", "'")
