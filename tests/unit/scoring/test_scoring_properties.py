"""Property tests: every panel member carries the same weight."""

import random
import time
from dataclasses import dataclass, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.scoring.combine import MemberIn, Results, ScoreIn, combine, format_score, results_csv

VALUES = [0.0, 0.25, 0.5, 0.75, 1.0, 1 / 3, 2 / 3, None]


@dataclass
class Case:
    members: list[MemberIn]
    candidates: list[tuple[str, str]]
    questions: list[str]
    scores: list[ScoreIn]


@st.composite
def cases(draw: st.DrawFn, min_members: int = 1) -> Case:
    n = draw(st.integers(min_members, 6))
    groups = draw(st.lists(st.sampled_from(["lived", "org", None]), min_size=n, max_size=n))
    members = [MemberIn(f"m{i}", f"Member {i}", groups[i]) for i in range(n)]
    candidates = [(f"c{i}", f"Candidate {i}") for i in range(draw(st.integers(1, 5)))]
    questions = [f"q{i}" for i in range(draw(st.integers(1, 4)))]
    scores = []
    for m in members:
        for c, _ in candidates:
            for q in questions:
                if draw(st.booleans()):
                    scores.append(ScoreIn(m.key, c, q, draw(st.sampled_from(VALUES))))
    return Case(members, candidates, questions, scores)


def run(case: Case, parity: bool = False) -> Results:
    return combine(case.members, case.candidates, case.questions, case.scores, group_parity=parity)


def summary(r: Results) -> dict[str, tuple]:
    return {
        row.key: (row.rank, row.combined, row.member_scores, row.complete, row.spread, row.tied)
        for row in r.rows
    }


@given(cases(), st.randoms(use_true_random=False), st.booleans())
def test_permuting_members_and_scores_changes_nothing(
    case: Case, rnd: random.Random, parity: bool
) -> None:
    before = run(case, parity)
    shuffled = replace(
        case,
        members=rnd.sample(case.members, len(case.members)),
        scores=rnd.sample(case.scores, len(case.scores)),
    )
    after = run(shuffled, parity)
    assert summary(after) == summary(before)
    assert after.top == before.top
    assert {i.member: (i.top_without, i.changes_top) for i in after.influence} == {
        i.member: (i.top_without, i.changes_top) for i in before.influence
    }


@given(cases(), st.data(), st.integers(2, 5))
def test_answering_more_questions_does_not_add_weight(case: Case, data, k: int) -> None:
    """Repeat one member's answers k times over: their weight stays the same."""
    member = data.draw(st.sampled_from(case.members)).key
    extra = [
        ScoreIn(s.member, s.candidate, f"{s.question}#{j}", s.value)
        for s in case.scores
        if s.member == member
        for j in range(1, k)
    ]
    questions = case.questions + [f"{q}#{j}" for q in case.questions for j in range(1, k)]
    before = run(case)
    after = combine(case.members, case.candidates, questions, case.scores + extra)
    for row in before.rows:
        assert after.row(row.key).combined == row.combined
        assert after.row(row.key).rank == row.rank


@given(cases(min_members=2), st.data())
def test_swapping_two_members_scores_changes_no_combined_score(case: Case, data) -> None:
    """Who gave a set of scores does not matter: members are interchangeable."""
    a, b = data.draw(st.permutations(case.members))[:2]
    swap = {a.key: b.key, b.key: a.key}
    swapped = [replace(s, member=swap.get(s.member, s.member)) for s in case.scores]
    before, after = run(case), run(replace(case, scores=swapped))
    for row in before.rows:
        assert after.row(row.key).combined == row.combined
        assert after.row(row.key).rank == row.rank


@given(cases(), st.data())
def test_each_member_moves_combined_by_exactly_one_share(case: Case, data) -> None:
    """Any one member's scores move a candidate's combined by at most 100/k (k scorers), and
    the most they can move it is the same for every member."""
    member = data.draw(st.sampled_from(case.members)).key
    cand = data.draw(st.sampled_from(case.candidates))[0]
    others = [s for s in case.scores if not (s.member == member and s.candidate == cand)]

    def with_value(v: float) -> float:
        mine = [ScoreIn(member, cand, q, v) for q in case.questions]
        r = combine(case.members, case.candidates, case.questions, others + mine)
        value = r.row(cand).combined
        assert value is not None
        return value, r.row(cand).scored_by

    high, k = with_value(1.0)
    low, _ = with_value(0.0)
    assert abs((high - low) - 100 / k) < 1e-9
    current = run(case).row(cand).combined
    if current is not None:
        assert low - 1e-9 <= current <= high + 1e-9


