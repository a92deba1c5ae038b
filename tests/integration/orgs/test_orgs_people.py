"""People belong to organisations: panels, photos, sign-in links and job files reach only
people of the job's organisation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import Job, OrgMembership, PanelMember, SignInLink, User
from panels.orgs import service
from tests.conftest import signed_in_client
from tests.integration.fuzz_helpers import snapshot
from tests.pagecheck import check_error_page

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example_job.json"
MEMBER = {"name": "Someone", "pace": "1.0", "scale": "faces3"}


# Every test here starts from the same two organisations: built once for the module, in one
# rolled-back transaction, each test in a savepoint rolled back after it (as tests/conftest.py's
# shared_world, whose name the suite checks for).
pytestmark = pytest.mark.usefixtures("shared_world")


@pytest.fixture
def two(shared_world):
    return dict(shared_world)


def _unchanged(app, send):
    with app.app_context():
        before = snapshot()
    response = send()
    with app.app_context():
        after = snapshot()
    assert before == after
    return response


@pytest.mark.parametrize("email", ["olu@beta.example", "bea@beta.example"])
def test_a_person_of_another_organisation_cannot_be_added_to_a_panel(app, two, email):
    alex = signed_in_client(app, two["alex"])
    url = f"/jobs/{two['job_a']}/panel/add"
    response = _unchanged(app, lambda: alex.post(url, data={**MEMBER, "email": email}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    check_error_page(html, "email", "already used with another organisation")
    assert "Olu Betamember" not in html and "Bea Betaadmin" not in html


def test_our_own_people_and_new_people_can_be_added(app, two):
    alex = signed_in_client(app, two["alex"])
    url = f"/jobs/{two['job_a']}/panel/add"
    for email in ("cleo@alpha.example", "new.person@alpha.example"):
        assert alex.post(url, data={**MEMBER, "email": email}).status_code == 302
    with app.app_context():
        on_panel = db.session.scalar(
            select(func.count(PanelMember.id)).where(PanelMember.job_id == two["job_a"])
        )
    assert on_panel == 4
    with app.app_context():
        new = db.session.scalar(select(User).where(User.email == "new.person@alpha.example"))
        # A new panel member belongs to the job's organisation, as a member only.
        assert [(m.organisation_id, m.role) for m in new.org_memberships] == [
            (two["org_a"], "member")
        ]
        assert not new.is_coordinator
        cleo = db.session.get(User, two["cleo"])
        assert [m.role for m in cleo.org_memberships] == ["coordinator"]  # still one
        member_id = next(m.id for m in new.memberships)
        new_id = new.id
    # Off the panel, they still belong to the organisation (Beta Care cannot take them).
    assert alex.post(f"/jobs/{two['job_a']}/panel/{member_id}/remove").status_code == 302
    bea = signed_in_client(app, two["bea"])
    response = bea.post(
        f"/jobs/{two['job_b']}/panel/add", data={**MEMBER, "email": "new.person@alpha.example"}
    )
    assert response.status_code == 400
    with app.app_context():
        assert (
            db.session.scalar(select(OrgMembership.role).where(OrgMembership.user_id == new_id))
            == "member"
        )


def test_a_coordinator_of_both_may_sit_on_either_panel(app, two):
    """Someone who coordinates for A and B is each one's own: either may seat them."""
    with app.app_context():
        org_b = db.session.get(OrgMembership, two["bea_membership"]).organisation
        service.join(org_b, db.session.get(User, two["cleo"]), service.OrgRole.COORDINATOR)
        db.session.commit()
    bea = signed_in_client(app, two["bea"])
    data = {**MEMBER, "email": "cleo@alpha.example"}
    assert bea.post(f"/jobs/{two['job_b']}/panel/add", data=data).status_code == 302
    # But no sign-in link for her from B: it would let B act as her in A.
    with app.app_context():
        member = db.session.scalar(
            select(PanelMember).where(
                PanelMember.job_id == two["job_b"], PanelMember.user_id == two["cleo"]
            )
        )
        member_id = member.id
    url = f"/jobs/{two['job_b']}/panel/{member_id}/sign-in-link"
    refused = _unchanged(app, lambda: bea.post(url))
    assert refused.status_code == 403
    assert "also works with another organisation" in refused.get_data(as_text=True)
    assert bea.get(url).status_code == 403
    with app.app_context():
        assert (
            db.session.scalar(select(SignInLink).where(SignInLink.user_id == two["cleo"])) is None
        )


def test_a_sign_in_link_for_our_own_member_still_works(app, two):
    alex = signed_in_client(app, two["alex"])
    response = alex.post(f"/jobs/{two['job_a']}/panel/{two['m_sam']}/sign-in-link")
    assert response.status_code == 200 and "/sign-in/link/" in response.get_data(as_text=True)


def test_photos_are_for_the_persons_own_organisation(app, two):
    url = f"/people/{two['sam']}/photo"
    assert signed_in_client(app, two["alex"]).get(url).status_code == 200
    assert signed_in_client(app, two["cleo"]).get(url).status_code == 200  # not on the panel
    assert signed_in_client(app, two["bea"]).get(url).status_code == 404
    assert signed_in_client(app, two["olu"]).get(url).status_code == 404


def _job_file(ref: str, email: str | None = None, no_emails: bool = False) -> bytes:
    data = json.loads(EXAMPLE.read_text())
    data["job"]["ref"] = ref
    if email is not None:
        data["members"][0]["email"] = email
    if no_emails:
        for member in data["members"]:
            member["email"] = None
    return json.dumps(data).encode()


def _upload(client, data: bytes):
    return client.post(
        "/jobs/import",
        data={"file": (io.BytesIO(data), "job.json")},
        content_type="multipart/form-data",
    )


def test_a_job_file_goes_into_the_uploaders_organisation_only(app, two):
    """B uploads a file with A's reference: a new job of B's; A's job is untouched."""
    with app.app_context():
        before = db.session.get(Job, two["job_a"]).title
    bea = signed_in_client(app, two["bea"])
    assert _upload(bea, _job_file("SW-2027-01")).status_code == 302
    with app.app_context():
        jobs = db.session.scalars(select(Job).where(Job.ref == "SW-2027-01")).all()
        assert {j.organisation_id for j in jobs} == {two["org_a"], two["org_b"]}
        job_a = db.session.get(Job, two["job_a"])
        assert job_a.title == before and len(job_a.members) == 2


def test_a_job_file_cannot_reach_another_organisations_people(app, two):
    alex = signed_in_client(app, two["alex"])
    file = _job_file("NEW-1", "olu@beta.example")
    response = _unchanged(app, lambda: _upload(alex, file))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "already used with another organisation" in html and "Olu Betamember" not in html


def test_members_without_email_get_their_own_placeholder_in_each_organisation(app, two):
    """The same file in two organisations: two people, not one shared."""
    for who in ("alex", "bea"):
        client = signed_in_client(app, two[who])
        assert _upload(client, _job_file("SAME-FILE", no_emails=True)).status_code == 302
    with app.app_context():
        dans = db.session.scalars(select(User).where(User.name == "Dan Price")).all()
        emails = sorted(u.email for u in dans)
    assert emails == ["same-file-dan-2@panels.invalid", "same-file-dan@panels.invalid"]
    # Uploading again finds the same people: nobody new.
    with app.app_context():
        people = db.session.scalar(select(func.count(User.id)))
    again = _upload(signed_in_client(app, two["bea"]), _job_file("SAME-FILE", no_emails=True))
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == people
