"""Invitation audio made ahead by the worker: asked for when invitation settings are saved."""

from __future__ import annotations

from sqlalchemy import select

import panels.audio.service as audio_service
from panels.common.tasks import kinds_of
from panels.db import db
from panels.invitations import service as invitations
from panels.models import Job, Task
from tests.conftest import signed_in_client
from tests.integration.access_matrix_helpers import FakeSpeaker


def test_saving_invitation_settings_asks_the_worker_for_the_audio(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    response = coordinator.post(f"/jobs/{world['job_a']}/invitations/settings", data={})
    assert response.status_code == 302
    with app.app_context():
        tasks = db.session.scalars(select(Task)).all()
        assert [(t.kind, t.payload, t.status) for t in tasks] == [
            ("invitations.prepare_audio", {"job_id": world["job_a"]}, "queued")
        ]


def test_the_task_makes_each_live_invitation_as_audio(app, ctx, world, monkeypatch, tmp_path):
    speaker = FakeSpeaker(tmp_path / "audio")
    monkeypatch.setattr(audio_service, "speaker", lambda: speaker)
    job = db.session.get(Job, world["job_a"])
    issued = invitations.issue_links(job)
    invitations.revoke(issued[1][1])
    db.session.commit()
    run = kinds_of(app)["invitations.prepare_audio"].run
    run({"job_id": job.id})
    assert len(speaker.spoken) == 1  # Ruth's; Dan's link was stopped
    assert "Support worker" in speaker.spoken[0]
    run({"job_id": job.id})  # again (a worker died): the same words, cached by the speaker
    assert speaker.spoken[0] == speaker.spoken[1]
