"""The organisation page: coordinators, inviting, roles, the last admin, sign-in links,
the name, switching organisation, and the forms' CSRF tokens."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from panels.db import db
from panels.models import AuditEvent, Job, OrgMembership, SignInLink, User
from panels.orgs import service
from tests.conftest import signed_in_client
from tests.integration.fuzz_helpers import snapshot
from tests.integration.writes import no_writes
from tests.pagecheck import check_error_page, check_page

# Every test here starts from the same two organisations: built once for the module, in one
# rolled-back transaction, each test in a savepoint rolled back after it (as tests/conftest.py's
# shared_world, whose name the suite checks for).
pytestmark = pytest.mark.usefixtures("shared_world")


@pytest.fixture
def two(shared_world):
    return dict(shared_world)


def _membership(app, user_id: int, org_id: int) -> OrgMembership | None:
    with app.app_context():
        row = db.session.scalar(
            select(OrgMembership).where(
                OrgMembership.user_id == user_id, OrgMembership.organisation_id == org_id
            )
        )
        if row is not None:
            db.session.expunge(row)
        return row


def _role(app, user_id: int, org_id: int) -> str | None:
    row = _membership(app, user_id, org_id)
    return row.role if row else None


def _unchanged(app, client, method, url, data=None, status=(403,)):
    with app.app_context():
        before = snapshot()
    response = client.post(url, data=data or {}) if method == "POST" else client.get(url)
    assert response.status_code in status, (url, response.status_code)
    with app.app_context():
        after = snapshot()
    assert before == after, url
    return response


def _invite(client, name="Nia Newperson", email="nia@alpha.example", role="coordinator"):
    return client.post("/organisation/invite", data={"name": name, "email": email, "role": role})


# --- who sees the page ------------------------------------------------------------------


def test_admin_sees_the_coordinators_and_the_forms(app, two):
    page = signed_in_client(app, two["alex"]).get("/organisation")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    check_page(html)
    assert "<h1>Alpha Trust</h1>" in html
    assert "Alex Alphaadmin" in html and "Cleo Alphacoord" in html
    assert "Bea Betaadmin" not in html and "Sam Alphamember" not in html
    assert "Invite a coordinator" in html and "Make an admin" in html
    assert "Change the organisation's name" in html
    assert 'href="/organisation/pay-rates"' in html  # the rates each new job starts with


def test_a_coordinator_sees_the_list_but_changes_nothing(app, two):
    cleo = signed_in_client(app, two["cleo"])
    html = cleo.get("/organisation").get_data(as_text=True)
    assert "Alex Alphaadmin" in html and "Invite a coordinator" not in html
    assert "Only an admin can invite coordinators" in html
    alex_membership = _membership(app, two["alex"], two["org_a"]).id
    _unchanged(app, cleo, "POST", "/organisation/invite", {"name": "X Y", "email": "x@y.org"})
    _unchanged(app, cleo, "POST", f"/organisation/coordinators/{alex_membership}/role")
    _unchanged(app, cleo, "GET", f"/organisation/coordinators/{alex_membership}/remove")
    _unchanged(app, cleo, "POST", f"/organisation/coordinators/{alex_membership}/remove")
    _unchanged(app, cleo, "POST", f"/organisation/coordinators/{alex_membership}/sign-in-link")
    _unchanged(app, cleo, "POST", "/organisation/name", {"name": "Mine now"})


def test_a_panel_member_cannot_see_the_page(app, two):
    sam = signed_in_client(app, two["sam"])
    assert sam.get("/organisation").status_code == 403
    assert "Organisation" not in sam.get("/jobs").get_data(as_text=True).split("<main")[0]


def test_nobody_is_sent_to_sign_in(app, two):
    response = app.test_client().get("/organisation")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


# --- inviting -----------------------------------------------------------------------------


def test_invite_a_new_person_as_a_coordinator(app, two):
    alex = signed_in_client(app, two["alex"])
    response = _invite(alex)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "Nia Newperson is a coordinator of Alpha Trust" in html
    link = re.search(r'href="(http[^"]*/sign-in/link/[^"]+)"', html).group(1)
    with app.app_context():
        nia = db.session.scalar(select(User).where(User.email == "nia@alpha.example"))
        assert nia.name == "Nia Newperson" and nia.password_hash is None
        assert db.session.scalar(select(SignInLink).where(SignInLink.user_id == nia.id))
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "coordinator invited")
        )
        assert event.actor_id == two["alex"] and event.on_behalf_of_id == nia.id
        assert event.detail == {"organisation": "alpha", "role": "coordinator"}
        nia_id = nia.id
    assert _role(app, nia_id, two["org_a"]) == "coordinator"

    # The link signs Nia in once; she runs Alpha Trust's jobs, and only those.
    browser = app.test_client()
    path = link.split("localhost", 1)[-1]
    assert browser.post(path).status_code == 302
    jobs = browser.get("/jobs").get_data(as_text=True)
    assert "Alphaline worker" in jobs and "Betaline" not in jobs
    assert browser.get(f"/jobs/{two['job_a']}/edit").status_code == 200
    assert browser.get(f"/jobs/{two['job_b']}").status_code == 404
    assert browser.post(path).status_code == 410  # used


def test_invite_an_admin(app, two):
    alex = signed_in_client(app, two["alex"])
    assert _invite(alex, role="admin").status_code == 200
    with app.app_context():
        nia = db.session.scalar(select(User).where(User.email == "nia@alpha.example")).id
    assert _role(app, nia, two["org_a"]) == "admin"


def test_invite_someone_already_on_one_of_our_panels(app, two):
    """Sam sits on job A's panel: he is Alpha Trust's, so he may become its coordinator."""
    alex = signed_in_client(app, two["alex"])
    assert _invite(alex, "Any Name", "SAM@alpha.example").status_code == 200
    assert _role(app, two["sam"], two["org_a"]) == "coordinator"
    with app.app_context():
        assert db.session.get(User, two["sam"]).name == "Sam Alphamember"  # his own name


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "a@b.org", "role": "coordinator"}, "name", "Enter the coordinator&#39;s name"),
        ({"name": "A B", "role": "coordinator"}, "email", "Enter the coordinator&#39;s email"),
        (
            {"name": "A B", "email": "not an email", "role": "coordinator"},
            "email",
            "Enter an email address in the right format",
        ),
        ({"name": "A B", "email": "a@b.org", "role": "boss"}, "role", "Choose coordinator or"),
        (
            {"name": "<b>A</b>", "email": "a@b.org", "role": "admin"},
            "name",
            "cannot have &lt; or &gt;",
        ),
    ],
)
def test_invite_errors_the_govuk_way(app, two, data, field, message):
    alex = signed_in_client(app, two["alex"])
    response = _unchanged(app, alex, "POST", "/organisation/invite", data, status=(400,))
    check_error_page(response.get_data(as_text=True), field, message)


def test_invite_someone_who_is_already_a_coordinator_here(app, two):
    alex = signed_in_client(app, two["alex"])
    data = {"name": "Cleo", "email": "cleo@alpha.example", "role": "admin"}
    response = _unchanged(app, alex, "POST", "/organisation/invite", data, status=(400,))
    check_error_page(response.get_data(as_text=True), "email", "already a coordinator here")
    assert _role(app, two["cleo"], two["org_a"]) == "coordinator"


@pytest.mark.parametrize("email", ["bea@beta.example", "olu@beta.example"])
def test_invite_someone_of_another_organisation_is_refused(app, two, email):
    """Bea coordinates for B, Olu sits on B's panel: neither is A's to reach."""
    alex = signed_in_client(app, two["alex"])
    data = {"name": "Someone", "email": email, "role": "admin"}
    response = _unchanged(app, alex, "POST", "/organisation/invite", data, status=(400,))
    html = response.get_data(as_text=True)
    check_error_page(html, "email", "already used with another organisation")
    assert "Bea Betaadmin" not in html and "Olu Betamember" not in html


# --- roles and the last admin ---------------------------------------------------------------


def test_change_a_role_both_ways(app, two):
    alex = signed_in_client(app, two["alex"])
    url = f"/organisation/coordinators/{two['cleo_membership']}/role"
    response = alex.post(url, data={"role": "admin"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/organisation")
    assert _role(app, two["cleo"], two["org_a"]) == "admin"
    assert "Cleo Alphacoord is now an admin." in alex.get("/organisation").get_data(as_text=True)
    assert alex.post(url, data={"role": "coordinator"}).status_code == 302
    assert _role(app, two["cleo"], two["org_a"]) == "coordinator"
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == "coordinator role changed")
        ).all()
    assert len(actions) == 2


def test_a_wrong_role_is_refused(app, two):
    alex = signed_in_client(app, two["alex"])
    url = f"/organisation/coordinators/{two['cleo_membership']}/role"
    _unchanged(app, alex, "POST", url, {"role": "owner"}, status=(400,))
    _unchanged(app, alex, "POST", url, {}, status=(400,))


def test_the_last_admin_cannot_stop_being_one(app, two):
    alex = signed_in_client(app, two["alex"])
    mine = _membership(app, two["alex"], two["org_a"]).id
    response = _unchanged(
        app, alex, "POST", f"/organisation/coordinators/{mine}/role", {"role": "coordinator"},
        status=(400,),
    )  # fmt: skip
    html = response.get_data(as_text=True)
    page = check_page(html)
    assert f"coordinator-{mine}" in page.error_links
    assert "The organisation needs at least one admin" in html
    response = _unchanged(
        app, alex, "POST", f"/organisation/coordinators/{mine}/remove", status=(400,)
    )
    check_page(response.get_data(as_text=True))
    assert "needs at least one admin" in response.get_data(as_text=True)
    assert _role(app, two["alex"], two["org_a"]) == "admin"


def test_with_another_admin_an_admin_may_step_down(app, two):
    alex = signed_in_client(app, two["alex"])
    alex.post(f"/organisation/coordinators/{two['cleo_membership']}/role", data={"role": "admin"})
    mine = _membership(app, two["alex"], two["org_a"]).id
    url = f"/organisation/coordinators/{mine}/role"
    assert alex.post(url, data={"role": "coordinator"}).status_code == 302
    assert _role(app, two["alex"], two["org_a"]) == "coordinator"
    # Now Cleo is the only admin, and Alex is not an admin any more.
    cleo_role = f"/organisation/coordinators/{two['cleo_membership']}/role"
    _unchanged(app, alex, "POST", cleo_role, {"role": "coordinator"}, status=(403,))


def test_remove_a_coordinator(app, two):
    alex = signed_in_client(app, two["alex"])
    url = f"/organisation/coordinators/{two['cleo_membership']}/remove"
    confirm = alex.get(url)
    assert confirm.status_code == 200
    check_page(confirm.get_data(as_text=True))
    assert "Remove Cleo Alphacoord as a coordinator" in confirm.get_data(as_text=True)
    assert alex.post(url).status_code == 302
    assert _membership(app, two["cleo"], two["org_a"]) is None
    with app.app_context():
        assert db.session.get(User, two["cleo"]) is not None  # the account stays
    cleo = signed_in_client(app, two["cleo"])
    assert cleo.get(f"/jobs/{two['job_a']}").status_code == 404
    assert cleo.get("/organisation").status_code == 403
    assert cleo.get("/jobs/new").status_code == 403


def test_an_admin_who_removes_themselves_goes_to_my_jobs(app, two):
    alex = signed_in_client(app, two["alex"])
    alex.post(f"/organisation/coordinators/{two['cleo_membership']}/role", data={"role": "admin"})
    mine = _membership(app, two["alex"], two["org_a"]).id
    response = alex.post(f"/organisation/coordinators/{mine}/remove")
    assert response.status_code == 302 and response.headers["Location"].endswith("/jobs")
    # Alex still sits on job A's panel: he sees it as a panel member, and no more.
    assert alex.get(f"/jobs/{two['job_a']}").status_code == 200
    assert alex.get(f"/jobs/{two['job_a']}/edit").status_code in (403, 404)


# --- sign-in links for coordinators ---------------------------------------------------------


def test_a_sign_in_link_for_a_coordinator(app, two):
    alex = signed_in_client(app, two["alex"])
    url = f"/organisation/coordinators/{two['cleo_membership']}/sign-in-link"
    start = alex.get(url)
    assert start.status_code == 200 and "Make a sign-in link" in start.get_data(as_text=True)
    made = alex.post(url)
    assert made.status_code == 200
    check_page(made.get_data(as_text=True))
    assert "/sign-in/link/" in made.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(SignInLink).where(SignInLink.user_id == two["cleo"]))


def test_no_sign_in_link_for_someone_who_also_works_elsewhere(app, two):
    """A link lets its holder act as the person: not for someone also in B."""
    with app.app_context():
        org_b = db.session.get(OrgMembership, two["bea_membership"]).organisation
        cleo = db.session.get(User, two["cleo"])
        service.join(org_b, cleo, service.OrgRole.COORDINATOR)
        db.session.commit()
    alex = signed_in_client(app, two["alex"])
    url = f"/organisation/coordinators/{two['cleo_membership']}/sign-in-link"
    response = _unchanged(app, alex, "POST", url, status=(403,))
    assert "also works with another organisation" in response.get_data(as_text=True)
    assert alex.get(url).status_code == 403


# --- another organisation's coordinators --------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "role"),
        ("GET", "remove"),
        ("POST", "remove"),
        ("GET", "sign-in-link"),
        ("POST", "sign-in-link"),
    ],
)
def test_another_organisations_coordinator_is_404(app, two, method, path):
    alex = signed_in_client(app, two["alex"])
    url = f"/organisation/coordinators/{two['bea_membership']}/{path}"
    _unchanged(app, alex, method, url, {"role": "coordinator"}, status=(404,))


# --- the name -------------------------------------------------------------------------------


def test_change_the_name(app, two):
    alex = signed_in_client(app, two["alex"])
    assert alex.get("/organisation/name").status_code == 200
    response = alex.post("/organisation/name", data={"name": "Alpha Trust North"})
    assert response.status_code == 302
    assert "<h1>Alpha Trust North</h1>" in alex.get("/organisation").get_data(as_text=True)
    bad = _unchanged(app, alex, "POST", "/organisation/name", {"name": "  "}, status=(400,))
    check_error_page(bad.get_data(as_text=True), "name", "Enter the organisation&#39;s name")


# --- several organisations: switching -------------------------------------------------------


def _in_both(app, two) -> None:
    with app.app_context():
        org_b = db.session.get(OrgMembership, two["bea_membership"]).organisation
        service.join(org_b, db.session.get(User, two["cleo"]), service.OrgRole.COORDINATOR)
        db.session.commit()


def test_a_coordinator_of_two_organisations_switches_between_them(app, two):
    _in_both(app, two)
    cleo = signed_in_client(app, two["cleo"])
    jobs = cleo.get("/jobs").get_data(as_text=True)
    check_page(jobs)
    assert 'name="organisation"' in jobs and "Alphaline worker" in jobs and "Betaline" not in jobs
    assert "<h1>Alpha Trust</h1>" in cleo.get("/organisation").get_data(as_text=True)

    response = cleo.post("/organisation/switch", data={"organisation": str(two["org_b"])})
    assert response.status_code == 302 and response.headers["Location"].endswith("/jobs")
    jobs = cleo.get("/jobs").get_data(as_text=True)
    assert "Betaline worker" in jobs and "Alphaline" not in jobs
    assert "You are working in Beta Care." in jobs
    assert "<h1>Beta Care</h1>" in cleo.get("/organisation").get_data(as_text=True)
    # She manages both organisations' jobs; new jobs go into the one she works in.
    assert cleo.get(f"/jobs/{two['job_a']}/edit").status_code == 200
    assert cleo.get(f"/jobs/{two['job_b']}/edit").status_code == 200
    made = cleo.post(
        "/jobs/new",
        data={"title": "Cook", "ref": "SW-2027-01-B", "interview_date": "2027-02-01",
              "start_time": "10:00"},
    )  # fmt: skip
    assert made.status_code == 302
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "SW-2027-01-B"))
        assert job.organisation_id == two["org_b"]


def test_switching_to_an_organisation_that_is_not_yours_is_404(app, two):
    alex = signed_in_client(app, two["alex"])
    _unchanged(app, alex, "POST", "/organisation/switch", {"organisation": two["org_b"]}, (404,))
    _unchanged(app, alex, "POST", "/organisation/switch", {"organisation": "x"}, (404,))
    assert "<h1>Alpha Trust</h1>" in alex.get("/organisation").get_data(as_text=True)


def test_one_organisation_has_no_switcher(app, two):
    jobs = signed_in_client(app, two["alex"]).get("/jobs").get_data(as_text=True)
    assert 'name="organisation"' not in jobs and "Jobs of Alpha Trust." in jobs


# --- references are per organisation ------------------------------------------------------


def test_a_reference_used_by_another_organisation_is_free_here(app, two):
    """B's job has A's reference too; A's coordinator is told only about A's own jobs."""
    alex = signed_in_client(app, two["alex"])
    data = {"title": "T", "interview_date": "2027-02-01", "start_time": "10:00"}
    taken = alex.post("/jobs/new", data={**data, "ref": "SW-2027-01"})
    check_error_page(taken.get_data(as_text=True), "ref", "Another job already has this")
    assert alex.post("/jobs/new", data={**data, "ref": "NEW-1"}).status_code == 302
    bea = signed_in_client(app, two["bea"])
    assert bea.post("/jobs/new", data={**data, "ref": "NEW-1"}).status_code == 302
    with app.app_context():
        count = db.session.scalar(select(func.count(Job.id)).where(Job.ref == "NEW-1"))
    assert count == 2


# --- CSRF -----------------------------------------------------------------------------------


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _tokens(html: str) -> list[str]:
    return re.findall(r'name="csrf_token"[^>]*value="([^"]+)"', html)


def test_every_form_on_the_page_carries_a_csrf_token(app, two, csrf_on):
    alex = signed_in_client(app, two["alex"])
    html = alex.get("/organisation").get_data(as_text=True)
    forms = re.findall(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S)
    assert len(forms) >= 4  # sign out, two role buttons, the invite form
    assert all(_tokens(f) for f in forms)


@pytest.mark.parametrize(
    "url",
    [
        "/organisation/invite",
        "/organisation/name",
        "/organisation/switch",
        "/organisation/coordinators/{m}/role",
        "/organisation/coordinators/{m}/remove",
        "/organisation/coordinators/{m}/sign-in-link",
    ],
)
def test_forms_without_a_csrf_token_are_refused(app, two, csrf_on, url):
    alex = signed_in_client(app, two["alex"])
    url = url.format(m=two["cleo_membership"])
    data = {"name": "Nia N", "email": "nia@alpha.example", "role": "admin"}
    data["organisation"] = str(two["org_a"])
    response = _unchanged(app, alex, "POST", url, data, status=(400,))
    assert "This form was open too long" in response.get_data(as_text=True)


def test_a_form_with_its_csrf_token_works(app, two, csrf_on):
    alex = signed_in_client(app, two["alex"])
    token = _tokens(alex.get("/organisation").get_data(as_text=True))[0]
    response = alex.post(
        "/organisation/invite",
        data={"csrf_token": token, "name": "Nia N", "email": "nia@alpha.example", "role": "admin"},
    )
    assert response.status_code == 200


# --- GET writes nothing ---------------------------------------------------------------------


def test_the_organisation_pages_write_nothing(app, two):
    alex = signed_in_client(app, two["alex"])
    cleo = signed_in_client(app, two["cleo"])
    m = two["cleo_membership"]
    for client, url in (
        (alex, "/organisation"),
        (alex, "/organisation/name"),
        (alex, f"/organisation/coordinators/{m}/remove"),
        (alex, f"/organisation/coordinators/{m}/sign-in-link"),
        (alex, "/jobs"),
        (cleo, "/organisation"),
    ):
        with no_writes(app):
            assert client.get(url).status_code == 200, url
