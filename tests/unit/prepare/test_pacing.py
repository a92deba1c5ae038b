"""Pacing a preparation meeting like the day plan (panels/prepare/pacing.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from panels.prepare.pacing import (
    DEFAULT_MINUTES,
    Activity,
    PacingError,
    pace_meeting,
    parse_activities,
    slowest,
)

TEN = datetime(2026, 12, 10, 10, 0)


def test_minutes_are_read_from_the_end_of_a_line_and_numbers_inside_stay_words():
    found = parse_activities(
        "Look at question 3\nPractise asking, 20 minutes\n- Tea (10 mins)\n\nRole play 40 min"
    )
    assert found == [
        Activity("Look at question 3", DEFAULT_MINUTES),
        Activity("Practise asking", 20),
        Activity("Tea", 10),
        Activity("Role play", 40),
    ]


@pytest.mark.parametrize("text", ["Talk, 0 minutes", "Talk, 999 minutes"])
def test_impossible_minutes_are_refused_in_plain_words(text):
    with pytest.raises(PacingError, match="between 1 and"):
        parse_activities(text)


def test_too_many_things_are_refused():
    with pytest.raises(PacingError, match="at most"):
        parse_activities("\n".join(f"Thing {n}, 5 minutes" for n in range(21)))


def test_the_slowest_pace_sets_the_time_and_breaks_come_between_activities():
    plan = pace_meeting(
        TEN,
        [Activity("Meet", 15), Activity("Questions", 20), Activity("Practise", 20)],
        pace=1.5,
        break_every=45,
    )
    kinds = [(s.kind, s.words, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in plan.steps]
    assert kinds == [
        ("welcome", "Welcome, and how we are today", "10:00", "10:05"),
        ("activity", "Meet", "10:05", "10:30"),  # 15 x 1.5 = 22.5, rounded up to 25
        ("break", "Break", "10:30", "10:45"),  # 25 + 30 would be more than 45
        ("activity", "Questions", "10:45", "11:15"),
        ("break", "Break", "11:15", "11:30"),
        ("activity", "Practise", "11:30", "12:00"),
    ]
    assert plan.ends == datetime(2026, 12, 10, 12, 0)
    assert plan.minutes == 120 and plan.length_words() == "2 hours"
    assert plan.warnings == ()


def test_no_break_before_the_first_activity_and_a_warning_for_a_long_one():
    plan = pace_meeting(TEN, [Activity("Role play", 60)], pace=1.0, break_every=45)
    assert [s.kind for s in plan.steps] == ["welcome", "activity"]
    assert "more than the time between breaks" in plan.warnings[0]


def test_a_meeting_past_midnight_or_at_an_impossible_pace_is_refused():
    with pytest.raises(PacingError, match="midnight"):
        pace_meeting(datetime(2026, 12, 10, 23, 0), [Activity("Talk", 120)])
    with pytest.raises(PacingError, match="pace"):
        pace_meeting(TEN, [Activity("Talk", 10)], pace=float("nan"))
    with pytest.raises(PacingError, match="pace"):
        pace_meeting(TEN, [Activity("Talk", 10)], pace=9)


def test_slowest_is_the_panels_slowest_within_the_limits():
    assert slowest([1.0, 2.0, 1.5]) == 2.0
    assert slowest([]) == 1.0
    assert slowest([9.0]) == 4.0
