"""Live interview screen: one shared state, version checks, timings, access."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, Job, LiveInterview, QuestionTiming
from tests.conftest import signed_in_client
from tests.integration.plan_helpers import add_questions
from tests.pagecheck import check_page


def _url(world, suffix=""):
    return f"/jobs/{world['job_a']}/live/{world['cand_a']}{suffix}"


def _started(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    client = signed_in_client(app, world["coordinator"])
    assert client.post(_url(world), data={"action": "start", "version": "0"}).status_code == 303
    return client


def test_screen_before_start(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    client = signed_in_client(app, world["sam"])
    response = client.get(_url(world))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = check_page(html)
    assert page.h1 == ["Interview with Ruth"]
    assert "Start the interview" in html and "Refresh the screen" in html
    assert client.get(_url(world, "/state.json")).json["status"] == "waiting"
    chooser = client.get(f"/jobs/{world['job_a']}/live")
    assert chooser.status_code == 200
    check_page(chooser.get_data(as_text=True))


def test_next_back_pause_and_state(app, world):
    client = _started(app, world)
    state = client.get(_url(world, "/state.json")).json
    assert state["version"] == 1 and state["progress"] == "Question 1 of 3"
    assert state["question"]["text"] == "Tell us about you."
    assert state["question"]["asker"] == "Alex Morgan"
    assert state["question"]["follow_up"] == "Follow-up 1"
    assert state["question"]["listen"].startswith("/listen/")
    client.post(_url(world), data={"action": "next", "version": "1"})
    html = client.get(_url(world)).get_data(as_text=True)
    assert "Why this job?" in html and "Question 2 of 3" in html
    assert "Asked by <strong data-live-asker>Sam Patel" in html
    client.post(_url(world), data={"action": "pause", "version": "2"})
    state = client.get(_url(world, "/state.json")).json
    assert state["status"] == "paused" and "break" in state["message"]
    response = client.post(_url(world), data={"action": "next", "version": "3"})
    assert response.status_code == 400
    assert "Press Carry on first." in response.get_data(as_text=True)
    client.post(_url(world), data={"action": "resume", "version": "3"})
    client.post(_url(world), data={"action": "back", "version": "4"})
    assert client.get(_url(world, "/state.json")).json["number"] == 1
    response = client.post(_url(world), data={"action": "back", "version": "5"})
    assert response.status_code == 400
    assert "This is the first question." in response.get_data(as_text=True)


def test_more_time_is_recorded_without_penalty(app, world):
    client = _started(app, world)
    client.post(_url(world), data={"action": "more_time", "version": "1"})
    state = client.get(_url(world, "/state.json")).json
    assert state["more_time"] == 1 and state["status"] == "running" and state["number"] == 1
    with app.app_context():
        assert db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "live interview more time")
        )


def test_same_version_twice_advances_once(app, world):
    client = _started(app, world)
    first = client.post(_url(world), data={"action": "next", "version": "1"})
    second = client.post(_url(world), data={"action": "next", "version": "1"})
    assert first.status_code == 303
    assert second.status_code == 409
    assert "Someone else on the panel moved on first." in second.get_data(as_text=True)
    assert client.get(_url(world, "/state.json")).json["number"] == 2


def test_concurrent_next_only_advances_once(app, world):
    _started(app, world)
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def press(user_key):
        tablet = signed_in_client(app, world[user_key])
        barrier.wait()
        statuses.append(
            tablet.post(_url(world), data={"action": "next", "version": "1"}).status_code
        )

    threads = [
        threading.Thread(target=press, args=(k,)) for k in ("coordinator", "sam", "jo", "sam")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [303, 409, 409, 409]
    client = signed_in_client(app, world["jo"])
    state = client.get(_url(world, "/state.json")).json
    assert state["number"] == 2 and state["version"] == 2
    with app.app_context():
        assert len(db.session.scalars(select(QuestionTiming)).all()) == 1


def test_stale_and_bad_posts(app, world):
    client = _started(app, world)
    assert client.post(_url(world), data={"action": "start", "version": "0"}).status_code == 409
    assert client.post(_url(world), data={"action": "next", "version": "x"}).status_code == 400
    assert client.post(_url(world), data={"action": "jump", "version": "1"}).status_code == 400
    assert client.post(_url(world), data={"action": "next", "version": "99"}).status_code == 409
    assert client.get(_url(world, "/state.json")).json["number"] == 1


def test_no_questions_is_a_plain_message(app, world):
    client = signed_in_client(app, world["coordinator"])
    response = client.get(_url(world))
    assert response.status_code == 200
    assert "There are no questions for this interview yet." in response.get_data(as_text=True)
    response = client.post(_url(world), data={"action": "start", "version": "0"})
    assert response.status_code == 400


def test_timings_recorded_and_used_in_next_plan(app, world):
    client = _started(app, world)
    with app.app_context():
        live = db.session.scalar(select(LiveInterview))
        live.question_started_at = live.question_started_at - timedelta(minutes=6)
        db.session.commit()
    client.post(_url(world), data={"action": "next", "version": "1"})
    with app.app_context():
        timing = db.session.scalar(select(QuestionTiming))
        assert 359 < timing.seconds < 370
        # 6 minutes minus 3 answer and 2 scoring (slowest pace 2): about 60 s to ask
        assert 59 < timing.ask_seconds < 70
        job = db.session.get(Job, world["job_a"])
        assert timing.user_id == job.members[0].user_id
        # two more timings for the same person: the plan now uses them
        for seconds in (120.0, 120.0):
            db.session.add(
                QuestionTiming(
                    live_id=timing.live_id,
                    job_id=job.id,
                    user_id=timing.user_id,
                    seconds=seconds + 300,
                    ask_seconds=seconds,
                )
            )
        db.session.commit()
    html = client.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    assert "Alex Morgan usually needs about 2 minutes to ask a question." in html
    assert "(from real timings)" in html


def test_running_late_shown_from_live_screen(app, world):
    client = _started(app, world)
    with app.app_context():
        from panels.plan import service

        job = db.session.get(Job, world["job_a"])
        plan = service.current_plan(job)
        ruth_end = plan.slots[0].end
        live = db.session.scalar(select(LiveInterview))
        live.status = "finished"
        # ended 20 minutes late (stored in UTC; the plan is local time)
        from zoneinfo import ZoneInfo

        local = (ruth_end + timedelta(minutes=20)).replace(tzinfo=ZoneInfo("Europe/London"))
        live.ended_at = local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
        db.session.commit()
    html = client.get(f"/jobs/{world['job_a']}/plan").get_data(as_text=True)
    assert "Ruth's interview ended 20 minutes late." in html
    assert "Dan: 10:15 becomes 10:35" in html
    assert "Move later candidates by 20 minutes" in html


def test_outsiders_and_other_candidates_404(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    outsider = signed_in_client(app, world["outsider"])
    assert outsider.get(_url(world)).status_code == 404
    assert outsider.get(_url(world, "/state.json")).status_code == 404
    assert outsider.post(_url(world), data={"action": "start", "version": "0"}).status_code == 404
    member = signed_in_client(app, world["sam"])
    wrong = f"/jobs/{world['job_a']}/live/{world['cand_b']}"
    assert member.get(wrong).status_code == 404
    assert member.get("/symbols/NOT-A-CODE.svg").status_code == 404
    assert member.get("/symbols/1F91D.svg").mimetype == "image/svg+xml"
