import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import AuditEvent, Job
from tests.conftest import signed_in_client
from tests.pagecheck import check_error_page, check_page

GOOD = {
    "title": "Team leader",
    "ref": "TL-01",
    "interview_date": "2026-12-20",
    "start_time": "10:00",
    "place": "Town Hall",
    "contact": "Alex, 0113 496 0000",
}


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _jobs(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Job.id)))


def test_member_sees_only_their_jobs(app, world):
    page = signed_in_client(app, world["sam"]).get("/jobs").get_data(as_text=True)
    check_page(page)
    assert "Support worker" in page and "Office assistant" not in page


def test_coordinator_creates_job(app, world):
    client = signed_in_client(app, world["coordinator"])
    assert client.get("/jobs/new").status_code == 200
    response = client.post("/jobs/new", data=GOOD)
    assert response.status_code == 302
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "TL-01"))
        assert job.title == "Team leader" and str(job.start_time) == "10:00:00"
        assert db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "job created")
        )


def test_member_cannot_create_job(app, world):
    client = signed_in_client(app, world["sam"])
    assert client.get("/jobs/new").status_code == 403
    assert client.post("/jobs/new", data=GOOD).status_code == 403
    assert _jobs(app) == 2


def test_job_form_errors(app, world):
    client = signed_in_client(app, world["coordinator"])
    response = client.post("/jobs/new", data={**GOOD, "title": "", "interview_date": "soon"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    check_error_page(html, "title", "Enter the job title")
    assert "interview_date-error" in html
    assert _jobs(app) == 2


def test_duplicate_ref_script_tags_and_huge_text(app, world):
    client = signed_in_client(app, world["coordinator"])
    response = client.post("/jobs/new", data={**GOOD, "ref": "JOB-A"})
    assert response.status_code == 400
    check_error_page(response.get_data(as_text=True), "ref", "already has this reference")
    response = client.post("/jobs/new", data={**GOOD, "title": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.get_data(as_text=True)
    assert "cannot have &lt; or &gt; in it" in response.get_data(as_text=True)
    response = client.post("/jobs/new", data={**GOOD, "place": "x" * 5000})
    assert response.status_code == 400
    assert _jobs(app) == 2


def test_edit_job_keeps_data_on_error(app, world):
    client = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/edit"
    response = client.post(url, data={**GOOD, "ref": ""})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Job, world["job_a"]).ref == "JOB-A"
    assert client.post(url, data={**GOOD, "ref": "JOB-A2"}).status_code == 302
    with app.app_context():
        assert db.session.get(Job, world["job_a"]).ref == "JOB-A2"


def test_someone_elses_job_is_404(app, world):
    client = signed_in_client(app, world["sam"])
    assert client.get(f"/jobs/{world['job_b']}").status_code == 404
    assert client.get("/jobs/99999").status_code == 404
    assert client.get("/jobs/abc").status_code == 404
