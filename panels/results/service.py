"""Combine a job's submitted score sheets with equal weight, in a fixed number of queries."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Integer, String, and_, bindparam, case, func, or_, select, type_coerce
from sqlalchemy.orm import joinedload

from panels.common.audit import record
from panels.common.retry import rolls_back_on
from panels.db import db
from panels.lib import limits
from panels.models import Candidate, Job, PanelMember, Question, Score, ScoreSheet, ScoringState
from panels.models.base import utcnow
from panels.models.scoring import FALLBACK_SCALE
from panels.results import queries
from panels.scoring.combine import MemberIn, Results, SheetMean, combine_means
from panels.scoring.scales import SCALES, Scale
from panels.scoring.sheets import scored_questions, state_to_change

REASON_MAX = limits.REASON


class ResultsProblem(ValueError):
    """A close, reopen or finalise that cannot be done; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Combined:
    """What the results page and its exports show: the results, each member's name and
    each panel's name."""

    results: Results
    names: dict[str, str]  # member key -> name
    panel_names: dict[str, str]  # panel key -> name, in order

    @property
    def incomplete(self) -> list[str]:
        return [r.name for r in self.results.rows if not r.complete]


@dataclass(frozen=True, kw_only=True)
class JobResults(Combined):
    """The results with the job's people and questions themselves (the decision meeting)."""

    members: list[PanelMember]
    candidates: list[Candidate]
    questions: list[Question]


# A panel member as the results read them: (id, key, name, group, panel id, the panel's
# position, the panel's name); a candidate: (id, key, name); a question: (id, key, panel id)
MemberRow = tuple[int, str, str, str | None, int, int, str]
CandidateRow = tuple[int, str, str]
QuestionRow = tuple[int, str, int]


def _step():
    """SQL: an answer's step on its sheet's scale (0 for the lowest option, 1 for the next
    and so on), or NULL for "I don't know" and for a value not on the scale."""
    branches = []
    for key, on in SCALES.items():
        branches.extend(_steps_on(ScoreSheet.scale == key, on))
    # a scale name we do not know (damaged data) counts as 3 faces
    known = ScoreSheet.scale.in_(list(SCALES))
    branches.extend(_steps_on(~known, SCALES[FALLBACK_SCALE]))
    return case(*branches, else_=None)


def _steps_on(on_this_scale, scale: Scale) -> list:
    """CASE branches: a value's step on ``scale`` where ``on_this_scale`` holds."""
    low, high = scale.values[0], scale.values[-1]
    if list(scale.values) == list(range(low, high + 1)):  # whole steps: one test
        return [(and_(on_this_scale, Score.value.between(low, high)), Score.value - low)]
    return [
        (and_(on_this_scale, Score.value == value), step) for step, value in enumerate(scale.values)
    ]


@functools.cache
def _sums(dialect: str):
    """The statement that sums each sent sheet of a job (``job_id``) over its scored
    questions (``questions``), built once per database kind.

    A job's questions are its own, so the question filter is also what keeps the read
    to the job's scores. PostgreSQL finds them with the question index (a few pages,
    however many other jobs the database holds; without it, it reads the whole score
    table), sums them sheet by sheet first and only then joins the job's sheets: one
    row per sheet to join, not one per answer (a third less of its time for 60
    candidates). SQLite reads each sheet's scores in one pass of the sheet index instead
    ("+ 0" keeps it off the question index, which would make one look-up per question
    and sheet): the same rows either way.
    """
    questions = bindparam("questions", expanding=True, type_=Integer)
    sheet = (
        ScoreSheet.id,
        ScoreSheet.member_id,
        ScoreSheet.candidate_id,
        type_coerce(ScoreSheet.scale, String),  # its text: no enum made for each row
    )
    sent = (
        ScoreSheet.job_id == bindparam("job_id", type_=Integer),
        ScoreSheet.status == "submitted",
    )
    if dialect == "sqlite":
        return (
            select(
                *sheet,
                func.sum(Score.value),
                func.count(Score.value),
                func.count(),
                func.min(Score.value),
                func.max(Score.value),
            )
            .join(Score, Score.sheet_id == ScoreSheet.id)
            .where(*sent, (Score.question_id + 0).in_(questions))
            .group_by(ScoreSheet.id)  # the other sheet columns depend on it (its primary key)
        )
    sums = (
        select(
            Score.sheet_id,
            func.sum(Score.value).label("total"),
            func.count(Score.value).label("given"),
            func.count().label("n"),
            func.min(Score.value).label("low"),
            func.max(Score.value).label("high"),
        )
        .where(Score.question_id.in_(questions))
        .group_by(Score.sheet_id)
        .subquery("sums")
    )
    return (
        select(*sheet, sums.c.total, sums.c.given, sums.c.n, sums.c.low, sums.c.high)
        .join(sums, sums.c.sheet_id == ScoreSheet.id)
        .where(*sent)
    )


