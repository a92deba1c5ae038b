"""A job with two panels and an activity for the browser tests (issue 14)."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from panels.db import db
from panels.models import Job, Panel, PanelMember, Question, ScoringState, User
from tests.browser.screens_helpers import make_job


def make_two_panel_job(live_app) -> dict:
    """The screens job (Alex, Sam and Jo; 3 questions) with an activity on Our panel and
    a Managers' panel (Room 2, 11:30) that Jo sits on, asking question 3."""
    ids = make_job(live_app)
    with live_app.app_context():
        job = db.session.get(Job, ids["job"])
        ours = job.panels[0]
        ours.room = "Room 1"
        managers = Panel(job=job, name="Managers' panel", room="Room 2", position=1)
        managers.start_time = time(11, 30)
        db.session.add(managers)
        db.session.flush()
        jo = db.session.scalar(
            select(PanelMember)
            .join(User)
            .where(PanelMember.job_id == job.id, User.email == "jo@example.org")
        )
        jo.panel = managers
        q3 = db.session.scalar(
            select(Question).where(Question.job_id == job.id, Question.key == "q3")
        )
        q3.panel, q3.asker = managers, jo
        tea = Question(
            job=job,
            panel=ours,
            key="tea",
            kind="activity",
            position=4,
            easy_read="Make a cup of tea with Sam.",
            look_for="They asked Sam first\nThey were safe with the kettle\nThey chatted with Sam",
            picture="2615",
            answer_minutes=10,
            status="agreed",
        )
        db.session.add(tea)
        db.session.commit()
        ids.update(ours=ours.id, managers=managers.id, tea=tea.id)
    return ids


def close_scoring(live_app, job_id: int) -> None:
    with live_app.app_context():
        state = db.session.get(ScoringState, job_id) or ScoringState(job_id=job_id)
        state.closed, state.close_reason = True, "Done"
        db.session.add(state)
        db.session.commit()
