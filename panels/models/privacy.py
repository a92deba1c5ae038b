"""Keeping people's details only as long as needed (``panels/privacy``).

``JobRetention`` is what a coordinator set about one job's records: a hold (with its
reason, for example a complaint) and who was appointed. ``AnonymisedCandidate`` says a
candidate's details were removed, when and why: the row that remains of them is a label
("Candidate 3"), their scores and the audit trail.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from panels.db import Model
from panels.models.base import one_of, utcnow


class RemovedWhy(StrEnum):
    """Why a candidate's details were removed (``anonymised_candidate.why``)."""

    RETENTION = "retention"  # their time was up
    EARLY = "early"  # a coordinator removed the job's records before their time
    REQUEST = "request"  # the person asked


class JobRetention(Model):
    """One job's hold and appointed candidate (made on the first change)."""

    __tablename__ = "job_retention"
    __table_args__ = (
        CheckConstraint("held_at IS NULL OR held_reason <> ''", name="held_has_reason"),
    )

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    held_at: Mapped[datetime | None] = mapped_column(DateTime)
    held_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    held_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    appointed_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AnonymisedCandidate(Model):
    """A candidate whose details are gone (one row per candidate)."""

    __tablename__ = "anonymised_candidate"
    __table_args__ = (CheckConstraint(one_of("why", RemovedWhy), name="why"),)

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True
    )
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    why: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
