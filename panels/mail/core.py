"""The words of every email, how a try that failed is told, and when to try again.

Plain Python: no Flask, no database. An email is made of the same blocks as the
invitation page (``panels.invitations.content``): a heading and a picture, then one idea
per line. The HTML and the plain-text part are both made from these blocks.
"""

from __future__ import annotations

import re
import smtplib
import socket
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from panels.invitations import content
from panels.invitations.content import PICTURES, Block, Facts, Line, clock, day_words

RETRY_CAP_SECONDS = 6 * 3600  # never wait more than 6 hours between tries
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,252}\.[^@\s.]{1,63}")
_HEADER_BREAKS = re.compile(r"[\r\n\t]+")
PICTURE_MORE = "2139"  # information
PICTURE_LINK = "1F517"  # a link
PICTURE_LISTEN = "1F50A"  # speaker
PICTURE_SCORES = "1F4DD"  # memo


@dataclass(frozen=True)
class Email:
    """One email's words: subject, the greeting, blocks, and the main link (a button)."""

    subject: str
    greeting: str
    blocks: tuple[Block, ...]
    link: str
    link_words: str
    closing: tuple[str, ...] = ()


def looks_like_email(text: str) -> bool:
    """Something we can send to: one @, a dot after it, no spaces, not too long."""
    return isinstance(text, str) and len(text) <= 254 and bool(_EMAIL.fullmatch(text.strip()))


def header_text(text: str, limit: int) -> str:
    """Text safe in an email header: one line, at most ``limit`` characters."""
    return _HEADER_BREAKS.sub(" ", text or "").strip()[:limit]


def backoff_seconds(attempts: int, base: float) -> float:
    """How long to wait after the ``attempts``-th try failed: base, 2 x base, 4 x base..."""
    if attempts < 1:
        return 0.0
    return float(min(base * 2 ** min(attempts - 1, 20), RETRY_CAP_SECONDS))


@dataclass(frozen=True)
class Failure:
    """Why a try failed, in plain words, and whether trying again can help."""

    words: str
    again: bool


def _code_words(code: int, said: object) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return f"(the server said: {code} {text.strip()})"[:300]


def failure(error: BaseException) -> Failure:
    """A failed try told for the coordinator, and whether to try again later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, said = next(iter(error.recipients.values()), (550, b""))
        return Failure(
            f"The mail server refused this email address {_code_words(code, said)}. "
            "Check the address is right.",
            again=code < 500,
        )
    if isinstance(error, smtplib.SMTPSenderRefused):
        return Failure(
            "The mail server refused our sender address "
            f"{_code_words(error.smtp_code, error.smtp_error)}. Check PANELS_MAIL_SENDER.",
            again=error.smtp_code < 500,
        )
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Failure(
            "The mail server did not accept our user name or password. "
            "Check PANELS_MAIL_USERNAME and PANELS_MAIL_PASSWORD.",
            again=True,
        )
    if isinstance(error, smtplib.SMTPResponseException):
        told = _code_words(error.smtp_code, error.smtp_error)
        return Failure(
            f"The mail server did not take the email {told}.",
            again=error.smtp_code < 500,
        )
    timed_out = isinstance(error, smtplib.SMTPServerDisconnected) and "timed out" in str(error)
    if timed_out or isinstance(error, TimeoutError | socket.timeout):
        return Failure("The mail server did not answer in time.", again=True)
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | OSError):
        return Failure("We could not reach the mail server.", again=True)
    if isinstance(error, smtplib.SMTPException):
        return Failure(f"The mail server had a problem: {error}.", again=True)
    return Failure(f"The email could not be made: {type(error).__name__}.", again=False)


def gave_up(words: str, attempts: int) -> str:
    return f"{words} We stopped after {attempts} tries."


# --- the emails ---------------------------------------------------------------------------

_KEEP_LINK = "Please keep this link to yourself."
_ATTACHED = "The invitation is also in this email, to print."
_CALENDAR = "There is a file to put it in your calendar."
_KEEP_CANDIDATE = ("job", "date", "time", "parts", "place", "contact")  # parts: 2+ panels


def _block(key: str, heading: str, picture: str, *texts: str) -> Block:
    return Block(key, heading, picture, tuple(Line(t) for t in texts if t))


def _parts(facts: Facts, keys: tuple[str, ...]) -> tuple[Block, ...]:
    """The invitation page's own blocks, those in ``keys``."""
    return tuple(b for b in content.blocks(facts) if b.key in keys)


