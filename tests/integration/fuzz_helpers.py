"""Set-up and checks for the fuzz test: a small world, hostile values, table snapshots."""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from urllib.parse import quote

from flask import current_app
from sqlalchemy import Integer, String, delete, select

from panels.auth import service as auth_service
from panels.auth.sessions import start_session
from panels.db import db
from panels.invitations import queries as invitation_queries
from panels.invitations import service as invitations
from panels.lib import limits
from panels.models import (
    BookingJob,
    Expense,
    Job,
    PayClaim,
    PrepMeeting,
    Question,
    QuestionMark,
    Score,
    ScoreSheet,
    SlotBooking,
    SupportedProfile,
    TimeEntry,
    User,
)
from panels.models.base import utcnow
from panels.questions import service as questions
from tests.integration.mail_matrix_helpers import fuzz_message
from tests.integration.scoring_helpers import scoring_job

HUGE_IDS = (
    str(2**31),  # one past PostgreSQL's integer
    str(2**63),  # one past a 64-bit integer
    "1" + "0" * 100,
    "9" * 5000,  # past Python's 4300 digits for int()
    "0",
)
NOT_IDS = ("-1", "１", "²", "1.5", "1e3", " 1", "")
HOSTILE_TEXT = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "<b>hi</b>",
    "NaN",
    "sNaN",
    "Infinity",
    "-0",
    "1e999",
    "true",
    "[]",
    "{}",
    "null",
    "dk",
    "a" * 100_000,
    *HUGE_IDS,
    *NOT_IDS,
)
JSON_HOSTILE = (
    None,
    True,
    False,
    0,
    -1,
    2**31,
    2**63,
    10**100,
    1.5,
    -0.0,
    1e308,
    [],
    {},
    [[[[[["deep"]]]]]],
    {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": 1}}}}}}}},
    *HOSTILE_TEXT,
)
RAW_JSON = (
    "",
    "nonsense",
    "[" * 10_000 + "]" * 10_000,
    '{"a":' * 5_000 + "1" + "}" * 5_000,
    '{"client_id": "x", "answers": {"q1": ' + "9" * 5000 + "}}",
    '{"text": NaN}',
    '{"text": "\\ud800"}',
    '{"note": "\\u0000", "client_id": "x", "answers": {}}',
    '"just text"',
    "[1, 2, 3]",
    "null",
    '{"text": "' + "x" * 100_000 + '"}',
)
EXAMPLE_JOB = Path(__file__).resolve().parents[1] / "data" / "example_job.json"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5b0000000049454e44ae426082"
)


@dataclass
class World:
    ids: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)  # table name -> every row, to put back


def empty_tables() -> None:
    db.session.remove()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.commit()


def restore(world: World) -> None:
    """Put every table back as it was just after ``seed`` (quick: no password hashing)."""
    empty_tables()
    for table in db.metadata.sorted_tables:
        if world.rows[table.name]:
            db.session.execute(table.insert(), world.rows[table.name])
    db.session.commit()


