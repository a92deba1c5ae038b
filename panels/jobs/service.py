"""Writes for jobs: making a job and changing its details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from panels.common.audit import record
from panels.db import db
from panels.models import Job


@dataclass(frozen=True)
class JobDetails:
    """What the coordinator writes about a job on its form."""

    title: str
    ref: str
    interview_date: date
    start_time: time
    place: str
    contact: str


def _fill(job: Job, details: JobDetails) -> None:
    job.title = details.title
    job.ref = details.ref
    job.interview_date = details.interview_date
    job.start_time = details.start_time
    job.place = details.place
    job.contact = details.contact


def create_job(created_by_id: int, organisation_id: int, details: JobDetails) -> Job:
    """A new job of the organisation."""
    job = Job(created_by_id=created_by_id, organisation_id=organisation_id)
    _fill(job, details)
    db.session.add(job)
    db.session.flush()
    record("job created", job_id=job.id, ref=job.ref)
    db.session.commit()
    return job


def save_job(job: Job, details: JobDetails) -> None:
    _fill(job, details)
    record("job changed", job_id=job.id)
    db.session.commit()
