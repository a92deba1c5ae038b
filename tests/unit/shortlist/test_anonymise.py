"""Masking names, emails, phone numbers, dates and ages in application text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.shortlist.anonymise import AGE, DATE, EMAIL, NAME, PHONE, anonymise, name_parts


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Write to sam.jones+jobs@example.co.uk today.", f"Write to {EMAIL} today."),
        ("Call 07700 900123.", f"Call {PHONE}."),
        ("Call +44 (0)113 496 0000 please", f"Call {PHONE} please"),
        ("Ring 0113-496-0000", f"Ring {PHONE}"),
        ("Born 12/03/1990.", f"Born {DATE}."),
        ("On 1990-03-12 I started.", f"On {DATE} I started."),
        ("Since 3rd March 2019 I have", f"Since {DATE} I have"),
        ("From March 12th, 2019 on", f"From {DATE} on"),
        ("In June 2020 I moved.", f"In {DATE} I moved."),
        ("I was born in 1985.", f"I was {DATE}."),
        ("I am 45 years old.", f"I am {AGE}."),
        ("A 30-year-old man.", f"A {AGE} man."),
        ("I'm 52 and well.", f"I'm {AGE} and well."),
        ("Aged 19, I left school.", f"{AGE}, I left school."),
        ("My name is Priya Shah and I care.", f"My name is {NAME} and I care."),
        ("Mrs Okafor was my manager.", f"{NAME} was my manager."),
        ("Dr. Patel wrote to me.", f"{NAME} wrote to me."),
    ],
)
def test_masks(text, masked):
    assert anonymise(text) == masked


def test_the_applicants_own_name_anywhere_in_any_case():
    text = "RUTH here. Ruth Brown loves walks; ruth's friends call her Brownie. Brown is fine."
    out = anonymise(text, ["Ruth Brown"])
    assert "ruth" not in out.lower()
    assert out.count(NAME) == 5
    assert "Brownie" in out  # a longer word is not a name part


def test_ordinary_words_stay():
    text = "I worked there 3 years. I like to listen. I am 100% sure. Maybe in May we meet."
    assert anonymise(text) == text


def test_name_parts_skip_single_letters_and_go_longest_first():
    assert name_parts(["J. R. Tolkien-Smith", "Jo"]) == ["Tolkien-Smith", "Jo"]


_WORDS = st.text(alphabet="abcdefghijklmnop ,.", max_size=60)
_NAME = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=2, max_size=12
)


@given(before=_WORDS, after=_WORDS, user=_NAME, domain=_NAME)
def test_an_email_never_survives(before, after, user, domain):
    email = f"{user}@{domain}.org"
    out = anonymise(f"{before} {email} {after}")
    assert email not in out and EMAIL in out


@given(
    before=_WORDS,
    after=_WORDS,
    digits=st.lists(st.integers(0, 9), min_size=10, max_size=13),
    sep=st.sampled_from(["", " ", "-", "."]),
)
def test_a_phone_number_never_survives(before, after, digits, sep):
    number = "".join(str(d) for d in digits[:5]) + sep + "".join(str(d) for d in digits[5:])
    out = anonymise(f"{before} {number} {after}")
    assert number not in out and PHONE in out


@given(before=_WORDS, after=_WORDS, first=_NAME, last=_NAME)
def test_the_applicants_names_never_survive(before, after, first, last):
    out = anonymise(f"{before} {first} {after} {last.upper()} {after}", [f"{first} {last}"])
    words = set(out.lower().replace(".", " ").replace(",", " ").split())
    assert first.lower() not in words and last.lower() not in words


@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    year=st.integers(1900, 2030),
    style=st.sampled_from(["{d}/{m}/{y}", "{y}-{m:02d}-{d:02d}", "{d}.{m}.{y}"]),
)
def test_a_date_never_survives(day, month, year, style):
    date = style.format(d=day, m=month, y=year)
    out = anonymise(f"It was {date} then.")
    assert str(year) not in out and DATE in out


@given(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3))
def test_any_text_is_taken_and_masking_twice_changes_nothing_more(text, names):
    once = anonymise(text, names)
    assert isinstance(once, str)
    assert anonymise(once, names) == once or NAME in once
