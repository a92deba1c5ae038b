"""Reading the day plan: settings, candidate order, real timings, the plan with its
running-late shifts, and who is running late now.

Other areas call ``current_plan(job)`` and ``candidate_times(job, candidate)``. With more
than one panel, each panel has its own plan (``panel=``: its questions or activities, its
members' pace, its start time); ``panel_parts`` gives a candidate each panel's times.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from panels.db import db
from panels.live.queries import lives_for
from panels.models import (
    BookingJob,
    Candidate,
    DaySettings,
    Job,
    Panel,
    PlanShift,
    Question,
    QuestionTiming,
    SlotBooking,
)
from panels.plan import planner
from panels.questions.queries import agreed_questions, has_drafts

DEFAULTS = planner.Settings(start=time(9, 30))


def candidates_for(job: Job) -> list[Candidate]:
    """The job's candidates in interview order."""
    return list(
        db.session.scalars(
            select(Candidate)
            .where(Candidate.job_id == job.id)
            .order_by(Candidate.position, Candidate.id)
        )
    )


def stored_settings(job: Job) -> DaySettings | None:
    """The day settings the coordinator saved, or None before the first save."""
    return db.session.get(DaySettings, job.id)


def day_settings(job: Job) -> DaySettings:
    """The stored settings, or unsaved defaults (start time from the job)."""
    found = stored_settings(job)
    if found is not None:
        return found
    return DaySettings(
        job_id=job.id, start=job.start_time or DEFAULTS.start, end_by=None, **_minutes(DEFAULTS)
    )


# The day settings (minutes) a coordinator saves that the planner reads under the same names.
MINUTE_SETTINGS = (
    "max_work_minutes",
    "break_minutes",
    "changeover_minutes",
    "welcome_minutes",
    "close_minutes",
    "arrive_before_minutes",
)


def _minutes(settings: DaySettings | planner.Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in MINUTE_SETTINGS}


def planner_settings(row: DaySettings) -> planner.Settings:
    return planner.Settings(start=row.start, **_minutes(row))


def learned_seconds(user_id: int) -> float | None:
    """This person's usual asking time, from every job they asked questions in."""
    rows = db.session.scalars(
        select(QuestionTiming.ask_seconds).where(
            QuestionTiming.user_id == user_id, QuestionTiming.ask_seconds.is_not(None)
        )
    )
    return planner.learned_ask_seconds([float(s) for s in rows if s is not None])


@dataclass(frozen=True)
class AskerPace:
    name: str
    pace: float
    learned_seconds: float | None
    words: str


def askers_for(job: Job, questions: list[Question]) -> list[planner.Asker]:
    ids = {q.asker_id for q in questions if q.asker_id is not None}
    members = [m for m in job.members if m.id in ids]
    return [
        planner.Asker(
            key=str(m.id),
            name=m.user.name,
            pace=m.user.pace,
            learned_ask_seconds=learned_seconds(m.user_id),
        )
        for m in members
    ]


def pace_words(job: Job) -> list[AskerPace]:
    """One easy-read sentence per asker about how long they need to ask a question."""
    questions = agreed_questions(job)
    return [
        AskerPace(
            a.name,
            a.pace,
            a.learned_ask_seconds,
            planner.describe_pace(a.name, a.learned_ask_seconds),
        )
        for a in askers_for(job, questions)
    ]


def booking_settings(job: Job) -> BookingJob | None:
    """The job's interview times settings; None when the day goes in candidate order."""
    return db.session.get(BookingJob, job.id)


def bookings_for(job: Job) -> list[SlotBooking]:
    """Who has which interview time, in time order."""
    return list(
        db.session.scalars(
            select(SlotBooking).where(SlotBooking.job_id == job.id).order_by(SlotBooking.slot)
        )
    )


