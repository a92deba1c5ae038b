"""Interview times candidates choose: the rules and the words. Plain Python: no Flask,
no database.

A day planned with times (``planner.plan_times``) has slots of kind "interview" (a
candidate has that time) and "free". ``times_of`` numbers them: time 1 is the first of
the day. A candidate may choose, change or cancel a time until the *cut-off*: a number
of hours before the time starts (of the time they leave and of the time they take).
After that only the coordinator can move them, and the page says who to call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from panels.plan.planner import FREE_KEY, Plan

# Messages (plain words; checked by the easy-read checker in the tests).
TAKEN = "Sorry. Someone else chose that time just now. Please choose another time."
NOT_A_TIME = "That is not one of the times for this interview. Please choose a time from the list."
NOT_OPEN = "You cannot choose your own time for this interview."
TOO_LATE = "It is too late to change your time here."
NO_TIME = "You do not have a time yet."
CHOOSE_ONE = "Choose a time from the list."


@dataclass(frozen=True)
class Time:
    """One interview time of the day. ``candidate_key`` is "" when the time is free."""

    number: int
    start: datetime
    end: datetime
    arrive: datetime | None
    candidate_key: str = ""

    @property
    def free(self) -> bool:
        return not self.candidate_key


def times_of(plan: Plan, numbers: Mapping[str, int]) -> list[Time]:
    """The plan's interview times in day order. ``numbers``: each booked candidate's
    time number by candidate key (free times carry theirs in their key)."""
    out: list[Time] = []
    for s in plan.slots:
        if s.kind == "free" and s.candidate_key.startswith(FREE_KEY):
            number = int(s.candidate_key[len(FREE_KEY) :])
            out.append(Time(number, s.start, s.end, s.arrive))
        elif s.kind == "interview" and s.candidate_key in numbers:
            out.append(Time(numbers[s.candidate_key], s.start, s.end, s.arrive, s.candidate_key))
    return out


def cutoff(start: datetime, hours: int) -> datetime:
    """The last moment a candidate can change this time themselves."""
    return start - timedelta(hours=hours)


def can_change(start: datetime, now: datetime, hours: int) -> bool:
    """True until the cut-off of a time that starts at ``start``."""
    return now < cutoff(start, hours)


def choosable(times: Sequence[Time], now: datetime, hours: int) -> list[Time]:
    """Free times a candidate can still choose."""
    return [t for t in times if t.free and can_change(t.start, now, hours)]


def problem(
    times: Sequence[Time], mine: Time | None, wanted: int | None, now: datetime, hours: int
) -> str | None:
    """Why a candidate cannot take time number ``wanted`` now (None: they can).

    ``mine`` is the time they have now (or None). Taking the time they already have is
    no problem: a second press of the same button changes nothing.
    """
    if mine is not None and not can_change(mine.start, now, hours):
        return TOO_LATE
    if wanted is None:
        return CHOOSE_ONE
    if mine is not None and mine.number == wanted:
        return None
    found = next((t for t in times if t.number == wanted), None)
    if found is None:
        return NOT_A_TIME
    if not found.free:
        return TAKEN
    if not can_change(found.start, now, hours):
        return TOO_LATE
    return None


# --- words -----------------------------------------------------------------------------


def _part_of_day(hour: int) -> str:
    if hour < 12:
        return "in the morning"
    if hour < 17:
        return "in the afternoon"
    return "in the evening"


def time_words(moment: time) -> str:
    """A clock time as it is said, with numbers (easy-read): 10:30 -> "half past 10 in
    the morning". O'clock, quarter past, half past and quarter to; other times like
    "2:10 in the afternoon".
    """
    hour, minute = moment.hour, moment.minute
    if hour == 12 and minute == 0:
        return "12 o'clock, midday"
    part = _part_of_day(hour)
    name = str(hour % 12 or 12)
    if minute == 0:
        return f"{name} o'clock {part}"
    if minute == 15:
        return f"quarter past {name} {part}"
    if minute == 30:
        return f"half past {name} {part}"
    if minute == 45:
        next_name = str((hour + 1) % 12 or 12)
        return f"quarter to {next_name} {_part_of_day((hour + 1) % 24)}"
    return f"{name}:{minute:02d} {part}"


def day_words(day: date) -> str:
    """A date in words, like Tuesday 15 December."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"


def time_line(t: Time) -> str:
    """One time, for the list a candidate chooses from."""
    return (
        f"{day_words(t.start.date())}, {t.start:%H:%M} to {t.end:%H:%M}. "
        f"That is {time_words(t.start.time())}."
    )


def until_words(t: Time, hours: int) -> str:
    """Until when a candidate can change or cancel this time."""
    last = cutoff(t.start, hours)
    return f"You can change or cancel this time until {day_words(last.date())} at {last:%H:%M}."


def call_words(contact: str) -> str:
    """Who to call after the cut-off, in plain words."""
    if contact.strip():
        return f"To change your time now, please call {contact.strip()}."
    return "To change your time now, please call the person who sent you the link."
