"""The day plan's reads (panels.plan.queries) and writes (panels.plan.service), without HTTP."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import (
    AuditEvent,
    Candidate,
    DaySettings,
    Job,
    LiveInterview,
    PanelMember,
    PlanShift,
    Question,
    QuestionTiming,
    User,
)
from panels.plan import planner, queries, service
from tests.conftest import default_organisation

DAY = date(2026, 12, 15)
SETTINGS = {
    "start": time(9, 0),
    "end_by": None,
    "max_work_minutes": 90,
    "break_minutes": 15,
    "changeover_minutes": 10,
    "welcome_minutes": 5,
    "close_minutes": 5,
    "arrive_before_minutes": 15,
}


def _job(ref: str, members: list[User], candidates: list[str]) -> Job:
    job = Job(
        ref=ref,
        title="Support worker",
        interview_date=DAY,
        start_time=time(9, 30),
        organisation=default_organisation(),
    )
    db.session.add(job)
    for user in members:
        db.session.add(PanelMember(job=job, user=user, key=user.email.split("@")[0]))
    for i, name in enumerate(candidates, start=1):
        db.session.add(Candidate(job=job, key=f"c{i}", name=name, position=i))
    db.session.flush()
    return job


def _question(job: Job, key: str, position: int, status: str = "agreed", **extra) -> Question:
    question = Question(
        job=job, key=key, position=position, easy_read=f"Question {key}?", status=status, **extra
    )
    db.session.add(question)
    return question


@pytest.fixture
def day(ctx):
    """A job with two members, three candidates, three agreed questions (asked by Ann,
    Bob and nobody), one draft and one removed question."""
    ann = User(name="Ann Asker", email="ann@example.org", pace=1.0)
    bob = User(name="Bob Slow", email="bob@example.org", pace=2.0)
    db.session.add_all([ann, bob])
    job = _job("PLAN-1", [ann, bob], ["Ruth", "Dan", "Mei"])
    ann_m, bob_m = job.members
    _question(job, "q2", 2, asker=bob_m)
    _question(job, "q1", 1, asker=ann_m)
    _question(job, "q3", 3)
    _question(job, "draft", 4, status="draft")
    _question(job, "gone", 0, status="removed")
    db.session.commit()
    return job


def _interviews(plan: planner.Plan) -> list[planner.Slot]:
    return [s for s in plan.slots if s.kind == "interview"]


def _starts(plan: planner.Plan) -> dict[str, str]:
    return {s.candidate: f"{s.start:%H:%M}" for s in _interviews(plan)}


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# --- reading -------------------------------------------------------------------------------


def test_day_settings_are_defaults_until_saved_and_reading_them_adds_nothing(day):
    row = queries.day_settings(day)
    assert row.start == time(9, 30)  # the job's start time
    assert row.changeover_minutes == planner.Settings(start=time(9)).changeover_minutes
    assert queries.stored_settings(day) is None
    assert not db.session.new and not db.session.dirty
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(DaySettings)) == 0


def test_the_plan_uses_the_agreed_questions_in_order_and_the_candidates_in_order(day):
    plan, problems = queries.plan_or_problems(day)
    assert problems == []
    ids = {q.key: str(q.id) for q in db.session.scalars(select(Question))}
    assert [t.key for t in plan.per_question] == [ids["q1"], ids["q2"], ids["q3"]]
    assert [s.candidate for s in _interviews(plan)] == ["Ruth", "Dan", "Mei"]
    assert _interviews(plan)[0].start == datetime(2026, 12, 15, 9, 30)
    assert queries.current_plan(day) == plan


def test_drafts_but_nothing_agreed_is_explained(day):
    for question in db.session.scalars(select(Question).where(Question.status == "agreed")):
        question.status = "draft"
    db.session.flush()
    plan, problems = queries.plan_or_problems(day)
    assert plan is None
    assert problems == [
        "No questions are agreed yet. The panel agrees questions on the Questions page. "
        "Then the day can be planned."
    ]
    for question in db.session.scalars(select(Question)):
        question.status = "removed"
    db.session.flush()
    assert queries.plan_or_problems(day) == (
        None,
        ["There are no questions. Add at least 1 question."],
    )
    assert queries.current_plan(day) is None


def test_candidate_times_only_for_this_jobs_candidates(day):
    ruth, dan, _mei = queries.candidates_for(day)
    arrive, start, end = queries.candidate_times(day, ruth)
    assert start == datetime(2026, 12, 15, 9, 30) and arrive == start - timedelta(minutes=15)
    assert queries.candidate_times(day, dan)[1] >= end
    other = _job("PLAN-2", [], ["Olu"])
    assert queries.candidate_times(day, other.candidates[0]) is None


def test_learned_pace_comes_from_real_timings_in_any_job(day):
    ann = db.session.scalar(select(User).where(User.name == "Ann Asker"))
    other = _job("PLAN-2", [ann], ["Olu"])
    live = LiveInterview(job_id=other.id, candidate_id=other.candidates[0].id, status="finished")
    db.session.add(live)
    db.session.flush()
    questions = [_question(other, f"x{i}", i) for i in range(4)]
    db.session.flush()
    assert queries.learned_seconds(ann.id) is None
    for question, seconds in zip(questions, (100.0, 120.0, 140.0, None), strict=True):
        db.session.add(
            QuestionTiming(
                live_id=live.id,
                job_id=other.id,
                question_id=question.id,
                user_id=ann.id,
                seconds=300.0,
                ask_seconds=seconds,
                recorded_at=datetime(2026, 1, 1),
            )
        )
    db.session.flush()
    assert queries.learned_seconds(ann.id) == 120.0
    words = {p.name: p for p in queries.pace_words(day)}
    assert set(words) == {"Ann Asker", "Bob Slow"}  # the askers of agreed questions
    assert words["Ann Asker"].learned_seconds == 120.0
    assert words["Ann Asker"].words == planner.describe_pace("Ann Asker", 120.0)
    assert words["Bob Slow"].learned_seconds is None and words["Bob Slow"].pace == 2.0


def test_plan_csv_names_candidates_by_their_keys(day):
    plan = queries.current_plan(day)
    lines = queries.plan_csv(day, plan).splitlines()
    assert lines[0] == "kind,candidate_key,candidate,start,end"
    assert lines[1].split(",")[:3] == ["interview", "c1", "Ruth"]


def test_end_by_warning(day):
    plan = queries.current_plan(day)
    row = queries.day_settings(day)
    assert queries.end_by_warning(plan, row) is None
    row.end_by = time(9, 45)
    warning = queries.end_by_warning(plan, row)
    assert warning.startswith(f"This plan ends at {plan.ends:%H:%M}. That is after 09:45")
    row.end_by = time(23, 0)
    assert queries.end_by_warning(plan, row) is None


# --- running late ------------------------------------------------------------------------


def _live(job: Job, candidate: Candidate, **values) -> LiveInterview:
    live = LiveInterview(job_id=job.id, candidate_id=candidate.id, **values)
    db.session.add(live)
    db.session.flush()
    return live


def test_running_late_from_a_finished_or_running_interview(app, day, monkeypatch):
    monkeypatch.setitem(app.config, "PANELS_TIMEZONE", "UTC")  # local time = stored time
    plan = queries.current_plan(day)
    ruth, dan, _mei = queries.candidates_for(day)
    ruth_end = _interviews(plan)[0].end
    assert queries.running_late(day, plan, now=ruth_end) == []  # nobody has started
    live = _live(day, ruth, status="running")
    assert queries.running_late(day, plan, now=ruth_end) == []  # on time
    (late,) = queries.running_late(day, plan, now=ruth_end + timedelta(minutes=20))
    assert (late.candidate_id, late.candidate, late.minutes, late.finished) == (
        ruth.id,
        "Ruth",
        20,
        False,
    )
    assert [move[0] for move in late.moves] == ["Dan", "Mei"]
    assert late.moves[0][1] == _starts(plan)["Dan"]
    live.status, live.ended_at = "finished", ruth_end + timedelta(minutes=20)
    db.session.flush()
    (late,) = queries.running_late(day, plan, now=ruth_end + timedelta(hours=3))
    assert late.finished and late.minutes == 20  # when it ended, not now
    other_day = ruth_end + timedelta(days=1)
    live.status, live.ended_at = "running", None
    assert queries.running_late(day, plan, now=other_day) == []
    _live(day, dan, status="running")
    assert len(queries.running_late(day, plan, now=ruth_end + timedelta(minutes=20))) == 1


def test_to_local_uses_the_panels_timezone(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "PANELS_TIMEZONE", "Europe/London")
    assert queries.to_local(datetime(2026, 7, 1, 12, 0)) == datetime(2026, 7, 1, 13, 0)
    assert queries.to_local(datetime(2026, 12, 1, 12, 0)) == datetime(2026, 12, 1, 12, 0)
    assert queries.local_now().tzinfo is None


# --- writing -------------------------------------------------------------------------------


def test_save_settings_makes_the_row_then_changes_it(day):
    row = service.save_settings(day, SETTINGS)
    assert queries.stored_settings(day) is row and row.start == time(9, 0)
    assert _actions() == ["day settings changed"]
    service.save_settings(day, {**SETTINGS, "start": time(10, 0), "end_by": time(16, 0)})
    db.session.remove()  # what was committed
    (row,) = db.session.scalars(select(DaySettings))
    assert (row.start, row.end_by, row.changeover_minutes) == (time(10), time(16), 10)
    event = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.detail == {"start": "10:00"}
    job = db.session.scalar(select(Job).where(Job.ref == "PLAN-1"))
    assert _interviews(queries.current_plan(job))[0].start == datetime(2026, 12, 15, 10, 0)


def test_move_candidate_swaps_and_renumbers(day):
    ruth, dan, mei = queries.candidates_for(day)
    assert service.move_candidate(day, mei, "up") is True
    assert [c.name for c in queries.candidates_for(day)] == ["Ruth", "Mei", "Dan"]
    assert [c.position for c in queries.candidates_for(day)] == [1, 2, 3]
    assert service.move_candidate(day, ruth, "down") is True
    assert [c.name for c in queries.candidates_for(day)] == ["Mei", "Ruth", "Dan"]
    assert service.move_candidate(day, mei, "up") is False
    assert service.move_candidate(day, dan, "down") is False
    assert _actions() == ["candidate order changed", "candidate order changed"]
    assert [s.candidate for s in _interviews(queries.current_plan(day))] == ["Mei", "Ruth", "Dan"]


def test_shift_later_moves_everyone_after_and_is_kept(day):
    plan = queries.current_plan(day)
    ruth, dan, _mei = queries.candidates_for(day)
    before = _starts(plan)
    moved = service.shift_later(day, plan, ruth, 12, None)
    assert _starts(moved)["Ruth"] == before["Ruth"]
    assert _starts(moved)["Dan"] > before["Dan"]
    assert queries.current_plan(day) == moved
    (shift,) = queries.shifts_for(day)
    assert (shift.candidate_id, shift.minutes) == (ruth.id, 12)
    event = db.session.scalar(select(AuditEvent))
    assert event.action == "later candidates moved"
    assert event.detail == {"candidate": "c1", "minutes": 12, "ends": f"{moved.ends:%H:%M}"}
    assert queries.candidate_times(day, dan)[1] > datetime.fromisoformat(
        f"2026-12-15T{before['Dan']}"
    )


def test_a_shift_that_cannot_apply_stores_nothing(day):
    plan = queries.current_plan(day)
    other = _job("PLAN-2", [], ["Olu"]).candidates[0]
    with pytest.raises(planner.PlanError):
        service.shift_later(day, plan, other, 10, None)
    assert queries.shifts_for(day) == [] and _actions() == []


def test_shifts_of_candidates_no_longer_planned_are_skipped(day):
    plan = queries.current_plan(day)
    _ruth, dan, _mei = queries.candidates_for(day)
    moved = service.shift_later(day, plan, dan, 10, None)
    gone = _job("PLAN-2", [], ["Olu"]).candidates[0]  # not in this job's plan
    db.session.add(PlanShift(job_id=day.id, candidate_id=gone.id, minutes=30))
    db.session.flush()
    assert len(queries.shifts_for(day)) == 2
    assert queries.current_plan(day) == moved
    assert queries.apply_shifts(queries.base_plan(day), queries.shifts_for(day)) == moved
