"""Reads for retention: a job's decision, the organisation's setting, what is planned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from panels.db import db
from panels.lib import limits
from panels.models import (
    AnonymisedCandidate,
    Candidate,
    Job,
    JobRetention,
    OrganisationSettings,
    ScoringState,
)
from panels.privacy import rules


def decided_at(job_id: int) -> datetime | None:
    """When the job's results were finalised: its decision (None before)."""
    return db.session.scalar(select(ScoringState.finalised_at).where(ScoringState.job_id == job_id))


def policy_of(organisation_id: int) -> rules.Policy:
    found = db.session.get(OrganisationSettings, organisation_id)
    if found is None:
        return rules.Policy(limits.KEEP_MONTHS_DEFAULT, limits.KEEP_APPOINTED_MONTHS_DEFAULT)
    return rules.Policy(found.keep_months, found.keep_appointed_months)


def retention_of(job_id: int) -> JobRetention | None:
    return db.session.get(JobRetention, job_id)


def gone_ids(job_id: int) -> set[int]:
    query = select(AnonymisedCandidate.candidate_id).where(AnonymisedCandidate.job_id == job_id)
    return set(db.session.scalars(query))


def is_gone(candidate: Candidate) -> bool:
    return db.session.get(AnonymisedCandidate, candidate.id) is not None


def job_facts(job: Job) -> rules.JobFacts:
    held = retention_of(job.id)
    gone = gone_ids(job.id)
    appointed = held.appointed_id if held else None
    return rules.JobFacts(
        id=job.id,
        decided_at=decided_at(job.id),
        held=bool(held and held.held_at),
        candidates=tuple(
            rules.CandidateFacts(c.id, appointed=c.id == appointed, gone=c.id in gone)
            for c in job.candidates
        ),
    )


@dataclass(frozen=True)
class JobPlan:
    job: Job
    facts: rules.JobFacts
    plans: list[rules.Plan]
    retention: JobRetention | None

    @property
    def due(self) -> list[int]:
        return [p.candidate_id for p in self.plans if p.state == rules.State.DUE]

    @property
    def next_removal(self) -> datetime | None:
        return rules.next_removal(self.plans)

    def plan_of(self, candidate_id: int) -> rules.Plan | None:
        return next((p for p in self.plans if p.candidate_id == candidate_id), None)


def job_plan(job: Job, now: datetime) -> JobPlan:
    facts = job_facts(job)
    plans = rules.plan_job(facts, policy_of(job.organisation_id), now)
    return JobPlan(job, facts, plans, retention_of(job.id))


def org_plans(organisation_id: int, now: datetime) -> list[JobPlan]:
    query = select(Job).where(Job.organisation_id == organisation_id)
    jobs = db.session.scalars(query.order_by(Job.interview_date.desc(), Job.id.desc()))
    return [job_plan(job, now) for job in jobs]


def decided_job_ids() -> list[int]:
    """Every job with a decision, on every organisation: the run looks at these."""
    query = select(ScoringState.job_id).where(ScoringState.finalised_at.is_not(None))
    return list(db.session.scalars(query.order_by(ScoringState.job_id)))


def people_with_email(email: str) -> list[tuple[str, Any, Any, Any]]:
    """(who, candidate, user, organisation) for everyone with this address: each
    candidacy, and a person with an account once for each organisation they are in."""
    from panels.models import User

    address = email.strip().lower()
    out: list[tuple[str, Any, Any, Any]] = []
    if not address:
        return out
    query = select(Candidate).where(func.lower(Candidate.email) == address)
    for candidate in db.session.scalars(query.order_by(Candidate.id)):
        job = candidate.job
        out.append((f"Candidate for {job.title} ({job.ref})", candidate, None, None))
    user = db.session.scalar(select(User).where(func.lower(User.email) == address))
    if user is not None:
        for membership in user.org_memberships:
            organisation = membership.organisation
            out.append((f"{user.name} in {organisation.name}", None, user, organisation))
    return out
