"""What the invitations area holds about a candidate: their link, what they were told
about how it went, the adjustments they asked for, and their printout and audio in the
caches (``panels.common.personal``)."""

from __future__ import annotations

from sqlalchemy import delete, select

from panels.common.personal import Held, PersonalData, Removal, Scrub
from panels.db import db
from panels.invitations import content, printout
from panels.invitations.queries import invitation_of
from panels.models import AdjustmentRequest, Candidate


def _requests(candidate: Candidate) -> list[AdjustmentRequest]:
    query = select(AdjustmentRequest).where(AdjustmentRequest.candidate_id == candidate.id)
    return list(db.session.scalars(query.order_by(AdjustmentRequest.id)))


def export(candidate: Candidate) -> Held:
    invitation = invitation_of(candidate)
    data: dict[str, object] = {"invitation": None}
    if invitation is not None:
        data["invitation"] = {
            "link_made": invitation.created_at,
            "link_version": invitation.version,
            "link_stopped": invitation.revoked_at,
            "outcome": invitation.outcome,
            "feedback": invitation.feedback,
            "outcome_written": invitation.outcome_at,
        }
    data["adjustments_asked_for"] = [
        {
            "at": r.at,
            "choices": [content.CHOICE_WORDS.get(c, c) for c in r.choices or []],
            "in_their_words": r.other,
        }
        for r in _requests(candidate)
    ]
    return Held(data)


def anonymise(candidate: Candidate, _scrub: Scrub, removal: Removal) -> None:
    """Their link stops for good (the row with its version goes), with its printout and
    clips; their requests go."""
    invitation = invitation_of(candidate)
    if invitation is not None:
        removal.paths |= printout.cached_files(invitation)
        db.session.delete(invitation)
    db.session.execute(
        delete(AdjustmentRequest).where(AdjustmentRequest.candidate_id == candidate.id)
    )


PERSONAL = PersonalData(candidate_export=export, candidate_anonymise=anonymise)
