"""Plan an interview day at the panel's pace. Plain Python: no Flask, no database.

The model
---------
**Asking a question** takes ``words / words_per_minute`` minutes (default 130 words a
minute: slow and clear), times the asker's *pace* (1 is usual, 2 is twice as long; from
0.5 to 4), plus a pause (default 10 seconds). If we have *learned timings* for the asker
(the median of at least 3 real timings, see ``learned_ask_seconds``), that number is used
instead of the whole sum: real timings already hold the asker's pace and pauses. A
question nobody is set to ask is planned at the slowest panel member's pace.

**Answering** takes the question's own answer time (default 3 minutes). It is the
candidate's time, so no pace is applied.

**Scoring** happens inside the interview, after each answer to a scored question: the
scoring time (default 1 minute) times the *slowest* panel member's pace, because every
member scores and the slowest sets the pace. Questions not marked for scoring get none.

**Welcome and close** (default 5 minutes each) are fixed minutes. No pace is applied:
the coordinator sets them for this panel.

One interview = welcome + every question (ask + answer + scoring) + close. In the plan,
an interview slot is this rounded *up* to ``round_to_minutes`` (default 5), so the times
candidates are told are round and never too short.

**The day.** The first interview starts at ``start``. Each candidate is asked to arrive
``arrive_before_minutes`` (default 15) before their interview. Between two candidates is
a *change-over* (default 15 minutes): the panel finishes scoring that candidate and
rests a little. The last interview is followed by one more change-over for the last
candidate's scoring; the plan ends when it ends.

**Breaks** come only between candidates, never inside an interview. *Work* means time in
interviews. Before each interview (not the first) we add up the work since the last break
(or since the start). If that plus the next interview is more than ``max_work_minutes``
(default 90), the change-over becomes a *break*: the change-over made longer by
``break_minutes`` (default 15), so the panel still finishes scoring, then rests. The work
count starts again after a break. A change-over that has to be as long as a break anyway
(see "running late") counts as a break.

If one interview is longer than ``max_work_minutes`` on its own, no break can fix that:
the plan says so plainly and suggests fewer questions or a break in the middle.

**Warnings** (plain words) when the interviews add up to more than ``max_day_minutes``
(default 6 hours), when the day from start to end is more than ``max_total_minutes``
(default 8 hours), or when there are more than ``max_interviews`` (default 5) candidates.
A plan never ends after midnight: ``plan_day`` raises ``PlanError`` instead.

**Running late.** ``shift_remaining`` says the interview with one candidate runs
``minutes`` longer (rounded up to ``round_to_minutes``). Earlier slots stay as they were;
every later candidate is laid out again from the new end with the same break rule (the
overrun counts as work). No candidate is ever asked to start earlier than they were told.
"""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Literal

PACE_MIN = 0.5
PACE_MAX = 4.0
# Real timings outside this range (seconds) are mistakes, e.g. a double tap or a button
# left running; they are ignored.
TIMING_MIN_SECONDS = 2.0
TIMING_MAX_SECONDS = 900.0
MIN_TIMINGS = 3


