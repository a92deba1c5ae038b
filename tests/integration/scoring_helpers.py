"""Shared set-up for the scoring and results tests: a job with questions and a panel."""

from __future__ import annotations

from panels.db import db
from panels.models import Question
from tests.conftest import make_job, make_user


def scoring_job(candidates=("Ruth", "Dan"), ref="JOB-S", n_questions=2):
    """Coordinator on the panel (points5), Sam (faces3), Jo (faces3); an outside coordinator."""
    coord = make_user(
        "Alex Morgan", f"alex.{ref.lower()}@example.org", coordinator=True, scale="points5"
    )
    sam = make_user("Sam Patel", f"sam.{ref.lower()}@example.org", scale="faces3")
    jo = make_user("Jo Williams", f"jo.{ref.lower()}@example.org", scale="faces3")
    hr = make_user("Hana Reed", f"hr.{ref.lower()}@example.org", coordinator=True)
    job = make_job(ref, "Support worker", [coord, sam, jo], list(candidates))
    for i in range(n_questions):
        db.session.add(
            Question(
                job_id=job.id,
                key=f"q{i + 1}",
                easy_read=f"Question {i + 1}?",
                status="agreed",
                scored=True,
                position=i + 1,
            )
        )
    db.session.add(
        Question(job_id=job.id, key="hello", easy_read="Hello?", scored=False, status="agreed")
    )
    db.session.add(
        Question(job_id=job.id, key="gone", easy_read="Gone?", scored=True, status="removed")
    )
    db.session.commit()
    return {
        "job": job.id,
        "coord": coord.id,
        "sam": sam.id,
        "jo": jo.id,
        "hr": hr.id,
        "cands": [c.id for c in job.candidates],
        "members": {m.key: m.id for m in job.members},
    }


def score_url(ids, cand=0, suffix=""):
    return f"/jobs/{ids['job']}/score/{ids['cands'][cand]}{suffix}"
