"""Reads for pay: rates, claims and what they add up to, the day's times, exports.

Nothing here writes: a rate, claim or choice not saved yet is an unsaved row with the
defaults (the organisation's rates, or the built-in ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from panels.db import db
from panels.live.queries import lives_for
from panels.models import (
    Expense,
    Job,
    JobPayRates,
    OrgPayRates,
    Panel,
    PanelMember,
    PayClaim,
    TimeEntry,
)
from panels.orgs.queries import shown_to_candidates
from panels.pay import money, offer
from panels.plan.queries import current_plan, to_local

RATE_FIELDS = (
    *(f"{k.value}_{part}" for k in money.TimeKind for part in ("pence", "per")),
    "travel_paid",
    "mileage_pence",
)
DEFAULTS = {
    "preparation_pence": 1150,
    "preparation_per": "hour",
    "interview_day_pence": 1150,
    "interview_day_per": "hour",
    "training_pence": 1150,
    "training_per": "hour",
    "travel_pence": 0,
    "travel_per": "hour",
    "travel_paid": False,
    "mileage_pence": 45,
}


def org_rates(organisation_id: int) -> OrgPayRates:
    """The organisation's default rates, or the built-in ones (unsaved)."""
    found = db.session.get(OrgPayRates, organisation_id)
    if found is not None:
        return found
    return OrgPayRates(organisation_id=organisation_id, currency="GBP", **DEFAULTS)


def stored_job_rates(job: Job) -> JobPayRates | None:
    return db.session.get(JobPayRates, job.id)


def job_rates(job: Job) -> JobPayRates:
    """The job's rates; before they are saved, a copy of the organisation's (unsaved)."""
    found = stored_job_rates(job)
    if found is not None:
        return found
    source = org_rates(job.organisation_id)
    return JobPayRates(job_id=job.id, **{name: getattr(source, name) for name in RATE_FIELDS})


def as_rates(row: JobPayRates | OrgPayRates) -> money.Rates:
    return money.Rates(
        pence={k.value: getattr(row, f"{k.value}_pence") for k in money.TimeKind},
        per={k.value: getattr(row, f"{k.value}_per") for k in money.TimeKind},
        mileage=row.mileage_pence,
        travel_paid=bool(row.travel_paid),
    )


def currency(job: Job) -> str:
    return org_rates(job.organisation_id).currency or "GBP"


def claim_of(member: PanelMember) -> PayClaim | None:
    return db.session.scalar(select(PayClaim).where(PayClaim.member_id == member.id))


def has_records(member: PanelMember) -> bool:
    """The member has pay records for the job: time, money spent, or a payment."""
    claim = claim_of(member)
    return claim is not None and bool(claim.entries or claim.expenses or claim.paid_on)


def claim_or_blank(member: PanelMember) -> PayClaim:
    """The member's claim, or an unsaved one with nothing in it."""
    found = claim_of(member)
    if found is not None:
        return found
    return PayClaim(
        job_id=member.job_id,
        member_id=member.id,
        member=member,
        paid_through_job=False,
        time_check="unseen",
        time_note="",
        charity="",
        paid_how="",
        entries=[],
        expenses=[],
    )


def entry_minutes(entry: TimeEntry) -> int:
    return money.minutes_between(entry.start_time, entry.end_time)


def expense_line(expense: Expense) -> tuple[int, str]:
    return expense.amount_pence, expense.decision


def totals_for(claim: PayClaim, rates: money.Rates) -> money.Totals:
    lines = [money.TimeLine(e.kind, entry_minutes(e)) for e in claim.entries]
    return money.totals(
        lines,
        rates,
        claim.choice,
        claim.lower_pence,
        [expense_line(x) for x in claim.expenses],
        bool(claim.paid_through_job),
    )


@dataclass(frozen=True)
class Row:
    """One panel member's claim on the job's pay page and in the exports."""

    member: PanelMember
    claim: PayClaim
    totals: money.Totals
    rates: money.Rates

    @property
    def saved(self) -> bool:
        return self.claim.id is not None

    @property
    def status(self) -> str:
        if self.claim.paid_on:
            return "paid"
        if self.claim.paid_through_job and not self.claim.expenses:
            return "paid through their job"
        return "owed"


