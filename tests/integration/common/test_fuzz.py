"""Hostile input to every form and JSON endpoint: never a 5xx, and a refusal changes nothing.

Every POST route in the app's url_map must have an entry in SPECS (a new route fails
``test_every_post_route_is_fuzzed`` until it gets one). Each entry says who sends it and
which fields it reads. Each route gets a fixed battery (every huge id in every id slot,
every hostile text in every field, raw JSON bodies) and hypothesis examples (hostile or
valid values per field, fields dropped, unknown and repeated fields).

Checks: no 5xx. A refused request (4xx) leaves every table as it was. An accepted one
leaves only values the database can hold (lengths, NUL, surrogates, 32-bit integers):
SQLite does not enforce lengths, so this catches on SQLite what fails on PostgreSQL.
GET routes are tried with huge ids in every slot and hostile query values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from panels.auth.sessions import start_session
from panels.db import db
from panels.models.base import utcnow
from panels.plan.queries import MINUTE_SETTINGS
from panels.tasks import queue
from tests.conftest import empty_every_table, undone_after
from tests.integration.fuzz_helpers import (
    BOUNDARY,
    HOSTILE_TEXT,
    HUGE_IDS,
    JSON_HOSTILE,
    NOT_IDS,
    PNG,
    RAW_JSON,
    form_body,
    invalid_rows,
    job_file,
    multipart_body,
    quoted,
    restore,
    seed,
    sign_in_as,
    snapshot,
)

TEXT = "text"


@dataclass(frozen=True)
class Spec:
    actor: str  # "anon" or a key of the world's ids: "sam", "coord", "hr"
    fields: dict[str, str] = field(default_factory=dict)
    kind: str = "form"  # "form", "multipart" or "json"
    args: dict[str, str] = field(default_factory=dict)  # url argument -> world id key
    # Tables a refusal may still add rows to (say why); rows already there must stay as
    # they were all the same.
    refusal_adds: frozenset[str] = frozenset()
    # Counters a refusal may update in place (say why), e.g. the sign-in throttle.
    counters: frozenset[str] = frozenset()


PREFS = {
    "read_aloud": "bool",
    "more_time": "bool",
    "pace": "choice:1.0|1.5|2.0|3.0|0.5|4",
    "large_text": "bool",
    "pictures": "bool",
    "scale": "choice:faces3|points5",
    "about": TEXT,
}
JOB = {
    "title": TEXT,
    "ref": TEXT,
    "interview_date": "date",
    "start_time": "time",
    "place": TEXT,
    "contact": TEXT,
}
CANDIDATE = {"name": TEXT, "email": "email", "phone": "choice:0113 496 0000", "adjustments": TEXT}
QUESTION = {
    "easy_read": TEXT,
    "follow_up": TEXT,
    "good_answer": TEXT,
    "standard": TEXT,
    "answer_minutes": "number",
    "asker": "id:member",
    "scored": "bool",
    "overall": "bool",
    "action": "choice:save|check",
    "kind": "choice:question|activity",
    "look_for": TEXT,
    "panel": "id:panel",
}
PANEL = {"name": TEXT, "room": TEXT, "start_time": "time"}
SHEET = {
    "q-q1": "choice:1|2|3|4|5|dk",
    "q-q2": "choice:1|2|3|dk",
    "phrase": "choice:They were kind.",
    "note": TEXT,
    "reason": TEXT,
    "action": "choice:save|submit|next|back|finish",
    "version": "number",
    "client_id": "choice:abc123",
}
ORG_ROLE = "choice:coordinator|admin"
FACES = {key: "choice:1|2|3" for key in ("listened", "time", "again")}
PAY_RATES = {
    **{kind: "number" for kind in ("interview_day", "preparation", "training", "travel")},
    "mileage": "choice:0.45|0.5",
    **{f"{kind}_per": "choice:hour|session" for kind in ("interview_day", "preparation")},
    "training_per": "choice:session|hour",
    "travel_per": "choice:hour|session",
    "travel_paid": "bool",
}
PAY_TIME = {
    "kind": "choice:training|preparation|interview_day|travel",
    "day": "date",
    "start": "time",
    "end": "choice:11:00|09:00|23:59",
    "what": TEXT,
}
MEETING = {
    "day": "date",
    "start": "time",
    "place": TEXT,
    "what": TEXT,
    "break_every": "choice:45|30",
}
# The score screens make the member's empty draft sheet before they check what was sent
# (service.sheet_for); nothing already saved on it changes.
EMPTY_SHEET = frozenset({"score_sheet"})
APPLY = {
    "name": TEXT,
    "email": "email",
    "phone": "choice:0113 496 0000",
    "guaranteed": "bool",
    "website": "choice:",
    "answer_0": TEXT,
    "action": "choice:save|send",
}
# The public form counts each send against the address, like a sign-in.
APPLY_COUNTS = frozenset({"sign_in_throttle"})
SPECS: dict[str, Spec] = {
    # Failed sign-ins are written down on purpose: that is how guessing is slowed.
    # And each failed sign-in is in the audit trail.
    "auth.sign_in": Spec(
        "anon",
        {"email": "email", "password": TEXT},
        counters=frozenset({"sign_in_throttle"}),
        refusal_adds=frozenset({"audit_event", "sign_in_throttle"}),
    ),
    # A guessed link is counted against the address, like a wrong password.
    "auth.use_link": Spec(
        "anon",
        counters=frozenset({"sign_in_throttle"}),
        refusal_adds=frozenset({"audit_event", "sign_in_throttle"}),
    ),
    # Two-step sign-in (nobody has it on in the fuzz world: the code page sends them to
    # sign in, the set-up page back to the two-step page).
    "auth.two_step_code": Spec("anon", {"code": TEXT}),
    "auth.stay_signed_in": Spec("coord", {"next": TEXT}),
    "account.two_step_start": Spec("coord"),
    "account.two_step_setup": Spec("coord", {"code": TEXT}),
    "account.two_step_off": Spec("coord", {"off-code": TEXT}),
    "account.two_step_codes": Spec("coord", {"codes-code": TEXT}),
    "auth.sign_out": Spec("sam"),
    "auth.sign_out_everywhere": Spec("sam"),
    "account.prefs": Spec(
        "sam",
        {**PREFS, "photo": "file:image", "remove_photo": "bool", "photo_consent": "bool"},
        kind="multipart",
    ),
    "jobs.create": Spec("coord", JOB),
    "jobs.edit": Spec("coord", JOB),
    "members.add": Spec(
        "coord", {**PREFS, "name": TEXT, "email": "email", "group": TEXT, "panel": "id:panel"}
    ),
    "members.edit": Spec("coord", {**PREFS, "group": TEXT, "panel": "id:panel"}),
    "members.panels": Spec("coord", PANEL),
    "members.edit_panel": Spec("coord", PANEL),
    "members.lived": Spec("coord", {"who": "choice:nobody|group-0|group-1|panel-1|panel-99"}),
    "members.remove": Spec("coord"),
    "members.sign_in_link": Spec("coord"),
    "candidates.add": Spec("coord", CANDIDATE),
    "candidates.edit": Spec("coord", CANDIDATE),
    "candidates.remove": Spec("coord"),
    "candidates.import_csv": Spec("coord", {"file": "file:csv"}, kind="multipart"),
    "plan.settings": Spec(
        "coord", {"start": "time", "end_by": "time", **{m: "number" for m in MINUTE_SETTINGS}}
    ),
    "plan.order": Spec("coord", {"candidate_id": "id:cand", "direction": "choice:up|down"}),
    "plan.late": Spec("coord", {"candidate": "id:cand", "minutes": "number"}),
    "plan.times": Spec(
        "coord", {"times": "number", "self_booking": "bool", "cutoff_hours": "number"}
    ),
    "plan.place_time": Spec("coord", {"place-candidate": "id:cand", "place-time": "number"}),
    "live.screen": Spec(
        "sam",
        {"action": "choice:start|next|back|pause|resume|more_time", "version": "number"},
    ),
    "live.panel_screen": Spec(
        "sam",
        {"action": "choice:start|next|back|pause|resume|more_time", "version": "number"},
    ),
    "questions.new": Spec("sam", QUESTION),
    "questions.edit": Spec("sam", QUESTION),
    "questions.check": Spec("sam", {"text": TEXT}, kind="json"),
    "questions.mark": Spec("sam", {"mark": "choice:keep|change|remove", "suggestion": TEXT}),
    "questions.accept": Spec("sam", args={"question_id": "draft"}),
    "questions.decide": Spec("sam", {"decision": "choice:agreed|removed|draft"}),
    "questions.move": Spec("sam", {"direction": "choice:up|down"}),
    "questions.picture": Spec("sam", {"code": "choice:none|1F91D"}),
    "questions.photo_upload": Spec("sam", {"photo": "file:image"}, kind="multipart"),
    "questions.bank": Spec("sam", {"bank": "choice:support-worker", "keys": TEXT}),
    "invitations.adjustments": Spec(
        "anon", {"choices": "choice:quiet-room|more-time|written-questions", "other": TEXT}
    ),
    "invitations.adjustments_on_page": Spec(
        "anon", {"choices": "choice:quiet-room|more-time|written-questions", "other": TEXT}
    ),
    "invitations.choose_time": Spec("anon", {"time": "number"}),
    "invitations.cancel_time": Spec("anon"),
    "invitations.settings": Spec("coord", {"share_questions": "bool", "links": "choice:open"}),
    "invitations.change_link": Spec("coord"),
    "invitations.close_links": Spec("coord"),
    "invitations.outcome": Spec(
        "coord", {"outcome": TEXT, "feedback": TEXT, "save_anyway": "bool"}
    ),
    "mail.settings": Spec(
        "coord",
        {"remind_candidates": "bool", "remind_members": "bool", "score_reminders": "number"},
    ),
    "mail.resend": Spec("coord"),
    "mail.email_all": Spec("coord"),
    "mail.email_invitation": Spec("coord"),
    "mail.email_outcome": Spec("coord"),
    "mail.email_link": Spec("coord"),
    # Asking for a link counts a try from the address (as a sign-in does).
    "mail.ask_sign_in": Spec("anon", {"email": "email"}, counters=frozenset({"sign_in_throttle"})),
    "mail.ask_invitation": Spec(
        "anon", {"email": "email"}, counters=frozenset({"sign_in_throttle"})
    ),
    "results.status": Spec("hr", {"action": "choice:close|reopen", "reason": TEXT}),
    "results.show": Spec(
        "hr", {"action": "choice:parity|finalise", "parity": "bool", "reason": TEXT}
    ),
    "results.upload": Spec("coord", {"file": "file:job"}, kind="multipart"),
    "decision.open_meeting": Spec("coord"),
    "decision.decide": Spec(
        "coord",
        {
            "proposal": "choice:offer|reserve|not_this_time",
            "reason": TEXT,
            "action": "choice:change",
            "change_reason": TEXT,
        },
    ),
    "decision.answer": Spec(
        "sam",
        {
            "answer": "choice:agree|disagree|not_sure",
            "phrase": "choice:kind|listened",
            "note": TEXT,
        },
    ),
    "decision.release": Spec("coord"),
    "decision.feedback": Spec("sam", FACES),
    "decision.candidate_feedback": Spec("anon", FACES),
    "orgs.invite": Spec("coord", {"name": TEXT, "email": "email", "role": ORG_ROLE}),
    "orgs.rename": Spec("coord", {"name": TEXT}),
    "orgs.settings": Spec("coord", {"display_name": TEXT, "contact": TEXT}),
    "orgs.sign_in_rules": Spec("coord", {"require_two_step": "bool"}),
    "orgs.role": Spec("coord", {"role": ORG_ROLE}),
    "orgs.remove": Spec("coord"),
    "orgs.sign_in_link": Spec("coord"),
    "orgs.switch": Spec("coord", {"organisation": "id:org"}),
    "pay.job_rates": Spec("coord", PAY_RATES),
    "pay.org_rates": Spec("coord", {**PAY_RATES, "currency": "choice:GBP|EUR"}),
    "pay.day_times": Spec("coord"),
    "pay.through_job": Spec("coord", {"through_job": "choice:y|n"}),
    "pay.add_time": Spec("coord", PAY_TIME),
    "pay.remove_time": Spec("coord"),
    "pay.decide": Spec("coord", {"decision": "choice:approved|refused", "reason": TEXT}),
    "pay.paid": Spec("coord", {"paid_on": "date", "how": TEXT}),
    "pay.choice": Spec(
        "sam",
        {"choice": "choice:lower|full|none|charity|vouchers", "lower": "number", "charity": TEXT},
    ),
    "pay.check_time": Spec("sam", {"answer": "choice:wrong|confirmed", "note": TEXT}),
    "pay.add_spent": Spec(
        "sam",
        {
            "kind": "choice:fare|mileage|taxi",
            "day": "date",
            "amount": "number",
            "miles": "number",
            "description": TEXT,
            "receipt": "file:image",
            "no_receipt": "bool",
            "no_receipt_reason": TEXT,
        },
        kind="multipart",
    ),
    "privacy.organisation": Spec(
        "coord", {"keep_months": "number", "keep_appointed_months": "number"}
    ),
    "privacy.hold": Spec("coord", {"reason": TEXT}),
    "privacy.release": Spec("coord"),
    "privacy.appointed": Spec("coord", {"candidate": "id:cand"}),
    "privacy.remove_early": Spec("coord"),
    "privacy.candidate_export": Spec("coord"),
    "privacy.candidate_delete": Spec("coord"),
    "privacy.member_export": Spec("coord"),
    "privacy.member_delete": Spec("coord"),
    "scoring.set_view": Spec("sam", {"view": "choice:one|all", "candidate_id": "id:cand"}),
    "scoring.sheet": Spec("sam", SHEET, refusal_adds=EMPTY_SHEET),
    "scoring.amend": Spec("sam", SHEET, args={"candidate_id": "cand_sent"}),
    "scoring.on_behalf": Spec("hr", SHEET, refusal_adds=EMPTY_SHEET),
    "scoring.send": Spec(
        "sam",
        {
            "client_id": TEXT,
            "version": "number",
            "answers": "answers",
            "note": TEXT,
            "submit": "bool",
            "reason": TEXT,
        },
        kind="json",
        refusal_adds=EMPTY_SHEET,
    ),
    "prepare.agree": Spec("sam"),
    "prepare.my_working": Spec("sam", {"helps": TEXT, "support_worker": TEXT}),
    "prepare.answer": Spec("sam", {"answer": "choice:yes|no|not_sure", "member": "id:member"}),
    "prepare.add_training": Spec(
        "sam", {"kind": "choice:training|shadowing", "what": TEXT, "day": "choice:2026-11-20"}
    ),
    "prepare.meetings": Spec("coord", MEETING),
    "prepare.meeting": Spec("coord", MEETING),
    "prepare.attended": Spec("coord", {"came": "id:member"}),
    "prepare.meeting_pay": Spec("coord"),
    "prepare.remove_meeting": Spec("coord"),
    "prepare.member_working": Spec("coord", {"helps": TEXT, "support_worker": TEXT}),
    "prepare.profiles": Spec(
        "coord",
        {
            "name": TEXT,
            "words": TEXT,
            "symbol": "choice:1F3B5|",
            "photo": "file:image",
            "consent_by": TEXT,
            "consent": "bool",
        },
        kind="multipart",
    ),
    "prepare.withdraw_profile": Spec("coord"),
}
SPECS.update(
    {
        "shortlist.add_quality": Spec("sam", {"kind": "choice:quality|summary", "easy_read": TEXT}),
        "shortlist.mark_quality": Spec(
            "sam", {"mark": "choice:keep|change|remove", "suggestion": TEXT}
        ),
        "shortlist.change_words": Spec("sam", {"easy_read": TEXT}),
        "shortlist.quality_picture": Spec("sam", {"code": "choice:none|1F91D"}),
        "shortlist.question_qualities": Spec("sam", {"quality": "id:quality"}),
        "shortlist.apply": Spec("anon", APPLY, refusal_adds=APPLY_COUNTS, counters=APPLY_COUNTS),
        "shortlist.apply_draft": Spec(
            "anon", APPLY, refusal_adds=APPLY_COUNTS, counters=APPLY_COUNTS
        ),
        "shortlist.setup": Spec("coord", {"prompts": TEXT, "open": "bool"}),
        "shortlist.add_application": Spec(
            "coord", {k: v for k, v in APPLY.items() if k != "action"}
        ),
        "shortlist.import_applications": Spec("coord", {"file": "file:csv"}, kind="multipart"),
        "shortlist.review_application": Spec(
            "sam",
            {
                "q-k1": "choice:1|2|3|dk",
                "note": TEXT,
                "action": "choice:save|send",
                "version": "number",
            },
        ),
        "shortlist.close_review": Spec("coord"),
        "shortlist.decide": Spec("coord", {"application": "id:application", "note": TEXT}),
    }
)
ARG_IDS = {
    "job_id": "job",
    "candidate_id": "cand",
    "member_id": "member",
    "question_id": "question",
    "mark_id": "mark",
    "user_id": "sam",
    "membership_id": "hr_membership",
    "entry_id": "entry",
    "expense_id": "expense",
    "message_id": "message",
    "panel_id": "panel",
    "meeting_id": "meeting",
    "profile_id": "profile",
    "quality_id": "quality",
    "application_id": "application",
}
QUERY_NAMES = ("step", "finish", "member", "view", "n", "words", "bank", "next", "sent")
_ARG = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


def _rules(app, method: str):
    return sorted(
        (r for r in app.url_map.iter_rules() if method in r.methods and r.endpoint != "static"),
        key=lambda r: (r.endpoint, r.rule),
    )


def _url(rule, world, spec: Spec | None, bad: dict[str, str] | None = None) -> str:
    """The rule's address with the world's ids; ``bad`` puts other text in named slots."""
    bad = bad or {}

    def fill(match: re.Match) -> str:
        converter, options, name = match.groups()
        if name in bad:
            return quoted(bad[name])
        if converter == "any":
            return options.split(",")[0].strip()
        if converter == "int":
            key = (spec.args if spec else {}).get(name, ARG_IDS.get(name, name))
            return str(world.ids[key])
        if name == "token":
            if rule.endpoint.startswith("shortlist."):
                return world.tokens["apply"]
            return world.tokens["link" if rule.endpoint.startswith("auth.") else "invite"]
        if name == "resume":
            return world.tokens["resume"]
        return {"code": "1F91D", "name": "x.jpg", "filename": "css/panels.css"}.get(name, "x")

    return _ARG.sub(fill, rule.rule)


VALID_PLAIN = {
    TEXT: "Good words here",
    "email": "new.person@example.org",
    "bool": "y",
    "date": "2026-12-15",
    "time": "10:00",
    "number": "15",
}


def _valid(kind: str, world) -> object:
    if kind in VALID_PLAIN:
        return VALID_PLAIN[kind]
    if kind.startswith("choice:"):
        return kind.split(":", 1)[1].split("|")[0]
    if kind.startswith("id:"):
        return str(world.ids[kind[3:]])
    files = {
        "answers": lambda: {"q1": 2, "q2": "dk"},
        "file:csv": lambda: (b"name,email\nAmy Lee,amy@example.org\n", "candidates.csv"),
        "file:job": lambda: (job_file(), "job.json"),
        "file:image": lambda: (PNG, "photo.png"),
    }
    if kind in files:
        return files[kind]()
    raise AssertionError(kind)


def _hostile_file(kind: str, text: str) -> tuple[bytes, str]:
    raw = text.encode("utf-8", "surrogatepass")
    if kind == "file:csv":
        return (b"name,email,phone,adjustments\n" + raw + b"," + raw + b",," + raw + b"\n", "c.csv")
    if kind == "file:job":
        return (job_file({"job.ref": text, "members.0.group": text}), "job.json")
    return (raw, text[:50] or "x.png")


def _is_placeholder(spec: Spec, name: str, value: object) -> bool:
    """True for the stand-in that means "a valid value for this field"."""
    return isinstance(value, str) and value == spec.fields.get(name)


def _send(client, rule, world, spec: Spec, values, bad_args=None, raw=None, query=None):
    url = _url(rule, world, spec, bad_args)
    if query:
        url += "?" + "&".join(f"{quoted(k)}={quoted(v)}" for k, v in query.items())
    if spec.kind == "json":
        body = raw if raw is not None else json.dumps(values)
        return client.post(url, data=body, content_type="application/json")
    pairs: list[tuple[str, object]] = []
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))
    if spec.kind == "multipart":
        return client.post(
            url,
            data=multipart_body(pairs),  # type: ignore[arg-type]
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
        )
    return client.post(
        url,
        data=form_body(pairs),  # type: ignore[arg-type]
        content_type="application/x-www-form-urlencoded",
    )


def _check(app, client, world, rule, spec: Spec, send) -> int:
    """Send from the world, check the answer and the tables, undo it all. Returns the status."""
    actor = None if spec.actor == "anon" else world.ids[spec.actor]
    # A live session first (signing in is not the request's change): made once per test
    # and person, outside the check's savepoint, and put back in the client's cookie.
    if actor is not None and actor not in _SESSIONS:
        _SESSIONS[actor] = start_session(actor, app)
    with client.session_transaction() as session:
        session.clear()
        session.update(_SESSIONS.get(actor, {}))
    before = _tables_before(app)
    with undone_after():
        sent = _WRITES.count
        try:
            return _check_once(app, world, rule, spec, send, before)
        finally:
            _WRITES.undone += _WRITES.count - sent  # undone when the savepoint is rolled back


_SESSIONS: dict[int, dict] = {}  # this test's live session for each person: its keys


class _Known:
    """The tables as every check of this test starts from them, and when they were read."""

    tables: dict[str, list[str]] | None = None
    outside = -1  # statements that may change a row, sent outside any check, by then


def _tables_before(app) -> dict[str, list[str]]:
    """The tables as they are outside the checks' savepoints: read once, and again only
    after a statement that may change a row was sent outside a check (a new session)."""
    outside = _WRITES.count - _WRITES.undone
    if _Known.tables is None or _Known.outside != outside:
        with app.app_context():
            _Known.tables = snapshot()
            db.session.remove()
        _Known.outside = outside
    return _Known.tables


def _check_once(app, world, rule, spec: Spec, send, before) -> int:
    # The tables are read only when the request sent a statement that may change a row,
    # before its savepoint is rolled back; ``before`` is how every check starts.
    writes = _WRITES.count
    response = send(world)
    status = response.status_code
    where = f"{rule.endpoint} {rule.rule}"
    assert status < 500, f"{where}: {status}"
    changed: set[str] = set()
    problems: list[str] = []
    if _WRITES.count != writes:
        with app.app_context():
            after = snapshot()
            changed = {name for name in before if before[name] != after[name]}
            problems = invalid_rows(changed) if status < 400 else []
            db.session.remove()
    if 400 <= status < 500:
        unexpected = changed - spec.refusal_adds - spec.counters
        assert not unexpected, f"{where} answered {status} but changed {sorted(unexpected)}"
        for name in changed & spec.refusal_adds:
            lost = set(before[name]) - set(after[name])
            assert not lost, f"{where} answered {status} but changed rows of {name}"
    else:
        assert not problems, f"{where} answered {status} and saved: {problems}"
    return status


class _Writes:
    """Statements sent that may change rows (while a fuzz test runs), and how many of them
    were undone with a check's savepoint."""

    WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)

    def __init__(self) -> None:
        self.count = 0
        self.undone = 0

    def seen(self, _conn, _cursor, statement, *_args) -> None:
        if self.WRITE.match(statement):
            self.count += 1


