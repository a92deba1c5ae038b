"""Panel members' score sheets, the scores on them, and whether scoring is open."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from panels.db import Model
from panels.lib.choices import ScaleKey
from panels.models.base import ScoreAnswer, choice, utcnow

FALLBACK_SCALE = ScaleKey.FACES3


class SheetStatus(StrEnum):
    """``score_sheet.status``: being filled in, or sent."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


class SendResult(StrEnum):
    """``score_send.result``: what a change a tablet sent did (a resend is "duplicate",
    never stored)."""

    SAVED = "saved"
    SUBMITTED = "submitted"
    AMENDED = "amended"


class SheetColumns:
    """What a score sheet and a shortlist review sheet both hold: whether it was sent, the
    member's note, and a version, so that two tablets changing one sheet at once give the
    second a clear conflict. Each keeps its own ``scale`` (with its own default)."""

    status: Mapped[SheetStatus] = mapped_column(
        choice(SheetStatus, 20, "status"), default=SheetStatus.DRAFT
    )
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    @property
    def submitted(self) -> bool:
        return self.status == "submitted"


def _member_scale(context) -> str:
    """A new sheet's scale when none is given: the member's preference at that moment."""
    from panels.models.accounts import User
    from panels.models.jobs import PanelMember

    member_id = context.get_current_parameters().get("member_id")
    scale = context.connection.scalar(
        select(User.scale)
        .join(PanelMember, PanelMember.user_id == User.id)
        .where(PanelMember.id == member_id)
    )
    return scale or FALLBACK_SCALE


class ScoreSheet(SheetColumns, Model):
    """One panel member's feedback on one candidate. One sheet per member and candidate.

    A sheet exists only once something was saved on it: a page for a sheet not started
    carries version 0. ``scale`` is the scale the sheet was started on; the member's
    preference changing later never changes it (issue 9).
    """

    __tablename__ = "score_sheet"
    __table_args__ = (
        UniqueConstraint("candidate_id", "member_id", name="uq_score_sheet_candidate_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    scale: Mapped[ScaleKey] = mapped_column(choice(ScaleKey, 20, "scale"), default=_member_scale)
    amended: Mapped[bool] = mapped_column(Boolean, default=False)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    scores: Mapped[list[Score]] = relationship(back_populates="sheet", cascade="all, delete-orphan")


class Score(ScoreAnswer, Model):
    """One answer on a sheet: a value on the member's own scale, or "I don't know"."""

    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("sheet_id", "question_id", name="uq_score_sheet_question"),
        # The scale itself is checked before saving (panels.scoring.scales).
        *ScoreAnswer.score_checks(),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("score_sheet.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    sheet: Mapped[ScoreSheet] = relationship(back_populates="scores")


class ScoreSend(Model):
    """A change a tablet sent, by the id the tablet gave it.

    A resend is answered, never applied twice.
    """

    __tablename__ = "score_send"
    __table_args__ = (UniqueConstraint("sheet_id", "client_id", name="uq_score_send_sheet_client"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("score_sheet.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(64))
    result: Mapped[SendResult] = mapped_column(choice(SendResult, 20, "result"))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScoringState(Model):
    """Whether scoring is open for a job, and whether HR has finalised the results."""

    __tablename__ = "scoring_state"

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    close_reason: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime)
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    final_reason: Mapped[str] = mapped_column(Text, default="")


class ScoreView(Model):
    """Someone saw other panel members' scores: for one candidate, or all (candidate None).

    Written on every view of other members' scores (results page and exports, the panel's
    scores for a candidate, a paper sheet typed in, the audit trail with score values).
    Someone who has seen them cannot send first scores for that candidate afterwards.
    """

    __tablename__ = "score_view"
    __table_args__ = (Index("ix_score_view_user_job", "user_id", "job_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScoringPref(Model):
    """How a person likes the score screen: one question at a time, or all on one page."""

    __tablename__ = "scoring_pref"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    one_at_a_time: Mapped[bool] = mapped_column(Boolean, default=True)
