"""Reads for the results pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from panels.db import db
from panels.models import AuditEvent, User


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
