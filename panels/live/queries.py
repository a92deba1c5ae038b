"""Reading the live interview: where each interview is, as every tablet shows it.

Each panel of a job runs its own live interview with each candidate (``panel``: the
job's first panel when not given, as for a job with one panel).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from panels.db import db
from panels.models import (
    Candidate,
    Job,
    LiveInterview,
    Panel,
    Question,
    QuestionTiming,
)
from panels.questions.queries import agreed_questions


def panel_of(job: Job, panel: Panel | None) -> Panel:
    """The panel meant: the one given, else the job's first (every job has one)."""
    return panel if panel is not None else job.panels[0]


def live_for(job: Job, candidate: Candidate, panel: Panel | None = None) -> LiveInterview | None:
    """The candidate's live interview with the panel; None until someone presses Start."""
    return db.session.scalar(
        select(LiveInterview).where(
            LiveInterview.job_id == job.id,
            LiveInterview.panel_id == panel_of(job, panel).id,
            LiveInterview.candidate_id == candidate.id,
        )
    )


def lives_for(job: Job, panel: Panel | None = None) -> list[LiveInterview]:
    """Every interview of the job that has started (running, paused or finished); only
    one panel's when ``panel`` is given."""
    query = select(LiveInterview).where(LiveInterview.job_id == job.id)
    if panel is not None:
        query = query.where(LiveInterview.panel_id == panel.id)
    return list(db.session.scalars(query))


def questions_for(job: Job, panel: Panel | None = None) -> list[Question]:
    """The panel's interview list: its agreed questions and activities, in order."""
    panel_id = panel_of(job, panel).id
    return [q for q in agreed_questions(job) if q.panel_id == panel_id]


def has_timing(live: LiveInterview, question: Question) -> bool:
    """Whether this interview already stored how long it spent on this question."""
    found = db.session.scalar(
        select(QuestionTiming.id).where(
            QuestionTiming.live_id == live.id, QuestionTiming.question_id == question.id
        )
    )
    return found is not None


@dataclass(frozen=True)
class State:
    """What every tablet shows."""

    version: int
    status: str  # waiting, running, paused, finished
    index: int
    total: int
    question: Question | None
    more_time_count: int

    @property
    def number(self) -> int:
        return self.index + 1 if self.question is not None else 0


def state(job: Job, candidate: Candidate, panel: Panel | None = None) -> State:
    """Where the panel's interview is now. Reads only: "waiting" (version 0) before the
    start."""
    questions = questions_for(job, panel)
    live = live_for(job, candidate, panel)
    if live is None:
        first = questions[0] if questions else None
        return State(0, "waiting", 0, len(questions), first, 0)
    index = min(live.index, max(len(questions) - 1, 0))
    question = questions[index] if questions else None
    return State(live.version, live.status, index, len(questions), question, live.more_time_count)
