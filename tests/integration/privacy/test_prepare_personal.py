"""What the preparing area holds about people is in their export, goes when they are
deleted on request, and the profiles of supported people go with the job's time."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time

from sqlalchemy import select

from panels.db import db
from panels.models import Job, User
from panels.models.prepare import (
    PrepMeeting,
    PrepReply,
    PrivacyAgreement,
    SupportedProfile,
    TrainingRecord,
    WorkingWithMe,
)
from panels.privacy import service
from tests.integration.privacy_helpers import decided_job, every_text

HELPS = "Sam likes the lights low and a glass of water by the window"
TRAINING = "Sam shadowed Marguerite Olufemi at the Pinewood interviews"
PROFILE = ("Hortensia Blackwood", "Hortensia loves gardening and Sunday quizzes")


def _prepared(job_id: int, sam_id: int) -> dict:
    job = db.session.get(Job, job_id)
    sam_member = next(m for m in job.members if m.user_id == sam_id)
    db.session.add_all(
        [
            WorkingWithMe(
                organisation_id=job.organisation_id,
                user_id=sam_id,
                helps=HELPS,
                support_worker="Ravi Oduya",
            ),
            TrainingRecord(
                organisation_id=job.organisation_id,
                user_id=sam_id,
                kind="shadowing",
                what=TRAINING,
                day=date(2026, 3, 2),
            ),
            SupportedProfile(
                job_id=job.id, name=PROFILE[0], words=PROFILE[1], consent_by="Hortensia herself"
            ),
        ]
    )
    meeting = PrepMeeting(
        job_id=job.id, day=date(2026, 3, 9), start_time=time(10, 0), what="Practise"
    )
    db.session.add(meeting)
    db.session.flush()
    db.session.add(
        PrepReply(meeting_id=meeting.id, member_id=sam_member.id, answer="yes", attended=True)
    )
    if db.session.scalar(select(PrivacyAgreement).filter_by(member_id=sam_member.id)) is None:
        db.session.add(PrivacyAgreement(job_id=job.id, member_id=sam_member.id))
    db.session.commit()
    return {"member": sam_member.id, "meeting": meeting.id}


def test_a_members_export_holds_working_with_me_training_meetings_and_agreements(app, tmp_path):
    with app.app_context():
        ids = decided_job()
        _prepared(ids["job"], ids["sam"])
        email = db.session.get(User, ids["sam"]).email
    out = tmp_path / "sam.zip"
    result = app.test_cli_runner().invoke(args=["export-person", email, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        held = json.loads(archive.read("everything.json"))["people"][0]["prepare"]
    assert held["working_with_me"]["what_helps"] == HELPS
    assert held["working_with_me"]["support_worker"] == "Ravi Oduya"
    assert held["training_and_shadowing"] == [
        {"kind": "shadowing", "what": TRAINING, "day": "2026-03-02"}
    ]
    [meeting] = held["preparation_meetings"]
    assert meeting["job"] == "JOB-R" and meeting["can_you_come"] == "yes" and meeting["came"]
    assert [a["job"] for a in held["privacy_agreements"]] == ["JOB-R"]


def test_deleting_a_member_takes_their_words_and_keeps_whether_they_came(app):
    with app.app_context():
        ids = decided_job()
        made = _prepared(ids["job"], ids["sam"])
        assert HELPS in every_text() and "Ravi Oduya" in every_text()
        job = db.session.get(Job, ids["job"])
        sam = db.session.get(User, ids["sam"])
        assert service.delete_member(sam, job.organisation, ids["coordinator"]) is False
        db.session.expire_all()
        text = every_text()
        assert HELPS not in text and "Ravi Oduya" not in text and "Marguerite" not in text
        assert not db.session.scalars(select(WorkingWithMe)).all()
        assert not db.session.scalars(select(TrainingRecord)).all()
        reply = db.session.scalar(select(PrepReply).where(PrepReply.meeting_id == made["meeting"]))
        assert reply is not None and reply.attended  # pay is made of it
        # The profile of a supported person belongs to the job, not to Sam.
        assert db.session.scalar(select(SupportedProfile.name)) == PROFILE[0]


def test_a_jobs_profiles_of_supported_people_go_when_its_time_is_up(app):
    with app.app_context():
        ids = decided_job(months_ago=8)
        _prepared(ids["job"], ids["sam"])
        assert PROFILE[0] in every_text()
    applied = app.test_cli_runner().invoke(args=["retention", "--apply"])
    assert applied.exit_code == 0, applied.output
    with app.app_context():
        assert not db.session.scalars(select(SupportedProfile)).all()
        text = every_text()
        assert PROFILE[0] not in text and "gardening" not in text
        # A member's own preparation is theirs, not the candidates': it stays.
        assert HELPS in text
