"""Writes for invitations: making and stopping links, settings, outcomes, requests.

Each function that finishes a change records it in the audit trail and commits.
Reads are in ``queries``.
"""

from __future__ import annotations

from panels.common.audit import record
from panels.common.tasks import enqueue
from panels.db import db
from panels.invitations import content, queries
from panels.models import AdjustmentRequest, Candidate, Invitation, InvitationJob, Job
from panels.models.base import utcnow


def invitation_for(candidate: Candidate) -> Invitation:
    """The candidate's stored invitation, stored the first time something about it changes
    (caller commits). Until then the candidate has their first link, version 0, without a
    row (``queries.invitation_or_first``); it is stored as it is, so that link keeps working.
    """
    found = queries.invitation_of(candidate)
    if found is None:
        found = Invitation(candidate_id=candidate.id, version=queries.FIRST_VERSION)
        db.session.add(found)
        db.session.flush()
    return found


def settings_for(job: Job) -> InvitationJob:
    """The job's stored invitation settings, made the first time (caller commits)."""
    found = queries.stored_settings(job)
    if found is None:
        found = InvitationJob(job_id=job.id, share_questions=False)
        db.session.add(found)
        db.session.flush()
    return found


def issue_links(job: Job) -> list[tuple[Candidate, Invitation]]:
    """Every candidate of the job with a stored invitation, making any that are missing
    as a new link (version 1: a first link shown before, version 0, stops working).

    The app does not call this: the coordinator's page (a GET) writes nothing and shows
    each candidate's first link (``queries.invitation_or_first``) until one is stored.
    """
    issued = []
    for candidate in job.candidates:
        found = queries.invitation_of(candidate)
        if found is None:
            found = Invitation(candidate_id=candidate.id, version=1)
            db.session.add(found)
            db.session.flush()
        issued.append((candidate, found))
    db.session.commit()
    return issued


def save_settings(job: Job, share_questions: bool, links: str | None) -> InvitationJob:
    """Share the questions or not; ``links`` "close" or "open" closes or opens every link."""
    job_settings = settings_for(job)
    job_settings.share_questions = share_questions
    if links == "close":
        job_settings.closed_at = utcnow()
    elif links == "open":
        job_settings.closed_at = None
    record(
        "invitation settings changed",
        job_id=job.id,
        share_questions=job_settings.share_questions,
        closed=job_settings.closed_at is not None,
    )
    enqueue("invitations.prepare_audio", {"job_id": job.id})  # audio ready before it is asked
    db.session.commit()
    return job_settings


def revoke(invitation: Invitation) -> None:
    invitation.revoked_at = utcnow()


def reissue(invitation: Invitation) -> None:
    """A new link: the old one stops working."""
    invitation.version += 1
    invitation.revoked_at = None


def stop_link(candidate: Candidate) -> Invitation:
    """The candidate's link stops working (until a new one is made)."""
    invitation = invitation_for(candidate)
    revoke(invitation)
    record("invitation link stopped", job_id=candidate.job_id, candidate=candidate.key)
    db.session.commit()
    return invitation


def new_link(candidate: Candidate) -> Invitation:
    """A new link for the candidate; the old one stops working."""
    invitation = invitation_for(candidate)
    reissue(invitation)
    record(
        "invitation new link",
        job_id=candidate.job_id,
        candidate=candidate.key,
        version=invitation.version,
    )
    db.session.commit()
    return invitation


def write_outcome(candidate: Candidate, outcome: str, feedback: str) -> Invitation:
    """What happened, and feedback, for the candidate to read on their page."""
    invitation = invitation_for(candidate)
    invitation.outcome = outcome
    invitation.feedback = feedback
    invitation.outcome_at = utcnow()
    record("invitation outcome written", job_id=candidate.job_id, candidate=candidate.key)
    db.session.commit()
    return invitation


def add_request(candidate: Candidate, choices: list[str], other: str) -> AdjustmentRequest:
    """Store a request; unknown choices are dropped (caller commits)."""
    request = AdjustmentRequest(
        candidate_id=candidate.id,
        choices=[c for c in choices if c in content.CHOICE_WORDS],
        other=other,
    )
    db.session.add(request)
    db.session.flush()
    return request


def ask_for_adjustments(candidate: Candidate, choices: list[str], other: str) -> AdjustmentRequest:
    """The candidate's own request, from their page: stored, audited and committed."""
    saved = add_request(candidate, choices, other)
    record(
        "candidate asked for adjustments",
        job_id=candidate.job_id,
        candidate=candidate.key,
        request_id=saved.id,
    )
    db.session.commit()
    return saved


def set_up_demo(job: Job) -> None:
    """Every demo candidate has an invitation; the demo panel shares its questions."""
    settings_for(job).share_questions = True
    for candidate in job.candidates:
        invitation_for(candidate)
