"""The access matrix world's messages: one of job A's, one of job B's (rows only)."""

from __future__ import annotations

from panels.db import db
from panels.models import Job, MailSettings, Message, MessageKind


def add_messages(job_a: Job, job_b: Job) -> dict[str, int]:
    found = {}
    for name, job, to in (
        ("message", job_a, "ruth.zephyrine@cand.example"),
        ("message_b", job_b, "mei.betacandid@cand.example"),
    ):
        row = Message(
            organisation_id=job.organisation_id,
            job_id=job.id,
            recipient=to,
            recipient_name=to.split("@")[0],
            kind=MessageKind.SIGN_IN_LINK,
            subject=f"MAILSUBJECT-{name}",
            text=f"MAILTEXT-{name}",
            html=f"<!DOCTYPE html><html lang='en'><head><title>M {name}</title></head>"
            f"<body><h1>M {name}</h1></body></html>",
            dedupe_key=f"matrix:{name}",
        )
        db.session.add(row)
        db.session.flush()
        found[name] = row.id
    return found


def mail_rows(organisation_id: int, job_id: int) -> list:
    """A good message and good reminder settings (for the constraint tests)."""
    return [
        Message(
            organisation_id=organisation_id,
            job_id=job_id,
            recipient="ruth@example.org",
            kind=MessageKind.INVITATION,
            subject="Your interview",
            text="Hello",
            html="<!DOCTYPE html><html lang='en'><head><title>Your interview</title></head>"
            "<body><h1>Your interview</h1><p>Hello</p></body></html>",
            dedupe_key="constraints:1",
        ),
        MailSettings(job_id=job_id, remind_candidates=True, remind_members=True, score_reminders=3),
    ]


def fuzz_message(job: Job) -> int:
    """A sent message of the fuzz world's job, to resend and read."""
    row = mail_rows(job.organisation_id, job.id)[0]
    db.session.add(row)
    db.session.flush()
    return row.id
