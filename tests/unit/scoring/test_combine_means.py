"""The results page's quicker ways give the very same numbers (issue 11): plain sheet
tuples (``combine_means``) the same results as ``SheetIn`` sheets and as single scores,
and each member's leave-one-out score the same float as combining the others afresh,
with every member, group or panel counting the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.scoring import combine
from panels.scoring.combine import (
    MemberIn,
    ScoreIn,
    SheetIn,
    combine_means,
    combine_sheets,
)

VALUES = [0.0, 0.25, 0.5, 0.75, 1.0, 1 / 3, 2 / 3, 0.1, 0.7, None]


@st.composite
def tables(draw: st.DrawFn):
    """Members (with groups and panels), candidates, and each member's mean or None."""
    n = draw(st.integers(1, 7))
    members = [
        MemberIn(
            f"m{i}",
            f"Member {i}",
            draw(st.sampled_from(["lived", "org", None])),
            draw(st.sampled_from(["1", "2", None])),
        )
        for i in range(n)
    ]
    candidates = [(f"c{i}", f"Candidate {i}") for i in range(draw(st.integers(1, 6)))]
    means = {
        (m.key, c): draw(st.sampled_from(VALUES))
        for m in members
        for c, _ in candidates
        if draw(st.booleans())
    }
    return members, candidates, means


RULES = [{}, {"group_parity": True}, {"panel_parity": True}]


@given(tables(), st.sampled_from(RULES))
def test_plain_tuples_give_the_same_results_as_sheets_and_single_scores(table, rule) -> None:
    members, candidates, means = table
    questions = ["q1"]
    sheets = [
        SheetIn(m, c, v, None if v is not None else frozenset({"q1"}))
        for (m, c), v in means.items()
    ]
    tuples = [(s.member, s.candidate, s.mean, s.answered) for s in sheets]
    scores = [ScoreIn(m, c, "q1", v) for (m, c), v in means.items()]
    from_tuples = combine_means(members, candidates, questions, tuples, **rule)
    assert from_tuples == combine_sheets(members, candidates, questions, sheets, **rule)
    assert from_tuples == combine.combine(members, candidates, questions, scores, **rule)


@given(tables(), st.sampled_from(RULES))
def test_each_leave_one_out_score_is_the_others_combined_afresh(table, rule) -> None:
    members, candidates, means = table
    exact = {c: {m.key: means.get((m.key, c)) for m in members} for c, _ in candidates}
    groups = combine._weighting(members, combine.Rule(**rule))
    without = combine._leave_one_out([m.key for m in members], candidates, exact, groups)
    for c, _ in candidates:
        for m in members:
            others = {k: v for k, v in exact[c].items() if k != m.key}
            afresh = combine._pct(combine._combined(others, groups))
            if exact[c][m.key] is None:  # nothing of theirs to leave out
                afresh = combine._pct(combine._combined(exact[c], groups))
            assert without[m.key][c] == afresh, (m.key, c)
            assert str(without[m.key][c]) == str(afresh)  # the same float, sign and all


@pytest.mark.parametrize("sheet", [("b", "c1", 0.5, None), ("a", "c2", 0.5, None)])
def test_a_sheet_naming_a_member_or_candidate_not_known_is_refused(sheet) -> None:
    with pytest.raises(ValueError, match="not known"):
        combine_means([MemberIn("a", "Amira")], [("c1", "Ruth")], ["q1"], [sheet])


@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan")])
def test_a_mean_off_0_to_1_is_refused(bad) -> None:
    with pytest.raises(ValueError, match="must be from 0 to 1"):
        combine_means([MemberIn("a", "Amira")], [("c1", "Ruth")], ["q1"], [("a", "c1", bad, None)])
