"""The live interview state machine (panels.live.service), without HTTP.

A fake clock stands in for ``utcnow`` so timings are exact.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.live import queries, service
from panels.live.service import Conflict, NotAllowed
from panels.models import (
    AuditEvent,
    Candidate,
    Job,
    LiveInterview,
    PanelMember,
    Question,
    QuestionTiming,
    User,
)
from tests.conftest import default_organisation

T0 = datetime(2026, 12, 15, 9, 30)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(service, "utcnow", fake)
    return fake


@pytest.fixture
def panel(ctx):
    """A job with two members (paces 1 and 2), two candidates and three agreed questions
    (plus a draft and a removed one, which the live screen never shows)."""
    ann = User(name="Ann Asker", email="ann@example.org", pace=1.0)
    bob = User(name="Bob Slow", email="bob@example.org", pace=2.0)
    job = Job(
        ref="LIVE-1",
        title="Support worker",
        interview_date=date(2026, 12, 15),
        start_time=time(9, 30),
        place="Hub",
        organisation=default_organisation(),
    )
    members = [PanelMember(job=job, user=ann, key="ann"), PanelMember(job=job, user=bob, key="bob")]
    ruth = Candidate(job=job, key="ruth", name="Ruth", position=1)
    dan = Candidate(job=job, key="dan", name="Dan", position=2)
    db.session.add_all([ann, bob, job, *members, ruth, dan])
    texts = ("Tell us about you.", "Why this job?", "What if someone is upset?")
    for i, text in enumerate(texts):
        db.session.add(
            Question(
                job=job,
                key=f"q{i + 1}",
                position=i + 1,
                easy_read=text,
                asker=members[i % 2],
                answer_minutes=1.0,
                scored=i != 2,
                status="agreed",
            )
        )
    db.session.add(Question(job=job, key="draft", position=0, easy_read="Draft", status="draft"))
    db.session.add(Question(job=job, key="gone", position=0, easy_read="Gone", status="removed"))
    db.session.commit()
    return job, ruth, dan


def _timings() -> list[QuestionTiming]:
    return list(db.session.scalars(select(QuestionTiming).order_by(QuestionTiming.id)))


def test_before_the_start_the_state_is_waiting_and_reading_it_writes_nothing(panel):
    job, ruth, _dan = panel
    st = queries.state(job, ruth)
    assert (st.version, st.status, st.index, st.total, st.number) == (0, "waiting", 0, 3, 1)
    assert st.question.easy_read == "Tell us about you."
    assert queries.live_for(job, ruth) is None
    assert db.session.scalar(select(func.count(LiveInterview.id))) == 0


def test_only_start_from_version_0_begins_an_interview(panel, clock):
    job, ruth, _dan = panel
    with pytest.raises(NotAllowed, match="Start the interview first."):
        service.apply(job, ruth, "next", 0)
    with pytest.raises(Conflict):
        service.apply(job, ruth, "start", 3)  # a screen that saw another version
    st = service.apply(job, ruth, "start", 0)
    assert (st.version, st.status, st.number) == (1, "running", 1)
    live = queries.live_for(job, ruth)
    assert live.started_at == T0 and live.question_started_at == T0
    with pytest.raises(Conflict):  # someone else already started it
        service.apply(job, ruth, "start", 1)


def test_unknown_buttons_and_no_questions_are_not_allowed(panel):
    job, ruth, _dan = panel
    with pytest.raises(NotAllowed, match="That button is not known."):
        service.apply(job, ruth, "jump", 0)
    for question in db.session.scalars(select(Question)):
        question.status = "draft"
    db.session.flush()
    with pytest.raises(NotAllowed, match="There are no questions for this interview yet."):
        service.apply(job, ruth, "start", 0)


def test_a_stale_version_changes_nothing(panel, clock):
    job, ruth, _dan = panel
    service.apply(job, ruth, "start", 0)
    service.apply(job, ruth, "next", 1)
    with pytest.raises(Conflict):
        service.apply(job, ruth, "next", 1)
    st = queries.state(job, ruth)
    assert (st.version, st.number) == (2, 2)


def test_next_goes_through_the_questions_then_finishes(panel, clock):
    job, ruth, _dan = panel
    service.apply(job, ruth, "start", 0)
    assert service.apply(job, ruth, "next", 1).number == 2
    assert service.apply(job, ruth, "next", 2).number == 3
    clock.wait(5)
    st = service.apply(job, ruth, "next", 3)
    assert (st.status, st.number, st.version) == ("finished", 3, 4)
    live = queries.live_for(job, ruth)
    assert live.ended_at == clock.now and live.question_started_at is None
    with pytest.raises(NotAllowed, match="The interview has finished."):
        service.apply(job, ruth, "next", 4)
    with pytest.raises(NotAllowed, match="The interview has finished."):
        service.apply(job, ruth, "more_time", 4)


def test_back_from_the_end_reopens_the_last_question(panel, clock):
    job, ruth, _dan = panel
    service.apply(job, ruth, "start", 0)
    with pytest.raises(NotAllowed, match="This is the first question."):
        service.apply(job, ruth, "back", 1)
    for version in (1, 2, 3):
        service.apply(job, ruth, "next", version)
    st = service.apply(job, ruth, "back", 4)
    assert (st.status, st.number) == ("running", 3)
    assert queries.live_for(job, ruth).ended_at is None
    assert service.apply(job, ruth, "back", 5).number == 2


def test_pause_and_resume(panel, clock):
    job, ruth, _dan = panel
    service.apply(job, ruth, "start", 0)
    with pytest.raises(NotAllowed, match="The interview is not paused."):
        service.apply(job, ruth, "resume", 1)
    clock.wait(30)
    st = service.apply(job, ruth, "pause", 1)
    assert st.status == "paused"
    live = queries.live_for(job, ruth)
    assert live.question_started_at is None and live.question_seconds_before == 30
    with pytest.raises(NotAllowed, match="The interview is not running. Press Carry on first."):
        service.apply(job, ruth, "next", 2)
    with pytest.raises(NotAllowed, match="The interview is not running."):
        service.apply(job, ruth, "pause", 2)
    assert service.apply(job, ruth, "more_time", 2).more_time_count == 1
    clock.wait(600)  # the break does not count
    assert service.apply(job, ruth, "resume", 3).status == "running"
    clock.wait(40)
    service.apply(job, ruth, "next", 4)
    (timing,) = _timings()
    assert timing.seconds == 70


def test_each_question_is_timed_once_with_the_askers_share(panel, clock):
    job, ruth, _dan = panel
    service.apply(job, ruth, "start", 0)
    clock.wait(200)
    service.apply(job, ruth, "next", 1)
    (first,) = _timings()
    asker = db.session.scalar(select(Question).where(Question.key == "q1")).asker
    assert first.seconds == 200 and first.member_id == asker.id and first.user_id == asker.user_id
    # planned: 1 minute to answer + 1 minute of scoring at the slowest pace (2) = 180 seconds
    assert first.ask_seconds == 20 and first.recorded_at == clock.now
    service.apply(job, ruth, "back", 2)
    clock.wait(500)
    service.apply(job, ruth, "next", 3)
    assert len(_timings()) == 1  # the first question keeps its first timing
    clock.wait(30)
    service.apply(job, ruth, "next", 4)
    second = _timings()[1]
    assert second.seconds == 30 and second.ask_seconds is None  # within the planned time


def test_an_unscored_question_plans_no_scoring_time(panel, clock):
    job, ruth, _dan = panel
    service.apply(job, ruth, "start", 0)
    service.apply(job, ruth, "next", 1)
    service.apply(job, ruth, "next", 2)
    clock.wait(90)
    service.apply(job, ruth, "next", 3)  # q3 is not scored: planned 60 seconds to answer
    assert _timings()[-1].ask_seconds == 30


def test_each_candidate_has_their_own_interview(panel, clock):
    job, ruth, dan = panel
    service.apply(job, ruth, "start", 0)
    service.apply(job, ruth, "next", 1)
    assert queries.state(job, dan).status == "waiting"
    assert service.apply(job, dan, "start", 0).number == 1
    assert {lv.candidate_id for lv in queries.lives_for(job)} == {ruth.id, dan.id}


def test_press_commits_and_records_the_notable_presses(panel, clock):
    job, ruth, _dan = panel
    service.press(job, ruth, "start", 0)
    service.press(job, ruth, "next", 1)
    service.press(job, ruth, "more_time", 2)
    job_id, ruth_id = job.id, ruth.id
    db.session.remove()  # only what was committed is left
    job = db.session.get(Job, job_id)
    ruth = db.session.get(Candidate, ruth_id)
    assert queries.state(job, ruth).version == 3
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["live interview start", "live interview more time"]
    event = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.job_id == job.id and event.detail == {"candidate": "ruth", "question": 2}


def test_press_records_the_finish_and_rolls_back_what_is_refused(panel, clock):
    job, ruth, _dan = panel
    for version in range(4):
        service.press(job, ruth, "start" if version == 0 else "next", version)
    with pytest.raises(NotAllowed):
        service.press(job, ruth, "next", 4)
    with pytest.raises(Conflict):
        service.press(job, ruth, "back", 1)
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["live interview start", "live interview next"]
    assert queries.state(job, ruth).status == "finished"
