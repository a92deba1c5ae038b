"""The real times for one candidate: from the day plan."""

from __future__ import annotations

from datetime import datetime

from panels.models import Candidate, Job
from panels.plan.queries import candidate_times as planned

Times = tuple[datetime, datetime, datetime]


def candidate_times(job: Job, candidate: Candidate) -> Times | None:
    """(arrive, start, end) for the candidate, or None if the day cannot be planned yet."""
    return planned(job, candidate)
