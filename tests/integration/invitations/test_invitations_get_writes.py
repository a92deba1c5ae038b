"""GET requests write nothing, except that the coordinator's page makes missing links."""

from __future__ import annotations

from panels.db import db
from panels.models import Invitation, InvitationJob, Job
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import add_questions, token
from tests.integration.writes import no_writes


def test_the_candidates_pages_write_nothing(app, client, world):
    with app.app_context():
        add_questions(db.session.get(Job, world["job_a"]))
        db.session.commit()
        t = token(app, world["cand_a"])
    for suffix in ("", "?sent=1", "/interview.ics", f"/panel/{world['member_sam']}/photo"):
        with no_writes(app):
            client.get(f"/invite/{t}{suffix}")


def test_the_coordinators_page_makes_each_link_once_and_nothing_else(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/invitations"
    assert coordinator.get(url).status_code == 200  # makes Ruth's and Dan's links
    with app.app_context():
        assert db.session.query(Invitation).count() == 2
        assert db.session.query(InvitationJob).count() == 0  # defaults until saved
    with no_writes(app):
        assert coordinator.get(url).status_code == 200


def test_the_outcome_form_writes_nothing_until_sent(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with no_writes(app):
        url = f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/outcome"
        assert coordinator.get(url).status_code == 200
