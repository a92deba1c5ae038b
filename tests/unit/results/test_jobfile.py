"""The bulk set-up file: good files parse to typed data, bad files list every problem."""

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.results.jobfile import JobFile, JobFileError, parse_job_file
from panels.scoring.combine import combine

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example_job.json"
BASE: dict[str, Any] = json.loads(EXAMPLE.read_text())


def problems_for(change: Callable[[dict[str, Any]], None]) -> list[str]:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(JobFileError) as info:
        parse_job_file(json.dumps(data))
    return info.value.problems


def test_example_file_parses_to_typed_data() -> None:
    job = parse_job_file(EXAMPLE.read_text())
    assert isinstance(job, JobFile)
    assert job.job.ref == "SW-2025-014"
    assert job.job.interview_date == dt.date(2025, 3, 12)
    assert job.job.start_time == dt.time(9, 30)
    assert job.job.group_parity is False
    assert [m.key for m in job.members] == ["amira", "dan", "helen", "tom"]
    assert {m.scale for m in job.members} == {"faces3", "points5"}
    assert job.members[0].pace == 2.0 and isinstance(job.members[0].pace, float)
    assert job.members[1].email is None
    assert job.members[3].group is None
    assert len(job.questions) == 5
    assert job.scored_questions() == ["why", "listen", "choice"]
    assert job.questions[1].asker == "dan" and job.questions[1].answer_minutes == 4.0
    assert [c.key for c in job.candidates] == ["c1", "c2", "c3"]
    assert job.scores[2].value is None
    assert job.scores[0].value == 3 and isinstance(job.scores[0].value, int)


def test_example_file_feeds_the_scoring() -> None:
    job = parse_job_file(EXAMPLE.read_text())
    inputs = job.score_inputs()
    assert inputs[0].value == 1.0  # amira, faces3, 3 = Good
    assert inputs[2].value is None  # "I don't know"
    assert inputs[4].value == 0.75  # helen, points5, 4
    r = combine(
        job.member_inputs(),
        [(c.key, c.name) for c in job.candidates],
        job.scored_questions(),
        inputs,
        group_parity=job.job.group_parity,
    )
    # amira 1.0, dan 0.5, helen (0.75 + 1.0) / 2 = 0.875 -> (1 + .5 + .875) / 3
    assert r.row("c1").combined == pytest.approx(79.1666667, abs=1e-6)
    assert r.top == ["c1"]


def test_optional_fields_take_defaults() -> None:
    data = copy.deepcopy(BASE)
    del data["job"]["group_parity"]
    del data["members"][0]["pace"]
    del data["members"][0]["group"]
    del data["scores"]
    data["candidates"] = []
    job = parse_job_file(json.dumps(data))
    assert job.job.group_parity is False
    assert job.members[0].pace == 1.0 and job.members[0].group is None
    assert job.scores == () and job.candidates == ()


def test_text_is_trimmed_and_email_domain_normalised() -> None:
    data = copy.deepcopy(BASE)
    data["members"][0]["name"] = "  Amira Khan  "
    data["members"][0]["email"] = "Amira.Khan@EXAMPLE.ORG"
    data["scores"][0]["value"] = 3.0
    job = parse_job_file("\ufeff" + json.dumps(data))
    assert job.members[0].name == "Amira Khan"
    assert job.members[0].email == "Amira.Khan@example.org"
    assert job.scores[0].value == 3 and isinstance(job.scores[0].value, int)


def test_question_text_may_have_line_breaks() -> None:
    data = copy.deepcopy(BASE)
    data["questions"][0]["text"] = "Welcome.\nPlease tell us your name."
    assert parse_job_file(json.dumps(data)).questions[0].text.count("\n") == 1


