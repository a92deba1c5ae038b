"""The questions box on the job page."""

from __future__ import annotations

from typing import Any

from flask import url_for

from panels.common.access import manages
from panels.common.sections import Section
from panels.models import Job, PanelMember
from panels.questions import queries


def questions_section(job: Job, me: PanelMember | None, _user: Any) -> Section:
    questions = queries.questions_for(job, include_removed=False)
    if me is not None and len(job.panels) > 1 and not manages(job):
        # A member counts their own panel's questions: those they agree.
        questions = [q for q in questions if queries.marks_it(me, q)]
    agreed = sum(q.status == "agreed" for q in questions)
    links = [("Questions", url_for("questions.index", job_id=job.id))]
    if me is not None:
        links.append(("Practise my questions", url_for("questions.practice", job_id=job.id)))
        links.append(("Print my sheet", url_for("questions.sheet", job_id=job.id)))
    noun = "question" if len(questions) == 1 else "questions"
    text = f"{len(questions)} {noun}: {agreed} agreed, {len(questions) - agreed} to agree."
    done = bool(questions) and agreed == len(questions)
    status = "Done" if done else (f"{agreed} of {len(questions)} agreed" if questions else "To do")
    return Section(title="Questions", links=links, text=text, order=20, status=status, done=done)