def seed() -> World:
    """Empty every table, then build the world every example starts from."""
    empty_tables()
    ids = scoring_job(candidates=("Ruth", "Dan"), ref="JOB-F")
    job = db.session.get(Job, ids["job"])
    sam = db.session.get(User, ids["sam"])
    coord = db.session.get(User, ids["coord"])
    draft = questions.add_question(job, coord, easy_read="What do you like to do?")
    db.session.flush()
    jo_member = next(m for m in job.members if m.user_id == ids["jo"])
    sam_member = next(m for m in job.members if m.user_id == ids["sam"])
    mark = QuestionMark(
        question_id=draft.id, member_id=jo_member.id, mark="change", suggestion="What do you enjoy?"
    )
    db.session.add(mark)
    agreed = db.session.scalars(
        select(Question).where(Question.job_id == job.id, Question.key == "q1")
    ).one()
    q2 = db.session.scalars(
        select(Question).where(Question.job_id == job.id, Question.key == "q2")
    ).one()
    ruth, dan = job.candidates
    sent = ScoreSheet(
        job_id=job.id,
        candidate_id=dan.id,
        member_id=sam_member.id,
        status="submitted",
        submitted_at=utcnow(),
        version=1,
    )
    sent.scores = [
        Score(question_id=agreed.id, value=1, dont_know=False),
        Score(question_id=q2.id, value=None, dont_know=True),
    ]
    db.session.add(sent)
    entry, expense = _pay(sam_member)
    meeting = PrepMeeting(
        job_id=job.id, day=date(2026, 11, 20), start_time=time(10, 0), place="The hub",
        what="Practise the questions, 30 minutes", break_every=45,
    )  # fmt: skip
    profile = SupportedProfile(
        job_id=job.id, name="Aisha", words="I like music.", consent_by="Aisha"
    )
    db.session.add_all([meeting, profile])
    invitation = invitations.invitation_for(ruth)
    # The day is 3 interview times: Ruth chose time 1, Dan was put in time 2, 3 is free.
    db.session.add(BookingJob(job_id=job.id, slots=3, self_booking=True, cutoff_hours=0))
    db.session.add_all(
        [
            SlotBooking(job_id=job.id, slot=1, candidate_id=ruth.id, booked_by="candidate"),
            SlotBooking(job_id=job.id, slot=2, candidate_id=dan.id, booked_by="coordinator"),
        ]
    )
    db.session.flush()
    invite = invitation_queries.token_for(current_app.config["SECRET_KEY"], invitation)
    shortlisting = _shortlisting(job)
    link, _row = auth_service.make_sign_in_link(sam, coord)
    ruth.email = "ruth@example.org"
    db.session.commit()
    world = World()
    world.ids = {
        **{k: v for k, v in ids.items() if isinstance(v, int)},
        "cand": ruth.id,
        "cand_sent": dan.id,
        "member": sam_member.id,
        "question": agreed.id,
        "draft": draft.id,
        "mark": mark.id,
        "outsider_job": _outsider_job(),
        "org": job.organisation_id,
        "hr_membership": db.session.get(User, ids["hr"]).org_memberships[0].id,
        "entry": entry.id,
        "expense": expense.id,
        "message": fuzz_message(job),
        "panel": job.panels[0].id,
        "meeting": meeting.id,
        "profile": profile.id,
        "quality": shortlisting["quality"],
        "application": shortlisting["application"],
    }
    world.tokens = {
        "invite": invite,
        "link": link,
        "apply": shortlisting["token"],
        "resume": shortlisting["resume"],
    }
    world.rows = {
        table.name: [dict(r) for r in db.session.execute(select(table)).mappings()]
        for table in db.metadata.sorted_tables
    }
    db.session.rollback()
    return world


def _pay(member) -> tuple[TimeEntry, Expense]:
    """Sam's pay claim: one time entry and one expense waiting for a decision."""
    claim = PayClaim(job_id=member.job_id, member_id=member.id, time_check="unseen")
    entry = TimeEntry(
        claim=claim, job_id=member.job_id, kind="preparation", day=date(2026, 12, 8),
        start_time=time(10, 0), end_time=time(12, 0), what="Getting ready",
    )  # fmt: skip
    expense = Expense(
        claim=claim, job_id=member.job_id, kind="fare", day=date(2026, 12, 15),
        amount_pence=350, no_receipt_reason="Lost", decision="waiting",
    )  # fmt: skip
    db.session.add_all([claim, entry, expense])
    db.session.flush()
    return entry, expense


def _shortlisting(job) -> dict:
    """An agreed quality, an open form, a sent application and a draft behind its link."""
    from panels.shortlist.service import resume_digest
    from tests.integration import shortlist_helpers

    (quality,) = shortlist_helpers.agreed_qualities(job.id, ("Listens to me",))
    shortlist_helpers.open_form(job.id, "fuzz-form", ("Why do you want this job?",))
    sent = shortlist_helpers.application(job.id, 1, "Rosa Quinn", ("I listen.",))
    draft = shortlist_helpers.application(job.id, 2, "Dee Raft", ("Half",), status="draft")
    draft.resume_hash = resume_digest("fuzz-resume")
    db.session.flush()
    return {
        "quality": quality,
        "application": sent.id,
        "token": "fuzz-form",
        "resume": "fuzz-resume",
    }


