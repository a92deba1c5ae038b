"""One place defines each limit: the columns, the forms, the job file, the CSV and the banks
all agree, and the id and number parsers never let a value past the column's range."""

from __future__ import annotations

import pytest
from wtforms.validators import Length

from panels.auth.forms import SignInForm
from panels.candidates import candidate_csv
from panels.candidates.forms import CandidateForm
from panels.invitations.forms import AdjustmentForm, OutcomeForm
from panels.jobs.forms import JobForm
from panels.lib import limits
from panels.members.forms import MemberForm
from panels.members.preferences_form import PreferencesForm
from panels.models import Candidate, Job, PanelMember, Question, User
from panels.questions import banks
from panels.questions.forms import MarkForm, QuestionForm
from panels.results import jobfile


def _form_max(form_class, name: str) -> int:
    unbound = getattr(form_class, name)
    found = [v.max for v in unbound.kwargs.get("validators", []) if isinstance(v, Length)]
    assert len(found) == 1, f"{form_class.__name__}.{name} has no single length limit"
    return found[0]


def _length(column) -> int:
    return column.property.columns[0].type.length


# (form, field, the column it is saved in)
FORM_COLUMNS = [
    (JobForm, "title", Job.title),
    (JobForm, "ref", Job.ref),
    (CandidateForm, "name", Candidate.name),
    (CandidateForm, "email", Candidate.email),
    (CandidateForm, "phone", Candidate.phone),
    (MemberForm, "name", User.name),
    (MemberForm, "email", User.email),
    (MemberForm, "group", PanelMember.group),
    (SignInForm, "email", User.email),
]

# (form, field, the limit for a Text column, which the database does not bound)
FORM_TEXT = [
    (JobForm, "place", limits.PLACE),
    (JobForm, "contact", limits.CONTACT),
    (CandidateForm, "adjustments", limits.ADJUSTMENTS),
    (PreferencesForm, "about", limits.ABOUT),
    (SignInForm, "password", limits.PASSWORD),
    (QuestionForm, "easy_read", limits.EASY_READ),
    (QuestionForm, "standard", limits.STANDARD),
    (QuestionForm, "follow_up", limits.FOLLOW_UP),
    (QuestionForm, "good_answer", limits.GOOD_ANSWER),
    (MarkForm, "suggestion", limits.EASY_READ),
    (OutcomeForm, "outcome", limits.OUTCOME),
    (OutcomeForm, "feedback", limits.FEEDBACK),
    (AdjustmentForm, "other", limits.ADJUSTMENT_OTHER),
]


@pytest.mark.parametrize(("form", "name", "column"), FORM_COLUMNS)
def test_form_limits_are_the_columns(form, name, column) -> None:
    assert _form_max(form, name) == _length(column)


@pytest.mark.parametrize(("form", "name", "limit"), FORM_TEXT)
def test_form_limits_for_text_columns_come_from_limits(form, name, limit) -> None:
    assert _form_max(form, name) == limit


def test_job_file_limits_are_the_columns() -> None:
    """The bug: the job file allowed a 100-character ref for a 40-character column."""
    assert jobfile.REF_MAX == _length(Job.ref) == 40
    assert jobfile.TITLE_MAX == _length(Job.title)
    assert jobfile.NAME_MAX == _length(User.name) == _length(Candidate.name)
    assert jobfile.GROUP_MAX == _length(PanelMember.group)
    assert jobfile.KEY_MAX == _length(PanelMember.key) == _length(Candidate.key)
    assert jobfile.KEY_MAX == _length(Question.key)
    assert jobfile.EMAIL_MAX == _length(User.email) == _length(Candidate.email)
    assert jobfile.KEY_RE.fullmatch("k" * jobfile.KEY_MAX)
    assert not jobfile.KEY_RE.fullmatch("k" * (jobfile.KEY_MAX + 1))
    assert jobfile.TEXT_MAX == _form_max(QuestionForm, "easy_read")
    assert (jobfile.PACE_MIN, jobfile.PACE_MAX) == (limits.PACE_MIN, limits.PACE_MAX)
    assert jobfile.ANSWER_MINUTES_MAX == banks.MINUTES_MAX == limits.ANSWER_MINUTES_MAX


def test_candidate_csv_limits_are_the_columns() -> None:
    for name in ("name", "email", "phone"):
        assert candidate_csv.LIMITS[name] == _length(getattr(Candidate, name))
    assert candidate_csv.LIMITS["adjustments"] == _form_max(CandidateForm, "adjustments")


def test_bank_questions_fit_a_job_question() -> None:
    assert 2 * banks.SLUG_MAX + 1 <= _length(Question.source)
    assert banks.SLUG_MAX <= _length(Question.key)
    assert banks.EASY_READ_MAX <= _form_max(QuestionForm, "easy_read")
    assert banks.STANDARD_MAX <= _form_max(QuestionForm, "standard")
    assert banks.FOLLOW_UP_MAX <= _form_max(QuestionForm, "follow_up")
    most = banks.GOOD_ANSWER_MAX * (banks.GOOD_ANSWER_ITEM_MAX + 1)  # points and line breaks
    assert most <= _form_max(QuestionForm, "good_answer")
    assert (banks.MINUTES_MIN, banks.MINUTES_MAX) == (
        limits.ANSWER_MINUTES_MIN,
        limits.ANSWER_MINUTES_MAX,
    )