class PlanError(ValueError):
    """The day cannot be planned. ``problems`` lists the reasons in plain words."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Settings:
    """Day settings. Minutes unless the name says otherwise."""

    start: time
    max_work_minutes: int = 90
    break_minutes: int = 15
    changeover_minutes: int = 15
    welcome_minutes: int = 5
    close_minutes: int = 5
    arrive_before_minutes: int = 15
    words_per_minute: int = 130
    pause_seconds: int = 10
    scoring_minutes: float = 1.0
    max_day_minutes: int = 360
    max_interviews: int = 5
    max_total_minutes: int = 480
    round_to_minutes: int = 5


@dataclass(frozen=True)
class Asker:
    """A panel member who asks questions. ``learned_ask_seconds``: from real timings."""

    key: str
    name: str
    pace: float = 1.0
    learned_ask_seconds: float | None = None


@dataclass(frozen=True)
class Question:
    """One interview question. ``asker`` is an ``Asker.key`` or None (not chosen yet)."""

    key: str
    text: str
    asker: str | None
    answer_minutes: float = 3
    scored: bool = True


@dataclass(frozen=True)
class Candidate:
    key: str
    name: str


@dataclass(frozen=True)
class QuestionTime:
    """How long one question takes in the model."""

    key: str
    asker: str  # asker key, "" when nobody is chosen
    words: int
    ask_seconds: float
    learned: bool  # True when ask_seconds comes from real timings
    answer_minutes: float
    scoring_minutes: float
    minutes: float  # ask + answer + scoring


SlotKind = Literal["interview", "break", "change-over", "free"]


@dataclass(frozen=True)
class Slot:
    """A piece of the day. Candidate fields are blank and ``arrive`` None between interviews."""

    kind: SlotKind
    start: datetime
    end: datetime
    candidate_key: str = ""
    candidate: str = ""
    arrive: datetime | None = None

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


@dataclass(frozen=True)
class Plan:
    """A planned day. ``interview_minutes`` is the model's estimate for one interview;
    each interview slot is ``slot_minutes`` (that, rounded up)."""

    slots: tuple[Slot, ...]
    interview_minutes: float
    per_question: tuple[QuestionTime, ...]
    warnings: tuple[str, ...]
    ends: datetime
    slot_minutes: int
    settings: Settings


# --- easy-read words -----------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def minutes_words(m: float) -> str:
    """Minutes in words, rounded to the nearest minute: 80 -> "1 hour 20 minutes".

    Less than 0 counts as 0.
    """
    total = max(0, math.floor(m + 0.5)) if math.isfinite(m) else 0
    hours, mins = divmod(total, 60)
    if hours and mins:
        return f"{_plural(hours, 'hour')} {_plural(mins, 'minute')}"
    if hours:
        return _plural(hours, "hour")
    return _plural(mins, "minute")


def describe_pace(name: str, seconds: float | None) -> str:
    """One easy-read sentence about how long someone takes to ask a question."""
    if seconds is None or not math.isfinite(seconds) or seconds <= 0:
        return f"We do not know yet how long {name} needs to ask a question."
    if seconds < 60:
        secs = max(5, 5 * math.floor(seconds / 5 + 0.5))
        if secs < 60:
            return f"{name} usually needs about {secs} seconds to ask a question."
    return f"{name} usually needs about {minutes_words(seconds / 60)} to ask a question."


def learned_ask_seconds(timings_seconds: Sequence[float]) -> float | None:
    """Median of real asking times, ignoring absurd ones. None with fewer than 3 left."""
    good = [
        float(t)
        for t in timings_seconds
        if isinstance(t, int | float)
        and math.isfinite(t)
        and TIMING_MIN_SECONDS <= t <= TIMING_MAX_SECONDS
    ]
    if len(good) < MIN_TIMINGS:
        return None
    return float(statistics.median(good))


# --- checking input ------------------------------------------------------------------

# field, words, unit, lowest, highest
_LIMITS: tuple[tuple[str, str, str, float, float], ...] = (
    ("max_work_minutes", "The longest time without a break", "minutes", 10, 480),
    ("break_minutes", "The break", "minutes", 1, 240),
    ("changeover_minutes", "The change-over", "minutes", 1, 240),
    ("welcome_minutes", "The welcome", "minutes", 0, 120),
    ("close_minutes", "The close", "minutes", 0, 120),
    ("arrive_before_minutes", "The time candidates arrive early", "minutes", 0, 240),
    ("words_per_minute", "The speaking speed", "words a minute", 20, 400),
    ("pause_seconds", "The pause after each question", "seconds", 0, 600),
    ("scoring_minutes", "The scoring time", "minutes", 0, 60),
    ("max_day_minutes", "The most interview time in a day", "minutes", 30, 1440),
    ("max_total_minutes", "The longest day", "minutes", 30, 1440),
    ("max_interviews", "The most interviews in a day", "interviews", 1, 50),
    ("round_to_minutes", "Rounding times", "minutes", 1, 60),
)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _num(value: float) -> str:
    return f"{value:g}"


def validate_settings(settings: Settings) -> list[str]:
    """Problems with the day settings, in plain words. Empty when all is well."""
    problems: list[str] = []
    if not isinstance(settings.start, time) or isinstance(settings.start, datetime):
        problems.append("The start time is missing. Choose a start time, like 09:30.")
    for field, words, unit, low, high in _LIMITS:
        value = getattr(settings, field)
        if not _is_number(value):
            problems.append(f"{words} must be a number.")
        elif value <= 0 < low:
            problems.append(f"{words} must be more than 0 {unit}.")
        elif value < 0:
            problems.append(f"{words} cannot be less than 0 {unit}.")
        elif not low <= value <= high:
            problems.append(
                f"{words} is {_num(value)} {unit}. It must be from {_num(low)} to "
                f"{_num(high)} {unit}."
            )
    return problems


def _pace_problem(who: str, pace: object) -> str | None:
    if _is_number(pace) and PACE_MIN <= pace <= PACE_MAX:  # type: ignore[operator]
        return None
    shown = _num(pace) if _is_number(pace) else "missing"  # type: ignore[arg-type]
    return (
        f"{who} pace is {shown}. A pace must be from {_num(PACE_MIN)} to {_num(PACE_MAX)}. "
        "1 is usual. 2 means twice as long."
    )


def _input_problems(
    questions: Sequence[Question], askers: dict[str, Asker], panel_paces: Sequence[float]
) -> list[str]:
    problems: list[str] = []
    if not questions:
        problems.append("There are no questions. Add at least 1 question.")
    for asker in askers.values():
        problem = _pace_problem(f"{asker.name}'s", asker.pace)
        if problem:
            problems.append(problem)
        learned = asker.learned_ask_seconds
        if learned is not None and not (
            _is_number(learned) and TIMING_MIN_SECONDS <= learned <= TIMING_MAX_SECONDS
        ):
            problems.append(f"The timings for {asker.name} look wrong. Record them again.")
    for pace in panel_paces:
        problem = _pace_problem("A panel member's", pace)
        if problem:
            problems.append(problem)
    for number, question in enumerate(questions, start=1):
        if question.asker is not None and question.asker not in askers:
            problems.append(
                f"Question {number} is asked by someone who is not on the panel. "
                "Choose who asks it."
            )
        answer = question.answer_minutes
        if not _is_number(answer) or answer <= 0:
            problems.append(f"Question {number} needs more than 0 minutes to answer.")
        elif answer > 60:
            problems.append(
                f"Question {number} has {_num(answer)} minutes to answer. The most is 60 minutes."
            )
    return problems


# --- the interview -------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(text: str) -> int:
    """Words in a question, as a person reading it aloud would count them."""
    return len(_WORD.findall(text))


def _slowest(panel_paces: Sequence[float]) -> float:
    return max(panel_paces, default=1.0)


def interview_minutes(
    questions: Sequence[Question],
    askers: Iterable[Asker],
    panel_paces: Sequence[float],
    settings: Settings,
) -> tuple[float, tuple[QuestionTime, ...]]:
    """Minutes for one interview, and how long each question takes. Raises PlanError."""
    by_key = {a.key: a for a in askers}
    problems = validate_settings(settings) + _input_problems(questions, by_key, panel_paces)
    if problems:
        raise PlanError(problems)
    slowest = _slowest(panel_paces)
    times: list[QuestionTime] = []
    for q in questions:
        asker = by_key.get(q.asker) if q.asker is not None else None
        words = count_words(q.text)
        learned = asker.learned_ask_seconds if asker else None
        if learned is not None:
            ask = float(learned)
        else:
            pace = asker.pace if asker else slowest
            ask = words / settings.words_per_minute * 60 * pace + settings.pause_seconds
        scoring = settings.scoring_minutes * slowest if q.scored else 0.0
        times.append(
            QuestionTime(
                key=q.key,
                asker=asker.key if asker else "",
                words=words,
                ask_seconds=ask,
                learned=learned is not None,
                answer_minutes=float(q.answer_minutes),
                scoring_minutes=scoring,
                minutes=ask / 60 + q.answer_minutes + scoring,
            )
        )
    total = settings.welcome_minutes + sum(t.minutes for t in times) + settings.close_minutes
    return total, tuple(times)


# --- the day -------------------------------------------------------------------------


def _round_up(minutes: float, step: int) -> int:
    # Tiny tolerance so 30.000000001 (float noise) does not become 35.
    return int(math.ceil(minutes / step - 1e-9)) * step


def _lay_out(
    t: datetime,
    work: float,
    items: Sequence[tuple[str, str, float, datetime | None]],
    settings: Settings,
    first: bool,
) -> list[Slot]:
    """Slots for candidates (key, name, minutes, not-before) from ``t``, plus the last
    change-over. ``work``: interview minutes since the last break."""
    changeover = timedelta(minutes=settings.changeover_minutes)
    long_gap = timedelta(minutes=settings.changeover_minutes + settings.break_minutes)
    arrive = timedelta(minutes=settings.arrive_before_minutes)
    slots: list[Slot] = []
    for key, name, length, not_before in items:
        start = t
        if not first:
            need_break = work + length > settings.max_work_minutes
            start = t + (long_gap if need_break else changeover)
            if not_before is not None and not_before > start:
                start = not_before
            if start - t >= long_gap:
                need_break = True
            slots.append(Slot("break" if need_break else "change-over", t, start))
            if need_break:
                work = 0.0
        first = False
        end = start + timedelta(minutes=length)
        slots.append(Slot("interview", start, end, key, name, start - arrive))
        work += length
        t = end
    slots.append(Slot("change-over", t, t + changeover))
    return slots


def _warnings(slots: Sequence[Slot], settings: Settings, slot_minutes: int) -> tuple[str, ...]:
    interviews = [s for s in slots if s.kind == "interview"]
    work = sum(s.minutes for s in interviews)
    total = (slots[-1].end - slots[0].start).total_seconds() / 60
    days = max(
        math.ceil(len(interviews) / settings.max_interviews),
        math.ceil(work / settings.max_day_minutes - 1e-9),
        math.ceil(total / settings.max_total_minutes - 1e-9),
        1,
    )
    think = f"Think about {days} days." if days > 1 else ""
    out: list[str] = []
    if slot_minutes > settings.max_work_minutes:
        out.append(
            f"One interview takes {minutes_words(slot_minutes)}. That is longer than the "
            f"panel should work without a break ({minutes_words(settings.max_work_minutes)}). "
            "Think about fewer questions or a break in the middle."
        )
    if len(interviews) > settings.max_interviews:
        out.append(
            f"This plan has {len(interviews)} interviews. One panel can do about "
            f"{settings.max_interviews} in a day. {think}".strip()
        )
    if work > settings.max_day_minutes:
        out.append(
            f"This plan has {minutes_words(work)} of interviews. That is more than "
            f"{minutes_words(settings.max_day_minutes)} of work in a day. {think}".strip()
        )
    if total > settings.max_total_minutes:
        out.append(
            f"This plan is {minutes_words(total)} from start to end. That is longer than "
            f"{minutes_words(settings.max_total_minutes)}. {think}".strip()
        )
    return tuple(out)


def _check_day(slots: Sequence[Slot], day: date) -> list[str]:
    problems: list[str] = []
    if slots[0].arrive is not None and slots[0].arrive.date() < day:
        problems.append(
            "The first candidate would have to arrive before midnight. Start later in the day."
        )
    if slots[-1].end.date() > day:
        problems.append(
            "This plan would end after midnight. Start earlier, or move some candidates to "
            "another day."
        )
    return problems


def plan_day(
    day: date,
    settings: Settings,
    questions: Sequence[Question],
    askers: Iterable[Asker],
    panel_paces: Sequence[float],
    candidates: Sequence[Candidate],
) -> Plan:
    """Plan the interview day. Raises PlanError with every problem in plain words."""
    askers = list(askers)
    problems = validate_settings(settings)
    problems += _input_problems(questions, {a.key: a for a in askers}, panel_paces)
    if not candidates:
        problems.append("There are no candidates. Add at least 1 candidate.")
    seen: set[str] = set()
    for c in candidates:
        if c.key in seen:
            problems.append(f"{c.name} is in the list of candidates twice.")
        seen.add(c.key)
    if problems:
        raise PlanError(problems)
    minutes, per_question = interview_minutes(questions, askers, panel_paces, settings)
    slot_minutes = _round_up(minutes, settings.round_to_minutes)
    items = [(c.key, c.name, float(slot_minutes), None) for c in candidates]
    slots = _lay_out(datetime.combine(day, settings.start), 0.0, items, settings, first=True)
    problems = _check_day(slots, day)
    if problems:
        raise PlanError(problems)
    return Plan(
        slots=tuple(slots),
        interview_minutes=minutes,
        per_question=per_question,
        warnings=_warnings(slots, settings, slot_minutes),
        ends=slots[-1].end,
        slot_minutes=slot_minutes,
        settings=settings,
    )


FREE_KEY = "free-"  # the candidate key of a free interview time: "free-3" is time 3


def plan_times(
    day: date,
    settings: Settings,
    questions: Sequence[Question],
    askers: Iterable[Asker],
    panel_paces: Sequence[float],
    times: Sequence[Candidate | None],
) -> Plan:
    """The day as fixed interview times that candidates choose: ``times[n]`` is the
    candidate in time ``n + 1``, or None when it is free.

    A free time is laid out like an interview (kind "free", key ``FREE_KEY`` + number),
    so nobody's time moves when another candidate chooses, changes or cancels a time.
    Raises PlanError like ``plan_day``.
    """
    listed = [c or Candidate(f"{FREE_KEY}{n}", "") for n, c in enumerate(times, start=1)]
    plan = plan_day(day, settings, questions, askers, panel_paces, listed)
    slots = tuple(
        replace(s, kind="free")
        if s.kind == "interview" and s.candidate_key.startswith(FREE_KEY)
        else s
        for s in plan.slots
    )
    return replace(plan, slots=slots)


def shift_remaining(plan: Plan, after_candidate_key: str, minutes: float) -> Plan:
    """The interview with this candidate runs ``minutes`` late: move everyone after it.

    Earlier slots do not change. Later candidates are laid out again with the break rule
    and never start earlier than they were told. Raises PlanError in plain words.
    """
    settings = plan.settings
    index = next(
        (
            i
            for i, s in enumerate(plan.slots)
            if s.kind == "interview" and s.candidate_key == after_candidate_key
        ),
        None,
    )
    if index is None:
        raise PlanError(["That candidate is not in this plan."])
    if not _is_number(minutes) or minutes < 0:
        raise PlanError(
            ["Candidates have been told their times. To move them earlier, make a new plan."]
        )
    late = _round_up(minutes, settings.round_to_minutes)
    if late == 0:
        return plan
    current = plan.slots[index]
    moved = Slot(
        "interview",
        current.start,
        current.end + timedelta(minutes=late),
        current.candidate_key,
        current.candidate,
        current.arrive,
    )
    kept = [*plan.slots[:index], moved]
    work = 0.0
    for s in reversed(kept):
        if s.kind == "break":
            break
        if s.kind == "interview":
            work += s.minutes
    later = [
        (s.candidate_key, s.candidate, s.minutes, s.start)
        for s in plan.slots[index + 1 :]
        if s.kind == "interview"
    ]
    slots = kept + _lay_out(moved.end, work, later, settings, first=False)
    day = plan.slots[0].start.date()
    problems = _check_day(slots, day)
    if problems:
        raise PlanError(problems)
    return Plan(
        slots=tuple(slots),
        interview_minutes=plan.interview_minutes,
        per_question=plan.per_question,
        warnings=_warnings(slots, settings, plan.slot_minutes),
        ends=slots[-1].end,
        slot_minutes=plan.slot_minutes,
        settings=settings,
    )


def replan_from(plan: Plan, candidate_key: str, now: datetime) -> Plan:
    """The interview with this candidate is still going at ``now`` (or ended then):
    move later candidates so it can finish. Nothing moves if it is on time."""
    slot = next(
        (s for s in plan.slots if s.kind == "interview" and s.candidate_key == candidate_key),
        None,
    )
    if slot is None:
        raise PlanError(["That candidate is not in this plan."])
    late = (now - slot.end).total_seconds() / 60
    return shift_remaining(plan, candidate_key, max(0.0, late))


# --- export --------------------------------------------------------------------------


def _cell(text: str) -> str:
    # Stop a spreadsheet reading a name like "=SUM(...)" as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def plan_csv(plan: Plan) -> str:
    """The plan as CSV: ``kind,candidate_key,candidate,start,end`` with HH:MM times."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "candidate_key", "candidate", "start", "end"])
    for s in plan.slots:
        writer.writerow(
            [
                s.kind,
                _cell(s.candidate_key),
                _cell(s.candidate),
                s.start.strftime("%H:%M"),
                s.end.strftime("%H:%M"),
            ]
        )
    return out.getvalue()


