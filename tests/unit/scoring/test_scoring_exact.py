"""Results exact to one decimal place with float sums (issue 11): hand-worked cases, every
small case against exact fractions, and the summed-sheet way agreeing with the plain way."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from panels.scoring.combine import (
    MemberIn,
    ScoreIn,
    SheetIn,
    combine,
    combine_sheets,
    format_score,
)

MEMBERS = [MemberIn("a", "Amira"), MemberIn("b", "Ben"), MemberIn("c", "Cai")]


def _exact_shown(value: Fraction) -> str:
    """The hand-worked way: the exact fraction, times 100, half up to one place."""
    return str(
        (Decimal(value.numerator) * 100 / Decimal(value.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    )


def test_hand_worked_mean_of_member_means() -> None:
    # Amira (3 faces): Good, OK -> (1 + 0.5) / 2 = 0.75
    # Ben (1 to 5): 5, 4, 1 -> (1 + 0.75 + 0) / 3 = 0.58333...
    # combined = (0.75 + 0.58333...) / 2 = 0.66666... -> 66.7
    scores = [
        ScoreIn("a", "c1", "q1", 1.0),
        ScoreIn("a", "c1", "q2", 0.5),
        ScoreIn("b", "c1", "q1", 1.0),
        ScoreIn("b", "c1", "q2", 0.75),
        ScoreIn("b", "c1", "q3", 0.0),
    ]
    row = combine(MEMBERS[:2], [("c1", "Ruth")], ["q1", "q2", "q3"], scores).row("c1")
    assert f"{row.combined:.10f}" == "66.6666666667"
    assert row.member_scores == {"a": 75.0, "b": row.member_scores["b"]}
    assert f"{row.member_scores['b']:.4f}" == "58.3333"


def test_hand_worked_halfway_cases_round_up() -> None:
    # Amira (1 to 5) on five questions: 5, 5, 2, 1, 1 -> (1 + 1 + 0.25 + 0 + 0) / 5 = 0.45.
    # Ben on one question: 2 -> 0.25. Combined (0.45 + 0.25) / 2 = 0.35 -> 35.0.
    questions = [f"q{i}" for i in range(5)]
    amira = [ScoreIn("a", "c1", q, v) for q, v in zip(questions, (1, 1, 0.25, 0, 0), strict=True)]
    row = combine(
        MEMBERS[:2], [("c1", "Ruth")], questions, [*amira, ScoreIn("b", "c1", "q0", 0.25)]
    )
    assert format_score(row.rows[0].member_scores["a"]) == "45.0"
    assert format_score(row.rows[0].combined) == "35.0"
    # Amira 2, 1, 1, 1, 1 -> 0.25 / 5 = 0.05; Ben 0.25: (0.05 + 0.25) / 2 = 0.15 -> 15.0
    # (the float nearest 0.15 is 0.1499999...; shown half up all the same)
    small = [ScoreIn("a", "c1", q, v) for q, v in zip(questions, (0.25, 0, 0, 0, 0), strict=True)]
    row = combine(
        MEMBERS[:2], [("c1", "Ruth")], questions, [*small, ScoreIn("b", "c1", "q0", 0.25)]
    )
    assert format_score(row.rows[0].combined) == "15.0"
    assert format_score(0.15 * 100) == "15.0"
    assert format_score(100 * (0.1 + 0.2) / 2) == "15.0"  # 14.999999999999998 as a float


def test_every_small_case_matches_exact_fractions() -> None:
    """Two or three members, 1 to 5 questions on 3 faces or 1 to 5: shown scores equal
    the exact fraction rounded half up, for every member and the combined score."""
    steps = {"faces3": (0, 1, 2), "points5": (0, 1, 2, 3, 4)}
    tops = {"faces3": 2, "points5": 4}
    checked = 0
    for n_questions in (1, 3, 5):
        for answers in itertools.product(range(5), repeat=3):
            members = {
                "a": ("faces3", [answers[0] % 3] * n_questions),
                "b": ("points5", [answers[1]] + [0] * (n_questions - 1)),
                "c": ("points5", [answers[2]] * (n_questions - 1) + [4]),
            }
            scores, exact_means = [], []
            for m, (scale, given) in members.items():
                assert all(v in steps[scale] for v in given)
                for q, v in enumerate(given):
                    scores.append(ScoreIn(m, "c1", f"q{q}", v / tops[scale]))
                exact_means.append(Fraction(sum(given), len(given) * tops[scale]))
            questions = [f"q{q}" for q in range(n_questions)]
            row = combine(MEMBERS, [("c1", "Ruth")], questions, scores).rows[0]
            assert format_score(row.combined) == _exact_shown(sum(exact_means) / 3)
            for m, exact in zip("abc", exact_means, strict=True):
                assert format_score(row.member_scores[m]) == _exact_shown(exact)
            checked += 1
    assert checked == 3 * 125


def test_summed_sheets_give_the_same_results_as_single_answers() -> None:
    candidates = [("c1", "Ruth"), ("c2", "Dan"), ("c3", "Lee")]
    questions = ["q1", "q2", "q3"]
    values = {
        ("a", "c1"): [1.0, 0.5, None],
        ("b", "c1"): [0.75, 0.25, 0.5],
        ("a", "c2"): [0.5, 0.5],  # q3 missing
        ("b", "c2"): [None, None, None],
        ("c", "c3"): [1.0, 1.0, 1.0],
    }
    scores, sheets = [], []
    for (m, c), given in values.items():
        scores.extend(ScoreIn(m, c, q, v) for q, v in zip(questions, given, strict=False))
        numbers = [v for v in given if v is not None]
        mean = sum(numbers) / len(numbers) if numbers else None
        answered = None if len(given) == 3 else frozenset(questions[: len(given)])
        sheets.append(SheetIn(m, c, mean, answered))
    plain = combine(MEMBERS, candidates, questions, scores)
    summed = combine_sheets(MEMBERS, candidates, questions, sheets)
    assert summed == plain
    assert plain.row("c2").missing == [("a", "q3"), ("c", "q1"), ("c", "q2"), ("c", "q3")]
    assert plain.row("c3").complete is False and plain.row("c3").combined == 100.0