def _outsider_job() -> int:
    from tests.conftest import make_job, make_user

    other = make_user("Olu Outside", "olu.fuzz@example.org")
    job = make_job("JOB-O", "Office assistant", [other], ["Mei"])
    db.session.commit()
    return job.id


def snapshot() -> dict[str, list[str]]:
    """Every row of every table, as text, sorted (the driver's own values: quick)."""
    out = rows_as_text(db.session.connection())
    db.session.rollback()
    return out


def rows_as_text(connection) -> dict[str, list[str]]:
    """Every row of every table as the driver gives it (a plain tuple), as text, sorted:
    one SELECT per table on a DB-API cursor of ``connection`` (no ORM, no events)."""
    quote = connection.dialect.identifier_preparer.quote
    cursor = connection.connection.cursor()
    try:
        out = {}
        for name in _table_names():
            cursor.execute(f"SELECT * FROM {quote(name)}")  # noqa: S608 (our own table names)
            out[name] = sorted(repr(tuple(r)) for r in cursor.fetchall())
        return out
    finally:
        cursor.close()


@functools.cache
def _table_names() -> tuple[str, ...]:
    """Every table, parents first (the models' metadata does not change in a run)."""
    return tuple(t.name for t in db.metadata.sorted_tables)


def invalid_rows(changed: set[str]) -> list[str]:
    """Values in the changed tables that the database must not hold (checked on SQLite too)."""
    problems = []
    for table in db.metadata.sorted_tables:
        if table.name not in changed:
            continue
        for row in db.session.execute(select(table)).mappings():
            for column in table.columns:
                value = row[column.name]
                where = f"{table.name}.{column.name}"
                if isinstance(value, str):
                    length = getattr(column.type, "length", None)
                    if isinstance(column.type, String) and length and len(value) > length:
                        problems.append(f"{where}: {len(value)} characters, column holds {length}")
                    if limits.text_problem(value):
                        problems.append(f"{where}: {limits.text_problem(value)}")
                elif isinstance(value, bool):
                    continue
                elif isinstance(value, int) and isinstance(column.type, Integer):
                    if abs(value) > limits.INT_MAX:
                        problems.append(f"{where}: {value} is past a 32-bit integer")
                elif isinstance(value, float) and not math.isfinite(value):
                    problems.append(f"{where}: {value}")
    db.session.rollback()
    return problems


def quoted(value: str) -> str:
    """Percent-encode text as a browser would; lone surrogates as their (invalid) bytes."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def form_body(pairs: list[tuple[str, str]]) -> bytes:
    return "&".join(f"{quoted(k)}={quoted(v)}" for k, v in pairs).encode()


BOUNDARY = "fuzz-boundary-7c1e"


def multipart_body(pairs: list[tuple[str, str | tuple[bytes, str]]]) -> bytes:
    chunks = []
    for name, value in pairs:
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{_header(name)}"'
        if isinstance(value, tuple):
            data, filename = value
            head += f'; filename="{_header(filename)}"\r\nContent-Type: application/octet-stream'
        else:
            data = value.encode("utf-8", "surrogatepass")
        chunks.append(head.encode("utf-8", "surrogatepass") + b"\r\n\r\n" + data + b"\r\n")
    chunks.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(chunks)


def _header(text: str) -> str:
    return re.sub(r'["\r\n\\]', "_", text)


def job_file(change: dict[str, object] | None = None) -> bytes:
    """The README's example job file, with hostile values put in."""
    data = json.loads(EXAMPLE_JOB.read_text())
    data["job"]["ref"] = "FUZZ-1"
    for path, value in (change or {}).items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return json.dumps(data).encode()


def sign_in_as(client, user_id: int | None) -> None:
    """Sign the client in as the person (a live server-side session), or sign it out."""
    with client.session_transaction() as session:
        session.clear()
        if user_id is not None:
            session.update(start_session(user_id, client.application))
