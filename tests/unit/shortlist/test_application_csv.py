"""Reading a CSV file of applications (the candidates file's way)."""

from __future__ import annotations

import pytest

from panels.shortlist.application_csv import CandidateCsvError, decode, parse


def test_rows_with_answers_and_the_guaranteed_tick():
    text = (
        "Name,Email,Phone,Guaranteed,Answer 1,answer_2\n"
        "Kim Lee,KIM@example.net,0113 496 0000,yes,I am kind.,I helped.\n"
        "Sol Park,,,no,,\n"
    )
    rows = parse(text, 2)
    assert [(r.name, r.email, r.guaranteed, r.answers) for r in rows] == [
        ("Kim Lee", "kim@example.net", True, ("I am kind.", "I helped.")),
        ("Sol Park", "", False, ("", "")),
    ]


def test_every_problem_is_listed_and_nothing_is_taken():
    text = (
        "name,email,guaranteed\n"
        ",bad-email,maybe\n"
        "Ann,a@example.net,\n"
        "Bo,a@example.net,\n"
        "<b>Cy</b>,taken@example.net,\n"
    )
    with pytest.raises(CandidateCsvError) as error:
        parse(text, 1, existing_emails={"taken@example.net"})
    problems = error.value.problems
    assert "Row 2: the name is empty." in problems
    assert any("Row 2: the email 'bad-email'" in p for p in problems)
    assert "Row 2: write yes or no in the guaranteed column." in problems
    assert "Row 4: the email a@example.net is also on row 3." in problems
    assert "Row 5: the name cannot have < or > in it." in problems
    assert "Row 5: an application from taken@example.net is already on this job." in problems


def test_unknown_columns_answers_past_the_form_and_long_text():
    with pytest.raises(CandidateCsvError, match="not known"):
        parse("name,age\nAnn,44\n", 1)
    with pytest.raises(CandidateCsvError, match="so there is no answer 3"):
        parse("name,answer 3\nAnn,x\n", 2)
    with pytest.raises(CandidateCsvError, match="too long"):
        parse("name,answer 1\nAnn," + "x" * 5001 + "\n", 1)
    with pytest.raises(CandidateCsvError, match="empty"):
        parse("", 1)


def test_decode_takes_utf8_with_a_mark_and_latin1():
    assert decode("\ufeffname\nZoë\n".encode()) == "name\nZoë\n"
    assert decode("name\nZoë\n".encode("latin-1")) == "name\nZoë\n"
