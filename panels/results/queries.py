"""Reads for the results pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from panels.db import db
from panels.models import AuditEvent, Candidate, Panel, PanelMember, Question, User


def audit_events(job_id: int) -> list[Any]:
    """The job's audit trail, newest first: rows of (event, actor's name, on behalf of's name)."""
    actor, person = aliased(User), aliased(User)
    return list(
        db.session.execute(
            select(AuditEvent, actor.name, person.name)
            .outerjoin(actor, actor.id == AuditEvent.actor_id)
            .outerjoin(person, person.id == AuditEvent.on_behalf_of_id)
            .where(AuditEvent.job_id == job_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ).all()
    )


# The results page and its exports read plain rows of only the columns they show (Core,
# not the ORM: no objects made, nothing for the session to keep and expire). The
# decision meeting, which needs the people themselves, reads them through the ORM.

_MEMBERS = (
    select(
        PanelMember.id,
        PanelMember.key,
        User.name,
        PanelMember.group,
        PanelMember.panel_id,
        Panel.position,
        Panel.name,
    )
    .join(User, User.id == PanelMember.user_id)
    .join(Panel, Panel.id == PanelMember.panel_id)
    .order_by(PanelMember.id)
)
_CANDIDATES = select(Candidate.id, Candidate.key, Candidate.name).order_by(
    Candidate.position, Candidate.id
)
_SCORED = select(Question.id, Question.key, Question.panel_id).order_by(
    Question.position, Question.id
)


def member_rows(job_id: int) -> list[Any]:
    """The job's panel members in order: (id, key, name, group, panel id, panel's
    position, panel's name)."""
    return list(db.session.execute(_MEMBERS.where(PanelMember.job_id == job_id)).all())


def candidate_rows(job_id: int) -> list[Any]:
    """The job's candidates in the job's order: (id, key, name)."""
    return list(db.session.execute(_CANDIDATES.where(Candidate.job_id == job_id)).all())


def scored_question_rows(job_id: int) -> list[Any]:
    """The questions and activities marked for scoring, agreed (not removed), in
    interview order: (id, key, panel id). The same as ``scored_questions``."""
    return list(
        db.session.execute(
            _SCORED.where(Question.job_id == job_id, Question.status == "agreed", Question.scored)
        ).all()
    )
