"""A job's interview questions, and how the panel agrees them as equals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.models.base import utcnow
from panels.models.jobs import Job, PanelMember

STATUSES = ("draft", "agreed", "removed")
MARKS = ("keep", "change", "remove")


class Question(Model):
    """One question for one job. ``easy_read`` is what the asker reads out."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("job_id", "key", name="uq_question_job_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(limits.KEY))
    position: Mapped[int] = mapped_column(Integer, default=0)
    easy_read: Mapped[str] = mapped_column(Text)
    standard: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    good_answer: Mapped[str] = mapped_column(Text, default="")  # one point a line
    picture: Mapped[str] = mapped_column(String(limits.PICTURE), default="")  # OpenMoji code
    # An uploaded photo: its key in the file store (panels.common.storage), "" for none.
    photo: Mapped[str] = mapped_column(String(120), default="", active_history=True)
    answer_minutes: Mapped[float] = mapped_column(Float, default=3.0)
    scored: Mapped[bool] = mapped_column(Boolean, default=True)
    overall: Mapped[bool] = mapped_column(Boolean, default=False)  # "Would you like ...?"
    status: Mapped[str] = mapped_column(String(20), default="draft")
    asker_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_member.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(
        String(limits.QUESTION_SOURCE), default=""
    )  # "bank-key/question-key"
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    job: Mapped[Job] = relationship()
    asker: Mapped[PanelMember | None] = relationship()
    marks: Mapped[list[QuestionMark]] = relationship(
        back_populates="question", cascade="all, delete-orphan"
    )


class QuestionMark(Model):
    """One panel member's mark on a draft question: keep, change or remove."""

    __tablename__ = "question_mark"
    __table_args__ = (
        UniqueConstraint("question_id", "member_id", name="uq_question_mark_question_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("panel_member.id", ondelete="CASCADE"))
    mark: Mapped[str] = mapped_column(String(10))
    suggestion: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    question: Mapped[Question] = relationship(back_populates="marks")
    member: Mapped[PanelMember] = relationship()


class QuestionChange(Model):
    """Who wrote or changed a question's wording, and what it said before."""

    __tablename__ = "question_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(40))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
