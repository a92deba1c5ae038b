"""The interview day: settings, running-late shifts, live interviews and real timings."""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

from sqlalchemy import DateTime, Float, ForeignKey, Integer, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.models.base import between, choice, utcnow
from panels.models.jobs import Job, Panel


class DaySettings(Model):
    """How the coordinator wants the day laid out (one row per job)."""

    __tablename__ = "day_settings"
    __table_args__ = tuple(between(name, *limits.DAY_MINUTES[name]) for name in limits.DAY_MINUTES)

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    start: Mapped[time] = mapped_column(Time)
    end_by: Mapped[time | None] = mapped_column(Time)
    max_work_minutes: Mapped[int] = mapped_column(Integer, default=90)
    break_minutes: Mapped[int] = mapped_column(Integer, default=15)
    changeover_minutes: Mapped[int] = mapped_column(Integer, default=15)
    welcome_minutes: Mapped[int] = mapped_column(Integer, default=5)
    close_minutes: Mapped[int] = mapped_column(Integer, default=5)
    arrive_before_minutes: Mapped[int] = mapped_column(Integer, default=15)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PlanShift(Model):
    """The interview with this candidate ran late: later candidates move by ``minutes``."""

    __tablename__ = "plan_shift"
    __table_args__ = (between("minutes", limits.LATE_MINUTES_MIN, limits.LATE_MINUTES_MAX),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    minutes: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LiveStatus(StrEnum):
    """Where a live interview is (``live_interview.status``). Before it starts there is no
    row: the live screen calls that "waiting"."""

    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class LiveInterview(Model):
    """Where one interview is, shared by every tablet on the panel.

    ``version`` goes up by one with every change; a change is applied only when the tablet
    sends the version it saw, so two taps at once cannot skip a question.
    """

    __tablename__ = "live_interview"
    __table_args__ = (UniqueConstraint("panel_id", "candidate_id", name="uq_live_panel_candidate"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    # Each panel runs its own interview with the candidate (the job's first panel if unset).
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[LiveStatus] = mapped_column(
        choice(LiveStatus, 20, "status"), default=LiveStatus.RUNNING
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    more_time_count: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    question_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    question_seconds_before: Mapped[float] = mapped_column(Float, default=0.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    job: Mapped[Job] = relationship()
    panel: Mapped[Panel] = relationship()


class QuestionTiming(Model):
    """Real time spent on one question in one interview, with who asked it.

    ``seconds`` is the whole question (ask, answer, scoring), pauses left out.
    ``ask_seconds`` is that minus the planned answer and scoring time: the asker's share,
    used by later plans. None when the question took no longer than planned for answering.
    """

    __tablename__ = "question_timing"
    __table_args__ = (
        UniqueConstraint("live_id", "question_id", name="uq_question_timing_live_question"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    live_id: Mapped[int] = mapped_column(
        ForeignKey("live_interview.id", ondelete="CASCADE"), index=True
    )
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_member.id", ondelete="SET NULL")
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    seconds: Mapped[float] = mapped_column(Float)
    ask_seconds: Mapped[float | None] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
