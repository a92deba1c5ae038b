"""The candidates service and queries, called directly (no HTTP)."""

from __future__ import annotations

import pytest

from panels.candidates import queries, service
from panels.candidates.candidate_csv import parse
from panels.db import db
from panels.models import AuditEvent, Candidate, Job


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


@pytest.fixture
def job(ctx, world) -> Job:
    return db.session.get(Job, world["job_a"])


def _details(name="Kim Lee", email="", phone="", adjustments="") -> service.CandidateDetails:
    return service.CandidateDetails(name=name, email=email, phone=phone, adjustments=adjustments)


def test_add_puts_the_candidate_last_with_a_key_and_lower_case_email(job):
    kim = service.add_candidate(job, _details(email="Kim@Example.org", phone="0113 496 0000"))
    assert (kim.key, kim.email, kim.position) == ("kim-lee", "kim@example.org", 3)
    again = service.add_candidate(job, _details())
    assert again.key != kim.key and again.position == 4
    assert db.session.query(AuditEvent).filter_by(action="candidate added").count() == 2


def test_email_taken_ignores_case_and_the_candidate_itself(job):
    kim = service.add_candidate(job, _details(email="kim@example.org"))
    assert queries.email_taken(job, "KIM@example.org")
    assert not queries.email_taken(job, "kim@example.org", kim.id)
    assert not queries.email_taken(job, "")
    other = db.session.get(Job, job.id + 1)
    assert not queries.email_taken(other, "kim@example.org")
    assert queries.emails_on(job) == {"kim@example.org"}


def test_save_and_remove(job):
    ruth = job.candidates[0]
    service.save_candidate(job, ruth, _details(name="Ruth Jones", email="RUTH@example.org"))
    assert (ruth.name, ruth.email, ruth.key) == ("Ruth Jones", "ruth@example.org", "c1")
    service.remove_candidate(job, ruth)
    assert db.session.get(Candidate, ruth.id) is None
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["candidate changed", "candidate removed"]


def test_import_adds_every_row_after_the_last_candidate(job):
    rows = parse("name,email\nKim Lee,kim@example.org\nKim Lee,\n")
    assert service.import_candidates(job, rows) == 2
    added = [c for c in job.candidates if c.name == "Kim Lee"]
    assert sorted(c.position for c in added) == [3, 4]
    assert len({c.key for c in job.candidates}) == 4
    event = db.session.query(AuditEvent).filter_by(action="candidates imported").one()
    assert event.detail == {"count": 2}
    assert queries.next_position(job) == 5
