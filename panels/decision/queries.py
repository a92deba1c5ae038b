"""Reads for the decision area: what happened in one job, the answers about the day, and
every job's outcome for the report across the organisation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from panels.db import db
from panels.decision import rules
from panels.lib.decisions import Proposal
from panels.models import Candidate, DayFeedback, Decision, DecisionMeeting, Job, PanelMember, User


@dataclass(frozen=True)
class Outcome:
    offered: list[str]  # candidates' names
    reserve: list[str]
    reasons: list[tuple[str, str]]  # (candidate's name, why) where a reason was needed


def outcome(job: Job) -> Outcome:
    rows = db.session.execute(
        select(Decision, Candidate.name)
        .join(Candidate, Candidate.id == Decision.candidate_id)
        .where(Decision.job_id == job.id)
        .order_by(Candidate.position, Candidate.id)
    ).all()
    return Outcome(
        offered=[name for d, name in rows if d.proposal == Proposal.OFFER],
        reserve=[name for d, name in rows if d.proposal == Proposal.RESERVE],
        reasons=[(name, d.reason) for d, name in rows if d.reason_needed],
    )


@dataclass(frozen=True)
class FeedbackRow:
    who: str  # a member's name, or "A candidate"
    member: bool
    listened: int
    time: int
    again: int


def feedback_rows(job_id: int) -> list[FeedbackRow]:
    rows = db.session.execute(
        select(DayFeedback, User.name)
        .outerjoin(PanelMember, PanelMember.id == DayFeedback.member_id)
        .outerjoin(User, User.id == PanelMember.user_id)
        .where(DayFeedback.job_id == job_id)
        .order_by(DayFeedback.at, DayFeedback.id)
    ).all()
    return [
        FeedbackRow(
            name if f.member_id is not None else "A candidate",
            f.member_id is not None,
            f.listened,
            f.time,
            f.again,
        )
        for f, name in rows
    ]


def outcomes(organisation_id: int) -> list[rules.JobOutcome]:
    """Every job of the organisation, oldest interview first, in four queries."""
    jobs = list(
        db.session.scalars(
            select(Job)
            .where(Job.organisation_id == organisation_id)
            .order_by(Job.interview_date, Job.id)
        )
    )
    ids = [j.id for j in jobs]
    released = set(
        db.session.scalars(
            select(DecisionMeeting.job_id).where(
                DecisionMeeting.job_id.in_(ids), DecisionMeeting.released_at.is_not(None)
            )
        )
    )
    offers: dict[int, list[Decision]] = {}
    for d in db.session.scalars(
        select(Decision).where(Decision.job_id.in_(ids), Decision.proposal == Proposal.OFFER)
    ):
        offers.setdefault(d.job_id, []).append(d)
    feedback: dict[int, list[tuple[int, int, int]]] = {}
    theirs: dict[int, list[tuple[int, int, int]]] = {}
    for f in db.session.scalars(select(DayFeedback).where(DayFeedback.job_id.in_(ids))):
        into = feedback if f.member_id is not None else theirs
        into.setdefault(f.job_id, []).append((f.listened, f.time, f.again))
    found = []
    for job in jobs:
        mine = offers.get(job.id, []) if job.id in released else []
        known = [d.lived_first for d in mine if d.lived_first is not None]
        found.append(
            rules.JobOutcome(
                ref=job.ref,
                title=job.title,
                month=job.interview_date.strftime("%Y-%m"),
                decided=job.id in released,
                lived_first_appointed=all(known) if known else None,
                reason_given=any(d.reason_needed for d in mine),
                feedback=tuple(feedback.get(job.id, [])),
                candidate_feedback=tuple(theirs.get(job.id, [])),
                job_id=job.id,
            )
        )
    return found
