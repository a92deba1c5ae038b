"""The real times for one candidate: from the day plan.

Uses ``panels.plan.service.candidate_times`` when that area is there; until then the day
is planned here with ``panels.plan.planner.plan_day`` and default settings.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, Question
from panels.plan import planner

Times = tuple[datetime, datetime, datetime]


def candidate_times(job: Job, candidate: Candidate) -> Times | None:
    """(arrive, start, end) for the candidate, or None if the day cannot be planned yet."""
    try:
        from panels.plan.service import candidate_times as planned  # type: ignore
    except ImportError:
        planned = None
    if planned is not None:
        return planned(job, candidate)
    return planned_here(job, candidate)


def planned_here(job: Job, candidate: Candidate) -> Times | None:
    rows = db.session.scalars(
        select(Question)
        .where(Question.job_id == job.id, Question.status == "agreed")
        .order_by(Question.position, Question.id)
    ).all()
    members = {m.id: m for m in job.members}
    questions = [
        planner.Question(
            key=q.key,
            text=q.easy_read,
            asker=members[q.asker_id].key if q.asker_id in members else None,
            answer_minutes=q.answer_minutes,
            scored=q.scored,
        )
        for q in rows
    ]
    askers = [planner.Asker(m.key, m.user.name, m.user.pace) for m in job.members]
    paces = [m.user.pace for m in job.members]
    people = [planner.Candidate(c.key, c.name) for c in job.candidates]
    try:
        plan = planner.plan_day(
            job.interview_date,
            planner.Settings(start=job.start_time),
            questions,
            askers,
            paces,
            people,
        )
    except planner.PlanError:
        return None
    for slot in plan.slots:
        if slot.kind == "interview" and slot.candidate_key == candidate.key and slot.arrive:
            return slot.arrive, slot.start, slot.end
    return None
