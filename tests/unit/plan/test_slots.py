"""The rules and words of interview times candidates choose (plain Python)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.lib import easyread
from panels.plan import slots
from panels.plan.planner import Candidate, Question, Settings, plan_day, plan_times

DAY = dt.date(2026, 12, 15)
SETTINGS = Settings(start=dt.time(9, 30))
QUESTIONS = [Question(f"q{i}", "Tell us about a time you helped someone.", None) for i in range(3)]


def _plan(times):
    return plan_times(DAY, SETTINGS, QUESTIONS, [], [1.0], times)


def test_free_times_are_laid_out_like_interviews_so_nobody_moves():
    ruth, dan = Candidate("1", "Ruth"), Candidate("2", "Dan")
    all_booked = plan_day(DAY, SETTINGS, QUESTIONS, [], [1.0], [ruth, Candidate("x", "X"), dan])
    with_free = _plan([ruth, None, dan])
    assert [s.kind for s in with_free.slots if s.kind in ("interview", "free")] == [
        "interview",
        "free",
        "interview",
    ]
    assert [(s.start, s.end) for s in with_free.slots] == [
        (s.start, s.end) for s in all_booked.slots
    ]
    alone = _plan([None, None, dan])
    assert alone.slots[-2].start == with_free.slots[-2].start  # Dan's time did not move


def test_times_are_numbered_from_the_first_of_the_day():
    plan = _plan([None, Candidate("7", "Ruth"), None])
    times = slots.times_of(plan, {"7": 2})
    assert [(t.number, t.candidate_key, t.free) for t in times] == [
        (1, "", True),
        (2, "7", False),
        (3, "", True),
    ]
    assert times[0].start == dt.datetime(2026, 12, 15, 9, 30)
    assert times[0].start < times[1].start < times[2].start


def _times():
    return slots.times_of(_plan([None, Candidate("7", "Ruth"), None]), {"7": 2})


def test_the_cut_off_is_hours_before_the_time_starts():
    start = dt.datetime(2026, 12, 15, 10, 0)
    assert slots.cutoff(start, 24) == dt.datetime(2026, 12, 14, 10, 0)
    assert slots.can_change(start, dt.datetime(2026, 12, 14, 9, 59), 24)
    assert not slots.can_change(start, dt.datetime(2026, 12, 14, 10, 0), 24)
    assert slots.can_change(start, dt.datetime(2026, 12, 15, 9, 59), 0)


def test_choosable_times_are_free_and_before_their_cut_off():
    times = _times()
    early = dt.datetime(2026, 12, 1, 12, 0)
    assert [t.number for t in slots.choosable(times, early, 24)] == [1, 3]
    # On the day, after time 1 has started but before time 3:
    late = times[0].start + dt.timedelta(minutes=1)
    assert [t.number for t in slots.choosable(times, late, 0)] == [3]


@pytest.mark.parametrize(
    ("mine", "wanted", "expected"),
    [
        (None, 1, None),
        (None, 2, slots.TAKEN),
        (None, 9, slots.NOT_A_TIME),
        (None, None, slots.CHOOSE_ONE),
        (2, 2, None),  # a second press: no problem, nothing changes
        (2, 3, None),
        (2, 99, slots.NOT_A_TIME),
    ],
)
def test_what_a_candidate_may_take(mine, wanted, expected):
    times = _times()
    own = next((t for t in times if t.number == mine), None)
    assert slots.problem(times, own, wanted, dt.datetime(2026, 12, 1), 24) == expected


def test_after_the_cut_off_of_their_own_time_a_candidate_cannot_move():
    times = _times()
    own = times[1]
    just_after = slots.cutoff(own.start, 24)
    assert slots.problem(times, own, 3, just_after, 24) == slots.TOO_LATE
    # Nor take a free time whose own cut-off has passed.
    assert slots.problem(times, None, 1, slots.cutoff(times[0].start, 24), 24) == slots.TOO_LATE


@pytest.mark.parametrize(
    ("clock", "words"),
    [
        (dt.time(9, 0), "9 o'clock in the morning"),
        (dt.time(10, 30), "half past 10 in the morning"),
        (dt.time(11, 15), "quarter past 11 in the morning"),
        (dt.time(11, 45), "quarter to 12 in the afternoon"),
        (dt.time(12, 0), "12 o'clock, midday"),
        (dt.time(13, 45), "quarter to 2 in the afternoon"),
        (dt.time(14, 10), "2:10 in the afternoon"),
        (dt.time(17, 30), "half past 5 in the evening"),
        (dt.time(0, 5), "12:05 in the morning"),
    ],
)
def test_time_in_words(clock, words):
    assert slots.time_words(clock) == words


@given(st.times())
def test_every_clock_time_has_words(moment):
    words = slots.time_words(moment.replace(second=0, microsecond=0))
    assert words and "  " not in words


def _sentences() -> list[str]:
    t = _times()[0]
    return [
        slots.TAKEN,
        slots.NOT_A_TIME,
        slots.NOT_OPEN,
        slots.TOO_LATE,
        slots.NO_TIME,
        slots.CHOOSE_ONE,
        slots.time_line(t),
        "Your time is " + slots.time_line(t),
        slots.until_words(t, 24),
        slots.call_words("Alex"),
        slots.call_words(""),
        "Please choose a time for your interview.",
        "There are no free times left.",
        "Choose a time.",
        "Choose a new time.",
        "Choose this time.",
        "Change to this time.",
        "Cancel my time.",
        "This is your time now.",
        "We changed your time.",
        "We cancelled your time. You can choose a new time.",
        "You do not have a time now.",
    ]


@pytest.mark.parametrize("sentence", _sentences())
def test_every_sentence_a_candidate_reads_is_easy_read(sentence):
    report = easyread.check(sentence)
    assert report.ok, [p.message for p in report.problems]
