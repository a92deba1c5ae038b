"""What the mail area holds about people: the emails Panels wrote to them, and the names
in emails to others (``panels.common.personal``)."""

from __future__ import annotations

from sqlalchemy import func, select

from panels.common.personal import Held, PersonalData, Removal, Scrub
from panels.db import db
from panels.models import Candidate, Message, User


def _to(address: str, *where) -> list[Message]:
    query = select(Message).where(func.lower(Message.recipient) == address.strip().lower())
    return list(db.session.scalars(query.where(*where).order_by(Message.id)))


def _held(messages: list[Message]) -> Held:
    return Held(
        {
            "emails": [
                {
                    "to": m.recipient,
                    "subject": m.subject,
                    "written": m.created_at,
                    "sent": m.sent_at,
                    "status": str(m.status),
                    "text": m.text,
                }
                for m in messages
            ]
        }
    )


def candidate_export(candidate: Candidate) -> Held:
    if not candidate.email.strip():
        return Held({"emails": []})
    return _held(_to(candidate.email, Message.job_id == candidate.job_id))


def candidate_anonymise(candidate: Candidate, scrub: Scrub, _removal: Removal) -> None:
    """Emails to them go; their name, email and phone come out of the job's other emails
    (a reminder to a member may name them)."""
    # ``scrub`` knows their address even when another area has cleared it already.
    _scrub_emails(Message.job_id == candidate.job_id, scrub)


def member_export(user: User, organisation_id: int) -> Held:
    return _held(_to(user.email, Message.organisation_id == organisation_id))


def member_erase(user: User, organisation_id: int, scrub: Scrub, _removal: Removal) -> None:
    """Emails to them (sign-in links, reminders) go; their name comes out of the others.
    ``scrub`` knows their address even when another area has cleared it already."""
    _scrub_emails(Message.organisation_id == organisation_id, scrub)


def _scrub_emails(where, scrub: Scrub) -> None:
    """The emails ``where`` picks: those to the person go, the others lose their name and
    details from the subject, text, html, recipient's name and the reason a sending failed
    (a mail server's refusal may quote the person's name or address)."""
    for message in db.session.scalars(select(Message).where(where)):
        if scrub.found(message.recipient):
            db.session.delete(message)
            continue
        for field in ("subject", "text", "html", "recipient_name", "last_error"):
            setattr(message, field, scrub.text(getattr(message, field)))


PERSONAL = PersonalData(
    candidate_export=candidate_export,
    candidate_anonymise=candidate_anonymise,
    member_export=member_export,
    member_erase=member_erase,
)
