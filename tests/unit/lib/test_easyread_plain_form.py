"""The plain-form measure that `make benchmark` reports beside the checker's figures."""

from panels.lib import easyread


def test_short_everyday_sentences_are_plain_form():
    assert easyread.plain_form("Plan your journey.")
    assert easyread.plain_form("This is not a trick question.")


def test_long_or_uncommon_sentences_are_not_plain_form():
    assert not easyread.plain_form("Reimbursement is contingent on documentation.")
    assert not easyread.plain_form(
        "We will ask you about the things you like to do at home and at work every week."
    )
    assert not easyread.plain_form("")


def test_plain_form_figures_count_each_part_and_section():
    data = {
        "tuning": ["a"],
        "easy_read": [
            {"text": "We will help you.", "source": "a"},
            {"text": "You can bring a friend.", "source": "b"},
        ],
        "standard": [
            {"text": "Plan your journey.", "source": "b"},
            {"text": "Reimbursement is contingent on documentation.", "source": "b"},
        ],
        "interview": [{"text": "Outline your remit.", "source": "a"}],
    }
    figures = easyread.plain_form_figures(data)
    assert figures["tuning"]["easy_read"] == (1, 1, 1)
    assert figures["held_out"]["easy_read"] == (1, 1, 1)
    standard_all, standard_plain, standard_pass = figures["held_out"]["standard"]
    assert (standard_all, standard_plain) == (2, 1)
    assert standard_pass == int(easyread.check("Plan your journey.").ok)
    assert figures["tuning"]["interview"][:2] == (1, 0)
    assert figures["held_out"]["interview"] == (0, 0, 0)
