"""The command line and the demo: organisations made, chosen and asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from panels import demo
from panels.db import db
from panels.models import Job, Organisation, OrgMembership, User
from tests.integration.orgs_helpers import two_organisations

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example_job.json"


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def _coordinator(app, *extra):
    return _run(
        app, "create-coordinator", "--email", "Kim@North.example", "--name", "Kim North",
        "--password", "a long password", *extra,
    )  # fmt: skip


def _memberships(app, email: str) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(Organisation.slug, OrgMembership.role)
            .join(OrgMembership, OrgMembership.organisation_id == Organisation.id)
            .join(User, User.id == OrgMembership.user_id)
            .where(User.email == email)
            .order_by(Organisation.slug)
        )
        return [tuple(r) for r in rows]


def _organisations(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [
            tuple(r)
            for r in db.session.execute(
                select(Organisation.slug, Organisation.name).order_by(Organisation.slug)
            )
        ]


def test_create_coordinator_makes_a_new_organisation(app):
    result = _coordinator(app, "--organisation", "north-leeds", "--organisation-name", "North")
    assert result.exit_code == 0, result.output
    assert "Kim North can now sign in as an admin of North (north-leeds)." in result.output
    assert _organisations(app) == [("north-leeds", "North")]
    assert _memberships(app, "kim@north.example") == [("north-leeds", "admin")]
    with app.app_context():
        kim = db.session.scalar(select(User).where(User.email == "kim@north.example"))
        assert check_password_hash(kim.password_hash, "a long password")


def test_create_coordinator_joins_an_existing_organisation(app):
    with app.app_context():
        two_organisations()
    assert _coordinator(app, "--organisation", "beta").exit_code == 0
    assert _coordinator(app, "--organisation", "alpha").exit_code == 0  # in both now
    assert _memberships(app, "kim@north.example") == [("alpha", "admin"), ("beta", "admin")]
    assert len(_organisations(app)) == 2


def test_create_coordinator_with_no_organisation_yet_makes_one(app):
    assert _coordinator(app).exit_code == 0
    assert _organisations(app) == [("our-organisation", "Our organisation")]
    assert _memberships(app, "kim@north.example") == [("our-organisation", "admin")]


def test_create_coordinator_with_one_organisation_uses_it(app):
    assert _coordinator(app, "--organisation", "solo").exit_code == 0
    result = _run(
        app, "create-coordinator", "--email", "lee@north.example", "--name", "Lee",
        "--password", "another password",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _memberships(app, "lee@north.example") == [("solo", "admin")]


def test_create_coordinator_with_several_organisations_asks_which(app):
    with app.app_context():
        two_organisations()
    result = _coordinator(app)
    assert result.exit_code != 0
    assert "say which with --organisation" in result.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "kim@north.example")) is None


@pytest.mark.parametrize("slug", ["North Leeds", "-north", "north_leeds", "a" * 41])
def test_create_coordinator_refuses_a_slug_that_is_not_one(app, slug):
    result = _coordinator(app, "--organisation", slug)
    assert result.exit_code != 0 and "lower-case letters, digits and dashes" in result.output
    assert _organisations(app) == []


def test_exports_ask_which_organisation_when_a_reference_is_in_two(app):
    with app.app_context():
        two_organisations()
    for command in ("export-plan", "export-results"):
        result = _run(app, command, "SW-2027-01")
        assert result.exit_code != 0 and "say which with --organisation" in result.output
        unknown = _run(app, command, "SW-2027-01", "--organisation", "gamma")
        assert unknown.exit_code != 0 and 'There is no organisation "gamma"' in unknown.output
    result = _run(app, "export-results", "SW-2027-01", "--organisation", "alpha")
    assert result.exit_code == 0, result.output
    assert "Ruth Alphacand" in result.output


def test_import_job_into_a_named_organisation(app):
    with app.app_context():
        ids = two_organisations()
    assert _run(app, "import-job", str(EXAMPLE)).exit_code != 0  # which one?
    result = _run(app, "import-job", str(EXAMPLE), "--organisation", "beta")
    assert result.exit_code == 0, result.output
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.ref == "SW-2025-014"))
        assert job.organisation_id == ids["org_b"]


def test_the_demo_has_one_organisation_whose_admin_is_the_demo_coordinator(app):
    """Its coordinator is its admin; the other people on the panel are its members."""
    with app.app_context():
        job = demo.load_demo()
        orgs = db.session.scalars(select(Organisation)).all()
        assert [(o.name, o.slug) for o in orgs] == [("Demo organisation", "demo")]
        assert job.organisation_id == orgs[0].id
        rows = db.session.execute(
            select(User.email, OrgMembership.role)
            .join(OrgMembership, OrgMembership.user_id == User.id)
            .order_by(User.email)
        ).all()
        assert [tuple(r) for r in rows] == [
            ("coordinator@example.org", "admin"),
            ("jo@example.org", "member"),
            ("priya@example.org", "member"),
            ("sam@example.org", "member"),
        ]
        assert {m.organisation_id for m in job.members for m in m.user.org_memberships} == {
            orgs[0].id
        }
        shown = orgs[0].settings
        assert shown is not None and shown.display_name and shown.contact
        assert db.session.scalar(select(func.count(Job.id))) == 1


def test_list_organisations(app):
    with app.app_context():
        two_organisations()
    result = _run(app, "list-organisations")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [
        "alpha\tAlpha Trust\talex@alpha.example, cleo@alpha.example",
        "beta\tBeta Care\tbea@beta.example",
    ]


def test_import_job_into_a_new_installation_makes_its_first_organisation(app):
    result = _run(app, "import-job", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert _organisations(app) == [("our-organisation", "Our organisation")]
    with app.app_context():
        org = db.session.scalar(select(Organisation))
        job = db.session.scalar(select(Job))
        assert job.organisation_id == org.id
        # Everyone on the imported panel is a member of it.
        people = {m.user_id for m in job.members}
        rows = db.session.scalars(
            select(OrgMembership).where(OrgMembership.user_id.in_(people))
        ).all()
        assert {(r.organisation_id, r.role) for r in rows} == {(org.id, "member")}
        assert len(rows) == len(people)
