"""The job file carries activities (issue 14): ``kind: "activity"`` with its things to look
for; a question is a question when not said; every mistake is named with its place."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from panels.lib import limits
from panels.results.jobfile import JobFileError, parse_job_file
from tests.unit.results.test_jobfile import BASE

TEA = ["They asked Sam first.", "They let Sam pour."]


def with_activity(**fields: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["questions"][0].update(fields)
    return data


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(JobFileError) as info:
        parse_job_file(json.dumps(data))
    return info.value.problems


def test_an_activity_keeps_its_things_to_look_for_and_questions_stay_questions() -> None:
    jf = parse_job_file(json.dumps(with_activity(kind="activity", look_for=TEA)))
    first, *rest = jf.questions
    assert first.is_activity and first.look_for == tuple(TEA)
    assert all(q.kind == "question" and q.look_for == () for q in rest)
    plain = parse_job_file(json.dumps(BASE))
    assert {q.kind for q in plain.questions} == {"question"}


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"kind": "activity"}, "questions[0].look_for: an activity needs things to look for"),
        ({"kind": "activity", "look_for": []}, "write from 1 to"),
        (
            {"kind": "activity", "look_for": ["x"] * (limits.LOOK_FOR_POINTS + 1)},
            f"write from 1 to {limits.LOOK_FOR_POINTS} things",
        ),
        ({"kind": "activity", "look_for": "They asked Sam first."}, "Use a list [ ]"),
        ({"kind": "activity", "look_for": ["   "]}, "questions[0].look_for[0]: this is empty"),
        ({"kind": "activity", "look_for": [3]}, "Use text in quotes"),
        (
            {"kind": "activity", "look_for": ["One\nTwo"]},
            "questions[0].look_for[0]: this has a line break",
        ),
        ({"kind": "activity", "look_for": ["x" * 400] * 10}, "characters or fewer in all"),
        ({"kind": "game"}, '"game" is not a kind. Use "question" or "activity".'),
        ({"kind": 7}, "Use text in quotes"),
        ({"look_for": TEA}, 'only an activity has things to look for. Add "kind": "activity"'),
    ],
)
def test_a_wrong_kind_or_things_to_look_for_is_named_in_plain_words(fields, words) -> None:
    found = problems(with_activity(**fields))
    assert any(words in p for p in found), found