_WRITES = _Writes()


@pytest.fixture(autouse=True)
def _count_writes(app):
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", _WRITES.seen)
    _SESSIONS.clear()
    _Known.tables = None  # each test has its own transaction: its tables are read afresh
    yield
    _SESSIONS.clear()
    _Known.tables = None
    event.remove(engine, "before_cursor_execute", _WRITES.seen)


# --- which routes --------------------------------------------------------------------------


def test_every_post_route_is_fuzzed(app) -> None:
    """A new POST route fails here until it has an entry in SPECS."""
    posted = {r.endpoint for r in _rules(app, "POST")}
    assert posted - set(SPECS) == set(), "add these to SPECS in tests/views/test_fuzz.py"
    assert set(SPECS) - posted == set(), "these SPECS name no POST route any more"


def _post_rules():
    from panels import create_app
    from panels.config import TestConfig

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": TestConfig.SECRET_KEY})
    return [(r.endpoint, r.rule) for r in _rules(app, "POST")]


POST_RULES = _post_rules()


def _rule(app, endpoint: str, rule_text: str):
    return next(
        r for r in app.url_map.iter_rules() if r.rule == rule_text and r.endpoint == endpoint
    )


# --- a fixed battery per route ----------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_world(app):
    """The world, built once (hashing passwords is slow); each request starts from it.

    Built outside any test's rolled-back transaction, so it is committed for real and
    every table is emptied when the module is done.
    """
    with app.app_context():
        world = seed()
    yield world
    empty_every_table(app)


