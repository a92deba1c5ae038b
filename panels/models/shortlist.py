"""Shortlisting together: what matters to us, applications, and the panel's review of them.

Every table belongs to one job (and so to its organisation): a ``job_id`` column, or a
required link to a row that has one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.lib.choices import QuestionStatus, ScaleKey
from panels.models.base import MarkColumns, ScoreAnswer, at_least, choice, utcnow
from panels.models.jobs import PanelMember
from panels.models.scoring import FALLBACK_SCALE, SheetColumns


class QualityKind(StrEnum):
    """``quality.kind``: the short job summary, or one quality that matters."""

    SUMMARY = "summary"
    QUALITY = "quality"


class ApplicationStatus(StrEnum):
    """``application.status``: being written, sent, then the panel's decision."""

    DRAFT = "draft"
    SENT = "sent"
    SHORTLISTED = "shortlisted"
    NOT_SHORTLISTED = "not_shortlisted"


class ApplicationSource(StrEnum):
    """``application.source``: how the application came in."""

    FORM = "form"  # the public job page
    PAPER = "paper"  # typed in by the coordinator from paper or an email
    IMPORT = "import"  # a CSV file


class Quality(Model):
    """One part of "what matters to us": the job summary or a quality, agreed by the panel
    the same way as a question (keep, change, take out)."""

    __tablename__ = "quality"
    __table_args__ = (
        UniqueConstraint("job_id", "key", name="uq_quality_job_key"),
        at_least("position", 0),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(limits.KEY))
    kind: Mapped[QualityKind] = mapped_column(
        choice(QualityKind, 10, "kind"), default=QualityKind.QUALITY
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    easy_read: Mapped[str] = mapped_column(Text)
    picture: Mapped[str] = mapped_column(String(limits.PICTURE), default="")  # OpenMoji code
    status: Mapped[QuestionStatus] = mapped_column(
        choice(QuestionStatus, 20, "status"), default=QuestionStatus.DRAFT
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    marks: Mapped[list[QualityMark]] = relationship(
        back_populates="quality", cascade="all, delete-orphan"
    )


class QualityMark(MarkColumns, Model):
    """One panel member's mark on a quality: keep, change or remove."""

    __tablename__ = "quality_mark"
    __table_args__ = (
        UniqueConstraint("quality_id", "member_id", name="uq_quality_mark_quality_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quality_id: Mapped[int] = mapped_column(
        ForeignKey("quality.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )

    quality: Mapped[Quality] = relationship(back_populates="marks")
    member: Mapped[PanelMember] = relationship()


class QuestionQuality(Model):
    """An interview question looks for this quality (both of the same job)."""

    __tablename__ = "question_quality"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), primary_key=True
    )
    quality_id: Mapped[int] = mapped_column(
        ForeignKey("quality.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ApplicationSetup(Model):
    """The job's public application page: open or not, its link, the panel's questions."""

    __tablename__ = "application_setup"

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    open: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    prompts: Mapped[str] = mapped_column(Text, default="")  # one question a line
    # Reviewing closed: the panel's scores can be combined and the shortlist made.
    closed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class Application(Model):
    """One person's application. Only coordinators see who it is from; panel members see
    it as "Application 3", its words with names, contacts and dates masked."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("job_id", "number", name="uq_application_job_number"),
        UniqueConstraint("job_id", "email", name="uq_application_job_email"),
        at_least("number", 1),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(limits.PERSON_NAME))
    email: Mapped[str | None] = mapped_column(String(limits.EMAIL))  # None: none given
    phone: Mapped[str] = mapped_column(String(limits.PHONE), default="")
    guaranteed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[ApplicationStatus] = mapped_column(
        choice(ApplicationStatus, 20, "status"), default=ApplicationStatus.DRAFT
    )
    source: Mapped[ApplicationSource] = mapped_column(
        choice(ApplicationSource, 10, "source"), default=ApplicationSource.FORM
    )
    # A hash of the private link that opens a draft again; None once sent.
    resume_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate.id", ondelete="SET NULL")
    )
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)

    answers: Mapped[list[ApplicationAnswer]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="ApplicationAnswer.position",
    )

    @property
    def label(self) -> str:
        return f"Application {self.number}"


class ApplicationAnswer(Model):
    """The answer to one of the panel's questions, in the applicant's words."""

    __tablename__ = "application_answer"
    __table_args__ = (
        UniqueConstraint("application_id", "position", name="uq_application_answer_position"),
        at_least("position", 0),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    prompt: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="answers")


class ReviewSheet(SheetColumns, Model):
    """One panel member's scores for one application, against the agreed qualities.

    Like a score sheet (``score_sheet``): kept on the scale it was started on, hidden
    from others until sent, and sent once.
    """

    __tablename__ = "review_sheet"
    __table_args__ = (
        UniqueConstraint("application_id", "member_id", name="uq_review_sheet_application_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    scale: Mapped[ScaleKey] = mapped_column(choice(ScaleKey, 20, "scale"), default=FALLBACK_SCALE)

    scores: Mapped[list[ReviewScore]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan"
    )


class ReviewScore(ScoreAnswer, Model):
    """One answer on a review sheet: a value on the member's scale, or "I don't know"."""

    __tablename__ = "review_score"
    __table_args__ = (
        UniqueConstraint("sheet_id", "quality_id", name="uq_review_score_sheet_quality"),
        *ScoreAnswer.score_checks(),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("review_sheet.id", ondelete="CASCADE"), index=True
    )
    quality_id: Mapped[int] = mapped_column(
        ForeignKey("quality.id", ondelete="CASCADE"), index=True
    )
    # The same column as ScoreAnswer's, with the default in the schema too (its migration
    # added it to a table that could hold rows).
    dont_know: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    sheet: Mapped[ReviewSheet] = relationship(back_populates="scores")


class ShortlistDecision(Model):
    """The panel's shortlist, as recorded: who is on it, who recorded it, and when."""

    __tablename__ = "shortlist_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    shortlisted: Mapped[str] = mapped_column(Text, default="")  # application numbers, "1,3,4"
    note: Mapped[str] = mapped_column(Text, default="")