def _to_candidate(
    name: str,
    link: str,
    subject: str,
    blocks: tuple[Block, ...],
    link_words: str = "Open your invitation",
) -> Email:
    """An email to a candidate: "Dear ...", and a button to their invitation (or page)."""
    return Email(subject, f"Dear {name},", blocks, link, link_words)


def _to_member(name: str, link: str, subject: str, blocks: tuple[Block, ...]) -> Email:
    """An email to a panel member: "Hello ...", and a button to open Panels."""
    return Email(subject, f"Hello {name},", blocks, link, "Open Panels")


def invitation_email(name: str, link: str, facts: Facts) -> Email:
    """The invitation: the page's main blocks, the private link, what is attached."""
    more = _block(
        "more",
        "Your invitation",
        PICTURE_LINK,
        "Your invitation is on a web page.",
        "It is in easy-read.",
        "You can listen to it on the page.",
        "You can tell us what would help you.",
        _KEEP_LINK,
        _ATTACHED,
        _CALENDAR if facts.times else "",
    )
    return _to_candidate(
        name,
        link,
        f"Your interview for the job: {facts.job_title}",
        (*_parts(facts, _KEEP_CANDIDATE), more),
    )


def again_email(name: str, link: str, facts: Facts) -> Email:
    """A candidate asked for their link again."""
    more = _block(
        "more",
        "Your link",
        PICTURE_LINK,
        "You asked for your invitation again.",
        "Here is your link.",
        _KEEP_LINK,
        "If you did not ask for this, you do not need to do anything.",
    )
    return _to_candidate(
        name,
        link,
        f"Your invitation for the job: {facts.job_title}",
        (more, *_parts(facts, ("job", "date", "time"))),
    )


def candidate_reminder(name: str, link: str, facts: Facts) -> Email:
    """24 hours before: the time, the place, and who to call."""
    more = _block(
        "more",
        "Your invitation",
        PICTURE_LINK,
        "Your interview is soon.",
        "You can read your invitation again on the web page.",
    )
    return _to_candidate(
        name,
        link,
        f"Your interview is soon: {facts.job_title}",
        (*_parts(facts, ("date", "time", "place", "contact")), more),
    )


def outcome_email(name: str, link: str, facts: Facts) -> Email:
    """What happened, on the candidate's page; the words themselves are in the email too."""
    told = _parts(facts, ("outcome",))
    more = _block(
        "more",
        "Your page",
        PICTURE_LINK,
        "We have written to you about your interview.",
        "You can read it on your web page.",
    )
    return _to_candidate(
        name,
        link,
        f"About your interview for the job: {facts.job_title}",
        (*told, more),
        "Open your page",
    )


def sign_in_email(name: str, link: str, minutes: int) -> Email:
    """A one-time sign-in link for a panel member."""
    how = _block(
        "sign-in",
        "Sign in to Panels",
        PICTURE_LINK,
        "Here is your link to sign in.",
        "Press the button to sign in.",
        f"The link works for {minutes} minutes.",
        "It works one time.",
        "If you did not ask for this, you do not need to do anything.",
    )
    return Email(
        subject="Your link to sign in to Panels",
        greeting=f"Hello {name},",
        blocks=(how,),
        link=link,
        link_words="Sign in",
    )