BATTERY_TEXT = ("\x00", "\ud800", "a" * 100_000, HUGE_IDS[1], HUGE_IDS[3], "-1", "")


@pytest.mark.parametrize(("endpoint", "rule_text"), POST_RULES, ids=[e for e, _ in POST_RULES])
def test_fixed_hostile_battery(app, fuzz_world, endpoint, rule_text) -> None:
    rule = _rule(app, endpoint, rule_text)
    spec = SPECS[endpoint]
    client = app.test_client()
    world = fuzz_world
    valid = {name: _valid(kind, world) for name, kind in spec.fields.items()}

    def bad_value(kind: str, text: str) -> object:
        return _hostile_file(kind, text) if kind.startswith("file:") else text

    sends = []
    # Huge and non-ids in every id slot of the address.
    for name in re.findall(r"<int:(\w+)>", rule.rule):
        for bad in (HUGE_IDS[0], HUGE_IDS[1], NOT_IDS[0]):
            sends.append(lambda w, n=name, b=bad: _send(client, rule, w, spec, valid, {n: b}))
    # Each hostile value in every field at once.
    for bad in BATTERY_TEXT:
        values = {name: bad_value(kind, bad) for name, kind in spec.fields.items()}
        sends.append(lambda w, v=values: _send(client, rule, w, spec, v))
    # A huge number in one field at a time, the others valid.
    for name, kind in spec.fields.items():
        values = {**valid, name: bad_value(kind, HUGE_IDS[1])}
        sends.append(lambda w, v=values: _send(client, rule, w, spec, v))
    # Nothing at all, and an unknown field.
    sends.append(lambda w: _send(client, rule, w, spec, {}))
    sends.append(lambda w: _send(client, rule, w, spec, {**valid, "zzz": "a" * 1000}))
    if spec.kind == "json":
        for raw in RAW_JSON:
            sends.append(lambda w, r=raw: _send(client, rule, w, spec, {}, raw=r))
        for bad in JSON_HOSTILE:
            values = {name: bad for name in spec.fields}
            sends.append(lambda w, v=values: _send(client, rule, w, spec, v))
    # The valid request itself must not be a 5xx either.
    sends.append(lambda w: _send(client, rule, w, spec, valid))
    for send in sends:
        _check(app, client, world, rule, spec, send)


