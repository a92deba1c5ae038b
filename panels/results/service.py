"""Combine a job's submitted score sheets with equal weight, in a fixed number of queries."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from panels.common.audit import record
from panels.db import db
from panels.lib import limits
from panels.models import Candidate, Job, PanelMember, Question, Score, ScoreSheet, ScoringState
from panels.models.base import utcnow
from panels.scoring.combine import MemberIn, Results, ScoreIn, combine
from panels.scoring.scales import Scale, get_scale
from panels.scoring.sheets import scored_questions, state_to_change

REASON_MAX = limits.REASON
P = ParamSpec("P")
R = TypeVar("R")


class ResultsProblem(ValueError):
    """A close, reopen or finalise that cannot be done; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _refusal_saves_nothing(change: Callable[P, R]) -> Callable[P, R]:
    """A change refused with ResultsProblem rolls back what it started, then re-raises."""

    @functools.wraps(change)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return change(*args, **kwargs)
        except ResultsProblem:
            db.session.rollback()
            raise

    return wrapper


@dataclass(frozen=True)
class JobResults:
    results: Results
    members: list[PanelMember]
    candidates: list[Candidate]
    questions: list[Question]
    names: dict[str, str]  # member key -> name

    @property
    def incomplete(self) -> list[str]:
        return [r.name for r in self.results.rows if not r.complete]


def _scale(key: str) -> Scale:
    try:
        return get_scale(key)
    except ValueError:
        return get_scale("faces3")


def job_results(job: Job) -> JobResults:
    """Everything the results page shows: four queries whatever the number of candidates.

    Each sheet counts on its own scale (``ScoreSheet.scale``), so a member changing their
    preference later never changes these results.
    """
    members = list(
        db.session.scalars(
            select(PanelMember)
            .options(joinedload(PanelMember.user))
            .where(PanelMember.job_id == job.id)
            .order_by(PanelMember.id)
        )
    )
    candidates = list(
        db.session.scalars(
            select(Candidate)
            .where(Candidate.job_id == job.id)
            .order_by(Candidate.position, Candidate.id)
        )
    )
    questions = scored_questions(job.id)
    rows = db.session.execute(
        select(
            ScoreSheet.member_id,
            ScoreSheet.candidate_id,
            ScoreSheet.scale,
            Score.question_id,
            Score.value,
        )
        .join(Score, Score.sheet_id == ScoreSheet.id)
        .where(ScoreSheet.job_id == job.id, ScoreSheet.status == "submitted")
    ).all()
    member_by_id = {m.id: m for m in members}
    cand_key = {c.id: c.key for c in candidates}
    q_key = {q.id: q.key for q in questions}
    scores = []
    for member_id, candidate_id, scale_key, question_id, value in rows:
        member = member_by_id.get(member_id)
        if member is None or candidate_id not in cand_key or question_id not in q_key:
            continue
        scale = _scale(scale_key)  # the scale the sheet was given on, never the preference now
        if value is not None and value not in scale.values:
            continue  # not a value on the sheet's scale (damaged data): shown as missing
        normal = None if value is None else scale.normalise(value)
        scores.append(ScoreIn(member.key, cand_key[candidate_id], q_key[question_id], normal))
    results = combine(
        [MemberIn(m.key, m.user.name, m.group) for m in members],
        [(c.key, c.name) for c in candidates],
        [q.key for q in questions],
        scores,
        group_parity=job.group_parity,
    )
    return JobResults(
        results, members, candidates, questions, {m.key: m.user.name for m in members}
    )


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ResultsProblem("reason", f"Say why you are {what}.")
    if len(reason) > REASON_MAX:
        raise ResultsProblem("reason", f"The reason must be {REASON_MAX} characters or fewer.")
    return reason


@_refusal_saves_nothing
def close(job: Job, reason: str, actor_id: int | None) -> ScoringState:
    reason = _reason(reason, "closing scoring")
    state = state_to_change(job.id)
    if state.closed:
        raise ResultsProblem("reason", "Scoring is already closed.")
    state.closed, state.closed_at, state.closed_by_id = True, utcnow(), actor_id
    state.close_reason = reason
    record("scoring closed", job_id=job.id, actor_id=actor_id, reason=reason)
    db.session.commit()
    return state


@_refusal_saves_nothing
def reopen(job: Job, reason: str, actor_id: int | None) -> ScoringState:
    reason = _reason(reason, "opening scoring again")
    state = state_to_change(job.id)
    if not state.closed:
        raise ResultsProblem("reason", "Scoring is already open.")
    state.closed, state.closed_at, state.closed_by_id = False, None, None
    state.finalised_at, state.finalised_by_id, state.final_reason = None, None, ""
    record("scoring reopened", job_id=job.id, actor_id=actor_id, reason=reason)
    db.session.commit()
    return state


@_refusal_saves_nothing
def finalise(job: Job, reason: str, actor_id: int | None) -> ScoringState:
    """Finalise closed results. Incomplete candidates need a reason."""
    state = state_to_change(job.id)
    if not state.closed:
        raise ResultsProblem("reason", "Close scoring before you finalise the results.")
    incomplete = job_results(job).incomplete
    reason = (reason or "").strip()
    if incomplete:
        reason = _reason(reason, "finalising with missing scores for " + ", ".join(incomplete[:5]))
    if len(reason) > REASON_MAX:
        raise ResultsProblem("reason", f"The reason must be {REASON_MAX} characters or fewer.")
    state.finalised_at, state.finalised_by_id, state.final_reason = utcnow(), actor_id, reason
    record(
        "results finalised", job_id=job.id, actor_id=actor_id, reason=reason, incomplete=incomplete
    )
    db.session.commit()
    return state


@_refusal_saves_nothing
def set_parity(job: Job, on: bool, actor_id: int | None) -> None:
    if job.group_parity != on:
        job.group_parity = on
        record("group parity " + ("on" if on else "off"), job_id=job.id, actor_id=actor_id)
        db.session.commit()
