"""Retention: after `flask --app panels retention --apply`, an anonymised candidate is gone
everywhere (every table's text, the file store, the caches, exports and the audit trail)
while the results' numbers are the same; one transaction per job."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from panels.common.areas import EXTENSION, Area
from panels.common.personal import PersonalData
from panels.db import db
from panels.invitations import printout
from panels.invitations.queries import invitation_of
from panels.models import (
    AdjustmentRequest,
    AnonymisedCandidate,
    AuditEvent,
    Candidate,
    Invitation,
    Job,
    JobRetention,
    OrganisationSettings,
    ScoreSheet,
)
from panels.privacy import export, service
from tests.integration.invitations_helpers import token
from tests.integration.privacy_helpers import (
    NOT_SHORTLISTED,
    PEOPLE,
    decided_job,
    every_text,
    numbers,
    words_of,
)


def _texts_without(text: str, people) -> list[str]:
    lowered = text.lower()
    return [w for person in people for w in words_of(person) if w.lower() in lowered]


def test_retention_apply_leaves_no_trace_and_the_same_numbers(app, client):
    with app.app_context():
        ids = decided_job(months_ago=8)
        job = db.session.get(Job, ids["job"])
        before = numbers(job)
        keys_before = [c.key for c in job.candidates]
        assert _texts_without(every_text(), PEOPLE)  # the set-up really holds them
        assert _texts_without(every_text(), [NOT_SHORTLISTED])
        links = [token(app, c.id) for c in job.candidates]
        cached = set()
        for candidate in job.candidates:
            cached |= printout.cached_files(invitation_of(candidate))
    for link in links:  # each candidate's printout is made, and cached
        assert client.get(f"/invite/{link}/invitation.pdf").status_code == 200
    made = {path for path in cached if path.exists()}
    assert len([p for p in made if p.suffix == ".pdf"]) == 3
    for path in cached:  # and their clips, as the speaker would cache them
        if path.suffix == ".mp3":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"ID3 clip")
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["retention", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would remove 3 from JOB-R" in dry.output and PEOPLE[0][0] in dry.output
    with app.app_context():
        assert not db.session.scalars(select(AnonymisedCandidate)).all()  # a dry run writes nothing
    applied = runner.invoke(args=["retention", "--apply"])
    assert applied.exit_code == 0, applied.output
    assert "Removed 3 from JOB-R" in applied.output
    with app.app_context():
        job = db.session.get(Job, ids["job"])
        assert numbers(job) == before
        assert [c.name for c in job.candidates] == [f"Candidate {i}" for i in ids["candidates"]]
        left = _texts_without(every_text(), [*PEOPLE, NOT_SHORTLISTED])
        assert left == [], left  # mail, applications and decision notes included
        for key in keys_before:
            assert key not in every_text()
        audit = db.session.scalars(select(AuditEvent).where(AuditEvent.job_id == job.id)).all()
        assert {e.action for e in audit} >= {"candidate added", "scores submitted"}
        assert not db.session.scalars(select(Invitation)).all()
        assert [path for path in cached if path.exists()] == []
        assert all(client.get(f"/invite/{link}").status_code == 404 for link in links)
        assert not db.session.scalars(select(AdjustmentRequest)).all()
        assert {s.note for s in db.session.scalars(select(ScoreSheet))} == {""}
        # The exports now hold only the label.
        for candidate in job.candidates:
            data = export.export_candidate(candidate, None)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                everything = archive.read("everything.json").decode()
            assert _texts_without(everything, PEOPLE) == []
        db.session.rollback()
    again = runner.invoke(args=["retention", "--apply"])
    assert "Nothing is due." in again.output


def test_a_candidate_at_the_limit_goes_and_a_day_before_stays(app):
    from datetime import timedelta

    from panels.models import ScoringState
    from panels.models.base import utcnow
    from panels.privacy import rules

    with app.app_context():
        ids = decided_job(months_ago=1)
        now = utcnow()
        state = db.session.get(ScoringState, ids["job"])
        state.finalised_at = rules.add_months(now, -6)
        db.session.commit()
        assert service.run(apply=False, now=now).count == 3
        assert service.run(apply=False, now=now - timedelta(seconds=1)).count == 0
        state.finalised_at = rules.add_months(now, -6) + timedelta(days=1)
        db.session.commit()
        assert service.run(apply=False, now=now).count == 0


def test_a_held_job_keeps_everything_and_the_appointed_person_is_kept_longer(app):
    with app.app_context():
        ids = decided_job(months_ago=8)
        job = db.session.get(Job, ids["job"])
        service.hold(job, "A complaint about the interview", ids["coordinator"])
        assert service.run(apply=True).count == 0
        assert all(c.email for c in job.candidates)
        service.release(job)
        appointed = job.candidates[1]
        service.set_appointed(job, appointed)
        report = service.run(apply=True)
        assert report.count == 2
        assert appointed.email == PEOPLE[1][1]  # 12 months for the person appointed
        assert db.session.get(JobRetention, job.id).appointed_id == appointed.id


def test_a_shorter_setting_brings_the_date_forward(app):
    with app.app_context():
        ids = decided_job(months_ago=2)
        job = db.session.get(Job, ids["job"])
        assert service.run(apply=False).count == 0
        service.save_policy(job.organisation, 1, 12)
        assert db.session.get(OrganisationSettings, job.organisation_id).keep_months == 1
        assert service.run(apply=False).count == 3


def test_a_crash_halfway_leaves_the_job_as_it_was(app):
    """An area's hook fails on the second candidate: nothing of the job changed, not even
    the first candidate's details, and the files are all still there."""
    with app.app_context():
        ids = decided_job(months_ago=8)
        job = db.session.get(Job, ids["job"])
        cached = set()
        for candidate in job.candidates:
            cached |= printout.cached_files(invitation_of(candidate))
        for path in cached:  # their printouts and clips, as if made
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"made")
        text_before = every_text()
        seen = []

        def breaks(candidate, _scrub, _removal):
            seen.append(candidate.id)
            if len(seen) == 2:
                raise RuntimeError("the disk is full")

        areas = app.extensions[EXTENSION]
        failing = Area(
            name="failing",
            blueprint=areas[0].blueprint,
            personal_data=PersonalData(candidate_anonymise=breaks),
        )
        app.extensions[EXTENSION] = (*areas, failing)
        try:
            report = service.run(apply=True)
        finally:
            app.extensions[EXTENSION] = areas
        assert seen == ids["candidates"][:2]
        assert report.count == 0 and [j.id for j, _ in report.failed] == [job.id]
        db.session.expire_all()
        assert every_text() == text_before
        assert all(path.exists() for path in cached)  # files go only after a commit
        assert [c.name for c in db.session.get(Job, ids["job"]).candidates] == [
            p[0] for p in PEOPLE
        ]
        # And then it works.
        assert service.run(apply=True).count == 3
        assert not any(path.exists() for path in cached)