def _summed_sheets(
    job_id: int, member_key: dict[int, str], cand_key: dict[int, str], q_key: dict[int, str]
) -> list[SheetMean]:
    """Each sent sheet summed in the database: one row of plain numbers per sheet,
    whatever its length.

    The mean is exact: a whole-number sum of steps divided once. A value not on the
    sheet's scale (damaged data) counts as not answered: the lowest and highest value of
    each sheet show whether it has one, and only such sheets have their values read (one
    more query). Sheets with questions missing have their answered questions read in one
    more query.
    """
    db.session.flush()  # what the session holds first, as an ORM query would (autoflush)
    connection = db.session.connection()
    asked = len(q_key)
    fallback = _WHOLE_STEPS[FALLBACK_SCALE]
    # sheet -> (member, candidate, mean) in the database's order; the sheets with a value
    # off their scale and those with questions missing are looked at once more below
    found: dict[int, tuple[str, str, float | None]] = {}
    damaged: dict[int, str] = {}
    short: list[int] = []
    # Core, not the ORM: plain tuples, without the ORM's work per row
    rows = connection.execute(
        _sums(connection.dialect.name), {"job_id": job_id, "questions": list(q_key)}
    ).all()
    for sheet_id, member_id, candidate_id, scale, total, given, n, low, high in rows:
        member = member_key.get(member_id)
        candidate = cand_key.get(candidate_id)
        if member is None or candidate is None:
            continue
        whole, bottom, top, steps = _WHOLE_STEPS.get(scale, fallback)
        if low is None:  # only "I don't know": nothing to sum
            found[sheet_id] = (member, candidate, None)
            if n < asked:
                short.append(sheet_id)
        elif whole and bottom <= low and high <= top:
            found[sheet_id] = (member, candidate, (total - bottom * given) / (given * steps))
            if n < asked:
                short.append(sheet_id)
        else:
            found[sheet_id] = (member, candidate, None)
            damaged[sheet_id] = scale if scale in SCALES else FALLBACK_SCALE
    if damaged:
        for sheet_id, (key, summed, given, dk) in _steps_read_one_by_one(damaged, q_key).items():
            member, candidate, _mean = found[sheet_id]
            steps = len(SCALES[key].values) - 1
            found[sheet_id] = (member, candidate, summed / (given * steps) if given else None)
            if given + dk < asked:
                short.append(sheet_id)
    answered = _answered_questions(short, q_key) if short else {}
    return [
        (member, candidate, mean, answered.get(sheet_id))
        for sheet_id, (member, candidate, mean) in found.items()
    ]


# scale -> (its values are whole steps, lowest, highest, steps from lowest to highest): a
# sheet whose values all lie from lowest to highest is summed without reading them one by
# one
_WHOLE_STEPS = {
    key: (
        list(on.values) == list(range(on.lowest, on.highest + 1)),
        on.lowest,
        on.highest,
        len(on.values) - 1,
    )
    for key, on in SCALES.items()
}


def _steps_read_one_by_one(
    sheet_scales: dict[int, str], q_key: dict[int, str]
) -> dict[int, tuple[str, int, int, int]]:
    """Sheet -> (scale, sum of steps, values on the scale, I don't know), from each value:
    for sheets with a value not on their scale (damaged data) or a scale with gaps."""
    found = {i: (key, 0, 0, 0) for i, key in sheet_scales.items()}
    for sheet_id, value in db.session.execute(
        select(Score.sheet_id, Score.value).where(
            Score.sheet_id.in_(list(sheet_scales)), Score.question_id.in_(list(q_key))
        )
    ):
        key, steps, given, dk = found[sheet_id]
        values = SCALES[key].values
        if value is None:
            found[sheet_id] = (key, steps, given, dk + 1)
        elif value in values:
            found[sheet_id] = (key, steps + values.index(value), given + 1, dk)
    return found


def _answered_questions(sheet_ids: list[int], q_key: dict[int, str]) -> dict[int, frozenset[str]]:
    """Sheet id -> the scored questions it answered (a value on its scale, or I don't know)."""
    step = _step()
    rows = db.session.execute(
        select(Score.sheet_id, Score.question_id)
        .join(ScoreSheet, ScoreSheet.id == Score.sheet_id)
        .where(
            Score.sheet_id.in_(sheet_ids),
            Score.question_id.in_(list(q_key)),
            or_(Score.value.is_(None), step.is_not(None)),
        )
    ).all()
    found: dict[int, set[str]] = {sheet_id: set() for sheet_id in sheet_ids}
    for sheet_id, question_id in rows:
        found[sheet_id].add(q_key[question_id])
    return {sheet_id: frozenset(keys) for sheet_id, keys in found.items()}


