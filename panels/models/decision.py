"""The decision meeting: its state, one decision per candidate, members' answers to it,
and the three questions about the day. Every row belongs to a job (so to its
organisation)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from panels.db import Model
from panels.lib import limits
from panels.lib.decisions import Answer, Phrase, Proposal
from panels.models.base import between, choice, utcnow


class DecisionMeeting(Model):
    """A job's decision meeting: opened after scoring closed, released to members."""

    __tablename__ = "decision_meeting"

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    released_at: Mapped[datetime | None] = mapped_column(DateTime)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class Decision(Model):
    """The proposal for one candidate. One per candidate; changing it is audited."""

    __tablename__ = "decision"
    __table_args__ = (
        UniqueConstraint("candidate_id", name="uq_decision_candidate"),
        # an offer against the lived-experience group's first choice says why
        CheckConstraint("NOT reason_needed OR reason <> ''", name="reason_given"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    proposal: Mapped[Proposal] = mapped_column(choice(Proposal, 20, "proposal"))
    reason: Mapped[str] = mapped_column(Text, default="")
    reason_needed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # this candidate was among the lived-experience group's first choices (None: no such
    # group, or it gave no scores): kept, so the report across jobs need not recombine
    lived_first: Mapped[bool | None] = mapped_column(Boolean)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changes: Mapped[int] = mapped_column(Integer, default=0)


class DecisionAnswer(Model):
    """One panel member's answer to the proposal for one candidate. One each."""

    __tablename__ = "decision_answer"
    __table_args__ = (
        UniqueConstraint("decision_id", "member_id", name="uq_decision_answer_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[Answer] = mapped_column(choice(Answer, 20, "answer"))
    phrase: Mapped[Phrase | None] = mapped_column(choice(Phrase, 20, "phrase"))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DayFeedback(Model):
    """Three answers about the day, from one panel member or one candidate of a job."""

    __tablename__ = "day_feedback"
    __table_args__ = (
        UniqueConstraint("job_id", "member_id", name="uq_day_feedback_member"),
        UniqueConstraint("job_id", "candidate_id", name="uq_day_feedback_candidate"),
        CheckConstraint(
            "(member_id IS NULL) <> (candidate_id IS NULL)", name="member_or_candidate"
        ),
        between("listened", limits.FEEDBACK_MIN, limits.FEEDBACK_MAX),
        between("time", limits.FEEDBACK_MIN, limits.FEEDBACK_MAX),
        between("again", limits.FEEDBACK_MIN, limits.FEEDBACK_MAX),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    listened: Mapped[int] = mapped_column(Integer)
    time: Mapped[int] = mapped_column(Integer)
    again: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
