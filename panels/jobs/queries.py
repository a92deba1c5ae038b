"""Reads for jobs and the people on their panels. Other areas read these through here."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from panels.db import db
from panels.models import Job, PanelMember


def ref_taken(ref: str, organisation_id: int, job_id: int | None = None) -> bool:
    """Another job of the organisation (not ``job_id``) already has this reference.

    Another organisation's jobs do not count: references are unique in an organisation.
    """
    query = select(Job.id).where(Job.ref == ref, Job.organisation_id == organisation_id)
    if job_id is not None:
        query = query.where(Job.id != job_id)
    return db.session.scalar(query) is not None


def member_on_job(job_id: int, member_id: int) -> PanelMember | None:
    """The panel member with this id if they are on this job's panel, else None."""
    member = db.session.get(PanelMember, member_id)
    if member is None or member.job_id != job_id:
        return None
    return member


def share_a_panel(user_id: int, other_user_id: int) -> bool:
    """The two people are on the panel of at least one job together."""
    theirs = aliased(PanelMember)
    shared = db.session.scalar(
        select(PanelMember.id)
        .join(theirs, theirs.job_id == PanelMember.job_id)
        .where(PanelMember.user_id == user_id, theirs.user_id == other_user_id)
        .limit(1)
    )
    return shared is not None
