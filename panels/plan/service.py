"""Changing the day plan: the day's settings, the candidate order, running-late shifts.

Each function is one press of a button: it records the audit event and commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from panels.common.audit import record
from panels.db import db
from panels.models import Candidate, DaySettings, Job, PlanShift
from panels.models.base import utcnow
from panels.plan import planner
from panels.plan.queries import MINUTE_SETTINGS, candidates_for, day_settings, stored_settings

SETTING_FIELDS = ("start", "end_by", *MINUTE_SETTINGS)


def save_settings(job: Job, values: Mapping[str, Any]) -> DaySettings:
    """Store the day's settings (``SETTING_FIELDS``); the first save makes the row."""
    row = stored_settings(job)
    if row is None:
        row = day_settings(job)
        db.session.add(row)
    for name in SETTING_FIELDS:
        setattr(row, name, values[name])
    record("day settings changed", job_id=job.id, start=f"{row.start:%H:%M}")
    db.session.commit()
    return row


def move_candidate(job: Job, candidate: Candidate, direction: str) -> bool:
    """Swap the candidate with the one above or below. False when already at the end."""
    order = candidates_for(job)
    i = next(n for n, c in enumerate(order) if c.id == candidate.id)
    j = i - 1 if direction == "up" else i + 1
    if j < 0 or j >= len(order):
        return False
    order[i], order[j] = order[j], order[i]
    for position, c in enumerate(order, start=1):
        c.position = position
    record("candidate order changed", job_id=job.id, candidate=candidate.key, move=direction)
    db.session.commit()
    return True


def shift_later(
    job: Job, plan: planner.Plan, candidate: Candidate, minutes: int, user_id: int | None
) -> planner.Plan:
    """Everyone after this candidate moves ``minutes`` later; returns the moved plan.

    Raises planner.PlanError (nothing stored) when the plan cannot move like that.
    """
    moved = planner.shift_remaining(plan, str(candidate.id), minutes)
    db.session.add(
        PlanShift(
            job_id=job.id,
            candidate_id=candidate.id,
            minutes=minutes,
            created_by_id=user_id,
            created_at=utcnow(),
        )
    )
    record(
        "later candidates moved",
        job_id=job.id,
        candidate=candidate.key,
        minutes=minutes,
        ends=f"{moved.ends:%H:%M}",
    )
    db.session.commit()
    return moved
