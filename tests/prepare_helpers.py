"""Test helpers for the privacy agreement: panel members set up as having agreed, so tests
written before the agreement existed keep their assertions (see panels/prepare/rules.py)."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.models import Job, PanelMember, PrivacyAgreement


def agree_all(job: Job) -> None:
    """Every member of the job's panel has agreed to keep candidates' information private
    (the caller commits)."""
    db.session.flush()
    done = set(
        db.session.scalars(
            select(PrivacyAgreement.member_id).where(PrivacyAgreement.job_id == job.id)
        )
    )
    for member_id in db.session.scalars(select(PanelMember.id).where(PanelMember.job_id == job.id)):
        if member_id not in done:
            db.session.add(PrivacyAgreement(job_id=job.id, member_id=member_id))
    db.session.flush()


def withdraw_agreements(job: Job) -> None:
    """Nobody on the panel has agreed (for tests of the gate)."""
    for row in db.session.scalars(
        select(PrivacyAgreement).where(PrivacyAgreement.job_id == job.id)
    ):
        db.session.delete(row)
    db.session.flush()
