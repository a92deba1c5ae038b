"""Paying panel members: rates, time, payment choices, expenses and claims.

Money is whole pence (``Integer``), never a float. The organisation keeps default rates
(``OrgPayRates``, one row per organisation); each job gets its own copy
(``JobPayRates``), so changing the defaults never changes a job already set up. A
``PayClaim`` is one panel member's pay for one job: their choice, whether they are paid
through their job, whether they agreed their time, and when it was paid. Time entries
and expenses belong to a claim. A payment choice is a choice: what benefits a person
gets is never stored.
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
from panels.models.base import one_of, utcnow
from panels.models.jobs import PanelMember

PER = ("hour", "session")
TIME_KINDS = ("preparation", "interview_day", "training", "travel")
CHOICES = ("full", "lower", "none", "charity", "vouchers")
EXPENSE_KINDS = ("fare", "taxi", "mileage", "support", "interpreter", "care", "food")
DECISIONS = ("waiting", "approved", "refused")
TIME_CHECKS = ("unseen", "confirmed", "wrong")
SOURCES = ("entered", "plan", "live")


class TimeCheck(StrEnum):
    UNSEEN = "unseen"
    CONFIRMED = "confirmed"
    WRONG = "wrong"


def _rate_columns():
    """The same rate columns on the organisation's defaults and each job's copy."""
    return (
        CheckConstraint(one_of("preparation_per", PER), name="preparation_per"),
        CheckConstraint(one_of("interview_day_per", PER), name="interview_day_per"),
        CheckConstraint(one_of("training_per", PER), name="training_per"),
        CheckConstraint(one_of("travel_per", PER), name="travel_per"),
        CheckConstraint(
            "preparation_pence >= 0 AND interview_day_pence >= 0 AND training_pence >= 0"
            " AND travel_pence >= 0 AND mileage_pence >= 0",
            name="rates_not_negative",
        ),
    )


class _Rates:
    """Pence and per (hour or session) for each kind of time, and pence a mile."""

    preparation_pence: Mapped[int] = mapped_column(Integer, default=1150)
    preparation_per: Mapped[str] = mapped_column(String(10), default="hour")
    interview_day_pence: Mapped[int] = mapped_column(Integer, default=1150)
    interview_day_per: Mapped[str] = mapped_column(String(10), default="hour")
    training_pence: Mapped[int] = mapped_column(Integer, default=1150)
    training_per: Mapped[str] = mapped_column(String(10), default="hour")
    travel_pence: Mapped[int] = mapped_column(Integer, default=0)
    travel_per: Mapped[str] = mapped_column(String(10), default="hour")
    travel_paid: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    mileage_pence: Mapped[int] = mapped_column(Integer, default=45)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class OrgPayRates(_Rates, Model):
    """The organisation's default rates (made on first save), copied into each new job's
    rates. ``currency`` is how amounts are shown (an ISO code, GBP unless set)."""

    __tablename__ = "org_pay_rates"
    __table_args__ = _rate_columns()

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    currency: Mapped[str] = mapped_column(String(3), default="GBP", server_default="GBP")


class JobPayRates(_Rates, Model):
    """This job's rates: a copy of the organisation's defaults, changed for the job."""

    __tablename__ = "job_pay_rates"
    __table_args__ = _rate_columns()

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)


class PayClaim(Model):
    """One panel member's pay for one job (made on the first write about it)."""

    __tablename__ = "pay_claim"
    __table_args__ = (
        UniqueConstraint("member_id", name="uq_pay_claim_member"),
        CheckConstraint("choice IS NULL OR " + one_of("choice", CHOICES), name="choice"),
        CheckConstraint(one_of("time_check", TIME_CHECKS), name="time_check"),
        CheckConstraint("lower_pence IS NULL OR lower_pence >= 0", name="lower_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("panel_member.id", ondelete="CASCADE"))
    # Staff on the panel whose employer pays them for the day: no claim is made.
    paid_through_job: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    choice: Mapped[str | None] = mapped_column(String(10))
    lower_pence: Mapped[int | None] = mapped_column(Integer)
    charity: Mapped[str] = mapped_column(String(limits.CHARITY), default="", server_default="")
    chosen_at: Mapped[datetime | None] = mapped_column(DateTime)
    time_check: Mapped[str] = mapped_column(String(10), default="unseen", server_default="unseen")
    time_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    time_checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_how: Mapped[str] = mapped_column(String(limits.PAID_HOW), default="", server_default="")
    paid_pence: Mapped[int | None] = mapped_column(Integer)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    member: Mapped[PanelMember] = relationship()
    entries: Mapped[list[TimeEntry]] = relationship(
        back_populates="claim",
        cascade="all, delete-orphan",
        order_by="(TimeEntry.day, TimeEntry.start_time, TimeEntry.id)",
    )
    expenses: Mapped[list[Expense]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="Expense.id"
    )


class ClaimLine:
    """What a time entry and an expense both hold: the claim and the job they belong to,
    what kind of line it is, and its day. Each keeps its own CHECKs and ``claim``."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("pay_claim.id", ondelete="CASCADE"), index=True
    )
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)


class TimeEntry(ClaimLine, Model):
    """Time a panel member worked: a preparation meeting, training, the interview day."""

    __tablename__ = "time_entry"
    __table_args__ = (
        CheckConstraint(one_of("kind", TIME_KINDS), name="kind"),
        CheckConstraint(one_of("source", SOURCES), name="source"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
    )

    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    what: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(10), default="entered")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    claim: Mapped[PayClaim] = relationship(back_populates="entries")


class Expense(ClaimLine, Model):
    """One thing a panel member paid for and claims back, decided by a coordinator."""

    __tablename__ = "expense"
    __table_args__ = (
        CheckConstraint(one_of("kind", EXPENSE_KINDS), name="kind"),
        CheckConstraint(one_of("decision", DECISIONS), name="decision"),
        CheckConstraint("amount_pence >= 0", name="amount_not_negative"),
        CheckConstraint("miles_tenths IS NULL OR miles_tenths > 0", name="miles_positive"),
    )

    description: Mapped[str] = mapped_column(Text, default="")
    amount_pence: Mapped[int] = mapped_column(Integer)
    miles_tenths: Mapped[int | None] = mapped_column(Integer)  # mileage: miles x 10
    receipt: Mapped[str | None] = mapped_column(String(limits.FILE_KEY))
    no_receipt_reason: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(10), default="waiting")
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    claim: Mapped[PayClaim] = relationship(back_populates="expenses")