def test_every_string_column_named_in_limits_has_that_length() -> None:
    pairs = {
        limits.EMAIL: [User.email, Candidate.email],
        limits.PERSON_NAME: [User.name, Candidate.name],
        limits.JOB_REF: [Job.ref],
        limits.JOB_TITLE: [Job.title],
        limits.KEY: [PanelMember.key, Candidate.key, Question.key],
        limits.GROUP: [PanelMember.group],
        limits.PHONE: [Candidate.phone],
        limits.SCALE: [User.scale],
        limits.PICTURE: [Question.picture],
        limits.QUESTION_SOURCE: [Question.source],
    }
    for length, columns in pairs.items():
        assert [_length(c) for c in columns] == [length] * len(columns)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (7, 7),
        (str(limits.ID_MAX), limits.ID_MAX),
        (str(limits.ID_MAX + 1), None),
        (str(2**63), None),
        (2**63, None),
        ("1" + "0" * 100, None),
        ("9" * 5000, None),
        ("0", None),
        ("-1", None),
        (-1, None),
        ("+1", None),
        ("1.0", None),
        (1.0, None),
        ("²", None),
        ("١٢", None),
        ("", None),
        (None, None),
        (True, None),
        ([1], None),
        ({"id": 1}, None),
    ],
)
def test_parse_id(value, expected) -> None:
    assert limits.parse_id(value) == expected


def test_parse_int_bounds_and_signs() -> None:
    assert limits.parse_int("-5", -10, 10) == -5
    assert limits.parse_int("-5", 0, 10) is None
    assert limits.parse_int("11", 0, 10) is None
    assert limits.parse_int(False, 0, 10) is None


@pytest.mark.parametrize(
    ("text", "fine"),
    [("Hello", True), ("", True), ("Zoë 😀", True), ("a\x00b", False), ("a\ud800", False)],
)
def test_text_problem(text, fine) -> None:
    assert (limits.text_problem(text) is None) is fine


def test_job_file_with_a_long_ref_is_refused_in_plain_words() -> None:
    text = _example_with(ref="R" * 60)
    with pytest.raises(jobfile.JobFileError) as caught:
        jobfile.parse_job_file(text)
    assert "job.ref: this is 60 characters long. Keep it to 40 or fewer." in caught.value.problems


@pytest.mark.parametrize(
    ("raw", "place"),
    [
        ('"R\\u0000F"', "job.ref: this has a hidden character (NUL) in it"),
        ('"R\\ud800F"', "job.ref: this has a broken character in it"),
    ],
)
def test_job_file_with_text_no_database_holds_is_refused(raw, place) -> None:
    text = _example_with(ref_json=raw)
    with pytest.raises(jobfile.JobFileError) as caught:
        jobfile.parse_job_file(text)
    assert any(p.startswith(place) for p in caught.value.problems), caught.value.problems


def test_job_file_with_a_huge_number_is_refused() -> None:
    text = _example_with(ref_json='"R1"').replace('"group_parity": false', '"x": ' + "9" * 5000)
    with pytest.raises(jobfile.JobFileError) as caught:
        jobfile.parse_job_file(text)
    assert caught.value.problems == ["The file has a number too long to read."]


def _example_with(ref: str | None = None, ref_json: str | None = None) -> str:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "data" / "example_job.json"
    data = json.loads(path.read_text())
    data["job"]["ref"] = "@@REF@@"
    data["job"]["group_parity"] = False
    text = json.dumps(data, indent=2)
    return text.replace('"@@REF@@"', ref_json if ref_json is not None else json.dumps(ref))


def test_score_limits_span_every_scale_and_scale_keys_are_the_scales() -> None:
    """score.value's CHECK is built from SCORE_MIN/SCORE_MAX; user.scale's from ScaleKey."""
    from panels.lib.choices import ScaleKey
    from panels.scoring.scales import SCALES

    assert limits.SCORE_MIN == min(s.lowest for s in SCALES.values())
    assert limits.SCORE_MAX == max(s.highest for s in SCALES.values())
    assert set(ScaleKey) == set(SCALES)
    assert limits.SCALE >= max(len(key) for key in ScaleKey)


def test_day_settings_form_takes_the_day_minutes() -> None:
    from wtforms.validators import NumberRange

    from panels.plan.forms import DaySettingsForm

    for name, (low, high) in limits.DAY_MINUTES.items():
        unbound = getattr(DaySettingsForm, name)
        ranges = [v for v in unbound.kwargs["validators"] if isinstance(v, NumberRange)]
        assert [(r.min, r.max) for r in ranges] == [(low, high)], name