@given(cases())
def test_combined_lies_between_member_scores_and_spread_is_range(case: Case) -> None:
    for row in run(case).rows:
        given_ = [v for v in row.member_scores.values() if v is not None]
        assert row.scored_by == len(given_)
        if not given_:
            assert row.combined is None and row.rank is None and row.spread is None
            continue
        assert min(given_) - 1e-9 <= row.combined <= max(given_) + 1e-9
        assert abs(row.spread - (max(given_) - min(given_))) < 1e-9
        assert 0 <= row.combined <= 100


@given(cases())
def test_ranks_follow_shown_scores_and_never_break_ties(case: Case) -> None:
    r = run(case)
    ranked = [row for row in r.rows if row.rank is not None]
    shown = {row.key: float(format_score(row.combined)) for row in ranked}
    for row in ranked:
        assert row.rank == 1 + sum(1 for v in shown.values() if v > shown[row.key])
        assert row.tied == (sum(1 for v in shown.values() if v == shown[row.key]) > 1)
    ranks = [row.rank for row in ranked]
    assert ranks == sorted(ranks)
    assert all(row.rank is None for row in r.rows[len(ranked) :])
    assert r.top == [c for c, _ in case.candidates if r.row(c).rank == 1]


@given(cases(), st.booleans())
def test_influence_matches_removing_the_member(case: Case, parity: bool) -> None:
    r = run(case, parity)
    for inf in r.influence:
        rest = replace(
            case,
            members=[m for m in case.members if m.key != inf.member],
            scores=[s for s in case.scores if s.member != inf.member],
        )
        assert inf.top_without == run(rest, parity).top
        assert inf.changes_top == (inf.top_without != r.top)


@given(cases())
def test_parity_with_one_group_or_all_separate_is_the_plain_mean(case: Case) -> None:
    plain = summary(run(case))
    one = [replace(m, group="same") for m in case.members]
    alone = [replace(m, group=m.key) for m in case.members]
    for members in (one, alone):
        r = run(replace(case, members=members), parity=True)
        got = summary(r)
        for key, (rank, combined, *_) in plain.items():
            assert got[key][0] == rank
            assert (combined is None and got[key][1] is None) or abs(got[key][1] - combined) < 1e-9


@given(cases())
def test_group_parity_each_group_equal_weight(case: Case) -> None:
    """With parity, duplicating every member of one group (same scores) changes nothing."""
    r = run(case, parity=True)
    group = case.members[0].group
    copies = [replace(m, key=m.key + "x") for m in case.members if m.group == group]
    copy_keys = {m.key[:-1] for m in copies}
    extra = [replace(s, member=s.member + "x") for s in case.scores if s.member in copy_keys]
    bigger = replace(case, members=case.members + copies, scores=case.scores + extra)
    r2 = run(bigger, parity=True)
    for row in r.rows:
        other = r2.row(row.key).combined
        assert (row.combined is None and other is None) or abs(other - row.combined) < 1e-9


def _big_case(seed: int = 7) -> Case:
    rnd = random.Random(seed)
    members = [MemberIn(f"m{i}", f"Member {i}", "lived" if i < 4 else "org") for i in range(10)]
    candidates = [(f"c{i}", f"Candidate {i}") for i in range(60)]
    questions = [f"q{i}" for i in range(15)]
    scores = [
        ScoreIn(m.key, c, q, rnd.choice([0.0, 0.25, 0.5, 0.75, 1.0, None]))
        for m in members
        for c, _ in candidates
        for q in questions
    ]
    return Case(members, candidates, questions, scores)


@pytest.mark.parametrize("parity", [False, True])
def test_performance_60_candidates_10_members_15_questions(parity: bool) -> None:
    """Correct on a full-size day; the time is printed (see report), not asserted."""
    case = _big_case()
    start = time.perf_counter()
    r = run(case, parity)
    text = results_csv(r)
    took = time.perf_counter() - start
    print(f"combine + csv, 9000 scores, parity={parity}: {took * 1000:.1f} ms")
    assert len(r.rows) == 60 and all(row.complete for row in r.rows)
    assert len(text.splitlines()) == 61
    assert len(r.influence) == 10
