"""Write to the audit trail."""

from __future__ import annotations

from flask_login import current_user

from panels.db import db
from panels.models import AuditEvent


def record(
    action: str,
    *,
    job_id: int | None = None,
    actor_id: int | None = None,
    on_behalf_of_id: int | None = None,
    reason: str = "",
    **detail,
) -> AuditEvent:
    """Add an audit event to the session (the caller commits with its own change)."""
    if actor_id is None and getattr(current_user, "is_authenticated", False):
        actor_id = current_user.id
    event = AuditEvent(
        action=action,
        job_id=job_id,
        actor_id=actor_id,
        on_behalf_of_id=on_behalf_of_id,
        reason=reason,
        detail=detail,
    )
    db.session.add(event)
    return event
