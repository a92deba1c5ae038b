"""The worker's ``mail.due`` task: which reminders are due now, written to the outbox.

Run every few minutes. Times are read from the day plan each time, so a reminder follows
any change to the plan made before it is due. Each reminder has its own dedupe key (the
person and the day), so running again, or two workers at once, queue it once.

Times in the plan are the interview's clock times; they are compared with the clock
where the interviews happen (``plan.queries.local_now``: ``PANELS_TIMEZONE``, by default
Europe/London), so a reminder 24 hours before is 24 hours before in summer too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations.times import candidate_times
from panels.mail import core, deliver, service
from panels.models import Job, MessageKind, PanelMember, ScoreSheet
from panels.models.mail import MailSettings, Message
from panels.models.scoring import ScoringState
from panels.plan.queries import current_plan, local_now

DUE = "mail.due"


def run_due(_payload: Mapping[str, Any]) -> None:
    """Ask again for messages nobody took, then queue every reminder due now."""
    deliver.sweep()
    queue_reminders()


def _jobs_near(today: date) -> list[Job]:
    """Jobs whose interview day is from 7 days ago to 2 days ahead (scores after)."""
    return list(
        db.session.scalars(
            select(Job).where(
                Job.interview_date >= today - timedelta(days=8),
                Job.interview_date <= today + timedelta(days=2),
            )
        )
    )


def _settings(job: Job) -> MailSettings:
    found = db.session.scalar(select(MailSettings).where(MailSettings.job_id == job.id))
    return found or MailSettings(
        job_id=job.id, remind_candidates=True, remind_members=True, score_reminders=3
    )


def queue_reminders(now: datetime | None = None) -> int:
    """Queue the reminders due at ``now`` (the plan's clock). Commits. How many queued."""
    now = now or local_now()
    queued = 0
    for job in _jobs_near(now.date()):
        settings = _settings(job)
        if settings.remind_candidates:
            queued += _candidates(job, now)
        if settings.remind_members:
            queued += _members(job, now)
        if settings.score_reminders:
            queued += _scores(job, now, settings.score_reminders)
        db.session.commit()
    return queued


def _queued(value: int | None) -> int:
    return 0 if value is None else 1


def _candidates(job: Job, now: datetime) -> int:
    count = 0
    for candidate in job.candidates:
        invitation = invitation_queries.invitation_of(candidate)
        times = candidate_times(job, candidate)
        if invitation is None or not candidate.email.strip() or times is None:
            continue
        if not core.candidate_due(now, times[0]):
            continue
        try:
            service._live(invitation)
        except service.CannotSend:
            continue
        facts = invitation_queries.facts_for(invitation)
        email = core.candidate_reminder(candidate.name, service.invitation_link(invitation), facts)
        count += _queued(
            _safely(
                organisation_id=job.organisation_id,
                job_id=job.id,
                recipient=candidate.email,
                name=candidate.name,
                kind=MessageKind.CANDIDATE_REMINDER,
                email=email,
                key=f"candidate-reminder:{candidate.id}:{job.interview_date.isoformat()}",
            )
        )
    return count


def _safely(**values: Any) -> int | None:
    """Queue one reminder; an address that does not look right is skipped (and logged)."""
    try:
        return service.queue(**values)
    except service.CannotSend as cannot:
        current_app.logger.info("Reminder not queued for %s: %s", values["key"], cannot.message)
        return None


def _day(job: Job) -> core.Day:
    plan = current_plan(job)
    start = plan.slots[0].start if plan is not None and plan.slots else None
    return core.Day(job.title, job.interview_date, start, job.place or "", job.contact or "")


def _members(job: Job, now: datetime) -> int:
    day = job.interview_date
    if core.day_before_due(now, day):
        kind, morning = MessageKind.MEMBER_DAY_BEFORE, False
    elif core.morning_due(now, day, None):
        kind, morning = MessageKind.MEMBER_MORNING, True
    else:
        return 0
    when = _day(job)
    if morning and when.start is not None and now >= when.start:
        return 0
    link = service.external("auth.sign_in")
    count = 0
    for member in job.members:
        email = core.member_reminder(member.user.name, link, when, morning)
        count += _to_member(job, member, kind, email, f"{kind.value}:{member.id}:{day.isoformat()}")
    return count


def _waiting(job: Job, member: PanelMember) -> int:
    """Candidates this member has not sent scores for."""
    sent = db.session.scalar(
        select(func.count())
        .select_from(ScoreSheet)
        .where(ScoreSheet.member_id == member.id, ScoreSheet.status == "submitted")
    )
    return max(len(job.candidates) - (sent or 0), 0)


def _scores(job: Job, now: datetime, limit: int) -> int:
    state = db.session.get(ScoringState, job.id)
    if state is not None and state.closed or not job.candidates:
        return 0
    link = service.external("jobs.show", job_id=job.id)
    count = 0
    for member in job.members:
        waiting = _waiting(job, member)
        before = db.session.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.dedupe_key.like(f"scores-reminder:{member.id}:%"))
        )
        if not waiting or not core.scores_due(now, job.interview_date, before or 0, limit):
            continue
        email = core.scores_reminder(member.user.name, link, job.title, waiting)
        key = f"scores-reminder:{member.id}:{now.date().isoformat()}"
        count += _to_member(job, member, MessageKind.SCORES_REMINDER, email, key)
    return count


def _to_member(job: Job, member: PanelMember, kind: MessageKind, email, key: str) -> int:
    """Queues one reminder to a panel member of the job: 1 if queued, 0 if not."""
    return _queued(
        _safely(
            organisation_id=job.organisation_id,
            job_id=job.id,
            recipient=member.user.email,
            name=member.user.name,
            kind=kind,
            email=email,
            key=key,
        )
    )
