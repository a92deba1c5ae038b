"""format_score remembers what it worked out: the same words as working it out afresh."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from panels.scoring.combine import format_score


def _afresh(value: float) -> str:
    return str(Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_remembered_scores_read_the_same_as_scores_worked_out_afresh() -> None:
    values = [
        100 * k / (n * top) for top in (1, 2, 4) for n in range(1, 16) for k in range(n * top + 1)
    ]
    values += [62.25, 0.6225 * 100, 6.25, 12.45, 12.35, 99.95, 1e-12, 33.333333333]
    for _ in range(2):  # the second time, every one is remembered
        assert [format_score(v) for v in values] == [_afresh(v) for v in values]
    assert format_score(0.6225 * 100) == "62.3"  # float noise never rounds it down
    assert format_score(6.25) == "6.3"  # half up, where round() says 6.2


def test_zero_whole_numbers_and_none_are_not_mixed_up_with_remembered_floats() -> None:
    assert format_score(50.0) == "50.0"
    assert format_score(50) == "50.0"
    assert format_score(0.0) == "0.0"
    assert format_score(-0.0) == "-0.0"  # as before: 0.0 and -0.0 are equal keys
    assert format_score(None) == ""
