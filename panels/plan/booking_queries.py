"""Reading interview times: which are free, who has which, and what a candidate may do.

Nothing here writes; the changes are in ``booking_service``. Times come from the current
day plan each time they are read, so a page, a printout, a calendar file and a reminder
sent later all say the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from panels.models import BookingJob, Candidate, Job, SlotBooking
from panels.plan import slots
from panels.plan.queries import booking_settings, bookings_for, current_plan, local_now


def times_for(job: Job) -> list[slots.Time]:
    """Every interview time of the day in order (booked or free); [] without times or
    while the day cannot be planned."""
    if booking_settings(job) is None:
        return []
    plan = current_plan(job)
    if plan is None:
        return []
    numbers = {str(b.candidate_id): b.slot for b in bookings_for(job)}
    return slots.times_of(plan, numbers)


@dataclass(frozen=True)
class ForCandidate:
    """What the candidate's page shows about choosing a time."""

    settings: BookingJob
    mine: slots.Time | None
    choosable: list[slots.Time]
    can_change: bool  # False after the cut-off of the time they have
    until: str  # until when they can change it, in words ("" without a time)


def for_candidate(candidate: Candidate, now: datetime | None = None) -> ForCandidate | None:
    """None when the job has no interview times or candidates do not choose them."""
    job = candidate.job
    settings = booking_settings(job)
    if settings is None or not settings.self_booking:
        return None
    now = now or local_now()
    times = times_for(job)
    mine = next((t for t in times if t.candidate_key == str(candidate.id)), None)
    hours = settings.cutoff_hours
    return ForCandidate(
        settings=settings,
        mine=mine,
        choosable=slots.choosable(times, now, hours),
        can_change=mine is None or slots.can_change(mine.start, now, hours),
        until=slots.until_words(mine, hours) if mine else "",
    )


@dataclass(frozen=True)
class Row:
    """One interview time on the coordinator's list."""

    time: slots.Time
    candidate: Candidate | None
    booking: SlotBooking | None


def rows_for(job: Job) -> tuple[list[Row], list[Candidate]]:
    """Each time with who has it and how, and the candidates who have no time yet."""
    bookings = {b.candidate_id: b for b in bookings_for(job)}
    by_id = {c.id: c for c in job.candidates}
    rows = []
    for t in times_for(job):
        cid = int(t.candidate_key) if t.candidate_key else None
        rows.append(Row(t, by_id.get(cid) if cid else None, bookings.get(cid) if cid else None))
    without = [c for c in job.candidates if c.id not in bookings]
    return rows, without
