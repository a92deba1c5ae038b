"""Reads for invitations: links and their rules, what an invitation says, requests.

Nothing here writes. The coordinator's writes (links, settings, outcomes) and the
candidate's adjustment requests are in ``service``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from panels.db import db
from panels.invitations import content
from panels.invitations.times import candidate_parts, candidate_times
from panels.invitations.tokens import make_token, read_token
from panels.jobs import queries as jobs_queries
from panels.lib import symbols
from panels.models import AdjustmentRequest, Candidate, Invitation, InvitationJob, Job, PanelMember
from panels.models.base import utcnow
from panels.orgs.queries import shown_to_candidates
from panels.questions.queries import agreed_questions
from panels.shortlist.queries import agreed_qualities

DAYS_AFTER_INTERVIEW = 30  # a link works until this many days after the interview day


def _stored_invitation(candidate_id: int) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.candidate_id == candidate_id))


def invitation_of(candidate: Candidate) -> Invitation | None:
    """The candidate's stored invitation; None if no link was ever made for them."""
    return _stored_invitation(candidate.id)


def invitation_or_blank(candidate: Candidate) -> Invitation:
    """The stored invitation, or an unsaved one with nothing written yet (for forms)."""
    found = invitation_of(candidate)
    if found is not None:
        return found
    return Invitation(candidate_id=candidate.id, version=1, outcome="", feedback="")


FIRST_VERSION = 0  # the link every candidate has before anything about it is stored


def invitation_or_first(candidate: Candidate) -> Invitation:
    """The stored invitation, or the candidate's first one, not stored (version 0).

    The first link works without a row: a row is written only when something about the
    invitation changes (the coordinator stops or renews the link, or writes an outcome).
    So showing the links, on a GET, writes nothing.
    """
    found = invitation_of(candidate)
    if found is not None:
        return found
    first = Invitation(candidate_id=candidate.id, version=FIRST_VERSION, outcome="", feedback="")
    first.candidate = candidate
    return first


def stored_settings(job: Job) -> InvitationJob | None:
    return db.session.scalar(select(InvitationJob).where(InvitationJob.job_id == job.id))


def settings_of(job: Job) -> InvitationJob:
    """The job's stored invitation settings, or unsaved defaults (nothing shared or closed)."""
    found = stored_settings(job)
    if found is not None:
        return found
    return InvitationJob(job_id=job.id, share_questions=False, closed_at=None)


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
    invitation = _stored_invitation(candidate_id)
    if invitation is None and version == FIRST_VERSION:
        candidate = db.session.get(Candidate, candidate_id) if 0 < candidate_id < 2**31 else None
        invitation = invitation_or_first(candidate) if candidate is not None else None
    if invitation is None or version > invitation.version or version < FIRST_VERSION:
        return Opened(404)
    if version < invitation.version or invitation.revoked_at is not None:
        return Opened(410)
    job = invitation.candidate.job
    today = today or utcnow().date()
    job_settings = stored_settings(job)
    if today > expires_on(job) or (job_settings and job_settings.closed_at):
        return Opened(410)
    return Opened(200, invitation)


def _picture(question) -> str:
    return question.picture if symbols.exists(question.picture) else ""


def shared_questions(job: Job) -> list[tuple[str, str]]:
    """The agreed questions in interview order: (easy-read text, picture code or "").
    Activities are told on their own (``activities``)."""
    return [(q.easy_read, _picture(q)) for q in agreed_questions(job) if not q.is_activity]


def activities(job: Job) -> list[tuple[str, str, float, str]]:
    """The agreed activities in interview order: (easy-read text, picture code or "",
    minutes, the panel's name when the job has two or more panels, else "")."""
    several = len(job.panels) > 1
    return [
        (q.easy_read, _picture(q), q.answer_minutes, q.panel.name if several else "")
        for q in agreed_questions(job)
        if q.is_activity
    ]


def shows_photo(member: PanelMember) -> bool:
    """Candidates see a member's photo only if the member agreed."""
    return bool(member.user.photo and member.user.photo_consent)


def panel_photo(invitation: Invitation, member_id: int) -> str:
    """The photo key of a member on this candidate's panel who agreed, else ""."""
    member = jobs_queries.member_on_job(invitation.candidate.job_id, member_id)
    if member is None:
        return ""
    return member.user.photo if shows_photo(member) else ""


def panel_photos(invitation: Invitation) -> dict[str, str]:
    """Their photos' file-store keys by member id, for the members of this panel who agreed."""
    return {str(m.id): m.user.photo for m in invitation.candidate.job.members if shows_photo(m)}


def facts_for(invitation: Invitation) -> content.Facts:
    """Everything this candidate's invitation says, and nothing about anyone else."""
    candidate = invitation.candidate
    job = candidate.job
    share = settings_of(job).share_questions
    organisation, org_contact = shown_to_candidates(job.organisation)
    parts = candidate_parts(job, candidate)
    return content.Facts(
        job_title=job.title,
        organisation=organisation,
        day=job.interview_date,
        place=job.place or "",
        contact=job.contact or org_contact,
        times=_overall(parts) if parts else candidate_times(job, candidate),
        panel=tuple(
            (m.user.name, m.user.about or "", str(m.id) if shows_photo(m) else "")
            for m in job.members
        ),
        questions=tuple(shared_questions(job)) if share else (),
        qualities=tuple((q.easy_read, q.picture) for q in agreed_qualities(job.id)),
        outcome=invitation.outcome or "",
        feedback=invitation.feedback or "",
        parts=tuple((p.panel, p.room, p.start, p.end) for p in parts),
        activities=tuple(activities(job)),
    )


def _overall(parts) -> tuple:
    """(arrive, start, end) of a day in parts: the first part's arrival and start, the
    last end."""
    return parts[0].arrive, parts[0].start, max(p.end for p in parts)


def latest_request(candidate: Candidate) -> AdjustmentRequest | None:
    """What the candidate asked for last, to show on their invitation and to change."""
    return db.session.scalar(
        select(AdjustmentRequest)
        .where(AdjustmentRequest.candidate_id == candidate.id)
        .order_by(AdjustmentRequest.at.desc(), AdjustmentRequest.id.desc())
        .limit(1)
    )


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