def test_a_new_area_plugs_in_with_one_entry(app):
    """An area's candidate_anonymise runs in the same transaction, and its export is in
    the ZIP under the area's name."""
    from panels.common.personal import Held

    with app.app_context():
        ids = decided_job(months_ago=8)
        calls = []
        areas = app.extensions[EXTENSION]
        extra = Area(
            name="applications",
            blueprint=areas[0].blueprint,
            personal_data=PersonalData(
                candidate_export=lambda c: Held({"cover_letter": f"I am {c.name}"}),
                candidate_anonymise=lambda c, scrub, removal: calls.append(
                    scrub.text(f"Letter from {c.name}")
                ),
            ),
        )
        app.extensions[EXTENSION] = (*areas, extra)
        try:
            candidate = db.session.get(Candidate, ids["candidates"][0])
            with zipfile.ZipFile(io.BytesIO(export.export_candidate(candidate, None))) as z:
                assert "I am Zephyrine Quackenbush" in z.read("everything.json").decode()
                assert "summary.pdf" in z.namelist()
            service.run(apply=True)
        finally:
            app.extensions[EXTENSION] = areas
        # The hook saw the candidate before their name went (hooks run in the app's order).
        assert len(calls) == 3 and all("Quackenbush" not in c for c in calls)


@pytest.mark.parametrize("months", [0, 1200, -1])
def test_a_period_out_of_bounds_is_refused(app, months):
    with app.app_context():
        ids = decided_job(months_ago=2)
        job = db.session.get(Job, ids["job"])
        with pytest.raises(service.Refused) as refused:
            service.save_policy(job.organisation, months, 12)
        assert "month" in refused.value.message
        assert db.session.get(OrganisationSettings, job.organisation_id) is None


def test_the_worker_runs_it_once_a_day(app):
    """The daily task kind removes what is due and sweeps files nothing owns."""
    from datetime import timedelta

    from panels.common.tasks import kinds_of
    from panels.models import StoredFile
    from panels.models.base import utcnow

    kind = kinds_of(app)["privacy.retention"]
    assert kind.every == timedelta(days=1)
    with app.app_context():
        ids = decided_job(months_ago=8)
        old = utcnow() - timedelta(hours=2)
        db.session.add(
            StoredFile(key="a" * 32, content_type="image/png", size=1, data=b"x", created_at=old)
        )
        db.session.add(StoredFile(key="b" * 32, content_type="image/png", size=1, data=b"x"))
        db.session.commit()
        kind.run({})
        assert (
            db.session.scalars(select(AnonymisedCandidate.candidate_id)).all() == ids["candidates"]
        )
        keys = set(db.session.scalars(select(StoredFile.key)))
        assert "a" * 32 not in keys  # an orphan, older than an hour
        assert "b" * 32 in keys  # one being saved has no owner yet
