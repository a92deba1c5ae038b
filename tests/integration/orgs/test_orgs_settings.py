"""The organisation's settings: what candidates see of it (its name for them, and who to
ask when a job gives no contact). Only its admins change them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, Job, OrganisationSettings
from tests.conftest import signed_in_client
from tests.pagecheck import check_page

# Every test here starts from the same two organisations: built once for the module, in one
# rolled-back transaction, each test in a savepoint rolled back after it (as tests/conftest.py's
# shared_world, whose name the suite checks for).
pytestmark = pytest.mark.usefixtures("shared_world")


@pytest.fixture
def two(shared_world):
    return dict(shared_world)


def _settings(app, org_id: int) -> tuple[str, str] | None:
    with app.app_context():
        row = db.session.get(OrganisationSettings, org_id)
        return None if row is None else (row.display_name, row.contact)


def test_an_admin_sets_what_candidates_see(app, two):
    alex = signed_in_client(app, two["alex"])
    form = alex.get("/organisation/settings")
    assert form.status_code == 200
    check_page(form.get_data(as_text=True))
    response = alex.post(
        "/organisation/settings",
        data={"display_name": "  Alpha Care Leeds ", "contact": "Ask Pat, 0113 496 0002"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/organisation")
    assert _settings(app, two["org_a"]) == ("Alpha Care Leeds", "Ask Pat, 0113 496 0002")
    assert _settings(app, two["org_b"]) is None  # the other organisation's are its own
    page = alex.get("/organisation").get_data(as_text=True)
    assert "Alpha Care Leeds" in page and "Ask Pat, 0113 496 0002" in page
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "organisation settings changed")
        )
        assert event.actor_id == two["alex"] and event.detail == {"organisation": "alpha"}

    # Ruth's invitation says who the job is with, and who to ask (job A gives no contact).
    invite = app.test_client().get(f"/invite/{two['invite_a']}").get_data(as_text=True)
    assert "The job is with Alpha Care Leeds." in invite
    assert "Ask Pat" in invite
    # Mei's (Beta Care) says nothing of Alpha's.
    other = app.test_client().get(f"/invite/{two['invite_b']}").get_data(as_text=True)
    assert "The job is with Beta Care." in other and "Alpha" not in other


def test_a_jobs_own_contact_comes_first(app, two):
    alex = signed_in_client(app, two["alex"])
    alex.post("/organisation/settings", data={"display_name": "", "contact": "ORG-CONTACT"})
    with app.app_context():
        db.session.get(Job, two["job_a"]).contact = "JOB-CONTACT"
        db.session.commit()
    invite = app.test_client().get(f"/invite/{two['invite_a']}").get_data(as_text=True)
    assert "JOB-CONTACT" in invite and "ORG-CONTACT" not in invite
    assert "The job is with Alpha Trust." in invite  # no name set: the organisation's own


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "<b>Alpha</b>", "contact": ""}, "cannot have &lt; or &gt; in it"),
        ({"display_name": "A" * 201, "contact": ""}, "must be 200 characters or fewer"),
        ({"display_name": "", "contact": "x" * 1001}, "must be 1000 characters or fewer"),
    ],
)
def test_bad_settings_are_refused_in_plain_words(app, two, data, message):
    response = signed_in_client(app, two["alex"]).post("/organisation/settings", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    check_page(html)
    assert message in html and 'class="error-summary' in html
    assert _settings(app, two["org_a"]) is None


def test_only_an_admin_changes_the_settings(app, two):
    cleo = signed_in_client(app, two["cleo"])  # a coordinator of Alpha Trust, not an admin
    assert cleo.get("/organisation/settings").status_code == 403
    assert cleo.post("/organisation/settings", data={"contact": "Mine"}).status_code == 403
    sam = signed_in_client(app, two["sam"])  # a panel member
    assert sam.post("/organisation/settings", data={"contact": "Mine"}).status_code == 403
    # Bea (Beta Care's admin) changes Beta Care's, never Alpha's.
    bea = signed_in_client(app, two["bea"])
    assert bea.post("/organisation/settings", data={"contact": "BEA"}).status_code == 302
    assert _settings(app, two["org_a"]) is None
    assert _settings(app, two["org_b"]) == ("", "BEA")
