"""A job's interview questions, and how the panel agrees them as equals."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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
from panels.lib.choices import QuestionKind, QuestionStatus
from panels.models.base import MarkColumns, at_least, between, choice, utcnow
from panels.models.jobs import Job, Panel, PanelMember


class WordingField(StrEnum):
    """A question's words whose changes are kept (``question_change.field``)."""

    EASY_READ = "easy_read"
    STANDARD = "standard"
    FOLLOW_UP = "follow_up"
    GOOD_ANSWER = "good_answer"


class Question(Model):
    """One question or activity for one panel of a job.

    For a question, ``easy_read`` is what the asker reads out. For an activity ("Make a
    cup of tea with Sam"), ``easy_read`` says what happens, ``answer_minutes`` is its time
    in the plan and ``look_for`` the things to look for, one a line (at least one).
    Both are scored the same way, on the same score sheets.
    """

    __tablename__ = "question"
    __table_args__ = (
        UniqueConstraint("job_id", "key", name="uq_question_job_key"),
        at_least("position", 0),
        between("answer_minutes", limits.ANSWER_MINUTES_MIN, limits.ANSWER_MINUTES_MAX),
        CheckConstraint("kind <> 'activity' OR look_for <> ''", name="activity_look_for"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel.id", ondelete="CASCADE"), index=True)
    kind: Mapped[QuestionKind] = mapped_column(
        choice(QuestionKind, 20, "kind"), default=QuestionKind.QUESTION
    )
    look_for: Mapped[str] = mapped_column(Text, default="")  # activities: one thing a line
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
    status: Mapped[QuestionStatus] = mapped_column(
        choice(QuestionStatus, 20, "status"), default=QuestionStatus.DRAFT
    )
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
    panel: Mapped[Panel] = relationship()
    asker: Mapped[PanelMember | None] = relationship()
    marks: Mapped[list[QuestionMark]] = relationship(
        back_populates="question", cascade="all, delete-orphan"
    )

    @property
    def is_activity(self) -> bool:
        return self.kind == QuestionKind.ACTIVITY

    @property
    def look_for_points(self) -> list[str]:
        return [line.strip() for line in self.look_for.splitlines() if line.strip()]


class QuestionMark(MarkColumns, Model):
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
    field: Mapped[WordingField] = mapped_column(choice(WordingField, 40, "field"))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
