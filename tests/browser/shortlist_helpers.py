"""A job for the shortlisting browser test: a panel of two and an open application form."""

from __future__ import annotations

import itertools
from datetime import date, time

from sqlalchemy import select

from panels.db import db
from panels.models import ApplicationSetup, Job, PanelMember, Quality, User
from tests.prepare_helpers import agree_all

_refs = itertools.count(1)
TWO = ("coordinator@example.org", "sam@example.org")


def shortlist_job(live_app, agreed: str = "") -> dict:
    """Alex (coordinator) and Sam on the panel; the form open with two questions; with
    ``agreed``, a quality the panel has agreed already."""
    with live_app.app_context():
        coordinator = db.session.scalar(select(User).where(User.email == TWO[0]))
        job = Job(
            ref=f"SHORT-{next(_refs)}",
            title="Cafe helper",
            interview_date=date(2026, 12, 22),
            start_time=time(10, 0),
            place="Community Hub, Leeds",
            created_by_id=coordinator.id,
            organisation_id=coordinator.org_memberships[0].organisation_id,
        )
        db.session.add(job)
        for n, email in enumerate(TWO, start=1):
            user = db.session.scalar(select(User).where(User.email == email))
            db.session.add(PanelMember(job=job, user=user, key=f"s{n}"))
        db.session.flush()
        token = f"cafe-helper-{job.id}"
        db.session.add(
            ApplicationSetup(
                job_id=job.id,
                token=token,
                open=True,
                prompts="Why do you want this job?\nTell us about a time you helped someone.",
            )
        )
        if agreed:
            db.session.add(Quality(job_id=job.id, key="agreed", easy_read=agreed, status="agreed"))
        agree_all(job)  # the panel has agreed to keep candidates' details private
        db.session.commit()
        return {"job": job.id, "apply": f"/apply/{token}"}
