"""Deleting a person on request, files included (in the database store and in an object
store, where the file goes after the commit), refused with the reason when they are on an
open panel; and `flask --app panels export-person EMAIL`."""

from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import select

from panels.db import db
from panels.lib.filestore import MemoryStore
from panels.members.prefs import apply_photo
from panels.models import (
    AuditEvent,
    Job,
    Message,
    MessageKind,
    MessageStatus,
    PanelMember,
    ScoreSheet,
    StoredFile,
    User,
)
from panels.privacy import service
from tests.conftest import make_job, make_user
from tests.integration.files_helpers import photo_bytes, use_store
from tests.integration.privacy_helpers import PEOPLE, decided_job, every_text, numbers


def _with_photo(user: User) -> str:
    apply_photo(user, photo_bytes(), remove=False, consent=True)
    db.session.commit()
    assert user.photo
    return user.photo


def test_a_person_with_no_scores_is_deleted_whole_with_their_photo_file(app):
    with app.app_context():
        ids = decided_job()
        job = db.session.get(Job, ids["job"])
        pip = make_user("Pippa Wrenfield", "pippa.w@example.net")
        db.session.add(PanelMember(job=job, user=pip, key="pippa-wrenfield"))
        from tests.conftest import _join

        _join(job.organisation_id, pip)
        key = _with_photo(pip)
        assert db.session.get(StoredFile, key) is not None
        assert service.delete_member(pip, job.organisation, ids["coordinator"]) is True
        assert db.session.get(User, pip.id) is None
        assert db.session.get(StoredFile, key) is None
        text = every_text()
        assert "Pippa" not in text and "Wrenfield" not in text and "pippa.w@" not in text
        assert "person deleted on request" in db.session.scalars(select(AuditEvent.action)).all()


def test_a_person_whose_scores_count_keeps_no_name_and_the_numbers_stay(app):
    with app.app_context():
        ids = decided_job()
        job = db.session.get(Job, ids["job"])
        before = numbers(job)
        sam = db.session.get(User, ids["sam"])
        store = MemoryStore()
        with use_store(app, store):
            key = _with_photo(sam)
            assert store.get(key) is not None
            assert service.delete_member(sam, job.organisation, ids["coordinator"]) is False
            assert store.get(key) is None  # gone from the object store after the commit
        db.session.expire_all()
        sam = db.session.get(User, ids["sam"])
        assert sam.name == f"Former panel member {sam.id}" and sam.password_hash is None
        assert sam.photo == "" and sam.email.endswith("@removed.invalid")
        assert numbers(db.session.get(Job, ids["job"])) == before
        assert db.session.scalars(
            select(ScoreSheet).where(ScoreSheet.member_id == ids["members"][1])
        ).all()
        text = every_text()
        assert "Sam Patel" not in text and "sam.job-r@example.org" not in text


def test_a_person_on_an_open_panel_is_refused_with_the_reason_and_nothing_changes(app):
    with app.app_context():
        jo = make_user("Jo Williams", "jo.open@example.org")
        job = make_job("JOB-OPEN", "Office assistant", [jo])
        db.session.commit()
        text = every_text()
        with pytest.raises(service.Refused) as refused:
            service.delete_member(jo, job.organisation, None)
        assert "on the panel for Office assistant (JOB-OPEN), which is not decided yet" in (
            refused.value.message
        )
        assert every_text() == text


def test_someone_also_in_another_organisation_or_a_coordinator_is_refused(app):
    from tests.integration.orgs_helpers import organisation

    with app.app_context():
        ids = decided_job()
        job = db.session.get(Job, ids["job"])
        other = organisation("Zeta", "zeta")
        coord = db.session.get(User, ids["coordinator"])
        assert "coordinator here" in service.member_refusal(coord, job.organisation_id)
        sam = db.session.get(User, ids["sam"])
        from panels.models import OrgMembership

        db.session.add(OrgMembership(user=sam, organisation=other, role="member"))
        db.session.commit()
        assert "another organisation" in service.member_refusal(sam, job.organisation_id)


def test_export_person_writes_a_zip_with_everything_and_their_photo(app, tmp_path):
    with app.app_context():
        ids = decided_job()
        sam = db.session.get(User, ids["sam"])
        _with_photo(sam)
        email = sam.email
    out = tmp_path / "sam.zip"
    result = app.test_cli_runner().invoke(args=["export-person", email, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        everything = json.loads(archive.read("everything.json"))
        photo = [n for n in names if n.startswith("files/") and n.endswith(".jpg")]
    assert "summary.pdf" in names and photo
    person = everything["people"][0]
    assert person["members"]["name"] == "Sam Patel"
    assert person["scoring"]["score_sheets"]  # decided: their own scores are in
    candidate = app.test_cli_runner().invoke(
        args=["export-person", PEOPLE[0][1].upper(), "--out", str(tmp_path / "c.zip")]
    )
    assert candidate.exit_code == 0, candidate.output
    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        data = json.loads(archive.read("everything.json"))
    assert data["people"][0]["candidates"]["phone"] == PEOPLE[0][2]
    assert data["people"][0]["invitations"]["adjustments_asked_for"]
    with app.app_context():
        exported = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "personal data exported")
        ).all()
        assert len(exported) == 2


def test_export_person_for_nobody_says_so_and_fails(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["export-person", "nobody@example.net", "--out", str(tmp_path / "x.zip")]
    )
    assert result.exit_code != 0
    assert "Nobody with the email address nobody@example.net is in Panels." in result.output
    assert not (tmp_path / "x.zip").exists()


def test_erasing_a_member_takes_them_out_of_why_another_email_failed(app):
    """A mail server's refusal may quote a person: the reason goes through the same scrub
    as the subject and text, for members as for candidates."""
    with app.app_context():
        ids = decided_job()
        job = db.session.get(Job, ids["job"])
        sam = db.session.get(User, ids["sam"])
        coordinator = db.session.get(User, ids["coordinator"])
        db.session.add(
            Message(
                organisation_id=job.organisation_id,
                job_id=job.id,
                recipient=coordinator.email,
                recipient_name=coordinator.name,
                kind=MessageKind.SCORES_REMINDER,
                subject="Scores not sent yet",
                text="One panel member has not sent their scores.",
                html="<p>One panel member has not sent their scores.</p>",
                dedupe_key="test:failed-about-sam",
                status=MessageStatus.FAILED,
                last_error=f"The mail server refused it: 550 mail about {sam.name} <{sam.email}>.",
            )
        )
        db.session.commit()
        email = sam.email
        assert service.delete_member(sam, job.organisation, ids["coordinator"]) is False
        db.session.expire_all()
        failed = db.session.scalar(
            select(Message).where(Message.dedupe_key == "test:failed-about-sam")
        )
        assert failed is not None  # the coordinator's email stays, with the reason
        assert failed.last_error.startswith("The mail server refused it: 550 mail about")
        assert "Sam Patel" not in failed.last_error and email not in failed.last_error
        text = every_text()
        assert "Sam Patel" not in text and email not in text
