"""The organisations service and queries, called directly (no HTTP)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from panels.db import db
from panels.models import AuditEvent, OrgMembership, OrgRole, User
from panels.orgs import queries, service
from tests.conftest import make_job, make_user
from tests.integration.orgs_helpers import two_organisations


@pytest.fixture
def two(ctx):
    return two_organisations()


def test_slugs_from_names(ctx):
    assert service.slug_for("North Leeds Self-Advocacy") == "north-leeds-self-advocacy"
    assert service.slug_for("Café Ørsted") == "cafe-rsted"
    assert service.slug_for("!!!") == "organisation"
    assert len(service.slug_for("word " * 30)) <= 40
    assert service.is_slug("north-leeds") and service.is_slug("a1")
    for bad in ("North", "-a", "a-", "a--b", "a_b", "", "a" * 41):
        assert not service.is_slug(bad), bad


def test_a_taken_slug_gets_a_number(ctx):
    first = service.create_organisation("Leeds")
    second = service.create_organisation("Leeds")
    third = service.create_organisation("Other", "leeds")
    assert (first.slug, second.slug, third.slug) == ("leeds", "leeds-2", "leeds-3")
    assert queries.by_slug("leeds-2").id == second.id


def test_people_in_organisations(two):
    a, b = two["org_a"], two["org_b"]
    assert not queries.in_another(two["sam"], a)  # on A's panel only
    assert queries.in_another(two["sam"], b)
    assert queries.in_another(two["bea"], a) and not queries.in_another(two["bea"], b)
    assert queries.in_any_of(two["cleo"], [a]) and not queries.in_any_of(two["cleo"], [b])
    assert not queries.in_any_of(two["cleo"], [])
    nobody = make_user("Nobody Yet", "nobody@example.org")
    assert queries.reachable(nobody.id, a) and queries.reachable(nobody.id, b)
    assert not queries.reachable(two["olu"], a)


def test_a_coordinator_of_two_is_reachable_by_both_but_in_another_for_each(two):
    org_b = queries.organisation(two["org_b"])
    service.join(org_b, db.session.get(User, two["cleo"]), OrgRole.COORDINATOR)
    for org in (two["org_a"], two["org_b"]):
        assert queries.reachable(two["cleo"], org) and queries.in_another(two["cleo"], org)


def test_coordinators_admins_first_then_by_name(two):
    org_a = queries.organisation(two["org_a"])
    service.join(org_a, make_user("Aaron First", "aaron@alpha.example"), OrgRole.COORDINATOR)
    names = [m.user.name for m in queries.coordinators(two["org_a"])]
    assert names == ["Alex Alphaadmin", "Aaron First", "Cleo Alphacoord"]


def test_invite_someone_new_and_refusals(two):
    org_a = queries.organisation(two["org_a"])
    alex = db.session.get(User, two["alex"])
    invited = service.invite(org_a, "Nia New", "  NIA@Alpha.example ", OrgRole.ADMIN, alex)
    assert invited.new_person and invited.membership.role == "admin"
    assert invited.membership.user.email == "nia@alpha.example"
    assert invited.link.user_id == invited.membership.user_id and len(invited.token) > 20
    with pytest.raises(service.OrgProblem, match="already a coordinator here"):
        service.invite(org_a, "Nia", "nia@alpha.example", OrgRole.ADMIN, alex)
    with pytest.raises(service.OrgProblem, match="another organisation"):
        service.invite(org_a, "Olu", "olu@beta.example", OrgRole.COORDINATOR, alex)


def test_the_last_admin_stays(two):
    org_a = queries.organisation(two["org_a"])
    mine = queries.membership_of(two["org_a"], two["alex"])
    with pytest.raises(service.LastAdmin):
        service.change_role(org_a, mine, OrgRole.COORDINATOR)
    mine = queries.membership_of(two["org_a"], two["alex"])
    with pytest.raises(service.LastAdmin):
        service.remove(org_a, mine)
    assert queries.admin_count(two["org_a"]) == 1
    cleo = queries.coordinator_in(two["org_a"], two["cleo_membership"])
    service.change_role(org_a, cleo, OrgRole.ADMIN)
    service.remove(org_a, queries.membership_of(two["org_a"], two["alex"]))
    assert queries.admin_count(two["org_a"]) == 1
    # Alex sits on job A's panel: no longer a coordinator, still one of its members.
    alex = queries.membership_of(two["org_a"], two["alex"])
    assert alex.role == OrgRole.MEMBER and queries.coordinator_in(two["org_a"], alex.id) is None
    assert not db.session.get(User, two["alex"]).is_coordinator
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["coordinator role changed", "coordinator removed"]


def test_a_membership_of_another_organisation_is_not_found(two):
    assert queries.coordinator_in(two["org_a"], two["bea_membership"]) is None
    assert queries.coordinator_in(two["org_b"], two["bea_membership"]) is not None


def test_jobs_with_a_reference_in_one_or_every_organisation(two):
    assert len(queries.jobs_with_ref("SW-2027-01")) == 2
    assert [j.id for j in queries.jobs_with_ref("SW-2027-01", two["org_b"])] == [two["job_b"]]
    assert queries.jobs_with_ref("NONE") == []


def test_is_coordinator_means_coordinating_somewhere(two):
    assert db.session.get(User, two["cleo"]).is_coordinator
    assert not db.session.get(User, two["sam"]).is_coordinator
    org_a = queries.organisation(two["org_a"])
    service.remove(org_a, queries.coordinator_in(two["org_a"], two["cleo_membership"]))
    db.session.expire_all()
    assert not db.session.get(User, two["cleo"]).is_coordinator
    assert (
        db.session.scalar(select(OrgMembership).where(OrgMembership.user_id == two["cleo"])) is None
    )


def test_a_job_belongs_to_its_organisation(two):
    job = make_job("X-1", organisation=queries.organisation(two["org_b"]))
    assert job.organisation.slug == "beta"