# --- hypothesis examples per route ------------------------------------------------------------


def _field_value(kind: str):
    hostile = st.sampled_from(HOSTILE_TEXT) | st.text(max_size=12)
    if kind.startswith("file:"):
        return st.one_of(
            st.just(kind),  # stands for the valid file
            hostile.map(lambda text: _hostile_file(kind, text)),
            st.binary(max_size=64).map(lambda data: (data, "upload.bin")),
        )
    if kind == "answers":
        keys = st.sampled_from(["q1", "q2", "hello", "gone", "zzz", "\ud800", ""])
        return st.dictionaries(keys, st.sampled_from(JSON_HOSTILE), max_size=3)
    return st.one_of(st.just(kind), hostile, st.lists(hostile, min_size=2, max_size=3))


def _json_value():
    scalar = st.sampled_from(JSON_HOSTILE) | st.integers() | st.floats(allow_nan=False)
    return st.recursive(
        scalar,
        lambda kids: (
            st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=3)
        ),
        max_leaves=6,
    )


@st.composite
def _request(draw, spec: Spec):
    values: dict[str, object] = {}
    for name, kind in spec.fields.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # a missing field
        if spec.kind == "json" and draw(st.booleans()):
            values[name] = draw(_json_value())
        else:
            values[name] = draw(_field_value(kind))
    if draw(st.integers(0, 4)) == 0:
        values[draw(st.sampled_from(["zzz", "csrf_token", "q-zzz", "\x00"]))] = draw(
            st.sampled_from(HOSTILE_TEXT)
        )
    bad_args = {}
    if draw(st.integers(0, 3)) == 0:
        slot = draw(
            st.sampled_from(["job_id", "candidate_id", "member_id", "question_id", "token"])
        )
        bad_args[slot] = draw(st.sampled_from(HUGE_IDS + NOT_IDS + ("\x00", "\ud800")))
    query = {}
    if draw(st.integers(0, 3)) == 0:
        query[draw(st.sampled_from(QUERY_NAMES))] = draw(st.sampled_from(HOSTILE_TEXT[:24]))
    return values, bad_args, query


