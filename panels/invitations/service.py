"""Data access for invitations: links, their rules, settings and adjustment requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from panels.db import db
from panels.invitations import content
from panels.invitations.times import candidate_times
from panels.invitations.tokens import make_token, read_token
from panels.lib import symbols
from panels.models import (
    AdjustmentRequest,
    Candidate,
    Invitation,
    InvitationJob,
    Job,
    PanelMember,
    Question,
)
from panels.models.base import utcnow

DAYS_AFTER_INTERVIEW = 30  # a link works until this many days after the interview day


def invitation_for(candidate: Candidate) -> Invitation:
    """The candidate's invitation, made the first time it is needed (caller commits)."""
    found = db.session.scalar(select(Invitation).where(Invitation.candidate_id == candidate.id))
    if found is None:
        found = Invitation(candidate_id=candidate.id, version=1)
        db.session.add(found)
        db.session.flush()
    return found


def settings_for(job: Job) -> InvitationJob:
    found = db.session.scalar(select(InvitationJob).where(InvitationJob.job_id == job.id))
    if found is None:
        found = InvitationJob(job_id=job.id, share_questions=False)
        db.session.add(found)
        db.session.flush()
    return found


def token_for(secret: str, invitation: Invitation) -> str:
    return make_token(secret, invitation.candidate_id, invitation.version)


def expires_on(job: Job) -> date:
    return job.interview_date + timedelta(days=DAYS_AFTER_INTERVIEW)


@dataclass(frozen=True)
class Opened:
    """The result of opening a link: status 200, 404 (wrong) or 410 (no longer works)."""

    status: int
    invitation: Invitation | None = None


def open_link(secret: str, token: str, today: date | None = None) -> Opened:
    """Check a link against every rule."""
    data = read_token(secret, token)
    if data is None:
        return Opened(404)
    candidate_id, version = data
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.candidate_id == candidate_id)
    )
    if invitation is None or version > invitation.version or version < 1:
        return Opened(404)
    if version < invitation.version or invitation.revoked_at is not None:
        return Opened(410)
    job = invitation.candidate.job
    today = today or utcnow().date()
    job_settings = db.session.scalar(select(InvitationJob).where(InvitationJob.job_id == job.id))
    if today > expires_on(job) or (job_settings and job_settings.closed_at):
        return Opened(410)
    return Opened(200, invitation)


def revoke(invitation: Invitation) -> None:
    invitation.revoked_at = utcnow()


def reissue(invitation: Invitation) -> None:
    """A new link: the old one stops working."""
    invitation.version += 1
    invitation.revoked_at = None


def agreed_questions(job: Job) -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(Question)
        .where(Question.job_id == job.id, Question.status == "agreed")
        .order_by(Question.position, Question.id)
    ).all()
    return [(q.easy_read, q.picture if symbols.exists(q.picture) else "") for q in rows]


def shows_photo(member: PanelMember) -> bool:
    """Candidates see a member's photo only if the member agreed."""
    return bool(member.user.photo and member.user.photo_consent)


def panel_photo(invitation: Invitation, member_id: int) -> str:
    """The photo file name of a member on this candidate's panel who agreed, else ""."""
    member = db.session.get(PanelMember, member_id)
    if member is None or member.job_id != invitation.candidate.job_id:
        return ""
    return member.user.photo if shows_photo(member) else ""


def panel_photos(invitation: Invitation) -> dict[str, str]:
    """Photo file names by photo key, for the members of this panel who agreed."""
    return {str(m.id): m.user.photo for m in invitation.candidate.job.members if shows_photo(m)}


def facts_for(invitation: Invitation) -> content.Facts:
    """Everything this candidate's invitation says, and nothing about anyone else."""
    candidate = invitation.candidate
    job = candidate.job
    share = settings_for(job).share_questions
    return content.Facts(
        job_title=job.title,
        day=job.interview_date,
        place=job.place or "",
        contact=job.contact or "",
        times=candidate_times(job, candidate),
        panel=tuple(
            (m.user.name, m.user.about or "", str(m.id) if shows_photo(m) else "")
            for m in job.members
        ),
        questions=tuple(agreed_questions(job)) if share else (),
        outcome=invitation.outcome or "",
        feedback=invitation.feedback or "",
    )


def add_request(candidate: Candidate, choices: list[str], other: str) -> AdjustmentRequest:
    request = AdjustmentRequest(
        candidate_id=candidate.id,
        choices=[c for c in choices if c in content.CHOICE_WORDS],
        other=other,
    )
    db.session.add(request)
    db.session.flush()
    return request


def requests_for(job: Job) -> dict[int, list[AdjustmentRequest]]:
    """Adjustment requests for a job, by candidate id, newest first."""
    rows = db.session.scalars(
        select(AdjustmentRequest)
        .join(Candidate)
        .where(Candidate.job_id == job.id)
        .order_by(AdjustmentRequest.at.desc(), AdjustmentRequest.id.desc())
    ).all()
    found: dict[int, list[AdjustmentRequest]] = {}
    for row in rows:
        found.setdefault(row.candidate_id, []).append(row)
    return found


def email_text(job: Job, candidate: Candidate, link: str, facts: content.Facts) -> str:
    """A plain-words email the coordinator can copy."""
    lines = [
        f"Dear {candidate.name},",
        "",
        f"Thank you for applying for the job: {job.title}.",
        "We would like to meet you for an interview.",
        f"The interview is on {content.day_words(job.interview_date)}.",
    ]
    if facts.times:
        arrive, start, _end = facts.times
        lines += [
            f"Please come at {content.clock(arrive)}.",
            f"Your interview starts at {content.clock(start)}.",
        ]
    lines += [
        "",
        "Your invitation is on this web page. It is in easy-read.",
        "You can listen to it, print it, and tell us what would help you.",
        link,
        "",
        "Please keep this link to yourself.",
    ]
    if job.contact:
        lines += ["", "If you have a question, please contact:", job.contact]
    return "\n".join(lines)
