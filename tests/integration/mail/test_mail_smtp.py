"""Emails through a real SMTP server on loopback: what arrives, retries, failures."""

from __future__ import annotations

import io
import socket
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import select, update

from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations import service as invitation_service
from panels.mail import service
from panels.models import Candidate, Job, Message, MessageStatus, MessageVia, Task
from panels.models.base import utcnow
from tests.conftest import signed_in_client
from tests.integration.invitations_helpers import add_questions
from tests.integration.mail_helpers import REFUSED, attachments, first_link, parts, run_mail


@pytest.fixture
def world(shared_world):
    """Every test here starts from ``world``: its rows are built once for the module and
    each test's writes are rolled back after it (``shared_world`` in tests/conftest.py)."""
    return dict(shared_world)


def _emails(app, world, addresses=("ruth@example.org", "dan@example.org")):
    with app.app_context():
        for candidate_id, address in zip(
            (world["cand_a"], world["cand_a"] + 1), addresses, strict=True
        ):
            db.session.get(Candidate, candidate_id).email = address
        add_questions(db.session.get(Candidate, world["cand_a"]).job)
        db.session.commit()


def _messages(app) -> list[Message]:
    with app.app_context():
        found = list(db.session.scalars(select(Message).order_by(Message.id)))
        db.session.expunge_all()
    return found


def test_an_invitation_arrives_with_both_parts_a_pdf_an_ics_and_a_link_that_works(app, world, smtp):
    _emails(app, world)
    coordinator = signed_in_client(app, world["coordinator"])
    response = coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/email")
    assert response.status_code == 302
    assert [m.status for m in _messages(app)] == [MessageStatus.QUEUED]
    assert smtp.inbox.received == []  # nothing is sent by the request itself

    assert run_mail(app) == 1
    [email] = smtp.inbox.received
    assert email["To"] == "Ruth <ruth@example.org>"
    assert email["From"] == "Panels <panels@example.org>"
    assert email["Subject"] == "Your interview for the job: Support worker"
    assert email["Message-ID"]
    text, html = parts(email)
    assert "Dear Ruth," in text and "Your interview is on Tuesday 15 December 2026." in text
    assert "Please come at" in text and "Community Hub" in text
    assert "Your interview is on Tuesday 15 December 2026." in html
    assert 'alt=""' in html and "font-size:22px" in html  # pictures decorate; big text
    files = attachments(email)
    pdf = PdfReader(io.BytesIO(files["interview-invitation.pdf"]))
    assert "Support worker" in pdf.pages[0].extract_text()
    calendar = Calendar.from_ical(files["interview.ics"])
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Interview: Support worker"
    assert event.decoded("dtstart").date().isoformat() == "2026-12-15"

    link = first_link(text)
    assert link in html
    page = app.test_client().get(urlsplit(link).path)
    assert page.status_code == 200
    assert "Support worker" in page.get_data(as_text=True)
    [sent] = _messages(app)
    assert (sent.status, sent.via, sent.attempts) == (MessageStatus.SENT, MessageVia.SMTP, 1)


def test_sending_twice_sends_once_and_a_new_link_sends_the_new_link(app, world, smtp):
    _emails(app, world)
    coordinator = signed_in_client(app, world["coordinator"])
    url = f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/email"
    coordinator.post(url)
    again = coordinator.post(url, follow_redirects=True)
    assert "was emailed this link already" in again.get_data(as_text=True)
    run_mail(app)
    assert len(smtp.inbox.received) == 1
    old_link = first_link(parts(smtp.inbox.received[0])[0])

    coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/reissue")
    coordinator.post(url)
    run_mail(app)
    assert len(smtp.inbox.received) == 2
    new_link = first_link(parts(smtp.inbox.received[1])[0])
    assert new_link != old_link
    client = app.test_client()
    assert client.get(urlsplit(old_link).path).status_code == 410
    assert client.get(urlsplit(new_link).path).status_code == 200


def _an_hour_passes(app):
    """Every wait for a retry is over."""
    with app.app_context():
        earlier = utcnow() - timedelta(seconds=1)
        db.session.execute(update(Message).values(next_try_at=earlier))
        db.session.execute(update(Task).where(Task.status == "queued").values(run_after=earlier))
        db.session.commit()


