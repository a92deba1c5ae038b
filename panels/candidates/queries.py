"""Reads for candidates: emails already on a job, and where a new candidate goes."""

from __future__ import annotations

from sqlalchemy import func, select

from panels.db import db
from panels.models import Candidate, Job


def email_taken(job: Job, email: str, candidate_id: int | None = None) -> bool:
    """Another candidate of this job (not ``candidate_id``) has this email, in any case."""
    if not email:
        return False
    query = select(Candidate.id).where(
        Candidate.job_id == job.id, func.lower(Candidate.email) == email.lower()
    )
    if candidate_id is not None:
        query = query.where(Candidate.id != candidate_id)
    return db.session.scalar(query) is not None


def emails_on(job: Job) -> set[str]:
    """The job's candidates' emails, in lower case."""
    return {c.email.lower() for c in job.candidates if c.email}


def next_position(job: Job) -> int:
    """The place after the job's last candidate."""
    last = db.session.scalar(select(func.max(Candidate.position)).where(Candidate.job_id == job.id))
    return (last or 0) + 1
