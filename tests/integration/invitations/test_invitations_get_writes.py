"""GET requests write nothing, except that the coordinator's page makes missing links."""

from __future__ import annotations

from panels.db import db
from panels.models import Invitation, InvitationJob, Job
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import add_questions, token
from tests.integration.writes_helpers import writes


def test_the_candidates_pages_write_nothing(app, client, world):
    with app.app_context():
        add_questions(db.session.get(Job, world["job_a"]))
        db.session.commit()
        t = token(app, world["cand_a"])
    for suffix in ("", "?sent=1", "/interview.ics", f"/panel/{world['member_sam']}/photo"):
        with writes(app) as found:
            client.get(f"/invite/{t}{suffix}")
        assert found == [], suffix


def test_the_coordinators_page_makes_each_link_once_and_nothing_else(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/invitations"
    with writes(app) as first:
        assert coordinator.get(url).status_code == 200
    assert first == ["INSERT invitation", "INSERT invitation"]  # Ruth and Dan
    with writes(app) as again:
        assert coordinator.get(url).status_code == 200
    assert again == []
    with app.app_context():
        assert db.session.query(Invitation).count() == 2
        assert db.session.query(InvitationJob).count() == 0  # defaults until saved


def test_the_outcome_form_writes_nothing_until_sent(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with writes(app) as found:
        url = f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/outcome"
        assert coordinator.get(url).status_code == 200
    assert found == []