def test_every_message_arrives_once_when_the_server_stops_mid_run_and_comes_back(
    app, world, smtp, monkeypatch
):
    _emails(app, world)
    with app.app_context():
        job_id = world["job_a"]
        for n in range(4):  # more candidates with addresses
            job = db.session.get(Job, job_id)
            db.session.add(
                Candidate(job=job, key=f"x{n}", name=f"Extra {n}", email=f"extra{n}@example.org")
            )
        db.session.commit()
    coordinator = signed_in_client(app, world["coordinator"])
    coordinator.post(f"/jobs/{job_id}/invitations/email")
    queued = _messages(app)
    assert len(queued) == 6

    assert run_mail(app, limit=2) == 2  # two go out, then the server goes away
    smtp.stop()
    monkeypatch.setitem(app.config, "MAIL_RETRY_SECONDS", 3600)
    run_mail(app)
    waiting = [m for m in _messages(app) if m.status == MessageStatus.QUEUED]
    assert len(waiting) == 4
    assert all("could not reach the mail server" in m.last_error for m in waiting)
    page = coordinator.get(f"/jobs/{job_id}/messages").get_data(as_text=True)
    assert "Waiting to try again" in page

    smtp.start()  # the same port
    _an_hour_passes(app)
    run_mail(app)
    recipients = sorted(str(m["To"]) for m in smtp.inbox.received)
    assert len(recipients) == 6 and len(set(recipients)) == 6  # each one, exactly once
    assert {m.status for m in _messages(app)} == {MessageStatus.SENT}
    run_mail(app)  # nothing left: running again sends nothing more
    assert len(smtp.inbox.received) == 6


def test_a_refused_address_is_failed_with_the_reason_and_not_tried_again(app, world, smtp):
    _emails(app, world, (f"{REFUSED}@example.org", "dan@example.org"))
    coordinator = signed_in_client(app, world["coordinator"])
    coordinator.post(f"/jobs/{world['job_a']}/invitations/email")
    run_mail(app)
    by_address = {m.recipient: m for m in _messages(app)}
    refused = by_address[f"{REFUSED}@example.org"]
    assert refused.status == MessageStatus.FAILED and refused.attempts == 1
    assert "refused this email address" in refused.last_error
    assert "550" in refused.last_error
    assert by_address["dan@example.org"].status == MessageStatus.SENT
    page = coordinator.get(f"/jobs/{world['job_a']}/messages").get_data(as_text=True)
    assert "Failed: The mail server refused this email address" in page
    assert run_mail(app) == 0


def test_a_server_that_does_not_answer_is_a_timeout_tried_again_then_failed(
    app, world, smtp, monkeypatch
):
    _emails(app, world)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # takes connections, never says hello
    monkeypatch.setitem(app.config, "MAIL_PORT", silent.getsockname()[1])
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 0.2)
    monkeypatch.setattr("panels.lib.limits.MAIL_ATTEMPTS", 2)
    try:
        coordinator = signed_in_client(app, world["coordinator"])
        coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/email")
        run_mail(app)
    finally:
        silent.close()
    [message] = _messages(app)
    assert message.status == MessageStatus.FAILED and message.attempts == 2
    assert "did not answer in time" in message.last_error
    assert "We stopped after 2 tries" in message.last_error


def test_resend_sends_a_new_copy(app, world, smtp):
    _emails(app, world)
    coordinator = signed_in_client(app, world["coordinator"])
    coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/email")
    run_mail(app)
    [first] = _messages(app)
    response = coordinator.post(f"/jobs/{world['job_a']}/messages/{first.id}/resend")
    assert response.status_code == 302
    run_mail(app)
    assert len(smtp.inbox.to("ruth@example.org")) == 2
    assert [m.dedupe_key for m in _messages(app)][1] == f"resend:{first.id}:1"


def test_with_no_mail_server_messages_are_kept_to_read_and_the_page_says_so(app, world):
    _emails(app, world)
    coordinator = signed_in_client(app, world["coordinator"])
    coordinator.post(f"/jobs/{world['job_a']}/invitations/{world['cand_a']}/email")
    run_mail(app)
    [message] = _messages(app)
    assert (message.status, message.via) == (MessageStatus.SENT, MessageVia.OUTBOX)
    page = coordinator.get(f"/jobs/{world['job_a']}/messages").get_data(as_text=True)
    assert "No mail server is set up" in page and "Kept here (no mail server)" in page
    one = coordinator.get(f"/jobs/{world['job_a']}/messages/{message.id}")
    assert one.status_code == 200 and "Dear Ruth," in one.get_data(as_text=True)
    html = coordinator.get(f"/jobs/{world['job_a']}/messages/{message.id}/email.html")
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert "default-src 'none'" in html.headers["Content-Security-Policy"]


def test_the_invitation_is_written_with_the_change_in_one_transaction(app, world):
    _emails(app, world)
    with app.app_context():
        candidate = db.session.get(Candidate, world["cand_a"])
        invitation = invitation_service.invitation_for(candidate)
        db.session.commit()
        db.session.rollback()
        assert service.email_invitation(candidate) is True
        assert service.email_invitation(candidate) is False  # one cause, one message
        assert len(db.session.scalars(select(Message)).all()) == 1
        assert invitation.version == invitation_queries.FIRST_VERSION  # the first link, stored
