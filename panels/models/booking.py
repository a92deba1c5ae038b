"""Interview times candidates can choose: the job's booking settings and who has which time.

A job with a ``booking_job`` row plans its day as ``slots`` interview times, each one free
or held by one candidate (``slot_booking``). Two unique keys keep it right when two people
press at the same moment: one candidate per time (``job_id, slot``) and one time per
candidate (``candidate_id``). The database refuses the second booking; nobody checks first.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from panels.db import Model
from panels.lib import limits
from panels.models.base import between, choice, utcnow


class BookedBy(StrEnum):
    """Who put the candidate in this time (``slot_booking.booked_by``)."""

    CANDIDATE = "candidate"
    COORDINATOR = "coordinator"


class BookingJob(Model):
    """Booking settings for one job: how many times, and whether candidates choose."""

    __tablename__ = "booking_job"
    __table_args__ = (
        between("slots", limits.BOOKING_SLOTS_MIN, limits.BOOKING_SLOTS_MAX),
        between("cutoff_hours", limits.BOOKING_CUTOFF_MIN, limits.BOOKING_CUTOFF_MAX),
    )

    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    slots: Mapped[int] = mapped_column(Integer)
    self_booking: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    cutoff_hours: Mapped[int] = mapped_column(Integer, default=24)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SlotBooking(Model):
    """One candidate in one interview time (``slot``: 1 is the first time of the day)."""

    __tablename__ = "slot_booking"
    __table_args__ = (
        UniqueConstraint("job_id", "slot", name="uq_slot_booking_job_slot"),
        between("slot", limits.BOOKING_SLOTS_MIN, limits.BOOKING_SLOTS_MAX),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), unique=True
    )
    booked_by: Mapped[BookedBy] = mapped_column(choice(BookedBy, 20, "booked_by"))
    booked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