# --- several panels: a candidate can be in one room at a time ---------------------------


def part_clashes(panel_plans: Sequence[tuple[str, Plan]]) -> list[str]:
    """Plain words for each candidate who would be with two panels at the same time.

    ``panel_plans`` is each panel's name and its plan. A candidate's parts clash when one
    part starts before another ends (back to back is fine). One sentence per candidate,
    in the order of the first panel's plan, naming the first two parts that clash.
    """
    parts: dict[str, list[tuple[str, Slot]]] = {}
    for name, plan in panel_plans:
        for slot in plan.slots:
            if slot.kind == "interview" and slot.candidate_key:
                parts.setdefault(slot.candidate_key, []).append((name, slot))
    out = []
    for theirs in parts.values():
        theirs = sorted(theirs, key=lambda part: part[1].start)
        for (first, a), (second, b) in zip(theirs, theirs[1:], strict=False):
            if b.start < a.end:
                out.append(
                    f"{a.candidate} would be with {first} from {a.start:%H:%M} to "
                    f"{a.end:%H:%M} and with {second} from {b.start:%H:%M} to {b.end:%H:%M}, "
                    "at the same time."
                )
                break
    return out


CLASH_ADVICE = (
    "A candidate can be in one place at a time. Give a panel a later start time on the "
    "Panels page, or change the order of candidates."
)
