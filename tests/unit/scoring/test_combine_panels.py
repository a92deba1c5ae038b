"""Two panels, activities and "I don't know": the equal-weight rule over panels.

Under member parity every member weighs the same, on whichever panel; under panel parity
every panel weighs the same, however many members it has. Either way, the number of
questions or activities a member scores never changes their weight.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.scoring.combine import (
    MemberIn,
    ScoreIn,
    SheetIn,
    combine,
    combine_sheets,
    format_score,
)

OURS, MANAGERS = "ours", "managers"
MEMBERS = [
    MemberIn("sam", "Sam", panel=OURS),
    MemberIn("jo", "Jo", panel=OURS),
    MemberIn("alex", "Alex", panel=MANAGERS),
]
CANDIDATES = [("ruth", "Ruth"), ("dan", "Dan")]
BY_PANEL = {OURS: ["q1", "tea"], MANAGERS: ["q2"]}  # "tea": making a cup of tea with Sam
QUESTIONS = ["q1", "tea", "q2"]
SCORES = [
    # Ruth: Sam 1 and 0.5 -> 0.75; Jo "I don't know" and 1 -> 1.0; Alex 0.25.
    ScoreIn("sam", "ruth", "q1", 1.0),
    ScoreIn("sam", "ruth", "tea", 0.5),
    ScoreIn("jo", "ruth", "q1", None),
    ScoreIn("jo", "ruth", "tea", 1.0),
    ScoreIn("alex", "ruth", "q2", 0.25),
    # Dan: Sam 0.5 and 0.5 -> 0.5; Jo 0.5 and 0 -> 0.25; Alex 1.0.
    ScoreIn("sam", "dan", "q1", 0.5),
    ScoreIn("sam", "dan", "tea", 0.5),
    ScoreIn("jo", "dan", "q1", 0.5),
    ScoreIn("jo", "dan", "tea", 0.0),
    ScoreIn("alex", "dan", "q2", 1.0),
]


def _run(panel_parity: bool, scores=SCORES):
    return combine(
        MEMBERS,
        CANDIDATES,
        QUESTIONS,
        scores,
        panel_parity=panel_parity,
        questions_by_panel=BY_PANEL,
    )


def test_every_member_counts_the_same_across_two_panels():
    results = _run(panel_parity=False)
    ruth, dan = results.row("ruth"), results.row("dan")
    # Ruth (0.75 + 1.0 + 0.25) / 3 = 66.67; Dan (0.5 + 0.25 + 1.0) / 3 = 58.33.
    assert format_score(ruth.combined) == "66.7"
    assert format_score(dan.combined) == "58.3"
    assert results.top == ["ruth"]
    assert ruth.member_scores == {"sam": 75.0, "jo": 100.0, "alex": 25.0}
    # Side by side: each panel's mean of its members' scores.
    assert ruth.panel_scores == {OURS: 87.5, MANAGERS: 25.0}
    assert dan.panel_scores == {OURS: 37.5, MANAGERS: 100.0}
    assert results.panels == {OURS: ["sam", "jo"], MANAGERS: ["alex"]}
    assert not results.panel_parity


def test_every_panel_counts_the_same_and_the_top_changes():
    results = _run(panel_parity=True)
    ruth, dan = results.row("ruth"), results.row("dan")
    # Ruth (87.5 + 25) / 2 = 56.25 -> 56.3; Dan (37.5 + 100) / 2 = 68.75 -> 68.8.
    assert format_score(ruth.combined) == "56.3"
    assert format_score(dan.combined) == "68.8"
    assert results.top == ["dan"]
    assert ruth.group_scores == {OURS: 87.5, MANAGERS: 25.0}
    assert results.panel_parity and not results.group_parity
    assert results.groups == {OURS: ["sam", "jo"], MANAGERS: ["alex"]}


def test_i_dont_know_is_answered_and_each_member_only_owes_their_panels_questions():
    results = _run(panel_parity=False)
    assert results.row("ruth").complete and results.row("dan").complete
    without_alex = [s for s in SCORES if not (s.member == "alex" and s.candidate == "dan")]
    dan = _run(False, without_alex).row("dan")
    assert dan.missing == [("alex", "q2")]
    assert format_score(dan.combined) == "37.5"  # Sam and Jo only: (0.5 + 0.25) / 2


def test_a_score_for_another_panels_question_is_ignored():
    extra = [*SCORES, ScoreIn("alex", "ruth", "tea", 1.0), ScoreIn("sam", "ruth", "q2", 0.0)]
    assert _run(False, extra).row("ruth") == _run(False).row("ruth")
    assert _run(True, extra).row("ruth") == _run(True).row("ruth")


def test_sheets_combine_the_same_way():
    sheets = [
        SheetIn("sam", "ruth", 0.75),
        SheetIn("jo", "ruth", 1.0),
        SheetIn("alex", "ruth", 0.25),
    ]
    results = combine_sheets(
        MEMBERS, CANDIDATES[:1], QUESTIONS, sheets, panel_parity=True, questions_by_panel=BY_PANEL
    )
    assert format_score(results.row("ruth").combined) == "56.3"
    assert results.row("ruth").complete


def test_group_and_panel_parity_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        combine(MEMBERS, CANDIDATES, QUESTIONS, SCORES, group_parity=True, panel_parity=True)


def test_one_panel_changes_nothing():
    """Members with no panel, no questions by panel: exactly as before panels."""
    plain = [MemberIn(m.key, m.name) for m in MEMBERS]
    scores = [s for s in SCORES if s.question != "q2"]
    before = combine(plain, CANDIDATES, ["q1", "tea"], scores)
    after = combine(
        plain, CANDIDATES, ["q1", "tea"], scores, questions_by_panel={"": ["q1", "tea"]}
    )
    assert [r.combined for r in before.rows] == [r.combined for r in after.rows]
    assert before.row("ruth").panel_scores == {"": before.row("ruth").combined}


# --- properties ------------------------------------------------------------------------

VALUES = [0.0, 0.25, 0.5, 0.75, 1.0, 1 / 3, 2 / 3, None]


@st.composite
def panel_cases(draw):
    """Two or three panels, each with 1-4 members and 1-4 questions or activities of its
    own; one candidate; every member answers every one of their panel's (some "I don't
    know")."""
    panels = [f"p{i}" for i in range(draw(st.integers(2, 3)))]
    members: list[MemberIn] = []
    by_panel: dict[str, list[str]] = {}
    scores: list[ScoreIn] = []
    for p in panels:
        by_panel[p] = [f"{p}q{j}" for j in range(draw(st.integers(1, 4)))]
        for i in range(draw(st.integers(1, 4))):
            member = MemberIn(f"{p}m{i}", f"Member {p}{i}", panel=p)
            members.append(member)
            for q in by_panel[p]:
                scores.append(ScoreIn(member.key, "c", q, draw(st.sampled_from(VALUES))))
    return members, by_panel, scores


