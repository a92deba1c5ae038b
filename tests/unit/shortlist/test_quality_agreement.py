"""What matters to us is agreed by the questions' equal rule: every member's mark counts
the same, and nobody agrees or takes out a quality alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from panels.questions.agreement import status_for, tally

MARKS = st.sampled_from(["keep", "change", "remove"])


@given(st.dictionaries(st.integers(1, 6), MARKS), st.sets(st.integers(1, 6), min_size=1))
def test_agreed_only_when_every_member_keeps_it(marks, members):
    status = status_for(marks, members)
    given_marks = {m: v for m, v in marks.items() if m in members}
    everyone = set(given_marks) == members
    assert (status == "agreed") == (everyone and set(given_marks.values()) == {"keep"})
    assert (status == "removed") == (everyone and set(given_marks.values()) == {"remove"})
    counts = tally(marks, members)
    assert sum(counts.values()) == len(members)


@given(st.sets(st.integers(1, 6), min_size=2), MARKS)
def test_one_member_alone_never_decides(members, mark):
    one = min(members)
    assert status_for({one: mark}, members) == "draft"


def test_marks_of_people_not_on_the_panel_do_not_count():
    assert status_for({1: "keep", 2: "keep", 99: "remove"}, {1, 2}) == "agreed"
    assert status_for({1: "keep"}, set()) == "draft"
