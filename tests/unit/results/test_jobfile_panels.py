"""The job file knows about panels (issue 14): panels with name, room, start time and the
lived-experience flag; each member's and question's panel; a file from before panels
parses as before (everything on one panel)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest

from panels.results.jobfile import JobFileError, PanelSpec, parse_job_file
from tests.unit.results.test_jobfile import BASE

OURS = {"key": "ours", "name": "Our panel", "room": "Room 1", "lived_experience": True}
MANAGERS = {"key": "managers", "name": "Managers' panel", "room": "Room 2", "start_time": "13:00"}


def two_panels() -> dict[str, Any]:
    """The example file with our panel (Amira, Dan: lived experience) and the managers'
    (Helen, Tom); the managers ask "choice", the others are our panel's."""
    data = copy.deepcopy(BASE)
    data["panels"] = [OURS, MANAGERS]
    for m in data["members"]:
        if m["key"] in ("helen", "tom"):
            m["panel"] = "managers"
    for q in data["questions"]:
        if q["key"] in ("choice", "questions"):
            q["panel"] = "managers"
    data["scores"] = [
        s
        for s in data["scores"]
        if (s["member"] in ("helen", "tom")) == (s["question"] in ("choice", "questions"))
    ]
    return data


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(JobFileError) as info:
        parse_job_file(json.dumps(data))
    return info.value.problems


def test_a_file_from_before_panels_has_none_and_parses_as_before() -> None:
    jf = parse_job_file(json.dumps(BASE))
    assert jf.panels == ()
    assert {m.panel for m in jf.members} == {None}
    assert {jf.panel_of(q) for q in jf.questions} == {None}
    assert jf.job.lived_group is None


def test_panels_and_each_members_and_questions_panel() -> None:
    data = two_panels()
    data["job"]["lived_group"] = "lived experience"
    jf = parse_job_file(json.dumps(data))
    assert jf.panels == (
        PanelSpec("ours", "Our panel", "Room 1", None, True),
        PanelSpec("managers", "Managers' panel", "Room 2", dt.time(13, 0), False),
    )
    assert {m.key: jf.panel_of(m) for m in jf.members} == {
        "amira": "ours",  # not given: the first panel
        "dan": "ours",
        "helen": "managers",
        "tom": "managers",
    }
    assert jf.panel_of(next(q for q in jf.questions if q.key == "choice")) == "managers"
    assert jf.job.lived_group == "lived experience"
    assert {m.panel for m in jf.member_inputs()} == {"ours", "managers"}


def test_bad_panels_are_listed_in_plain_words() -> None:
    data = two_panels()
    data["panels"] = [
        {**OURS, "start_time": "1pm", "lived_experience": "yes"},
        {**MANAGERS, "name": "our PANEL"},
        {"key": "ours", "name": "Third", "colour": "red"},
    ]
    data["members"][0]["panel"] = "kitchen"
    found = problems(data)
    assert any(p.startswith("panels[0].start_time:") and "HH:MM" in p for p in found)
    assert 'panels[0].lived_experience: this is text ("yes"). Use true or false.' in found
    assert any(p.startswith("panels[1].name: panels[0] has this name too") for p in found)
    assert any(p.startswith("panels[2].colour:") for p in found)
    assert any(p.startswith('panels[2].key: "ours" is used twice') for p in found)
    assert "members[0].panel: \"kitchen\" is not a panel's key. Use one of the panels' keys." in (
        found
    )
    empty = copy.deepcopy(BASE)
    empty["panels"] = []
    assert "panels: the list is empty. Add at least one panel." in problems(empty)


def test_a_panel_named_without_a_panels_list_is_a_problem() -> None:
    data = copy.deepcopy(BASE)
    data["questions"][0]["panel"] = "ours"
    assert problems(data) == [
        'questions[0].panel: "ours" is not a panel\'s key. There is no panels list.'
    ]


def test_a_member_scores_only_their_own_panels_questions() -> None:
    data = two_panels()
    data["scores"].append({"member": "helen", "candidate": "c1", "question": "why", "value": 2})
    found = problems(data)
    assert len(found) == 1 and "A member scores only their own panel's questions" in found[0]
    assert found[0].startswith(f"scores[{len(data['scores']) - 1}]: helen is on the panel managers")
