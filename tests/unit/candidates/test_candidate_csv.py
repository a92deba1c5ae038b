import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.candidates.candidate_csv import CandidateCsvError, decode, parse


def test_parses_rows_in_any_column_order():
    rows = parse("Email,NAME\nA@x.org,Amy\n\n,Ben\n")
    assert [(r.row, r.name, r.email) for r in rows] == [(2, "Amy", "a@x.org"), (4, "Ben", "")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("email\nx@y.org\n", "'name' column"),
        ("name,age\nAmy,3\n", "not known: 'age'"),
        ("name\n", "no candidates"),
        ("name\nAmy,extra\n", "Row 2: there are more cells than columns."),
        ("name,phone\nAmy,call me\n", "Row 2: the phone number"),
        ("name\n" + "A" * 201 + "\n", "Row 2: the name is too long"),
        ("name,email\nA,a@x.org\nB,a@x.org\n", "Row 3: the email a@x.org is also on row 2."),
    ],
)
def test_problems_in_plain_words(text, message):
    with pytest.raises(CandidateCsvError) as error:
        parse(text)
    assert any(message in p for p in error.value.problems), error.value.problems


def test_existing_email_and_row_limit():
    with pytest.raises(CandidateCsvError, match="already on this job"):
        parse("name,email\nA,a@x.org\n", existing_emails={"a@x.org"})
    with pytest.raises(CandidateCsvError, match="The most is 2"):
        parse("name\nA\nB\nC\n", max_rows=2)


def test_decode_falls_back_to_latin1():
    assert decode("Zoë".encode("latin-1")) == "Zoë"
    assert decode("\ufeffname".encode()) == "name"


@given(st.text(max_size=300))
def test_never_raises_anything_else(text):
    try:
        parse(text)
    except CandidateCsvError as error:
        assert error.problems