def _in_times(job: Job, times: BookingJob) -> list[planner.Candidate | None]:
    """Each interview time's candidate (None: free). Bookings past the number of times
    cannot happen (saving fewer times refuses), but would be left out, not lost."""
    by_slot = {b.slot: b.candidate_id for b in bookings_for(job)}
    names = {c.id: c.name for c in job.candidates}
    out: list[planner.Candidate | None] = []
    for number in range(1, times.slots + 1):
        cid = by_slot.get(number)
        out.append(planner.Candidate(str(cid), names[cid]) if cid in names else None)
    return out


def panel_questions(job: Job, panel: Panel | None = None) -> list[Question]:
    """The interview list of one panel (every agreed question when ``panel`` is None)."""
    return [q for q in agreed_questions(job) if panel is None or q.panel_id == panel.id]


def base_plan(job: Job, panel: Panel | None = None) -> planner.Plan:
    """The plan before any running-late shifts: the job's, or one panel's (its questions
    and activities, its members, its start time). Raises planner.PlanError.

    With interview times (``booking_settings``) the day is the times, booked or free;
    otherwise every candidate in order."""
    questions = panel_questions(job, panel)
    row = day_settings(job)
    settings = planner_settings(row)
    if panel is not None and panel.start_time is not None:
        settings = replace(settings, start=panel.start_time)
    members = [m for m in job.members if panel is None or m.panel_id == panel.id]
    day = (
        job.interview_date,
        settings,
        _planner_questions(questions),
        askers_for(job, questions),
        [m.user.pace for m in members],
    )
    times = booking_settings(job)
    if times is not None:
        return planner.plan_times(*day, _in_times(job, times))
    candidates = [planner.Candidate(key=str(c.id), name=c.name) for c in candidates_for(job)]
    return planner.plan_day(*day, candidates)


def _planner_questions(questions: list[Question]) -> list[planner.Question]:
    return [
        planner.Question(
            key=str(q.id),
            text=q.easy_read,
            asker=str(q.asker_id) if q.asker_id is not None else None,
            answer_minutes=q.answer_minutes,
            scored=q.scored,
        )
        for q in questions
    ]


def shifts_for(job: Job) -> list[PlanShift]:
    return list(
        db.session.scalars(
            select(PlanShift).where(PlanShift.job_id == job.id).order_by(PlanShift.id)
        )
    )


def apply_shifts(plan: planner.Plan, shifts: list[PlanShift]) -> planner.Plan:
    for shift in shifts:
        try:
            plan = planner.shift_remaining(plan, str(shift.candidate_id), shift.minutes)
        except planner.PlanError:
            continue  # that candidate has left the plan; the shift no longer applies
    return plan


def plan_or_problems(job: Job, panel: Panel | None = None) -> tuple[planner.Plan | None, list[str]]:
    """The current plan (shifts applied), or the reasons it cannot be made."""
    try:
        plan = base_plan(job, panel)
    except planner.PlanError as error:
        return None, [_explain(problem, job) for problem in error.problems]
    return apply_shifts(plan, shifts_for(job)), []


def _explain(problem: str, job: Job) -> str:
    """Say why there are no questions when some are written but not agreed yet."""
    if problem.startswith("There are no questions") and has_drafts(job):
        return (
            "No questions are agreed yet. The panel agrees questions on the Questions page. "
            "Then the day can be planned."
        )
    return problem


def plan_csv(job: Job, plan: planner.Plan) -> str:
    """The plan as CSV, naming candidates by their keys (as exports and imports do)."""
    keys = {str(c.id): c.key for c in job.candidates}
    slots = tuple(
        replace(s, candidate_key=keys.get(s.candidate_key, s.candidate_key)) for s in plan.slots
    )
    return planner.plan_csv(replace(plan, slots=slots))


def current_plan(job: Job, panel: Panel | None = None) -> planner.Plan | None:
    """The day plan with every running-late shift applied; None if it cannot be planned."""
    return plan_or_problems(job, panel)[0]


