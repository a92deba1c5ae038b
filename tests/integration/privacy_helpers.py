"""A decided job whose candidates have everything Panels can hold about a candidate: their
details, a link, an outcome, adjustments asked for, notes and reasons that name them, and
audit events with keys made from their names. For the retention, export and deletion tests.

- ``decided_job(months_ago=8)``: ids of the job, coordinator, members and candidates; the
  results were finalised ``months_ago`` months ago.
- ``PEOPLE``: the candidates' names, emails and phones (rare words, so a search is exact).
- ``every_text()``: every text value in every table of the database, as one string.
- ``numbers(job)``: the combined results' numbers, in candidate order (member scores in
  panel order: a deleted member's key changes, their numbers do not).
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from panels.candidates import service as candidates_service
from panels.candidates.service import CandidateDetails
from panels.common.audit import record
from panels.db import db
from panels.invitations import service as invitations_service
from panels.lib.decisions import Answer, Proposal
from panels.models import (
    Application,
    ApplicationAnswer,
    ApplicationStatus,
    Decision,
    DecisionAnswer,
    Job,
    Message,
    MessageKind,
    MessageStatus,
    Question,
    Score,
    ScoreSheet,
    ScoringState,
    StoredFile,
)
from panels.models.base import utcnow
from panels.results import service as results_service
from tests.conftest import make_job, make_user

PEOPLE = (
    ("Zephyrine Quackenbush", "zephyrine.q@example.net", "07700 900123"),
    ("Bartholomew Vexley", "bart.vexley@example.net", "07700 900456"),
    ("Ottoline Brackwater", "ottoline@example.net", "07700 900789"),
)


# An applicant who was never shortlisted: their details go with the job's candidates'.
NOT_SHORTLISTED = ("Quillon Marchetti", "quillon.m@example.net", "07700 900999")


def words_of(person: tuple[str, str, str]) -> list[str]:
    name, email, phone = person
    return [name, *name.split(), email, phone, phone.replace(" ", "")]


def decided_job(months_ago: int = 8, ref: str = "JOB-R") -> dict:
    coordinator = make_user("Cora Ordinator", f"cora.{ref.lower()}@example.org", coordinator=True)
    sam = make_user("Sam Patel", f"sam.{ref.lower()}@example.org")
    job = make_job(ref, "Support worker", [coordinator, sam])
    for i in (1, 2):
        db.session.add(
            Question(
                job_id=job.id,
                key=f"q{i}",
                easy_read=f"Question {i}?",
                status="agreed",
                scored=True,
                position=i,
            )
        )
    db.session.commit()
    questions = list(db.session.scalars(select(Question).where(Question.job_id == job.id)))
    candidates = []
    for n, (name, email, phone) in enumerate(PEOPLE):
        candidate = candidates_service.add_candidate(
            job, CandidateDetails(name, email, phone, f"{name.split()[0]} needs a quiet room")
        )
        candidates.append(candidate)
        invitations_service.new_link(candidate)
        invitations_service.write_outcome(
            candidate, f"Thank you {name.split()[0]}.", f"{name}, your answers were kind."
        )
        invitations_service.ask_for_adjustments(candidate, ["break", "quiet-room"], f"Call {phone}")
        _mail_application_and_decision(job, candidate, n, sam)
        for m, member in enumerate(job.members):
            sheet = ScoreSheet(
                job_id=job.id,
                candidate_id=candidate.id,
                member_id=member.id,
                status="submitted",
                scale="faces3",
                note=f"{name.split()[1]} was calm",
                submitted_at=utcnow(),
            )
            db.session.add(sheet)
            db.session.flush()
            for q in questions:
                db.session.add(Score(sheet_id=sheet.id, question_id=q.id, value=(n + m + q.id) % 3))
            record(
                "scores submitted",
                job_id=job.id,
                candidate=candidate.key,
                member=member.key,
                reason=f"about {name}",
            )
        db.session.commit()
    _applicant(job, NOT_SHORTLISTED, len(PEOPLE) + 1, candidate=None)
    db.session.commit()
    results_service.close(job, f"Closed after {PEOPLE[0][0]} left", coordinator.id)
    results_service.finalise(job, f"Chose {PEOPLE[1][0].split()[0]}", coordinator.id)
    state = db.session.get(ScoringState, job.id)
    state.finalised_at = utcnow() - timedelta(days=31 * months_ago)
    db.session.commit()
    return {
        "job": job.id,
        "coordinator": coordinator.id,
        "sam": sam.id,
        "candidates": [c.id for c in candidates],
        "members": [m.id for m in job.members],
    }


def _applicant(job: Job, person: tuple[str, str, str], number: int, candidate) -> None:
    name, email, phone = person
    application = Application(
        job_id=job.id,
        number=number,
        name=name,
        email=email,
        phone=phone,
        status=ApplicationStatus.SHORTLISTED if candidate else ApplicationStatus.NOT_SHORTLISTED,
        candidate_id=candidate.id if candidate else None,
    )
    db.session.add(application)
    db.session.flush()
    db.session.add(
        ApplicationAnswer(
            application_id=application.id,
            position=0,
            prompt="Why do you want this job?",
            answer=f"I am {name}. Call me on {phone} or write to {email}.",
        )
    )


def _mail_application_and_decision(job: Job, candidate, n: int, sam) -> None:
    """What the mail, shortlist and decision areas hold about the candidate."""
    name, email, phone = PEOPLE[n]
    first = name.split()[0]
    for to, to_name, kind in (
        (email, name, MessageKind.INVITATION),
        (sam.email, sam.name, MessageKind.SCORES_REMINDER),  # a member's email names them
    ):
        db.session.add(
            Message(
                organisation_id=job.organisation_id,
                job_id=job.id,
                recipient=to,
                recipient_name=to_name,
                kind=kind,
                subject=f"About {name}",
                text=f"Hello. This is about {name} ({phone}).",
                html=f"<p>Hello. This is about {name} ({email}).</p>",
                dedupe_key=f"test:{kind}:{candidate.id}",
                status=MessageStatus.SENT,
            )
        )
    _applicant(job, PEOPLE[n], n + 1, candidate)
    decision = Decision(
        job_id=job.id,
        candidate_id=candidate.id,
        proposal=Proposal.OFFER if n == 1 else Proposal.NOT_THIS_TIME,
        reason=f"{first} can drive",
    )
    db.session.add(decision)
    db.session.flush()
    db.session.add(
        DecisionAnswer(
            job_id=job.id,
            decision_id=decision.id,
            member_id=job.members[1].id,
            answer=Answer.AGREE,
            note=f"I liked {name}",
        )
    )


def every_text() -> str:
    """Every value in every table, as text (JSON as written, bytes decoded loosely)."""
    out = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)):
            for value in row:
                if isinstance(value, bytes):
                    out.append(value.decode("latin-1"))
                elif isinstance(value, dict | list):
                    out.append(json.dumps(value))
                elif value is not None:
                    out.append(str(value))
    return "\n".join(out)


def numbers(job: Job) -> list[tuple]:
    rows = results_service.job_results(job).results.rows
    return [(r.rank, r.combined, tuple(r.member_scores.values()), r.spread) for r in rows]


def stored_file_count() -> int:
    return len(list(db.session.scalars(select(StoredFile.key))))
