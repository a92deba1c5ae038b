"""The live screen's poll: an ETag from one version query, 304 when nothing changed."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.models import Question
from tests.conftest import signed_in_client
from tests.integration.plan_helpers import add_questions
from tests.integration.statements import statements


def _state(world, job="job_a", cand="cand_a"):
    return f"/jobs/{world[job]}/live/{world[cand]}/state.json"


def _started(app, world):
    with app.app_context():
        add_questions(world["job_a"])
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/live/{world['cand_a']}"
    assert client.post(url, data={"action": "start", "version": "0"}).status_code == 303
    return client


def test_unchanged_state_is_304_from_one_statement(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    first = sam.get(_state(world))
    assert first.status_code == 200 and first.json["version"] == 1
    tag = first.headers["ETag"]
    assert tag.startswith('"') and len(tag) > 10
    with statements(app) as sent:
        again = sam.get(_state(world), headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == tag
    # one SELECT: the session, who may see it and the version (live/poll.py); the person
    # is not loaded and the state is not rebuilt
    assert len(sent) == 1, sent
    other = sam.get(_state(world), headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.headers["ETag"] == tag


def test_tag_changes_when_the_interview_moves_or_a_question_changes(app, world):
    coordinator = _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = sam.get(_state(world)).headers["ETag"]
    url = f"/jobs/{world['job_a']}/live/{world['cand_a']}"
    assert coordinator.post(url, data={"action": "next", "version": "1"}).status_code == 303
    moved = sam.get(_state(world), headers={"If-None-Match": tag})
    assert moved.status_code == 200 and moved.json["version"] == 2
    assert moved.headers["ETag"] != tag
    tag = moved.headers["ETag"]
    with app.app_context():
        question = db.session.scalar(
            select(Question).where(
                Question.job_id == world["job_a"], Question.easy_read == "Why this job?"
            )
        )
        question.easy_read = "Why do you want this job?"
        db.session.commit()
    edited = sam.get(_state(world), headers={"If-None-Match": tag})
    assert edited.status_code == 200 and edited.headers["ETag"] != tag
    assert edited.json["question"]["text"] == "Why do you want this job?"


def test_someone_off_the_panel_gets_404_even_with_a_tag(app, world):
    _started(app, world)
    sam = signed_in_client(app, world["sam"])
    tag = sam.get(_state(world)).headers["ETag"]
    outsider = signed_in_client(app, world["outsider"])
    refused = outsider.get(_state(world), headers={"If-None-Match": tag})
    assert refused.status_code == 404 and "ETag" not in refused.headers
    wrong_job = sam.get(_state(world, cand="cand_b"), headers={"If-None-Match": tag})
    assert wrong_job.status_code == 404
