"""Candidate invitations: private links, per-job settings, adjustment requests."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.models.base import choice, utcnow
from panels.models.jobs import Candidate


class RequestStatus(StrEnum):
    """Where an adjustment request is (``adjustment_request.status``). Every request is
    new for now: the coordinator reads them on the job's invitations page."""

    NEW = "new"


class Invitation(Model):
    """One candidate's invitation. ``version`` goes up when a new link is made."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship()


class InvitationJob(Model):
    """Invitation settings for one job."""

    __tablename__ = "invitation_job"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), unique=True)
    share_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class AdjustmentRequest(Model):
    """What a candidate asked for, in their own words and ticked choices."""

    __tablename__ = "adjustment_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    choices: Mapped[list] = mapped_column(JSON, default=list)
    other: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[RequestStatus] = mapped_column(
        choice(RequestStatus, 20, "status"), default=RequestStatus.NEW
    )

    candidate: Mapped[Candidate] = relationship()
