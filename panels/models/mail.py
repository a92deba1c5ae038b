"""Email: the outbox of messages to send, and each job's reminder settings.

A message is written in the same transaction as the change that causes it (an
invitation sent, a sign-in link asked for, a reminder that is due), then delivered by
the background worker (``panels/mail/deliver.py``). ``dedupe_key`` is unique: one cause
sends one message, however often it is asked for.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from panels.db import Model
from panels.lib import limits
from panels.models.base import at_least, between, choice, utcnow


class MessageStatus(StrEnum):
    QUEUED = "queued"  # waiting to be sent (again, after a try that failed for now)
    SENDING = "sending"  # a worker holds it until ``leased_until``
    SENT = "sent"
    FAILED = "failed"  # not sent; ``last_error`` says why in plain words


class MessageKind(StrEnum):
    INVITATION = "invitation"
    INVITATION_AGAIN = "invitation-again"  # a candidate asked for their link again
    SIGN_IN_LINK = "sign-in-link"
    CANDIDATE_REMINDER = "candidate-reminder"  # 24 hours before the interview
    MEMBER_DAY_BEFORE = "member-day-before"
    MEMBER_MORNING = "member-morning"
    SCORES_REMINDER = "scores-reminder"  # scores not sent yet
    OUTCOME = "outcome"


class MessageVia(StrEnum):
    SMTP = "smtp"  # handed to the mail server
    OUTBOX = "outbox"  # no mail server set up: kept in Panels to read


class Message(Model):
    """One email, from the moment it is asked for until it is sent (or fails).

    ``attachments`` says what to attach, by id (``[{"kind": "invitation-pdf",
    "invitation_id": 3}]``): the files are made again when the message is sent.
    """

    __tablename__ = "message"
    __table_args__ = (
        at_least("attempts", 0),
        CheckConstraint("length(recipient) >= 3", name="recipient"),
        Index("ix_message_status_next_try_at", "status", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    job_id: Mapped[int | None] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(limits.EMAIL))
    recipient_name: Mapped[str] = mapped_column(String(limits.PERSON_NAME), default="")
    kind: Mapped[MessageKind] = mapped_column(choice(MessageKind, 30, "kind"))
    subject: Mapped[str] = mapped_column(String(limits.MAIL_SUBJECT))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    dedupe_key: Mapped[str] = mapped_column(String(limits.MAIL_KEY), unique=True)
    status: Mapped[MessageStatus] = mapped_column(
        choice(MessageStatus, 10, "status"), default=MessageStatus.QUEUED
    )
    via: Mapped[MessageVia | None] = mapped_column(choice(MessageVia, 10, "via"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    leased_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class MailSettings(Model):
    """Which reminders a job sends. A job without a row sends every reminder."""

    __tablename__ = "mail_settings"
    __table_args__ = (
        between("score_reminders", limits.SCORE_REMINDERS_MIN, limits.SCORE_REMINDERS_MAX),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), unique=True)
    remind_candidates: Mapped[bool] = mapped_column(Boolean, default=True, server_default=false())
    remind_members: Mapped[bool] = mapped_column(Boolean, default=True, server_default=false())
    score_reminders: Mapped[int] = mapped_column(Integer, default=3)
