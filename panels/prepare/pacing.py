"""Pace a preparation meeting like the day plan: each thing we will do takes its time at
the slowest member's pace, with a break whenever the work since the last break would go
past ``break_every`` minutes. Plain Python: no Flask, no database.

"What we will do" is written one thing a line. A line may end with its minutes
("Practise asking questions, 20 minutes"); a line without minutes gets
``DEFAULT_MINUTES``. Times are rounded up to ``ROUND_TO`` minutes, so nobody is rushed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from panels.plan.planner import PACE_MAX, PACE_MIN, minutes_words

DEFAULT_MINUTES = 15
MAX_ACTIVITY_MINUTES = 240
MAX_ACTIVITIES = 20
BREAK_MINUTES = 15
ROUND_TO = 5
WELCOME_MINUTES = 5

_MINUTES = re.compile(
    r"^(?P<words>.*?)[\s,:;.\-–—(]*(?P<n>\d{1,3})\s*(?:minutes?|mins?)\)?\s*$", re.I
)


class PacingError(ValueError):
    """What we will do cannot be planned: the message says why, in plain words."""


@dataclass(frozen=True)
class Activity:
    words: str
    minutes: int


@dataclass(frozen=True)
class Step:
    kind: Literal["welcome", "activity", "break"]
    words: str
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class MeetingPlan:
    steps: tuple[Step, ...]
    ends: datetime
    warnings: tuple[str, ...]

    @property
    def minutes(self) -> int:
        if not self.steps:
            return 0
        return int((self.ends - self.steps[0].start).total_seconds() // 60)

    def length_words(self) -> str:
        return minutes_words(self.minutes)


def parse_activities(text: str) -> list[Activity]:
    """One activity a line; its minutes from the end of the line, if given."""
    found: list[Activity] = []
    for raw in text.splitlines():
        line = raw.strip(" \t-•*")
        if not line:
            continue
        match = _MINUTES.match(line)
        if match and match.group("words").strip():
            minutes = int(match.group("n"))
            words = match.group("words").strip()
        else:
            minutes, words = DEFAULT_MINUTES, line
        if not 1 <= minutes <= MAX_ACTIVITY_MINUTES:
            raise PacingError(f"“{words}” must take between 1 and {MAX_ACTIVITY_MINUTES} minutes.")
        found.append(Activity(words, minutes))
    if len(found) > MAX_ACTIVITIES:
        raise PacingError(f"Plan at most {MAX_ACTIVITIES} things for one meeting.")
    return found


def _round_up(minutes: float) -> int:
    return max(ROUND_TO, math.ceil(minutes / ROUND_TO - 1e-9) * ROUND_TO)


def slowest(paces: Sequence[float]) -> float:
    """The slowest pace on the panel (1 if nobody is on it), kept within the limits."""
    pace = max(paces, default=1.0)
    return min(max(pace, PACE_MIN), PACE_MAX)


def pace_meeting(
    start: datetime,
    activities: Sequence[Activity],
    pace: float = 1.0,
    break_every: int = 45,
    break_minutes: int = BREAK_MINUTES,
) -> MeetingPlan:
    """The meeting laid out: a welcome, then each activity at ``pace``, with breaks."""
    if not math.isfinite(pace) or not PACE_MIN <= pace <= PACE_MAX:
        raise PacingError(f"The pace must be between {PACE_MIN:g} and {PACE_MAX:g}.")
    if break_every < 1:
        raise PacingError("Breaks must come after at least 1 minute.")
    steps = [
        Step("welcome", "Welcome, and how we are today", start, start + _mins(WELCOME_MINUTES))
    ]
    t, work, warnings = steps[0].end, 0, []
    for activity in activities:
        length = _round_up(activity.minutes * pace)
        if work and work + length > break_every:
            steps.append(Step("break", "Break", t, t + _mins(break_minutes)))
            t, work = steps[-1].end, 0
        if length > break_every:
            warnings.append(
                f"“{activity.words}” takes {minutes_words(length)}: more than the time "
                f"between breaks. Split it in two, or plan a break in the middle."
            )
        steps.append(Step("activity", activity.words, t, t + _mins(length)))
        t, work = steps[-1].end, work + length
    if t.date() != start.date():
        raise PacingError("The meeting would go past midnight. Start earlier or plan less.")
    return MeetingPlan(tuple(steps), t, tuple(warnings))


def _mins(n: float) -> timedelta:
    return timedelta(minutes=n)
