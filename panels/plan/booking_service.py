"""Changing interview times: the coordinator's settings, a candidate choosing, changing
or cancelling their time, and the coordinator placing or moving anyone.

Two people pressing at the same moment cannot both get a time: the database's unique
keys (one candidate per time, one time per candidate) refuse the second write, and the
loser is told in plain words. Every change is in the audit trail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, OperationalError

from panels.common.audit import record
from panels.db import db
from panels.models import BookedBy, BookingJob, Candidate, Job, SlotBooking
from panels.models.base import utcnow
from panels.plan import booking_queries, slots
from panels.plan.queries import booking_settings, bookings_for, local_now


class Refused(Exception):
    """A change that cannot be made. ``message`` in plain words; ``status`` for the page."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


def save_settings(job: Job, times: int, self_booking: bool, cutoff_hours: int) -> BookingJob:
    """Store the number of times, whether candidates choose, and the cut-off.

    Refuses (nothing saved) fewer times than a time someone already has."""
    taken = [b.slot for b in bookings_for(job) if b.slot > times]
    if taken:
        raise Refused(
            f"Time {max(taken)} is booked. Move that candidate first, or keep "
            f"{max(taken)} times or more.",
            400,
        )
    row = booking_settings(job)
    if row is None:
        row = BookingJob(job_id=job.id)
        db.session.add(row)
    row.slots, row.self_booking, row.cutoff_hours = times, self_booking, cutoff_hours
    record(
        "interview times changed",
        job_id=job.id,
        times=times,
        self_booking=self_booking,
        cutoff_hours=cutoff_hours,
    )
    db.session.commit()
    return row


def _mine(candidate: Candidate) -> SlotBooking | None:
    return db.session.scalar(select(SlotBooking).where(SlotBooking.candidate_id == candidate.id))


def _write(job: Job, candidate: Candidate, number: int, by: BookedBy, **audit) -> str:
    """Give the candidate time ``number`` (moving them from their old one) and commit.

    Returns "booked" or "changed". Raises Refused(TAKEN) when another request took the
    time first (the unique key said no); a second press of the same button that lost to
    the first one finds the candidate already in the time and returns "booked".
    """
    existing = _mine(candidate)
    result = "changed" if existing else "booked"
    if existing is None:
        db.session.add(
            SlotBooking(
                job_id=job.id,
                slot=number,
                candidate_id=candidate.id,
                booked_by=by,
                booked_at=utcnow(),
            )  # fmt: skip
        )
    else:
        existing.slot, existing.booked_by, existing.booked_at = number, by, utcnow()
    record(
        "interview time booked" if result == "booked" else "interview time changed",
        job_id=job.id,
        candidate=candidate.key,
        time=number,
        by=by.value,
        **audit,
    )
    try:
        db.session.commit()
    except (IntegrityError, OperationalError) as error:
        db.session.rollback()
        again = _mine(candidate)
        if again is not None and again.slot == number:
            return "booked"  # our own first press won
        raise Refused(slots.TAKEN) from error
    return result


def choose(candidate: Candidate, number: int | None, now: datetime | None = None) -> str:
    """The candidate, on their page, takes time ``number`` (or changes to it).

    Returns "booked", "changed" or "same" (they had it already). Raises Refused."""
    job = candidate.job
    settings = booking_settings(job)
    if settings is None or not settings.self_booking:
        raise Refused(slots.NOT_OPEN, 403)
    now = now or local_now()
    times = booking_queries.times_for(job)
    mine = next((t for t in times if t.candidate_key == str(candidate.id)), None)
    problem = slots.problem(times, mine, number, now, settings.cutoff_hours)
    if problem is not None:
        status = 400 if problem in (slots.NOT_A_TIME, slots.CHOOSE_ONE) else 409
        raise Refused(problem, status)
    assert number is not None
    if mine is not None and mine.number == number:
        return "same"
    return _write(job, candidate, number, BookedBy.CANDIDATE)


def cancel(candidate: Candidate, now: datetime | None = None) -> str:
    """The candidate gives up their time; it becomes free. "cancelled", or "none" when
    they had no time (a second press). Raises Refused after the cut-off."""
    job = candidate.job
    settings = booking_settings(job)
    if settings is None or not settings.self_booking:
        raise Refused(slots.NOT_OPEN, 403)
    now = now or local_now()
    mine = next(
        (t for t in booking_queries.times_for(job) if t.candidate_key == str(candidate.id)),
        None,
    )
    if mine is None:
        return "none"
    if not slots.can_change(mine.start, now, settings.cutoff_hours):
        raise Refused(slots.TOO_LATE, 409)
    return _remove(job, candidate, BookedBy.CANDIDATE)


def _remove(job: Job, candidate: Candidate, by: BookedBy) -> str:
    gone = db.session.execute(
        delete(SlotBooking).where(SlotBooking.candidate_id == candidate.id)
    ).rowcount  # type: ignore[attr-defined]
    if not gone:
        db.session.rollback()
        return "none"
    record("interview time cancelled", job_id=job.id, candidate=candidate.key, by=by.value)
    db.session.commit()
    return "cancelled"


def place(job: Job, candidate: Candidate, number: int | None) -> str:
    """The coordinator puts a candidate in a time, moves them, or (None) takes them out.

    No cut-off applies. Returns "booked", "changed", "same", "cancelled" or "none"."""
    settings = booking_settings(job)
    if settings is None:
        raise Refused("This day has no interview times. Set them up first.", 400)
    if number is None:
        return _remove(job, candidate, BookedBy.COORDINATOR)
    times = booking_queries.times_for(job)
    found = next((t for t in times if t.number == number), None)
    if found is None:
        raise Refused("That is not one of the times for this day.", 400)
    if found.candidate_key == str(candidate.id):
        return "same"
    if not found.free:
        raise Refused(f"Time {number} is not free. Move the candidate in it first.", 409)
    return _write(job, candidate, number, BookedBy.COORDINATOR)
