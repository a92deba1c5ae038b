"""Jobs, their panels and their candidates."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.models.accounts import User
from panels.models.base import at_least, utcnow
from panels.models.orgs import Organisation


class Job(Model):
    __tablename__ = "job"
    # A reference is unique in its organisation: another organisation may use the same.
    __table_args__ = (UniqueConstraint("organisation_id", "ref", name="uq_job_organisation_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    ref: Mapped[str] = mapped_column(String(limits.JOB_REF))
    title: Mapped[str] = mapped_column(String(limits.JOB_TITLE))
    interview_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time, default=time(9, 30))
    place: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    group_parity: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    members: Mapped[list[PanelMember]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="PanelMember.id"
    )
    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="job",
        cascade="all, delete-orphan",
        order_by="(Candidate.position, Candidate.id)",
    )


class PanelMember(Model):
    """A person sitting on one job's panel. Everyone on a panel is an equal member."""

    __tablename__ = "panel_member"
    __table_args__ = (
        UniqueConstraint("job_id", "user_id", name="uq_panel_member_job_user"),
        UniqueConstraint("job_id", "key", name="uq_panel_member_job_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(limits.KEY))
    group: Mapped[str | None] = mapped_column(String(limits.GROUP))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    job: Mapped[Job] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="memberships")


class Candidate(Model):
    __tablename__ = "candidate"
    __table_args__ = (
        UniqueConstraint("job_id", "key", name="uq_candidate_job_key"),
        at_least("position", 0),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(limits.KEY))
    name: Mapped[str] = mapped_column(String(limits.PERSON_NAME))
    email: Mapped[str] = mapped_column(String(limits.EMAIL), default="")
    phone: Mapped[str] = mapped_column(String(limits.PHONE), default="")
    adjustments: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    job: Mapped[Job] = relationship(back_populates="candidates")
