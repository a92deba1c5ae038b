"""Reads for email: a job's messages, one message, the reminder settings."""

from __future__ import annotations

from flask import abort, current_app
from sqlalchemy import func, select

from panels.db import db
from panels.lib.limits import parse_id
from panels.models import Job, Message
from panels.models.mail import MailSettings

PAGE = 500  # messages shown on one page, newest first


def messages_for(job: Job) -> list[Message]:
    return list(
        db.session.scalars(
            select(Message)
            .where(Message.job_id == job.id)
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(PAGE)
        )
    )


def message_or_404(job: Job, message_id: object) -> Message:
    """A message of this job; 404 for another job's, or anything that is not an id."""
    number = parse_id(message_id)
    message = db.session.get(Message, number) if number else None
    if message is None or message.job_id != job.id:
        abort(404)
    return message


def settings_of(job: Job) -> MailSettings:
    """The job's reminder settings, or unsaved defaults (every reminder on)."""
    found = db.session.scalar(select(MailSettings).where(MailSettings.job_id == job.id))
    return found or MailSettings(
        job_id=job.id, remind_candidates=True, remind_members=True, score_reminders=3
    )


def has_server() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def counts(job: Job) -> dict[str, int]:
    """How many of the job's messages are in each state."""
    rows = db.session.execute(
        select(Message.status, func.count())
        .where(Message.job_id == job.id)
        .group_by(Message.status)
    ).all()
    return {str(status): int(count) for status, count in rows}
