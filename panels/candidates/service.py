"""Writes for candidates: adding, changing, removing and importing them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from panels.candidates import queries
from panels.candidates.candidate_csv import CandidateRow
from panels.common.audit import record
from panels.db import db
from panels.lib.keys import unique_key
from panels.models import Candidate, Job


@dataclass(frozen=True)
class CandidateDetails:
    """What the coordinator writes about a candidate on the form."""

    name: str
    email: str
    phone: str
    adjustments: str


def _fill(candidate: Candidate, details: CandidateDetails) -> None:
    candidate.name = details.name
    candidate.email = (details.email or "").lower()
    candidate.phone = details.phone
    candidate.adjustments = details.adjustments


def add_candidate(job: Job, details: CandidateDetails) -> Candidate:
    candidate = Candidate(job_id=job.id, position=queries.next_position(job))
    _fill(candidate, details)
    candidate.key = unique_key(candidate.name, {c.key for c in job.candidates}, "cand")
    db.session.add(candidate)
    db.session.flush()
    record("candidate added", job_id=job.id, candidate=candidate.key)
    db.session.commit()
    return candidate


def save_candidate(job: Job, candidate: Candidate, details: CandidateDetails) -> None:
    _fill(candidate, details)
    record("candidate changed", job_id=job.id, candidate=candidate.key)
    db.session.commit()


def remove_candidate(job: Job, candidate: Candidate) -> None:
    record("candidate removed", job_id=job.id, candidate=candidate.key)
    db.session.delete(candidate)
    db.session.commit()


def import_candidates(job: Job, rows: Sequence[CandidateRow]) -> int:
    """Add every row after the job's last candidate; how many were added."""
    taken = {c.key for c in job.candidates}
    position = queries.next_position(job)
    for offset, row in enumerate(rows):
        key = unique_key(row.name, taken, "cand")
        taken.add(key)
        db.session.add(
            Candidate(
                job=job,
                key=key,
                name=row.name,
                email=row.email,
                phone=row.phone,
                adjustments=row.adjustments,
                position=position + offset,
            )
        )
    record("candidates imported", job_id=job.id, count=len(rows))
    db.session.commit()
    return len(rows)
