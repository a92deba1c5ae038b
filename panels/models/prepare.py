"""Preparing together: the privacy agreement, "Working with me", preparation meetings and
the answers to them, training and shadowing, and the one-page profile of the people who
will be supported.

Every table is scoped to an organisation: through its job, or its own organisation_id.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.models.base import between, one_of, utcnow
from panels.models.jobs import Job, PanelMember


class Answer(StrEnum):
    """Can you come to the meeting?"""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class TrainingKind(StrEnum):
    TRAINING = "training"
    SHADOWING = "shadowing"


ANSWERS = tuple(a.value for a in Answer)
TRAINING_KINDS = tuple(k.value for k in TrainingKind)


class PrivacyAgreement(Model):
    """A panel member said "I agree" to keeping candidates' information private."""

    __tablename__ = "privacy_agreement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), unique=True
    )
    agreed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    words_version: Mapped[str] = mapped_column(String(20), default="1")


class WorkingWithMe(Model):
    """What helps a panel member, in their own words, in one organisation."""

    __tablename__ = "working_with_me"
    __table_args__ = (
        UniqueConstraint("organisation_id", "user_id", name="uq_working_with_me_org_user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    helps: Mapped[str] = mapped_column(Text, default="")
    support_worker: Mapped[str] = mapped_column(String(limits.PERSON_NAME), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PrepMeeting(Model):
    """A preparation meeting of a job's panel."""

    __tablename__ = "prep_meeting"
    __table_args__ = (
        between("break_every", limits.PREP_BREAK_EVERY_MIN, limits.PREP_BREAK_EVERY_MAX),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(Text, default="")
    what: Mapped[str] = mapped_column(Text, default="")
    break_every: Mapped[int] = mapped_column(Integer, default=45)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    job: Mapped[Job] = relationship()
    replies: Mapped[list[PrepReply]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="PrepReply.id"
    )


class PrepReply(Model):
    """A member's answer to "Can you come?", and whether they came."""

    __tablename__ = "prep_reply"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id", name="uq_prep_reply_meeting_member"),
        CheckConstraint(one_of("answer", ANSWERS), name="answer"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("prep_meeting.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[str] = mapped_column(String(10), default=Answer.NOT_SURE.value)
    attended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    paid: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    meeting: Mapped[PrepMeeting] = relationship(back_populates="replies")
    member: Mapped[PanelMember] = relationship()


class TrainingRecord(Model):
    """Training or shadowing a person did, in their own words."""

    __tablename__ = "training_record"
    __table_args__ = (CheckConstraint(one_of("kind", TRAINING_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default=TrainingKind.TRAINING.value)
    what: Mapped[str] = mapped_column(Text, default="")
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SupportedProfile(Model):
    """A one-page profile of a person the new worker will support, with their consent."""

    __tablename__ = "supported_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(limits.PERSON_NAME))
    words: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[str] = mapped_column(String(limits.FILE_KEY), default="")
    symbol: Mapped[str] = mapped_column(String(limits.PICTURE), default="")
    consent_by: Mapped[str] = mapped_column(String(limits.CONSENT_BY))
    consent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
