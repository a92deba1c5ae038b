"""Shared set-up for the invitation view tests."""

from __future__ import annotations

from panels.db import db
from panels.invitations import service
from panels.models import Candidate, Job, Question

QUESTIONS = (
    "Why do you want this job?",
    "Tell us about a time you helped someone.",
)


def add_questions(job: Job, status: str = "agreed") -> None:
    for i, text in enumerate(QUESTIONS):
        db.session.add(
            Question(
                job_id=job.id,
                key=f"q{i}",
                easy_read=text,
                status=status,
                position=i,
                picture="2753",
            )
        )
    db.session.flush()


def token(app, candidate_id: int) -> str:
    candidate = db.session.get(Candidate, candidate_id)
    invitation = service.invitation_for(candidate)
    db.session.commit()
    return service.token_for(app.config["SECRET_KEY"], invitation)
