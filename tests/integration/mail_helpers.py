"""Mail test helpers: a real SMTP server on loopback (aiosmtpd), and running the mail tasks."""

from __future__ import annotations

import re
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from panels.common.tasks import kinds_of
from panels.db import db
from panels.mail import deliver
from panels.tasks import queue

REFUSED = "refused"  # addresses starting with this are refused by the test server


class Inbox:
    """What the server received, as parsed emails; addresses it refuses start "refused"."""

    def __init__(self):
        self.received: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith(REFUSED):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.received.append(parsed)  # type: ignore[arg-type]
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app, monkeypatch):
    """A running SMTP server the app sends to; retries wait no time at all."""
    server = SmtpServer(free_port())
    server.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 3.0)
    monkeypatch.setitem(app.config, "MAIL_RETRY_SECONDS", 0)
    monkeypatch.setitem(app.config, "MAIL_SENDER", "Panels <panels@example.org>")
    yield server
    server.stop()


def run_mail(app, limit: int = 200) -> int:
    """Run the waiting mail.send tasks (as the worker does), in this thread. How many ran."""
    kinds = {deliver.SEND: kinds_of(app)[deliver.SEND]}
    ran = 0
    with app.app_context():
        while ran < limit and (claimed := queue.claim("test-mail", kinds)) is not None:
            kinds[claimed.kind].run(claimed.payload)
            db.session.commit()
            queue.finish(claimed, "test-mail")
            ran += 1
    return ran


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML parts."""
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def attachments(message: EmailMessage) -> dict[str, bytes]:
    return {a.get_filename(): a.get_content() for a in message.iter_attachments()}


def first_link(text: str) -> str:
    found = re.search(r"https?://\S+", text)
    assert found, text
    return found.group(0)
