"""The outcome letter: the coordinator writes what happened, then emails the candidate once."""

from __future__ import annotations

from sqlalchemy import select

from panels.db import db
from panels.invitations import service as invitation_service
from panels.models import Candidate, Message, MessageKind
from tests.conftest import signed_in_client


def test_the_outcome_is_emailed_once_with_its_words_and_the_page_link(app, world):
    with app.app_context():
        ruth = db.session.get(Candidate, world["cand_a"])
        ruth.email = "ruth@example.org"
        db.session.commit()
    coordinator = signed_in_client(app, world["coordinator"])
    job, cand = world["job_a"], world["cand_a"]
    early = coordinator.post(f"/jobs/{job}/invitations/{cand}/email-outcome", follow_redirects=True)
    assert "Write what happened first." in early.get_data(as_text=True)
    with app.app_context():
        invitation_service.write_outcome(
            db.session.get(Candidate, cand), "You got the job.", "Well done."
        )
    page = coordinator.get(f"/jobs/{job}/invitations").get_data(as_text=True)
    assert "Email Ruth about what happened" in page
    coordinator.post(f"/jobs/{job}/invitations/{cand}/email-outcome")
    again = coordinator.post(f"/jobs/{job}/invitations/{cand}/email-outcome", follow_redirects=True)
    assert "was emailed about this already" in again.get_data(as_text=True)
    with app.app_context():
        [message] = db.session.scalars(select(Message)).all()
        assert message.kind == MessageKind.OUTCOME
        assert "You got the job." in message.text and "Well done." in message.text
        assert "/invite/" in message.text


def test_a_candidate_with_no_address_is_told_in_plain_words(app, world):
    coordinator = signed_in_client(app, world["coordinator"])
    response = coordinator.post(
        f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/email", follow_redirects=True
    )
    assert "We do not have an email address for Ruth." in response.get_data(as_text=True)
    everyone = coordinator.post(f"/jobs/{world['job_a']}/invitations/email", follow_redirects=True)
    text = everyone.get_data(as_text=True)
    assert "No new invitations to send" in text and "Dan: We do not have an email" in text
    with app.app_context():
        assert db.session.scalars(select(Message)).all() == []