def _combined(members, by_panel, scores, panel_parity):
    questions = [q for qs in by_panel.values() for q in qs]
    results = combine(
        members,
        [("c", "C")],
        questions,
        scores,
        panel_parity=panel_parity,
        questions_by_panel=by_panel,
    )
    return results.row("c")


def _mean(values):
    values = [v for v in values if v is not None]
    return math.fsum(values) / len(values) if values else None


def _member_means(members, scores):
    return {m.key: _mean(s.value for s in scores if s.member == m.key) for m in members}


@given(panel_cases())
def test_member_parity_is_the_mean_of_member_scores_whatever_the_panels(case):
    members, by_panel, scores = case
    expected = _mean(_member_means(members, scores).values())
    got = _combined(members, by_panel, scores, panel_parity=False).combined
    assert (got is None) == (expected is None)
    if expected is not None:
        assert got == pytest.approx(expected * 100)


@given(panel_cases())
def test_panel_parity_is_the_mean_of_panel_scores_whatever_their_size(case):
    members, by_panel, scores = case
    means = _member_means(members, scores)
    panel_means = [_mean(means[m.key] for m in members if m.panel == p) for p in by_panel]
    expected = _mean(panel_means)
    got = _combined(members, by_panel, scores, panel_parity=True).combined
    assert (got is None) == (expected is None)
    if expected is not None:
        assert got == pytest.approx(expected * 100)


@given(panel_cases(), st.data(), st.integers(2, 4), st.booleans())
def test_more_questions_or_activities_on_one_panel_add_no_weight(case, data, k, parity):
    """Each answer on one panel repeated k times as new activities: nothing changes."""
    members, by_panel, scores = case
    panel = data.draw(st.sampled_from(sorted(by_panel)))
    on_panel = {m.key for m in members if m.panel == panel}
    more = {**by_panel, panel: [f"{q}#{j}" for q in by_panel[panel] for j in range(k)]}
    repeated = [s for s in scores if s.member not in on_panel] + [
        ScoreIn(s.member, s.candidate, f"{s.question}#{j}", s.value)
        for s in scores
        if s.member in on_panel
        for j in range(k)
    ]
    before = _combined(members, by_panel, scores, parity)
    after = _combined(members, more, repeated, parity)
    assert format_score(after.combined) == format_score(before.combined)
    assert after.complete == before.complete


@given(panel_cases(), st.data(), st.integers(2, 4))
def test_under_panel_parity_a_bigger_panel_weighs_no_more(case, data, copies):
    """Every member of one panel copied (same scores): the panel's weight stays the same."""
    members, by_panel, scores = case
    panel = data.draw(st.sampled_from(sorted(by_panel)))
    clones = [
        MemberIn(f"{m.key}~{j}", m.name, panel=m.panel)
        for m in members
        if m.panel == panel
        for j in range(1, copies)
    ]
    clone_scores = [
        ScoreIn(c.key, s.candidate, s.question, s.value)
        for c in clones
        for s in scores
        if s.member == c.key.split("~")[0]
    ]
    before = _combined(members, by_panel, scores, True)
    after = _combined(members + clones, by_panel, scores + clone_scores, True)
    assert format_score(after.combined) == format_score(before.combined)
