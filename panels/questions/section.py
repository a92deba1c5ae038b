"""The questions box on the job page."""

from __future__ import annotations

from typing import Any

from flask import url_for

from panels.common.sections import Section
from panels.models import Job, PanelMember
from panels.questions import queries


def questions_section(job: Job, me: PanelMember | None, _user: Any) -> Section:
    questions = queries.questions_for(job, include_removed=False)
    agreed = sum(q.status == "agreed" for q in questions)
    links = [("Questions", url_for("questions.index", job_id=job.id))]
    if me is not None:
        links.append(("Practise my questions", url_for("questions.practice", job_id=job.id)))
        links.append(("Print my sheet", url_for("questions.sheet", job_id=job.id)))
    text = f"{len(questions)} questions: {agreed} agreed, {len(questions) - agreed} to agree."
    done = bool(questions) and agreed == len(questions)
    status = "Done" if done else (f"{agreed} of {len(questions)} agreed" if questions else "To do")
    return Section(title="Questions", links=links, text=text, order=20, status=status, done=done)