def rows_for(job: Job) -> list[Row]:
    rates = as_rates(job_rates(job))
    out = []
    for member in job.members:
        claim = claim_or_blank(member)
        out.append(Row(member, claim, totals_for(claim, rates), rates))
    return out


@dataclass(frozen=True)
class JobMoney:
    owed: int
    paid: int
    waiting: int  # expenses not decided yet


def job_money(rows: list[Row]) -> JobMoney:
    owed = sum(r.totals.total for r in rows if not r.claim.paid_on)
    paid = sum((r.claim.paid_pence or 0) for r in rows if r.claim.paid_on)
    waiting = sum(r.totals.waiting for r in rows)
    return JobMoney(owed, paid, waiting)


# --- the interview day's times -------------------------------------------------------------


def planned_day(job: Job, panel: Panel | None = None) -> tuple[datetime, datetime] | None:
    """The panel's day from the day plan: the first slot's start to the plan's end.

    With several panels each has its own part of the plan: ``panel``'s, or (None) from
    the first panel's start to the last one's end.
    """
    if len(job.panels) > 1:
        parts = [_planned(job, p) for p in ([panel] if panel is not None else job.panels)]
        found = [part for part in parts if part is not None]
        if not found:
            return None
        return min(start for start, _ in found), max(end for _, end in found)
    return _planned(job, None)


def _planned(job: Job, panel: Panel | None) -> tuple[datetime, datetime] | None:
    plan = current_plan(job, panel)
    if plan is None or not plan.slots:
        return None
    return min(s.start for s in plan.slots), plan.ends


def member_panel(member: PanelMember) -> Panel | None:
    """The member's own panel when the job has several (None: the job's only panel)."""
    return member.panel if len(member.job.panels) > 1 else None


def real_day(job: Job, panel: Panel | None = None) -> tuple[datetime, datetime] | None:
    """The live screen's real times: the first interview's start to the last one's end
    (only one panel's interviews when ``panel`` is given: each panel has its own day)."""
    lives = [lv for lv in lives_for(job, panel) if lv.ended_at is not None]
    if not lives:
        return None
    start = min(to_local(lv.started_at) for lv in lives)
    end = max(to_local(lv.ended_at) for lv in lives if lv.ended_at is not None)
    return (start, end) if end > start else None


def day_times(job: Job, panel: Panel | None = None) -> tuple[tuple[datetime, datetime], str] | None:
    """The interview day's times and where they came from ("live" or "plan"): with
    ``panel``, that panel's own live interviews, else its own part of the day plan."""
    real = real_day(job, panel)
    if real is not None:
        return real, "live"
    planned = planned_day(job, panel)
    if planned is not None:
        return planned, "plan"
    return None


# --- the offer -------------------------------------------------------------------------------


def advice_lines() -> tuple[str, ...]:
    configured = (current_app.config.get("PAY_ADVICE") or "").strip()
    if not configured:
        return offer.DEFAULT_ADVICE
    return tuple(line.strip() for line in configured.splitlines() if line.strip())


def offer_facts(member: PanelMember) -> offer.OfferFacts:
    job = member.job
    name, org_contact = shown_to_candidates(job.organisation)
    claim = claim_or_blank(member)
    return offer.OfferFacts(
        job_title=job.title,
        organisation=name,
        day=job.interview_date,
        rates=as_rates(job_rates(job)),
        currency=currency(job),
        times=planned_day(job, member_panel(member)),
        paid_through_job=bool(claim.paid_through_job),
        contact=job.contact or org_contact,
        advice=advice_lines(),
    )


# --- exports ----------------------------------------------------------------------------------


def jobs_between(organisation_id: int, start: date, end: date) -> list[Job]:
    """The organisation's jobs with an interview day from ``start`` to ``end``."""
    query = (
        select(Job)
        .where(
            Job.organisation_id == organisation_id,
            Job.interview_date >= start,
            Job.interview_date < end + timedelta(days=1),
        )
        .order_by(Job.interview_date, Job.id)
    )
    return list(db.session.scalars(query))


def entry_of(claim: PayClaim, entry_id: int) -> TimeEntry | None:
    return next((e for e in claim.entries if e.id == entry_id), None)


def expense_of(job: Job, expense_id: int) -> Expense | None:
    found = db.session.get(Expense, expense_id)
    return found if found is not None and found.job_id == job.id else None
