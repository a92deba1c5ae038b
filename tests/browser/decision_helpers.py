"""A job ready for its decision meeting, for the browser test: scores sent, scoring closed."""

from __future__ import annotations

import itertools
from datetime import date, time

from sqlalchemy import select

from panels.db import db
from panels.models import (
    Candidate,
    Job,
    Panel,
    PanelMember,
    Question,
    Score,
    ScoreSheet,
    ScoringState,
    User,
)
from panels.models.base import utcnow
from tests.prepare_helpers import agree_all

_refs = itertools.count(1)
# email, group, scale, score for Lee, score for Ana
PANEL = (
    ("coordinator@example.org", "organisation", "points5", 1, 5),
    ("sam@example.org", "lived experience", "faces3", 3, 1),
    ("jo@example.org", "lived experience", "faces3", 3, 2),
)


def decision_job(live_app, two_panels: bool = False) -> dict:
    """Lee is the lived-experience group's first choice (Sam and Jo: Good); Alex, from the
    organisation, puts Ana first. With ``two_panels``, Alex sits on a "Managers' panel"
    with its own question, and Sam and Jo's panel is the lived-experience one."""
    with live_app.app_context():
        coordinator = db.session.scalar(select(User).where(User.email == PANEL[0][0]))
        job = Job(
            ref=f"DECIDE-{next(_refs)}",
            title="Garden helper",
            interview_date=date(2026, 12, 21),
            start_time=time(10, 0),
            place="Community Hub",
            lived_group="lived experience",  # the coordinator marked it
            created_by_id=coordinator.id,
            organisation_id=coordinator.org_memberships[0].organisation_id,
        )
        db.session.add(job)
        lee = Candidate(job=job, key="c1", name="Lee Brown", position=1)
        ana = Candidate(job=job, key="c2", name="Ana Silva", position=2)
        question = Question(
            job=job, key="q1", position=1, easy_read="Tell us about yourself.", status="agreed"
        )
        db.session.add_all([lee, ana, question])
        db.session.flush()
        managers, theirs = None, question
        if two_panels:
            job.lived_group = None
            job.panels[0].lived_experience = True
            managers = Panel(job=job, name="Managers' panel", room="Room 2", position=1)
            db.session.add(managers)
            db.session.flush()
            theirs = Question(
                job=job, panel=managers, key="q2", position=2, status="agreed",
                easy_read="How do you plan a rota?",
            )  # fmt: skip
            db.session.add(theirs)
            db.session.flush()
        for n, (email, group, scale, for_lee, for_ana) in enumerate(PANEL, start=1):
            user = db.session.scalar(select(User).where(User.email == email))
            member = PanelMember(job=job, user=user, key=f"p{n}", group=group)
            asked = question
            if managers is not None and n == 1:
                member.panel, asked = managers, theirs
            db.session.add(member)
            db.session.flush()
            for candidate, value in ((lee, for_lee), (ana, for_ana)):
                sheet = ScoreSheet(
                    job_id=job.id, candidate_id=candidate.id, member_id=member.id,
                    status="submitted", scale=scale, submitted_at=utcnow(),
                )  # fmt: skip
                sheet.scores.append(Score(question_id=asked.id, value=value, dont_know=False))
                db.session.add(sheet)
        db.session.add(ScoringState(job_id=job.id, closed=True, closed_at=utcnow()))
        agree_all(job)  # the panel has agreed to keep candidates' details private
        db.session.commit()
        return {"job": job.id, "lee": lee.id, "ana": ana.id}
