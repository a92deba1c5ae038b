"""The emails' own words are easy-read; failures are told in plain words; backoff grows."""

from __future__ import annotations

import smtplib
from datetime import date, datetime

import pytest

from panels.invitations import content
from panels.lib import easyread
from panels.mail import core, words

FACTS = content.Facts(
    job_title="Support worker",
    day=date(2026, 12, 15),
    place="Community Hub\n12 High Street\nLeeds",
    contact="Alex Morgan, 0113 496 0000",
    times=(
        datetime(2026, 12, 15, 10, 10),
        datetime(2026, 12, 15, 10, 25),
        datetime(2026, 12, 15, 11, 20),
    ),
    outcome="You got the job.",
)
DAY = core.Day("Support worker", date(2026, 12, 15), datetime(2026, 12, 15, 9, 30), "Hub", "Alex")
LINK = "https://panels.example/invite/abc"
EMAILS = {
    "invitation": core.invitation_email("Ruth", LINK, FACTS),
    "again": core.again_email("Ruth", LINK, FACTS),
    "candidate reminder": core.candidate_reminder("Ruth", LINK, FACTS),
    "outcome": core.outcome_email("Ruth", LINK, FACTS),
    "sign-in": core.sign_in_email("Sam", LINK, 15),
    "day before": core.member_reminder("Sam", LINK, DAY, morning=False),
    "morning": core.member_reminder("Sam", LINK, DAY, morning=True),
    "scores": core.scores_reminder("Sam", LINK, "Support worker", 2),
}
SENTENCES = sorted(
    {s for email in EMAILS.values() for s in core.written_sentences(email)}
    | set(words.PUBLIC_WORDS)
)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_sentence_an_email_or_public_page_writes_is_easy_read(sentence):
    report = easyread.check(sentence)
    assert report.ok, [p.message for p in report.problems]


def test_the_invitation_email_uses_the_pages_own_blocks_and_has_the_link():
    email = EMAILS["invitation"]
    page = {b.key: b for b in content.blocks(FACTS)}
    for block in email.blocks:
        if block.key in page:
            assert block == page[block.key]  # the same words, not a second copy
    assert [b.key for b in email.blocks][:4] == ["job", "date", "time", "place"]
    text = core.text_part(email)
    assert "Please come at 10:10." in text and LINK in text
    assert "Dear Ruth," in text and "Who to contact" in text


def test_candidate_reminder_says_time_place_and_who_to_call():
    text = core.text_part(EMAILS["candidate reminder"])
    assert "Please come at 10:10." in text
    assert "12 High Street" in text
    assert "0113 496 0000" in text


def test_member_emails_link_to_listen():
    for name in ("day before", "morning", "scores"):
        assert "listen" in core.text_part(EMAILS[name]).lower()


def test_failures_in_plain_words():
    refused = smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})
    assert core.failure(refused) == core.Failure(
        "The mail server refused this email address (the server said: 550 No such user). "
        "Check the address is right.",
        again=False,
    )
    assert core.failure(smtplib.SMTPRecipientsRefused({"x@y.z": (451, b"later")})).again
    assert core.failure(ConnectionRefusedError()).words == "We could not reach the mail server."
    assert core.failure(TimeoutError()).words.startswith("The mail server did not answer")
    gone = smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")
    assert "did not answer in time" in core.failure(gone).words
    assert core.failure(smtplib.SMTPDataError(554, b"spam")).again is False
    assert core.failure(ValueError("x")).again is False


def test_backoff_doubles_and_stops_growing():
    assert [core.backoff_seconds(n, 60) for n in range(0, 5)] == [0, 60, 120, 240, 480]
    assert core.backoff_seconds(40, 60) == core.RETRY_CAP_SECONDS


def test_addresses_and_headers():
    assert core.looks_like_email("ruth@example.org")
    for bad in ("", "ruth", "ruth@", "a b@example.org", "ruth@example", "x" * 250 + "@a.bc"):
        assert not core.looks_like_email(bad)
    assert core.header_text("Hello\r\nBcc: x@y.z", 200) == "Hello Bcc: x@y.z"


def test_when_reminders_are_due():
    arrive = datetime(2026, 12, 15, 10, 10)
    assert core.candidate_due(datetime(2026, 12, 14, 10, 10), arrive)
    assert not core.candidate_due(datetime(2026, 12, 14, 10, 9), arrive)
    assert not core.candidate_due(arrive, arrive)
    day = date(2026, 12, 15)
    assert core.day_before_due(datetime(2026, 12, 14, 9, 0), day)
    assert not core.day_before_due(datetime(2026, 12, 14, 8, 59), day)
    assert core.morning_due(datetime(2026, 12, 15, 7, 0), day, datetime(2026, 12, 15, 9, 30))
    assert not core.morning_due(datetime(2026, 12, 15, 9, 30), day, datetime(2026, 12, 15, 9, 30))
    assert core.scores_due(datetime(2026, 12, 16, 10, 0), day, 0, 3)
    assert not core.scores_due(datetime(2026, 12, 16, 10, 0), day, 3, 3)
    assert not core.scores_due(datetime(2026, 12, 15, 18, 0), day, 0, 3)