EXAMPLES = 6  # per route; about 250 in all with the battery's several hundred


@pytest.mark.parametrize(("endpoint", "rule_text"), POST_RULES, ids=[e for e, _ in POST_RULES])
def test_hypothesis_examples(app, fuzz_world, endpoint, rule_text) -> None:
    rule = _rule(app, endpoint, rule_text)
    spec = SPECS[endpoint]
    client = app.test_client()
    world = fuzz_world

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_request(spec))
    def run(drawn) -> None:
        values, bad_args, query = drawn

        def send(w):
            filled = {
                name: _valid(value, w) if _is_placeholder(spec, name, value) else value
                for name, value in values.items()
            }
            return _send(client, rule, w, spec, filled, bad_args, query=query)

        _check(app, client, world, rule, spec, send)

    run()


# --- GET routes -------------------------------------------------------------------------------


SLOW_MEDIA = {"invitations.pdf", "invitations.audio", "audio.clip"}


def test_get_routes_with_huge_ids_and_hostile_queries(app, fuzz_world, monkeypatch) -> None:
    client = app.test_client()
    world = fuzz_world
    with app.app_context():
        restore(world)
        # A worker is alive (and stays so however long this takes): /healthz answers 200.
        monkeypatch.setitem(app.config, "WORKER_HEARTBEAT_STALE_SECONDS", 10**9)
        queue.beat("fuzz-worker", utcnow())
        # One session for the whole walk, however long it takes: its "last seen" is not
        # written (a refused request's own bookkeeping) and it does not time out.
        monkeypatch.setitem(app.config, "SESSION_TOUCH_MINUTES", 10**6)
        monkeypatch.setitem(app.config, "COORDINATOR_IDLE_MINUTES", 10**6)
    sign_in_as(client, world.ids["coord"])  # a coordinator on the panel: may open every page
    query = "&".join(f"{name}={quoted(HUGE_IDS[1])}" for name in QUERY_NAMES)
    checked = 0
    known = None  # the database as the last refused request left it (a refusal changes nothing)
    known_writes = 0  # the statements that may change rows, counted when it was read
    for rule in _rules(app, "GET"):
        slots = re.findall(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", rule.rule)
        tries = [{slot: bad} for slot in slots for bad in (*HUGE_IDS, "\x00")]
        if rule.endpoint not in SLOW_MEDIA:
            tries.append({})  # the right ids, hostile query values
        for bad in tries:
            url = _url(rule, world, SPECS.get(rule.endpoint), bad) + "?" + query
            if known is None:
                with app.app_context():
                    known = snapshot()
                    known_writes = _WRITES.count
            before = known
            response = client.get(url)
            checked += 1
            assert response.status_code < 500, f"GET {url[:120]}: {response.status_code}"
            if 400 <= response.status_code < 500:
                if _WRITES.count == known_writes:
                    continue  # no statement that may change a row: the tables are as known
                with app.app_context():
                    known = snapshot()
                    known_writes = _WRITES.count
                changed = [t for t in before if before[t] != known[t]]
                assert not changed, f"GET {url[:120]} refused but changed {changed}"
            elif _WRITES.count != known_writes:
                known = None  # a page shown may keep a note of it (the results' viewing)
    assert checked > 100
