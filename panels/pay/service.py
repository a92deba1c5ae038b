"""Writes for pay. Each function that finishes a change records it in the audit trail (who
and when) and commits. A rule broken raises ``money.PayError`` (plain words) before
anything changes. Reads are in ``queries``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from panels.common.audit import record
from panels.common.retry import rolls_back_on
from panels.db import db
from panels.models import Expense, Job, JobPayRates, OrgPayRates, PanelMember, PayClaim, TimeEntry
from panels.models.base import utcnow
from panels.pay import money, queries

_atomic = rolls_back_on(money.PayError)  # a refused change leaves nothing in the session


PAID_ALREADY = "This claim is already paid, so it cannot change. Ask the coordinator."


def save_org_rates(organisation_id: int, values: dict, currency: str) -> OrgPayRates:
    row = db.session.get(OrgPayRates, organisation_id)
    if row is None:
        row = OrgPayRates(organisation_id=organisation_id)
        db.session.add(row)
    for name in queries.RATE_FIELDS:
        setattr(row, name, values[name])
    row.currency = currency
    record("pay rates defaults changed", organisation=organisation_id, currency=currency, **values)
    db.session.commit()
    return row


def save_job_rates(job: Job, values: dict) -> JobPayRates:
    row = queries.stored_job_rates(job)
    if row is None:
        row = JobPayRates(job_id=job.id)
        db.session.add(row)
    for name in queries.RATE_FIELDS:
        setattr(row, name, values[name])
    record("pay rates changed", job_id=job.id, **values)
    db.session.commit()
    return row


def claim_for(member: PanelMember) -> PayClaim:
    """The member's claim, made the first time it is needed (caller commits). The job's
    rates are copied from the organisation's at the same moment, if not copied yet."""
    found = queries.claim_of(member)
    if found is None:
        if queries.stored_job_rates(member.job) is None:
            copy = queries.job_rates(member.job)
            db.session.add(copy)
        found = PayClaim(job_id=member.job_id, member_id=member.id, time_check="unseen")
        db.session.add(found)
        db.session.flush()
    return found


def _open(claim: PayClaim) -> None:
    if claim.paid_on is not None:
        raise money.PayError(PAID_ALREADY)


@_atomic
def set_paid_through_job(member: PanelMember, through_job: bool) -> PayClaim:
    claim = claim_for(member)
    _open(claim)
    claim.paid_through_job = through_job
    record("pay paid through job", job_id=member.job_id, member=member.key, value=through_job)
    db.session.commit()
    return claim


def _spans(claim: PayClaim, leave_out: int | None = None) -> list[money.Span]:
    return [money.Span(e.day, e.start_time, e.end_time) for e in claim.entries if e.id != leave_out]


@_atomic
def add_time(
    member: PanelMember,
    kind: str,
    day: date,
    start: time,
    end: time,
    what: str,
    source: str = "entered",
) -> TimeEntry:
    """A time entry for the member. An end before the start, too long, or overlapping one
    they already have: PayError, nothing saved."""
    money.TimeKind(kind)
    minutes = money.minutes_between(start, end)
    claim = claim_for(member)
    _open(claim)
    clash = money.first_overlap(money.Span(day, start, end), _spans(claim))
    if clash is not None:
        raise money.PayError(
            f"This time overlaps time already there: {clash.start:%H:%M} to {clash.end:%H:%M}"
            " on that day. Change the times or remove the other entry."
        )
    entry = TimeEntry(
        claim=claim,
        job_id=member.job_id,
        kind=kind,
        day=day,
        start_time=start,
        end_time=end,
        what=what,
        source=source,
    )
    db.session.add(entry)
    _time_changed(claim)
    record(
        "pay time added",
        job_id=member.job_id,
        member=member.key,
        kind=kind,
        day=day.isoformat(),
        start=f"{start:%H:%M}",
        end=f"{end:%H:%M}",
        minutes=minutes,
        source=source,
    )
    db.session.commit()
    return entry


def _time_changed(claim: PayClaim) -> None:
    """The member checks their time again after it changes."""
    claim.time_check = "unseen"
    claim.time_checked_at = None


@_atomic
def remove_time(member: PanelMember, entry: TimeEntry) -> None:
    claim = claim_for(member)
    _open(claim)
    record(
        "pay time removed",
        job_id=member.job_id,
        member=member.key,
        day=entry.day.isoformat(),
        start=f"{entry.start_time:%H:%M}",
        end=f"{entry.end_time:%H:%M}",
    )
    claim.entries.remove(entry)
    _time_changed(claim)
    db.session.commit()


def _day_span(found: tuple[tuple[datetime, datetime], str]) -> tuple[date, time, time, str]:
    """The day, start and end (whole minutes) of the day's times; PayError past midnight."""
    (start, end), source = found
    if end.date() != start.date():
        raise money.PayError("The day's times go past midnight. Add the time by hand.")
    return (
        start.date(),
        start.time().replace(second=0, microsecond=0),
        end.time().replace(second=0, microsecond=0),
        source,
    )


