"""Taking a person's details out of free text and JSON."""

from __future__ import annotations

from panels.lib.scrub import Scrub, name_words, phone_forms


def test_names_emails_phones_and_keys_go_whatever_their_case():
    scrub = Scrub(
        "Candidate 7",
        exact=("ruth@example.org", *phone_forms("07700 900123")),
        words=("ruth-jones", *name_words("Ruth Jones")),
    )
    text = "RUTH JONES (ruth@Example.org, 07700900123) said Jones was fine; ruth-jones left."
    assert scrub.text(text) == (
        "Candidate 7 (Candidate 7, Candidate 7) said Candidate 7 was fine; Candidate 7 left."
    )
    assert scrub.value({"a": ["Ruth", 3, None, {"b": "ruth-jones"}]}) == {
        "a": ["Candidate 7", 3, None, {"b": "Candidate 7"}]
    }


def test_parts_of_other_words_are_left_alone():
    scrub = Scrub("X", words=name_words("Ann Lee"))
    assert scrub.text("We planned a truthful annual meeting with Ann.") == (
        "We planned a truthful annual meeting with X."
    )
    assert name_words("Ann Lee") == ("Ann Lee", "Ann", "Lee")
    assert name_words("Jo O'Neil") == ("Jo O'Neil", "Neil")  # two letters are too short


def test_nothing_to_take_changes_nothing():
    assert Scrub("X").text("Anything") == "Anything"
    assert not Scrub("X").found("Anything")
    assert phone_forms("") == ()