def test_group_parity_true() -> None:
    data = copy.deepcopy(BASE)
    data["job"]["group_parity"] = True
    assert parse_job_file(json.dumps(data)).job.group_parity is True


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets data[path] (dots and numbers) to value."""

    def change(data: dict[str, Any]) -> None:
        *parts, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for p in parts:
            target = target[p]
        target[last] = value

    return change


def _del(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parts, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for p in parts:
            target = target[p]
        del target[last]

    return change


def _append(name: str, item: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda data: data[name].append(item)


BAD_CASES = [
    # unknown keys
    (_set("extra", 1), 'extra: "extra" is not a field we know.'),
    (_set("job.salary", 1), 'job.salary: "salary" is not a field we know.'),
    (_set("members.0.scael", "faces3"), 'members[0].scael: "scael" is not a field we know.'),
    (_set("members.0.scael", "x"), 'Did you mean "scale"?'),
    (_set("members.1.diagnosis", "x"), 'members[1].diagnosis: "diagnosis" is not a field'),
    (_set("questions.0.colour", "red"), 'questions[0].colour: "colour" is not a field'),
    (_set("candidates.0.phone", "1"), 'candidates[0].phone: "phone" is not a field'),
    (_set("scores.0.note", "x"), 'scores[0].note: "note" is not a field'),
    # missing required keys
    (_del("job"), 'job: missing. Every job file needs "job".'),
    (_del("members"), 'members: missing. Every job file needs "members".'),
    (_del("questions"), "questions: missing."),
    (_del("candidates"), "candidates: missing."),
    (_del("job.title"), 'job.title: missing. Every job needs "title".'),
    (_del("job.interview_date"), "job.interview_date: missing."),
    (_del("members.0.scale"), 'members[0].scale: missing. Every panel member needs "scale".'),
    (_del("members.0.email"), 'members[0].email: missing. Every panel member needs "email". Use'),
    (_del("questions.2.asker"), "questions[2].asker: missing."),
    (_del("questions.2.scored"), "questions[2].scored: missing."),
    (_del("questions.2.answer_minutes"), "questions[2].answer_minutes: missing."),
    (_del("candidates.1.name"), "candidates[1].name: missing."),
    (_del("scores.0.value"), 'scores[0].value: missing. Every score needs "value". Use null'),
    # wrong types
    (_set("job", []), "job: this is a list [ ]. Each job must be a block { }."),
    (_set("members", {}), "members: this is a block { }. Use a list [ ] of panel members."),
    (_set("members.0", "amira"), 'members[0]: this is text ("amira"). Each panel member must be'),
    (_set("job.title", 5), "job.title: this is a number (5). Use text in quotes."),
    (_set("job.group_parity", 1), "job.group_parity: this is a number (1). Use true or false."),
    (_set("job.group_parity", "true"), 'job.group_parity: this is text ("true"). Use true or'),
    (_set("members.0.pace", True), "members[0].pace: this is true or false (true). Use a number"),
    (_set("members.0.pace", "1.5"), 'members[0].pace: this is text ("1.5"). Use a number'),
    (_set("members.0.name", None), "members[0].name: this is null (nothing). Use text"),
    (_set("questions.0.scored", 0), "questions[0].scored: this is a number (0). Use true or"),
    (_set("questions.0.answer_minutes", False), "questions[0].answer_minutes: this is true or"),
    (_set("members.0.group", 3), "members[0].group: this is a number (3). Use text"),
    (_set("scores", None), "scores: this is null (nothing). Use a list [ ] of scores."),
    (_set("scores.0.value", "3"), 'scores[0].value: this is text ("3"), which is not on'),
    (_set("scores.0.value", True), "scores[0].value: this is true or false (true), which is not"),
    # values out of range or badly formed
    (_set("members.2.scale", "stars"), 'members[2].scale: "stars" is not a scale. Use faces3'),
    (_set("members.2.scale", 5), "members[2].scale: this is a number (5). Use faces3, points3"),
    (_set("members.0.pace", 0.2), "members[0].pace: 0.2 is not allowed here. Use a number from"),
    (_set("members.0.pace", 5), "members[0].pace: 5 is not allowed here."),
    (_set("questions.0.answer_minutes", 0), "questions[0].answer_minutes: 0 is not allowed"),
    (_set("questions.0.answer_minutes", -2), "questions[0].answer_minutes: -2 is not allowed"),
    (_set("questions.0.answer_minutes", 600), "questions[0].answer_minutes: 600 is not allowed"),
    (_set("job.interview_date", "12/03/2025"), 'job.interview_date: "12/03/2025" is not a date'),
    (_set("job.interview_date", "2025-02-30"), 'job.interview_date: "2025-02-30" is not a date'),
    (_set("job.interview_date", "20250312"), "is not a date. Use YYYY-MM-DD."),
    (_set("job.start_time", "9:30"), 'job.start_time: "9:30" is not a time. Use HH:MM'),
    (_set("job.start_time", "25:00"), 'job.start_time: "25:00" is not a time.'),
    (_set("job.start_time", "09:30:00"), "job.start_time: this is 8 characters long."),
    (_set("members.0.email", "amira"), 'members[0].email: "amira" is not an email address.'),
    (_set("members.0.email", "a@b@c.org"), 'members[0].email: "a@b@c.org" is not an email'),
    (_set("candidates.0.email", "jo at example.com"), 'candidates[0].email: "jo at example'),
    (_set("members.0.key", "amira khan"), 'members[0].key: "amira khan" has a space or sign'),
    (_set("candidates.0.key", "c/1"), 'candidates[0].key: "c/1" has a space or sign'),
    # empty and too long
    (_set("job.ref", ""), "job.ref: this is empty. Write something here."),
    (_set("members.0.name", "   "), "members[0].name: this is empty."),
    (_set("members.0.group", ""), "members[0].group: this is empty."),
    (_set("members", []), "members: the list is empty. Add at least one panel member."),
    (_set("questions", []), "questions: the list is empty. Add at least one question."),
    (_set("members.0.name", "x" * 201), "members[0].name: this is 201 characters long. Keep it"),
    (_set("candidates.0.name", "x" * 201), "candidates[0].name: this is 201 characters long."),
    (_set("job.title", "x" * 201), "job.title: this is 201 characters long."),
    (_set("questions.0.text", "x" * 2001), "questions[0].text: this is 2001 characters long."),
    (_set("members.0.name", "Amira\nKhan"), "members[0].name: this has a line break or tab"),
    # duplicates and references
    (
        _set("members.1.key", "amira"),
        'members[1].key: "amira" is used twice (also at members[0]). Each panel member needs its',
    ),
    (_set("questions.4.key", "why"), 'questions[4].key: "why" is used twice (also at questions[1'),
    (_set("candidates.2.key", "c1"), 'candidates[2].key: "c1" is used twice'),
    (_set("questions.0.asker", "zoe"), 'questions[0].asker: "zoe" is not a panel member\'s key.'),
    (_set("scores.0.member", "zoe"), 'scores[0].member: "zoe" is not a panel member\'s key.'),
    (_set("scores.0.candidate", "c9"), 'scores[0].candidate: "c9" is not a candidate\'s key.'),
    (_set("scores.0.question", "how"), 'scores[0].question: "how" is not a question\'s key.'),
    (
        _set("scores.0.question", "welcome"),
        'scores[0].question: "welcome" is not marked for scoring. Set "scored": true',
    ),
    (
        _append("scores", {"member": "amira", "candidate": "c1", "question": "why", "value": 1}),
        "scores[7]: amira already scored c1 on why at scores[0].",
    ),
    (
        _append("scores", {"member": "amira", "candidate": "c1", "question": "why", "value": None}),
        "scores[7]: amira already scored c1 on why at scores[0].",
    ),
    # scores outside the member's own scale
    (
        _set("scores.0.value", 5),
        "scores[0].value: this is a number (5), which is not on amira's scale (faces3). "
        'Use 1, 2 or 3, or null for "I don\'t know".',
    ),
    (_set("scores.4.value", 0), "scores[4].value: this is a number (0), which is not on helen's"),
    (_set("scores.4.value", 6), "Use 1, 2, 3, 4 or 5, or null"),
    (_set("scores.4.value", 4.5), "scores[4].value: this is a number (4.5), which is not on"),
]


@pytest.mark.parametrize(("change", "expected"), BAD_CASES)
def test_bad_file_is_rejected_with_place_and_plain_words(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    problems = problems_for(change)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_listed_at_once() -> None:
    def change(data: dict[str, Any]) -> None:
        data["job"]["title"] = ""
        data["members"][2]["scale"] = "stars"
        data["members"][3]["email"] = "nope"
        data["questions"][0]["answer_minutes"] = 0
        data["candidates"][2]["key"] = "c1"
        data["scores"][0]["value"] = 9

    problems = problems_for(change)
    assert [p.split(":")[0] for p in problems] == [
        "job.title",
        "members[2].scale",
        "members[3].email",
        "questions[0].answer_minutes",
        "candidates[2].key",
        "scores[0].value",
    ]
    assert str(JobFileError(problems)) == "\n".join(problems)


def test_name_given_twice_in_one_block() -> None:
    text = EXAMPLE.read_text().replace(
        '"title": "Support worker', '"title": "Care worker", "title": "Support worker'
    )
    with pytest.raises(JobFileError) as info:
        parse_job_file(text)
    assert info.value.problems == ["job.title: this is given twice. Keep only one."]


def test_nan_is_not_a_number() -> None:
    text = EXAMPLE.read_text().replace('"pace": 1.5', '"pace": NaN')
    with pytest.raises(JobFileError) as info:
        parse_job_file(text)
    assert info.value.problems == [
        "members[1].pace: this is NaN, which is not a number we can use. "
        "Use a number, from 0.5 to 4, like 1.5."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "The file is empty."),
        ("   \n", "The file is empty."),
        ('{"job": {}, }', "line 1, column 13: this is not valid JSON. A name in double quotes"),
        ('{\n  "job": {\n    "ref" "x"\n  }\n}', "line 3, column 11: this is not valid JSON. A co"),
        ('{"job": {"ref": "x"', "line 1, column 20: this is not valid JSON. The file ends too"),
        ('{"a": 1}\n{"b": 2}', "line 2, column 1: this is not valid JSON. There is more after"),
        ("{'job': 1}", "line 1, column 2: this is not valid JSON."),
        ('{"job": "a\nb"}', "line 1, column 11: this is not valid JSON. A line break or tab"),
        ("[1, 2]", "The file must be one { } block with job, members, questions and candidates."),
        ('"hello"', "The file must be one { } block"),
    ],
)
def test_not_json_or_not_a_block(text: str, expected: str) -> None:
    with pytest.raises(JobFileError) as info:
        parse_job_file(text)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(expected), info.value.problems


def test_deep_nesting_is_a_plain_problem() -> None:
    with pytest.raises(JobFileError, match="nested too deeply"):
        parse_job_file("[" * 100_000 + "]" * 100_000)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, prefix + (i,))
    return out


@given(st.sampled_from(_paths(BASE)), JSON_VALUES)
def test_any_value_anywhere_gives_a_result_or_plain_problems(path: tuple, value: Any) -> None:
    data = copy.deepcopy(BASE)
    target: Any = data
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    try:
        parse_job_file(json.dumps(data))
    except JobFileError as e:
        assert e.problems and all(isinstance(p, str) and ": " in p for p in e.problems)


@given(st.text(max_size=60))
def test_any_text_gives_a_result_or_plain_problems(text: str) -> None:
    with pytest.raises(JobFileError) as info:
        parse_job_file(text)
    assert info.value.problems
