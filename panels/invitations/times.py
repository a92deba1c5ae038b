"""The real times for one candidate: from the day plan."""

from __future__ import annotations

from datetime import datetime

from panels.models import Candidate, Job
from panels.plan.queries import Part, panel_parts
from panels.plan.queries import candidate_times as planned

Times = tuple[datetime, datetime, datetime]


def candidate_times(job: Job, candidate: Candidate) -> Times | None:
    """(arrive, start, end) for the candidate, or None if the day cannot be planned yet.

    With more than one panel: arrive for the first part, end with the last.
    """
    parts = panel_parts(job, candidate)
    if parts:
        return parts[0].arrive, parts[0].start, max(p.end for p in parts)
    return planned(job, candidate)


def candidate_parts(job: Job, candidate: Candidate) -> list[Part]:
    """Each panel's part of the candidate's day in time order ([] with one panel)."""
    return panel_parts(job, candidate)
