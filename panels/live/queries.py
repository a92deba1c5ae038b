"""Reading the live interview: where each interview is, as every tablet shows it.

Each panel of a job runs its own live interview with each candidate (``panel``: the
job's first panel when not given, as for a job with one panel).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from sqlalchemy import Integer, Select, bindparam, func, select
from sqlalchemy.orm import aliased

from panels.db import db
from panels.models import (
    Candidate,
    Job,
    LiveInterview,
    Panel,
    PanelMember,
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


@functools.cache
def _tag_statement() -> Select:
    """The tag's query, built once (building it costs more than running it).

    The panel is the one named (``panel_id``), else the person's own on this job, else
    the job's first: the same panel the full answer shows.
    """
    job_id = bindparam("job_id", type_=Integer)
    mine = (
        select(PanelMember.panel_id)
        .where(PanelMember.job_id == job_id, PanelMember.user_id == bindparam("user_id"))
        .scalar_subquery()
    )
    first = aliased(Panel)
    first_id = (
        select(first.id)
        .where(first.job_id == job_id)
        .order_by(first.position, first.id)
        .limit(1)
        .scalar_subquery()
    )
    chosen = func.coalesce(bindparam("panel_id", type_=Integer), mine, first_id)
    questions = select(Question.id).where(
        Question.job_id == job_id, Question.panel_id == Panel.id, Question.status == "agreed"
    )
    return (
        select(
            LiveInterview.version,
            Panel.id,
            questions.with_only_columns(func.count()).scalar_subquery(),
            questions.with_only_columns(func.max(Question.updated_at)).scalar_subquery(),
            mine,
        )
        .select_from(Candidate)
        .join(Panel, (Panel.job_id == Candidate.job_id) & (Panel.id == chosen))
        .outerjoin(
            LiveInterview,
            (LiveInterview.panel_id == Panel.id) & (LiveInterview.candidate_id == Candidate.id),
        )
        .where(Candidate.id == bindparam("candidate_id"), Candidate.job_id == job_id)
    )


def state_tag(job_id: int, candidate_id: int, user, panel_id: int | None = None) -> str | None:
    """A tag that changes whenever what the panel's live screen shows may change, from one
    small query (the interview's version and the panel's agreed questions' count and last
    change); None if the person may not see this panel's interview (the full answer then
    says why).

    Tablets poll every 2 seconds: an unchanged tag is answered 304, without rebuilding
    the state.
    """
    params = {
        "job_id": job_id,
        "candidate_id": candidate_id,
        "user_id": user.id,
        "panel_id": panel_id,
    }
    row = db.session.execute(_tag_statement(), params).first()
    if row is None:
        return None
    version, panel, count, changed, mine = row
    if not (user.is_coordinator or mine == panel):
        return None
    seen = f"{job_id}/{panel}/{candidate_id}/{version or 0}/{count}/{changed}"
    return hashlib.sha256(seen.encode()).hexdigest()[:20]
