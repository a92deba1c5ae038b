"""What the candidates area holds about a candidate: their name, contact details and
adjustments (``panels.common.personal``)."""

from __future__ import annotations

from panels.common.personal import Held, PersonalData, Removal, Scrub
from panels.lib.keys import unique_key
from panels.models import Candidate


def label_for(candidate: Candidate) -> str:
    """What an anonymised candidate is called from then on."""
    return f"Candidate {candidate.id}"


def export(candidate: Candidate) -> Held:
    job = candidate.job
    return Held(
        {
            "name": candidate.name,
            "email": candidate.email,
            "phone": candidate.phone,
            "adjustments": candidate.adjustments,
            "key": candidate.key,
            "job": {"ref": job.ref, "title": job.title, "interview_date": job.interview_date},
            "position": candidate.position,
            "added": candidate.created_at,
        }
    )


def anonymise(candidate: Candidate, _scrub: Scrub, _removal: Removal) -> None:
    taken = {c.key for c in candidate.job.candidates if c.id != candidate.id}
    candidate.key = unique_key(f"candidate {candidate.id}", taken, "candidate")
    candidate.name = label_for(candidate)
    candidate.email = ""
    candidate.phone = ""
    candidate.adjustments = ""


PERSONAL = PersonalData(candidate_export=export, candidate_anonymise=anonymise)
