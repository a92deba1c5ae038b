"""GET requests write nothing: the coordinator's page shows each candidate's first link
without storing it (issue 10); the link works, and keeps working once something is stored."""

from __future__ import annotations

import re

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
    suffixes = ("", "?sent=1", "/help", "/interview.ics", f"/panel/{world['member_sam']}/photo")
    for suffix in suffixes:
        with no_writes(app):
            client.get(f"/invite/{t}{suffix}")


def test_the_coordinators_page_writes_nothing_and_its_links_work(app, client, world):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/invitations"
    with no_writes(app):
        page = coordinator.get(url)
        assert page.status_code == 200
    with app.app_context():
        assert db.session.query(Invitation).count() == 0
        assert db.session.query(InvitationJob).count() == 0  # defaults until saved
    links = re.findall(r"/invite/([A-Za-z0-9_.\-]+)", page.get_data(as_text=True))
    assert len(set(links)) == 2  # Ruth's and Dan's
    for link in set(links):
        with no_writes(app):
            assert client.get(f"/invite/{link}").status_code == 200
    # The coordinator writes an outcome for Ruth: her row is stored, her link still works.
    ruth_link = links[0]
    response = coordinator.post(
        f"{url}/{world['cand_a']}/outcome", data={"outcome": "You got the job.", "feedback": ""}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.query(Invitation).count() == 1
    assert client.get(f"/invite/{ruth_link}").status_code == 200
    with no_writes(app):
        assert coordinator.get(url).status_code == 200
    # A new link for Ruth: the first one no longer works.
    assert coordinator.post(f"{url}/{world['cand_a']}/reissue").status_code == 302
    assert client.get(f"/invite/{ruth_link}").status_code == 410


def test_the_outcome_form_writes_nothing_until_sent(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    with no_writes(app):
        url = f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/outcome"
        assert coordinator.get(url).status_code == 200