def job_results(job: Job) -> JobResults:
    """The results with the job's members, candidates and scored questions as objects
    (for the decision meeting): four queries whatever the number of candidates (one more
    when some sent sheet has questions missing, and one more when some sheet holds a
    value off its scale).

    Each sheet counts on its own scale (``ScoreSheet.scale``), so a member changing their
    preference later never changes these results.
    """
    members = list(
        db.session.scalars(
            select(PanelMember)
            .options(joinedload(PanelMember.user), joinedload(PanelMember.panel))
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
    combined = _combine(
        job,
        [
            (m.id, m.key, m.user.name, m.group, m.panel_id, m.panel.position, m.panel.name)
            for m in members
        ],
        [(c.id, c.key, c.name) for c in candidates],
        [(q.id, q.key, q.panel_id) for q in questions],
    )
    return JobResults(
        results=combined.results,
        names=combined.names,
        panel_names=combined.panel_names,
        members=members,
        candidates=candidates,
        questions=questions,
    )


def combined_results(job: Job) -> Combined:
    """What the results page and its exports show, from plain rows of only the columns
    they need (no objects made): the same results as ``job_results``, in two queries fewer
    (the people and questions come in one)."""
    members, candidates, questions = queries.job_rows(job.id)
    return _combine(job, members, candidates, questions)


def _combine(
    job: Job,
    members: Sequence[MemberRow],
    candidates: Sequence[CandidateRow],
    questions: Sequence[QuestionRow],
) -> Combined:
    q_key = {q_id: key for q_id, key, _panel in questions}
    member_key = {m[0]: m[1] for m in members}
    cand_key = {c_id: key for c_id, key, _name in candidates}
    sheets = _summed_sheets(job.id, member_key, cand_key, q_key)
    # The panels people sit on, in order (a panel with nobody on it has no scores).
    panels = sorted({(m[5], m[4], m[6]) for m in members})
    by_panel: dict[str, list[str]] = {str(panel_id): [] for _p, panel_id, _n in panels}
    for _q, key, panel_id in questions:
        by_panel.setdefault(str(panel_id), []).append(key)
    results = combine_means(
        [
            MemberIn(key, name, group, str(panel_id))
            for _i, key, name, group, panel_id, *_ in members
        ],
        [(key, name) for _i, key, name in candidates],
        list(q_key.values()),
        sheets,
        group_parity=job.group_parity,
        panel_parity=job.panel_parity,
        questions_by_panel=by_panel,
    )
    return Combined(
        results,
        {m[1]: m[2] for m in members},
        {str(panel_id): name for _p, panel_id, name in panels},
    )


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ResultsProblem("reason", f"Say why you are {what}.")
    if len(reason) > REASON_MAX:
        raise ResultsProblem("reason", f"The reason must be {REASON_MAX} characters or fewer.")
    return reason


@rolls_back_on(ResultsProblem)
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


@rolls_back_on(ResultsProblem)
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


@rolls_back_on(ResultsProblem)
def finalise(job: Job, reason: str, actor_id: int | None) -> ScoringState:
    """Finalise closed results. Incomplete candidates need a reason."""
    state = state_to_change(job.id)
    if not state.closed:
        raise ResultsProblem("reason", "Close scoring before you finalise the results.")
    incomplete = combined_results(job).incomplete
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


@rolls_back_on(ResultsProblem)
def set_parity(job: Job, on: bool, actor_id: int | None) -> None:
    if job.group_parity != on:
        job.group_parity = on
        job.panel_parity = job.panel_parity and not on
        record("group parity " + ("on" if on else "off"), job_id=job.id, actor_id=actor_id)
        db.session.commit()


class Weighting(StrEnum):
    """How a job's results weigh members' scores (the equal-weight rule, PRODUCT.md)."""

    MEMBERS = "members"  # every member counts the same
    GROUPS = "groups"  # every group counts the same (group parity)
    PANELS = "panels"  # every panel counts the same (panel parity)


def weighting_of(job: Job) -> Weighting:
    if job.panel_parity:
        return Weighting.PANELS
    return Weighting.GROUPS if job.group_parity else Weighting.MEMBERS


@rolls_back_on(ResultsProblem)
def set_weighting(job: Job, choice: str, actor_id: int | None) -> None:
    """Every member, every group or every panel counts the same. Raises ResultsProblem
    for anything else."""
    if choice not in set(Weighting):
        raise ResultsProblem("weighting", "Choose how the scores are weighed.")
    if weighting_of(job) == choice:
        return
    job.group_parity = choice == Weighting.GROUPS
    job.panel_parity = choice == Weighting.PANELS
    record("weighting changed", job_id=job.id, actor_id=actor_id, weighting=choice)
    db.session.commit()
