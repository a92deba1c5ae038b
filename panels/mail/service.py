"""Writing emails to the outbox, in the same transaction as what causes them.

``queue`` renders one email (HTML and plain text, from the same blocks), writes it to
the ``message`` table and asks the worker to send it; the caller commits, so the email
exists exactly when the change does. A message's ``dedupe_key`` is unique: asking
twice for the same cause queues one email.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any, cast

from flask import current_app, has_request_context, render_template, url_for
from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite

from panels.auth import service as auth_service
from panels.common.audit import record
from panels.common.tasks import enqueue
from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations import service as invitation_service
from panels.lib import limits
from panels.mail import core
from panels.models import Candidate, Invitation, Job, Message, MessageKind, PanelMember, User
from panels.models.base import utcnow
from panels.models.mail import MailSettings, MessageStatus

SEND = "mail.send"
_table = cast(Table, Message.__table__)


class CannotSend(Exception):
    """This email cannot be sent; ``message`` says why in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@contextlib.contextmanager
def links() -> Iterator[None]:
    """Where ``url_for(..., _external=True)`` can work: the request, or BASE_URL."""
    if has_request_context():
        yield
        return
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        yield


def external(endpoint: str, **values: Any) -> str:
    with links():
        return url_for(endpoint, _external=True, **values)


def render_html(email: core.Email) -> str:
    with links():
        return render_template(
            "mail/email.html",
            email=email,
            picture=lambda code: url_for("invitations.symbol", code=code, _external=True),
        )


def queue(
    *,
    organisation_id: int,
    job_id: int | None,
    recipient: str,
    name: str,
    kind: MessageKind,
    email: core.Email,
    key: str,
    attachments: Sequence[dict[str, Any]] = (),
) -> int | None:
    """Write one email to the outbox and ask the worker to send it (the caller commits).

    Returns the message's id, or None when a message with this key exists already.
    """
    if not core.looks_like_email(recipient):
        raise CannotSend("This email address does not look right.")
    now = utcnow()
    values = {
        "organisation_id": organisation_id,
        "job_id": job_id,
        "recipient": recipient.strip(),
        "recipient_name": core.header_text(name, limits.PERSON_NAME),
        "kind": kind.value,
        "subject": core.header_text(email.subject, limits.MAIL_SUBJECT),
        "text": core.text_part(email),
        "html": render_html(email),
        "attachments": list(attachments),
        "dedupe_key": key[: limits.MAIL_KEY],
        "status": MessageStatus.QUEUED.value,
        "attempts": 0,
        "next_try_at": now,
        "last_error": "",
        "created_at": now,
    }
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(_table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[_table.c.dedupe_key])
        .returning(_table.c.id)
    )
    message_id = db.session.execute(statement).scalar()
    if message_id is None:
        return None
    enqueue(SEND, {"message_id": message_id}, key=f"{SEND}:{message_id}:0", max_attempts=3)
    return int(message_id)


# --- invitations ---------------------------------------------------------------------------


def invitation_link(invitation: Invitation) -> str:
    token = invitation_queries.token_for(current_app.config["SECRET_KEY"], invitation)
    return external("invitations.page", token=token)


def _live(invitation: Invitation) -> None:
    if invitation.revoked_at is not None:
        raise CannotSend("The link is stopped. Make a new link first.")
    job = invitation.candidate.job
    settings = invitation_queries.stored_settings(job)
    if settings is not None and settings.closed_at is not None:
        raise CannotSend("Every link for this job is closed. Open them first.")
    if utcnow().date() > invitation_queries.expires_on(job):
        raise CannotSend("The links for this job have stopped working.")


def _files(invitation: Invitation, facts) -> list[dict[str, Any]]:
    found = [{"kind": "invitation-pdf", "invitation_id": invitation.id}]
    if facts.times:
        found.append({"kind": "invitation-ics", "invitation_id": invitation.id})
    return found


def _invitation_message(candidate: Candidate, invitation: Invitation, key: str) -> int | None:
    if not candidate.email.strip():
        raise CannotSend(f"We do not have an email address for {candidate.name}.")
    _live(invitation)
    facts = invitation_queries.facts_for(invitation)
    email = core.invitation_email(candidate.name, invitation_link(invitation), facts)
    return _to_candidate(
        candidate, MessageKind.INVITATION, email, key, attachments=_files(invitation, facts)
    )


