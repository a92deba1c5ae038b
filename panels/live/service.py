"""The live interview: shared state with a version number, and real timings.

Every change is a conditional UPDATE ``... WHERE version = seen``: when two tablets press
"next" at once, only the first is applied; the second is told someone else moved on.

``apply`` is the state machine (the caller commits); ``press`` is one press of a button on
the live screen: it applies, records the audit event and commits, or rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError, OperationalError

from panels.common.audit import record
from panels.db import db
from panels.live.queries import State, has_timing, live_for, panel_of, questions_for, state
from panels.live.screens import slowest_pace
from panels.models import Candidate, Job, LiveInterview, Panel, Question, QuestionTiming
from panels.models.base import utcnow
from panels.plan import planner

ACTIONS = ("start", "next", "back", "pause", "resume", "more_time")
AUDITED = ("start", "more_time", "pause", "resume")  # and the press that finishes

Values = dict[str, Any]


class Conflict(Exception):
    """The tablet's version is out of date: someone else changed the screen first."""


class NotAllowed(ValueError):
    """That button does not apply now (plain words in the message)."""


def _timing(live: LiveInterview, question: Question, now: datetime, slowest: float) -> None:
    """Store how long the panel spent on this question (once per interview)."""
    if live.question_started_at is None:
        return
    seconds = live.question_seconds_before + (now - live.question_started_at).total_seconds()
    if has_timing(live, question) or seconds <= 0:
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


def _start(
    job: Job, candidate: Candidate, panel: Panel, action: str, seen: int, now: datetime
) -> None:
    """The first press on a screen nobody has started: only Start, from version 0."""
    if seen != 0:
        raise Conflict
    if action != "start":
        raise NotAllowed("Start the interview first.")
    db.session.add(
        LiveInterview(
            job_id=job.id,
            panel_id=panel.id,
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
    except IntegrityError as error:  # another tablet started it at the same moment
        db.session.rollback()
        raise Conflict from error


# --- what each button changes (index: the question shown; last: the last question) ------


def _next(live: LiveInterview, index: int, last: int, now: datetime) -> Values:
    if live.status != "running":
        raise NotAllowed(
            "The interview is not running. Press Carry on first."
            if live.status == "paused"
            else "The interview has finished."
        )
    if index < last:
        return {"index": index + 1, "question_started_at": now, "question_seconds_before": 0.0}
    return {"status": "finished", "ended_at": now, "question_started_at": None}


def _back(live: LiveInterview, index: int, last: int, now: datetime) -> Values:
    if index == 0 and live.status != "finished":
        raise NotAllowed("This is the first question.")
    return {
        "index": index if live.status == "finished" else index - 1,
        "status": "running",
        "ended_at": None,
        "question_started_at": now,
        "question_seconds_before": 0.0,
    }


def _pause(live: LiveInterview, index: int, last: int, now: datetime) -> Values:
    if live.status != "running":
        raise NotAllowed("The interview is not running.")
    before = live.question_seconds_before
    if live.question_started_at is not None:
        before += (now - live.question_started_at).total_seconds()
    return {"status": "paused", "question_started_at": None, "question_seconds_before": before}


def _resume(live: LiveInterview, index: int, last: int, now: datetime) -> Values:
    if live.status != "paused":
        raise NotAllowed("The interview is not paused.")
    return {"status": "running", "question_started_at": now}


def _more_time(live: LiveInterview, index: int, last: int, now: datetime) -> Values:
    if live.status == "finished":
        raise NotAllowed("The interview has finished.")
    return {"more_time_count": live.more_time_count + 1}


CHANGES: dict[str, Callable[[LiveInterview, int, int, datetime], Values]] = {
    "next": _next,
    "back": _back,
    "pause": _pause,
    "resume": _resume,
    "more_time": _more_time,
}


def _write(live: LiveInterview, seen: int, values: Values) -> None:
    """UPDATE the row only if it is still at version ``seen``; else Conflict."""
    try:
        result = cast(
            CursorResult[Any],
            db.session.execute(
                update(LiveInterview)
                .where(LiveInterview.id == live.id, LiveInterview.version == seen)
                .values(**values)
                .execution_options(synchronize_session=False)
            ),
        )
    except OperationalError as error:  # another tablet is writing at this moment
        db.session.rollback()
        raise Conflict from error
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict


def _store_timing(
    job: Job, panel: Panel, live: LiveInterview, question: Question, now: datetime
) -> None:
    """The time spent, scored at the pace of this panel's slowest member."""
    slowest = slowest_pace([m.user.pace for m in job.members if m.panel_id == panel.id])
    _timing(live, question, now, slowest)
    try:
        db.session.flush()
    except (IntegrityError, OperationalError) as error:
        db.session.rollback()
        raise Conflict from error


def apply(
    job: Job, candidate: Candidate, action: str, seen: int, panel: Panel | None = None
) -> State:
    """Apply a button press made on the panel's screen that showed version ``seen``
    (``panel``: the job's first when not given). Only that panel's interview moves.

    Raises Conflict when the version is out of date, NotAllowed when the button does not
    apply now. The caller commits.
    """
    if action not in ACTIONS:
        raise NotAllowed("That button is not known.")
    panel = panel_of(job, panel)
    questions = questions_for(job, panel)
    if not questions:
        raise NotAllowed("There are no questions for this interview yet.")
    now = utcnow()
    live = live_for(job, candidate, panel)
    if live is None:
        _start(job, candidate, panel, action, seen, now)
        return state(job, candidate, panel)
    if live.version != seen or action == "start":  # "start": someone else started it
        raise Conflict
    index = min(live.index, len(questions) - 1)
    values = CHANGES[action](live, index, len(questions) - 1, now)
    _write(live, seen, {"version": live.version + 1, "updated_at": now, **values})
    if action == "next":
        _store_timing(job, panel, live, questions[index], now)
    db.session.flush()
    db.session.expire(live)
    return state(job, candidate, panel)


def press(
    job: Job, candidate: Candidate, action: str, seen: int, panel: Panel | None = None
) -> State:
    """One press on the panel's live screen: apply it, record the notable ones, commit.

    On Conflict or NotAllowed nothing is kept (the session is rolled back) and the error
    goes to the caller.
    """
    panel = panel_of(job, panel)
    named: Values = {"panel": panel.name} if len(job.panels) > 1 else {}
    try:
        st = apply(job, candidate, action, seen, panel)
    except (Conflict, NotAllowed):
        db.session.rollback()
        raise
    if action in AUDITED or st.status == "finished":
        record(
            f"live interview {action.replace('_', ' ')}",
            job_id=job.id,
            candidate=candidate.key,
            question=st.number,
            **named,
        )
    db.session.commit()
    return st
