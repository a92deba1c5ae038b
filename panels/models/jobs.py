"""Jobs, their panels and their candidates."""

from __future__ import annotations

from datetime import date, datetime, time

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
    event,
    false,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from panels.db import Model
from panels.lib import limits
from panels.models.accounts import User
from panels.models.base import at_least, utcnow
from panels.models.orgs import Organisation


class Job(Model):
    __tablename__ = "job"
    # A reference is unique in its organisation: another organisation may use the same.
    __table_args__ = (
        UniqueConstraint("organisation_id", "ref", name="uq_job_organisation_ref"),
        # One equal-weight rule at a time: groups, or panels, or every member the same.
        CheckConstraint("NOT (group_parity AND panel_parity)", name="one_parity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    ref: Mapped[str] = mapped_column(String(limits.JOB_REF))
    title: Mapped[str] = mapped_column(String(limits.JOB_TITLE))
    interview_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time, default=time(9, 30))
    place: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    group_parity: Mapped[bool] = mapped_column(Boolean, default=False)
    # Every panel counts the same (each panel's mean of member scores, then their mean).
    panel_parity: Mapped[bool] = mapped_column(Boolean, default=False)
    # The member group (``PanelMember.group``) of people with lived experience, if any: a
    # one-panel job's "lived-experience group" for the decision meeting. The coordinator
    # names it; None: no such group.
    lived_group: Mapped[str | None] = mapped_column(String(limits.GROUP))
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
    panels: Mapped[list[Panel]] = relationship(
        back_populates="job",
        cascade="all, delete-orphan",
        order_by="(Panel.position, Panel.id)",
    )


DEFAULT_PANEL_NAME = "Our panel"


class Panel(Model):
    """One panel of a job: its own members, questions or activities, time and room.

    Every job has at least one; a job with one panel works as if panels did not exist.
    """

    __tablename__ = "panel"
    __table_args__ = (
        UniqueConstraint("job_id", "name", name="uq_panel_job_name"),
        at_least("position", 0),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(limits.PANEL_NAME), default=DEFAULT_PANEL_NAME)
    room: Mapped[str] = mapped_column(String(limits.ROOM), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # When this panel's part of the day starts; None: at the start of the day plan.
    start_time: Mapped[time | None] = mapped_column(Time)
    # "This panel is people with lived experience": the coordinator says so. Its first
    # choice is the one an offer needs a written reason to go against.
    lived_experience: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    job: Mapped[Job] = relationship(back_populates="panels")


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
    # One person sits on one panel of a job (uq_panel_member_job_user): never scores twice.
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(limits.KEY))
    group: Mapped[str | None] = mapped_column(String(limits.GROUP))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    job: Mapped[Job] = relationship(back_populates="members")
    panel: Mapped[Panel] = relationship()
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


def default_panel(session: Session, job: Job) -> Panel:
    """The job's first panel, made now if the job has none yet."""
    if job.id is not None and "panels" not in job.__dict__:
        found = session.scalar(
            select(Panel).where(Panel.job_id == job.id).order_by(Panel.position, Panel.id).limit(1)
        )
        if found is not None:
            return found
    if job.panels:
        return job.panels[0]
    panel = Panel(job=job, name=DEFAULT_PANEL_NAME, position=0)
    session.add(panel)
    return panel


def _job_of(session: Session, row) -> Job | None:
    job = row.job
    return job if job is not None else session.get(Job, row.job_id)


@event.listens_for(Session, "before_flush")
def _give_default_panel(session: Session, _context, _instances) -> None:
    """Rows made without a panel (a job with one panel, older code) go on the job's first
    panel; every new job gets its first panel."""
    for row in list(session.new):
        if isinstance(row, Job) and not row.panels:
            default_panel(session, row)
        elif getattr(row, "panel_id", 0) is None and getattr(row, "panel", 0) is None:
            job = _job_of(session, row)
            if job is not None:
                row.panel = default_panel(session, job)