def candidate_times(
    job: Job, candidate: Candidate, panel: Panel | None = None
) -> tuple[datetime, datetime, datetime] | None:
    """(arrive, start, end) for this candidate in the current plan (one panel's), or None."""
    plan = current_plan(job, panel)
    if plan is None or candidate.job_id != job.id:
        return None
    for slot in plan.slots:
        if slot.kind == "interview" and slot.candidate_key == str(candidate.id):
            assert slot.arrive is not None
            return slot.arrive, slot.start, slot.end
    return None


@dataclass(frozen=True)
class Part:
    """One panel's part of a candidate's day."""

    panel: str
    room: str
    arrive: datetime
    start: datetime
    end: datetime


def panel_parts(job: Job, candidate: Candidate) -> list[Part]:
    """Each panel's part of the candidate's day, in time order; [] with one panel.

    A panel whose day cannot be planned yet (no questions) has no part.
    """
    if len(job.panels) < 2:
        return []
    parts = []
    for panel in job.panels:
        times = candidate_times(job, candidate, panel)
        if times is not None:
            parts.append(Part(panel.name, panel.room, *times))
    return sorted(parts, key=lambda p: p.start)


def part_clashes(job: Job) -> list[str]:
    """With two or more panels: each candidate who would be with two panels at once
    (each panel's plan is made once); [] with one panel or no clash."""
    if len(job.panels) < 2:
        return []
    plans = [(p.name, plan) for p in job.panels if (plan := current_plan(job, p)) is not None]
    return planner.part_clashes(plans)


def end_by_warning(plan: planner.Plan, row: DaySettings) -> str | None:
    if row.end_by is not None and plan.ends.time() > row.end_by:
        return (
            f"This plan ends at {plan.ends:%H:%M}. That is after {row.end_by:%H:%M}, when "
            "the day must end. Think about fewer candidates or 2 days."
        )
    return None


# --- running late --------------------------------------------------------------------


def local_now() -> datetime:
    """Wall-clock time where the interviews happen (naive), for comparing with the plan."""
    zone = ZoneInfo(current_app.config.get("PANELS_TIMEZONE", "Europe/London"))
    return datetime.now(zone).replace(tzinfo=None)


def to_local(utc: datetime) -> datetime:
    zone = ZoneInfo(current_app.config.get("PANELS_TIMEZONE", "Europe/London"))
    return utc.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class Late:
    """An interview running over: by how much, and the day if later candidates move."""

    candidate_id: int
    candidate: str
    minutes: int
    finished: bool
    moves: list[tuple[str, str, str]]  # candidate name, old start, new start


def running_late(
    job: Job, plan: planner.Plan, now: datetime | None = None, panel: Panel | None = None
) -> list[Late]:
    """Interviews that went (or are going) past their planned end, and what it does
    (``panel``: the plan is that panel's, so only its live screens count)."""
    now = now or local_now()
    lives = {lv.candidate_id: lv for lv in lives_for(job, panel)}
    out: list[Late] = []
    for slot in plan.slots:
        if slot.kind != "interview":
            continue
        live = lives.get(int(slot.candidate_key))
        if live is None:
            continue
        finished = live.status == "finished" and live.ended_at is not None
        moment = to_local(live.ended_at) if finished and live.ended_at else now
        if moment.date() != slot.end.date():
            continue
        late = (moment - slot.end).total_seconds() / 60
        if late < 1:
            continue
        try:
            moved = planner.replan_from(plan, slot.candidate_key, moment)
        except planner.PlanError:
            continue
        before = {s.candidate_key: s.start for s in plan.slots if s.kind == "interview"}
        moves = [
            (s.candidate, f"{before[s.candidate_key]:%H:%M}", f"{s.start:%H:%M}")
            for s in moved.slots
            if s.kind == "interview" and s.start != before.get(s.candidate_key)
        ]
        if moves:
            out.append(Late(live.candidate_id, slot.candidate, round(late), finished, moves))
    return out
