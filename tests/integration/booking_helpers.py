"""Shared set-up for the interview-times tests: a job whose day is planned as times."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.models import BookingJob, Candidate, Question, SlotBooking
from tests.integration.plan_helpers import add_questions


def open_times(job_id: int, times: int = 3, self_booking: bool = True, cutoff_hours: int = 24):
    """Agreed questions (if none yet) and ``times`` interview times candidates choose."""
    if not db.session.scalar(select(Question.id).where(Question.job_id == job_id).limit(1)):
        add_questions(job_id)
    db.session.add(
        BookingJob(job_id=job_id, slots=times, self_booking=self_booking, cutoff_hours=cutoff_hours)
    )
    db.session.commit()


def first_link(app, candidate_id: int) -> str:
    """The candidate's link as the coordinator's page shows it (nothing stored)."""
    candidate = db.session.get(Candidate, candidate_id)
    first = invitation_queries.invitation_or_first(candidate)
    return invitation_queries.token_for(app.config["SECRET_KEY"], first)


def booked() -> dict[int, tuple[int, str]]:
    """Candidate id -> (time number, who booked it), straight from the table."""
    db.session.expire_all()
    return {
        b.candidate_id: (b.slot, str(b.booked_by)) for b in db.session.scalars(select(SlotBooking))
    }