@_atomic
def add_day_times(job: Job) -> tuple[int, str]:
    """An interview-day entry for every member who claims, from the live screen's real
    times (or the day plan). With several panels each member gets their own panel's real
    times. Members who have time there already are left as they are.
    How many were added, and the source; PayError if there are no times yet."""
    if queries.day_times(job) is None:
        raise money.PayError("There are no times for the day yet. Plan the day first.")
    added, sources = 0, []
    for member in job.members:
        # Each member's time is their own panel's: its live screen's real times, else its
        # part of the day plan.
        found = queries.day_times(job, queries.member_panel(member))
        if found is None:
            continue
        day, start, end, source = _day_span(found)
        sources.append(source)
        claim = queries.claim_of(member)
        if claim is not None and (claim.paid_through_job or claim.paid_on):
            continue
        if claim is not None and money.first_overlap(money.Span(day, start, end), _spans(claim)):
            continue
        add_time(member, money.TimeKind.INTERVIEW_DAY, day, start, end, "The interview day", source)
        added += 1
    return added, sources[0] if sources else "plan"


@_atomic
def choose(member: PanelMember, choice: str, lower: int | None, charity: str) -> PayClaim:
    """The member's payment choice. Only the choice is kept: never their benefits."""
    money.Choice(choice)
    claim = claim_for(member)
    _open(claim)
    claim.choice = choice
    claim.lower_pence = lower if choice == money.Choice.LOWER else None
    claim.charity = charity if choice == money.Choice.CHARITY else ""
    claim.chosen_at = utcnow()
    record(
        "pay choice made",
        job_id=member.job_id,
        member=member.key,
        choice=choice,
        lower_pence=claim.lower_pence,
        charity=claim.charity,
    )
    db.session.commit()
    return claim


@_atomic
def check_time(member: PanelMember, answer: str, note: str) -> PayClaim:
    claim = claim_for(member)
    _open(claim)
    if not claim.entries:
        raise money.PayError("There is no time to check yet.")
    claim.time_check = "confirmed" if answer == "confirmed" else "wrong"
    claim.time_note = note if answer == "wrong" else ""
    claim.time_checked_at = utcnow()
    record("pay time checked", job_id=member.job_id, member=member.key, answer=answer, note=note)
    db.session.commit()
    return claim


@_atomic
def add_expense(
    member: PanelMember,
    *,
    kind: str,
    day: date,
    pence: int | None,
    miles: Decimal | None,
    description: str,
    receipt: str | None,
    no_receipt_reason: str,
) -> Expense:
    """One expense. Mileage is miles x the job's rate. Without a receipt, a reason."""
    money.ExpenseKind(kind)
    claim = claim_for(member)
    _open(claim)
    if kind == money.ExpenseKind.MILEAGE:
        if miles is None:
            raise money.PayError("Say how many miles you drove.")
        rate = queries.job_rates(member.job).mileage_pence
        pence, tenths = money.mileage_pence(miles, rate), int(miles * 10)
    else:
        tenths = None
    if pence is None:
        raise money.PayError("Say how much it cost.")
    if not receipt and not no_receipt_reason.strip():
        raise money.PayError("Add a photo of the ticket or bill, or say why there is none.")
    expense = Expense(
        claim=claim,
        job_id=member.job_id,
        kind=kind,
        day=day,
        description=description,
        amount_pence=pence,
        miles_tenths=tenths,
        receipt=receipt or None,
        no_receipt_reason="" if receipt else no_receipt_reason,
        decision="waiting",
    )
    db.session.add(expense)
    db.session.flush()
    record(
        "pay expense added",
        job_id=member.job_id,
        member=member.key,
        expense=expense.id,
        kind=kind,
        pence=pence,
        miles_tenths=tenths,
        receipt=bool(receipt),
    )
    db.session.commit()
    return expense


@_atomic
def decide(expense: Expense, decision: str, reason: str, actor_id: int | None) -> Expense:
    money.Decision(decision)
    _open(expense.claim)
    expense.decision = decision
    expense.decision_reason = reason
    expense.decided_at = utcnow()
    record(
        "pay expense " + decision,
        job_id=expense.job_id,
        member=expense.claim.member.key,
        expense=expense.id,
        pence=expense.amount_pence,
        reason=reason,
    )
    expense.decided_by_id = actor_id
    db.session.commit()
    return expense


@_atomic
def mark_paid(member: PanelMember, paid_on: date, how: str, actor_id: int | None) -> PayClaim:
    claim = claim_for(member)
    _open(claim)
    rates = queries.as_rates(queries.job_rates(member.job))
    totals = queries.totals_for(claim, rates)
    if totals.waiting:
        raise money.PayError("Some expenses are not decided yet. Approve or refuse them first.")
    claim.paid_on = paid_on
    claim.paid_how = how
    claim.paid_pence = totals.total
    claim.paid_by_id = actor_id
    record(
        "pay marked paid",
        job_id=member.job_id,
        member=member.key,
        paid_on=paid_on.isoformat(),
        how=how,
        pence=totals.total,
        choice=claim.choice,
    )
    db.session.commit()
    return claim
