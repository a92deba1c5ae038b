"""The jobs service and queries, called directly (no HTTP)."""

from __future__ import annotations

from datetime import date, time

from panels.db import db
from panels.jobs import queries, service
from panels.models import AuditEvent, Job
from tests.conftest import default_organisation

DETAILS = service.JobDetails(
    title="Cook",
    ref="COOK-1",
    interview_date=date(2027, 1, 20),
    start_time=time(10, 0),
    place="The kitchen",
    contact="",
)


def test_create_and_save_a_job(ctx, world):
    org = default_organisation().id
    job = service.create_job(world["coordinator"], org, DETAILS)
    assert (job.title, job.ref, job.created_by_id) == ("Cook", "COOK-1", world["coordinator"])
    assert queries.ref_taken("COOK-1", org) and not queries.ref_taken("COOK-1", org, job.id)
    assert not queries.ref_taken("NOBODY", org)
    assert job.organisation_id == org
    service.save_job(job, service.JobDetails(**{**DETAILS.__dict__, "title": "Head cook"}))
    assert db.session.get(Job, job.id).title == "Head cook"
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["job created", "job changed"]


def test_member_on_job_and_sharing_a_panel(ctx, world):
    assert queries.member_on_job(world["job_a"], world["member_sam"]).user_id == world["sam"]
    assert queries.member_on_job(world["job_b"], world["member_sam"]) is None
    assert queries.member_on_job(world["job_a"], 99999) is None
    assert queries.share_a_panel(world["sam"], world["jo"])
    assert not queries.share_a_panel(world["sam"], world["outsider"])
