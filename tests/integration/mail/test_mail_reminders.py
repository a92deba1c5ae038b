"""Reminders found by the worker's periodic task: due once, from the plan as it is now."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select

from panels.common.tasks import kinds_of
from panels.db import db
from panels.invitations import service as invitation_service
from panels.mail import reminders
from panels.models import Candidate, Job, Message, MessageKind, ScoreSheet
from panels.models.mail import MailSettings
from panels.plan.queries import candidate_times
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import add_questions


def _set_up(world):
    job = db.session.get(Job, world["job_a"])
    add_questions(job)
    for candidate, address in zip(
        job.candidates, ("ruth@example.org", "dan@example.org"), strict=True
    ):
        candidate.email = address
        invitation_service.invitation_for(candidate)
    db.session.commit()
    return job


def _kinds(job_id: int) -> list[str]:
    """Job A's messages (job B has its interviews on the same day)."""
    query = select(Message).where(Message.job_id == job_id).order_by(Message.id)
    return [m.kind for m in db.session.scalars(query)]


def test_the_reminder_task_is_periodic_and_declared(app):
    assert kinds_of(app)[reminders.DUE].every is not None


def test_candidates_hear_24_hours_before_with_the_time_from_the_plan_now(app, world):
    with app.app_context():
        job = _set_up(world)
        ruth = db.session.get(Candidate, world["cand_a"])
        arrive = candidate_times(job, ruth)[0]
        assert reminders.queue_reminders(datetime(2026, 12, 13, 12, 0)) == 0  # too early
        # The coordinator moves the day later before the reminder is due: it follows.
        job.start_time = time(11, 0)
        db.session.commit()
        moved = candidate_times(job, ruth)[0]
        assert moved > arrive
        now = moved.replace(day=14)
        queued = reminders.queue_reminders(now)
        assert queued >= 1
        [message] = db.session.scalars(
            select(Message).where(
                Message.kind == MessageKind.CANDIDATE_REMINDER,
                Message.recipient == "ruth@example.org",
            )
        ).all()
        assert f"Please come at {moved:%H:%M}." in message.text
        assert "Community Hub" in message.text
        assert reminders.queue_reminders(now) == 0  # running again queues nothing more
        db.session.remove()


def test_members_hear_the_day_before_and_on_the_morning_once_each(app, world):
    with app.app_context():
        _set_up(world)
        reminders.queue_reminders(datetime(2026, 12, 14, 9, 5))
        reminders.queue_reminders(datetime(2026, 12, 14, 15, 0))
        reminders.queue_reminders(datetime(2026, 12, 15, 7, 5))
        reminders.queue_reminders(datetime(2026, 12, 15, 7, 30))
        kinds = _kinds(world["job_a"])
        assert kinds.count(MessageKind.MEMBER_DAY_BEFORE) == 3  # Alex, Sam and Jo
        assert kinds.count(MessageKind.MEMBER_MORNING) == 3
        morning = db.session.scalars(
            select(Message).where(
                Message.kind == MessageKind.MEMBER_MORNING, Message.job_id == world["job_a"]
            )
        ).first()
        assert "The interviews are today." in morning.text
        assert "listen" in morning.text.lower()
        db.session.remove()


def test_members_without_sent_scores_hear_daily_up_to_the_limit(app, world):
    with app.app_context():
        job = _set_up(world)
        for candidate in job.candidates:  # Sam sent every score
            db.session.add(
                ScoreSheet(
                    job_id=job.id,
                    candidate_id=candidate.id,
                    member_id=world["member_sam"],
                    status="submitted",
                )
            )
        db.session.add(
            MailSettings(
                job_id=job.id, remind_candidates=False, remind_members=False, score_reminders=2
            )
        )
        db.session.commit()
        for day in (16, 16, 17, 18, 19):
            reminders.queue_reminders(datetime(2026, 12, day, 11, 0))
        sent = db.session.scalars(
            select(Message.recipient).where(
                Message.kind == MessageKind.SCORES_REMINDER, Message.job_id == job.id
            )
        ).all()
        assert sorted(sent) == sorted(["alex@example.org", "jo@example.org"] * 2)
        assert _kinds(world["job_a"]) == [MessageKind.SCORES_REMINDER] * 4
        db.session.remove()


def test_the_coordinator_turns_reminders_off_and_the_form_says_what_is_wrong(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/messages/settings"
    bad = coordinator.post(url, data={"score_reminders": "9"})
    assert bad.status_code == 400
    assert "Enter a number from 0 to 7" in bad.get_data(as_text=True)
    ok = coordinator.post(url, data={"score_reminders": "0"})
    assert ok.status_code == 302
    with app.app_context():
        _set_up(world)
        reminders.queue_reminders(datetime(2026, 12, 14, 12, 0))
        reminders.queue_reminders(datetime(2026, 12, 16, 12, 0))
        assert _kinds(world["job_a"]) == []
        assert _kinds(world["job_b"])  # job B keeps every reminder
        db.session.remove()


def test_the_clock_is_where_the_interviews_happen_in_summer_too(app, world, monkeypatch):
    """Plan times are UK clock times: in summer (BST, UTC+1) the reminder 24 hours before
    goes by the UK clock, not the server's UTC clock (an hour late before)."""
    from datetime import UTC, timedelta

    from panels.plan import queries as plan_queries

    with app.app_context():
        job = _set_up(world)
        job.interview_date = job.interview_date.replace(year=2027, month=7)  # next summer
        db.session.commit()
        ruth = db.session.get(Candidate, world["cand_a"])
        arrive = candidate_times(job, ruth)[0]
        # 30 minutes into the 24 hours before, on the UK clock: 30 minutes before them in UTC.
        uk = arrive - timedelta(hours=24) + timedelta(minutes=30)
        utc = uk - timedelta(hours=1)
        assert not reminders.core.candidate_due(utc, arrive)  # the old, UTC comparison

        class Clock(datetime):
            @classmethod
            def now(cls, tz=None):
                return utc.replace(tzinfo=UTC).astimezone(tz)

        monkeypatch.setattr(plan_queries, "datetime", Clock)
        assert plan_queries.local_now() == uk
        assert reminders.queue_reminders() >= 1
        assert MessageKind.CANDIDATE_REMINDER in _kinds(job.id)
        db.session.remove()
