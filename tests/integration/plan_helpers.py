"""Shared set-up for the plan and live view tests."""

from __future__ import annotations

from panels.db import db
from panels.models import Job, Question


def add_questions(
    job_id: int, texts=("Tell us about you.", "Why this job?", "What if someone is upset?")
):
    """Questions asked in turn by the job's panel members; one removed question too."""
    job = db.session.get(Job, job_id)
    members = job.members
    for i, text in enumerate(texts):
        db.session.add(
            Question(
                job=job,
                key=f"q{i + 1}",
                position=i + 1,
                easy_read=text,
                follow_up=f"Follow-up {i + 1}",
                asker=members[i % len(members)],
                status="agreed",
            )
        )
    db.session.add(
        Question(job=job, key="gone", position=0, easy_read="Removed question", status="removed")
    )
    db.session.commit()
