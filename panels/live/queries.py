"""Reading the live interview: where each interview is, as every tablet shows it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from panels.db import db
from panels.models import Candidate, Job, LiveInterview, Question, QuestionTiming
from panels.questions.queries import agreed_questions


def live_for(job: Job, candidate: Candidate) -> LiveInterview | None:
    """The candidate's live interview row; None until someone presses Start."""
    return db.session.scalar(
        select(LiveInterview).where(
            LiveInterview.job_id == job.id, LiveInterview.candidate_id == candidate.id
        )
    )


def lives_for(job: Job) -> list[LiveInterview]:
    """Every interview of the job that has started (running, paused or finished)."""
    return list(db.session.scalars(select(LiveInterview).where(LiveInterview.job_id == job.id)))


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


def state(job: Job, candidate: Candidate) -> State:
    """Where the interview is now. Reads only: "waiting" (version 0) before the start."""
    questions = agreed_questions(job)
    live = live_for(job, candidate)
    if live is None:
        first = questions[0] if questions else None
        return State(0, "waiting", 0, len(questions), first, 0)
    index = min(live.index, max(len(questions) - 1, 0))
    question = questions[index] if questions else None
    return State(live.version, live.status, index, len(questions), question, live.more_time_count)
