"""Reading the live interview: where each interview is, as every tablet shows it."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from sqlalchemy import Integer, Select, bindparam, exists, func, select

from panels.db import db
from panels.models import Candidate, Job, LiveInterview, PanelMember, Question, QuestionTiming
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


@functools.cache
def _tag_statement() -> Select:
    """The tag's query, built once (building it costs more than running it)."""
    job_id = bindparam("job_id", type_=Integer)
    questions = select(Question.id).where(Question.job_id == job_id, Question.status == "agreed")
    member = exists().where(
        PanelMember.job_id == job_id, PanelMember.user_id == bindparam("user_id")
    )
    return (
        select(
            LiveInterview.version,
            questions.with_only_columns(func.count()).scalar_subquery(),
            questions.with_only_columns(func.max(Question.updated_at)).scalar_subquery(),
            member,
        )
        .select_from(Candidate)
        .outerjoin(
            LiveInterview,
            (LiveInterview.job_id == Candidate.job_id)
            & (LiveInterview.candidate_id == Candidate.id),
        )
        .where(Candidate.id == bindparam("candidate_id"), Candidate.job_id == job_id)
    )


def state_tag(job_id: int, candidate_id: int, user) -> str | None:
    """A tag that changes whenever what the live screen shows may change, from one small
    query (the interview's version and the agreed questions' count and last change); None
    if the person may not see this candidate's interview (the full answer then says 404).

    Tablets poll every 2 seconds: an unchanged tag is answered 304, without rebuilding
    the state.
    """
    params = {"job_id": job_id, "candidate_id": candidate_id, "user_id": user.id}
    row = db.session.execute(_tag_statement(), params).first()
    if row is None or not (user.is_coordinator or row[3]):
        return None
    version, count, changed, _ = row
    seen = f"{job_id}/{candidate_id}/{version or 0}/{count}/{changed}"
    return hashlib.sha256(seen.encode()).hexdigest()[:20]
