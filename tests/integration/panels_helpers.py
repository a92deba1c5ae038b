"""Shared test set-up for jobs with two panels (issue 14): job A of the ``world`` gets a
"Managers' panel" in room 2 at 11:00, and Jo moves onto it."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from panels.db import db
from panels.models import Job, Panel, PanelMember, Question


def second_panel(app, world, *, move_jo: bool = True) -> dict:
    """Add the managers' panel to job A (and put Jo on it); returns the panels' ids."""
    with app.app_context():
        job = db.session.get(Job, world["job_a"])
        ours = job.panels[0]
        managers = Panel(job=job, name="Managers' panel", room="Room 2", position=1)
        managers.start_time = time(11, 0)
        db.session.add(managers)
        db.session.flush()
        if move_jo:
            jo = db.session.scalar(
                select(PanelMember).where(
                    PanelMember.job_id == job.id, PanelMember.user_id == world["jo"]
                )
            )
            jo.panel = managers
        db.session.commit()
        return {"ours": ours.id, "managers": managers.id}


def add_question(app, job_id: int, panel_id: int, key: str, easy_read: str, **extra) -> int:
    """An agreed, scored question (or activity, with ``kind`` and ``look_for``) on a panel."""
    with app.app_context():
        position = len(db.session.scalars(select(Question).where(Question.job_id == job_id)).all())
        question = Question(
            job_id=job_id,
            panel_id=panel_id,
            key=key,
            easy_read=easy_read,
            status="agreed",
            position=position,
            **extra,
        )
        db.session.add(question)
        db.session.commit()
        return question.id


def member_id(app, world, who: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(PanelMember.id).where(
                PanelMember.job_id == world["job_a"], PanelMember.user_id == world[who]
            )
        )