@dataclass(frozen=True)
class Day:
    """What a panel member needs to know about the interview day."""

    job_title: str
    day: date
    start: datetime | None
    place: str
    contact: str


def _listen() -> Block:
    return _block(
        "listen",
        "Listen",
        PICTURE_LISTEN,
        "When you sign in, you can listen to every page.",
        "Press the speaker button.",
    )


def member_reminder(name: str, link: str, when: Day, morning: bool) -> Email:
    """The day before, or on the morning of, the interview day."""
    first = "The interviews are today." if morning else "The interviews are tomorrow."
    time = f"The interviews start at {clock(when.start)}." if when.start else ""
    day = _block(
        "date",
        "The day",
        PICTURES["date"],
        first,
        f"The day is {day_words(when.day)}.",
        time,
        f"You are on the panel for the job: {when.job_title}.",
    )
    out = [day]
    if when.place.strip():
        out.append(_block("place", "The place", PICTURES["place"], *content._address(when.place)))
    if when.contact.strip():
        out.append(
            _block(
                "contact",
                "Who to contact",
                PICTURES["contact"],
                "If you have a question, please get in touch.",
                *content._address(when.contact),
            )
        )
    out.append(_listen())
    return _to_member(
        name,
        link,
        f"{'Today' if morning else 'Tomorrow'}: interviews for {when.job_title}",
        tuple(out),
    )


def scores_reminder(name: str, link: str, job_title: str, waiting: int) -> Email:
    """A member who has not sent all their scores."""
    count = "one candidate" if waiting == 1 else f"{waiting} candidates"
    scores = _block(
        "scores",
        "Your scores",
        PICTURE_SCORES,
        f"You are on the panel for the job: {job_title}.",
        f"You have not sent your scores for {count} yet.",
        "Please send them when you can.",
        "Your say counts the same as everyone's.",
    )
    return _to_member(name, link, f"Please send your scores: {job_title}", (scores, _listen()))


def text_part(email: Email) -> str:
    """The plain-text part: the same blocks, a heading and one line each."""
    lines = [email.greeting, ""]
    for block in email.blocks:
        lines += [block.heading, "-" * len(block.heading)]
        lines += [line.text for line in block.lines]
        lines.append("")
    lines += [f"{email.link_words}:", email.link, ""]
    lines += list(email.closing)
    return "\n".join(lines).rstrip() + "\n"


def written_sentences(email: Email) -> list[str]:
    """Every sentence the app writes itself in this email (for the easy-read checker).

    Names, addresses and what the coordinator wrote (the outcome) are left out.
    """
    own = {"job", "date", "time", "length", "more", "sign-in", "listen", "scores"}
    found = [email.subject]
    for block in email.blocks:
        found.append(block.heading)
        if block.key in own:
            found += [line.text for line in block.lines]
    found.append(email.link_words)
    return list(dict.fromkeys(found))


# --- when reminders are due ----------------------------------------------------------------

DAY_BEFORE_HOUR = 9  # members hear the day before, from 09:00
MORNING_HOUR = 7  # and on the morning, from 07:00
SCORES_HOUR = 10  # members with scores to send hear each day after, from 10:00


def candidate_due(now: datetime, arrive: datetime) -> bool:
    """In the 24 hours before the candidate is asked to come."""
    return arrive - timedelta(hours=24) <= now < arrive


def day_before_due(now: datetime, day: date) -> bool:
    return now.date() == day - timedelta(days=1) and now.hour >= DAY_BEFORE_HOUR


def morning_due(now: datetime, day: date, start: datetime | None) -> bool:
    on_time = start is None or now < start
    return now.date() == day and now.hour >= MORNING_HOUR and on_time


def scores_due(now: datetime, day: date, sent_before: int, limit: int) -> bool:
    """Once a day after the interview day, up to ``limit`` times in all."""
    return now.date() > day and now.hour >= SCORES_HOUR and sent_before < limit
