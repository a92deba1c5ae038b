"""Sending one message: the worker's ``mail.send`` task.

A message is claimed with one conditional UPDATE (queued and due, or held by a worker
whose lease ran out), so two workers never send it at once. Then it is built (the
attachments are made again from their ids), handed to the mail server, and marked
sent. A try that fails for now is queued again later, waiting longer each time; a
refused address, or the last try, marks it failed with the reason in plain words.

With no ``MAIL_SERVER`` the message is kept in Panels' own outbox (``via = outbox``):
the coordinator reads it on the job's "Sent messages" page.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, and_, or_, select, update

from panels.common.pdf import PdfFailed
from panels.common.tasks import enqueue
from panels.db import db
from panels.invitations import files
from panels.lib import limits
from panels.lib.limits import parse_id
from panels.mail import core
from panels.mail.service import links
from panels.models import Invitation, Message
from panels.models.base import utcnow
from panels.models.mail import MessageStatus, MessageVia

SEND = "mail.send"
LEASE_SECONDS = 120
STUCK_AFTER = timedelta(minutes=5)  # a due message nobody took: the sweep asks again


def _claimable(now: datetime):
    return or_(
        and_(Message.status == MessageStatus.QUEUED, Message.next_try_at <= now),
        and_(Message.status == MessageStatus.SENDING, Message.leased_until < now),
    )


def claim(message_id: int, now: datetime | None = None) -> Message | None:
    """Take the message for this try, or None (sent, failed, not due, or someone has it)."""
    now = now or utcnow()
    result = db.session.execute(
        update(Message)
        .where(Message.id == message_id, _claimable(now))
        .values(
            status=MessageStatus.SENDING,
            attempts=Message.attempts + 1,
            leased_until=now + timedelta(seconds=LEASE_SECONDS),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if cast(CursorResult[Any], result).rowcount != 1:
        return None
    return db.session.get(Message, message_id)


def send_task(payload: Mapping[str, Any]) -> None:
    """The ``mail.send`` task: one try at one message."""
    message_id = parse_id(payload.get("message_id"))
    message = claim(message_id) if message_id else None
    if message is None:
        return
    try:
        built = build(message)
        via = transport(built)
    except PdfFailed:
        db.session.rollback()
        failed(message, core.Failure("We could not make the printout.", True))
    except Exception as error:  # every reason: shown to the coordinator in plain words
        db.session.rollback()
        why = core.failure(error)
        if not isinstance(error, smtplib.SMTPException | OSError):
            current_app.logger.exception("Email %s could not be made", message_id)
        failed(message, why)
    else:
        sent(message, via)


def sent(message: Message, via: MessageVia) -> None:
    message.status = MessageStatus.SENT
    message.via = via
    message.sent_at = utcnow()
    message.leased_until = None
    message.last_error = ""
    db.session.commit()


def failed(message: Message, why: core.Failure, now: datetime | None = None) -> None:
    """Queue it again later, or mark it failed (a refusal, or the last try). Commits."""
    now = now or utcnow()
    message.leased_until = None
    if why.again and message.attempts < limits.MAIL_ATTEMPTS:
        wait = core.backoff_seconds(message.attempts, current_app.config["MAIL_RETRY_SECONDS"])
        message.status = MessageStatus.QUEUED
        message.next_try_at = now + timedelta(seconds=wait)
        message.last_error = why.words[: limits.MAIL_ERROR]
        enqueue(
            SEND,
            {"message_id": message.id},
            key=f"{SEND}:{message.id}:{message.attempts}",
            run_after=message.next_try_at,
            max_attempts=3,
        )
    else:
        message.status = MessageStatus.FAILED
        words = why.words if not why.again else core.gave_up(why.words, message.attempts)
        message.last_error = words[: limits.MAIL_ERROR]
    db.session.commit()
    current_app.logger.warning("Email %s not sent: %s", message.id, message.last_error)


def sweep(now: datetime | None = None) -> int:
    """Messages due for a while that no task took (a lost task, a worker that died):
    ask for a try again. Skips rows another worker holds. Commits."""
    now = now or utcnow()
    stuck = or_(
        and_(Message.status == MessageStatus.QUEUED, Message.next_try_at <= now - STUCK_AFTER),
        and_(Message.status == MessageStatus.SENDING, Message.leased_until < now),
    )
    ids = db.session.scalars(
        select(Message.id).where(stuck).limit(200).with_for_update(skip_locked=True)
    ).all()
    minute = now.isoformat(timespec="minutes")
    for message_id in ids:
        enqueue(SEND, {"message_id": message_id}, key=f"{SEND}:{message_id}:sweep:{minute}")
    db.session.commit()
    return len(ids)


# --- building and handing over ------------------------------------------------------------


def build(message: Message) -> EmailMessage:
    """The email as it goes out: headers, plain text, HTML, and the files made again."""
    config = current_app.config
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = config["MAIL_SENDER"]
    email["To"] = formataddr((message.recipient_name, message.recipient))
    email["Date"] = formatdate(localtime=False)
    domain = config["MAIL_SENDER"].rsplit("@", 1)[-1].strip(" >") or "panels"
    # The same id on every try: a mail system that got it already can drop the copy.
    email["Message-ID"] = make_msgid(f"panels-message-{message.id}", domain=domain)
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    with links():  # the printout is a page: it is made as if for a request
        for part in message.attachments or []:
            _attach(email, part)
    return email


def _attach(email: EmailMessage, part: Any) -> None:
    if not isinstance(part, dict):
        return
    invitation = db.session.get(Invitation, parse_id(part.get("invitation_id")) or 0)
    if invitation is None:
        return
    if part.get("kind") == "invitation-pdf":
        email.add_attachment(
            files.pdf_bytes(invitation),
            maintype="application",
            subtype="pdf",
            filename="interview-invitation.pdf",
        )
    elif part.get("kind") == "invitation-ics":
        data = files.ics_bytes(invitation)
        if data is not None:
            email.add_attachment(
                data, maintype="text", subtype="calendar", filename="interview.ics"
            )


def transport(email: EmailMessage) -> MessageVia:
    """Hand the email to the mail server, or keep it in the outbox when there is none."""
    config = current_app.config
    server = config.get("MAIL_SERVER")
    if not server:
        return MessageVia.OUTBOX
    port = int(config["MAIL_PORT"])
    timeout = float(config["MAIL_TIMEOUT"])
    context = ssl.create_default_context()
    if config.get("MAIL_USE_TLS"):
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(server, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(server, port, timeout=timeout)
    with smtp:
        if config.get("MAIL_STARTTLS"):
            smtp.starttls(context=context)
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(email)
    return MessageVia.SMTP
