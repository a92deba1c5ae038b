"""Who is due to have their details removed, and when. Plain Python: no Flask, no database.

A job's *decision* is when its results were finalised. From then on, an unsuccessful
candidate's details are kept for the organisation's ``keep_months``, the person appointed
for ``keep_appointed_months`` (their records move to their employment file). A job on
hold keeps everything until the hold is released. A candidate is due at the very moment
their time is up (exactly at the limit counts as due).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from panels.lib import limits


class State(StrEnum):
    """Where one candidate's details are."""

    WAITING = "waiting"  # no decision yet: nothing is removed
    KEPT = "kept"  # their time is not up yet
    HELD = "held"  # their time is up, but the job is on hold
    DUE = "due"  # removed by the next run
    GONE = "gone"  # already removed


@dataclass(frozen=True)
class Policy:
    """An organisation's setting, in months."""

    keep_months: int
    keep_appointed_months: int


@dataclass(frozen=True)
class CandidateFacts:
    id: int
    appointed: bool = False
    gone: bool = False


@dataclass(frozen=True)
class JobFacts:
    id: int
    decided_at: datetime | None
    held: bool
    candidates: tuple[CandidateFacts, ...]


@dataclass(frozen=True)
class Plan:
    """What happens to one candidate's details: their state, and when they go (None while
    there is no decision, and for details already gone)."""

    candidate_id: int
    state: State
    remove_on: datetime | None


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later; the month's last day when it is shorter
    (31 January + 1 month = 28 or 29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def remove_on(decided_at: datetime, appointed: bool, policy: Policy) -> datetime:
    months = policy.keep_appointed_months if appointed else policy.keep_months
    return add_months(decided_at, months)


def plan_candidate(job: JobFacts, candidate: CandidateFacts, policy: Policy, now: datetime) -> Plan:
    if candidate.gone:
        return Plan(candidate.id, State.GONE, None)
    if job.decided_at is None:
        return Plan(candidate.id, State.WAITING, None)
    when = remove_on(job.decided_at, candidate.appointed, policy)
    if now < when:
        return Plan(candidate.id, State.KEPT, when)
    return Plan(candidate.id, State.HELD if job.held else State.DUE, when)


def plan_job(job: JobFacts, policy: Policy, now: datetime) -> list[Plan]:
    """Every candidate of the job, in the job's order."""
    return [plan_candidate(job, candidate, policy, now) for candidate in job.candidates]


def due(job: JobFacts, policy: Policy, now: datetime) -> list[int]:
    """The candidates whose details go now."""
    return [p.candidate_id for p in plan_job(job, policy, now) if p.state == State.DUE]


def early(job: JobFacts) -> list[int]:
    """The candidates a coordinator's early removal takes: everyone not gone yet, once the
    job is decided (nobody before)."""
    if job.decided_at is None:
        return []
    return [c.id for c in job.candidates if not c.gone]


def next_removal(plans: Iterable[Plan]) -> datetime | None:
    """When the next of these candidates' details go (None when nothing is planned)."""
    dates = [p.remove_on for p in plans if p.state == State.KEPT and p.remove_on is not None]
    return min(dates, default=None)


def check_months(value: object) -> str:
    """ "" for a period the organisation may set; else what is wrong, in plain words."""
    if not isinstance(value, int) or isinstance(value, bool):
        return "Enter the number of months as a whole number, like 6."
    if value < limits.KEEP_MONTHS_MIN:
        return "Keep details for at least 1 month: the panel needs time to finish."
    if value > limits.KEEP_MONTHS_MAX:
        return (
            f"Keep details for at most {limits.KEEP_MONTHS_MAX} months (10 years). "
            "Longer than that is more than anyone needs."
        )
    return ""
