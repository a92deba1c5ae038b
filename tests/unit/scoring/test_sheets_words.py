"""The pure parts of score sheets (panels.scoring.sheets): notes, answers, words."""

from __future__ import annotations

import pytest

from panels.models import Question
from panels.scoring import sheets
from panels.scoring.scales import get_scale
from panels.scoring.sheets import DONT_KNOW, PHRASES, ScoringProblem


def _questions() -> list[Question]:
    return [
        Question(id=10, key="q1", easy_read="One?"),
        Question(id=11, key="q2", easy_read="Two?"),
    ]


def test_a_note_splits_into_picked_phrases_and_typed_words_and_back() -> None:
    note = sheets.join_note([PHRASES[2], PHRASES[0], "not a phrase"], "  Good eye contact \n")
    assert note == f"{PHRASES[0]}\n{PHRASES[2]}\nGood eye contact"  # phrases in their order
    assert sheets.split_note(note) == ([PHRASES[0], PHRASES[2]], "Good eye contact")
    assert sheets.split_note("") == ([], "")
    assert sheets.join_note([], "   ") == ""


def test_answers_are_read_on_the_sheets_scale() -> None:
    raw = {"q1": "3", "q2": DONT_KNOW}
    assert sheets.parse_answers(raw, _questions(), get_scale("faces3")) == ({10: 3, 11: None}, {})
    assert sheets.parse_answers({"q1": "", "q2": None}, _questions(), get_scale("faces3")) == (
        {},
        {},
    )
    answers, errors = sheets.parse_answers(
        {"q1": "4", "zz": "1"}, _questions(), get_scale("faces3")
    )
    assert answers == {} and set(errors) == {"q-q1", "q-zz"}
    assert sheets.parse_answers({"q1": 5}, _questions(), get_scale("points5"))[0] == {10: 5}


def test_notes_must_be_plain_text_within_the_limit() -> None:
    assert sheets.check_note(None) == ""
    assert sheets.check_note("  kind  ") == "kind"
    for bad in (3, "a\x00b", "\ud800"):
        with pytest.raises(ScoringProblem) as refused:
            sheets.check_note(bad)
        assert refused.value.errors == {"note": "The note must be text."}
        assert refused.value.status == 400
    with pytest.raises(ScoringProblem):
        sheets.check_note("x" * (sheets.NOTE_MAX + 1))
    assert sheets.check_note("x" * sheets.NOTE_MAX) == "x" * sheets.NOTE_MAX


def test_an_answer_in_words() -> None:
    faces = get_scale("faces3")
    assert sheets.label(faces, None) == "I don't know"
    assert sheets.label(faces, 3) == "Good"
    assert sheets.label(faces, 9) == "9"  # not on the scale: the number as it is


def test_messages_name_the_people_in_plain_words() -> None:
    assert "Ruth" in sheets.seen_message("Ruth")
    assert sheets.tablet_sheet_message("Sam", "Ruth", sent=True).startswith(
        "Sam already sent scores for Ruth."
    )
    assert "started scores for Ruth on a tablet" in sheets.tablet_sheet_message(
        "Sam", "Ruth", sent=False
    )
    assert "Nothing from here was saved" in sheets.conflict_message("Ruth")
