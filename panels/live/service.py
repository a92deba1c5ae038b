"""The live interview: shared state with a version number, and real timings.

Every change is a conditional UPDATE ``... WHERE version = seen``: when two tablets press
"next" at once, only the first is applied; the second is told someone else moved on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from panels.db import db
from panels.models import Candidate, Job, LiveInterview, Question, QuestionTiming
from panels.models.base import utcnow
from panels.plan import planner
from panels.plan.service import questions_for

ACTIONS = ("start", "next", "back", "pause", "resume", "more_time")


class Conflict(Exception):
    """The tablet's version is out of date: someone else changed the screen first."""


class NotAllowed(ValueError):
    """That button does not apply now (plain words in the message)."""


def live_for(job: Job, candidate: Candidate) -> LiveInterview | None:
    return db.session.scalar(
        select(LiveInterview).where(
            LiveInterview.job_id == job.id, LiveInterview.candidate_id == candidate.id
        )
    )


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


def state(job: Job, candidate: Candidate) -> State:
    questions = questions_for(job)
    live = live_for(job, candidate)
    if live is None:
        first = questions[0] if questions else None
        return State(0, "waiting", 0, len(questions), first, 0)
    index = min(live.index, max(len(questions) - 1, 0))
    question = questions[index] if questions else None
    return State(live.version, live.status, index, len(questions), question, live.more_time_count)


def _timing(live: LiveInterview, question: Question, now: datetime, slowest: float) -> None:
    """Store how long the panel spent on this question (once per interview)."""
    if live.question_started_at is None:
        return
    seconds = live.question_seconds_before + (now - live.question_started_at).total_seconds()
    exists = db.session.scalar(
        select(QuestionTiming.id).where(
            QuestionTiming.live_id == live.id, QuestionTiming.question_id == question.id
        )
    )
    if exists is not None or seconds <= 0:
        return
    scoring = planner.Settings.scoring_minutes * slowest if question.scored else 0.0
    ask = seconds - (question.answer_minutes + scoring) * 60
    member = question.asker
    db.session.add(
        QuestionTiming(
            live_id=live.id,
            job_id=live.job_id,
            question_id=question.id,
            member_id=member.id if member else None,
            user_id=member.user_id if member else None,
            seconds=seconds,
            ask_seconds=ask if ask > 0 else None,
            recorded_at=now,
        )
    )


def apply(job: Job, candidate: Candidate, action: str, seen: int) -> State:
    """Apply a button press made on a screen that showed version ``seen``.

    Raises Conflict when the version is out of date, NotAllowed when the button does not
    apply now. The caller commits.
    """
    if action not in ACTIONS:
        raise NotAllowed("That button is not known.")
    questions = questions_for(job)
    if not questions:
        raise NotAllowed("There are no questions for this interview yet.")
    now = utcnow()
    live = live_for(job, candidate)
    if live is None:
        if seen != 0:
            raise Conflict
        if action != "start":
            raise NotAllowed("Start the interview first.")
        db.session.add(
            LiveInterview(
                job_id=job.id,
                candidate_id=candidate.id,
                index=0,
                status="running",
                version=1,
                started_at=now,
                question_started_at=now,
                question_seconds_before=0.0,
                updated_at=now,
            )
        )
        try:
            db.session.flush()
        except IntegrityError as error:
            db.session.rollback()
            raise Conflict from error
        return state(job, candidate)
    if live.version != seen:
        raise Conflict
    last = len(questions) - 1
    index = min(live.index, last)
    values: dict = {"version": live.version + 1, "updated_at": now}
    if action == "start":
        raise Conflict  # already started by someone else
    timed: Question | None = None
    if action == "next":
        if live.status != "running":
            raise NotAllowed(
                "The interview is not running. Press Carry on first."
                if live.status == "paused"
                else "The interview has finished."
            )
        timed = questions[index]
        if index < last:
            values.update(index=index + 1, question_started_at=now, question_seconds_before=0.0)
        else:
            values.update(status="finished", ended_at=now, question_started_at=None)
    elif action == "back":
        if index == 0 and live.status != "finished":
            raise NotAllowed("This is the first question.")
        new_index = index if live.status == "finished" else index - 1
        values.update(
            index=new_index,
            status="running",
            ended_at=None,
            question_started_at=now,
            question_seconds_before=0.0,
        )
    elif action == "pause":
        if live.status != "running":
            raise NotAllowed("The interview is not running.")
        before = live.question_seconds_before
        if live.question_started_at is not None:
            before += (now - live.question_started_at).total_seconds()
        values.update(status="paused", question_started_at=None, question_seconds_before=before)
    elif action == "resume":
        if live.status != "paused":
            raise NotAllowed("The interview is not paused.")
        values.update(status="running", question_started_at=now)
    elif action == "more_time":
        if live.status == "finished":
            raise NotAllowed("The interview has finished.")
        values.update(more_time_count=live.more_time_count + 1)
    try:
        result = db.session.execute(
            update(LiveInterview)
            .where(LiveInterview.id == live.id, LiveInterview.version == seen)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    except OperationalError as error:  # another tablet is writing at this moment
        db.session.rollback()
        raise Conflict from error
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict
    if timed is not None:
        slowest = max((m.user.pace for m in job.members), default=1.0)
        _timing(live, timed, now, slowest)
        try:
            db.session.flush()
        except (IntegrityError, OperationalError) as error:
            db.session.rollback()
            raise Conflict from error
    db.session.flush()
    db.session.expire(live)
    return state(job, candidate)