def _to_candidate(
    candidate: Candidate,
    kind: MessageKind,
    email: core.Email,
    key: str,
    attachments: Sequence[dict[str, Any]] = (),
) -> int | None:
    """Queues one email to a candidate of the job (see ``queue``)."""
    return queue(
        organisation_id=candidate.job.organisation_id,
        job_id=candidate.job_id,
        recipient=candidate.email,
        name=candidate.name,
        kind=kind,
        email=email,
        key=key,
        attachments=attachments,
    )


def invitation_key(invitation: Invitation) -> str:
    """One invitation email per link: a new link (reissue) is a new email."""
    return f"invitation:{invitation.id}:v{invitation.version}"


def email_invitation(candidate: Candidate) -> bool:
    """Queue the candidate's invitation; False if this link was emailed already. Commits.

    Raises CannotSend (no address, link stopped or closed).
    """
    invitation = invitation_service.invitation_for(candidate)
    queued = _invitation_message(candidate, invitation, invitation_key(invitation))
    if queued is not None:
        record("invitation emailed", job_id=candidate.job_id, candidate=candidate.key)
    db.session.commit()
    return queued is not None


def email_every_invitation(job: Job) -> tuple[int, list[str]]:
    """Queue every candidate's invitation not emailed yet: (how many, problems). Commits."""
    queued, problems = 0, []
    for candidate in job.candidates:
        invitation = invitation_service.invitation_for(candidate)
        try:
            if _invitation_message(candidate, invitation, invitation_key(invitation)):
                queued += 1
        except CannotSend as cannot:
            problems.append(f"{candidate.name}: {cannot.message}")
    record("invitations emailed", job_id=job.id, queued=queued)
    db.session.commit()
    return queued, problems


def email_outcome(candidate: Candidate) -> bool:
    """Tell the candidate their outcome is on their page (the words are in it too)."""
    invitation = invitation_service.invitation_for(candidate)
    if not (invitation.outcome or "").strip():
        raise CannotSend("Write what happened first.")
    if not candidate.email.strip():
        raise CannotSend(f"We do not have an email address for {candidate.name}.")
    _live(invitation)
    stamp = (invitation.outcome_at or utcnow()).isoformat(timespec="seconds")
    facts = invitation_queries.facts_for(invitation)
    email = core.outcome_email(candidate.name, invitation_link(invitation), facts)
    queued = _to_candidate(
        candidate, MessageKind.OUTCOME, email, f"outcome:{invitation.id}:{stamp}"
    )
    if queued is not None:
        record("outcome emailed", job_id=candidate.job_id, candidate=candidate.key)
    db.session.commit()
    return queued is not None


# --- asking for a link again (no sign-in) -------------------------------------------------


def _asked_recently(recipient: str, kind: MessageKind) -> bool:
    since = utcnow() - timedelta(minutes=limits.MAIL_ASK_MINUTES)
    count = db.session.scalar(
        select(func.count())
        .select_from(Message)
        .where(
            func.lower(Message.recipient) == recipient.lower(),
            Message.kind == kind,
            Message.created_at >= since,
        )
    )
    return (count or 0) >= limits.MAIL_ASKS


def ask_for_sign_in_link(email: str) -> None:
    """A panel member asked for a sign-in link. Commits.

    Says nothing about whether anyone has the address: the caller shows the same page.
    Coordinators sign in with their password, so they get no link by email.
    """
    user = auth_service.user_by_email(email)
    if user is None or user.is_coordinator or not user.org_memberships:
        return
    if _asked_recently(user.email, MessageKind.SIGN_IN_LINK):
        return
    try:
        _sign_in_message(user, None, user.org_memberships[0].organisation_id, None)
    except CannotSend:  # an address we cannot send to: nothing changes, the same page
        db.session.rollback()
        return
    db.session.commit()


