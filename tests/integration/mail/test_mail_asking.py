"""Asking for a link by email (no sign-in), and the coordinator emailing a member's link."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from panels.db import db
from panels.invitations import service as invitation_service
from panels.models import Candidate, Message, MessageKind, SignInLink
from tests.conftest import signed_in_client
from tests.integration.mail_helpers import first_link, parts, run_mail

SAME = "Thank you. Please look at your email."


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _messages(app, kind=None):
    with app.app_context():
        query = select(Message).order_by(Message.id)
        if kind:
            query = query.where(Message.kind == kind)
        found = list(db.session.scalars(query))
        db.session.expunge_all()
    return found


def test_a_member_asks_for_a_sign_in_link_and_it_signs_them_in(app, world, smtp):
    client = app.test_client()
    page = client.get("/sign-in")
    assert "/sign-in/email-me-a-link" in page.get_data(as_text=True)
    response = client.post("/sign-in/email-me-a-link", data={"email": " SAM@example.org "})
    assert response.status_code == 200 and SAME in response.get_data(as_text=True)
    run_mail(app)
    [email] = smtp.inbox.to("sam@example.org")
    text, _html = parts(email)
    link = urlsplit(first_link(text)).path
    fresh = app.test_client()
    assert fresh.get(link).status_code == 200
    signed = fresh.post(link)
    assert signed.status_code == 302
    assert fresh.get("/jobs").status_code == 200


def test_the_page_says_the_same_for_an_unknown_address_and_sends_nothing(app, world, smtp):
    client = app.test_client()
    known = client.post("/sign-in/email-me-a-link", data={"email": "sam@example.org"})
    unknown = client.post("/sign-in/email-me-a-link", data={"email": "nobody@example.org"})
    coordinator = client.post("/sign-in/email-me-a-link", data={"email": "alex@example.org"})
    bodies = {r.get_data(as_text=True).split("csrf")[0] for r in (known, unknown, coordinator)}
    assert len({r.status_code for r in (known, unknown, coordinator)}) == 1
    assert all(SAME in b for b in bodies)
    # Coordinators sign in with their password: no link by email for them.
    assert [m.recipient for m in _messages(app)] == ["sam@example.org"]


def test_asking_again_and_again_sends_a_few_then_stops(app, world):
    client = app.test_client()
    for _ in range(6):
        response = client.post("/sign-in/email-me-a-link", data={"email": "sam@example.org"})
        assert response.status_code == 200
    assert len(_messages(app, MessageKind.SIGN_IN_LINK)) == 3  # limits.MAIL_ASKS


def test_asking_from_one_address_is_throttled(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ATTEMPTS_PER_ADDRESS", 2)
    client = app.test_client()
    for n in range(2):
        assert (
            client.post("/sign-in/email-me-a-link", data={"email": f"x{n}@example.org"}).status_code
            == 200
        )
    refused = client.post("/sign-in/email-me-a-link", data={"email": "sam@example.org"})
    assert refused.status_code == 429
    assert "too many" in refused.get_data(as_text=True).lower()
    assert _messages(app) == []


def test_a_bad_address_is_told_in_plain_words(app, world):
    response = app.test_client().post("/sign-in/email-me-a-link", data={"email": "sam"})
    assert response.status_code == 400
    assert "Enter an email address in the right format" in response.get_data(as_text=True)


def test_a_candidate_gets_their_invitation_again_only_while_it_is_live(app, world, smtp):
    with app.app_context():
        db.session.get(Candidate, world["cand_a"]).email = "ruth@example.org"
        db.session.commit()
    client = app.test_client()
    # No link was ever made for Ruth: nothing to send, the same words.
    first = client.post("/invitation/send-again", data={"email": "ruth@example.org"})
    assert first.status_code == 200 and SAME in first.get_data(as_text=True)
    assert _messages(app) == []
    coordinator = signed_in_client(app, world["coordinator"])
    # Ruth's link is given (stored: emailed, renewed or an outcome written). Showing the
    # invitations page no longer stores links (a GET writes nothing, issue 10).
    with app.app_context():
        invitation_service.invitation_for(db.session.get(Candidate, world["cand_a"]))
        db.session.commit()
    client.post("/invitation/send-again", data={"email": "RUTH@example.org"})
    run_mail(app)
    [email] = smtp.inbox.to("ruth@example.org")
    link = urlsplit(first_link(parts(email)[0])).path
    assert client.get(link).status_code == 200
    # A stopped link is not sent again.
    coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/revoke")
    client.post("/invitation/send-again", data={"email": "ruth@example.org"})
    assert len(_messages(app, MessageKind.INVITATION_AGAIN)) == 1
    gone = client.get(link)
    assert gone.status_code == 410 and "/invitation/send-again" in gone.get_data(as_text=True)


def test_the_coordinator_emails_a_member_their_sign_in_link(app, world, smtp):
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/panel/{world['member_sam']}/sign-in-link"
    assert "Email the link to Sam Patel" in coordinator.get(url).get_data(as_text=True)
    response = coordinator.post(f"/jobs/{world['job_a']}/panel/{world['member_sam']}/email-link")
    assert response.status_code == 302
    run_mail(app)
    [email] = smtp.inbox.to("sam@example.org")
    assert email["Subject"] == "Your link to sign in to Panels"
    with app.app_context():
        assert db.session.scalar(select(SignInLink.created_by_id)) == world["coordinator"]
    other = coordinator.post(f"/jobs/{world['job_b']}/panel/{world['member_outsider']}/email-link")
    assert other.status_code == 302  # the coordinator manages job B too (same organisation)
    cross = coordinator.post(f"/jobs/{world['job_a']}/panel/{world['member_outsider']}/email-link")
    assert cross.status_code == 404