def _sign_in_message(
    user: User, made_by: User | None, organisation_id: int, job_id: int | None
) -> int | None:
    token, link = auth_service.make_sign_in_link(user, made_by)
    db.session.flush()
    minutes = int(current_app.config["SIGN_IN_LINK_MINUTES"])
    return queue(
        organisation_id=organisation_id,
        job_id=job_id,
        recipient=user.email,
        name=user.name,
        kind=MessageKind.SIGN_IN_LINK,
        email=core.sign_in_email(user.name, external("auth.use_link", token=token), minutes),
        key=f"sign-in:{link.id}",
    )


def email_sign_in_link(job: Job, member: PanelMember, made_by: User) -> None:
    """The coordinator emails a member a new sign-in link (older ones stop working)."""
    _sign_in_message(member.user, made_by, job.organisation_id, job.id)
    record("sign-in link emailed", job_id=job.id, on_behalf_of_id=member.user_id)
    db.session.commit()


def ask_for_invitation(email: str) -> None:
    """A candidate asked for their invitation again. Commits.

    Every live invitation for this address is sent; nothing says whether there was one.
    """
    address = auth_service.normalise_email(email)
    if not core.looks_like_email(address) or _asked_recently(address, MessageKind.INVITATION_AGAIN):
        return
    candidates = db.session.scalars(
        select(Candidate).where(func.lower(Candidate.email) == address).limit(20)
    ).all()
    stamp = utcnow().isoformat(timespec="seconds")
    for candidate in candidates:
        invitation = invitation_queries.invitation_of(candidate)
        if invitation is None:
            continue
        try:
            _live(invitation)
        except CannotSend:
            continue
        facts = invitation_queries.facts_for(invitation)
        again = core.again_email(candidate.name, invitation_link(invitation), facts)
        key = f"invitation-again:{invitation.id}:{stamp}"
        _to_candidate(candidate, MessageKind.INVITATION_AGAIN, again, key)
    db.session.commit()


# --- the coordinator's page ----------------------------------------------------------------


def resend(message: Message) -> int | None:
    """Send the message again, as a new message. Commits.

    An invitation is made again from the invitation as it is now (its current link).
    Two clicks at once send one copy.
    """
    copies = db.session.scalar(
        select(func.count())
        .select_from(Message)
        .where(Message.dedupe_key.like(f"resend:{message.id}:%"))
    )
    key = f"resend:{message.id}:{(copies or 0) + 1}"
    invitation = _invitation_of(message)
    if invitation is not None:
        queued = _invitation_message(invitation.candidate, invitation, key)
    else:
        queued = _copy(message, key)
    record("email sent again", job_id=message.job_id, message_id=message.id)
    db.session.commit()
    return queued


def _invitation_of(message: Message) -> Invitation | None:
    if message.kind != MessageKind.INVITATION:
        return None
    for part in message.attachments or []:
        if isinstance(part, dict) and isinstance(part.get("invitation_id"), int):
            return db.session.get(Invitation, part["invitation_id"])
    return None


def _copy(message: Message, key: str) -> int | None:
    now = utcnow()
    copy = Message(
        organisation_id=message.organisation_id,
        job_id=message.job_id,
        recipient=message.recipient,
        recipient_name=message.recipient_name,
        kind=message.kind,
        subject=message.subject,
        text=message.text,
        html=message.html,
        attachments=list(message.attachments or []),
        dedupe_key=key,
        status=MessageStatus.QUEUED,
        attempts=0,
        next_try_at=now,
        last_error="",
        created_at=now,
    )
    db.session.add(copy)
    db.session.flush()
    enqueue(SEND, {"message_id": copy.id}, key=f"{SEND}:{copy.id}:0", max_attempts=3)
    return copy.id


def settings_for(job: Job) -> MailSettings:
    found = db.session.scalar(select(MailSettings).where(MailSettings.job_id == job.id))
    if found is None:
        found = MailSettings(job_id=job.id, remind_candidates=True, remind_members=True)
        found.score_reminders = 3
        db.session.add(found)
    return found


def save_settings(job: Job, candidates: bool, members: bool, score_reminders: int) -> None:
    settings = settings_for(job)
    settings.remind_candidates = candidates
    settings.remind_members = members
    settings.score_reminders = score_reminders
    record(
        "reminder settings changed",
        job_id=job.id,
        candidates=candidates,
        members=members,
        score_reminders=score_reminders,
    )
    db.session.commit()
